"""One object holding every knowledge base and the matcher built over all of them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from marsad.kb.actors import (
    Actor,
    GenericActor,
    Source,
    load_actors,
    load_generic_actors,
    load_sources,
)
from marsad.kb.loading import data_path, load_word_list, load_yaml
from marsad.kb.matcher import Entry, Matcher
from marsad.kb.places import Gazetteer, Place, load_gazetteer
from marsad.kb.triggers import Trigger, load_triggers
from marsad.text.normalize import normalize_key

#: a cue phrase ending in a one-letter preposition («تنديدا ب», «رفضا ل»), written glued
_GLUED_END_RE = re.compile(r"\s[بلك]$")


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # "place" | "speech" | "irrealis" | "irrealis_after" | "background" | "background_clause" | "first_name" | "demonym"
    value: Any = None


@dataclass(slots=True)
class KnowledgeBase:
    actors: list[Actor]
    generic_actors: list[GenericActor]
    sources: list[Source]
    gazetteer: Gazetteer
    triggers: list[Trigger]
    cues: dict[str, Any]
    matcher: Matcher
    actors_by_id: dict[str, Actor] = field(default_factory=dict)
    place_stoplist: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()  # everyday words: never an unknown place

    def no_battle_actors(self) -> frozenset[str]:
        """The names of the actors whose violence ACLED never codes as a battle."""
        return frozenset(a.name for a in self.actors if a.no_battles)

    @classmethod
    def load(cls) -> KnowledgeBase:
        actors = load_actors()
        generic = load_generic_actors()
        sources = load_sources()
        gaz = load_gazetteer()
        trig = load_triggers()
        cues = _shipped_cues()
        stop_raw = load_yaml(data_path("lexicons", "place_stoplist.yaml")) or []
        stoplist = frozenset(normalize_key(w) for w in stop_raw)
        m = Matcher()
        # Order matters only for entries sharing a key: earlier kinds come first.
        for a in actors:
            m.add_all(a.aliases_ar, Entry("actor", a))
        for s in sources:
            m.add_all(s.aliases_ar, Entry("source", s))
        for g in generic:
            m.add_all(g.phrases, Entry("generic_actor", g, stem=g.role == "linked"))
        for t, forms, stems in trig:
            m.add_all(forms, Entry("trigger", t))
            m.add_all(stems, Entry("trigger", t, stem=True))
        for phrase in stoplist:
            if " " in phrase:  # «خفر السواحل»: its words are no place («خفر», Iran) there
                m.add(phrase, Entry("not_place", phrase))
        joinable = tuple(normalize_key(w) for w in cues.get("joinable_heads") or [])
        for p in gaz.all():
            keys = (normalize_key(alias) for alias in p.aliases_ar)
            spelled = dict.fromkeys(
                form
                for key in keys
                if len(key) >= 3 and key not in stoplist
                for form in _spellings(key, joinable)
            )
            for form in spelled:
                m.add(form, Entry("place", p))
        for iso, dems in gaz.demonyms.items():
            m.add_all(dems, Entry("cue", Cue("demonym", iso)))
        for word, prec in (cues.get("place_cues") or {}).items():
            m.add(word, Entry("cue", Cue("place", int(prec))))
        for kind, key in (
            ("speech", "speech_verbs"),
            ("irrealis", "irrealis"),
            ("irrealis_after", "irrealis_after"),
            ("background", "background"),
            ("background_clause", "background_clause"),
            ("first_name", "first_names"),
        ):
            for phrase in cues.get(key) or []:
                # «تنديدا ب», «رفضا ل»: the last letter is glued to the next word
                glued = bool(_GLUED_END_RE.search(str(phrase)))
                m.add(str(phrase), Entry("cue", Cue(kind), stem=glued))
        m.build()
        return cls(
            actors=actors,
            generic_actors=generic,
            sources=sources,
            gazetteer=gaz,
            triggers=[t for t, _, _ in trig],
            cues=cues,
            matcher=m,
            actors_by_id={a.id: a for a in actors},
            place_stoplist=stoplist,
            common_words=load_word_list(data_path("lexicons", "common_words.txt")),
        )

    def compound_heads(self) -> frozenset[str]:
        return frozenset(normalize_key(w) for w in self.cues.get("compound_heads") or [])

    def compound_tails(self) -> frozenset[str]:
        return frozenset(normalize_key(w) for w in self.cues.get("compound_tails") or [])

    def abroad_countries(self) -> frozenset[str]:
        """Countries the gazetteer has no divisions of (Russia, the United States, …), and
        "International": they come into the news as powers acting abroad, never as the
        scene of an act."""
        divided = {p.country for p in self.gazetteer.admin1.values()}
        names = {p.name for p in self.gazetteer.countries.values()}
        return frozenset(names - divided) | {"International"}

    def country_place(self, name_or_iso: str | None) -> Place | None:
        if not name_or_iso:
            return None
        g = self.gazetteer
        return g.countries.get(name_or_iso) or g.countries_by_name.get(name_or_iso)


@functools.cache
def _shipped_cues() -> dict[str, Any]:
    """cues.yaml, read once per process (the knowledge base and the stages' patterns)."""
    cues: dict[str, Any] = load_yaml(data_path("lexicons", "cues.yaml"))
    return cues


@functools.cache
def grievance_pattern() -> str:
    """A regex alternation of the grievance phrases (``grievance`` in cues.yaml), on
    normalised text: «احتجاجا على», «تنديدا ب» (its «ب» glued to the next word) …"""
    cues = _shipped_cues()
    phrases = sorted({normalize_key(str(p)) for p in cues.get("grievance") or []}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


@functools.lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The knowledge base shipped with the package, loaded once per process."""
    return KnowledgeBase.load()


def _spellings(key: str, joinable: tuple[str, ...]) -> list[str]:
    """``key`` and, when it opens with a joinable head word, the other way of writing it:
    «كفر نبل» ⇄ «كفرنبل»."""
    out = [key]
    for head in joinable:
        rest = key[len(head) :]
        if not key.startswith(head) or not rest:
            continue
        if rest[0] == " " and len(rest) > 3 and " " not in rest[1:]:
            out.append(head + rest[1:])  # «كفر نبل» → «كفرنبل»
        elif rest[0] != " " and len(rest) >= 3:
            out.append(f"{head} {rest}")  # «كفرنبل» → «كفر نبل»
    return out
