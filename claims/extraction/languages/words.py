"""What each word of a lexicon means to the engine, looked up token by token.

A word may have several roles (a metric word, a group noun, a vote side, a duration unit, a stop
word...), gathered in one `WordInfo`. Inflection is handled by stems: a lexicon entry ending in `*`
matches any word starting with it. A phrase of several words ("handed over", "ums Leben") counts at
its first word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

_GROUP: Final = re.Match.group
# The roles a word can have (`WordInfo`'s attributes).
_WORD_INFO_FIELDS: Final = (
    "metric",
    "group",
    "minutes",
    "vote",
    "vote_weak",
    "vote_noun",
    "vote_members",
    "vote_context",
    "stop",
    "percent",
    "age",
    "release",
    "prisoner",
    "toll",
    "condition",
    "forensic",
    "still",
    "conjoined",
)


class WordInfo:
    """What one lower-cased word means to the engine (a word may have several roles)."""

    __slots__ = _WORD_INFO_FIELDS

    def __init__(self) -> None:
        self.metric: str | None = None
        self.group: str | None = None
        self.minutes: Decimal | None = None
        self.vote: str | None = None
        self.vote_weak: str | None = None
        self.vote_noun = False
        self.vote_members = False
        self.vote_context = False
        self.stop = False
        self.percent = False
        self.age = False
        self.release = False
        self.prisoner = False
        self.toll = False
        self.condition = False
        # Says what was done with the dead ("identificados", "autopsias"): a count of bodies so
        # described is a forensic tally, not a toll.
        self.forensic = False
        # Says a state goes on ("still", "ما زال"): hostages still held after a word of their
        # release are not released.
        self.still = False
        # Reached through a conjunction glued to its front ("وإصابة"): a new phrase, not the
        # previous number's noun.
        self.conjoined = False

    def merge(self, other: WordInfo) -> WordInfo:
        merged = WordInfo()
        for slot in _WORD_INFO_FIELDS:
            mine = getattr(self, slot)
            setattr(merged, slot, mine if mine not in (None, False) else getattr(other, slot))
        return merged

    @property
    def is_noun_like(self) -> bool:
        """A word that can head a counted phrase ("300 *people*", "50 *minutes*")."""
        return bool(
            self.metric
            or self.group
            or self.minutes is not None
            or self.vote_noun
            or self.vote_members
            or self.vote
            or self.percent
            or self.prisoner
        )


EMPTY_INFO: Final = WordInfo()
# How many words a language's memo of them holds at most (`Vocabulary.word`, `prefixes.word_bits`).
MEMO_SIZE: Final = 200_000


class Word:
    """A word of a sentence (`Document.words`): its offsets and text, read as from the `re.Match`
    that found it. Compiled, its methods are native calls, and making one costs less than a match."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start = start
        self._end = end
        self._text = text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text


class Tokens:
    """The words of a sentence as `Word`s (`Document.words`), each made when it is first read: most
    never are (the engine reads the words' offsets, texts and meanings from lists). Read like a
    list of them: `tokens[index]`, `len(tokens)`, iterated, and `tokens.slice(first, last)` for
    `tokens[first:last]`."""

    __slots__ = ("_starts", "_ends", "_texts", "_made")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self._starts = starts
        self._ends = ends
        self._texts = texts
        self._made: list[Word | None] = [None] * len(texts)

    def __len__(self) -> int:
        return len(self._made)

    def __iter__(self) -> Iterator[Word]:
        return iter(self.slice(0, len(self._made)))

    def __getitem__(self, index: int) -> Word:
        word = self._made[index]
        if word is None:
            word = self._made[index] = Word(self._starts[index], self._ends[index], self._texts[index])
        return word

    def slice(self, first: int, last: int) -> list[Word]:
        """`tokens[first:last]`, for bounds that are not negative."""
        made = self._made
        words: list[Word] = []
        for index in range(first, min(last, len(made))):
            # `__getitem__`, in the loop.
            word = made[index]
            if word is None:
                word = made[index] = Word(self._starts[index], self._ends[index], self._texts[index])
            words.append(word)
        return words


