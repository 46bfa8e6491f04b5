"""Stage «geocode»: where each event happened.

The place of an event is the most specific place named in its sentence (a town beats
a province beats a country), nearest the trigger on ties; ambiguous names are resolved
by the country and provinces the article speaks of. A sentence with no place takes the
place of the event before it. Cue words set the precision: «بلدة X» 1, «محور X»,
«شمال X» 2, «ريف X» 3. Generic actors («قوات النظام») get their country here.
"""

from __future__ import annotations

import dataclasses
import re

from mypy_extensions import mypyc_attr

from marsad.document import ActorMention, Document, Event, PlaceMention
from marsad.kb.base import KnowledgeBase, grievance_pattern
from marsad.kb.places import Place
from marsad.text.normalize import normalize_key

_LEVEL_RANK = {"place": 3, "admin1": 2, "country": 1}
_SMALL_TOWN = 1000  # population under which a place needs a cue or a preposition
_FOREIGN_TOWN = 100_000
_PROVINCE_TOWN = 50_000  # a smaller place named like its province is read as the province  # a place outside the article's country needs a cue below this
#: Cues that name a place only as a reference point («شمال حماة»): less specific.
DIRECTIONS = frozenset(
    normalize_key(w)
    for w in (
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "شمال شرق",
        "شمال غرب",
        "جنوب شرق",
        "جنوب غرب",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "قرب",
        "بالقرب من",
        "محيط",
        "أطراف",
        "ضواحي",
        "مشارف",
    )
)


INTERNATIONAL_COALITION = "international_coalition"
_INTERNATIONAL_RE = re.compile(r"الدولي|امريك|اميرك|واشنطن|العزم")
#: what follows a dateline's place: an optional date, then the agency in brackets
#: («بغداد (رويترز) -», «القاهرة 9 أبريل 2017 (شينخوا)», «أربيل (كوردستان24)-»)
_DATELINE_AFTER_RE = re.compile(
    r"\s*(?:\d{1,2}\s+\w+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})?\s*[(\[][^)\]\n]{1,40}[)\]]"
)

#: a hospital named just before a place («نقل إلى مستشفى النجاح في مدينة نابلس»)
_HOSPITAL_RE = re.compile(r"(?:مستشفي|مستشفيات|مشفي|المستشفي|المشفي)[^.،\n]{0,30}$")

#: a person's home town («الشاب المنحدر من بلدة X», «ينحدران من مدينة X», «وهو من بلدة X»,
#: «الشاب "فلان" من X»: a name in quotes, then «من»), not the act's place
_ORIGIN_RE = re.compile(
    r"(?:(?:[يت]نحدر|[يت]تحدر|المنحدر|المتحدر)\w{0,3}|(?<!\w)و?(?:هو|هي|هما|هم)|[\"”»])"
    r"\s+من\s+(?:\w+\s+)?$"
)


