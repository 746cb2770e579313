"""The reviewer's desk through Django's test client: every page, every action, every refusal."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Conflict, Event, Review
from claims.services.conflicts import article_detect_conflicts
from claims.services.review import (
    VerdictInput,
    claim_review_submit,
    conflict_resolve,
    conflict_take_next,
    review_approve,
)
from tests.articles.factories import ArticleFactory
from tests.ui.conftest import PASSWORD, conflict_between, make_user, toll

pytestmark = pytest.mark.django_db



def sent_back_to(response, url: str) -> bool:  # type: ignore[no-untyped-def]
    """A refused form comes back by a redirect to its page (POST/redirect/GET), shown with its errors."""
    return response.redirect_chain == [(url, 302)] and response.status_code == 200

def login(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def events(obj) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return list(Event.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk)
                .order_by("id").values_list("action", "from_state", "to_state"))


def page_messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


# --- login and roles -------------------------------------------------------------------------

GET_PAGES = [("desk:queue", False), ("desk:conflict", True), ("desk:claim", True), ("desk:approvals", False),
             ("desk:published", False), ("desk:audit", False)]
POST_ACTIONS = ["desk:take_next", "desk:conflict_resolve", "desk:conflict_dismiss", "desk:conflict_release",
                "desk:claim_verdict", "desk:claim_correct", "desk:claim_not_a_claim", "desk:review_approve",
                "desk:review_reject"]


@pytest.mark.parametrize("name,with_id", GET_PAGES)
def test_every_page_sends_an_anonymous_visitor_to_the_login(client, name, with_id):
    url = reverse(name, args=[1]) if with_id else reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("name", POST_ACTIONS)
def test_every_action_refuses_an_anonymous_post_and_changes_nothing(client, name):
    conflict = conflict_between("47", "62")
    url = reverse(name) if name == "desk:take_next" else reverse(name, args=[conflict.pk])
    response = client.post(url, {"resolution": "claim_a_holds", "note": "x"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee_id) == ("open", None)
    assert Event.objects.count() == 0


@pytest.mark.parametrize("name,with_id", [p for p in GET_PAGES if p[0] != "desk:approvals"])
def test_a_user_without_a_role_gets_a_clear_403_page(client, visitor, name, with_id):
    conflict = conflict_between("47", "62")
    url = reverse(name, args=[conflict.pk]) if with_id else reverse(name)
    response = login(client, visitor).get(url)
    assert response.status_code == 403
    assert "This page is for reviewers. Ask an admin to give your account the reviewer role." in response.text


def test_a_user_without_a_role_cannot_take_work(client, visitor):
    conflict_between("47", "62")
    response = login(client, visitor).post(reverse("desk:take_next"))
    assert response.status_code == 403
    assert Conflict.objects.get().status == "open"


def test_the_approvals_page_is_for_editors_only(client, rita):
    response = login(client, rita).get(reverse("desk:approvals"))
    assert response.status_code == 403
    assert "This page is for editors." in response.text


def test_login_with_the_form_lands_on_the_queue_and_logout_returns_to_login(client, rita):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert '<input type="password" name="password"' in page.text
    response = client.post("/accounts/login/", {"username": "rita", "password": PASSWORD})
    assert (response.status_code, response.url) == (302, "/")
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert (response.status_code, response.url) == (302, "/accounts/login/")
    assert client.get("/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, rita):
    response = client.post("/accounts/login/", {"username": "rita", "password": "nope"})
    assert response.status_code == 200
    assert "That user name and password do not match an active account." in response.text


def test_a_get_on_an_action_is_refused_with_405(client, rita):
    assert login(client, rita).get(reverse("desk:take_next")).status_code == 405


def test_a_missing_conflict_is_a_404_page(client, rita):
    response = login(client, rita).get(reverse("desk:conflict", args=[999]))
    assert response.status_code == 404


# --- the queue -------------------------------------------------------------------------------

def test_the_queue_lists_open_conflicts_most_severe_first(client, rita):
    mild = conflict_between("47", "48.5", subject="jenin")
    severe = conflict_between("47", "4700", subject="valmora")
    response = login(client, rita).get(reverse("desk:queue"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].object_list] == [severe.pk, mild.pk]
    assert "2 open conflicts waiting" in response.text
    assert "“4700”" in response.text


def test_the_queue_filters_by_kind_metric_subject_language_and_status(client, rita):
    deaths = conflict_between("47", "62")
    injured = conflict_between("30", "90", day="2024-03-10", metric="injured", language="fr")
    taken = conflict_take_next(reviewer=make_user("rob", "reviewer"))
    assert taken.pk == injured.pk or taken.pk == deaths.pk
    login(client, rita)

    def shown(**params) -> list[int]:  # type: ignore[no-untyped-def]
        return [c.pk for c in client.get(reverse("desk:queue"), params).context["page"].object_list]

    open_one = ({deaths.pk, injured.pk} - {taken.pk}).pop()
    assert shown() == [open_one]
    assert shown(status="in_review") == [taken.pk]
    assert sorted(shown(status="")) == sorted([deaths.pk, injured.pk])
    assert shown(status="", metric="injured") == [injured.pk]
    assert shown(status="", language="fr") == [injured.pk]
    assert shown(status="", subject="valmora", kind="value_mismatch", metric="deaths") == [deaths.pk]
    assert shown(status="", kind="part_exceeds_whole") == []
    # An unknown value is not an error page: the plain queue is shown.
    assert shown(kind="no-such-kind") == [open_one]


def test_the_queue_shows_what_is_assigned_to_me(client, rita):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    response = login(client, rita).get(reverse("desk:queue"))
    assert [c.pk for c in response.context["mine"]] == [conflict.pk]
    assert "Assigned to you" in response.text


def test_the_queue_reads_as_many_queries_for_twelve_conflicts_as_for_two(client, rita):
    login(client, rita)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("desk:queue"))
        assert len(response.context["page"].object_list) == Conflict.objects.count()
        return len(captured)

    for n in range(2):
        conflict_between("47", str(60 + n), subject=f"town-{n}")
    few = queries()
    for n in range(2, 12):
        conflict_between("47", str(60 + n), subject=f"town-{n}")
    assert queries() == few


def test_take_next_assigns_the_top_conflict_and_opens_it(client, rita):
    conflict_between("47", "48.5", subject="jenin")
    severe = conflict_between("47", "4700", subject="valmora")
    response = login(client, rita).post(reverse("desk:take_next"))
    assert (response.status_code, response.url) == (302, reverse("desk:conflict", args=[severe.pk]))
    severe.refresh_from_db()
    assert (severe.status, severe.assignee) == ("in_review", rita)
    assert events(severe) == [("take", "open", "in_review")]


def test_take_next_on_an_empty_queue_says_so(client, rita):
    response = login(client, rita).post(reverse("desk:take_next"), follow=True)
    assert response.redirect_chain == [(reverse("desk:queue"), 302)]
    assert page_messages(response) == ["The queue is empty: no open conflict is waiting."]


# --- the conflict page -----------------------------------------------------------------------

def test_the_conflict_page_shows_both_sentences_highlighted_and_the_timeline(client, rita):
    conflict = conflict_between("47", "62")
    response = login(client, rita).get(reverse("desk:conflict", args=[conflict.pk]))
    assert response.status_code == 200
    html = response.text
    assert "At least <mark>47</mark> people were killed in the floods in Valmora, officials said." in html
    assert "At least <mark>62</mark> people were killed in the floods in Valmora, officials said." in html
    assert "8 March 2024" in html
    assert html.count('<g class="band focus"') == 2
    assert html.count('<line class="conflict focus"') == 1
    assert 'id="resolve-form"' in html and 'id="dismiss-form"' in html


def test_arabic_text_runs_right_to_left_with_the_number_highlighted_on_every_page(client, rita):
    """Every block of article text lets the browser pick its direction, so Arabic reads right to
    left, and the highlight sits on the number's own characters."""
    one = toll("47", body="قُتل ما لا يقل عن 47 شخصا في الفيضانات، وفق مسؤولين.", language="ar")
    two = toll("62", body="قُتل ما لا يقل عن 62 شخصا في الفيضانات، وفق مسؤولين.", language="ar")
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    conflict = Conflict.objects.get(claim_a=one, claim_b=two)
    login(client, rita)
    for url in (reverse("desk:conflict", args=[conflict.pk]), reverse("desk:claim", args=[one.pk]),
                reverse("desk:queue")):
        html = client.get(url).text
        assert 'dir="auto" lang="ar"' in html, url
        assert ' lang="ar"' not in html.replace('dir="auto" lang="ar"', ""), url
    html = client.get(reverse("desk:claim", args=[one.pk])).text
    assert "قُتل ما لا يقل عن <mark>47</mark> شخصا" in html


