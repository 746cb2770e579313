"""Where the tools and the tests find third-party text: TALLY_SHARED_DIR, else ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import REPO_ROOT, shared_dir


def test_the_shared_folder_is_beside_the_checkout_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TALLY_SHARED_DIR", raising=False)

    assert shared_dir() == REPO_ROOT.parent / "shared"
    assert (REPO_ROOT / "manage.py").is_file()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_setting_is_the_default(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("TALLY_SHARED_DIR", value)

    assert shared_dir() == REPO_ROOT.parent / "shared"


def test_the_setting_names_another_folder_and_is_read_on_each_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TALLY_SHARED_DIR", str(tmp_path / "one"))
    first = shared_dir()
    monkeypatch.setenv("TALLY_SHARED_DIR", str(tmp_path / "two"))

    assert (first, shared_dir()) == (tmp_path / "one", tmp_path / "two")
