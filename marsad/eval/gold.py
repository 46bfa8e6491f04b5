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
    region: str = ""  # the subfolder of the gold folder it lies in ("" at the top)


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
    arts = [_load_one(f) for f in files]
    if p.is_dir():
        for art in arts:
            parts = art.path.relative_to(p).parts
            art.region = parts[0] if len(parts) > 1 else ""
    return arts


def _check_event_type(f: Path, event: Any) -> None:
    et = event.get("event_type") if isinstance(event, dict) else None
    ok = isinstance(et, str) or (
        isinstance(et, list) and et and all(isinstance(t, str) for t in et)
    )
    if not ok:
        raise GoldError(f"{f}: event {event!r:.60} has no event_type (a string or a list of them)")


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
    events = list(raw.get("events") or [])
    for ev in events:
        _check_event_type(f, ev)
    return GoldArticle(
        id=str(raw.get("id", f.stem)),
        path=f,
        text=text,
        published=dt.date.fromisoformat(pub) if pub else None,
        events=events,
        not_events=list(raw.get("not_events") or []),
    )
