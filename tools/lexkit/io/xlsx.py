"""Spreadsheets lexkit writes: the same workbook always gives the same bytes, and no cell
can run as a formula.

openpyxl stamps the save time into a workbook; :func:`deterministic_xlsx` fixes it. A text
that starts with = + - @ would run as a formula in Excel (CSV/formula injection):
:func:`neutralised` makes it text. A cell holds at most 32,767 characters: :func:`fit_cell`
cuts a longer text with a visible marker (the register keeps it whole).
"""

from __future__ import annotations

import datetime as dt
import re

from lexkit.io.archive import parts_from_bytes, zip_parts

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
