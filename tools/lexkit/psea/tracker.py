"""The work plan's tracker: a workbook the PSEA focal point sends to the units, read back
into the progress file the build reads.

The export lists the work plan's actions (of one unit, or all), each with its standard,
text, responsible unit, dates, indicator and current status; the unit fills in, per
action, the new status (a drop-down of „Română / English” labels), a comment, who reports
and the date. Only those four columns can be edited; every text cell is neutralised
(nothing the sheet shows can run as a formula) and the same work plan gives the same bytes.

The import finds the sheet and its header by the headers (a column moved, a row inserted
above the header or a sheet renamed still works) and checks every row before it keeps any:
each problem names the file, the sheet, the row and the column, with the fix, and a file
with any problem gives nothing. A row with neither a status nor a comment is skipped: the
unit had nothing to say on that action.

The progress file (``data/work-plan-progress.csv``) keeps every report: one per action,
date and reporter, a newer import of the same report replacing it. It is UTF-8 with a
byte-order mark so that Excel opens it with its diacritics.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lexkit.consult import fields
from lexkit.consult.decisions import row_height
from lexkit.consult.vocabulary import INSTRUCTIONS_SHEET
from lexkit.errors import LexkitError, Location, Problem, display_path
from lexkit.io.files import write_atomically
from lexkit.io.spreadsheets import Sheet, cell_text, read_file
from lexkit.io.untrusted import Unreadable
from lexkit.io.xlsx import (
    FIXED_PROPERTY_DATE,
    add_date_validation,
    deterministic_xlsx,
    fit_cell,
)
from lexkit.language import Lang
from lexkit.psea.model import ProgressReport
from lexkit.psea.workplan import Row, latest_reports, work_plan_order

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

ACTIONS_SHEET = "Acțiuni - Actions"  # a sheet name may not contain "/"

STATUSES: tuple[str, ...] = ("planned", "ongoing", "done", "delayed", "cancelled")
STATUS_LABELS: dict[str, str] = {
    "planned": "planificată / planned",
    "ongoing": "în curs / ongoing",
    "done": "realizată / done",
    "delayed": "întârziată / delayed",
    "cancelled": "anulată / cancelled",
}

# The tracker's columns: field -> header. The import finds the columns by these headers.
HEADERS: dict[str, str] = {
    "key": "Cod / Key",
    "standard": "Standardul / Standard",
    "action": "Acțiunea / Action",
    "responsible": "Responsabil / Responsible",
    "start": "Început / Start",
    "end": "Sfârșit / End",
    "indicator": "Indicatorul / Indicator",
    "current": "Stadiul actual / Current status",
    "status": "Stadiul raportat / Reported status",
    "comment": "Comentariul / Comment",
    "reported_by": "Raportat de / Reported by",
    "reported_on": "Data raportării / Date reported",
}
_WIDTHS = {
    "key": 14,
    "standard": 30,
    "action": 50,
    "responsible": 24,
    "start": 12,
    "end": 12,
    "indicator": 40,
    "current": 18,
    "status": 22,
    "comment": 45,
    "reported_by": 22,
    "reported_on": 14,
}
_EDITABLE = ("status", "comment", "reported_by", "reported_on")
_DATES = ("start", "end", "reported_on")
_DATE_FORMAT: dict[Lang, str] = {"ro": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
_EARLIEST = dt.date(2000, 1, 1)  # a reported date before this is a typing mistake
_HEADER_SCAN = 10  # the header row is looked for in the first rows of a sheet

# Problem codes (lexkit.codes): a tracker that cannot be used at all, and a wrong row.
# The closest existing ones are the consultation's files: a stakeholder's file, a row.
FILE_CODE = "H015"
ROW_CODE = "H016"
# The progress file is a data file of the dossier.
PROGRESS_FILE_CODE = "D001"
PROGRESS_ROW_CODE = "D002"


_STATUS_INDEX = fields.code_index(STATUS_LABELS)


def parse_status(text: str) -> str | None:
    """ "Realizată", "DONE", "realizata" or the whole label -> "done"; None if unknown."""
    return _STATUS_INDEX.get(fields.key(text))


def _choices() -> str:
    return ", ".join(f"„{label}”" for label in STATUS_LABELS.values())


# ---------------------------------------------------------------- export


def tracker_xlsx(
    actions: Sequence[Row],
    units: Sequence[Row],
    standards: Sequence[Row],
    lang: Lang,
    unit: str | None = None,
    *,
    reports: Sequence[ProgressReport] = (),
) -> bytes:
    """The tracker as XLSX bytes, identical for identical input.

    ``unit``: only the actions that unit is responsible for. ``lang`` is the language of
    the actions' texts; headers, labels and instructions are in both. ``reports`` (the
    progress file) gives each action's current status as last reported; without them, the
    work plan's own status.
    """
    unit_row = _unit_row(units, unit) if unit is not None else None
    chosen = [action for action in actions if unit is None or action["responsible"] == unit]
    ordered = work_plan_order(chosen, standards)
    unit_names = {row["key"]: row[f"name_{lang}"] for row in units}
    standard_names = {row["key"]: f"{row['number']}. {row[f'name_{lang}']}" for row in standards}
    latest = latest_reports(reports)
    rows = [
        _cells(action, lang, unit_names, standard_names, latest.get(action["key"]))
        for action in ordered
    ]
    return _workbook(rows, lang, unit_row)


def _unit_row(units: Sequence[Row], unit: str) -> Row:
    found = next((row for row in units if row["key"] == unit), None)
    if found is None:
        known = ", ".join(str(row["key"]) for row in units) or "none"
        raise LexkitError(
            Problem(
                Location("units"),
                f"no unit {unit!r} in the units table",
                f"name one of the units' keys: {known}",
                code="D007",
            )
        )
    return found


def _cells(
    action: Row,
    lang: Lang,
    unit_names: dict[str, str],
    standard_names: dict[str, str],
    report: ProgressReport | None,
) -> list[object]:
    """The row's values in the order of :data:`HEADERS`; texts fit for a cell."""
    current = report.status if report is not None else action["status"]
    values: dict[str, object] = {
        "key": action["key"],
        "standard": standard_names.get(action["standard"], action["standard"]),
        "action": action[f"action_{lang}"],
        "responsible": unit_names.get(action["responsible"], action["responsible"]),
        "start": action["start"],
        "end": action["end"],
        "indicator": action[f"indicator_{lang}"],
        "current": STATUS_LABELS.get(current, current),
        "status": None,
        "comment": None,
        "reported_by": None,
        "reported_on": None,
    }
    return [
        fit_cell(value) if isinstance(value, str) else value
        for value in (values[field] for field in HEADERS)
    ]


