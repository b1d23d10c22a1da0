"""Spreadsheets lexkit writes from the register: the rejection log and its flagged rows.

Every text goes through :func:`~lexkit.io.xlsx.fit_cell`: neutralised (a leading = + - @
cannot become a formula) and cut, with a visible marker, only where a cell cannot hold it
(32,767 characters); the register keeps the whole text. The sheets are written row by
row (openpyxl's write-only mode): 100,000 flagged comments do not sit in memory as cells.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from lexkit.consult.register import Register
from lexkit.io.xlsx import deterministic_xlsx, fit_cell

REJECTED_SHEET = "Respinse - Rejected"
FLAGGED_SHEET = "Semnalate - Flagged"

_REJECTED_HEADER = (
    ("Fișierul / File", 30),
    ("Foaia / Sheet", 16),
    ("Rândul / Row", 8),
    ("Motivul / Reason", 60),
    ("Conținutul trimis / Content as sent", 80),
)
_FLAGGED_HEADER = (
    ("Fișierul / File", 30),
    ("Foaia / Sheet", 16),
    ("Rândul / Row", 8),
    ("Întrebarea / Question", 30),
    ("Semnalări / Flags", 60),
    ("Comentariul reținut / Comment as kept", 60),
    ("Conținutul trimis / Content as sent", 80),
)


def rejected_workbook(register: Register) -> bytes:
    """Every rejected row (file, sheet, row, reason, the row as sent) and, on a second
    sheet, every comment kept with flags: what lexkit could not read, and read as what."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    rejected = register.db.execute(
        "SELECT files.name, rejections.sheet, rejections.row, rejections.reason, rejections.raw "
        "FROM rejections JOIN files ON files.id = rejections.file_id "
        "ORDER BY files.name, rejections.sheet, rejections.row"
    )
    _sheet(
        book,
        REJECTED_SHEET,
        _REJECTED_HEADER,
        ((name, sheet, row, reason, _as_sent(raw)) for name, sheet, row, reason, raw in rejected),
    )
    flagged = register.db.execute(
        "SELECT files.name, c.sheet, c.row, c.question, c.flags, "
        "coalesce(c.comment, c.proposed_wording), c.raw "
        "FROM comments c JOIN files ON files.id = c.file_id WHERE c.flags IS NOT NULL "
        "ORDER BY files.name, c.sheet, c.row, c.id"
    )
    _sheet(
        book,
        FLAGGED_SHEET,
        _FLAGGED_HEADER,
        (
            (name, sheet, row, question or "", flags, text or "", _as_sent(raw))
            for name, sheet, row, question, flags, text, raw in flagged
        ),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_xlsx(buffer.getvalue())


def _as_sent(raw: str) -> str:
    return "; ".join(f"{k}: {v}" for k, v in json.loads(raw).items())


def _sheet(
    book: Any,
    title: str,
    header: Sequence[tuple[str, int]],
    rows: Iterable[tuple[Any, ...]],
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for number, (_, width) in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    top = Alignment(wrap_text=True, vertical="top")
    heading = []
    for label, _ in header:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for values in rows:
        line = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value if isinstance(value, int) else fit_cell(value))
            cell.alignment = top
            line.append(cell)
        sheet.append(line)
