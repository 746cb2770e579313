"""Filters of the browse pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def sentence_marked(claim: Any) -> SafeString:
    """The claim's sentence with its quote in <mark>, every part escaped; read from the stored
    sentence alone, so that a list of claims loads no article body."""
    sentence, quote = claim.sentence or "", claim.quote
    position = sentence.find(quote) if quote else -1
    if position == -1:
        return format_html("{} <mark>{}</mark>", sentence, quote)
    return format_html("{}<mark>{}</mark>{}", sentence[:position], quote, sentence[position + len(quote):])


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """{{ before|get_item:name }}: a dict's value by a key held in a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None
