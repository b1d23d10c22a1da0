"""Spreadsheets lexkit writes from the register: the rejection log.

Every text is neutralised (a leading = + - @ cannot become a formula) and cut, with a
visible marker, only where a cell cannot hold it (32,767 characters); the register keeps
the whole text.
"""

from __future__ import annotations

import io
import json

from lexkit.consult.register import Register
from lexkit.verify import neutralised

CELL_LIMIT = 32_767
_MARKER = " … [trunchiat / truncated: {n} caractere / characters in the register]"


def fit_cell(text: str) -> str:
    """Text safe for one spreadsheet cell: neutralised, and cut with a marker if too long."""
    text = neutralised(text)
    if len(text) <= CELL_LIMIT:
        return text
    marker = _MARKER.format(n=len(text))
    return text[: CELL_LIMIT - len(marker)] + marker


def rejected_workbook(register: Register) -> bytes:
    """Every rejected row: file, sheet, row, reason, and the row as sent."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from lexkit.package import deterministic_xlsx

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Respinse - Rejected"
    sheet.append(
        [
            "Fișierul / File",
            "Foaia / Sheet",
            "Rândul / Row",
            "Motivul / Reason",
            "Conținutul trimis / Content as sent",
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = register.db.execute(
        "SELECT files.name, rejections.sheet, rejections.row, rejections.reason, rejections.raw "
        "FROM rejections JOIN files ON files.id = rejections.file_id "
        "ORDER BY files.name, rejections.sheet, rejections.row"
    ).fetchall()
    for name, sheet_name, row, reason, raw in rows:
        content = "; ".join(f"{k}: {v}" for k, v in json.loads(raw).items())
        sheet.append(
            [fit_cell(name), fit_cell(sheet_name), row, fit_cell(reason), fit_cell(content)]
        )
    for column, width in zip("ABCDE", (30, 16, 8, 60, 80), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_xlsx(buffer.getvalue())
