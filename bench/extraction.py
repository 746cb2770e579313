"""Throughput of the claim-extraction engine, with quantulum3 on the same English text as a peer.

    python bench/extraction.py [--articles 10000] [--quantulum-articles 200] [--seed 20231207]

Generates news-like articles in en/fr/es/de (deterministic: a seeded RNG over templates written for
this benchmark), 2-4 KB each, title + blank line + body, the shape `extract` receives in production.
Each engine runs in its own fresh child process, single-threaded, so that its peak memory is its own
and neither pays for the other's caches. Reported per engine: articles/s, MB of text/s (MB = 10^6
bytes of UTF-8), total time, median latency per article, and peak RSS. When the engine is compiled
(`make engine`, claims/extraction/native.py), the plain Python engine is measured too, in a child of
its own with TALLY_COMPILED_ENGINE=false, and the ratio printed.

quantulum3 (`quantulum3.parser.parse`) reads only English, so it gets a fixed sample of the English
articles (the first N generated), which keeps the run short since it parses a few hundred sentences
a second; Tally's English-only figures are printed next to it, and the ratio compares MB/s on English
text. The bench reports and always exits 0 when it could measure Tally: the targets (>= 2 MB/s per
core, faster than quantulum3) are for a reader to judge.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LANGUAGES = ("en", "fr", "es", "de")
# Generated after the first four, from a generator of their own, so that adding them leaves the
# articles of the first four, and their figures, as they were.
ADDED_LANGUAGES = ("ar", "ru")
DEFAULT_SEED = 20231207
MIN_CHARS, MAX_CHARS = 2000, 4000


@dataclass(frozen=True, slots=True)
class Article:
    language: str
    published: date
    text: str
    sentences: int


# --- templates ----------------------------------------------------------------------------------
# Slots: {big} {med} {small} {small2} {small3} numbers; {place} {source} {weekday} {date} {body};
# {hour} {minute} {res} {page} {year} for the things that are not claims. Written for this bench.

TEMPLATES: dict[str, dict[str, list[str]]] = {
    "en": {
        "title": [
            "{big} killed in {place} as ceasefire talks stall",
            "Aid convoy reaches {place} after days of delay",
            "{body} vote fails again amid calls for a truce",
            "Hostage talks resume as toll in {place} rises",
        ],
        "claim": [
            "More than {big} people have been killed in {place} since {date}, {source} said.",
            "{source} said {med} people were injured in strikes on {place} on {weekday}.",
            "About {med} aid trucks crossed into {place} over the past week, a UN official said.",
            "At least {small} people remain missing after the shelling of {place}, rescuers said.",
            "The {body} adopted the text with {small} votes in favour, {small2} against and {small3} abstentions.",
            "The two leaders spoke by phone for about {small} minutes on {weekday}, according to a readout.",
            "Between {small} and {small2} people were detained in overnight raids in {place}.",
            "Nearly {big} people are now displaced in {place}, the agency said.",
            "The dead include {med} children and {small} women, according to {source}.",
            "Some {med} hostages are still held, while {small} were released on {weekday}.",
            "Up to {med} people are sheltering in a single school in {place}, aid workers said.",
            "Dozens of people were wounded when a market in {place} was hit, witnesses said.",
        ],
        "filler": [
            "Residents described a night of heavy bombardment and said the roads out of town were blocked.",
            "The ministry did not say how many of the dead were civilians and how many were fighters.",
            "Aid workers warned that fuel for hospital generators would run out within days.",
            "The statement was issued at {hour}:{minute} local time and read out on state television.",
            "Resolution {res} calls for the release of all hostages and unhindered access for aid.",
            "Diplomats said a new draft could be put to a vote as early as {weekday}.",
            "The figures could not be independently verified.",
            "Negotiators met again in the evening, and both sides described the talks as difficult.",
            "Page {page} of the report lists the victims by name, with their ages.",
            "In {year}, a similar offensive lasted several weeks before a truce was agreed.",
            "Families queued for hours outside the only working bakery in the district.",
            "Officials on both sides traded blame for the collapse of the previous pause.",
        ],
    },
    "fr": {
        "title": [
            "{big} morts à {place}, les négociations piétinent",
            "Un convoi d'aide atteint {place} après des jours d'attente",
            "Nouveau vote manqué au {body}",
            "Reprise des discussions sur les otages, le bilan s'alourdit à {place}",
        ],
        "claim": [
            "Plus de {big} personnes ont été tuées à {place} depuis le {date}, selon {source}.",
            "Selon {source}, {med} personnes ont été blessées dans des frappes sur {place} {weekday}.",
            "Environ {med} camions d'aide sont entrés à {place} la semaine dernière, selon un responsable de l'ONU.",
            "Au moins {small} personnes sont toujours portées disparues après le bombardement de {place}.",
            "Le {body} a adopté le texte par {small} voix pour, {small2} contre et {small3} abstentions.",
            "Les deux dirigeants se sont entretenus pendant environ {small} minutes {weekday}, selon la présidence.",
            "Entre {small} et {small2} personnes ont été interpellées lors de raids nocturnes à {place}.",
            "Près de {big} personnes sont désormais déplacées à {place}, selon l'agence.",
            "Parmi les morts figurent {med} enfants et {small} femmes, selon {source}.",
            "Quelque {med} otages sont toujours retenus, et {small} ont été libérés {weekday}.",
            "Jusqu'à {med} personnes s'abritent dans une seule école à {place}, selon des humanitaires.",
            "Des dizaines de personnes ont été blessées par une frappe sur un marché de {place}.",
        ],
        "filler": [
            "Les habitants racontent une nuit de bombardements intenses et des routes coupées.",
            "Le ministère n'a pas précisé la part des civils et des combattants parmi les morts.",
            "Les humanitaires craignent que le carburant des générateurs des hôpitaux ne manque sous peu.",
            "Le communiqué a été publié à {hour} h {minute}, heure locale, puis lu à la télévision.",
            "La résolution {res} demande la libération de tous les otages et un accès sans entrave à l'aide.",
            "Selon des diplomates, un nouveau projet pourrait être soumis au vote dès {weekday}.",
            "Ces chiffres n'ont pas pu être vérifiés de manière indépendante.",
            "Les négociateurs se sont retrouvés dans la soirée, et les deux camps parlent de discussions difficiles.",
            "La page {page} du rapport donne le nom et l'âge des victimes.",
            "En {year}, une offensive semblable avait duré plusieurs semaines avant une trêve.",
            "Des familles ont fait la queue pendant des heures devant la seule boulangerie ouverte du quartier.",
            "Les deux camps se renvoient la responsabilité de l'échec de la pause précédente.",
        ],
    },
    "es": {
        "title": [
            "{big} muertos en {place} mientras se estancan las negociaciones",
            "Un convoy de ayuda llega a {place} tras días de espera",
            "Nueva votación fallida en el {body}",
            "Se reanudan las conversaciones sobre los rehenes en plena escalada en {place}",
        ],
        "claim": [
            "Más de {big} personas han muerto en {place} desde el {date}, según {source}.",
            "Según {source}, {med} personas resultaron heridas en ataques contra {place} el {weekday}.",
            "Unos {med} camiones de ayuda entraron en {place} la semana pasada, según un funcionario de la ONU.",
            "Al menos {small} personas siguen desaparecidas tras el bombardeo de {place}.",
            "El {body} aprobó el texto con {small} votos a favor, {small2} en contra y {small3} abstenciones.",
            "Los dos líderes hablaron por teléfono durante unos {small} minutos el {weekday}, según un comunicado.",
            "Entre {small} y {small2} personas fueron detenidas en redadas nocturnas en {place}.",
            "Casi {big} personas están desplazadas en {place}, según la agencia.",
            "Entre los muertos hay {med} niños y {small} mujeres, según {source}.",
            "Unos {med} rehenes siguen retenidos, y {small} fueron liberados el {weekday}.",
            "Hasta {med} personas se refugian en una sola escuela en {place}, según los cooperantes.",
            "Decenas de personas resultaron heridas por un ataque contra un mercado en {place}.",
        ],
        "filler": [
            "Los vecinos describen una noche de intensos bombardeos y carreteras cortadas.",
            "El ministerio no precisó cuántos de los muertos eran civiles y cuántos combatientes.",
            "Los cooperantes advierten de que el combustible de los generadores de los hospitales se agotará pronto.",
            "El comunicado se difundió a las {hour}.{minute} hora local y se leyó en la televisión pública.",
            "La resolución {res} pide la liberación de todos los rehenes y el acceso sin trabas de la ayuda.",
            "Según diplomáticos, un nuevo borrador podría votarse ya el {weekday}.",
            "Las cifras no han podido ser verificadas de forma independiente.",
            "Los negociadores volvieron a reunirse por la noche, y ambas partes hablan de conversaciones difíciles.",
            "La página {page} del informe recoge el nombre y la edad de las víctimas.",
            "En {year}, una ofensiva parecida se prolongó varias semanas antes de una tregua.",
            "Las familias hicieron cola durante horas ante la única panadería abierta del barrio.",
            "Ambas partes se culpan mutuamente del fracaso de la pausa anterior.",
        ],
    },
    "de": {
        "title": [
            "{big} Tote in {place}, Verhandlungen stocken",
            "Hilfskonvoi erreicht {place} nach tagelangem Warten",
            "Erneut gescheiterte Abstimmung im {body}",
            "Geiselgespräche gehen weiter, Zahl der Opfer in {place} steigt",
        ],
        "claim": [
            "Mehr als {big} Menschen sind seit dem {date} in {place} getötet worden, teilte {source} mit.",
            "Laut {source} wurden am {weekday} bei Angriffen auf {place} {med} Menschen verletzt.",
            "Rund {med} Lastwagen mit Hilfsgütern erreichten in der vergangenen Woche {place}, sagte ein UN-Vertreter.",
            "Mindestens {small} Menschen werden nach dem Beschuss von {place} noch vermisst.",
            "Der {body} nahm den Text mit {small} Ja-Stimmen, {small2} Gegenstimmen und {small3} Enthaltungen an.",
            "Die beiden Regierungschefs telefonierten am {weekday} etwa {small} Minuten lang, hieß es in einer Mitteilung.",
            "Zwischen {small} und {small2} Menschen wurden bei nächtlichen Razzien in {place} festgenommen.",
            "Fast {big} Menschen sind in {place} inzwischen vertrieben, sagte die Behörde.",
            "Unter den Toten sind {med} Kinder und {small} Frauen, teilte {source} mit.",
            "Etwa {med} Geiseln werden weiter festgehalten, {small} kamen am {weekday} frei.",
            "Bis zu {med} Menschen suchen in einer einzigen Schule in {place} Schutz, sagten Helfer.",
            "Dutzende Menschen wurden verletzt, als ein Markt in {place} getroffen wurde.",
        ],
        "filler": [
            "Bewohner berichten von einer Nacht mit schwerem Beschuss und gesperrten Straßen.",
            "Das Ministerium machte keine Angaben dazu, wie viele der Toten Zivilisten waren.",
            "Helfer warnen, dass der Treibstoff für die Generatoren der Krankenhäuser bald ausgeht.",
            "Die Erklärung wurde um {hour}.{minute} Uhr Ortszeit veröffentlicht und im Staatsfernsehen verlesen.",
            "Die Resolution {res} fordert die Freilassung aller Geiseln und ungehinderten Zugang für Hilfe.",
            "Diplomaten zufolge könnte ein neuer Entwurf schon am {weekday} zur Abstimmung kommen.",
            "Die Zahlen ließen sich nicht unabhängig überprüfen.",
            "Die Unterhändler trafen sich am Abend erneut, beide Seiten sprachen von schwierigen Gesprächen.",
            "Auf Seite {page} des Berichts stehen die Namen und das Alter der Opfer.",
            "Im Jahr {year} dauerte eine ähnliche Offensive mehrere Wochen bis zu einer Waffenruhe.",
            "Familien standen stundenlang vor der einzigen geöffneten Bäckerei des Viertels an.",
            "Beide Seiten geben sich gegenseitig die Schuld am Ende der vorigen Feuerpause.",
        ],
    },
    "ar": {
        "title": [
            "{big} قتيلا في {place} مع تعثر محادثات وقف إطلاق النار",
            "قافلة مساعدات تصل إلى {place} بعد أيام من الانتظار",
            "فشل تصويت جديد في {body}",
            "استئناف محادثات الرهائن مع ارتفاع الحصيلة في {place}",
        ],
        "claim": [
            "قُتل أكثر من {big} شخص في {place} منذ {date}، بحسب {source}.",
            "أفادت {source} بإصابة {med} شخصاً في غارات على {place} يوم {weekday}.",
            "دخلت نحو {med} شاحنة مساعدات إلى {place} الأسبوع الماضي، وفق مسؤول أممي.",
            "لا يزال ما لا يقل عن {small} شخصاً في عداد المفقودين بعد قصف {place}.",
            "تبنى {body} النص بأغلبية {small} صوتاً مقابل {small2} وامتناع {small3} عن التصويت.",
            "تحدث الزعيمان هاتفياً نحو {small} دقيقة يوم {weekday}، بحسب بيان رئاسي.",
            "اعتُقل ما بين {small} و{small2} شخصاً في مداهمات ليلية في {place}.",
            "نزح قرابة {big} شخص في {place}، بحسب الوكالة.",
            "بين القتلى {med} طفلاً و{small} امرأة، بحسب {source}.",
            "لا يزال نحو {med} رهينة محتجزين، وأُفرج عن {small} منهم يوم {weekday}.",
            "يحتمي ما يصل إلى {med} شخص في مدرسة واحدة في {place}، بحسب عمال إغاثة.",
            "أصيب عشرات الأشخاص في غارة على سوق في {place}.",
        ],
        "filler": [
            "يروي السكان ليلة من القصف العنيف والطرق المقطوعة.",
            "لم تحدد الوزارة عدد المدنيين والمقاتلين بين القتلى.",
            "يحذر عمال الإغاثة من نفاد وقود مولدات المستشفيات قريباً.",
            "صدر البيان عند الساعة {hour}:{minute} بالتوقيت المحلي وتُلي على التلفزيون الرسمي.",
            "يطالب القرار {res} بالإفراج عن جميع الرهائن ووصول المساعدات دون عوائق.",
            "قال دبلوماسيون إن مشروعاً جديداً قد يطرح للتصويت يوم {weekday}.",
            "لم يتسن التحقق من هذه الأرقام بشكل مستقل.",
            "التقى المفاوضون مجدداً مساء، ويتحدث الطرفان عن محادثات صعبة.",
            "تورد الصفحة {page} من التقرير أسماء الضحايا وأعمارهم.",
            "في عام {year} استمر هجوم مماثل أسابيع قبل التوصل إلى هدنة.",
            "وقفت العائلات ساعات أمام المخبز الوحيد المفتوح في الحي.",
            "يتبادل الطرفان الاتهامات بالمسؤولية عن انهيار الهدنة السابقة.",
        ],
    },
    "ru": {
        "title": [
            "{big} погибших в {place}: переговоры о перемирии зашли в тупик",
            "Гуманитарный конвой добрался до {place} после нескольких дней ожидания",
            "Новое голосование в {body} провалилось",
            "Переговоры о заложниках возобновились, число жертв в {place} растёт",
        ],
        "claim": [
            "С {date} в {place} погибли более {big} человек, сообщило {source}.",
            "По данным {source}, в {weekday} при ударах по {place} были ранены {med} человек.",
            "Около {med} грузовиков с помощью прошли в {place} за неделю, сообщил представитель ООН.",
            "Не менее {small} человек числятся пропавшими без вести после обстрела {place}.",
            "{body} принял текст: за проголосовали {small} стран, против — {small2}, воздержались {small3}.",
            "Лидеры говорили по телефону около {small} минут, говорится в сообщении.",
            "От {small} до {small2} человек задержаны в ходе ночных рейдов в {place}.",
            "Почти {big} человек стали вынужденными переселенцами в {place}, сообщило агентство.",
            "Среди погибших {med} детей и {small} женщин, сообщило {source}.",
            "Около {med} заложников по-прежнему удерживаются, {small} освобождены в {weekday}.",
            "До {med} человек укрываются в одной школе в {place}, говорят волонтёры.",
            "Десятки людей пострадали при ударе по рынку в {place}.",
        ],
        "filler": [
            "Жители рассказывают о ночи тяжёлых обстрелов и перекрытых дорогах.",
            "В министерстве не уточнили, сколько среди погибших мирных жителей.",
            "Гуманитарии предупреждают, что топливо для генераторов больниц скоро закончится.",
            "Заявление опубликовано в {hour}:{minute} по местному времени и зачитано по телевидению.",
            "Резолюция {res} требует освободить всех заложников и открыть доступ для помощи.",
            "По словам дипломатов, новый проект могут поставить на голосование уже в {weekday}.",
            "Независимо проверить эти данные не удалось.",
            "Переговорщики снова встретились вечером, обе стороны говорят о трудных переговорах.",
            "На странице {page} доклада приведены имена и возраст погибших.",
            "В {year} году похожее наступление длилось несколько недель до перемирия.",
            "Семьи часами стояли в очереди у единственной открытой пекарни квартала.",
            "Стороны возлагают друг на друга ответственность за срыв прошлой паузы.",
        ],
    },
}

PLACES = {
    "en": ["Gaza", "the Gaza Strip", "Rafah", "Khan Younis", "the West Bank", "Lebanon", "Kyiv", "Sudan", "Darvesk"],
    "fr": ["Gaza", "Rafah", "Khan Younès", "Jérusalem", "Kiev", "Brisel", "Saint-Ormel", "Tel-Aviv"],
    "es": ["Gaza", "Rafah", "Jan Yunis", "Cisjordania", "Kiev", "Sudán", "Kolvana", "Santa Olvera"],
    "de": ["Gaza", "Rafah", "Chan Junis", "Kiew", "Jerusalem", "Kaltmoor", "Tarnovel", "Moskau"],
    "ar": ["غزة", "قطاع غزة", "رفح", "خان يونس", "الضفة الغربية", "لبنان", "الوردية"],
    "ru": ["Газе", "секторе Газа", "Рафахе", "Ливане", "Велигорске", "Ольшанке"],
}
SOURCES = {
    "en": ["the health ministry", "the civil defence agency", "the UN humanitarian office", "local officials"],
    "fr": ["le ministère de la Santé", "la Défense civile", "le bureau humanitaire de l'ONU", "les autorités locales"],
    "es": ["el Ministerio de Salud", "la Defensa Civil", "la oficina humanitaria de la ONU", "las autoridades locales"],
    "de": ["das Gesundheitsministerium", "der Zivilschutz", "das UN-Nothilfebüro", "die örtlichen Behörden"],
    "ar": ["وزارة الصحة", "الدفاع المدني", "مكتب الأمم المتحدة الإنساني", "السلطات المحلية"],
    "ru": ["министерство здравоохранения", "служба гражданской обороны", "гуманитарное управление ООН", "местные власти"],
}
BODIES = {
    "en": ["Security Council", "General Assembly"],
    "fr": ["Conseil de sécurité", "Assemblée générale"],
    "es": ["Consejo de Seguridad", "Asamblea General"],
    "de": ["Sicherheitsrat", "UN-Vollversammlung"],
    "ar": ["مجلس الأمن", "الجمعية العامة"],
    "ru": ["Совет Безопасности", "Генассамблея"],
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
           "نوفمبر", "ديسمبر"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"],
}
# A few counts written as words, as reporters do for small numbers.
SMALL_WORDS = {
    "en": {2: "two", 3: "three", 5: "five", 12: "twelve", 20: "twenty"},
    "fr": {2: "deux", 3: "trois", 5: "cinq", 12: "douze", 20: "vingt"},
    "es": {2: "dos", 3: "tres", 5: "cinco", 12: "doce", 20: "veinte"},
    "de": {2: "zwei", 3: "drei", 5: "fünf", 12: "zwölf", 20: "zwanzig"},
    "ar": {2: "اثنين", 3: "ثلاثة", 5: "خمسة", 12: "اثني عشر", 20: "عشرين"},
    "ru": {2: "два", 3: "три", 5: "пять", 12: "двенадцать", 20: "двадцать"},
}
# Arabic outlets print Western or Arabic-Indic digits.
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# French groups thousands with a space, a no-break space or a narrow no-break space.
FRENCH_GROUPING = (" ", "\u00a0", "\u202f")


def format_count(number: int, language: str, rng: random.Random) -> str:
    """A count as a reporter in that language would write it."""
    if language == "ar":
        if number < 1000 and number in SMALL_WORDS[language] and rng.random() < 0.5:
            return SMALL_WORDS[language][number]
        if number >= 1_000_000:
            digits = f"{number / 1_000_000:.1f} مليون"
        else:
            digits = str(number)
        return digits.translate(ARABIC_INDIC) if rng.random() < 0.3 else digits
    if number < 1000:
        words = SMALL_WORDS[language]
        return words[number] if number in words and rng.random() < 0.5 else str(number)
    if number >= 1_000_000:
        millions = f"{number / 1_000_000:.1f}"
        scale = {"en": "million", "fr": "millions", "es": "millones", "de": "Millionen", "ru": "млн"}[language]
        if language == "en":
            return f"{millions} {scale}" if rng.random() < 0.7 else f"{millions}m"
        return f"{millions.replace('.', ',')} {scale}"
    grouped = f"{number:,}"
    if language == "en":
        return grouped
    if language in ("fr", "ru"):
        return grouped.replace(",", rng.choice(FRENCH_GROUPING))
    return grouped.replace(",", ".")


def format_date(day: date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    return {
        "en": f"{month} {day.day}",
        "fr": f"{day.day} {month}",
        "es": f"{day.day} de {month}",
        "de": f"{day.day}. {month}",
        "ar": f"{day.day} {month}",
        "ru": f"{day.day} {month}",
    }[language]


def _fill(template: str, language: str, rng: random.Random, published: date) -> str:
    big = rng.choice([rng.randint(1000, 60000), rng.randint(1000, 9999), rng.randint(1_200_000, 2_500_000)])
    small = rng.randint(2, 60)
    slots = {
        "big": format_count(big, language, rng),
        "med": format_count(rng.randint(100, 999), language, rng),
        "small": format_count(small, language, rng),
        "small2": format_count(small + rng.randint(1, 20), language, rng),
        "small3": format_count(rng.randint(0, 15), language, rng),
        "place": rng.choice(PLACES[language]),
        "source": rng.choice(SOURCES[language]),
        "body": rng.choice(BODIES[language]),
        "weekday": rng.choice(WEEKDAYS[language]),
        "date": format_date(published - timedelta(days=rng.randint(10, 120)), language),
        "hour": f"{rng.randint(6, 23):02d}",
        "minute": f"{rng.choice([0, 15, 30, 45]):02d}",
        "res": str(rng.randint(2700, 2730)),
        "page": str(rng.randint(2, 90)),
        "year": str(rng.randint(1990, 2021)),
    }
    return template.format(**slots)


def generate_articles(count: int, seed: int = DEFAULT_SEED) -> list[Article]:
    """`count` articles, languages in turn, each 2-4 KB, then a quarter as many in each added language;
    the same seed gives the same articles."""
    rng = random.Random(seed)
    articles = [_article(LANGUAGES[index % len(LANGUAGES)], rng) for index in range(count)]
    added_rng = random.Random(seed + 1)
    for index in range(count // len(LANGUAGES) * len(ADDED_LANGUAGES)):
        articles.append(_article(ADDED_LANGUAGES[index % len(ADDED_LANGUAGES)], added_rng))
    return articles


def _article(language: str, rng: random.Random) -> Article:
    """One article in `language`, 2-4 KB, title + blank line + body."""
    templates = TEMPLATES[language]
    published = date(2023, 10, 8) + timedelta(days=rng.randint(0, 180))
    title = _fill(rng.choice(templates["title"]), language, rng, published)
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    paragraphs: list[str] = []
    sentence_count = 1
    length = len(title) + 2
    while length < target:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            kind = "claim" if rng.random() < 0.55 else "filler"
            sentences.append(_fill(rng.choice(templates[kind]), language, rng, published))
        sentence_count += len(sentences)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    text = title + "\n\n" + "\n\n".join(paragraphs)
    return Article(language, published, text, sentence_count)


# --- measuring (in a child process) -------------------------------------------------------------


def peak_rss_mb() -> float:
    """The process's resident-set high-water mark so far, in MB (ru_maxrss: KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _measure(articles: list[Article], parse: Callable[[Article], int]) -> dict[str, object]:
    latencies = []
    found = 0
    per_language: dict[str, list[float]] = {}
    started = time.perf_counter()
    cpu_started = time.process_time()
    for article in articles:
        before = time.perf_counter()
        found += parse(article)
        spent = time.perf_counter() - before
        latencies.append(spent)
        totals = per_language.setdefault(article.language, [0.0, 0.0, 0.0])
        totals[0] += 1
        totals[1] += len(article.text.encode("utf-8"))
        totals[2] += spent
    total = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return {
        "articles": len(articles),
        "bytes": sum(len(a.text.encode("utf-8")) for a in articles),
        "seconds": total,
        "cpu_seconds": cpu,
        "sentences": sum(a.sentences for a in articles),
        "median_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "found": found,
        "per_language": per_language,
    }


