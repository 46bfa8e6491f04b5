"""Engines that code articles in bulk (:mod:`marsad.engine.local`) and the ingest runner
(:mod:`marsad.engine.ingest`) that feeds them and writes to the store."""
