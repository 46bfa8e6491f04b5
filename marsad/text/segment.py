"""Sentence splitting that survives quotes «…», abbreviations and decimal numbers."""

from __future__ import annotations

import re

from marsad.document import Sentence

_OPEN = {"«": "»", "(": ")", '"': '"'}
#: curly double quotes, which open by where they stand (:func:`_curly`): Arabic text sets
#: them either way round («“X”» or «”X“»)
_CURLY = {"“": "”", "”": "“"}
_ENDERS = ".!?؟"
_SPECIAL_RE = re.compile(r'[«»“”()"\n.!?؟]')
HEADLINE_WORDS = 18  # a line this short without a full stop is a title or a caption
_MAX_QUOTE = 600  # an unclosed quote stops protecting the text after this many characters
# Single-letter Arabic abbreviations («د.» doctor, «م.» AD / engineer, «ه.» hijri, «ص.» page)
_ABBREV_RE = re.compile(r"(?:^|\s)(?:[\u0621-\u064a]|[a-z]{1,3}|ق\.م|[A-Z])$")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` (normalised or original: same positions) into sentence spans.

    A sentence ends at ``. ! ? ؟`` (not inside a quote, not between digits, not after a
    one-letter abbreviation) and at a blank line; a single newline ends one too unless a
    quote is open and the line does not end with a full stop. Leading and trailing white
    space is not part of a sentence.
    """
    spans: list[Sentence] = []
    n = len(text)
    start = 0
    stack: list[tuple[str, int]] = []
    skip_to = 0  # characters before this were read as part of a sentence end
    for m in _SPECIAL_RE.finditer(text):  # nothing else changes the state: jump between them
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if stack and i - stack[-1][1] > _MAX_QUOTE:
            stack.clear()
        if stack and ch == stack[-1][0]:
            stack.pop()
        elif ch in _CURLY:
            curly = _curly(text, i)
            if curly is not None:
                stack.append((curly, i))
        elif ch in _OPEN and ch != '"':
            stack.append((_OPEN[ch], i))
        elif ch == '"':
            stack.append(('"', i))
        elif ch == "\n":
            if not stack or (i + 1 < n and text[i + 1] == "\n") or _line_ends(text, i):
                stack.clear()
                _push(text, start, i, spans)
                start = i + 1
        elif ch in _ENDERS and not stack:
            if ch == "." and _is_non_final_dot(text, i):
                continue
            j = i + 1
            while j < n and text[j] in _ENDERS + "»”)\"'":
                j += 1
            _push(text, start, j, spans)
            start = skip_to = j
    _push(text, start, n, spans)
    return spans


def _line_ends(text: str, i: int) -> bool:
    """The line before the newline at ``i`` ends with a full stop: a quote still open there
    was never closed (or goes on in a paragraph of its own), and no longer protects it."""
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    return j > 0 and text[j - 1] in _ENDERS


def _curly(text: str, i: int) -> str | None:
    """The quote that closes the curly quote at ``i`` if it opens one, else None.

    Which way round a text sets them is read from where the mark stands: an opening quote
    is glued to the word after it («”نصاب“», «“نصاب”»), a closing one to the word before
    it. A mark glued to the word before it and not to the word after closes nothing open
    here: it opens nothing either."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and not after.isalnum():
        return None
    if text[i] == "”" and not after.isalnum():
        return None  # «” » after a space: a stray closing mark
    return _CURLY[text[i]]


def _is_non_final_dot(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isdigit() and after.isdigit():
        return True
    return _ABBREV_RE.search(text[max(0, i - 4) : i]) is not None


def _push(text: str, start: int, end: int, spans: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end, headline=_is_headline(text, start, end)))


def _is_headline(text: str, start: int, end: int) -> bool:
    """A short line without a full stop: a title, a caption or a «read also» link."""
    after = end
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1  # spaces left at the end of the line
    if text[end - 1] in _ENDERS + "»”\"'" or (after < len(text) and text[after] != "\n"):
        return False
    words = text[start:end].split()
    if words[0].startswith("و") and len(words[0]) > 3:
        return False  # «وشهدت …»: prose going on (a text cut off mid-sentence), not a title
    return len(words) <= HEADLINE_WORDS
