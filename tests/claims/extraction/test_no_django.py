"""The extraction engine stays pure Python: no Django, no app module outside claims.extraction."""

from __future__ import annotations

import ast
from pathlib import Path

import claims.extraction

PACKAGE = Path(claims.extraction.__file__).resolve().parent
FORBIDDEN_ROOTS = ("django", "articles", "rest_framework", "celery", "config")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # A relative import stays inside the package unless it climbs above it.
                package_depth = len(path.relative_to(PACKAGE).parts) - 1
                if node.level > package_depth + 1:
                    names.append("claims." + (node.module or ""))
                continue
            names.append(node.module or "")
    return names


def _offending(name: str) -> bool:
    root = name.split(".")[0]
    if root in FORBIDDEN_ROOTS:
        return True
    return root == "claims" and not (name == "claims.extraction" or name.startswith("claims.extraction."))


def test_engine_imports_nothing_from_django_or_the_apps() -> None:
    # given
    sources = sorted(PACKAGE.rglob("*.py"))
    # when
    offending = {
        f"{path.relative_to(PACKAGE)}: {name}" for path in sources for name in _imports(path) if _offending(name)
    }
    # then
    assert len(sources) >= 8
    assert offending == set()


def test_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    """The walk itself is tested, so a broken walk cannot pass silently."""
    assert _offending("django.db")
    assert _offending("claims.models")
    assert _offending("articles.services")
    assert not _offending("claims.extraction.types")
    assert not _offending("decimal")
