"""`python -m tools.evaluate`: the project's corpus, given on the command line, scored and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tools.test_extraction_corpus import write_corpus
from tools import evaluate

CASE = (
    '[[case]]\nid = "en-990"\ntext = "At least 12 people were killed."\n'
    '  [[case.claims]]\n  anchor = "12"\n  metric = "deaths"\n  value = "12"\n'
)


def test_the_given_corpus_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # given
    write_corpus(tmp_path, "en", CASE)

    # when
    status = evaluate.main([str(tmp_path)])

    # then
    out = capsys.readouterr().out
    assert status == 0
    assert f"Project corpus: 1 cases from {tmp_path} in " in out
    assert "\nall       1     1    0     1     1     1    0    0  1.000  1.000  1.000\n" in out


def test_the_project_corpus_must_be_given_and_loadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        evaluate.main([])
    assert raised.value.code == 2
    assert "the following arguments are required: corpus" in capsys.readouterr().err

    assert evaluate.main([str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"corpus error: {tmp_path / 'nowhere'}: corpus directory not found\n"
