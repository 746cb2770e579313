"""The engine compiled to a C extension by mypyc, used only while it matches the source.

    .venv/bin/python -m claims.extraction.build      # build (a no-op when up to date)

The engine's stages (`engine.py` and the modules it runs), with the Language interface, its regex
toolkit and word lookups (`languages/base.py`, `patterns.py`, `words.py`) and the number reader
(`numbers.py`), and the gazetteer's finder and resolver (`gazetteer/`), are ordinary, fully typed
Python: `MODULES` lists them. mypyc (part of mypy)
compiles them into one library, with an extension module for each, that gives the same results
about 1.3 times faster; `make` builds it before running or testing anything. The build goes to `build/mypyc/`, never beside the
source, with a stamp holding the digest of every Python file of the package at the time it was
built. The package puts that directory first on its path only while the stamp matches the files
on disk, so an edited engine is never shadowed by a stale build: until the next build it simply
runs as plain Python.

Set TALLY_COMPILED_ENGINE=false to run the plain Python engine (and to skip the build). Without a C
compiler or Python's headers the build says so and leaves the plain engine in use; a type error in
the engine fails the build, because mypyc cannot compile what mypy rejects.

Imports nothing from Django, like the rest of the package.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parent.parent
BUILD_DIR = REPO / "build" / "mypyc"
# The compiled modules, as paths relative to the repository: every module `engine.run` reaches but
# those of PLAIN_MODULES.
MODULES = (
    "claims/extraction/engine.py",
    "claims/extraction/document.py",
    "claims/extraction/draft.py",
    "claims/extraction/frozen.py",
    "claims/extraction/mentions.py",
    "claims/extraction/values.py",
    "claims/extraction/context.py",
    "claims/extraction/cues.py",
    "claims/extraction/nouns.py",
    "claims/extraction/votes.py",
    "claims/extraction/clauses.py",
    "claims/extraction/combined.py",
    "claims/extraction/durations.py",
    "claims/extraction/hostages.py",
    "claims/extraction/metrics.py",
    "claims/extraction/parts.py",
    "claims/extraction/places.py",
    "claims/extraction/timing.py",
    "claims/extraction/carried.py",
    "claims/extraction/prefixes.py",
    "claims/extraction/after_event.py",
    "claims/extraction/attribution.py",
    "claims/extraction/assemble.py",
    "claims/extraction/languages/base.py",
    "claims/extraction/languages/patterns.py",
    "claims/extraction/languages/words.py",
    "claims/extraction/numbers.py",
    "claims/extraction/gazetteer/finder.py",
    "claims/extraction/gazetteer/article.py",
    "claims/extraction/gazetteer/resolve.py",
    "claims/extraction/gazetteer/normalize.py",
)
# Modules the engine reaches that stay plain Python: its typed values and unit tables, and the
# gazetteer's index (loaded once per process, from files found beside its source) and its builder.
PLAIN_MODULES = (
    "claims/extraction/types.py",
    "claims/extraction/units.py",
    "claims/extraction/gazetteer/types.py",
    "claims/extraction/gazetteer/index.py",
    "claims/extraction/gazetteer/build.py",
    "claims/extraction/gazetteer/setup.py",
    # The lexicons' loader and their scripts, read once per process (by the index's stamp).
    "claims/extraction/languages/registry.py",
    "claims/extraction/languages/scripts.py",
)
STAMP_NAME = "sources.sha256"
ENV = "TALLY_COMPILED_ENGINE"


def enabled() -> bool:
    return os.environ.get(ENV, "true").strip().lower() not in {"0", "false", "no", "off"}


def source_digest(package: Path = PACKAGE) -> str:
    """Digest of every Python file of the package: the compiled engine calls into the others and
    was checked against their types, so a change to any of them makes the build stale."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def compiled_dir(build_dir: Path = BUILD_DIR, package: Path = PACKAGE) -> Path | None:
    """The directory holding the compiled engine, when it is enabled, built and current; else None."""
    if not enabled():
        return None
    target = build_dir / "claims" / "extraction"
    try:
        stamp = (target / STAMP_NAME).read_text().strip()
    except OSError:
        return None
    return target if stamp == source_digest(package) else None
