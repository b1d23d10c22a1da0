"""The author's decisions on the comments: a sheet to fill in, and its import into the register.

The export lists every comment of the register once, in the order of the draft (per
document: "General" first, then the provisions as the draft has them, then provisions that
match nothing); a campaign (near-identical comments from several respondents) is one row
that stands for all its comments. Beside each comment stand the question of a survey it
answers and its flags (values kept as sent but not understood), and the sheet has an
autofilter, so the author can see, say, every flagged comment at once. Only the decision
and the argument can be edited; a decision already in the register is filled in, so a
sheet can be exported, filled in and imported as often as needed.

The rows are written as XML text into a workbook openpyxl laid out
(:func:`workbook_with_rows`): openpyxl styles cell by cell at about 30 µs a cell, and the
sheet's rows used to be measured through ``sheet[row]``, which scans every cell written so
far (10,000 comments took minutes). The layout (styles, drop-down, protection, filter) is
still openpyxl's.

The import checks every row first and writes nothing unless all of them are right: each
problem names the file, the sheet, the row and the column, with the fix. A row without a
decision leaves any earlier decision as it is; a campaign's decision goes to each of its
comments. Everything is written in one transaction.

Personal data: the sheet never shows an e-mail address or a phone number, and shows a
private individual's name only when they agreed to its publication.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lexkit.consult import fields
from lexkit.consult.provisions import Provisions
from lexkit.consult.register import Register
from lexkit.consult.vocabulary import GENERAL, MAIN_DOCUMENT, POSITIONS
from lexkit.errors import LexkitError, Location, Problem, display_path
from lexkit.io.archive import parts_from_bytes, zip_parts
from lexkit.io.spreadsheets import cell_text, read_data
from lexkit.io.untrusted import MAX_FILE_BYTES, Unreadable
from lexkit.io.xlsx import FIXED_PROPERTY_DATE, deterministic_xlsx, fit_cell
from lexkit.language import from_roman

if TYPE_CHECKING:
    import sqlite3

    from openpyxl.worksheet.worksheet import Worksheet

DECISIONS_SHEET = "Decizii - Decisions"  # a sheet name may not contain "/"

# The sheet's columns: field -> header. The import finds the columns by these headers.
HEADERS: dict[str, str] = {
    "id": "ID",
    "document": "Documentul / Document",
    "provision": "Prevederea / Provision",
    "question": "Întrebarea / Question",
    "participant": "Participantul / Participant",
    "position": "Poziția / Position",
    "comment": "Comentariul / Comment",
    "proposed_wording": "Propunerea de redactare / Proposed wording",
    "flags": "Semnalări / Flags",
    "decision": "Decizia autorului / Author's decision",
    "argument": "Argumentarea / Argument",
}
_WIDTHS = {
    "id": 16,
    "document": 20,
    "provision": 24,
    "question": 30,
    "participant": 32,
    "position": 22,
    "comment": 60,
    "proposed_wording": 45,
    "flags": 40,
    "decision": 28,
    "argument": 55,
}
_EDITABLE = ("decision", "argument")

# The decisions the register knows (its CHECK constraint), as the drop-down shows them.
DECISIONS: dict[str, str] = {
    "accepted": "Se acceptă / Accepted",
    "partially-accepted": "Se acceptă parțial / Partially accepted",
    "not-accepted": "Nu se acceptă / Not accepted",
    "noted": "Se ia act / Noted",
}
NEEDS_ARGUMENT = frozenset(DECISIONS) - {"accepted"}

PRIVATE_INDIVIDUAL = "persoană fizică / private individual"
ANONYMOUS = "anonim / anonymous"  # neither an organisation nor a name
CAMPAIGN_PREFIX = "C-"
_UNMATCHED = " (negăsită în proiect / not found in the draft)"
_HEADER_SCAN = 10  # the header row is looked for in the first rows
_MAX_ROW_HEIGHT = 409  # points: the most a spreadsheet row can be


_DECISION_INDEX = fields.code_index(DECISIONS)


def parse_decision(value: str) -> str | None:
    """ "Nu se acceptă", "not accepted", "NOT-ACCEPTED" or the whole label -> "not-accepted"."""
    return _DECISION_INDEX.get(fields.key(value))


@dataclass(frozen=True)
class ImportResult:
    """What an import did, in comments (a campaign row counts each of its comments).

    ``decided + unchanged`` is every comment of the register.
    """

    decided: int  # given a decision, or a different decision or argument, by this import
    unchanged: int  # left as they were: the same decision, or none in the sheet
    undecided: int  # without any decision after the import


# ---------------------------------------------------------------- export


@dataclass
class _Row:
    """One row of the sheet: a comment, or a campaign standing for several."""

    id: int | str
    document: str
    provision: str
    question: str
    participant: str
    position: str
    comment: str
    proposed_wording: str
    flags: str
    decision: str
    argument: str

    def cells(self) -> list[int | str]:
        """The row's cells in the order of :data:`HEADERS`."""
        return [self.id, *(fit_cell(getattr(self, field)) for field in _TEXT_FIELDS)]