class Vocabulary:
    """A lexicon's words and phrases, each with its `WordInfo`; built once per language."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        exact: dict[str, WordInfo] = {}
        stems: dict[str, WordInfo] = {}

        phrases: dict[str, list[tuple[tuple[str, ...], WordInfo]]] = {}

        def add(entries: Iterable[str], slot: str, value: Any) -> None:
            for entry in entries:
                entry = entry.lower()
                words = tuple(w for w in re.split(r"[\s'-]+", entry) if w)
                if len(words) > 1:
                    # A phrase is looked up from its first word, then checked word by word.
                    info = WordInfo()
                    setattr(info, slot, value)
                    phrases.setdefault(words[0], []).append((words[1:], info))
                    continue
                target = stems if entry.endswith("*") else exact
                key = entry.rstrip("*")
                info = WordInfo()
                setattr(info, slot, value)
                target[key] = target[key].merge(info) if key in target else info

        for metric, words in data["metrics"].items():
            add(words, "metric", metric)
        # People counted but not tracked (rescued, affected): their count is "other", and a metric
        # word beyond them is not the number's.
        add(data.get("words", {}).get("untracked", []), "metric", "other")
        for group, words in data.get("groups", {}).items():
            add(words, "group", group)
        votes = data.get("votes", {})
        add(votes.get("context", []), "vote_context", True)
        add(votes.get("nouns", []), "vote_noun", True)
        add(votes.get("members", []), "vote_members", True)
        for side in ("for", "against", "abstain"):
            add(votes.get(side, []), "vote", side)
        add(votes.get("weak_for", []), "vote_weak", "for")
        add(votes.get("weak_against", []), "vote_weak", "against")
        for unit, minutes in data.get("durations", {}).items():
            add([unit], "minutes", Decimal(str(minutes)))
        words = data.get("words", {})
        add(words.get("stop", []), "stop", True)
        add(words.get("percent", []), "percent", True)
        add(words.get("age", []), "age", True)
        add(words.get("release", []), "release", True)
        add(words.get("prisoners", []), "prisoner", True)
        add(words.get("toll", []), "toll", True)
        add(words.get("condition", []), "condition", True)
        add(words.get("forensic", []), "forensic", True)
        add(words.get("still", []), "still", True)
        for entries in phrases.values():
            entries.sort(key=lambda item: -len(item[0]))
        self._phrases = phrases
        self._exact = exact
        self._stems = stems
        self._stem_lengths = sorted({len(s) for s in stems}, reverse=True)
        self._memo: dict[str, WordInfo] = {}
        self._conjunctions = tuple(c.lower() for c in data.get("conjunction_clitics", []))
        # Characters a word is looked up without (the tatweel a short-vowel mark is read as).
        ignored = "".join(data.get("ignored_in_words", []))
        self._ignored = re.compile("[" + re.escape(ignored) + "]") if ignored else None
        self.has_ignored = bool(ignored)
        self._clitics = sorted((c.lower() for c in data.get("clitics", [])), key=len, reverse=True)
        # Every spelling met so far of a word that starts a phrase (each is met by `word` first).
        self._head_spellings: set[str] = set()

    def word(self, token: str) -> WordInfo:
        """What a word means; `token` in any case. Memoised: news reuses a small vocabulary."""
        found = self._memo.get(token)
        if found is not None:
            return found
        lower = token.lower()
        if self._ignored is not None:
            lower = self._ignored.sub("", lower)
        info = self._lookup(lower)
        if info is None:
            # "والقتلى": the word without the clitics glued to its front, longest first.
            for clitic in self._clitics:
                if lower.startswith(clitic) and len(lower) - len(clitic) >= 2:
                    info = self._lookup(lower[len(clitic) :])
                    if info is not None:
                        if clitic.startswith(self._conjunctions):
                            info = info.merge(EMPTY_INFO)
                            info.conjoined = True
                        break
            else:
                if lower.startswith(self._conjunctions) and len(lower) > 3:
                    # An unknown word behind "and" ("وانهار") opens a new clause all the same.
                    info = WordInfo()
                    info.conjoined = True
        result = info if info is not None else EMPTY_INFO
        if lower in self._phrases:
            self._head_spellings.add(token)
        if len(self._memo) < MEMO_SIZE:
            self._memo[token] = result
        return result

    def _lookup(self, lower: str) -> WordInfo | None:
        info = self._exact.get(lower)
        for length in self._stem_lengths:
            if length <= len(lower):
                stem_info = self._stems.get(lower[:length])
                if stem_info is not None:
                    info = stem_info if info is None else info.merge(stem_info)
                    break
        return info

    def infos(self, tokens: Sequence[re.Match[str]]) -> list[WordInfo]:
        """What each token means, a phrase ("handed over", "ums Leben") counting at its first word."""
        # The texts in one call (`re.Match.group` mapped natively, not looked up on each token).
        return self.text_infos(list(map(_GROUP, tokens)))

    def text_infos(self, texts: list[str]) -> list[WordInfo]:
        """`infos` of the tokens' texts."""
        # One loop, each text looked up in the memo at once (compiled, the lookups are native).
        memo, heads = self._memo, self._head_spellings
        result: list[WordInfo] = []
        has_head = False
        for text in texts:
            info = memo.get(text)
            result.append(info if info is not None else self.word(text))
            # The text is now known to `word`, and so is whether it starts a phrase.
            if text in heads:
                has_head = True
        if not has_head:
            # Most sentences hold no word that starts a phrase.
            return result
        phrases = self._phrases
        for index, text in enumerate(texts):
            # Only words that start a phrase are lowered and looked up again, and the words after
            # one as far as its phrases are compared.
            if text not in heads:
                continue
            candidates = phrases[text.lower()]
            matched_length = 0
            for rest, info in candidates:
                if len(rest) < matched_length:
                    break
                if index + len(rest) >= len(texts) or not _follows(texts, index + 1, rest):
                    continue
                # Every role of the longest matching phrase ("handed over" is both a metric word
                # and a release word).
                result[index] = info.merge(result[index])
                matched_length = len(rest)
        return result


def _follows(texts: list[str], start: int, rest: tuple[str, ...]) -> bool:
    """Whether the words from `start` on, lowered, are `rest`, a word ending in "*" standing for any
    word that starts with the rest of it (the caller has checked that there are enough words)."""
    for offset in range(len(rest)):
        want = rest[offset]
        seen = texts[start + offset].lower()
        if want.endswith("*"):
            if not seen.startswith(want[:-1]):
                return False
        elif seen != want:
            return False
    return True
