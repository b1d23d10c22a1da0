"""Reading stakeholder files safely (lexkit.io.spreadsheets, lexkit.io.untrusted).

Every input is made here: CSV in each encoding, XLSX with openpyxl, a hand-made ODS, and
hostile files (zip bombs, entities, cell bombs, encrypted, truncated and disguised files).
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from lexkit.io.spreadsheets import Sheet, read_data, read_file
from lexkit.io.untrusted import ENCRYPTED, MAX_FILE_BYTES, Unreadable
from sheet_helpers import ods_cell, write_ods

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusal(path: Path) -> str:
    with pytest.raises(Unreadable) as caught:
        read_file(path)
    assert caught.value.path == path
    return caught.value.reason


def only_sheet(path: Path) -> Sheet:
    sheets = read_file(path)
    assert len(sheets) == 1
    return sheets[0]


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def replace_member(path: Path, name: str, data: bytes) -> Path:
    """Rewrite one member of a ZIP file in place."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return path


SHEET_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>{}</sheetData></worksheet>"
)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# --------------------------------------------------------------------------- CSV

RO_ROWS = [
    ["Organizaţia", "Articolul", "Comentariu", "Poziţia"],
    ["Asociaţia Obştească „Ştiinţa”", "art. 3", "Propunem să se excludă sintagma", "pentru"],
    ["Instituţia Publică", "art. 5 alin. (2)", "Considerăm că prevederea este îngustă", "contra"],
]
RU_ROWS = [
    ["Организация", "Статья", "Комментарий", "Позиция"],
    ["Общественная организация «Щит»", "ст. 3", "Предлагаем исключить слова", "за"],
    ["Министерство", "ст. 5 ч. 2", "Считаем положение слишком узким", "против"],
]


def csv_text(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    import csv

    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("rows", "encoding", "delimiter"),
    [
        (RO_ROWS, "utf-8", ","),
        (RO_ROWS, "utf-8-sig", ";"),  # Excel's "CSV UTF-8" in a Romanian locale
        (RU_ROWS, "utf-8-sig", ","),
        (RO_ROWS, "cp1250", ";"),  # Excel's plain CSV on a Romanian Windows
        (RU_ROWS, "cp1251", ";"),  # and on a Russian one
        (RU_ROWS, "cp1251", ","),
        (RO_ROWS, "utf-16", "\t"),  # Excel's "Unicode text"
    ],
)
def test_csv_encodings_and_delimiters(
    tmp_path: Path, rows: list[list[str]], encoding: str, delimiter: str
) -> None:
    path = tmp_path / "feedback.csv"
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    sheet = only_sheet(path)
    assert sheet.name == ""
    assert sheet.rows == rows
    assert sheet.numbers == [1, 2, 3]


