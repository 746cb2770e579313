"""Recognising syndicated copies: an article whose body copies an earlier article's body, with a
new headline, another byline, a few words edited or pasted into another outlet's page.

Each body is cut into word shingles (SHINGLE_WORDS consecutive words, after folding case, accents
of typography and punctuation away) and summarised by a MinHash signature of NUM_PERM values
(datasketch). The signature is cut into BANDS bands of ROWS values; each band is hashed into one
64-bit key stored in SyndicationBand. Two bodies whose shingle sets have Jaccard similarity s share
at least one band key with probability 1 - (1 - s**ROWS)**BANDS: 0.87 at s = 0.5, 0.998 at 0.7,
0.01 at 0.2. A new article's candidates are the articles that share a key, found through the
index on `key` (never a scan of the stored articles); each candidate is then confirmed by the
exact Jaccard similarity of the two bodies' shingles against TALLY_SYNDICATION_THRESHOLD, and by
their figures: a copy reports the same numbers (NUMBERS_AGREE of the shorter list found in the
other). Two outlets' own reports of one event share stock phrases ("were evacuated to schools,
according to the civil protection agency") but not every figure; for a fact-checker a text with
other figures is another report, never a copy.

Links always point at the first article of a family (the "original"), so a copy of a copy points
at the original too, and an article and its copies are read as one source.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from django.conf import settings
from django.db.models import Q

from articles.models import Article, SyndicationBand

SHINGLE_WORDS = 3
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
# Named, not left to datasketch's default: stored band keys are only comparable with signatures of
# the same scheme (datasketch 2.0 changed its default).
SCHEME = "affine32"
# Below this many shingles a body is too short to tell a copy from a shared stock phrase.
MIN_SHINGLES = 8
# The most candidates confirmed for one article, the ones sharing the most bands first: a story run
# by hundreds of outlets must not make one lookup read hundreds of bodies.
MAX_CANDIDATES = 50
NUMBERS_AGREE = 0.8
# SQLite refuses statements with more bound variables than its limit (999 in older builds).
_IN_CHUNK = 900

_WORD = re.compile(r"\w+")


def _normal_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in folded if not unicodedata.combining(char))
    return _WORD.findall(stripped)


def shingles(text: str) -> set[bytes]:
    """The set of SHINGLE_WORDS-word sequences of `text`, folded (case, accents, punctuation)."""
    words = _normal_words(text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def numbers(text: str) -> frozenset[str]:
    """The digit groups of a text: "1,200", "1 200" and "1.200" all give {"1", "200"}."""
    return frozenset(word for word in _WORD.findall(text) if word.isdigit())


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return True
    return len(a & b) / min(len(a), len(b)) >= NUMBERS_AGREE


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Fixed seed: signatures computed in any process, on any day, are comparable.
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations  # type: ignore[return-value]


def signature(features: set[bytes]) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(list(features))
    return minhash.hashvalues


def band_keys(values: np.ndarray) -> list[int]:
    """BANDS signed 64-bit keys: each band's number and its ROWS values, hashed together (the
    number keeps equal values in different bands apart)."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].astype("<u4").tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


@dataclass
class _Item:
    id: int
    published: date | None
    features: set[bytes]
    figures: frozenset[str]
    root: int | None  # the original this article is a copy of, None when it is one

    @property
    def order(self) -> tuple[date, int]:
        return (self.published or date.max, self.id)


def _stored_candidates(keys_by_article: dict[int, list[int]]) -> dict[int, Counter[int]]:
    """For each new article, the stored articles sharing band keys with it and how many."""
    owner: dict[int, list[int]] = {}
    for article_id, keys in keys_by_article.items():
        for key in keys:
            owner.setdefault(key, []).append(article_id)
    found: dict[int, Counter[int]] = {article_id: Counter() for article_id in keys_by_article}
    all_keys = list(owner)
    new_ids = set(keys_by_article)
    for start in range(0, len(all_keys), _IN_CHUNK):
        rows = SyndicationBand.objects.filter(key__in=all_keys[start:start + _IN_CHUNK]).values_list("key", "article_id")
        for key, stored_id in rows:
            if stored_id in new_ids:
                continue
            for article_id in owner[key]:
                found[article_id][stored_id] += 1
    return found


