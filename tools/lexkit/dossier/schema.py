"""Typed data tables: a schema file says what each column holds, and every cell is checked.

A schema is YAML a lawyer can read::

    key: key                           # the column whose values must be unique
    columns:
      key:      {type: id}
      article:  {type: article}        # 175^1, or a range 208^3–208^5
      title_ro: {type: text}
      child_specific: {type: yes-no}   # becomes true/false for templates
      status:   {type: choice, values: [confirmed, to verify]}
      isco:     {type: list, item: {type: text, codes: isco-08}, required: false}
      act:      {type: id, refers_to: amended_acts}   # a key of the table amended_acts
      start:    {type: date}                   # 2026-03-01, 01.03.2026, or an XLSX date cell
      likelihood: {type: integer, min: 1, max: 5}
      budget:   {type: number, min: 0}         # 1500, 1500.50 or 1 500,50

Every problem names the file, the row's line and the column, and says how to fix it.
Checked values are converted: yes-no to booleans, integers to int, numbers to float,
dates to :class:`datetime.date`, lists to lists.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from lexkit.errors import Location, Problems, display_path
from lexkit.io.safe_yaml import load_yaml, yaml_problem
from lexkit.language import expand_articles

ColumnType = Literal[
    "text", "id", "article", "yes-no", "choice", "integer", "number", "date", "list"
]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_YES = {"yes", "da", "true", "1", "y"}
_NO = {"no", "nu", "false", "0", "n"}
LIST_SEPARATOR = ";"


class Column(BaseModel):
    """What one column holds."""

    model_config = ConfigDict(extra="forbid")

    type: ColumnType = "text"
    required: bool = True
    pattern: str | None = None
    values: list[str] | None = None
    item: Column | None = None
    refers_to: str | None = None
    """The data table (its name in dossier.yaml) whose keys this column holds; checked by
    ``lexkit check``."""
    codes: Literal["isco-08"] | None = None
    """A code list the values must come from (``isco-08``: the ISCO-08 unit groups)."""
    min: float | None = None
    """The smallest value an integer or number may have."""
    max: float | None = None
    """The largest value an integer or number may have."""


class TableSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str | None = None
    columns: dict[str, Column]


class Table(list[dict[str, Any]]):
    """Rows of a data file, each with the line (or sheet row) it came from."""

    def __init__(
        self,
        rows: list[dict[str, Any]],
        lines: list[int],
        source: str,
        schema: TableSchema | None = None,
    ) -> None:
        super().__init__(rows)
        self.lines = lines
        self.source = source
        self.schema = schema

    def reference_columns(self) -> set[str]:
        """Columns that hold keys of rows (type id, or a list of ids): links, not facts."""
        if self.schema is None:
            return set()
        return {
            name
            for name, column in self.schema.columns.items()
            if column.type == "id" or (column.item is not None and column.item.type == "id")
        }


def load_schema(path: Path, problems: Problems) -> TableSchema | None:
    shown = display_path(path)
    if not path.is_file():
        problems.add(
            Location(shown),
            "schema file not found",
            "check the 'schema:' path in dossier.yaml (relative to the dossier)",
            code="D001",
        )
        return None
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
        return TableSchema.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            problems.add(
                Location(shown),
                f"{where}: {item['msg']}",
                "see README, 'Data and schemas', for the column types",
                code="D001",
            )
    except yaml.YAMLError as error:
        fix = "check the indentation; put patterns in single quotes"
        problems.extend([yaml_problem(shown, error, fix)])
    return None


def validate_table(table: Table, schema: TableSchema, problems: Problems) -> Table:
    """The rows with every cell checked and converted; rows with errors are kept as read,
    so later problems (and the templates) still see them."""
    rows: list[dict[str, Any]] = []
    first_line = table.lines[0] - 1 if table.lines else 1
    present = set().union(*(row.keys() for row in table)) if table else set()
    for unknown in sorted(present - set(schema.columns)):
        problems.add(
            Location(table.source, max(first_line, 1), unknown),
            f"column {unknown!r} is not in the schema",
            f"check its spelling; the columns are: {', '.join(schema.columns)}",
            code="D002",
        )
    seen: dict[Any, int] = {}
    for row, line in zip(table, table.lines, strict=True):
        checked: dict[str, Any] = {}
        for name, column in schema.columns.items():
            checked[name] = _cell(
                row.get(name), column, Location(table.source, line, name), problems
            )
        if schema.key is not None:
            key = checked.get(schema.key)
            if key in seen:
                problems.add(
                    Location(table.source, line, schema.key),
                    f"{key!r} is already the key of the row at line {seen[key]}",
                    "give each row its own key",
                    code="D003",
                )
            elif key is not None:
                seen[key] = line
        rows.append(checked)
    return Table(rows, table.lines, table.source, schema)


def _cell(value: Any, column: Column, where: Location, problems: Problems) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        if column.required:
            problems.add(where, "is empty", "fill it in; every row needs this column", code="D002")
        return [] if column.type == "list" else None
    if column.type == "list":
        items = value if isinstance(value, list) else str(value).split(LIST_SEPARATOR)
        item_spec = column.item or Column()
        return [
            _cell(item.strip() if isinstance(item, str) else item, item_spec, where, problems)
            for item in items
            if not (isinstance(item, str) and not item.strip())
        ]
    return _scalar(value, column, where, problems)


def _scalar(value: Any, column: Column, where: Location, problems: Problems) -> Any:
    text = str(value).strip()
    kind = column.type
    if kind == "yes-no":
        if text.casefold() in _YES:
            return True
        if text.casefold() in _NO:
            return False
        problems.add(where, f"{text!r} is not yes or no", "write yes or no", code="D002")
        return None
    if kind == "integer":
        try:
            return _in_range(int(text), column, where, problems)
        except ValueError:
            problems.add(
                where, f"{text!r} is not a whole number", "write digits only, e.g. 5", code="D002"
            )
            return None
    if kind == "number":
        number = _number(text)
        if number is None:
            problems.add(
                where, f"{text!r} is not a number", "write it as 1500 or 1500.50", code="D002"
            )
            return None
        return _in_range(number, column, where, problems)
    if kind == "date":
        day = _date(value, text)
        if day is None:
            problems.add(
                where,
                f"{text!r} is not a date",
                "write it as 2026-03-01 or 01.03.2026 (day.month.year), or make it a date cell",
                code="D002",
            )
        return day
    if kind == "choice" and text not in (column.values or []):
        problems.add(
            where,
            f"{text!r} is not one of the allowed values",
            f"write one of: {', '.join(column.values or [])}",
            code="D002",
        )
    elif kind == "id" and not _ID.match(text):
        problems.add(
            where,
            f"{text!r} is not a valid key",
            "use lower-case letters, digits and dashes, e.g. cp-175-1",
            code="D002",
        )
    elif kind == "article" and not expand_articles(text):
        problems.add(
            where,
            f"{text!r} is not an article number",
            "write it as in the law: 175, 175^1 (superscript 1), or a range 208^3–208^5",
            code="D002",
        )
    elif column.pattern and not re.fullmatch(column.pattern, text):
        problems.add(
            where,
            f"{text!r} does not have the expected form",
            f"it must match {column.pattern}",
            code="D002",
        )
    return text


def _in_range(value: float, column: Column, where: Location, problems: Problems) -> Any:
    """The value, with a problem said when it lies outside the column's min and max."""
    low, high = column.min, column.max
    if (low is not None and value < low) or (high is not None and value > high):
        span = " to ".join(f"{b:g}" for b in (low, high) if b is not None)
        bound = (
            f"from {span}"
            if low is not None and high is not None
            else (f"of at least {low:g}" if low is not None else f"of at most {high:g}")
        )
        problems.add(where, f"{value:g} is out of range", f"write a value {bound}", code="D002")
    return value


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+)(?:[.]\d+)?")
_COMMA_DECIMAL = re.compile(r"[+-]?(?:\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|\d+),\d+")


def _number(text: str) -> float | None:
    """1500, 1500.50, 1,500.50 and 1 500,50 (Romanian) as a float; None otherwise."""
    if _NUMBER.fullmatch(text):
        return float(re.sub(r"[ ,\u00a0\u202f]", "", text))
    if _COMMA_DECIMAL.fullmatch(text):
        whole, decimals = text.rsplit(",", 1)
        return float(re.sub(r"[ .\u00a0\u202f]", "", whole) + "." + decimals)
    return None


_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _date(value: Any, text: str) -> dt.date | None:
    """A date cell, text in ISO form (an XLSX date read as text: 2026-03-01T00:00:00), or
    day.month.year as Excel saves a date in a Romanian or Russian locale (01.03.2026). A
    date with slashes could be read two ways, so it is refused."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    dotted = _DOTTED_DATE.fullmatch(text)
    try:
        if dotted:
            day, month, year = map(int, dotted.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text[:10]) if len(text) == 10 or text[10:11] == "T" else None
    except ValueError:
        return None
