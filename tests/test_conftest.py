"""Tests that read third-party text (the seeds, the real-news corpus) run on any clone: where the
folder is absent they are skipped, saying why, instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

READERS = [
    "tests/claims/extraction/test_seeds.py",
    "tests/tools/test_shared_corpus.py::test_the_real_news_corpus_is_scored_in_its_six_languages",
]


def test_without_the_shared_folder_its_readers_are_skipped_with_the_reason(tmp_path: Path) -> None:
    # given
    absent = tmp_path / "shared"
    environment = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    environment["TALLY_SHARED_DIR"] = str(absent)

    # when
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:randomly", "-p", "no:cacheprovider", *READERS],
        cwd=REPO_ROOT, env=environment, capture_output=True, text=True,
    )

    # then
    out = completed.stdout
    assert completed.returncode == 0, out[-3000:]
    assert "4 skipped" in out.splitlines()[-1], out[-3000:]
    assert out.count(f"the seed articles (third-party text) are read from {absent / 'seeds'}, which is absent; "
                     "TALLY_SHARED_DIR names the folder that holds seeds/") == 3
    assert f"the real-news corpus's articles (third-party text) are read from {absent / 'corpus'}, which is absent" in out
