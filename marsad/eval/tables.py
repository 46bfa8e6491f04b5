"""Fixed-width text tables: text columns left-aligned, number columns right-aligned."""

from __future__ import annotations

from collections.abc import Sequence

Cell = str | int | float


def cell(v: Cell) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], indent: str = "  ") -> str:
    """Render ``rows`` under ``headers``, with a rule below the header; floats get 3 decimals."""
    text = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in text)]) for i, h in enumerate(headers)]
    numeric = [
        i > 0 and all(isinstance(row[i], int | float) for row in rows) for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return (indent + "  ".join(parts)).rstrip()

    rule = indent + "  ".join("-" * w for w in widths)
    return "\n".join([line(list(headers)), rule, *(line(r) for r in text)])
