"""The one-call API: ``marsad.extract(text, published=...)`` → list of event records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.chunking import chunks
from marsad.output.record import event_records
from marsad.pipeline import Pipeline, default_pipeline

_default: Pipeline | None = None


def extract(
    text: str,
    published: dt.date | str | None = None,
    *,
    article_id: str = "article",
    source: str = "",
    pipeline: Pipeline | None = None,
) -> list[dict[str, Any]]:
    """Events of one Arabic article as ACLED-style records (see ``marsad.output.record``)."""
    global _default
    if pipeline is None:
        if _default is None:
            _default = default_pipeline()
        pipeline = _default
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    records: list[dict[str, Any]] = []
    for offset, piece in chunks(text):
        doc = pipeline(piece, published=published, article_id=article_id, source=source)
        for rec in event_records(doc):
            for ev in rec["evidence"]:
                ev["start"] += offset
                ev["end"] += offset
            records.append(rec)
    for i, rec in enumerate(records, 1):
        rec["event_id"] = f"{article_id}-{i}"
    return records
