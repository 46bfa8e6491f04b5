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
from marsad.text.tokens import LL_PROCLITICS, PROCLITICS

#: the longest text a matched key may follow inside its word («وبال»)
_LONGEST_PREFIX = max(len(p) for p in PROCLITICS | {p + "ل" for p in LL_PROCLITICS})
assert "" in PROCLITICS  # a match at a word start needs no proclitic


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "actor" | "generic_actor" | "source" | "place" | "trigger" | "person" | …
    payload: Any
    stem: bool = False  # the key may be followed by more letters of the same word


@dataclass(frozen=True, slots=True)
class Group:
    """The entries sharing one key, indexed by kind once (matching asks for them often)."""

    entries: tuple[Entry, ...]
    by_kind: dict[str, tuple[Any, ...]]
    kinds: frozenset[str]

    @classmethod
    def of(cls, entries: tuple[Entry, ...]) -> Group:
        by_kind: dict[str, list[Any]] = {}
        for e in entries:
            by_kind.setdefault(e.kind, []).append(e.payload)
        return cls(entries, {k: tuple(v) for k, v in by_kind.items()}, frozenset(by_kind))


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    key: str
    group: Group

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.group.entries

    def of_kind(self, kind: str) -> list[Any]:
        return list(self.group.by_kind.get(kind, ()))

    @property
    def kinds(self) -> frozenset[str]:
        return self.group.kinds


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
            whole = Group.of(tuple(entries))
            stems = Group.of(tuple(e for e in entries if e.stem))  # when more letters follow
            auto.add_word(key, (key, whole, stems, False, len(key)))
            if key.startswith("ال") and len(key) > 3:
                ll = "ل" + key[2:]
                if ll not in self._entries:
                    auto.add_word(ll, (key, whole, stems, True, len(ll)))
        auto.make_automaton()
        self._automaton = auto

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in ``text`` (normalised), left to right."""
        if self._automaton is None:
            self.build()
        cands: list[tuple[int, int, str, Group]] = []
        n = len(text)
        isalnum = str.isalnum  # normalised text has no «_»: this is ``is_word_char``
        isalpha = str.isalpha
        longest = _LONGEST_PREFIX
        for end_idx, (key, group, stems, ll, length) in self._automaton.iter(text):
            start = end_idx - length + 1
            end = end_idx + 1
            if start and isalnum(text[start - 1]):
                # inside a word: a match only after a proclitic. The word start is looked
                # for no further back than the longest one (scanning further cost the most)
                lowest = start - longest if start > longest else 0
                ws = start - 1
                while ws > lowest and isalnum(text[ws - 1]):
                    ws -= 1
                if ws and isalnum(text[ws - 1]):
                    continue
                prefix = text[ws:start]
                if ll:
                    if prefix[-1] != "ل" or prefix[:-1] not in LL_PROCLITICS:
                        continue
                elif prefix not in PROCLITICS:
                    continue
            elif ll:  # «لـ» for «الـ» needs its «ل»
                continue
            if end < n and isalpha(text[end]):  # more letters follow (digits end a word: «مقتل19»)
                group = stems
                if not group.entries:
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
