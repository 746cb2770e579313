"""FastOutputSerializer (config/api_output.py): its plan renders what DRF renders from the same
declared fields, from model instances and from `.values()` rows."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from claims.models import Conflict
from config.api_output import FastOutputSerializer
from tests.api.conftest import World, conflict
from tests.claims.factories import ClaimFactory

# --- the plan on its own ------------------------------------------------------------------------


class _Span(serializers.CharField):
    """A field that reads two columns (the PlannedField protocol)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: Any) -> str:
        return f"{value.start}-{value.end}"

    def object_getter(self) -> Any:
        return self.to_representation

    def row_getter(self, prefix: str) -> Any:
        return lambda row: f"{row[prefix + 'start']}-{row[prefix + 'end']}"

    def columns(self, prefix: str) -> list[str]:
        return [prefix + "start", prefix + "end"]


class _Owner(FastOutputSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="person.name", allow_null=True, default=None)


class _Item(FastOutputSerializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    ratio = serializers.FloatField()
    done = serializers.BooleanField()
    day = serializers.DateField(allow_null=True)
    at = serializers.DateTimeField()
    tags = serializers.ListField(child=serializers.CharField())
    extra = serializers.JSONField()
    kind = serializers.ChoiceField(choices=[("a", "A"), ("b", "B")])
    span = _Span()
    owner = _Owner(allow_null=True)
    secret = serializers.CharField(write_only=True)


def _item(**changes: Any) -> SimpleNamespace:
    values: dict[str, Any] = dict(
        id=7, label="seven", price=Decimal("3.5"), ratio=1, done=True, day=date(2024, 3, 1),
        at=datetime(2024, 3, 1, 12, 30, tzinfo=UTC), tags=["x", 2, None], extra={"k": [1, "2"]}, kind="b",
        start=4, end=9, owner=SimpleNamespace(id=3, person=SimpleNamespace(name="Ann")), secret="no",
    )
    values.update(changes)
    return SimpleNamespace(**values)


def _row(item: SimpleNamespace) -> dict[str, Any]:
    """The item as the `.values()` row of _Item.row_columns()."""
    owner = item.owner or SimpleNamespace(id=None, person=None)
    return {"id": item.id, "label": item.label, "price": item.price, "ratio": item.ratio, "done": item.done,
            "day": item.day, "at": item.at, "tags": item.tags, "extra": item.extra, "kind": item.kind,
            "start": item.start, "end": item.end, "owner__id": owner.id,
            "owner__person__name": owner.person.name if owner.person else None}


def _drf(serializer_class: type[serializers.Serializer], instance: Any, monkeypatch: pytest.MonkeyPatch,
         **kwargs: Any) -> Any:
    """What DRF's own Serializer.to_representation renders from the same fields (nested ones too)."""
    with monkeypatch.context() as patch:
        patch.setattr(FastOutputSerializer, "to_representation", serializers.Serializer.to_representation)
        return serializer_class(instance, **kwargs).data


def test_row_columns_are_the_fields_sources_joined_by_double_underscores() -> None:
    assert _Item.row_columns() == ["id", "label", "price", "ratio", "done", "day", "at", "tags", "extra", "kind",
                                   "start", "end", "owner__id", "owner__person__name"]


def test_an_instance_renders_as_drf_renders_it(monkeypatch: pytest.MonkeyPatch) -> None:
    item = _item()
    expected = {"id": 7, "label": "seven", "price": "3.50", "ratio": 1.0, "done": True, "day": "2024-03-01",
                "at": "2024-03-01T12:30:00Z", "tags": ["x", "2", None], "extra": {"k": [1, "2"]}, "kind": "b",
                "span": "4-9", "owner": {"id": 3, "name": "Ann"}}
    assert _drf(_Item, item, monkeypatch) == expected
    assert JSONRenderer().render(_Item(item).data) == JSONRenderer().render(expected)  # 1.0, not 1


@pytest.mark.parametrize("changes", [
    {"owner": None},
    {"owner": SimpleNamespace(id=3, person=None)},
    {"price": None, "day": None, "done": False, "ratio": 0.25, "tags": []},
])
def test_empty_values_render_as_drf_renders_them(changes: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    item = _item(**changes)
    assert _Item(item).data == _drf(_Item, item, monkeypatch)


@pytest.mark.parametrize("changes", [{}, {"owner": None}, {"owner": SimpleNamespace(id=3, person=None)},
                                     {"price": None, "day": None}])
def test_a_row_renders_as_drf_renders_the_instance(changes: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    item = _item(**changes)
    assert _Item(_row(item)).data == _drf(_Item, item, monkeypatch)
    assert list(_Item(_row(item)).data) == list(_Item(item).data)


def test_a_method_field_sees_the_rendering_serializers_context() -> None:
    class Linked(FastOutputSerializer):
        id = serializers.IntegerField()
        link = serializers.SerializerMethodField()

        def get_link(self, obj: Any) -> str:
            return f"{self.context['base']}/{obj.id}"

    items = [SimpleNamespace(id=1), SimpleNamespace(id=2)]
    assert Linked(items, many=True, context={"base": "/x"}).data == [{"id": 1, "link": "/x/1"},
                                                                        {"id": 2, "link": "/x/2"}]
    assert Linked(items[0], context={"base": "/y"}).data == {"id": 1, "link": "/y/1"}


def test_what_a_row_cannot_hold_is_refused_when_the_plan_is_made() -> None:
    class Bare(FastOutputSerializer):
        name = serializers.CharField()

    class WithBareNullable(FastOutputSerializer):
        id = serializers.IntegerField()
        bare = Bare(allow_null=True)

    class WithList(FastOutputSerializer):
        id = serializers.IntegerField()
        items = Bare(many=True)

    with pytest.raises(TypeError, match="bare: a nested object that may be null needs an id"):
        WithBareNullable({"id": 1, "bare__name": "x"}).data  # noqa: B018
    with pytest.raises(TypeError, match="items: a list of objects is not read from a row"):
        WithList({"id": 1}).data  # noqa: B018
    # while the instances render
    assert WithBareNullable(SimpleNamespace(id=1, bare=None)).data == {"id": 1, "bare": None}
    listed = SimpleNamespace(id=1, items=[SimpleNamespace(name="a")])
    assert WithList(listed).data == {"id": 1, "items": [{"name": "a"}]}


def test_a_nested_method_field_is_refused() -> None:
    class Inner(FastOutputSerializer):
        link = serializers.SerializerMethodField()

        def get_link(self, obj: Any) -> str:
            return "x"

    class Outer(FastOutputSerializer):
        inner = Inner()

    with pytest.raises(TypeError, match="inner: a nested serializer's method fields would not see the request"):
        Outer(SimpleNamespace(inner=SimpleNamespace())).data  # noqa: B018


# --- the API's shapes, on rows with every nullable part empty or unusual ----------------------------

def _odd_rows(world: World, rita: Any) -> None:
    """Rows with every nullable part empty or unusual: no source, no subject, open bounds, a month
    and a year precision, a period start, a part, a one-claim conflict, an assignee."""
    from articles.models import Article
    from tests.articles.factories import ArticleFactory

    bare = ArticleFactory(source=None, url=None, published=None, published_precision="", status=Article.Status.DONE)
    whole = ClaimFactory(article=bare, subject=None, value=None, lower=Decimal("3.5"), upper=None,
                         qualifier="more_than", as_of=date(2024, 3, 1), as_of_precision="month",
                         period_start=date(2024, 1, 1), rules=[], corrected=True, attribution="the ministry")
    ClaimFactory(article=bare, start=10, end=15, value=Decimal("1234567.125"), lower=None, upper=None,
                 as_of=date(2023, 1, 1), as_of_precision="year", part_of=whole, figure=world.figure, confidence=1.0,
                 unit="")
    lonely = conflict(whole, None, severity=1.0, kind=Conflict.Kind.EXCEEDS_BODY_SIZE)
    Conflict.objects.filter(id=lonely.id).update(assignee=rita, assigned_at=timezone.now(),
                                                 status=Conflict.Status.IN_REVIEW)


def _as_json(data: Any) -> Any:
    """Data as the API's renderer would send it, read back (keys keep their order)."""
    return json.loads(JSONRenderer().render(data))


def _same(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    assert got == expected
    assert [list(item) for item in got] == [list(item) for item in expected]  # and the keys' order


@pytest.mark.django_db
def test_the_claim_list_read_as_rows_renders_as_drf_renders_the_claims(
        reviewer: APIClient, world: World, rita: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims.apis.claims import ClaimOutputSerializer
    from claims.models import Claim

    _odd_rows(world, rita)
    claims = Claim.objects.select_related("article__source").order_by("-id")
    got = reviewer.get("/api/v1/claims/?page_size=500").json()["results"]
    _same(got, _as_json(_drf(ClaimOutputSerializer, claims, monkeypatch, many=True)))


@pytest.mark.django_db
def test_the_conflict_list_read_as_rows_renders_as_drf_renders_the_conflicts(
        reviewer: APIClient, world: World, rita: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from claims.apis.conflicts import ConflictOutputSerializer
    from claims.selectors import conflict_list

    _odd_rows(world, rita)
    conflicts = conflict_list().order_by("-severity", "-id")
    got = reviewer.get("/api/v1/conflicts/?page_size=500").json()["results"]
    _same(got, _as_json(_drf(ConflictOutputSerializer, conflicts, monkeypatch, many=True)))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["claims", "conflicts", "articles"])
def test_details_render_as_drf_renders_them(kind: str, reviewer: APIClient, world: World, rita: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.test import APIRequestFactory

    from articles.apis import ArticleDetailApi, with_claims
    from articles.selectors import article_get
    from claims.apis.claims import ClaimDetailApi
    from claims.apis.common import with_events
    from claims.apis.conflicts import ConflictDetailApi
    from claims.models import Claim
    from claims.selectors import claim_get, conflict_get

    from claims.services import review as review_services

    _odd_rows(world, rita)
    odd = Claim.objects.get(subject=None)
    review_services.claim_correct(claim_id=odd.id, reviewer=rita, changes={"value": Decimal("4")}, note="typo")
    review_services.conflict_take_next(reviewer=rita)
    pks = {"claims": [world.claims[0].id, odd.id],
           "conflicts": [world.conflicts[0].id, Conflict.objects.get(claim_b=None).id],
           "articles": [world.claims[0].article_id, odd.article_id]}[kind]
    for pk in pks:
        request = APIRequestFactory().get(f"/api/v1/{kind}/{pk}/")
        if kind == "articles":
            serializer_class: Any = ArticleDetailApi.OutputSerializer
            instance: Any = with_claims(article_get(article_id=pk), request=request)  # type: ignore[arg-type]
        elif kind == "claims":
            serializer_class, instance = ClaimDetailApi.OutputSerializer, with_events(
                claim_get(claim_id=pk), "api:claim-events", request=request)
        else:
            serializer_class, instance = ConflictDetailApi.OutputSerializer, with_events(
                conflict_get(conflict_id=pk), "api:conflict-events", request=request)
        expected = _drf(serializer_class, instance, monkeypatch, context={"request": request})
        _same([reviewer.get(f"/api/v1/{kind}/{pk}/").json()], [_as_json(expected)])
