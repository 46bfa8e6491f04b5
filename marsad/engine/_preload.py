"""Imported by the forkserver of :class:`marsad.engine.local.LocalEngine`: builds the
pipeline once so that every forked worker starts with it."""

import gc

from marsad.engine.extract import warm_up

warm_up()
gc.freeze()  # the knowledge base is permanent: keep the collector off it
