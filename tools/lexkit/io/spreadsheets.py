"""Reading one spreadsheet from outside (a stakeholder's file, a dossier's data table) into
sheets of cell values, safely.

The kind of file is decided by its first bytes, not by its name: stakeholders rename,
re-save and forward files, and a hostile file can be named anything. Workbooks (XLSX,
XLS, ODS) are read with python-calamine, which returns the values Excel last calculated
(a formula never runs); CSV and text files with the standard library after the encoding
and delimiter are found. Before calamine sees a ZIP-based workbook, every archive member
is checked against the size limits, the XML is checked for entity declarations, and the
sheets' used area is measured, because calamine allocates the whole area at once and a
few bytes can ask for gigabytes. :func:`formula_cells` lists which cells of a workbook
hold formulas, for readers that flag them. Anything wrong becomes :class:`Unreadable`
with a reason in plain words; nothing else escapes for bad input.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO
from xml.parsers import expat
from xml.sax import saxutils

from charset_normalizer import CharsetMatch, from_bytes
from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

from lexkit.io.untrusted import (
    ENCRYPTED,
    MAX_FILE_BYTES,
    OLE_MAGIC,
    ZIP_MAGIC,
    Unreadable,
    check_members,
    check_size,
    known_kind,
    member_head,
    ole_stream,
    read_bounded,
    refuse_doctype,
    shown_member,
)

_SPLIT = "split it into smaller files"

_MB = 1024 * 1024
MAX_TAG_BYTES = 1 * _MB  # no real XML tag comes near this; a longer one is an attack
_CHUNK = 1 * _MB
# Rows x columns of one sheet's used area. calamine holds every cell of that rectangle
# (about 32 bytes each) before Python sees a row; 5 million cells is 100,000 rows of 50
# columns.
MAX_CELLS = 5_000_000


@dataclass
class Sheet:
    """One sheet's non-blank rows and, for each, its row number as the user sees it.

    ``numbers`` are 1-based Excel row numbers (for a CSV, the line the record starts on).
    Rows are ragged: trailing empty cells are dropped, and a missing cell is empty. A
    workbook's rows start at the first used column. A CSV gives one sheet named "".
    """

    name: str
    rows: list[list[object]]
    numbers: list[int]
    first_column: int = 0  # 0-based column of the rows' first cell (A = 0), for column letters


def read_file(path: Path) -> list[Sheet]:
    """Every sheet of a spreadsheet or CSV file; :class:`Unreadable` says why not."""
    try:
        return _read(path)
    except Unreadable as exc:
        exc.path = path
        raise
    except OSError as exc:
        raise Unreadable(f"cannot be opened: {exc.strerror or exc}", path) from exc


def _read(path: Path) -> list[Sheet]:
    return read_data(read_bounded(path, _SPLIT), path.suffix)


def read_data(data: bytes, suffix: str = "") -> list[Sheet]:
    """Every sheet of a file already in memory (the caller hashed it, say); ``suffix`` is
    the file's extension, used only in messages. Raises :class:`Unreadable`."""
    if not data:
        raise Unreadable("the file is empty")
    check_size(len(data), _SPLIT)
    suffix = suffix.lower() or "extension-less"
    if data.startswith(ZIP_MAGIC):
        _check_zip(data)
        return _read_workbook(data)
    if data.startswith(OLE_MAGIC):
        _check_ole(data)
        return _read_workbook(data)
    what = known_kind(data)
    if what is not None:
        raise Unreadable(f"not a spreadsheet: {what} in a {suffix} file")
    return [_read_text(data, suffix)]


# --- workbooks -----------------------------------------------------------------------


def _read_workbook(data: bytes) -> list[Sheet]:
    try:
        # From the bytes, not the path: calamine then goes by content, as we do, and not
        # by the extension (an .xlsx saved under .xls would otherwise be refused).
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            return [
                _sheet(book, meta.name)
                for meta in book.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet  # chart and macro sheets hold no rows
            ]
    except Unreadable:
        raise
    except PasswordError as exc:
        raise Unreadable(ENCRYPTED) from exc
    except Exception as exc:
        raise Unreadable(f"truncated or damaged: {_calamine_message(exc)}") from exc
    except BaseException as exc:
        # A Rust panic inside calamine arrives as pyo3's PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise Unreadable(f"truncated or damaged: the reader failed on it ({exc})") from exc