def _load(ids: Iterable[int]) -> dict[int, _Item]:
    wanted = list(ids)
    items: dict[int, _Item] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        rows = Article.objects.filter(id__in=wanted[start:start + _IN_CHUNK]).values_list(
            "id", "published", "body", "syndicated_from_id"
        )
        for article_id, published, body, root in rows:
            items[article_id] = _Item(article_id, published, shingles(body), numbers(body), root)
    return items


def articles_link_copies(*, articles: Sequence[Article]) -> dict[int, int]:
    """Index these newly stored articles and link each to the original whose body it copies.

    Returns {copy id: original id} for every link made or moved. When a new article turns out to
    be older (by publication date) than the original it matches, it becomes the original: that
    family's articles are linked to it instead. Call inside the transaction that stored them.
    """
    threshold = settings.TALLY_SYNDICATION_THRESHOLD
    new: dict[int, _Item] = {}
    keys_by_article: dict[int, list[int]] = {}
    for article in articles:
        features = shingles(article.body)
        if len(features) < MIN_SHINGLES:
            continue
        new[article.id] = _Item(article.id, article.published, features, numbers(article.body),
                                article.syndicated_from_id)
        keys_by_article[article.id] = band_keys(signature(features))
    if not new:
        return {}
    SyndicationBand.objects.bulk_create(
        [SyndicationBand(article_id=article_id, key=key) for article_id, keys in keys_by_article.items() for key in keys],
        batch_size=2000,
    )
    stored = _stored_candidates(keys_by_article)
    wanted = {stored_id for counter in stored.values() for stored_id, _ in counter.most_common(MAX_CANDIDATES)}
    known = _load(wanted)
    # Originals of stored candidates that are copies: the link goes to the family's first article.
    known.update(_load({item.root for item in known.values() if item.root and item.root not in known}))

    links: dict[int, int] = {}
    batch_keys: dict[int, list[int]] = {}
    for item in sorted(new.values(), key=lambda i: i.order):
        candidates = [known[i] for i, _ in stored[item.id].most_common(MAX_CANDIDATES) if i in known]
        shared: Counter[int] = Counter()
        for key in keys_by_article[item.id]:
            shared.update(batch_keys.get(key, []))
            batch_keys.setdefault(key, []).append(item.id)
        candidates += [new[i] for i, _ in shared.most_common(MAX_CANDIDATES)]
        best: tuple[float, tuple[date, int], int] | None = None
        for candidate in candidates:
            similarity = jaccard(item.features, candidate.features)
            if similarity < threshold or not numbers_agree(item.figures, candidate.figures):
                continue
            root_id = candidate.root or candidate.id
            root = known.get(root_id) or new.get(root_id)
            order = root.order if root is not None else candidate.order
            # The most similar wins; between equals, the earliest family.
            rank = (-similarity, order, root_id)
            if best is None or rank < best:
                best = rank  # type: ignore[assignment]
        if best is None:
            continue
        root_id = best[2]
        root = known.get(root_id) or new.get(root_id)
        if root is not None and item.order < root.order and item.published is not None:
            # The new article was published first: it heads the family from now on.
            moved = list(Article.objects.filter(Q(id=root_id) | Q(syndicated_from_id=root_id)).values_list("id", flat=True))
            Article.objects.filter(id__in=moved).update(syndicated_from_id=item.id)
            # Copies linked earlier in this batch are written at the end: move them too.
            moved += [other.id for other in new.values() if other.root == root_id and other.id not in moved]
            for member_id in moved:
                links[member_id] = item.id
                if member_id in new:
                    new[member_id].root = item.id
                if member_id in known:
                    known[member_id].root = item.id
        else:
            item.root = root_id
            links[item.id] = root_id
    new_links = {copy_id: original for copy_id, original in links.items() if copy_id in new}
    by_original: dict[int, list[int]] = {}
    for copy_id, original in new_links.items():
        by_original.setdefault(original, []).append(copy_id)
    for original, copy_ids in by_original.items():
        Article.objects.filter(id__in=copy_ids).update(syndicated_from_id=original)
    for article in articles:
        if article.id in links:
            article.syndicated_from_id = links[article.id]
    return links


def article_copies(*, article: Article) -> list[Article]:
    """The family an article belongs to: its original first, then the copies by publication date."""
    root_id = article.syndicated_from_id or article.id
    family = Article.objects.filter(Q(id=root_id) | Q(syndicated_from_id=root_id)).select_related("source")
    return sorted(family, key=lambda a: (a.id != root_id, a.published or date.max, a.id))
