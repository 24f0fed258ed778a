"""Derived figures in the data agree with the values they are derived from.

Where a data row (or its note) states a share, a sum, a change or a ratio, the
check recomputes it from the values in the data. A figure is consistent if it
matches to within one unit of its last stated digit (sources round and
truncate). A mismatch that comes from the source stays in the data, as the
source stated it, and the row's note carries ``[inconsistent in source]`` so
that the book can teach it; a marker on a consistent figure fails too, so
markers cannot go stale.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pytest

from coursekit.data import load_dataset

MARK = "[inconsistent in source]"


def one_row(frame: pd.DataFrame, **filters) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in filters.items():
        mask &= (frame[column] == value).fillna(False).astype(bool)
    rows = frame[mask]
    assert len(rows) == 1, f"{frame.attrs['dataset']}: {len(rows)} rows match {filters}"
    row = rows.iloc[0].copy()
    row.attrs["where"] = f"{frame.attrs['path']}, line {rows.index[0] + 2}"
    return row


def note_of(row: pd.Series) -> str:
    return "" if pd.isna(row["note"]) else str(row["note"])


def note_number(row: pd.Series, pattern: str) -> float:
    """The number a note states, found by ``pattern`` (one group)."""
    match = re.search(pattern, note_of(row))
    assert match, f"{row.attrs['where']}: note {note_of(row)!r} does not state {pattern!r}"
    return float(match.group(1).replace(",", ""))


def change_pct(new: float, old: float) -> float:
    return (new / old - 1) * 100


def last_digit_unit(value: float) -> float:
    text = f"{value:.6f}".rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 10**-decimals


@dataclass(frozen=True)
class Derived:
    """A figure one row states, and how to recompute it from the data."""

    name: str
    dataset: str
    row: dict
    stated: Callable[[pd.Series], float]
    computed: Callable[[Callable[..., pd.Series]], float]


def jan_nov_change(indicator: str, **key) -> Derived:
    """A Kyrgyz-statistics change, January-November 2023 against the same months of 2022."""
    key = dict(period="Jan-Nov", indicator=indicator, **key)
    return Derived(
        f"{indicator}, Jan-Nov 2023 vs 2022",
        "trade",
        dict(year=2023, **key),
        lambda row: row["yoy_change_pct"],
        lambda get: change_pct(
            get("trade", year=2023, **key)["value"], get("trade", year=2022, **key)["value"]
        ),
    )


def jan_nov_sum(year: int) -> Derived:
    """Turnover with Russia (USD bn) as the sum of exports and imports (USD m)."""
    flows = ("Kyrgyz exports to Russia", "Kyrgyz imports from Russia")
    return Derived(
        f"trade with Russia Jan-Nov {year} = exports + imports",
        "trade",
        dict(year=year, period="Jan-Nov", indicator="turnover", unit="USD bn"),
        lambda row: row["value"],
        lambda get: (
            sum(
                get("trade", year=year, period="Jan-Nov", indicator=flow)["value"] for flow in flows
            )
            / 1000
        ),
    )


CHECKS = [
    jan_nov_change("turnover", unit="USD bn"),
    jan_nov_change("Kyrgyz exports to Russia"),
    jan_nov_change("Kyrgyz imports from Russia"),
    jan_nov_sum(2022),
    jan_nov_sum(2023),
    Derived(
        "trade with Russia Jan-Feb 2024 vs the base in the note",
        "trade",
        dict(year=2024, period="Jan-Feb", indicator="turnover"),
        lambda row: row["yoy_change_pct"],
        lambda get: change_pct(
            get("trade", year=2024, period="Jan-Feb", indicator="turnover")["value"],
            note_number(
                get("trade", year=2024, period="Jan-Feb", indicator="turnover"), r"base: ([\d.]+)m"
            ),
        ),
    ),
    Derived(
        "2020 turnover derived from EAEU trade and Russia's share",
        "trade",
        dict(year=2020, indicator="turnover (derived)"),
        lambda row: row["value"],
        lambda get: (
            get("partner_trade", reporter="Kyrgyzstan (NSC)", partner="EAEU", year=2020)["value"]
            * note_number(
                get("partner_trade", reporter="Kyrgyzstan (NSC)", partner="EAEU", year=2020),
                r"Russia ([\d.]+)%",
            )
            / 100
        ),
    ),
    Derived(
        "2021 growth of +46 % against the derived 2020 figure",
        "trade",
        dict(year=2021, period="full year", indicator="turnover"),
        lambda row: row["yoy_change_pct"],
        lambda get: change_pct(
            get("trade", year=2021, period="full year", indicator="turnover")["value"],
            get("trade", year=2020, indicator="turnover (derived)")["value"],
        ),
    ),
    Derived(
        "UK share of Kyrgyz exports, Jan-Sep 2018 (gold)",
        "partner_trade",
        dict(partner="United Kingdom", year=2018, flow="export"),
        lambda row: row["share_pct"],
        lambda get: (
            100
            * get("partner_trade", partner="United Kingdom", year=2018, flow="export")["value"]
            / (
                get("partner_trade", partner="Russia", year=2018, flow="export")["value"]
                / get("partner_trade", partner="Russia", year=2018, flow="export")["share_pct"]
                * 100
            )
        ),
    ),
    Derived(
        "Kyrgyz trade with Kazakhstan 2022 = exports + imports",
        "partner_trade",
        dict(reporter="Kyrgyzstan (NSC)", partner="Kazakhstan", year=2022, flow="turnover"),
        lambda row: row["value"],
        lambda get: (
            get(
                "partner_trade",
                reporter="Kyrgyzstan (NSC)",
                partner="Kazakhstan",
                year=2022,
                flow="export",
            )["value"]
            + get(
                "partner_trade",
                reporter="Kyrgyzstan (NSC)",
                partner="Kazakhstan",
                year=2022,
                flow="import",
            )["value"]
        ),
    ),
    Derived(
        "Kyrgyz trade with Kazakhstan 2023 vs 2022",
        "partner_trade",
        dict(reporter="Kyrgyzstan (NSC)", partner="Kazakhstan", year=2023, flow="turnover"),
        lambda row: row["yoy_change_pct"],
        lambda get: change_pct(
            get(
                "partner_trade",
                reporter="Kyrgyzstan (NSC)",
                partner="Kazakhstan",
                year=2023,
                flow="export",
            )["value"]
            + get(
                "partner_trade",
                reporter="Kyrgyzstan (NSC)",
                partner="Kazakhstan",
                year=2023,
                flow="import",
            )["value"],
            get(
                "partner_trade",
                reporter="Kyrgyzstan (NSC)",
                partner="Kazakhstan",
                year=2022,
                flow="turnover",
            )["value"],
        ),
    ),
    Derived(
        "Kazakhstan's share of Kyrgyz trade, 2023",
        "partner_trade",
        dict(reporter="Kyrgyzstan (NSC)", partner="Kazakhstan", year=2023, flow="turnover"),
        lambda row: row["share_pct"],
        lambda get: (
            100
            * get(
                "partner_trade",
                reporter="Kyrgyzstan (NSC)",
                partner="Kazakhstan",
                year=2023,
                flow="turnover",
            )["value"]
            / 1000
            / get("partner_trade", reporter="Kyrgyzstan (NSC)", partner="World", year=2023)["value"]
        ),
    ),
    Derived(
        "Uzbek-reported trade with Kyrgyzstan, Jan-Jul 2023 = the two flows in the note",
        "partner_trade",
        dict(reporter="Uzbekistan (Statistics Agency)", year=2023),
        lambda row: row["value"],
        lambda get: sum(
            note_number(
                get("partner_trade", reporter="Uzbekistan (Statistics Agency)", year=2023), pattern
            )
            for pattern in (r"KG exports ([\d.]+)m", r"UZ exports ([\d.]+)m")
        ),
    ),
    Derived(
        "UK share of Kyrgyz FDI, 2015 (Economy Ministry)",
        "fdi",
        dict(year=2015, measure="FDI (Economy Ministry series)", investor_country="United Kingdom"),
        lambda row: row["share_pct"],
        lambda get: (
            100
            * get(
                "fdi",
                year=2015,
                measure="FDI (Economy Ministry series)",
                investor_country="United Kingdom",
            )["value"]
            / get(
                "fdi", year=2015, measure="FDI (Economy Ministry series)", investor_country="Total"
            )["value"]
        ),
    ),
    Derived(
        "China's share of FDI inflow, Jan-Sep 2018",
        "fdi",
        dict(year=2018, period="Jan-Sep", measure="FDI inflow share", investor_country="China"),
        lambda row: row["share_pct"],
        lambda get: (
            100
            * get(
                "fdi", year=2018, period="Jan-Sep", measure="FDI inflow", investor_country="China"
            )["value"]
            / get(
                "fdi", year=2018, period="Jan-Sep", measure="FDI inflow", investor_country="Total"
            )["value"]
        ),
    ),
    Derived(
        "remittances from Russia 2024, derived from 2023 plus the stated increase",
        "remittances",
        dict(year=2024, measure="remittances from Russia (derived)"),
        lambda row: float(row["value_number"]),
        lambda get: (
            float(
                get("remittances", year=2023, measure="remittances from Russia (NBKR)")[
                    "value_number"
                ]
            )
            + 0.034
        ),
    ),
    Derived(
        "share from Russia of Jan-May 2025 remittances, stated in the note",
        "remittances",
        dict(year=2025, period="Jan-May"),
        lambda row: note_number(row, r"= (\d+)%"),
        lambda get: (
            100
            * note_number(get("remittances", year=2025, period="Jan-May"), r"\$([\d.]+)bn")
            / float(get("remittances", year=2025, period="Jan-May")["value_number"])
        ),
    ),
    Derived(
        "coal power plant's share of the conference contracts",
        "summit_figures",
        dict(item="10th Interregional Conference contracts"),
        lambda row: note_number(row, r"~(\d+)%"),
        lambda get: (
            100
            * note_number(
                get("summit_figures", item="10th Interregional Conference contracts"),
                r"\$([\d.]+)bn",
            )
            / get("summit_figures", item="10th Interregional Conference contracts")["value"]
        ),
    ),
]


@pytest.fixture(scope="module")
def get():
    frames = {}

    def lookup(dataset: str, **filters) -> pd.Series:
        if dataset not in frames:
            frames[dataset] = load_dataset(dataset)
        return one_row(frames[dataset], **filters)

    return lookup


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.name)
def test_derived_figure_matches_or_is_marked(check, get):
    row = get(check.dataset, **check.row)
    stated = float(check.stated(row))
    computed = float(check.computed(get))
    consistent = abs(stated - computed) <= last_digit_unit(stated) + 1e-9
    marked = MARK in note_of(row)
    where = f"{row.attrs['where']} ({check.name})"
    assert consistent or marked, (
        f"{where}: states {stated:g} but the data give {computed:.3f}. Correct the value if "
        f"it was copied wrongly; if the source itself is inconsistent, keep its figure and "
        f"add {MARK} to the row's note."
    )
    assert not (consistent and marked), (
        f"{where}: marked {MARK} but {stated:g} matches the data ({computed:.3f}); "
        "remove the marker."
    )


def test_a_mismatch_is_caught():
    assert abs(94 - 100 * 1.2 / 1.367) > last_digit_unit(94)
    assert abs(-20 - change_pct(2.568, 3.193)) <= last_digit_unit(-20)


def test_last_digit_unit():
    assert [last_digit_unit(v) for v in (94.0, 16.6, 3.193, -20.0)] == [1, 0.1, 0.001, 1]
