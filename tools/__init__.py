"""Tools that measure the project and are no part of it: evaluators, scorers, corpus generators.

Run from the project root (`python -m tools.evaluate tests/claims/extraction/corpus`,
`python -m tools.syndication_eval`). The apps import nothing from here, and what a tool reads is
passed in or found through the environment, never a path into tests/.

Third-party text (the seed articles, the real-news corpus) is kept beside the project, never in
it: in the folder TALLY_SHARED_DIR names, by default `shared/` beside the checkout (../shared).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_ENV = "TALLY_SHARED_DIR"


def shared_dir() -> Path:
    """The folder of third-party text: TALLY_SHARED_DIR, else ../shared beside the checkout.

    Read on each call (not at import), so that a test or a script can point it elsewhere.
    """
    value = os.environ.get(SHARED_ENV, "").strip()
    return Path(value).expanduser() if value else REPO_ROOT.parent / "shared"
