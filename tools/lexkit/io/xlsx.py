"""Spreadsheets lexkit writes: the same workbook always gives the same bytes, and no cell
can run as a formula.

openpyxl stamps the save time into a workbook; :func:`deterministic_xlsx` fixes it. A text
that starts with = + - @ would run as a formula in Excel (CSV/formula injection):
:func:`neutralised` makes it text. A cell holds at most 32,767 characters: :func:`fit_cell`
cuts a longer text with a visible marker (the register keeps it whole).
:func:`add_date_validation` keeps a column of a sheet sent out for filling in to dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from lexkit.io.archive import parts_from_bytes, zip_parts

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# Workbooks lexkit writes carry this creation and modification date.
FIXED_PROPERTY_DATE = dt.datetime(2000, 1, 1)


def deterministic_xlsx(data: bytes) -> bytes:
    """A workbook openpyxl saved, made reproducible: openpyxl stamps the save time into
    docProps/core.xml and every zip entry; both get fixed dates."""
    parts = parts_from_bytes(data)
    core = parts["docProps/core.xml"].decode()
    stamp = FIXED_PROPERTY_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", core)
    parts["docProps/core.xml"] = core.encode()
    return zip_parts(parts)


_FORMULA_STARTS = ("=", "+", "-", "@")


def neutralised(value: str) -> str:
    """Text a spreadsheet will show, never run: a leading = + - @ gets an apostrophe."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


CELL_LIMIT = 32_767
_MARKER = " … [trunchiat / truncated: {n} caractere / characters in the register]"


def fit_cell(text: str) -> str:
    """Text safe for one spreadsheet cell: neutralised, and cut with a marker if too long."""
    text = neutralised(text)
    if len(text) <= CELL_LIMIT:
        return text
    marker = _MARKER.format(n=len(text))
    return text[: CELL_LIMIT - len(marker)] + marker


_SPREADSHEET_EPOCH = dt.date(1899, 12, 30)  # day 0 of a spreadsheet's date serials


def add_date_validation(sheet: Worksheet, cells: str, earliest: dt.date, example: str) -> None:
    """Let ``cells`` (e.g. "F2:F500") take only dates from ``earliest`` on, or stay empty;
    a wrong entry is refused with a message in Romanian and English showing ``example``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1=str((earliest - _SPREADSHEET_EPOCH).days),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Dată / Date",
        error=f"Scrieți o dată, de ex. {example}. / Type a date, e.g. {example}.",
    )
    validation.add(cells)
    sheet.add_data_validation(validation)
