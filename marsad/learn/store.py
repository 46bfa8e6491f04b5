"""Where the shipped model files live, and loading each of them once per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from marsad.learn.linear import LinearModel, read_json_gz
from marsad.learn.sentence import SentenceModel

SENTENCE_FILE = "sentence.json.gz"
SPANS_FILE = "spans.crfsuite"
EVENTS_FILE = "events.json.gz"


def models_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "models"


class ModelMissing(RuntimeError):
    pass


def _path(name: str, folder: str | Path | None) -> Path:
    p = Path(folder or models_dir()) / name
    if not p.is_file():
        raise ModelMissing(f"model file {p} is missing: run `marsad train` first")
    return p


@functools.cache
def sentence_model(folder: str | None = None) -> SentenceModel:
    return SentenceModel.load(_path(SENTENCE_FILE, folder))


@functools.cache
def event_model(folder: str | None = None) -> LinearModel:
    """The model that vets rule-coded events (classes NONE / EVENT, ``meta['threshold']``)."""
    return LinearModel.from_json(read_json_gz(_path(EVENTS_FILE, folder)))


@functools.cache
def span_tagger(folder: str | None = None) -> Any:
    """A ``pycrfsuite.Tagger`` opened on the span model."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(_path(SPANS_FILE, folder)))
    return tagger
