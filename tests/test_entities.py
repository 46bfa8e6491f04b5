"""Stage «entities»: pieces that can be checked alone."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from marsad.stages.entities import QuotedNames
from marsad.text.normalize import normalize

CUES = ["بلده", "مديريه", "حي", "بالقرب من", "شمال غرب", "ريف"]

#: our own sentences: quoted names after «في» and cues, and quotes that name nothing
SENTENCES = [
    'وقع الهجوم في "داري-داي" صباح اليوم.',
    'سيطر المسلحون على مديرية "حرر طيري" وبلدة «الحصن».',
    'انفجرت عبوة بالقرب من  "سوق الخضار" وفي  «حي النور».',
    'قال المتحدث إن "الوضع في "المدينة" هادئ" ثم غادر.',
    'وقال: «لن نترك ريف "المنطقة"» وأضاف في "كلمة طويلة جدا جدا جدا جدا تتجاوز الحد المسموح".',
    '"في "أ"" فيفي "بلدة" ف في «قرية»\nفي "سطر\nجديد"',
    'شمال غرب "الحسكة" وشمال  غرب "القامشلي" ولريف "حلب"',
]


def _found(names, text):
    """What the pattern alone finds, with ``finditer``."""
    return [(m.span(), m.groups()) for m in names.pattern.finditer(text)]


def test_a_quoted_name_after_fi_or_a_place_cue_is_found():
    names = QuotedNames(CUES)
    text = normalize(SENTENCES[0] + " " + SENTENCES[1] + " " + SENTENCES[2]).text
    found = [m.group(3) for m in names.finditer(text)]
    assert found == ["داري-داي", "حرر طيري", "الحصن", "سوق الخضار", "حي النور"]


@pytest.fixture(scope="module")
def generated() -> list[str]:
    path = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"
    spec = importlib.util.spec_from_file_location("marsad_bench_corpus_e", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return [normalize(t).text for t in module.generate(60, seed=3)]


def test_looking_before_each_quote_finds_what_finditer_finds(generated):
    """``QuotedNames.finditer`` only makes the search faster: the same matches as the
    pattern's ``finditer``, on our sentences and on generated articles (which quote often)."""
    names = QuotedNames(CUES)
    texts = [normalize(s).text for s in SENTENCES] + generated
    found = 0
    for text in texts:
        assert _found_fast(names, text) == _found(names, text)
        found += len(_found(names, text))
    assert found >= 8


def test_looking_before_each_quote_finds_what_finditer_finds_in_random_text():
    """Random strings of cues, clitics, quotes, spaces and letters: the cases no article
    shows (quotes inside names, cues run together, long runs of spaces)."""
    pieces = [*CUES, "في", "و", "ف", "ب", "ل", '"', "“", "”", "«", "»", " ", "  ", "\n", "ا"]
    pieces += ["بلد", "حلب", "دار", "x"] * 2 + ['"', "«", "»", " "] * 2
    rng = random.Random(5)
    names = QuotedNames(CUES)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        assert _found_fast(names, text) == _found(names, text), text
        found += len(_found(names, text))
    assert found > 150  # not a vacuous comparison


def _found_fast(names, text):
    return [(m.span(), m.groups()) for m in names.finditer(text)]
