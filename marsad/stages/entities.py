"""Stage «entities»: actors, places, triggers, dates and numbers found in the text.

One Aho-Corasick pass (:class:`marsad.kb.matcher.Matcher`) finds every dictionary entry;
this stage turns the matches into mentions on the document, using the cue words around
them («بلدة الباغوز», «شمال حماة», «عدنان عفرين» is a person).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from marsad.document import ActorMention, Document, PlaceMention, TriggerMention
from marsad.kb.actors import Actor, GenericActor
from marsad.kb.base import Cue, KnowledgeBase
from marsad.kb.matcher import Match
from marsad.kb.places import Place
from marsad.kb.triggers import Trigger
from marsad.parse.dates import find_dates
from marsad.parse.numbers import find_quantities
from marsad.stages.arguments import ARMED
from marsad.text.normalize import normalize_key
from marsad.text.tokens import word_start

_WORD_RE = re.compile(r"[^\s،,.:;؛«»()\"“”'!?؟\-]+")
_GAP_RE = re.compile(r"^\s*$")
#: «مسلحون من داعش», «مسلحين من حركة الشباب»: the gunmen are the group's
_OF_GROUP_RE = re.compile(r"\s+من\s+(?:عناصر\s+|مقاتلي\s+|مسلحي\s+)?[\"“«']?")
#: a person one of a group: «الرجل الثاني في تنظيم داعش», «شاب من حركة حماس»
_MEMBER_OF_RE = re.compile(r"\s+(?:\S+\s+)?(?:في|من|ب|لدي)\s*(?:صفوف\s+)?")
#: right before the next name (maybe quoted): «مسلحي داعش», «مسلحي "داعش"»
_ADJACENT_RE = re.compile(r"\s?[\"“«']?")
_INTO_RE = re.compile(r"^\s*(?:في|ب)?\s*(?:العاصمه|مدينه|بلده)?\s*[\"“«']?$")
_VOTING_TOWN = 15_000  # places at least this big count towards the article's country
#: a place's vote for the article's country against an actor's: forces act abroad (Israel's
#: army in the West Bank, Russia's air force in Syria), places stay where they are
PLACE_VOTE = 2


#: cue kinds that only mark a word: a word in several lists («محتمل») marks for each
_FLAG_CUES = frozenset({"irrealis", "irrealis_after", "background", "background_clause"})


_OPENING_QUOTE_RE = re.compile(r"[\"“«]")


class QuotedNames:
    """A quoted name after «في» (group 1) or a place cue (group 2); the name is group 3:
    «في "داري-داي"», «مديرية "حرر طيري"»."""

    def __init__(self, cue_words: Iterable[str]) -> None:
        words = sorted(cue_words, key=len, reverse=True)
        cues = "|".join(map(re.escape, words))
        self.pattern = re.compile(
            r"(?:^|\s)[وف]?(?:(في)" + (r"|[بل]?(" + cues + ")" if cues else "") + ")"
            r"\s+[\"“«]([^\"”»\n]{3,30})[\"”»]"
        )
        #: the longest text a match may have before the spaces ahead of its quote: a
        #: space, «و» or «ف», «ب» or «ل», and the longest cue
        self.reach = max(len(w) for w in [*words, "في"]) + 3

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``self.pattern.finditer(text)`` gives, found faster: the pattern is tried
        only just before each opening quote, which every match holds (a quote follows the
        cue and its spaces; there are a few in an article, and trying the cues at every
        space costs more). Between a match's start and its quote there is no quote, so the
        matches come in the order of their quotes, each the leftmost after the one before."""
        pos = 0
        for q in _OPENING_QUOTE_RE.finditer(text):
            i = q.start()
            if i < pos:
                continue  # inside the match before («"» also closes one)
            w = i
            while w > 0 and text[w - 1].isspace():
                w -= 1
            if w == i:
                continue  # no space before this quote: no match has it
            m = self.pattern.search(text, max(pos, w - self.reach), i + 64)
            if m is not None:
                yield m
                pos = m.end()


