"""Write records as JSON Lines or CSV (ACLED's column order; evidence as JSON in its cell)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from marsad.output.record import COLUMNS

FORMATS = ("jsonl", "csv")


class RecordWriter:
    def __init__(self, out: TextIO, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out = out
        self.fmt = fmt
        self._csv: Any = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
            self._csv.writeheader()

    def write(self, records: Iterable[dict[str, Any]]) -> int:
        n = 0
        for rec in records:
            if self.fmt == "jsonl":
                self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                row = dict(rec)
                row["evidence"] = json.dumps(rec.get("evidence", []), ensure_ascii=False)
                self._csv.writerow({k: ("" if row.get(k) is None else row[k]) for k in COLUMNS})
            n += 1
        self.out.flush()
        return n
