"""Stages «normalize» and «segment»."""

from __future__ import annotations

from marsad.document import Document
from marsad.text.normalize import normalize
from marsad.text.segment import split_sentences


def normalize_stage(doc: Document) -> Document:
    doc.norm = normalize(doc.text)
    return doc


def segment_stage(doc: Document) -> Document:
    doc.sentences = split_sentences(doc.ntext)
    return doc
