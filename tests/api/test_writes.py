"""Writing through the API: ingestion, the reviewer's workflow, the editor's sign-off, sources and
users; each answer and what it left in the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from articles.models import LANGUAGE_UNKNOWN_ERROR, Article, Source
from claims.models import Claim, ClaimStatus, Conflict, Event, Review
from tests.api.conftest import World, make_user

pytestmark = pytest.mark.django_db

ARTICLE = {"title": "Valmora floods", "body": "At least 12 people were killed in Valmora, officials said.",
           "url": "https://news.example/valmora?utm_source=x", "source": "news.example", "language": "en",
           "published": "2024-03"}


def test_ingest_new_article_is_202_with_its_url_and_status(admin: APIClient,
                                                           django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin.post("/api/v1/articles/", ARTICLE, format="json")
    assert response.status_code == 202
    article = Article.objects.get()
    body = response.json()
    assert body["api_url"] == f"http://testserver/api/v1/articles/{article.id}/"
    assert response["Location"] == body["api_url"]
    assert body["status"] == "pending"
    assert (article.url, article.published_precision, article.origin) == (
        "https://news.example/valmora", "month", "api")
    assert body["published"] == "2024-03"
    assert len(callbacks) == 1  # extraction enqueued after commit


def test_ingest_duplicate_is_200_with_the_existing_article(admin: APIClient) -> None:
    first = admin.post("/api/v1/articles/", ARTICLE, format="json")
    again = admin.post("/api/v1/articles/", {**ARTICLE, "title": "Valmora  floods"}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [({"body": "  "}, "body"), ({"title": ""}, "title"), ({"published": "2024-13"}, "published"),
     ({"url": "ftp://x.example/a"}, "url"), ({"language": "eng"}, "language")],
)
def test_ingest_bad_input_is_a_400_naming_the_field(admin: APIClient, change: dict[str, str], field: str) -> None:
    response = admin.post("/api/v1/articles/", {**ARTICLE, **change}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert Article.objects.count() == 0


def test_ingest_body_over_the_limit_is_a_413(admin: APIClient, settings: Any) -> None:
    settings.TALLY_MAX_BODY_BYTES = 100
    response = admin.post("/api/v1/articles/", {**ARTICLE, "body": "x" * 101}, format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert "over the limit of 100 bytes" in response.json()["message"]
    assert Article.objects.count() == 0


def test_request_over_the_api_limit_is_a_413_before_parsing(admin: APIClient, settings: Any) -> None:
    settings.TALLY_API_MAX_REQUEST_BYTES = 1000
    response = admin.post("/api/v1/articles/", {**ARTICLE, "body": "y" * 2000}, format="json")
    assert response.status_code == 413
    assert response.json()["message"] == "The request body is over the limit of 1,000 bytes."


@pytest.mark.parametrize("payload", ["{not json", "[" * 100_000, '{"title": NaN}', b"\xff\xfe"])
def test_malformed_json_is_a_400(admin: APIClient, payload: str | bytes) -> None:
    response = admin.post("/api/v1/articles/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_lone_surrogate_in_the_body_is_a_400_naming_the_field(admin: APIClient) -> None:
    payload = '{"title": "Valmora", "body": "Nine \\ud800 died.", "published": "2024-03-08"}'
    response = admin.post("/api/v1/articles/", payload, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["body"]
    assert "surrogate" in str(response.json()["fields"]["body"]).lower()
    assert Article.objects.count() == 0


LONG_HOST = ".".join(["h" * 60] * 3 + ["h" * 58]) + ".ex"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"url": "http://news.example/" + "a" * 1980},
         "url", "url is 2,001 characters in its canonical form; at most 2,000 are allowed"),
        ({"url": "https://news.example/a?q=" + "é" * 400},
         "url", "url is 2,425 characters in its canonical form; at most 2,000 are allowed"),
        ({"url": f"https://{LONG_HOST}/a", "source": None},
         "url", "url's host is 244 characters, too long to name its source (at most 200): give the source"),
        ({"url": "news.example/valmora"}, "url", "url is not a valid http(s) URL: 'news.example/valmora'"),
        ({"title": "Valmora\u0000 floods"}, "title", "Null characters are not allowed."),
        ({"body": "Twelve\u0000 died."}, "body", "Null characters are not allowed."),
        ({"source": "Neues\nBlatt"}, "source", "source holds a control character (U+000A at character 5)"),
        ({"language": "it"}, "language", "language 'it' is not supported (supported: ar, de, en, es, fr, ru, uk)"),
    ],
)
def test_ingest_input_the_database_would_refuse_is_a_400_naming_the_field(
    admin: APIClient, change: dict[str, Any], field: str, message: str
) -> None:
    response = admin.post("/api/v1/articles/", {**ARTICLE, **change}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"] == {field: [message]}
    assert Article.objects.count() == 0


@pytest.mark.parametrize("field", ["title", "body", "url", "source", "language", "published"])
@pytest.mark.parametrize("number", [2024, 12.5])
def test_ingest_a_number_where_a_string_is_expected_is_a_400(admin: APIClient, field: str, number: float) -> None:
    response = admin.post("/api/v1/articles/", {**ARTICLE, field: number}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {field: ["Not a valid string."]}
    assert Article.objects.count() == 0


def test_ingest_an_article_whose_language_cannot_be_detected_says_so(admin: APIClient) -> None:
    response = admin.post("/api/v1/articles/", {**ARTICLE, "title": "2024-03-08", "body": "12 + 30 = 42.",
                                                "language": None}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert (body["language"], body["status"]) == ("", "no_language")
    assert body["last_error"] == LANGUAGE_UNKNOWN_ERROR


def test_json_that_is_not_an_object_is_a_400(admin: APIClient) -> None:
    response = admin.post("/api/v1/articles/", "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_wrong_content_type_is_a_415(admin: APIClient) -> None:
    response = admin.post("/api/v1/articles/", "title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_reviewer_cannot_ingest(reviewer: APIClient) -> None:
    response = reviewer.post("/api/v1/articles/", ARTICLE, format="json")
    assert response.status_code == 403
    assert Article.objects.count() == 0


# --- the workflow ----------------------------------------------------------------------------

def test_take_next_gives_the_most_severe_open_conflict_then_204(reviewer: APIClient, world: World) -> None:
    first = reviewer.post("/api/v1/conflicts/take-next/")
    assert first.status_code == 200
    assert (first.json()["id"], first.json()["status"], first.json()["assignee"]) == (
        world.conflicts[0].id, "in_review", "rita")
    # holding one, the next is refused with the one held, in the API's error shape
    held = reviewer.post("/api/v1/conflicts/take-next/")
    assert (held.status_code, held.json()["code"]) == (409, "conflict_held")
    assert f"conflict {world.conflicts[0].id}" in held.json()["message"]
    second = reviewer.post("/api/v1/conflicts/take-next/", {"release_held": True}, format="json")
    assert second.json()["id"] == world.conflicts[1].id
    assert Conflict.objects.get(pk=world.conflicts[0].id).status == "open"
    reviewer.post(f"/api/v1/conflicts/{second.json()['id']}/dismiss/", {"note": "Not comparable."}, format="json")
    reviewer.post(f"/api/v1/conflicts/{world.conflicts[0].id}/dismiss/", {"note": "Not comparable."}, format="json")
    empty = reviewer.post("/api/v1/conflicts/take-next/")
    assert empty.status_code == 204
    assert empty.content == b""


def test_release_puts_a_conflict_back(reviewer: APIClient, world: World) -> None:
    taken = reviewer.post("/api/v1/conflicts/take-next/").json()
    response = reviewer.post(f"/api/v1/conflicts/{taken['id']}/release/", {"note": "lunch"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["assignee"]) == ("open", None)


def test_release_of_someone_elses_conflict_is_a_403(reviewer: APIClient, rob: Any, world: World) -> None:
    from tests.api.conftest import client_for

    taken = client_for(rob).post("/api/v1/conflicts/take-next/").json()
    response = reviewer.post(f"/api/v1/conflicts/{taken['id']}/release/", {}, format="json")
    assert response.status_code == 403
    assert Conflict.objects.get(id=taken["id"]).assignee == rob


def test_resolve_with_verdicts(reviewer: APIClient, world: World) -> None:
    target = world.conflicts[0]
    reviewer.post("/api/v1/conflicts/take-next/")
    response = reviewer.post(f"/api/v1/conflicts/{target.id}/resolve/", {
        "resolution": "claim_a_holds", "note": "the later report is a misprint",
        "verdicts": [{"claim": target.claim_b_id, "rating": "inaccurate", "rationale": "misprint",
                      "evidence_links": ["https://example.org/ministry"]}],
    }, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["resolution"]) == ("resolved", "claim_a_holds")
    review = Review.objects.get()
    assert (review.claim_id, review.conflict_id, review.rating, review.status) == (
        target.claim_b_id, target.id, "inaccurate", "submitted")
    assert Claim.objects.get(id=target.claim_b_id).review_status == ClaimStatus.FALSE


def test_resolve_again_is_a_409(reviewer: APIClient, world: World) -> None:
    target = world.conflicts[1]
    assert reviewer.post(f"/api/v1/conflicts/{target.id}/resolve/", {"resolution": "different_dates"},
                         format="json").status_code == 200
    response = reviewer.post(f"/api/v1/conflicts/{target.id}/resolve/", {"resolution": "different_dates"},
                             format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"
    assert "'resolved' is final" in response.json()["message"]


def test_resolve_with_a_verdict_on_a_claim_outside_the_pair_is_a_400(reviewer: APIClient, world: World) -> None:
    target = world.conflicts[1]
    response = reviewer.post(f"/api/v1/conflicts/{target.id}/resolve/", {
        "resolution": "claim_a_holds",
        "verdicts": [{"claim": world.claims[5].id, "rating": "accurate", "rationale": "x"}],
    }, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["verdicts"]
    assert Conflict.objects.get(id=target.id).status == Conflict.Status.OPEN
    assert Review.objects.count() == 0


def test_resolve_bad_resolution_is_a_400(reviewer: APIClient, world: World) -> None:
    response = reviewer.post(f"/api/v1/conflicts/{world.conflicts[1].id}/resolve/", {"resolution": "meh"},
                             format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["resolution"]


def test_dismiss_needs_a_note(reviewer: APIClient, world: World) -> None:
    target = world.conflicts[1]
    missing = reviewer.post(f"/api/v1/conflicts/{target.id}/dismiss/", {}, format="json")
    assert missing.status_code == 400
    assert list(missing.json()["fields"]) == ["note"]
    done = reviewer.post(f"/api/v1/conflicts/{target.id}/dismiss/", {"note": "different counts"}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "dismissed"


def test_action_on_a_missing_conflict_is_a_404(reviewer: APIClient, db: None) -> None:
    response = reviewer.post("/api/v1/conflicts/424242/dismiss/", {"note": "x"}, format="json")
    assert response.status_code == 404
    assert response.json()["message"] == "No conflict 424242."


def test_editor_assigns_and_reassigns(editor: APIClient, rita: Any, rob: Any, world: World) -> None:
    target = world.conflicts[1]
    first = editor.post(f"/api/v1/conflicts/{target.id}/assign/", {"assignee": rita.id}, format="json")
    assert (first.status_code, first.json()["assignee"]) == (200, "rita")
    second = editor.post(f"/api/v1/conflicts/{target.id}/assign/", {"assignee": rob.id, "note": "rita is away"},
                         format="json")
    assert second.json()["assignee"] == "rob"
    assert list(Event.objects.filter(object_type="claims.conflict", object_id=target.id)
                .values_list("action", flat=True)) == ["assign", "reassign"]


def test_assign_to_a_non_reviewer_or_nobody_is_a_400(editor: APIClient, world: World) -> None:
    outsider = make_user("outsider", None)
    not_reviewer = editor.post(f"/api/v1/conflicts/{world.conflicts[1].id}/assign/", {"assignee": outsider.id},
                               format="json")
    assert (not_reviewer.status_code, list(not_reviewer.json()["fields"])) == (400, ["assignee"])
    nobody = editor.post(f"/api/v1/conflicts/{world.conflicts[1].id}/assign/", {"assignee": 999999}, format="json")
    assert (nobody.status_code, list(nobody.json()["fields"])) == (400, ["assignee"])


def test_reviewer_cannot_assign(reviewer: APIClient, rob: Any, world: World) -> None:
    response = reviewer.post(f"/api/v1/conflicts/{world.conflicts[1].id}/assign/", {"assignee": rob.id}, format="json")
    assert response.status_code == 403
    assert Conflict.objects.get(id=world.conflicts[1].id).assignee is None


def test_verdict_then_approve_publishes(reviewer: APIClient, editor: APIClient, world: World) -> None:
    claim = world.claims[0]
    submitted = reviewer.post(f"/api/v1/claims/{claim.id}/verdict/",
                              {"rating": "accurate", "rationale": "matches the ministry"}, format="json")
    assert submitted.status_code == 201
    review_id = submitted.json()["id"]
    assert submitted.json()["status"] == "submitted"
    approved = editor.post(f"/api/v1/reviews/{review_id}/approve/", {"note": "good"}, format="json")
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["approved_by"]) == ("published", "edna")
    assert Claim.objects.get(id=claim.id).review_status == ClaimStatus.PUBLISHED
    again = editor.post(f"/api/v1/reviews/{review_id}/approve/", {}, format="json")
    assert again.status_code == 409


def test_verdict_with_a_bad_rating_or_link_is_a_400(reviewer: APIClient, world: World) -> None:
    response = reviewer.post(f"/api/v1/claims/{world.claims[0].id}/verdict/",
                             {"rating": "meh", "rationale": "", "evidence_links": ["not a url"]}, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["fields"]) == ["evidence_links", "rating", "rationale"]
    assert Review.objects.count() == 0


def test_reject_sends_the_claim_back(reviewer: APIClient, editor: APIClient, world: World) -> None:
    claim = world.claims[0]
    review_id = reviewer.post(f"/api/v1/claims/{claim.id}/verdict/", {"rating": "misleading", "rationale": "r"},
                              format="json").json()["id"]
    missing_note = editor.post(f"/api/v1/reviews/{review_id}/reject/", {}, format="json")
    assert missing_note.status_code == 400
    rejected = editor.post(f"/api/v1/reviews/{review_id}/reject/", {"note": "check the date"}, format="json")
    assert (rejected.status_code, rejected.json()["status"]) == (200, "rejected")
    assert Claim.objects.get(id=claim.id).review_status == ClaimStatus.IN_REVIEW


def test_a_correction_sends_a_pending_verdict_back_so_it_is_not_published(reviewer: APIClient, editor: APIClient,
                                                                          rob: Any, world: World) -> None:
    from tests.api.conftest import client_for

    claim = world.claims[2]
    submitted = client_for(rob).post(f"/api/v1/claims/{claim.id}/verdict/",
                                     {"rating": "accurate", "rationale": "matches the ministry"}, format="json")
    assert submitted.json()["judged"] == {"metric": "deaths", "subject": "valmora", "value": "90.0000",
                                          "lower": "90.0000", "upper": "90.0000", "qualifier": "exact"}
    review_id = submitted.json()["id"]
    # when another reviewer changes the value under the verdict
    corrected = reviewer.post(f"/api/v1/claims/{claim.id}/correct/",
                              {"value": "99999", "lower": "99999", "upper": "99999"}, format="json")
    assert (corrected.status_code, corrected.json()["review_status"]) == (200, "in_review")
    # then the verdict is back with its reviewer, on the reading it judged, and the editor cannot publish it
    review = reviewer.get(f"/api/v1/reviews/{review_id}/").json()
    assert (review["status"], review["judged"]["value"], review["claim"]["value"]) == (
        "rejected", "90.0000", "99999.0000")
    response = editor.post(f"/api/v1/reviews/{review_id}/approve/", {}, format="json")
    assert response.status_code == 409
    assert Claim.objects.get(id=claim.id).review_status == ClaimStatus.IN_REVIEW
    assert not Review.objects.filter(status=Review.Status.PUBLISHED).exists()


@pytest.mark.parametrize(("action", "body"), [
    ("not-a-claim", {"note": "a date"}),
    ("correct", {"value": "120", "lower": "120", "upper": "120"}),
])
def test_changing_a_claim_whose_conflict_another_reviewer_holds_is_a_403(reviewer: APIClient, rob: Any, world: World,
                                                                         action: str, body: dict[str, str]) -> None:
    from tests.api.conftest import client_for

    taken = client_for(rob).post("/api/v1/conflicts/take-next/").json()
    assert taken["id"] == world.conflicts[0].id
    before = Event.objects.count()
    response = reviewer.post(f"/api/v1/claims/{world.claims[2].id}/{action}/", body, format="json")
    assert response.status_code == 403
    assert response.json()["message"] == (
        f"Conflict {taken['id']} is assigned to rob: only they, an editor or an admin can change it.")
    conflict = Conflict.objects.get(id=taken["id"])
    assert (conflict.status, conflict.assignee, conflict.resolution) == (Conflict.Status.IN_REVIEW, rob, "")
    claim = Claim.objects.get(id=world.claims[2].id)
    assert (claim.value, claim.review_status, claim.corrected) == (90, ClaimStatus.UNREVIEWED, False)
    assert Event.objects.count() == before


def test_an_editor_closing_a_held_conflict_through_its_claim_is_recorded(editor: APIClient, rob: Any,
                                                                         world: World) -> None:
    from tests.api.conftest import client_for

    taken = client_for(rob).post("/api/v1/conflicts/take-next/").json()
    response = editor.post(f"/api/v1/claims/{world.claims[2].id}/not-a-claim/", {"note": "a date"}, format="json")
    assert response.status_code == 200
    conflict = editor.get(f"/api/v1/conflicts/{taken['id']}/").json()
    assert (conflict["status"], conflict["assignee"]) == ("resolved", "edna")
    trail = Event.objects.filter(object_type="claims.conflict", object_id=taken["id"]).order_by("id")
    assert [(e.action, e.actor.username, e.note) for e in trail] == [
        ("take", "rob", ""), ("take_over", "edna", f"Taken over from rob: Claim {world.claims[2].id} is not a claim."),
        ("resolve", "edna", f"Claim {world.claims[2].id} is not a claim.")]


def test_reviewer_cannot_approve(reviewer: APIClient, rob: Any, world: World) -> None:
    from tests.api.conftest import client_for

    review_id = client_for(rob).post(f"/api/v1/claims/{world.claims[0].id}/verdict/",
                                     {"rating": "accurate", "rationale": "r"}, format="json").json()["id"]
    response = reviewer.post(f"/api/v1/reviews/{review_id}/approve/", {}, format="json")
    assert response.status_code == 403
    assert Review.objects.get(id=review_id).status == Review.Status.SUBMITTED


def test_editor_cannot_approve_their_own_verdict(editor: APIClient, world: World) -> None:
    review_id = editor.post(f"/api/v1/claims/{world.claims[0].id}/verdict/",
                            {"rating": "accurate", "rationale": "r"}, format="json").json()["id"]
    response = editor.post(f"/api/v1/reviews/{review_id}/approve/", {}, format="json")
    assert response.status_code == 403
    assert "someone other than its reviewer" in response.json()["message"]


def test_correct_a_claim(reviewer: APIClient, world: World) -> None:
    claim = world.claims[2]
    response = reviewer.post(f"/api/v1/claims/{claim.id}/correct/",
                             {"value": "190", "upper": "190", "lower": "190", "note": "digit dropped"}, format="json")
    assert response.status_code == 200
    assert (response.json()["value"], response.json()["corrected"]) == ("190.0000", True)
    event = Event.objects.get(object_type="claims.claim", object_id=claim.id, action="correct")
    assert event.data["after"] == {"value": "190", "lower": "190", "upper": "190"}


def test_correct_with_bounds_the_wrong_way_round_is_a_400(reviewer: APIClient, world: World) -> None:
    claim = world.claims[2]
    response = reviewer.post(f"/api/v1/claims/{claim.id}/correct/", {"lower": "500"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["lower"]
    assert Claim.objects.get(id=claim.id).lower == claim.lower


def test_not_a_claim_closes_its_conflicts(reviewer: APIClient, world: World) -> None:
    claim = world.claims[0]
    response = reviewer.post(f"/api/v1/claims/{claim.id}/not-a-claim/", {"note": "a date"}, format="json")
    assert (response.status_code, response.json()["review_status"]) == (200, "not_a_claim")
    assert Conflict.objects.get(id=world.conflicts[1].id).resolution == Conflict.Resolution.EXTRACTION_ERROR
    again = reviewer.post(f"/api/v1/claims/{claim.id}/not-a-claim/", {}, format="json")
    assert again.status_code == 409


# --- sources and users -----------------------------------------------------------------------

def test_admin_creates_and_updates_a_source(admin: APIClient, db: None) -> None:
    created = admin.post("/api/v1/sources/", {"name": "Le Monde", "domain": "www.LeMonde.fr", "country": "fr",
                                              "kind": "newspaper"}, format="json")
    assert created.status_code == 201
    assert created.json() == {"id": created.json()["id"], "name": "Le Monde", "domain": "lemonde.fr",
                              "country": "FR", "kind": "newspaper"}
    updated = admin.patch(f"/api/v1/sources/{created.json()['id']}/", {"kind": "broadcaster"}, format="json")
    assert updated.json()["kind"] == "broadcaster"
    duplicate = admin.post("/api/v1/sources/", {"name": "Le Monde"}, format="json")
    assert (duplicate.status_code, list(duplicate.json()["fields"])) == (400, ["name"])


def test_editor_cannot_change_sources(editor: APIClient, world: World) -> None:
    assert editor.post("/api/v1/sources/", {"name": "X"}, format="json").status_code == 403
    assert editor.patch(f"/api/v1/sources/{world.afp.id}/", {"name": "Y"}, format="json").status_code == 403
    assert Source.objects.get(id=world.afp.id).name == "AFP"


def test_admin_creates_a_user_and_changes_the_role(admin: APIClient, db: None) -> None:
    created = admin.post("/api/v1/users/", {"username": "nina", "role": "reviewer", "password": "long-enough-1"},
                         format="json")
    assert created.status_code == 201
    assert (created.json()["username"], created.json()["role"], created.json()["is_active"]) == (
        "nina", "reviewer", True)
    nina = get_user_model().objects.get(username="nina")
    assert nina.has_perm("claims.change_conflict") and not nina.has_perm("claims.publish_review")
    promoted = admin.patch(f"/api/v1/users/{nina.id}/", {"role": "editor", "is_active": False}, format="json")
    assert (promoted.json()["role"], promoted.json()["is_active"]) == ("editor", False)
    listed = admin.get("/api/v1/users/")
    assert [(u["username"], u["role"]) for u in listed.json()["results"]] == [("nina", "editor"), ("ada", "admin")]


def test_editor_cannot_manage_users(editor: APIClient, rita: Any) -> None:
    assert editor.get("/api/v1/users/").status_code == 403
    assert editor.patch(f"/api/v1/users/{rita.id}/", {"role": "admin"}, format="json").status_code == 403
    assert not get_user_model().objects.get(id=rita.id).has_perm("auth.change_user")


def test_token_endpoint_gives_a_token_that_works(rita: Any, world: World) -> None:
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "rita", "password": "pw-secret-1"}, format="json")
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/claims/").status_code == 200
    wrong = APIClient().post("/api/v1/auth/token/", {"username": "rita", "password": "nope"}, format="json")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid")


def test_writes_are_throttled_with_a_json_429(reviewer: APIClient, world: World, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"write": "2/minute"}}
    answers = [reviewer.post("/api/v1/conflicts/take-next/", {"release_held": True}, format="json").status_code
               for _ in range(3)]
    assert answers == [200, 200, 429]
    refused = reviewer.post("/api/v1/conflicts/take-next/")
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    # Reads are not throttled.
    assert reviewer.get("/api/v1/claims/").status_code == 200
    # The second take put the first back: one held, never two.
    assert Conflict.objects.filter(status=Conflict.Status.IN_REVIEW).count() == 1
