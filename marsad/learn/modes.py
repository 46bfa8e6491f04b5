"""How the learned stages join the rule pipeline: ``rules``, ``both``, ``all`` or ``models``.

- ``rules``: the rule stages only. The default: it measured best (docs/models.md).
- ``both``: the rule stages, then (after geocoding) the event model vets each rule event from
  its sentence and what the rules made of it.
- ``all``: ``both``, then the span model picks actor1 and actor2 among the actors of the
  sentence (never a victim of the rules as actor1, never a named actor replaced by a generic
  one). Better actors, same event F1, half the speed.
- ``models``: the sentence model makes the events, the span model fills their arguments; the
  rules' knowledge-base matching still provides features, names and coordinates.

Two more uses of the models are stages one can add by hand but no mode uses, because they
measured no better: ``ClassifyStage("filter")`` after «arguments» (the sentence model drops
rule events of non-event sentences) and ``SpansStage("fill")`` (the span model fills only the
actors the rules left empty and hints the place to :class:`ModelGeocodeStage`).
"""

from __future__ import annotations

from marsad.document import Document, Event, PlaceMention
from marsad.kb.base import KnowledgeBase
from marsad.kb.places import Place
from marsad.pipeline import Pipeline
from marsad.stages.geocode import GeocodeStage

MODES = ("rules", "models", "both", "all")
#: Chosen by measurement on ../shared/gold (docs/models.md): with the rules of this release the
#: rule stages alone score best, so the learned stages are opt-in.
DEFAULT_MODE = "rules"


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
        homed: set[int],
    ) -> tuple[PlaceMention, Place | None, int] | None:
        hint = ev.place_mention
        rules = super()._choose(doc, ev, places, admin1_ctx, country_iso, homed)
        if hint is not None and any(pm is hint for pm in places):
            chosen = super()._choose(doc, ev, [hint], admin1_ctx, country_iso, homed)
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

    if mode in ("both", "all"):
        pipeline.add("vet", VetStage(event_model(models)), after="geocode")
        if mode == "all":
            pipeline.add("spans", SpansStage("actors", span_tagger(models)), after="vet")
        return pipeline
    pipeline.remove("events")
    pipeline.remove("arguments")
    pipeline.add("classify", ClassifyStage("create", sentence_model(models)), after="entities")
    pipeline.add("spans", SpansStage("all", span_tagger(models)), after="classify")
    pipeline.replace("geocode", ModelGeocodeStage(kb))
    return pipeline
