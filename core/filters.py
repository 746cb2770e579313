"""Query-string filters every app's lists share."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms

from core.api import MAX_ID


class IdFilter(django_filters.Filter):
    """A database id: a whole number in the key's range (a bigger one is refused, not overflowed)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
