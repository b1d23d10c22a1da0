"""Intake into the register: every row accepted, rejected or a duplicate; totals reconcile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from docx_helpers import convert, copy_flagship
from lexkit.build import built_documents
from lexkit.consult.intake import Summary, ingest
from lexkit.consult.provisions import provision_index
from lexkit.consult.register import SCHEMA_VERSION, Register
from lexkit.project import BuildSettings
from sheet_helpers import ods_cell, write_ods


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> dict:
    root = copy_flagship(tmp_path_factory.mktemp("drafts"))
    documents = built_documents(root / "drafts" / "child-protection", BuildSettings(root), "ro")
    return provision_index(documents)


def _register(tmp_path: Path) -> Register:
    return Register(tmp_path / "register.sqlite")


def _reconciles(summary: Summary) -> None:
    assert summary.rows_read == summary.accepted + summary.rejected + summary.duplicates


CSV = (
    "Organizația;Tipul;Prevederea;Poziția;Comentariu;E-mail\n"
    "Ministerul Justiției;autoritate publică;art. X alin. (2);susțin;Text bun.;mj@gov.md\n"
    "La Strada;ONG;Art. 1;împotrivă;Prea strict.;\n"
    ";;art. 99;;Fără autor.;\n"
    "Asociația X;ONG;General;pentru;;\n"
    "\n"
    "Asociația Y;nimeni;art. I;comentariu;Ceva.;\n"
)


def test_a_csv_is_read_row_by_row_keeping_and_flagging(tmp_path, index):
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "feedback.csv"
    # An old Excel in Windows-1250 has only the cedilla ş ţ: intake reads it and writes ș ț.
    path.write_text(CSV.replace("ț", "ţ").replace("ș", "ş"), encoding="cp1250")
    with _register(tmp_path) as register:
        summary = ingest([tmp_path / "in"], register, index)
        _reconciles(summary)
        assert (summary.files_read, summary.unreadable) == (1, 0)
        # Only the row with nothing to answer is rejected; the anonymous one is kept.
        assert (summary.rows_read, summary.accepted, summary.rejected) == (5, 4, 1)
        assert (summary.anonymous, summary.flagged) == (1, 2)
        rows = register.db.execute(
            "SELECT organisation, stakeholder_type, position, provision, row, flags "
            "FROM comments ORDER BY row"
        ).fetchall()
        assert [tuple(r) for r in rows] == [
            ("Ministerul Justiției", "public-authority", "support", "art. X alin. (2)", 2, None),
            ("La Strada", "civil-society", "oppose", "art. I", 3, None),
            (None, "other", "comment", None, 4,
             "provision: 'art. 99' matches nothing in the draft"),
            ("Asociația Y", "other", "comment", "art. I", 7,
             "stakeholder type: 'nimeni' not understood: read as other"),
        ]  # fmt: skip
        reasons = [
            tuple(r) for r in register.db.execute("SELECT row, reason FROM rejections ORDER BY row")
        ]
        assert len(reasons) == 1
        assert reasons[0][0] == 5
        assert "nothing to answer" in reasons[0][1]
        counts = register.counts()
        assert counts.flags == (("provision", 1), ("stakeholder type", 1))
        assert counts.anonymous == 1


def test_reingesting_adds_nothing(tmp_path, index):
    path = tmp_path / "feedback.csv"
    path.write_text(CSV, encoding="utf-8")
    copy = tmp_path / "same-bytes-other-name.csv"
    copy.write_bytes(path.read_bytes())
    with _register(tmp_path) as register:
        first = ingest([path], register, index)
        second = ingest([path, copy], register, index)
        _reconciles(first)
        _reconciles(second)
        assert (second.accepted, second.rejected, second.duplicates) == (0, 0, 10)
        assert register.counts().accepted == 4


def test_an_unreadable_file_does_not_stop_the_others(tmp_path, index):
    (tmp_path / "a.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "b.csv").write_text(CSV, encoding="utf-8")
    with _register(tmp_path) as register:
        summary = ingest([tmp_path / "a.csv", tmp_path / "b.csv"], register, index)
    _reconciles(summary)
    assert summary.unreadable == 1
    assert summary.accepted == 4
    assert any("a.csv" in p.location.file and "unreadable" in p.message for p in summary.problems)
    assert [name.rsplit("/", 1)[-1] for name, _ in summary.unreadable_files] == ["a.csv"]


def test_unmatched_provisions_are_kept_and_flagged(tmp_path, index):
    path = tmp_path / "f.csv"
    path.write_text(
        "Organisation,Provision,Comment\nNGO,art. 99,Keep me.\nNGO,nonsense here,Me too.\n",
        encoding="utf-8",
    )
    with _register(tmp_path) as register:
        summary = ingest([path], register, index)
        rows = register.db.execute(
            "SELECT provision_raw, provision FROM comments ORDER BY row"
        ).fetchall()
    assert summary.accepted == 2
    assert summary.unmatched_provisions == 2
    assert [tuple(r) for r in rows] == [("art. 99", None), ("nonsense here", None)]


def test_identical_comments_from_several_respondents_form_a_campaign(tmp_path, index):
    text = "Solicităm excluderea voluntarilor din domeniul de aplicare al legii."
    lines = ["Organisation,Provision,Comment"]
    lines += [f"Org {i},art. III,{text if i % 2 else text.upper() + '!!'}" for i in range(4)]
    lines.append("Org 9,art. III,Altceva cu totul.")
    (tmp_path / "c.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with _register(tmp_path) as register:
        ingest([tmp_path / "c.csv"], register, index)
        tags = [r[0] for r in register.db.execute("SELECT campaign FROM comments ORDER BY row")]
    assert len(set(tags[:4])) == 1
    assert tags[0] is not None
    assert tags[4] is None


def test_an_xlsx_with_the_header_lower_down_and_an_excel_date(tmp_path, index):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Consultare publică — propuneri"])
    sheet.append([])
    sheet.append(["Organisation", "Provision", "Comment", "Data"])
    sheet.append(["NGO", "art. III", "Text.", 45900])
    book.save(tmp_path / "f.xlsx")
    with _register(tmp_path) as register:
        summary = ingest([tmp_path / "f.xlsx"], register, index)
        row, when, provision = register.db.execute(
            "SELECT row, submitted_on, provision FROM comments"
        ).fetchone()
    _reconciles(summary)
    assert (row, when, provision) == (4, "2025-08-31", "art. III")  # Excel serial 45900


def test_a_40000_character_cell_is_kept_whole(tmp_path, index):
    (tmp_path / "long.csv").write_text(
        f"Organisation,Comment\nNGO,{'x' * 40_000}\n", encoding="utf-8"
    )
    with _register(tmp_path) as register:
        summary = ingest([tmp_path / "long.csv"], register, index)
        (comment,) = register.db.execute("SELECT comment FROM comments").fetchone()
    _reconciles(summary)
    assert len(comment) == 40_000


def test_the_register_has_a_versioned_schema_and_foreign_keys(tmp_path):
    with _register(tmp_path) as register:
        version = register.db.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        assert int(version) == SCHEMA_VERSION
        with pytest.raises(sqlite3.IntegrityError):
            register.db.execute(
                "INSERT INTO rejections (file_id, sheet, row, reason, raw) "
                "VALUES (99, 's', 1, 'r', '{}')"
            )


def test_a_campaign_spread_over_ingests_is_found_from_the_kept_signatures(tmp_path, index):
    text = "Solicităm excluderea voluntarilor din domeniul de aplicare al legii."
    for batch in range(3):  # one respondent per file, one file per ingest
        (tmp_path / f"{batch}.csv").write_text(
            f"Organisation,Provision,Comment\nOrg {batch},art. III,{text}\n", encoding="utf-8"
        )
        with _register(tmp_path) as register:
            ingest([tmp_path / f"{batch}.csv"], register, index)
    with _register(tmp_path) as register:
        rows = register.db.execute("SELECT campaign, fingerprint FROM comments").fetchall()
    assert len({r["campaign"] for r in rows}) == 1
    assert rows[0]["campaign"] is not None
    assert len({r["fingerprint"] for r in rows}) == 1
    assert rows[0]["campaign"] == rows[0]["fingerprint"][:12]


# The register as lexkit 0.1 first wrote it.
_SCHEMA_1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE files (
    id        INTEGER PRIMARY KEY,
    sha256    TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    size      INTEGER NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('read', 'unreadable')),
    reason    TEXT,
    rows_read INTEGER NOT NULL DEFAULT 0,
    accepted  INTEGER NOT NULL DEFAULT 0,
    rejected  INTEGER NOT NULL DEFAULT 0
);
-- One row per comment accepted. "raw" keeps every cell exactly as sent (JSON); the other
-- columns are the normalised form used for matching, grouping and the report.
CREATE TABLE comments (
    id               INTEGER PRIMARY KEY,
    file_id          INTEGER NOT NULL REFERENCES files (id),
    sheet            TEXT NOT NULL,
    row              INTEGER NOT NULL,
    organisation     TEXT,
    stakeholder_type TEXT NOT NULL,
    contact_name     TEXT,
    email            TEXT,
    phone            TEXT,
    consent          INTEGER NOT NULL CHECK (consent IN (0, 1)),
    document         TEXT NOT NULL,
    provision_raw    TEXT NOT NULL,
    provision        TEXT,
    position         TEXT NOT NULL,
    comment          TEXT,
    proposed_wording TEXT,
    rationale        TEXT,
    submitted_on     TEXT,
    campaign         TEXT,
    raw              TEXT NOT NULL,
    UNIQUE (file_id, sheet, row)
);
CREATE TABLE rejections (
    id      INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id),
    sheet   TEXT NOT NULL,
    row     INTEGER NOT NULL,
    reason  TEXT NOT NULL,
    raw     TEXT NOT NULL
);
CREATE TABLE decisions (
    comment_id INTEGER PRIMARY KEY REFERENCES comments (id),
    decision   TEXT NOT NULL
               CHECK (decision IN ('accepted', 'partially-accepted', 'not-accepted', 'noted')),
    argument   TEXT
);
CREATE INDEX comments_campaign ON comments (campaign);
"""


