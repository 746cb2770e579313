"""The loader of the extraction corpus: a mistake in a case is refused with a message naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.extraction_corpus import CorpusError, load_corpus, load_corpus_file


def write_corpus(directory: Path, language: str, body: str) -> Path:
    path = directory / f"{language}.toml"
    path.write_text(f'language = "{language}"\n\n{body}', encoding="utf-8")
    return path


def test_loader_rejects_an_anchor_missing_from_the_text_naming_file_and_case(tmp_path: Path) -> None:
    """A malformed case stops the load with a message naming the file, the case and the problem."""
    # given
    path = write_corpus(
        tmp_path,
        "en",
        '[[case]]\nid = "en-900"\ntext = "At least 12 people were killed."\n'
        '  [[case.claims]]\n  anchor = "13"\n  metric = "deaths"\n',
    )

    # when
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)

    # then
    message = str(raised.value)
    assert str(path) in message
    assert "'en-900'" in message
    assert "anchor '13' (occurrence 1) is not in the text" in message


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ('anchor = "12"\n  metric = "casualties"', "metric 'casualties' is not a tracked metric"),
        ('anchor = "12"\n  metric = "deaths"\n  value = "twelve"', "value = 'twelve' is not a decimal"),
        ('anchor = "12"\n  metric = "deaths"\n  value = 12.5', "value must be a decimal string"),
        ('anchor = "12"\n  metric = "deaths"\n  qualifier = "roughly"', "qualifier 'roughly' is not one of"),
        ('anchor = "12"\n  metric = "deaths"\n  lower = "20"\n  upper = "10"', "breaks lower <= upper"),
        ('anchor = "12"\n  metric = "deaths"\n  as_of = "12/10/2023"', "is not \"YYYY-MM-DD\""),
        ('anchor = "12"\n  metric = "deaths"\n  part_of = "40"', "part_of anchor '40' is not in the text"),
        ('anchor = "12"\n  metric = "deaths"\n  occurrence = 2', "(occurrence 2) is not in the text"),
        ('anchor = "12"\n  metric = "deaths"\n  subjet = "gaza-strip"', "unknown key(s) subjet"),
        ('anchor = "12"', "missing key(s) metric"),
    ],
)
def test_loader_rejects_malformed_claims(tmp_path: Path, claim: str, problem: str) -> None:
    """Each kind of mistake in an expected claim is refused with a message saying what is wrong."""
    # given
    write_corpus(tmp_path, "en", f'[[case]]\nid = "en-901"\ntext = "At least 12 people were killed."\n  [[case.claims]]\n  {claim}\n')

    # when
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)

    # then
    assert "'en-901'" in str(raised.value)
    assert problem in str(raised.value)


def test_loader_rejects_a_repeated_id_and_a_wrong_language(tmp_path: Path) -> None:
    """Ids are unique across the corpus, and a file's language is its name."""
    # given
    case = '[[case]]\nid = "x-1"\ntext = "Nothing here."\n'
    write_corpus(tmp_path, "en", case)
    write_corpus(tmp_path, "fr", case)
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "de.toml").write_text(f'language = "es"\n{case}', encoding="utf-8")

    # when / then
    with pytest.raises(CorpusError, match="repeats an id"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="must equal the file name 'de'"):
        load_corpus_file(wrong / "de.toml")


def test_loader_reads_month_precision_and_escaped_spaces(tmp_path: Path) -> None:
    """ "YYYY-MM" is the 1st of the month with month precision; \\u escapes reach the text and anchor."""
    # given
    write_corpus(
        tmp_path,
        "fr",
        '[[case]]\nid = "fr-900"\ntext = "Au moins 20\\u202f000 morts."\npublished = "2023-12"\n'
        '  [[case.claims]]\n  anchor = "20\\u202f000"\n  metric = "deaths"\n  upper = "none"\n',
    )

    # when
    (case,) = load_corpus(tmp_path)

    # then
    assert case.published.isoformat() == "2023-12-01"
    assert case.published_precision == "month"
    assert case.claims[0].anchor == "20\u202f000"
    assert (case.claims[0].start, case.claims[0].end) == (9, 15)
    assert case.claims[0].given == {"metric": "deaths", "upper": None}
