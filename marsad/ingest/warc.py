"""WARC files (warcio): every HTML or plain-text ``response`` record is an article."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.base import ArticleRecord, SourceError, SourceFailure, one_line, parse_date
from marsad.ingest.files import check_text, text_record
from marsad.ingest.html import html_record
from marsad.io.reading import InputError, decode_bytes


def read_warc(path: Path, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    """Articles from the response records; a truncated or corrupt file stops with a failure
    after the records read before the damage."""
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield SourceFailure(name, f"{name}: cannot read file ({exc.strerror})")
        return
    n_records = 0
    with fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI") or f"{name}#{n_records + 1}"
                where = f"{name} ({url})"
                body = rec.content_stream().read()
                if getattr(rec.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
                    raise SourceError(f"record {n_records + 1} ({url}) is truncated")
                n_records += 1
                status = rec.http_headers.get_statuscode() if rec.http_headers else "200"
                if status != "200":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                warc_date = parse_date(rec.rec_headers.get_header("WARC-Date"))
                try:
                    if "html" in ctype:
                        art = html_record(body, url, where, published or warc_date)
                    elif ctype.startswith("text/plain"):
                        text, _enc = decode_bytes(body, where)
                        check_text(text, where)
                        art = text_record(text, url, "", published or warc_date)
                    else:
                        continue
                except (SourceError, InputError) as exc:
                    yield SourceFailure(where, str(exc))
                    continue
                yield art
        except Exception as exc:  # warcio/zlib raise various errors on damaged archives
            yield SourceFailure(
                name, f"{name}: damaged WARC after {n_records} record(s) ({one_line(exc)})"
            )
            return
    if name.lower().endswith(".gz") and not gzip_complete(path):
        yield SourceFailure(
            name, f"{name}: damaged WARC after {n_records} record(s) (the gzip data is cut short)"
        )


def gzip_complete(path: Path) -> bool:
    """Whether every gzip member of ``path`` ends properly (a cut file's last one does not)."""
    d: Any = None
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            while chunk:
                if d is None or d.eof:
                    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                try:
                    d.decompress(chunk)
                except zlib.error:
                    return False
                chunk = d.unused_data if d.eof else b""
    return d is not None and bool(d.eof)
