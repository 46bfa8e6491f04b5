"""``marsad eval``: run the pipeline over gold articles and print the scores."""

from __future__ import annotations

import json
import sys
from typing import Any

from marsad.api import extract
from marsad.eval.gold import GoldError, load_gold
from marsad.eval.scoring import FIELDS, ArticleResult, gold_place, score_article
from marsad.eval.summary import (
    Score,
    actor_confusions,
    by_region,
    by_type,
    no_event_articles,
    place_errors,
)
from marsad.eval.tables import Cell, table
from marsad.pipeline import default_pipeline

FIELD_HEADERS = ("sub_type", "actor1", "actor2", "date", "location", "fatal")


def evaluate(path: str, mode: str | None = None) -> list[ArticleResult]:
    """Per-article scores of the pipeline in ``mode`` (rules / models / both; None: default)."""
    pipeline = default_pipeline(mode=mode)
    results = []
    for art in load_gold(path):
        preds = extract(
            art.text, art.published, article_id=art.id, source=str(art.path), pipeline=pipeline
        )
        results.append(
            score_article(
                art.events, preds, art.text, art.not_events, label=art.id, region=art.region
            )
        )
    return results


def run_eval(
    path: str, *, as_json: bool = False, verbose: bool = False, mode: str | None = None
) -> int:
    try:
        results = evaluate(path, mode)
    except GoldError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(report_json(results), indent=2, ensure_ascii=False))
    else:
        print(report_text(results, verbose=verbose))
    return 0


def report_json(results: list[ArticleResult]) -> dict[str, Any]:
    regions = by_region(results)
    silent = no_event_articles(results)
    return {
        **Score.of(results).as_json(),
        "fields_on": "found required events",
        "per_type": {t: s.type_json() for t, s in by_type(results).items()},
        "per_region": {g: s.as_json() for g, s in regions.items()} if _has_regions(regions) else {},
        "actor_confusions": [
            {"field": f, "predicted": p, "gold": g, "count": n}
            for f, p, g, n in actor_confusions(results)
        ],
        "place_errors": [
            {
                "article": e.article_id,
                "event": e.event_id,
                "kind": e.kind,
                "predicted": list(e.predicted),
                "gold": e.gold,
            }
            for e in place_errors(results)
        ],
        "no_event_articles": {
            "count": len(silent),
            "with_predictions": {a: n for a, n in silent if n},
        },
    }


def report_text(results: list[ArticleResult], *, verbose: bool = False) -> str:
    s = Score.of(results)
    out = [
        f"articles: {s.articles}; gold events: {s.required} required + {s.optional} optional; "
        f"predicted: {s.predicted}",
        f"events      precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
        f"(TP {s.tp}, FP {s.fp}, FN {s.fn}; on optional events, not counted: {s.neutral}; "
        f"FP on not_events: {s.not_event_false})",
        f"fields on the {s.tp} found required events:",
    ]
    out += [f"  {f:<15} {s.field_right[f]:>4}/{s.tp:<4} {s.accuracy(f):.3f}" for f in FIELDS]
    silent = no_event_articles(results)
    talkative = [(a, n) for a, n in silent if n]
    out.append(
        f"articles with no required event: {len(silent)}; "
        f"with >=1 predicted event: {len(talkative)} (should be 0)"
    )
    out += [
        "",
        "per event type (recall by gold type, the first listed; precision by predicted type):",
    ]
    out.append(type_table(by_type(results)))
    regions = by_region(results)
    if _has_regions(regions):
        out += ["", "per region (fields on found required events):", region_table(regions, s)]
    if verbose:
        out += ["", *verbose_lines(results)]
    return "\n".join(out)


def type_table(types: dict[str, Score]) -> str:
    rows: list[list[Cell]] = [
        [t, s.required, s.found, s.tp, s.fp, s.neutral, s.precision, s.recall, s.f1]
        for t, s in types.items()
    ]
    return table(("event_type", "gold", "found", "TP", "FP", "opt", "P", "R", "F1"), rows)


def region_table(regions: dict[str, Score], total: Score) -> str:
    def row(name: str, s: Score) -> list[Cell]:
        return [
            name, s.articles, s.required, s.predicted, s.tp, s.fp, s.fn, s.neutral,
            s.precision, s.recall, s.f1, *(s.accuracy(f) for f in FIELDS),
        ]  # fmt: skip

    rows = [row(g or "(top)", s) for g, s in regions.items()] + [row("total", total)]
    headers = ("region", "n", "req", "pred", "TP", "FP", "FN", "opt", "P", "R", "F1")
    return table((*headers, *FIELD_HEADERS), rows)


def verbose_lines(results: list[ArticleResult]) -> list[str]:
    out = ["actor confusions on found required events (most frequent first):"]
    confusions = actor_confusions(results)
    if confusions:
        out.append(table(("field", "predicted", "gold (first accepted)", "n"), confusions))
    else:
        out.append("  none")
    out.append("place errors (missed: a false prediction of the same type and date was elsewhere):")
    errors = place_errors(results)
    out += [
        f"  {e.article_id} {e.event_id} {e.kind}: predicted {' / '.join(e.predicted)}; gold {e.gold}"
        for e in errors
    ] or ["  none"]
    out.append("articles with no required event that got predictions:")
    out += [f"  {a}: {n} predicted" for a, n in no_event_articles(results) if n] or ["  none"]
    out.append("events:")
    for r in results:
        out += [f"  {line}" for line in _event_lines(r)]
    return out


def _event_lines(r: ArticleResult) -> list[str]:
    lines = []
    for m in r.found:
        wrong = ", ".join(f"{f}={m.pred.get(f)!r}" for f in m.wrong)
        lines.append(
            f"{r.article_id} found {m.gold.get('id')} ({m.pred.get('event_type')})"
            + (f"; wrong: {wrong}" if wrong else "")
        )
    for m in r.neutral:
        lines.append(f"{r.article_id} optional {m.gold.get('id')} ({m.pred.get('event_type')})")
    for g in r.missed:
        lines.append(
            f"{r.article_id} MISSED {g.get('id')} ({g.get('event_type')}, {g.get('event_date')}, "
            f"{gold_place(g)})"
        )
    for p in r.false:
        lines.append(
            f"{r.article_id} FALSE {p.get('event_type')} {p.get('actor1')} vs {p.get('actor2')} "
            f"at {p.get('location')} on {p.get('event_date')}"
        )
    return lines


def _has_regions(regions: dict[str, Score]) -> bool:
    return any(regions)
