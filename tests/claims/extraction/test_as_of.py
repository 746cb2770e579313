"""The day a figure is stated for, read from the text against the article's date: the latest day a
sentence names that is not an event's own, a later day of a night, "last" and "the day before
yesterday", a paragraph's day carried to its next sentences, the same figure's day, months with
their year, and the day an article dated by its month speaks from. Every sentence is written for
these tests; the places are invented."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import extract

# A Wednesday.
PUBLISHED = date(2024, 3, 13)
MONDAY, TUESDAY, SUNDAY = date(2024, 3, 11), date(2024, 3, 12), date(2024, 3, 10)


def _claim(text: str, language: str, value: int, published: date = PUBLISHED, precision: str = "day"):
    found = [c for c in extract(text, language=language, published=published, published_precision=precision)
             if c.value == value or c.lower == value]
    assert found, f"no claim of {value} in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The storm that struck Corvale on Sunday has killed 48 people, the regional office said on Tuesday.", "en"),
        ("La tempête qui a frappé Corvale dimanche a fait 48 morts, a indiqué mardi le bureau régional.", "fr"),
        ("El temporal que azotó Corvale el domingo dejó 48 muertos, informó el martes la oficina regional.", "es"),
        ("Das Unwetter, das sich am Sonntag ereignete, hat 48 Menschen getötet, teilte das Amt am Dienstag mit.", "de"),
        ("قتل 48 شخصا في العاصفة التي ضربت كورفال يوم الأحد، بحسب ما أعلنت السلطات يوم الثلاثاء.", "ar"),
        ("Шторм, который произошел в воскресенье, унес жизни 48 человек, сообщили во вторник в ведомстве.", "ru"),
    ],
)
def test_the_day_a_toll_is_given_not_the_events_day(text: str, language: str) -> None:
    # when
    claim = _claim(text, language, 48)
    # then
    assert (claim.as_of, claim.as_of_precision) == (TUESDAY, "day")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The storm that struck Corvale on Sunday has killed 48 people.", "en"),
        ("La tempête survenue dimanche à Corvale a fait 48 morts.", "fr"),
        ("El temporal que azotó Corvale el domingo dejó 48 muertos.", "es"),
        ("Das Unwetter, das sich am Sonntag in Corvale ereignete, hat 48 Menschen getötet.", "de"),
        ("لقي 48 شخصا حتفهم في العاصفة التي ضربت كورفال يوم الأحد.", "ar"),
        ("В результате шторма, который произошел в воскресенье в Корвале, погибли 48 человек.", "ru"),
    ],
)
def test_an_events_day_alone_leaves_the_report_its_own_day(text: str, language: str) -> None:
    # when
    claim = _claim(text, language, 48)
    # then
    assert (claim.as_of, claim.as_of_precision) == (PUBLISHED, "day")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("At least 17 people were killed in Corvale in the night from Monday to Tuesday.", "en"),
        ("Au moins 17 personnes sont mortes dans la nuit du lundi au mardi à Corvale.", "fr"),
        ("Al menos 17 personas murieron en la noche del lunes al martes en Corvale.", "es"),
        ("Mindestens 17 Menschen starben in der Nacht von Montag auf Dienstag in Corvale.", "de"),
        ("قتل 17 شخصا على الأقل في كورفال ليل الاثنين الثلاثاء.", "ar"),
        ("По меньшей мере 17 человек погибли в Корвале в ночь с понедельника на вторник.", "ru"),
    ],
)
def test_a_night_is_the_day_it_ends(text: str, language: str) -> None:
    # (In Russian a guard: "с понедельника" opens a period, never the figure's day.)
    # when
    claim = _claim(text, language, 17)
    # then
    assert claim.as_of == TUESDAY


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("Officials said last Wednesday that 26 people were missing in Corvale.", "en", date(2024, 3, 6)),
        ("Mercredi dernier, 26 personnes étaient portées disparues à Corvale.", "fr", date(2024, 3, 6)),
        ("El pasado miércoles había 26 desaparecidos en Corvale.", "es", date(2024, 3, 6)),
        ("Am vergangenen Mittwoch galten in Corvale 26 Menschen als vermisst.", "de", date(2024, 3, 6)),
        ("كان 26 شخصا في عداد المفقودين في كورفال يوم الأربعاء الماضي.", "ar", date(2024, 3, 6)),
        ("В прошлую среду в Корвале пропавшими без вести числились 26 человек.", "ru", date(2024, 3, 6)),
        ("The day before yesterday 26 people were missing in Corvale.", "en", MONDAY),
        ("Avant-hier, 26 personnes étaient portées disparues à Corvale.", "fr", MONDAY),
        ("Anteayer había 26 desaparecidos en Corvale.", "es", MONDAY),
        ("Vorgestern galten in Corvale 26 Menschen als vermisst.", "de", MONDAY),
        ("كان 26 شخصا في عداد المفقودين في كورفال أول أمس.", "ar", MONDAY),
        ("Позавчера в Корвале пропавшими без вести числились 26 человек.", "ru", MONDAY),
    ],
)
def test_last_weekday_and_the_day_before_yesterday(text: str, language: str, day: date) -> None:
    # when
    claim = _claim(text, language, 26)
    # then
    assert (claim.as_of, claim.as_of_precision) == (day, "day")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Yesterday rescuers were still digging in Corvale; the toll stands at 61 dead.", "en"),
        ("Hier, les secours creusaient encore à Corvale ; le bilan atteint 61 morts.", "fr"),
        ("Ayer los rescatistas seguían excavando en Corvale; el balance asciende a 61 muertos.", "es"),
        ("Gestern gruben die Helfer in Corvale noch; die Zahl der Toten liegt bei 61.", "de"),
        ("كانت فرق الإنقاذ تحفر أمس في كورفال؛ وبلغت الحصيلة 61 قتيلا.", "ar"),
        ("Вчера спасатели еще вели раскопки в Корвале; число погибших достигло 61.", "ru"),
    ],
)
def test_a_day_named_beyond_a_semicolon_is_not_the_figures(text: str, language: str) -> None:
    # when
    claim = _claim(text, language, 61)
    # then
    assert claim.as_of == PUBLISHED


@pytest.mark.parametrize(
    ("text", "language", "month"),
    [
        ("In July 2011, more than 53 people drowned off Corvale.", "en", date(2011, 7, 1)),
        ("Entre janvier et août 2011, l'épidémie avait fait 53 morts à Corvale.", "fr", date(2011, 8, 1)),
        ("En julio de 2011, más de 53 personas murieron ahogadas frente a Corvale.", "es", date(2011, 7, 1)),
        ("Im Juli 2011 ertranken vor Corvale mehr als 53 Menschen.", "de", date(2011, 7, 1)),
        ("في يوليو 2011 غرق أكثر من 53 شخصا قبالة كورفال.", "ar", date(2011, 7, 1)),
        ("В конце июля 2011 года у побережья Корвале утонули более 53 человек.", "ru", date(2011, 7, 1)),
    ],
)
def test_a_month_keeps_its_year(text: str, language: str, month: date) -> None:
    # when
    claim = _claim(text, language, 53)
    # then
    assert (claim.as_of, claim.as_of_precision) == (month, "month")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ministry said on Monday evening that 112 people had died in Corvale. Its previous toll was 97.", "en"),
        ("Le ministère a annoncé lundi soir que 112 personnes étaient mortes à Corvale. Son précédent bilan était de 97 morts.", "fr"),
        ("El ministerio informó el lunes por la noche de 112 muertos en Corvale. Su balance anterior era de 97 muertos.", "es"),
        ("Das Ministerium meldete am Montagabend 112 Tote in Corvale. Seine vorherige Bilanz lag bei 97 Toten.", "de"),
        ("أعلنت الوزارة مساء الاثنين مقتل 112 شخصا في كورفال. وكانت حصيلتها السابقة 97 قتيلا.", "ar"),
        ("В понедельник вечером министерство сообщило о 112 погибших в Корвале. Предыдущие данные — 97 погибших.", "ru"),
    ],
)
def test_a_paragraphs_day_carries_to_its_next_figures(text: str, language: str) -> None:
    # when
    claim = _claim(text, language, 97)
    # then
    assert (claim.as_of, claim.as_of_precision) == (MONDAY, "day")
    assert "time.carried" in claim.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ministry said on Monday evening that 112 people had died in Corvale. The toll now stands at 130.", "en"),
        ("Le ministère a annoncé lundi soir 112 morts à Corvale. Le bilan atteint désormais 130 morts.", "fr"),
        ("El ministerio informó el lunes de 112 muertos en Corvale. Ahora el balance asciende a 130 muertos.", "es"),
        ("Das Ministerium meldete am Montag 112 Tote in Corvale. Inzwischen liegt die Zahl der Toten bei 130.", "de"),
        ("أعلنت الوزارة يوم الاثنين مقتل 112 شخصا في كورفال. وارتفعت الحصيلة الآن إلى 130 قتيلا.", "ar"),
        ("В понедельник министерство сообщило о 112 погибших в Корвале. Сейчас число погибших достигло 130.", "ru"),
    ],
)
def test_a_figure_of_now_keeps_the_articles_day(text: str, language: str) -> None:
    # A guard on carrying a paragraph's day: "now" speaks of the article's own day.
    # when
    claim = _claim(text, language, 130)
    # then
    assert claim.as_of == PUBLISHED


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Fires in Corvale: at least 112 dead\n\nThe ministry said on Sunday that 112 people had died.", "en"),
        ("Incendies à Corvale : au moins 112 morts\n\nLe ministère a annoncé dimanche que 112 personnes étaient mortes.", "fr"),
        ("Incendios en Corvale: al menos 112 muertos\n\nEl ministerio informó el domingo de 112 muertos.", "es"),
        ("Brände in Corvale: mindestens 112 Tote\n\nDas Ministerium meldete am Sonntag 112 Tote.", "de"),
        ("حرائق كورفال: 112 قتيلا على الأقل\n\nأعلنت الوزارة يوم الأحد مقتل 112 شخصا.", "ar"),
        ("Пожары в Корвале: не менее 112 погибших\n\nВ воскресенье министерство сообщило о 112 погибших.", "ru"),
    ],
)
def test_a_headline_figure_takes_the_day_the_body_gives_it(text: str, language: str) -> None:
    # when
    headline = _claim(text, language, 112)
    # then
    assert (headline.as_of, headline.as_of_precision) == (SUNDAY, "day")
    assert "time.same_figure" in headline.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Collapse in Corvale\n\nOn 12 March, rescuers pulled 14 more bodies from the rubble.\n\n"
         "Some 9 workers remain missing. On Monday, 31 were hurt.", "en"),
        ("Effondrement à Corvale\n\nLe 12 mars, les secours ont retiré 14 corps des décombres.\n\n"
         "Quelque 9 ouvriers restent portés disparus. Lundi, 31 ont été blessés.", "fr"),
        ("Derrumbe en Corvale\n\nEl 12 de marzo, los rescatistas sacaron 14 cuerpos de los escombros.\n\n"
         "Unos 9 obreros siguen desaparecidos. El lunes, 31 resultaron heridos.", "es"),
        ("Einsturz in Corvale\n\nAm 12. März bargen Helfer 14 Leichen aus den Trümmern.\n\n"
         "Rund 9 Arbeiter werden weiter vermisst. Am Montag wurden 31 verletzt.", "de"),
        ("انهيار في كورفال\n\nفي 12 مارس انتشلت فرق الإنقاذ 14 جثة من تحت الأنقاض.\n\n"
         "ولا يزال 9 عمال في عداد المفقودين. وأصيب 31 شخصا يوم الاثنين.", "ar"),
        ("Обрушение в Корвале\n\n12 марта спасатели извлекли из-под завалов 14 тел.\n\n"
         "Около 9 рабочих по-прежнему считаются пропавшими. В понедельник пострадали 31 человек.", "ru"),
    ],
)
def test_an_article_dated_by_its_month_speaks_from_the_last_day_it_names(text: str, language: str) -> None:
    # given
    month = date(2024, 3, 1)
    # when
    missing = _claim(text, language, 9, published=month, precision="month")
    injured = _claim(text, language, 31, published=month, precision="month")
    # then
    assert (missing.as_of, missing.as_of_precision) == (TUESDAY, "day")
    assert (injured.as_of, injured.as_of_precision) == (MONDAY, "day")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Assembly backs a truce in Corvale\n\nThe General Assembly adopted a resolution on Corvale.\n\n"
         "The vote, held on Monday after two days of debate, ended a long deadlock.\n\n"
         "The text passed with 121 votes in favour and 14 against.", "en"),
        ("L'Assemblée soutient une trêve à Corvale\n\nL'Assemblée générale a adopté une résolution sur Corvale.\n\n"
         "Le vote, tenu lundi après deux jours de débats, a mis fin à un long blocage.\n\n"
         "Le texte a été adopté par 121 voix pour et 14 contre.", "fr"),
        ("La Asamblea respalda una tregua en Corvale\n\nLa Asamblea General adoptó una resolución sobre Corvale.\n\n"
         "La votación, celebrada el lunes tras dos días de debate, puso fin a un largo bloqueo.\n\n"
         "El texto se aprobó con 121 votos a favor y 14 en contra.", "es"),
        ("Vollversammlung für Waffenruhe in Corvale\n\nDie UN-Vollversammlung nahm eine Resolution zu Corvale an.\n\n"
         "Die Abstimmung am Montag beendete nach zwei Tagen Debatte eine lange Blockade.\n\n"
         "Die Resolution wurde mit 121 Stimmen angenommen, 14 Staaten stimmten dagegen.", "de"),
        ("الجمعية العامة تؤيد هدنة في كورفال\n\nتبنت الجمعية العامة للأمم المتحدة قرارا بشأن كورفال.\n\n"
         "وجرى التصويت يوم الاثنين بعد يومين من النقاش.\n\n"
         "وحصل القرار على تأييد 121 دولة مقابل 14 صوتا ضده.", "ar"),
        ("Генассамблея поддержала перемирие в Корвале\n\nГенассамблея ООН одобрила резолюцию о Корвале.\n\n"
         "Голосование прошло в понедельник после двух дней дебатов.\n\n"
         "За резолюцию проголосовали 121 государство, против — 14.", "ru"),
    ],
)
def test_a_votes_day_comes_from_an_earlier_paragraph(text: str, language: str) -> None:
    # when
    votes = [c for c in extract(text, language=language, published=PUBLISHED) if c.metric.startswith("un_votes")]
    # then
    assert {c.value for c in votes} >= {121}
    assert {c.as_of for c in votes} == {MONDAY}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Votes on Corvale\n\nThe General Assembly voted on Monday on Corvale, 121 in favour and 35 abstaining.\n\n"
         "A week earlier, on Monday 4 March, the Assembly had voted on Velmar.\n\n"
         "Then too, 35 countries abstained.", "en"),
        ("Votes sur Corvale\n\nL'Assemblée générale a voté lundi sur Corvale : 121 voix pour, 35 abstentions.\n\n"
         "Une semaine plus tôt, le lundi 4 mars, l'Assemblée avait voté sur Velmar.\n\n"
         "Le texte avait alors recueilli 35 abstentions.", "fr"),
        ("Votaciones sobre Corvale\n\nLa Asamblea General votó el lunes sobre Corvale: 121 a favor y 35 abstenciones.\n\n"
         "Una semana antes, el lunes 4 de marzo, la Asamblea había votado sobre Velmar.\n\n"
         "El texto había recibido entonces 35 abstenciones.", "es"),
    ],
)
def test_two_votes_ending_alike_keep_their_own_days(text: str, language: str) -> None:
    # when
    abstentions = [c for c in extract(text, language=language, published=PUBLISHED)
                   if c.metric == "un_votes_abstain" and c.value == 35]
    # then
    assert sorted(c.as_of for c in abstentions) == [date(2024, 3, 4), MONDAY]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Some 250 families have fled Corvale since last Monday.", "en"),
        ("Quelque 250 familles ont fui Corvale depuis lundi dernier.", "fr"),
        ("Unas 250 familias han huido de Corvale desde el lunes pasado.", "es"),
        ("Rund 250 Familien sind seit vergangenem Montag aus Corvale geflohen.", "de"),
        ("فرت نحو 250 عائلة من كورفال منذ الاثنين الماضي.", "ar"),
        ("С прошлого понедельника из Корвале бежали около 250 семей.", "ru"),
    ],
)
def test_since_last_weekday_is_not_the_as_of(text: str, language: str) -> None:
    # ("last" after the weekday, in French, Spanish and Arabic, is a guard: those already held.)
    # when
    claim = _claim(text, language, 250)
    # then
    assert claim.as_of == PUBLISHED
