"""Subjects read from the words around a number: what the lead is mostly about, a count in brackets
after a name, places in clauses that belong to another number or describe the event, places
joined as one phrase, and the Arabic and Cyrillic names of provinces. Every sentence is written
for these tests, with invented numbers."""

from __future__ import annotations

import pytest

from tests.claims.extraction.test_places import _claim


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        (
            "Quake toll rises\n\nOfficials counted 120 dead in Malatya, 80 in Adana and 40 in Hatay.\n\n"
            "Later on Tuesday, rescuers said 906 people were hurt.",
            "en", "906",
        ),
        (
            "Le bilan s'alourdit\n\nLes autorités comptent 120 morts à Malatya, 80 à Adana et 40 à Hatay.\n\n"
            "Mardi soir, les secours ont dénombré 906 blessés.",
            "fr", "906",
        ),
        (
            "Aumenta el balance\n\nLas autoridades cuentan 120 muertos en Malatya, 80 en Adana y 40 en Hatay.\n\n"
            "El martes por la noche, los rescatistas contaron 906 heridos.",
            "es", "906",
        ),
        (
            "Die Bilanz steigt\n\nDie Behörden zählen 120 Tote in Malatya, 80 in Adana und 40 in Hatay.\n\n"
            "Am Dienstagabend meldeten die Helfer 906 Verletzte.",
            "de", "906",
        ),
        (
            "ارتفاع الحصيلة\n\nأحصت السلطات 120 قتيلا في ملطية و80 في أضنة و40 في هاتاي.\n\n"
            "وقال المسعفون مساء الثلاثاء إن 906 أشخاص أصيبوا.",
            "ar", "906",
        ),
        (
            "Число жертв растёт\n\nВласти насчитали 120 погибших в Малатье, 80 в Адане и 40 в Хатае.\n\n"
            "Во вторник вечером спасатели сообщили о 906 раненых.",
            "ru", "906",
        ),
    ],
)
def test_a_number_after_the_lead_takes_what_the_lead_is_about_not_its_last_place(
    text: str, language: str, number: str
) -> None:
    # The lead names three provinces of one country: a later number naming none is the country's,
    # not the province the lead happens to end with.
    claim = _claim(text, language, number)
    assert claim.subject == "iso:TR"
    assert "subject.lead-dominant" in claim.rules


