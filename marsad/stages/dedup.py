"""Stage «dedup»: mentions of one event inside an article become one event.

Two events merge when they have the same type (and, for explosions, the same
sub-type), compatible dates (equal, or one taken from context), compatible places
(equal, one taken from context, or one inside the other) and compatible actors
(a shared actor, or one side without actors). A recap, a caption or a background
sentence thus folds into the event it restates. Events left without any actor that
ACLED could code are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

from marsad.document import ActorMention, Document, Event
from marsad.kb.places import Place
from marsad.stages.arguments import ARMED, CIVILIANS, UNIDENTIFIED, VIOLENT, crowd_violence
from marsad.stages.events import sub_type_rank
from marsad.stages.geocode import country_in

_NEEDS_TWO = {"Battles"}
RECENT_DAYS = 60  # a dated recap is news for weeks («في 14 يناير الجاري»), not for months
#: when a crowd's acts merge, the strongest type names the event
RIOT_OVER = {"Strategic developments": 0, "Protests": 1, "Riots": 2}
AIR_POWER = frozenset({1, 8})
STATE_ONLY = frozenset({1})
NON_STATE = frozenset({2, 3, 4})
_GROUP_REF_RE = re.compile(r"(?:^|\s)[وف]?(?:ال|لل)تنظيم(?:\s|$)")
#: acts that arrests told in their sentence are part of
ARREST_HOSTS = frozenset({"Battles", "Explosions/Remote violence", "Protests", "Riots"})
REMOTE_OR_ONE_SIDED = frozenset({"Explosions/Remote violence", "Violence against civilians"})
SIDES_FROM_ARTICLE = frozenset({"Battles", "Strategic developments"})
#: «سيارة مفخخة» … «التفجير الانتحاري» … «العبوة»: words for one bombing; the strongest names it
BOMBS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
#: bombs a state never sets off: it names their bombers or is hit by them
PLANTED = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})
Named = dict[int, list[tuple[int, set[str]]]]
#: words that do not say from where: missiles, and bare «قصف» (by air or by artillery)
_MISSILE_RE = re.compile(
    r"(?:سقوط )?[وفب]?(?:ال)?(?:صواريخ|صاروخ|صاروخا|قصف|قصفت|قصفا|يقصف|تقصف|قذيفه|قذايف|قذيفتين|قذيفتان)"
)
#: right after a shell word, the gun that fired it: «قذائف المدفعية», «قذيفة هاون»
_GUN_RE = re.compile(r"\s*(?:\S+\s+)?(?:ال)?(?:مدفع|هاون|دباب|راجم)")
_GUN_WINDOW = 30
NEAR_CHARS = 25  # «قرية X في ريف Y»: how far after a village the town it lies by is named


class DedupStage:
    """Merge the mentions of one act; drop titles, background and what cannot be coded.

    ``no_battles``: the names of actors whose violence ACLED never codes as a battle
    (``no_battles`` in the actor files: settlers), see :func:`_mob_violence`.
    """

    def __init__(self, no_battles: frozenset[str] = frozenset()) -> None:
        self.no_battles = no_battles

    def __call__(self, doc: Document) -> Document:
        _casualties_of_strikes(doc.events)
        for ev in doc.events:
            if ev.sub_event_type in PLANTED and ev.actor1 is not None and ev.actor1.inter in STATE_ONLY:
                # «قالت السلطات إن … خمسة انتحاريين», «عبوة ناسفة انفجرت أمام معهد الشرطة»: a
                # state names the bombers or is hit by the bomb, never plants one; the bomber
                # is the group named before, or unidentified (below)
                ev.actor1 = None
        kept: list[Event] = []
        named: Named = {}  # sentence → (start, place ids) of the places it names
        for pm in doc.places:
            named.setdefault(pm.sentence, []).append((pm.start, {c.id for c in pm.candidates}))
        missiles = {
            id(e)
            for e in doc.events
            if e.sub_event_type == "Shelling/artillery/missile attack" and _only_missiles(doc, e)
        }
        # body sentences first: a title merges into the act it announces, not the reverse;
        # arrests last: one told with a clash or a protest («قتل 3 واعتقال اثنين») is its part
        for ev in sorted(doc.events, key=lambda e: (e.headline, e.sub_event_type == "Arrests")):
            if _old_news(ev, doc.published):
                continue  # an act of another time restates nothing of today's
            target = next((k for k in kept if _compatible(k, ev, named, missiles)), None)
            if target is not None:
                _merge(target, ev)
            elif not ev.background:
                kept.append(ev)
        if any(not e.headline for e in kept):
            kept = [e for e in kept if not e.headline]  # titles restate the body's events
        kept = [e for e in kept if _placed(e)]
        _closer_places(kept, doc.echoes, named)
        sides = _main_sides(doc)
        for e in kept:
            if e.actor1 is None and e.event_type in REMOTE_OR_ONE_SIDED:
                e.actor1 = _named_before(doc, e)  # «التنظيم» / «الطيران» of a group named earlier
            elif e.actor1 is None and e.sub_event_type == "Arrests":
                e.actor1 = _named_before(doc, e, STATE_ONLY)  # «واعتقل الشاب …» after «قوات الاحتلال»
        kept = _force_against_protests(kept, named, missiles)
        doc.events = [e for e in kept if _codable(e, sides, self.no_battles, _hurt(doc, e))]
        for ev in doc.events:
            ev.confidence = _confidence(ev)
        return doc


def _closer_places(kept: list[Event], echoes: list[Event], named: Named) -> None:
    """«اشتباكات في ريف حلب» … «وتتركز الاشتباكات في المناطق الواقعة شرق مدينة أعزاز»: an
    act named again later, with a place inside the one told, happened there. Only where
    one act of that type told before can be meant."""
    for echo in echoes:
        if echo.place is None and echo.place_mention is None:
            continue
        told = [
            k
            for k in kept
            if k.event_type == echo.event_type
            and min(t.sentence for t in k.mentions) < echo.sentence
        ]
        if len(told) != 1:
            continue
        base = told[0]
        if base.place is None or base.place_inherited:
            continue
        if not _places_compatible(base, echo, named) or _level_rank(echo) <= _level_rank(base):
            continue  # only a town inside the province told, a village inside the country
        _take_place(base, echo)
        base.mentions.append(echo.trigger)


def _take_place(base: Event, other: Event) -> None:
    """``base`` happened where ``other`` says: at its place, or, for a village the
    gazetteer lacks inside the province ``base`` knows, at that province by the village's
    name."""
    if other.place is not None and not (_unresolved(other) and _coarser(other.place, base.place)):
        base.place, base.country = other.place, other.country
    base.place_mention = other.place_mention
    base.geo_precision, base.place_inherited = other.geo_precision, False


def _force_against_protests(kept: list[Event], named: Named, missiles: set[int]) -> list[Event]:
    """Protesters killed or maimed by a force named only now (by the group named before
    the act) are excessive force against the protest, which it joins when one is told."""
    out: list[Event] = []
    for e in kept:
        was = e.event_type
        crowd_violence(e)
        if was == e.event_type or e.event_type != "Protests":
            out.append(e)
            continue
        target = next(
            (k for k in out if k.event_type == "Protests" and _compatible(k, e, named, missiles)),
            None,
        )
        if target is None:
            out.append(e)
        else:
            _merge(target, e)
    return out


def _old_news(ev: Event, published: dt.date | None) -> bool:
    """Background: an act dated only by a month or a year («في تموز 2019»), or months old."""
    if ev.date is None or ev.date_inherited:
        return False
    if ev.time_precision >= 3:
        return True
    return published is not None and (published - ev.date).days > RECENT_DAYS


def _names(ev: Event) -> set[str]:
    return {a.name for a in (ev.actor1, ev.actor2) if a is not None}


def _compatible(a: Event, b: Event, named: Named, missiles: set[int]) -> bool:
    if any(t is b.trigger for t in a.mentions) or any(t is a.trigger for t in b.mentions):
        return False  # one act word coded in each town it lists (geocode): kept apart
    if b.sub_event_type == "Arrests" and a.event_type in ARREST_HOSTS:
        # «قتل 3 من عناصر داعش واعتقال اثنين», «نفذت الشرطة اعتقالات في صفوف المتظاهرين»:
        # arrests told in the sentence of a clash or a protest are part of it
        same_sentence = {t.sentence for t in a.mentions} & {t.sentence for t in b.mentions}
        return bool(same_sentence) and _places_compatible(a, b, named)
    if _retold_attack(a, b):
        return _places_compatible(a, b, named)
    if not _types_compatible(a, b):
        return False
    if (
        a.event_type == b.event_type
        and a.event_type in ("Explosions/Remote violence", "Strategic developments")
        and a.sub_event_type != b.sub_event_type
        and not _missiles_of_strike(a, b, missiles)
        and not {a.sub_event_type, b.sub_event_type} <= BOMBS
    ):
        return False  # an air strike and a shelling, an arrest and a release: two acts
    if not (a.date_inherited or b.date_inherited) and a.date != b.date:
        return False
    if a.event_type != b.event_type and not _casualty_line(b):
        if a.date != b.date or a.date_inherited:
            return False  # different kinds of act are one incident only on one stated day
    if not _places_compatible(a, b, named):
        return False
    if _casualty_line(b) and a.event_type != b.event_type:
        return True  # «المسن … من بين القتلى»: the dead of the act, whoever the line names
    na, nb = _names(a), _names(b)
    return not na or not nb or bool(na & nb) or _roles_agree(a, b)


def _retold_attack(a: Event, b: Event) -> bool:
    """«تعرضت الطالبات للاختطاف» … «ووقع هجوم الجمعة … في منطقة X»: an attack word that hits
    no one named, told with a day of its own after an act whose sentence gave it no day, is
    that act told again, with its day and place."""
    return (
        b.needs_target
        and b.actor2 is None
        and b.date_mention is not None
        and not b.date_inherited
        and a.date_inherited
        and a.event_type in VIOLENT
        and not a.needs_target
        and min(t.sentence for t in a.mentions) < b.sentence
    )


def _roles_agree(a: Event, b: Event) -> bool:
    """No role names two different actors: «غارات للجيش» and «قتلى مدنيون» of one strike."""
    return all(
        x is None
        or y is None
        or x.name == y.name
        or _gunmen(x)
        or _gunmen(y)
        or _soldiers_of(x, y)
        or _soldiers_of(y, x)
        for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2))
    )


def _soldiers_of(x: ActorMention, y: ActorMention) -> bool:
    """«جنود» (a state's forces, unnamed) and a force of that country named elsewhere
    («الحزام الأمني»): the article may name the unit once and call its men soldiers."""
    return x.generic and x.inter == 1 and not y.generic and y.country == x.country and y.inter in (1, 3)


def _gunmen(a: ActorMention) -> bool:
    """«مسلحون», «مجهولون»: gunmen the article may name elsewhere («مسلحو داعش»)."""
    return a.generic and a.inter == UNIDENTIFIED


def _only_missiles(doc: Document, ev: Event) -> bool:
    """Every word of the act is only «صواريخ», «قذائف» or «قصف», with no gun named after it
    («بقذائف المدفعية»): from a launcher, a gun or a jet alike."""
    text = doc.ntext
    return all(
        _MISSILE_RE.fullmatch(text[t.start : t.end])
        and not _GUN_RE.match(text, t.end, t.end + _GUN_WINDOW)
        for t in ev.mentions
    )


def _missiles_of_strike(a: Event, b: Event, missiles: set[int]) -> bool:
    """«تصدت الدفاعات الجوية لصواريخ» and «غارات إسرائيلية» the same evening: one strike."""
    subs = {a.sub_event_type, b.sub_event_type}
    return subs == {"Air/drone strike", "Shelling/artillery/missile attack"} and bool(
        {id(a), id(b)} & missiles
    )


def _types_compatible(a: Event, b: Event) -> bool:
    """Same type; a crowd's protest and riot; or a casualty line («قتل المسن») after an act."""
    if a.event_type == b.event_type:
        return True
    if _crowd(a) and _crowd(b):
        return True
    return _casualty_line(b) and a.event_type in VIOLENT and b.event_type in VIOLENT


def _casualty_line(ev: Event) -> bool:
    return bool(ev.trigger.entry.role == "kill")


def _crowd(ev: Event) -> bool:
    return ev.event_type in ("Protests", "Riots") or ev.sub_event_type == "Looting/property destruction"


def _places_compatible(a: Event, b: Event, named: Named) -> bool:
    if a.place_inherited or b.place_inherited or a.place is None or b.place is None:
        return a.country == b.country or a.country is None or b.country is None
    ua, ub = _unresolved(a), _unresolved(b)
    if ua and ub:  # «قرية X» not in the gazetteer: only the same name is the same place
        return ua == ub
    if ua or ub:  # …but it may lie in the province or country the other names, or near
        # the town named right after it («قرية X في ريف Y» and «غارات على منطقة Y»)
        village, other = (a, b.place) if ua else (b, a.place)
        pm = village.place_mention
        if other.level != "place":
            return True
        if pm is not None and pm.neighbourhood:
            return village.country == other.country  # «حي X»: a quarter of the act's town
        return pm is not None and any(
            other.id in ids and 0 < start - pm.end <= NEAR_CHARS
            for start, ids in named.get(pm.sentence, [])
        )
    pa, pb = a.place, b.place
    if pa.id == pb.id:
        return True
    if pa.country_iso != pb.country_iso:
        return False
    if pa.level == "country" or pb.level == "country":
        return True
    la, lb = _level(pa), _level(pb)
    return la == "admin1" and pb.admin1 == pa.admin1 or lb == "admin1" and pa.admin1 == pb.admin1


def _level(p: Place) -> str:
    """A city named like its province («أربيل», «حلب») may stand for either: the province."""
    if p.level == "place" and p.admin1 is not None and _folded(p.name) == _folded(p.admin1):
        return "admin1"
    return p.level


def _folded(name: str) -> str:
    """A name's Latin letters only, lower case: «Dar‘ā» and «Dar'a» are one name."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if "a" <= c <= "z")


def _level_rank(ev: Event) -> int:
    if _unresolved(ev):
        return 3  # a named village, even one the gazetteer lacks
    return {"place": 3, "admin1": 2, "country": 1}.get(_level(ev.place), 0) if ev.place else 0


def _unresolved(ev: Event) -> str | None:
    return ev.place_mention.unresolved_name if ev.place_mention is not None else None


def _merge(base: Event, other: Event) -> None:
    if other.sub_event_type == "Arrests" and base.event_type in ARREST_HOSTS:
        base.mentions.extend(other.mentions)
        if base.event_type == "Protests":  # the arresting force intervened
            if sub_type_rank("Protest with intervention") < sub_type_rank(base.sub_event_type):
                base.sub_event_type = "Protest with intervention"
            base.actor2 = base.actor2 or other.actor1
        return
    armed = base.actor1 is not None and base.actor1.inter in ARMED
    if base.event_type != other.event_type and _crowd(base) and not armed:
        # a crowd's acts take the strongest name; armed men looting are no riot
        if RIOT_OVER.get(other.event_type, 0) > RIOT_OVER.get(base.event_type, 0):
            base.event_type, base.sub_event_type = other.event_type, other.sub_event_type
    stronger = sub_type_rank(other.sub_event_type) < sub_type_rank(base.sub_event_type)
    if base.event_type == other.event_type and stronger:
        base.sub_event_type = other.sub_event_type
    if _casualty_line(base) and not _casualty_line(other) and _names(base) <= _names(other):
        # «هاجمت X مواقع Y» says who acted; «مقتل عنصر من X بهجوم لـY» only who died
        base.actor1, base.actor2 = other.actor1, other.actor2
    base.mentions.extend(other.mentions)
    base.needs_target = base.needs_target and other.needs_target
    base.headline = base.headline and other.headline
    if other.actor1 is not None and base.actor1 is not None and _gunmen(other.actor1):
        if not _gunmen(base.actor1) and other.actor1.name != base.actor1.name:
            # «مسلحون مجهولون اغتالوا ضابطا في جهاز المخابرات»: the force named with the act
            # is mostly the victim's; unknown gunmen are what the article knows
            base.actor1 = other.actor1
    for attr in ("actor1", "actor2"):
        mine, theirs = getattr(base, attr), getattr(other, attr)
        if mine is not None and theirs is not None and _soldiers_of(mine, theirs):
            setattr(base, attr, theirs)  # «جنود» of the force named elsewhere: the force
    for attr in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        if getattr(base, attr) is None:
            cand: ActorMention | None = getattr(other, attr)
            if cand is not None and cand.name not in _names(base):
                setattr(base, attr, cand)
    if other.background:
        return  # a background sentence restating the act adds a mention, not facts
    day = other.date
    if (
        day is not None
        and not other.date_inherited
        and (base.date_inherited or base.date is None or day < base.date)
    ):
        base.date, base.date_mention = other.date, other.date_mention
        base.time_precision, base.date_inherited = other.time_precision, False
    elif other.date_mention is not None and base.date_inherited and _weaker_day(base, other):
        # a day carried over from a stated date beats the publication day, and the day a
        # source spoke when it is later
        base.date, base.date_mention = other.date, other.date_mention
        base.time_precision = other.time_precision
    quarter = other.place_mention is not None and other.place_mention.neighbourhood
    placed = base.place is not None and not base.place_inherited
    if quarter and _unresolved(other) and placed:
        pass  # an unknown quarter («حي X») of the town already known: the town stays
    elif other.headline and not base.headline and placed and _unresolved(base):
        pass  # a title's town restates a village the body names: the village stays
    elif other.place is not None and not other.place_inherited:
        if base.place is None or base.place_inherited or _more_specific(other, base):
            _take_place(base, other)
    elif (
        other.place is not None
        and other.place.level != "country"
        and (base.place is None or base.place.level == "country")
        and not _unresolved(base)  # «قرية X» the gazetteer lacks is a place already
    ):
        # the act told with a country alone («في كبرى مدن إقليم دارفور») is where the
        # sentence after it, placed by the one before, goes on with it («وأشعل المتظاهرون…»)
        base.place, base.country, base.place_mention = other.place, other.country, other.place_mention
        base.geo_precision, base.place_inherited = other.geo_precision, True
    if other.fatalities and _better_count(other, base):
        base.fatalities, base.fatalities_mention = other.fatalities, other.fatalities_mention
        base.fatalities_vague = other.fatalities_vague


def _better_count(other: Event, base: Event) -> bool:
    """The count of the dead to keep: a stated one over what a word implies («استشهد»,
    «سقط قتلى»); of two alike the lowest, as ACLED does."""
    if not base.fatalities:
        return True
    if other.fatalities_vague != base.fatalities_vague:
        return base.fatalities_vague
    return other.fatalities < base.fatalities


def _weaker_day(base: Event, other: Event) -> bool:
    if base.date_mention is None or base.date is None:
        return True
    return base.date_of_statement and other.date is not None and other.date < base.date


def _coarser(a: Place, b: Place | None) -> bool:
    order = {"country": 0, "admin1": 1, "place": 2}
    return b is not None and order.get(_level(a), 0) < order.get(_level(b), 0)


def _more_specific(a: Event, b: Event) -> bool:
    la, lb = _level_rank(a), _level_rank(b)
    return la > lb or (la == lb and a.geo_precision < b.geo_precision)


def _placed(ev: Event) -> bool:
    """Violence is reported where it happened: a country alone is a statement's vagueness."""
    if ev.event_type == "Strategic developments":
        return True  # agreements and arrest campaigns are often national
    return ev.place is not None and ev.place.level != "country" or (
        ev.place_mention is not None and ev.place_mention.unresolved_name is not None
    )


#: actor1 when the text names none: who ACLED codes for such an act
DEFAULT_ACTOR1 = {
    "Protests": ("Protesters ({country})", 6),
    "Riots": ("Rioters ({country})", 5),
    "Explosions/Remote violence": ("Unidentified Armed Group ({country})", 3),
    "Violence against civilians": ("Unidentified Armed Group ({country})", 3),
    "Arrests": ("Police Forces of {country}", 1),  # arrests are made by the state
}


def _casualties_of_strikes(events: list[Event]) -> None:
    """«مقتل 3 أطفال في الحديدة» after a strike: the dead of a strike, not a new kind of act."""
    last: Event | None = None
    for ev in events:
        if _casualty_line(ev) and last is not None:
            ev.event_type, ev.sub_event_type = last.event_type, last.sub_event_type
        elif ev.event_type == "Explosions/Remote violence":
            last = ev


def _named_before(
    doc: Document, ev: Event, can_act: frozenset[int] | None = None
) -> ActorMention | None:
    """The armed group named last before the event's sentence, other than its target."""
    start = doc.sentences[ev.sentence].start
    target = ev.actor2.name if ev.actor2 is not None else None
    # air power is a state's (or a foreign state's): the rebels named before an air strike
    # are much more often its target than its author
    if can_act is None:
        can_act = AIR_POWER if ev.sub_event_type == "Air/drone strike" else ARMED
        if ev.sub_event_type in ("Remote explosive/landmine/IED", "Suicide bomb"):
            can_act = NON_STATE  # bombs are planted by armed groups, not by the forces they hit
        sent = doc.sentences[ev.sentence]
        if _GROUP_REF_RE.search(doc.ntext, sent.start, sent.end):
            can_act = NON_STATE  # «قام التنظيم بخطف …»: the group named before, not the army
    found = None
    for a in doc.actors:
        if a.start >= start:
            break
        if not a.generic and a.inter in can_act and a.name != target:
            found = a
    return found


def _main_sides(doc: Document) -> list[ActorMention]:
    """The armed groups the article names most, most named first (at most two)."""
    counts: Counter[str] = Counter()
    first: dict[str, ActorMention] = {}
    for a in doc.actors:
        if not a.generic and a.inter in ARMED:
            counts[a.name] += 1
            first.setdefault(a.name, a)
    return [first[name] for name, _ in counts.most_common(2)]


#: people hurt, told in an act's sentence: «أسفر عن إصابة 3 أشخاص», «وجرح آخرون» (not a
#: hit: «حققوا فيها إصابة مباشرة»)
_HURT_RE = re.compile(
    r"(?<!\w)[وف]?(?:اصابه|اصابات|اصيب|اصيبت|اصيبوا|جرح|جرحي|جريح|جريحا)(?!\w)"
    r"(?!\s+(?:مباشره|دقيقه|محققه|مباشرة|دقيقة|محققة))"
)


def _hurt(doc: Document, ev: Event) -> bool:
    """A strike with no one struck named, whose sentence tells of people hurt."""
    if ev.event_type != "Explosions/Remote violence" or ev.actor2 is not None or ev.fatalities:
        return False
    sent = doc.sentences[ev.sentence]
    return _HURT_RE.search(doc.ntext, sent.start, sent.end) is not None


def _codable(
    ev: Event,
    sides: list[ActorMention],
    no_battles: frozenset[str] = frozenset(),
    hurt: bool = False,
) -> bool:
    if ev.needs_target and ev.actor2 is None:
        return False
    civilians = None
    if ev.event_type == "Battles" and ev.actor2 is not None and ev.actor2.inter == CIVILIANS:
        civilians, ev.actor2 = ev.actor2, None  # civilians are no side of a battle
    if (
        ev.actor1 is None
        and ev.actor2 is None
        and ev.event_type in SIDES_FROM_ARTICLE
        and ev.sub_event_type != "Arrests"  # the state arrests (below), not the main sides
    ):
        # «تواصلت المواجهات بين أطراف النزاع»: the sides are those the article is about
        ev.actor1 = sides[0] if sides else None
        ev.actor2 = sides[1] if len(sides) > 1 else None
    if ev.event_type == "Battles" and no_battles:
        _mob_violence(ev, civilians, no_battles)
    if ev.actor1 is None and ev.actor2 is not None and ev.event_type == "Battles":
        ev.actor1, ev.actor2 = ev.actor2, None
        ev.assoc_actor_1, ev.assoc_actor_2 = ev.assoc_actor_2, None
    if ev.actor1 is None:
        key = ev.sub_event_type if ev.event_type == "Strategic developments" else ev.event_type
        template = DEFAULT_ACTOR1.get(key)
        if template is None:
            return False  # a battle or a strategic development needs a named side
        name = country_in(template[0], ev.country)
        t = ev.trigger
        ev.actor1 = ActorMention(
            t.start, t.start, t.sentence, name, template[1], ev.country, None, True
        )
    if ev.actor2 is None and ev.event_type == "Explosions/Remote violence":
        # the side a strike killed («قتل 5 من عناصر داعش بغارة للتحالف»); people it names as
        # no armed side: civilians
        a1 = ev.actor1.name if ev.actor1 is not None else None
        killed = [v for v in ev.victims if v.inter != CIVILIANS and v.name != a1]
        if killed:
            ev.actor2 = killed[0]
        elif ev.fatalities or hurt:
            ev.actor2 = _civilians(ev.trigger.start, ev.trigger.start, ev.trigger.sentence, ev.country)
    if ev.actor2 is None and ev.event_type == "Violence against civilians":
        # violence against civilians has civilians as its target by definition
        ev.actor2 = _civilians(ev.trigger.start, ev.trigger.start, ev.trigger.sentence, ev.country)
    return True


def _civilians(start: int, end: int, sentence: int, country: str | None) -> ActorMention:
    """«Civilians (country)», at the words that tell of them (none: the act's word)."""
    name = country_in("Civilians ({country})", country)
    return ActorMention(start, end, sentence, name, CIVILIANS, country, None, True)


def _mob_violence(ev: Event, civilians: ActorMention | None, mobs: frozenset[str]) -> None:
    """A «battle» with a side ACLED never codes in battles (settlers): an attack on the
    civilians it hurt, or mob violence against an armed side («مواجهات مع مستوطنين»).
    Killed or attacked by an unnamed side («قتل مستوطن»), they are civilians."""
    a1, a2 = ev.actor1, ev.actor2
    if a1 is None and a2 is not None and a2.name in mobs and ev.trigger.entry.role in ("kill", "attack"):
        ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"
        ev.actor2 = _civilians(a2.start, a2.end, a2.sentence, a2.country)
        return  # the attacker: the unidentified armed group of the place, below
    if a2 is not None and a2.name in mobs and (a1 is None or a1.name not in mobs):
        a1, a2 = a2, a1
    if a1 is None or a1.name not in mobs:
        return
    ev.actor1, ev.assoc_actor_1, ev.assoc_actor_2 = a1, None, None
    if civilians is not None or a2 is None or a2.inter == CIVILIANS:
        ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"
        ev.actor2 = civilians or a2  # none: the country's civilians, below
    else:
        ev.event_type, ev.sub_event_type = "Riots", "Mob violence"
        ev.actor2 = a2


def _confidence(ev: Event) -> float:
    c = 0.35
    c += 0.2 if ev.actor1 is not None and ev.actor1.end > ev.actor1.start else 0.0
    c += 0.1 if ev.actor2 is not None else 0.0
    c += 0.15 if ev.place is not None and not ev.place_inherited else 0.05 if ev.place else 0.0
    c += 0.1 if ev.date is not None and not ev.date_inherited else 0.0
    c += 0.05 * min(2, len(ev.mentions) - 1)
    return round(min(c, 0.95), 2)
