"""Cross-outlet detection measured against a corpus's conflicts.json (a corpus written here)."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest

from tools.cross_outlet import measure, place_matches

ARTICLES = {
    "en_001.txt": ("2024-03-08", "Floods in Valmora", "The floods in Valmora killed 47 people on Friday, officials said."),
    "en_002.txt": ("2024-03-08", "Valmora toll", "The floods in Valmora killed 62 people on Friday, the mayor said."),
    "en_003.txt": ("2024-03-08", "Valmora floods", "The floods in Valmora killed 47 people on Friday, police said."),
    "en_004.txt": ("2024-03-08", "Brenzau floods", "The floods in Brenzau killed 80 people on Friday, officials said."),
}


def _corpus(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    gold = []
    for name, (day, title, body) in ARTICLES.items():
        (folder / "articles" / name).write_text(f" date {day} {title}\n\n{body}\n", encoding="utf-8")
        number = next(word for word in body.split() if word.isdigit())
        place = "Brenzau" if "Brenzau" in body else "Valmora"
        gold.append({"file": name, "language": "en", "outlet": f"Outlet {name[3:6]}",
                     "claims": [{"quote": f"{number} people", "place": place}]})
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(entry) for entry in gold) + "\n", encoding="utf-8")
    (folder / "conflicts.json").write_text(json.dumps({
        "conflicts": [{"a": ["en_001.txt", "47 people"], "b": ["en_002.txt", "62 people"], "kind": "value_mismatch"}],
        "agreements": [{"a": ["en_001.txt", "47 people"], "b": ["en_003.txt", "47 people"]}],
        "must_not_link": [{"a": ["en_001.txt", "47 people"], "b": ["en_004.txt", "80 people"]},
                          {"a": ["en_001.txt", "not in the text"], "b": ["en_004.txt", "80 people"]}],
    }), encoding="utf-8")
    return folder


@pytest.mark.django_db
def test_the_pairs_of_the_corpus_are_scored_against_what_detection_stored(tmp_path: Path) -> None:
    with mock.patch("articles.services.hand_on"):
        report = measure(_corpus(tmp_path / "corpus"))
    # 62 disagrees with both reports of 47
    assert (report.articles, report.conflicts_stored) == (4, 2)
    assert (report.conflicts.total, report.conflicts.flagged, report.conflicts.kind_right) == (1, 1, 1)
    assert (report.agreements.flagged, report.agreements.linked) == (0, 1)
    assert (report.must_not_link.total, report.must_not_link.unmatched, report.must_not_link.flagged,
            report.must_not_link.linked) == (2, 1, 0, 0)
    assert (report.places_gold, report.places_matched) == (4, 4)
    assert "conflicts found: 1/1 (100%), of the kind named 1" in report.lines()[1]


@pytest.mark.parametrize(("subject", "gold", "expected"), [
    ("iso:TR", "Turkey, TR", (True, True)),
    ("iso:TR-31", "Turkey, TR", (False, True)),
    ("iso:ES-V", "Valencia (province), ES", (True, True)),
    # A subdivision annotated with the word for its kind; a town of the same name is not it.
    ("iso:TR-16", "Bursa Province, TR", (True, True)),
    ("geonames:750269", "Bursa Province, TR", (False, True)),
    ("iso:SY+iso:TR", "Turkey and Syria (combined), TR/SY", (True, True)),
    ("iso:TR", "Turkey and Syria (combined), TR/SY", (False, True)),
    ("body:un-general-assembly", "UN General Assembly", (True, False)),
    ("un-general-assembly", "UN General Assembly", (True, False)),
    ("turquie", "Turkey, TR", (False, False)),
    (None, "Turkey, TR", (False, False)),
])
def test_a_subject_is_matched_with_a_gold_place_by_name_and_by_country(subject, gold, expected) -> None:
    assert place_matches(subject, gold) == expected


@pytest.mark.django_db
def test_a_conflict_stored_with_the_first_mention_of_the_same_value_is_counted_apart(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "articles").mkdir(parents=True)
    bodies = {
        "en_001.txt": "The floods in Valmora killed 47 people on Friday, officials said. "
                      "Rescuers in Valmora later confirmed the 47 people dead on Friday.",
        "en_002.txt": "The floods in Valmora killed 62 people on Friday, the mayor said.",
    }
    for name, body in bodies.items():
        (folder / "articles" / name).write_text(f" date 2024-03-08 Valmora floods\n\n{body}\n", encoding="utf-8")
    (folder / "gold.jsonl").write_text("".join(
        json.dumps({"file": name, "language": "en", "outlet": f"Outlet {name[3:6]}", "claims": []}) + "\n"
        for name in bodies), encoding="utf-8")
    (folder / "conflicts.json").write_text(json.dumps({"conflicts": [
        {"a": ["en_001.txt", "the 47 people dead"], "b": ["en_002.txt", "62 people"], "kind": "value_mismatch"},
    ]}), encoding="utf-8")
    with mock.patch("articles.services.hand_on"):
        report = measure(folder)
    assert (report.conflicts.total, report.conflicts.flagged, report.conflicts.through_mention) == (1, 0, 1)
    assert "and 1 more through another mention" in report.lines()[1]