_TEXT_FIELDS = tuple(HEADERS)[1:]


def export_decisions(register: Register, provisions: Provisions | None = None) -> bytes:
    """The decisions sheet as XLSX bytes, identical for an identical register.

    ``provisions`` (from :func:`lexkit.consult.provisions.provision_index`) gives the draft's
    order of documents and provisions; without it, documents go by name (the draft law
    first) and provisions by their numbers.
    """
    rows = _sheet_rows(register, _Order(provisions))
    return _workbook(rows)


_COMMENTS = (
    # Never e-mail or phone: the sheet circulates among the drafters.
    "SELECT comments.id, document, provision, provision_raw, organisation, contact_name, "
    "consent, position, comment, proposed_wording, campaign, question, flags, decision, "
    "argument FROM comments LEFT JOIN decisions ON decisions.comment_id = comments.id "
    "ORDER BY comments.id"
)


class _Order:
    """Sort keys: document, then provision as in the draft, then comment id."""

    def __init__(self, provisions: Provisions | None) -> None:
        self.documents: dict[str, int] = {}
        self.labels: dict[tuple[str, str], int] = {}
        if provisions is not None:
            for (document, *_), label in provisions.by_numbers.items():
                self.documents.setdefault(document, len(self.documents))
                self.labels.setdefault((document, label), len(self.labels))

    def key(self, row: sqlite3.Row) -> tuple[Any, ...]:
        document: str = row["document"]
        if document in self.documents:
            document_key: tuple[Any, ...] = (0, self.documents[document])
        else:
            document_key = (1, document != MAIN_DOCUMENT, document)
        label: str | None = row["provision"]
        if label == GENERAL:
            provision_key: tuple[Any, ...] = (0,)
        elif label is None:  # matches nothing in the draft: last
            provision_key = (3, fields.key(row["provision_raw"]))
        elif (document, label) in self.labels:
            provision_key = (1, self.labels[(document, label)])
        else:
            provision_key = (2, _natural(label))
        return (document_key, provision_key, row["id"])


def _natural(label: str) -> tuple[tuple[int, int | str], ...]:
    """ "art. VIII alin. (2)" -> art, 8, alin, 2: numbers (Roman too) sort as numbers."""
    out: list[tuple[int, int | str]] = []
    for word in re.findall(r"\w+", label):
        number = int(word) if word.isdigit() else from_roman(word)
        out.append((0, number) if number is not None else (1, word.casefold()))
    return tuple(out)


def _sheet_rows(register: Register, order: _Order) -> list[_Row]:
    comments = sorted(register.db.execute(_COMMENTS).fetchall(), key=order.key)
    campaigns: dict[str, list[sqlite3.Row]] = {}
    for comment in comments:
        if comment["campaign"] is not None:
            campaigns.setdefault(comment["campaign"], []).append(comment)
    rows: list[_Row] = []
    for comment in comments:
        tag = comment["campaign"]
        if tag is None:
            rows.append(_comment_row(comment))
        elif campaigns[tag][0] is comment:  # the campaign's place: its first comment's
            rows.append(_campaign_row(tag, campaigns[tag]))
    return rows


def _participant(comment: sqlite3.Row) -> str:
    """The organisation; a person's name only with their consent to publish it."""
    if comment["organisation"]:
        return str(comment["organisation"])
    if comment["consent"] and comment["contact_name"]:
        return str(comment["contact_name"])
    if not comment["contact_name"]:
        return ANONYMOUS
    return PRIVATE_INDIVIDUAL


def _provision(comment: sqlite3.Row) -> str:
    if comment["provision"] is not None:
        return str(comment["provision"])
    return str(comment["provision_raw"]) + _UNMATCHED


