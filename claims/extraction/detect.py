"""Language detection restricted to the languages the engine supports.

lingua with every language loaded takes over a gigabyte; restricted to the supported ones it is a
few hundred megabytes, so the detector is built once per process, on first use. The languages are
those the engine has a lexicon for (`available_languages`), each given to lingua by its ISO code.
A language alone in its script (Arabic) is told by its script before any model is read; those
that share one (Russian and Ukrainian, the Latin four) by lingua's models.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from claims.extraction.languages.registry import available_languages

# The languages the engine reads: those it has a lexicon for.
SUPPORTED_LANGUAGES: tuple[str, ...] = available_languages()


def _lingua(code: str) -> Language | None:
    """lingua's language of an ISO 639-1 code, or None for one lingua does not know (such a
    language is read when an article says it is in it, never detected)."""
    iso = getattr(IsoCode639_1, code.upper(), None)
    return Language.from_iso_code_639_1(iso) if iso is not None else None


# Enough text for a confident answer; detecting on a whole long article only costs time.
_SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [language for language in map(_lingua, SUPPORTED_LANGUAGES) if language is not None]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely supported language, or None when nothing is readable."""
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    if not sample.isascii():
        # A lone surrogate (from a JSON escape such as "\ud800") cannot cross into lingua.
        sample = sample.encode("utf-8", "replace").decode("utf-8")
    found = _detector().detect_language_of(sample)
    if found is None:
        return None
    return found.iso_code_639_1.name.lower()
