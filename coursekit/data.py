"""Load the module's datasets from ``data/`` as typed, validated DataFrames.

Every dataset is registered once in ``DATASETS`` (``coursekit/datasets.py``)
with its file and the type of every column (the types and the grammar of stated
values are described in ``coursekit/columns.py``). A loader never guesses: a missing or unregistered
file, a missing or undeclared column, a value that does not parse or a
source that cannot be traced fails with a :class:`DataFileError` naming the
file, the line and the column, so a learner who edits a CSV sees exactly what
broke. ``python3 run.py check`` lists every problem at once.

Traceability: every row carries ``source``, ``source_url`` and
``confidence``. ``source_url`` is an http(s) address, or empty when no source
was found: then ``confidence`` must be ``unverified`` and ``source`` says why
(for example "no source found" or "no source found (opinion)").
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

# CONFIDENCE_LEVELS and VERDICTS are read from here by notebooks and coursekit.claims.
from .columns import CONFIDENCE_LEVELS, DERIVED, TYPES, VERDICTS, parse_cell  # noqa: F401
from .datasets import DATASETS, SOURCE_COLUMNS, Dataset  # noqa: F401  (part of this API)
from .errors import FileProblemsError


class DataFileError(FileProblemsError):
    """A data file is missing or malformed; the message says where.

    ``problems`` lists every problem found in the file, one message each; the
    exception's message is the first of them."""


class UnknownDatasetError(DataFileError):
    """``load_dataset`` was asked for a name that is not in ``DATASETS``."""


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


