"""Build script: the metadata is in pyproject.toml; this only adds the compiled modules.

The pipeline's hot modules (``marsad.native.COMPILED``) are compiled with mypyc into C
extensions beside their sources. Without a C compiler, or with ``MARSAD_PURE_BUILD=1``,
Marsad installs as pure Python and runs the same code more slowly (``marsad.native``).
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def _listed(name: str) -> object:
    """A constant of marsad/native.py, read without importing the package."""
    tree = ast.parse((HERE / "marsad" / "native.py").read_text(encoding="utf-8"))
    for node in tree.body:
        target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
        if isinstance(target, ast.Name) and target.id == name and node.value is not None:  # type: ignore[attr-defined]
            return ast.literal_eval(node.value)  # type: ignore[attr-defined]
    raise LookupError(name)


def _drop_old(keep: set[str]) -> None:
    """Delete the compiled modules an older build left that this one does not make (a
    module is known by its path under marsad/ without suffix: "stages/entities")."""
    for ext in (HERE / "marsad").rglob("*.so"):
        if ext.relative_to(HERE / "marsad").as_posix().split(".", 1)[0] not in keep:
            ext.unlink()


def ext_modules() -> list[object]:
    listed = [str(rel) for rel in _listed("COMPILED")]  # type: ignore[attr-defined]
    group = str(_listed("GROUP"))
    if os.environ.get("MARSAD_PURE_BUILD", "").strip() not in ("", "0"):
        _drop_old(set())
        return []
    _drop_old({rel.removesuffix(".py") for rel in listed} | {group.split(".", 1)[1] + "__mypyc"})
    try:
        from mypyc.build import mypycify

        # the type check runs before the dependencies are installed: modules that are not
        # compiled are read without their errors (numpy, httpx, … may be missing then)
        options = ["--follow-imports=silent"]
        exts = mypycify(
            options + [f"marsad/{rel}" for rel in listed],
            group_name=group,
            opt_level="3",
            debug_level="0",
        )
    except (Exception, SystemExit) as exc:  # mypyc missing or the type check failed
        print(f"marsad: not compiled ({exc}); installing pure Python", file=sys.stderr)
        _drop_old(set())
        return []
    for ext in exts:
        ext.optional = True  # a failed compile leaves pure Python (marsad.native checks)
    return list(exts)


setup(ext_modules=ext_modules())
