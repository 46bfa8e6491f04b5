"""Input: reading article files (encoding detection, size limits, user-facing errors)."""
