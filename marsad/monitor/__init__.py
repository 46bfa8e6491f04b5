"""The monitor's commands: ``marsad ingest``, ``marsad events``, ``marsad stats``."""
