"""Tools stay out of the app: the runtime packages import nothing from tools/ or tests/, and no
code, app or tool, names a path into tests/ (a tool is given its paths or finds them in settings)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT

RUNTIME_PACKAGES = ("articles", "claims", "config")
FORBIDDEN_IN_RUNTIME = ("tools", "tests")


def _sources(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (REPO_ROOT / package).rglob("*.py"))


def _imports(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.append(node.module or "")
    return names


def _paths_into_tests(tree: ast.AST) -> list[str]:
    """String constants that are, or start, a path into tests/ ("tests", "tests/claims/...")."""
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and (node.value == "tests" or node.value.startswith(("tests/", "tests\\")))
    ]


def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_runtime_packages_import_nothing_from_tools_or_tests() -> None:
    # given
    sources = _sources(*RUNTIME_PACKAGES)
    # when
    offending = {
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in sources
        for name in _imports(_parse(path))
        if name.split(".")[0] in FORBIDDEN_IN_RUNTIME
    }
    # then
    assert len(sources) > 50
    assert offending == set()


def test_no_app_or_tool_names_a_path_into_tests() -> None:
    # given
    sources = _sources(*RUNTIME_PACKAGES, "tools")
    # when
    offending = {f"{path.relative_to(REPO_ROOT)}: {value!r}" for path in sources for value in _paths_into_tests(_parse(path))}
    # then
    assert offending == set()


def test_the_checks_catch_what_they_look_for() -> None:
    """The walks themselves are tested, so a broken walk cannot pass silently."""
    tree = ast.parse(
        'from tools.evaluate import main\nimport tests.conftest\nfrom . import sibling\n'
        'CORPUS = ROOT / "tests" / "claims"\nOTHER = "tests/claims/extraction/corpus"\n'
        'FINE = "the tests pass"\n'
    )
    assert _imports(tree) == ["tools.evaluate", "tests.conftest"]
    assert sorted(_paths_into_tests(tree)) == ["tests", "tests/claims/extraction/corpus"]


# Past this a module holds more than one job: split it by job, as claims/apis/ (a module per
# resource) and claims/services/conflicts/ (candidates, lookups, figures, detection).
MAX_MODULE_LINES = 600


def test_no_runtime_module_is_over_600_lines() -> None:
    # given
    sources = [path for path in _sources(*RUNTIME_PACKAGES) if "migrations" not in path.parts]
    # when
    long = {
        f"{path.relative_to(REPO_ROOT)}: {lines} lines"
        for path in sources
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    # then
    assert len(sources) > 50
    assert long == set()