@pytest.mark.parametrize(
    ("text", "language", "number", "subject"),
    [
        ("Землетрясение\n\nВ Малатье погибли 57 человек.", "ru", "57", "iso:TR-44"),
        ("زلزال\n\nلقي 57 شخصا حتفهم في ملطية.", "ar", "57", "iso:TR-44"),
        ("Землетрясение\n\nВ провинции Хатай погибли 57 человек.", "ru", "57", "iso:TR-31"),
        ("زلزال\n\nلقي 57 شخصا حتفهم في هاتاي.", "ar", "57", "iso:TR-31"),
        ("Earthquake\n\nIn Latakia, 57 people died.", "en", "57", "iso:SY-LA"),
        ("Séisme\n\nÀ Lattaquié, 57 personnes sont mortes.", "fr", "57", "iso:SY-LA"),
        ("Terremoto\n\nEn Alepo murieron 57 personas.", "es", "57", "iso:SY-HL"),
        ("Erdbeben\n\nIn Aleppo starben 57 Menschen.", "de", "57", "iso:SY-HL"),
        ("زلزال\n\nوفي اللاذقية لقي 57 شخصا حتفهم.", "ar", "57", "iso:SY-LA"),
        ("Землетрясение\n\nВ Латакии погибли 57 человек.", "ru", "57", "iso:SY-LA"),
    ],
)
def test_a_province_named_after_its_seat_reads_alike_in_every_script(
    text: str, language: str, number: str, subject: str
) -> None:
    # "Malatya", "Малатье" and "ملطية" name one province, as "Aleppo", "Alep" and "حلب" name one
    # governorate: a toll reported in two scripts is filed under one place, never a town against
    # its own province.
    assert _claim(text, language, number).subject == subject


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Toll by town\n\nOfficials listed the dead by town: Malatya (31), Adana (17), Hatay (12) and Bursa (9).", "en"),
        ("Bilan par ville\n\nLes autorités ont détaillé les morts par ville : Malatya (31), Adana (17), Hatay (12) et Bursa (9).", "fr"),
        ("Balance por ciudad\n\nLas autoridades detallaron los muertos por ciudad: Malatya (31), Adana (17), Hatay (12) y Bursa (9).", "es"),
        ("Bilanz nach Städten\n\nDie Behörden nannten die Toten nach Städten: Malatya (31), Adana (17), Hatay (12) und Bursa (9).", "de"),
        ("الحصيلة حسب المدن\n\nوأوردت السلطات عدد القتلى حسب المدن: ملطية (31) وأضنة (17) وهاتاي (12) وبورصة (9).", "ar"),
        ("Потери по городам\n\nВласти привели число погибших по городам: Малатья (31), Адана (17), Хатай (12) и Бурса (9).", "ru"),
    ],
)
def test_a_count_in_brackets_is_the_names_before_it(text: str, language: str) -> None:
    claim = _claim(text, language, "17")
    assert claim.subject == "iso:TR-01"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quake\n\nRescuers in Syria, where the quake that began in Turkey struck at night, counted 412 dead.", "en"),
        ("Séisme\n\nLes secours en Syrie, où le séisme venu de Turquie a frappé de nuit, ont compté 412 morts.", "fr"),
        ("Sismo\n\nLos rescatistas en Siria, donde golpeó de noche el sismo originado en Turquía, contaron 412 muertos.", "es"),
        ("Beben\n\nDie Helfer in Syrien, wo das in der Türkei begonnene Beben nachts zuschlug, zählten 412 Tote.", "de"),
        ("زلزال\n\nوأحصى المسعفون في سوريا، حيث ضرب الزلزال القادم من تركيا ليلا، 412 قتيلا.", "ar"),
        ("Землетрясение\n\nСпасатели в Сирии, где ночью ударило пришедшее из Турции землетрясение, насчитали 412 погибших.", "ru"),
    ],
)
def test_a_place_in_a_relative_clause_describes_the_event_not_the_count(text: str, language: str) -> None:
    assert _claim(text, language, "412").subject == "iso:SY"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quake in Turkey\n\nThe quake killed 230 people in all, and in Malatya alone 190.", "en"),
        ("Séisme en Turquie\n\nLe séisme a fait 230 morts au total, et à Malatya seule 190.", "fr"),
        ("Sismo en Turquía\n\nEl sismo dejó 230 muertos en total, y en Malatya solamente 190.", "es"),
        ("Beben in der Türkei\n\nDas Beben forderte insgesamt 230 Tote, allein in Malatya 190.", "de"),
        ("زلزال في تركيا\n\nأودى الزلزال بحياة 230 شخصا في المجموع، و190 في ملطية وحدها.", "ar"),
        ("Землетрясение в Турции\n\nВсего при землетрясении погибли 230 человек, только в Малатье погибли 190.", "ru"),
    ],
)
def test_a_place_in_a_later_clause_with_its_own_count_is_not_the_totals(text: str, language: str) -> None:
    # The later count is a part of the total: the total is the country's that holds the part.
    claim = _claim(text, language, "230")
    assert claim.subject == "iso:TR"
    assert "subject.sentence-whole" in claim.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quake in Turkey\n\nThe quake killed 230 people, most of them in Malatya.", "en"),
        ("Séisme en Turquie\n\nLe séisme a fait 230 morts, pour la plupart à Malatya.", "fr"),
        ("Sismo en Turquía\n\nEl sismo dejó 230 muertos, la mayoría en Malatya.", "es"),
        ("Beben in der Türkei\n\nDas Beben forderte 230 Tote, die meisten in Malatya.", "de"),
        ("زلزال في تركيا\n\nأودى الزلزال بحياة 230 شخصا، معظمهم في ملطية.", "ar"),
        ("Землетрясение в Турции\n\nЗемлетрясение унесло 230 жизней, большинство из них в Малатье.", "ru"),
    ],
)
def test_the_place_where_most_were_counted_is_a_part_not_the_whole(text: str, language: str) -> None:
    assert _claim(text, language, "230").subject == "iso:TR"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Security Council backs text\n\nThe General Assembly adopted the motion on Friday.\n\nIn the end, 12 states voted against it.", "en"),
        ("Le Conseil de sécurité adopte un texte\n\nL'Assemblée générale a adopté la motion vendredi.\n\nAu final, 12 États ont voté contre.", "fr"),
        ("El Consejo de Seguridad aprueba un texto\n\nLa Asamblea General aprobó la moción el viernes.\n\nAl final, 12 Estados votaron en contra.", "es"),
        ("Sicherheitsrat billigt Text\n\nDie Generalversammlung nahm den Antrag am Freitag an.\n\nAm Ende stimmten 12 Staaten dagegen.", "de"),
        ("مجلس الأمن يقر نصا\n\nأقرت الجمعية العامة المقترح يوم الجمعة.\n\nوفي النهاية صوتت 12 دولة ضد النص.", "ar"),
        ("Совет Безопасности одобрил текст\n\nГенеральная Ассамблея приняла предложение в пятницу.\n\nВ итоге против проголосовали 12 государств.", "ru"),
    ],
)
def test_of_two_bodies_named_once_each_in_the_lead_the_later_one_holds(text: str, language: str) -> None:
    # The headline names one body, the lead's paragraph another: the paragraph, nearer the count,
    # tells which body voted.
    assert _claim(text, language, "12").subject == "body:un-general-assembly"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quake\n\nThe ministry counted 711 dead in the provinces of Aleppo, Latakia, Hama and Tartus.", "en"),
        ("Séisme\n\nLe ministère a compté 711 morts dans les provinces d'Alep, Lattaquié, Hama et Tartous.", "fr"),
        ("Sismo\n\nEl ministerio contó 711 muertos en las provincias de Alepo, Latakia, Hama y Tartus.", "es"),
        ("Beben\n\nDas Ministerium zählte 711 Tote in den Provinzen Aleppo, Latakia, Hama und Tartus.", "de"),
        ("زلزال\n\nأحصت الوزارة 711 قتيلا في محافظات حماة، وطرطوس، وحلب واللاذقية.", "ar"),
        ("Землетрясение\n\nМинистерство насчитало 711 погибших в провинциях Алеппо, Латакия, Хама и Тартус.", "ru"),
    ],
)
def test_a_count_over_a_list_of_provinces_is_their_countrys(text: str, language: str) -> None:
    # The list's commas cut the sentence into clauses: the count is still about all four.
    claim = _claim(text, language, "711")
    assert (claim.subject, claim.subject_ambiguous) == ("iso:SY", True)


