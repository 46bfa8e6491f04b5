"""Parsers for quantities (casualty counts) and dates in normalised Arabic text.

Everything here works on text already passed through
:func:`marsad.text.normalize.normalize` (its ``.text``); offsets returned are offsets
into the string given, which the caller maps back with the ``NormalizedText`` map.
"""
