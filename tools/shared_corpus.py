"""The real-news corpus beside the project (`corpus/` of TALLY_SHARED_DIR, ../shared/corpus by
default), scored by the `score.py` that comes with it.

The corpus is third-party text with its own scorer (see its README.md): short excerpts of published
news in six languages, `gold.jsonl` with their annotated claims and traps. The scorer is run as it
is, in a child process started from the project root with this interpreter (it imports
`claims.extraction` from its working directory), so the project holds neither the text nor a copy
of the scoring, and the figures are the ones anybody gets by running it by hand.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools import REPO_ROOT, SHARED_ENV, shared_dir

SCORER = "score.py"
GOLD = "gold.jsonl"
# The scorer prints one line a language, "fr: precision 0.85 recall 0.88 F1 0.86  (right 66, ...)".
_LANGUAGE_LINE = re.compile(
    r"^(?P<language>[a-z]{2,3}): precision (?P<precision>\d+\.\d+) recall (?P<recall>\d+\.\d+) "
    r"F1 (?P<f1>\d+\.\d+)",
    re.MULTILINE,
)


class SharedCorpusError(RuntimeError):
    """The scorer failed or printed no score; the message holds the end of what it said."""


@dataclass(frozen=True, slots=True)
class LanguageScore:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class SharedCorpusReport:
    directory: Path
    output: str
    """The scorer's report as it printed it: per language, fields, faults, speed, macro F1."""
    languages: dict[str, LanguageScore]


def default_directory() -> Path:
    return shared_dir() / "corpus"


def absent_reason(directory: Path) -> str | None:
    """Why the corpus in directory cannot be scored (its folder, gold or scorer is missing), or None."""
    missing = [name for name in (GOLD, SCORER) if not (directory / name).is_file()]
    if not missing:
        return None
    what = f"{directory} is absent" if not directory.is_dir() else f"{directory} has no {' or '.join(missing)}"
    return f"{what}; {SHARED_ENV} names the folder that holds corpus/ (../shared by default)"


def corpus_languages(directory: Path) -> set[str]:
    """The languages of the articles in the corpus's gold.jsonl."""
    lines = (directory / GOLD).read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["language"] for line in lines if line.strip()}


def score_shared_corpus(
    directory: Path, *, languages: Sequence[str] = (), show: int = 0
) -> SharedCorpusReport:
    """Run the corpus's own scorer on it, with this checkout's engine.

    `languages` limits it to those languages (all by default); `show` is how many faults of each
    kind it lists (the rest are counted). Raises SharedCorpusError when the scorer fails; call
    `absent_reason` first for a missing corpus.
    """
    command = [sys.executable, str(directory / SCORER), str(directory), "--show", str(show)]
    if languages:
        command += ["--lang", ",".join(languages)]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    scores = {
        found["language"]: LanguageScore(float(found["precision"]), float(found["recall"]), float(found["f1"]))
        for found in _LANGUAGE_LINE.finditer(completed.stdout)
    }
    if completed.returncode != 0 or not scores:
        said = (completed.stderr.strip() or completed.stdout.strip())[-2000:]
        raise SharedCorpusError(
            f"{directory / SCORER} exited with status {completed.returncode} and "
            f"{len(scores)} language score(s): {said or 'no output'}"
        )
    return SharedCorpusReport(directory=directory, output=completed.stdout.rstrip("\n"), languages=scores)