def test_an_arabic_name_with_the_article_that_is_also_a_demonym_is_the_demonym() -> None:
    # "السورية" is "the Syrian" (the ministry's), though "سورية" alone is Syria: it is no place
    # named beside the two provinces, whose count is then about both.
    text = "زلزال\n\nوأعلنت وزارة الصحة السورية مقتل 58 شخصا في حلب وحماة."
    claim = _claim(text, "ar", "58")
    assert (claim.subject, claim.subject_ambiguous) == ("iso:SY", True)
    assert "subject.clause-common" in claim.rules


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Turkey\n\nRains hit Turkey's east this week.\n\n"
         "Malatya's governor said 80 people died on Monday. He also reported more than 300 injured.", "en"),
        ("Inondations en Turquie\n\nDes pluies ont frappé l'est de la Turquie cette semaine.\n\n"
         "Le gouverneur de Malatya a annoncé 80 morts lundi. Il fait aussi état de plus de 300 blessés.", "fr"),
        ("Inundaciones en Turquía\n\nLas lluvias azotaron el este de Turquía esta semana.\n\n"
         "El gobernador de Malatya anunció 80 muertos el lunes. También informó de más de 300 heridos.", "es"),
        ("Überschwemmungen in der Türkei\n\nRegen traf diese Woche den Osten der Türkei.\n\n"
         "Der Gouverneur von Malatya meldete am Montag 80 Tote. Er sprach zudem von mehr als 300 Verletzten.", "de"),
        ("فيضانات في تركيا\n\nضربت الأمطار شرق تركيا هذا الأسبوع.\n\n"
         "وأعلن حاكم ملطية مقتل 80 شخصا يوم الاثنين. كما أفاد بإصابة أكثر من 300 آخرين.", "ar"),
        ("Наводнение в Турции\n\nНа этой неделе дожди обрушились на восток Турции.\n\n"
         "В Малатье губернатор сообщил о 80 погибших в понедельник. Он также сообщил о более чем 300 раненых.", "ru"),
    ],
)
def test_a_count_whose_sentence_names_no_place_takes_the_one_just_before_in_its_paragraph(
    text: str, language: str
) -> None:
    claim = _claim(text, language, "300")
    assert (claim.subject, claim.subject_ambiguous) == ("iso:TR-44", True)
    assert "subject.previous-sentence" in claim.rules


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Veto in the Security Council\n\nDiplomats met again on Monday.\n\n"
         "The General Assembly then adopted the text. Only four states voted against it together with Minsk.", "en", "four"),
        ("Veto au Conseil de sécurité\n\nLes diplomates se sont revus lundi.\n\n"
         "L'Assemblée générale a ensuite adopté le texte. Seuls quatre États ont voté contre avec Minsk.", "fr", "quatre"),
        ("Veto en el Consejo de Seguridad\n\nLos diplomáticos volvieron a reunirse el lunes.\n\n"
         "La Asamblea General aprobó después el texto. Solo cuatro Estados votaron en contra junto con Minsk.", "es", "cuatro"),
        ("Veto im Sicherheitsrat\n\nDie Diplomaten trafen sich am Montag erneut.\n\n"
         "Die Generalversammlung nahm den Text danach an. Nur vier Staaten stimmten gemeinsam mit Minsk dagegen.", "de", "vier"),
        ("فيتو في مجلس الأمن\n\nعاد الدبلوماسيون إلى الاجتماع يوم الاثنين.\n\n"
         "ثم أقرت الجمعية العامة النص. ولم تصوت ضده سوى أربع دول مع مينسك.", "ar", "أربع"),
        ("Вето в Совете Безопасности\n\nДипломаты снова встретились в понедельник.\n\n"
         "Затем Генеральная Ассамблея приняла текст. Против вместе с Минском выступили лишь четыре государства.", "ru", "четыре"),
    ],
)
def test_a_count_of_voters_is_the_bodys_named_before_it_not_a_country_that_voted(
    text: str, language: str, number: str
) -> None:
    # The sentence names a city that voted, the headline another body: the body that voted is
    # the one the sentence before names.
    assert _claim(text, language, number).subject == "body:un-general-assembly"


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Assembly backs the text\n\nThe General Assembly adopted the text on Wednesday.\n\n"
         "The special session had been called by the Security Council on Sunday.\n\n"
         "That vote ended with nine votes in favour.", "en", "nine"),
        ("L'Assemblée soutient le texte\n\nL'Assemblée générale a adopté le texte mercredi.\n\n"
         "La session spéciale avait été convoquée dimanche par le Conseil de sécurité.\n\n"
         "Ce vote s'était conclu par neuf voix pour.", "fr", "neuf"),
        ("La Asamblea respalda el texto\n\nLa Asamblea General aprobó el texto el miércoles.\n\n"
         "El Consejo de Seguridad había convocado la sesión especial el domingo.\n\n"
         "Aquella votación terminó con nueve votos a favor.", "es", "nueve"),
        ("Versammlung stützt den Text\n\nDie Generalversammlung nahm den Text am Mittwoch an.\n\n"
         "Die Sondersitzung hatte der Sicherheitsrat am Sonntag einberufen.\n\n"
         "Jene Abstimmung endete mit neun Stimmen dafür.", "de", "neun"),
        ("الجمعية تؤيد النص\n\nأقرت الجمعية العامة النص يوم الأربعاء.\n\n"
         "وكان مجلس الأمن قد دعا إلى الدورة الخاصة يوم الأحد.\n\n"
         "وانتهى ذلك التصويت بتأييد تسعة أصوات.", "ar", "تسعة"),
        ("Ассамблея поддержала текст\n\nГенеральная Ассамблея приняла текст в среду.\n\n"
         "Специальную сессию в воскресенье созвал Совет Безопасности.\n\n"
         "То голосование завершилось девятью голосами за.", "ru", "девятью"),
    ],
)
def test_a_vote_takes_the_body_of_the_paragraph_before_over_the_leads(text: str, language: str, number: str) -> None:
    assert _claim(text, language, number).subject == "body:un-security-council"


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Russia condemned by 141 states in the General Assembly\n\nThe text passed on Wednesday.", "en", "141"),
        ("La Russie condamnée par 141 États à l'Assemblée générale\n\nLe texte est passé mercredi.", "fr", "141"),
        ("Rusia, condenada por 141 Estados en la Asamblea General\n\nEl texto salió adelante el miércoles.", "es", "141"),
        ("Russland von 141 Staaten in der Generalversammlung verurteilt\n\nDer Text ging am Mittwoch durch.", "de", "141"),
        ("إدانة روسيا من قبل 141 عضوا في الجمعية العامة\n\nمر النص يوم الأربعاء.", "ar", "141"),
        ("Россию осудило 141 государство в Генеральной Ассамблее\n\nТекст прошёл в среду.", "ru", "141"),
    ],
)
def test_a_count_of_states_named_with_a_body_is_the_bodys(text: str, language: str, number: str) -> None:
    assert _claim(text, language, number).subject == "body:un-general-assembly"


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("Quake in Syria\n\nThe ministry counted 300 dead in Hama.\n\n"
         "In the rebel-held areas, rescuers pulled out 415 bodies.", "en", "415"),
        ("Séisme en Syrie\n\nLe ministère a compté 300 morts à Hama.\n\n"
         "Dans les secteurs tenus par les rebelles, les secours ont retiré 415 corps.", "fr", "415"),
        ("Sismo en Siria\n\nEl ministerio contó 300 muertos en Hama.\n\n"
         "En las zonas controladas por la oposición, los rescatistas sacaron 415 cuerpos.", "es", "415"),
        ("Beben in Syrien\n\nDas Ministerium zählte 300 Tote in Hama.\n\n"
         "In den von Rebellen kontrollierten Gebieten bargen Helfer 415 Leichen.", "de", "415"),
        ("زلزال في سوريا\n\nأحصت الوزارة 300 قتيل في حماة.\n\n"
         "وفي المناطق الخاضعة لسيطرة فصائل المعارضة انتشل المسعفون 415 جثة.", "ar", "415"),
        ("Землетрясение в Сирии\n\nМинистерство насчитало 300 погибших в Хаме.\n\n"
         "В районах, подконтрольных оппозиции, спасатели извлекли 415 тел.", "ru", "415"),
    ],
)
def test_a_count_in_the_areas_the_opposition_holds_is_the_regions_they_hold(
    text: str, language: str, number: str
) -> None:
    assert _claim(text, language, number).subject == "region:northwest-syria"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Clashes in Myanmar\n\nIn the rebel-held areas, aid groups counted 415 displaced families.", "en"),
        ("Combats en Birmanie\n\nDans les zones rebelles, les ONG ont compté 415 familles déplacées.", "fr"),
    ],
)
def test_the_areas_rebels_hold_elsewhere_are_not_syrias(text: str, language: str) -> None:
    assert _claim(text, language, "415").subject == "iso:MM"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Spain\n\nRescuers found 40 bodies in the region of Valencia.", "en"),
        ("Inondations en Espagne\n\nLes secours ont retrouvé 40 corps à travers la région de Valence.", "fr"),
        ("Inundaciones en España\n\nLos equipos de rescate hallaron 40 cuerpos en la región de Valencia.", "es"),
        ("Hochwasser in Spanien\n\nDie Region Valencia traf es am härtesten.\n\nAllein in Valencia bargen Helfer 40 Leichen.", "de"),
        ("Floods in Spain\n\nThe Valencia region was hit hardest.\n\nIn Valencia alone, rescuers found 40 bodies.", "en"),
        ("Наводнение в Испании\n\nСпасатели нашли 40 тел в регионе Валенсия.", "ru"),
    ],
)
def test_a_town_called_a_region_is_the_widest_area_holding_it(text: str, language: str) -> None:
    # Valencia is a city, a province and the autonomous community's seat: a word for a region
    # beside the name, or beside it elsewhere in the article, makes it the community.
    assert _claim(text, language, "40").subject == "iso:ES-VC"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Spain\n\nRescuers found 40 bodies in the province of Valencia.", "en"),
        ("Inundaciones en España\n\nLa provincia de Valencia sufrió lo peor.\n\nSolo en Valencia se hallaron 40 cuerpos.", "es"),
    ],
)
def test_a_town_called_a_province_stays_the_province(text: str, language: str) -> None:
    assert _claim(text, language, "40").subject == "iso:ES-V"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quake in Syria\n\nRescuers said 50 people died in Harem.", "en"),
        ("Séisme en Syrie\n\nLes secours ont annoncé 50 morts à Harem.", "fr"),
        ("Sismo en Siria\n\nLos rescatistas informaron de 50 muertos en Harem.", "es"),
        ("Beben in Syrien\n\nHelfer meldeten 50 Tote in Harem.", "de"),
        ("زلزال في سوريا\n\nقال المسعفون إن 50 شخصا لقوا حتفهم في منطقة حارم.", "ar"),
        ("Землетрясение в Сирии\n\nСпасатели сообщили о 50 погибших в Хареме.", "ru"),
    ],
)
def test_a_district_seat_without_a_population_in_the_packages_is_found_and_stays_the_town(
    text: str, language: str
) -> None:
    # A word for a district ("منطقة") names the area around the town, below its province.
    assert _claim(text, language, "50").subject == "geonames:169866"


