"""The desk's translation catalogs, kept with Babel (no GNU gettext tools needed).

    python -m tools.messages update    # add new strings to every locale/<lang>/LC_MESSAGES/django.po
    python -m tools.messages compile   # write each django.mo beside its .po
    python -m tools.messages check     # list what is untranslated or wrong; exit 1 if anything is

Strings are found the way Django's makemessages finds them, without xgettext: templates go through
Django's own `templatize` (which turns {% translate %}, {% blocktranslate %} and _("...") into
gettext calls), then templates and Python alike through Babel's Python extractor, with Django's
lazy and contextual functions as keywords.

The compiled .mo files are committed: the app reads them as they are, on a machine without msgfmt
and in the image, with no build step. tests/core/test_translations.py fails when a .mo does not
match its .po, when a string lacks a translation, and when a translation's placeholders differ.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
# Every language of the desk but English, the language of the source strings.
LANGUAGES = ("fr", "es", "de", "ar", "ru")
# Where the runtime's strings live: the apps and their templates (the extraction engine has none).
SOURCE_PACKAGES = ("core", "users", "articles", "claims", "config")
SKIPPED = ("claims/extraction/", "/migrations/")
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ["Translators:"]


def _sources() -> Iterator[Path]:
    for package in SOURCE_PACKAGES:
        for path in sorted((ROOT / package).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in (".py", ".html", ".txt") and not any(part in relative for part in SKIPPED):
                if path.suffix == ".txt" and "/templates/" not in relative:
                    continue
                yield path


def _python_of(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        from django.utils.translation.template import templatize

        # Template text keeps its indentation, which Python's tokenizer refuses: dedent each line
        # (line numbers stay).
        text = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).split("\n"))
    return text.encode("utf-8")


def extract() -> Catalog:
    """Every translatable string of the project's Python and templates, with where it occurs."""
    catalog = Catalog(project="Tally", charset="utf-8")
    for path in _sources():
        source = _python_of(path)
        for lineno, funcname, messages, comments in extract_python(
                io.BytesIO(source), KEYWORDS.keys(), COMMENT_TAGS, {"encoding": "utf-8"}):
            if messages is None:
                continue  # a call on a variable (a message marked with gettext_noop elsewhere)
            spec = KEYWORDS.get(funcname) or (1,)
            message, context = _message(messages, spec)
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            catalog.add(message, locations=[(path.relative_to(ROOT).as_posix(), lineno)], context=context,
                        auto_comments=comments)
    return catalog


def _message(messages: tuple | str, spec: tuple) -> tuple[str | tuple[str, ...] | None, str | None]:
    """The msgid (or singular and plural) and context of one call, by its keyword's spec."""
    if isinstance(messages, str):
        messages = (messages,)
    context = None
    parts = []
    for index in spec:
        if isinstance(index, tuple):
            context = messages[index[0] - 1]
            continue
        parts.append(messages[index - 1] if index - 1 < len(messages) else None)
    if any(part is None for part in parts):
        return None, context
    return (parts[0] if len(parts) == 1 else tuple(parts)), context


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def read_catalog(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="Tally", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def write_catalog(catalog: Catalog, language: str) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = read_catalog(language)
        catalog.update(template, no_fuzzy_matching=True)
        write_catalog(catalog, language)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in LANGUAGES:
        po_path(language).with_suffix(".mo").write_bytes(compiled(read_catalog(language)))


def problems(language: str, wanted: Catalog | None = None) -> list[str]:
    """What is wrong with a language's catalog: strings of the project it lacks or leaves
    untranslated (or fuzzy), and translations whose placeholders differ from their msgid's."""
    wanted = wanted or extract()
    catalog = read_catalog(language)
    found: list[str] = []
    for message in wanted:
        if not message.id:
            continue
        have = catalog.get(message.id, context=message.context)
        strings = () if have is None else (have.string if isinstance(have.string, tuple) else (have.string,))
        if have is None or have.fuzzy or not strings or not all(s.strip() for s in strings):
            found.append(f"{language}: untranslated: {message.id!r}")
    for message, errors in catalog.check():
        found += [f"{language}: {message.id!r}: {error}" for error in errors]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "compile", "check"))
    args = parser.parse_args(argv)
    import django

    django.setup()
    if args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    else:
        wanted = extract()
        found = [problem for language in LANGUAGES for problem in problems(language, wanted)]
        print("\n".join(found) or f"{len(wanted)} strings, translated in {', '.join(LANGUAGES)}")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.exit(main())
