"""Load the module's datasets from ``data/`` as typed, validated DataFrames.

Every dataset is registered once in ``DATASETS`` with its file and column
types. A loader never guesses: a missing file, a missing column, or a value
that does not parse fails with a :class:`DataFileError` naming the file, the
line and the column, so a learner who edits a CSV sees exactly what broke.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

#: Columns every dataset must carry so each fact can be traced.
SOURCE_COLUMNS = ("source", "source_url", "confidence")
CONFIDENCE_LEVELS = ("high", "medium", "low", "unverified")


class DataFileError(ValueError):
    """A data file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Dataset:
    filename: str
    #: column name -> type; every listed column must exist, and a trailing
    #: "?" marks a column that may be empty. Types: "str", "int", "float",
    #: "date" (YYYY-MM-DD), "partial_date" (YYYY, YYYY-MM or YYYY-MM-DD, read
    #: as the first day), and two for columns whose sources annotate values:
    #: "stated_number" and "stated_date" keep the text as stated and add a
    #: parsed column (``<name>_number`` / ``<name>_start``) that is empty
    #: where the text is not a plain value.
    columns: dict[str, str]
    description: str


def _with_sources(columns: dict[str, str]) -> dict[str, str]:
    return {**columns, "source": "str", "source_url": "str?", "confidence": "confidence"}


DATASETS: dict[str, Dataset] = {
    "trade": Dataset(
        "trade_russia_kyrgyzstan.csv",
        _with_sources({
            "year": "int", "period": "str", "indicator": "str", "value": "float?",
            "unit": "str", "yoy_change_pct": "float?", "data_side": "str",
            "stated_by": "str", "source_date": "str", "note": "str?",
        }),
        "Russia-Kyrgyzstan trade figures as stated by each side, period and unit",
    ),
    "partner_trade": Dataset(
        "trade_kyrgyzstan_partners_and_mirror.csv",
        _with_sources({
            "reporter": "str", "partner": "str", "year": "int", "period": "str",
            "flow": "str", "value": "float?", "unit": "str?", "share_pct": "float?",
            "yoy_change_pct": "float?", "source_date": "str", "note": "str?",
        }),
        "Kyrgyz trade by partner, and mirror figures reported by partners",
    ),
    "fdi": Dataset(
        "fdi_kyrgyzstan.csv",
        _with_sources({
            "year": "int", "period": "str", "measure": "str", "investor_country": "str",
            "value": "float?", "unit": "str?", "share_pct": "float?",
            "source_date": "str", "note": "str?",
        }),
        "Foreign direct investment in Kyrgyzstan: flows by investor and stock claims",
    ),
    "remittances": Dataset(
        "remittances_kyrgyzstan.csv",
        _with_sources({
            "year": "int", "period": "str", "measure": "str", "value": "stated_number",
            "unit": "str", "source_date": "str", "note": "str?",
        }),
        "Remittances to Kyrgyzstan, in USD and as a share of GDP",
    ),
    "migrants": Dataset(
        "kyrgyz_migrants_in_russia.csv",
        _with_sources({
            "year": "int", "period": "str", "measure": "str", "value": "stated_number",
            "unit": "str", "measured_by": "str", "source_date": "str", "note": "str?",
        }),
        "Kyrgyz citizens in Russia, by who counted them",
    ),
    "memberships": Dataset(
        "memberships_post_soviet.csv",
        _with_sources({
            "country": "str", "organisation": "str", "event": "str", "date": "stated_date?",
            "status_2023_10": "str?", "note": "str?",
        }),
        "Joining and leaving the CIS, CSTO, EAEU and SCO",
    ),
    "icc_status": Dataset(
        "icc_rome_statute_status.csv",
        _with_sources({
            "country": "str", "signed": "stated_date?", "ratified_or_acceded": "stated_date?",
            "entry_into_force": "date?", "status_2023_10": "str", "status_2025": "str",
            "note": "str?",
        }),
        "Rome Statute (ICC) status of Russia's neighbours",
    ),
    "places": Dataset(
        "places_coordinates.csv",
        _with_sources({
            "place": "str", "country": "str", "lat": "float", "lon": "float",
            "role_in_story": "str",
        }),
        "Coordinates of the places in the story",
    ),
    "timeline": Dataset(
        "timeline_1991_2025.csv",
        _with_sources({
            "date": "partial_date", "date_precision": "str", "event": "str", "category": "str",
            "note": "str?",
        }),
        "Dated events, 1991-2025",
    ),
    "summit_figures": Dataset(
        "summit_2023_key_figures.csv",
        _with_sources({
            "date": "date", "item": "str", "value": "float?", "unit": "str?", "note": "str?",
        }),
        "Headline numbers from the October 2023 visit",
    ),
    "claims": Dataset(
        "claims.csv",
        _with_sources({
            "claim_id": "int", "article_text": "str", "claim": "str", "verdict": "verdict",
            "evidence": "str", "lesson": "str?",
        }),
        "The article's claims, each with a verdict and the evidence for it",
    ),
}

