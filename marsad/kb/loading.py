"""Locating and reading the data files shipped inside the package."""

from __future__ import annotations

import csv
import io
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def data_path(*parts: str) -> Traversable:
    node = resources.files("marsad").joinpath("data")
    for p in parts:
        node = node.joinpath(p)
    return node


def load_yaml(node: Traversable) -> Any:
    return yaml.load(node.read_text(encoding="utf-8"), Loader=_Loader)


def load_tsv(node: Traversable) -> list[dict[str, str]]:
    text = node.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [row for row in reader if row and not (next(iter(row.values())) or "").startswith("#")]


def split_multi(cell: str | None) -> list[str]:
    if not cell:
        return []
    return [p.strip() for p in cell.split("|") if p.strip()]


def yaml_files(folder: str) -> list[Traversable]:
    node = data_path(folder)
    return sorted(
        (f for f in node.iterdir() if f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name
    )


def load_word_list(node: Traversable) -> frozenset[str]:
    """One normalised word a line; ``#`` starts a comment line."""
    text = node.read_text(encoding="utf-8")
    return frozenset(
        w.strip() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#")
    )