@mypyc_attr(allow_interpreted_subclasses=True)  # learn.modes.ModelGeocodeStage
class GeocodeStage:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._tails = kb.compound_tails()
        self._abroad = kb.abroad_countries()
        self._vague_cues = DIRECTIONS | {normalize_key(w) for w in kb.cues.get("area_cues") or ()}

    def __call__(self, doc: Document) -> Document:
        admin1_ctx: set[tuple[str, str]] = set()  # provinces named or implied by the article
        for pm in doc.places:
            for c in pm.candidates:
                if c.admin1:
                    admin1_ctx.add((c.country_iso, c.admin1))
        country_iso = self._doc_country_iso(doc)
        by_sentence = _by_sentence(doc.places)
        if self._not_the_gazetteers(doc, by_sentence, country_iso):
            by_sentence = _by_sentence(doc.places)
        homed = _placed_at_home(by_sentence, country_iso)
        origins = _home_towns(doc.ntext, by_sentence)
        prev: Event | None = None
        events: list[Event] = []
        for ev in doc.events:
            events.append(ev)
            places = _own_places(ev, doc.events, by_sentence.get(ev.sentence, []))
            places = [pm for pm in places if id(pm) not in origins]
            if ev.event_type in ("Protests", "Riots"):
                places = [pm for pm in places if not _grieved(doc.ntext, ev, pm)] or [
                    pm for pm in places if pm.start < ev.trigger.start
                ]
            chosen = self._choose(doc, ev, places, admin1_ctx, country_iso, homed)
            if chosen is not None:
                pm, place, prec = chosen
                ev.place_mention, ev.place, ev.geo_precision = pm, place, prec
            elif prev is not None and prev.place is not None:
                ev.place, ev.place_mention = prev.place, prev.place_mention
                ev.geo_precision, ev.place_inherited = prev.geo_precision, True
            ev.country = self._country(doc, ev)
            for attr in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
                a = getattr(ev, attr)
                if a is not None and a.generic:
                    setattr(ev, attr, self._army(a, ev.country) or _with_country(a, ev.country))
                elif a is not None and a.actor_id == INTERNATIONAL_COALITION:
                    setattr(ev, attr, self._coalition(doc, a, ev.country))
            ev.victims = [_with_country(a, ev.country) if a.generic else a for a in ev.victims]
            prev = ev
            if chosen is not None and ev.event_type in SPLIT_BY_PLACE:
                for other in _listed_towns(doc.ntext, ev, chosen[0], places):
                    # «قصفت قوات النظام بلدة X، وبلدة Y»: an act in each town listed
                    found = self._resolve(other, admin1_ctx, country_iso, doc.ntext)
                    if found is None and other.unresolved_name is None:
                        continue
                    if found is None:
                        found = self._context_admin1(doc, places, country_iso)
                    twin = dataclasses.replace(
                        ev,
                        place_mention=other,
                        place=found,
                        geo_precision=self._precision(other, found),
                        fatalities=0,
                        fatalities_mention=None,
                        fatalities_vague=False,
                        mentions=list(ev.mentions),
                        kills=list(ev.kills),
                        victims=list(ev.victims),
                    )
                    twin.country = self._country(doc, twin)
                    events.append(twin)
        doc.events = events
        for echo in doc.echoes:
            places = [pm for pm in by_sentence.get(echo.sentence, []) if id(pm) not in origins]
            chosen = self._choose(doc, echo, places, admin1_ctx, country_iso, homed)
            if chosen is not None:
                echo.place_mention, echo.place, echo.geo_precision = chosen
                echo.country = self._country(doc, echo)
        return doc

    def _not_the_gazetteers(
        self, doc: Document, by_sentence: dict[int, list[PlaceMention]], country_iso: str | None
    ) -> bool:
        """Names that are not the gazetteer's place of that name: unknown places. True when
        ``doc.places`` was rebuilt (a village's name took in the words after it)."""
        text = doc.ntext
        villages: set[str] = set()
        for pm in doc.places:
            if pm.neighbourhood and pm.candidates and _quarter_astray(pm, doc.places):
                # «أحياء الرياض» in Nyala: a quarter named after a town of another province
                # or country, not that town; an unknown quarter of the act's town
                pm.candidates, pm.unresolved_name = [], text[pm.start : pm.end]
            elif _namesake_elsewhere(pm, by_sentence.get(pm.sentence, []), country_iso):
                # «بلدتي الغارية الشرقية والمسيفرة في ريف درعا»: the gazetteer's «الغارية» is
                # in another province: a village it lacks (so wherever the article names it)
                villages.add(text[pm.start : pm.end])
        if not villages:
            return False
        taken: list[tuple[int, int]] = []
        for pm in doc.places:
            if pm.candidates and text[pm.start : pm.end] in villages:
                tail = _NEXT_WORD_RE.match(text, pm.end)
                if tail is not None and tail.group(1) in self._tails:
                    pm.end = tail.end()  # with the words that end its name («الشرقية»)
                pm.candidates, pm.unresolved_name = [], text[pm.start : pm.end]
                pm.cue_precision = pm.cue_precision or 1
                taken.append((pm.start, pm.end))
        doc.places = [
            pm
            for pm in doc.places
            if pm.unresolved_name or not any(s <= pm.start < e for s, e in taken)
        ]
        return True

    def _army(self, a: ActorMention, country: str | None) -> ActorMention | None:
        """Soldiers, «الجيش», in a territory with no army of its own are the occupying
        army's: in the West Bank and Gaza, Israel's (``army_by_country`` in cues.yaml)."""
        if not a.name.startswith("Military Forces of "):
            return None
        return self._local_actor("army_by_country", a, country)

    def _coalition(self, doc: Document, a: ActorMention, country: str | None) -> ActorMention:
        """A bare «التحالف» is the coalition at war where the event is (Yemen's: the Arab one)."""
        local = self._local_actor("coalition_by_country", a, country)
        if local is None or _INTERNATIONAL_RE.search(doc.ntext, a.start, a.end):
            return a
        return local

    def _local_actor(self, table: str, a: ActorMention, country: str | None) -> ActorMention | None:
        """The actor that ``table`` (a country → actor id map in cues.yaml) names for
        ``country``, at ``a``'s words; None where it names none."""
        actor_id = (self.kb.cues.get(table) or {}).get(country)
        actor = self.kb.actors_by_id.get(actor_id) if actor_id else None
        if actor is None:
            return None
        return ActorMention(a.start, a.end, a.sentence, actor.name, actor.inter, actor.country, actor.id)

    def _doc_country_iso(self, doc: Document) -> str | None:
        cp = self.kb.country_place(doc.country)
        return cp.country_iso if cp else None

    def _choose(
        self,
        doc: Document,
        ev: Event,
        places: list[PlaceMention],
        admin1_ctx: set[tuple[str, str]],
        country_iso: str | None,
        homed: set[int],
    ) -> tuple[PlaceMention, Place | None, int] | None:
        best: tuple[tuple[int, ...], PlaceMention, Place | None, int] | None = None
        text = doc.ntext
        for pm in places:
            place = self._resolve(
                pm, admin1_ctx, country_iso, text, id(pm) in homed, doc.country_mentions
            )
            if place is None and pm.unresolved_name is None:
                continue
            level = place.level if place is not None else "place"
            prec = self._precision(pm, place)
            dist = min(abs(pm.start - t.end) for t in ev.mentions)
            rank = _LEVEL_RANK[level] * 2 - (1 if pm.cue in DIRECTIONS else 0)
            # a name a cue introduces («قرية X», «بمنطقة X») is where it happened; a bare
            # name is often only a landmark («شمال العاصمة بغداد»)
            cued = int(pm.cue_precision in (1, 2) and pm.cue not in DIRECTIONS)
            # a dateline's place is where the report was filed, a hospital's where the
            # wounded were taken: the act's place only if its sentence names no other
            # of two names alike, a known place (it has coordinates) over an unknown one
            # («في مديرية X بمنطقة Y», Y not in the gazetteer: X, with its coordinates)
            key = (int(not _aside(text, pm)), rank, cued, int(place is not None), -prec, -dist)
            if best is None or key > best[0]:
                best = (key, pm, place, prec)
        if best is None:
            return None
        _, pm, place, prec = best
        if place is None:  # unknown town: use the province named near it, if any
            place = self._context_admin1(doc, places, country_iso)
        return pm, place, prec

    def _resolve(
        self,
        pm: PlaceMention,
        admin1_ctx: set[tuple[str, str]],
        country_iso: str | None,
        text: str,
        at_home: bool = False,
        named: list[tuple[int, str]] | None = None,
    ) -> Place | None:
        cands = pm.candidates
        if not cands:
            return None
        if pm.cue_precision == 3 and any(c.level == "admin1" for c in cands):
            cands = [c for c in cands if c.level == "admin1"]  # «ريف حماة»: the province

        def score(c: Place) -> tuple[int, int, int, int]:
            in_country = int(country_iso is not None and c.country_iso == country_iso)
            in_admin1 = int(c.admin1 is not None and (c.country_iso, c.admin1) in admin1_ctx)
            return (in_country, in_admin1, _LEVEL_RANK[c.level], c.population)

        best = max(cands, key=score)
        prefix = text[max(0, pm.start - 4) : pm.start]
        after_in = prefix.endswith(("في ", "من ", "الى ", "قرب ")) or prefix.endswith("ب")
        if country_iso is not None and best.country_iso != country_iso:
            if at_home:  # «X وY بريف درعا»: the text puts it in a province at home
                return None
            # abroad: a town needs a cue, or «في» and a large population; a province or a
            # country needs «في» («في إيران»), never only a name in passing («راديو فرنسا»)
            if best.level == "place":
                if pm.cue_precision is None and not (after_in and best.population >= _FOREIGN_TOWN):
                    return None
                if (
                    named is not None
                    and pm.cue in self._vague_cues
                    and not _named_elsewhere(named, pm, best.country)
                ):
                    # «بمنطقة صلاح الدين» in Tripoli: an area's name, not a town of a
                    # country the article names nowhere else
                    return None
            elif not after_in:
                return None
        if best.level == "place" and best.population < _SMALL_TOWN and pm.cue_precision is None:
            if not after_in and normalize_key(text[pm.start : pm.end]) in self.kb.common_words:
                return None  # a village named like an everyday word, without «في» or a cue
        if best.level == "place" and best.population < _PROVINCE_TOWN:
            same_name = [c for c in cands if c.level == "admin1" and c.country_iso == best.country_iso]
            if same_name and pm.cue_precision != 1:
                return same_name[0]  # «صلاح الدين»: the province, not a village of that name
        return best

    @staticmethod
    def _precision(pm: PlaceMention, place: Place | None) -> int:
        if place is None:
            return 2
        if place.level == "country":
            return 3
        if place.level == "admin1":
            return 3 if pm.cue_precision in (None, 3) else 2 if pm.cue_precision == 1 else 3
        return pm.cue_precision if pm.cue_precision is not None and pm.cue_precision < 3 else 1

    def _context_admin1(
        self, doc: Document, places: list[PlaceMention], country_iso: str | None
    ) -> Place | None:
        for pm in places:
            # «في ريف درعا»: the province, though the city named like it may come first
            by_level = sorted(pm.candidates, key=lambda c: c.level != "admin1")
            for c in by_level:
                if (
                    pm.cue_precision != 3
                    and c.country != doc.country
                    and not _named_elsewhere(doc.country_mentions, pm, c.country)
                ):
                    continue  # «بمنطقة صلاح الدين» in Tripoli: no Iraqi province
                if c.level == "admin1" or (c.level == "place" and pm.cue_precision == 3):
                    return c
        return self.kb.country_place(country_iso)

    def _country(self, doc: Document, ev: Event) -> str | None:
        if ev.place is not None:
            return ev.place.country
        if doc.country is not None:
            return doc.country  # «داعش» acts in many countries: the article's is the one
        for a in (ev.actor1, ev.actor2):
            if a is not None and a.country and a.country not in self._abroad:
                return a.country
        return doc.country


