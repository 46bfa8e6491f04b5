"""Pipeline stages: each takes a Document, adds to it, and returns it."""
