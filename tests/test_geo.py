"""The borders file shipped in data/geo, and errors for a missing or bad file."""

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from coursekit.data import DataFileError
from coursekit.geo import CountryBorder, draw_borders, load_borders


def _write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


SQUARE = [[74.0, 42.0], [75.0, 42.0], [75.0, 43.0], [74.0, 43.0], [74.0, 42.0]]


def test_shipped_file_loads():
    borders = load_borders()
    names = {country.name for country in borders}
    assert {
        "Kyrgyzstan",
        "Kazakhstan",
        "Uzbekistan",
        "Tajikistan",
        "Turkmenistan",
        "China",
        "Afghanistan",
        "Russia",
    } <= names
    for country in borders:
        assert isinstance(country, CountryBorder)
        for ring in country.rings:
            assert ring[0] == ring[-1]
            assert all(36 <= lon <= 92 and 33 <= lat <= 57 for lon, lat in ring)


def test_kyrgyzstan_contains_bishkek():
    from matplotlib.path import Path

    kyrgyzstan = next(c for c in load_borders() if c.name == "Kyrgyzstan")
    assert any(Path(ring).contains_point((74.61, 42.87)) for ring in kyrgyzstan.rings)


def test_polygon_and_multipolygon(tmp_path):
    path = _write(
        tmp_path / "b.geojson",
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": "A"},
                    "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
                },
                {
                    "type": "Feature",
                    "properties": {"name": "B"},
                    "geometry": {"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE]]},
                },
            ],
        },
    )
    borders = load_borders(path)
    assert [c.name for c in borders] == ["A", "B"]
    assert borders[0].rings == [[tuple(p) for p in SQUARE]]
    assert len(borders[1].rings) == 2


def test_missing_file_names_it(tmp_path):
    missing = tmp_path / "nowhere.geojson"
    with pytest.raises(DataFileError, match="nowhere.geojson.*not found"):
        load_borders(missing)


def test_missing_default_file_names_it(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_DATA", str(tmp_path))
    with pytest.raises(DataFileError, match="central_asia_countries.geojson"):
        load_borders()


def test_not_json(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad.geojson: not valid GeoJSON"):
        load_borders(path)


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "expected a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
                    }
                ],
            },
            "properties.name is missing",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "A"},
                        "geometry": {"type": "Point", "coordinates": [74, 42]},
                    }
                ],
            },
            "Polygon or MultiPolygon",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [SQUARE[:2]]},
                    }
                ],
            },
            "at least 4 positions",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [[[74, "x"]] + SQUARE]},
                    }
                ],
            },
            "not a \\[lon, lat\\] position",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [[[740, 42]] + SQUARE]},
                    }
                ],
            },
            "outside lon",
        ),
    ],
)
def test_malformed_file_names_file_and_problem(tmp_path, data, message):
    path = _write(tmp_path / "malformed.geojson", data)
    with pytest.raises(DataFileError, match=message) as info:
        load_borders(path)
    assert "malformed.geojson" in str(info.value)


def test_draw_borders_adds_one_patch_per_country():
    borders = load_borders()
    fig, ax = plt.subplots()
    draw_borders(ax, borders, highlight="Kyrgyzstan")
    assert len(ax.patches) == len(borders)
    assert [p.get_label() for p in ax.patches if p.get_hatch()] == ["Kyrgyzstan"]
    plt.close(fig)


def test_label_point_is_centroid_of_largest_ring():
    from coursekit.geo import label_point

    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
    small = [(10.0, 10.0), (10.5, 10.0), (10.5, 10.5), (10.0, 10.0)]
    assert label_point(CountryBorder("A", [small, square])) == pytest.approx((1.0, 1.0))


def test_draw_borders_writes_requested_labels():
    fig, ax = plt.subplots()
    draw_borders(ax, load_borders(), labels=["Kyrgyzstan", "Kazakhstan"])
    assert sorted(t.get_text() for t in ax.texts) == ["KAZAKHSTAN", "KYRGYZSTAN"]
    plt.close(fig)
