"""The flow of work: one conflict held at a time, assignment, comments, notifications (and their
e-mail), and the conflicts a published verdict settles."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Comment, Conflict, Event, Notification
from claims.services.comments import comment_create
from claims.services.notifications import notification_email, notifications_mark_read
from claims.services.review import (
    ConflictHeld,
    claim_review_submit,
    conflict_assign,
    conflict_take_next,
    review_approve,
    review_reject,
)
from claims.services.conflicts import article_detect_conflicts
from tests.ui.conftest import conflict_between, make_user, toll

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():  # type: ignore[no-untyped-def]
    return (make_user("rita", "reviewer", email="rita@example.org"), make_user("rob", "reviewer"),
            make_user("edna", "editor", email="edna@example.org"))


def test_take_next_while_holding_refuses_and_changes_nothing(team) -> None:
    rita, *_ = team
    severe, mild = conflict_between("47", "90", subject="valmora"), conflict_between("47", "49", subject="lusk")
    held = conflict_take_next(reviewer=rita)
    with pytest.raises(ConflictHeld) as refused:
        conflict_take_next(reviewer=rita)
    assert refused.value.conflict_id == held.id and refused.value.status == 409
    assert list(Conflict.objects.filter(assignee=rita).values_list("id", flat=True)) == [held.id]
    # when: she asks to release it first
    taken = conflict_take_next(reviewer=rita, release_held=True)
    # then: she holds the other one only, and the first is back in the queue
    assert taken.id != held.id and {taken.id, held.id} == {severe.id, mild.id}
    assert list(Conflict.objects.filter(assignee=rita).values_list("id", flat=True)) == [taken.id]
    held.refresh_from_db()
    assert (held.status, held.assignee) == ("open", None)
    assert Event.objects.filter(object_type="claims.conflict", object_id=held.id, action="release").count() == 1


def test_an_editor_assigns_a_conflict_and_the_reviewer_is_notified_and_emailed(
        team, mailoutbox, django_capture_on_commit_callbacks) -> None:
    rita, rob, edna = team
    conflict = conflict_between("47", "62")
    with django_capture_on_commit_callbacks(execute=True):
        conflict_assign(conflict_id=conflict.id, assignee=rita, actor=edna, note="You know Valmora.")
    notice = Notification.objects.get(recipient=rita)
    assert (notice.kind, notice.object_type, notice.object_id, notice.actor) == (
        "assigned", "claims.conflict", conflict.id, edna)
    assert notice.message == f"edna assigned conflict {conflict.id} to you: You know Valmora."
    assert [(m.to, m.subject) for m in mailoutbox] == [(["rita@example.org"], "[Tally] Conflict assigned to you")]
    assert f"/conflicts/{conflict.id}/" in mailoutbox[0].body
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    # sent once: the task run again sends nothing
    assert notification_email(notification_id=notice.id) is False
    # reassigning to someone else tells them; a reviewer cannot assign
    conflict_assign(conflict_id=conflict.id, assignee=rob, actor=edna)
    assert Notification.objects.filter(recipient=rob, kind="assigned").count() == 1
    with pytest.raises(PermissionDenied):
        conflict_assign(conflict_id=conflict.id, assignee=rita, actor=rob)


def test_without_a_mail_backend_notifications_are_kept_and_not_emailed(
        team, settings, mailoutbox, django_capture_on_commit_callbacks) -> None:
    rita, _, edna = team
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    conflict = conflict_between("47", "62")
    with django_capture_on_commit_callbacks(execute=True):
        conflict_assign(conflict_id=conflict.id, assignee=rita, actor=edna)
    assert Notification.objects.get(recipient=rita).emailed_at is None
    assert mailoutbox == []


def test_a_verdict_sent_back_notifies_its_reviewer(team) -> None:
    rita, _, edna = team
    conflict = conflict_between("47", "62")
    review = claim_review_submit(claim_id=conflict.claim_a_id, reviewer=rita, rating="accurate", rationale="Bulletin.")
    review_reject(review_id=review.id, editor=edna, note="Cite the bulletin's date.")
    notice = Notification.objects.get(recipient=rita)
    assert (notice.kind, notice.object_type, notice.object_id) == ("sent_back", "claims.claim", conflict.claim_a_id)
    assert notice.message == f"Your verdict on claim {conflict.claim_a_id} was sent back: Cite the bulletin's date."


def test_a_comment_notifies_those_who_follow_the_conflict_but_not_its_author(team) -> None:
    rita, rob, edna = team
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    # when
    comment = comment_create(author=edna, body="Check the second outlet's update.", conflict_id=conflict.id)
    # then: the holder is told, the author is not
    assert (comment.conflict_id, comment.claim_id, comment.author) == (conflict.id, None, edna)
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [("rita", "comment")]
    # and a reply tells the earlier commenter, not the one replying
    comment_create(author=rita, body="Done: it was revised.", conflict_id=conflict.id)
    assert Notification.objects.filter(recipient=edna, kind="comment").count() == 1
    assert Notification.objects.filter(recipient=rita).count() == 1


def test_a_comment_must_say_something_on_exactly_one_object(team) -> None:
    rita, *_ = team
    conflict = conflict_between("47", "62")
    for kwargs in ({"body": "  ", "conflict_id": conflict.id}, {"body": "x", "conflict_id": conflict.id,
                                                                 "claim_id": conflict.claim_a_id},
                   {"body": "x", "claim_id": 10**9}):
        with pytest.raises(ValidationError):
            comment_create(author=rita, **kwargs)
    with pytest.raises(PermissionDenied):
        comment_create(author=make_user("visitor", None), body="hello", claim_id=conflict.claim_a_id)
    assert Comment.objects.count() == 0


def test_marking_read_touches_only_ones_own_notifications(team) -> None:
    rita, rob, edna = team
    conflict = conflict_between("47", "62")
    conflict_assign(conflict_id=conflict.id, assignee=rita, actor=edna)
    conflict_assign(conflict_id=conflict.id, assignee=rob, actor=edna)
    theirs = Notification.objects.get(recipient=rob)
    assert notifications_mark_read(recipient=rita, notification_ids=[theirs.id]) == 0
    assert notifications_mark_read(recipient=rita) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize(("rating", "status", "resolution"), [
    ("accurate", "resolved", "claim_a_holds"),
    ("mostly_accurate", "resolved", "claim_a_holds"),
    ("inaccurate", "resolved", "source_error"),
    ("misleading", "open", ""),
])
def test_publishing_a_verdict_closes_or_reranks_the_open_conflicts_it_settles(team, rating, status, resolution) -> None:
    rita, rob, edna = team
    # given: three tolls of one day, in three conflicts; rob holds the one of the 47 and the 80
    first, second, third = toll("47"), toll("62"), toll("80")
    for claim in (first, second, third):
        article_detect_conflicts(article_id=claim.article_id)
    open_one = Conflict.objects.get(claim_a=first, claim_b=second)
    held = Conflict.objects.get(claim_a=first, claim_b=third)
    unrelated = Conflict.objects.get(claim_a=second, claim_b=third)
    conflict_assign(conflict_id=held.id, assignee=rob, actor=edna)
    severity = open_one.severity
    review = claim_review_submit(claim_id=first.id, reviewer=rita, rating=rating, rationale="Checked.")
    # when: the verdict on the 47 is published
    review_approve(review_id=review.id, editor=edna)
    # then: its open conflict is settled by it
    open_one.refresh_from_db()
    assert (open_one.status, open_one.resolution) == (status, resolution)
    if status == "open":
        assert open_one.severity == round(severity * 0.5, 4)
        assert open_one.details["settled_in_part"] == {"review": review.id, "rating": rating,
                                                       "severity_before": severity}
        assert Event.objects.filter(object_id=open_one.id, action="rerank").count() == 1
    else:
        settle = Event.objects.get(object_type="claims.conflict", object_id=open_one.id, action="settle")
        assert (settle.actor, settle.to_state, settle.data["review"]) == (edna, "resolved", review.id)
    # the one rob holds is his to close: left as it is, and he is told
    held.refresh_from_db()
    assert (held.status, held.assignee) == ("in_review", rob)
    assert Notification.objects.filter(recipient=rob, kind="settled", object_id=held.id).count() == 1
    # a conflict without the published claim is not touched
    before = unrelated.severity
    unrelated.refresh_from_db()
    assert (unrelated.status, unrelated.severity) == ("open", before)
