"""Reading the value of a number mention: locale-aware digits, scale words, number words.

Digits are read here, by the language's separators ("20.000" is twenty thousand in French, "20,000"
in English); number words are read by text2num, which leaves digits alone and would garble
"1,9 million", so it only ever sees a run of words already found by the language's regex.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, getcontext
from itertools import islice
from typing import Final

from text_to_num import text2num

from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import normal_key

_NOT_DIGIT: Final = re.compile(r"[^\d]")
_WORDS: Final = re.compile(r"\w+")
# text2num takes the language of the words; its code list is wider than the engine's.
_TEXT2NUM_LANGUAGES: Final = frozenset({"en", "fr", "es", "de", "it", "nl", "pt"})
# The longest number written in words is some fifteen words ("one million two hundred and
# thirty-four thousand five hundred and sixty-seven"), some seventy characters in a German compound.
# Only the start of a longer run is read: each shorter prefix is tried in turn, so reading a whole
# run of a million characters of number words took a time quadratic in its length.
_MAX_RUN_WORDS: Final = 30
_MAX_RUN_CHARS: Final = 300


def parse_digits(
    core: str, decimal_separator: str, reversed_marks: str = "", scaled: bool = False, groups: bool = False
) -> Decimal | None:
    """Value of a digit group as matched by `Language.mention_re` ("20.000", "1,9", "20 000").

    A separator is the decimal mark when only one or two digits follow it (a thousands group always
    has three). With three, the language's decimal separator is a thousands separator when it comes
    more than once ("1,424,000") or, where the language's press also groups with it (`groups`: "20,000"
    in Spanish from Mexico), alone before a whole number, unless a scale word follows (`scaled`:
    "2,500 millones") or the whole part is zero. A reversed decimal mark puts the fraction first
    ("9ر1" is 1.9, as some Arabic outlets print it).
    """
    for mark in reversed_marks:
        fraction, mark_found, integer = core.partition(mark)
        if mark_found:
            if not (fraction.isdecimal() and integer.isdecimal()):
                return None
            if len(integer.lstrip("0")) > getcontext().prec:
                return None
            return Decimal(integer + "." + fraction)
    last = max(core.rfind("."), core.rfind(","), core.rfind(decimal_separator))
    integer, fraction = core, ""
    if last != -1:
        tail = core[last + 1 :]
        if len(tail) != 3:
            integer, fraction = core[:last], tail
        elif core[last] == decimal_separator:
            head = core[:last]
            grouped = decimal_separator in head or (
                groups
                and not scaled
                and not any(mark in head for mark in ".,")
                and _NOT_DIGIT.sub("", head).strip("0") != ""
            )
            if not grouped:
                integer, fraction = head, tail
    integer_digits = _NOT_DIGIT.sub("", integer)
    fraction_digits = _NOT_DIGIT.sub("", fraction)
    if not integer_digits:
        return None
    if len(integer_digits.lstrip("0")) > getcontext().prec:
        # More digits than the decimal context holds exactly: an identifier, not a quantity (and
        # one of a million nines overflows once scaled).
        return None
    try:
        value = Decimal(integer_digits + ("." + fraction_digits if fraction_digits else ""))
    except InvalidOperation:
        return None
    return value


def scale_of(language: Language, scale: str | None, suffix: str | None) -> Decimal:
    """Multiplier of a scale word or suffix after digits ("million", "Mio.", "m"), 1 if none."""
    if scale:
        return language.scale_words.get(normal_key(scale), Decimal(1))
    if suffix:
        return language.scale_suffixes.get(suffix.lower(), Decimal(1))
    return Decimal(1)


def read_number_words(language: Language, run: str) -> tuple[Decimal, int] | None:
    """(value, length used) of a run of number words; the longest prefix text2num can read.

    A run such as "trois et quatre" is not one number: shortening from the right finds "trois".
    Memoised per language: most runs are a handful of words ("un", "one", "zwei") met again and again.
    """
    if len(run) > _MAX_RUN_CHARS or run.count(" ") >= _MAX_RUN_WORDS:
        run = _run_start(run)
    memo = language.number_words_memo
    if run in memo:
        return memo[run]
    found = _read_number_words(language, run)
    if len(memo) < 100_000:
        memo[run] = found
    return found


def _run_start(run: str) -> str:
    """The first `_MAX_RUN_WORDS` whole words of a run that end within `_MAX_RUN_CHARS` characters."""
    words = [
        word for word in islice(_WORDS.finditer(run, 0, _MAX_RUN_CHARS + 1), _MAX_RUN_WORDS)
        if word.end() <= _MAX_RUN_CHARS
    ]
    return run[: words[-1].end()] if words else ""


def _read_number_words(language: Language, run: str) -> tuple[Decimal, int] | None:
    if language.number_values:
        return _read_listed_words(language, run)
    if language.code not in _TEXT2NUM_LANGUAGES:
        return None
    words = list(_WORDS.finditer(run))
    for count in range(len(words), 0, -1):
        end = words[count - 1].end()
        piece = run[:end]
        if language.number_spellings:
            piece = " ".join(language.number_spellings.get(word.lower(), word) for word in piece.split(" "))
        try:
            value = text2num(piece, language.code)
        except (ValueError, TypeError):
            value = _scaled_article(language, piece)
            if value is None and count == 1 and piece.lower() in language.ambiguous_number_words:
                # An article form text2num does not list ("einer Enthaltung"): one.
                value = 1
            if value is None:
                continue
        return Decimal(value), end
    return None


def _read_listed_words(language: Language, run: str) -> tuple[Decimal, int] | None:
    """A run read with the lexicon's own values: a thousand and more multiply what comes before
    ("двадцати тысяч"), a hundred multiplies a single unit ("ثلاث مئة"), the rest add up.
    A word may carry the language's clitics ("وعشرون"); a noun listed as a number (a dual) ends the run."""
    values = language.number_values
    total = Decimal(0)
    current = Decimal(0)
    end = 0
    for word in _WORDS.finditer(run):
        key = word.group().lower()
        value = values.get(key)
        if value is None:
            for clitic in language.clitics:
                if key.startswith(clitic) and key[len(clitic) :] in values:
                    value = values[key[len(clitic) :]]
                    break
        if value is None:
            break
        if value >= 1000:
            total += (current or Decimal(1)) * value
            current = Decimal(0)
        elif value == 100 and 0 < current < 10:
            current *= value
        else:
            current += value
        end = word.end()
        if language.word(key).is_noun_like:
            # A dual noun ("قتيلان", two dead) is a count of its own: "قتيلان وثلاثة" is two and three.
            break
    if not end:
        return None
    return total + current, end


def _scaled_article(language: Language, piece: str) -> int | None:
    """"eine Million", "un millón": an article before a scale word means one of that scale."""
    parts = piece.split()
    if len(parts) == 2 and parts[0].lower() in language.ambiguous_number_words:
        scale = language.scale_words.get(normal_key(parts[1]))
        if scale is not None:
            return int(scale)
    return None
