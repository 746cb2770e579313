"""`python -m tools.evaluate`: the project's corpus, then the real-news corpus or why it is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.test_extraction_corpus import write_corpus
from tools import evaluate

CASE = (
    '[[case]]\nid = "en-990"\ntext = "At least 12 people were killed."\n'
    '  [[case.claims]]\n  anchor = "12"\n  metric = "deaths"\n  value = "12"\n'
)


def test_both_corpora_are_reported(tmp_path: Path, shared_corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # given
    write_corpus(tmp_path, "en", CASE)

    # when
    status = evaluate.main([str(tmp_path), "--shared-corpus", str(shared_corpus_dir)])

    # then
    out = capsys.readouterr().out
    assert status == 0
    assert f"Project corpus: 1 cases from {tmp_path} in " in out
    assert "\nall       1     1    0     1     1     1    0    0  1.000  1.000  1.000\n" in out
    assert f"Real-news corpus: {shared_corpus_dir} (third-party text, scored by its own score.py)" in out
    reported = [line.split(":")[0] for line in out.splitlines() if ": precision " in line]
    assert sorted(reported) == ["ar", "de", "en", "es", "fr", "ru"]


def test_an_absent_real_news_corpus_is_skipped_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    write_corpus(tmp_path, "en", CASE)
    absent = tmp_path / "shared" / "corpus"

    # when
    status = evaluate.main([str(tmp_path), "--shared-corpus", str(absent)])

    # then
    out = capsys.readouterr().out
    assert status == 0
    assert "Project corpus: 1 cases" in out
    assert out.rstrip("\n").splitlines()[-1] == (
        f"Real-news corpus: skipped, {absent} is absent; TALLY_SHARED_DIR names the folder that holds corpus/ "
        "(../shared by default)"
    )


def test_the_real_news_corpus_defaults_to_the_shared_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_corpus(tmp_path, "en", CASE)
    monkeypatch.setenv("TALLY_SHARED_DIR", str(tmp_path / "elsewhere"))

    assert evaluate.main([str(tmp_path)]) == 0

    assert f"Real-news corpus: skipped, {tmp_path / 'elsewhere' / 'corpus'} is absent" in capsys.readouterr().out


def test_the_project_corpus_must_be_given_and_loadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        evaluate.main([])
    assert raised.value.code == 2
    assert "the following arguments are required: corpus" in capsys.readouterr().err

    assert evaluate.main([str(tmp_path / "nowhere"), "--shared-corpus", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"corpus error: {tmp_path / 'nowhere'}: corpus directory not found\n"


def test_a_language_neither_corpus_has_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path, "en", CASE)

    with pytest.raises(SystemExit) as raised:
        evaluate.main([str(tmp_path), "--language", "en", "--language", "xx", "--shared-corpus", str(tmp_path / "no")])

    assert raised.value.code == 2
    assert "neither corpus has xx (they have en)" in capsys.readouterr().err
