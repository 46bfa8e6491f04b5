"""The :class:`Document` that flows through the pipeline, and the mentions stages attach to it.

All ``start``/``end`` offsets on mentions are into the *normalised* text
(``doc.norm.text``); :meth:`Document.original_span` maps them back to the original.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from marsad.kb.places import Place
from marsad.text.normalize import NormalizedText, normalize


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    headline: bool = False  # a title, caption or link line: it restates, it rarely reports

    def __init__(self, start: int, end: int, headline: bool = False) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.headline = headline


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    sentence: int
    name: str  # canonical English name
    inter: int
    country: str | None
    actor_id: str | None  # knowledge-base id; None for generic actors
    generic: bool = False

    def __init__(
        self,
        start: int,
        end: int,
        sentence: int,
        name: str,
        inter: int,
        country: str | None,
        actor_id: str | None,
        generic: bool = False,
    ) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.sentence = sentence
        self.name = name
        self.inter = inter
        self.country = country
        self.actor_id = actor_id
        self.generic = generic


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    sentence: int
    candidates: list[Place]  # best first
    cue: str | None = None  # «بلدة», «ريف», «محور», … when a pattern found it
    direction: str | None = None  # «شمال حماة» → "north"
    unresolved_name: str | None = None  # pattern place not in the gazetteer
    cue_precision: int | None = None  # geo_precision the cue implies
    #: after a neighbourhood cue («حي», «أحياء»): a part of a town, not a town of its own
    neighbourhood: bool = False

    def __init__(
        self,
        start: int,
        end: int,
        sentence: int,
        candidates: list[Place],
        cue: str | None = None,
        direction: str | None = None,
        unresolved_name: str | None = None,
        cue_precision: int | None = None,
        neighbourhood: bool = False,
    ) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.sentence = sentence
        self.candidates = candidates
        self.cue = cue
        self.direction = direction
        self.unresolved_name = unresolved_name
        self.cue_precision = cue_precision
        self.neighbourhood = neighbourhood


@dataclass(slots=True)
class TriggerMention:
    start: int
    end: int
    sentence: int
    event_type: str
    sub_event_type: str
    entry: Any  # marsad.kb.triggers.Trigger

    def __init__(
        self, start: int, end: int, sentence: int, event_type: str, sub_event_type: str, entry: Any
    ) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.sentence = sentence
        self.event_type = event_type
        self.sub_event_type = sub_event_type
        self.entry = entry


@dataclass(slots=True)
class Evidence:
    field: str
    start: int  # original-text offsets
    end: int
    text: str

    def __init__(self, field: str, start: int, end: int, text: str) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.field = field
        self.start = start
        self.end = end
        self.text = text


@dataclass(slots=True)
class Event:
    """An event as the pipeline codes it (before flattening to ACLED columns)."""

    event_type: str
    sub_event_type: str
    trigger: TriggerMention
    sentence: int
    actor1: ActorMention | None = None
    assoc_actor_1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc_actor_2: ActorMention | None = None
    place: Place | None = None
    place_mention: PlaceMention | None = None
    geo_precision: int = 3
    country: str | None = None
    date: dt.date | None = None
    date_mention: Any = None  # marsad.parse.dates.DateMention
    time_precision: int = 3
    fatalities: int = 0
    fatalities_mention: Any = None  # marsad.parse.numbers.Quantity
    #: the count is only what the killing word implies («سقط قتلى»: 10, «استشهد»: 1), not
    #: a number the text gives: a stated count told elsewhere of the act replaces it
    fatalities_vague: bool = False
    confidence: float = 0.5
    mentions: list[TriggerMention] = field(default_factory=list)
    kills: list[TriggerMention] = field(default_factory=list)
    victims: list[ActorMention] = field(default_factory=list)
    background: bool = False
    headline: bool = False
    needs_target: bool = False  # an attack with no one attacked: not an event on its own
    date_inherited: bool = False
    date_of_statement: bool = False  # the day a source spoke («أعلن … الجمعة، عن …»)
    place_inherited: bool = False


@dataclass(slots=True)
class Document:
    text: str
    article_id: str = "article"
    source: str = ""
    published: dt.date | None = None
    _norm: NormalizedText | None = field(default=None, init=False, repr=False)
    _starts: list[int] = field(default_factory=list, init=False, repr=False)
    _starts_of: list[Sentence] | None = field(default=None, init=False, repr=False)
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    sources: list[tuple[int, int]] = field(default_factory=list)  # news agencies / monitors
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)  # list[DateMention]
    quantities: list[Any] = field(default_factory=list)  # list[Quantity]
    triggers: list[TriggerMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: acts already told, named again with the article outside the lede («وتتركز
    #: الاشتباكات في …»): no events of their own; they may say more precisely where one was
    echoes: list[Event] = field(default_factory=list)
    cues: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, kind)
    demonyms: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, country)
    country: str | None = None  # the article's main country (English name)
    #: (position, country) of each mention that names a country: an actor, a nationality
    #: adjective, a country, a province or a large town
    country_mentions: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def norm(self) -> NormalizedText:
        """The normalised text, made on first use (the «normalize» stage sets it)."""
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm

    @norm.setter
    def norm(self, value: NormalizedText) -> None:
        self._norm = value

    @property
    def ntext(self) -> str:
        return self.norm.text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.span(start, end)

    def evidence(self, field_name: str, start: int, end: int) -> Evidence:
        s, e = self.norm.span(start, end)
        return Evidence(field_name, s, e, self.text[s:e])

    def sentence_of(self, pos: int) -> int:
        """The sentence holding ``pos``; between two sentences, the next one."""
        sents = self.sentences
        if not sents:
            return 0
        if self._starts_of is not sents:  # the starts of this very list, in C-speed bisect
            self._starts = [x.start for x in sents]
            self._starts_of = sents
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < sents[i].end:
            return i
        return min(i + 1, len(sents) - 1)
