"""Does more annotation pay? Gold-set F1 after training on 25 %, 50 % and 100 % of the corpus.

    python bench/learning_curve.py [--train ../shared/train] [--gold ../shared/gold] [--seed 0]

For each share, a seeded random subset of the training articles trains both models (into a
temporary folder; the shipped models are not touched), and the pipeline is scored on the gold
set in the modes that use them ("both", "models"), next to "rules" (which learns nothing).
Scores use the scorer of this checkout (``marsad.eval.scoring``). Exits 2 when a folder is missing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from marsad.api import extract
from marsad.eval.gold import load_gold
from marsad.eval.scoring import score_article
from marsad.eval.summary import Score
from marsad.kb import default_kb
from marsad.learn.modes import apply_mode
from marsad.learn.train import train
from marsad.pipeline import Pipeline, default_pipeline

REPO = Path(__file__).resolve().parent.parent
SHARES = (0.25, 0.5, 1.0)


def score(pipeline: Pipeline, gold: list) -> Score:  # type: ignore[type-arg]
    results = []
    for art in gold:
        preds = extract(art.text, art.published, article_id=art.id, pipeline=pipeline)
        results.append(score_article(art.events, preds, art.text, art.not_events, label=art.id))
    return Score.of(results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(REPO.parent / "shared" / "train"))
    ap.add_argument("--gold", default=str(REPO.parent / "shared" / "gold"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    for folder in (args.train, args.gold):
        if not Path(folder).is_dir():
            print(f"learning_curve: no folder {folder}", file=sys.stderr)
            return 2
    gold = list(load_gold(args.gold))
    rules = score(default_pipeline(mode="rules"), gold)
    print(f"gold: {len(gold)} articles; rules only: F1 {rules.f1:.3f}")
    print(f"{'share':>6} {'articles':>8} {'mode':>6} {'P':>6} {'R':>6} {'F1':>6} {'train s':>8}")
    for share in SHARES:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            report = train(args.train, tmp, seed=args.seed, fraction=share)
            secs = time.perf_counter() - t0
            for mode in ("both", "models"):
                pipe = apply_mode(default_pipeline(mode="rules"), mode, default_kb(), models=tmp)
                s = score(pipe, gold)
                print(
                    f"{share:>6.0%} {report.articles:>8} {mode:>6} {s.precision:>6.3f} "
                    f"{s.recall:>6.3f} {s.f1:>6.3f} {secs:>8.1f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