def test_a_register_of_schema_1_is_upgraded_and_its_comments_grouped(tmp_path, index):
    path = tmp_path / "consultation_data" / "demo" / "register.sqlite"
    path.parent.mkdir(parents=True)
    text = "Solicităm excluderea voluntarilor din domeniul de aplicare al legii."
    db = sqlite3.connect(path)
    db.executescript(
        f"{_SCHEMA_1} INSERT INTO meta VALUES ('schema_version', '1');"
        "INSERT INTO files (id, sha256, name, size, status) VALUES (1, 'x', 'old.csv', 1, 'read');"
    )
    db.executemany(
        "INSERT INTO comments (file_id, sheet, row, organisation, stakeholder_type, consent, "
        "document, provision_raw, position, comment, raw) "
        "VALUES (1, '', ?, ?, 'ngo', 0, 'draft-law', 'General', 'comment', ?, '{}')",
        [(2, "Org A", text), (3, "Org B", text)],
    )
    db.execute("INSERT INTO decisions VALUES (1, 'noted', 'Luat act.')")
    db.commit()
    db.close()
    (tmp_path / "new.csv").write_text(
        f"Organisation,Provision,Comment\nOrg C,art. III,{text}\n", encoding="utf-8"
    )
    with Register(path) as register:
        version = register.db.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        ingest([tmp_path / "new.csv"], register, index)
        rows = register.db.execute(
            "SELECT campaign, fingerprint, question, flags FROM comments"
        ).fetchall()
        decision = register.db.execute("SELECT * FROM decisions").fetchone()
        problems = register.db.execute("PRAGMA foreign_key_check").fetchall()
    assert int(version) == SCHEMA_VERSION == 3
    assert len(rows) == 3
    assert len({r["campaign"] for r in rows}) == 1
    assert rows[0]["campaign"] is not None
    assert all(r["fingerprint"] for r in rows)
    assert tuple(decision) == (1, "noted", "Luat act.")
    assert problems == []


