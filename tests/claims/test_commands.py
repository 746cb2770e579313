"""`manage.py reprocess`: which articles it selects, what it resets, and what --force replaces;
`manage.py overview`: what the database holds."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.parsing import ArticleInput
from articles.services import article_ingest
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, ClaimStatus
from claims.tasks import detect_conflicts, extract_claims
from tests.articles.factories import ArticleFactory
from tests.articles.memory_broker import broker  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

PROCESS = "claims.tasks.process_articles"


def processed(title: str, body: str, *, language: str = "en") -> Article:
    """An ingested article taken through extraction and detection by calling the tasks directly."""
    article, _ = article_ingest(data=ArticleInput(title=title, body=body, language=language, published=None))
    extract_claims(article.id)
    detect_conflicts(article.id)
    article.refresh_from_db()
    return article


@pytest.fixture
def reports(broker) -> list[Article]:  # noqa: F811
    made = [
        processed("Valmora: 12 dead", "Twelve people were killed in the floods in Valmora, officials said."),
        processed("Brenzau: 20 dead", "20 people have been killed in the floods in Brenzau."),
        processed("Corvella : 31 morts", "31 personnes ont été tuées dans les inondations à Corvella.", language="fr"),
    ]
    broker()  # what ingestion and extraction sent on the way is not what these tests look at
    return made


def state(article: Article) -> tuple:
    article.refresh_from_db()
    return article.status, article.last_error, article.extractor_version, article.updated_at


def claims_of(article: Article) -> list[tuple]:
    return list(Claim.objects.filter(article=article).order_by("start")
                .values_list("id", "start", "end", "review_status"))


def test_reports_are_processed_before_the_command_runs(reports):
    assert [(a.status, a.extractor_version) for a in reports] == [("done", EXTRACTOR_VERSION)] * 3
    assert [len(claims_of(a)) for a in reports] == [2, 2, 2]


def test_ids_reset_only_those_articles_and_send_them_after_commit(
    reports, broker, django_capture_on_commit_callbacks  # noqa: F811
):
    # given
    first, second, third = reports
    third_before = state(third)
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("reprocess", str(first.id), str(third.id))
    # then both are pending, and nothing is sent before the commit
    assert [state(a)[:3] for a in (first, third)] == [("pending", "", EXTRACTOR_VERSION)] * 2
    assert state(second)[:3] == ("done", "", EXTRACTOR_VERSION)
    assert broker() == []
    # when the transaction commits
    for callback in callbacks:
        callback()
    # then exactly the selected articles are sent to extraction, in one batch
    sent = broker()
    assert [name for name, _ in sent] == [PROCESS]
    assert sorted(sent[0][1][0]) == [first.id, third.id]
    assert state(second)[0] == "done" and third_before[0] == "done"


def test_status_selects_only_articles_in_that_status(reports, broker, django_capture_on_commit_callbacks):  # noqa: F811
    # given an article that failed (Italian, set in the admin: ingestion refuses a language
    # without extraction rules) among done ones
    failed = ArticleFactory(title="Valmora: 12 morti", body="Dodici persone sono morte a Valmora.", language="it")
    extract_claims(failed.id)
    assert state(failed)[:2] == ("failed", "ExtractionUnsupported: language 'it' has no extraction rules "
                                           "(supported: ar, de, en, es, fr, ru, uk)")
    broker()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", "--status", "failed")
    # then only it is reset, its error cleared, and sent again
    assert state(failed)[:2] == ("pending", "")
    assert broker() == [(PROCESS, [[failed.id]])]
    assert [state(a)[0] for a in reports] == ["done"] * 3
    # and running the task again gives the same verdict, not a retry loop
    extract_claims(failed.id)
    assert state(failed)[:2] == ("failed", "ExtractionUnsupported: language 'it' has no extraction rules "
                                           "(supported: ar, de, en, es, fr, ru, uk)")


def test_without_force_claims_of_the_current_version_are_kept_with_their_review(
    reports, broker, django_capture_on_commit_callbacks  # noqa: F811
):
    # given a claim a reviewer has verified (set directly: the review workflow is not under test)
    article = reports[0]
    Claim.objects.filter(id=claims_of(article)[0][0]).update(review_status=ClaimStatus.VERIFIED)
    before = claims_of(article)
    # when it is reprocessed and its tasks run
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", str(article.id))
    assert broker() == [(PROCESS, [[article.id]])]
    extract_claims(article.id)
    detect_conflicts(article.id)
    # then the same rows stand, review included
    assert claims_of(article) == before
    assert state(article)[:3] == ("done", "", EXTRACTOR_VERSION)


def test_force_replaces_the_claims_and_drops_review_work(reports, broker, django_capture_on_commit_callbacks):  # noqa: F811
    # given a verified claim
    article = reports[0]
    Claim.objects.filter(id=claims_of(article)[0][0]).update(review_status=ClaimStatus.VERIFIED)
    before = claims_of(article)
    # when it is reprocessed with --force
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", "--force", str(article.id))
    assert state(article)[:3] == ("pending", "", "")
    assert broker() == [(PROCESS, [[article.id]])]
    extract_claims(article.id)
    detect_conflicts(article.id)
    # then the same spans are stored again as new rows, unreviewed
    after = claims_of(article)
    assert [row[1:3] for row in after] == [row[1:3] for row in before]
    assert {row[0] for row in after}.isdisjoint({row[0] for row in before})
    assert [row[3] for row in after] == [ClaimStatus.UNREVIEWED] * len(before)
    assert state(article)[:3] == ("done", "", EXTRACTOR_VERSION)
    # and the other articles' claims are untouched
    assert [len(claims_of(a)) for a in reports[1:]] == [2, 2]


def test_no_selection_is_refused_and_changes_nothing(reports, broker):  # noqa: F811
    before = [state(a) for a in reports]
    with pytest.raises(CommandError, match="say which articles"):
        call_command("reprocess")
    assert [state(a) for a in reports] == before
    assert broker() == []


def test_an_article_given_up_on_is_given_its_attempts_again(broker, django_capture_on_commit_callbacks):  # noqa: F811
    # given an article marked failed after its processing was cut short three times
    article = processed("Valmora: 12 dead", "Twelve people were killed in the floods in Valmora, officials said.")
    Article.objects.filter(id=article.id).update(status="failed", last_error="cut short", processing_attempts=3)
    broker()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reprocess", str(article.id))
    # then it waits again with no attempt counted against it
    article.refresh_from_db()
    assert (article.status, article.last_error, article.processing_attempts) == ("pending", "", 0)
    assert broker() == [(PROCESS, [[article.id]])]


def test_overview_prints_the_articles_claims_and_conflicts(reports):
    # when
    out = io.StringIO()
    call_command("overview", stdout=out)
    # then
    assert out.getvalue().splitlines() == [
        "articles: 3  by language {'en': 2, 'fr': 1}  by status {'done': 3}",
        "claims: 6",
        "  deaths               6",
        "conflicts: 0  {}",
    ]