def _decode(path: Path, raw: bytes) -> str:
    """The file's text (a UTF-8 byte-order mark is dropped); bad bytes are named."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]), [])
        prefix = raw[line_start : error.start].decode("utf-8", "replace")
        index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
        column = f"column {header[index]!r}" if index < len(header) else f"value {index + 1}"
        raise DataFileError(
            f"{path}, line {line}, {column}: byte 0x{raw[error.start]:02x} is not UTF-8 text; "
            "save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8')"
        ) from None


def _header_problems(path: Path, header: list[str], name: str) -> list[str]:
    spec = DATASETS[name]
    problems = []
    for index, column in enumerate(header):
        where = f"{path}, line 1, column {index + 1}"
        if column.strip() != column:
            problems.append(f"{where}: column name {column!r} has spaces around it")
        elif column == "":
            problems.append(f"{where}: column has no name (a trailing comma in the header?)")
        elif header.index(column) < index:
            problems.append(
                f"{where}: column {column!r} appears twice in the header "
                f"(first as column {header.index(column) + 1})"
            )
        elif column not in spec.columns:
            problems.append(
                f"{where}: column {column!r} is not declared; add it with its type to "
                f"DATASETS[{name!r}] in coursekit/data.py, or remove it"
            )
    missing = [column for column in spec.columns if column not in header]
    if missing:
        problems.append(f"{path}, line 1: missing column(s) {', '.join(missing)}")
    return problems


def _column_at_csv_error(record: str) -> int:
    """Index of the value in which strict CSV parsing of ``record`` fails.

    The longest prefix that still parses ends just before the broken value,
    so its number of values points at it."""

    def parses(text: str) -> list[str] | None:
        try:
            return next(csv.reader(io.StringIO(text, newline=""), strict=True), [""])
        except csv.Error:
            return None

    for end in range(len(record), 0, -1):
        values = parses(record[:end])
        if values is not None:
            return len(values) - 1
    return 0


def _read_records(path: Path, text: str, name: str) -> tuple[list[dict], list[str]]:
    spec = DATASETS[name]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader, None)
    if header is None:
        raise DataFileError(f"{path}: file is empty, expected a header row")
    problems = _header_problems(path, header, name)
    if problems:
        raise DataFileError(problems)
    lines = text.splitlines(keepends=True)
    records = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # Only the record's first line: an unclosed quote swallows the rest of the file.
            index = _column_at_csv_error(lines[line - 1])
            column = f"column {header[index]!r}" if index < len(header) else f"value {index + 1}"
            problems.append(
                f"{path}, line {line}, {column}: this row is not valid CSV ({error}); "
                'check its quotes: a value with a comma must be wrapped in "..."'
            )
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(_ragged(path, line, row, header))
            continue
        cells = dict(zip(header, row))
        record, row_problems = _parse_row(cells, spec, f"{path}, line {line}")
        records.append(record)
        problems += row_problems
    return records, problems


def _ragged(path: Path, line: int, row: list[str], header: list[str]) -> str:
    where = f"{path}, line {line}"
    if len(row) > len(header):
        return (
            f"{where}, value {len(header) + 1}: {len(row)} values, but the header has "
            f"{len(header)} columns; the extra value {row[len(header)]!r} comes after column "
            f'{header[-1]!r} (a value with a comma must be wrapped in "...")'
        )
    return (
        f"{where}, column {header[len(row)]!r}: {len(row)} values, but the header has "
        f"{len(header)} columns; the row ends before column {header[len(row)]!r}"
    )


def _parse_row(cells: dict[str, str], spec: Dataset, where: str) -> tuple[dict, list[str]]:
    record, problems = {}, []
    for column, kind in spec.columns.items():
        try:
            record[column] = parse_cell(cells[column], kind)
        except ValueError as error:
            record[column] = None
            problems.append(f"{where}, column {column!r}: {error}")
            continue
        derived = DERIVED.get(kind.rstrip("?"))
        if derived:
            suffix, parse, _dtype = derived
            record[column + suffix] = None if record[column] is None else parse(record[column])
    if (
        "source_url" in spec.columns
        and cells["source_url"].strip() == ""
        and record.get("confidence") not in (None, "unverified")
    ):
        problems.append(
            f"{where}, column 'source_url': empty, but confidence is {record['confidence']!r}; "
            "give the http(s) address of the source, or, if there is none, set confidence to "
            "'unverified' and say why in 'source' (e.g. 'no source found')"
        )
    return record, problems


def _frame(records: list[dict], spec: Dataset) -> pd.DataFrame:
    derived = [
        column + DERIVED[kind.rstrip("?")][0]
        for column, kind in spec.columns.items()
        if kind.rstrip("?") in DERIVED
    ]
    columns = list(spec.columns) + derived
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column, kind in spec.columns.items():
        kind = kind.rstrip("?")
        frame[column] = frame[column].astype(TYPES[kind][1])
        if kind in DERIVED:
            suffix, _parse, dtype = DERIVED[kind]
            frame[column + suffix] = frame[column + suffix].astype(dtype)
    return frame


def load_dataset(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Read and validate the registered dataset ``name``.

    Raises :class:`DataFileError` listing every problem in the file."""
    if name not in DATASETS:
        raise UnknownDatasetError(
            f"no dataset called {name!r}; known datasets: {', '.join(sorted(DATASETS))} "
            "(a new file is registered in DATASETS in coursekit/data.py)"
        )
    spec = DATASETS[name]
    path = (Path(directory) if directory is not None else data_dir()) / spec.filename
    if not path.is_file():
        raise DataFileError(f"{path}: data file not found (dataset {name!r})")
    records, problems = _read_records(path, _decode(path, path.read_bytes()), name)
    if problems:
        raise DataFileError(problems)
    frame = _frame(records, spec)
    frame.attrs["dataset"] = name
    frame.attrs["path"] = str(path)
    return frame


def unregistered_files(directory: Path | str | None = None) -> list[Path]:
    """CSV files under ``directory`` (default ``data/``) that no dataset registers."""
    directory = Path(directory) if directory is not None else data_dir()
    registered = {spec.filename for spec in DATASETS.values()}
    return sorted(
        path
        for path in directory.rglob("*.csv")
        if path.relative_to(directory).as_posix() not in registered
    )


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
