"""Syndicated copies: linked to the earlier article they copy, found through the band index."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, SyndicationBand
from articles.parsing import ArticleInput
from articles.services import article_ingest, article_ingest_many
from articles.syndication import BANDS, article_copies, numbers_agree
from articles.wires import wire_agencies_in
from tools.syndication_eval import corpus, evaluate

pytestmark = pytest.mark.django_db

WIRE_STORY = (
    "At least 47 people were killed when floods swept through the Valmora valley on Thursday, the "
    "regional civil protection agency said on Friday, warning that the toll could still rise.\n\n"
    "More than 1,200 residents were moved to schools and sports halls, and rescue teams were searching "
    "the riverbanks for 19 people reported missing after three bridges collapsed overnight.\n\n"
    "The regional government declared a state of emergency and asked the army for help clearing "
    "roads blocked by mud and fallen trees in the upper valley."
)
OWN_REPORT = (
    "Residents of the Valmora valley spent a second night in sports halls on Friday as the river kept "
    "rising. Our reporter met families who had lost everything in the floods; the civil protection "
    "agency said at least 47 people were killed.\n\nShopkeepers in the old town described water up to "
    "the ceilings and said insurance would not cover the damage, while volunteers handed out blankets."
)


def _ingest(title: str, body: str, *, source: str, day: date, language: str = "en") -> Article:
    article, created = article_ingest(data=ArticleInput(
        title=title, body=body, source=source, language=language, published=day, published_precision="day"))
    assert created
    article.refresh_from_db()
    return article


def test_a_copy_with_another_headline_byline_and_edits_is_linked_to_its_original() -> None:
    # given: the wire's story
    original = _ingest("Floods kill 47 in Valmora", WIRE_STORY, source="wire.example", day=date(2024, 3, 8))
    # when: another outlet runs it with a headline and byline of its own and a few words changed
    edited = ("By Jane Doe\n\n" + WIRE_STORY.replace("swept through", "tore through")
              .replace("sports halls", "gyms").replace("overnight", "during the night"))
    copy = _ingest("Valmora mourns its dead", edited, source="daily.example", day=date(2024, 3, 8))
    # and a third re-pastes it between its own boilerplate
    pasted = f"VALMORA (Reuters) - {WIRE_STORY}\n\nRead more: subscribe to our newsletter for daily updates."
    repaste = _ingest("Valmora floods", pasted, source="portal.example", day=date(2024, 3, 9))
    # and an outlet's own report on the same floods is not a copy
    own = _ingest("A night in the sports halls", OWN_REPORT, source="local.example", day=date(2024, 3, 9))
    # then
    assert (copy.syndicated_from_id, repaste.syndicated_from_id, own.syndicated_from_id) == (original.id, original.id, None)
    assert original.syndicated_from_id is None
    assert repaste.wire_agencies == ["reuters"]
    assert [a.id for a in article_copies(article=repaste)] == [original.id, copy.id, repaste.id]
    assert SyndicationBand.objects.filter(article=original).count() == BANDS


def test_a_copy_of_a_copy_points_at_the_original() -> None:
    original = _ingest("Floods kill 47", WIRE_STORY, source="wire.example", day=date(2024, 3, 8))
    first = _ingest("Copy", "By A. Writer\n\n" + WIRE_STORY, source="a.example", day=date(2024, 3, 8))
    second = _ingest("Copy of copy", "By A. Writer\n\n" + WIRE_STORY + "\n\nAll rights reserved.", source="b.example",
                     day=date(2024, 3, 9))
    assert (first.syndicated_from_id, second.syndicated_from_id) == (original.id, original.id)


def test_an_original_stored_after_its_copies_becomes_the_head_of_the_family() -> None:
    # given: two copies stored first
    copy_a = _ingest("Copy A", "By A. Writer\n\n" + WIRE_STORY, source="a.example", day=date(2024, 3, 9))
    copy_b = _ingest("Copy B", WIRE_STORY + "\n\nAll rights reserved.", source="b.example", day=date(2024, 3, 9))
    assert copy_b.syndicated_from_id == copy_a.id
    # when: the wire's own article, published a day earlier, arrives late
    original = _ingest("Floods kill 47", WIRE_STORY.replace("Thursday", "Thursday night"), source="wire.example",
                       day=date(2024, 3, 8))
    # then
    copy_a.refresh_from_db()
    copy_b.refresh_from_db()
    assert (original.syndicated_from_id, copy_a.syndicated_from_id, copy_b.syndicated_from_id) == (
        None, original.id, original.id)


def test_the_same_text_with_other_figures_is_not_a_copy() -> None:
    original = _ingest("Floods kill 47", WIRE_STORY, source="wire.example", day=date(2024, 3, 8))
    updated = WIRE_STORY.replace("47", "52").replace("1,200", "1,500").replace("19 people", "11 people")
    other = _ingest("Floods kill 52", updated, source="daily.example", day=date(2024, 3, 9))
    assert other.syndicated_from_id is None
    assert original.syndicated_from_id is None
    assert numbers_agree(frozenset({"47", "1", "200"}), frozenset({"47", "1", "200", "19"})) is True


def test_copies_within_one_batch_are_linked() -> None:
    items = [
        ArticleInput(title="Floods kill 47", body=WIRE_STORY, source="wire.example", language="en",
                     published=date(2024, 3, 8), published_precision="day"),
        ArticleInput(title="Copy", body="By B. Writer\n\n" + WIRE_STORY, source="c.example", language="en",
                     published=date(2024, 3, 8), published_precision="day"),
    ]
    report = article_ingest_many(items=items)
    first, second = (Article.objects.get(id=i) for i in report.new)
    assert (first.syndicated_from_id, second.syndicated_from_id) == (None, first.id)


def test_finding_candidates_costs_the_same_whatever_is_stored() -> None:
    """The lookup goes through the band index: one indexed SELECT on the bands for one new article,
    and at most two more to read the candidates' texts (capped at MAX_CANDIDATES), however many
    articles are stored."""
    def queries_for_one(tag: str) -> tuple[int, int]:
        data = ArticleInput(title=f"Flood {tag}", body=f"{tag} " + OWN_REPORT, source="x.example", language="en")
        with CaptureQueriesContext(connection) as captured:
            article_ingest(data=data)
        band_reads = [q for q in captured if q["sql"].startswith("SELECT") and "articles_syndicationband" in q["sql"]]
        return len(captured), len(band_reads)

    queries_for_one("warm-up")  # creates the source, so both measured ingests find it
    few, few_band_reads = queries_for_one("first")
    article_ingest_many(items=[
        ArticleInput(title=s.title, body=s.body, language=s.language, source=s.outlet) for s in corpus(stories=60, seed=1)
    ])
    many, many_band_reads = queries_for_one("second")
    assert Article.objects.count() > 100
    assert (few_band_reads, many_band_reads) == (1, 1)
    assert few <= many <= few + 2


def test_the_corpus_precision_and_recall_are_at_least_095() -> None:
    scores = evaluate(stories=80, seed=11)
    assert scores.true_pairs > 100
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("GAZA, 3 nov (Reuters) - At least", ["reuters"]),
        ("Au moins 20 morts, cités par l'agence turque Anadolu.", ["anadolu"]),
        ("PARIS (AFP) —", ["afp"]),
        ("according to AP, twenty", ["ap"]),
        ("según la agencia EFE", ["efe"]),
        ("mit Material von dpa", ["dpa"]),
        ("He took AP classes at school", []),
        ("Reuters/AP", ["reuters", "ap"]),
    ],
)
def test_wire_credits_are_recognised(text: str, agencies: list[str]) -> None:
    assert wire_agencies_in(text) == agencies
