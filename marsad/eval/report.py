"""``marsad eval``: run the pipeline over gold articles and print the scores."""

from __future__ import annotations

import json
import sys

from marsad.api import extract
from marsad.eval.gold import GoldError, load_gold
from marsad.eval.scoring import FIELDS, Score, score_article
from marsad.pipeline import default_pipeline


def evaluate(path: str, mode: str | None = None) -> Score:
    """Scores of the pipeline in ``mode`` (rules / models / both; None: the default)."""
    pipeline = default_pipeline(mode=mode)
    total = Score()
    for art in load_gold(path):
        preds = extract(
            art.text, art.published, article_id=art.id, source=str(art.path), pipeline=pipeline
        )
        total.add(score_article(art.events, preds, art.text, art.not_events, label=art.id))
    return total


def run_eval(
    path: str, *, as_json: bool = False, verbose: bool = False, mode: str | None = None
) -> int:
    try:
        s = evaluate(path, mode)
    except GoldError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(
            json.dumps(
                {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                    "gold_required": s.gold_required,
                    "gold_optional": s.gold_optional,
                    "predicted": s.predicted,
                    "not_event_false_positives": s.not_event_hits,
                    "fields": {f: round(s.accuracy(f), 4) for f in FIELDS},
                    "found_events": s.field_total,
                },
                indent=2,
            )
        )
        return 0
    print(
        f"gold events: {s.gold_required} required + {s.gold_optional} optional; "
        f"predicted: {s.predicted}"
    )
    print(
        f"events      precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
        f"(TP {s.tp}, FP {s.fp}, FN {s.fn}; FP on not_events: {s.not_event_hits})"
    )
    print(f"fields on {s.field_total} found events:")
    for f in FIELDS:
        print(f"  {f:<15} {s.field_right[f]:>4}/{s.field_total:<4} {s.accuracy(f):.3f}")
    if verbose:
        for line in s.details:
            print("  " + line)
    return 0
