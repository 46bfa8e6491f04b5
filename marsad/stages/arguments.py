"""Stage «arguments»: who did what to whom, when, and how many were killed.

Actors come from the event's sentence: patterns first («اشتباكات بين X وY», «هجوم شنه X
على Y», «على يد X», «بهجوم لـX», «مقتل 21 عنصرا من X»), then position (the nearest actor
before the trigger acts, the first one after it is acted upon). Dates come from the
sentence or, failing that, from the last date the article gave before it; fatalities
from the numbers next to killing words, never from the wounded.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from marsad.document import ActorMention, Document, Event, TriggerMention
from marsad.kb.base import grievance_pattern
from marsad.parse.dates import DateMention
from marsad.parse.numbers import Quantity, parse_quantity
from marsad.stages.geocode import country_in

_BETWEEN_RE = re.compile(r"^\s*(?:\S+\s+){0,2}?بين\s+(?:\S+\s+)?$")
_AGENT_AFTER_RE = re.compile(
    r"^\s*(?:\S+\s+)?(?:شنه|شنته|شنها|شنوه|نفذه|نفذته|نفذها|نفذوه|تبناه|تبنته|من قبل|على يد|"
    r"برصاص|بنيران|بقصف من)\s+(?:\S+\s+)?$"
)
#: an act told by its weapon's fire, whose owner follows it: «برصاص قوات الأمن»
_BY_FIRE_RE = re.compile(r"[وف]?(?:برصاص|بنيران|برصاصه|برصاصات)")
_ONE_WORD_GAP_RE = re.compile(r"^\s*(?:\S+\s+)?$")
#: «لقي X مصرعه», «قتل X», «أصيب X» before an act: X is who it struck
_HARMED_BEFORE_RE = re.compile(
    r"(?:^|\s)[وف]?(?:لقي|لقوا|قتل|قتلت|مقتل|اصيب|اصيبت|اصابه|استشهد|جرح|سقط)\s+(?:\S+\s+){0,2}$"
)
#: «انفجرت عبوة ناسفة على قوة …», «غارة استهدفت مواقع …»: what follows is the target
_TARGET_GAP_RE = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:على|علي|ضد|استهدف\S*)\s+(?:\S+\s+)?$")
#: the weapon or the aggression a nationality adjective qualifies, right before it
_ARMS_BEFORE_RE = re.compile(
    r"(?:طايرات|طايره|حربيه|حربي|مقاتلات|عدوان|اعتداء|مسيره|مسيرات|طيران|بوارج|زوارق|مدفعيه)\s+$"
)
_INSTRUMENT_RE = re.compile(r"[وف]?ب")
#: the side right after «استهدف» is its subject: «استهدف التحالف بغارة جوية …»
_TARGETED_BY_RE = re.compile(r"(?:^|[\s“\"«])[وف]?(?:استهدف|استهدفت)\s+$")
_TARGETED_RE = re.compile(
    r"(?:^|[\s“\"«])[وف]?(?:استهدف|استهدفت|استهدفوا|يستهدف|تستهدف)\s+(?:\S+\s+){0,3}(?:ل|لل)?$"
)
_BLAST_RE = re.compile(r"انفجر|انفجار")
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_VICTIM_GAP_RE = re.compile(r"^\s*(?:\S+\s+){0,2}?من\s+$")
#: «غارات لطيران التحالف», «قصف لمدفعية الجيش»: the agent behind a لـ + weapon/unit noun
_OF_AGENT_RE = re.compile(r"^\s*ل(?:طيران|طايرات|مقاتلات|مدفعيه|قوات|عناصر|مسلحي|مقاتلي)\s+$")
_OWNER_RE = re.compile(r"(?:ال)?تابع[هة]?\s+(?:ل|ال)?\S{0,2}$")
#: a site, a post or a vehicle owned by the actor named next: «معسكر تابع للجيش التركي»
_SITE_OWNER_RE = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:معسكر|قاعده|موقع|مواقع|مقر|مقرات|نقطه|نقاط|ثكنه|مركز|حاجز|"
    r"دوريه|اليه|اليات|اله|عربه|سياره|مستودع|مخزن|مطار)\s+(?:\S+\s+)?(?:ال)?تابع(?:[هة]|ين|ان)?"
    r"\s+(?:ل|ال)?\S{0,2}$"
)
_CLAUSE_BREAK_RE = re.compile(r"[،,.:;؛«»()!?؟]")
_PLURAL_KILL = {"قتلي", "شهداء", "حتفهم", "مصرعهم", "سقوط قتلي", "مقتلهم"}
_SINGLE_KILL = {"قتيل", "قتيلا", "شهيد", "شهيدا", "حتفه", "مصرعه", "لقي حتفه", "لقي مصرعه"}
_SINGLE_KILL |= {"مقتله", "مقتلها", "حتفها", "مصرعها"}
_ASSASSINATION_RE = re.compile(r"اغتيل|اغتال|اغتيال")
#: duals of people that read like plurals: «شابين» (two youths), «طفلين»
_DUAL_PEOPLE = frozenset({"شابين", "الشابين", "طفلين", "الطفلين", "شخصين", "رجلين", "امراتين"})
_DUAL_KILL = {"قتلا", "قتيلين", "مقتلهما", "حتفهما", "مصرعهما", "قتيلان", "شهيدين", "شهيدان"}
_WOUNDED_RE = re.compile(r"[،,.:؛]|اصاب|اصيب|جرح|جريح")
_WOUNDED_WORD_RE = re.compile(r"اصاب|اصيب|جرح|جريح")
#: a people's adjective after the noun counted («خمسة جنود يمنيين حتفهم»)
_NISBA_PLURAL = ("يين", "يون")
_NUMBER_WINDOW = 3
#: «من بين القتلى أربعة جنود»: the dead counted there are some of the dead, not all
_AMONG_RE = re.compile(r"(?<!\w)و?(?:من\s+)?بين\s+(?:ال)?$")
#: «أربعة منهم»: a part of those told before
_OF_THEM_RE = re.compile(r"\s*(?:من\s*)?(?:منهم|منهما|منهن)(?!\w)")
#: a crowd's grievance, another act with a day of its own: «للتظاهر ضد مقتل رجل أعمال أمس»
_GRIEVANCE = r"(?:ضد|" + grievance_pattern() + r")\s*(?:ال)?"
_GRIEVANCE_RE = re.compile(_GRIEVANCE + r"(?:مقتل|قتل|اغتيال|اعتقال|اختطاف|استشهاد|وفاه)")
_GRIEVANCE_BEFORE_RE = re.compile(_GRIEVANCE + "$")
CIVILIANS = 7  # ACLED inter code
UNIDENTIFIED = 3
PROTESTERS = 6
STATE = 1
OLD_DAYS = 60  # a date this far back is another time's news
DEMONYM_GAP = 12  # characters between an act and the nationality adjective that says who
ARMED = frozenset({1, 2, 3, 4, 8})  # state, rebel, political and identity militias, external  # words after a killing word in which its number may stand


def crowd_violence(ev: Event) -> None:
    """Clashes with protesters are a riot; armed men (the state's or any group's) killing
    or maiming protesters is excessive force against them (ACLED's codebook)."""
    sides = [a for a in (ev.actor1, ev.actor2) if a is not None]
    if ev.event_type == "Battles" and any(a.inter in (5, 6) for a in sides):
        force = next((a for a in sides if a.inter == STATE), None)
        ev.event_type, ev.sub_event_type = "Riots", "Violent demonstration"
        ev.actor1, ev.actor2 = None, force  # «Rioters (X)» against the force
    # protesters among the harmed: the one struck, or the killed named with the act
    target = next(
        (a for a in (ev.actor2, *ev.victims) if a is not None and a.inter == PROTESTERS), None
    )
    if (
        ev.event_type == "Violence against civilians"
        and target is not None
        and ev.actor1 is not None
        and ev.actor1.inter in ARMED
        and not (ev.actor1.generic and ev.actor1.inter == UNIDENTIFIED)
    ):
        ev.event_type, ev.sub_event_type = "Protests", "Excessive force against protesters"
        ev.actor1, ev.actor2 = target, ev.actor1


class ArgumentsStage:
    def __call__(self, doc: Document) -> Document:
        dates = sorted((d for d in doc.dates if d.date is not None), key=lambda d: d.start)
        starts = [d.start for d in dates]
        by_sentence: dict[int, list[ActorMention]] = {}
        for a in doc.actors:
            by_sentence.setdefault(a.sentence, []).append(a)
        for ev in doc.events:
            sent = doc.sentences[ev.sentence]
            self._actors(doc, ev, by_sentence.get(ev.sentence, []))
            self._fatalities(doc, ev)
            lo = bisect.bisect_left(starts, sent.start)
            hi = bisect.bisect_left(starts, sent.end)
            last_date = dates[lo - 1] if lo > 0 else None
            self._date(doc, ev, dates[lo:hi], last_date)
        return doc

    # -- actors -------------------------------------------------------------------------
    def _actors(self, doc: Document, ev: Event, sent_actors: list[ActorMention]) -> None:
        text = doc.ntext
        t = ev.trigger
        after = [
            a
            for a in sent_actors
            if a.start >= t.end and not _CLAUSE_BREAK_RE.search(text, t.end, a.start)
        ]
        before = [a for a in sent_actors if a.end <= t.start]
        agent: ActorMention | None = None
        patient: ActorMention | None = None
        owner: ActorMention | None = None
        between = _between_pair(text, t, sent_actors) if ev.event_type == "Battles" else None
        paired = False  # the two sides named as such: «بين X وY»
        if after and _BETWEEN_RE.match(text[t.end : after[0].start]):
            agent = after[0]
            patient = _next_distinct(after[1:], agent)
            paired = True
        elif between is not None:
            agent, patient = between  # «المواجهات التي اندلعت، صباح اليوم، بين X وY»
            paired = True
        elif after and (
            _AGENT_AFTER_RE.match(text[t.end : after[0].start])
            or (
                _BY_FIRE_RE.fullmatch(text, t.start, t.end)
                and _ONE_WORD_GAP_RE.match(text[t.end : after[0].start])
            )
        ):
            agent = after[0]
            # «أصيب الشاب … جراء استهدافه بإطلاق نار من قبل مجهولين»: the one named before
            # the passive act is its target
            harmed = [
                a
                for a in before[-1:]
                if a.inter in (CIVILIANS, PROTESTERS)
                or _HARMED_BEFORE_RE.search(text, max(0, a.start - 25), a.start)
            ]
            patient = _next_distinct(after[1:], agent) or _next_distinct(harmed, agent)
        elif (
            after
            and t.entry.role in ("attack", "event", "storm")
            and ev.event_type in ("Battles", "Explosions/Remote violence")
            and (
                _lam_agent(text, t.end, after[0].start)
                or _OF_AGENT_RE.match(text[t.end : after[0].start])
            )
        ):
            agent = after[0]  # «بهجوم لمجموعة مسلحة»
            patient = _next_distinct(after[1:], agent)
        else:
            agent = before[-1] if before else None
            if agent is not None and _VICTIM_GAP_RE.match(text[agent.end : t.start] + " "):
                agent = None
            elif agent is not None and (
                _HARMED_BEFORE_RE.search(text, max(0, agent.start - 25), agent.start)
                or _BLAST_RE.match(text, t.start)
            ):
                # «لقي أربعة جنود مصرعهم إثر انفجار لغم»: the dead are the target; a bomb
                # that «exploded» near a force was not set off by it
                owner, agent = agent, None
            elif (
                agent is not None
                and _INSTRUMENT_RE.match(_proclitic(text, t.start) + text[t.start : t.end])
                and _TARGETED_RE.search(text, max(0, agent.start - 30), agent.start)
                and not _TARGETED_BY_RE.search(text, max(0, agent.start - 12), agent.start)
            ):
                # «استهدفوا تجمعا لقوات الاحتلال بصلية صاروخية»: the object of «استهدف»,
                # struck by the weapon that follows, is the target; the side named before
                # it («أعلن حزب الله أن مقاتليه استهدفوا …») is the actor
                owner = agent
                agent = _next_distinct([a for a in reversed(before[:-1]) if a.inter in ARMED], owner)
            if agent is not None and _OWNER_RE.search(text, max(0, agent.start - 12), agent.start):
                # «معسكر زليكان التابع للقوات التركية تعرض إلى قصف»: the target's owner
                owner, agent = agent, None
            patient = owner or _next_distinct(after, agent)
            if ev.event_type == "Battles" and agent is not None and agent.inter in (CIVILIANS, PROTESTERS):
                # «خطف داعش 8 جنود و11 مدنياً ضمن اشتباكات مع قوات النظام»: the people named
                # right before a clash word are its victims; the side before them fights
                sides = [
                    a
                    for a in reversed(before)
                    if a.inter in ARMED and _fights(a) and patient is not None and not _same_side(a, patient)
                ]
                agent = sides[0] if sides else agent
            if patient is None and agent is not None and ev.event_type == "Battles":
                # «تصدى مقاتلو X لقوة من Y حاولت التسلل»: two sides named before a clash
                # word; the first named is the subject
                sides = [a for a in reversed(before) if a.inter in ARMED and _fights(a)]
                first = _next_distinct(sides, agent)
                if first is not None and agent.inter in ARMED and not _one_state(first, agent):
                    agent, patient = first, agent
            elif agent is None and owner is not None and ev.event_type == "Battles":
                # «الجيش يعلن مقتل 5 من الحوثيين بمواجهات»: the struck side named before a
                # clash word, and the other side named before it
                sides = [a for a in reversed(before) if a.inter in ARMED and _fights(a)]
                first = _next_distinct(sides, owner)
                if first is not None and not _one_state(first, owner):
                    agent = first
            if agent is None and patient is not None and ev.event_type == "Protests":
                agent, patient = patient, None
            if patient is None and agent is not None and ev.sub_event_type == "Agreement":
                first = _signed_with(text, agent, before)
                if first is not None:
                    # «وقع كل من رئيس X … ورئيس Y على اتفاق»: the two who sign are its sides
                    agent, patient = first, agent
        victims = self._victims(doc, ev, sent_actors)
        ev.victims = victims
        if patient is None and victims:
            patient = _next_distinct(victims, agent)
        if (
            agent is None
            and patient is not None
            and patient not in victims
            and patient in after
            and not (
                ev.event_type in VIOLENT and _TARGET_GAP_RE.match(text[t.end : patient.start])
            )
        ):
            # verb-first clause: «هاجمت قوات النظام مواقع لداعش» — the first actor acts
            rest = after[after.index(patient) + 1 :]
            agent, patient = patient, _next_distinct(rest, patient)
        unarmed = (CIVILIANS, PROTESTERS) if ev.event_type in VIOLENT else (CIVILIANS,)
        if agent is not None and agent.inter in unarmed:
            # ACLED: civilians are never the actor of an act, nor protesters of violence
            # («قتل متظاهران برصاص قوات الأمن»); they are its target
            armed = patient if patient is not None and patient.inter not in unarmed else None
            agent, patient = armed, agent
        if ev.trigger.entry.role == "storm" and agent is not None and agent.inter in ARMED:
            ev.event_type, ev.sub_event_type = "Battles", "Armed clash"  # armed men storming
        if paired and ev.event_type == "Battles" and _townsfolk_and_force(agent, patient):
            # «مواجهات بين شبان المخيم وقوات الاحتلال»: townsfolk are no armed side; met by
            # the state's forces, they riot
            ev.event_type, ev.sub_event_type = "Riots", "Violent demonstration"
        if (
            agent is not None
            and ev.event_type in VIOLENT
            and _SITE_OWNER_RE.search(text, max(0, agent.start - 40), agent.start)
        ):
            # «طائرة مسيرة سقطت في معسكر تابع للجيش التركي»: whose camp was struck is the
            # target (a weapon's owner, «طائرات تابعة للجيش», stays the agent)
            agent, patient = (patient if patient is not None and patient.name != agent.name else None), agent
        if ev.event_type in ("Protests", "Riots"):
            agent, patient = _crowd_roles(ev, sent_actors)
        elif agent is None or agent.generic and agent.inter == UNIDENTIFIED:
            agent = _demonym_agent(doc, ev) or agent  # «غارات إسرائيلية», «قصف تركي»
        ev.actor1 = agent
        ev.actor2 = patient if patient is not agent else None
        ev.assoc_actor_1 = _associate(text, sent_actors, ev.actor1, ev.actor2)
        ev.assoc_actor_2 = _associate(text, sent_actors, ev.actor2, ev.actor1)
        if ev.trigger.entry.role in ("attack", "kill", "storm") and ev.event_type != "Riots":
            # an attack is coded by its target: civilians → violence against civilians,
            # an armed side → a battle; with no target it only adds to another event
            target = ev.actor2 or (victims[0] if victims else None)
            if target is not None and target.inter in (CIVILIANS, PROTESTERS) and (
                ev.actor1 is None or ev.actor1.inter in ARMED
            ):
                ev.event_type, ev.sub_event_type = "Violence against civilians", "Attack"
            elif target is not None:
                ev.event_type, ev.sub_event_type = "Battles", "Armed clash"
            else:
                ev.needs_target = True
        crowd_violence(ev)
        if ev.sub_event_type == "Looting/property destruction":
            stormer = _stormer(text, ev, sent_actors)
            crowd = stormer if stormer is not None and stormer.inter in (5, 6) else None
            if stormer is not None and crowd is None and stormer.name != _name(ev.actor1):
                # «اقتحم مسلحون مقر الحزب وأضرموا النار فيه»: who stormed burnt, the party
                # whose office it was is the target
                ev.actor1, ev.actor2 = stormer, ev.actor2 or ev.actor1
            if crowd is not None or ev.actor1 is not None and ev.actor1.inter in (5, 6):
                # protesters burning party offices: a riot; «اقتحم عشرات المحتجين مقر الحزب
                # … وأضرموا النار فيه»: the crowd that stormed set the fire
                ev.event_type, ev.sub_event_type = "Riots", "Violent demonstration"
                if crowd is not None and ev.actor1 is not None and ev.actor1.inter not in (5, 6):
                    ev.actor2 = ev.actor2 or ev.actor1  # the stormed office's party
                ev.actor1 = None  # «Rioters (X)»
        if ev.sub_event_type == "territory":
            state = ev.actor1 is not None and ev.actor1.inter == 1
            ev.sub_event_type = (
                "Government regains territory" if state else "Non-state actor overtakes territory"
            )

    def _victims(self, doc: Document, ev: Event, actors: list[ActorMention]) -> list[ActorMention]:
        """Actors named as the killed: «مقتل 21 عنصرا من قوات النظام», «مقتل 3 مدنيين»."""
        text = doc.ntext
        out: list[ActorMention] = []
        for k in ev.kills:
            for a in actors:
                if a.start < k.end or a.start - k.end > 40:
                    continue
                gap = text[k.end : a.start]
                if (
                    _VICTIM_GAP_RE.match(gap)
                    or _COUNTED_GAP_RE.match(gap)
                    or len(gap.split()) <= 2
                    and not _WOUNDED_RE.search(gap)
                ):
                    out.append(
                        _counted_after(text, a, actors, doc.quantities)
                        or _object_after(text, a, actors)
                        or a
                    )
                    break
        return out

    # -- fatalities ---------------------------------------------------------------------
    def _fatalities(self, doc: Document, ev: Event) -> None:
        best_value = 0
        mention: Quantity | TriggerMention | None = None
        vague = False
        kills = ev.kills
        if ev.event_type in ("Protests", "Riots"):  # «ضد مقتل رجل»: the grievance, not the toll
            kills = [k for k in kills if not _GRIEVANCE_BEFORE_RE.search(doc.ntext, max(0, k.start - 25), k.start)]
        for k in kills:
            value, q, v = _kill_count(doc.ntext, k, doc.quantities, agents=doc.actors)
            # a stated count over a vague one; of two alike, the higher
            if value and (
                not best_value or vague and not v or vague == v and value > best_value
            ):
                best_value, mention, vague = value, q if q is not None else k, v
        lethal = [t for t in ev.mentions if _ASSASSINATION_RE.match(doc.ntext, t.start)]
        if not best_value and lethal:
            # «اغتالت قوات الدعم السريع … ما يزيد عن 40 مدنيا»: the people counted after the
            # killing verb; with no count, an assassination kills its one target
            q = _counted_people(doc, lethal[0])
            best_value, mention = (q.value, q) if q is not None else (1, lethal[0])
        ev.fatalities, ev.fatalities_mention = best_value, mention
        ev.fatalities_vague = vague and bool(best_value)

    # -- date ---------------------------------------------------------------------------
    def _date(
        self,
        doc: Document,
        ev: Event,
        in_sent: list[DateMention],
        last: DateMention | None,
    ) -> None:
        chosen: list[DateMention] = []
        in_sent = [d for d in in_sent if not _overshadowed(d, in_sent)]
        if ev.event_type in ("Protests", "Riots"):
            in_sent = [d for d in in_sent if not _grievance_day(doc.ntext, d, ev.trigger)]
        if len(in_sent) > 1:
            # «بورتسودان 17 سبتمبر 2023 – اعتقل … السبت»: the dateline dates the report; the
            # day the sentence gives the act is the act's
            acts = [d for d in in_sent if not _dateline(doc.ntext, d)]
            in_sent = acts or in_sent
        for t in ev.mentions:
            if in_sent:
                chosen.append(min(in_sent, key=lambda d: _distance(d.start, d.end, t)))
        if chosen:
            d = min(chosen, key=lambda d: d.date or dt.date.max)
            ev.date, ev.date_mention, ev.time_precision = d.date, d, d.precision
            # «أعلن … اليوم الجمعة، عن اختطاف …»: the day of the statement, a fallback that
            # a day stated for the act itself elsewhere in the article replaces
            ev.date_of_statement = ev.date_inherited = _statement_day(doc, d, ev)
            later = _act_day_after(doc, ev, in_sent) if ev.date_of_statement else None
            if later is not None:
                # «أعلن الجيش اليوم الثلاثاء مقتل أربعة جنود في كمين … في 11 أبريل»: the act's
                # own day, after it in the sentence, beats the day of the statement
                ev.date, ev.date_mention, ev.time_precision = later.date, later, later.precision
                ev.date_of_statement = ev.date_inherited = False
        elif last is not None and (
            last.precision < 3
            and (doc.published is None or last.date is None or (doc.published - last.date).days <= 7)
        ):
            ev.date, ev.date_mention, ev.time_precision = last.date, last, last.precision
            ev.date_inherited = True
        elif last is not None and _recounting(doc, ev, last):
            # «اندلعت الاحتجاجات في الأول من أكتوبر … وقتلت قوات الأمن متظاهرين»: the
            # sentence right after an old date goes on telling that time
            ev.background = True
            ev.date, ev.date_mention, ev.time_precision = last.date, last, last.precision
            ev.date_inherited = True
        elif doc.published is not None:
            ev.date, ev.time_precision = doc.published, 2
            ev.date_inherited = True
        else:
            ev.date, ev.time_precision = None, 3


#: at most a place's name (or «date») between a line's start and its dateline
_DATELINE_HEAD_RE = re.compile(r"[^\S\n]*(?:\S+[^\S\n]+){0,2}$")


def _dateline(text: str, d: DateMention) -> bool:
    """A date that opens its line, after at most two words («بورتسودان 17 سبتمبر 2023 –»)."""
    line_start = text.rfind("\n", 0, d.start) + 1
    return _DATELINE_HEAD_RE.fullmatch(text, line_start, d.start) is not None


def _grievance_day(text: str, d: DateMention, t: TriggerMention) -> bool:
    """The date follows, after the crowd's word, the killing or arrest it protests
    («خرجوا إلى الشوارع للتظاهر ضد مقتل رجل أعمال أمس الأربعاء»): that act's day."""
    return d.start > t.end and _GRIEVANCE_RE.search(text, t.end, d.start) is not None


def _recounting(doc: Document, ev: Event, last: DateMention) -> bool:
    """The act's sentence follows, in one paragraph, a date months back."""
    if doc.published is None or last.date is None:
        return False
    if (doc.published - last.date).days <= OLD_DAYS:
        return False
    return "\n" not in doc.ntext[last.end : doc.sentences[ev.sentence].start]


def _statement_day(doc: Document, d: DateMention, ev: Event) -> bool:
    """The date stands between a speech verb and the act it reports, in one sentence (and
    no word of the act comes before it: «قال إن متظاهرين لقوا حتفهم مساء الجمعة خلال …»)."""
    t = ev.trigger
    if d.end > t.start or any(k.start < d.start for k in (*ev.mentions, *ev.kills)):
        return False
    lo = doc.sentences[t.sentence].start
    i = bisect.bisect_left(doc.cues, (lo,))  # cues are in text order
    for _s, e, kind in doc.cues[i:]:
        if e > d.start:
            return False
        if kind == "speech":
            return True
    return False


def _act_day_after(doc: Document, ev: Event, dates: list[DateMention]) -> DateMention | None:
    """The first date after the act's words in its sentence, with no other act between."""
    last = max(k.end for k in ev.mentions)
    mine = {(k.start, k.end) for k in ev.mentions}
    after = sorted((d for d in dates if d.start >= last and d.date is not None), key=lambda d: d.start)
    if not after or any(
        last <= t.start < after[0].start and (t.start, t.end) not in mine for t in doc.triggers
    ):
        return None
    d = after[0]
    for e in after[1:]:  # «ما بين 30 يوليو و5 أغسطس»: the day the span ends
        if _RANGE_GAP_RE.fullmatch(doc.ntext, d.end, e.start) is None:
            break
        d = e
    return d


#: between two dates that bound one span of days
_RANGE_GAP_RE = re.compile(r"\s*(?:و|الي|حتي|-|–)\s*")


def _overshadowed(d: DateMention, dates: list[DateMention]) -> bool:
    """«17 أيلول \\ سبتمبر الماضي» also reads as «سبتمبر الماضي»: the day wins."""
    return any(
        o is not d and o.precision < d.precision and o.start < d.end and d.start <= o.end + 4
        for o in dates
    )


def _distance(start: int, end: int, t: TriggerMention) -> int:
    if end <= t.start:
        return t.start - end
    if start >= t.end:
        return start - t.end
    return 0


def _proclitic(text: str, start: int) -> str:
    i = start
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:start]


