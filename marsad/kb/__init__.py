"""Knowledge bases (actors, places, trigger lexicon) loaded from data files, and the matcher."""

from marsad.kb.base import KnowledgeBase, default_kb

__all__ = ["KnowledgeBase", "default_kb"]
