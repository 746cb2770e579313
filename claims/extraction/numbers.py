"""Reading the value of a number mention: locale-aware digits, scale words, number words.

Digits are read here, by the language's separators ("20.000" is twenty thousand in French, "20,000"
in English); number words are read by text2num, which leaves digits alone and would garble
"1,9 million", so it only ever sees a run of words already found by the language's regex.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from claims.extraction.languages.base import Language
from claims.extraction.languages.patterns import normal_key

_NOT_DIGIT = re.compile(r"[^\d]")
_WORDS = re.compile(r"\w+")
# text2num takes the language of the words; its code list is wider than the engine's.
_TEXT2NUM_LANGUAGES = frozenset({"en", "fr", "es", "de", "it", "nl", "pt"})


def parse_digits(core: str, decimal_separator: str, reversed_marks: str = "") -> Decimal | None:
    """Value of a digit group as matched by `Language.mention_re` ("20.000", "1,9", "20 000").

    A separator is the decimal mark when it is the language's decimal separator, or when only one
    or two digits follow it (a thousands group always has three). A reversed decimal mark puts
    the fraction first ("9ر1" is 1.9, as some Arabic outlets print it).
    """
    for mark in reversed_marks:
        fraction, mark_found, integer = core.partition(mark)
        if mark_found:
            if not (fraction.isdecimal() and integer.isdecimal()):
                return None
            return Decimal(integer + "." + fraction)
    last = max(core.rfind("."), core.rfind(","), core.rfind(decimal_separator))
    integer, fraction = core, ""
    if last != -1:
        tail = core[last + 1 :]
        if core[last] == decimal_separator or len(tail) != 3:
            integer, fraction = core[:last], tail
    integer_digits = _NOT_DIGIT.sub("", integer)
    fraction_digits = _NOT_DIGIT.sub("", fraction)
    if not integer_digits:
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
    memo = language.number_words_memo
    if run in memo:
        return memo[run]
    found = _read_number_words(language, run)
    if len(memo) < 100_000:
        memo[run] = found
    return found


def _read_number_words(language: Language, run: str) -> tuple[Decimal, int] | None:
    if language.number_values:
        return _read_listed_words(language, run)
    if language.code not in _TEXT2NUM_LANGUAGES:
        return None
    words = list(_WORDS.finditer(run))
    for count in range(len(words), 0, -1):
        end = words[count - 1].end()
        piece = run[:end]
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