def _lam_agent(text: str, trigger_end: int, actor_start: int) -> bool:
    """«بهجوم لمجموعة مسلحة»: the actor right after the trigger, behind لـ."""
    prefix = _proclitic(text, actor_start)
    return prefix.rstrip("\"'“”") in ("ل", "لل") and not text[trigger_end : actor_start - len(prefix)].strip()


def _fights(a: ActorMention) -> bool:
    """A government (ministers, authorities) is no side of a clash; its forces are."""
    return not a.name.startswith("Government of")


def _signed_with(
    text: str, second: ActorMention, before: list[ActorMention]
) -> ActorMention | None:
    """The side named before ``second`` when ``second`` is joined to it by «و» («X وY»,
    «X … ورئيس Y»): the first of two who sign or agree together."""
    if second.start < 2 or text[second.start - 1] != "و" or not text[second.start - 2].isspace():
        return None
    earlier = [a for a in before if a.end <= second.start - 1]
    return _next_distinct(list(reversed(earlier)), second)


def _same_side(a: ActorMention, b: ActorMention) -> bool:
    """One name, or one state's forces (a generic «عناصر» of a country not yet known)."""
    return a.name == b.name or (
        a.inter == b.inter == STATE and (a.country == b.country or None in (a.country, b.country))
    )