def _calamine_message(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _sheet(book: CalamineWorkbook, name: str) -> Sheet:
    sheet = book.get_sheet_by_name(name)
    if sheet.height * sheet.width > MAX_CELLS:
        raise Unreadable(_too_many_cells(f"sheet {name!r}", sheet.height, sheet.width))
    first, first_column = sheet.start if sheet.start else (0, 0)
    rows: list[list[object]] = []
    numbers: list[int] = []
    for offset, raw in enumerate(sheet.to_python()):
        # A whole number stored as a float (3.0, a phone number) reads as the int it shows.
        row: list[object] = [
            int(cell) if type(cell) is float and cell.is_integer() else cell for cell in raw
        ]
        if _trim(row):
            rows.append(row)
            numbers.append(first + offset + 1)
    return Sheet(name, rows, numbers, first_column)


def _too_many_cells(what: str, height: int, width: int) -> str:
    return (
        f"{what} spans {height:,} rows x {width:,} columns (over {MAX_CELLS:,} "
        "cells): refused to protect memory; delete the unused rows and columns"
    )


def _trim(row: list[object]) -> bool:
    """Drop trailing blank cells in place; true if anything is left."""
    while row and _blank(row[-1]):
        row.pop()
    return bool(row)


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# --- ZIP-based workbooks: XLSX and ODS -----------------------------------------------


def _check_zip(data: bytes) -> None:
    """Refuse a ZIP workbook that is a bomb, carries entities or asks for too many cells."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            check_members(members)
            kind = _zip_kind(archive)
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _check_prolog(archive, member)
            if kind == "xlsx":
                for sheet_part in _worksheet_members(archive):
                    _check_xlsx_extent(archive, sheet_part)
            else:
                _check_ods_extent(archive)
    except Unreadable:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds on a damaged archive
        message = f"truncated or damaged: the archive is incomplete or corrupt ({exc})"
        raise Unreadable(message) from exc


def _zip_kind(archive: zipfile.ZipFile) -> str:
    """ "xlsx" or "ods"; any other ZIP (a Word file, a plain archive) is refused."""
    names = {name.lower() for name in archive.namelist()}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise Unreadable("an Excel binary workbook (.xlsb) is not read; save it as .xlsx")
    if "content.xml" in names:
        mimetype = b""
        for name in archive.namelist():
            if name.lower() == "mimetype":
                mimetype = member_head(archive, name, 200)
        if not mimetype or b"spreadsheet" in mimetype:
            return "ods"
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
        raise Unreadable(f"not a spreadsheet: an OpenDocument {kind} file")
    if "word/document.xml" in names:
        raise Unreadable("not a spreadsheet: a Word document")
    if "ppt/presentation.xml" in names:
        raise Unreadable("not a spreadsheet: a PowerPoint presentation")
    raise Unreadable("not a spreadsheet: a ZIP archive; unpack it and send the files inside")


def _check_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse XML that declares a DOCTYPE, or that is no XML at all."""
    head = refuse_doctype(archive, member.filename, "spreadsheet").replace(b"\x00", b"")
    if len(head) >= 2048 and not re.search(rb"<[A-Za-z_]", head):
        raise Unreadable(
            f"archive member {shown_member(member.filename)} has no XML element in its first "
            "4 KB: refused as damaged or unsafe"
        )


_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_TARGET = re.compile(rb'\bTarget="([^"]*)"')
_TYPE = re.compile(rb'\bType="([^"]*)"')


def _worksheet_members(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet parts, found as calamine finds them (through the workbook's
    relationships) and by their usual folder, so a sheet stored elsewhere is still measured.
    """
    by_lower = {name.lower(): name for name in archive.namelist()}
    found = {name for lower, name in by_lower.items() if lower.startswith("xl/worksheets/")}
    found.update(_worksheet_relationships(archive).values())
    return sorted(name for name in found if name.lower().endswith(".xml"))


_ID = re.compile(rb'\bId\s*=\s*"([^"]*)"')


def _worksheet_relationships(archive: zipfile.ZipFile) -> dict[str, str]:
    """The workbook's worksheet relationships: relationship id -> archive member."""
    by_lower = {name.lower(): name for name in archive.namelist()}
    rels = by_lower.get("xl/_rels/workbook.xml.rels")
    found: dict[str, str] = {}
    if rels is None:
        return found
    text = member_head(archive, rels, MAX_TAG_BYTES)
    for element in _RELATIONSHIP.findall(text):
        kind, target = _TYPE.search(element), _TARGET.search(element)
        if kind and target and kind[1].endswith(b"/worksheet"):
            relative = target[1].decode("utf-8", "replace")
            resolved = relative[1:] if relative.startswith("/") else "xl/" + relative
            name = by_lower.get(posixpath.normpath(resolved).lower())
            if name is not None:
                identifier = _ID.search(element)
                found[identifier[1].decode("utf-8", "replace") if identifier else name] = name
    return found


# A cell or row start tag with a position: <c r="B7" t="s">, <row r="7">. A self-closing
# <c r="B7" s="1"/> is an empty formatted cell, which calamine skips. XML allows spaces
# around "=" and either quote, and so does calamine's parser.
_POSITIONED = re.compile(rb"""r\s*=\s*["']([A-Za-z]{0,3})([0-9]{1,7})["'][^>/]*>""")
# Every row that holds cells, and every cell without a position, in document order: a
# cell without r takes the column after the one before it, a row without r the next row.
_ATTRIBUTE = rb"""\s+(?!r\s*=)[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*')"""
_ROW_OR_BARE_CELL = re.compile(
    rb"<(?:\w+:)?(?:(row)(?=[\s>])[^>]*(?<!/)>|c(?=[\s/>])(?:" + _ATTRIBUTE + rb")*\s*/?>)"
)


def _check_xlsx_extent(archive: zipfile.ZipFile, member: str) -> None:
    """Refuse a sheet whose cells would span more than MAX_CELLS, as calamine lays them out."""
    top, bottom = MAX_CELLS * 1000, 0
    columns: set[bytes] = set()
    positioned_rows = rows = bare_run = widest_bare_run = 0
    for block in _tag_blocks(archive, member):
        found = _POSITIONED.findall(block)
        if found:
            letters, digits = zip(*found, strict=True)
            numbers = [int(row) for row in digits]
            top, bottom = min(top, *numbers), max(bottom, *numbers)
            columns.update(letter.upper() for letter in letters)
            positioned_rows += letters.count(b"")
        for tag in _ROW_OR_BARE_CELL.findall(block):
            if tag:  # a row: the run of cells without a position starts again
                rows, bare_run = rows + 1, 0
            else:
                bare_run += 1
                widest_bare_run = max(widest_bare_run, bare_run)
    columns.discard(b"")  # the rows' positions, which have no column
    numbers = [_column_number(column) for column in columns]
    height = (bottom - top + 1 if bottom else 0) + max(rows - positioned_rows, 0)
    width = (max(numbers) - min(numbers) + 1 if numbers else 0) + widest_bare_run
    if height * width > MAX_CELLS:
        where = f"the sheet stored as {shown_member(member)}"
        raise Unreadable(_too_many_cells(where, height, width))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _tag_blocks(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The member's bytes in pieces that never cut a tag in two."""
    carry = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            block = carry + chunk
            cut = block.rfind(b"<")
            if cut < 0 or block.find(b">", cut) >= 0:
                cut = len(block)  # the last tag is complete
            carry = block[cut:]
            if len(carry) > MAX_TAG_BYTES:
                raise Unreadable(
                    f"archive member {shown_member(member)} has an XML tag over 1 MB long: "
                    "refused as damaged or unsafe"
                )
            yield block[:cut]


class _OdsExtent:
    """Measures each table of an ODS content.xml as calamine will lay it out.

    ODS compresses runs with number-rows-repeated and number-columns-repeated; the runs
    of empty cells that LibreOffice writes up to column XFD are harmless, but a repeated
    cell with content is stored once per repetition.
    """

    def __init__(self) -> None:
        self.table = ""
        self.row = self.used_rows = self.used_columns = 0
        self.column = self.row_width = 0
        self.row_repeat = self.cell_repeat = 1
        self.in_cell = self.cell_filled = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = _local(name)
        attrs = {_local(key): value for key, value in attributes.items()}
        if tag == "table":
            self.table = attrs.get("name", "")
            self.row = self.used_rows = self.used_columns = 0
        elif tag == "table-row":
            self.row_repeat = _count(attrs.get("number-rows-repeated"))
            self.column = self.row_width = 0
        elif tag in ("table-cell", "covered-table-cell"):
            self.cell_repeat = _count(attrs.get("number-columns-repeated"))
            self.in_cell, self.cell_filled = True, "value-type" in attrs
        elif self.in_cell:
            self.cell_filled = True  # a paragraph or other content inside the cell

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag in ("table-cell", "covered-table-cell"):
            if self.cell_filled:
                self.row_width = self.column + self.cell_repeat
            self.column += self.cell_repeat
            self.in_cell = False
        elif tag == "table-row":
            if self.row_width:
                self.used_rows = self.row + self.row_repeat
                self.used_columns = max(self.used_columns, self.row_width)
            self.row += self.row_repeat
        elif tag == "table" and self.used_rows * self.used_columns > MAX_CELLS:
            where = f"sheet {self.table!r}"
            raise Unreadable(_too_many_cells(where, self.used_rows, self.used_columns))


def _local(name: str) -> str:
    """An element or attribute name without its namespace, whatever prefix the file chose."""
    return name.rpartition(" ")[2]


def _count(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 1


def _refuse_doctype(*_: object) -> None:
    raise Unreadable("content.xml declares a DOCTYPE (XML entities): refused as unsafe")


def _check_ods_extent(archive: zipfile.ZipFile) -> None:
    _read_ods_content(archive, _OdsExtent())


def _read_ods_content(archive: zipfile.ZipFile, reader: _OdsExtent | _OdsFormulas) -> bool:
    """Stream an ODS's content.xml through ``reader``'s start and end handlers (no DTD, in
    bounded chunks); False when the archive has no content.xml."""
    name = next((n for n in archive.namelist() if n.lower() == "content.xml"), None)
    if name is None:
        return False
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise Unreadable(f"truncated or damaged: content.xml is not well-formed ({exc})") from exc
    return True


# --- formula cells ------------------------------------------------------------------

MAX_FORMULAS = 1_000_000  # listed per file; a register or a list of names has far fewer
_FORMULA_TEXT = 8192  # Excel's own limit on a formula's length


@dataclass(frozen=True)
class Formula:
    """A cell of a workbook that holds a formula. The readers above return the value Excel
    last calculated (``cached``), or nothing when the file was saved without one (files
    written by programs rather than by Excel); the formula itself never runs."""

    row: int  # 1-based, as the spreadsheet shows it
    column: int  # 0-based (A = 0), as :attr:`Sheet.first_column`
    text: str  # as written, with its "=" ("=" alone when the cell shares another's formula)
    cached: bool


def formula_cells(data: bytes) -> dict[str, list[Formula]]:
    """The formula cells of an XLSX or ODS workbook, by sheet name; none for CSV and
    Office 97-2003 files. The archive passes the checks of :func:`read_data` first;
    :class:`Unreadable` says why not."""
    if not data.startswith(ZIP_MAGIC):
        return {}
    check_size(len(data), _SPLIT)
    _check_zip(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if _zip_kind(archive) == "xlsx":
                return _xlsx_formulas(archive)
            return _ods_formulas(archive)
    except Unreadable:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds on a damaged archive
        message = f"truncated or damaged: the archive is incomplete or corrupt ({exc})"
        raise Unreadable(message) from exc


_SHEET_ELEMENT = re.compile(rb"<(?:\w+:)?sheet(?=[\s/>])[^>]*>")
_SHEET_NAME = re.compile(rb'\bname\s*=\s*"([^"]*)"')
_SHEET_RELATIONSHIP = re.compile(rb'\s(?:\w+:)?id\s*=\s*"([^"]*)"')


def _xlsx_formulas(archive: zipfile.ZipFile) -> dict[str, list[Formula]]:
    by_lower = {name.lower(): name for name in archive.namelist()}
    workbook = by_lower.get("xl/workbook.xml")
    if workbook is None:
        return {}
    members = _worksheet_relationships(archive)
    found: dict[str, list[Formula]] = {}
    count = 0
    for block in _tag_blocks(archive, workbook):
        for element in _SHEET_ELEMENT.findall(block):
            name, relationship = _SHEET_NAME.search(element), _SHEET_RELATIONSHIP.search(element)
            member = (
                members.get(relationship[1].decode("utf-8", "replace")) if relationship else None
            )
            if name is None or member is None:
                continue
            formulas = _XlsxFormulas(archive, member).cells(MAX_FORMULAS - count)
            count += len(formulas)
            found[_unescape(name[1])] = formulas
    return found


def _unescape(text: bytes) -> str:
    return saxutils.unescape(text.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})


_CELL_PART = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c|f|v)(?=[\s/>])([^>]*?)(/?)>")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["']([0-9]{1,7})["']""")
_CELL_REFERENCE = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{1,3})([0-9]{1,7})["']""")


class _XlsxFormulas:
    """Reads one sheet part in tag blocks, keeping where it is between blocks (a formula's
    text may be cut by a block's end; a tag never is)."""

    def __init__(self, archive: zipfile.ZipFile, member: str) -> None:
        self.archive, self.member = archive, member
        self.row, self.column = 0, -1
        self.formula: bytearray | None = None  # inside a cell that holds a formula
        self.in_formula = self.in_value = self.cached = False
        self.found: list[Formula] = []

    def cells(self, limit: int) -> list[Formula]:
        for block in _tag_blocks(self.archive, self.member):
            position = 0
            for tag in _CELL_PART.finditer(block):
                self._text(block[position : tag.start()])
                self._tag(tag[1] == b"/", tag[2], tag[3], tag[4] == b"/")
                position = tag.end()
                if len(self.found) > limit:
                    raise Unreadable(
                        f"more than {MAX_FORMULAS:,} formula cells: refused to protect "
                        "memory; paste the values instead of the formulas"
                    )
            self._text(block[position:])
        return self.found

    def _text(self, text: bytes) -> None:
        if self.in_formula and self.formula is not None:
            self.formula += text[: _FORMULA_TEXT - len(self.formula)]
        elif self.in_value and text.strip():
            self.cached = True

    def _tag(self, closing: bool, name: bytes, attributes: bytes, empty: bool) -> None:
        if name == b"row" and not closing:
            number = _ROW_NUMBER.search(attributes)
            self.row, self.column = (int(number[1]) if number else self.row + 1), -1
        elif name == b"c" and not closing:
            reference = _CELL_REFERENCE.search(attributes)
            if reference:
                self.row = int(reference[2])
                self.column = _column_number(reference[1].upper()) - 1
            else:
                self.column += 1  # a cell without a position follows the one before it
            self.formula, self.cached = None, False
        elif name == b"c" and self.formula is not None:
            text = "=" + _unescape(bytes(self.formula)).strip()
            self.found.append(Formula(self.row, self.column, text, self.cached))
            self.formula = None
        elif name == b"f":
            if not closing:
                self.formula = self.formula if self.formula is not None else bytearray()
            self.in_formula = not closing and not empty
        elif name == b"v":
            self.in_value = not closing and not empty


class _OdsFormulas:
    """The cells of an ODS content.xml that carry a table:formula attribute."""

    def __init__(self) -> None:
        self.table = ""
        self.row = self.column = 0
        self.row_repeat = self.cell_repeat = 1
        self.formula: str | None = None
        self.cached = False
        self.found: dict[str, list[Formula]] = {}
        self.count = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = _local(name)
        attrs = {_local(key): value for key, value in attributes.items()}
        if tag == "table":
            self.table, self.row = attrs.get("name", ""), 0
            self.found.setdefault(self.table, [])
        elif tag == "table-row":
            self.row_repeat, self.column = _count(attrs.get("number-rows-repeated")), 0
        elif tag in ("table-cell", "covered-table-cell"):
            self.cell_repeat = _count(attrs.get("number-columns-repeated"))
            formula = attrs.get("formula")
            # "of:=[.A1]*2": the namespace of the formula language, then the formula.
            self.formula = "=" + formula.split("=", 1)[-1] if formula is not None else None
            self.cached = any(key.endswith("value") for key in attrs if key != "value-type")
        elif tag == "p" and self.formula is not None:
            self.cached = True

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag in ("table-cell", "covered-table-cell"):
            if self.formula is not None:
                self._record()
            self.column += self.cell_repeat
            self.formula = None
        elif tag == "table-row":
            self.row += self.row_repeat

    def _record(self) -> None:
        assert self.formula is not None
        # A repeated cell is one formula in every cell of the run; the count stops a
        # run of a million before it is laid out.
        for row in range(self.row + 1, self.row + self.row_repeat + 1):
            for column in range(self.column, self.column + self.cell_repeat):
                self.count += 1
                if self.count > MAX_FORMULAS:
                    raise Unreadable(
                        f"more than {MAX_FORMULAS:,} formula cells: refused to protect "
                        "memory; paste the values instead of the formulas"
                    )
                text = self.formula[:_FORMULA_TEXT]
                self.found[self.table].append(Formula(row, column, text, self.cached))


def _ods_formulas(archive: zipfile.ZipFile) -> dict[str, list[Formula]]:
    formulas = _OdsFormulas()
    if not _read_ods_content(archive, formulas):
        return {}
    return {table: cells for table, cells in formulas.found.items() if cells}


# --- Office 97-2003 (OLE2 / CFB) -----------------------------------------------------


def _check_ole(data: bytes) -> None:
    """An OLE2 file is an .xls, or an encrypted XLSX (Office wraps those in OLE2).

    Stream names sit in the OLE directory in UTF-16LE.
    """
    if ole_stream(data, "EncryptedPackage"):
        raise Unreadable(ENCRYPTED)
    if ole_stream(data, "Workbook") or ole_stream(data, "Book"):
        return
    if ole_stream(data, "WordDocument"):
        raise Unreadable("not a spreadsheet: a Word document")
    if ole_stream(data, "PowerPoint Document"):
        raise Unreadable("not a spreadsheet: a PowerPoint presentation")
    raise Unreadable("truncated or damaged: no workbook found in this Office 97-2003 file")


# --- CSV and text --------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_MARKUP = re.compile(r"\s*<(?:!doctype|html|\?xml|table|workbook)", re.I)
_SEP_HINT = re.compile(r"sep=(.)\r?\n?")  # the first line Excel sometimes writes


def _read_text(data: bytes, suffix: str) -> Sheet:
    text = _decode(data, suffix)
    if _MARKUP.match(text[:1024]):
        raise Unreadable(
            f"not a spreadsheet: a web page or XML file in a {suffix} file; "
            "open it in Excel and save it as .xlsx"
        )
    if len(_CONTROL.findall(text)) > len(text) * 0.05:
        raise Unreadable(f"not a spreadsheet: binary content in a {suffix} file")
    return _parse_csv(text)


def _decode(data: bytes, suffix: str) -> str:
    """The text of a CSV: UTF-8 (with or without BOM), UTF-16, Windows-1250, 1251 or 1252."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data[:4096])
        if utf16 is None:
            raise Unreadable(f"not a spreadsheet: binary content in a {suffix} file")
        return _strict(data, utf16)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Old Romanian and Russian Windows save CSV in 1250 and 1251, Western European
    # platforms (CONSUL, Decide Madrid) in Latin-1/1252; charset-normalizer tells them
    # apart by which decoding reads as language.
    guess = _best_guess(from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS)))
    if guess is not None:
        return data.decode(guess)
    if len(re.findall(rb"[\x00-\x08\x0e-\x1f]", data)) > len(data) * 0.05:
        raise Unreadable(f"not a spreadsheet: binary content in a {suffix} file")
    raise Unreadable(
        "the text encoding is not UTF-8, UTF-16, Windows-1250, 1251 or 1252; "
        "save it again as 'CSV UTF-8'"
    )


_LEGACY_ENCODINGS = ("cp1250", "cp1251", "cp1252")  # in order of preference on a tie


def _best_guess(matches: Iterable[CharsetMatch]) -> str | None:
    """The decoding that reads most like language and least like noise. (charset-normalizer's
    own choice weighs noise first: a Spanish text quoting one garbled word then reads as
    Central European, "¿" as "ż".)"""
    scored = [
        (m.coherence - m.chaos, -_LEGACY_ENCODINGS.index(m.encoding), m.encoding)
        for m in matches
        if m.encoding in _LEGACY_ENCODINGS
    ]
    return max(scored)[2] if scored else None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        raise Unreadable(
            f"damaged text: not valid {encoding.upper()} at line {line:,}; "
            "save it again as 'CSV UTF-8'"
        ) from exc


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a byte-order mark puts a NUL beside every ASCII character."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2 or 1
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def _parse_csv(text: str) -> Sheet:
    # One cell may legitimately hold a 40,000-character comment; Python's default limit
    # (131,072) is lower than what a 50 MB file can hold.
    csv.field_size_limit(MAX_FILE_BYTES)
    first_line = 1
    hint = _SEP_HINT.match(text)
    if hint:
        delimiter, text, first_line = hint[1], text[hint.end() :], 2
    else:
        delimiter = _sniff_delimiter(text[: 64 * 1024])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[object]] = []
    numbers: list[int] = []
    start = line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            row: list[object] = list(record)
            if _trim(row):
                rows.append(row)
                numbers.append(start + first_line - 1)
    except csv.Error as exc:
        raise Unreadable(f"damaged CSV at line {reader.line_num:,}: {exc}") from exc
    if line > start and _never_closed(text, start, delimiter):
        raise Unreadable(
            f"a quoted cell that starts on line {start + first_line - 1:,} is never closed, "
            "so the rest of the file would be read as one cell; check the quote marks"
        )
    return Sheet("", rows, numbers)


def _never_closed(text: str, start: int, delimiter: str) -> bool:
    """Whether the last record, from line ``start``, ends inside quotes.

    The lenient reader keeps a hand-typed stray quote (a 5" screen) in its cell, but at
    the end of the file it would also swallow every line after an unclosed quote; only
    a record that spans lines can have done that, so only that one is read again strictly.
    """
    tail = "".join(io.StringIO(text, newline="").readlines()[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _sniff_delimiter(sample: str) -> str:
    """Comma, semicolon or tab: the one that splits most lines into the same number of
    fields. Decimal commas ("3,5") split rows unevenly, so Excel's semicolon CSV wins."""
    cut = max(sample.rfind("\n"), 0) or len(sample)
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        widths = [len(r) for r in csv.reader(_lines(sample[:cut]), delimiter=delimiter)][:50]
        wide = [width for width in widths if width > 1]
        if not wide:
            continue
        common = max(set(wide), key=lambda width: (wide.count(width), width))
        score = (wide.count(common), common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _lines(text: str) -> IO[str]:
    return io.StringIO(text, newline="")


def cell_text(value: object) -> str:
    """A cell as text: 69123456.0 -> "69123456"; dates in ISO form; None -> ""."""
    if type(value) is str:  # most cells: tested first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