def _encrypted() -> bytes:
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return cfb + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512


def test_a_batch_of_hostile_files_with_one_good_one(tmp_path, index):
    folder = tmp_path / "inbox"
    folder.mkdir()
    good = 'Organisation,Provision,Comment\nNGO,art. I,=HYPERLINK("http://x")\n'
    (folder / "good.csv").write_text(good, encoding="utf-8")
    (folder / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "locked.xlsx").write_bytes(_encrypted())
    book = openpyxl.Workbook()
    book.active.append(["Organisation", "Comment"])
    book.save(folder / "whole.xlsx")
    (folder / "truncated.xlsx").write_bytes((folder / "whole.xlsx").read_bytes()[:300])
    (folder / "whole.xlsx").unlink()
    (folder / "entities.csv").write_bytes(b"\x00\x01\x02" * 100)
    with _register(tmp_path) as register:
        summary = ingest([folder], register, index)
        (comment,) = register.db.execute("SELECT comment FROM comments").fetchone()
    _reconciles(summary)
    assert (summary.accepted, summary.unreadable) == (1, 4)
    refused = sorted(Path(p.location.file).name for p in summary.problems)
    assert refused == ["entities.csv", "image.csv", "locked.xlsx", "truncated.xlsx"]
    assert comment == '=HYPERLINK("http://x")'  # kept as sent, never run