def _one_state(a: ActorMention, b: ActorMention) -> bool:
    return a.inter == b.inter == STATE and a.country == b.country


def _next_distinct(cands: list[ActorMention], other: ActorMention | None) -> ActorMention | None:
    for a in cands:
        if other is None or a.name != other.name:
            return a
    return None


def _associate(
    text: str, actors: list[ActorMention], main: ActorMention | None, other: ActorMention | None
) -> ActorMention | None:
    """An actor joined to ``main`` by «و» right after it («قوات النظام والمسلحين الموالين»)."""
    if main is None:
        return None
    for a in actors:
        if a.start <= main.end or a is other:
            continue
        gap = text[main.end : a.start]
        if gap.strip() == "" and text[a.start - 1 : a.start] == "و" or re.fullmatch(r"\s*و", gap):
            if a.name != main.name and (other is None or a.name != other.name):
                return a
        return None
    return None


def _kill_count(
    text: str,
    k: TriggerMention,
    quantities: list[Quantity],
    among: bool = True,
    agents: list[ActorMention] | None = None,
) -> tuple[int, Quantity | None, bool]:
    """Killed count a killing word states: its number, or 1 / 2 / 10 from its form; and
    whether that count is vague (a plural with no number, a verb with no count, the dead
    counted «among the dead»)."""
    word = text[k.start : k.end]
    if among and _AMONG_RE.search(text, max(0, k.start - 12), k.start):
        value, q, _ = _kill_count(text, k, quantities, among=False, agents=agents)
        return value, q, True  # a part of the dead, as vague as a word's count
    for q in quantities:
        if q.start - k.end > 60 or k.start - q.end > 25:
            continue  # too far from the killing word to be its number
        if _AGE_RE.match(text, q.end):
            continue  # «الشاب محمد (27 عاما) استشهد»: an age, no count
        if q.start >= k.end and len(text[k.end : q.start].split()) <= _NUMBER_WINDOW - 1:
            if not _WOUNDED_RE.search(text[k.end : q.start]):
                # «تمكنت قوات الأمن من قتل أربعة منهم»: some of those told before
                return q.value, q, _OF_THEM_RE.match(text, q.end) is not None
        if q.start >= k.end and _after_agent(text, k, q, agents or []):
            return q.value, q, False  # «قتلت قوة من الجيش العراقي 3 من عناصر داعش»
        if q.end <= k.start:
            between = text[q.end : k.start].split()
            if len(between) == 2 and between[1].endswith(_NISBA_PLURAL):
                between = between[:1]  # «خمسة جنود يمنيين حتفهم»
            if not between or len(between) == 1 and not _WOUNDED_RE.search(between[0]):
                return q.value, q, False  # «21 قتيلا», «أربعة جنود مصرعهم»
    subject = next((a for a in agents or [] if a.start >= k.end), None)
    if subject is not None and not text[k.end : subject.start].strip():
        obj = _object_after(text, subject, agents or [])
        if obj is not None:  # «قتل مسلحون مجهولون شابين»: the object is the killed
            word = text[obj.start : obj.end]
            if word in _DUAL_PEOPLE:
                return 2, None, False
            return _noun_count(word) or (1, None, False)
    tail = text[k.end : k.end + 40]
    after = parse_quantity(tail)
    if after is not None and after.start == len(tail) - len(tail.lstrip()):
        return after.value, None, False
    if word in _DUAL_KILL:
        return 2, None, False
    if word in _SINGLE_KILL:
        return 1, None, False
    if word in _PLURAL_KILL:
        return 10, None, True
    nxt = text[k.end : k.end + 30].split()
    counted = _noun_count(nxt[0]) if nxt else None
    if counted is not None:
        return counted
    # «استشهد وجرح 6 جنود»: one at least, and maybe all but one of the six
    return (1, None, True) if nxt else (0, None, False)


