"""The consultation report: synthesis from the register, campaigns once, no personal data."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import openpyxl

from docx_helpers import copy_flagship
from lexkit import api, build
from lexkit.build import build_dossier
from lexkit.consult import analysis
from lexkit.consult.register import COMMENT_COLUMNS, INSERT_COMMENT, Register, register_path
from lexkit.project import BuildSettings

CAMPAIGN = "Cerem ca voluntarii să nu fie obligați să prezinte certificatul."
FEEDBACK = (
    "Organizația,Persoana de contact,E-mail,Telefon,Tipul,Acord de publicare,Prevederea,"
    "Poziția,Comentariu\n"
    "Ministerul Justiției,,,,autoritate publică,da,art. X alin. (2),susțin,Termen bun.\n"
    ",Maria Ionescu,maria.ionescu@example.md,+37369111222,persoană fizică,nu,General,"
    "comentariu,O lege necesară.\n"
    f"Asociația A,,,,ONG,da,art. III,nu susțin,{CAMPAIGN}\n"
    f"Asociația B,,,,ONG,nu,art. III,nu susțin,{CAMPAIGN.upper()}\n"
    f"Asociația C,,,,ONG,da,art. III,nu susțin,{CAMPAIGN}\n"
)


def _text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xml")]
        return " ".join(archive.read(n).decode("utf-8", "replace") for n in names)


def test_the_report_and_the_note_use_the_register(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    monkeypatch.chdir(root)
    (root / "in.csv").write_text(FEEDBACK, encoding="utf-8")
    summary = api.consultation_ingest([root / "in.csv"], "child-protection", root=root)
    assert (summary.accepted, summary.rejected) == (5, 0)
    with Register(register_path(root, "child-protection")) as register:
        comment_id = register.db.execute(
            "SELECT id FROM comments WHERE organisation = 'Ministerul Justiției'"
        ).fetchone()[0]
        register.db.execute(
            "INSERT INTO decisions (comment_id, decision, argument) VALUES (?, 'accepted', '')",
            (comment_id,),
        )
    build_dossier(root / "drafts" / "child-protection", BuildSettings(root))
    out = root / "output" / "child-protection" / "ro"
    report = docx.Document(str(out / "consultation-report.docx"))
    synthesis = report.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in synthesis.rows[1:]]
    # General first, then the draft's order (art. III before art. X); the campaign once.
    assert [row[2] for row in rows] == ["General", "art. III", "art. X alin. (2)"]
    assert rows[0][1] == "Persoană fizică"
    assert rows[1][1].startswith("3 participanți (campanie)")
    assert "Asociația B" in rows[1][1]  # an organisation is not personal data
    assert rows[2][1] == "Ministerul Justiției"
    assert rows[2][4] == "Se acceptă"
    assert len(report.inline_shapes) == 3  # the three charts
    consenting = [p.text for p in report.paragraphs if p.style.name == "Point"]
    assert consenting == ["–\tAsociația A", "–\tAsociația C", "–\tMinisterul Justiției"]
    for path in (root / "output").rglob("*"):
        if path.suffix in (".docx", ".xlsx", ".json"):
            content = _text(path) if path.suffix != ".json" else path.read_text()
            assert "maria.ionescu@example.md" not in content, path
            assert "37369111222" not in content, path
            assert "Maria Ionescu" not in content, path
    note = " ".join(p.text for p in docx.Document(str(out / "justification-note.docx")).paragraphs)
    assert "Numărul participanților la avizare și la consultarea publică: 5." in note
    assert "Numărul obiecțiilor și propunerilor (recomandărilor) recepționate: 5" in note


# ---------------------------------------------------------------- a register filled in here

QUESTION = "Ce ar trebui schimbat în proiect?"
CLOSED = "Susțineți verificarea voluntarilor?"
CAMPAIGN_TEXT = "Solicităm ca voluntarii din taberele de vară să fie scutiți de certificat."
MARKUP = "Vezi [aici](#nicaieri), *tot* | textul [^1] și <b>art. 30^1</b> & {#id}."
SHOWN = "Vezi [aici](#nicaieri), *tot* | textul [^1] și <b>art. 301</b> & {#id}."  # 30, raised 1


def _comment(**values: object) -> dict[str, object]:
    """A comment as intake stores it: the feedback fields, the provision as written, the
    question of a survey and the flags."""
    out: dict[str, object] = dict.fromkeys(COMMENT_COLUMNS)
    out.update(
        stakeholder_type="civil-society",
        consent_to_publish=0,
        document="draft-law",
        provision="General",
        position="comment",
    )
    out.update(values)
    out["provision_raw"] = out["provision_raw"] or out["provision"] or "art. 99"
    return out


COMMENTS = [
    _comment(
        organisation="Ministerul Justiției",
        stakeholder_type="public-authority",
        consent_to_publish=1,
        provision="art. X alin. (2)",
        position="support",
        comment="Termenul este potrivit.",
    ),
    _comment(comment="Un comentariu fără nume.", position="oppose", provision="art. III"),
    _comment(
        organisation="Asociația Z",
        comment="Poziție neclară.",
        flags="position: 'poate' not understood: read as a comment\n"
        "date: '31.13.2025' is not a date lexkit can read: kept as sent",
    ),
    _comment(
        organisation="Asociația Y",
        comment=MARKUP,
        provision="art. III",
        flags="position: 'da, dar' not understood: read as a comment",
    ),
    _comment(
        contact_name="Ion Popescu",
        stakeholder_type="individual",
        comment="Să fie incluși și antrenorii.",
        question=QUESTION,
    ),
    *(
        _comment(
            organisation=f"Asociația {letter}",
            comment=CAMPAIGN_TEXT,
            campaign="tabere",
            provision="art. III",
            position="oppose",
            consent_to_publish=1,
        )
        for letter in "ABC"
    ),
]


def _fill_register(root: Path, comments: list[dict[str, object]] = COMMENTS) -> None:
    """The register of a consultation with a form file, a survey export, an unreadable file,
    two rejected rows and three closed answers, written as intake writes it."""
    with (
        Register(register_path(root, "child-protection")) as register,
        register.transaction() as db,
    ):
        db.executemany(
            "INSERT INTO files (id, sha256, name, size, status, reason, rows_read, accepted, "
            "rejected, profile) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            [
                (1, "a", "formular-completat.xlsx", "read", None, 9, 7, 2, None),
                (2, "b", "chestionar-kobo.csv", "read", None, 3, 3, 0, "kobotoolbox"),
                (3, "c", "adresa-scanata.pdf", "unreadable", "not a spreadsheet (.pdf)", 0, 0,
                 0, None),
            ],
        )  # fmt: skip
        records = []
        for number, values in enumerate(comments, start=2):
            survey = values["question"] is not None
            stored = [values[column] for column in COMMENT_COLUMNS]
            records.append((2 if survey else 1, "Sheet1", number, *stored, "{}", None))
        db.executemany(INSERT_COMMENT, records)
        db.executemany(
            "UPDATE comments SET campaign = ? WHERE id = ?",
            [(c["campaign"], n) for n, c in enumerate(comments, start=1) if c.get("campaign")],
        )
        db.executemany(
            "INSERT INTO rejections (file_id, sheet, row, reason, raw) VALUES (1, 'S', ?, ?, '{}')",
            [(20, REJECTED_REASON), (21, REJECTED_REASON)],
        )
        db.executemany(
            "INSERT INTO answers (file_id, sheet, row, question, answer) "
            "VALUES (2, 'Sheet1', ?, ?, ?)",
            [(2, CLOSED, "Da"), (3, CLOSED, "Nu"), (4, CLOSED, "Da")],
        )


REJECTED_REASON = "no comment, no proposed wording and no answer: nothing to answer"


def _report_text(path: Path) -> tuple[str, list[list[list[str]]]]:
    """The report's paragraphs as one text, and its tables as rows of cell texts."""
    report = docx.Document(str(path))
    text = "\n".join(p.text for p in report.paragraphs)
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in report.tables]
    return text, tables