#: what a crowd protests against or stands with: «تنديدا بالعدوان على قطاع غزة»,
#: «تضامنا مع أهالي غزة»
_GRIEVANCE_RE = re.compile(r"(?<!\w)(?:" + grievance_pattern() + ")")
_BREAK_RE = re.compile(r"[.؛;:]")


def _grieved(text: str, ev: Event, pm: PlaceMention) -> bool:
    """A place a protest's grievance names after its word: not where the crowd was."""
    t = ev.trigger
    if pm.start < t.end:
        return False
    m = _GRIEVANCE_RE.search(text, t.end, pm.start)
    return m is not None and not _BREAK_RE.search(text, m.end(), pm.start)


def _named_elsewhere(mentions: list[tuple[int, str]], pm: PlaceMention, country: str) -> bool:
    """A mention other than ``pm`` names ``country`` (``Document.country_mentions``)."""
    return any(c == country and start != pm.start for start, c in mentions)


def _aside(text: str, pm: PlaceMention) -> bool:
    """A place named by the way: a dateline's (it opens a line and the agency follows it in
    brackets), or a hospital's."""
    if _HOSPITAL_RE.search(text, max(0, pm.start - 40), pm.start):
        return True
    line_start = text.rfind("\n", 0, pm.start) + 1
    if text[line_start : pm.start].strip():
        return False
    return _DATELINE_AFTER_RE.match(text, pm.end) is not None


