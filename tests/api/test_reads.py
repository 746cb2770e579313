"""Reading through the API: lists, filters, ordering, cursors, details, and the queries they cost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from claims.models import ClaimStatus, Conflict, Figure
from tests.api.conftest import World, conflict, ids, published_review, toll
from tests.claims.factories import ClaimFactory, ReviewFactory

pytestmark = pytest.mark.django_db

# Every authenticated request costs the same five queries whatever it reads: the request's savepoint
# and its release (ATOMIC_REQUESTS inside the test's transaction), the token with its user, and the
# user's own and group permissions.
REQUEST_OVERHEAD = 5


def test_claim_list_is_newest_first_with_article_and_source(reviewer: APIClient, world: World) -> None:
    response = reviewer.get("/api/v1/claims/")
    assert response.status_code == 200
    assert ids(response) == [claim.id for claim in reversed(world.claims)]
    first = response.json()["results"][-1]
    assert first["source"] == "Reuters"
    assert first["value"] == "100.0000"
    assert first["as_of"] == "2024-03-01"
    assert first["article"]["title"] == world.claims[0].article.title
    assert first["figure_id"] == world.figure.id
    assert response.json()["next"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("metric=displaced", [3, 4]),
        ("subject=gaza", [5]),
        ("metric=deaths&subject=valmora", [0, 1, 2]),
        ("language=fr", [1, 5]),
        ("date_from=2024-03-05", [1, 2, 4]),
        ("date_to=2024-03-02", [0, 3, 5]),
        ("date_from=2024-03-02&date_to=2024-03-05", [1, 3]),
        ("published_from=2024-03-08", [2, 4]),
        ("status=unreviewed", [0, 1, 2, 3, 4, 5]),
        ("status=published", []),
    ],
)
def test_claim_filters(reviewer: APIClient, world: World, query: str, expected: list[int]) -> None:
    response = reviewer.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200
    assert sorted(ids(response)) == sorted(world.claims[i].id for i in expected)


def test_claim_filters_by_source_article_figure(reviewer: APIClient, world: World) -> None:
    by_source = reviewer.get(f"/api/v1/claims/?source={world.afp.id}")
    assert sorted(ids(by_source)) == sorted(world.claims[i].id for i in (1, 3, 5))
    by_article = reviewer.get(f"/api/v1/claims/?article={world.claims[4].article_id}")
    assert ids(by_article) == [world.claims[4].id]
    by_figure = reviewer.get(f"/api/v1/claims/?figure={world.figure.id}")
    assert sorted(ids(by_figure)) == sorted(world.claims[i].id for i in (0, 1, 2))


def test_claim_status_filter_takes_several(reviewer: APIClient, world: World) -> None:
    from claims.models import Claim

    Claim.objects.filter(id=world.claims[0].id).update(review_status=ClaimStatus.FALSE)
    Claim.objects.filter(id=world.claims[1].id).update(review_status=ClaimStatus.VERIFIED)
    response = reviewer.get("/api/v1/claims/?status=false&status=verified")
    assert sorted(ids(response)) == sorted([world.claims[0].id, world.claims[1].id])


@pytest.mark.parametrize(
    ("query", "field"),
    [("date_from=2024-13-01", "date_from"), ("status=bogus", "status"), ("source=abc", "source"),
     ("article=0", "article"), ("figure=99999999999999999999", "figure"), ("published_to=yesterday", "published_to")],
)
def test_bad_claim_filter_is_a_400_naming_the_field(reviewer: APIClient, world: World, query: str, field: str) -> None:
    response = reviewer.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "invalid"
    assert list(body["fields"]) == [field]


def test_claim_ordering_and_cursor_pages(reviewer: APIClient, world: World) -> None:
    first = reviewer.get("/api/v1/claims/?ordering=id&page_size=4")
    assert ids(first) == [claim.id for claim in world.claims[:4]]
    assert first.json()["previous"] is None
    second = reviewer.get(first.json()["next"])
    assert ids(second) == [claim.id for claim in world.claims[4:]]
    assert second.json()["next"] is None
    back = reviewer.get(second.json()["previous"])
    assert ids(back) == ids(first)


def test_tampered_cursor_is_a_404(reviewer: APIClient, world: World) -> None:
    import base64

    for cursor in ("zz", base64.b64encode(b"p=abc").decode(), base64.b64encode(b"o=x").decode()):
        response = reviewer.get(f"/api/v1/claims/?cursor={cursor}")
        assert response.status_code == 404, cursor
        assert response.json() == {"status": 404, "code": "not_found", "message": "Invalid cursor", "fields": {}}


def test_claim_list_queries_do_not_grow_with_rows(reviewer: APIClient, world: World,
                                                  django_assert_max_num_queries: Any) -> None:
    for _ in range(30):
        toll("5")
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 1):
        response = reviewer.get("/api/v1/claims/?page_size=50")
    assert len(response.json()["results"]) == 36


def test_claim_detail_has_its_audit_trail(reviewer: APIClient, world: World) -> None:
    claim = world.claims[0]
    reviewer.post(f"/api/v1/claims/{claim.id}/not-a-claim/", {"note": "a byline"}, format="json")
    response = reviewer.get(f"/api/v1/claims/{claim.id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["review_status"] == "not_a_claim"
    assert [(e["action"], e["from_state"], e["to_state"], e["actor"], e["note"]) for e in body["events"]] == [
        ("not_a_claim", "unreviewed", "not_a_claim", "rita", "a byline"),
    ]


@pytest.mark.parametrize("path", ["claims", "conflicts", "reviews", "figures", "articles", "sources", "users"])
def test_unknown_id_is_a_json_404(admin: APIClient, path: str) -> None:
    response = admin.get(f"/api/v1/{path}/987654/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["status"] == 404


def test_id_that_is_not_a_number_is_a_json_404(reviewer: APIClient) -> None:
    response = reviewer.get("/api/v1/claims/twelve/")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "code": "not_found",
                               "message": "No endpoint at /api/v1/claims/twelve/.", "fields": {}}


def test_figure_detail_has_every_sources_value_over_time(reviewer: APIClient, world: World) -> None:
    response = reviewer.get(f"/api/v1/figures/{world.figure.id}/")
    assert response.status_code == 200
    body = response.json()
    assert [(p["source"], p["value"], p["as_of"]) for p in body["timeline"]] == [
        ("Reuters", "100.0000", "2024-03-01"), ("AFP", "120.0000", "2024-03-05"), ("Reuters", "90.0000", "2024-03-08"),
    ]
    assert body["timeline_truncated"] is False


def test_figure_timeline_is_capped(reviewer: APIClient, world: World, settings: Any,
                                   django_assert_max_num_queries: Any) -> None:
    settings.TALLY_API_TIMELINE_LIMIT = 2
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 2):
        body = reviewer.get(f"/api/v1/figures/{world.figure.id}/").json()
    assert [p["value"] for p in body["timeline"]] == ["100.0000", "120.0000"]
    assert body["timeline_truncated"] is True


def test_figure_list_filters(reviewer: APIClient, world: World) -> None:
    assert ids(reviewer.get("/api/v1/figures/?metric=deaths")) == [world.figure.id]
    assert ids(reviewer.get("/api/v1/figures/?metric=injured")) == []
    assert reviewer.get("/api/v1/figures/?scope=forever").status_code == 400


def test_conflict_list_is_most_severe_first(reviewer: APIClient, world: World) -> None:
    response = reviewer.get("/api/v1/conflicts/")
    assert ids(response) == [world.conflicts[0].id, world.conflicts[2].id, world.conflicts[1].id]
    first = response.json()["results"][0]
    assert first["claim_a"]["id"] == world.claims[1].id
    assert first["claim_b"]["source"] == "Reuters"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", [0, 1]),
        ("status=dismissed", [2]),
        ("kind=decreasing_count", [0]),
        ("severity_min=0.5", [0, 2]),
        ("severity_max=0.5", [1]),
        ("metric=displaced", [2]),
        ("subject=valmora&metric=deaths", [0, 1]),
        ("language=fr", [0, 1]),
        ("date_from=2024-03-06", [0, 2]),
        ("date_to=2024-03-01", [1]),
        ("ordering=severity", [1, 2, 0]),
    ],
)
def test_conflict_filters(reviewer: APIClient, world: World, query: str, expected: list[int]) -> None:
    response = reviewer.get(f"/api/v1/conflicts/?{query}")
    assert response.status_code == 200
    got = ids(response)
    if "ordering" in query:
        assert got == [world.conflicts[i].id for i in expected]
    else:
        assert sorted(got) == sorted(world.conflicts[i].id for i in expected)


def test_conflict_filters_by_source_claim_figure(reviewer: APIClient, world: World) -> None:
    assert sorted(ids(reviewer.get(f"/api/v1/conflicts/?claim={world.claims[1].id}"))) == sorted(
        [world.conflicts[0].id, world.conflicts[1].id])
    assert sorted(ids(reviewer.get(f"/api/v1/conflicts/?figure={world.figure.id}"))) == sorted(
        [world.conflicts[0].id, world.conflicts[1].id])
    by_source = reviewer.get(f"/api/v1/conflicts/?source={world.afp.id}")
    assert sorted(ids(by_source)) == sorted(c.id for c in world.conflicts)
    assert ids(reviewer.get(f"/api/v1/conflicts/?article={world.claims[0].article_id}")) == [world.conflicts[1].id]


def test_conflict_bad_filter_is_a_400(reviewer: APIClient, world: World) -> None:
    response = reviewer.get("/api/v1/conflicts/?severity_min=2")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["severity_min"]


def test_conflict_list_queries_do_not_grow_with_rows(reviewer: APIClient, world: World,
                                                     django_assert_max_num_queries: Any) -> None:
    for _ in range(20):
        conflict(toll("10"), toll("20"))
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 1):
        response = reviewer.get("/api/v1/conflicts/?page_size=100")
    assert len(response.json()["results"]) == 23


def test_conflict_detail(reviewer: APIClient, world: World) -> None:
    response = reviewer.get(f"/api/v1/conflicts/{world.conflicts[0].id}/")
    assert response.status_code == 200
    assert response.json()["kind"] == "decreasing_count"
    assert response.json()["events"] == []


def test_article_detail_has_claims_and_spans(reviewer: APIClient, world: World,
                                             django_assert_max_num_queries: Any) -> None:
    article = world.claims[0].article
    ClaimFactory(article=article, start=10, end=15)
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 2):
        response = reviewer.get(f"/api/v1/articles/{article.id}/")
    body = response.json()
    assert response.status_code == 200
    assert body["text"] == f"{article.title}\n\n{article.body}"
    assert [(c["start"], c["end"]) for c in body["claims"]] == [(0, 8), (10, 15)]
    for item in body["claims"]:
        assert body["text"][item["start"]:item["end"]] == item["quote"]
    assert body["source"]["name"] == "Reuters"
    assert body["api_url"] == f"http://testserver/api/v1/articles/{article.id}/"


def test_article_list_filters_and_queries(reviewer: APIClient, world: World,
                                          django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 1):
        response = reviewer.get(f"/api/v1/articles/?source={world.afp.id}&language=fr")
    assert sorted(ids(response)) == sorted([world.claims[1].article_id, world.claims[5].article_id])
    assert reviewer.get("/api/v1/articles/?status=lost").status_code == 400


def test_source_list_and_detail(reviewer: APIClient, world: World) -> None:
    response = reviewer.get("/api/v1/sources/?country=FR")
    assert [s["name"] for s in response.json()["results"]] == ["AFP"]
    assert reviewer.get(f"/api/v1/sources/{world.reuters.id}/").json()["domain"] == "reuters.com"


def test_review_list_filters_and_queries(reviewer: APIClient, rita: Any, edna: Any, world: World,
                                         django_assert_max_num_queries: Any) -> None:
    published = published_review(world.claims[0], reviewer=rita, editor=edna)
    submitted = ReviewFactory(claim=world.claims[1], reviewer=rita, rating="accurate", rationale="ok")
    with django_assert_max_num_queries(REQUEST_OVERHEAD + 1):
        response = reviewer.get("/api/v1/reviews/")
    assert ids(response) == [submitted.id, published.id]
    assert ids(reviewer.get("/api/v1/reviews/?status=published")) == [published.id]
    assert ids(reviewer.get("/api/v1/reviews/?rating=accurate")) == [submitted.id]
    assert ids(reviewer.get(f"/api/v1/reviews/?claim={world.claims[1].id}")) == [submitted.id]
    detail = reviewer.get(f"/api/v1/reviews/{published.id}/").json()
    assert (detail["reviewer"], detail["approved_by"], detail["status"]) == ("rita", "edna", "published")


def test_conflict_status_enum_is_the_models(reviewer: APIClient) -> None:
    """The schema's conflict statuses are the model's, so clients can rely on them."""
    schema = reviewer.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    assert sorted(schema.json()["components"]["schemas"]["ConflictStatusEnum"]["enum"]) == sorted(
        Conflict.Status.values)


# --- every list is bounded: cursor pages, and nested lists capped with a link to their pages ---------

def _every_page(client: APIClient, url: str) -> list[dict[str, Any]]:
    """All items of a paginated list, following `next` (at most 20 pages)."""
    items: list[dict[str, Any]] = []
    for _ in range(20):
        body = client.get(url).json()
        items += body["results"]
        if body["next"] is None:
            return items
        url = body["next"]
    raise AssertionError(f"more than 20 pages at {url}")


def _list_properties(schema: dict[str, Any], components: dict[str, Any],
                     seen: set[str]) -> Iterator[tuple[str, str, dict]]:
    """(component, property, the component's schema) for every property that is a list of objects,
    in `schema` and the components it reaches."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            seen.add(name)
            component = components[name]
            for key, item in component.get("properties", {}).items():
                target = item.get("items", {})
                if item.get("type") == "array" and ("$ref" in target or target.get("type") == "object"):
                    yield name, key, component
                yield from _list_properties(item, components, seen)
        return
    for key in ("items", "allOf", "oneOf", "anyOf"):
        parts = schema.get(key, [])
        for part in parts if isinstance(parts, list) else [parts]:
            yield from _list_properties(part, components, seen)


def test_every_list_the_api_answers_is_a_page_or_capped_with_a_link(reviewer: APIClient) -> None:
    """A list of rows in a GET answer is either the `results` of a cursor page or a nested list with
    `<name>_truncated` and `<name>_url` beside it (its first items, and where the rest are)."""
    schema = reviewer.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    unbounded = []
    for path, operations in schema["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        for content in answer.values():
            assert content["schema"].get("type") != "array", f"{path} answers a bare list"
            for component, key, holder in _list_properties(content["schema"], components, set()):
                properties = holder["properties"]
                if key == "results" and {"next", "previous"} <= set(properties):
                    continue
                if {f"{key}_truncated", f"{key}_url"} <= set(properties):
                    continue
                unbounded.append(f"{path}: {component}.{key}")
    assert unbounded == []


def test_a_list_without_an_ordering_parameter_pages_in_its_own_order(reviewer: APIClient, world: World) -> None:
    """Sources come by name, as their list says, not by the cursor's default (newest id)."""
    from tests.articles.factories import SourceFactory

    SourceFactory(name="BBC")
    SourceFactory(name="Al Jazeera")
    names = [source["name"] for source in _every_page(reviewer, "/api/v1/sources/?page_size=2")]
    assert names == ["AFP", "Al Jazeera", "BBC", "Reuters"]


def test_an_articles_claims_are_capped_with_a_link_to_their_pages(reviewer: APIClient, world: World,
                                                                    settings: Any) -> None:
    # given: an article with three claims, and room for two
    settings.TALLY_API_NESTED_LIMIT = 2
    article = world.claims[0].article
    ClaimFactory(article=article, start=20, end=24)
    ClaimFactory(article=article, start=10, end=15)
    # when
    body = reviewer.get(f"/api/v1/articles/{article.id}/").json()
    # then
    assert [(c["start"], c["end"]) for c in body["claims"]] == [(0, 8), (10, 15)]
    assert body["claims_truncated"] is True
    assert body["claims_url"] == f"http://testserver/api/v1/articles/{article.id}/claims/"
    pages = _every_page(reviewer, body["claims_url"] + "?page_size=1")
    assert [(c["start"], c["end"]) for c in pages] == [(0, 8), (10, 15), (20, 24)]
    assert pages[:2] == body["claims"]


def test_an_articles_claims_page_of_an_unknown_article_is_a_404(reviewer: APIClient) -> None:
    response = reviewer.get("/api/v1/articles/987654/claims/")
    assert (response.status_code, response.json()["message"]) == (404, "No article 987654.")


def test_a_figures_timeline_pages_in_time_order_however_many_share_a_date(
        reviewer: APIClient, world: World, settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cursor resumes after any point: eight points on one day, an undated one (last), the
    three of the world's figure, two to a page. Points that share a cursor position are skipped
    by an offset the cursor caps (at 1,000); here the cap is 1, so only a unique position works."""
    # given
    from core.api import Cursor

    monkeypatch.setattr(Cursor, "offset_cutoff", 1)
    settings.TALLY_API_TIMELINE_LIMIT = 3
    same_day = [toll(str(200 + n), "2024-03-06", figure=world.figure) for n in range(8)]
    undated = ClaimFactory(article=same_day[0].article, start=10, end=15, figure=world.figure, as_of=None,
                           time_start=None, time_end=None)
    # when
    body = reviewer.get(f"/api/v1/figures/{world.figure.id}/").json()
    points = _every_page(reviewer, body["timeline_url"] + "?page_size=2")
    # then
    assert body["timeline_url"] == f"http://testserver/api/v1/figures/{world.figure.id}/timeline/"
    assert body["timeline_truncated"] is True
    expected = [world.claims[0], world.claims[1], *same_day, world.claims[2], undated]
    assert [point["claim_id"] for point in points] == [claim.id for claim in expected]
    assert body["timeline"] == points[:3]


@pytest.mark.parametrize("kind", ["claims", "conflicts"])
def test_an_audit_trail_is_capped_with_a_link_to_its_pages(kind: str, reviewer: APIClient, world: World,
                                                          settings: Any) -> None:
    # given: three events on one claim or conflict, and room for two
    from claims.models import Event

    settings.TALLY_API_NESTED_LIMIT = 2
    target = world.claims[0] if kind == "claims" else world.conflicts[0]
    events = [Event.objects.create(object_type=f"claims.{kind[:-1]}", object_id=target.id, action="note",
                                   note=f"note {n}") for n in range(3)]
    # when
    body = reviewer.get(f"/api/v1/{kind}/{target.id}/").json()
    # then
    assert [event["note"] for event in body["events"]] == ["note 0", "note 1"]
    assert body["events_truncated"] is True
    assert body["events_url"] == f"http://testserver/api/v1/{kind}/{target.id}/events/"
    pages = _every_page(reviewer, body["events_url"] + "?page_size=2")
    assert [event["id"] for event in pages] == [event.id for event in events]
    assert reviewer.get(f"/api/v1/{kind}/987654/events/").status_code == 404


# --- places: the subject's name in the reader's language, and its uncertainty -----------------------

@pytest.mark.parametrize(("headers", "query", "name"), [
    ({}, "", "Morocco"),
    ({"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9,en;q=0.5"}, "", "Marruecos"),
    ({"HTTP_ACCEPT_LANGUAGE": "ja,de;q=0.8"}, "", "Marokko"),
    ({"HTTP_ACCEPT_LANGUAGE": "de"}, "?lang=fr", "Maroc"),
    ({}, "?lang=xx", "Morocco"),
])
def test_a_claim_and_its_figure_name_their_place_in_the_readers_language(
        reviewer: APIClient, headers: dict, query: str, name: str) -> None:
    figure = Figure.objects.create(metric="deaths", subject="iso:MA", scope=Figure.Scope.SERIES)
    claim = ClaimFactory(subject="iso:MA", subject_confidence=0.9, figure=figure)
    sep = "&" if query else "?"
    body = reviewer.get(f"/api/v1/claims/{claim.id}/{query}", **headers).json()
    assert (body["subject"], body["subject_name"], body["subject_uncertain"]) == ("iso:MA", name, False)
    listed = reviewer.get(f"/api/v1/claims/{query}{sep}subject=iso:MA", **headers).json()["results"]
    assert [row["subject_name"] for row in listed] == [name]
    detail = reviewer.get(f"/api/v1/figures/{figure.id}/{query}", **headers).json()
    assert detail["subject_name"] == name
    listed = reviewer.get(f"/api/v1/figures/{query}", **headers).json()["results"]
    assert [row["subject_name"] for row in listed] == [name]


@pytest.mark.parametrize(("subject", "confidence", "ambiguous", "uncertain", "name"), [
    ("iso:SY+iso:TR", 0.8, False, False, "Syria + Turkey"),
    ("geonames:2542997", 0.3, False, True, "Marrakesh"),
    ("iso:ES-V", 0.9, True, True, "Valencia"),
    ("valmora", 0.9, False, True, "valmora"),
    ("name:valmora", 0.2, True, True, "Valmora"),
    ("name:valmora-heights+iso:TR", 0.8, False, True, "Valmora Heights + Turkey"),
])
def test_a_claim_whose_place_is_uncertain_says_so(reviewer: APIClient, subject: str, confidence: float,
                                                  ambiguous: bool, uncertain: bool, name: str) -> None:
    claim = ClaimFactory(subject=subject, subject_confidence=confidence, subject_ambiguous=ambiguous)
    body = reviewer.get(f"/api/v1/claims/{claim.id}/").json()
    assert (body["subject_name"], body["subject_confidence"], body["subject_ambiguous"], body["subject_uncertain"]) == (
        name, confidence, ambiguous, uncertain)
