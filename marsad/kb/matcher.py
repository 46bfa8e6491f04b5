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
from typing import Any, Final

import ahocorasick

from marsad.text.normalize import normalize_key
from marsad.text.tokens import LL_PROCLITICS, PROCLITICS

#: the longest text a matched key may follow inside its word («وبال»)
_LONGEST_PREFIX: Final = max(len(p) for p in PROCLITICS | {p + "ل" for p in LL_PROCLITICS})
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


@dataclass(slots=True, unsafe_hash=True)
class Match:
    start: int
    end: int
    key: str
    group: Group

    def __init__(self, start: int, end: int, key: str, group: Group) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.start = start
        self.end = end
        self.key = key
        self.group = group

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
        self._keys: list[_Key] = []

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
        keys: list[_Key] = []
        for key, entries in self._entries.items():
            whole = Group.of(tuple(entries))
            stems = Group.of(tuple(e for e in entries if e.stem))  # when more letters follow
            auto.add_word(key, len(keys))
            keys.append(_Key(key, whole, stems, False, len(key)))
            if key.startswith("ال") and len(key) > 3:
                ll = "ل" + key[2:]
                if ll not in self._entries:
                    auto.add_word(ll, len(keys))
                    keys.append(_Key(key, whole, stems, True, len(ll)))
        auto.make_automaton()
        self._keys = keys
        self._automaton = auto

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in ``text`` (normalised), left to right."""
        if self._automaton is None:
            self.build()
        keys = self._keys
        table = _char_classes()
        # (longest first, then leftmost as one int, start, end, key, group): sorted, the
        # ints decide
        cands: list[tuple[int, int, int, str, Group]] = []
        n = len(text)
        longest = _LONGEST_PREFIX
        hit: tuple[int, int]
        for hit in self._automaton.iter(text):
            k = keys[hit[1]]
            end = hit[0] + 1
            start = end - k.length
            if start and _char_class(text, start - 1, table) & _ALNUM:
                # inside a word: a match only after a proclitic. The word start is looked
                # for no further back than the longest one (scanning further cost the most)
                lowest = start - longest if start > longest else 0
                ws = start - 1
                while ws > lowest and _char_class(text, ws - 1, table) & _ALNUM:
                    ws -= 1
                if ws and _char_class(text, ws - 1, table) & _ALNUM:
                    continue
                prefix = text[ws:start]
                if k.ll:
                    if prefix[-1] != "ل" or prefix[:-1] not in LL_PROCLITICS:
                        continue
                elif prefix not in PROCLITICS:
                    continue
            elif k.ll:  # «لـ» for «الـ» needs its «ل»
                continue
            # more letters follow (digits end a word: «مقتل19»): only stem entries match
            group = k.stems if end < n and _char_class(text, end, table) & _ALPHA else k.whole
            if not group.entries:
                continue
            cands.append(((n - (end - start)) * (n + 1) + start, start, end, k.key, group))
        cands.sort()
        taken = bytearray(n)
        kept: list[tuple[int, Match]] = []
        for _, start, end, key, group in cands:
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, Match(start, end, key, group)))
        kept.sort()
        return [m for _, m in kept]


@dataclass(frozen=True, slots=True)
class _Key:
    """What one automaton key stands for: a dictionary key, or its «لـ» form (``ll``:
    «للجيش» is «ل» + «الجيش»), with its entries whole and those that are stems."""

    key: str
    whole: Group
    stems: Group
    ll: bool
    length: int


_ALNUM: Final = 1
_ALPHA: Final = 2
_CLASSES: list[bytes] = []


def _char_classes() -> bytes:
    """``_ALNUM | _ALPHA`` flags of every character of the Basic Multilingual Plane, built
    on first use: reading a flag costs no string object, ``str.isalnum`` on ``text[i]`` does."""
    if not _CLASSES:
        _CLASSES.append(bytes(_flags(chr(c)) for c in range(0x10000)))
    return _CLASSES[0]


def _flags(ch: str) -> int:
    return (_ALNUM if ch.isalnum() else 0) | (_ALPHA if ch.isalpha() else 0)


def _char_class(text: str, i: int, table: bytes) -> int:
    c = ord(text[i])
    return table[c] if c < 0x10000 else _flags(text[i])
