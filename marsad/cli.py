"""Command line: ``marsad extract``, ``marsad eval``; the monitor's ``ingest``, ``events``
and ``stats`` live in :mod:`marsad.monitor.commands`.

Exit codes: 0 all articles coded, 1 at least one article failed (the others are still
written), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from marsad import __version__, native
from marsad.api import extract
from marsad.io.reading import InputError, check_article, read_article
from marsad.monitor.commands import COMMANDS as MONITOR_COMMANDS
from marsad.monitor.commands import add_parsers as add_monitor_parsers
from marsad.monitor.commands import run as run_monitor
from marsad.output.writers import FORMATS, RecordWriter
from marsad.pipeline import default_pipeline


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="marsad",
        description="Extract ACLED-style conflict events from Arabic news articles.",
    )
    p.add_argument(
        "--version", action="version", version=f"marsad {__version__} ({native.state()} build)"
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        help="code the events of one or more articles",
        description="Code the events of Arabic articles (files, or - for standard input).",
    )
    ex.add_argument("files", nargs="+", metavar="FILE", help="article text files, or - for stdin")
    ex.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="publication date: resolves «السبت», «أمس»… (without it relative dates stay unresolved)",
    )
    ex.add_argument(
        "--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)"
    )
    ex.add_argument("-o", "--output", metavar="PATH", help="write here instead of standard output")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar or warnings")
    ex.add_argument(
        "--mode",
        choices=("rules", "models", "both", "all"),
        help="rule stages only (the default), or with learned models; see docs/models.md",
    )

    ev = sub.add_parser(
        "eval",
        help="score against gold annotations",
        description="Score the pipeline against gold files (see shared/gold/FORMAT.md).",
    )
    ev.add_argument("gold", metavar="GOLD", help="a gold .json file or a folder of them")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every match and miss")
    ev.add_argument(
        "--mode",
        choices=("rules", "models", "both", "all"),
        help="rule stages only (rules, the default); rules vetted by the event model (both); both "
        "plus the span model's actor choice (all); learned models only (models). See docs/models.md",
    )

    tr = sub.add_parser(
        "train",
        help="train the learned models on an annotated corpus",
        description="Train the sentence and span models (needs scikit-learn: pip install marsad[train]).",
    )
    tr.add_argument(
        "corpus", metavar="CORPUS", help="folder of annotated articles (*.txt + *.json)"
    )
    tr.add_argument(
        "-o", "--output", metavar="DIR", help="where to write the models (default: the package's)"
    )
    tr.add_argument("--seed", type=int, default=0, help="random seed (default 0)")

    add_monitor_parsers(sub)  # ingest, events, stats
    from marsad.serve.cli import add_parser as add_serve_parser

    add_serve_parser(sub)  # serve
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "train":
            from marsad.learn.train import run_train

            return run_train(args.corpus, args.output, seed=args.seed)
        if args.command in MONITOR_COMMANDS:
            return run_monitor(args)
        if args.command == "serve":
            from marsad.serve.cli import run as run_serve

            return run_serve(args)
        from marsad.eval.report import run_eval

        return run_eval(args.gold, as_json=args.json, verbose=args.verbose, mode=args.mode)
    except BrokenPipeError:  # `marsad … | head`: the reader left; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _extract(args: argparse.Namespace) -> int:
    out: TextIO
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="")
        except OSError as exc:
            print(f"marsad: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return 2
    else:
        out = sys.stdout
    writer = RecordWriter(out, args.format)
    pipeline = default_pipeline(mode=args.mode) if args.mode else None
    failed = 0
    progress = _Progress(len(args.files), enabled=not args.quiet and len(args.files) > 1)
    try:
        for path in args.files:
            progress.step(path)
            try:
                article = read_article(path)
            except InputError as exc:
                failed += 1
                progress.message(f"marsad: error: {exc}")
                continue
            try:
                check_article(article, path)
            except InputError as exc:
                if not args.quiet:
                    progress.message(f"marsad: warning: {exc} (no events)")
                continue
            try:
                records = extract(
                    article.text,
                    args.published,
                    article_id=article.article_id,
                    source=article.source,
                    pipeline=pipeline,
                )
            except Exception as exc:  # one bad article never stops a batch
                failed += 1
                progress.message(f"marsad: error: {path}: {type(exc).__name__}: {exc}")
                continue
            writer.write(records)
    finally:
        progress.done()
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


class _Progress:
    """A one-line progress bar on stderr, shown for batches when stderr is a terminal."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.n = 0
        self.enabled = enabled and sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.n += 1
        if self.enabled:
            width = 30
            filled = width * self.n // max(1, self.total)
            bar = "#" * filled + "." * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.n}/{self.total} {label[-30:]:<30}")
            sys.stderr.flush()

    def message(self, line: str) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 75 + "\r")
        print(line, file=sys.stderr)

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