def test_a_month_precision_date_is_shown_as_a_month_and_drawn_as_a_span(client, rita):
    one = toll("18000", day="2023-12-01", as_of_precision="month", time_end=date(2023, 12, 31))
    two = toll("17000", day="2024-01-05")
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    conflict = Conflict.objects.get(claim_a=one, claim_b=two)
    html = login(client, rita).get(reverse("desk:conflict", args=[conflict.pk])).text
    assert "December 2023" in html
    assert f'data-claim="{one.pk}" data-days="31"' in html
    assert f'data-claim="{two.pk}" data-days="1"' in html


def test_article_text_is_escaped_on_every_page(client, rita, edna):
    hostile = '<script>window.pwned = 1</script> At least 47 people died <img src=x onerror=alert(1)>.'
    one = toll("47", body=hostile)
    two = toll("62")
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    conflict = Conflict.objects.get(claim_a=one, claim_b=two)
    claim_review_submit(claim_id=one.pk, reviewer=rita, rating="inaccurate", rationale="<b>no</b>")
    login(client, rita)
    for url in (reverse("desk:conflict", args=[conflict.pk]), reverse("desk:claim", args=[one.pk])):
        html = client.get(url).text
        assert "<script>window.pwned" not in html
        assert "&lt;script&gt;window.pwned = 1&lt;/script&gt; At least <mark>47</mark> people died" in html
        assert "<img src=x" not in html
    html = login(client, edna).get(reverse("desk:approvals")).text
    assert "<script>window.pwned" not in html and "&lt;b&gt;no&lt;/b&gt;" in html