#: Verdicts of the fact-check, from best supported to unsupported.
VERDICTS = ("CONFIRMED", "PARTLY", "MISLEADING", "CONTRADICTED", "UNVERIFIABLE")


def data_dir() -> Path:
    """The folder holding the CSV files.

    ``COURSEKIT_DATA`` overrides it. Otherwise it is the ``data/`` folder of the
    repository the code runs in: the nearest one, from the current folder (a
    notebook's own folder) upwards, that holds the quiz files. That is the copy
    a student works in even where coursekit is installed elsewhere, as on a
    JupyterHub that pulls the repository into the student's home. Last comes
    the folder next to the package, for an editable install used from elsewhere.
    """
    override = os.environ.get("COURSEKIT_DATA")
    if override:
        return Path(override)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "quizzes").is_dir():
            return folder / "data"
    return Path(__file__).resolve().parent.parent / "data"


def _parse(value: str, kind: str, where: str):
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    text = value.strip()
    if text == "":
        if optional:
            return None
        raise DataFileError(f"{where}: value is empty but this column is required")
    if kind == "str":
        return text
    if kind == "confidence":
        if text not in CONFIDENCE_LEVELS:
            raise DataFileError(
                f"{where}: {text!r} is not a confidence level "
                f"(expected one of {', '.join(CONFIDENCE_LEVELS)})"
            )
        return text
    if kind == "verdict":
        if text not in VERDICTS:
            raise DataFileError(
                f"{where}: {text!r} is not a verdict (expected one of {', '.join(VERDICTS)})"
            )
        return text
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise DataFileError(f"{where}: {text!r} is not a whole number") from None
    if kind == "float":
        try:
            number = float(text)
        except ValueError:
            raise DataFileError(f"{where}: {text!r} is not a number") from None
        if not math.isfinite(number):
            raise DataFileError(f"{where}: {text!r} is not a finite number")
        return number
    if kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise DataFileError(f"{where}: {text!r} is not a date (expected YYYY-MM-DD)") from None
    if kind == "partial_date":
        parsed = _partial_date(text)
        if parsed is None:
            raise DataFileError(
                f"{where}: {text!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        return parsed
    if kind in ("stated_number", "stated_date"):
        return text
    raise ValueError(f"unknown column type {kind!r}")


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_PLAIN_NUMBER = re.compile(r"~?\s*([+-]?\d+(?:\.\d+)?)")


def _partial_date(text: str) -> date | None:
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _stated_number(text) -> float | None:
    """The number in ``text`` if it is a plain or approximate ("~30") value."""
    if not isinstance(text, str):
        return None
    match = _PLAIN_NUMBER.fullmatch(text.strip())
    return float(match.group(1)) if match else None


def _stated_date(text) -> date | None:
    """The ISO date that ``text`` starts with, as in "2003-09-05 (unverified)"."""
    if not isinstance(text, str):
        return None
    return _partial_date(text.split(" ", 1)[0])


_DTYPES = {"str": "string", "confidence": "string", "verdict": "string", "int": "Int64", "float": "Float64",
           "date": "datetime64[ns]", "partial_date": "datetime64[ns]",
           "stated_number": "string", "stated_date": "string"}


def load_dataset(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the registered dataset ``name``."""
    if name not in DATASETS:
        raise KeyError(f"no dataset called {name!r}; known: {', '.join(sorted(DATASETS))}")
    spec = DATASETS[name]
    path = Path(directory) if directory is not None else data_dir()
    path = path / spec.filename
    if not path.is_file():
        raise DataFileError(f"{path}: data file not found (dataset {name!r})")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataFileError(f"{path}: file is empty, expected a header row") from None
        missing = [column for column in spec.columns if column not in header]
        if missing:
            raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}")
        records = []
        for line_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise DataFileError(
                    f"{path}, line {line_number}: {len(row)} fields, header has {len(header)}"
                )
            cells = dict(zip(header, row))
            records.append({
                column: _parse(cells[column], kind, f"{path}, line {line_number}, column {column!r}")
                for column, kind in spec.columns.items()
            })
    frame = pd.DataFrame.from_records(records, columns=list(spec.columns))
    for column, kind in spec.columns.items():
        kind = kind.rstrip("?")
        if kind == "stated_number":
            frame[f"{column}_number"] = frame[column].map(_stated_number).astype("Float64")
        elif kind == "stated_date":
            frame[f"{column}_start"] = frame[column].map(_stated_date).astype("datetime64[ns]")
        frame[column] = frame[column].astype(_DTYPES[kind])
    frame.attrs["dataset"] = name
    frame.attrs["path"] = str(path)
    return frame


def load_trade() -> pd.DataFrame:
    """Russia-Kyrgyzstan trade figures, one row per stated figure."""
    return load_dataset("trade")


def load_partner_trade() -> pd.DataFrame:
    """Kyrgyz trade by partner, with mirror figures from partners."""
    return load_dataset("partner_trade")


def load_fdi() -> pd.DataFrame:
    """FDI flows into Kyrgyzstan by investor, and FDI stock claims."""
    return load_dataset("fdi")


def load_remittances() -> pd.DataFrame:
    """Remittances to Kyrgyzstan (USD and % of GDP), where a source gives them."""
    return load_dataset("remittances")


def load_migrants() -> pd.DataFrame:
    """Counts of Kyrgyz citizens in Russia, with who counted them."""
    return load_dataset("migrants")


def load_memberships() -> pd.DataFrame:
    """Membership events in the CIS, CSTO, EAEU and SCO."""
    return load_dataset("memberships")


def load_icc_status() -> pd.DataFrame:
    """Rome Statute status of Russia's neighbours."""
    return load_dataset("icc_status")


def load_places() -> pd.DataFrame:
    """Places in the story with latitude and longitude."""
    return load_dataset("places")


def load_timeline() -> pd.DataFrame:
    """Dated events from 1991 to 2025."""
    return load_dataset("timeline")


def load_summit_figures() -> pd.DataFrame:
    """Headline figures from the October 2023 visit."""
    return load_dataset("summit_figures")


def load_claims() -> pd.DataFrame:
    """The article's claims with verdicts and evidence (from the fact-check)."""
    return load_dataset("claims")


def verified(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a source behind them: drop those marked ``unverified``."""
    return frame[frame["confidence"] != "unverified"]


def flag_unverified(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """A copy in which ``column`` of every unverified row is marked visibly."""
    flagged = frame.copy()
    mask = flagged["confidence"] == "unverified"
    flagged[column] = flagged[column].astype("string")
    flagged.loc[mask, column] = flagged.loc[mask, column] + " [unverified]"
    return flagged