def test_csv_row_numbers_are_the_lines_the_user_sees(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_text(
        'Provision,Comment\n\n  ,  \nart. 3,"two\nlines"\r\nart. 4,=1+1,,\n', encoding="utf-8"
    )
    sheet = only_sheet(path)
    # A blank line and a row of spaces are not rows; a quoted line break stays in the
    # cell; a formula is only text; trailing empty cells are dropped.
    assert sheet.rows == [["Provision", "Comment"], ["art. 3", "two\nlines"], ["art. 4", "=1+1"]]
    assert sheet.numbers == [1, 4, 6]


def test_csv_stray_quote_is_kept_but_an_unclosed_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_text('Provision,Comment\nart. 3,a 5" screen\nart. 4,ok\n', encoding="utf-8")
    assert only_sheet(path).rows[1] == ["art. 3", 'a 5" screen']
    path.write_text('Provision,Comment\nart. 3,"unclosed\nart. 4,ok\nart. 5,ok\n')
    assert refusal(path) == (
        "a quoted cell that starts on line 2 is never closed, so the rest of the file "
        "would be read as one cell; check the quote marks"
    )


def test_csv_excel_separator_hint(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_text("sep=;\nProvision;Comment\nart. 3;a, b, c\n", encoding="utf-8")
    sheet = only_sheet(path)
    assert sheet.rows == [["Provision", "Comment"], ["art. 3", "a, b, c"]]
    assert sheet.numbers == [2, 3]


def test_csv_semicolon_wins_over_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_text(
        "Provision;Comment;Cost\nart. 3;ok;1,5\nart. 4;ok;2,5\nart. 5;fine;3\n", encoding="utf-8"
    )
    assert only_sheet(path).rows[1] == ["art. 3", "ok", "1,5"]


def test_csv_40000_character_cell_is_read_whole(tmp_path: Path) -> None:
    comment = "Comentariu lung. " * 2353  # 40,001 characters
    path = tmp_path / "long.csv"
    path.write_text(f'Provision,Comment\nart. 3,"{comment}"\n', encoding="utf-8")
    assert only_sheet(path).rows[1][1] == comment
    assert len(comment) > 40_000


def test_text_under_a_spreadsheet_name_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_text("Provision;Comment\nart. 3;ok\n", encoding="utf-8")
    assert only_sheet(path).rows == [["Provision", "Comment"], ["art. 3", "ok"]]


# --------------------------------------------------------------------------- XLSX, ODS


def test_xlsx_sheets_rows_and_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "form.xlsx",
        {
            "Respondent": [["Organizația / Organisation", "ONG Exemplu"], ["E-mail", "a@b.md"]],
            "Feedback": [
                ["Formular"],
                [],
                ["Provision", "Comment", "Date", "Phone"],
                ["art. 3", "Bine", date(2025, 9, 12), 69123456.0],
                [None, "   ", None],
                ["art. 4", "ok", 45901, 3.5],
            ],
        },
    )
    respondent, feedback = read_file(path)
    assert respondent.name == "Respondent"
    assert respondent.rows == [["Organizația / Organisation", "ONG Exemplu"], ["E-mail", "a@b.md"]]
    assert feedback.numbers == [1, 3, 4, 6]  # the blank rows 2 and 5 are gone
    # a whole number stored as a float comes back as the int it shows
    assert feedback.rows[2] == ["art. 3", "Bine", date(2025, 9, 12), 69123456]
    assert feedback.rows[3] == ["art. 4", "ok", 45901, 3.5]


def test_xlsx_40000_character_cell_is_read_whole(tmp_path: Path) -> None:
    # Excel stops at 32,767 characters (and so does openpyxl), but other writers do not.
    comment = ("Comentariu lung. " * 2353).strip()
    path = write_xlsx(tmp_path / "long.xlsx", {"F": [["Comment"]]})
    rows = f'<row r="1">{inline("A1", "Comment")}</row><row r="2">{inline("A2", comment)}</row>'
    replace_member(path, "xl/worksheets/sheet1.xml", SHEET_XML.format(rows).encode())
    assert only_sheet(path).rows[1] == [comment]
    assert len(comment) == 40_000


def test_xlsx_rows_start_at_the_first_used_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["C4"] = "Comment"
    book.active["C5"] = "ok"
    book.save(tmp_path / "offset.xlsx")
    sheet = only_sheet(tmp_path / "offset.xlsx")
    assert sheet.rows == [["Comment"], ["ok"]]
    assert sheet.numbers == [4, 5]


def test_formulas_are_never_run_or_returned(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "formula.xlsx", {"F": [["Comment", "Total"], ["ok", "=1+1"]]})
    rows = only_sheet(path).rows
    assert rows == [["Comment", "Total"], ["ok"]]  # openpyxl stores no result: empty
    cached = SHEET_XML.format(
        '<row r="1">' + inline("A1", "Comment") + "</row>"
        '<row r="2">' + inline("A2", "ok") + '<c r="B2"><f>1+1</f><v>2</v></c></row>'
    )
    replace_member(path, "xl/worksheets/sheet1.xml", cached.encode())
    assert only_sheet(path).rows[1] == ["ok", 2]  # the value Excel saved, not the formula


def test_workbook_under_another_name_is_read_by_content(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "a.xlsx", {"F": [["Comment"], ["ok"]]})
    disguised = tmp_path / "feedback.xls"
    disguised.write_bytes(xlsx.read_bytes())
    assert only_sheet(disguised).rows == [["Comment"], ["ok"]]


def test_hand_made_ods(tmp_path: Path) -> None:
    table = (
        "<table:table-row>"
        + ods_cell("Prevederea")
        + ods_cell("Comentariul")
        + "</table:table-row>"
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        "<table:table-row>" + ods_cell("art. 3") + ods_cell("Bine") + "</table:table-row>"
        # LibreOffice pads every sheet to its last row and column with repeated empty cells
        '<table:table-row table:number-rows-repeated="1048572">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    sheet = only_sheet(write_ods(tmp_path / "feedback.ods", table))
    assert sheet.name == "Feedback"
    assert sheet.rows == [["Prevederea", "Comentariul"], ["art. 3", "Bine"]]
    assert sheet.numbers == [1, 4]


# --------------------------------------------------------------------------- hostile files


def forge_size(data: bytes, member: str, size: int) -> bytes:
    """Make the ZIP's central directory claim that ``member`` unpacks to ``size`` bytes."""
    forged = bytearray(data)
    at = forged.find(b"PK\x01\x02")
    while at >= 0:
        (name_length,) = struct.unpack_from("<H", forged, at + 28)
        if forged[at + 46 : at + 46 + name_length] == member.encode():
            struct.pack_into("<I", forged, at + 24, size)
            return bytes(forged)
        at = forged.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} not in the archive")


def test_zip_bomb_by_declared_size_is_refused_before_reading(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {"F": [["Comment"], ["ok"]]})
    path.write_bytes(forge_size(path.read_bytes(), "xl/worksheets/sheet1.xml", 2_250_000_000))
    assert refusal(path) == (
        "archive member xl/worksheets/sheet1.xml would expand to 2.1 GB "
        "(over 200 MB or 100 times its packed size): refused as a possible zip bomb"
    )


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {"F": [["Comment"], ["ok"]]})
    replace_member(path, "xl/sharedStrings.xml", bytes(20 * 1024 * 1024))  # packs ~1000x
    assert refusal(path) == (
        "archive member xl/sharedStrings.xml would expand to 20.0 MB "
        "(over 200 MB or 100 times its packed size): refused as a possible zip bomb"
    )


