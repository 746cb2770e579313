"""The Language interface: one language's lexicon compiled into regexes and word lookups.

The engine asks a `Language` object ("is this word a metric word?", "where are the qualifiers?")
and never branches on a language code, so a new language is a new lexicon file plus tests.

Matching runs on a *normalised* copy of the text produced by `Language.normalise`, which maps one
character to exactly one character (Eastern Arabic digits to ASCII, typographic apostrophes and
dashes to ASCII), so every offset found in it is an offset in the original text.
All patterns are Unicode-aware (`\\w` covers Cyrillic and Arabic letters) and inflection is handled
by stems: a lexicon entry ending in `*` matches any word starting with it.

The patterns are built with the regex and trie toolkit of `patterns.py`; what each word means is
looked up in the `Vocabulary` of `words.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from claims.extraction.languages.patterns import (
    BASE_CHAR_MAP,
    ISO_DATE,
    NOTHING,
    NUMERIC_DATE,
    PHONE,
    SPACE,
    after_non_word,
    alternation,
    bounded,
    bounded_words,
    case_scoped,
    first_letters,
    leading_words,
    learn_folds,
    lexicon_characters,
    mapped,
    mention_scan,
    normal_key,
    opening_classes,
    prefix_guard,
)
from claims.extraction.languages.words import Vocabulary, WordInfo

# No-break space, narrow no-break space, thin space: digit groups in fr/es/de typography.
GROUP_SPACES: Final = "\u00a0\u202f\u2009"

# "exact": a verb that makes the qualifier word after it a plain preposition ("выросло до 46").
_QUALIFIER_KINDS: Final = ("more_than", "at_least", "approx", "less_than", "at_most", "between", "exact")
# The kinds a lexicon may also write after the number (`<kind>_after`).
_QUALIFIER_AFTER_KINDS: Final = ("at_least", "more_than", "approx", "less_than", "at_most")


class Language:
    """A language's lexicon, compiled once. Build through `registry.get_language`."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        char_map = dict(BASE_CHAR_MAP)
        for source, target in [*data.get("digit_map", {}).items(), *data.get("char_map", {}).items()]:
            if len(source) == 1 and len(target) == 1:
                char_map[ord(source)] = target
        self._char_map = char_map
        self._needs_map_re = re.compile("[" + re.escape("".join(chr(c) for c in char_map)) + "]")
        # The lexicon is read as the text is: through the same one-for-one map.
        data = mapped(data, char_map)
        self.code: str = data["language"]
        self.data = data
        learn_folds(lexicon_characters(data))
        self.decimal_separator: str = data["decimal_separator"]
        # Whether the decimal separator also groups thousands in this language's press ("20,000"
        # in Latin American Spanish): then three digits after it are a group (`numbers.parse_digits`).
        self.decimal_mark_groups: bool = bool(data.get("decimal_mark_groups", False))
        self.reversed_decimal_marks = "".join(data.get("reversed_decimal_marks", []))
        self.scale_words: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in data.get("scale_words", {}).items()
        }
        self.scale_suffixes: dict[str, Decimal] = {
            k.lower(): Decimal(str(v)) for k, v in data.get("scale_suffixes", {}).items()
        }
        self.vague: dict[str, Decimal] = {normal_key(k): Decimal(str(v)) for k, v in data.get("vague", {}).items()}
        self.approx_words: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in data.get("approx_words", {}).items()
        }
        numbers = data["numbers"]
        # Number word -> value, where the lexicon lists them (text2num reads the others).
        self.number_values: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in numbers.get("values", {}).items()
        }
        self.clitics: tuple[str, ...] = tuple(
            sorted((c.lower() for c in numbers.get("clitics", [])), key=len, reverse=True)
        )
        # Run of number words -> what `numbers.read_number_words` reads in it.
        self.number_words_memo: dict[str, tuple[Decimal, int] | None] = {}
        # Phrase after a locative preposition -> the place name the engine reads in it.
        self.place_name_memo: dict[str, str | None] = {}
        # Spellings of number words text2num does not read, each mapped to one it reads ("veintitres").
        self.number_spellings: dict[str, str] = {k.lower(): v for k, v in numbers.get("spellings", {}).items()}
        self.ambiguous_number_words = frozenset(w.lower() for w in numbers.get("ambiguous", []))
        self.nouns_capitalised = bool(data.get("nouns_capitalised", False))
        self.fractions: dict[str, Decimal] = {
            normal_key(k): Decimal(str(v)) for k, v in data.get("fractions", {}).items()
        }
        self.partitive_re = re.compile(
            rf"{SPACE}+{alternation(numbers.get('partitive', []))}(?:{SPACE}|'|\Z)", re.IGNORECASE
        )
        self.vocabulary = Vocabulary(data)
        self._build_mentions(data)
        self._build_context(data)
        self._build_places(data)
        self._build_time(data)
        self._build_attribution(data)
        self.abbreviations = frozenset(a.lower().rstrip(".") for a in data.get("abbreviations", []))
        # At least 1: a one-letter word does not end a sentence either.
        self.longest_abbreviation = max([1, *map(len, self.abbreviations)])
        # In a language that writes ordinals with a dot ("am 7. Oktober"), a dot after digits
        # does not end a sentence.
        self.ordinal_dots = bool(data.get("cues", {}).get("ordinal_dot_before"))

    # -- text ------------------------------------------------------------------------------

    def normalise(self, text: str) -> str:
        """Same-length copy of `text` for matching: offsets in it are offsets in `text`."""
        # `translate` with a dict is slow on long texts; the few mapped characters a text holds
        # (typographic apostrophes, mostly) are replaced one kind at a time instead.
        present = set(self._needs_map_re.findall(text))
        for char in present:
            text = text.replace(char, self._char_map[ord(char)])
        return text

    # -- words -----------------------------------------------------------------------------

    def word(self, token: str) -> WordInfo:
        """What a word means; `token` in any case (see `Vocabulary.word`)."""
        return self.vocabulary.word(token)

    def infos(self, tokens: Sequence[re.Match[str]]) -> list[WordInfo]:
        """What each token means, a phrase counting at its first word (see `Vocabulary.infos`)."""
        return self.vocabulary.infos(tokens)

    def text_infos(self, texts: list[str]) -> list[WordInfo]:
        """`infos` of the tokens' texts."""
        return self.vocabulary.text_infos(texts)

    # -- number mentions -------------------------------------------------------------------

    def _build_mentions(self, data: Mapping[str, Any]) -> None:
        dec = re.escape(self.decimal_separator)
        numbers = data["numbers"]
        # A number may carry the clitics glued to its front ("وعشرون", "و2421"): it starts at a word
        # start, then, or right after one of them.
        clitics = numbers.get("clitics", [])
        # One look-behind per length of clitic (a look-behind has one width), not one per clitic:
        # each is tried at every position of the text that is not a word start.
        by_length: dict[int, list[str]] = {}
        for clitic in sorted(set(clitics)):
            by_length.setdefault(len(clitic), []).append(re.escape(clitic))
        after_clitic = "".join(
            rf"|(?<=(?<!\w)(?:{'|'.join(forms)}))" for _, forms in sorted(by_length.items())
        )
        digits_start = rf"(?:(?<![\w.,]){after_clitic})" if after_clitic else r"(?<![\w.,])"
        mention_start = rf"(?:(?<!\w){after_clitic})" if after_clitic else r"(?<!\w)"
        # An optional part is written `(?:...|)`, not `(?:...)?`: `re` runs an optional group through
        # its repeat machinery, where it rejects a branch on its first character; and a repeat with
        # a first pass ("(?:,000)+") as that pass then the rest.
        group_chars = "".join(data["thousands_separators"]) + GROUP_SPACES
        group_class = "[" + re.escape(group_chars).replace(r"\ ", " ") + "]"
        core = (
            rf"\d{{1,3}}{group_class}\d{{3}}(?:{group_class}\d{{3}})*(?:{dec}\d+|)(?![\d])"
            rf"|\d+(?:{dec}\d+|)(?![\d]|[.,]\d)"
            # A decimal written the other way ("1.5" in a French text): one or two decimals
            # cannot be a thousands group, so reading it as a decimal is safe.
            rf"|\d+[.,]\d{{1,2}}(?!\d)"
        )
        if self.reversed_decimal_marks:
            # "9ر1 مليون": the fraction, the mark, the integer (see `numbers.parse_digits`).
            core += rf"|\d+[{re.escape(self.reversed_decimal_marks)}]\d+(?!\d)"
        scale_words = alternation(data.get("scale_words", {}).keys())
        suffixes = alternation(data.get("scale_suffixes", {}).keys())
        scale_joiners = numbers.get("scale_joiners", [])
        glued_rest = (
            rf"|{SPACE}{alternation(scale_joiners)}(?P<glued_rest>\d{{1,3}})(?![\d\w]|[.,]\d)"
            if scale_joiners
            else "|(?P<glued_rest>(?!))"
        )
        num = (
            rf"{digits_start}(?P<numcore>{core})"
            # "2 mil 300": the hundreds after a scale word belong to the same number.
            rf"(?:{SPACE}{{0,2}}(?P<scale>{scale_words})(?![^\W\d_])"
            rf"(?:{SPACE}(?P<rest>\d{{3}})(?![\d\w]|[.,]\d|{SPACE}+{scale_words}(?!\w)){glued_rest}|)"
            rf"|(?P<suffix>{suffixes})(?![^\W\d_])|)"
            r"(?![^\W\d_])"
        )
        number_words = [*numbers.get("words", []), *numbers.get("values", {}).keys()]
        word_alt = alternation(number_words)
        if clitics:
            word_alt = rf"(?:{alternation(clitics)})?{word_alt}"
        joiners = alternation(numbers.get("joiners", []))
        # A run is at most 30 words (and a compound word at most 24 pieces): a number is never
        # longer, `numbers.read_number_words` reads no further, and `re` holds a frame for each
        # repetition, 400 MB for a megabyte of "un un un".
        if numbers.get("compound", False):
            one = rf"(?:{word_alt}){{1,24}}"
            first_joiner = alternation(numbers.get("joiners", []))
            # A run never starts with a joiner ("und neun" is nine, the "und" is the sentence's).
            words = rf"(?<!\w)(?!{first_joiner}(?!\w)){one}(?:{SPACE}+{one}){{0,29}}(?!\w)"
        else:
            one = word_alt
            link = rf"(?:{SPACE}*-{SPACE}*|{SPACE}+{joiners}{SPACE}+|{SPACE}+)"
            words = rf"(?<!\w){one}(?!\w)(?:{link}{one}(?!\w)){{0,29}}"
        self._month_names = self._months(data)
        months = case_scoped(self._month_names)
        day_suffix = r"(?:er|st|nd|rd|th|\.|º|°|)"
        day = rf"\d{{1,2}}{day_suffix}"
        articles = alternation(data["time"].get("date_articles", []))
        dmy = rf"(?<![\w.,]){day}{SPACE}+(?:{articles}{SPACE}+|){months}\.?(?:,?{SPACE}+(?:{articles}{SPACE}+|)(?:19|20)\d{{2}}(?!\d)|)(?![\w])"
        # Month first: "October 7, 2023", "October 7", "octobre 2023" (one month trie for all three).
        mdy = (
            rf"{months}(?:\.?{SPACE}+\d{{1,2}}(?:st|nd|rd|th|)(?:,?{SPACE}+(?:19|20)\d{{2}}|)(?!\d)"
            rf"|{SPACE}+(?:{articles}{SPACE}+|)(?:19|20)\d{{2}}(?!\d))"
        )
        clock_words = alternation(data.get("cues", {}).get("clock_words", []))
        # "14:30", "14h30", "14 h 30", "7.30 Uhr", "9.30 a.m.", "6 p.m.": a dot between hours and
        # minutes only counts with a clock word after it ("7.30" alone may be a decimal).
        clock = (
            rf"(?<![\w.,])\d{{1,2}}(?:[:h]\d{{2}}(?!\d)(?:{SPACE}*{clock_words}(?!\w)|)"
            rf"|\.\d{{2}}{SPACE}*{clock_words}(?!\w)"
            rf"|{SPACE}?{clock_words}{SPACE}?\d{{2}}(?!\d|[.,]\d)"
            rf"|{SPACE}?{clock_words}(?!\w))"
        )
        vague = bounded(alternation(data.get("vague", {}).keys()))
        approxw = bounded(alternation(data.get("approx_words", {}).keys()))
        fractions = bounded(alternation(data.get("fractions", {}).keys()))
        # Every branch starts at a word start, with a digit ("+", "(" of a phone number) or with the
        # letter of a lexicon word: checking that first lets most positions fail at once. The two
        # kinds never start at the same character, so each kind's branches are tried only where
        # that kind can start (in their order, which decides between them); a word start then
        # costs the five word branches instead of all twelve. Most word starts begin with a letter
        # some lexicon word starts with ("the" like "three"), so the first few letters of the words
        # are checked together first (`prefix_guard`), and "the" fails at its third letter.
        word_phrases = [
            *number_words,
            *[clitic + word for clitic in clitics for word in number_words],
            *data.get("vague", {}).keys(),
            *data.get("approx_words", {}).keys(),
            *data.get("fractions", {}).keys(),
            *self._month_names,
        ]
        for phrase in word_phrases:
            if not phrase.split() or not phrase.split()[0][:1].isalpha():
                raise ValueError(f"{self.code}: {phrase!r} must start with a letter")
        first_class = prefix_guard(word_phrases)
        # The kinds that are not numbers behind one look at what all of their forms need, so that
        # most numbers go to `num` at once: a run of one or two digits (a day, a month, an hour;
        # "2023" is none) followed by what a date (a space then an article or a month, a "." or
        # "/" then digits) or a clock time needs (a separator then digits, a clock word), a sign
        # or bracket, a leading zero or a separator after two to four digits (a phone number, an
        # ISO date). A date of one or two digits and an ISO date (four) never both match, so
        # their order is free.
        date_next = prefix_guard([*data["time"].get("date_articles", []), *self._month_names])
        clock_next = prefix_guard(data.get("cues", {}).get("clock_words", []))
        date_after = rf"{day_suffix}{SPACE}+{date_next}|[./]\d"
        clock_after = rf"[:h]\d|\.\d\d{SPACE}*{clock_next}|{SPACE}?{clock_next}"
        named = (
            rf"(?P<date>(?=\d\d?(?!\d))(?:{dmy}|{NUMERIC_DATE})|{ISO_DATE})"
            rf"|(?P<clock>(?=\d\d?(?!\d)){clock})"
            rf"|(?P<phone>(?=[+(0]|\d{{2,4}}[ .-]\d)(?:{PHONE}))"
        )
        digit_kinds = (
            rf"(?=\d\d?(?!\d)(?:{date_after}|{clock_after})|[+(0]|\d{{2,4}}[ .-]\d)(?:{named})"
            rf"|(?P<num>{num})"
        )
        kinds = (
            r"(?:"
            # "October 7, 2023": a date as much as "7 October", consumed the same way.
            rf"(?P<month_date>{mdy})"
            rf"|(?P<vague>{vague})"
            rf"|(?P<approxw>{approxw})"
            rf"|(?P<frac>{fractions})"
            rf"|(?P<words>{words}))"
        )
        word_kinds = first_class + kinds
        self.mention_re = re.compile(
            rf"{mention_start}(?:(?=[\d+(])(?:{digit_kinds})|{word_kinds})", re.IGNORECASE
        )
        # The same, as patterns that `re` scans fast (`mentions.read_mentions`); not where a
        # mention may follow a clitic, inside a word.
        openings = opening_classes(word_phrases)
        guarded = prefix_guard(word_phrases, first_checked=True) + kinds
        self.mention_scan = None if clitics else mention_scan(digit_kinds, *openings, guarded)

    @staticmethod
    def _months(data: Mapping[str, Any]) -> list[str]:
        return [name for variants in data["time"].get("months", []) for name in variants]

    # -- context around a number -------------------------------------------------------------

    def _build_context(self, data: Mapping[str, Any]) -> None:
        q = data.get("qualifiers", {})
        groups = []
        for name in _QUALIFIER_KINDS:
            entries = q.get(name, [])
            if entries:
                groups.append(rf"(?P<{name}>{alternation(entries)})")
        # Words that may stand between a qualifier and its number ("dépasse désormais les 400").
        fillers = alternation(q.get("fillers", []))
        # One look at the first letter before trying the qualifier kinds one by one.
        first = first_letters([entry for name in _QUALIFIER_KINDS for entry in q.get(name, [])])
        self.qualifier_re = re.compile(
            rf"(?<!\w){first}(?:{'|'.join(groups)})(?:{SPACE}+{fillers}(?!\w))*{SPACE}*\Z", re.IGNORECASE
        )
        # A qualifier after the number, by kind ("or more": at least; "'den fazla": more than).
        after_groups = [
            rf"(?P<{name}>{alternation(q[name + '_after'])})"
            for name in _QUALIFIER_AFTER_KINDS
            if q.get(name + "_after")
        ]
        self.qualifier_after_re = re.compile(
            rf"{SPACE}*(?:{'|'.join(after_groups) or '(?!)'})(?!\w)", re.IGNORECASE
        )
        self.between_gap_re = re.compile(
            rf"{SPACE}*{alternation(q.get('between_joiners', []))}{SPACE}*", re.IGNORECASE
        )
        connectors = q.get("range_connectors", [])
        self.range_gap_re = re.compile(
            rf"{SPACE}*(?:-|\u2014|{alternation(connectors)}(?!\w)){SPACE}*", re.IGNORECASE
        )
        self.range_blocker_re = re.compile(
            rf"(?<!\w){alternation(q.get('range_blockers', []))}{SPACE}*\Z", re.IGNORECASE
        )
        cues = data.get("cues", {})
        # Punctuation that stands for "is" before a number ("Против — 5").
        self.copulas = frozenset(cues.get("copula", []))
        self.part_of_after_re = re.compile(
            rf"{SPACE}*{alternation(cues.get('part_of_after', []))}(?!\w)", re.IGNORECASE
        )
        self.time_window_before_re = re.compile(
            rf"(?<!\w){alternation(cues.get('time_window_before', []))}{SPACE}+\Z", re.IGNORECASE
        )
        votes = data.get("votes", {})
        # A sentence naming a voting body is about a vote as much as one saying "voted".
        vote_words = [*votes.get("context", []), *data.get("bodies", {}).keys()]
        # "والتصويت": a vote word may carry the clitics glued to its front.
        vote_words += [clitic + word for clitic in data.get("clitics", []) for word in vote_words]
        self.vote_context_re = re.compile(bounded_words(vote_words))
        # "Dem Antrag stimmten 143 Länder zu": the particle of a vote verb, closing the count's clause.
        self.vote_particles = {
            **{word.lower(): "for" for word in votes.get("particle_for", [])},
            **{word.lower(): "against" for word in votes.get("particle_against", [])},
        }
        # "60 стран его не поддержали": a side word after these is denied, and names no side.
        self.vote_negations = frozenset(word.lower() for word in votes.get("negation", []))
        self.vote_pair_re = re.compile(
            rf"{SPACE}*(?:{alternation(votes.get('nouns', []))}{SPACE}+)?{alternation(votes.get('pair', []))}{SPACE}*",
            re.IGNORECASE,
        )
        self.part_of_re = re.compile(bounded_words(data.get("cues", {}).get("part_of", [])))
        # "nur eine Frau", "darunter ein Kind": an article right after these words counts one.
        self.one_before_re = re.compile(
            rf"(?<!\w){alternation([*cues.get('one_before', []), *cues.get('part_of', [])])}{SPACE}*,?{SPACE}*\Z",
            re.IGNORECASE,
        )
        # "der Rat mit seinen 15 Mitgliedern": the words before a count of members that make it the
        # size of a voting body, not a count of votes.
        self.body_size_before_re = re.compile(
            rf"(?<!\w){alternation(cues.get('body_size_before', []))}{SPACE}*\Z", re.IGNORECASE
        )
        not_before = data.get("cues", {}).get("not_claim_before", [])
        self.not_claim_before_re = re.compile(
            rf"(?<!\w){alternation(not_before)}{SPACE}*(?:n°|nº|no\.|nr\.|#)?{SPACE}*\Z",
            re.IGNORECASE,
        )
        ordinal_before = data.get("cues", {}).get("ordinal_dot_before", [])
        self.ordinal_dot_before_re = (
            re.compile(rf"(?<!\w){alternation(ordinal_before)}{SPACE}+\Z", re.IGNORECASE) if ordinal_before else None
        )
        self.clock_before_re = re.compile(
            rf"(?<!\w){alternation(data.get('cues', {}).get('clock_before', []))}{SPACE}+\Z", re.IGNORECASE
        )
        self.clock_word_after_re = re.compile(
            rf"{SPACE}*{alternation(data.get('cues', {}).get('clock_words', []))}(?!\w)", re.IGNORECASE
        )
        self.baseline_re = re.compile(bounded_words(data.get("cues", {}).get("baseline", [])))
        # "one each in the two villages": an article before these is a count.
        self.each_after_re = re.compile(
            rf"{SPACE}+{alternation(data.get('cues', {}).get('each', []))}(?!\w)", re.IGNORECASE
        )
        # "a town of 8,000 inhabitants": a population, a qualifier or two words between cue and number.
        population = data.get("cues", {}).get("population_before", [])
        self.population_before_re = re.compile(
            rf"(?<!\w){alternation(population)}{SPACE}+(?:[^\W\d_]+'?{SPACE}*){{0,3}}\Z", re.IGNORECASE
        )
        # "88 countries, out of 120 members": the size of the body, not a side's count.
        denominator = data.get("cues", {}).get("denominator_before", [])
        self.denominator_gap_re = re.compile(rf"{SPACE}*,?{SPACE}*{alternation(denominator)}{SPACE}+\Z", re.IGNORECASE)
        # "40 names, down from 95": the same count at an earlier time.
        change = data.get("cues", {}).get("change_from", [])
        self.change_from_re = re.compile(rf"(?<!\w){alternation(change)}{SPACE}+\Z", re.IGNORECASE)
        # "una diferencia de cuatro víctimas", "tres muertos más": a change between two counts.
        change_before = data.get("cues", {}).get("change_before", [])
        self.change_before_re = (
            re.compile(rf"(?<!\w){alternation(change_before)}{SPACE}*\Z", re.IGNORECASE) if change_before else None
        )
        more_after = data.get("cues", {}).get("more_after", [])
        not_more = alternation(data.get("qualifiers", {}).get("more_than", []))
        self.more_after_re = (
            re.compile(rf"{SPACE}+(?!{not_more}(?!\w)){alternation(more_after)}(?!\w)", re.IGNORECASE)
            if more_after
            else None
        )
        threshold = data.get("cues", {}).get("threshold_before", [])
        self.threshold_before_re = re.compile(rf"{bounded_words(threshold)}[^.;:]*\Z")
        # "une heure et 45 minutes": two durations joined are one; "une heure et demie" adds half.
        joiners = data["numbers"].get("joiners", [])
        self.joiners = frozenset(w.lower() for w in joiners)
        # Between two items of a list of numbers: a comma, a conjunction, an "or".
        list_words = [*joiners, *data.get("cues", {}).get("alternatives", [])]
        self.list_gap_re = re.compile(
            rf"{SPACE}*,{SPACE}*|{SPACE}+{alternation(list_words)}{SPACE}+" if list_words else rf"{SPACE}*,{SPACE}*",
            re.IGNORECASE,
        )
        # "dead or missing", "killed and injured": words that join two metrics into one count.
        self.conjunctions = frozenset(w.lower() for w in data.get("cues", {}).get("conjunctions", []))
        self.duration_joiner_re = re.compile(rf"{SPACE}*,?{SPACE}*{alternation(joiners)}{SPACE}+", re.IGNORECASE)
        self.half_after_re = re.compile(
            rf"{SPACE}+{alternation(data.get('cues', {}).get('half_after', []))}(?!\w)", re.IGNORECASE
        )
        exchange = data.get("cues", {}).get("exchange", [])
        self.exchange_re = re.compile(bounded_words(exchange))
        # A lexicon without exchange words tracks every duration, as before they were listed.
        self.durations_need_exchange = bool(exchange)
        self.percent_after_re = re.compile(
            rf"{SPACE}*(?:%|{alternation(data.get('words', {}).get('percent', []))}(?!\w))", re.IGNORECASE
        )
        # The three read right after every number, in the order the engine asks them: one match.
        self.after_number_re = re.compile(
            rf"(?P<percent>{self.percent_after_re.pattern})"
            rf"|(?P<part_of>{self.part_of_after_re.pattern})"
            rf"|(?P<clock>{self.clock_word_after_re.pattern})",
            re.IGNORECASE,
        )

    # -- places and bodies -----------------------------------------------------------------

    def _build_places(self, data: Mapping[str, Any]) -> None:
        self._slugs: dict[str, tuple[str, bool] | None] = {}
        self.places: dict[str, str] = {normal_key(k): v for k, v in data.get("places", {}).items()}
        self.bodies: dict[str, str] = {normal_key(k): v for k, v in data.get("bodies", {}).items()}
        names = [*data.get("places", {}).keys(), *data.get("bodies", {}).keys()]
        # Hyphen and space are interchangeable in names ("Tel Aviv", "Tel-Aviv").
        alt = alternation([normal_key(n).replace(" ", "\x00") for n in names])
        alt = alt.replace("\x00", r"[\s\u00a0\u202f-]+")
        self.place_re = re.compile(bounded(alt), re.IGNORECASE)
        locatives = data.get("cues", {}).get("locative", [])
        # Up to three words; the engine keeps the capitalised ones ("en Santa Olvera").
        self.locative_re = re.compile(
            rf"(?P<prep>{leading_words(locatives)}){SPACE}+(?=(?P<name>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*){{0,2}}))"
        )
        # "..., 12 in the hills, three in the valley": a bare number then a place, an item of a list whose verb
        # or noun came with its first item. Up to two stop or "each" words before the preposition,
        # up to three words before a capitalised one after it.
        words = data.get("words", {})
        fillers = [*words.get("stop", []), *data.get("cues", {}).get("each", [])]
        self.gapped_re = re.compile(
            rf"{SPACE}*,?{SPACE}*(?:{alternation(fillers)}{SPACE}+){{0,2}}{alternation(locatives)}{SPACE}+"
            rf"(?P<tail>(?:[\w'-]+{SPACE}+){{0,3}}[\w'-]+)",
            re.IGNORECASE,
        )
        # Words opening a relative clause, which takes up the noun before its comma.
        self.relatives = frozenset(w.lower() for w in data.get("cues", {}).get("relative", []))
        # "killing more than 80 and displacing", "climbed to 33 after": a conjunction or a preposition
        # after a number is never its noun.
        self.not_nouns = frozenset(w.lower() for w in data.get("words", {}).get("not_nouns", []))
        self.locative_articles = frozenset(w.lower() for w in data.get("cues", {}).get("locative_article", []))
        self.anaphora_re = re.compile(bounded_words(data.get("cues", {}).get("anaphora", [])))
        self.not_place_suffixes = tuple(w.lower() for w in data.get("cues", {}).get("not_place_suffixes", []))
        self.not_places = frozenset(w.lower() for w in data.get("cues", {}).get("not_places", []))

    def place_slug(self, matched: str) -> tuple[str, bool] | None:
        """(slug, is_body) of a gazetteer name found by `place_re`. Memoised per spelling."""
        try:
            return self._slugs[matched]
        except KeyError:
            pass
        key = normal_key(matched)
        found: tuple[str, bool] | None = None
        if key in self.bodies:
            found = self.bodies[key], True
        elif key in self.places:
            found = self.places[key], False
        if len(self._slugs) < 200_000:
            self._slugs[matched] = found
        return found

    # -- time ------------------------------------------------------------------------------

    def _build_time(self, data: Mapping[str, Any]) -> None:
        time = data["time"]
        self.month_index: dict[str, int] = {}
        for index, variants in enumerate(time.get("months", []), start=1):
            for name in variants:
                self.month_index[name.lower().rstrip(".")] = index
        self.weekday_index: dict[str, int] = {}
        for index, variants in enumerate(time.get("weekdays", [])):
            for name in variants:
                self.weekday_index[name.lower()] = index
        months = case_scoped(self._month_names)
        articles = alternation(time.get("date_articles", []))
        day = r"(?P<{p}day>\d{{1,2}})(?:er|st|nd|rd|th|\.|º|°)?"

        def date(prefix: str) -> str:
            return (
                rf"(?:{day.format(p=prefix + 'a')}{SPACE}+(?:{articles}{SPACE}+)?(?P<{prefix}amonth>{months})\.?"
                rf"(?:,?{SPACE}+(?:{articles}{SPACE}+)?(?P<{prefix}ayear>(?:19|20)\d{{2}})(?!\d))?(?!\w)"
                rf"|(?P<{prefix}bmonth>{months})\.?{SPACE}+(?P<{prefix}bday>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,?{SPACE}+(?P<{prefix}byear>(?:19|20)\d{{2}}))?(?!\d))"
            )

        since = alternation(time.get("since", []))
        self.since_re = re.compile(
            rf"(?<!\w){since}{SPACE}+(?:{articles}{SPACE}+)?{date('s')}", re.IGNORECASE
        )
        self.date_re = re.compile(rf"(?<![\w.,]){date('d')}", re.IGNORECASE)
        weekdays = case_scoped([n for variants in time.get("weekdays", []) for n in variants])
        self.weekday_re = re.compile(bounded(weekdays), re.IGNORECASE)
        last = alternation(time.get("last", []))
        self.since_weekday_re = re.compile(
            rf"(?<!\w){since}{SPACE}+(?:{articles}{SPACE}+)?(?:{last}{SPACE}+)?{weekdays}(?!\w)", re.IGNORECASE
        )
        # Full month names only: "Mar", "mai" and the like are also ordinary words.
        full_months = case_scoped([variants[0] for variants in time.get("months", [])])
        self.month_re = re.compile(bounded(full_months), re.IGNORECASE)
        self.since_month_re = re.compile(
            rf"(?<!\w){since}{SPACE}+(?:{articles}{SPACE}+)?{full_months}(?!\w)", re.IGNORECASE
        )
        self.yesterday_re = re.compile(bounded_words(time.get("yesterday", [])))
        # Something every time regex above needs, at a word start: a "since" word, a month or weekday
        # name (in any case, a wider net than the regexes cast), a word for yesterday. A sentence
        # without any is dated by the article alone, found in one pass.
        cues = [
            *time.get("since", []),
            *time.get("yesterday", []),
            *time.get("day_before_yesterday", []),
            *self._month_names,
            *[name for variants in time.get("weekdays", []) for name in variants],
        ]
        self.time_cue_re = re.compile(rf"(?<!\w){alternation(cues)}", re.IGNORECASE)
        # The same after the non-word character before them, so that `re` skips ahead; and for a text below U+10000.
        self.time_cue_after_re, self.time_cue_after_bmp_re = after_non_word(alternation(cues, literals=True))
        # The month names alone (in any case): every date and month search needs one.
        self.month_cue_re = re.compile(rf"(?<!\w){alternation(self._month_names)}", re.IGNORECASE)
        self.today_re = re.compile(bounded_words(time.get("today", [])))
        # A month with the year that may follow it ("in July 2007", "en julio de 2007").
        self.month_year_re = re.compile(
            rf"(?<!\w)(?P<month>{full_months})(?:,?{SPACE}+(?:{articles}{SPACE}+)?(?P<year>(?:19|20)\d{{2}})(?!\d))?(?!\w)",
            re.IGNORECASE,
        )
        # Words that make a weekday the one before the article's week ("last Monday") or after it.
        self.last_re = re.compile(bounded_words(time.get("last", [])))
        self.next_re = re.compile(bounded_words(time.get("next", [])))
        self.day_before_yesterday_re = re.compile(bounded_words(time.get("day_before_yesterday", [])))
        # A "since" word that opens a phrase ("since the quake of 6 May"): a date within it is not the
        # day a figure is stated for.
        self.since_phrase_re = re.compile(bounded_words(time.get("since_phrase", time.get("since", []))))
        # Words of an event happening ("struck", "survenu", "ocurrió"): a date next to one is the
        # event's day, not the day a figure is stated for.
        self.event_verb_re = re.compile(bounded_words(time.get("event_verbs", [])))
        self.event_verb_after_re = re.compile(bounded_words(time.get("event_verbs_after", [])))
        # Words for "now" ("désormais"): a sentence with one speaks of the article's own day.
        self.now_re = re.compile(bounded_words(time.get("now", [])))
        # Either, in one search (`Document.speaks_of_now`).
        self.now_or_today_re = re.compile(bounded_words([*time.get("now", []), *time.get("today", [])]))
        # Words that open a comparison with an earlier count ("up from 72 on Monday", "frente a los
        # 85 del día anterior"): a day within one is the earlier count's, not the sentence's; and
        # words that carry a comparison on past its comma ("compared with Saturday, when 102 ...").
        self.compared_re = re.compile(bounded_words(time.get("compared", [])))
        self.compared_clause_re = re.compile(bounded_words(time.get("compared_clause", [])))

    def month_of(self, name: str) -> int | None:
        return self.month_index.get(name.lower().rstrip("."))

    def weekday_of(self, name: str) -> int | None:
        return self.weekday_index.get(name.lower())

    # -- attribution -----------------------------------------------------------------------

    def _build_attribution(self, data: Mapping[str, Any]) -> None:
        attribution = data.get("attribution", {})
        self.source_after_cue_re = re.compile(bounded_words(attribution.get("before_source", [])))
        self.source_before_cue_re = re.compile(bounded_words(attribution.get("after_source", [])))
        # A phrase may start with punctuation (", so die UNO"), so only a word start must not be
        # inside a word.
        phrases = attribution.get("phrases", [])
        self.source_phrase_re = re.compile(leading_words(phrases, punctuation_starts=True) + r"(?!\w)")
        self.said_re = re.compile(bounded(alternation(attribution.get("verbs", []))), re.IGNORECASE)
        # A regex of an empty list matches nothing: the engine skips it.
        self.has_source_phrases = bool(phrases)
        self.has_source_after_cues = bool(attribution.get("before_source"))
        self.has_source_before_cues = bool(attribution.get("after_source"))
