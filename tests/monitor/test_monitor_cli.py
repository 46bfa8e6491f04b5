"""``marsad ingest`` / ``events`` / ``stats`` from the command line, on both back ends."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.output.record import COLUMNS
from marsad.store.schema import EVENT_FIELDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(db: str, examples: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code, _out, err = run(capsys, "ingest", str(examples), "--db", db, "--workers", "1")
    assert code == 0, err
    assert "articles 9 new, 0 skipped, 0 failed" in err
    return db


def test_ingest_twice_adds_nothing(
    filled: str, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "ingest", str(examples), "--db", filled, "--workers", "1")
    assert code == 0
    assert "articles 0 new, 9 skipped, 0 failed; 0 mentions, 0 new events" in err


def test_csv_has_acled_columns_in_order(
    examples_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "events", "--db", examples_db, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    header = out.splitlines()[0].split(",")
    assert header == list(EVENT_FIELDS)
    acled = [c for c in COLUMNS if c in header]
    assert header[: len(acled)] == acled  # ACLED's order first, Marsad's own columns after
    strike = [r for r in rows if r["n_sources"] == "3"]
    assert len(strike) == 1 and strike[0]["fatalities"] == "9"
    assert len(strike[0]["sources"].split("; ")) == 3


def test_filters_from_the_command_line(
    examples_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(
        capsys, "events", "--db", examples_db, "--country", "Yemen", "--since", "2019-05-01"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and {r["country"] for r in rows} == {"Yemen"}
    code, out, _err = run(
        capsys,
        "events",
        "--db",
        examples_db,
        "--bbox",
        "36.5,35.5,36.8,35.8",
        "--type",
        "air/drone strike",
    )
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1


def test_jsonl_and_geojson(
    examples_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _code, out, _err = run(capsys, "events", "--db", examples_db, "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    assert events and all(isinstance(e["sources"], list) and e["sources"] for e in events)
    target = tmp_path / "events.geojson"
    code, out, _err = run(
        capsys, "events", "--db", examples_db, "--format", "geojson", "-o", str(target)
    )
    assert code == 0 and out == ""
    fc = json.loads(target.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == len(events)
    located = [f for f in fc["features"] if f["geometry"]]
    assert located
    for f in located:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point"
        assert (lon, lat) == (f["properties"]["longitude"], f["properties"]["latitude"])


def test_parquet(examples_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import duckdb

    target = tmp_path / "events.parquet"
    code, _out, _err = run(
        capsys, "events", "--db", examples_db, "--format", "parquet", "-o", str(target)
    )
    assert code == 0
    con = duckdb.connect()
    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{target}'").fetchall()]
    assert cols == list(EVENT_FIELDS)
    n, strike = con.execute(f"SELECT count(*), max(n_sources) FROM '{target}'").fetchone()  # type: ignore[misc]
    assert n >= 8 and strike == 3
    code, _out, err = run(capsys, "events", "--db", examples_db, "--format", "parquet")
    assert code == 2 and "needs -o" in err


def test_stats(examples_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "stats", "--db", examples_db)
    assert code == 0
    assert out.startswith("articles 9, mentions ")
    assert "events by type:" in out and "Syria" in out and "2019-05-13" in out


def test_failures_give_exit_code_1_and_are_listed(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    code, _out, err = run(capsys, "ingest", str(tmp_path), "--db", db, "--workers", "1")
    assert code == 1
    assert "marsad: failed:" in err and "bad.jsonl:1: not JSON" in err and "1 failed" in err


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "marsad", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )


@pytest.mark.parametrize(
    "command, target, message",
    [
        (
            "events",
            "postgresql://nobody@127.0.0.1:9/nowhere",
            "cannot connect to PostgreSQL at postgresql://nobody@127.0.0.1:9/nowhere",
        ),
        ("events", "/no/such/folder/x.duckdb", "no store at /no/such/folder/x.duckdb"),
        ("ingest", "/no/such/folder/x.duckdb", "folder /no/such/folder does not exist"),
        ("stats", "mysql://db.example/x", "unknown kind of store"),
    ],
)
def test_an_unreachable_db_is_one_line_not_a_traceback(
    command: str, target: str, message: str, examples: Path
) -> None:
    sources = [str(examples / "taiz-clashes.txt"), "--workers", "1"] if command == "ingest" else []
    proc = _cli(command, *sources, "--db", target)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


def test_marsad_db_names_the_default_store(
    tmp_path: Path,
    examples: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("MARSAD_DB", str(db))
    code, _out, err = run(capsys, "ingest", str(examples / "taiz-clashes.txt"), "--workers", "1")
    assert code == 0, err
    assert db.is_file()
    code, out, _err = run(capsys, "events", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) >= 1
    monkeypatch.delenv("MARSAD_DB")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "stats")  # the default, ./marsad.duckdb, is not there yet
    assert code == 2 and err.strip().startswith("marsad: error: no store at marsad.duckdb")
    assert not (tmp_path / "marsad.duckdb").exists()  # reading makes no store
    code, _out, _err = run(capsys, "ingest", str(examples / "taiz-clashes.txt"), "--workers", "1")
    assert code == 0 and (tmp_path / "marsad.duckdb").is_file()


def test_a_duckdb_file_held_by_another_process_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code, _out, err = run(capsys, "stats", "--db", str(db))
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert (
        err.strip() == f"marsad: error: cannot open the store {db}: it is in use by another process"
    )
