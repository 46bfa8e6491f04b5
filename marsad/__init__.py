"""Marsad: Arabic news → ACLED-style conflict events with Arabic evidence spans.

>>> import marsad
>>> events = marsad.extract("قتل 3 مدنيين بقصف لقوات النظام على بلدة كفرنبودة في ريف حماة أمس", "2019-05-10")
>>> events[0]["event_type"], events[0]["fatalities"]
('Explosions/Remote violence', 3)
"""

from marsad.native import install_guard

install_guard()  # before any compiled module loads: a stale or partial build is not used

from marsad.api import extract  # noqa: E402
from marsad.document import Document  # noqa: E402
from marsad.pipeline import Pipeline, default_pipeline  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Document", "Pipeline", "default_pipeline", "extract", "__version__"]
