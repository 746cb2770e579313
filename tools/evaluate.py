"""Score the extraction engine on the project's annotated corpus and on the real-news corpus.

    python -m tools.evaluate CORPUS [--shared-corpus DIR] [--language xx] [--verbose]
    make evaluate      # the project's corpus, tests/claims/extraction/corpus

CORPUS is a folder of <lang>.toml files (format in `tools.extraction_corpus`, scoring in
`tools.extraction_scoring`): sentences written for the project, which say how well the engine reads
the project's own sentences. The real-news corpus, excerpts of published articles kept beside the
project (`corpus/` of TALLY_SHARED_DIR, ../shared/corpus by default; `--shared-corpus` names
another), says how well it reads the news; it is scored by its own score.py (`tools.shared_corpus`)
and reported as skipped, with the reason, where it is absent.

Exit status: 0 when both were scored (or the real-news corpus skipped), 2 when CORPUS cannot be
loaded, 1 when the real-news corpus's scorer fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from claims.extraction import COMPILED, EXTRACTOR_VERSION, extract
from tools.extraction_corpus import CorpusError, load_corpus
from tools.extraction_scoring import FIELDS, Score, score_cases
from tools.shared_corpus import (
    SharedCorpusError,
    absent_reason,
    corpus_languages,
    default_directory,
    score_shared_corpus,
)

# Faults of each kind the real-news scorer lists with --verbose (otherwise it only counts them).
ALL_FAULTS = 1_000_000


def format_report(scores: dict[str, Score]) -> str:
    scopes = list(scores)
    lines = [
        "Claims (tracked metrics only; unmatched 'other' predictions are not false positives)",
        f"{'lang':<5} {'cases':>5} {'pass':>5} {'err':>4} {'exp':>5} {'pred':>5} {'tp':>5} {'fp':>4} "
        f"{'fn':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for scope in scopes:
        s = scores[scope]
        lines.append(
            f"{scope:<5} {s.cases:>5} {s.passed:>5} {s.errors:>4} {s.expected:>5} "
            f"{s.predicted_tracked:>5} {s.true_positives:>5} {s.false_positives:>4} "
            f"{s.false_negatives:>4} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    lines.append("")
    lines.append("Fields (P / R / F1; n = expectations giving the field)")
    header = f"{'field':<13}" + "".join(f" {scope:>22}" for scope in scopes)
    lines.append(header)
    for name in FIELDS:
        cells = []
        for scope in scopes:
            count = scores[scope].fields[name]
            cells.append(
                f" {count.precision:.2f}/{count.recall:.2f}/{count.f1:.2f} n={count.expected:<4}".rjust(23)
            )
        lines.append(f"{name:<13}" + "".join(cells))
    return "\n".join(lines)


def _project_corpus(directory: Path, languages: list[str] | None, *, verbose: bool) -> int:
    """Print the report on the project's corpus; 2 when it cannot be loaded."""
    if languages:
        present = [language for language in languages if (directory / f"{language}.toml").is_file()]
        if not present:
            print(f"Project corpus {directory}: no file for {', '.join(languages)}; not scored")
            return 0
        languages = present
    try:
        cases = load_corpus(directory, languages)
    except CorpusError as error:
        print(f"corpus error: {error}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    scores, results = score_cases(cases, extract)
    elapsed = time.perf_counter() - started

    print(f"Project corpus: {len(cases)} cases from {directory} in {elapsed:.2f} s")
    print()
    print(format_report(scores))
    if verbose:
        print()
        print("Misses")
        misses = [line for result in results for line in result.misses]
        for line in misses:
            print(f"  {line}")
        if not misses:
            print("  none")
    return 0


def _shared_corpus(directory: Path, languages: list[str] | None, *, verbose: bool) -> int:
    """Print the real-news corpus's report, or why it is skipped; 1 when its scorer fails."""
    reason = absent_reason(directory)
    if reason is not None:
        print(f"Real-news corpus: skipped, {reason}")
        return 0
    if languages:
        present = sorted(set(languages) & corpus_languages(directory))
        if not present:
            print(f"Real-news corpus {directory}: no article in {', '.join(languages)}; not scored")
            return 0
        languages = present
    try:
        report = score_shared_corpus(directory, languages=languages or (), show=ALL_FAULTS if verbose else 0)
    except SharedCorpusError as error:
        print(f"Real-news corpus: {error}", file=sys.stderr)
        return 1
    print(f"Real-news corpus: {directory} (third-party text, scored by its own score.py)")
    print()
    print(report.output)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.evaluate",
        description="Precision, recall and F1 of the extraction engine on the project's corpus and the real-news one.",
    )
    parser.add_argument("corpus", type=Path, help="the project's corpus: a directory of <lang>.toml files")
    parser.add_argument(
        "--shared-corpus",
        type=Path,
        default=None,
        help="the real-news corpus (gold.jsonl, articles/, score.py); default: corpus/ of TALLY_SHARED_DIR, "
        "../shared by default",
    )
    parser.add_argument("--language", action="append", help="only this language (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list every miss with its case id, every fault")
    options = parser.parse_args(argv)
    shared = options.shared_corpus if options.shared_corpus is not None else default_directory()
    if options.language:
        known = {path.stem for path in options.corpus.glob("*.toml")}
        if absent_reason(shared) is None:
            known |= corpus_languages(shared)
        unknown = sorted(set(options.language) - known)
        if unknown:
            parser.error(f"neither corpus has {', '.join(unknown)} (they have {', '.join(sorted(known)) or 'none'})")

    print(f"extractor version {EXTRACTOR_VERSION}, {'compiled' if COMPILED else 'plain Python'}")
    print()
    status = _project_corpus(options.corpus, options.language, verbose=options.verbose)
    if status:
        return status
    print()
    return _shared_corpus(shared, options.language, verbose=options.verbose)


if __name__ == "__main__":
    sys.exit(main())