ROWS = [
    ["Организация", "Тип", "Статья", "Позиция", "Комментарий", "Дата"],
    ["Министерство", "государственный орган", "ст. 1", "за", "Хорошо.", "12.09.2025"],
    ["НПО Север", "НПО", "общие", "против", "Плохо.", "2025-09-13"],
]


def _write(kind: str, path: Path) -> Path:
    if kind == "xlsx":
        book = openpyxl.Workbook()
        for row in ROWS:
            book.active.append(row)
        book.save(path)
    elif kind == "ods":
        table = "".join(
            "<table:table-row>" + "".join(ods_cell(c) for c in row) + "</table:table-row>"
            for row in ROWS
        )
        write_ods(path, table)
    else:
        encoding, delimiter = kind.rsplit("-", 1)
        text = "\n".join({"comma": ",", "semicolon": ";"}[delimiter].join(r) for r in ROWS)
        path.write_bytes((text + "\n").encode(encoding.replace("bom", "utf-8-sig")))
    return path


@pytest.mark.parametrize(
    "kind", ["xlsx", "ods", "utf8-comma", "bom-semicolon", "cp1251-semicolon", "utf16-comma"]
)
def test_every_format_with_russian_headers(tmp_path, index, kind):
    suffix = kind if kind in ("xlsx", "ods") else "csv"
    path = _write(
        kind.replace("utf8", "utf-8").replace("utf16", "utf-16"), tmp_path / f"f.{suffix}"
    )
    with _register(tmp_path) as register:
        summary = ingest([path], register, index)
        rows = register.db.execute(
            "SELECT organisation, stakeholder_type, provision, position, submitted_on, sheet, "
            "row FROM comments ORDER BY row"
        ).fetchall()
    _reconciles(summary)
    assert (summary.rows_read, summary.accepted) == (2, 2)
    assert [tuple(r)[:5] for r in rows] == [
        ("Министерство", "public-authority", "art. I", "support", "2025-09-12"),
        ("НПО Север", "civil-society", "General", "oppose", "2025-09-13"),
    ]
    assert [r["row"] for r in rows] == [2, 3]  # provenance: the row the sender sees


def test_a_long_flagged_text_is_cut_only_in_the_spreadsheet(tmp_path, index):
    from lexkit.consult.exports import FLAGGED_SHEET, REJECTED_SHEET, rejected_workbook
    from lexkit.io.xlsx import CELL_LIMIT

    path = tmp_path / "f.csv"
    path.write_text(
        f"Organisation,Comment,Position\nNGO,{'y' * 40_000},maybe later\nNGO,,\n",
        encoding="utf-8",
    )
    with _register(tmp_path) as register:
        summary = ingest([path], register, index)
        (raw, comment) = register.db.execute("SELECT raw, comment FROM comments").fetchone()
        data = rejected_workbook(register)
    _reconciles(summary)
    assert (summary.accepted, summary.rejected, summary.flagged) == (1, 1, 1)
    assert len(raw) > 40_000  # the register keeps the whole text
    assert len(comment) == 40_000
    (tmp_path / "r.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == [REJECTED_SHEET, FLAGGED_SHEET]
    assert book[REJECTED_SHEET].cell(2, 3).value == 3
    flagged = book[FLAGGED_SHEET]
    assert flagged.cell(2, 5).value == "position: 'maybe later' not understood: read as a comment"
    for column in (6, 7):
        cell = flagged.cell(2, column).value
        assert len(cell) == CELL_LIMIT
        assert cell.endswith("caractere / characters in the register]")


def test_every_spreadsheet_lexkit_writes_neutralises_formulas(tmp_path, index):
    from lexkit.consult.decisions import export_decisions
    from lexkit.consult.exports import rejected_workbook

    path = tmp_path / "f.csv"
    path.write_text(
        "Organisation,Provision,Comment,Position\n"
        "@evil,art. I,=cmd|'/C calc'!A0,support\n"
        "+NGO,art. I,-2+3,maybe\n",
        encoding="utf-8",
    )
    with _register(tmp_path) as register:
        ingest([path], register, index)
        sheets = {
            "decisions": export_decisions(register, index),
            "rejected": rejected_workbook(register),
        }
    for name, data in sheets.items():
        (tmp_path / f"{name}.xlsx").write_bytes(data)
        book = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
        texts = [
            c.value
            for ws in book
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str)
        ]
        assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))], name
    decisions = openpyxl.load_workbook(tmp_path / "decisions.xlsx").active
    cells = {c.value for row in decisions.iter_rows() for c in row}
    assert "'=cmd|'/C calc'!A0" in cells


