"""How the learned stages join the rule pipeline: ``rules``, ``models`` or ``both``.

- ``rules``: the rule stages only.
- ``both``: the rule stages, then (after geocoding) the event model vets each rule event from
  its sentence and what the rules made of it. This is what measured best (docs/models.md).
- ``all``: ``both`` plus the sentence model dropping rule events in non-event sentences (and
  correcting confident types) and the span model filling the actors the rules left empty and
  pointing the geocoder at the place it marks. On the development set it scored no better
  than ``both`` and costs more time per article.
- ``models``: the sentence model makes the events, the span model fills their arguments; the
  rules' knowledge-base matching still provides features, names and coordinates.
"""

from __future__ import annotations

from marsad.document import Document, Event, PlaceMention
from marsad.kb.base import KnowledgeBase
from marsad.kb.places import Place
from marsad.pipeline import Pipeline
from marsad.stages.geocode import GeocodeStage

MODES = ("rules", "models", "both", "all")
DEFAULT_MODE = "both"


class ModelGeocodeStage(GeocodeStage):
    """The rule geocoder, but an event's place is the one the span model marked when it
    resolves and is no less specific than the rules' choice (a town is never traded for
    its province)."""

    def _choose(
        self,
        doc: Document,
        ev: Event,
        places: list[PlaceMention],
        admin1_ctx: set[tuple[str, str]],
        country_iso: str | None,
    ) -> tuple[PlaceMention, Place | None, int] | None:
        hint = ev.place_mention
        rules = super()._choose(doc, ev, places, admin1_ctx, country_iso)
        if hint is not None and any(pm is hint for pm in places):
            chosen = super()._choose(doc, ev, [hint], admin1_ctx, country_iso)
            if chosen is not None and (rules is None or _rank(chosen) >= _rank(rules)):
                return chosen
        return rules


def _rank(chosen: tuple[PlaceMention, Place | None, int]) -> int:
    place = chosen[1]
    return {"place": 3, "admin1": 2, "country": 1}.get(place.level, 0) if place else 3


def apply_mode(
    pipeline: Pipeline, mode: str, kb: KnowledgeBase, models: str | None = None
) -> Pipeline:
    """Change the rule pipeline ``pipeline`` in place for ``mode`` and return it
    (``models``: a folder of model files instead of the shipped ones)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; modes: {', '.join(MODES)}")
    if mode == "rules":
        return pipeline
    from marsad.learn.store import event_model, sentence_model, span_tagger
    from marsad.stages.classify import ClassifyStage
    from marsad.stages.spans import SpansStage
    from marsad.stages.vet import VetStage

    if mode == "both":
        pipeline.add("vet", VetStage(event_model(models)), after="geocode")
        return pipeline
    sentences, tagger = sentence_model(models), span_tagger(models)
    if mode == "all":
        pipeline.add("classify", ClassifyStage("filter", sentences), after="arguments")
        pipeline.add("spans", SpansStage("fill", tagger), after="classify")
        pipeline.add("vet", VetStage(event_model(models)), after="geocode")
    else:
        pipeline.remove("events")
        pipeline.remove("arguments")
        pipeline.add("classify", ClassifyStage("create", sentences), after="entities")
        pipeline.add("spans", SpansStage("all", tagger), after="classify")
    pipeline.replace("geocode", ModelGeocodeStage(kb))
    return pipeline
