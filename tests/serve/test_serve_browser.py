"""The dashboard in Debian's Chromium (Playwright for Python; no browser download).

Set MARSAD_SCREENSHOTS=docs to refresh docs/dashboard.png and docs/event.png."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect
from serve_support import REPO, XSS_ARTICLE, XSS_TITLE

from marsad.ingest.base import article_id
from marsad.serve.dashboard import NODE_MODULES

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium fonts-noto-core)",
    ),
    pytest.mark.skipif(
        not NODE_MODULES.is_dir(),
        reason="the dashboard's npm packages are not installed (npm ci --ignore-scripts --prefix marsad/serve/web)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with every request, dialog and script error recorded."""

    def __init__(self, browser: Any) -> None:
        # the CSP would block injected script anyway: bypass it, so that these tests show
        # that the page itself never turns text into markup
        self.page = browser.new_page(
            viewport={"width": 1280, "height": 800}, locale="en-GB", bypass_csp=True
        )
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=20_000)
        return self.page


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    w = Watched(browser)
    yield w
    w.page.close()


def screenshot(page: Any, name: str, tmp_path: Path, **opts: Any) -> None:
    folder = REPO / "docs" if os.environ.get("MARSAD_SCREENSHOTS") == "docs" else tmp_path
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / name), **opts)


def api(live_url: str, path: str, **params: Any) -> Any:
    r = httpx.get(f"{live_url}{path}", params=params, timeout=10)
    r.raise_for_status()
    return r.json()


def strike_id(live_url: str) -> str:
    events = api(live_url, "/api/events", type="Air/drone strike")["events"]
    [ev] = [e for e in events if e["n_sources"] == 3]
    return str(ev["event_id"])


def on_map(page: Any) -> int:
    """Events the map shows: single markers plus the counts on cluster icons."""
    singles = page.locator("path.event-marker").count()
    clusters = page.locator(".marker-cluster span").all_text_contents()
    return singles + sum(int(c) for c in clusters)


def test_the_map_shows_the_example_events(live_url: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.open(live_url + "/")
    located = [
        f for f in api(live_url, "/api/events.geojson")["features"] if f["geometry"] is not None
    ]
    assert len(located) > 5
    assert on_map(page) == len(located)
    assert page.locator("path.leaflet-interactive").count() > 0 or located
    # country outlines drawn from world-atlas, offline (on a canvas)
    countries = page.evaluate(
        """() => { let n = 0; window.marsadMap.eachLayer(l => {
            if (l.feature && /Polygon/.test(l.feature.geometry.type)) { n += 1; } }); return n; }"""
    )
    assert countries > 150
    assert page.locator(".leaflet-overlay-pane canvas").count() == 1
    assert page.locator("#timeline rect.bar").count() >= 3
    assert page.locator("#list .event-item").count() == len(located)
    assert watched.errors == []
    assert all(urlsplit(u).netloc == urlsplit(live_url).netloc for u in watched.requests)
    screenshot(page, "dashboard.png", tmp_path)


def test_a_filter_narrows_the_list(live_url: str, watched: Watched) -> None:
    page = watched.open(live_url + "/")
    everything = page.locator("#list .event-item").count()
    page.select_option("select[name=country]", "Yemen")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready]", state="attached")
    items = page.locator("#list .event-item")
    assert 0 < items.count() < everything
    assert all("Yemen" in t for t in items.all_text_contents())
    assert "country=Yemen" in page.url
    page.click("#reset")
    expect(page.locator("#list .event-item")).to_have_count(everything)
    page.fill("input[name=q]", "protest")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("body[data-ready]", state="attached")
    texts = page.locator("#list .event-item").all_text_contents()
    assert texts and all("Protests" in t for t in texts)
    page.locator(".event-link").first.click()  # the event page's way back keeps the filters
    page.wait_for_selector("body.event-page[data-ready]", state="attached")
    assert page.locator("a.back").get_attribute("href") == "/?q=protest"


