"""Fixtures for the monitor's tests: a real PostgreSQL server started in a temporary folder,
and a store of each back end (tests taking ``db`` or ``store`` run against both)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store.open import open_store
from marsad.store.sql import SqlStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def _pg_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $MARSAD_PG_BINDIR, Debian's folders, or PATH."""
    env = os.environ.get("MARSAD_PG_BINDIR")
    candidates = [env] if env else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("initdb")
    if which:
        candidates.append(str(Path(which).parent))
    for c in candidates:
        if c and (Path(c) / "initdb").is_file() and (Path(c) / "pg_ctl").is_file():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as ``nobody`` then."""
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "nobody", "--", *cmd]
    return ["su", "-s", "/bin/sh", "nobody", "-c", " ".join(cmd)]


class PgServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # under /tmp: the server's user must be able to reach it ($TMPDIR may be private)
        base = "/tmp" if os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="marsad-pg-", dir=base))
        self.data = self.root / "data"
        self.port = _free_port()
        self.log = self.root / "server.log"
        if os.geteuid() == 0:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "nobody")

    def _run(self, *args: str) -> None:
        proc = subprocess.run(
            _as_server_user([str(self.bindir / args[0]), *args[1:]]),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"{args[0]} failed: {' / '.join(detail)}")

    def start(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        )
        opts = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            opts,
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "start",
        )

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql-15")
    server = PgServer(bindir)
    try:
        server.start()
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        server.stop()
        pytest.skip(f"could not start a PostgreSQL server: {exc}")
    yield server
    server.stop()


_counter = iter(range(1, 1_000_000))


def _pg_database(server: PgServer) -> Iterator[str]:
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield server.url(name)
    with psycopg.connect(server.url(), autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the test server."""
    yield from _pg_database(pg_server)


@pytest.fixture(scope="module")
def pg_url_for_module(pg_server: PgServer) -> Iterator[str]:
    yield from _pg_database(pg_server)


@pytest.fixture(params=["duckdb", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The ``--db`` value of an empty store, of each back end in turn."""
    if request.param == "duckdb":
        return str(tmp_path / "test.duckdb")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def examples_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of each back end holding the bundled examples (read-only tests share it)."""
    from marsad.engine.ingest import run_ingest
    from marsad.engine.local import LocalEngine

    if request.param == "duckdb":
        url = str(tmp_path_factory.mktemp("examples") / "examples.duckdb")
    else:
        url = request.getfixturevalue("pg_url_for_module")
    s = open_store(url)
    summary = run_ingest(s, [str(EXAMPLES)], LocalEngine(1))
    s.close()
    assert (summary.new, summary.failed) == (9, 0)
    return url


@pytest.fixture
def examples_store(examples_db: str) -> Iterator[SqlStore]:
    s = open_store(examples_db)
    yield s
    s.close()


@pytest.fixture
def store(db: str) -> Iterator[SqlStore]:
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
