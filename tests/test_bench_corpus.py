"""The synthetic benchmark corpus (bench/corpus.py) is deterministic, sized and Arabic."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

CORPUS_PY = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"
ARABIC_WORD = re.compile(r"[\u0621-\u064A]{2,}")


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_bench_corpus", CORPUS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_deterministic_for_a_seed(corpus: ModuleType) -> None:
    first = corpus.generate(5, seed=7)
    assert first == corpus.generate(5, seed=7)
    assert len(first) == 5
    assert len(set(first)) == 5  # articles differ from each other
    assert corpus.generate(5, seed=8) != first


@pytest.mark.parametrize("words", [200, 600])
def test_word_count_near_request(corpus: ModuleType, words: int) -> None:
    for text in corpus.generate(5, seed=1, words=words):
        n = len(text.split())
        assert 0.75 * words <= n <= 1.25 * words, n


def test_articles_are_arabic(corpus: ModuleType) -> None:
    for text in corpus.generate(5, seed=2):
        tokens = text.split()
        arabic = sum(1 for t in tokens if ARABIC_WORD.search(t))
        assert arabic / len(tokens) > 0.8
        assert "{" not in text and "}" not in text  # every template slot was filled


def test_enough_templates(corpus: ModuleType) -> None:
    assert len(corpus.TEMPLATES) >= 25
    kinds = {kind for kind, _ in corpus.TEMPLATES}
    assert {"event", "statement", "background", "quote"} <= kinds


def test_write_corpus(corpus: ModuleType, tmp_path: Path) -> None:
    paths = corpus.write_corpus(tmp_path / "c", 3)
    assert [p.name for p in paths] == ["article-0001.txt", "article-0002.txt", "article-0003.txt"]
    assert paths[0].read_text(encoding="utf-8") == corpus.generate(3)[0]
