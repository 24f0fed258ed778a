"""Make data/geo/central_asia_countries.geojson from world-atlas TopoJSON.

A one-off converter, kept so the boundary file can be regenerated and
checked. Standard library only.

Input: ``countries-50m.json`` from the npm package ``world-atlas@2.0.2``
(ISC licence; geometry from Natural Earth 1:50m Admin 0 countries, public
domain). Get it with::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz

then run, from the repository root::

    python coursetools/borders.py /tmp/package/countries-50m.json

What it does:

1. decodes the TopoJSON arcs (quantized, delta-encoded; the file's
   ``transform`` turns them into longitude/latitude);
2. stitches each country's rings from its arcs;
3. clips every ring to the window ``WINDOW`` (Sutherland-Hodgman clipping
   against a rectangle) and drops countries with nothing left inside it;
4. orients rings as RFC 7946 asks (outer rings anticlockwise, holes
   clockwise), rounds coordinates to 3 decimals (about 100 m) and writes
   one GeoJSON Feature per country with its ``name`` and ISO numeric ``id``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

#: (lon_min, lat_min, lon_max, lat_max): Central Asia and its neighbours,
#: wide enough to the west to show Moscow, Baku and Yerevan.
WINDOW = (36.0, 33.0, 92.0, 57.0)
DECIMALS = 3
DEFAULT_OUTPUT = (
    Path(__file__).resolve().parents[1] / "data" / "geo" / "central_asia_countries.geojson"
)

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute lon/lat positions of every arc."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(ring_arcs: list[int], arcs: list[list[Point]]) -> Ring:
    """One closed ring from arc indices (a negative index ~i means arc i reversed)."""
    ring: Ring = []
    for index in ring_arcs:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def clip_ring(ring: Ring, window: tuple[float, float, float, float]) -> Ring:
    """The part of a closed ring inside the rectangle (Sutherland-Hodgman)."""
    lon_min, lat_min, lon_max, lat_max = window
    edges = [
        (lambda p: p[0] >= lon_min, lambda a, b: _at_lon(a, b, lon_min)),
        (lambda p: p[0] <= lon_max, lambda a, b: _at_lon(a, b, lon_max)),
        (lambda p: p[1] >= lat_min, lambda a, b: _at_lat(a, b, lat_min)),
        (lambda p: p[1] <= lat_max, lambda a, b: _at_lat(a, b, lat_max)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _at_lon(a: Point, b: Point, lon: float) -> Point:
    t = (lon - a[0]) / (b[0] - a[0])
    return (lon, a[1] + t * (b[1] - a[1]))


def _at_lat(a: Point, b: Point, lat: float) -> Point:
    t = (lat - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), lat)


def signed_area(ring: Ring) -> float:
    """Positive for an anticlockwise ring (shoelace formula)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def tidy(ring: Ring, outer: bool) -> list[list[float]] | None:
    """Round, drop repeated points, orient and close a ring; None if degenerate."""
    rounded: list[tuple[float, float]] = []
    for lon, lat in ring:
        point = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    while len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    if len(rounded) < 3 or abs(signed_area(rounded)) < 10 ** (-2 * DECIMALS):
        return None
    if (signed_area(rounded) > 0) != outer:
        rounded.reverse()
    rounded.append(rounded[0])
    return [[lon, lat] for lon, lat in rounded]


def convert(topology: dict, window=WINDOW) -> dict:
    """A GeoJSON FeatureCollection of the countries with land inside ``window``."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        clipped_polygons = []
        for polygon in polygons:
            rings = []
            for number, ring_arcs in enumerate(polygon):
                ring = tidy(clip_ring(stitch(ring_arcs, arcs), window), outer=number == 0)
                if ring is None:
                    if number == 0:
                        break  # no outer ring left inside the window: drop the polygon
                    continue
                rings.append(ring)
            if rings:
                clipped_polygons.append(rings)
        if not clipped_polygons:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": {"name": geometry["properties"]["name"]},
                "geometry": {"type": "MultiPolygon", "coordinates": clipped_polygons},
            }
        )
    features.sort(key=lambda feature: feature["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "bbox": [window[0], window[1], window[2], window[3]],
        "properties": {
            "source": "world-atlas 2.0.2 (npm), countries-50m.json; Natural Earth 1:50m Admin 0 countries",
            "licence": "world-atlas: ISC; Natural Earth data: public domain",
            "generated_by": "coursetools/borders.py",
            "clip_window_lon_lat": list(window),
        },
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="path to world-atlas countries-50m.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    collection = convert(topology)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    names = ", ".join(f["properties"]["name"] for f in collection["features"])
    print(f"wrote {args.output} ({len(text) / 1024:.0f} KB): {names}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
