"""Load on the HTTP API: a store of 100,000 events, ``marsad serve`` on 127.0.0.1, and a
bounded number of concurrent keep-alive connections asking for ``/api/events?limit=100``
with filters and for ``/api/events/{id}``.

    python bench/api_load.py [--events 100000] [--requests 6000] [--concurrency 8] [--db PATH]
                             [--workers N] [--connections N] [--cache MB] [--client raw|httpx]

Prints requests/s and p50/p99 latency, overall and per kind of request, and the CPU the
server (all its threads and worker processes) and the client spent per request. The mix is
drawn from a fixed seed: half pages with one or two filters (country; type and country; a
30-day window; a box; part of an actor's name), half events by id, all over the store.
Events are stored in the order of their dates (as ingesting the news day by day stores
them); ``--shuffled`` stores them in random order, the worst case for reading a page.
Target: >= 300 requests/s with p99 < 100 ms.

The client runs on the same cores as the server, so it must be cheap: the default ``raw``
client speaks HTTP/1.1 on asyncio streams (about 0.15 ms of CPU per request);
``--client httpx`` uses httpx.AsyncClient (about 2 ms per request, as much as the server).
``--workers``, ``--connections`` and ``--cache`` are passed to ``marsad serve`` (defaults:
the server's: one read-only process per core, the write API being off; 4 connections; no
cache; ``--workers 1`` measures a single process). The store is generated straight into DuckDB (events,
one mention and one article each, with evidence spans), not through the NLP pipeline. This
is a report, not a test: it exits 0 unless it crashes.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from marsad.store.duckdb import DuckDBStore
from marsad.store.rows import event_row, mention_columns, mention_row
from marsad.store.schema import ARTICLES, EVENTS, MENTIONS

TARGET_RPS = 300.0
TARGET_P99_MS = 100.0

#: country → (admin1 names, west, south, east, north)
COUNTRIES = {
    "Syria": (["Idleb", "Aleppo", "Hama", "Deir ez Zor", "Dar'a"], 35.7, 32.3, 42.0, 37.2),
    "Iraq": (["Baghdad", "Diyala", "Ninewa", "Anbar", "Basrah"], 39.0, 29.5, 48.0, 37.0),
    "Yemen": (["Taizz", "Sanaa", "Al Hudaydah", "Marib", "Aden"], 42.6, 12.6, 52.0, 18.0),
    "Sudan": (["Khartoum", "North Darfur", "South Kordofan", "Kassala"], 22.0, 9.0, 38.0, 22.0),
    "Libya": (["Tripoli", "Benghazi", "Misrata", "Sirte"], 10.0, 20.0, 25.0, 33.0),
    "Somalia": (["Banadir", "Lower Shabelle", "Bay", "Gedo"], 41.0, -1.5, 51.0, 11.5),
}
TYPES = {
    "Battles": ("Political violence", ["Armed clash", "Government regains territory"]),
    "Explosions/Remote violence": (
        "Political violence",
        ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
    ),
    "Violence against civilians": (
        "Political violence",
        ["Attack", "Abduction/forced disappearance"],
    ),
    "Protests": ("Demonstrations", ["Peaceful protest", "Protest with intervention"]),
    "Riots": ("Demonstrations", ["Violent demonstration", "Mob violence"]),
    "Strategic developments": (
        "Strategic developments",
        ["Arrests", "Looting/property destruction"],
    ),
}
ACTORS = [
    "Military Forces of Syria",
    "Islamic State",
    "Military Forces of Iraq",
    "Ansar Allah",
    "Military Forces of Yemen",
    "Rapid Support Forces",
    "Al Shabaab",
    "Protesters",
    "Civilians",
    "Unidentified Armed Group",
]
START = dt.date(2018, 1, 1)
DAYS = 6 * 365
TEXT = "قتل {n} مدنيين جراء {verb} على مدينة {place} يوم الثلاثاء، بحسب مصادر محلية."


def generate(path: Path, n: int, seed: int = 0, shuffled: bool = False) -> None:
    """``n`` events, each with one article and one mention, bulk-inserted into DuckDB: in
    the order of their dates, as a monitor that ingests the news day by day stores them,
    or in random order (``shuffled``, the worst case for reading a page)."""
    rng = random.Random(seed)
    days = [START + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(n)]
    if not shuffled:
        days.sort()
    store = DuckDBStore(path)
    run_id = store.begin_run("bench", {"generated": n})
    arts: list[tuple[Any, ...]] = []
    mentions: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    now = dt.datetime(2024, 1, 1)
    for i in range(n):
        country = rng.choice(list(COUNTRIES))
        admins, w, s, e, no = COUNTRIES[country]
        etype = rng.choice(list(TYPES))
        disorder, subs = TYPES[etype]
        a1, a2 = rng.sample(ACTORS, 2)
        day = days[i]
        fat = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 40])
        place = rng.choice(admins)
        aid, mid, eid = f"a{i:09d}", f"a{i:09d}-1", f"ev-{i:012d}"
        url = f"https://bench.example/{i}"
        text = TEXT.format(n=fat, verb="غارة جوية", place=place)
        rec = {
            "event_id": eid,
            "event_date": day.isoformat(),
            "time_precision": 1,
            "disorder_type": disorder,
            "event_type": etype,
            "sub_event_type": rng.choice(subs),
            "actor1": a1,
            "actor2": a2,
            "interaction": 12,
            "country": country,
            "admin1": place,
            "location": place,
            "latitude": round(rng.uniform(s, no), 4),
            "longitude": round(rng.uniform(w, e), 4),
            "geo_precision": 2,
            "source": "bench.example",
            "notes": f"{a1} attacked {a2} in {place} ({country}) on {day:%d %B %Y}. "
            f"{fat} people were reported killed. Sources: bench.example.",
            "fatalities": fat,
            "confidence": 0.8,
            "mention_id": mid,
            "evidence": [
                {"field": "fatalities", "start": 4, "end": 4 + len(str(fat)), "text": str(fat)},
                {
                    "field": "event_type",
                    "start": text.index("غارة"),
                    "end": text.index("غارة") + 4,
                    "text": "غارة",
                },
            ],
        }
        sources = [{"article_id": aid, "url": url, "outlet": "bench.example", "mention_id": mid}]
        events.append(event_row({**rec, "sources": sources}, run_id))
        mentions.append(mention_row(aid, 1, mention_columns(rec), eid, run_id))
        arts.append(
            (aid, i + 1, url, "bench.example", f"خبر {i}", day, text, f"h{i}", now, run_id, "bench")
        )
    with store.transaction():
        store._insert(ARTICLES, arts)
        store._insert(MENTIONS, mentions)
        store._insert(EVENTS, events)
    store.finish_run(run_id, "done", {"events": n})
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_request(rng: random.Random, n_events: int) -> tuple[str, str]:
    if rng.random() < 0.5:
        return "event", f"/api/events/ev-{rng.randrange(n_events):012d}"
    params: dict[str, str] = {"limit": "100"}
    country = rng.choice(list(COUNTRIES))
    pick = rng.randrange(5)
    if pick == 0:
        params["country"] = country
    elif pick == 1:
        params["type"] = rng.choice(list(TYPES))
        params["country"] = country
    elif pick == 2:
        start = START + dt.timedelta(days=rng.randrange(DAYS - 60))
        params["since"] = start.isoformat()
        params["until"] = (start + dt.timedelta(days=30)).isoformat()
    elif pick == 3:
        _, w, s, e, no = COUNTRIES[country]
        params["bbox"] = f"{w},{s},{(w + e) / 2},{(s + no) / 2}"
    else:
        params["actor"] = rng.choice(ACTORS).split()[-1].lower()
    return "page", "/api/events?" + urlencode(params)


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams: a GET, its status and body.

    A load generator on the server's own two cores must cost little per request: httpx
    takes about 2 ms of CPU per request here, as much as the server's work, and would
    measure the client. This reads a response as uvicorn sends it (a status line, headers
    with Content-Length, the body); anything else is an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = -1
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length < 0:
            raise RuntimeError(f"{path}: no Content-Length in {head!r}")
        body = await reader.readexactly(length)
        return status, body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def load(
    base: str, n_requests: int, concurrency: int, n_events: int, client: str = "raw"
) -> dict[str, Any]:
    rng = random.Random(1)
    todo = [one_request(rng, n_events) for _ in range(n_requests)]
    times: dict[str, list[float]] = {"page": [], "event": []}
    errors = 0
    host, port = base.removeprefix("http://").rsplit(":", 1)
    if client == "httpx":
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        pool = httpx.AsyncClient(base_url=base, limits=limits, timeout=30)

        def connect() -> Any:
            return pool

        async def get(conn: Any, url: str) -> int:
            return int((await conn.get(url)).status_code)
    else:

        def connect() -> Any:
            return Connection(host, int(port))

        async def get(conn: Any, url: str) -> int:
            status, body = await conn.get(url)
            if status == 200 and not body.startswith(b"{"):
                return 0
            return status

    async def worker(conn: Any, queue: list[tuple[str, str]]) -> None:
        nonlocal errors
        clock = time.perf_counter
        while queue:
            kind, url = queue.pop()
            t = clock()
            status = await get(conn, url)
            times[kind].append(clock() - t)
            if status != 200:
                errors += 1

    conns = [connect() for _ in range(concurrency)]
    warmup = 0
    try:
        for conn in conns:  # warm up: every connection open, the server's paths run once
            for kind in ("page", "event"):
                await get(conn, next(url for k, url in todo if k == kind))
                warmup += 1
        queue = todo[::-1]  # in order, shared by the workers
        started = time.perf_counter()
        await asyncio.gather(*(worker(conn, queue) for conn in conns))
        elapsed = time.perf_counter() - started
    finally:
        if client == "httpx":
            await pool.aclose()
        else:
            for conn in conns:
                conn.close()
    return {"times": times, "elapsed": elapsed, "errors": errors, "warmup": warmup}


def server_cpu(pid: int) -> float:
    """CPU seconds the server has used, its worker processes included (Linux; NaN
    elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [
            int(c)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()
        ]
    except OSError:
        return float("nan")
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(server_cpu(c) for c in children)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=6000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--db", help="reuse (or create) this store instead of a temporary one")
    ap.add_argument("--shuffled", action="store_true", help="store the events in random date order")
    ap.add_argument(
        "--workers",
        type=int,
        default=None,
        help="marsad serve --workers (default: the server's own, one process per core here)",
    )
    ap.add_argument(
        "--connections", type=int, default=4, help="marsad serve --connections (default 4)"
    )
    ap.add_argument(
        "--cache", type=int, default=0, help="marsad serve --cache MB (default 0: no cache)"
    )
    ap.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="raw: keep-alive HTTP/1.1 on asyncio streams (cheap); httpx: httpx.AsyncClient",
    )
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="marsad-bench-")
    db = Path(args.db) if args.db else Path(tmp.name) / "bench.duckdb"
    if not db.exists():
        t = time.perf_counter()
        generate(db, args.events, shuffled=args.shuffled)
        print(f"generated {args.events:,} events in {time.perf_counter() - t:.1f} s -> {db}")
    port = free_port()
    env = {**os.environ, "MARSAD_TOKEN": ""}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "marsad",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--tiles",
            "none",
            "--connections",
            str(args.connections),
            *(["--workers", str(args.workers)] if args.workers is not None else []),
            *(["--cache", str(args.cache)] if args.cache else []),
        ],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        load_before = os.getloadavg()[0]
        cpu_before = server_cpu(server.pid)
        client_before = time.process_time()
        res = asyncio.run(load(base, args.requests, args.concurrency, args.events, args.client))
        client_used = time.process_time() - client_before
        cpu_used = server_cpu(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=10)
        tmp.cleanup()
    everything = res["times"]["page"] + res["times"]["event"]
    rps = len(everything) / res["elapsed"]
    p50, p99 = pct(everything, 0.50), pct(everything, 0.99)
    print(
        f"{len(everything)} requests, concurrency {args.concurrency}, {res['errors']} errors, "
        f"{res['elapsed']:.1f} s"
    )
    print(f"all:               {rps:7.0f} req/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")
    for kind, label in (("page", "events?limit=100"), ("event", "events/{id}")):
        ts = res["times"][kind]
        print(
            f"{label:18} {len(ts):6d} reqs     p50 {pct(ts, 0.5):6.1f} ms   p99 {pct(ts, 0.99):6.1f} ms"
        )
    per_request = 1000 * cpu_used / (len(everything) + res["warmup"])
    print(
        f"server CPU {per_request:.2f} ms per request (all threads and workers): one free core "
        f"would serve about {1000 / per_request:.0f} req/s of this mix; client ({args.client}) "
        f"CPU {1000 * client_used / len(everything):.2f} ms per request"
    )
    ok = rps >= TARGET_RPS and p99 < TARGET_P99_MS
    print(
        f"target >= {TARGET_RPS:.0f} req/s and p99 < {TARGET_P99_MS:.0f} ms: "
        f"{'met' if ok else 'NOT met'} (nproc {os.cpu_count()}, load average before the run "
        f"{load_before:.1f}, machine shared)"
    )
    print(
        json.dumps(
            {
                "rps": round(rps, 1),
                "p50_ms": round(p50, 2),
                "p99_ms": round(p99, 2),
                "server_cpu_ms": round(per_request, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
