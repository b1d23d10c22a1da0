"""Load a dossier's data tables for the templates: CSV, XLSX, YAML and JSON.

Tables become lists of rows (a dict per row, keyed by the header, values as text with
surrounding spaces removed), each remembering its line; a YAML list of mappings is a
table too; other YAML and JSON keep their structure. Blank rows are skipped; a row with
more cells than the header is an error naming the file and row, since a shifted column
would silently put text in the wrong place of a law. A table with a schema
(:mod:`lexkit.dossier.schema`) has every cell checked and converted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from lexkit.dossier.schema import Table, load_schema, validate_table
from lexkit.errors import Location, Problems, display_path
from lexkit.io.safe_yaml import load_yaml, yaml_problem

TREE_SUFFIXES = (".yaml", ".yml", ".json")


def load_data(
    base: Path,
    sources: dict[str, tuple[str, str | None]],
    problems: Problems,
    inside: Sequence[Path] = (),
) -> dict[str, Any]:
    """Every named source (file, schema) under ``base``; problems are collected, not raised.

    Each file must lie inside one of the folders ``inside`` (default: ``base``): a dossier
    reads its own data, not any file its dossier.yaml names.
    """
    folders = [folder.resolve() for folder in inside or (base,)]
    data: dict[str, Any] = {}
    for name, (relative, schema_path) in sources.items():
        if not all(
            _inside(base / path, folders, problems) for path in (relative, schema_path) if path
        ):
            data[name] = []
            continue
        value = load_source(base / relative, problems)
        if schema_path is not None:
            value = _checked(value, base / schema_path, base / relative, problems)
        data[name] = value
    return data


def _inside(path: Path, folders: list[Path], problems: Problems) -> bool:
    # Resolved, so that neither "../" nor a link leads out of the folders.
    if any(path.resolve().is_relative_to(folder) for folder in folders):
        return True
    shown = ", ".join(display_path(folder) for folder in folders)
    problems.add(
        Location(display_path(path)),
        f"the data file lies outside the folders data may come from ({shown})",
        "copy it into the dossier (e.g. its data/ folder) and name it from there in dossier.yaml",
        code="D001",
    )
    return False


def _checked(value: Any, schema_path: Path, path: Path, problems: Problems) -> Any:
    schema = load_schema(schema_path, problems)
    if schema is None:
        return value
    if not isinstance(value, Table):
        problems.add(
            Location(display_path(path)),
            "a schema can check only a table",
            "make the file a CSV or XLSX table, or a YAML list of mappings",
            code="D001",
        )
        return value
    return validate_table(value, schema, problems)


def load_source(path: Path, problems: Problems) -> Any:
    shown = display_path(path)
    if not path.is_file():
        problems.add(
            Location(shown),
            "data file not found",
            "check the path under 'data:' in dossier.yaml (relative to the dossier)",
            code="D001",
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
        code="D001",
    )
    return []


def _read_csv(path: Path, shown: str, problems: Problems) -> Table:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(
            Location(shown),
            f"not UTF-8 text ({error.reason} at byte {error.start})",
            "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'",
            code="D001",
        )
        return Table([], [], shown)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        cells.append(row)
        lines.append(reader.line_num)  # the physical line where the row ends
    if not cells:
        problems.add(
            Location(shown, 1), "the file is empty", "add a header row and data rows", code="D001"
        )
        return Table([], [], shown)
    return _rows_from_cells(cells, shown, problems, lines)


def _read_xlsx(path: Path, shown: str, problems: Problems) -> Table:
    """The first sheet, read by the same safe reader as stakeholders' files."""
    # Imported here: the spreadsheet reader (calamine) is needed only by XLSX data.
    from lexkit.io.spreadsheets import cell_text, read_file
    from lexkit.io.untrusted import Unreadable

    try:
        sheet = read_file(path)[0]
    except (Unreadable, IndexError) as error:
        reason = error.reason if isinstance(error, Unreadable) else "it has no sheet"
        problems.add(
            Location(shown),
            f"cannot read the workbook: {reason}",
            "open and save it again in Excel or LibreOffice as .xlsx",
            code="D001",
        )
        return Table([], [], shown)
    cells = [[cell_text(value) for value in row] for row in sheet.rows]
    return _rows_from_cells(cells, f"{shown} [{sheet.name}]", problems, sheet.numbers)


def _rows_from_cells(
    cells: list[list[str]], shown: str, problems: Problems, lines: list[int]
) -> Table:
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
            code="D001",
        )
    rows: list[dict[str, Any]] = []
    row_lines: list[int] = []
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
                code="D001",
            )
            continue
        rows.append({name: (values[i] if i < len(values) else "") for i, name in enumerate(header)})
        row_lines.append(line)
    return Table(rows, row_lines, shown)


def _as_table(value: Any, node: Any, shown: str) -> Any:
    """A YAML list of mappings becomes a Table whose rows know their lines."""
    if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
        return value
    lines = [item.start_mark.line + 1 for item in node.value]
    return Table(value, lines, shown)


def _read_tree(path: Path, shown: str, problems: Problems) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return _as_table(load_yaml(text), yaml.compose(text), shown)
    except json.JSONDecodeError as error:
        problems.add(Location(shown, error.lineno), f"not valid JSON: {error.msg}", "", code="D001")
    except yaml.YAMLError as error:
        problems.extend([yaml_problem(shown, error)])
    return None