def test_castilla_la_mancha_is_named_in_arabic() -> None:
    text = "فيضانات في إسبانيا\n\nوسجلت 3 وفيات في قشتالة لا مانشا و2 في الأندلس."
    assert _claim(text, "ar", "3").subject == "iso:ES-CM"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Spain\n\nSpain counts its dead. The army of Spain helped in Aldaia.\n\n"
         "Divers searched the car park of the Orlando mall. They found 12 bodies there.", "en"),
        ("Inondations en Espagne\n\nL'Espagne compte ses morts. L'armée de l'Espagne a aidé à Aldaia.\n\n"
         "Des plongeurs ont fouillé le parking du centre commercial Orlando. Ils y ont trouvé 12 corps.", "fr"),
        ("Inundaciones en España\n\nEspaña cuenta sus muertos. El ejército de España ayudó en Aldaia.\n\n"
         "Los buzos registraron el aparcamiento del centro comercial Orlando. Allí hallaron 12 cuerpos.", "es"),
        ("Hochwasser in Spanien\n\nSpanien zählt seine Toten. Die Armee Spaniens half in Aldaia.\n\n"
         "Taucher durchsuchten die Tiefgarage des Einkaufszentrums Orlando. Dort fanden sie 12 Leichen.", "de"),
        ("فيضانات في إسبانيا\n\nتحصي إسبانيا موتاها. وساعد جيش إسبانيا في ألدايا.\n\n"
         "فتش الغواصون مرأب مركز أورلاندو التجاري. وعثروا هناك على 12 جثة.", "ar"),
        ("Наводнение в Испании\n\nИспания считает погибших. Армия Испании помогала в Альдайе.\n\n"
         "Водолазы обыскали парковку торгового центра «Орландо». Там они нашли 12 тел.", "ru"),
    ],
)
def test_a_name_that_alone_points_to_another_country_is_no_place_of_the_article(text: str, language: str) -> None:
    # A shopping centre named after a town abroad, in a report about Spain: the count is Spain's.
    from claims.extraction.gazetteer import default

    subject = _claim(text, language, "12").subject
    assert subject is not None and default().place(subject).country == "ES"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quake\n\nMore than 1,300 people died in southern Turkey and northern Syria.", "en"),
        ("Séisme\n\nPlus de 1300 personnes ont péri dans l'est de la Turquie et l'ouest de la Syrie.", "fr"),
        ("Sismo\n\nMás de 1300 personas murieron en el sur de Turquía y el norte de Siria.", "es"),
        ("Beben\n\nMehr als 1300 Menschen starben im Süden der Türkei und im Norden Syriens.", "de"),
        ("زلزال\n\nلقي أكثر من 1300 شخص حتفهم في جنوب تركيا وفي شمال سوريا.", "ar"),
        ("Землетрясение\n\nБолее 1300 человек погибли на востоке Турции и на западе Сирии.", "ru"),
    ],
)
def test_places_joined_with_compass_words_between_them_are_one_phrase(text: str, language: str) -> None:
    # "Syriens" is Syria's German genitive, not a demonym.
    claim = _claim(text, language, "1")
    assert claim.subject == "iso:SY+iso:TR"


