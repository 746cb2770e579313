"""Language detection restricted to the languages the engine supports.

lingua with every language loaded takes over a gigabyte; restricted to the supported ones it is a
few hundred megabytes, so the detector is built once per process, on first use. Arabic and Russian
are told by their script before any model is read: adding them costs no measurable memory (a
process detecting all six peaks at about 160 MB, as with the first four).
"""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED_LANGUAGES: dict[str, Language] = {
    "en": Language.ENGLISH,
    "fr": Language.FRENCH,
    "es": Language.SPANISH,
    "de": Language.GERMAN,
    "ar": Language.ARABIC,
    "ru": Language.RUSSIAN,
}

# Enough text for a confident answer; detecting on a whole long article only costs time.
_SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*SUPPORTED_LANGUAGES.values()).build()


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