class EntitiesStage:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._heads = kb.compound_heads()
        self._tails = kb.compound_tails()
        self._cue_precision = {
            normalize_key(w): int(p) for w, p in (kb.cues.get("place_cues") or {}).items()
        }
        self._cue_words = frozenset(self._cue_precision)
        self._quoted_names = QuotedNames(self._cue_words)
        self._quarters = frozenset(normalize_key(w) for w in kb.cues.get("neighbourhood_cues") or ())
        self._abroad = kb.abroad_countries()
        self._name_heads = frozenset(
            normalize_key(w)
            for key in ("named_after_heads", "protest_site_heads")
            for w in kb.cues.get(key) or ()
        )
        heads = sorted({normalize_key(w) for w in kb.cues.get("organisation_heads") or ()})
        #: before a quoted name: «تنظيم "», «ولجماعة «», or only the opening quote
        self._quoted_head_re = re.compile(
            r"(?:(?<!\w)(?:[وف]?[بل]?(?:" + "|".join(map(re.escape, heads)) + r"))\s+)?[\"“«']$"
            if heads
            else r"[\"“«']$"
        )

    def __call__(self, doc: Document) -> Document:
        text = doc.ntext
        matches = self.kb.matcher.find(text)
        doc.cues = []
        country_votes: Counter[str] = Counter()
        pending_place_cue: tuple[Match, int] | None = None
        prev: Match | None = None
        skip_next_place = False
        consumed = -1  # index of a match already read as part of the one before it
        for i, m in enumerate(matches):
            sent = doc.sentence_of(m.start)
            kinds = m.kinds
            if i == consumed:
                pass
            elif "actor" in kinds:
                a: Actor = m.of_kind("actor")[0]
                start, end = self._quoted_name(text, m, prev)
                doc.actors.append(ActorMention(start, end, sent, a.name, a.inter, a.country, a.id))
                if a.country != "International":
                    country_votes[a.country] += 1
                    doc.country_mentions.append((m.start, a.country))
            elif "source" in kinds:
                doc.sources.append((m.start, m.end))
            elif "generic_actor" in kinds:
                g: GenericActor = m.of_kind("generic_actor")[0]
                nxt = matches[i + 1] if i + 1 < len(matches) else None
                if self._generic(doc, m, g, nxt, sent):
                    consumed = i + 1
            elif "trigger" in kinds:
                t: Trigger = m.of_kind("trigger")[0]
                if self._in_name(text, m):
                    prev = m
                    continue
                doc.triggers.append(
                    TriggerMention(m.start, m.end, sent, t.event_type, t.sub_event_type, t)
                )
            elif "place" in kinds:
                gap_prev = text[prev.end : m.start] if prev is not None else ""
                if skip_next_place and _GAP_RE.match(gap_prev):
                    skip_next_place = False
                    prev = m
                    continue
                cands: list[Place] = _rank(m.of_kind("place"))
                cue_prec = None
                direction = None
                if pending_place_cue is not None and _INTO_RE.match(
                    text[pending_place_cue[0].end : m.start]
                ):
                    cue_prec = pending_place_cue[1]
                    direction = pending_place_cue[0].key
                elif " " in m.key:
                    # «مخيم جنين», «قرية X» as one gazetteer name: the name has its own cue
                    cue_prec = self._cue_precision.get(m.key.split(" ", 1)[0])
                pm = PlaceMention(
                    m.start,
                    m.end,
                    sent,
                    cands,
                    cue=direction,
                    cue_precision=cue_prec,
                    neighbourhood=direction in self._quarters,
                )
                doc.places.append(pm)
                # «ريف القنيطرة»: after a province's cue the name is the province
                # (Quneitra), as the geocoder will read it, not a bigger town (Kenitra)
                provinces = [c for c in cands if c.level == "admin1"] if cue_prec == 3 else []
                for c in provinces[:1] or cands[:1]:
                    if c.level != "place" or c.population >= _VOTING_TOWN:
                        country_votes[c.country] += PLACE_VOTE
                        doc.country_mentions.append((m.start, c.country))
            elif "cue" in kinds:
                cue: Cue = m.of_kind("cue")[0]
                doc.cues.append((m.start, m.end, cue.kind))
                for other in sorted({c.kind for c in m.of_kind("cue")} & _FLAG_CUES - {cue.kind}):
                    doc.cues.append((m.start, m.end, other))  # «محتمل»: before or after an act
                if cue.kind == "demonym":
                    iso = str(cue.value)
                    cp = self.kb.gazetteer.countries.get(iso)
                    if cp is not None:
                        country_votes[cp.name] += 1
                        doc.country_mentions.append((m.start, cp.name))
                        doc.demonyms.append((m.start, m.end, cp.name))
                elif cue.kind == "place":
                    self._maybe_unknown_place(doc, m, int(cue.value), matches, i, sent)
                elif cue.kind == "speech" or cue.kind == "first_name" and not _preposition(doc, m):
                    skip_next_place = True
                    prev = m
                    continue
            place_cue = (
                next((c for c in m.of_kind("cue")[:1] if c.kind == "place"), None)
                if "cue" in kinds
                else None
            )
            if place_cue is not None:
                pending_place_cue = (m, int(place_cue.value))
            elif "place" not in kinds:
                pending_place_cue = None
            skip_next_place = False
            prev = m
        self._quoted_places(doc, matches)
        doc.places.sort(key=lambda pm: pm.start)
        doc.dates = find_dates(text, doc.published)
        doc.quantities = find_quantities(text)
        for name in sorted(self._abroad.intersection(country_votes)):
            del country_votes[name]  # «غارة روسية على …»: the strike is not in Russia
        if country_votes:
            doc.country = country_votes.most_common(1)[0][0]
        return doc

    def _in_name(self, text: str, m: Match) -> bool:
        """An act word, definite, right after a noun it names or qualifies: «دوار الشهيد»,
        «كتائب الشهيد عز الدين القسام», «ساحة التحرير», «مخيم الاحتجاج»: no act."""
        ws = word_start(text, m.start)
        if text[ws : m.start] != "ال" and not text.startswith("ال", m.start):
            return False
        before = _PREV_WORD_RE.search(text, max(0, ws - 20), ws)
        return before is not None and before.group(1) in self._name_heads

    def _quoted_name(self, text: str, m: Match, prev: Match | None) -> tuple[int, int]:
        """The span of an actor's name, with its quotes and the organisation word before
        them when it is written in quotes: «تنظيم "داعش"» reads as «تنظيم داعش»."""
        end = m.end
        if end >= len(text) or text[end] not in _CLOSING_QUOTES or not m.start:
            return m.start, end
        lo = max(0, m.start - 24, prev.end if prev is not None else 0)
        head = self._quoted_head_re.search(text, lo, m.start)
        if head is None or _CLOSING_QUOTES[text[end]] != text[m.start - 1]:
            return m.start, end
        return head.start(), end + 1

    def _generic(
        self, doc: Document, m: Match, g: GenericActor, nxt: Match | None, sent: int
    ) -> bool:
        """Add the actor ``m`` names; True when it also took the next match («بالقاعدة»)."""
        next_actor = (
            nxt is not None
            and "actor" in nxt.kinds
            and (
                _ADJACENT_RE.fullmatch(doc.ntext, m.end, nxt.start) is not None
                or _OF_GROUP_RE.fullmatch(doc.ntext, m.end, nxt.start) is not None
            )
        )
        if g.role == "linked":
            if nxt is not None and next_actor:
                linked: Actor = nxt.of_kind("actor")[0]
                name = g.template.replace("{linked}", linked.name)
                doc.actors.append(
                    ActorMention(m.start, nxt.end, sent, name, g.inter, linked.country, None, True)
                )
                return True
            return False
        if g.role == "unidentified" and next_actor:
            return False  # «مسلحي داعش»: the named actor that follows is the actor
        if g.role == "civilians" and nxt is not None and "actor" in nxt.kinds:
            member: Actor = nxt.of_kind("actor")[0]
            start, _ = self._quoted_name(doc.ntext, nxt, m)
            if member.inter in ARMED and _MEMBER_OF_RE.fullmatch(doc.ntext, m.end, start):
                return False  # «الرجل الثاني في تنظيم داعش»: one of the group, no civilian
        doc.actors.append(
            ActorMention(m.start, m.end, sent, g.template, g.inter, None, None, generic=True)
        )
        return False

    def _plausible_name(self, word: str) -> bool:
        """An unknown word read as a place name: rare, not a function word or pronoun form."""
        bare = word[1:] if word.startswith(("و", "ف")) and len(word) > 3 else word
        forms = {word, bare}
        if bare.startswith(("ب", "ل")) and len(bare) > 4:
            forms.add(bare[1:])
        if len(bare) < 3 or bare.endswith(_PRONOUN_SUFFIX) or not bare.isalpha():
            return False
        if bare.startswith(("بال", "لل", "كال")):
            return False  # a preposition with the article: a phrase, not a name
        if len(bare) <= 4 and bare.startswith(("ي", "ت")):
            return False  # «منطقة تعج بالمدنيين»: a short present-tense verb
        return not any(
            f in self.kb.place_stoplist or f in self.kb.common_words or f in self._cue_words
            for f in forms
        )

    def _quoted_places(self, doc: Document, matches: list[Match]) -> None:
        """«وقع الهجوم في "داري-داي"», «مديرية "حرر طيري"»: a quoted unknown name after «في»
        or a place cue is a place. Act words inside the quotes are part of the name."""
        text = doc.ntext
        for q in self._quoted_names.finditer(text):
            start, end = q.span(3)
            inside = [m for m in matches if m.start < end and start < m.end]
            if any(m.kinds - {"trigger", "cue"} for m in inside):
                continue  # a known place, actor or source
            words = re.split(r"[\s-]+", q.group(3))
            if not all(self._plausible_name(w) for w in words):
                continue
            cue = q.group(1) or q.group(2)
            if inside:
                doc.triggers = [t for t in doc.triggers if not (start <= t.start < end)]
            sent = doc.sentence_of(start)
            doc.places.append(
                PlaceMention(
                    start,
                    end,
                    sent,
                    [],
                    cue=cue,
                    unresolved_name=q.group(3),
                    cue_precision=self._cue_precision.get(cue, 2),
                    neighbourhood=cue in self._quarters,
                )
            )

    def _maybe_unknown_place(
        self, doc: Document, m: Match, prec: int, matches: list[Match], i: int, sent: int
    ) -> None:
        """«بلدة X» where X is not in the gazetteer: keep X as an unresolved place."""
        text = doc.ntext
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        w = _next_word(text, m.end)
        if w is None or prec > 2 and m.key not in ("ريف",):
            return
        if text[word_start(text, m.start) : m.start].endswith("ال"):
            return  # «تلك المدينة التاريخية»: after the cue word made definite, an adjective
        if nxt is not None and nxt.start < w.end() and not _first_name(nxt):
            return  # a known entry follows, maybe after a proclitic («لدرعا»): its match has it
        start, end = w.start(), w.end()
        last = w
        w2 = _next_word(text, end)
        w3 = _next_word(text, w2.end()) if w2 is not None and w2.group() in _PATRONYMIC else None
        if w3 is not None:  # «بمنطقة طارق بن زياد»: after a place cue, «X بن Y» is a name
            end, last = w3.end(), w3
            if not (w.group().isalpha() and w3.group().isalpha()):
                return
        else:
            if w.group() in self._heads and w2 is not None:
                end, last = w2.end(), w2
            if not self._plausible_name(last.group()):
                return
        tail = _next_word(text, end)
        if tail is not None and text[end] == " " and (
            tail.group() in self._tails
            or last is w
            and not tail.group().startswith(("و", "ف"))  # «الدروة والمستقبل»: a second name
            and self._plausible_name(tail.group())
            and not _overlaps(matches[i + 1 : i + 3], *tail.span())
        ):
            end = tail.end()  # «قرية الغارية الشرقية», «حي ركن الدين», «قضاء بيرة مكرون»
        name = text[start:end]
        pm = PlaceMention(
            start,
            end,
            sent,
            [],
            cue=m.key,
            unresolved_name=name,
            cue_precision=prec,
            neighbourhood=m.key in self._quarters,
        )
        doc.places.append(pm)