def test_places_with_a_number_between_them_are_not_one_phrase() -> None:
    # The Arabic conjunction is glued to the next count: "و20" is no "and" between two names.
    text = "زلزال\n\nقتل 300 شخص في هاتاي و20 في أضنة."
    assert _claim(text, "ar", "300").subject == "iso:TR-31"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Floods in Italy\n\nThe floods killed 14 people in Emilia-Romagna and 2 more in the rest of the country.", "en"),
        ("Crues en Italie\n\nLes crues ont fait 14 morts en Émilie-Romagne et 2 autres dans le reste du pays.", "fr"),
        ("Inundaciones en Italia\n\nLas inundaciones dejaron 14 muertos en Emilia-Romaña y otros 2 en el resto del país.",
         "es"),
        ("Hochwasser in Italien\n\nDas Hochwasser forderte 14 Tote in der Emilia-Romagna und 2 weitere im Rest des Landes.",
         "de"),
        ("فيضانات في إيطاليا\n\nلقي 14 شخصا حتفهم في إميليا رومانيا، فيما توفي 2 آخران في باقي أنحاء البلاد.", "ar"),
        ("Наводнение в Италии\n\nВ Эмилии-Романье погибли 14 человек, ещё 2 погибли в остальной части страны.", "ru"),
    ],
)
def test_a_count_in_the_rest_of_the_country_is_no_place_named_beside_it(text: str, language: str) -> None:
    # "the rest of the country" is the country without the region: no id stands for it, so the
    # count stays unresolved and is never compared with the region's toll.
    rest = _claim(text, language, "2 ")
    assert (rest.subject, rest.subject_ambiguous) == (None, True)
    assert "subject.elsewhere" in rest.rules
    assert "subject.elsewhere" not in _claim(text, language, "14").rules


def test_a_count_opening_with_the_rest_of_the_country_is_no_place_either() -> None:
    text = "Floods in Italy\n\nIn Emilia-Romagna 14 people died. In the rest of the country, 2 more people died."
    assert _claim(text, "en", "2 ").subject is None
    assert _claim(text, "en", "14").subject is not None