#: what may join a home town to the province it is in («نصيب في الريف الشرقي لدرعا»,
#: «… بريف درعا», «… في محافظة درعا»), not another place of the sentence («من حمص عند
#: حاجز في مدينة طرطوس»)
_ORIGIN_TAIL_RE = re.compile(
    r"\s*،?\s*(?:في|ب)\s*(?:ال)?(?:ريف|محافظه|ولايه|اقليم|قضاء)?(?:\s+\w+)?\s*ل?"
)


def _home_towns(text: str, by_sentence: dict[int, list[PlaceMention]]) -> set[int]:
    """The places (``id``) that say where a person is from, not where the act happened
    («الشاب المنحدر من بلدة X», «وهو من بلدة X في ريف Y»)."""
    out: set[int] = set()
    for places in by_sentence.values():
        prev: PlaceMention | None = None
        for pm in places:
            if _ORIGIN_RE.search(text, max(0, pm.start - 30), pm.start) or (
                prev is not None
                and id(prev) in out
                and _ORIGIN_TAIL_RE.fullmatch(text, min(prev.end, pm.start), pm.start)
            ):
                out.add(id(pm))
            prev = pm
    return out


#: how far after a place a province may be named that locates it («X وY بريف درعا»)
_LOCATED_WITHIN = 40


def _placed_at_home(
    by_sentence: dict[int, list[PlaceMention]], country_iso: str | None
) -> set[int]:
    """The places (``id``) that a province of the article's country, named right after
    them in their sentence, locates at home («بلدتي X وY بريف درعا»)."""
    if country_iso is None:
        return set()
    return {
        id(pm)
        for places in by_sentence.values()
        for pm in places
        if _provinces_after(pm, places, country_iso)
    }


