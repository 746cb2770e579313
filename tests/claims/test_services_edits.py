"""Editing an article's title or body: claims read again, reviewed ones kept and anchored again, their
verdicts sent back when their words changed or went, and no span left on the wrong words."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article
from claims.models import Claim, Event, Notification, Review
from claims.services.claims import article_extract_claims
from claims.services.edits import MOVED, SHIFTED, VANISHED, article_edit, reanchor
from claims.services.review import claim_review_submit, review_approve
from tests.articles.factories import ArticleFactory
from tests.ui.conftest import make_user

pytestmark = pytest.mark.django_db

BODY = ("Floods near Corvelle killed 38 people on Tuesday, the regional office said. "
        "Rescuers found 12 more people alive under a collapsed barn. "
        "About 450 homes were damaged across the valley.")


@pytest.fixture
def people():  # type: ignore[no-untyped-def]
    return make_user("rita", "reviewer", email="rita@example.org"), make_user("edna", "editor"), \
        make_user("ada", "admin")


def _article() -> Article:
    article = ArticleFactory(title="Corvelle floods", body=BODY, published=date(2024, 4, 2))
    article_extract_claims(article_id=article.id)
    return article


def _claim(article: Article, number: str) -> Claim:
    return Claim.objects.get(article=article, quote__contains=number)


def _spans_hold(article: Article) -> None:
    article.refresh_from_db()
    for claim in Claim.objects.filter(article=article, in_text=True):
        assert article.text[claim.start:claim.end] == claim.quote, claim


def test_reanchor_tells_a_shift_from_a_move_from_a_vanished_quote() -> None:
    old = "Title\n\nA dam broke. The flood killed 38 people. Then rain fell."
    start = old.index("38")
    claim = Claim(start=start, end=start + 2, quote="38", sentence="The flood killed 38 people.", in_text=True)
    # an edit before the sentence: same sentence, new place
    new = "Title\n\nA dam broke at noon. The flood killed 38 people. Then rain fell."
    assert reanchor(claim, old, new, *_ends(old, new)) == (SHIFTED, new.index("38"))
    # the sentence itself edited around the quote
    new = "Title\n\nA dam broke. Officials now say the flood killed 38 residents. Then rain fell."
    assert reanchor(claim, old, new, *_ends(old, new)) == (MOVED, new.index("38"))
    # the quote gone
    new = "Title\n\nA dam broke. The flood killed dozens. Then rain fell."
    assert reanchor(claim, old, new, *_ends(old, new)) == (VANISHED, None)


def test_reanchor_prefers_the_occurrence_in_the_claims_own_sentence() -> None:
    old = "T\n\nIn Lusk 38 cattle drowned. The flood killed 38 people."
    start = old.rindex("38")
    claim = Claim(start=start, end=start + 2, quote="38", sentence="The flood killed 38 people.", in_text=True)
    new = "T\n\nThe flood killed 38 people. In Lusk 38 cattle drowned."
    assert reanchor(claim, old, new, *_ends(old, new)) == (SHIFTED, new.index("38"))


def _ends(old: str, new: str) -> tuple[int, int]:
    from claims.services.edits import _common_ends

    return _common_ends(old, new)


def test_a_title_edit_keeps_a_verdict_whose_sentence_is_unchanged_and_moves_its_span(people) -> None:
    rita, _, ada = people
    article = _article()
    toll = _claim(article, "38")
    claim_review_submit(claim_id=toll.id, reviewer=rita, rating="accurate", rationale="The office's bulletin.")
    untouched = set(Claim.objects.filter(article=article).exclude(pk=toll.pk).values_list("pk", flat=True))
    # when
    outcome = article_edit(article_id=article.id, actor=ada, title="Corvelle floods: the toll so far")
    # then: the reviewed claim is the same row, on the same words at their new place
    toll.refresh_from_db()
    article.refresh_from_db()
    assert article.text[toll.start:toll.end] == "38 people" and toll.in_text
    assert toll.start == article.text.index("killed 38") + len("killed ")
    assert toll.review_status == "verified"
    assert Review.objects.get(claim=toll).status == "submitted"
    assert (outcome.kept, outcome.shifted, outcome.moved, outcome.vanished, outcome.sent_back) == (1, 1, 0, 0, 0)
    # the others were read again: new rows in place of the old ones
    assert untouched and not Claim.objects.filter(pk__in=untouched).exists()
    assert Claim.objects.filter(article=article).count() == outcome.added + 1
    _spans_hold(article)
    edit = Event.objects.get(object_type="articles.article", object_id=article.id)
    assert (edit.action, edit.actor, edit.data["fields"], edit.data["shifted"]) == ("edit", ada, ["title"], 1)
    assert Event.objects.filter(object_type="claims.claim", object_id=toll.id, action="quote_shifted").count() == 1


def test_a_body_edit_around_a_reviewed_quote_sends_its_verdict_back_and_tells_its_reviewer(
        people, mailoutbox, django_capture_on_commit_callbacks) -> None:
    rita, _, ada = people
    article = _article()
    toll = _claim(article, "38")
    review = claim_review_submit(claim_id=toll.id, reviewer=rita, rating="accurate", rationale="The bulletin.")
    # when: the sentence around the 38 is rewritten
    body = BODY.replace("Floods near Corvelle killed 38 people on Tuesday",
                        "Officials revised the count: floods near Corvelle killed 38 people by Wednesday")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = article_edit(article_id=article.id, actor=ada, body=body)
    # then
    toll.refresh_from_db()
    review.refresh_from_db()
    assert (outcome.moved, outcome.sent_back) == (1, 1)
    assert (toll.review_status, review.status, toll.in_text) == ("in_review", "rejected", True)
    _spans_hold(article)
    assert toll.sentence.startswith("Officials revised the count")
    notice = Notification.objects.get(recipient=rita)
    assert (notice.kind, notice.object_id) == ("sent_back", toll.id)
    assert [m.to for m in mailoutbox] == [["rita@example.org"]]


def test_a_body_edit_that_removes_a_reviewed_quote_keeps_the_claim_out_of_the_text(people) -> None:
    rita, edna, ada = people
    article = _article()
    homes = _claim(article, "450")
    review = claim_review_submit(claim_id=homes.id, reviewer=rita, rating="misleading", rationale="Counts sheds.")
    review_approve(review_id=review.id, editor=edna)
    # when: the sentence with the 450 is dropped
    outcome = article_edit(article_id=article.id, actor=ada, body=BODY.replace(
        " About 450 homes were damaged across the valley.", ""))
    # then: the published claim is kept, out of the text, and its reviewer is told
    homes.refresh_from_db()
    article.refresh_from_db()
    assert (outcome.vanished, homes.in_text, homes.review_status) == (1, False, "published")
    assert homes.start > len(article.text) and homes.quote == "About 450 homes"
    assert Notification.objects.filter(recipient=rita, kind="text_changed", object_id=homes.id).count() == 1
    _spans_hold(article)
    # and when the quote comes back in a later edit, the claim is anchored on it again
    article_edit(article_id=article.id, actor=ada, body=BODY)
    homes.refresh_from_db()
    article.refresh_from_db()
    assert homes.in_text and article.text[homes.start:homes.end] == "About 450 homes"


def test_an_edit_ingest_would_refuse_changes_nothing(people) -> None:
    _, edna, ada = people
    article = _article()
    other = ArticleFactory(title="Another", body="Forty goats crossed the ford at Lusk.")
    before = list(Claim.objects.filter(article=article).values_list("pk", "start", "end"))
    with pytest.raises(ValidationError) as empty:
        article_edit(article_id=article.id, actor=ada, body="   ")
    assert "body" in empty.value.message_dict
    with pytest.raises(ValidationError) as copy:
        article_edit(article_id=article.id, actor=ada, title=other.title, body=other.body)
    assert f"Article {other.id} already has" in copy.value.message_dict["body"][0]
    with pytest.raises(PermissionDenied):
        article_edit(article_id=article.id, actor=edna, title="A new title")
    article.refresh_from_db()
    assert (article.title, article.body) == ("Corvelle floods", BODY)
    assert list(Claim.objects.filter(article=article).values_list("pk", "start", "end")) == before
    assert not Event.objects.filter(object_type="articles.article").exists()


def test_an_edit_that_changes_nothing_does_nothing(people) -> None:
    article = _article()
    before = list(Claim.objects.filter(article=article).values_list("pk", flat=True))
    assert not article_edit(article_id=article.id, actor=people[2], title="Corvelle floods", body=BODY).changed
    assert list(Claim.objects.filter(article=article).values_list("pk", flat=True)) == before
