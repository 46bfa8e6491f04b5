"""Imported by the forkserver of :class:`marsad.engine.local.LocalEngine`: builds the
pipeline once so that every forked worker starts with it."""

from marsad.engine.extract import warm_up

warm_up()
