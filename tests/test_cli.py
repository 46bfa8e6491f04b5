"""`marsad extract` and `marsad eval` as a user runs them."""

import csv
import io
import json
import subprocess
import sys

import pytest

from marsad.cli import main
from marsad.output.record import COLUMNS

ARTICLE = "قتل 3 مدنيين بقصف لقوات النظام على بلدة كفرنبودة في ريف حماة الشمالي أمس."


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_jsonl_is_one_event_per_line_with_acled_keys(article, capsys):
    code, out, _ = run(["extract", str(article), "--published", "2019-05-10"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 1
    assert set(COLUMNS) == set(rows[0])
    assert rows[0]["event_date"] == "2019-05-09"
    assert rows[0]["fatalities"] == 3


def test_csv_has_acled_column_order_and_json_evidence(article, capsys):
    code, out, _ = run(
        ["extract", str(article), "--published", "2019-05-10", "--format", "csv"], capsys
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(COLUMNS)
    assert json.loads(rows[0]["evidence"])[0]["field"] == "event_type"


def test_without_a_publication_date_relative_days_stay_unresolved(article, capsys):
    code, out, _ = run(["extract", str(article)], capsys)
    row = json.loads(out.splitlines()[0])
    assert row["event_date"] is None
    assert row["time_precision"] == 3


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = run(["extract", "-", "--published", "2019-05-10"], capsys)
    assert code == 0 and json.loads(out.splitlines()[0])["article_id"] == "stdin"


def test_a_bad_file_fails_alone_and_the_others_are_written(article, tmp_path, capsys):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(bytes(range(256)) * 4)
    code, out, err = run(["extract", str(bad), str(article), "--published", "2019-05-10"], capsys)
    assert code == 1
    assert len(out.splitlines()) == 1
    assert "bad.bin" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\t ", "whitespace"), (b"Fighting broke out in Hama.", "no Arabic")],
)
def test_empty_blank_and_non_arabic_files_give_a_warning_and_no_events(
    tmp_path, capsys, content, message
):
    p = tmp_path / "x.txt"
    p.write_bytes(content)
    code, out, err = run(["extract", str(p)], capsys)
    assert code == 0 and out == ""
    assert message in err


def test_cp1256_and_utf16_files_are_read(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_bytes(ARTICLE.encode("cp1256"))
    b = tmp_path / "b.txt"
    b.write_bytes(ARTICLE.encode("utf-16"))
    code, out, _ = run(["extract", str(a), str(b), "--published", "2019-05-10"], capsys)
    assert code == 0
    assert [json.loads(x)["fatalities"] for x in out.splitlines()] == [3, 3]


def test_an_article_without_events_gives_an_empty_result(tmp_path, capsys):
    p = tmp_path / "calm.txt"
    p.write_text("افتتح وزير الثقافة معرضا للكتاب في دمشق وسط حضور كبير.", encoding="utf-8")
    code, out, _ = run(["extract", str(p)], capsys)
    assert (code, out) == (0, "")


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "a.txt", "--published", "4 March"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract"])
    assert exc.value.code == 2


def test_a_missing_file_is_a_one_line_error(capsys):
    code, _, err = run(["extract", "no-such-file.txt"], capsys)
    assert code == 1 and err.strip().count("\n") == 0 and "no such file" in err


def test_a_large_file_is_coded_in_pieces_without_error(tmp_path, capsys):
    p = tmp_path / "big.txt"
    p.write_text((ARTICLE + "\n") * 3000, encoding="utf-8")
    code, out, _ = run(["extract", str(p), "--published", "2019-05-10"], capsys)
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all(
        p.read_text(encoding="utf-8")[e["start"] : e["end"]] == e["text"]
        for r in rows[:50]
        for e in r["evidence"]
    )


def test_the_console_script_runs():
    res = subprocess.run(
        [sys.executable, "-m", "marsad", "--version"], capture_output=True, text=True, check=True
    )
    assert res.stdout.startswith("marsad ")
