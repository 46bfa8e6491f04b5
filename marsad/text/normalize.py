"""Arabic normalisation for matching, with a map back to original offsets.

Normalisation is used for *matching only*: every span the pipeline reports is mapped
back to the original, un-normalised text through :class:`NormalizedText`.

What is folded:
- harakat (fathatan … sukun, dagger alef), Quranic marks, tatweel and invisible
  direction/joiner marks are deleted;
- alef forms أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ک ی → ك ي;
- Arabic-Indic ٠-٩ and Persian ۰-۹ digits → 0-9, Arabic decimal/thousands marks;
- Latin letters are lower-cased; hashtag marks («#» and «_») become spaces.

Substitutions are one character to one character, deletions remove a character; no
character is ever inserted, so the map from normalised to original index is monotone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUBST: dict[int, str] = {}
for _src, _dst in (
    ("أإآٱ", "ا"),
    ("ى", "ي"),
    ("ة", "ه"),
    ("ؤ", "و"),
    ("ئ", "ي"),
    ("ک", "ك"),
    ("یې", "ي"),
    ("ڤ", "ف"),
    ("گ", "ك"),
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("٬", ","),
    ("٫", "."),
    ("\u00a0\u2009\u202f\u2002\u2003", "     "),
    ("#_", "  "),  # hashtags: «#عمليات_الأنبار» reads «عمليات الأنبار»
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"),
):
    if len(_dst) == 1:
        for _ch in _src:
            _SUBST[ord(_ch)] = _dst
    else:
        for _ch, _d in zip(_src, _dst, strict=True):
            _SUBST[ord(_ch)] = _d

#: the substitutions as (from, to) pairs: no target is itself substituted, so applying them
#: one after the other is one ``translate``, and much faster on Arabic text (``translate``
#: looks every character up; ``str.replace`` scans in C, and most pairs are absent)
_PAIRS = tuple((chr(k), v) for k, v in _SUBST.items())
if any(ord(v) in _SUBST for _, v in _PAIRS):
    raise AssertionError("a substitution's target is substituted again")


def _substitute(text: str) -> str:
    if len(text) < 200:  # a name or a phrase: one pass is cheaper than ~70 scans
        return text.translate(_SUBST)
    for c, f in _PAIRS:
        if c in text:
            text = text.replace(c, f)
    return text


#: Characters deleted by normalisation: harakat, Quranic marks, tatweel, invisibles.
DELETED = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]"
_DELETE_RE = re.compile(DELETED)


@dataclass(slots=True, unsafe_hash=True)
class NormalizedText:
    """A normalised string plus the map from its indices to the original's."""

    original: str
    text: str
    _index: tuple[int, ...] | None = None  # None: identity map (nothing was deleted)

    def __init__(self, original: str, text: str, _index: tuple[int, ...] | None = None) -> None:
        # written out: the compiled build compiles it (see marsad.native, "Hot classes")
        self.original = original
        self.text = text
        self._index = _index

    def to_original(self, i: int) -> int:
        """Original index of normalised index ``i`` (``i == len(text)`` maps to the end)."""
        if self._index is None:
            return i
        return self._index[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span ``[start, end)`` to the original text."""
        if self._index is None:
            return start, end
        if end <= start:
            o = self._index[start]
            return o, o
        return self._index[start], self._index[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


def normalize_char_map(text: str) -> str:
    """Apply only the 1:1 substitutions (no deletions): same length as ``text``."""
    return _substitute(text)


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for matching and keep the offset map."""
    mapped = _substitute(text)
    if _DELETE_RE.search(mapped) is None:
        return NormalizedText(text, mapped, None)
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _DELETE_RE.finditer(mapped):
        s = m.start()
        if s > pos:
            pieces.append(mapped[pos:s])
            index.extend(range(pos, s))
        pos = m.end()
    pieces.append(mapped[pos:])
    index.extend(range(pos, len(mapped)))
    index.append(len(text))
    return NormalizedText(text, "".join(pieces), tuple(index))


def normalize_key(text: str) -> str:
    """Normalised form of a dictionary entry: same folding, whitespace collapsed."""
    return " ".join(normalize(text).text.split())