def test_a_regulation_annexed_to_a_decision_is_told_apart(tmp_path, index):
    path = tmp_path / "f.csv"
    path.write_text(
        "Organisation,Document,Provision,Comment\n"
        "NGO,victim-notification,pct. 5,On the decision.\n"
        'NGO,victim-notification,"anexa nr. 1, pct. 5",On the regulation.\n',
        encoding="utf-8",
    )
    with _register(tmp_path) as register:
        ingest([path], register, index)
        provisions = [
            r[0] for r in register.db.execute("SELECT provision FROM comments ORDER BY row")
        ]
    assert provisions == ["pct. 5", "anexa nr. 1, pct. 5"]


def test_near_identical_comments_are_one_campaign(tmp_path, index):
    base = (
        "Solicităm ca voluntarii din organizațiile mici să fie scutiți de obligația "
        "de a prezenta certificatul de cazier judiciar detaliat."
    )
    variants = [
        base,
        base.replace("mici", "mai mici"),
        base + " Mulțumim.",
        "Textul proiectului trebuie revizuit integral de un grup de lucru nou.",
    ]
    lines = ["Organisation,Provision,Comment"]
    lines += [f'Org {i},art. III,"{text}"' for i, text in enumerate(variants)]
    (tmp_path / "n.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with _register(tmp_path) as register:
        ingest([tmp_path / "n.csv"], register, index)
        tags = [r[0] for r in register.db.execute("SELECT campaign FROM comments ORDER BY row")]
    assert tags[0] is not None
    assert tags[:3] == [tags[0]] * 3
    assert tags[3] is None


@pytest.mark.libreoffice
def test_an_old_excel_xls_file(tmp_path, index):
    """No Python library here writes XLS: LibreOffice converts the XLSX, as an old Excel saves."""
    book = openpyxl.Workbook()
    for row in (
        ["Organizația", "Prevederea", "Comentariul"],
        ["ONG", "art. I", "Bun."],
        ["Asociația", "General", "Necesar."],
    ):
        book.active.append(row)
    book.save(tmp_path / "f.xlsx")
    convert([tmp_path / "f.xlsx"], "xls", tmp_path / "xls", calc=True)
    with _register(tmp_path) as register:
        summary = ingest([tmp_path / "xls" / "f.xls"], register, index)
        rows = [
            tuple(r)
            for r in register.db.execute(
                "SELECT organisation, provision, row FROM comments ORDER BY row"
            )
        ]
    _reconciles(summary)
    assert rows == [("ONG", "art. I", 2), ("Asociația", "General", 3)]


def test_a_map_rule_that_names_no_column_is_reported(tmp_path, index):
    from lexkit.consult.mapping import parse_rule

    path = tmp_path / "f.csv"
    path.write_text("Organisation,Comment\nNGO,Text bun.\n", encoding="utf-8")
    with _register(tmp_path) as register:
        summary = ingest(
            [path], register, index, rules=[parse_rule("comment=Coment"), parse_rule("ignore=A")]
        )
    unused = [p for p in summary.problems if p.code == "I006"]
    assert [p.message for p in unused] == [
        "comment=Coment names no column of the files read; it was not used"
    ]
    assert summary.accepted == 1


def test_the_row_that_numbers_the_columns_is_not_a_comment(tmp_path, index):
    # Moldovan synthesis tables print the columns' numbers under the header.
    path = tmp_path / "sinteza.csv"
    path.write_text(
        "Nr.;Organizația;Prevederea;Obiecții și propuneri;Argumentare\n"
        "1;2;3;4;5\n"
        "1;ONG Alfa;art. I;Propunem excluderea voluntarilor.;Costuri.\n",
        encoding="utf-8",
    )
    with _register(tmp_path) as register:
        summary = ingest([path], register, index)
        comments = [r[0] for r in register.db.execute("SELECT comment FROM comments")]
    _reconciles(summary)
    assert (summary.rows_read, summary.rejected) == (1, 0)
    assert comments == ["Propunem excluderea voluntarilor."]
