"""Stage «events»: triggers become candidate events.

A trigger is dropped when a denial, negation, future or threat word governs it
(«نفى», «لن», «سوف», «يعتزم», «هدد», …). Triggers of one sentence that name the same
kind of act are one event (a sentence rarely reports two battles); killing words
(«مقتل», «قتل») attach to the event of their sentence, or make an attack of their own.
"""

from __future__ import annotations

import bisect
import re

from marsad.document import Document, Event, TriggerMention

#: «التي تسيطر على», «حيث يسيطر»: a present of control after a relative is a state
_STATUS_RE = re.compile(r"(?:^|\s)[وف]?(?:التي|الذي|الذين|اللتين|حيث)\s+(?:\S+\s+)?$")
#: «ألقت القبض», «ألقى القبض»: verbs whose first letters read as the article
_ALQA = frozenset({"القت", "القي", "القوا", "والقت", "والقي", "والقوا", "فالقت", "فالقي"})
#: «هذا القصف», «تلك الهجمات»: an act already told, pointed at again
_DEMONSTRATIVE_RE = re.compile(r"(?:^|\s)(?:هذا|هذه|ذلك|تلك|هذين|هاتين|هؤلاء)\s+\S*$")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")  # «عام 2015»: a time of its own
_RECAP_RE = re.compile(r"\s*و?كان[تا]?\s+(?:\S+\s+){0,4}?قد\s")
_CLAUSE_BREAK = re.compile(r"[،,.:;؛«»()!?؟]")
#: a clause of its own opens: «قتل مسلحون محتجين بعدما بدأت قوات الأمن حملة على المظاهرات
#: المستمرة منذ أشهر» — the months are the protests', not the killing's
_SUBORDINATE_RE = re.compile(r"(?<!\w)(?:بعدما|بعد ان|حينما|عندما|حيث|فيما|وسط)(?!\w)")
_AIR_RE = re.compile(r"طاير|طيران|مقاتلات|مروحي|مسير|حربي|جوي")
#: Sub-types, strongest first, when several triggers of one sentence merge.
SUB_TYPE_ORDER = (
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Suicide bomb",
    "Chemical weapon",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack",
    "Grenade",
)
CROWD_TYPES = ("Riots", "Protests")
GENERIC_ROLES = ("attack", "storm")  # words that say an attack, not which kind
LEDE = 2  # body sentences that tell the news: there «القصف…» opens an event
ADJACENT = 40  # explosion triggers this close («قصف بقذائف الهاون») name one act
IRREALIS_AFTER_WINDOW = 20  # characters after a trigger searched for «محتمل», «مرتقب», …
IRREALIS_WINDOW = 50  # characters before a trigger searched for «لم», «سوف», «نفى», …


