"""Tables in the chapters: captioned, without an index, dates as precise as their source."""

import re

import pandas as pd
import pytest

from coursekit.display import Table, format_date, show_table


@pytest.mark.parametrize(
    "precision, expected",
    [
        ("day", "8 Dec 1991"),
        ("month", "Dec 1991"),
        ("year", "1991"),
    ],
)
def test_a_date_is_printed_as_precisely_as_its_source_states_it(precision, expected):
    assert format_date(pd.Timestamp("1991-12-08"), precision) == expected


def test_a_missing_date_is_a_dash_and_an_unknown_precision_is_named():
    assert format_date(pd.NaT) == "–"
    with pytest.raises(ValueError, match="'week'"):
        format_date(pd.Timestamp("1991-12-08"), "week")


def frame():
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["1991-12-08", "1993-12-01", "1993-01-01"]),
            "date_precision": ["day", "month", "year"],
            "event": ["Belovezha <agreement>", None, "KRSU opens"],
            "signed": pd.to_datetime(["1991-12-08", None, "1993-05-09"]),
        }
    )


def test_dates_follow_each_rows_precision_and_other_date_columns_are_to_the_day():
    table = show_table(frame(), ["date", "event", "signed"], "Events")
    assert table.frame["date"].tolist() == ["8 Dec 1991", "Dec 1993", "1993"]
    assert table.frame["signed"].tolist() == ["8 Dec 1991", "–", "9 May 1993"]
    assert list(table.frame.columns) == ["date", "event", "signed"]


def test_numbers_read_as_their_source_wrote_them():
    data = pd.DataFrame({"value": pd.array([16000.0, 1.367, 1200691.0, None], dtype="Float64")})
    assert show_table(data, ["value"], "Figures").frame["value"].tolist() == [
        "16,000",
        "1.367",
        "1,200,691",
        "–",
    ]


def test_the_html_has_the_caption_no_index_no_style_and_escaped_text():
    page = show_table(frame(), ["date", "event"], "Events & treaties")._repr_html_()
    assert "<caption>Events &amp; treaties</caption>" in page
    assert "Belovezha &lt;agreement&gt;" in page and "<agreement>" not in page
    assert "<style" not in page and " id=" not in page
    assert len(re.findall(r"<th[ >]", page)) == 2  # the two column headers, no index column
    assert "<td >–</td>" in page.replace("<td>", "<td >")


def test_plain_text_shows_the_caption_and_the_rows():
    text = repr(show_table(frame(), ["event"], "Events"))
    assert text.splitlines()[0] == "Events"
    assert "KRSU opens" in text and "–" in text


def test_a_missing_column_or_caption_is_named():
    data = frame()
    data.attrs["dataset"] = "timeline"
    with pytest.raises(KeyError, match="timeline has no column.*'place'"):
        show_table(data, ["date", "place"], "Events")
    with pytest.raises(ValueError, match="caption"):
        show_table(data, ["date"], "  ")


def test_the_table_keeps_the_frame_it_was_given():
    data = frame()
    show_table(data, ["date"], "Events")
    assert pd.api.types.is_datetime64_any_dtype(data["date"])
    assert isinstance(show_table(data, ["event"], "Events"), Table)
