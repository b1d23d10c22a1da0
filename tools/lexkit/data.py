"""Load a dossier's data tables for the templates: CSV, XLSX, YAML and JSON.

Tables become lists of rows (a dict per row, keyed by the header, values as text with
surrounding spaces removed); YAML and JSON keep their structure. Blank rows are skipped;
a row with more cells than the header is an error naming the file and row, since a
shifted column would silently put text in the wrong place of a law.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml

from lexkit.errors import Location, Problems, display_path
from lexkit.yamlio import error_line, error_text, load_yaml

Row = dict[str, str]

TABLE_SUFFIXES = (".csv", ".xlsx")
TREE_SUFFIXES = (".yaml", ".yml", ".json")


def load_data(base: Path, sources: dict[str, str], problems: Problems) -> dict[str, Any]:
    """Every named source under ``base``; problems are collected, not raised."""
    data: dict[str, Any] = {}
    for name, relative in sources.items():
        path = base / relative
        data[name] = load_source(path, problems)
    return data


def load_source(path: Path, problems: Problems) -> Any:
    shown = display_path(path)
    if not path.is_file():
        problems.add(
            Location(shown),
            "data file not found",
            "check the path under 'data:' in dossier.yaml (relative to the dossier)",
        )
        return []
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown, problems)
    if suffix == ".xlsx":
        return _read_xlsx(path, shown, problems)
    if suffix in TREE_SUFFIXES:
        return _read_tree(path, shown, problems)
    problems.add(
        Location(shown),
        f"lexkit cannot read {suffix or 'extensionless'} files as data",
        "save it as CSV (UTF-8), XLSX, YAML or JSON",
    )
    return []


def _read_csv(path: Path, shown: str, problems: Problems) -> list[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(
            Location(shown),
            f"not UTF-8 text ({error.reason} at byte {error.start})",
            "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'",
        )
        return []
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        cells.append(row)
        lines.append(reader.line_num)  # the physical line where the row ends
    if not cells:
        problems.add(Location(shown, 1), "the file is empty", "add a header row and data rows")
        return []
    return _rows_from_cells(cells, shown, problems, lines)


def _read_xlsx(path: Path, shown: str, problems: Problems) -> list[Row]:
    import openpyxl  # imported here: it costs 0.3 s and only tables in XLSX need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        problems.add(
            Location(shown),
            f"cannot open the workbook: {error}",
            "open and save it again in Excel or LibreOffice as .xlsx",
        )
        return []
    sheet = book.worksheets[0]
    cells = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return _rows_from_cells(
        cells, f"{shown} [{sheet.title}]", problems, list(range(1, len(cells) + 1))
    )


def _rows_from_cells(
    cells: list[list[str]], shown: str, problems: Problems, lines: list[int]
) -> list[Row]:
    """Rows keyed by the header; ``lines[i]`` is the file line or sheet row of ``cells[i]``."""
    header = [h.strip() for h in cells[0]]
    while header and not header[-1]:
        header.pop()
    empty = [i + 1 for i, h in enumerate(header) if not h]
    if empty:
        problems.add(
            Location(shown, lines[0]),
            f"column(s) {empty} have no name in the header",
            "give every column a name in the first row",
        )
    rows: list[Row] = []
    for offset, cells_of_row in enumerate(cells[1:], start=1):
        values = [c.strip() for c in cells_of_row]
        while values and not values[-1]:
            values.pop()
        if not values:
            continue  # blank rows are not rows
        line = lines[offset]
        if len(values) > len(header):
            problems.add(
                Location(shown, line),
                f"row has {len(values)} cells but the header has {len(header)} columns",
                "a comma or semicolon inside a value needs the value in double quotes",
            )
            continue
        rows.append({name: (values[i] if i < len(values) else "") for i, name in enumerate(header)})
    return rows


def _read_tree(path: Path, shown: str, problems: Problems) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return load_yaml(text)
    except json.JSONDecodeError as error:
        problems.add(Location(shown, error.lineno), f"not valid JSON: {error.msg}", "")
    except yaml.YAMLError as error:
        problems.add(
            Location(shown, error_line(error)),
            f"not valid YAML: {error_text(error)}",
            "check indentation and quote values that contain ':'",
        )
    return None