def _table_with(tables: list[list[list[str]]], header: str) -> list[list[str]]:
    return next(t for t in tables if t[0][0] == header)


def test_the_report_accounts_for_the_process_and_is_made_once_per_language(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    monkeypatch.chdir(root)
    _fill_register(root)
    calls: Counter[str] = Counter()

    def counted(name: str, function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(build, "read_consultation", counted("read", build.read_consultation))
    monkeypatch.setattr(build, "ConsultationReport", counted("report", build.ConsultationReport))
    monkeypatch.setattr(analysis, "Synthesis", counted("synthesis", analysis.Synthesis))
    monkeypatch.setattr(analysis, "charts", counted("charts", analysis.charts))
    build_dossier(root / "drafts" / "child-protection", BuildSettings(root))
    # One read of the register for the build; the counts, the synthesis and the charts once
    # per language, though the note and the report both speak of the consultation.
    assert calls == {"read": 1, "report": 2, "synthesis": 2, "charts": 2}

    out = root / "output" / "child-protection"
    text, tables = _report_text(out / "ro" / "consultation-report.docx")
    process = dict(row for row in _table_with(tables, "Etapa")[1:])
    assert process["Fișiere primite"] == "3"
    assert process["Fișiere care nu au putut fi citite"] == "1"
    assert process["Rânduri respinse"] == "2"
    assert process["Comentarii și propuneri înregistrate"] == "8"
    assert process["– anonime (fără organizație și fără nume)"] == "1"
    assert process["– acceptate cu semnalări"] == "2"
    assert process["– răspunsuri la întrebările deschise ale unui chestionar"] == "1"
    assert process["– în campanii"] == "3"
    assert "„adresa-scanata.pdf”: not a spreadsheet (.pdf)" in text
    reasons = _table_with(tables, "Motivul respingerii")
    assert reasons[1:] == [
        ["fără comentariu, propunere de redactare sau răspuns: nimic de examinat", "2"]
    ]
    flags = _table_with(tables, "Semnalarea")
    assert flags[1:] == [["poziția", "2"], ["data", "1"]]
    assert "cel puțin 90 %" in text
    assert "cel puțin 3 participanți" in text
    assert f"Întrebarea: „{CLOSED}” (răspunsuri: 3)" in text
    assert _table_with(tables, "Răspunsul")[1:] == [["Da", "2", "67"], ["Nu", "1", "33"]]
    synthesis = tables[-1]
    # (A word joiner, which no reader sees, keeps "[^1]" from being read as a footnote.)
    cells = {row[3].replace("\u2060", ""): row for row in synthesis[1:]}
    assert f"Întrebarea: „{QUESTION}”. Să fie incluși și antrenorii." in cells
    assert SHOWN in cells  # a stakeholder's markup is shown as written
    anonymous = next(row for row in synthesis if row[3] == "Un comentariu fără nume.")
    assert anonymous[1] == "Anonim"
    assert [row[1] for row in synthesis].count("Persoană fizică") == 1  # Ion, no consent
    assert not (out / "ro" / "consultation-report-synthesis.xlsx").exists()  # all in the table

    text, tables = _report_text(out / "en" / "consultation-report.docx")
    assert "“adresa-scanata.pdf”: not a spreadsheet (.pdf)" in text
    assert _table_with(tables, "Flag")[1:] == [["position", "2"], ["date", "1"]]
    # The English report names the provisions as the English draft does.
    provisions = [row[2] for row in tables[-1][1:]]
    assert "Article X(2)" in provisions
    assert not any("alin." in p for p in provisions)


def test_a_long_synthesis_is_grouped_and_annexed_in_full(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    monkeypatch.chdir(root)
    _fill_register(root)
    monkeypatch.setattr(analysis, "SYNTHESIS_TABLE_LIMIT", 3)
    build_dossier(root / "drafts" / "child-protection", BuildSettings(root))
    out = root / "output" / "child-protection"
    for lang, sheet_title in (("ro", "Sinteza"), ("en", "Synthesis")):
        annex = out / lang / "consultation-report-synthesis.xlsx"
        manifest = json.loads((out / lang / "manifest.json").read_text(encoding="utf-8"))
        assert annex.name in manifest["outputs"]
        book = openpyxl.load_workbook(annex)
        sheet = book[sheet_title]
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 1 + 6  # the header; 8 comments, the campaign's 3 as one row
        assert sheet.auto_filter.ref == "A1:K7"
        assert {row[5] for row in rows[1:]} >= {QUESTION}  # the topic column
        campaign = next(row for row in rows if row[2] == 3)
        assert campaign[1].startswith("3 ")
        # More consenting participants than the limit: named in the annex, not the report.
        names = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
        assert names == ["Asociația A", "Asociația B", "Asociația C", "Ministerul Justiției"]
    text, tables = _report_text(out / "ro" / "consultation-report.docx")
    assert "„consultation-report-synthesis.xlsx”" in text
    summary = _table_with(tables, "Prevederea")
    assert [row[0] for row in summary[1:]] == [
        "General",
        f"General: „{QUESTION}”",
        "art. III",
        "art. X alin. (2)",
    ]
    assert summary[3][1:] == ["5", "0", "0", "4", "1", "1"]  # art. III: 4 oppose, 1 comment
    report = docx.Document(str(out / "ro" / "consultation-report.docx"))
    headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading 2")]
    assert "Prevederea: art. III" in headings
    assert "Comentarii generale" in headings
    assert "Participanți care au consimțit publicarea numelui: 4." in text
    english, _ = _report_text(out / "en" / "consultation-report.docx")
    assert "“consultation-report-synthesis.xlsx”" in english
    # The same register gives the same bytes.
    again = BuildSettings(root, tmp_path / "again")
    build_dossier(root / "drafts" / "child-protection", again, ["ro"])
    for name in ("consultation-report.docx", "consultation-report-synthesis.xlsx"):
        assert (again.output / "child-protection" / "ro" / name).read_bytes() == (
            out / "ro" / name
        ).read_bytes()