def _noun_count(word: str) -> tuple[int, None, bool] | None:
    """The dead a noun counts by its ending: a dual («فلسطينيان») two; a plural (or a
    dual in «ين») a vague ten; None for any other word."""
    if len(word) > 4 and word.endswith("ان"):
        return 2, None, False
    if word.endswith(("ين", "ون")):
        return 10, None, True
    return None


#: years after a number: an age or a span of time, never a count of the dead
_AGE_RE = re.compile(r"\s*(?:عاما|عام|سنه|سنوات|سنين|من\s+عمر)")
#: «5 من عناصر داعش»: a count, then the side it counts
_COUNTED_OF_RE = re.compile(r"\s*من\s+(?:\S+\s+)?$")
#: between a killing word and the side it counts («مقتل 5 من عناصر داعش»)
_COUNTED_GAP_RE = re.compile(r"^\s*\S+\s+من\s+(?:\S+\s+)?$")


def _counted_after(
    text: str, a: ActorMention, actors: list[ActorMention], quantities: list[Quantity]
) -> ActorMention | None:
    """«قتل الجيش العراقي 5 من عناصر داعش»: the side counted after the one named right
    after the verb is the killed one; the side before the count is the killer."""
    q = next((q for q in quantities if q.start >= a.end), None)
    if q is None or text[a.end : q.start].strip():
        return None
    for b in actors:
        if b.start >= q.end and b.name != a.name:
            return b if _COUNTED_OF_RE.match(text[q.end : b.start]) else None
    return None


