"""Great-circle distance and the latitude/longitude grid used to block mentions by place."""

from __future__ import annotations

import math

EARTH_KM = 6371.0088
_KM_PER_DEG_LAT_MIN = 110.5  # a degree of latitude is 110.57-111.69 km: round down to be safe


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


class Grid:
    """Cells at least ``2 * radius_km`` across, so that every point within ``radius_km`` of a
    point lies in the point's cell or in the neighbour towards the nearer edge, in each
    direction: four cells to probe. Columns are twice as wide in degrees as rows are tall,
    which keeps them wide enough up to 60° of latitude; rows beyond 60° are one cell each.
    Columns wrap at the antimeridian.
    """

    def __init__(self, radius_km: float) -> None:
        self.row_deg = 2 * radius_km / _KM_PER_DEG_LAT_MIN
        self.ncols = max(1, int(360 / (2 * self.row_deg)))
        self.col_deg = 360 / self.ncols
        self.nrows = int(180 / self.row_deg) + 2
        self._row_off = self.nrows // 2 + 1

    def _polar(self, row: int) -> bool:
        return max(abs(row * self.row_deg), abs((row + 1) * self.row_deg)) > 60.0

    def _cols(self, row: int, lon: float, both: bool) -> tuple[int, ...]:
        if self._polar(row):
            return (0,)
        fx = (lon + 180.0) / self.col_deg
        cx = math.floor(fx)
        if not both:
            return (cx % self.ncols,)
        nx = cx + 1 if fx - cx >= 0.5 else cx - 1
        return (cx % self.ncols, nx % self.ncols)

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        row = math.floor(lat / self.row_deg)
        return row, self._cols(row, lon, False)[0]

    def cell_id(self, row: int, col: int) -> int:
        return (row + self._row_off) * self.ncols + col

    def home(self, lat: float, lon: float) -> int:
        """The id of the cell that holds the point."""
        return self.cell_id(*self.cell(lat, lon))

    def probe(self, lat: float, lon: float) -> list[int]:
        """Ids of the cells that can hold a point within the radius (the home cell first)."""
        fy = lat / self.row_deg
        row = math.floor(fy)
        near = row + 1 if fy - row >= 0.5 else row - 1
        out: list[int] = []
        for r in (row, near):
            for c in self._cols(r, lon, True):
                cid = self.cell_id(r, c)
                if cid not in out:
                    out.append(cid)
        return out
