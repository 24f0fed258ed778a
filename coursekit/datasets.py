"""The registry of the module's datasets: each CSV file in ``data/``, the type of every
column (see ``coursekit/columns.py``) and what the file holds. ``coursekit.data``
loads them; adding a dataset means adding its entry here."""

from __future__ import annotations

from dataclasses import dataclass

#: Columns every dataset must carry so each fact can be traced.
SOURCE_COLUMNS = ("source", "source_url", "confidence")


@dataclass(frozen=True)
class Dataset:
    filename: str
    #: column name -> type (see ``coursekit/columns.py``); every listed column
    #: must exist and no other may, and a trailing "?" marks a column that may
    #: be empty. "stated_number" and "stated_date" columns keep the text as
    #: stated and add a parsed column (``<name>_number`` / ``<name>_start``).
    columns: dict[str, str]
    description: str


def _with_sources(columns: dict[str, str]) -> dict[str, str]:
    return {**columns, "source": "str", "source_url": "url?", "confidence": "confidence"}


DATASETS: dict[str, Dataset] = {
    "trade": Dataset(
        "trade_russia_kyrgyzstan.csv",
        _with_sources(
            {
                "year": "int",
                "period": "str",
                "indicator": "str",
                "value": "float?",
                "unit": "str",
                "yoy_change_pct": "float?",
                "data_side": "str",
                "stated_by": "str",
                "source_date": "str",
                "note": "str?",
            }
        ),
        "Russia-Kyrgyzstan trade figures as stated by each side, period and unit",
    ),
    "partner_trade": Dataset(
        "trade_kyrgyzstan_partners_and_mirror.csv",
        _with_sources(
            {
                "reporter": "str",
                "partner": "str",
                "year": "int",
                "period": "str",
                "flow": "str",
                "value": "float?",
                "unit": "str?",
                "share_pct": "float?",
                "yoy_change_pct": "float?",
                "source_date": "str",
                "note": "str?",
            }
        ),
        "Kyrgyz trade by partner, and mirror figures reported by partners",
    ),
    "fdi": Dataset(
        "fdi_kyrgyzstan.csv",
        _with_sources(
            {
                "year": "int",
                "period": "str",
                "measure": "str",
                "investor_country": "str",
                "value": "float?",
                "unit": "str?",
                "share_pct": "float?",
                "source_date": "str",
                "note": "str?",
            }
        ),
        "Foreign direct investment in Kyrgyzstan: flows by investor and stock claims",
    ),
    "remittances": Dataset(
        "remittances_kyrgyzstan.csv",
        _with_sources(
            {
                "year": "int",
                "period": "str",
                "measure": "str",
                "value": "stated_number",
                "unit": "str",
                "source_date": "str",
                "note": "str?",
            }
        ),
        "Remittances to Kyrgyzstan, in USD and as a share of GDP",
    ),
    "migrants": Dataset(
        "kyrgyz_migrants_in_russia.csv",
        _with_sources(
            {
                "year": "int",
                "period": "str",
                "measure": "str",
                "value": "stated_number",
                "unit": "str",
                "measured_by": "str",
                "source_date": "str",
                "note": "str?",
            }
        ),
        "Kyrgyz citizens in Russia, by who counted them",
    ),
    "memberships": Dataset(
        "memberships_post_soviet.csv",
        _with_sources(
            {
                "country": "str",
                "organisation": "str",
                "event": "str",
                "date": "stated_date?",
                "status_2023_10": "str?",
                "note": "str?",
            }
        ),
        "Joining and leaving the CIS, CSTO, EAEU and SCO",
    ),
    "icc_status": Dataset(
        "icc_rome_statute_status.csv",
        _with_sources(
            {
                "country": "str",
                "signed": "stated_date?",
                "ratified_or_acceded": "stated_date?",
                "entry_into_force": "date?",
                "status_2023_10": "str",
                "status_2025": "str",
                "note": "str?",
            }
        ),
        "Rome Statute (ICC) status of Russia's neighbours",
    ),
    "places": Dataset(
        "places_coordinates.csv",
        _with_sources(
            {
                "place": "str",
                "country": "str",
                "lat": "float",
                "lon": "float",
                "role_in_story": "str",
            }
        ),
        "Coordinates of the places in the story",
    ),
    "timeline": Dataset(
        "timeline_1991_2025.csv",
        _with_sources(
            {
                "date": "partial_date",
                "date_precision": "str",
                "event": "str",
                "category": "str",
                "note": "str?",
            }
        ),
        "Dated events, 1991-2025",
    ),
    "summit_figures": Dataset(
        "summit_2023_key_figures.csv",
        _with_sources(
            {
                "date": "date",
                "item": "str",
                "value": "float?",
                "unit": "str?",
                "note": "str?",
            }
        ),
        "Headline numbers from the October 2023 visit",
    ),
    "claims": Dataset(
        "claims.csv",
        _with_sources(
            {
                "claim_id": "int",
                "article_text": "str",
                "claim": "str",
                "verdict": "verdict",
                "evidence": "str",
                "lesson": "str?",
                "fact_check_verdict": "str",
            }
        ),
        "The article's claims, each with a verdict and the evidence for it",
    ),
}