def child_tally(articles: list[Article]) -> dict[str, object]:
    rss_generated = peak_rss_mb()
    started = time.perf_counter()
    from claims.extraction import COMPILED, EXTRACTOR_VERSION, extract

    # The first call per language loads lexicons; it is timed apart, as a worker pays it once.
    for language in LANGUAGES:
        extract("Warm-up 1.", language=language)
    startup = time.perf_counter() - started

    def parse(article: Article) -> int:
        return len(extract(article.text, language=article.language, published=article.published))

    result = _measure(articles, parse)
    result.update(
        engine=f"Tally {EXTRACTOR_VERSION} ({'compiled with mypyc' if COMPILED else 'plain Python'})",
        compiled=COMPILED,
        startup=startup, rss_generated=rss_generated, rss_peak=peak_rss_mb()
    )
    return result


def child_quantulum(articles: list[Article]) -> dict[str, object]:
    rss_generated = peak_rss_mb()
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            # Without the optional classifier extra it warns once; parsing works the same.
            warnings.simplefilter("ignore")
            from quantulum3 import parser
            from quantulum3 import __version__ as quantulum_version

            parser.parse("Warm-up: 1 minute.")
    except Exception as error:  # noqa: BLE001 - any failure to load is reported, not raised.
        return {"error": f"{type(error).__name__}: {error}"}
    startup = time.perf_counter() - started

    def parse(article: Article) -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return len(parser.parse(article.text))

    result = _measure(articles, parse)
    result.update(
        engine=f"quantulum3 {quantulum_version}", startup=startup, rss_generated=rss_generated, rss_peak=peak_rss_mb()
    )
    return result


