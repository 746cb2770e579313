"""Storing the engine's claims: spans, part-of links, idempotence, version changes, failures."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection

from articles.models import LANGUAGE_UNKNOWN_ERROR, Article
from articles.parsing import read_articles
from articles.services import article_ingest_many
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, Conflict, Figure
from claims.services.claims import article_extract_claims, articles_extract_claims, articles_process
from claims.services.conflicts import articles_detect_conflicts
from claims.tasks import extract_claims, process_articles
from tests.articles.factories import ArticleFactory
from tests.conftest import SAMPLES_DIR
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_seed(seeds_dir) -> Article:
    report = article_ingest_many(
        items=read_articles([str(seeds_dir / "000_f6a4e54e645a0619.txt")], max_body_bytes=1_000_000)
    )
    return Article.objects.get(id=report.new[0])


def test_claims_are_stored_with_exact_spans_and_part_of_links(french_seed, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = article_extract_claims(article_id=french_seed.id)
    # then: claims stored, and conflict detection sent once they are committed
    assert (article.status, article.last_error, article.extractor_version) == ("extracted", "", EXTRACTOR_VERSION)
    assert len(callbacks) == 1
    claims = list(article.claims.order_by("start"))
    text = article.text
    assert claims and all(text[claim.start:claim.end] == claim.quote for claim in claims)
    deaths = Claim.objects.get(article=article, metric="deaths")
    children = Claim.objects.get(article=article, metric="deaths_children")
    assert (deaths.value, children.lower, children.upper, children.qualifier) == (
        Decimal("20000"), Decimal("7000"), None, "more_than"
    )
    assert children.part_of_id == deaths.id
    assert all(claim.extractor_version == EXTRACTOR_VERSION and claim.rules for claim in claims)


def test_running_twice_leaves_the_same_rows(french_seed):
    article_extract_claims(article_id=french_seed.id)
    before = list(Claim.objects.order_by("id").values_list("id", "start", "end", "metric", "value"))
    # when
    extract_claims(french_seed.id)
    # then
    assert list(Claim.objects.order_by("id").values_list("id", "start", "end", "metric", "value")) == before


def test_a_new_extractor_version_replaces_earlier_claims(french_seed):
    # given claims stored by an earlier version of the engine
    stale = ClaimFactory(article=french_seed, start=0, end=2, metric="other", extractor_version="0-old")
    Article.objects.filter(id=french_seed.id).update(extractor_version="0-old", status="done")
    # when
    article_extract_claims(article_id=french_seed.id)
    # then
    assert not Claim.objects.filter(id=stale.id).exists()
    assert set(Claim.objects.filter(article=french_seed).values_list("extractor_version", flat=True)) == {EXTRACTOR_VERSION}


def test_the_same_version_keeps_claims_a_reviewer_may_have_touched(french_seed):
    article_extract_claims(article_id=french_seed.id)
    claim = Claim.objects.get(article=french_seed, metric="deaths")
    Claim.objects.filter(id=claim.id).update(review_status="verified")
    article_extract_claims(article_id=french_seed.id)
    assert Claim.objects.get(id=claim.id).review_status == "verified"


def test_a_new_extractor_version_keeps_claims_a_reviewer_has_worked_on(french_seed):
    # given claims of an earlier engine, one of them verified by a reviewer
    worked = ClaimFactory(article=french_seed, start=0, end=2, metric="deaths", extractor_version="0-old",
                          review_status="verified")
    Article.objects.filter(id=french_seed.id).update(extractor_version="0-old", status="done")
    # when the new engine runs on the article
    article = article_extract_claims(article_id=french_seed.id)
    # then the reviewed claims stay, and the article says why it still holds an earlier engine's claims
    assert list(Claim.objects.filter(article=french_seed).values_list("id", flat=True)) == [worked.id]
    stored = Article.objects.get(id=french_seed.id)
    assert (stored.extractor_version, stored.status) == ("0-old", "extracted")
    assert stored.warning == article.warning == (
        "claims of an earlier engine kept: a reviewer has worked on them (manage.py reprocess --force replaces them)"
    )


def test_a_forced_reprocess_replaces_reviewed_claims_of_an_earlier_engine(french_seed):
    # given a reviewed claim of an earlier engine, and an operator forcing a run (the version blanked)
    worked = ClaimFactory(article=french_seed, start=0, end=2, metric="deaths", extractor_version="0-old",
                          review_status="verified")
    Article.objects.filter(id=french_seed.id).update(extractor_version="", status="pending")
    # when
    article_extract_claims(article_id=french_seed.id)
    # then
    assert not Claim.objects.filter(id=worked.id).exists()
    assert set(Claim.objects.filter(article=french_seed).values_list("extractor_version", flat=True)) == {EXTRACTOR_VERSION}


def test_unsupported_language_fails_clearly_without_retry():
    article = ArticleFactory(language="nl", title="Valmora", body="Er kwamen 20 mensen om in Valmora.")
    result = extract_claims(article.id)
    article.refresh_from_db()
    assert result == "failed"
    assert article.status == "failed"
    assert article.last_error == "ExtractionUnsupported: language 'nl' has no extraction rules (supported: ar, de, en, es, fr, ru, uk)"
    assert article.claims.count() == 0


@pytest.mark.parametrize(
    ("language", "body", "quote", "metric"),
    [
        ("ar", "أسفر القصف عن ٤٧ قتيلاً في الوردية.", "٤٧ قتيلاً", "deaths"),
        ("ru", "В Велигорске погибли 12 человек.", "12 человек", "deaths"),
    ],
)
def test_arabic_and_russian_articles_are_extracted_with_spans_over_their_text(language, body, quote, metric):
    article = ArticleFactory(language=language, title="", body=body)
    assert extract_claims(article.id) == "extracted"
    claim = article.claims.get()
    assert (claim.metric, claim.quote) == (metric, quote)
    assert article.text[claim.start : claim.end] == quote


def test_an_article_without_a_language_whose_language_cannot_be_detected_is_marked_so_not_done():
    # given an article with no language (reprocessed without one being set) and no words to read
    article = ArticleFactory(language="", title="2024-05-02", body="12 + 30 = 42; 7 / 9 - 1.")
    # when its extraction and detection run
    result = process_articles([article.id])
    articles_detect_conflicts(article_ids=[article.id])
    # then
    article.refresh_from_db()
    assert result == {"no_language": 1}
    assert (article.status, article.last_error, article.extractor_version) == (
        "no_language", LANGUAGE_UNKNOWN_ERROR, "")
    assert article.claims.count() == 0


def test_an_article_without_a_language_is_extracted_in_the_language_detected():
    article = ArticleFactory(language="", title="Valmora", body="At least 12 people were killed in Valmora.")
    assert extract_claims(article.id) == "extracted"
    assert list(article.claims.values_list("metric", "value", "language")) == [("deaths", Decimal("12"), "en")]


def test_a_missing_article_is_a_quiet_no_op():
    assert extract_claims(987654) == "missing"


def test_ingest_runs_extraction_on_commit(seeds_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article_ingest_many(items=read_articles([str(seeds_dir)], max_body_bytes=1_000_000))
    # extraction, then detection, each after the commit of the step before
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    english = Article.objects.get(language="en")
    duration = Claim.objects.get(article=english, metric="duration")
    assert (duration.value, duration.unit, duration.qualifier) == (Decimal("50"), "minutes", "approx")


def _conflicts_by_content() -> set[tuple]:
    return set(Conflict.objects.values_list(
        "kind", "claim_a__article__title", "claim_a__start", "claim_b__article__title", "claim_b__start", "severity",
    ))


def test_a_batch_stores_and_compares_what_one_article_at_a_time_does():
    # given our sample articles processed once article by article ...
    items = list(read_articles([str(SAMPLES_DIR)], max_body_bytes=1_000_000))
    with mock.patch("articles.services.hand_on"):
        ids = article_ingest_many(items=items).new
    for article_id in ids:
        articles_extract_claims(article_ids=[article_id])
    for article_id in ids:
        articles_detect_conflicts(article_ids=[article_id])
    one_by_one_claims = sorted(Claim.objects.values_list("article_id", "start", "end", "metric", "value", "part_of__start"))
    one_by_one_conflicts = _conflicts_by_content()
    assert len(one_by_one_conflicts) == 11
    # ... and again from scratch, all of them in one batch
    Conflict.objects.all().delete()
    Claim.objects.all().delete()
    Figure.objects.all().delete()
    Article.objects.update(status=Article.Status.PENDING, extractor_version="")
    # when
    processed = articles_process(article_ids=ids)
    # then the same claims, part-of links, figures and conflicts, and every article done
    assert [a.status for a in processed] == [Article.Status.DONE] * len(ids)
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DONE}
    assert sorted(Claim.objects.values_list("article_id", "start", "end", "metric", "value", "part_of__start")) == (
        one_by_one_claims
    )
    assert _conflicts_by_content() == one_by_one_conflicts
    # and running the batch again changes nothing
    claim_ids = set(Claim.objects.values_list("id", flat=True))
    articles_process(article_ids=ids)
    assert set(Claim.objects.values_list("id", flat=True)) == claim_ids
    assert _conflicts_by_content() == one_by_one_conflicts


def test_an_engine_failure_fails_its_article_alone():
    # given a batch in which one article is in a language without rules
    good = ArticleFactory(language="en", title="Valmora", body="Twelve people died in Valmora.")
    bad = ArticleFactory(language="nl", title="Valmora", body="Er kwamen 20 mensen om in Valmora.")
    later = ArticleFactory(language="en", title="Brenzau", body="20 people died in Brenzau.")
    # when
    processed = {a.id: a for a in articles_process(article_ids=[good.id, bad.id, later.id])}
    # then the others are stored and compared, and the bad one says why it failed
    assert {i: processed[i].status for i in processed} == {good.id: "done", bad.id: "failed", later.id: "done"}
    bad.refresh_from_db()
    assert (bad.status, bad.last_error) == ("failed", "ExtractionUnsupported: language 'nl' has no extraction rules "
                                                      "(supported: ar, de, en, es, fr, ru, uk)")
    assert Claim.objects.filter(article=good).count() == 1 and Claim.objects.filter(article=later).count() == 1


def _two_articles() -> tuple[Article, Article]:
    return (ArticleFactory(language="en", title="Valmora", body="Twelve people died in Valmora."),
            ArticleFactory(language="en", title="Brenzau", body="20 people died in Brenzau."))


@contextmanager
def _engine_altering(article: Article, alter):  # type: ignore[no-untyped-def]
    """The real engine, with what it finds in `article` passed through `alter` first."""
    from claims.services import claims as service

    real = service._claims_from_extraction

    def engine(read: Article):  # type: ignore[no-untyped-def]
        version, found, warning = real(read)
        return version, (alter(found) if read.id == article.id else found), warning

    with mock.patch.object(service, "_claims_from_extraction", engine):
        yield


def test_a_row_the_database_refuses_fails_its_article_alone():
    # given a batch in which the engine returns, for one article, a claim whose span is empty
    good, bad = _two_articles()
    # when
    with _engine_altering(bad, lambda found: [replace(found[0], end=found[0].start)]):
        processed = {a.id: a.status for a in articles_extract_claims(article_ids=[good.id, bad.id])}
    # then the good article's claims are stored and the bad one is failed with the database's reason
    assert processed == {good.id: "extracted", bad.id: "failed"}
    bad.refresh_from_db()
    assert bad.last_error.startswith("IntegrityError") and "claim_span_not_empty" in bad.last_error
    assert Claim.objects.filter(article=good).count() == 1 and not Claim.objects.filter(article=bad).exists()


def test_parts_of_parts_are_stored_with_their_links():
    # given an engine result where a claim is part of a part (the engine does not make these today;
    # storage must not depend on it)
    from claims.services import claims as service

    article = ArticleFactory(language="en", title="Valmora", body="Twelve people died in Valmora.")
    version, found, _ = service._claims_from_extraction(article)
    whole = found[0]
    chain = [whole, replace(whole, start=whole.start + 1, part_of=0), replace(whole, start=whole.start + 2, part_of=1)]
    # when
    with mock.patch.object(service, "_claims_from_extraction", lambda _: (version, chain, "")):
        articles_extract_claims(article_ids=[article.id])
    # then each row points at its whole
    rows = {claim.start: claim for claim in Claim.objects.filter(article=article)}
    first, second, third = (rows[whole.start + offset] for offset in range(3))
    assert (first.part_of_id, second.part_of_id, third.part_of_id) == (None, first.id, second.id)


def test_part_of_links_that_form_a_cycle_fail_their_article_alone():
    good, bad = _two_articles()

    def cycle(found):  # type: ignore[no-untyped-def]
        return [replace(found[0], part_of=1), replace(found[0], start=found[0].start + 1, part_of=0)]

    with _engine_altering(bad, cycle):
        processed = {a.id: (a.status, a.last_error) for a in articles_extract_claims(article_ids=[good.id, bad.id])}
    assert processed == {good.id: ("extracted", ""),
                         bad.id: ("failed", "IntegrityError: claims whose part_of links form a cycle")}
    assert not Claim.objects.filter(article=bad).exists()


def test_an_article_edited_while_the_engine_ran_is_left_for_the_run_that_follows_the_edit():
    edited, other = _two_articles()

    def edit(found):  # type: ignore[no-untyped-def]
        # An edit lands while the engine reads the old text.
        Article.objects.filter(id=edited.id).update(body="Thirteen people died in Valmora.", content_hash="edited")
        return found

    with _engine_altering(edited, edit):
        processed = {a.id: a.status for a in articles_extract_claims(article_ids=[edited.id, other.id])}
    # then nothing read from the old text is stored, and the article waits, still pending
    assert processed[other.id] == "extracted" and Claim.objects.filter(article=other).count() == 1
    assert not Claim.objects.filter(article=edited).exists()
    edited.refresh_from_db()
    assert (edited.status, edited.extractor_version) == ("pending", "")


def test_the_batch_task_says_how_many_articles_ended_in_each_status():
    good, _ = _two_articles()
    bad = ArticleFactory(language="nl", title="Valmora", body="Er kwamen 20 mensen om in Valmora.")
    assert process_articles([good.id, bad.id, 987654]) == {"done": 1, "failed": 1}


def _with_subject(found, subject, **fields):  # type: ignore[no-untyped-def]
    """The engine's first claim about `subject`, with the subject fields an engine that resolves
    places gives (those it does not give are left out, as today's engine leaves them)."""
    from dataclasses import asdict
    from types import SimpleNamespace

    read = {key: value for key, value in asdict(found[0]).items()
            if key not in ("subject_confidence", "subject_ambiguous")}
    return [SimpleNamespace(**{**read, "subject": subject, **fields})]


@pytest.mark.parametrize(("subject", "path", "relation"), [
    ("geonames:2542997", ["iso:MA-MAR", "iso:MA-07", "iso:MA"], "within"),
    ("iso:SY+iso:TR", ["iso:SY", "iso:TR"], "member"),
    ("iso:MA", [], None),
    ("region:northwest-syria", [], None),
    ("valmora", [], None),
])
def test_a_claim_is_stored_with_its_subject_confidence_and_path(subject, path, relation):
    article, _ = _two_articles()
    with _engine_altering(article, lambda found: _with_subject(found, subject, subject_confidence=0.62,
                                                               subject_ambiguous=True)):
        articles_extract_claims(article_ids=[article.id])
    claim = Claim.objects.get(article=article)
    assert (claim.subject, claim.subject_confidence, claim.subject_ambiguous) == (subject, 0.62, True)
    assert claim.subject_path == path
    assert sorted(claim.places.values_list("place", "relation")) == sorted((place, relation) for place in path)


def test_an_engine_that_does_not_rate_its_subject_stores_it_unrated():
    article, _ = _two_articles()
    with _engine_altering(article, lambda found: _with_subject(found, "iso:MA-HAO")):
        articles_extract_claims(article_ids=[article.id])
    claim = Claim.objects.get(article=article)
    assert (claim.subject_confidence, claim.subject_ambiguous) == (0, False)
    assert claim.subject_path == ["iso:MA-07", "iso:MA"]


# -- the engine's limits and the database's -------------------------------------------------------


def test_a_number_too_large_for_a_claim_is_left_out_and_the_article_says_so():
    # given an article with a count of 17 digits beside an ordinary one
    article = ArticleFactory(language="en", title="Valmora",
                             body="12345678901234567 people were killed. In Valmora 20 people were killed.")
    # when
    (processed,) = articles_process(article_ids=[article.id])
    # then the ordinary claim is stored and the article is done, with a warning
    assert list(Claim.objects.filter(article=article).values_list("value", flat=True)) == [Decimal("20")]
    article.refresh_from_db()
    assert (article.status, article.last_error) == (processed.status, "") == ("done", "")
    assert article.warning == "1 number was left out, too large for a claim (at most 9999999999999999.9999)"


def test_the_claims_limit_keeps_the_first_claims_and_the_article_says_so(settings):
    # given a limit of 3 claims and an article holding 5
    settings.TALLY_MAX_CLAIMS_PER_ARTICLE = 3
    towns = ["Valmora", "Brenzau", "Corvella", "Drosheim", "Elvaigne"]
    body = " ".join(f"In {town} {10 + n} people were killed." for n, town in enumerate(towns))
    article = ArticleFactory(language="en", title="Floods", body=body)
    # when
    articles_process(article_ids=[article.id])
    # then the first three are stored, the article is done and says the limit cut it short
    assert list(Claim.objects.filter(article=article).order_by("start").values_list("subject", flat=True)) == [
        "name:valmora", "name:brenzau", "name:corvella",
    ]
    article.refresh_from_db()
    assert (article.status, article.last_error) == ("done", "")
    assert article.warning == (
        "claims limit reached: only the first 3 claims were kept (TALLY_MAX_CLAIMS_PER_ARTICLE is 3)"
    )
    # and a run with a higher limit under a new engine version stores all five, the warning gone
    settings.TALLY_MAX_CLAIMS_PER_ARTICLE = 10
    Article.objects.filter(id=article.id).update(extractor_version="0-old", status="pending")
    articles_process(article_ids=[article.id])
    article.refresh_from_db()
    assert (Claim.objects.filter(article=article).count(), article.warning) == (5, "")


def _out_of_range(found):  # type: ignore[no-untyped-def]
    """The engine's claims with the first one's value beyond the claims table's column."""
    wide = Decimal("12345678901234567")
    return [replace(found[0], value=wide, lower=wide, upper=wide), *found[1:]]


def test_a_value_the_database_refuses_fails_its_article_alone():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce a decimal column's digits")
    # given a batch in which, for one article, a claim's value is wider than its column
    good, bad = _two_articles()
    # when
    with _engine_altering(bad, _out_of_range):
        processed = {a.id: (a.status, a.last_error) for a in articles_extract_claims(article_ids=[good.id, bad.id])}
    # then the good article's claims are stored and the bad one is failed with the database's reason
    assert processed[good.id] == ("extracted", "")
    assert processed[bad.id][0] == "failed" and processed[bad.id][1].startswith("DataError: numeric field overflow")
    bad.refresh_from_db()
    assert (bad.status, bad.last_error) == processed[bad.id]
    assert Claim.objects.filter(article=good).count() == 1 and not Claim.objects.filter(article=bad).exists()


def test_one_poison_article_in_a_batch_of_twenty_fails_alone():
    if connection.vendor != "postgresql":
        pytest.skip("the poison is a value PostgreSQL refuses")
    # given a batch of 20 new articles, one of whose claims PostgreSQL refuses
    articles = [ArticleFactory(language="en", title=f"Flood report {chr(65 + n)}",
                               body=f"In Valmora {n + 10} people were killed.") for n in range(20)]
    poison = articles[7]
    # when the batch task runs
    with _engine_altering(poison, _out_of_range):
        outcome = process_articles([a.id for a in articles])
    # then 19 are done, the poison is failed with its reason, none is pending
    assert outcome == {"done": 19, "failed": 1}
    statuses = dict(Article.objects.values_list("id", "status"))
    assert statuses == {a.id: ("failed" if a is poison else "done") for a in articles}
    poison.refresh_from_db()
    assert poison.last_error.startswith("DataError: numeric field overflow")
    assert Claim.objects.count() == 19 and not Claim.objects.filter(article=poison).exists()
