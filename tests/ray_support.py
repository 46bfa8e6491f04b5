"""Inputs and comparisons shared by the Ray engine tests (no Ray needed here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

CORPUS_PY = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"
RAY_OPTS: dict[str, Any] = {
    "object_store_memory": 120 * 1024 * 1024,
    "include_dashboard": False,
    "configure_logging": False,
}


def _corpus() -> Any:
    name = "marsad_bench_corpus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, CORPUS_PY)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def write_sources(folder: Path, n: int, seed: int = 0) -> list[str]:
    """Generated articles as a JSON Lines file, a Parquet file (row groups of 16) and a
    folder of .txt files.

    Every third article is also told by a second outlet (the same events, one more
    sentence: a different text, so its mentions join the first outlet's events); one is
    copied word for word under another URL (skipped as already seen); three lines are bad.
    """
    arts = _corpus().generate_articles(n, seed=seed, words=250)
    lines: list[str] = []
    for i, a in enumerate(arts):
        row = {
            "id": i,
            "url": f"https://wire{i % 4}.example/news/{seed}-{i}",
            "title": f"خبر رقم {i}",
            "published": a.published.isoformat(),
            "text": a.text,
        }
        lines.append(json.dumps(row, ensure_ascii=False))
        if i % 3 == 0:
            lines.append(
                json.dumps(
                    {
                        **row,
                        "url": f"https://daily.example/{seed}-{i}",
                        "text": a.text + "\nتابعوا آخر الأخبار على موقعنا.",
                    },
                    ensure_ascii=False,
                )
            )
    lines.insert(5, json.dumps({**json.loads(lines[0]), "url": "https://copy.example/1"}))
    lines.insert(7, "{this is not json")
    lines.insert(11, json.dumps({"id": "no-text", "url": "https://wire0.example/empty"}))
    lines.insert(13, "[1, 2, 3]")
    half = len(lines) // 2
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    rows = [json.loads(line) for line in lines[half:]]
    for row in rows[::7]:
        row["url"] = None  # identified by the file and its id
    pq.write_table(pa.Table.from_pylist(rows), folder / "b.parquet", row_group_size=16)
    txt = folder / "txt"
    txt.mkdir(exist_ok=True)
    for j, a in enumerate(_corpus().generate_articles(3, seed=seed + 100, words=200)):
        (txt / f"report-{j}.txt").write_text(a.text, encoding="utf-8")
    return [str(folder / "a.jsonl"), str(txt), str(folder / "b.parquet")]


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a store holds, without run numbers and clocks."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = {
            "articles": "SELECT article_id, seq, url, outlet, title, published, text, text_hash "
            "FROM articles ORDER BY seq",
            "mentions": "SELECT * EXCLUDE (run_id) FROM mentions ORDER BY mention_id",
            "events": "SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id",
            "failures": "SELECT source, reason FROM failures ORDER BY run_id, n",
        }
        return {name: con.execute(sql).fetchall() for name, sql in q.items()}
    finally:
        con.close()