# --- resolving, dismissing, releasing --------------------------------------------------------

def test_resolving_with_verdicts_closes_the_conflict_and_sends_the_verdicts_to_an_editor(client, rita):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    response = login(client, rita).post(reverse("desk:conflict_resolve", args=[conflict.pk]), {
        "resolution": "claim_b_holds", "note": "The ministry updated its toll.", "wrong_claim": "",
        "a_rating": "inaccurate", "a_rationale": "Superseded by the ministry.", "a_evidence": "https://example.org/a",
        "b_rating": "accurate", "b_rationale": "Matches the ministry.", "b_evidence": "",
    }, follow=True)
    assert response.redirect_chain == [(reverse("desk:conflict", args=[conflict.pk]), 302)]
    assert page_messages(response) == [f"Conflict {conflict.pk} resolved: Claim B holds."]
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution, conflict.resolution_note) == (
        "resolved", "claim_b_holds", "The ministry updated its toll.")
    reviews = list(Review.objects.order_by("claim_id").values_list("claim_id", "rating", "status", "evidence_links"))
    assert reviews == [(conflict.claim_a_id, "inaccurate", "submitted", ["https://example.org/a"]),
                       (conflict.claim_b_id, "accurate", "submitted", [])]
    assert 'id="resolve-form"' not in response.text