def test_xml_entities_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "entities.xlsx", {"F": [["Comment"], ["ok"]]})
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE worksheet [\n'
        '  <!ENTITY lol "lol">\n  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        '  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    ) + SHEET_XML.split("\n", 1)[1].format('<row r="1">' + inline("A1", "&lol2;&xxe;") + "</row>")
    replace_member(path, "xl/worksheets/sheet1.xml", laughs.encode())
    assert refusal(path) == (
        "archive member xl/worksheets/sheet1.xml declares a DOCTYPE (XML entities), "
        "which no spreadsheet needs: refused as unsafe"
    )


def test_xml_entities_in_utf16_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "entities.xlsx", {"F": [["Comment"], ["ok"]]})
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'
    replace_member(path, "xl/styles.xml", xml.encode("utf-16"))
    assert "declares a DOCTYPE" in refusal(path)


def test_sparse_cell_bomb_is_refused_before_calamine_allocates(tmp_path: Path) -> None:
    # Two cells, 3,000 rows x 2,000 columns apart: calamine would hold all 6 million.
    book = openpyxl.Workbook()
    book.active["A1"] = "Comment"
    book.active.cell(row=3000, column=2000, value="x")
    book.save(tmp_path / "cells.xlsx")
    assert refusal(tmp_path / "cells.xlsx") == (
        "the sheet stored as xl/worksheets/sheet1.xml spans 3,000 rows x 2,000 columns "
        "(over 5,000,000 cells): refused to protect memory; delete the unused rows and columns"
    )


@pytest.mark.parametrize(
    "far_cells",
    [
        # single quotes and spaces around "=" are valid XML, and calamine reads them
        "<row r = '3000'><c r = 'BXX3000' t='inlineStr'><is><t>x</t></is></c></row>",
        # cells without a position follow the one before: 2,000 of them widen the sheet
        '<row r="3000">' + '<c t="inlineStr"><is><t>x</t></is></c>' * 2000 + "</row>",
        # rows without a position follow the row before
        "<row><c/></row>" * 2998 + '<row><c r="BXX1" t="inlineStr"><is><t>x</t></is></c></row>',
    ],
)
def test_cell_bomb_written_unusually_is_refused(tmp_path: Path, far_cells: str) -> None:
    path = write_xlsx(tmp_path / "cells.xlsx", {"F": [["Comment"]]})
    rows = f'<row r="1">{inline("A1", "Comment")}</row>{far_cells}'
    replace_member(path, "xl/worksheets/sheet1.xml", SHEET_XML.format(rows).encode())
    assert refusal(path).startswith("the sheet stored as xl/worksheets/sheet1.xml spans 3,")


def test_cells_without_positions_are_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "plain.xlsx", {"F": [["Comment"]]})
    cell = '<c t="inlineStr"><is><t>{}</t></is></c>'
    rows = "".join(
        "<row>" + cell.format(a) + cell.format(b) + "</row>"
        for a, b in (("Provision", "Comment"), ("art. 3", "ok"))
    )
    replace_member(path, "xl/worksheets/sheet1.xml", SHEET_XML.format(rows).encode())
    assert only_sheet(path).rows == [["Provision", "Comment"], ["art. 3", "ok"]]


