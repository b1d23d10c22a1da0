"""The flagship in its official edition: the package a ministry receives, with no drafting
aid, the formal elements of each act, and a build that lists what is still to verify."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from docx_helpers import copy_flagship
from flagship_helpers import NAME
from lexkit.build import BuildResult, build_dossier
from lexkit.errors import LexkitError
from lexkit.project import BuildSettings

AID_NOTE = re.compile(r"^\s*(De verificat|Notă pentru autor|To verify|Note for the author)\b")


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = copy_flagship(tmp_path_factory.mktemp("official"))
    settings = BuildSettings(root)
    result = build_dossier(root / "drafts" / NAME, settings, edition="official")
    return settings.output / NAME / "official", result


def _notes(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        xml = archive.read("word/footnotes.xml").decode()
    notes = re.findall(r'<w:footnote w:id="[1-9]\d*">(.*?)</w:footnote>', xml, re.S)
    return ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", note)).strip() for note in notes]


def test_the_official_package_holds_the_acts_and_not_the_aids(official):
    folder, _ = official
    for lang in ("ro", "en"):
        names = sorted(p.name for p in (folder / lang).iterdir())
        assert "to-verify.xlsx" not in names
        assert {"draft-law.docx", "victim-notification.docx", "justification-note.docx"} <= set(
            names
        )


def test_no_official_document_has_a_drafting_note_or_a_status_column(official):
    folder, _ = official
    for path in sorted(folder.glob("*/*.docx")):
        assert not [note for note in _notes(path) if AID_NOTE.match(note)], path
        document = docx.Document(str(path))
        headers = {cell.text for table in document.tables for cell in table.rows[0].cells}
        assert not headers & {"Statut", "Status"} or path.stem == "compliance-matrix", path


def test_the_working_edition_still_has_them(flagship):
    notes = _notes(flagship.output / "ro" / "draft-law.docx")
    assert any(note.startswith("De verificat:") for note in notes)
    law = docx.Document(str(flagship.output / "ro" / "draft-law.docx"))
    assert any(cell.text == "Statut" for table in law.tables for cell in table.rows[0].cells)


def test_the_official_law_and_decision_carry_their_formal_elements(official):
    folder, _ = official
    law = [
        (p.style.name, p.text)
        for p in docx.Document(str(folder / "ro" / "draft-law.docx")).paragraphs
    ]
    assert ("Enacting Formula", "Parlamentul adoptă prezenta lege organică.") in law
    assert ("Signature", "PREȘEDINTELE PARLAMENTULUI") in law
    decision = [
        (p.style.name, p.text)
        for p in docx.Document(str(folder / "ro" / "victim-notification.docx")).paragraphs
    ]
    assert ("Issuing Authority", "GUVERNUL REPUBLICII MOLDOVA") in decision
    assert ("Title", "HOTĂRÂRE nr. ___") in decision
    assert ("Enacting Formula", "Guvernul HOTĂRĂȘTE:") in decision
    assert ("Signature Place", "Contrasemnează:") in decision
    assert any(s == "Legal Basis" and t.startswith("În temeiul") for s, t in decision)
    english = [
        (p.style.name, p.text)
        for p in docx.Document(str(folder / "en" / "victim-notification.docx")).paragraphs
    ]
    assert ("Enacting Formula", "The Government DECIDES:") in english


def test_the_official_build_lists_the_facts_still_to_verify(official):
    _, result = official
    listed = [p for p in result.warnings if p.code == "D010"]
    assert listed
    offences = [p for p in listed if p.location.file.endswith("data/offences.csv")]
    assert offences
    assert all(p.location.line for p in offences)
    assert all("used in" in p.message for p in listed)


def test_strict_stops_the_official_flagship_on_them(tmp_path):
    root = copy_flagship(tmp_path)
    with pytest.raises(LexkitError) as stopped:
        build_dossier(root / "drafts" / NAME, BuildSettings(root), edition="official", strict=True)
    assert any(p.code == "D010" for p in stopped.value.problems)
    assert not (root / "output" / NAME / "official").exists()


def test_the_official_comparative_table_names_no_dossier_file(official, flagship):
    folder, _ = official
    official_text = "\n".join(
        cell.text
        for table in docx.Document(str(folder / "ro" / "comparative-table.docx")).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "redacția în vigoare nu este reprodusă în prezentul tabel" in official_text
    assert "in-force/" not in official_text
    working = docx.Document(str(flagship.output / "ro" / "comparative-table.docx"))
    working_text = "\n".join(c.text for t in working.tables for r in t.rows for c in r.cells)
    assert "in-force/" in working_text