def test_resolving_an_extraction_error_marks_the_wrong_claim(client, rita):
    conflict = conflict_between("47", "62")
    login(client, rita).post(reverse("desk:conflict_resolve", args=[conflict.pk]), {
        "resolution": "extraction_error", "wrong_claim": "b", "note": "62 is a road number."})
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution) == ("resolved", "extraction_error")
    assert Claim.objects.get(pk=conflict.claim_b_id).review_status == ClaimStatus.NOT_A_CLAIM
    assert Claim.objects.get(pk=conflict.claim_a_id).review_status == ClaimStatus.UNREVIEWED


@pytest.mark.parametrize("data,field,message", [
    ({}, "resolution", "This field is required."),
    ({"resolution": "sideways"}, "resolution", "Select a valid choice. sideways is not one of the available choices."),
    ({"resolution": "extraction_error"}, "wrong_claim", "Say which of the two claims the engine read wrongly."),
    ({"resolution": "claim_a_holds", "a_rating": "accurate"}, "a_rationale", "Say why: a verdict needs a rationale."),
    ({"resolution": "claim_a_holds", "b_rationale": "because"}, "b_rating",
     "Choose a rating for this rationale, or clear it."),
    ({"resolution": "claim_a_holds", "a_rating": "accurate", "a_rationale": "ok", "a_evidence": "ftp://x"},
     "a_evidence", "Evidence links must be web addresses (http or https), one a line: ftp://x."),
])
def test_an_invalid_resolution_is_shown_on_the_form_and_changes_nothing(client, rita, data, field, message):
    conflict = conflict_between("47", "62")
    response = login(client, rita).post(reverse("desk:conflict_resolve", args=[conflict.pk]), data, follow=True)
    assert sent_back_to(response, reverse("desk:conflict", args=[conflict.pk]))
    assert response.context["resolve_form"].errors[field] == [message]
    conflict.refresh_from_db()
    assert conflict.status == "open"
    assert Review.objects.count() == 0
    assert events(conflict) == []


def test_resolving_a_conflict_assigned_to_someone_else_is_refused(client, rita, rob):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rob)
    login(client, rita)
    page = client.get(reverse("desk:conflict", args=[conflict.pk]))
    assert "This conflict is assigned to rob: only they can resolve or dismiss it." in page.text
    assert 'id="resolve-form"' not in page.text
    response = client.post(reverse("desk:conflict_resolve", args=[conflict.pk]), {"resolution": "claim_a_holds"})
    assert response.status_code == 403
    assert "This conflict is assigned to someone else." in response.text
    response = client.post(reverse("desk:conflict_dismiss", args=[conflict.pk]), {"note": "mine now"})
    assert response.status_code == 403
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("in_review", rob)


def test_resolving_a_resolved_conflict_again_is_refused_with_the_reason(client, rita):
    conflict = conflict_between("47", "62")
    conflict_resolve(conflict_id=conflict.pk, reviewer=rita, resolution="different_dates")
    response = login(client, rita).post(reverse("desk:conflict_resolve", args=[conflict.pk]),
                                        {"resolution": "claim_a_holds"}, follow=True)
    assert page_messages(response) == [
        "Not resolved: This conflict is already “Resolved”."]
    conflict.refresh_from_db()
    assert conflict.resolution == "different_dates"


def test_dismissing_needs_a_reason(client, rita):
    conflict = conflict_between("47", "62")
    login(client, rita)
    response = client.post(reverse("desk:conflict_dismiss", args=[conflict.pk]), {"note": ""}, follow=True)
    assert sent_back_to(response, reverse("desk:conflict", args=[conflict.pk]))
    assert response.context["dismiss_form"].errors["note"] == ["This field is required."]
    response = client.post(reverse("desk:conflict_dismiss", args=[conflict.pk]), {"note": "Different floods."},
                           follow=True)
    assert page_messages(response) == [f"Conflict {conflict.pk} dismissed."]
    conflict.refresh_from_db()
    assert conflict.status == "dismissed"
    assert events(conflict) == [("dismiss", "open", "dismissed")]


