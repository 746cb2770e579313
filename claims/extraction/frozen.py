"""Building the engine's frozen records (`ExtractedClaim`, `PlaceMention`, `Resolution`) quickly.

They are frozen, slotted dataclasses, whose generated `__init__` sets each field through
`object.__setattr__`, as interpreted Python: for a claim's 21 fields, the costliest step of freezing
it. `build` makes the same object from the setters of the class's slots, called from compiled code,
several times faster. The values are given in the order of the fields, every one of them (defaults
included); the class must have no `__post_init__`.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

_Record = TypeVar("_Record")


def slot_setters(cls: type) -> tuple[Any, ...]:
    """The `__set__` of each field's slot, in the order of the fields."""
    return tuple([cls.__dict__[field.name].__set__ for field in fields(cls)])


def build(cls: type[_Record], setters: tuple[Any, ...], values: tuple[object, ...]) -> _Record:
    """`cls(*values)`, for a frozen slotted dataclass whose `slot_setters` are `setters`."""
    if len(values) != len(setters):
        raise TypeError(f"{cls.__name__} takes {len(setters)} values, not {len(values)}")
    record: _Record = object.__new__(cls)
    for index in range(len(values)):
        setters[index](record, values[index])
    return record
