"""Words and Arabic proclitics: where a word starts, and which prefixes may precede an entry."""

from __future__ import annotations

#: Proclitic strings allowed between a word start and a dictionary entry
#: (conjunctions و ف, prepositions ب ل ك, and the article ال with them).
PROCLITICS: frozenset[str] = frozenset(
    {
        "",
        "و",
        "ف",
        "ب",
        "ل",
        "ك",
        "وب",
        "ول",
        "وك",
        "فب",
        "فل",
        "فك",
        "ال",
        "وال",
        "فال",
        "بال",
        "كال",
        "وبال",
        "فبال",
        "وكال",
    }
)
#: Prefixes allowed before the «لل» form (ل + ال contracted), e.g. «للمرصد», «وللمرصد».
LL_PROCLITICS: frozenset[str] = frozenset({"", "و", "ف"})


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def word_start(text: str, pos: int) -> int:
    """Index where the word containing ``pos`` starts."""
    while pos > 0 and is_word_char(text[pos - 1]):
        pos -= 1
    return pos


def at_word_end(text: str, pos: int) -> bool:
    return pos >= len(text) or not is_word_char(text[pos])


def strip_proclitics(word: str) -> list[str]:
    """All readings of ``word`` with a proclitic removed, longest stem first."""
    out = [word]
    for k in range(1, min(4, len(word) - 1) + 1):
        if word[:k] in PROCLITICS:
            out.append(word[k:])
    return out