_PRONOUN_SUFFIX = ("ها", "هم", "هما", "نا")
#: the word right before a position (maybe with a proclitic «و», «ب», «ل»)
_PREV_WORD_RE = re.compile(r"(?:^|\s)[وفبل]?(\w+)\s+$")
#: a closing quote → the opening quote it closes
_CLOSING_QUOTES = {'"': '"', "”": "“", "»": "«", "'": "'"}
_PATRONYMIC = frozenset({"بن", "ابن", "بني"})


def _preposition(doc: Document, m: Match) -> bool:
    """«على» («on»), which normalises to the first name «علي» (Ali): a place after it is a
    place («غارات على سراقب»), not a person's family name."""
    return doc.norm.original_slice(m.start, m.end).endswith("ى")


def _first_name(m: Match) -> bool:
    """A match that is only a first name («طارق»): after a place cue it may open a name."""
    return m.kinds == {"cue"} and all(c.kind == "first_name" for c in m.of_kind("cue"))


_LEAD_RE = re.compile(r" [\"“«']?")


def _overlaps(matches: list[Match], start: int, end: int) -> bool:
    """A known entry (place, actor, source, …) covers part of ``start``–``end``."""
    return any(m.start < end and start < m.end for m in matches)


def _next_word(text: str, pos: int) -> re.Match[str] | None:
    """The word after ``pos`` (one space, maybe an opening quote, between)."""
    lead = _LEAD_RE.match(text, pos)
    return _WORD_RE.match(text, lead.end()) if lead is not None else None


def _rank(cands: list[Place]) -> list[Place]:
    order = {"place": 0, "admin1": 1, "country": 2}
    return sorted(cands, key=lambda p: (order.get(p.level, 3), -p.population))
