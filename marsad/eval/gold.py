"""Reading gold annotation files."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class GoldError(Exception):
    """A gold file that cannot be read; str() is one line."""


@dataclass(slots=True)
class GoldArticle:
    id: str
    path: Path
    text: str
    published: dt.date | None
    events: list[dict[str, Any]]
    not_events: list[dict[str, Any]] = field(default_factory=list)


def load_gold(path: str | Path) -> list[GoldArticle]:
    """One gold .json file, or every ``*.json`` under a folder (recursively)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*.json"))
        if not files:
            raise GoldError(f"{p}: no gold .json files found")
    elif p.is_file():
        files = [p]
    else:
        raise GoldError(f"{p}: no such file or folder")
    return [_load_one(f) for f in files]


def _load_one(f: Path) -> GoldArticle:
    try:
        raw = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{f}: not a readable gold file ({exc})") from None
    if not isinstance(raw, dict) or "text_file" not in raw:
        raise GoldError(f"{f}: not a gold file (no text_file)")
    text_path = f.parent / raw["text_file"]
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError:
        raise GoldError(f"{f}: its text file {text_path} cannot be read") from None
    pub = raw.get("published")
    return GoldArticle(
        id=str(raw.get("id", f.stem)),
        path=f,
        text=text,
        published=dt.date.fromisoformat(pub) if pub else None,
        events=list(raw.get("events") or []),
        not_events=list(raw.get("not_events") or []),
    )