def _object_after(text: str, a: ActorMention, actors: list[ActorMention]) -> ActorMention | None:
    """«قتلت قوات الأمن متظاهرين»: an armed side right after the verb, then people who are
    no armed side: the side is the subject, the people the killed."""
    words = text[a.start : a.end]
    whole = a.generic and a.inter == UNIDENTIFIED and " " in words  # «مسلحون مجهولون»
    if a.inter not in ARMED or not (whole or _definite_np(words)):
        return None  # «خمسة عسكريين سوريين»: an indefinite noun and its adjective
    for b in actors:
        if b.start >= a.end:
            gap = text[a.end : b.start]
            if (
                b.inter in (CIVILIANS, PROTESTERS)
                and not text.startswith("ال", b.start)
                and len(gap.split()) <= 1
                and not _CLAUSE_BREAK_RE.search(gap)
            ):
                return b
            return None
    return None


def _definite_np(words: str) -> bool:
    """«الجيش», «قوات الأمن», a name: definite (an adjective after it would be too)."""
    return any(w.startswith(("ال", "لل")) for w in words.split()) or " " not in words and not words.endswith(("ين", "ون"))


def _after_agent(text: str, k: TriggerMention, q: Quantity, agents: list[ActorMention]) -> bool:
    """The count follows the killer named right after the verb (verb, subject, object)."""
    for a in agents:
        if a.start < k.end or a.start > q.start:
            continue
        if a.end > q.start:
            return False
        before, after = text[k.end : a.start], text[a.end : q.start]
        # «قتلت قوات الأمن متظاهرين اثنين»: two follows the noun it counts
        two_after_noun = len(after.split()) == 1 and _TWO_RE.fullmatch(text, q.start, q.end)
        return (
            len(before.split()) <= _NUMBER_WINDOW - 1
            and (not after.strip() or bool(two_after_noun))
            and not _WOUNDED_RE.search(before + after)
        )
    return False