def test_dismissing_a_dismissed_conflict_is_refused_with_the_reason(client, rita):
    conflict = conflict_between("47", "62")
    login(client, rita)
    client.post(reverse("desk:conflict_dismiss", args=[conflict.pk]), {"note": "Different floods."}, follow=True)
    response = client.post(reverse("desk:conflict_dismiss", args=[conflict.pk]), {"note": "again"}, follow=True)
    assert page_messages(response) == ["Not dismissed: This conflict is already “Dismissed”."]


def test_releasing_puts_my_conflict_back_in_the_queue(client, rita):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    response = login(client, rita).post(reverse("desk:conflict_release", args=[conflict.pk]), follow=True)
    assert response.redirect_chain == [(reverse("desk:queue"), 302)]
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("open", None)
    assert events(conflict) == [("take", "open", "in_review"), ("release", "in_review", "open")]


def test_only_the_assignee_or_an_editor_can_release(client, rita, rob, edna):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rob)
    assert login(client, rita).post(reverse("desk:conflict_release", args=[conflict.pk])).status_code == 403
    conflict.refresh_from_db()
    assert conflict.assignee == rob
    assert login(client, edna).post(reverse("desk:conflict_release", args=[conflict.pk])).status_code == 302
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("open", None)


def test_releasing_an_open_conflict_is_refused_with_the_reason(client, rita):
    conflict = conflict_between("47", "62")
    response = login(client, rita).post(reverse("desk:conflict_release", args=[conflict.pk]), follow=True)
    assert page_messages(response) == [
        "Not released: This conflict is already “Open”."]


# --- the claim page --------------------------------------------------------------------------

def test_the_claim_page_shows_the_claim_its_conflicts_and_its_history(client, rita):
    conflict = conflict_between("47", "62")
    claim = conflict.claim_a
    html = login(client, rita).get(reverse("desk:claim", args=[claim.pk])).text
    assert "At least <mark>47</mark> people" in html
    assert f'href="{reverse("desk:conflict", args=[conflict.pk])}"' in html
    assert 'id="verdict-form"' in html and 'id="correct-form"' in html


def test_a_verdict_on_a_claim_waits_for_an_editor(client, rita):
    claim = toll("47")
    response = login(client, rita).post(reverse("desk:claim_verdict", args=[claim.pk]), {
        "rating": "misleading", "rationale": "Counts only one town.", "evidence_links": "https://example.org/x\n"},
        follow=True)
    assert page_messages(response) == ["Verdict proposed: it waits for an editor's approval."]
    claim.refresh_from_db()
    assert claim.review_status == ClaimStatus.DISPUTED
    assert list(Review.objects.values_list("rating", "status", "evidence_links")) == [
        ("misleading", "submitted", ["https://example.org/x"])]
    assert events(claim) == [("start_review", "unreviewed", "in_review"), ("verdict", "in_review", "disputed")]


def test_an_incomplete_verdict_is_shown_on_the_form(client, rita):
    claim = toll("47")
    response = login(client, rita).post(reverse("desk:claim_verdict", args=[claim.pk]), {"rating": "accurate"},
                                        follow=True)
    assert sent_back_to(response, reverse("desk:claim", args=[claim.pk]))
    assert response.context["verdict_form"].errors == {"rationale": ["This field is required."]}
    assert Review.objects.count() == 0


