"""The JSON shapes of the API (documented in the OpenAPI schema at ``/docs``).

Records keep every ACLED column: the fields named here are typed, the others pass through
(``extra="allow"``), so a new column in the store never breaks a response.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _iso_only(value: Any) -> Any:
    """A date as the schema says: a YYYY-MM-DD string (not a number of seconds)."""
    if value is not None and not isinstance(value, str | dt.date):
        raise ValueError("a date is a YYYY-MM-DD string")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Problem(BaseModel):
    detail: str


class Source(Open):
    article_id: str
    mention_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    fatalities: int | None = None
    event_date: dt.date | None = None


class Span(Open):
    """An evidence span: ``text[start:end]`` of the article is the Arabic for ``field``."""

    field: str
    start: int
    end: int
    text: str | None = None


class SourceSpan(Span):
    article_id: str
    mention_id: str


class Event(Open):
    event_id: str
    event_date: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int | None = None
    notes: str | None = None
    n_sources: int | None = None
    sources: list[Source] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)


class EventDetail(Event):
    evidence: list[SourceSpan] = Field(default_factory=list)


class EventPage(BaseModel):
    events: list[Event]
    next_cursor: str | None = Field(
        description="pass as `cursor` to get the next page; null on the last page"
    )


class Mention(Open):
    event_id: str | None = None
    mention_id: str | None = None
    event_type: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class Article(Open):
    article_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    text: str
    mentions: list[Mention]


class Count(BaseModel):
    key: str
    events: int
    fatalities: int


class Totals(BaseModel):
    articles: int
    mentions: int
    events: int
    runs: int
    failures: int
    fatalities: int


class Stats(BaseModel):
    totals: Totals
    by_type: list[Count]
    by_country: list[Count]
    by_week: list[Count] = Field(description="`key` is the Monday of the week (YYYY-MM-DD)")
    events_stale: bool


class Health(BaseModel):
    status: Literal["ok"]
    store: str
    events: int
    write_api: bool


class Geometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float]


class Feature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: Geometry | None
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    next_cursor: str | None = None


class ArticleIn(BaseModel):
    """An article to code and store. Without ``url`` it is named by its id or its text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=200_000)
    id: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    published: IsoDate | None = None
    outlet: str | None = Field(default=None, max_length=500)


class CodedArticle(BaseModel):
    article_id: str
    url: str
    stored: Literal["new", "known"]
    events: list[Event]


class CodedArticles(BaseModel):
    articles: list[CodedArticle]
    failures: list[str] = Field(
        description="one line per article that could not be coded ('article:N' is its place)"
    )
    summary: str


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[str] = Field(min_length=1, max_length=1000)
    published: IsoDate | None = None


class IngestOut(BaseModel):
    run_id: int
    articles_new: int
    articles_skipped: int
    articles_failed: int
    mentions: int
    events: int
    summary: str
