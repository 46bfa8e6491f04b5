"""Cross-article deduplication: one event for the many articles that report it.

>>> from marsad.dedup import Deduplicator, MentionKey
>>> from marsad.dedup.reconcile import merge_event

See docs/dedup.md for the matching rules.
"""

from marsad.dedup.cluster import Deduplicator, MentionKey, event_id_for
from marsad.dedup.reconcile import merge_event

__all__ = ["Deduplicator", "MentionKey", "event_id_for", "merge_event"]
