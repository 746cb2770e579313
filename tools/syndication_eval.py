"""Precision and recall of the syndication detector on a corpus generated deterministically.

    python -m tools.syndication_eval [--stories 300] [--seed 7]

Each story is an original article, written from sentence templates in English, French, Spanish or
German with its own places, numbers and officials, and a few copies of it made the ways outlets
copy: a new headline and a byline, a handful of words edited, a wire credit and an outlet's
boilerplate around the text, the last paragraph dropped, typography retyped. Stories drawn from
the same templates about the same kind of event are the hard negatives: they share phrases and
facts but are not copies. Everything is ingested through `article_ingest_many` (so through the
real band index), in a shuffled order, and the families found are compared with the true ones
pair by pair. Run as a script it uses an in-memory SQLite database of its own.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

TEMPLATES: dict[str, list[str]] = {
    "en": [
        "At least {n1} people were killed when {event} struck {place} on {day}, {official} said.",
        "Rescue teams were still searching for {n2} people reported missing in the {region} region late on {day}.",
        "More than {n3} residents were evacuated to schools and sports halls, according to {official}.",
        "The {event} destroyed {n4} homes and cut power to much of {place}, local media reported.",
        "{official_cap} warned that the toll could rise as crews reached villages cut off by {cause}.",
        "The government declared a state of emergency in {region} and sent {n5} soldiers to help.",
        "Hospitals in {place} treated {n6} injured people, many of them with fractures and cuts.",
        "It was the worst disaster to hit {region} since {year}, when {n7} people died.",
        "Aid agencies said {n8} families needed shelter, food and clean water.",
        "Roads into {place} remained closed on {day} because of {cause}.",
        "The mayor of {place} called on residents to stay indoors until further notice.",
        "Forecasters expect more {weather} in {region} over the coming {n9} days.",
    ],
    "fr": [
        "Au moins {n1} personnes ont été tuées lorsque {event} a frappé {place} {day}, a indiqué {official}.",
        "Les secours recherchaient encore {n2} personnes portées disparues dans la région de {region} {day} soir.",
        "Plus de {n3} habitants ont été évacués vers des écoles et des gymnases, selon {official}.",
        "{event_cap} a détruit {n4} maisons et privé d'électricité une grande partie de {place}, selon la presse locale.",
        "{official_cap} a averti que le bilan pourrait s'alourdir à mesure que les équipes atteignent des villages isolés par {cause}.",
        "Le gouvernement a décrété l'état d'urgence dans la région de {region} et envoyé {n5} soldats en renfort.",
        "Les hôpitaux de {place} ont soigné {n6} blessés, dont beaucoup souffrent de fractures.",
        "C'est la pire catastrophe dans la région de {region} depuis {year}, quand {n7} personnes avaient péri.",
        "Les organisations humanitaires estiment que {n8} familles ont besoin d'un abri, de nourriture et d'eau potable.",
        "Les routes menant à {place} restaient fermées {day} en raison de {cause}.",
        "Le maire de {place} a appelé les habitants à rester chez eux jusqu'à nouvel ordre.",
        "Les prévisionnistes annoncent encore {weather} sur la région de {region} pendant {n9} jours.",
    ],
    "es": [
        "Al menos {n1} personas murieron cuando {event} golpeó {place} el {day}, informó {official}.",
        "Los equipos de rescate seguían buscando a {n2} personas desaparecidas en la región de {region} el {day} por la noche.",
        "Más de {n3} vecinos fueron evacuados a colegios y polideportivos, según {official}.",
        "{event_cap} destruyó {n4} viviendas y dejó sin luz a buena parte de {place}, según la prensa local.",
        "{official_cap} advirtió de que el balance podría aumentar cuando los equipos lleguen a aldeas aisladas por {cause}.",
        "El Gobierno declaró el estado de emergencia en la región de {region} y envió {n5} soldados.",
        "Los hospitales de {place} atendieron a {n6} heridos, muchos con fracturas y cortes.",
        "Es la peor catástrofe en la región de {region} desde {year}, cuando murieron {n7} personas.",
        "Las organizaciones humanitarias calculan que {n8} familias necesitan refugio, comida y agua potable.",
        "Las carreteras de acceso a {place} seguían cortadas el {day} por {cause}.",
        "El alcalde de {place} pidió a los vecinos que no salgan de casa hasta nuevo aviso.",
        "Los meteorólogos prevén más {weather} en la región de {region} durante los próximos {n9} días.",
    ],
    "de": [
        "Mindestens {n1} Menschen kamen ums Leben, als {event} am {day} {place} traf, teilte {official} mit.",
        "Rettungskräfte suchten am {day} Abend noch nach {n2} Vermissten in der Region {region}.",
        "Mehr als {n3} Bewohner wurden in Schulen und Turnhallen gebracht, wie {official} mitteilte.",
        "{event_cap} zerstörte {n4} Häuser und legte die Stromversorgung in weiten Teilen von {place} lahm, berichteten örtliche Medien.",
        "{official_cap} warnte, die Zahl der Opfer könne steigen, sobald die Helfer die durch {cause} abgeschnittenen Dörfer erreichen.",
        "Die Regierung rief für die Region {region} den Notstand aus und schickte {n5} Soldaten.",
        "Die Krankenhäuser in {place} behandelten {n6} Verletzte, viele mit Knochenbrüchen.",
        "Es ist die schwerste Katastrophe in der Region {region} seit {year}, als {n7} Menschen starben.",
        "Hilfsorganisationen zufolge brauchen {n8} Familien Unterkunft, Nahrung und sauberes Wasser.",
        "Die Straßen nach {place} blieben am {day} wegen {cause} gesperrt.",
        "Der Bürgermeister von {place} rief die Bewohner auf, bis auf Weiteres zu Hause zu bleiben.",
        "Meteorologen erwarten in der Region {region} in den kommenden {n9} Tagen weiteren {weather}.",
    ],
}

FILLS: dict[str, dict[str, list[str]]] = {
    "en": {
        "event": ["a flood", "an earthquake", "a landslide", "a cyclone", "a storm"],
        "official": ["the civil protection agency", "the regional governor", "the interior ministry", "police", "the fire service"],
        "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "cause": ["landslides", "fallen bridges", "flooded roads", "debris", "snow"],
        "weather": ["rain", "storms", "snow", "wind"],
    },
    "fr": {
        "event": ["une crue", "un séisme", "un glissement de terrain", "un cyclone", "une tempête"],
        "official": ["la protection civile", "le préfet", "le ministère de l'Intérieur", "la police", "les pompiers"],
        "day": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "cause": ["des éboulements", "des ponts effondrés", "des routes inondées", "des débris", "la neige"],
        "weather": ["de la pluie", "des orages", "de la neige", "du vent"],
    },
    "es": {
        "event": ["una riada", "un terremoto", "un corrimiento de tierra", "un ciclón", "una tormenta"],
        "official": ["la protección civil", "el gobernador regional", "el Ministerio del Interior", "la policía", "los bomberos"],
        "day": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        "cause": ["los desprendimientos", "los puentes caídos", "las carreteras inundadas", "los escombros", "la nieve"],
        "weather": ["lluvias", "tormentas", "nevadas", "vientos"],
    },
    "de": {
        "event": ["ein Hochwasser", "ein Erdbeben", "ein Erdrutsch", "ein Wirbelsturm", "ein Sturm"],
        "official": ["der Zivilschutz", "der Gouverneur", "das Innenministerium", "die Polizei", "die Feuerwehr"],
        "day": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        "cause": ["Erdrutsche", "eingestürzte Brücken", "überflutete Straßen", "Trümmer", "Schnee"],
        "weather": ["Regen", "Gewitter", "Schnee", "Wind"],
    },
}
PLACES = ["Valmora", "Ostrava Nova", "Kelmar", "San Tirso", "Brevik", "Lunaria", "Castel Rocco", "Dunmere",
          "Altenau", "Puerto Alba", "Saint-Orlan", "Vesna", "Marbeck", "Torrelumbre", "Kirrin", "Oldhaven"]
REGIONS = ["Nordmark", "Sierra Alta", "Haute-Vallée", "Eastfold", "Tierra Baja", "Kessel", "Borealis", "Lacustre"]
NAMES = ["Ana Ruiz", "Tom Becker", "Claire Martin", "Jonas Weber", "Lucía Gómez", "Paul Dubois", "Sara Klein", "Omar Haddad"]
BYLINE = {"en": "By {name}", "fr": "Par {name}", "es": "Por {name}", "de": "Von {name}"}
WIRE = {"en": "({agency}) —", "fr": "({agency}) —", "es": "({agency}) —", "de": "({agency}) —"}
BOILERPLATE = {
    "en": "This story was published from a wire agency feed without modifications. Follow us for more news.",
    "fr": "Cet article est publié à partir d'une dépêche d'agence. Suivez-nous pour plus d'actualités.",
    "es": "Esta noticia se publica a partir de un teletipo de agencia. Síguenos para más noticias.",
    "de": "Dieser Artikel wurde aus einer Agenturmeldung übernommen. Folgen Sie uns für mehr Nachrichten.",
}
HEADLINES = {
    "en": ["{place}: toll rises after {event}", "Dozens dead in {place}", "{region} counts the cost of {event}"],
    "fr": ["{place} : le bilan s'alourdit", "Des dizaines de morts à {place}", "{region} : l'heure du bilan"],
    "es": ["{place}: aumenta el balance", "Decenas de muertos en {place}", "{region} hace balance"],
    "de": ["{place}: Zahl der Toten steigt", "Dutzende Tote in {place}", "{region} zieht Bilanz"],
}


@dataclass(frozen=True, slots=True)
class Story:
    family: int
    title: str
    body: str
    language: str
    published: date
    outlet: str


def _fill(rng: random.Random, language: str) -> dict[str, str]:
    words = {key: rng.choice(values) for key, values in FILLS[language].items()}
    words.update(
        place=rng.choice(PLACES), region=rng.choice(REGIONS), year=str(rng.randint(1950, 2015)),
        **{f"n{i}": str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999)])) for i in range(1, 10)},
    )
    words["event_cap"] = words["event"][0].upper() + words["event"][1:]
    words["official_cap"] = words["official"][0].upper() + words["official"][1:]
    return words


def _original(rng: random.Random, family: int, language: str, day: date) -> Story:
    words = _fill(rng, language)
    templates = TEMPLATES[language]
    # 6-9 of the 12 sentences, in template order, in 3-4 paragraphs: two stories of one language
    # share many sentence frames, which is what makes them hard negatives.
    chosen = sorted(rng.sample(range(len(templates)), rng.randint(6, 9)))
    sentences = [templates[i].format(**words) for i in chosen]
    cut = sorted(rng.sample(range(1, len(sentences)), rng.randint(2, 3)))
    paragraphs = [" ".join(sentences[a:b]) for a, b in zip([0, *cut], [*cut, len(sentences)], strict=True)]
    title = rng.choice(HEADLINES[language]).format(**words)
    return Story(family, title, "\n\n".join(paragraphs), language, day, f"outlet{rng.randint(1, 40)}.example")


def _edit_words(rng: random.Random, text: str, count: int) -> str:
    words = text.split(" ")
    for position in rng.sample(range(len(words)), min(count, len(words))):
        words[position] = rng.choice(["also", "aussi", "también", "auch", "reportedly", "notamment", "ya", "bereits"])
    return " ".join(words)


def _copies(rng: random.Random, story: Story) -> list[Story]:
    language = story.language
    words = _fill(rng, language)
    later = story.published + timedelta(days=rng.randint(0, 1))
    kinds = rng.sample(["headline_byline", "edited", "wire_boilerplate", "truncated", "retyped", "combined"], rng.randint(1, 3))
    out = []
    for kind in kinds:
        title, body = rng.choice(HEADLINES[language]).format(**words), story.body
        if kind == "headline_byline":
            body = BYLINE[language].format(name=rng.choice(NAMES)) + "\n\n" + body
        elif kind == "edited":
            body = _edit_words(rng, body, rng.randint(2, 5))
        elif kind == "wire_boilerplate":
            agency = rng.choice(["Reuters", "AFP", "dpa", "EFE"])
            body = f"{rng.choice(PLACES).upper()} {WIRE[language].format(agency=agency)} {body}\n\n{BOILERPLATE[language]}"
        elif kind == "truncated":
            paragraphs = body.split("\n\n")
            body = "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else body
        elif kind == "retyped":
            body = body.replace("'", "\u2019").replace(" — ", " - ").replace("\n\n", "\n\n\n")
            title = story.title.upper()
        else:
            body = BYLINE[language].format(name=rng.choice(NAMES)) + "\n\n" + _edit_words(rng, body, 3)
            body += "\n\n" + BOILERPLATE[language]
        out.append(Story(story.family, title, body, language, later, f"outlet{rng.randint(41, 80)}.example"))
    return out


def corpus(*, stories: int, seed: int = 7) -> list[Story]:
    """`stories` originals with their copies, in a shuffled ingestion order."""
    rng = random.Random(seed)
    items: list[Story] = []
    start = date(2024, 1, 1)
    for family in range(stories):
        language = ("en", "fr", "es", "de")[family % 4]
        original = _original(rng, family, language, start + timedelta(days=rng.randint(0, 60)))
        items.append(original)
        if family % 3 != 2:  # a third of the stories are never copied
            items += _copies(rng, original)
    rng.shuffle(items)
    return items


@dataclass(frozen=True, slots=True)
class Scores:
    articles: int
    true_pairs: int
    found_pairs: int
    correct_pairs: int
    seconds: float

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def evaluate(*, stories: int = 300, seed: int = 7, chunk_size: int = 50) -> Scores:
    """Ingest the corpus into the current database and score the families found (needs an empty
    articles table: pairs are counted over every article)."""
    from articles.models import Article
    from articles.parsing import ArticleInput
    from articles.services import article_ingest_many

    items = corpus(stories=stories, seed=seed)
    inputs = [
        ArticleInput(title=s.title, body=s.body, language=s.language, published=s.published,
                     published_precision="day", source=s.outlet, origin=f"family {s.family} #{i}")
        for i, s in enumerate(items)
    ]
    started = time.perf_counter()
    # Small chunks, so most copies meet their original across chunks (through the stored bands)
    # and some within one.
    report = article_ingest_many(items=inputs, chunk_size=chunk_size)
    seconds = time.perf_counter() - started
    family_of = {}
    for article_id, origin in Article.objects.filter(id__in=report.new).values_list("id", "origin"):
        family_of[article_id] = int(origin.split()[1])
    root_of = dict(Article.objects.filter(id__in=report.new).values_list("id", "syndicated_from_id"))
    ids = sorted(family_of)
    true_pairs = found_pairs = correct = 0
    for a, b in combinations(ids, 2):
        same_family = family_of[a] == family_of[b]
        same_root = (root_of[a] or a) == (root_of[b] or b)
        true_pairs += same_family
        found_pairs += same_root
        correct += same_family and same_root
    return Scores(len(ids), true_pairs, found_pairs, correct, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = "sqlite:///:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from unittest import mock

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # Only detection is measured: claim extraction, enqueued after each chunk, is left out.
    with mock.patch("articles.services.hand_on"):
        scores = evaluate(stories=options.stories, seed=options.seed)
    print(f"articles: {scores.articles} (stories: {options.stories}, seed: {options.seed})")
    print(f"pairs of copies: {scores.true_pairs} true, {scores.found_pairs} found, {scores.correct_pairs} correct")
    print(f"precision: {scores.precision:.4f}")
    print(f"recall: {scores.recall:.4f}")
    print(f"ingest with detection: {scores.seconds:.2f} s, {1000 * scores.seconds / scores.articles:.2f} ms per article")
    return 0 if scores.precision >= 0.95 and scores.recall >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
