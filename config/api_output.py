"""Output serializers rendered by a plan made once per class.

The declared fields of a FastOutputSerializer are the one definition of its JSON: the OpenAPI schema
reads them as it reads any serializer's, and rendering follows them. What changes is the cost. DRF's
Serializer copies its declared fields for every serializer it makes and walks each object through
every field's get_attribute, SkipField check and to_representation: a page of 50 claims took ~8 ms
that way against ~1 ms for the same dicts built directly (bench database of 100,000 claims), more
than the page's query. A FastOutputSerializer derives from its fields, once per class, a plan that
holds for each field a getter and the conversion that field's own to_representation makes, and
renders an object with one loop over it; None stays None, as in DRF. A page of 50 claims rendered
so took 1.07 ms against 0.87 ms for the dicts built by hand that it replaced.

It renders model instances (attributes and properties, as DRF reads them; an empty relation on the
way makes the value None) and `.values()` rows: dicts whose keys are the fields' sources joined by
"__" under the nested serializers' sources ("article__source__name"). `row_columns()` lists those
keys, for the selector that reads the rows. A nested serializer that may be null is null in a row
when its `id` column is. A field that reads more than one column brings its own getters (see
`PlannedField`); any other field the plan has no shortcut for is converted by its own
to_representation (without the request in its context).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from functools import cached_property, partial
from typing import Any, Protocol

from django.db.models.manager import BaseManager
from rest_framework import serializers

Getter = Callable[[Any], Any]
Step = tuple[str, Getter, Callable[[Any], Any]]


class PlannedField(Protocol):
    """A field that tells the plan how to read its value; the value is used as it comes."""

    def object_getter(self) -> Getter: ...

    def row_getter(self, prefix: str) -> Getter: ...

    def columns(self, prefix: str) -> list[str]: ...


class _MethodCall:
    """A SerializerMethodField's place in a plan, bound to the rendering serializer's method."""

    def __init__(self, method_name: str) -> None:
        self.method_name = method_name


# (class, row prefix or None for instances) -> plan. Compiling twice in a race gives the same plan.
_PLANS: dict[tuple[type, str | None], list[Step]] = {}
_COLUMNS: dict[type, list[str]] = {}


# An output serializer rendered through its plan (see the module's docstring). No docstring: the
# schema would give it as the description of every serializer without one of its own.
class FastOutputSerializer(serializers.Serializer):
    @classmethod
    def row_columns(cls) -> list[str]:
        """The `.values()` columns a row needs, each once, in the fields' order."""
        columns = _COLUMNS.get(cls)
        if columns is None:
            columns = _COLUMNS[cls] = list(dict.fromkeys(_columns(cls(), "")))
        return columns

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return _render(self._row_plan if type(instance) is dict else self._object_plan, instance)

    @cached_property
    def _object_plan(self) -> list[Step]:
        return self._bind(_plan(self, None))

    @cached_property
    def _row_plan(self) -> list[Step]:
        return self._bind(_plan(self, ""))

    def _bind(self, plan: list[Step]) -> list[Step]:
        return [(name, get, getattr(self, convert.method_name) if isinstance(convert, _MethodCall) else convert)
                for name, get, convert in plan]


def _render(plan: list[Step], source: Any) -> dict[str, Any]:
    body = {}
    for name, get, convert in plan:
        value = get(source)
        body[name] = None if value is None else convert(value)
    return body


def _plan(serializer: FastOutputSerializer, prefix: str | None) -> list[Step]:
    key = (type(serializer), prefix)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = [(name, _getter(field, prefix), _converter(field, prefix))
                              for name, field in _readable(serializer)]
    return plan


def _readable(serializer: serializers.Serializer) -> Iterable[tuple[str, serializers.Field]]:
    return ((name, field) for name, field in serializer.fields.items() if not field.write_only)


def _nested_prefix(field: serializers.Field, prefix: str) -> str:
    return prefix + "".join(f"{attr}__" for attr in field.source_attrs)


def _columns(serializer: serializers.Serializer, prefix: str) -> Iterable[str]:
    for _, field in _readable(serializer):
        if hasattr(field, "object_getter"):
            yield from field.columns(prefix)
        elif isinstance(field, FastOutputSerializer):
            yield from _columns(field, _nested_prefix(field, prefix))
        elif not isinstance(field, serializers.SerializerMethodField):
            yield prefix + "__".join(field.source_attrs)


def _identity(value: Any) -> Any:
    return value


def _chain(attrs: list[str]) -> Getter:
    """Attributes one after the other; None when one on the way is None (DRF gives such a field its
    default, None for every field here that can meet one)."""

    def get(obj: Any) -> Any:
        for attr in attrs:
            if obj is None:
                return None
            obj = getattr(obj, attr)
        return obj

    return get


def _getter(field: serializers.Field, prefix: str | None) -> Getter:
    if hasattr(field, "object_getter"):
        return field.object_getter() if prefix is None else field.row_getter(prefix)
    attrs = field.source_attrs
    if prefix is None:
        if not attrs:
            return _identity
        return operator.attrgetter(attrs[0]) if len(attrs) == 1 else _chain(attrs)
    if isinstance(field, serializers.ListSerializer):
        raise TypeError(f"{field.field_name}: a list of objects is not read from a row")
    if isinstance(field, FastOutputSerializer):
        if not field.allow_null:
            return _identity
        if "id" not in field.fields:
            raise TypeError(f"{field.field_name}: a nested object that may be null needs an id to be read from a row")
        id_column = _nested_prefix(field, prefix) + "id"
        return lambda row: None if row[id_column] is None else row
    if not attrs:
        return _identity
    return operator.itemgetter(prefix + "__".join(attrs))


# Conversions whose field's to_representation is exactly a builtin's.
_BUILTIN = {
    serializers.CharField.to_representation: str,
    serializers.IntegerField.to_representation: int,
    serializers.FloatField.to_representation: float,
    # BooleanField's also reads strings such as "false"; a model's or a view's booleans are bools.
    serializers.BooleanField.to_representation: bool,
}


def _converter(field: serializers.Field, prefix: str | None) -> Callable[[Any], Any]:
    if hasattr(field, "object_getter"):
        return _identity
    if isinstance(field, serializers.SerializerMethodField):
        return _MethodCall(field.method_name)  # type: ignore[return-value]
    if isinstance(field, FastOutputSerializer):
        plan = _plan(field, None if prefix is None else _nested_prefix(field, prefix))
        if any(isinstance(convert, _MethodCall) for _, _, convert in plan):
            raise TypeError(f"{field.field_name}: a nested serializer's method fields would not see the request")
        return partial(_render, plan)
    if isinstance(field, serializers.ListSerializer) and isinstance(field.child, FastOutputSerializer):
        child = partial(_render, _plan(field.child, None))
        return lambda items: [child(item) for item in (items.all() if isinstance(items, BaseManager) else items)]
    if isinstance(field, serializers.ListField):
        convert = _converter(field.child, prefix)
        return lambda items: [None if item is None else convert(item) for item in items]
    if isinstance(field, serializers.JSONField) and not field.binary:
        return _identity
    return _BUILTIN.get(type(field).to_representation, field.to_representation)