def _run_child(engine: str, options: argparse.Namespace, env: dict[str, str] | None = None) -> dict[str, object]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        engine,
        "--articles",
        str(options.articles),
        "--quantulum-articles",
        str(options.quantulum_articles),
        "--seed",
        str(options.seed),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
        return {"error": f"child process failed (exit {completed.returncode}): " + " | ".join(tail)}
    return json.loads(lines[-1])


# --- report -------------------------------------------------------------------------------------


def _rates(articles: float, size: float, seconds: float) -> tuple[float, float]:
    return (articles / seconds, size / 1e6 / seconds) if seconds else (0.0, 0.0)


def _print_engine(result: dict[str, object], what: str) -> None:
    articles, size, seconds = result["articles"], result["bytes"], result["seconds"]
    per_second, megabytes = _rates(articles, size, seconds)
    print(f"{result['engine']} on {what}")
    print(f"  articles            {articles}  ({size / 1e6:.2f} MB of UTF-8 text)")
    print(f"  total time          {seconds:.2f} s  (plus {result['startup']:.2f} s import and warm-up)")
    sentences = result["sentences"] / seconds if seconds else 0.0
    print(f"  throughput          {per_second:,.1f} articles/s, {megabytes:.3f} MB/s, {sentences:,.0f} sentences/s")
    cpu = result.get("cpu_seconds") or 0.0
    # CPU time of the process: the figure that holds on a machine other work keeps busy.
    print(f"  per CPU second      {size / 1e6 / cpu if cpu else 0.0:.3f} MB/s ({cpu:.2f} s of CPU)")
    print(f"  median latency      {result['median_ms']:.2f} ms per article")
    print(f"  items found         {result['found']}")
    print(
        f"  peak RSS            {result['rss_peak']:.0f} MB "
        f"(after generating the articles, before the engine: {result['rss_generated']:.0f} MB)"
    )


