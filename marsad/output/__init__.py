"""Event records in ACLED's columns, and writers for JSON Lines and CSV."""
