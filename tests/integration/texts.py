"""Flood reports from invented towns, written for these tests, in the four supported languages.

Each town gets a short series of reports whose death tolls rise, except that two reports of the
same day disagree: that pair is the town's conflict.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

TOWNS = [
    "Valmora", "Brenzau", "Corvella", "Drossenheim", "Elvaigne", "Farnholt", "Gavrecca", "Hollendorp",
    "Istrane", "Jorvasse", "Kellmark", "Lorvena", "Marnesse", "Norrberg", "Ostavia", "Pellacourt",
    "Quarnelle", "Rastenbach", "Solvira", "Tormund", "Ulvessa", "Varnhelm", "Wistrane", "Ysolde",
    "Zandrova", "Arvenne", "Belcastro", "Cindrau", "Dovrana", "Eskmere", "Fallowby", "Grentz",
    "Harvonne", "Ilmasto", "Jessavar", "Korvalle", "Lindquay", "Mosvenne", "Nettleby", "Orsanne",
    "Praxelle", "Quillmoor", "Rovigna", "Selvaux", "Tarnwick", "Umbrecht", "Vesterlin", "Wolvenne",
    "Xanterra", "Yarrowby",
]

# (title, body) per language; {n} is the death toll, {m} the number still missing.
TEMPLATES = {
    "en": ("Floods in {town}: {n} dead",
           "{n} people have been killed in the floods in {town}, the civil protection agency said. "
           "More than {m} residents are still missing."),
    "fr": ("Inondations à {town} : {n} morts",
           "{n} personnes ont été tuées dans les inondations à {town}, selon la protection civile. "
           "Plus de {m} habitants sont toujours portés disparus."),
    "es": ("Inundaciones en {town}: {n} muertos",
           "{n} personas murieron en las inundaciones en {town}, según la protección civil. "
           "Más de {m} personas siguen desaparecidas."),
    "de": ("Hochwasser in {town}: {n} Tote",
           "{n} Menschen sind bei dem Hochwasser in {town} ums Leben gekommen, teilte der Zivilschutz mit. "
           "Mehr als {m} Bewohner werden noch vermisst."),
}
LANGUAGES = list(TEMPLATES)

# One town's series: (day of March 2024, deaths, missing). The second and third reports give two
# different tolls for the same day; every other step is an update.
SERIES = [(5, 12, 60), (6, 20, 45), (6, 26, 45), (8, 31, 30)]


def flood_reports(towns: int, *, per_town: int = len(SERIES)) -> list[dict]:
    """`towns` x `per_town` articles as JSON Lines objects, the languages taking turns."""
    reports = []
    for town_index, town in enumerate(TOWNS[:towns]):
        for step, (day, deaths, missing) in enumerate(SERIES[:per_town]):
            language = LANGUAGES[(town_index + step) % len(LANGUAGES)]
            title, body = TEMPLATES[language]
            reports.append({
                "title": title.format(town=town, n=deaths),
                "body": body.format(town=town, n=deaths, m=missing),
                "language": language,
                "published": date(2024, 3, day).isoformat(),
                "source": f"{town.lower()}-{step}.example",
            })
    return reports


def write_jsonl(path: Path, reports: list[dict]) -> Path:
    path.write_text("".join(json.dumps(report, ensure_ascii=False) + "\n" for report in reports), encoding="utf-8")
    return path