_TWO_RE = re.compile(r"اثنين|اثنان|اثنتين|اثنتان")


def _demonym_agent(doc: Document, ev: Event) -> ActorMention | None:
    """The state whose adjective follows the act: «غارات جوية إسرائيلية» → Israel's forces."""
    text = doc.ntext
    for start, end, country in doc.demonyms:
        for t in ev.mentions:
            gap = text[t.end : start]
            after = 0 <= start - t.end <= DEMONYM_GAP and not _CLAUSE_BREAK_RE.search(gap)
            # «طائرات حربية إسرائيلية شنت غارات», «لعدوان إسرائيلي بالصواريخ»
            before = 0 <= t.start - end <= DEMONYM_GAP and bool(
                _ARMS_BEFORE_RE.search(text, max(0, start - 20), start)
            ) and not _CLAUSE_BREAK_RE.search(text, end, t.start)
            if after or before:
                name = country_in("Military Forces of {country}", country)
                return ActorMention(start, end, ev.sentence, name, STATE, country, None)
    return None


#: between a storming word and who storms: «اقتحم عشرات المحتجين»
_STORMER_GAP_RE = re.compile(r"\s+(?:\S+\s+)?")


def _name(a: ActorMention | None) -> str | None:
    return a.name if a is not None else None


def _stormer(text: str, ev: Event, actors: list[ActorMention]) -> ActorMention | None:
    """Who is named right after a storming word of the act (the verb's subject)."""
    for t in ev.mentions:
        if t.entry.role != "storm":
            continue
        nxt = next((a for a in actors if a.start >= t.end), None)
        if nxt is not None and _STORMER_GAP_RE.fullmatch(text, t.end, nxt.start):
            return nxt
    return None


