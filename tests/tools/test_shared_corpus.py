"""The real-news corpus beside the project, scored by its own score.py in a child process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.shared_corpus import (
    LanguageScore,
    SharedCorpusError,
    absent_reason,
    corpus_languages,
    score_shared_corpus,
)

LANGUAGES = {"en", "fr", "es", "de", "ar", "ru"}


def test_the_real_news_corpus_is_scored_in_its_six_languages(shared_corpus_dir: Path) -> None:
    """Its scorer runs on this checkout's engine and reports every language (no threshold yet)."""
    # when
    report = score_shared_corpus(shared_corpus_dir)

    # then
    assert corpus_languages(shared_corpus_dir) == LANGUAGES
    assert set(report.languages) == LANGUAGES
    assert all(0.0 <= score.f1 <= 1.0 for score in report.languages.values())
    assert report.output.splitlines()[-1].startswith("corpus: macro F1 ")


def test_languages_limit_the_scoring(shared_corpus_dir: Path) -> None:
    report = score_shared_corpus(shared_corpus_dir, languages=["fr", "ru"])

    assert set(report.languages) == {"fr", "ru"}


def _fake_corpus(directory: Path, scorer: str) -> Path:
    directory.mkdir()
    (directory / "gold.jsonl").write_text('{"language": "en"}\n\n{"language": "xx"}\n', encoding="utf-8")
    (directory / "score.py").write_text(scorer, encoding="utf-8")
    return directory


def test_the_scorer_is_run_from_the_project_root_on_the_corpus(tmp_path: Path) -> None:
    """It gets the corpus folder and --show, runs where `claims` imports, and its lines are read."""
    # given
    corpus = _fake_corpus(tmp_path / "corpus", (
        "import os, sys\n"
        "sys.path.insert(0, os.getcwd())  # as the real one does, to import the project's engine\n"
        "import claims.extraction\n"
        "print('argv', sys.argv[1:])\n"
        "print('en: precision 0.50 recall 0.25 F1 0.33  (right 1, faults 1, gold 4)')\n"
        "print('xx: precision 1.00 recall 1.00 F1 1.00  (right 2, faults 0, gold 2)')\n"
    ))

    # when
    report = score_shared_corpus(corpus, languages=["en", "xx"], show=3)

    # then
    assert report.languages == {"en": LanguageScore(0.5, 0.25, 0.33), "xx": LanguageScore(1.0, 1.0, 1.0)}
    assert report.output.splitlines()[0] == f"argv {[str(corpus), '--show', '3', '--lang', 'en,xx']}"
    assert corpus_languages(corpus) == {"en", "xx"}


@pytest.mark.parametrize(
    ("scorer", "said"),
    [
        ("raise SystemExit('quote not found: 12')", "exited with status 1 and 0 language score(s): quote not found: 12"),
        ("print('nothing to score')", "exited with status 0 and 0 language score(s): nothing to score"),
    ],
)
def test_a_scorer_that_fails_or_scores_nothing_is_an_error_with_its_output(
    tmp_path: Path, scorer: str, said: str
) -> None:
    corpus = _fake_corpus(tmp_path / "corpus", scorer + "\n")

    with pytest.raises(SharedCorpusError) as raised:
        score_shared_corpus(corpus)

    assert str(raised.value) == f"{corpus / 'score.py'} {said}"


def test_an_absent_or_incomplete_corpus_says_what_is_missing(tmp_path: Path) -> None:
    # given
    incomplete = tmp_path / "incomplete"
    incomplete.mkdir()
    (incomplete / "gold.jsonl").write_text("", encoding="utf-8")

    # when / then
    assert absent_reason(tmp_path / "absent") == (
        f"{tmp_path / 'absent'} is absent; TALLY_SHARED_DIR names the folder that holds corpus/ (../shared by default)"
    )
    assert absent_reason(incomplete).startswith(f"{incomplete} has no score.py;")
    assert absent_reason(_fake_corpus(tmp_path / "complete", "")) is None