def test_a_verdict_on_a_claim_awaiting_its_editor_is_refused_with_the_reason(client, rita):
    claim = toll("47")
    claim_review_submit(claim_id=claim.pk, reviewer=rita, rating="accurate", rationale="ok")
    response = login(client, rita).post(reverse("desk:claim_verdict", args=[claim.pk]),
                                        {"rating": "inaccurate", "rationale": "changed my mind"}, follow=True)
    assert page_messages(response) == [
        "No verdict recorded: This claim is already “Verdict proposed”."]
    assert Review.objects.count() == 1


def test_a_correction_changes_only_what_changed_and_is_kept_in_the_history(client, rita):
    claim = toll("47")
    response = login(client, rita).post(reverse("desk:claim_correct", args=[claim.pk]), {
        "value": "47", "lower": "47", "upper": "", "metric": "deaths", "subject": "valmora",
        "qualifier": "at_least", "note": "'at least' is open above"}, follow=True)
    assert page_messages(response) == ["Claim corrected: qualifier, upper bound."]
    claim.refresh_from_db()
    assert (claim.upper, claim.qualifier, claim.corrected) == (None, "at_least", True)
    event = Event.objects.get(action="correct")
    assert event.data == {"before": {"qualifier": "exact", "upper": "47"}, "after": {"qualifier": "at_least",
                                                                                    "upper": None}}
    assert "upper bound 47 → ∅" in response.text


def test_a_correction_with_nothing_changed_says_so(client, rita):
    claim = toll("47")
    response = login(client, rita).post(reverse("desk:claim_correct", args=[claim.pk]), {
        "value": "47", "lower": "47.0", "upper": "47", "metric": "deaths", "subject": "valmora",
        "qualifier": "exact"}, follow=True)
    assert page_messages(response) == ["Nothing changed: the claim is as the engine read it."]
    assert Event.objects.count() == 0


def test_a_correction_the_service_refuses_is_shown_on_its_field(client, rita):
    claim = toll("47")
    response = login(client, rita).post(reverse("desk:claim_correct", args=[claim.pk]), {
        "value": "47", "lower": "50", "upper": "40", "metric": "deaths", "subject": "valmora", "qualifier": "range"},
        follow=True)
    assert sent_back_to(response, reverse("desk:claim", args=[claim.pk]))
    assert response.context["correct_form"].errors["lower"] == ["The lower bound is above the upper bound."]
    claim.refresh_from_db()
    assert (claim.lower, claim.upper, claim.corrected) == (47, 47, False)


def test_marking_not_a_claim_closes_its_conflicts(client, rita):
    conflict = conflict_between("47", "62")
    response = login(client, rita).post(reverse("desk:claim_not_a_claim", args=[conflict.claim_b_id]),
                                        {"note": "a road number"}, follow=True)
    assert page_messages(response) == [
        "Marked as not a claim; its open conflicts are closed as misread by the engine."]
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution) == ("resolved", "extraction_error")


def test_closing_a_conflict_another_holds_through_its_claim_is_refused(client, rita, rob):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rob)
    before = Event.objects.count()
    login(client, rita)
    # marking one of its claims not a claim
    response = client.post(reverse("desk:claim_not_a_claim", args=[conflict.claim_b_id]), {"note": "a road number"})
    assert response.status_code == 403
    assert (f"Conflict {conflict.pk} is assigned to rob: only they, an editor or an admin can change it."
            in response.text)
    # correcting one side to match the other
    response = client.post(reverse("desk:claim_correct", args=[conflict.claim_b_id]), {
        "value": "47", "lower": "47", "upper": "47", "metric": "deaths", "subject": "valmora", "qualifier": "exact"})
    assert response.status_code == 403
    conflict.refresh_from_db()
    assert (conflict.status, conflict.assignee) == ("in_review", rob)
    claim = Claim.objects.get(pk=conflict.claim_b_id)
    assert (claim.value, claim.review_status, claim.corrected) == (62, "unreviewed", False)
    assert Event.objects.count() == before


