"""Which of Marsad's modules run compiled, and the guard that keeps a stale build out.

The pipeline's hot modules (:data:`COMPILED`: text, parsing, matching, the stages, the
records) are plain typed Python. When Marsad is installed (``pip install -e .`` or
``pip install .``) ``setup.py`` compiles them with mypyc into C extensions that sit next
to their sources (``marsad/stages/entities.cpython-311-….so``); Python then imports the
extension instead of the ``.py``. The code is the same, and so are its results (a test
runs both builds on the same articles); the compiled build codes an article about 1.6×
as fast.

Hot classes: the ``__init__`` a dataclass generates is ordinary interpreted Python even in
the compiled build (and a frozen dataclass's sets each field through ``object.__setattr__``,
about 6× the cost of a compiled ``__init__``). The classes made by the thousand for every
article (matches, mentions, dates, quantities, evidence) therefore write their ``__init__``
out, so that mypyc compiles it, and are not frozen (those that were keep a hash of their
fields: ``unsafe_hash``). ``tests/test_native.py`` checks that each written ``__init__``
takes exactly the class's fields, with their defaults.

The compiled modules call each other directly, so they are used all together or not at
all. They are not used, and every module listed is loaded from its source instead, when:

- ``MARSAD_PURE=1`` is set (debugging, profiling, coverage, or to compare the builds);
- the build is incomplete (no compiler at install time, or one module failed);
- a source file is newer than its compiled module: someone edited the code since the
  last install. A warning says so once; ``pip install -e .`` compiles again.

A compiled module that is not listed (an older build left it) is never used.

:func:`state` tells which build runs (``marsad --version`` prints it).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: the modules compiled at install, as paths under the package folder (setup.py reads them)
COMPILED: tuple[str, ...] = (
    "document.py",
    "text/normalize.py",
    "text/segment.py",
    "text/tokens.py",
    "kb/actors.py",
    "kb/base.py",
    "kb/loading.py",
    "kb/matcher.py",
    "kb/places.py",
    "kb/triggers.py",
    "parse/dates.py",
    "parse/numbers.py",
    "stages/arguments.py",
    "stages/classify.py",
    "stages/dedup.py",
    "stages/entities.py",
    "stages/events.py",
    "stages/geocode.py",
    "stages/spans.py",
    "stages/text.py",
    "stages/vet.py",
    "output/notes.py",
    "output/record.py",
    "output/writers.py",
    "chunking.py",
    "engine/extract.py",
    "dedup/cluster.py",
    "dedup/geo.py",
    "dedup/keys.py",
    "dedup/reconcile.py",
    "dedup/rules.py",
    "store/events.py",
    "store/jsonutil.py",
    "store/rows.py",
)
#: the shared library mypyc builds for the group (setup.py names it so)
GROUP = "marsad._native"

_PACKAGE = Path(__file__).resolve().parent
_state: str | None = None


def module_name(path: str) -> str:
    """``"stages/entities.py"`` → ``"marsad.stages.entities"``."""
    return "marsad." + path.removesuffix(".py").replace("/", ".")


def _extensions(package: Path) -> dict[str, Path]:
    """Every compiled module in ``package``: the path of its source (``"stages/entities.py"``)
    → the extension."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    out: dict[str, Path] = {}
    for folder, _dirs, files in os.walk(package):
        for name in files:
            if name.endswith(suffixes):
                source = Path(folder, name.split(".", 1)[0] + ".py")
                out[source.relative_to(package).as_posix()] = Path(folder, name)
    return out


def _why_pure(
    package: Path,
    modules: Sequence[str],
    group_found: bool,
    extensions: dict[str, Path] | None = None,
) -> str | None:
    """Why the compiled build cannot be used (None: it can)."""
    if os.environ.get("MARSAD_PURE", "").strip() not in ("", "0"):
        return "MARSAD_PURE is set"
    if not group_found:
        return "not compiled"
    if extensions is None:
        extensions = _extensions(package)
    for rel in modules:
        ext = extensions.get(rel)
        if ext is None:
            return f"incomplete build: {rel} was not compiled"
        if (package / rel).stat().st_mtime > ext.stat().st_mtime:
            return f"stale build: {rel} changed after it was compiled"
    return None


class _SourceFirst:
    """A meta path finder that loads the listed modules from their ``.py`` files."""

    def __init__(self, package: Path, modules: Sequence[str]) -> None:
        self._paths = {module_name(rel): package / rel for rel in modules}

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self._paths.get(name)
        if source is None or not source.exists():
            return None
        return importlib.util.spec_from_file_location(name, source)


def _strays(
    package: Path, modules: Sequence[str], extensions: dict[str, Path] | None = None
) -> list[str]:
    """Compiled modules in the package that are not (or no longer) listed: a build of an
    older version left them. Their ``.py`` must win."""
    listed = set(modules)
    if extensions is None:
        extensions = _extensions(package)
    return [rel for rel in extensions if rel not in listed and (package / rel).exists()]


def install_guard() -> str:
    """Decide once, before any compiled module is imported, which build runs; return it
    (``"compiled"`` or ``"pure (why)"``)."""
    global _state
    if _state is not None:
        return _state
    extensions = _extensions(_PACKAGE)  # one walk of the package for both checks
    group_found = importlib.util.find_spec(GROUP + "__mypyc") is not None
    why = _why_pure(_PACKAGE, COMPILED, group_found, extensions)
    strays = _strays(_PACKAGE, COMPILED, extensions)
    if why is not None and why.startswith("stale"):
        warnings.warn(
            f"marsad: {why}; running the pure Python modules (pip install -e . compiles "
            "them again)",
            RuntimeWarning,
            stacklevel=2,
        )
    if why is not None and why != "not compiled":  # keep Python from picking the extensions
        strays += COMPILED
    if strays:
        sys.meta_path.insert(0, _SourceFirst(_PACKAGE, strays))
    _state = "compiled" if why is None else f"pure ({why})"
    return _state


def state() -> str:
    """``"compiled"``, or ``"pure (why)"``: which build of the pipeline this process runs."""
    return install_guard()


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension."""
    return isinstance(getattr(module, "__loader__", None), importlib.machinery.ExtensionFileLoader)
