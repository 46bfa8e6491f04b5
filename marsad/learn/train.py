"""Training both models from an annotated corpus (needs the ``train`` extra: scikit-learn).

Deterministic: the same articles and seed give the same model files, byte for byte.

    marsad train ../shared/train            # writes marsad/data/models/
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad.learn.corpus import LabelledDoc, article_paths, read_corpus
from marsad.learn.features import (
    DocIndex,
    MentionIndex,
    event_features,
    sentence_features,
    token_features,
    tokenize,
)
from marsad.learn.labels import EVENT, NONE, bio_tags, sentence_labels, span_sequences
from marsad.learn.linear import LinearModel, write_json_gz
from marsad.learn.sentence import SentenceModel
from marsad.learn.store import EVENTS_FILE, SENTENCE_FILE, SPANS_FILE, models_dir
from marsad.learn.vetting import corroborate, same_event_key

MIN_DF = 2  # a feature must occur in this many training sentences
C = 4.0  # inverse regularisation strength of the sentence model's logistic regressions
#: ... and of the event model's (out-of-fold event F1 on shared/train, 209 articles:
#: C=1 0.332, C=4 0.326, C=16 0.319)
EVENT_C = 1.0
CV_FOLDS = 5
CRF_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


@dataclass(slots=True)
class TrainReport:
    articles: int = 0
    sentences: int = 0
    positives: int = 0
    sequences: int = 0
    features: int = 0
    threshold: float = 0.5
    cv_f1: float = 0.0
    filter_threshold: float = 0.5
    cv_filter_f1: float = 0.0
    candidates: int = 0
    candidates_right: int = 0
    event_threshold: float = 0.5
    event_cv_f1: float = 0.0
    corroborate: bool = False
    seconds: float = 0.0
    missing_quotes: int = 0
    classes: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        return [
            f"articles {self.articles}, sentences {self.sentences} ({self.positives} report an event)",
            f"sentence model: {self.features} features, {len(self.classes)} classes, "
            f"threshold {self.threshold:.2f} (cross-validated event F1 {self.cv_f1:.3f}), "
            f"on rule-trigger sentences {self.filter_threshold:.2f} (F1 {self.cv_filter_f1:.3f})",
            f"event model: {self.candidates} rule events ({self.candidates_right} right), "
            f"threshold {self.event_threshold:.2f}"
            f"{', mentions corroborate' if self.corroborate else ''} "
            f"(cross-validated event F1 after dedup {self.event_cv_f1:.3f})",
            f"span model: {self.sequences} sentences",
            f"quotes not found in their article: {self.missing_quotes}",
            f"trained in {self.seconds:.1f} s",
        ]


def load_corpus(root: str | Path, *, fraction: float = 1.0, seed: int = 0) -> list[LabelledDoc]:
    """Labelled documents of ``root``; ``fraction`` < 1 keeps a seeded random share of articles."""
    from marsad.pipeline import default_pipeline

    paths = article_paths(root)
    if fraction < 1.0:
        k = max(1, round(len(paths) * fraction))
        paths = sorted(random.Random(seed).sample(paths, k))
    return list(read_corpus(paths, default_pipeline(mode="rules")))


# -- sentence model -------------------------------------------------------------------------


def _sentence_data(docs: list[LabelledDoc]) -> tuple[list[list[str]], list[str], list[int]]:
    X: list[list[str]] = []
    y: list[str] = []
    groups: list[int] = []
    for g, ld in enumerate(docs):
        index = DocIndex(ld.doc)
        for i, label in enumerate(sentence_labels(ld)):
            if label is None:
                continue
            X.append(sentence_features(ld.doc, index, i).all())
            y.append(label)
            groups.append(g)
    return X, y, groups


def _vocabulary(X: list[list[str]]) -> list[str]:
    df: Counter[str] = Counter()
    for feats in X:
        df.update(set(feats))
    return sorted(f for f, n in df.items() if n >= MIN_DF)


def _matrix(X: list[list[str]], vocab: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for feats in X:
        rows = [i for f in feats if (i := vocab.get(f)) is not None]
        indices.extend(rows)
        data.extend([1.0 / np.sqrt(len(rows))] * len(rows) if rows else [])
        indptr.append(len(indices))
    m = csr_matrix((data, indices, indptr), shape=(len(X), len(vocab)), dtype=np.float64)
    m.sum_duplicates()  # a feature counted k times weighs k / sqrt(n), as at inference
    return m


def _fit(
    X: list[list[str]],
    y: list[str],
    seed: int,
    features: list[str] | None = None,
    c: float | None = None,
) -> LinearModel:
    from sklearn.linear_model import LogisticRegression

    features = features if features is not None else _vocabulary(X)
    vocab = {f: i for i, f in enumerate(features)}
    clf = LogisticRegression(C=c or C, max_iter=2000, random_state=seed, solver="lbfgs")
    clf.fit(_matrix(X, vocab), y)
    classes = [str(c) for c in clf.classes_]
    coef = np.asarray(clf.coef_, dtype=np.float64)
    bias = np.asarray(clf.intercept_, dtype=np.float64)
    if len(classes) == 2:  # binary: sigmoid(w·x + b) == softmax([0, w·x + b])
        coef = np.vstack([np.zeros_like(coef), coef])
        bias = np.concatenate([[0.0], bias])
    # round as the file will, so that a model in memory and its file agree exactly
    return LinearModel(features, classes, np.round(coef.T, 5), np.round(bias, 5))


def _best_threshold(probs: Any, gold: Any) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in np.arange(0.1, 0.91, 0.05):
        pred = probs >= t
        tp = int((pred & gold).sum())
        p = tp / pred.sum() if pred.sum() else 0.0
        r = tp / gold.sum() if gold.sum() else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[1] + 1e-9:
            best = (round(float(t), 2), f1)
    return best


def _out_of_fold(
    X: list[list[str]], y: list[str], groups: list[int], seed: int, c: float | None = None
) -> Any:
    """Out-of-fold probability of not-NONE for every example (folds by article)."""
    from sklearn.model_selection import GroupKFold

    probs = np.zeros(len(y))
    n_folds = min(CV_FOLDS, len(set(groups)))
    for train_idx, test_idx in GroupKFold(n_splits=n_folds).split(X, y, groups):
        m = _fit([X[i] for i in train_idx], [y[i] for i in train_idx], seed, c=c)
        none = m.classes.index(NONE)
        for i in test_idx:
            probs[i] = 1.0 - float(m.proba(X[i])[none])
    return probs


def _choose_thresholds(
    X: list[list[str]], y: list[str], groups: list[int], seed: int
) -> dict[str, float]:
    """Event-probability thresholds with the best out-of-fold F1 (folds by article): over all
    sentences, and over the sentences where the rules found a trigger."""
    if len(set(groups)) < 2:
        return {"threshold": 0.5, "filter_threshold": 0.5, "cv_f1": 0.0, "cv_filter_f1": 0.0}
    probs = _out_of_fold(X, y, groups, seed)
    gold = np.array([label != NONE for label in y])
    with_trigger = np.array(["no_trigger" not in feats for feats in X])
    t_all, f_all = _best_threshold(probs, gold)
    t_trig, f_trig = _best_threshold(probs[with_trigger], gold[with_trigger])
    return {
        "threshold": t_all,
        "filter_threshold": t_trig,
        "cv_f1": round(f_all, 4),
        "cv_filter_f1": round(f_trig, 4),
    }


def train_sentence_model(
    docs: list[LabelledDoc], seed: int = 0, report: TrainReport | None = None
) -> SentenceModel:
    X, y, groups = _sentence_data(docs)
    binary = [NONE if label == NONE else EVENT for label in y]
    meta: dict[str, Any] = _choose_thresholds(X, binary, groups, seed)
    meta["articles"] = len(docs)
    event = _fit(X, binary, seed)
    pos = [i for i, label in enumerate(y) if label != NONE]
    types = _fit([X[i] for i in pos], [y[i] for i in pos], seed, event.features)
    if report is not None:
        report.sentences = len(y)
        report.positives = len(pos)
        report.classes = Counter(y[i] for i in pos)
        report.features = len(event.features)
        report.threshold, report.cv_f1 = meta["threshold"], meta["cv_f1"]
        report.filter_threshold, report.cv_filter_f1 = (
            meta["filter_threshold"],
            meta["cv_filter_f1"],
        )
    return SentenceModel(event, types, meta)


# -- event model (vets the rules' events) ---------------------------------------------------


def _event_data(
    docs: list[LabelledDoc],
) -> tuple[list[list[str]], list[str], list[int], list[tuple[object, ...]]]:
    """Features and labels of every event the rules code (up to «geocode») in ``docs``: EVENT
    when it finds an annotated event (the scorer's rule), NONE otherwise."""
    from marsad.eval.scoring import finds
    from marsad.output.record import to_record
    from marsad.pipeline import default_pipeline

    rules = default_pipeline(mode="rules")
    names = rules.stage_names
    stages = [rules.get(n) for n in names[names.index("entities") + 1 : names.index("geocode") + 1]]
    X: list[list[str]] = []
    y: list[str] = []
    groups: list[int] = []
    keys: list[tuple[object, ...]] = []
    for g, ld in enumerate(docs):
        doc = ld.doc
        for stage in stages:
            doc = stage(doc)
        index = DocIndex(doc)
        per_sentence = Counter(ev.sentence for ev in doc.events)
        for k, ev in enumerate(doc.events, 1):
            rec = to_record(doc, ev, k)
            right = any(finds(gold, rec) for gold in ld.gold)
            sf = sentence_features(doc, index, ev.sentence)
            X.append(sf.all() + event_features(doc, ev, per_sentence[ev.sentence]))
            y.append(EVENT if right else NONE)
            groups.append(g)
            keys.append((g, *same_event_key(ev)))
    return X, y, groups, keys


def _choose_vetting(
    docs: list[LabelledDoc], oof: list[float], keys: list[tuple[object, ...]]
) -> dict[str, Any]:
    """Threshold (and whether mentions corroborate each other) with the best out-of-fold
    event F1 on the training corpus, scored as ``marsad eval`` scores: the kept rule events
    go through «dedup» and are matched to the annotation."""
    import dataclasses

    from marsad.eval.scoring import ArticleResult, score_article
    from marsad.eval.summary import Score
    from marsad.kb.base import default_kb
    from marsad.output.record import event_records
    from marsad.stages.dedup import DedupStage

    dedup = DedupStage(default_kb().no_battle_actors())
    originals = [list(ld.doc.events) for ld in docs]
    best: dict[str, Any] = {"threshold": 0.5, "corroborate": False, "cv_f1": -1.0}
    for corr in (False, True):
        probs = corroborate(oof, keys) if corr else oof
        for t in np.arange(0.1, 0.61, 0.05):
            results: list[ArticleResult] = []
            k = 0
            for ld, events in zip(docs, originals, strict=True):
                kept = [
                    dataclasses.replace(ev, mentions=list(ev.mentions))
                    for j, ev in enumerate(events)
                    if probs[k + j] >= t
                ]
                k += len(events)
                ld.doc.events = kept
                preds = event_records(dedup(ld.doc))
                results.append(score_article(ld.gold, preds))
            total = Score.of(results)
            if total.f1 > best["cv_f1"] + 1e-9:
                best = {"threshold": round(float(t), 2), "corroborate": corr, "cv_f1": total.f1}
    for ld, events in zip(docs, originals, strict=True):
        ld.doc.events = events
    best["cv_f1"] = round(best["cv_f1"], 4)
    return best


def train_event_model(
    docs: list[LabelledDoc], seed: int = 0, report: TrainReport | None = None
) -> LinearModel:
    X, y, groups, keys = _event_data(docs)
    if len(set(y)) < 2:
        raise ValueError("the rules' events on this corpus are all right or all wrong")
    meta: dict[str, Any] = {"threshold": 0.5, "corroborate": False, "cv_f1": 0.0}
    if len(set(groups)) >= 2:
        oof = list(_out_of_fold(X, y, groups, seed, EVENT_C))
        meta = _choose_vetting(docs, oof, keys)
    model = _fit(X, y, seed, c=EVENT_C)
    model.meta = meta
    if report is not None:
        report.candidates = len(y)
        report.candidates_right = y.count(EVENT)
        report.event_threshold, report.event_cv_f1 = meta["threshold"], meta["cv_f1"]
        report.corroborate = bool(meta["corroborate"])
    return model


# -- span model ---------------------------------------------------------------------------


def train_span_model(
    docs: list[LabelledDoc], path: Path, report: TrainReport | None = None
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for ld in docs:
        mentions = MentionIndex(ld.doc)
        for i, ev in span_sequences(ld):
            sent = ld.doc.sentences[i]
            tokens = tokenize(ld.doc.ntext, sent.start, sent.end)
            if not tokens:
                continue
            trainer.append(token_features(ld.doc, i, tokens, mentions), bio_tags(tokens, ev))
            n += 1
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(path))
    if report is not None:
        report.sequences = n


def train(
    corpus: str | Path,
    out_dir: str | Path | None = None,
    *,
    seed: int = 0,
    fraction: float = 1.0,
) -> TrainReport:
    """Train both models on the articles under ``corpus`` and write them to ``out_dir``."""
    t0 = time.perf_counter()
    out = Path(out_dir or models_dir())
    out.mkdir(parents=True, exist_ok=True)
    docs = load_corpus(corpus, fraction=fraction, seed=seed)
    if not docs:
        raise ValueError(f"no annotated articles (*.json) under {corpus}")
    report = TrainReport(articles=len(docs))
    report.missing_quotes = sum(
        (ev.evidence is None) + sum(1 for f in ("trigger",) if ev.trigger is None)
        for ld in docs
        for ev in ld.events
    )
    train_sentence_model(docs, seed, report).save(out / SENTENCE_FILE)
    train_span_model(docs, out / SPANS_FILE, report)
    write_json_gz(train_event_model(docs, seed, report).to_json(), out / EVENTS_FILE)
    report.seconds = time.perf_counter() - t0
    return report


def run_train(corpus: str, out_dir: str | None, *, seed: int = 0) -> int:
    """``marsad train``: exit 0 when both models were written, 2 on bad input."""
    import sys

    try:
        report = train(corpus, out_dir, seed=seed)
    except ImportError as exc:
        print(
            f"marsad: training needs scikit-learn ({exc}); pip install 'marsad[train]'",
            file=sys.stderr,
        )
        return 2
    except (OSError, ValueError) as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    print(f"models written to {out_dir or models_dir()}")
    return 0
