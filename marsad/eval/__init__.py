"""Scoring against gold annotations (format: shared/gold/FORMAT.md)."""
