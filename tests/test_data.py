"""The data loaders: every shipped file loads typed, and bad files fail clearly."""

import shutil

import pandas as pd
import pytest

from coursekit import data
from coursekit.data import DATASETS, DataFileError, load_dataset


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_loads_with_source_columns(name):
    frame = load_dataset(name)
    assert len(frame) > 0
    for column in data.SOURCE_COLUMNS:
        assert column in frame.columns
    assert set(frame["confidence"]) <= set(data.CONFIDENCE_LEVELS)


def test_types_follow_the_registry():
    trade = data.load_trade()
    assert str(trade["year"].dtype) == "Int64"
    assert str(trade["value"].dtype) == "Float64"
    timeline = data.load_timeline()
    assert pd.api.types.is_datetime64_any_dtype(timeline["date"])


def test_stated_values_keep_text_and_add_parsed_column():
    migrants = data.load_migrants()
    change = migrants[migrants["value"].str.contains("->")]
    assert change["value_number"].isna().all()
    plain = migrants[~migrants["value"].str.contains("->")]
    assert plain["value_number"].notna().all()
    remittances = data.load_remittances()
    approximate = remittances[remittances["value"].str.startswith("~")]
    assert (approximate["value_number"] == approximate["value"].str.lstrip("~").astype(float)).all()


def test_verified_drops_and_flag_marks_unverified_rows():
    places = data.load_places()
    assert (data.verified(places)["confidence"] != "unverified").all()
    flagged = data.flag_unverified(places, "place")
    unverified = flagged[places["confidence"] == "unverified"]
    assert unverified["place"].str.endswith("[unverified]").all()


@pytest.fixture
def data_copy(tmp_path):
    for spec in DATASETS.values():
        source = data.data_dir() / spec.filename
        if source.exists():
            shutil.copy(source, tmp_path / spec.filename)
    return tmp_path


def _rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(DataFileError, match=r"trade_russia_kyrgyzstan\.csv: data file not found"):
        load_dataset("trade", tmp_path)


def test_missing_column_names_the_column(data_copy):
    path = data_copy / "places_coordinates.csv"
    _rewrite(path, "place,country,lat,lon", "place,country,latitude,lon")
    with pytest.raises(DataFileError, match=r"places_coordinates\.csv: missing column\(s\) lat"):
        load_dataset("places", data_copy)


def test_bad_number_names_file_line_and_column(data_copy):
    path = data_copy / "places_coordinates.csv"
    _rewrite(path, "42.87472", "forty-two")
    with pytest.raises(DataFileError) as error:
        load_dataset("places", data_copy)
    message = str(error.value)
    assert "places_coordinates.csv, line 2, column 'lat'" in message
    assert "'forty-two' is not a number" in message


def test_bad_date_names_file_line_and_column(data_copy):
    path = data_copy / "summit_2023_key_figures.csv"
    _rewrite(path, "2023-10-11,", "2023-13-11,")
    with pytest.raises(DataFileError, match=r"summit_2023_key_figures\.csv, line 2, column 'date': "
                                            r"'2023-13-11' is not a date"):
        load_dataset("summit_figures", data_copy)


def test_bad_partial_date_is_rejected(data_copy):
    path = data_copy / "timeline_1991_2025.csv"
    _rewrite(path, "1991-08-24,", "August 1991,")
    with pytest.raises(DataFileError, match=r"line 2, column 'date': 'August 1991' is not a date"):
        load_dataset("timeline", data_copy)


def test_bad_whole_number_is_rejected(data_copy):
    path = data_copy / "trade_russia_kyrgyzstan.csv"
    _rewrite(path, "\n2015,", "\n2015.5,")
    with pytest.raises(DataFileError, match=r"column 'year': '2015.5' is not a whole number"):
        load_dataset("trade", data_copy)


def test_unknown_confidence_is_rejected(data_copy):
    path = data_copy / "places_coordinates.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",certain"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line 2, column 'confidence': 'certain' is not a confidence"):
        load_dataset("places", data_copy)


def test_required_value_may_not_be_empty(data_copy):
    path = data_copy / "places_coordinates.csv"
    _rewrite(path, "Bishkek,Kyrgyzstan,", ",Kyrgyzstan,")
    with pytest.raises(DataFileError, match=r"line 2, column 'place': value is empty"):
        load_dataset("places", data_copy)


def test_ragged_row_is_rejected(data_copy):
    path = data_copy / "places_coordinates.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("Osh,Kyrgyzstan,40.5\n")
    with pytest.raises(DataFileError, match=r"line \d+: 3 fields, header has 8"):
        load_dataset("places", data_copy)


def test_unknown_dataset_lists_known_ones():
    with pytest.raises(KeyError, match="known: "):
        load_dataset("weather")