def test_marking_a_published_claim_not_a_claim_is_refused_with_the_reason(client, rita, edna):
    claim = toll("47")
    review = claim_review_submit(claim_id=claim.pk, reviewer=rita, rating="accurate", rationale="ok")
    review_approve(review_id=review.pk, editor=edna)
    response = login(client, rita).post(reverse("desk:claim_not_a_claim", args=[claim.pk]), {}, follow=True)
    assert page_messages(response) == [
        "Not changed: This claim is “Published”: it cannot become “Not a claim”."]
    claim.refresh_from_db()
    assert claim.review_status == "published"


# --- the editor's sign-off -------------------------------------------------------------------

def submitted(reviewer) -> Review:  # type: ignore[no-untyped-def]
    claim = toll("47")
    return claim_review_submit(claim_id=claim.pk, reviewer=reviewer, rating="accurate", rationale="Matches.")


def test_an_editor_publishes_a_verdict(client, rita, edna):
    review = submitted(rita)
    login(client, edna)
    page = client.get(reverse("desk:approvals"))
    assert [row["review"].pk for row in page.context["rows"]] == [review.pk]
    response = client.post(reverse("desk:review_approve", args=[review.pk]), {"note": "Good."}, follow=True)
    assert page_messages(response) == [f"Verdict {review.pk} published."]
    review.refresh_from_db()
    assert (review.status, review.approved_by, review.editor_note) == ("published", edna, "Good.")
    assert Claim.objects.get(pk=review.claim_id).review_status == "published"
    published = client.get(reverse("desk:published"))
    assert [r.pk for r in published.context["page"].object_list] == [review.pk]
    assert f'id="published-{review.pk}"' in published.text


def test_a_correction_under_a_pending_verdict_takes_it_off_the_approvals_page(client, rita, rob, edna):
    review = submitted(rita)
    login(client, edna)
    assert "judged: Deaths / valmora: 47 people (exactly)" in client.get(reverse("desk:approvals")).text
    # when another reviewer corrects the claim in the desk
    login(client, rob).post(reverse("desk:claim_correct", args=[review.claim_id]), {
        "value": "4700", "lower": "4700", "upper": "4700", "metric": "deaths", "subject": "valmora",
        "qualifier": "exact"})
    # then the verdict is back with its reviewer, and nothing waits for the editor
    review.refresh_from_db()
    assert review.status == "rejected"
    assert Claim.objects.get(pk=review.claim_id).review_status == "in_review"
    login(client, edna)
    assert client.get(reverse("desk:approvals")).context["rows"] == []
    response = client.post(reverse("desk:review_approve", args=[review.pk]), follow=True)
    assert page_messages(response) == [
        "Not published: This verdict is “Sent back”: it cannot become “Published”."]


def test_an_editor_cannot_approve_their_own_verdict(client, edna):
    review = submitted(edna)
    login(client, edna)
    assert "Your own verdict: another editor approves it." in client.get(reverse("desk:approvals")).text
    response = client.post(reverse("desk:review_approve", args=[review.pk]))
    assert response.status_code == 403
    assert "A verdict is approved by someone other than its reviewer." in response.text
    review.refresh_from_db()
    assert review.status == "submitted"


def test_a_reviewer_cannot_approve(client, rita, rob):
    review = submitted(rob)
    response = login(client, rita).post(reverse("desk:review_approve", args=[review.pk]))
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == "submitted"


def test_sending_a_verdict_back_needs_a_reason_and_reopens_the_claim(client, rita, edna):
    review = submitted(rita)
    login(client, edna)
    response = client.post(reverse("desk:review_reject", args=[review.pk]), {"note": " "}, follow=True)
    assert sent_back_to(response, reverse("desk:approvals"))
    assert response.context["rows"][0]["reject_form"].errors["note"] == ["This field is required."]
    response = client.post(reverse("desk:review_reject", args=[review.pk]), {"note": "Cite the ministry."},
                           follow=True)
    assert page_messages(response) == [f"Verdict {review.pk} sent back to its reviewer."]
    review.refresh_from_db()
    assert (review.status, review.editor_note) == ("rejected", "Cite the ministry.")
    assert Claim.objects.get(pk=review.claim_id).review_status == "in_review"


