"""The engine compiled with mypyc: used only while current, and giving the plain source's results."""

from __future__ import annotations

import ast
import json
import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import claims.extraction
from claims.extraction import build, native
from tests.claims.extraction.test_corpus import CORPUS
from tests.claims.extraction.test_properties import FRAGMENTS, LANGUAGES
from tools import shared_dir
from tools.extraction_corpus import load_corpus

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "samples"
GENERATED_TEXTS = 3000


def _fake_build(tmp_path: Path) -> tuple[Path, Path]:
    package = tmp_path / "package"
    (package / "languages").mkdir(parents=True)
    (package / "engine.py").write_text("X = 1\n")
    (package / "languages" / "base.py").write_text("Y = 2\n")
    build_dir = tmp_path / "build"
    target = build_dir / "claims" / "extraction"
    target.mkdir(parents=True)
    (target / native.STAMP_NAME).write_text(native.source_digest(package) + "\n")
    return package, build_dir


def test_a_current_build_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    monkeypatch.delenv(native.ENV, raising=False)
    package, build_dir = _fake_build(tmp_path)
    # when
    found = native.compiled_dir(build_dir, package)
    # then
    assert found == build_dir / "claims" / "extraction"


@pytest.mark.parametrize("edit", ["engine.py", "languages/base.py", "languages/new.py"])
def test_a_build_of_other_sources_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    # given
    monkeypatch.delenv(native.ENV, raising=False)
    package, build_dir = _fake_build(tmp_path)
    # when
    (package / edit).write_text("Z = 3\n")
    # then
    assert native.compiled_dir(build_dir, package) is None


def test_no_stamp_no_compiled_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(native.ENV, raising=False)
    package, build_dir = _fake_build(tmp_path)
    (build_dir / "claims" / "extraction" / native.STAMP_NAME).unlink()
    assert native.compiled_dir(build_dir, package) is None


@pytest.mark.parametrize("value", ["false", "0", "off", "No"])
def test_the_setting_turns_the_compiled_engine_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    package, build_dir = _fake_build(tmp_path)
    monkeypatch.setenv(native.ENV, value)
    assert native.compiled_dir(build_dir, package) is None
    assert build.main() == 0


def _imported_modules(path: Path) -> set[str]:
    """The modules of the package that a source file imports, as paths relative to the repository."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("claims.extraction"):
            continue
        for name in [node.module or "", *(f"{node.module}.{alias.name}" for alias in node.names)]:
            module = REPO / (name.replace(".", "/") + ".py")
            if module.is_file():
                found.add(str(module.relative_to(REPO)))
    return found


def test_every_module_the_engine_runs_is_compiled() -> None:
    """A module added to the engine is compiled with the others: `MODULES` lists every module that
    `engine.py` imports, directly or through another, but those `PLAIN_MODULES` names."""
    # given
    reached: set[str] = set()
    todo = ["claims/extraction/engine.py"]
    # when
    while todo:
        path = todo.pop()
        if path not in reached:
            reached.add(path)
            todo.extend(_imported_modules(REPO / path))
    # then
    assert reached - set(native.PLAIN_MODULES) == set(native.MODULES)


def _inputs() -> list[tuple[str, str, str | None, date | None, str]]:
    """(name, text, language, published, precision): the corpus, the seeds and samples in every
    language, and text generated from the engine's own cues (seeded, so both sides see the same)."""
    found: list[tuple[str, str, str | None, date | None, str]] = [
        (case.id, case.text, case.language, case.published, case.published_precision)
        for case in load_corpus(CORPUS)
    ]
    seeds = shared_dir() / "seeds"  # third-party text, compared where it is present
    for path in sorted(p for p in [*seeds.glob("*.txt"), *SAMPLES.glob("*.txt")] if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        for language in (None, *LANGUAGES):
            found.append((f"{path.name}/{language}", text, language, date(2023, 12, 8), "day"))
    rng = random.Random(20231207)
    letters = "abcdefghijklmnopqrstuvwxyzéüñ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:-'\"()%\n\u00a0\u202f"
    for index in range(GENERATED_TEXTS):
        parts = [
            rng.choice(FRAGMENTS) if rng.random() < 0.7 else "".join(rng.choices(letters, k=rng.randint(1, 8)))
            for _ in range(rng.randint(1, 60))
        ]
        published = None if rng.random() < 0.2 else date.fromordinal(738000 + rng.randint(0, 900))
        found.append((f"generated {index}", " ".join(parts), rng.choice(LANGUAGES), published,
                      rng.choice(["day", "month", "year"])))
    return found


def outputs() -> dict[str, str]:
    """What `extract` gives each input, written out in full (every field of every claim)."""
    return {
        name: repr(claims.extraction.extract(text, language, published, precision))
        for name, text, language, published, precision in _inputs()
    }


@pytest.fixture(scope="module")
def compiled_outputs() -> dict[str, str]:
    if not claims.extraction.COMPILED:
        reason = build.missing_toolchain() if native.enabled() else f"{native.ENV} is off"
        if reason is None:
            pytest.fail("a C compiler and mypyc are here but the engine is not compiled, or its build is stale: "
                        "run `make engine` (python -m claims.extraction.build)")
        pytest.skip(f"the engine is not compiled: {reason}")
    return outputs()


def _plain_outputs() -> tuple[bool, dict[str, str]]:
    """`outputs()` in a child process that runs the whole package from its source."""
    script = (
        "import json, sys\n"
        "import claims.extraction\n"
        "from tests.claims.extraction.test_native import outputs\n"
        "json.dump([claims.extraction.COMPILED, outputs()], sys.stdout)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, native.ENV: "false"},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    compiled, found = json.loads(completed.stdout)
    return compiled, found


def test_the_compiled_engine_gives_every_input_the_plain_engines_result(compiled_outputs: dict[str, str]) -> None:
    # given
    for path in native.MODULES:
        module = path.removesuffix(".py").replace("/", ".")
        assert not sys.modules[module].__file__.endswith(".py"), module
    # when
    plain_was_compiled, plain = _plain_outputs()
    # then
    assert plain_was_compiled is False
    assert plain.keys() == compiled_outputs.keys()
    assert len(plain) >= GENERATED_TEXTS + 240
    assert sum(text != "[]" for text in plain.values()) >= 2000
    differing = [name for name in plain if plain[name] != compiled_outputs[name]]
    assert differing == []
