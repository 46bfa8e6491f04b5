"""Shards read back exactly what the sources give, in order; the stage plan notices changes.
(No Ray needed.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.engine.ray import _prepare_stage
from marsad.engine.shards import plan, read_shard
from marsad.engine.stage import code_shard, part_path, read_part
from marsad.ingest.base import ArticleRecord, SourceFailure
from marsad.ingest.sources import iter_sources

TEXT = "قصفت طائرات حربية بلدة كفرنبودة بريف حماة الشمالي يوم السبت، ما أدى إلى مقتل ثلاثة مدنيين."


def _sources(tmp_path: Path) -> list[str]:
    lines = []
    for i in range(23):
        lines.append(json.dumps({"id": i, "url": f"https://x.example/{i}", "text": f"{TEXT} {i}"}))
    lines[4] = "{broken"
    lines[9] = ""  # a blank line is skipped, but counts in line numbers
    lines[12] = json.dumps({"id": 12, "text": f"{TEXT} (no url)"})  # id from file and line
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")  # no final newline
    rows: list[dict[str, object]] = [
        {"id": i, "url": f"https://p.example/{i}", "title": "عنوان", "text": f"{TEXT} {i}"}
        for i in range(11)
    ]
    rows[3]["text"] = None  # fails alone
    rows[6]["url"] = None  # identified by the file and its id
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "p.parquet", row_group_size=2)
    folder = tmp_path / "more"
    folder.mkdir()
    for name in ("b.txt", "c.txt", ".hidden.txt", "notes.md"):
        (folder / name).write_text(TEXT, encoding="utf-8")
    return [
        str(tmp_path / "a.jsonl"),
        str(tmp_path / "p.parquet"),
        str(folder),
        str(tmp_path / "missing.jsonl"),
    ]


def _same(item: ArticleRecord | SourceFailure) -> tuple[object, ...]:
    if isinstance(item, SourceFailure):
        return ("failure", item.source, item.reason)
    return ("article", item.id, item.url, item.outlet, item.title, item.published, item.text)


def test_shards_read_what_the_sources_give(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    shards = plan(sources, per_shard=5)
    kinds = [s["kind"] for s in shards]
    assert kinds.count("jsonl") == 5  # 23 lines in runs of 5
    assert kinds.count("parquet") == 2  # 11 rows in groups of 2: 6 + 5 rows
    assert [s["shard"] for s in shards] == list(range(len(shards)))
    got = [_same(x) for s in shards for x in read_shard(s, None)]
    want = [_same(x) for x in iter_sources(sources)]
    assert got == want
    failures = [g[1] for g in got if g[0] == "failure"]
    assert len(failures) == 3  # the broken line, the row without text, the missing file
    assert any(str(f).endswith("p.parquet:4") for f in failures)
    assert any(g[0] == "article" and "p.parquet#6" in str(g[2]) for g in got)


def test_a_staged_shard_reads_back_whole(tmp_path: Path) -> None:
    shard = plan(_sources(tmp_path), per_shard=8)[0]
    stage = tmp_path / "stage"
    stage.mkdir()
    summary = code_shard(shard, None, str(stage), batch_size=3)
    assert summary == {"shard": 0, "items": 8, "articles": 7}
    assert [p.name for p in stage.iterdir()] == [part_path(stage, 0).name]  # no temporary left
    items = list(read_part(stage, 0))
    assert [_same(i) for i, _ in items] == [_same(x) for x in read_shard(shard, None)]
    coded = [c for _, c in items if c is not None]
    assert all(c.error is None and c.mentions for c in coded)
    assert all(len(c.rows) == len(c.mentions) == len(c.alone) for c in coded)
    assert coded[0].article.text_hash == ArticleRecord(*_same(items[0][0])[1:]).text_hash


def test_the_stage_is_reused_only_for_the_same_inputs(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    shards = plan(sources, per_shard=5)
    stage = tmp_path / "stage"
    assert _prepare_stage(stage, shards, None) == set()
    part_path(stage, 0).write_bytes(b"staged")
    assert _prepare_stage(stage, shards, None) == {0}
    jsonl = Path(sources[0])
    st = jsonl.stat()
    os.utime(jsonl, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # the file changed
    assert _prepare_stage(stage, shards, None) == set()
    assert not part_path(stage, 0).exists()
