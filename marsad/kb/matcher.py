"""Clitic-aware dictionary matching with one Aho-Corasick automaton.

Every dictionary (actors, places, triggers, news sources, generic actor phrases) is added
as normalised keys. :meth:`Matcher.find` scans a normalised text once and keeps matches
that start at a word start (after an allowed proclitic: «و», «ب», «لل», …) and end at a
word end (or anywhere inside the word for stem entries such as «اشتباك» → «اشتباكات»).
Overlaps are resolved longest-first, so «قوات سورية الديمقراطية» beats «سورية».
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from marsad.text.normalize import normalize_key
from marsad.text.tokens import LL_PROCLITICS, PROCLITICS, at_word_end, word_start


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "actor" | "generic_actor" | "source" | "place" | "trigger" | "person" | …
    payload: Any
    stem: bool = False  # the key may be followed by more letters of the same word


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    key: str
    entries: tuple[Entry, ...]

    def of_kind(self, kind: str) -> list[Any]:
        return [e.payload for e in self.entries if e.kind == kind]

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}


class Matcher:
    def __init__(self) -> None:
        self._entries: dict[str, list[Entry]] = {}
        self._automaton: Any = None

    def add(self, surface: str, entry: Entry) -> None:
        key = normalize_key(surface)
        if len(key) < 2:
            return
        self._entries.setdefault(key, []).append(entry)
        self._automaton = None

    def add_all(self, surfaces: Iterable[str], entry: Entry) -> None:
        for s in surfaces:
            self.add(s, entry)

    def build(self) -> None:
        auto = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            group = tuple(entries)
            auto.add_word(key, (key, group, False))
            if key.startswith("ال") and len(key) > 3:
                ll = "ل" + key[2:]
                if ll not in self._entries:
                    auto.add_word(ll, (key, group, True))
        auto.make_automaton()
        self._automaton = auto

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in ``text`` (normalised), left to right."""
        if self._automaton is None:
            self.build()
        cands: list[tuple[int, int, str, tuple[Entry, ...]]] = []
        for end_idx, (key, group, ll) in self._automaton.iter(text):
            length = len(key) - 1 if ll else len(key)
            start = end_idx - length + 1
            end = end_idx + 1
            ws = word_start(text, start)
            prefix = text[ws:start]
            if ll:
                if not prefix.endswith("ل") or prefix[:-1] not in LL_PROCLITICS:
                    continue
            elif prefix not in PROCLITICS:
                continue
            if not at_word_end(text, end):
                group = tuple(e for e in group if e.stem)
                if not group:
                    continue
            cands.append((start, end, key, group))
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(len(text))
        out: list[Match] = []
        for start, end, key, group in cands:
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.append(Match(start, end, key, group))
        out.sort(key=lambda m: m.start)
        return out
