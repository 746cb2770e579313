"""Building the engine's frozen records (`ExtractedClaim`, `PlaceMention`, `Resolution`) quickly.

They are frozen, slotted dataclasses, whose generated `__init__` sets each field through
`object.__setattr__`, as interpreted Python: for a claim's 21 fields, the costliest step of freezing
it. `build` makes the same object as a record of a class with the same slots that is not frozen,
whose fields are set as plain attributes from compiled code, then gives it its own class: several
times faster. The values are given in the order of the fields, every one of them (defaults
included); the class must have no `__post_init__`.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar, cast

_Record = TypeVar("_Record")


def slot_setters(cls: type) -> tuple[Any, ...]:
    """What `build` makes a record of the class from: a class of the same slots that is not frozen
    (the layout of its records is the class's, so a record of it can be given the class), then the
    names of the fields, in their order."""
    unfrozen = type(f"Unfrozen{cls.__name__}", (), {"__slots__": cls.__dict__["__slots__"]})
    return (unfrozen, *[field.name for field in fields(cls)])


def build(cls: type[_Record], setters: tuple[Any, ...], values: tuple[object, ...]) -> _Record:
    """`cls(*values)`, for a frozen slotted dataclass whose `slot_setters` are `setters`."""
    if len(values) != len(setters) - 1:
        raise TypeError(f"{cls.__name__} takes {len(setters) - 1} values, not {len(values)}")
    record: object = setters[0]()
    for index in range(len(values)):
        setattr(record, setters[index + 1], values[index])
    record.__class__ = cls
    return cast(_Record, record)