def _workbook(rows: list[list[object]], lang: Lang, unit: Row | None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    instructions = book.active
    assert instructions is not None
    _instructions_sheet(instructions, unit)
    _actions_sheet(book.create_sheet(ACTIONS_SHEET), rows, lang)
    props = book.properties
    props.title = "Monitorizarea planului de lucru PSEA / PSEA work plan tracker"
    if unit is not None:
        props.subject = fit_cell(unit[f"name_{lang}"])
    props.creator = "lexkit"
    props.language = "ro-RO" if lang == "ro" else "en-GB"
    props.created = props.modified = FIXED_PROPERTY_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_xlsx(buffer.getvalue())


def instruction_rows(unit: Row | None) -> list[tuple[str, str, bool]]:
    """The instructions sheet: (Romanian, English, is a heading) per row; ``unit``: the
    unit's row when the tracker is for one unit."""
    rows = [
        (
            "Monitorizarea planului de lucru PSEA",
            "PSEA work plan tracker",
            True,
        )
    ]
    if unit is not None:
        rows.append((f"Unitatea: {unit['name_ro']}", f"Unit: {unit['name_en']}", True))
    rows += [
        (
            "Ce se cere",
            "What is asked",
            True,
        ),
        (
            f"Foaia „{ACTIONS_SHEET}” listează acțiunile planului de lucru de care "
            "răspundeți. Pentru fiecare acțiune despre care aveți ceva de raportat, "
            "completați cele patru coloane galbene din dreapta.",
            f"The sheet „{ACTIONS_SHEET}” lists the work plan's actions you are "
            "responsible for. For each action you have something to report on, fill in "
            "the four yellow columns on the right.",
            False,
        ),
        (
            f"„{HEADERS['status']}”: alegeți din listă: {_choices()}.",
            f"„{HEADERS['status']}”: choose from the list: {_choices()}.",
            False,
        ),
        (
            f"„{HEADERS['comment']}”: ce s-a făcut, ce urmează, ce blochează acțiunea; "
            "explicați mai ales o acțiune întârziată sau anulată. Un comentariu cere un "
            "stadiu.",
            f"„{HEADERS['comment']}”: what was done, what comes next, what is holding the "
            "action up; explain above all an action delayed or cancelled. A comment needs a "
            "status.",
            False,
        ),
        (
            f"„{HEADERS['reported_by']}”: numele și funcția persoanei care raportează.",
            f"„{HEADERS['reported_by']}”: the name and role of the person reporting.",
            False,
        ),
        (
            f"„{HEADERS['reported_on']}”: data la care stadiul este cel raportat, "
            "de ex. 15.03.2026.",
            f"„{HEADERS['reported_on']}”: the date the status is true at, e.g. 15.03.2026.",
            False,
        ),
        (
            "Lăsați goale rândurile acțiunilor despre care nu aveți nimic de raportat.",
            "Leave the rows of actions you have nothing to report on empty.",
            False,
        ),
        (
            f"Nu modificați coloana „{HEADERS['key']}”: după ea se regăsește acțiunea. "
            "Celelalte coloane sunt doar pentru informare.",
            f"Do not change the column „{HEADERS['key']}”: it is how the action is found "
            "again. The other columns are for information only.",
            False,
        ),
        (
            "Salvați fișierul ca .xlsx și trimiteți-l înapoi punctului focal PSEA.",
            "Save the file as .xlsx and send it back to the PSEA focal point.",
            False,
        ),
    ]
    return rows


def _instructions_sheet(sheet: Worksheet, unit: Row | None) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = INSTRUCTIONS_SHEET
    widths = [75.0, 75.0]
    sheet.column_dimensions["A"].width = sheet.column_dimensions["B"].width = widths[0]
    for number, (ro, en, heading) in enumerate(instruction_rows(unit), 1):
        for column, text in ((1, ro), (2, en)):
            cell = sheet.cell(number, column, fit_cell(text))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if heading:
                cell.font = Font(bold=True, size=14 if number == 1 else 11)
        sheet.row_dimensions[number].height = row_height([ro, en], widths)
    _print_setup(sheet)
    _protect(sheet)


def _actions_sheet(sheet: Worksheet, rows: list[list[object]], lang: Lang) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_fill = PatternFill("solid", fgColor="D9E2F3")
    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    shown_fill = PatternFill("solid", fgColor="F2F2F2")  # the current status: to read only
    widths = [float(_WIDTHS[field]) for field in HEADERS]
    for column, header in enumerate(HEADERS.values(), 1):
        cell = sheet.cell(1, column, header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = wrap
        cell.border = border
        sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    sheet.row_dimensions[1].height = row_height(list(HEADERS.values()), widths)
    last = len(rows) + 1
    for number, values in enumerate(rows, 2):
        for column, (field, value) in enumerate(zip(HEADERS, values, strict=True), 1):
            cell = sheet.cell(number, column, value)
            cell.alignment = wrap
            cell.border = border
            if field in _DATES:
                cell.number_format = _DATE_FORMAT[lang]
            if field in _EDITABLE:
                cell.protection = Protection(locked=False)
                cell.fill = answer_fill
            elif field == "current":
                cell.fill = shown_fill
                cell.font = Font(italic=True, color="595959")
        sheet.row_dimensions[number].height = row_height(values, widths)
    if rows:
        _status_list(sheet, _letter("status"), last)
        letter = _letter("reported_on")
        add_date_validation(sheet, f"{letter}2:{letter}{last}", _EARLIEST, "15.03.2026")
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(last, 2)}"
    sheet.freeze_panes = "B2"  # the header and the key stay in view
    sheet.print_title_rows = "1:1"
    _print_setup(sheet)
    _protect(sheet)
    sheet.protection.autoFilter = False
    sheet.protection.sort = False


def _letter(field: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(list(HEADERS).index(field) + 1)


def _status_list(sheet: Worksheet, letter: str, last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = ",".join(STATUS_LABELS.values())  # an inline list: under 255 characters
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        # A warning, not a stop: "done" or "realizată" typed alone is read back too.
        errorStyle="warning",
        errorTitle="Stadiul / Status",
        error=(
            "Alegeți stadiul din listă; păstrați textul? / "
            "Choose the status from the list; keep the text?"
        ),
    )
    validation.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(validation)


def _protect(sheet: Worksheet) -> None:
    """Locked cells stay as written; columns and rows may still be resized. No password."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, fitted to the page width."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


# ---------------------------------------------------------------- import

_SEND_AGAIN = (
    "export the tracker again with lexkit, have the unit fill in the yellow columns and "
    "save it as .xlsx"
)


@dataclass(frozen=True)
class _Table:
    """Where the tracker's rows are: the sheet, its header and the columns by field."""

    sheet: Sheet
    header_at: int  # index into sheet.rows of the header row
    index: dict[str, int]  # field -> index in the row
    headers: dict[str, str]  # field -> the header as the file writes it

    def cell(self, values: list[object], field: str) -> object:
        column = self.index.get(field)
        return values[column] if column is not None and column < len(values) else None

    def text(self, values: list[object], field: str) -> str:
        return fields.normalise_text(cell_text(self.cell(values, field)))

    def where(self, field: str) -> str:
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(self.sheet.first_column + self.index[field] + 1)
        return f"sheet „{self.sheet.name}”, column {letter} „{self.headers[field]}”"


_HEADER_KEYS: dict[str, str] = {
    fields.key(text): field
    for field, header in HEADERS.items()
    for text in (header, *header.split(" / "))
}
_NEEDED = frozenset({"key", "status"})


def _find_table(sheets: list[Sheet]) -> _Table | None:
    """The first sheet (the actions sheet first) with the header row in its first rows."""
    for sheet in sorted(sheets, key=lambda sheet: sheet.name != ACTIONS_SHEET):
        for position, values in enumerate(sheet.rows[:_HEADER_SCAN]):
            index: dict[str, int] = {}
            headers: dict[str, str] = {}
            for column, value in enumerate(values):
                field = _HEADER_KEYS.get(fields.key(cell_text(value)))
                if field is not None and field not in index:
                    index[field] = column
                    headers[field] = cell_text(value).strip()
            if set(index) >= _NEEDED:
                return _Table(sheet, position, index, headers)
    return None


class _Reader:
    """The problems of one tracker, each with its sheet, row and column."""

    def __init__(self, path: Path) -> None:
        self.shown = display_path(path)
        self.problems: list[Problem] = []

    def file_problem(self, message: str, fix: str) -> None:
        self.problems.append(Problem(Location(self.shown), message, fix, code=FILE_CODE))

    def problem(self, table: _Table, row: int, field: str, message: str, fix: str) -> None:
        location = Location(self.shown, row, table.where(field))
        self.problems.append(Problem(location, message, fix, code=ROW_CODE))


def read_tracker(path: Path, actions: Sequence[Row]) -> list[ProgressReport]:
    """The reports of a returned tracker, in its row order; raises LexkitError with every
    problem of the file, giving nothing, when any row is wrong or the file unreadable."""
    reports, problems = _read_tracker(path, actions)
    if problems:
        raise LexkitError(problems)
    return reports


def _read_tracker(path: Path, actions: Sequence[Row]) -> tuple[list[ProgressReport], list[Problem]]:
    reader = _Reader(path)
    try:
        sheets = read_file(path)
    except Unreadable as error:
        reader.file_problem(f"unreadable: {error.reason}", _SEND_AGAIN)
        return [], reader.problems
    table = _find_table(sheets)
    if table is None:
        reader.file_problem(
            f"no sheet with the columns „{HEADERS['key']}” and „{HEADERS['status']}” in "
            f"its first {_HEADER_SCAN} rows: not a work plan tracker",
            _SEND_AGAIN,
        )
        return [], reader.problems
    keys = {str(action["key"]).casefold(): str(action["key"]) for action in actions}
    reports: list[ProgressReport] = []
    seen: dict[tuple[str, dt.date | None, str], tuple[int, ProgressReport]] = {}
    data = zip(table.sheet.numbers, table.sheet.rows, strict=True)
    for position, (number, values) in enumerate(data):
        if position <= table.header_at:
            continue
        report = _read_row(table, number, values, keys, reader)
        if report is None:
            continue
        identity = _identity(report)
        earlier = seen.setdefault(identity, (number, report))
        if earlier[1] == report:
            if earlier[0] == number:
                reports.append(report)
        else:
            reader.problem(
                table,
                number,
                "status",
                f"action {report.action!r} is already reported on row {earlier[0]}, by the "
                "same person on the same date, with another status or comment",
                "keep one of the two rows, or give them different dates",
            )
    return reports, reader.problems


def _read_row(
    table: _Table,
    number: int,
    values: list[object],
    keys: dict[str, str],
    reader: _Reader,
) -> ProgressReport | None:
    """The row's report, or None when it says nothing or is wrong (the problems said)."""
    status_text = table.text(values, "status")
    comment = table.text(values, "comment")
    if not status_text and not comment:
        return None  # nothing reported on this action
    problems = len(reader.problems)
    key_text = table.text(values, "key")
    action = keys.get(key_text.casefold())
    if action is None:
        reader.problem(
            table,
            number,
            "key",
            f"action {key_text!r} is not in the work plan" if key_text else "no action key",
            "keep the key column as exported; if the work plan changed, export the tracker "
            "again and copy the answers into it",
        )
    status = parse_status(status_text) if status_text else None
    if status_text and status is None:
        reader.problem(
            table,
            number,
            "status",
            f"status {status_text!r} is not one lexkit knows",
            f"choose one of {_choices()} (the Romanian or English half alone will do)",
        )
    elif not status_text:
        reader.problem(
            table,
            number,
            "status",
            "a comment without a status",
            f"choose the status ({_choices()}), or clear the comment",
        )
    reported_on = _reported_on(table, number, values, reader)
    if status is None or action is None or len(reader.problems) > problems:
        return None
    return ProgressReport(
        action=action,
        status=status,
        comment=comment,
        reported_by=table.text(values, "reported_by"),
        reported_on=reported_on,
    )


def _reported_on(
    table: _Table, number: int, values: list[object], reader: _Reader
) -> dt.date | None:
    value = table.cell(values, "reported_on")
    if value is None or not cell_text(value).strip():
        return None
    day = fields.parse_date(value)
    if day is None or not _EARLIEST <= day <= dt.date(2100, 12, 31):
        reader.problem(
            table,
            number,
            "reported_on",
            f"date {cell_text(value)!r} cannot be read as a date",
            "write the date as 15.03.2026 or 2026-03-15, or clear it",
        )
        return None
    return day


# ---------------------------------------------------------------- the progress file

PROGRESS_COLUMNS: tuple[str, ...] = ("action", "status", "comment", "reported_by", "reported_on")
_FORMULA_STARTS = ("=", "+", "-", "@")


def _identity(report: ProgressReport) -> tuple[str, dt.date | None, str]:
    """One report per action, date and reporter (however the name is capitalised)."""
    return (report.action, report.reported_on, fields.key(report.reported_by))


def merge_progress(
    existing: Sequence[ProgressReport], new: Sequence[ProgressReport]
) -> list[ProgressReport]:
    """The reports of both, one per action, date and reporter. A report already there
    keeps its place; a different report under the same identity replaces it and goes
    last, so it wins a tie on the same date."""
    merged: dict[tuple[str, dt.date | None, str], ProgressReport] = {}
    for report in (*existing, *new):
        identity = _identity(report)
        earlier = merged.get(identity)
        if earlier == report:
            continue
        if earlier is not None:
            del merged[identity]
        merged[identity] = report
    return list(merged.values())


def progress_csv(reports: Sequence[ProgressReport]) -> bytes:
    """The progress file: UTF-8 with a byte-order mark, a header, one line per report;
    a text Excel would run as a formula is written with a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PROGRESS_COLUMNS)
    for report in reports:
        writer.writerow(
            [
                _neutral(report.action),
                report.status,
                _neutral(report.comment),
                _neutral(report.reported_by),
                report.reported_on.isoformat() if report.reported_on else "",
            ]
        )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _neutral(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _restored(text: str) -> str:
    """The text :func:`_neutral` wrote, as it was."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS) else text


def read_progress(path: Path) -> list[ProgressReport]:
    """The reports of the progress file, in its order; no file, no reports. Raises
    LexkitError with every problem (file, line, column) when the file is malformed."""
    if not path.exists():
        return []
    shown = display_path(path)
    fix = "correct the line, or delete it and import the units' trackers again"
    try:
        sheets = read_file(path)
    except Unreadable as error:
        raise LexkitError(
            Problem(Location(shown), f"unreadable: {error.reason}", fix, code=PROGRESS_FILE_CODE)
        ) from error
    sheet = sheets[0] if sheets else Sheet("", [], [])
    if not sheet.rows:
        return []
    index = {cell_text(value).strip().casefold(): n for n, value in enumerate(sheet.rows[0])}
    missing = [column for column in PROGRESS_COLUMNS if column not in index]
    if missing:
        raise LexkitError(
            Problem(
                Location(shown, sheet.numbers[0]),
                f"the header lacks the column(s) {', '.join(missing)}",
                f"the first line names the columns {','.join(PROGRESS_COLUMNS)}",
                code=PROGRESS_FILE_CODE,
            )
        )
    problems: list[Problem] = []
    reports: list[ProgressReport] = []
    for number, values in zip(sheet.numbers[1:], sheet.rows[1:], strict=True):

        def cell(column: str, values: list[object] = values) -> str:
            position = index[column]
            return cell_text(values[position]).strip() if position < len(values) else ""

        def bad(column: str, message: str, number: int = number) -> None:
            location = Location(shown, number, f"column {column}")
            problems.append(Problem(location, message, fix, code=PROGRESS_ROW_CODE))

        action, status_text, day_text = cell("action"), cell("status"), cell("reported_on")
        status = parse_status(status_text)
        day = fields.parse_date(day_text) if day_text else None
        if not action:
            bad("action", "no action key")
        if status is None:
            bad("status", f"status {status_text!r} is not one of {', '.join(STATUSES)}")
        if day_text and day is None:
            bad("reported_on", f"date {day_text!r} cannot be read (write it as 2026-03-15)")
        if action and status is not None and (day is not None or not day_text):
            reports.append(
                ProgressReport(
                    action=_restored(action),
                    status=status,
                    comment=_restored(cell("comment")),
                    reported_by=_restored(cell("reported_by")),
                    reported_on=day,
                )
            )
    if problems:
        raise LexkitError(problems)
    return reports


# ---------------------------------------------------------------- importing trackers


@dataclass(frozen=True)
class ImportSummary:
    """What an import of trackers did to the progress file."""

    files: int  # trackers read
    added: int  # reports new to the progress file
    replaced: int  # reports that replaced a different one (same action, date, reporter)
    unchanged: int  # reports already there as they are


def import_trackers(
    paths: Sequence[Path], progress_path: Path, actions: Sequence[Row]
) -> ImportSummary:
    """Read every tracker and merge their reports into the progress file. Every problem
    of every file is collected; if there is any, LexkitError lists them all and nothing is
    written. Trackers are merged in the order given (a later one wins a tie)."""
    existing = read_progress(progress_path)
    new: list[ProgressReport] = []
    problems: list[Problem] = []
    for path in paths:
        reports, found = _read_tracker(path, actions)
        new.extend(reports)
        problems.extend(found)
    if problems:
        raise LexkitError(problems)
    before = {_identity(report): report for report in existing}
    incoming = {_identity(report): report for report in new}  # the last of each identity
    added = sum(identity not in before for identity in incoming)
    replaced = sum(
        identity in before and before[identity] != report for identity, report in incoming.items()
    )
    write_atomically(progress_path, progress_csv(merge_progress(existing, new)))
    return ImportSummary(
        files=len(paths),
        added=added,
        replaced=replaced,
        unchanged=len(incoming) - added - replaced,
    )