def test_cell_bomb_in_a_sheet_stored_elsewhere_is_found_through_the_relationships(
    tmp_path: Path,
) -> None:
    path = tmp_path / "moved.xlsx"
    bomb = SHEET_XML.format(
        '<row r="1">' + inline("A1", "Comment") + "</row>"
        '<row r="3000">' + inline("BXX3000", "x") + "</row>"
    )
    write_xlsx(path, {"F": [["Comment"]]})
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    del members["xl/worksheets/sheet1.xml"]
    members["xl/hidden/data.xml"] = bomb.encode()
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        members[name] = members[name].replace(b"worksheets/sheet1.xml", b"hidden/data.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert refusal(path).startswith(
        "the sheet stored as xl/hidden/data.xml spans 3,000 rows x 2,000 columns"
    )


@pytest.mark.parametrize("prefix", ["table", "t"])
def test_ods_repeated_cell_bomb_is_refused(tmp_path: Path, prefix: str) -> None:
    table = (
        '<table:table-row table:number-rows-repeated="3000">'
        + ods_cell("x", repeat=2000)
        + "</table:table-row>"
    )
    path = write_ods(tmp_path / "cells.ods", table)
    # The namespace decides, not the prefix a producer happens to choose.
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml")
    content = content.replace(b"xmlns:table=", f"xmlns:{prefix}=".encode())
    replace_member(path, "content.xml", content.replace(b"table:", f"{prefix}:".encode()))
    assert refusal(path) == (
        "sheet 'Feedback' spans 3,000 rows x 2,000 columns (over 5,000,000 cells): "
        "refused to protect memory; delete the unused rows and columns"
    )


def test_encrypted_workbook_is_refused(tmp_path: Path) -> None:
    # Office saves a password-protected XLSX as an OLE2 container with this stream.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    assert refusal(path) == ENCRYPTED
    assert ENCRYPTED == "the file is encrypted (password-protected); save an unprotected copy"


def test_old_word_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.xls"
    path.write_bytes(OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000))
    assert refusal(path) == "not a spreadsheet: a Word document"


def test_office_file_without_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    path.write_bytes(OLE_MAGIC + bytes(2000))  # the directory was cut off
    assert refusal(path) == "truncated or damaged: no workbook found in this Office 97-2003 file"


def test_damaged_xls_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_MAGIC + bytes(504) + "Workbook\0".encode("utf-16-le") + bytes(1000))
    assert refusal(path).startswith("truncated or damaged: ")


def test_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cut.xlsx", {"F": [["Comment"], ["ok"]]})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert refusal(path) == (
        "truncated or damaged: the archive is incomplete or corrupt (File is not a zip file)"
    )


def test_png_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert refusal(path) == "not a spreadsheet: a PNG image in a .csv file"


def test_binary_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_bytes(bytes(range(256)) * 20)
    assert refusal(path) == "not a spreadsheet: binary content in a .csv file"


def test_control_characters_named_csv_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_bytes(bytes(range(1, 32)) * 20)  # no NUL, still not text
    assert refusal(path) == "not a spreadsheet: binary content in a .csv file"


def test_web_page_named_xls_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>Comment</td></tr></table></body></html>")
    assert refusal(path) == (
        "not a spreadsheet: a web page or XML file in a .xls file; "
        "open it in Excel and save it as .xlsx"
    )


def test_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refusal(path) == "not a spreadsheet: a Word document"


def test_broken_utf8_with_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feedback.csv"
    path.write_bytes(b"\xef\xbb\xbfProvision,Comment\nart. 3,caf\xe9\n")
    assert refusal(path) == (
        "damaged text: not valid UTF-8 at line 2; save it again as 'CSV UTF-8'"
    )


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert refusal(path) == "the file is empty"


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1024 * 1024)  # sparse: no disk, no time
    assert refusal(path) == "larger than 50 MB (51.0 MB); split it into smaller files"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "gone.csv") == "cannot be opened: No such file or directory"


def test_bytes_already_read_give_the_same_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "form.xlsx", {"F": [["Comment"], ["ok"]]})
    assert read_data(path.read_bytes(), ".xlsx") == read_file(path)
    with pytest.raises(Unreadable, match=r"^not a spreadsheet: a PNG image in a \.csv file$"):
        read_data(b"\x89PNG\r\n\x1a\n", ".CSV")


def test_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(Unreadable, match=r"^empty\.csv: the file is empty$"):
        read_file(path)
