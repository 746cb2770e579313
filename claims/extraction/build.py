"""Build the compiled engine (see `claims.extraction.native`).

    .venv/bin/python -m claims.extraction.build

Prints what it did; exits 1 only when compilation itself fails (a type error in the engine, say).
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

from claims.extraction.native import BUILD_DIR, ENV, MODULES, REPO, STAMP_NAME, compiled_dir, enabled, source_digest


def missing_toolchain() -> str | None:
    """Why a C extension cannot be built here, or None when it can."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.exists():
        return f"no Python headers ({headers})"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc is not installed (requirements.txt pins mypy, which carries it)"
    return None


def build(build_dir: Path = BUILD_DIR) -> Path:
    """Compile MODULES into build_dir, with the stamp of the sources they were compiled from."""
    from mypyc.build import mypycify
    from setuptools import setup

    digest = source_digest()
    # Built beside its destination, so that the finished build is put in place by a rename: a process
    # starting meanwhile finds the old build, none (and runs the plain engine), or the new one.
    build_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".mypyc-", dir=build_dir.parent) as scratch:
        output = Path(scratch) / "lib"
        here = Path.cwd()
        # mypycify takes paths relative to the working directory and reads pyproject.toml's mypy
        # settings from it.
        os.chdir(REPO)
        try:
            setup(
                name="tally-compiled-engine",
                packages=[],
                py_modules=[],
                # One shared library for all the modules (calls between them stay native C calls),
                # named inside the package (claims/extraction/compiled__mypyc), so that it is found
                # through the package's path like each module's own small extension beside it, and
                # none has to be on the top level of the import path. One library also compiles in
                # half the time of one per module. mypyc gives such a module a `__file__` as if the
                # library sat at the top of the tree; only its suffix is read (`COMPILED`).
                ext_modules=mypycify(
                    list(MODULES),
                    opt_level="3",
                    separate=[(list(MODULES), "claims.extraction.compiled")],
                    target_dir=str(Path(scratch) / "c"),
                ),
                script_args=[
                    "--quiet",
                    "build_ext",
                    "--build-lib",
                    str(output),
                    "--build-temp",
                    str(Path(scratch) / "temp"),
                ],
            )
        finally:
            os.chdir(here)
        target = output / "claims" / "extraction"
        (target / STAMP_NAME).write_text(digest + "\n")
        if build_dir.exists():
            shutil.rmtree(build_dir)
        output.rename(build_dir)
    return build_dir / "claims" / "extraction"


def main() -> int:
    if not enabled():
        print(f"engine: plain Python ({ENV} is off); nothing to build")
        return 0
    if compiled_dir() is not None:
        print(f"engine: compiled build in {BUILD_DIR.relative_to(REPO)} is up to date")
        return 0
    reason = missing_toolchain()
    if reason is not None:
        print(f"engine: not compiled, {reason}; the plain Python engine is used (slower, same results)")
        return 0
    print(f"engine: compiling {', '.join(MODULES)} with mypyc ...", flush=True)
    try:
        target = build()
    except SystemExit as error:
        # setuptools reports a failed compilation (or mypy's type errors) by exiting.
        print(f"engine: compilation failed ({error}); see the errors above", file=sys.stderr)
        return 1
    print(f"engine: compiled into {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