def _position(code: str) -> str:
    return POSITIONS.get(code, code)


def _comment_row(comment: sqlite3.Row) -> _Row:
    return _Row(
        id=comment["id"],
        document=comment["document"],
        provision=_provision(comment),
        question=comment["question"] or "",
        participant=_participant(comment),
        position=_position(comment["position"]),
        comment=comment["comment"] or "",
        proposed_wording=comment["proposed_wording"] or "",
        flags=comment["flags"] or "",
        decision=DECISIONS[comment["decision"]] if comment["decision"] else "",
        argument=(comment["argument"] or "") if comment["decision"] else "",
    )


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _campaign_row(tag: str, members: list[sqlite3.Row]) -> _Row:
    """One row for the campaign: its respondents counted and named, its comments' ids.

    The decision shown is the one its comments share; when they differ (a campaign that
    grew after some of its comments were decided), none is shown, and a row left empty
    keeps each comment's own.
    """
    respondents: dict[str, str] = {}  # who (as intake groups them) -> as the sheet shows them
    for member in members:
        who = member["organisation"] or member["contact_name"] or f"#{member['id']}"
        respondents.setdefault(who, _participant(member))
    shown: dict[str, int] = {}
    for name in respondents.values():
        shown[name] = shown.get(name, 0) + 1
    names = "; ".join(name if n == 1 else f"{name} ({n})" for name, n in shown.items())
    ids = ", ".join(str(m["id"]) for m in sorted(members, key=lambda m: m["id"]))
    participant = (
        f"{len(respondents)} respondenți / respondents (comentariile / comments {ids}): {names}"
    )
    decided = {(m["decision"], m["argument"] or "") for m in members if m["decision"]}
    decision, argument = next(iter(decided)) if len(decided) == 1 else ("", "")
    return _Row(
        id=CAMPAIGN_PREFIX + tag,
        document="; ".join(_distinct(m["document"] for m in members)),
        provision="; ".join(_distinct(_provision(m) for m in members)),
        question="; ".join(_distinct(m["question"] or "" for m in members)),
        participant=participant,
        position="; ".join(_distinct(_position(m["position"]) for m in members)),
        comment=next((m["comment"] for m in members if m["comment"]), ""),
        proposed_wording="\n\n".join(_distinct(m["proposed_wording"] or "" for m in members)),
        flags="\n".join(_distinct(m["flags"] or "" for m in members)),
        decision=DECISIONS[decision] if decision else "",
        argument=argument,
    )


