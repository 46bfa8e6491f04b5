"""Great-circle distance and the latitude/longitude grid used to block mentions by place."""

from __future__ import annotations

import math

EARTH_KM = 6371.0088
#: a degree of latitude is 110.57-111.69 km, a degree of longitude that times cos(latitude):
#: rounding down makes cells a little larger than needed, never smaller
_KM_PER_DEG = 110.5


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


class Grid:
    """Cells at least ``2 * radius_km`` across, in rows of equal height; each row has as many
    columns as fit at its poleward edge, so cells are about square at every latitude.

    Every point within ``radius_km`` of a point lies in the row of the point or the row
    towards the nearer edge, and in each row within the columns that span the point's
    longitude ± the radius: usually four cells to probe. Columns wrap at the antimeridian.
    """

    def __init__(self, radius_km: float) -> None:
        self.radius_km = radius_km
        self.row_deg = 2 * radius_km / _KM_PER_DEG
        self._row_off = int(90 / self.row_deg) + 2
        self.max_cols = max(1, int(360 * _KM_PER_DEG / (2 * radius_km)))
        #: an upper bound of the cell ids
        self.size = (2 * self._row_off + 2) * self.max_cols
        self._ncols: dict[int, int] = {}
        self._cos_edge: dict[int, float] = {}

    def _row(self, row: int) -> tuple[int, float]:
        """Number of columns of ``row`` and the cosine of its poleward edge."""
        n = self._ncols.get(row)
        if n is None:
            edge = min(90.0, max(abs(row * self.row_deg), abs((row + 1) * self.row_deg)))
            cos = max(0.0, math.cos(math.radians(edge)))
            n = max(1, min(self.max_cols, int(360 * _KM_PER_DEG * cos / (2 * self.radius_km))))
            self._ncols[row], self._cos_edge[row] = n, cos
        return n, self._cos_edge[row]

    def _id(self, row: int, col: int) -> int:
        return (row + self._row_off) * self.max_cols + col

    def home(self, lat: float, lon: float) -> int:
        """The id of the cell that holds the point."""
        row = math.floor(lat / self.row_deg)
        n, _ = self._row(row)
        return self._id(row, math.floor((lon + 180.0) * n / 360.0) % n)

    def probe(self, lat: float, lon: float) -> list[int]:
        """Ids of the cells that can hold a point within the radius (the home cell first)."""
        fy = lat / self.row_deg
        row = math.floor(fy)
        near = row + 1 if fy - row >= 0.5 else row - 1
        n0, cos0 = self._row(row)
        n1, cos1 = self._row(near)
        cos = min(cos0, cos1)
        out = [self.home(lat, lon)]
        for r, n in ((row, n0), (near, n1)):
            if n == 1 or cos * 360.0 * _KM_PER_DEG <= 2 * self.radius_km:
                cols: range = range(n)  # near a pole: the whole row
            else:
                dlon = self.radius_km / (_KM_PER_DEG * cos)
                lo = math.floor((lon - dlon + 180.0) * n / 360.0)
                hi = math.floor((lon + dlon + 180.0) * n / 360.0)
                cols = range(lo, hi + 1) if hi - lo + 1 < n else range(n)
            for c in cols:
                cid = self._id(r, c % n)
                if cid not in out:
                    out.append(cid)
        return out