def _english(result: dict[str, object]) -> tuple[float, float, float]:
    articles, size, seconds = result["per_language"].get("en", [0, 0, 0])
    return articles, size, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument(
        "--quantulum-articles",
        type=int,
        default=200,
        help="English articles given to quantulum3, the first generated (default 200; 0 skips it)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--child", choices=("tally", "quantulum"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)

    articles = generate_articles(options.articles, options.seed)
    if options.child == "tally":
        print(json.dumps(child_tally(articles)))
        return 0
    if options.child == "quantulum":
        english = [a for a in articles if a.language == "en"][: options.quantulum_articles]
        print(json.dumps(child_quantulum(english)))
        return 0

    size = sum(len(a.text.encode("utf-8")) for a in articles)
    print(
        f"Generated {len(articles)} articles (seed {options.seed}): {size / 1e6:.2f} MB, "
        f"{size / max(len(articles), 1) / 1000:.1f} KB on average, "
        + ", ".join(f"{lang} {sum(1 for a in articles if a.language == lang)}" for lang in LANGUAGES + ADDED_LANGUAGES)
    )
    print(
        "Each engine runs single-process in a fresh child. Peak RSS is resource.getrusage().ru_maxrss of that "
        "child:\nthe high-water mark of its resident memory (interpreter + generated articles + engine), "
        "not the engine alone."
    )
    print()

    tally = _run_child("tally", options)
    if "error" in tally:
        print(f"Tally could not be measured: {tally['error']}")
        return 1
    _print_engine(tally, "all languages, language given (no detection)")
    print("  per language        " + ", ".join(
        f"{lang} {_rates(*tally['per_language'][lang])[1]:.3f} MB/s"
        for lang in LANGUAGES + ADDED_LANGUAGES
        if lang in tally["per_language"]
    ))
    print()

    if tally.get("compiled"):
        # The same engine from its plain source, for the compiled build's share of the speed.
        plain = _run_child("tally", options, {"TALLY_COMPILED_ENGINE": "false"})
        if "error" in plain:
            print(f"The plain Python engine could not be measured: {plain['error']}")
        else:
            _print_engine(plain, "all languages, language given (no detection)")
            same = "the same" if plain["found"] == tally["found"] else "DIFFERENT"
            print(f"Compiled / plain Python (MB/s): {plain['seconds'] / tally['seconds']:.2f}x; {same} items found")
        print()
    else:
        print("The engine ran as plain Python: `make engine` compiles it (claims/extraction/native.py).")
        print()

    if options.quantulum_articles <= 0:
        print("quantulum3 skipped (--quantulum-articles 0)")
        return 0
    quantulum = _run_child("quantulum", options)
    if "error" in quantulum:
        print(f"quantulum3 could not be measured: {quantulum['error']}")
        print("Install it with: .venv/bin/pip install -r requirements-bench.txt")
        return 0
    english_count, english_bytes, english_seconds = _english(tally)
    _print_engine(quantulum, f"a fixed sample of the English articles: the first {quantulum['articles']}")
    print()
    tally_en = _rates(english_count, english_bytes, english_seconds)
    quantulum_rates = _rates(quantulum["articles"], quantulum["bytes"], quantulum["seconds"])
    print(f"English only: Tally {tally_en[1]:.3f} MB/s over {int(english_count)} articles, "
          f"quantulum3 {quantulum_rates[1]:.3f} MB/s over {quantulum['articles']} articles")
    if quantulum_rates[1]:
        print(f"Ratio Tally / quantulum3 (MB/s on English text): {tally_en[1] / quantulum_rates[1]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
