"""Single-core extraction throughput, knowledge-base load time and memory of ``marsad.extract``.

    python bench/extract_throughput.py [--articles 1000] [--words 600] [--seed 0]

Targets: >= 200 articles/s on one core for ~600-word articles; knowledge base loaded in < 1 s
(measured in a fresh interpreter). This is a report, not a test: it exits 0 unless it crashes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from corpus import Article, generate_articles  # bench/ is on sys.path when run as a script

REPO = Path(__file__).resolve().parent.parent
SHARED_SEED = REPO.parent / "shared" / "seed"  # ../shared/seed relative to the repo

TARGET_ARTICLES_PER_S = 200.0
TARGET_KB_LOAD_S = 1.0

KB_LOAD_CODE = (
    "import time; t=time.perf_counter(); from marsad.kb import default_kb; default_kb(); "
    "print(time.perf_counter()-t)"
)
IMPORT_CODE = "import time; t=time.perf_counter(); import marsad; print(time.perf_counter()-t)"


def fresh_timing(code: str, runs: int) -> list[float]:
    """Seconds printed by ``code`` run in ``runs`` fresh interpreters (NaN when one fails)."""
    out: list[float] = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
        )
        try:
            out.append(float(proc.stdout.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            err = proc.stderr.strip().splitlines()
            print(f"  ! fresh run failed (rc {proc.returncode}): {err[-1] if err else '?'}")
            out.append(float("nan"))
    return out


def shared_seed_article() -> Article | None:
    """The project's seed article (../shared/seed/article.txt), if this checkout has it."""
    text_path = SHARED_SEED / "article.txt"
    if not text_path.is_file():
        return None
    published = dt.date(2019, 3, 4)
    meta = SHARED_SEED / "expected.json"
    if meta.is_file():
        try:
            published = dt.date.fromisoformat(json.loads(meta.read_text("utf-8"))["published"])
        except (ValueError, KeyError, TypeError):
            pass
    return Article(text=text_path.read_text(encoding="utf-8"), published=published)


def peak_rss_mib() -> float:
    """Peak resident set size of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    ap.add_argument("--words", type=int, default=600, help="words per article (default 600)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--kb-runs", type=int, default=3, help="fresh-interpreter KB loads (default 3)")
    ap.add_argument(
        "--no-shared-seed",
        action="store_true",
        help="do not add ../shared/seed/article.txt to the corpus even if it exists",
    )
    ap.add_argument(
        "--mode",
        choices=("rules", "models", "both", "all"),
        help="pipeline mode (default: the package default; see docs/models.md)",
    )
    args = ap.parse_args(argv)

    from marsad import native

    print(
        f"python {sys.version.split()[0]} on {sys.platform}; marsad {native.state()} build; repo {REPO}"
    )

    # (1) knowledge-base load time in fresh interpreters
    print(f"\n[1] knowledge-base load, {args.kb_runs} fresh interpreter(s):")
    imports = fresh_timing(IMPORT_CODE, 1)
    kb_times = fresh_timing(KB_LOAD_CODE, max(1, args.kb_runs))
    kb_load = statistics.median(kb_times)
    print(f"  import marsad            : {imports[0]:.3f} s")
    print(f"  import kb + default_kb() : {', '.join(f'{t:.3f}' for t in kb_times)} s")
    print(f"  median                   : {kb_load:.3f} s (target < {TARGET_KB_LOAD_S:g} s)")

    # (2) corpus
    t0 = time.perf_counter()
    articles = generate_articles(args.articles, seed=args.seed, words=args.words)
    gen_s = time.perf_counter() - t0
    seed_article = None if args.no_shared_seed else shared_seed_article()
    if seed_article is not None:
        articles.append(seed_article)
    n_words = [len(a.text.split()) for a in articles]
    total_words = sum(n_words)
    print(
        f"\n[2] corpus: {args.articles} synthetic articles (seed {args.seed}, ~{args.words} words)"
    )
    print(
        f"  generated in {gen_s:.2f} s; words/article mean {statistics.mean(n_words):.0f}, "
        f"min {min(n_words)}, max {max(n_words)}; {total_words} words, "
        f"{sum(len(a.text) for a in articles)} characters"
    )
    if seed_article is not None:
        print(
            f"  + shared seed article {SHARED_SEED / 'article.txt'} "
            f"({len(seed_article.text.split())} words, published {seed_article.published})"
        )
    else:
        print("  (shared seed article not included)")

    # (3) warm-up: builds the default pipeline lazily inside marsad.extract
    print("\n[3] extraction on one core (single process)")
    t0 = time.perf_counter()
    import marsad

    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pipe = marsad.default_pipeline(mode=args.mode) if args.mode else None
    marsad.extract(articles[0].text, articles[0].published, pipeline=pipe)
    warm_s = time.perf_counter() - t0
    print(f"  import marsad {import_s:.3f} s; first extract (builds pipeline) {warm_s:.3f} s")

    per_article: list[float] = []
    events = 0
    with_events = 0
    t_all = time.perf_counter()
    cpu_all = time.process_time()
    for art in articles:
        t0 = time.perf_counter()
        records = marsad.extract(art.text, art.published, pipeline=pipe)
        per_article.append(time.perf_counter() - t0)
        events += len(records)
        with_events += bool(records)
    elapsed = time.perf_counter() - t_all
    cpu = time.process_time() - cpu_all
    rss = peak_rss_mib()

    n = len(articles)
    aps = n / elapsed
    wps = total_words / elapsed
    ms = sorted(t * 1000 for t in per_article)
    print(f"  {n} articles in {elapsed:.2f} s wall, {cpu:.2f} s CPU ({n / cpu:.1f} articles/CPU-s;")
    print("    wall >> CPU means the machine was busy with other work)")
    print(f"  articles/s   : {aps:.1f} (target >= {TARGET_ARTICLES_PER_S:g})")
    print(f"  words/s      : {wps:,.0f}")
    print(
        f"  ms/article   : mean {statistics.mean(ms):.2f}, median {ms[n // 2]:.2f}, "
        f"p95 {ms[min(n - 1, int(n * 0.95))]:.2f}, max {ms[-1]:.2f}"
    )
    print(
        f"  events found : {events} ({events / n:.1f}/article; {with_events}/{n} articles "
        "with at least one)"
    )
    print(f"  peak RSS     : {rss:.0f} MiB (ru_maxrss, whole process)")

    # (4) allocations of the extraction loop, in a separate short traced run
    sample = articles[: min(100, n)]
    tracemalloc.start()
    tracemalloc.reset_peak()
    for art in sample:
        marsad.extract(art.text, art.published, pipeline=pipe)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  tracemalloc  : peak {peak / 2**20:.1f} MiB over {len(sample)} articles "
        "(separate run, not timed)"
    )

    ok_speed = "ok" if aps >= TARGET_ARTICLES_PER_S else "BELOW TARGET"
    ok_kb = "ok" if kb_load < TARGET_KB_LOAD_S else "ABOVE TARGET"
    print(
        f"\nthroughput: {aps:.1f} articles/s (target >= {TARGET_ARTICLES_PER_S:g}, {ok_speed}), "
        f"kb load {kb_load:.2f} s (target < {TARGET_KB_LOAD_S:g} s, {ok_kb}), "
        f"peak RSS {rss:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