def test_a_week_of_the_timeline_narrows_the_dates(live_url: str, watched: Watched) -> None:
    page = watched.open(live_url + "/")
    bar = page.locator("#timeline rect.bar").last
    monday = dt.date.fromisoformat(bar.get_attribute("data-week") or "")
    bar.click()
    page.wait_for_selector("body[data-ready]", state="attached")
    assert page.input_value("input[name=since]") == monday.isoformat()
    sunday = (monday + dt.timedelta(days=6)).isoformat()
    assert page.input_value("input[name=until]") == sunday
    dates = [t.split(" · ")[0] for t in page.locator("#list .event-item .meta").all_text_contents()]
    assert dates and all(monday.isoformat() <= d <= sunday for d in dates)


def test_the_list_follows_the_map(live_url: str, watched: Watched) -> None:
    page = watched.open(live_url + "/")
    everything = page.locator("#list .event-item").count()
    page.evaluate("() => { window.marsadMap.setView([13.6, 44.0], 8, { animate: false }); }")
    items = page.locator("#list .event-item")
    expect(items).not_to_have_count(everything)
    assert items.count() >= 1
    assert all("Yemen" in t for t in items.all_text_contents())
    assert "in view" in (page.locator("#count").text_content() or "")


def test_the_event_page_highlights_the_evidence_right_to_left(
    live_url: str, watched: Watched, tmp_path: Path
) -> None:
    eid = strike_id(live_url)
    detail = api(live_url, f"/api/events/{eid}")
    page = watched.open(f"{live_url}/event.html?id={eid}")
    assert detail["notes"] == page.locator("#notes").text_content()
    sections = page.locator("section.source")
    assert sections.count() == 3
    for i in range(3):
        sec = sections.nth(i)
        aid = sec.get_attribute("data-article")
        mention = next(s["mention_id"] for s in detail["sources"] if s["article_id"] == aid)
        spans = [e for e in detail["evidence"] if e["mention_id"] == mention]
        body = sec.locator(".article-text")
        assert body.get_attribute("dir") == "rtl" and body.get_attribute("lang") == "ar"
        assert body.evaluate("n => getComputedStyle(n).direction") == "rtl"
        article = api(live_url, f"/api/articles/{aid}")
        assert body.text_content() == article["text"]  # highlighting keeps the text whole
        # every span is marked, and labelled where it starts
        marks = body.locator("mark").evaluate_all(
            "ms => ms.map(m => [m.dataset.fields, m.dataset.label || '', m.textContent])"
        )
        marked_fields = {f for fields, _, _ in marks for f in fields.split()}
        assert {s["field"] for s in spans} <= marked_fields
        starts = {s["start"] for s in spans if s["field"] != "sentence"}
        assert sum(1 for _, label, _ in marks if label) >= len(starts)
        marked = "".join(text for _, _, text in marks)
        for s in spans:
            if s["field"] != "sentence":
                assert s["text"] in marked
        assert "Noto Naskh Arabic" in body.evaluate("n => getComputedStyle(n).fontFamily")
    screenshot(page, "event.png", tmp_path, full_page=True)


def test_the_hostile_article_stays_inert(live_url: str, watched: Watched) -> None:
    art = api(live_url, f"/api/articles/{article_id(XSS_ARTICLE['url'])}")
    eid = art["mentions"][0]["event_id"]
    page = watched.open(f"{live_url}/event.html?id={eid}")
    sec = page.locator("section.source")
    assert sec.locator("h3").text_content() == XSS_TITLE  # shown as text
    assert sec.locator(".article-text").text_content() == XSS_ARTICLE["text"]
    assert sec.locator("img, script, iframe").count() == 0
    assert sec.locator("a[href^='javascript']").count() == 0
    assert "onerror" in (page.locator("#notes").text_content() or "")  # the outlet, as text
    page.click("text=اضغط هنا")  # the would-be link is plain text
    dash = watched.open(live_url + f"/?since={art['published']}")
    dash.wait_for_timeout(300)
    for p in (page, dash):
        assert p.evaluate("() => window.__xss") is None
    page.wait_for_timeout(500)  # give an onerror handler time to fire
    assert watched.dialogs == []
    assert watched.errors == []
    ours = urlsplit(live_url).netloc
    assert all(urlsplit(u).netloc == ours for u in watched.requests), watched.requests
    paths = {urlsplit(u).path for u in watched.requests}
    assert not {"/x", "/undefined"} & paths
