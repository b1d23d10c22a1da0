"""Spreadsheets lexkit writes from the register: the rejection log.

Every text goes through :func:`~lexkit.io.xlsx.fit_cell`: neutralised (a leading = + - @
cannot become a formula) and cut, with a visible marker, only where a cell cannot hold it
(32,767 characters); the register keeps the whole text.
"""

from __future__ import annotations

import io
import json

from lexkit.consult.register import Register
from lexkit.io.xlsx import deterministic_xlsx, fit_cell


def rejected_workbook(register: Register) -> bytes:
    """Every rejected row: file, sheet, row, reason, and the row as sent."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

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
