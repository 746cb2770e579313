"""The engine compiled with mypyc: used only while current, and giving the plain source's results."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claims.extraction
from claims.extraction import build, native
from claims.extraction.evaluate import DEFAULT_CORPUS, load_corpus
from claims.extraction.languages.registry import get_language
from tests.claims.extraction.test_properties import LANGUAGES, text_strategy

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SAMPLES = Path(__file__).resolve().parents[3] / "samples"
TOLERANCE = Decimal("0.1")


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
def test_a_build_older_than_any_source_file_is_not_used(
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


def _plain_engine() -> ModuleType:
    """engine.py loaded from its source under another name, beside the compiled module."""
    name = "claims.extraction._plain_engine"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, native.PACKAGE / "engine.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def engines() -> tuple[ModuleType, ModuleType]:
    if not claims.extraction.COMPILED:
        reason = build.missing_toolchain() if native.enabled() else f"{native.ENV} is off"
        if reason is None:
            pytest.fail("a C compiler and mypyc are here but the engine is not compiled, or its build is stale: "
                        "run `make engine` (python -m claims.extraction.build)")
        pytest.skip(f"the engine is not compiled: {reason}")
    plain = _plain_engine()
    assert plain.__file__.endswith("engine.py")
    assert not claims.extraction.engine.__file__.endswith(".py")
    return claims.extraction.engine, plain


def _both(engines: tuple[ModuleType, ModuleType], text: str, language: str, published: date | None,
          precision: str = "day") -> tuple[object, object]:
    compiled, plain = engines
    lexicon = get_language(language)
    return tuple(
        module.run(text, lexicon, published, precision, TOLERANCE) for module in (compiled, plain)
    )  # type: ignore[return-value]


def test_compiled_engine_gives_the_corpus_the_plain_engines_results(engines) -> None:
    # given
    cases = load_corpus(DEFAULT_CORPUS)
    differing = []
    claims_seen = 0
    # when
    for case in cases:
        compiled, plain = _both(engines, case.text, case.language, case.published, case.published_precision)
        claims_seen += len(plain)
        if compiled != plain:
            differing.append(case.id)
    # then
    assert len(cases) >= 240 and claims_seen >= 240
    assert differing == []


def test_compiled_engine_gives_the_seeds_and_samples_the_plain_engines_results(engines) -> None:
    paths = sorted(p for p in [*SEEDS.glob("*"), *SAMPLES.glob("*")] if p.is_file())
    assert len(paths) >= 10
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for language in LANGUAGES:
            compiled, plain = _both(engines, text, language, date(2023, 12, 8))
            assert compiled == plain, (path.name, language)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=text_strategy,
    language=st.sampled_from(LANGUAGES),
    published=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))),
    precision=st.sampled_from(["day", "month", "year"]),
)
def test_compiled_engine_gives_any_text_the_plain_engines_results(
    engines, text: str, language: str, published: date | None, precision: str
) -> None:
    compiled, plain = _both(engines, text, language, published, precision)
    assert compiled == plain