class EventsStage:
    def __call__(self, doc: Document) -> Document:
        by_sentence: dict[int, list[TriggerMention]] = {}
        starts = [c[0] for c in doc.cues]
        for t in doc.triggers:
            before = doc.ntext[max(0, t.start - 20) : t.start]
            if self._irrealis(doc, t, starts) or _DEMONSTRATIVE_RE.search(before):
                continue
            if (
                t.entry.role == "territory"
                and doc.ntext.startswith(("ت", "ي"), t.start)
                and _STATUS_RE.search(before)
            ):
                continue  # «حركة الشباب التي تسيطر على مناطق واسعة»: who holds it, no act
            by_sentence.setdefault(t.sentence, []).append(t)
        # a background word makes background of the acts after it in its sentence, and of
        # those before it in its clause («قتل 50 شخصا منذ بداية العام»), not of an act told
        # before a comma («اغتالت … 40 مدنيا، في وقت … تصاعد وتيرة …»); «في وقت» only of those
        # after it
        cues = [
            (doc.sentence_of(s), s, k == "background")
            for s, _, k in doc.cues
            if k in ("background", "background_clause")
        ]
        dated = {doc.sentence_of(d.start) for d in doc.dates}
        # «وكانت الحكومة قد أعلنت مقتل …» without a time of its own: earlier reporting retold
        background = {
            i
            for i, sent in enumerate(doc.sentences)
            if i not in dated
            and _RECAP_RE.match(doc.ntext, sent.start, sent.end)
            and not _YEAR_RE.search(doc.ntext, sent.start, sent.end)
        }
        lede = [i for i, s in enumerate(doc.sentences) if not s.headline][:LEDE]
        events: list[Event] = []
        doc.echoes = []
        for sent, trigs in sorted(by_sentence.items()):
            sent_events: list[Event] = []
            kills = [t for t in trigs if t.entry.role == "kill"]
            for t in trigs:
                if t.entry.role == "kill":
                    continue
                etype, sub = self._type_of(doc, t)
                target = self._merge_target(sent_events, t, etype)
                if target is not None:
                    target.mentions.append(t)
                    stronger = sub_type_rank(sub) < sub_type_rank(target.sub_event_type)
                    if etype == target.event_type and stronger:
                        target.sub_event_type = sub
                    continue
                if _definite(doc, t, known_only=True) and sent not in dated and sent not in lede:
                    # «القصف الإسرائيلي لجنوب لبنان فشل…»: an act already known, talked about
                    doc.echoes.append(Event(etype, sub, t, sent, mentions=[t]))
                    continue
                ev = Event(etype, sub, t, sent, mentions=[t])
                sent_events.append(ev)
            for ev in sent_events:
                ev.background = _background(doc, ev, sent in background, cues)
            first_kill = next((k for k in kills if not _definite(doc, k)), None)
            acts = [
                e for e in sent_events if e.event_type != "Strategic developments" and not e.background
            ]
            if not acts and first_kill is not None:
                # «القتيل», «الشهداء» name the dead of an act already told; a killing told
                # with an arrest («قتل 3 من عناصر داعش واعتقل اثنين»), or with the setting
                # («… بعدما بدأت قوات الأمن حملة على المظاهرات المستمرة منذ أشهر»), is an
                # act of its own
                t = first_kill
                kill = Event(t.event_type, t.sub_event_type, t, sent, mentions=[t])
                kill.background = _background(doc, kill, sent in background, cues)
                sent_events.append(kill)
            for ev in sent_events:
                ev.kills = kills if ev.event_type != "Strategic developments" else []
                ev.headline = doc.sentences[sent].headline
            events.extend(sent_events)
        doc.events = events
        return doc

    @staticmethod
    def _type_of(doc: Document, t: TriggerMention) -> tuple[str, str]:
        sub = t.sub_event_type
        if sub == "Shelling/artillery/missile attack":
            text = doc.ntext
            window = text[max(0, t.start - 20) : t.end + 30]
            if _AIR_RE.search(window):
                sub = "Air/drone strike"
        return t.event_type, sub

    @staticmethod
    def _merge_target(events: list[Event], t: TriggerMention, etype: str) -> Event | None:
        """The event of this sentence that ``t`` names again, if any.

        An attack word («هجوم», «اقتحم») adds to the sentence's specific act («تفجير»,
        «اختطاف»); an event opened by an attack word takes the specific act's type.
        """
        generic = t.entry.role in GENERIC_ROLES
        for ev in events:
            if etype == "Battles" and ev.event_type in CROWD_TYPES:
                return ev  # «أعمال شغب ومواجهات بين شبان وقوات الأمن»: the riot's clashes
            if etype in CROWD_TYPES and ev.event_type == "Battles":
                if t.entry.role != "storm":  # «مواجهات … لدى محاولتها اقتحام المخيم»: who
                    # storms is told by who acts (a crowd, or the clash's armed side)
                    ev.event_type, ev.sub_event_type, ev.trigger = etype, t.sub_event_type, t
                return ev
            if ev.event_type == etype:
                if (
                    etype == "Explosions/Remote violence"
                    and ev.sub_event_type != t.sub_event_type
                    and min(abs(t.start - m.end) for m in ev.mentions) > ADJACENT
                ):
                    continue  # «سيارة مفخخة … غارات»: two different explosions
                return ev
            if generic:
                return ev
            if ev.trigger.entry.role in GENERIC_ROLES and all(
                m.entry.role in GENERIC_ROLES for m in ev.mentions
            ):
                ev.event_type, ev.sub_event_type, ev.trigger = etype, t.sub_event_type, t
                return ev
        return None

    @staticmethod
    def _irrealis(doc: Document, t: TriggerMention, starts: list[int]) -> bool:
        lo = max(0, t.start - IRREALIS_WINDOW)
        i = bisect.bisect_left(starts, lo)
        j = bisect.bisect_left(starts, t.start)
        for s, e, kind in doc.cues[i:j]:
            if kind == "irrealis" and lo <= s and e <= t.start:
                between = doc.ntext[e : t.start]
                if not _CLAUSE_BREAK.search(between) and not _next_clause(doc, e, t):
                    return True
        k = bisect.bisect_left(starts, t.end)
        for s, _, kind in doc.cues[k:]:
            if s > t.end + IRREALIS_AFTER_WINDOW:
                break
            if kind == "irrealis_after" and not _CLAUSE_BREAK.search(doc.ntext, t.end, s):
                return True  # «ضربات جوية محتملة»
        return False


def _background(
    doc: Document, ev: Event, recap: bool, cues: list[tuple[int, int, bool]]
) -> bool:
    """A background word («منذ بداية العام») governs the act: after it in its sentence, or
    before it in its clause («whole» words); or the sentence retells earlier reporting."""
    return recap or any(
        i == ev.sentence
        and (
            s < ev.trigger.start
            or whole
            and not _CLAUSE_BREAK.search(doc.ntext, ev.trigger.end, s)
            and not _SUBORDINATE_RE.search(doc.ntext, ev.trigger.end, s)
        )
        for i, s, whole in cues
    )


def _next_clause(doc: Document, cue_end: int, t: TriggerMention) -> bool:
    """``t`` opens a clause of its own after the act the cue governs: «بغرض نهب الأبقار
    وقتلوا 7 أشخاص» — another trigger stands between, and «و» or «ف» is glued to ``t``."""
    if t.start < 2 or doc.ntext[t.start - 1] not in "وف" or not doc.ntext[t.start - 2].isspace():
        return False
    return any(cue_end <= o.start and o.end <= t.start - 1 for o in doc.triggers if o is not t)


def sub_type_rank(sub: str) -> int:
    """Sub-types of one event type, the more telling first: «غاز مسيل» makes a protest
    one with intervention, «انتحاري» makes a car bomb a suicide bomb."""
    try:
        return SUB_TYPE_ORDER.index(sub)
    except ValueError:
        return len(SUB_TYPE_ORDER)


def _definite(doc: Document, t: TriggerMention, known_only: bool = False) -> bool:
    """The trigger word carries the article («القتيل», «الهجمات»). ``known_only``: as an
    act already told, not as the means of this one («قطعوا الطرق بالإطارات المشتعلة»)."""
    i = t.start
    while i > 0 and not doc.ntext[i - 1].isspace():
        i -= 1
    word = doc.ntext[i : t.end]
    if known_only and word.startswith(("بال", "وبال")):
        return False
    return word.startswith(("ال", "وال", "بال", "فال", "لل")) and word.split()[0] not in _ALQA
