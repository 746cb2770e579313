"""The reviewer's desk: queue, atomic take, verdicts, corrections, sign-off and the audit trail."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from articles.models import Article
from claims.models import Claim, ClaimStatus, Conflict, Event, Review
from claims.services.conflicts import article_detect_conflicts
from claims.services.review import (
    VerdictInput,
    claim_correct,
    claim_mark_not_a_claim,
    claim_review_submit,
    conflict_assign,
    conflict_dismiss,
    conflict_release,
    conflict_resolve,
    conflict_take_next,
    conflicts_release_idle,
    corrections_export,
    review_approve,
    review_reject,
)
from claims.workflow import TRANSITIONS, TransitionNotAllowed
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def user(name: str, role: str | None):
    person = get_user_model().objects.create_user(name, password="pw")
    if role:
        person.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=person.pk)  # fresh: permission cache empty


@pytest.fixture
def rita():
    return user("rita", "reviewer")


@pytest.fixture
def rob():
    return user("rob", "reviewer")


@pytest.fixture
def edna():
    return user("edna", "editor")


def toll(value: str, day: str = "2024-03-08", **extra) -> Claim:
    article = ArticleFactory(published=date.fromisoformat(day), status=Article.Status.EXTRACTED)
    number = Decimal(value)
    return ClaimFactory(article=article, value=number, lower=number, upper=number, as_of=date.fromisoformat(day), **extra)


def conflict_between(first: str, second: str, day: str = "2024-03-08") -> Conflict:
    one, two = toll(first, day), toll(second, day)
    article_detect_conflicts(article_id=two.article_id)
    return Conflict.objects.get(claim_a=one, claim_b=two)


def events(obj) -> list[tuple[str, str, str]]:
    return list(Event.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk)
                .order_by("id").values_list("action", "from_state", "to_state"))


# --- queue and assignment ----------------------------------------------------------------------

def test_take_next_gives_the_most_severe_open_conflict(rita):
    mild = conflict_between("47", "49")
    severe = conflict_between("47", "90", day="2024-03-09")
    taken = conflict_take_next(reviewer=rita)
    assert taken.id == severe.id and severe.severity > mild.severity
    assert (taken.status, taken.assignee, taken.assigned_at is not None) == ("in_review", rita, True)
    assert events(taken) == [("take", "open", "in_review")]
    conflict_dismiss(conflict_id=taken.id, reviewer=rita, note="Two different floods.")
    assert conflict_take_next(reviewer=rita).id == mild.id
    conflict_dismiss(conflict_id=mild.id, reviewer=rita, note="Two different floods.")
    assert conflict_take_next(reviewer=rita) is None


def test_someone_without_the_reviewer_role_takes_nothing():
    conflict_between("47", "62")
    with pytest.raises(PermissionDenied):
        conflict_take_next(reviewer=user("visitor", None))
    assert Conflict.objects.get().status == "open"


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_pressing_at_once_never_get_the_same_conflict(roles):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sessions need PostgreSQL (SQLite serialises writers)")
    for n in range(6):
        conflict_between("47", str(60 + n), day=f"2024-03-{10 + n}")
    reviewers = [user(f"r{n}", "reviewer") for n in range(4)]
    taken: list[int | None] = []
    barrier = threading.Barrier(len(reviewers))
    lock = threading.Lock()

    def press(reviewer):
        try:
            barrier.wait(timeout=10)
            for _ in range(3):
                conflict = conflict_take_next(reviewer=reviewer)
                with lock:
                    taken.append(conflict.id if conflict else None)
                if conflict:
                    # Done with it: a reviewer holds one conflict at a time.
                    conflict_dismiss(conflict_id=conflict.id, reviewer=reviewer, note="Not comparable.")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    got = [t for t in taken if t is not None]
    assert len(got) == len(set(got)) == Conflict.objects.count()
    assert taken.count(None) == 12 - Conflict.objects.count()
    assert Event.objects.filter(action="take").count() == Conflict.objects.count()


def test_release_and_idle_assignments_return_to_the_queue(rita, rob, edna, settings):
    first = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    with pytest.raises(PermissionDenied):
        conflict_release(conflict_id=first.id, actor=rob)
    conflict_release(conflict_id=first.id, actor=rita, note="need a French speaker")
    first.refresh_from_db()
    assert (first.status, first.assignee) == ("open", None)
    # an editor hands it to rob; rob leaves it idle
    conflict_assign(conflict_id=first.id, assignee=rob, actor=edna)
    Conflict.objects.filter(id=first.id).update(assigned_at=timezone.now() - timedelta(hours=2))
    settings.TALLY_ASSIGNMENT_IDLE_SECONDS = 3600
    assert conflicts_release_idle() == 1
    first.refresh_from_db()
    assert (first.status, first.assignee) == ("open", None)
    assert [e[0] for e in events(first)] == ["take", "release", "assign", "release_idle"]


def test_a_reviewer_cannot_reassign(rita, rob):
    conflict = conflict_between("47", "62")
    with pytest.raises(PermissionDenied):
        conflict_assign(conflict_id=conflict.id, assignee=rob, actor=rita)


# --- verdicts and sign-off ---------------------------------------------------------------------

def test_resolve_with_a_verdict_then_an_editor_publishes_it(rita, edna):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    # when
    conflict_resolve(
        conflict_id=conflict.id, reviewer=rita, resolution="claim_a_holds", note="Officials confirm 47.",
        verdicts=[VerdictInput(conflict.claim_b_id, "inaccurate", "Volunteer count, not confirmed.",
                               ["https://valmora.example/civil-protection"])],
    )
    # then
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution) == ("resolved", "claim_a_holds")
    review = Review.objects.get()
    assert (review.claim_id, review.conflict_id, review.rating, review.status) == (
        conflict.claim_b_id, conflict.id, "inaccurate", "submitted")
    assert Claim.objects.get(id=conflict.claim_b_id).review_status == "false"
    # an editor signs off
    review_approve(review_id=review.id, editor=edna, note="ok")
    review.refresh_from_db()
    assert (review.status, review.approved_by, review.published_at is not None) == ("published", edna, True)
    assert Claim.objects.get(id=conflict.claim_b_id).review_status == "published"
    assert events(Claim.objects.get(id=conflict.claim_b_id)) == [
        ("start_review", "unreviewed", "in_review"), ("verdict", "in_review", "false"), ("publish", "false", "published"),
    ]


def test_nobody_approves_their_own_verdict_and_reviewers_do_not_publish(rita, rob, edna):
    claim = toll("47")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="accurate", rationale="Matches the ministry.")
    with pytest.raises(PermissionDenied):
        review_approve(review_id=review.id, editor=rob)
    editor_and_author = user("eve", "editor")
    own = claim_review_submit(claim_id=toll("31").id, reviewer=editor_and_author, rating="accurate", rationale="r")
    with pytest.raises(PermissionDenied):
        review_approve(review_id=own.id, editor=editor_and_author)
    assert set(Review.objects.values_list("status", flat=True)) == {"submitted"}
    review_approve(review_id=review.id, editor=edna)
    with pytest.raises(TransitionNotAllowed, match="cannot go from 'published' to 'published'"):
        review_approve(review_id=review.id, editor=edna)


def test_an_editor_sends_a_verdict_back(rita, edna):
    claim = toll("47")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="misleading", rationale="r")
    with pytest.raises(ValidationError):
        review_reject(review_id=review.id, editor=edna, note=" ")
    review_reject(review_id=review.id, editor=edna, note="Check the second source.")
    claim.refresh_from_db()
    assert claim.review_status == "in_review"
    assert Review.objects.get().status == "rejected"


def test_bad_verdicts_are_refused_with_field_errors(rita):
    claim = toll("47")
    with pytest.raises(ValidationError) as caught:
        claim_review_submit(claim_id=claim.id, reviewer=rita, rating="great", rationale="",
                            evidence_links=["javascript:alert(1)"])
    assert set(caught.value.message_dict) == {"rating", "rationale", "evidence_links"}
    assert Review.objects.count() == 0 and Claim.objects.get().review_status == "unreviewed"


def test_illegal_moves_are_refused_and_leave_no_trace(rita, rob):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    with pytest.raises(PermissionDenied):
        conflict_resolve(conflict_id=conflict.id, reviewer=rob, resolution="claim_a_holds")
    conflict_dismiss(conflict_id=conflict.id, reviewer=rita, note="Different towns of the same name.")
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed, match="cannot go from 'dismissed' to 'resolved'"):
        conflict_resolve(conflict_id=conflict.id, reviewer=rita, resolution="claim_a_holds")
    assert Event.objects.count() == before
    assert Conflict.objects.get().status == "dismissed"


def test_every_state_has_a_row_in_the_transition_table():
    assert set(TRANSITIONS["claims.claim"]) == set(ClaimStatus.values)
    assert set(TRANSITIONS["claims.conflict"]) == set(Conflict.Status.values)
    assert set(TRANSITIONS["claims.review"]) == set(Review.Status.values)


# --- corrections -------------------------------------------------------------------------------

def test_an_extraction_error_closes_every_conflict_of_the_wrong_claim(rita):
    wrong = toll("1", day="2024-03-10")  # "un bilan" read as 1 death
    earlier = toll("47", day="2024-03-08")
    also = toll("31", day="2024-03-06")
    article_detect_conflicts(article_id=wrong.article_id)
    assert Conflict.objects.filter(status="open").count() == 2
    taken = conflict_take_next(reviewer=rita)
    conflict_resolve(conflict_id=taken.id, reviewer=rita, resolution="extraction_error", wrong_claim_id=wrong.id,
                     note="'un bilan' is not a number.")
    assert set(Conflict.objects.values_list("status", "resolution")) == {("resolved", "extraction_error")}
    assert Claim.objects.get(id=wrong.id).review_status == "not_a_claim"
    assert {earlier.review_status, also.review_status} == {"unreviewed"}


def test_a_correction_is_kept_in_the_trail_rejudged_and_exported(rita):
    conflict = conflict_between("47", "62")
    claim_correct(claim_id=conflict.claim_b_id, reviewer=rita, changes={"value": "47", "lower": "47", "upper": "47"},
                  note="Misread: the article says 47.")
    corrected = Claim.objects.get(id=conflict.claim_b_id)
    assert (corrected.value, corrected.corrected) == (Decimal("47"), True)
    event = Event.objects.get(action="correct")
    assert event.data == {"before": {"value": "62", "lower": "62", "upper": "62"},
                          "after": {"value": "47", "lower": "47", "upper": "47"}}
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution) == ("resolved", "extraction_error")
    [row] = list(corrections_export())
    assert (row["label"], row["engine"]["value"], row["reviewer"]["value"], row["quote"]) == (
        "corrected", "62", "47", corrected.quote)


def test_a_correction_that_breaks_the_interval_is_refused(rita):
    claim = toll("47")
    with pytest.raises(ValidationError) as caught:
        claim_correct(claim_id=claim.id, reviewer=rita, changes={"lower": "50"})
    assert caught.value.message_dict == {"lower": ["The lower bound is above the upper bound."]}
    with pytest.raises(ValidationError):
        claim_correct(claim_id=claim.id, reviewer=rita, changes={"sentence": "rewritten"})
    assert Claim.objects.get().lower == Decimal("47") and not Event.objects.filter(action="correct").exists()


def test_marking_not_a_claim_from_a_verdict_state_sends_the_verdict_back(rita, rob):
    claim = toll("9")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="accurate", rationale="r")
    claim_mark_not_a_claim(claim_id=claim.id, reviewer=rob, note="A clock time.")
    assert events(Claim.objects.get()) == [
        ("start_review", "unreviewed", "in_review"), ("verdict", "in_review", "verified"),
        ("send_back", "verified", "in_review"), ("not_a_claim", "in_review", "not_a_claim")]
    review.refresh_from_db()
    assert review.status == "rejected"
    assert Event.objects.get(object_type="claims.review", object_id=review.id).actor == rob


# --- a conflict another reviewer holds ---------------------------------------------------------

def test_a_reviewer_cannot_close_a_conflict_another_holds_by_marking_its_claim_not_a_claim(rita, rob):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    before = Event.objects.count()
    # when rob marks one of its claims not a claim
    with pytest.raises(PermissionDenied, match=f"Conflict {conflict.id} is assigned to rita"):
        claim_mark_not_a_claim(claim_id=conflict.claim_b_id, reviewer=rob, note="A clock time.")
    # then nothing changed
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee, conflict.resolution) == ("in_review", rita, "")
    assert Claim.objects.get(id=conflict.claim_b_id).review_status == "unreviewed"
    assert Event.objects.count() == before


def test_a_reviewer_cannot_close_a_conflict_another_holds_by_correcting_a_claim(rita, rob):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    before = Event.objects.count()
    # when rob corrects one side to match the other
    with pytest.raises(PermissionDenied, match=f"Conflict {conflict.id} is assigned to rita"):
        claim_correct(claim_id=conflict.claim_b_id, reviewer=rob, changes={"value": "47", "lower": "47", "upper": "47"})
    # then nothing changed
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("in_review", rita)
    claim = Claim.objects.get(id=conflict.claim_b_id)
    assert (claim.value, claim.corrected) == (Decimal("62"), False)
    assert Event.objects.count() == before
    # its holder may: the conflict closes, the trail says by whom
    claim_correct(claim_id=conflict.claim_b_id, reviewer=rita, changes={"value": "47", "lower": "47", "upper": "47"})
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee, conflict.resolution) == ("resolved", rita, "extraction_error")
    assert [(e.action, e.actor) for e in Event.objects.filter(object_type="claims.conflict").order_by("id")] == [
        ("take", rita), ("reevaluate", rita)]


def test_a_reviewer_cannot_close_a_conflict_another_holds_through_an_extraction_error(rita, rob):
    wrong = toll("1", day="2024-03-10")
    toll("47", day="2024-03-08")
    toll("31", day="2024-03-06")
    article_detect_conflicts(article_id=wrong.article_id)
    mine, theirs = conflict_take_next(reviewer=rita), conflict_take_next(reviewer=rob)
    before = Event.objects.count()
    # when rita resolves hers as an extraction error of the claim both conflicts share
    with pytest.raises(PermissionDenied, match=f"Conflict {theirs.id} is assigned to rob"):
        conflict_resolve(conflict_id=mine.id, reviewer=rita, resolution="extraction_error", wrong_claim_id=wrong.id,
                         note="'un bilan' is not a number.")
    # then nothing changed, hers included
    assert set(Conflict.objects.values_list("id", "status", "assignee__username")) == {
        (mine.id, "in_review", "rita"), (theirs.id, "in_review", "rob")}
    assert Claim.objects.get(id=wrong.id).review_status == "unreviewed"
    assert Event.objects.count() == before


def test_an_editor_who_marks_not_a_claim_takes_the_conflict_over_and_its_holder_is_told(rita, edna):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    # when
    claim_mark_not_a_claim(claim_id=conflict.claim_b_id, reviewer=edna, note="A clock time.")
    # then
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee, conflict.resolution) == ("resolved", edna, "extraction_error")
    trail = list(Event.objects.filter(object_type="claims.conflict", object_id=conflict.id).order_by("id"))
    assert [(e.action, e.actor, e.from_state, e.to_state) for e in trail] == [
        ("take", rita, "open", "in_review"), ("take_over", edna, "in_review", "in_review"),
        ("resolve", edna, "in_review", "resolved")]
    assert (trail[1].note, trail[1].data) == (f"Taken over from rita: Claim {conflict.claim_b_id} is not a claim.",
                                              {"from": rita.pk, "to": edna.pk})


def test_an_editors_correction_closes_a_held_conflict_in_the_editors_name(rita, edna):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    # when
    claim_correct(claim_id=conflict.claim_b_id, reviewer=edna, changes={"value": "47", "lower": "47", "upper": "47"})
    # then
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("resolved", edna)
    trail = list(Event.objects.filter(object_type="claims.conflict", object_id=conflict.id).order_by("id"))
    assert [(e.action, e.actor) for e in trail] == [("take", rita), ("take_over", edna), ("reevaluate", edna)]
    assert trail[1].note.startswith("Taken over from rita: Claim ")
    assert trail[2].note == (f"Claim {conflict.claim_b_id} corrected by edna: value 62 → 47, lower 62 → 47, "
                             "upper 62 → 47. Closed on re-evaluation: the two claims agree.")


def test_an_editors_correction_that_keeps_a_held_conflict_leaves_it_to_its_holder(rita, edna):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    # when
    claim_correct(claim_id=conflict.claim_b_id, reviewer=edna, changes={"value": "70", "lower": "70", "upper": "70"})
    # then
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee, conflict.details["gap"]) == ("in_review", rita, "23")
    event = Event.objects.filter(object_type="claims.conflict", object_id=conflict.id).latest("id")
    assert (event.action, event.actor, event.data) == ("reevaluate", edna, {"holder": rita.pk})
    assert event.note.endswith("Still a conflict: its numbers are updated.")


def test_an_editor_who_releases_a_held_conflict_takes_it_over_first(rita, edna):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    conflict_release(conflict_id=conflict.id, actor=edna, note="Released from the admin.")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("open", None)
    trail = Event.objects.filter(object_type="claims.conflict").order_by("id")
    assert [(e.action, e.actor, e.note) for e in trail] == [
        ("take", rita, ""), ("take_over", edna, "Taken over from rita: Released from the admin."),
        ("release", edna, "Released from the admin.")]


# --- a verdict pinned to the reading it judged ---------------------------------------------------

def test_a_verdict_keeps_the_reading_it_judged(rita):
    claim = toll("1200", qualifier="more_than", subject="gaza")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="accurate", rationale="r")
    review.refresh_from_db()
    assert (review.judged_metric, review.judged_subject, review.judged_value, review.judged_lower,
            review.judged_upper, review.judged_qualifier) == (
        "deaths", "gaza", Decimal("1200"), Decimal("1200"), Decimal("1200"), "more_than")


def test_a_correction_sends_a_pending_verdict_back_and_it_cannot_be_published(rita, rob, edna):
    claim = toll("1200")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="accurate", rationale="Matches the ministry.")
    # when another reviewer changes the reading under the verdict
    claim_correct(claim_id=claim.id, reviewer=rob, changes={"value": "99999", "lower": "99999", "upper": "99999"})
    # then the verdict goes back, in rob's name, and keeps the reading it judged
    review.refresh_from_db()
    assert (review.status, review.judged_value) == ("rejected", Decimal("1200"))
    claim.refresh_from_db()
    assert (claim.review_status, claim.value) == ("in_review", Decimal("99999"))
    note = (f"Claim {claim.id} was corrected after the verdict: value 1200 → 99999, lower 1200 → 99999, "
            "upper 1200 → 99999.")
    sent_back = Event.objects.filter(action="send_back").order_by("id")
    assert list(sent_back.values_list("object_type", "actor", "from_state", "to_state", "note")) == [
        ("claims.review", rob.pk, "submitted", "rejected", note),
        ("claims.claim", rob.pk, "verified", "in_review", note)]
    with pytest.raises(TransitionNotAllowed, match="cannot go from 'rejected' to 'published'"):
        review_approve(review_id=review.id, editor=edna)
    assert Claim.objects.get(id=claim.id).review_status == "in_review"
    # a new verdict judges the corrected reading
    again = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="inaccurate", rationale="Not 99999.")
    review_approve(review_id=again.id, editor=edna)
    again.refresh_from_db()
    assert (again.status, again.judged_value) == ("published", Decimal("99999"))


def test_a_correction_that_changes_nothing_leaves_a_pending_verdict(rita, rob):
    claim = toll("1200")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="accurate", rationale="r")
    claim_correct(claim_id=claim.id, reviewer=rob, changes={"value": "1200"})
    review.refresh_from_db()
    assert (review.status, Claim.objects.get(id=claim.id).review_status) == ("submitted", "verified")


@pytest.mark.django_db(transaction=True)
def test_a_sign_off_and_a_correction_at_once_wait_on_each_other_and_never_deadlock(roles):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sessions need PostgreSQL (SQLite serialises writers)")
    rita, rob, edna = user("rita", "reviewer"), user("rob", "reviewer"), user("edna", "editor")
    claim = toll("1200")
    review = claim_review_submit(claim_id=claim.id, reviewer=rita, rating="accurate", rationale="r")
    outcomes: dict[str, str] = {}

    def run(name, work):
        try:
            work()
            outcomes[name] = "done"
        except Exception as error:  # noqa: BLE001 - the outcome is what is asserted
            outcomes[name] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    def waiting_on_locks(count: int) -> None:
        for _ in range(200):
            with connection.cursor() as cursor:
                # Within a transaction the statistics views keep their first snapshot unless cleared.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                               "AND datname = current_database()")
                if cursor.fetchone()[0] >= count:
                    return
            time.sleep(0.02)
        raise AssertionError(f"{count} sessions never waited on a lock")

    correcting = threading.Thread(target=run, args=("correct", lambda: claim_correct(
        claim_id=claim.id, reviewer=rob, changes={"value": "99999", "lower": "99999", "upper": "99999"})))
    approving = threading.Thread(target=run, args=("approve", lambda: review_approve(review_id=review.id,
                                                                                   editor=edna)))
    # given the claim held, a correction waiting for it first, then a sign-off
    with transaction.atomic():
        Claim.objects.select_for_update().get(id=claim.id)
        correcting.start()
        waiting_on_locks(1)
        approving.start()
        waiting_on_locks(2)
    # when the claim is let go
    correcting.join(timeout=30)
    approving.join(timeout=30)
    # then the correction came first and the sign-off saw the verdict sent back
    assert outcomes == {"correct": "done", "approve": "TransitionNotAllowed: A review cannot go from 'rejected' to "
                                                      "'published'; 'rejected' is final."}
    review.refresh_from_db()
    assert (review.status, Claim.objects.get(id=claim.id).review_status) == ("rejected", "in_review")


def test_a_corrected_subject_is_certain_and_compared_with_its_new_parts_and_wholes(rita):
    # given a province's toll read as a town of another country, and its country's smaller toll
    province = toll("1647", "2023-02-07", subject="geonames:2542997", subject_confidence=0.3, subject_ambiguous=True)
    country = toll("1500", "2023-02-07", subject="iso:TR")
    # when a reviewer corrects the subject to the province
    claim_correct(claim_id=province.id, reviewer=rita, changes={"subject": "iso:TR-31"})
    # then
    province.refresh_from_db()
    assert (province.subject_confidence, province.subject_ambiguous, province.subject_path) == (1.0, False, ["iso:TR"])
    assert list(province.places.values_list("place", "relation")) == [("iso:TR", "within")]
    conflict = Conflict.objects.get()
    assert (conflict.kind, conflict.details["part"], conflict.details["whole"]) == (
        "part_exceeds_whole", province.id, country.id)


def test_a_corrected_reading_is_what_its_wholes_find_it_by(rita):
    from claims.services.conflicts import article_detect_conflicts

    province = toll("1000", "2023-02-07", subject="iso:TR-31")
    country = toll("1500", "2023-02-07", subject="iso:TR")
    claim_correct(claim_id=province.id, reviewer=rita, changes={"value": "1700", "lower": "1700", "upper": "1700"})
    # when the country's article is compared again, on its own
    Conflict.objects.all().delete()
    article_detect_conflicts(article_id=country.article_id)
    # then it finds its part as corrected
    assert list(Conflict.objects.values_list("kind", "claim_a_id", "claim_b_id")) == [
        ("part_exceeds_whole", province.id, country.id)]
