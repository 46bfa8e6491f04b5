"""Tables of the store and their versioned migrations (one list for both back ends).

Types are written once in a neutral vocabulary (``text``, ``int``, ``bigint``, ``float``,
``date``, ``timestamp``) and spelled for each back end by :func:`sql_type`. Migration *n*
brings the schema from version *n-1* to *n*; the version lives in ``meta``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from marsad.output.record import COLUMNS

SCHEMA_VERSION_KEY = "schema_version"
EVENTS_STALE_KEY = "events_stale"

_TYPES = {
    "duckdb": {
        "text": "VARCHAR",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "float": "DOUBLE",
        "date": "DATE",
        "timestamp": "TIMESTAMP",
    },
    "postgres": {
        "text": "TEXT",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "float": "DOUBLE PRECISION",
        "date": "DATE",
        "timestamp": "TIMESTAMP",
    },
}


def sql_type(dialect: str, neutral: str) -> str:
    return _TYPES[dialect][neutral]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, neutral type)
    primary_key: tuple[str, ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)

    @cached_property
    def _types(self) -> dict[str, str]:
        return dict(self.columns)

    def type_of(self, column: str) -> str:
        return self._types[column]

    def create(self, dialect: str) -> str:
        cols = ", ".join(f"{c} {sql_type(dialect, t)}" for c, t in self.columns)
        return f"CREATE TABLE {self.name} ({cols}, PRIMARY KEY ({', '.join(self.primary_key)}))"


_INT_FIELDS = {"time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities"}
_FLOAT_FIELDS = {"latitude", "longitude", "confidence"}


def _acled_type(field: str) -> str:
    if field == "event_date":
        return "date"
    if field in _INT_FIELDS:
        return "int"
    if field in _FLOAT_FIELDS:
        return "float"
    return "text"


#: The columns of an exported event: ACLED's order, then Marsad's own.
EVENT_FIELDS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("article_id", "evidence")) + (
    "n_sources",
    "sources",
)

META = Table("meta", (("key", "text"), ("value", "text")), ("key",))

RUNS = Table(
    "runs",
    (
        ("run_id", "int"),
        ("started_at", "timestamp"),
        ("finished_at", "timestamp"),
        ("pipeline_version", "text"),
        ("params", "text"),  # JSON
        ("status", "text"),  # running | done | failed
        ("articles_new", "int"),
        ("articles_skipped", "int"),
        ("articles_reprocessed", "int"),
        ("articles_failed", "int"),
        ("mentions", "int"),
        ("events", "int"),
    ),
    ("run_id",),
)

ARTICLES = Table(
    "articles",
    (
        ("article_id", "text"),
        ("seq", "bigint"),  # insertion order: events are rebuilt in this order
        ("url", "text"),
        ("outlet", "text"),
        ("title", "text"),
        ("published", "date"),
        ("text", "text"),
        ("text_hash", "text"),
        ("ingested_at", "timestamp"),
        ("run_id", "int"),
        ("pipeline_version", "text"),
    ),
    ("article_id",),
)

#: Per-article coded events. ``record`` is the full ACLED-style record (JSON, with evidence).
MENTIONS = Table(
    "mentions",
    (
        ("mention_id", "text"),
        ("article_id", "text"),
        ("ordinal", "int"),
        ("event_id", "text"),
        ("event_date", "date"),
        ("event_type", "text"),
        ("sub_event_type", "text"),
        ("country", "text"),
        ("admin1", "text"),
        ("location", "text"),
        ("latitude", "float"),
        ("longitude", "float"),
        ("geo_precision", "int"),
        ("actor1", "text"),
        ("actor2", "text"),
        ("fatalities", "int"),
        ("record", "text"),
        ("run_id", "int"),
    ),
    ("mention_id",),
)

EVENTS = Table(
    "events",
    (
        *((f, "int" if f == "n_sources" else _acled_type(f)) for f in EVENT_FIELDS),
        ("article_ids", "text"),  # JSON list
        ("run_id", "int"),  # the run that last changed it
    ),
    ("event_id",),
)

FAILURES = Table(
    "failures",
    (
        ("run_id", "int"),
        ("n", "int"),
        ("source", "text"),
        ("reason", "text"),
        ("failed_at", "timestamp"),
    ),
    ("run_id", "n"),
)

TABLES = (META, RUNS, ARTICLES, MENTIONS, EVENTS, FAILURES)


def migrations(dialect: str) -> list[list[str]]:
    """Statements of each migration, in order; migration ``i`` (1-based) → version ``i``."""
    v1 = [t.create(dialect) for t in TABLES]
    if dialect == "postgres":
        # DuckDB scans columns fast and would rewrite these (ART) indexes at each checkpoint
        v1 += [
            "CREATE INDEX articles_url ON articles (url)",
            "CREATE INDEX articles_hash ON articles (text_hash)",
            "CREATE INDEX mentions_article ON mentions (article_id)",
            "CREATE INDEX mentions_event ON mentions (event_id)",
            # pages of events in query order without a sort
            "CREATE INDEX events_order ON events "
            "((coalesce(event_date, DATE '9999-12-31')), event_id)",
        ]
    return [v1]


SCHEMA_VERSION = len(migrations("duckdb"))