def _provinces_after(
    pm: PlaceMention, places: list[PlaceMention], country_iso: str
) -> list[tuple[PlaceMention, Place]]:
    """The provinces of ``country_iso`` that ``places`` (``pm``'s sentence) name right
    after ``pm``, with the mention naming each."""
    return [
        (other, c)
        for other in places
        if pm.end < other.start <= pm.end + _LOCATED_WITHIN
        for c in other.candidates
        if c.level == "admin1" and c.country_iso == country_iso
    ]


def _quarter_astray(pm: PlaceMention, places: list[PlaceMention]) -> bool:
    """No candidate of the quarter ``pm`` names lies in a province another place of the
    article lies in (or is)."""
    named = {
        (c.country_iso, c.admin1)
        for other in places
        if other is not pm
        for c in other.candidates[:1]
        if c.admin1 is not None
    }
    return not any(c.level == "place" and (c.country_iso, c.admin1) in named for c in pm.candidates)


_NEXT_WORD_RE = re.compile(r" (\w+)")


def _by_sentence(places: list[PlaceMention]) -> dict[int, list[PlaceMention]]:
    out: dict[int, list[PlaceMention]] = {}
    for pm in places:
        out.setdefault(pm.sentence, []).append(pm)
    return out


def _namesake_elsewhere(
    pm: PlaceMention, places: list[PlaceMention], country_iso: str | None
) -> bool:
    """``pm`` names a village that a province of the article's country, named right after
    it with a province's cue («في ريف درعا», «بمحافظة …»), places in that province, while
    every village of that name the gazetteer has in the country lies in another."""
    if country_iso is None or not pm.candidates or pm.cue_precision == 3:
        return False
    home = [c for c in pm.candidates if c.country_iso == country_iso]
    if any(c.level != "place" for c in home) or not home and pm.cue_precision not in (1, 2):
        return False  # a name with no namesake at home is a village only after a town's cue
    provinces = {
        c.admin1 for other, c in _provinces_after(pm, places, country_iso) if other.cue_precision == 3
    }
    return bool(provinces) and not any(c.admin1 in provinces for c in home)


#: acts coded once in each town their sentence lists (ACLED: one event per location)
SPLIT_BY_PLACE = frozenset({"Explosions/Remote violence"})


def _listed_towns(
    text: str, ev: Event, chosen: PlaceMention, places: list[PlaceMention]
) -> list[PlaceMention]:
    """The other towns an act's sentence lists after its word, each with its cue and the
    first joined by «و» or a comma: «استهدفت بالمدفعية بلدة X شمال إدلب، وبلدة Y وقرى Z»."""
    towns = [
        pm
        for pm in places
        if pm.sentence == ev.sentence
        and pm.start > ev.trigger.start
        and pm.cue_precision == 1
        and pm.cue is not None
        and not pm.neighbourhood
    ]
    if len(towns) < 2 or chosen not in towns:
        return []
    listed = [pm for pm in towns[1:] if _coordinated(text, pm)]
    if not listed:
        return []
    return [pm for pm in [towns[0], *listed] if pm is not chosen]


def _coordinated(text: str, pm: PlaceMention) -> bool:
    """«… وبلدة X», «…، قرية X»: a town joined to the one before it."""
    cue = pm.cue or ""
    head = text[max(0, pm.start - len(cue) - 8) : pm.start]
    return re.search(r"(?:\sو|[،,]\s*و?)(?:ال)?" + re.escape(cue) + r"\s+[\"“«]?$", head) is not None


def _own_places(ev: Event, events: list[Event], places: list[PlaceMention]) -> list[PlaceMention]:
    """With several acts in a sentence, each has the places named after its own word and
    before the next act's («غارات على X، تزامنا مع قصف على Y»); the first act also those
    named before it. Where that leaves none, all the sentence's places."""
    others = [e for e in events if e is not ev and e.sentence == ev.sentence]
    if not others or not places:
        return places
    marks = sorted(
        [(t.start, True) for t in ev.mentions] + [(t.start, False) for e in others for t in e.mentions]
    )
    own = []
    for pm in places:
        before = [mine for start, mine in marks if start <= pm.start]
        if before[-1:] == [True] or not before and marks[0][1]:
            own.append(pm)
    return own or places


def _with_country(a: ActorMention, country: str | None) -> ActorMention:
    if "{country}" not in a.name:
        return a
    name = country_in(a.name, country)
    return ActorMention(a.start, a.end, a.sentence, name, a.inter, country, None, True)


def country_in(template: str, country: str | None) -> str:
    """Fill ``{country}``: «Military Forces of the United States», «Civilians (Syria)»."""
    name = country or "Unknown"
    if template.endswith(" of {country}") and name.startswith("United "):
        name = "the " + name
    return template.replace("{country}", name)
