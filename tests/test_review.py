"""lexkit review: a reviewer's comments and tracked changes in a DOCX lexkit built (or
any DOCX with article headings), each on its provision, into the consultation register."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree

import check_helpers
from check_helpers import Dossier
from lexkit import api
from lexkit.api import review_ingest
from lexkit.build import built_documents
from lexkit.cli import main
from lexkit.consult.decisions import DECISIONS_SHEET, export_decisions
from lexkit.consult.provisions import Provisions, provision_index
from lexkit.consult.register import Register, register_path
from lexkit.errors import LexkitError
from lexkit.project import BuildSettings
from lexkit.review.ingest import Review, ReviewItem, read_review, store_review

MJ = "Ministerul Justiției"
LAW_RO = check_helpers.LAW_RO.replace(
    "(2) Regulile se aplică angajatorilor.",
    "(2) Regulile se aplică:\n\n- angajatorilor;\n- voluntarilor.",
)
LAW_EN = check_helpers.LAW_EN.replace(
    "(2) The rules apply to employers.", "(2) The rules apply to:\n\n- employers;\n- volunteers."
)
DECISION = """\
---
title: "{title}"
type: government-decision
lang: {lang}
---

{points}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A two-article law (with points) and a government decision, built once in Romanian
    and English."""
    root = tmp_path_factory.mktemp("review")
    dossier = Dossier(root)
    dossier.law(ro=LAW_RO, en=LAW_EN)
    dossier.document(
        "decision",
        DECISION.format(
            title="cu privire la aprobarea Regulamentului de verificare",
            lang="ro",
            points="1. Se aprobă Regulamentul de verificare.\n"
            "2. Hotărârea intră în vigoare la publicare.",
        ),
        DECISION.format(
            title="on the approval of the Regulation on checks",
            lang="en",
            points="1. The Regulation on checks is approved.\n"
            "2. This Decision enters into force on publication.",
        ),
    )
    api.build(["demo"], root=root)
    return root


@pytest.fixture
def root(tmp_path, built) -> Path:
    """The built dossier with a register of its own."""
    shutil.copytree(built / "drafts", tmp_path / "drafts")
    return tmp_path


def _built(built: Path, lang: str = "ro", name: str = "law") -> docx.document.Document:
    return docx.Document(str(built / "output" / "demo" / lang / f"{name}.docx"))


def _paragraph(document: docx.document.Document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def _save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def _reviewed_law(built: Path, target: Path) -> Path:
    """The Romanian law with the Ministry's comments on the title, an article heading, an
    alineat and a point."""
    law = _built(built)
    comments = (
        ("privind protecția", "Titlul trebuie să numească și voluntarii."),
        ("Articolul 1", "Denumirea articolului este prea generală."),
        ("(2) Regulile", "Alineatul nu spune de la ce dată se aplică."),
        ("b)", "Voluntarii ocazionali trebuie excluși."),
    )
    for start, text in comments:
        law.add_comment(
            _paragraph(law, start).runs, text, author="Ministerul Justiţiei", initials="MJ"
        )
    return _save(law, target / "law-MJ.docx")


def _rows(root: Path) -> list[tuple]:
    with Register(register_path(root, "demo")) as opened:
        return [
            tuple(row)
            for row in opened.db.execute(
                "SELECT sheet, organisation, stakeholder_type, consent, position, document, "
                "provision_raw, provision, comment, proposed_wording, submitted_on "
                "FROM comments ORDER BY id"
            )
        ]


def test_comments_are_added_on_their_provisions_as_the_reviewers_feedback(root, built, tmp_path):
    reviewed = _reviewed_law(built, tmp_path)

    summary = review_ingest(reviewed, "demo", root=root)

    assert (summary.comments, summary.revisions, summary.unmatched) == (4, 0, 0)
    assert summary.document == "law"
    assert summary.reviewers == [MJ]  # the cedilla of the file is read as ț
    assert summary.by_provision == {
        "General": 1,
        "art. 1": 1,
        "art. 1 alin. (2)": 1,
        "art. 1 alin. (2) lit. b)": 1,
    }
    assert [row[:8] for row in _rows(root)] == [
        ("comments", MJ, "public-authority", 0, "comment", "law", "General", "General"),
        ("comments", MJ, "public-authority", 0, "comment", "law", "art. 1", "art. 1"),
        ("comments", MJ, "public-authority", 0, "comment", "law", *["art. 1 alin. (2)"] * 2),
        (
            "comments",
            MJ,
            "public-authority",
            0,
            "comment",
            "law",
            *["art. 1 alin. (2) lit. b)"] * 2,
        ),
    ]
    assert [row[8] for row in _rows(root)] == [
        "Titlul trebuie să numească și voluntarii.",
        "Denumirea articolului este prea generală.",
        "Alineatul nu spune de la ce dată se aplică.",
        "Voluntarii ocazionali trebuie excluși.",
    ]


def test_the_same_file_again_adds_nothing(root, built, tmp_path):
    reviewed = _reviewed_law(built, tmp_path)
    review_ingest(reviewed, "demo", root=root)

    again = review_ingest(reviewed, "demo", root=root)

    assert again.already_in_register
    assert (again.comments, again.revisions) == (0, 0)
    assert again.lines() == ["law-MJ.docx: already in the register (the same file): nothing added"]
    assert again.document == "law"
    assert len(_rows(root)) == 4


def test_the_comments_reach_the_decisions_sheet(root, built, tmp_path):
    documents = built_documents(root / "drafts" / "demo", BuildSettings(root), "ro")
    review_ingest(_reviewed_law(built, tmp_path), "demo", root=root)

    with Register(register_path(root, "demo")) as opened:
        data = export_decisions(opened, provision_index(documents))

    sheet = openpyxl.load_workbook(io.BytesIO(data))[DECISIONS_SHEET]
    cells = [[str(c) for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    rows = {row[-1]: row for row in cells if any("Ministerul" in c for c in row)}
    assert set(rows) >= {
        "Titlul trebuie să numească și voluntarii.",
        "Voluntarii ocazionali trebuie excluși.",
    }
    assert "art. 1 alin. (2) lit. b)" in rows["Voluntarii ocazionali trebuie excluși."]
    assert "General" in rows["Titlul trebuie să numească și voluntarii."]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tracked(paragraph, kind: str, text: str, author: str = "Ion Popescu") -> etree._Element:
    """A w:ins or w:del holding one run of ``text``, at the end of ``paragraph``."""
    change = etree.SubElement(paragraph._p, qn(f"w:{kind}"))
    change.set(qn("w:id"), str(90 + len(paragraph._p)))
    change.set(qn("w:author"), author)
    change.set(qn("w:date"), "2025-10-01T09:00:00Z")
    run = etree.SubElement(change, qn("w:r"))
    tag = etree.SubElement(run, qn("w:t" if kind == "ins" else "w:delText"))
    tag.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    tag.text = text
    return change


def test_tracked_changes_become_feedback_with_the_proposed_wording(root, built, tmp_path):
    law = _built(built)
    _tracked(_paragraph(law, "(1) Prezenta"), "ins", " Regulile se publică.")
    point = _paragraph(law, "a)")
    words = point.runs[-1]._r  # "angajatorilor;" struck through, "angajatorilor publici;" put in
    deletion = etree.SubElement(point._p, qn("w:del"), {qn("w:author"): "Ion Popescu"})
    deletion.append(words)
    words.find(qn("w:t")).tag = qn("w:delText")
    _tracked(point, "ins", "angajatorilor publici;")
    reviewed = _save(law, tmp_path / "law-IP.docx")

    summary = review_ingest(reviewed, "demo", root=root)

    assert (summary.comments, summary.revisions) == (0, 2)
    rows = _rows(root)
    assert [row[0:2] + row[6:] for row in rows] == [
        (
            "revisions",
            "Ion Popescu",
            "art. 1 alin. (1)",
            "art. 1 alin. (1)",
            "Se introduce „Regulile se publică.” / Insert “Regulile se publică.”",
            "(1) Prezenta lege stabilește regulile de verificare. Regulile se publică.",
            "2025-10-01",
        ),
        (
            "revisions",
            "Ion Popescu",
            "art. 1 alin. (2) lit. a)",
            "art. 1 alin. (2) lit. a)",
            "Se înlocuiește „angajatorilor;” cu „angajatorilor publici;” / "
            "Replace “angajatorilor;” with “angajatorilor publici;”",
            "a) angajatorilor publici;",
            "2025-10-01",
        ),
    ]


def test_a_docx_lexkit_did_not_build_is_read_by_its_headings(root, tmp_path):
    memo = docx.Document()
    for text in (
        "Observațiile ministerului",
        "Articolul 1",
        "(1) Textul primului alineat.",
        "(2) Regulile se aplică:",
        "a) angajatorilor;",
        "b) voluntarilor.",
        "Articolul 2. Intrarea în vigoare",
        "Articolul 2 se aplică după 6 luni.",  # a sentence, not a heading
    ):
        memo.add_paragraph(text)
    paragraphs = memo.paragraphs
    for index, note in ((0, "În ansamblu, bine."), (5, "Excludeți voluntarii."), (6, "Titlu?")):
        memo.add_comment(paragraphs[index].runs, note, author="Agenția X", initials="AX")
    memo.add_comment(paragraphs[7].runs, "Termenul e scurt.", author="Agenția X", initials="AX")
    path = _save(memo, tmp_path / "memo.docx")

    review = read_review(path)
    summary = review_ingest(path, "demo", root=root)

    assert not review.built_by_lexkit
    assert summary.document == "law"  # no title: the dossier's main act
    assert [row[6:8] for row in _rows(root)] == [
        ("General", "General"),
        ("art. 1 alin. (2) lit. b)", "art. 1 alin. (2) lit. b)"),
        ("art. 2", "art. 2"),
        ("art. 2", "art. 2"),
    ]


def test_the_document_is_found_by_its_title_in_either_language(root, built, tmp_path):
    law = _built(built, "en")
    law.add_comment(_paragraph(law, "Article 1").runs, "Rename it.", author="MJ", initials="MJ")
    decision = _built(built, "ro", "decision")
    point = _paragraph(decision, "2.")
    decision.add_comment(point.runs, "Termenul e prea scurt.", author="MJ", initials="MJ")

    on_law = review_ingest(_save(law, tmp_path / "law-en.docx"), "demo", root=root)
    # A register of its own: a build beside a register draws the consultation's charts.
    other = tmp_path / "other"
    shutil.copytree(root / "drafts", other / "drafts")
    on_decision = review_ingest(_save(decision, tmp_path / "decision.docx"), "demo", root=other)

    assert (on_law.document, on_law.by_provision) == ("law", {"art. 1": 1})
    assert (on_decision.document, on_decision.by_provision) == ("decision", {"pct. 2": 1})


def _refused(path: Path) -> str:
    with pytest.raises(LexkitError) as caught:
        read_review(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.location.file, bool(problem.fix)) == ("I005", str(path), True)
    return problem.message


def _docx_with(tmp_path: Path, built: Path, part: str, text: bytes) -> Path:
    source = built / "output" / "demo" / "ro" / "law.docx"
    target = tmp_path / "changed.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, text if item.filename == part else old.read(item))
    return target


def test_a_file_that_is_not_a_readable_docx_is_a_problem(tmp_path, built):
    (tmp_path / "notes.docx").write_text("Observații: art. 1 e bun.", encoding="utf-8")
    (tmp_path / "scan.docx").write_bytes(b"%PDF-1.7\n...")
    law = (built / "output" / "demo" / "ro" / "law.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(law[: len(law) // 2])
    doctype = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><w:document xmlns:w="%s"/>'
    unsafe = _docx_with(tmp_path, built, "word/document.xml", doctype % W.encode())

    assert "not a Word document" in _refused(tmp_path / "notes.docx")
    assert "a PDF document" in _refused(tmp_path / "scan.docx")
    assert "truncated or damaged" in _refused(tmp_path / "cut.docx")
    assert "DOCTYPE" in _refused(unsafe)
    assert _refused(tmp_path / "missing.docx") == "file not found"


def test_the_review_ingest_command(root, built, tmp_path, monkeypatch):
    reviewed = _reviewed_law(built, tmp_path)
    monkeypatch.chdir(root)

    added = CliRunner().invoke(main, ["review", "ingest", str(reviewed), "-d", "demo"])
    refused = CliRunner().invoke(main, ["review", "ingest", str(tmp_path / "none.docx")])

    assert added.exit_code == 0, added.output
    assert "law-MJ.docx (law): 4 comments and 0 tracked changes added" in added.output
    assert "  art. 1 alin. (2) lit. b): 1" in added.output
    assert refused.exit_code == 1
    assert "[I005]" in refused.output


def _item(provision: str | None, text: str) -> ReviewItem:
    return ReviewItem("comment", 1, "MJ", "MJ", "", text, None, provision, "")


def test_a_point_the_register_does_not_list_is_on_its_unit_and_a_lost_one_is_flagged(tmp_path):
    labels = {
        ("law", "VIII", None, None): "art. VIII",
        ("law", "VIII", "2", None): "art. VIII alin. (2)",
    }
    index = Provisions(labels, {(k[0], v.casefold()): v for k, v in labels.items()}, "law")
    items = (
        _item("art. VIII alin. (2) lit. a)", "Termenul de 6 luni e scurt."),
        _item("art. IX", "Articolul a dispărut din proiect."),
    )
    items = tuple(replace(item, number=n) for n, item in enumerate(items, start=1))
    review = Review("law.docx", b"reviewed", "", (), True, items)

    with Register(tmp_path / "register.sqlite") as opened:
        summary = store_review(review, opened, index, {})
        stored = opened.db.execute("SELECT provision_raw, provision FROM comments").fetchall()

    assert [tuple(row) for row in stored] == [
        ("art. VIII alin. (2) lit. a)", "art. VIII alin. (2)"),
        ("art. IX", None),
    ]
    assert summary.unmatched == 1
    assert "  art. IX (not in the current draft): 1" in summary.lines()