def _townsfolk_and_force(a: ActorMention | None, b: ActorMention | None) -> bool:
    inters = {x.inter for x in (a, b) if x is not None}
    return inters == {CIVILIANS, STATE}


def _crowd_roles(
    ev: Event, actors: list[ActorMention]
) -> tuple[ActorMention | None, ActorMention | None]:
    """Protests and riots: the crowd acts; the state forces that meet it are acted upon."""
    inter = 5 if ev.event_type == "Riots" else 6  # else «Rioters (X)» / «Protesters (X)»
    crowd = next((a for a in actors if a.inter == inter), None)
    force = None
    if ev.event_type == "Riots" or ev.sub_event_type != "Peaceful protest":
        force = next((a for a in actors if a.inter == STATE and a.generic), None)
        force = force or next((a for a in actors if a.inter == STATE), None)
    return crowd, force


_BETWEEN_WORD_RE = re.compile(r"(?:^|\s)بين\s+(?:\S+\s+)?$")


def _between_pair(
    text: str, t: TriggerMention, actors: list[ActorMention]
) -> tuple[ActorMention, ActorMention | None] | None:
    """«… بين X وY» later in the sentence of a clash word: X and Y are the two sides."""
    for i, a in enumerate(actors):
        if a.start >= t.end and _BETWEEN_WORD_RE.search(text[max(t.end, a.start - 30) : a.start]):
            return a, _next_distinct(actors[i + 1 :], a)
    return None


def _counted_people(doc: Document, t: TriggerMention) -> Quantity | None:
    """The first «N <people>» after ``t`` in its sentence («40 مدنيا»), not the wounded."""
    end = doc.sentences[t.sentence].end
    starts = {a.start: a for a in doc.actors if a.sentence == t.sentence}
    quantities: list[Quantity] = doc.quantities
    for q in quantities:
        if t.end <= q.start < end and not _WOUNDED_WORD_RE.search(doc.ntext, t.end, q.start):
            nxt = q.end + 1
            if nxt in starts and starts[nxt].inter in (CIVILIANS, STATE, UNIDENTIFIED, 2):
                return q
    return None
