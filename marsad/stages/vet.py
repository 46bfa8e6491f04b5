"""Stage «vet»: the event model keeps or drops each event the rules coded.

It runs after «geocode», so it sees what the rules made of the event (type, actors, place
level, whether the date and place were only inherited, how old the date is) next to the
words of its sentence; it was trained on the rules' own output over the training corpus,
an event counting as right when it finds an annotated one (marsad.eval.scoring.finds).
"""

from __future__ import annotations

from collections import Counter

from marsad.document import Document
from marsad.learn.features import DocIndex, event_features, sentence_features
from marsad.learn.labels import EVENT, NONE
from marsad.learn.linear import LinearModel
from marsad.learn.store import event_model


class VetStage:
    def __init__(self, model: LinearModel | None = None, *, threshold: float | None = None) -> None:
        self.model = model or event_model()
        self.threshold = (
            threshold if threshold is not None else float(self.model.meta.get("threshold", 0.5))
        )
        if sorted(self.model.classes) != [EVENT, NONE]:
            raise ValueError(f"not an event model: classes {self.model.classes}")
        self._event = self.model.classes.index(EVENT)

    def probabilities(self, doc: Document) -> list[float]:
        """Probability that each of ``doc.events`` is right."""
        if not doc.events:
            return []
        index = DocIndex(doc)
        model = self.model
        per_sentence = Counter(ev.sentence for ev in doc.events)
        partial = {i: model.partial_score(sentence_features(doc, index, i)) for i in per_sentence}
        p_event = [
            model.binary_probability(
                model.add_features(
                    partial[ev.sentence], event_features(doc, ev, per_sentence[ev.sentence])
                )
            )
            for ev in doc.events
        ]
        return p_event if self._event == 1 else [1.0 - p for p in p_event]

    def __call__(self, doc: Document) -> Document:
        probs = self.probabilities(doc)
        doc.events = [ev for ev, p in zip(doc.events, probs, strict=True) if p >= self.threshold]
        return doc
