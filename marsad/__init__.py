"""Marsad: Arabic news → ACLED-style conflict events with Arabic evidence spans."""

__version__ = "0.1.0"
