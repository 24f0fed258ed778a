"""Country borders for the chapter maps, read from a GeoJSON file in ``data/geo``.

The file is made once by ``coursetools/borders.py`` from the world-atlas
TopoJSON (Natural Earth 1:50m countries, clipped to Central Asia); see
``data/geo/README.md``. Nothing is downloaded: the map is drawn from the
file shipped in the repository.

    from coursekit.geo import load_borders, draw_borders
    borders = load_borders()            # [CountryBorder(name, rings), ...]
    draw_borders(ax, highlight="Kyrgyzstan")
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import NamedTuple

from .data import DataFileError, data_dir

BORDERS_FILE = "geo/central_asia_countries.geojson"

#: Credit line for figure captions.
BORDERS_CREDIT = (
    "Borders: Natural Earth 1:50m (public domain), via the world-atlas 2.0.2 package (ISC licence)"
)

Ring = list[tuple[float, float]]


class CountryBorder(NamedTuple):
    """One country: its name and its rings as (lon, lat) points.

    Outer rings run anticlockwise and holes clockwise (as GeoJSON asks), so
    drawing all rings of a country as one path leaves the holes empty.
    """

    name: str
    rings: list[Ring]


def borders_path() -> Path:
    """Where the borders file is expected (``COURSEKIT_DATA`` overrides the folder)."""
    return data_dir() / BORDERS_FILE


def load_borders(path: Path | str | None = None) -> list[CountryBorder]:
    """Read the country borders; a missing or malformed file raises DataFileError."""
    path = Path(path) if path is not None else borders_path()
    if not path.is_file():
        raise DataFileError(
            f"{path}: borders file not found "
            "(regenerate it with coursetools/borders.py, see data/geo/README.md)"
        )
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataFileError(f"{path}: not valid GeoJSON: {error}") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataFileError(f"{path}: expected a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise DataFileError(f"{path}: the FeatureCollection has no features")
    return [
        _country(feature, f"{path}, feature #{number}")
        for number, feature in enumerate(features, start=1)
    ]


def _country(feature, where: str) -> CountryBorder:
    if not isinstance(feature, dict):
        raise DataFileError(f"{where}: expected a GeoJSON Feature")
    name = (feature.get("properties") or {}).get("name")
    if not isinstance(name, str) or not name:
        raise DataFileError(f"{where}: properties.name is missing")
    where = f"{where} ({name})"
    geometry = feature.get("geometry") or {}
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates
    else:
        raise DataFileError(f"{where}: geometry must be a Polygon or MultiPolygon, not {kind!r}")
    if not isinstance(polygons, list):
        raise DataFileError(f"{where}: geometry.coordinates must be a list")
    rings = []
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise DataFileError(f"{where}: a polygon must be a list of rings")
        rings.extend(_ring(ring, where) for ring in polygon)
    if not rings:
        raise DataFileError(f"{where}: geometry has no rings")
    return CountryBorder(name, rings)


def _ring(ring, where: str) -> Ring:
    if not isinstance(ring, list) or len(ring) < 4:
        raise DataFileError(f"{where}: a ring needs at least 4 positions")
    points = []
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                for v in position[:2]
            )
        ):
            raise DataFileError(f"{where}: {position!r} is not a [lon, lat] position")
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise DataFileError(f"{where}: [{lon}, {lat}] is outside lon -180..180, lat -90..90")
        points.append((lon, lat))
    return points


def label_point(country: CountryBorder) -> tuple[float, float]:
    """A point to write the country's name at: the centroid of its largest ring."""

    def area_and_centroid(ring: Ring) -> tuple[float, float, float]:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area == 0:
            return 0.0, ring[0][0], ring[0][1]
        return abs(area) / 2, cx / (3 * area), cy / (3 * area)

    _, x, y = max(area_and_centroid(ring) for ring in country.rings)
    return x, y


def draw_borders(
    ax,
    borders: list[CountryBorder] | None = None,
    *,
    highlight: str | None = None,
    labels: tuple[str, ...] | list[str] = (),
    facecolor: str = "#f2f2f2",
    highlight_color: str = "#F0E442",
    edgecolor: str = "#555555",
    linewidth: float = 0.6,
):
    """Draw the countries on ``ax`` (lon on x, lat on y) and return ``ax``.

    ``highlight`` names one country to fill in ``highlight_color`` with
    hatching, so that it stands out without relying on colour. ``labels``
    lists countries whose names are written on the map (in grey italics, at
    :func:`label_point`). The axes get an equal-distance aspect for their
    mid-latitude; set the limits after.
    """
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    borders = load_borders() if borders is None else borders
    lats = []
    for country in borders:
        vertices, codes = [], []
        for ring in country.rings:
            vertices.extend(ring)
            codes.extend(
                [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
            )
            lats.extend(lat for _, lat in ring)
        special = country.name == highlight
        ax.add_patch(
            PathPatch(
                MplPath(vertices, codes),
                facecolor=highlight_color if special else facecolor,
                edgecolor=edgecolor,
                linewidth=linewidth * (2 if special else 1),
                hatch="///" if special else None,
                zorder=1,
                label=country.name if special else None,
            )
        )
        if country.name in labels:
            x, y = label_point(country)
            ax.annotate(
                country.name.upper(),
                (x, y),
                ha="center",
                va="center",
                fontsize=7,
                color="#444444",
                style="italic",
                zorder=2,
                annotation_clip=True,
            )
    if lats:
        mid = (min(lats) + max(lats)) / 2
        ax.set_aspect(1 / math.cos(math.radians(mid)))
    ax.autoscale_view()
    return ax