def _workbook(rows: Sequence[_Row]) -> bytes:
    """The sheet laid out by openpyxl (header, styles, drop-down, filter, protection), its
    rows written by :func:`workbook_with_rows`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = DECISIONS_SHEET
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_fill = PatternFill("solid", fgColor="D9E2F3")
    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append(list(HEADERS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = wrap
        cell.border = border
    # Row 2 is the pattern of every row: workbook_with_rows gives each cell its column's style.
    for column, field in enumerate(HEADERS, 1):
        cell = sheet.cell(2, column)
        cell.alignment = wrap
        cell.border = border
        if field in _EDITABLE:
            cell.protection = Protection(locked=False)
            cell.fill = answer_fill
    widths = [_WIDTHS[field] for field in HEADERS]
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[1].height = row_height(list(HEADERS.values()), widths)
    last = len(rows) + 1
    if rows:
        _decision_list(sheet, list(HEADERS).index("decision") + 1, last)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(last, 2)}"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Protected without a password: only the decision and argument cells can be edited,
    # while columns and rows may still be resized and the filter used.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    props = book.properties
    props.title = "Decizii asupra recomandărilor / Decisions on the recommendations"
    props.creator = "lexkit"
    props.language = "ro-RO"
    props.created = props.modified = FIXED_PROPERTY_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    cells = [row.cells() for row in rows]
    heights = [row_height(c, widths) for c in cells]
    return workbook_with_rows(buffer.getvalue(), {1: (cells, heights)})


def _decision_list(sheet: Worksheet, column: int, last: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = ",".join(DECISIONS.values())  # an inline list: under 255 characters
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Decizia / Decision",
        error="Alegeți decizia din listă. / Choose the decision from the list.",
    )
    letter = get_column_letter(column)
    validation.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(validation)


def row_height(cells: Sequence[object], widths: Sequence[float]) -> float:
    """A height that shows the wrapped text (LibreOffice keeps a row's default height),
    estimated from the column widths, up to the most a row can be."""
    lines = 1
    for value, width in zip(cells, widths, strict=False):
        if isinstance(value, str) and value:
            # Characters per line of the column, and a line more for each line break.
            lines = max(lines, len(value) // max(1, int(width)) + value.count("\n") + 1)
    return min(_MAX_ROW_HEIGHT, round(lines * 11 * 1.4, 1))


# ---------------------------------------------------------------- rows as XML text

_SHEET_PART = "xl/worksheets/sheet{number}.xml"
_PATTERN_ROW = re.compile(rb'<row r="2"[^>]*?(?:/>|>.*?</row>)', re.S)
_PATTERN_CELL = re.compile(rb'<c r="([A-Z]+)2" s="(\d+)"')
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
# Characters XML 1.0 cannot hold (openpyxl refuses them too): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


Rows = Sequence[Sequence[int | str | None]]


def workbook_with_rows(
    laid_out: bytes, sheets: Mapping[int, tuple[Rows, Sequence[float] | None]]
) -> bytes:
    """A workbook openpyxl laid out, with rows written from row 2 of some of its sheets, as
    deterministic XLSX bytes.

    ``sheets``: the sheet's number (1 for the first) -> its rows and their heights in
    points (None: the default height). Each such sheet of the laid-out workbook has its
    header in row 1 and, in row 2, one empty cell per column with the style every row's
    cell takes; row 2 is replaced by the rows. Texts must already be fit for a cell
    (:func:`~lexkit.io.xlsx.fit_cell`). Everything else (filters, drop-downs, protection,
    widths) stays as openpyxl wrote it.
    """
    parts = parts_from_bytes(deterministic_xlsx(laid_out))
    for number, (rows, heights) in sheets.items():
        name = _SHEET_PART.format(number=number)
        parts[name] = _with_rows(parts[name], rows, heights, name)
    return zip_parts(parts)


def _with_rows(xml: bytes, rows: Rows, heights: Sequence[float] | None, name: str) -> bytes:
    pattern = _PATTERN_ROW.search(xml)
    if pattern is None:
        raise ValueError(f"{name}: no row 2 to take the cells' styles from")
    styles = {
        letter.decode(): style.decode() for letter, style in _PATTERN_CELL.findall(pattern.group())
    }
    width = max((len(row) for row in rows), default=0)
    columns = [_column_letter(index) for index in range(width)]
    body = _rows_xml(rows, heights, [styles.get(c) for c in columns])
    if _NOT_XML.search(body):  # one pass over all the text: markup never holds these
        body = _NOT_XML.sub("", body)
    before, after = xml[: pattern.start()], xml[pattern.end() :]
    if rows and width:  # the range the sheet's cells cover (it precedes the rows)
        dimension = f'<dimension ref="A1:{columns[-1]}{len(rows) + 1}"/>'.encode()
        before = _DIMENSION.sub(dimension, before, count=1)
    return b"".join((before, body.encode("utf-8", "replace"), after))


def _column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _rows_xml(rows: Rows, heights: Sequence[float] | None, styles: list[str | None]) -> str:
    """The rows from row 2 on. A cell without its reference ("r") is the one after the
    cell before it, so every cell is written, an empty one too (with its style)."""
    styled = [f' s="{style}"' if style else "" for style in styles]
    empty = [f"<c{s}/>" for s in styled]
    number_start = [f"<c{s}><v>" for s in styled]
    text_start = [f'<c{s} t="inlineStr"><is><t>' for s in styled]
    kept_start = [f'<c{s} t="inlineStr"><is><t xml:space="preserve">' for s in styled]
    out: list[str] = []
    add = out.append
    for index, cells in enumerate(rows):
        height = f' ht="{heights[index]}" customHeight="1"' if heights else ""
        add(f'<row r="{index + 2}"{height}>')
        for column, value in enumerate(cells):
            if value is None or value == "":
                add(empty[column])
            elif isinstance(value, int):
                add(f"{number_start[column]}{value}</v></c>")
            else:
                spaced = value[0].isspace() or value[-1].isspace()
                add((kept_start if spaced else text_start)[column])
                if "&" in value or "<" in value or ">" in value:
                    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                add(value)
                add("</t></is></c>")
        add("</row>")
    return "".join(out)


# ---------------------------------------------------------------- import


_Rows = list[tuple[int, tuple[Any, ...]]]  # (row number, cell values) of a sheet


@dataclass(frozen=True)
class _Columns:
    sheet: str
    header_row: int
    index: dict[str, int]  # field -> 0-based column


@dataclass(frozen=True)
class _Decision:
    row: int
    decision: str
    argument: str


class _Reader:
    """Collects the problems of one file, each with its sheet, row and column."""

    def __init__(self, path: Path) -> None:
        self.shown = display_path(path)
        self.problems: list[Problem] = []

    def file_problem(self, message: str, fix: str) -> None:
        self.problems.append(Problem(Location(self.shown), message, fix, code="I003"))

    def problem(self, columns: _Columns, row: int, field: str, message: str, fix: str) -> None:
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(columns.index[field] + 1)
        where = f"sheet „{columns.sheet}”, column {letter} „{HEADERS[field]}”"
        self.problems.append(Problem(Location(self.shown, row, where), message, fix, code="I004"))


_EXPORT_AGAIN = (
    "export the sheet again with `lexkit consult decisions export`, fill in the decisions "
    "and save it as .xlsx"
)


def import_decisions(register: Register, path: Path) -> ImportResult:
    """Record the decisions of a filled-in sheet; raises LexkitError with every problem,
    having written nothing, when any row is wrong or the file cannot be read."""
    reader = _Reader(path)
    rows = _read_rows(path, reader)
    if rows is None:
        raise LexkitError(reader.problems)
    columns, values = rows
    wanted = _check_rows(register, columns, values, reader)
    if reader.problems:
        raise LexkitError(reader.problems)
    return _record(register, wanted)


def _read_rows(path: Path, reader: _Reader) -> tuple[_Columns, _Rows] | None:
    """The sheet's header and its rows (number, values), or None with the problems said."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            reader.file_problem("larger than 50 MB: not a decisions sheet", _EXPORT_AGAIN)
            return None
        data = path.read_bytes()
    except OSError as error:
        reader.file_problem(f"cannot be opened ({error.strerror or error})", "check the path")
        return None
    try:
        if not data.startswith(b"PK"):
            raise Unreadable("not an XLSX workbook")
        read_data(data, path.suffix)  # the intake's checks: size, zip bombs, XML entities
        found = _find_sheet(data)
    except Unreadable as error:
        reader.file_problem(f"unreadable: {error.reason}", _EXPORT_AGAIN)
        return None
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        reader.file_problem(
            f"unreadable: not an XLSX workbook lexkit can read ({error})", _EXPORT_AGAIN
        )
        return None
    if found is not None:
        return found
    reader.file_problem(
        f"no sheet with the columns „{HEADERS['id']}”, „{HEADERS['decision']}” and "
        f"„{HEADERS['argument']}” in its first {_HEADER_SCAN} rows",
        _EXPORT_AGAIN,
    )
    return None


def _find_sheet(data: bytes) -> tuple[_Columns, _Rows] | None:
    """The first sheet with the header row (the decisions sheet first): its columns and the
    rows under the header, numbered as the spreadsheet numbers them."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for name in _sheet_names(book.sheetnames):
            sheet = book[name]
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            rows = [
                (number, tuple(values))
                for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
            ]
            columns = _header(name, rows)
            if columns is not None:
                return columns, rows[columns.header_row :]
    finally:
        book.close()
    return None


def _sheet_names(names: list[str]) -> list[str]:
    """The decisions sheet first, then the others (a sheet renamed still works)."""
    return sorted(names, key=lambda name: name != DECISIONS_SHEET)


_HEADER_KEYS: dict[str, str] = {
    fields.key(text): field
    for field, header in HEADERS.items()
    for text in (header, *header.split(" / "))
}


def _header(sheet: str, rows: _Rows) -> _Columns | None:
    for position, (_, values) in enumerate(rows[:_HEADER_SCAN]):
        index: dict[str, int] = {}
        for column, value in enumerate(values):
            field = _HEADER_KEYS.get(fields.key(cell_text(value)))
            if field is not None:
                index.setdefault(field, column)
        if {"id", "decision", "argument"} <= set(index):
            return _Columns(sheet, position + 1, index)
    return None


def _check_rows(
    register: Register,
    columns: _Columns,
    rows: _Rows,
    reader: _Reader,
) -> dict[int, _Decision]:
    """Comment id -> the decision the sheet gives it; every bad row becomes a problem."""
    known = {row[0] for row in register.db.execute("SELECT id FROM comments")}
    campaigns: dict[str, list[int]] = {}
    for comment_id, tag in register.db.execute(
        "SELECT id, campaign FROM comments WHERE campaign IS NOT NULL ORDER BY id"
    ):
        campaigns.setdefault(tag, []).append(comment_id)
    wanted: dict[int, _Decision] = {}

    def cell(values: tuple[Any, ...], field: str) -> str:
        column = columns.index[field]
        value = values[column] if column < len(values) else None
        return fields.normalise_text(cell_text(value))

    for number, values in rows:
        if not any(cell_text(v).strip() for v in values):
            continue
        id_text, decision_text, argument = (cell(values, f) for f in ("id", "decision", "argument"))
        targets = _targets(id_text, known, campaigns)
        if targets is None:
            reader.problem(
                columns,
                number,
                "id",
                f"ID {id_text!r} is neither a comment nor a campaign of the register"
                if id_text
                else "no ID",
                "keep the ID column as exported (a number, or C- and the campaign's tag); "
                "import the sheet into the dossier it was exported from",
            )
        decision = parse_decision(decision_text) if decision_text else None
        choices = ", ".join(f"„{label}”" for label in DECISIONS.values())
        if decision_text and decision is None:
            reader.problem(
                columns,
                number,
                "decision",
                f"decision {decision_text!r} is not one lexkit knows",
                f"choose one of {choices} (the Romanian or English half alone will do)",
            )
        elif not decision_text and argument:
            reader.problem(
                columns,
                number,
                "decision",
                "an argument without a decision",
                f"choose the decision ({choices}), or clear the argument",
            )
        elif decision in NEEDS_ARGUMENT and not argument:
            reader.problem(
                columns,
                number,
                "argument",
                f"„{DECISIONS[decision]}” without an argument",
                "write why: every decision but „Se acceptă / Accepted” needs its argument",
            )
        elif decision is not None and targets is not None:
            _want(wanted, targets, _Decision(number, decision, argument), columns, reader)
    return wanted


def _targets(id_text: str, known: set[int], campaigns: dict[str, list[int]]) -> list[int] | None:
    """The comments an ID stands for: one comment, or every comment of a campaign."""
    if id_text[: len(CAMPAIGN_PREFIX)].upper() == CAMPAIGN_PREFIX:
        return campaigns.get(id_text[len(CAMPAIGN_PREFIX) :].strip().lower())
    if id_text.isdigit() and int(id_text) in known:
        return [int(id_text)]
    return None


def _want(
    wanted: dict[int, _Decision],
    targets: list[int],
    decision: _Decision,
    columns: _Columns,
    reader: _Reader,
) -> None:
    for comment_id in targets:
        earlier = wanted.setdefault(comment_id, decision)
        if (earlier.decision, earlier.argument) != (decision.decision, decision.argument):
            reader.problem(
                columns,
                decision.row,
                "decision",
                f"comment {comment_id} already has another decision on row {earlier.row}",
                "give the comment one decision: make the two rows agree or clear one",
            )
            return


def _record(register: Register, wanted: dict[int, _Decision]) -> ImportResult:
    before = {
        row[0]: (row[1], row[2])
        for row in register.db.execute("SELECT comment_id, decision, argument FROM decisions")
    }
    changes: list[tuple[int, str, str | None]] = []
    for comment_id, new in sorted(wanted.items()):
        old_decision, old_argument = before.get(comment_id, (None, None))
        argument: str | None = new.argument or None
        if old_argument and new.argument == fields.normalise_text(fit_cell(old_argument)):
            argument = old_argument  # as exported (neutralised, or cut): the register's whole
        if (old_decision, old_argument) != (new.decision, argument):
            changes.append((comment_id, new.decision, argument))
    total = register.db.execute("SELECT count(*) FROM comments").fetchone()[0]
    with register.transaction() as db:
        db.executemany(
            "INSERT OR REPLACE INTO decisions (comment_id, decision, argument) VALUES (?, ?, ?)",
            changes,
        )
    decided = register.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    return ImportResult(len(changes), total - len(changes), total - decided)
