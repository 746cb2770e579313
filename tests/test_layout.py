"""The arrows between the packages: each imports only the packages below it (README, "Packages"),
at module level or inside a function; the runtime packages import nothing from tools/ or tests/,
and no code, app or tool, names a path into tests/ (a tool is given its paths or finds them in
settings); no runtime module is over 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT

RUNTIME_PACKAGES = ("core", "users", "articles", "claims", "config")
FORBIDDEN_IN_RUNTIME = ("tools", "tests")

# Which package of the project may import which (besides itself; the standard library and
# third-party packages are not the business of this map). One way only, so that no cycle can form.
# A module belongs to the longest entry its dotted name starts with.
APPS = frozenset({"core", "users", "articles", "claims"})
ARROWS: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "articles": frozenset({"core"}),
    "claims": frozenset({"core", "articles", "claims.extraction"}),
    # The extraction engine: pure Python (tests/claims/extraction/test_no_django.py).
    "claims.extraction": frozenset(),
    # The audit trail, which records what an admin does to users, is claims'.
    "users": frozenset({"core", "claims"}),
    # Settings, the Celery app, wsgi: configuration, which names the apps only as strings.
    "config": frozenset(),
    # The URLconfs import the views they route to.
    "config.urls": APPS,
    "config.api_urls": APPS,
}
PROJECT_ROOTS = frozenset({*RUNTIME_PACKAGES, "tools", "tests", "bench"})


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


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST, module: str, *, is_package: bool = False) -> list[str]:
    """Every module `module` imports, anywhere in it (at module level, in a function, under
    TYPE_CHECKING), as absolute names: `from a import b` is "a.b" (b may be a module), a relative
    import is resolved, and `importlib.import_module("a.b")` with a literal name counts too."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            names.extend(base if alias.name == "*" else f"{base}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in
              ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            names.append(node.args[0].value)
    return names


def _package(name: str) -> str | None:
    """The entry of ARROWS that `name` belongs to, or None for a module outside the map."""
    owners = [key for key in ARROWS if name == key or name.startswith(key + ".")]
    return max(owners, key=len) if owners else None


def _allowed(importer: str, imported: str) -> bool:
    """Whether the module `importer` may import `imported` (a module or a name in one)."""
    if imported.split(".")[0] not in PROJECT_ROOTS:
        return True
    source, target = _package(importer), _package(imported)
    if source is None:
        return True
    if target is None:
        return False
    # A package imports itself; config's modules are one package among themselves.
    same = source == target or source.split(".")[0] == target.split(".")[0] == "config"
    return same or target in ARROWS[source]


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


def test_each_package_imports_only_what_its_arrows_allow() -> None:
    # given every runtime module but the migrations (which name their dependencies as strings)
    sources = [path for path in _sources(*RUNTIME_PACKAGES) if "migrations" not in path.parts]
    # when
    offending = {
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in sources
        for name in _imported(_parse(path), _module_name(path), is_package=path.name == "__init__.py")
        if not _allowed(_module_name(path), name)
    }
    # then (and every entry of the map still names modules)
    assert {_package(_module_name(path)) for path in sources} == set(ARROWS)
    assert offending == set()


def test_the_arrows_check_catches_what_it_looks_for() -> None:
    """The walk and the verdict are tested, so a broken check cannot pass silently."""
    # given imports at module level, inside a function, relative and by name
    tree = ast.parse(
        "import claims.models\nfrom core.api import MAX_ID\nfrom . import parsing\nfrom .models import *\n"
        "def later():\n    from claims.tasks import detect_conflicts\n"
        "    importlib.import_module('claims.services.pipeline')\n"
    )
    # when
    names = _imported(tree, "articles.services")
    # then
    assert names == ["claims.models", "core.api.MAX_ID", "articles.parsing", "articles.models",
                     "claims.tasks.detect_conflicts", "claims.services.pipeline"]
    assert [name for name in names if not _allowed("articles.services", name)] == [
        "claims.models", "claims.tasks.detect_conflicts", "claims.services.pipeline"]
    assert _imported(ast.parse("from .. import handoff"), "claims.services.pipeline") == ["claims.handoff"]
    assert _imported(ast.parse("from . import apps"), "users", is_package=True) == ["users.apps"]
    assert _allowed("claims.services.pipeline", "articles.handoff.Reader")
    assert _allowed("claims.admin", "claims.extraction.detect")
    assert not _allowed("claims.extraction.engine", "claims.models")
    assert not _allowed("core.api", "claims.workflow.TransitionNotAllowed")
    assert not _allowed("config.settings.base", "articles.models")
    assert _allowed("config.api_urls", "users.apis")
    assert not _allowed("claims.tasks", "tools.evaluate")
    assert _allowed("claims.tasks", "django.db") and _allowed("bench.api", "claims.models")


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
