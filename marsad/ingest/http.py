"""``http(s)://`` sources fetched with httpx: timeouts, a size limit, redirects followed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from marsad.ingest.base import ArticleRecord, SourceError, SourceFailure, one_line, outlet_of
from marsad.ingest.feeds import feed_records
from marsad.ingest.files import check_text, text_record
from marsad.ingest.html import html_record
from marsad.io.reading import InputError, decode_bytes

#: Responses larger than this are refused.
MAX_BYTES = 8 * 1024 * 1024
TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USER_AGENT = "marsad-monitor/0.1"


def fetch(
    url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S
) -> tuple[str, str, bytes]:
    """``(final_url, content_type, body)``; :class:`SourceError` on any failure."""
    import httpx

    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code != 200:
                raise SourceError(f"{url}: HTTP {resp.status_code}")
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"{url}: response too large ({declared} bytes)")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"{url}: response too large (over {max_bytes} bytes)")
                chunks.append(chunk)
            ctype = resp.headers.get("Content-Type", "").lower()
            return str(resp.url), ctype, b"".join(chunks)
    except httpx.TimeoutException:
        raise SourceError(f"{url}: timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: {one_line(exc)}") from None


def read_url(url: str, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    """An HTML page, a feed or a text document at ``url``."""
    try:
        final, ctype, body = fetch(url)
        if "rss" in ctype or "atom" in ctype or "xml" in ctype:
            yield from feed_records(body, url, final, published)
            return
        if ctype.startswith("text/plain"):
            text, _enc = decode_bytes(body, url)
            check_text(text, url)
            yield text_record(text, final, outlet_of(final), published)
            return
        yield html_record(body, final, url, published)
    except (SourceError, InputError) as exc:
        yield SourceFailure(url, str(exc))
