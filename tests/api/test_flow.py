"""API: editing an article's text, comments, and the caller's notifications, with the API's error
shape and roles."""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework.test import APIClient

from claims.models import Claim, Comment, Notification
from claims.services.claims import article_extract_claims
from claims.services.review import claim_review_submit, conflict_assign
from tests.api.conftest import World
from tests.articles.factories import ArticleFactory

BODY = "Storms over Brevik killed 23 people on Monday, the coast guard said. Some 300 boats were lost."


def test_an_admin_edits_an_article_and_its_reviewed_claim_keeps_its_words(admin: APIClient, rita: Any) -> None:
    article = ArticleFactory(title="Brevik storms", body=BODY, published=date(2024, 5, 6))
    article_extract_claims(article_id=article.id)
    toll = Claim.objects.get(article=article, quote__contains="23")
    claim_review_submit(claim_id=toll.id, reviewer=rita, rating="accurate", rationale="Coast guard log.")
    # when
    response = admin.patch(f"/api/v1/articles/{article.id}/", {"title": "Brevik storms: a first count"},
                           format="json")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Brevik storms: a first count"
    assert body["edit"]["kept"] == 1 and body["edit"]["shifted"] == 1 and body["edit"]["sent_back"] == 0
    spans = {c["id"]: c for c in body["claims"]}
    assert body["text"][spans[toll.id]["start"]:spans[toll.id]["end"]] == toll.quote
    for claim in body["claims"]:
        assert body["text"][claim["start"]:claim["end"]] == claim["quote"]


def test_an_edit_is_refused_in_the_error_shape_and_by_role(admin: APIClient, editor: APIClient) -> None:
    article = ArticleFactory(title="Brevik storms", body=BODY)
    empty = admin.patch(f"/api/v1/articles/{article.id}/", {"body": ""}, format="json")
    assert (empty.status_code, empty.json()["code"]) == (400, "invalid")
    assert "body" in empty.json()["fields"]
    nothing = admin.patch(f"/api/v1/articles/{article.id}/", {}, format="json")
    assert nothing.status_code == 400
    number = admin.patch(f"/api/v1/articles/{article.id}/", {"title": 2024}, format="json")
    assert number.json()["fields"] == {"title": ["Not a valid string."]}
    assert editor.patch(f"/api/v1/articles/{article.id}/", {"title": "x"}, format="json").status_code == 403
    assert admin.patch("/api/v1/articles/999999/", {"title": "x"}, format="json").status_code == 404
    article.refresh_from_db()
    assert (article.title, article.body) == ("Brevik storms", BODY)


def test_comments_on_a_conflict_and_a_claim(reviewer: APIClient, editor: APIClient, world: World,
                                            anonymous: APIClient) -> None:
    conflict = world.conflicts[0]
    created = editor.post(f"/api/v1/conflicts/{conflict.id}/comments/", {"body": "Which bulletin is later?"},
                          format="json")
    assert created.status_code == 201
    assert (created.json()["author"], created.json()["conflict_id"], created.json()["claim_id"]) == (
        "edna", conflict.id, None)
    reviewer.post(f"/api/v1/conflicts/{conflict.id}/comments/", {"body": "The second."}, format="json")
    listed = reviewer.get(f"/api/v1/conflicts/{conflict.id}/comments/").json()
    assert [c["body"] for c in listed["results"]] == ["Which bulletin is later?", "The second."]
    # the editor who commented first hears of the reply
    assert Notification.objects.filter(recipient__username="edna", kind="comment").count() == 1
    empty = reviewer.post(f"/api/v1/claims/{world.claims[0].id}/comments/", {"body": "  "}, format="json")
    assert (empty.status_code, empty.json()["code"]) == (400, "invalid")
    assert reviewer.post("/api/v1/claims/999999/comments/", {"body": "x"}, format="json").status_code == 404
    assert anonymous.get(f"/api/v1/conflicts/{conflict.id}/comments/").status_code in (401, 403)
    assert Comment.objects.count() == 2


def test_notifications_are_the_callers_own_and_can_be_marked_read(reviewer: APIClient, rita: Any, edna: Any,
                                                                  world: World) -> None:
    conflict_assign(conflict_id=world.conflicts[1].id, assignee=rita, actor=edna, note="Yours.")
    listed = reviewer.get("/api/v1/notifications/?unread=true").json()["results"]
    assert [(n["kind"], n["object_id"], n["actor"], n["read"]) for n in listed] == [
        ("assigned", world.conflicts[1].id, "edna", False)]
    assert listed[0]["desk_url"] == f"/conflicts/{world.conflicts[1].id}/"
    marked = reviewer.post("/api/v1/notifications/read/", {"ids": [listed[0]["id"]]}, format="json")
    assert marked.json() == {"marked": 1}
    assert reviewer.get("/api/v1/notifications/?unread=true").json()["results"] == []
    assert len(reviewer.get("/api/v1/notifications/").json()["results"]) == 1
    bad = reviewer.post("/api/v1/notifications/read/", {"ids": ["x"]}, format="json")
    assert bad.status_code == 400 and "ids" in bad.json()["fields"]
