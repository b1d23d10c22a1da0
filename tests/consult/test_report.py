"""The consultation report: synthesis from the register, campaigns once, no personal data."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from docx_helpers import copy_flagship
from lexkit import api
from lexkit.build import build_dossier
from lexkit.consult.register import Register, register_path
from lexkit.project import BuildSettings

CAMPAIGN = "Cerem ca voluntarii să nu fie obligați să prezinte certificatul."
FEEDBACK = (
    "Organizația,Persoana de contact,E-mail,Telefon,Tipul,Acord de publicare,Prevederea,"
    "Poziția,Comentariu\n"
    "Ministerul Justiției,,,,autoritate publică,da,art. VIII alin. (2),susțin,Termen bun.\n"
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
    # General first, then the draft's order (art. III before art. VIII); the campaign once.
    assert [row[2] for row in rows] == ["General", "art. III", "art. VIII alin. (2)"]
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
