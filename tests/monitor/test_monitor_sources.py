"""Readers of each kind of source; the HTTP ones against a server on 127.0.0.1 only."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.ingest import ArticleRecord, SourceFailure, iter_sources
from marsad.ingest.base import SourceError
from marsad.ingest.http import fetch

PUBLISHED = dt.date(2020, 1, 2)
STRIKE = "قتل تسعة مدنيين في قصف جوي على مدينة معرة النعمان بريف إدلب يوم الثلاثاء."


def read(
    *sources: str | Path, published: dt.date | None = PUBLISHED
) -> list[ArticleRecord | SourceFailure]:
    return list(iter_sources([str(s) for s in sources], published))


def articles(items: list[ArticleRecord | SourceFailure]) -> list[ArticleRecord]:
    return [a for a in items if isinstance(a, ArticleRecord)]


def test_folders_are_read_recursively_and_only_known_kinds(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "top.txt").write_text(STRIKE.replace("تسعة", "ثلاثة"), encoding="utf-8")
    (tmp_path / "notes.md").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    got = articles(read(tmp_path))
    assert sorted(Path(a.url).name for a in got) == ["deep.txt", "top.txt"]
    assert all(a.url.startswith("file:///") and a.published == PUBLISHED for a in got)


def test_text_files_without_arabic_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "english.txt").write_text("Nothing here is Arabic.", encoding="utf-8")
    items = read(tmp_path)
    assert [type(i) for i in items] == [SourceFailure, SourceFailure]


def test_html_page_title_and_date_come_from_its_metadata(examples: Path) -> None:
    (page,) = read(examples / "pages" / "maarat-raid.html")
    assert isinstance(page, ArticleRecord)
    assert page.title == "غارات على معرة النعمان توقع 11 قتيلا"
    assert page.published == dt.date(2019, 5, 15)  # not --published
    assert page.outlet == "news.example.org"  # from the saved page's canonical URL
    assert "قتل 11 مدنيا" in page.text
    assert "الأكثر قراءة" not in page.text and "جميع الحقوق" not in page.text  # boilerplate


def test_html_without_a_date_takes_published(tmp_path: Path) -> None:
    p = tmp_path / "p.html"
    p.write_text(f"<html><body><article><p>{STRIKE}</p></article></body></html>", encoding="utf-8")
    (page,) = read(p)
    assert isinstance(page, ArticleRecord) and page.published == PUBLISHED


def test_rss_items_are_articles_with_link_and_date(examples: Path) -> None:
    items = articles(read(examples / "feeds" / "syria-wire.rss"))
    assert [a.url for a in items] == [
        "https://wire.example.net/syria/2019/05/15/maarat-toll",
        "https://wire.example.net/syria/2019/05/16/daraa-protest",
    ]
    assert [a.published for a in items] == [dt.date(2019, 5, 15), dt.date(2019, 5, 16)]
    assert items[0].outlet == "wire.example.net"
    assert items[0].text.startswith(str(items[0].title)) and "<p>" not in items[0].text


def test_atom_feed(tmp_path: Path) -> None:
    p = tmp_path / "f.atom"
    p.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>t</title><entry><title>قصف</title><link href='https://a.example/1'/>"
        "<updated>2019-05-15T10:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{STRIKE}&lt;/p&gt;</content></entry></feed>",
        encoding="utf-8",
    )
    (a,) = read(p)
    assert isinstance(a, ArticleRecord)
    assert (a.url, a.published) == ("https://a.example/1", dt.date(2019, 5, 15))
    assert STRIKE in a.text


def test_empty_and_broken_feeds_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.rss").write_text(
        '<rss version="2.0"><channel><title>t</title></channel></rss>'
    )
    (tmp_path / "broken.xml").write_bytes(b"\x00\x01 not xml at all <<<")
    reasons = [i.reason for i in read(tmp_path) if isinstance(i, SourceFailure)]
    assert len(reasons) == 2
    assert any("no items" in r for r in reasons) and any("not a readable" in r for r in reasons)


def test_jsonl_lines_a_bad_line_is_one_failure(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": "x1",
                "url": "https://n.example/1",
                "title": "ع",
                "published": "2019-05-15T09:00:00",
                "text": STRIKE,
            }
        )
        + "\nnot json\n\n"
        + json.dumps({"id": "x2", "text": STRIKE + " وأصيب آخرون."})
        + "\n"
        + json.dumps({"id": "x3", "url": "https://n.example/3"})
        + "\n",
        encoding="utf-8",
    )
    items = read(p)
    got = articles(items)
    assert [a.url for a in got] == ["https://n.example/1", f"{p.resolve().as_uri()}#x2"]
    assert [a.published for a in got] == [dt.date(2019, 5, 15), PUBLISHED]
    assert got[0].outlet == "n.example" and got[0].title == "ع"
    fails = [i.reason for i in items if isinstance(i, SourceFailure)]
    assert len(fails) == 2 and ":2: not JSON" in fails[0] and ":5: no 'text'" in fails[1]


def test_missing_and_unknown_sources(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"PK")
    items = read(tmp_path / "nope.txt", tmp_path / "x.docx")
    assert [type(i) for i in items] == [SourceFailure, SourceFailure]
    assert "no such file" in items[0].reason and "unknown kind" in items[1].reason  # type: ignore[union-attr]


# -- http ---------------------------------------------------------------------------------

PAGE = (
    "<html><head><title>خبر</title>"
    '<meta property="article:published_time" content="2019-05-15"></head>'
    f"<body><article><p>{STRIKE}</p></article></body></html>"
).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, code: int, ctype: str, body: bytes, length: int | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the client gave up (the timeout test)
            pass

    def do_GET(self) -> None:  # noqa: N802 — the stdlib's name
        if self.path == "/page":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/feed":
            body = (
                Path(__file__)
                .resolve()
                .parents[2]
                .joinpath("examples/feeds/syria-wire.rss")
                .read_bytes()
            )
            self._send(200, "application/rss+xml", body)
        elif self.path == "/text":
            self._send(200, "text/plain; charset=utf-8", STRIKE.encode())
        elif self.path == "/big":
            self._send(200, "text/html", b"x" * 5000)
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", PAGE)
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_http_page_feed_and_text(server: str) -> None:
    page, item1, item2, text = read(f"{server}/page", f"{server}/feed", f"{server}/text")
    assert isinstance(page, ArticleRecord) and page.url == f"{server}/page"
    assert page.published == dt.date(2019, 5, 15) and STRIKE in page.text
    assert page.outlet == "127.0.0.1"
    assert isinstance(item1, ArticleRecord) and isinstance(item2, ArticleRecord)
    assert isinstance(text, ArticleRecord) and text.text == STRIKE and text.published == PUBLISHED


def test_http_redirects_are_followed_to_the_final_url(server: str) -> None:
    (page,) = read(f"{server}/old")
    assert isinstance(page, ArticleRecord) and page.url == f"{server}/page"


def test_http_failures_are_one_line(server: str) -> None:
    items = read(f"{server}/missing", f"{server}/loop", "http://127.0.0.1:9/")
    reasons = [i.reason for i in items if isinstance(i, SourceFailure)]
    assert len(reasons) == 3 and all("\n" not in r for r in reasons)
    assert "HTTP 404" in reasons[0] and "redirects" in reasons[1]


def test_http_size_limit_and_timeout(server: str) -> None:
    with pytest.raises(SourceError, match="too large"):
        fetch(f"{server}/big", max_bytes=1000)
    with pytest.raises(SourceError, match="timed out"):
        fetch(f"{server}/slow", timeout=0.3)
    final, ctype, body = fetch(f"{server}/big", max_bytes=10_000)
    assert len(body) == 5000 and ctype == "text/html"


def test_the_text_hash_ignores_harakat_letter_forms_and_whitespace() -> None:
    import hashlib

    from marsad.ingest.base import text_hash
    from marsad.text.normalize import normalize_key

    plain = "قتل تسعة مدنيين في إدلب يوم الثلاثاء"
    marked = "قُتِلَ  تسعـة مدنيين\nفي ادلب يوم الثلاثاء "
    assert text_hash(plain) == text_hash(marked)
    assert text_hash(plain) != text_hash(plain.replace("تسعة", "عشرة"))
    for text in (plain, marked, "ABC ٣ ى ة ؤ"):
        assert text_hash(text) == hashlib.sha256(normalize_key(text).encode()).hexdigest()