def test_approving_a_verdict_twice_is_refused_with_the_reason(client, rita, edna):
    review = submitted(rita)
    login(client, edna)
    client.post(reverse("desk:review_approve", args=[review.pk]), follow=True)
    response = client.post(reverse("desk:review_approve", args=[review.pk]), follow=True)
    assert page_messages(response) == [
        "Not published: This verdict is already “Published”."]
    response = client.post(reverse("desk:review_reject", args=[review.pk]), {"note": "late"}, follow=True)
    assert page_messages(response) == [
        "Not sent back: This verdict is “Published”: it cannot become “Sent back”."]


# --- the audit trail -------------------------------------------------------------------------

def test_the_audit_trail_lists_every_move_newest_first_and_filters(client, rita):
    conflict = conflict_between("47", "62")
    conflict_take_next(reviewer=rita)
    conflict_resolve(conflict_id=conflict.pk, reviewer=rita, resolution="claim_a_holds",
                     verdicts=[VerdictInput(claim_id=conflict.claim_a_id, rating="accurate", rationale="ok")])
    login(client, rita)
    everything = client.get(reverse("desk:audit")).context["page"].object_list
    assert [e.action for e in everything] == ["verdict", "start_review", "resolve", "take"]
    only_conflict = client.get(reverse("desk:audit"), {"object_type": "claims.conflict",
                                                       "object_id": conflict.pk}).context["page"].object_list
    assert [(e.action, e.from_state, e.to_state) for e in only_conflict] == [
        ("resolve", "in_review", "resolved"), ("take", "open", "in_review")]
    assert list(client.get(reverse("desk:audit"), {"actor": "nobody"}).context["page"].object_list) == []


def test_the_published_page_is_empty_before_anything_is_published(client, rita):
    ArticleFactory()
    response = login(client, rita).get(reverse("desk:published"))
    assert response.status_code == 200
    assert "Nothing published yet." in response.text


# --- places ----------------------------------------------------------------------------------

def test_the_desk_names_the_place_in_the_readers_language_and_marks_an_uncertain_one(client, rita):
    conflict = conflict_between("47", "62", subject="iso:MA", subject_confidence=0.9)
    uncertain = toll("12", subject="iso:ES-V", subject_confidence=0.9, subject_ambiguous=True)
    login(client, rita)
    html = client.get(reverse("desk:conflict", args=[conflict.pk]), HTTP_ACCEPT_LANGUAGE="es").text
    assert "Marruecos" in html and "iso:MA" not in html
    assert "place uncertain" not in html
    html = client.get(reverse("desk:queue") + "?lang=de").text
    assert "Marokko" in html
    html = client.get(reverse("desk:claim", args=[uncertain.pk])).text
    assert "Valencia" in html and 'class="place-uncertain"' in html


def test_place_names_follow_the_desk_language_the_reader_chose(client, rita):
    # given: a reader whose browser asks for German, who chose Russian in the language chooser
    conflict = conflict_between("47", "62", subject="iso:MA", subject_confidence=0.9)
    login(client, rita)
    client.post(reverse("set_language"), {"language": "ru", "next": reverse("desk:queue")})
    # when: they open the conflict
    html = client.get(reverse("desk:conflict", args=[conflict.pk]), HTTP_ACCEPT_LANGUAGE="de").text
    # then: its place is named in Russian, like the rest of the page; ?lang= still overrides both
    assert "Марокко" in html and "Marokko" not in html
    html = client.get(reverse("desk:conflict", args=[conflict.pk]) + "?lang=es", HTTP_ACCEPT_LANGUAGE="de").text
    assert "Marruecos" in html
