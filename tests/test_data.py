"""The data loaders: every shipped file loads typed, and bad files fail clearly."""

import re
import shutil

import pandas as pd
import pytest

from coursekit import data
from coursekit.data import (
    DATASETS,
    DataFileError,
    UnknownDatasetError,
    load_dataset,
    unregistered_files,
)


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


def line_of(path, text: str) -> int:
    """The first line of ``path`` (1 = the header) that holds ``text``, the one
    ``_rewrite`` changes: rows are found by what they say, never by a line number
    typed into a test."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if text in line]
    assert found, f"{path.name}: no line holds {text!r}"
    return found[0]


def next_line(path) -> int:
    """The number the next appended row will have."""
    return len(path.read_text(encoding="utf-8").splitlines()) + 1


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
    with pytest.raises(DataFileError) as error:
        load_dataset("places", data_copy)
    assert error.value.problems == [
        f"{path}, line 1, column 3: column 'latitude' is not declared; add it with its type to "
        "DATASETS['places'] in coursekit/data.py, or remove it",
        f"{path}, line 1: missing column(s) lat",
    ]


def test_bad_number_names_file_line_and_column(data_copy):
    path = data_copy / "places_coordinates.csv"
    line = line_of(path, "42.87472")
    _rewrite(path, "42.87472", "forty-two")
    with pytest.raises(DataFileError) as error:
        load_dataset("places", data_copy)
    message = str(error.value)
    assert f"places_coordinates.csv, line {line}, column 'lat'" in message
    assert "'forty-two' is not a number" in message


def test_bad_date_names_file_line_and_column(data_copy):
    path = data_copy / "summit_2023_key_figures.csv"
    line = line_of(path, "2023-10-11,")
    _rewrite(path, "2023-10-11,", "2023-13-11,")
    with pytest.raises(
        DataFileError,
        match=rf"summit_2023_key_figures\.csv, line {line}, column 'date': "
        r"'2023-13-11' is not a date",
    ):
        load_dataset("summit_figures", data_copy)


def test_bad_partial_date_is_rejected(data_copy):
    path = data_copy / "timeline_1991_2025.csv"
    line = line_of(path, "1991-08-24,")
    _rewrite(path, "1991-08-24,", "August 1991,")
    with pytest.raises(
        DataFileError, match=rf"line {line}, column 'date': 'August 1991' is not a date"
    ):
        load_dataset("timeline", data_copy)


def test_bad_whole_number_is_rejected(data_copy):
    path = data_copy / "trade_russia_kyrgyzstan.csv"
    _rewrite(path, "\n2015,", "\n2015.5,")
    with pytest.raises(DataFileError, match=r"column 'year': '2015.5' is not a whole number"):
        load_dataset("trade", data_copy)


def test_unknown_confidence_is_rejected(data_copy):
    path = data_copy / "places_coordinates.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",certain"  # the first row, whatever it holds
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"line 2, column 'confidence': 'certain' is not a confidence"
    ):
        load_dataset("places", data_copy)


def test_required_value_may_not_be_empty(data_copy):
    path = data_copy / "places_coordinates.csv"
    line = line_of(path, "Bishkek,Kyrgyzstan,")
    _rewrite(path, "Bishkek,Kyrgyzstan,", ",Kyrgyzstan,")
    with pytest.raises(DataFileError, match=rf"line {line}, column 'place': value is empty"):
        load_dataset("places", data_copy)


def test_ragged_row_is_rejected(data_copy):
    path = data_copy / "places_coordinates.csv"
    line = next_line(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("Osh,Kyrgyzstan,40.5\n")
    with pytest.raises(
        DataFileError,
        match=rf"line {line}, column 'lon': 3 values, but the header has 8 "
        r"columns; the row ends before column 'lon'",
    ):
        load_dataset("places", data_copy)
    _rewrite(
        path,
        "Osh,Kyrgyzstan,40.5\n",
        "Osh,Kyrgyzstan,40.5,72.8,city,Src,https://a.example,high,x\n",
    )
    with pytest.raises(
        DataFileError,
        match=rf"line {line}, value 9: 9 values, but the header has 8 columns; "
        r"the extra value 'x' comes after column 'confidence'",
    ):
        load_dataset("places", data_copy)


def test_unknown_dataset_gets_a_named_error_listing_known_ones():
    with pytest.raises(
        UnknownDatasetError, match="no dataset called 'weather'; known datasets: claims, "
    ):
        load_dataset("weather")
    assert issubclass(UnknownDatasetError, DataFileError)


def test_byte_order_mark_is_ignored(data_copy):
    path = data_copy / "places_coordinates.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert list(load_dataset("places", data_copy).columns[:2]) == ["place", "country"]


def test_bytes_that_are_not_utf8_are_named_with_line_and_column(data_copy):
    path = data_copy / "places_coordinates.csv"
    line = line_of(path, "Ala-Archa")
    path.write_bytes(path.read_bytes().replace(b"Ala-Archa", b"Ala-Arch\xe0", 1))
    with pytest.raises(
        DataFileError,
        match=rf"places_coordinates\.csv, line {line}, column 'place': "
        r"byte 0xe0 is not UTF-8 text; save the file as UTF-8",
    ):
        load_dataset("places", data_copy)


@pytest.mark.parametrize(
    "broken, column",
    [
        ('Osh,Kyrgyzstan,40.5,72.8,"city" centre,Src,https://a.example,high', "role_in_story"),
        ('Osh,Kyrgyzstan,40.5,72.8,"city, unclosed,Src,https://a.example,high', "role_in_story"),
        ('Osh,"Kyrgyz"stan,40.5,72.8,city,Src,https://a.example,high', "country"),
    ],
)
def test_malformed_csv_row_is_named_with_line_and_column(data_copy, broken, column):
    path = data_copy / "places_coordinates.csv"
    line = next_line(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(broken + "\nOsh,Kyrgyzstan,40.5,72.8,city,Src,https://a.example,high\n")
    with pytest.raises(
        DataFileError,
        match=rf"places_coordinates\.csv, line {line}, column '{column}': "
        r"this row is not valid CSV \(.+\); check its quotes",
    ):
        load_dataset("places", data_copy)


def test_duplicated_header_is_named_with_column(data_copy):
    path = data_copy / "places_coordinates.csv"
    _rewrite(path, "place,country,lat,lon,role_in_story", "place,country,lat,lon,country")
    with pytest.raises(DataFileError) as error:
        load_dataset("places", data_copy)
    assert error.value.problems[0] == (
        f"{path}, line 1, column 5: column 'country' appears twice "
        "in the header (first as column 2)"
    )


def test_undeclared_column_is_rejected(data_copy):
    path = data_copy / "summit_2023_key_figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([lines[0] + ",comment"] + [line + "," for line in lines[1:]]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataFileError,
        match=r"summit_2023_key_figures\.csv, line 1, column 9: column "
        r"'comment' is not declared",
    ):
        load_dataset("summit_figures", data_copy)


def test_every_problem_is_listed_and_the_message_says_how_many(data_copy):
    path = data_copy / "places_coordinates.csv"
    lines = line_of(path, "42.87472"), line_of(path, "74.58111")
    _rewrite(path, "42.87472", "north")
    _rewrite(path, "74.58111", "east")
    with pytest.raises(DataFileError) as error:
        load_dataset("places", data_copy)
    assert [p.split(": ", 1)[0] for p in error.value.problems] == [
        f"{path}, line {lines[0]}, column 'lat'",
        f"{path}, line {lines[1]}, column 'lon'",
    ]
    assert "(and 1 more problem(s) in this file: `python3 run.py check` lists them all)" in str(
        error.value
    )


@pytest.mark.parametrize(
    "value, number",
    [
        ("411226", 411226.0),
        ("~411226", 411226.0),
        ("~ 30", 30.0),
        ("-2.5", -2.5),
        ("411226 (mid-2024)", 411226.0),
        ("580000 -> 411226", None),
        ("(more than a million)", None),
    ],
)
def test_stated_numbers_follow_the_grammar(data_copy, value, number):
    path = data_copy / "kyrgyz_migrants_in_russia.csv"
    row = line_of(path, ",411226,") - 2  # the header is line 1, the first row line 2
    _rewrite(path, ",411226,", f',"{value}",')
    parsed = load_dataset("migrants", data_copy)["value_number"].iloc[row]
    assert pd.isna(parsed) if number is None else parsed == number


@pytest.mark.parametrize("value", ["about 411226", "411,226", "411226 persons", "1e5", "->", "nan"])
def test_a_stated_number_outside_the_grammar_fails_at_load_time(data_copy, value):
    path = data_copy / "kyrgyz_migrants_in_russia.csv"
    line = line_of(path, ",411226,")
    _rewrite(path, ",411226,", f',"{value}",')
    with pytest.raises(
        DataFileError,
        match=rf"kyrgyz_migrants_in_russia\.csv, line {line}, column 'value': "
        rf"'{re.escape(value)}' is not a stated number: write a number",
    ):
        load_dataset("migrants", data_copy)


@pytest.mark.parametrize(
    "value, start",
    [
        ("2024-10-25 (deposit); Rada vote 2024-08-21", "2024-10-25"),
        ("2000 (per a source)", "2000-01-01"),
        ("2000-09", "2000-09-01"),
        ("(before 2022)", None),
    ],
)
def test_stated_dates_follow_the_grammar(data_copy, value, start):
    path = data_copy / "icc_rome_statute_status.csv"
    _rewrite(path, "Tajikistan,1998-11-30,", f'Tajikistan,"{value}",')
    signed = (
        load_dataset("icc_status", data_copy).set_index("country").loc["Tajikistan", "signed_start"]
    )
    assert pd.isna(signed) if start is None else signed == pd.Timestamp(start)


@pytest.mark.parametrize(
    "value, reason",
    [
        ("30 Nov 1998", "'30 Nov 1998' is not a stated date: write a date"),
        (
            "1998-11-31 (per a source)",
            "'1998-11-31' in '1998-11-31 (per a source)' is not a real date",
        ),
    ],
)
def test_a_stated_date_outside_the_grammar_fails_at_load_time(data_copy, value, reason):
    path = data_copy / "icc_rome_statute_status.csv"
    line = line_of(path, "Tajikistan,1998-11-30,")
    _rewrite(path, "Tajikistan,1998-11-30,", f'Tajikistan,"{value}",')
    with pytest.raises(DataFileError, match=rf"line {line}, column 'signed': " + re.escape(reason)):
        load_dataset("icc_status", data_copy)


def test_source_url_must_be_a_web_address(data_copy):
    path = data_copy / "places_coordinates.csv"
    line = line_of(path, "https://en.wikipedia.org/wiki/Bishkek")
    _rewrite(path, "https://en.wikipedia.org/wiki/Bishkek", "see above")
    with pytest.raises(
        DataFileError,
        match=rf"line {line}, column 'source_url': 'see above' is not a web "
        r"address \(it must start with http:// or https://\)",
    ):
        load_dataset("places", data_copy)


def test_empty_source_url_needs_an_unverified_row(data_copy):
    path = data_copy / "places_coordinates.csv"
    line = line_of(path, "https://en.wikipedia.org/wiki/Bishkek,high")
    _rewrite(path, "https://en.wikipedia.org/wiki/Bishkek,high", ",high")
    with pytest.raises(
        DataFileError,
        match=rf"line {line}, column 'source_url': empty, but confidence is "
        r"'high'; give the http\(s\) address of the source, or, "
        r"if there is none, set confidence to 'unverified'",
    ):
        load_dataset("places", data_copy)
    _rewrite(path, ",high", ",unverified")
    assert load_dataset("places", data_copy)["source_url"].iloc[line - 2] is pd.NA


def test_unregistered_csv_files_are_found(data_copy):
    assert unregistered_files(data_copy) == []
    (data_copy / "extra").mkdir()
    (data_copy / "extra" / "weather.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert unregistered_files(data_copy) == [data_copy / "extra" / "weather.csv"]
