"""Learned components: a sentence classifier and a span tagger trained on annotated reporting.

Training (``marsad train``) needs scikit-learn; inference needs only numpy and python-crfsuite
and reads the model files shipped in ``marsad/data/models/``.
"""
