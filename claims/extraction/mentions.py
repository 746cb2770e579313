"""Finding the number phrases of a text, and the ones that are not claims.

One compiled regex per language (`Language.mention_re`) finds every number mention (digits,
number words, vague counts, fractions, approximate words) and, in the same pass, consumes what only
looks like a number (dates, clock times, phone numbers), so those never become claims. A mention's
value is read here (`numbers.py` reads digits and number words); `excluded` then drops the numbers
that name something rather than count it (resolution numbers, codes, list numbering, clock times,
ordinals, ages in a byline).
"""

from __future__ import annotations

import re
from decimal import Decimal, getcontext
from typing import Final

from claims.extraction.cues import not_claim_ends
from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import is_latin1, normal_key
from claims.extraction.numbers import parse_digits, read_number_words, scale_of

_BYLINE_NAME: Final = re.compile(r"[^\W\d_][\w'-]*,[ \t]*\Z")
_YEAR_MIN, _YEAR_MAX = 1900, 2100
_CLOCK_DIGITS: Final = re.compile(r"(\d{1,2})[.,:](\d{2})")
# How far before a number its qualifier ("more than") and the words that exclude it are looked for.
PREFIX_CHARS: Final = 48
_ONE: Final = Decimal(1)


class Mention:
    """A number phrase found in the text, with the value read in it (None for a vague count).

    A plain class with its own `__init__` rather than a dataclass: compiled, its construction is
    native, where a dataclass's generated `__init__` runs as interpreted Python for every number."""

    __slots__ = ("start", "end", "value", "kind", "scale", "lower", "qualifier", "ambiguous", "year_like", "rules")

    def __init__(
        self,
        start: int,
        end: int,
        value: Decimal | None,
        kind: str,
        scale: Decimal = _ONE,
        lower: Decimal | None = None,
        qualifier: str | None = None,
        ambiguous: bool = False,
        year_like: bool = False,
        rules: list[str] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.kind = kind
        self.scale = scale
        self.lower = lower
        self.qualifier = qualifier
        self.ambiguous = ambiguous
        self.year_like = year_like
        self.rules: list[str] = [] if rules is None else rules


def read_mentions(norm: str, language: Language, most: int) -> list[Mention]:
    """Every number phrase of the normalised text, in text order, with its value read, reading no
    further than one beyond `most`."""
    found: list[Mention] = []
    precision = getcontext().prec
    scan = language.mention_scan
    # A character beyond U+FFFF takes four bytes of UTF-16 (see `Document.word_re`).
    if scan is None or not (norm.isascii() or len(norm.encode("utf-16-le", "surrogatepass")) == 2 * len(norm)):
        for match in language.mention_re.finditer(norm):
            if len(found) > most:
                break
            kind = match.lastgroup
            if kind is not None:
                _read(norm, language, match, kind, match.start(), match.end(), found, precision)
        return found
    # `mention_re`'s matches from its scan (`patterns.mention_scan`), which finds the character
    # before a mention: each looked for from the last character of the mention before it. A
    # mention at the text's start has no such character, and `mention_re` looks for it there.
    scan_re = scan[1] if norm.isascii() or is_latin1(norm) else scan[0]
    scanned = language.mention_re.match(norm)
    start = 0
    if scanned is None:
        scanned = scan_re.search(norm)
        start = 0 if scanned is None else scanned.start() + 1
    while scanned is not None:
        if len(found) > most:
            break
        kind = scanned.lastgroup
        assert kind is not None
        end = scanned.end(kind)
        _read(norm, language, scanned, kind, start, end, found, precision)
        scanned = scan_re.search(norm, end - 1)
        start = 0 if scanned is None else scanned.start() + 1
    return found


def _read(
    norm: str, language: Language, match: re.Match[str], kind: str, start: int, end: int, found: list[Mention], precision: int
) -> None:
    """The mention `match` found at `norm[start:end]`, its kind the name of its group, added to
    `found` with its value read (if it has one)."""
    if kind == "num":
        text = norm[start:end]
        if text.isdecimal() and len(text) <= precision:
            # Plain digits (most numbers), with no scale word or suffix (each holds a letter): the
            # value the general path below computes, directly.
            found.append(
                Mention(
                    start,
                    end,
                    Decimal(text),
                    "digits",
                    _ONE,
                    None,
                    None,
                    False,
                    len(text) == 4 and text.isdigit() and _YEAR_MIN <= int(text) <= _YEAR_MAX,
                    ["number.digits"],
                )
            )
            return
        core, scale_word, suffix = match.group("numcore", "scale", "suffix")
        value = parse_digits(
            core,
            language.decimal_separator,
            language.reversed_decimal_marks,
            scaled=scale_word is not None or suffix is not None,
            groups=language.decimal_mark_groups,
        )
        if value is None:
            return
        scale = scale_of(language, scale_word, suffix)
        rest = match.group("rest") or match.group("glued_rest")
        if rest is not None:
            if Decimal(rest) < scale:
                value = value * scale + Decimal(rest)
                scale = _ONE
            else:
                end = match.end("scale")
        mention = Mention(start, end, clean(value * scale), "digits", scale=scale)
        mention.rules.append("number.digits")
        if scale != _ONE:
            mention.rules.append("number.scale")
        mention.year_like = (
            scale == _ONE and len(core) == 4 and core.isdigit() and _YEAR_MIN <= int(core) <= _YEAR_MAX
        )
        found.append(mention)
    elif kind == "words":
        run, offset = norm[start:end], 0
        # A run may hold several numbers ("قتيلان وثلاثة", two dead and three): each is read
        # from where the one before it stopped.
        while offset < len(run):
            read = read_number_words(language, run[offset:])
            if read is None:
                break
            value, length = read
            words = run[offset : offset + length]
            mention = Mention(start + offset, start + offset + length, value, "words")
            mention.ambiguous = words.lower() in language.ambiguous_number_words
            mention.rules.append("number.words")
            found.append(mention)
            offset += length
            if not language.number_values:
                # text2num reads the longest number it can; what it leaves is no number.
                break
            while offset < len(run) and run[offset].isspace():
                offset += 1
    elif kind == "vague":
        vague_scale = language.vague.get(normal_key(norm[start:end]))
        if vague_scale is None:
            return
        mention = Mention(start, end, None, "vague", lower=2 * vague_scale, qualifier="at_least")
        mention.rules.append("number.vague")
        found.append(mention)
    elif kind == "frac":
        value = language.fractions.get(normal_key(norm[start:end]))
        if value is None:
            return
        mention = Mention(start, end, value, "fraction")
        mention.rules.append("number.fraction")
        found.append(mention)
    elif kind == "approxw":
        value = language.approx_words.get(normal_key(norm[start:end]))
        if value is None:
            return
        mention = Mention(start, end, value, "approx_word", qualifier="approx")
        mention.rules.append("number.approx_word")
        found.append(mention)


def clean(value: Decimal) -> Decimal:
    """Integral values without a trailing fraction, so 1.9 × 10⁶ reads 1900000."""
    if value == value.to_integral_value():
        return value.to_integral_value()
    return value.normalize()


def excluded(norm: str, language: Language, mention: Mention, sentence_start: int) -> bool:
    """Whether digits name something rather than count it: a resolution or page number, a number
    glued to a name ("F-16"), a code, a clock time, a list item's number, an ordinal, a byline's age."""
    start, end = mention.start, mention.end
    if mention.kind != "digits":
        return False
    prefix_start = max(sentence_start, start - PREFIX_CHARS)
    if not_claim_ends(language).may_end(norm, prefix_start, start) and language.not_claim_before_re.search(
        norm, prefix_start, start
    ):
        return True
    # "F-16", "COVID-19": a number glued to a name.
    if start >= 2 and norm[start - 1] == "-" and norm[start - 2].isalpha():
        return True
    # "ES-10/22", "A/ES-10/21": numbers inside a code that holds letters and a slash or hyphen.
    token_start = start
    while token_start > prefix_start and not norm[token_start - 1].isspace():
        token_start -= 1
    if token_start < start:
        token = norm[token_start:start]
        if ("/" in token or "-" in token) and any(ch.isalpha() for ch in token):
            return True
    # "at 9.30", "a las 12.00": hours and minutes after a clock preposition.
    clock = _CLOCK_DIGITS.fullmatch(norm, start, end) if 4 <= end - start <= 5 else None
    if (
        clock is not None
        and int(clock.group(1)) <= 24
        and int(clock.group(2)) < 60
        and language.clock_before_re.search(norm, prefix_start, start)
    ):
        return True
    # A list item's number: ". " or ") " (or a tab) after it, and nothing before it on its line.
    if (
        end + 1 < len(norm)
        and norm[end] in ".)"
        and norm[end + 1] in " \t"
        and not norm[norm.rfind("\n", 0, start) + 1 : start].strip()
    ):
        return True
    if (
        language.ordinal_dot_before_re is not None
        and norm.startswith(". ", end)
        and language.ordinal_dot_before_re.search(norm, prefix_start, start)
    ):
        return True
    # "Jane Doe, 45, said": an age in a byline.
    if (
        norm.startswith(",", end)
        and mention.value is not None
        and mention.value < 120
        and _BYLINE_NAME.search(norm, prefix_start, start)
    ):
        word = norm[prefix_start:start].rstrip(", \t").rsplit(None, 1)[-1:]
        if word and word[0][:1].isupper():
            return True
    return False
