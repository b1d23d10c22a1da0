"""Whole builds: the flagship dossier, determinism, atomic output, LibreOffice rendering."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from docx_helpers import convert, copy_flagship, front, libreoffice
from lexkit.build import build_dossier
from lexkit.errors import LexkitError
from lexkit.project import BuildSettings


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's drafts and templates, safe to change."""
    return copy_flagship(tmp_path)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build(project: Path, output: Path | None = None) -> Path:
    settings = BuildSettings(project, output)
    build_dossier(project / "drafts" / "child-protection", settings)
    return settings.output / "child-protection"


def test_flagship_builds_in_both_languages_with_the_same_structure(flagship):
    out = flagship.output
    ro = docx.Document(str(out / "ro" / "draft-law.docx"))
    en = docx.Document(str(out / "en" / "draft-law.docx"))

    def structure(document: docx.document.Document) -> list[str]:
        return [p.style.name for p in document.paragraphs]

    assert structure(ro) == structure(en)
    headings = [p.text for p in ro.paragraphs if p.style.name == "Article Heading"]
    assert headings[0] == "Articolul I."
    english = [p.text for p in en.paragraphs if p.style.name == "Article Heading"]
    assert english[0] == "Article I."
    assert len(headings) == len(english) >= 5


def test_manifest_lists_outputs_and_inputs_with_hashes(flagship):
    out = flagship.output
    manifest = json.loads((out / "ro" / "manifest.json").read_text())
    docx_hash = hashlib.sha256((out / "ro" / "draft-law.docx").read_bytes()).hexdigest()
    assert manifest["outputs"]["draft-law.docx"]["sha256"] == docx_hash
    assert manifest["lexkit"]
    inputs = manifest["inputs"]
    assert "drafts/child-protection/dossier.yaml" in inputs
    assert "drafts/child-protection/data/offences.csv" in inputs
    assert "drafts/child-protection/templates/ro/draft-law.md.j2" in inputs
    assert "templates/reference.docx" in inputs
    csv_hash = hashlib.sha256((flagship.dossier / "data" / "offences.csv").read_bytes()).hexdigest()
    assert inputs["drafts/child-protection/data/offences.csv"] == csv_hash
    combined = json.loads((out / "manifest.json").read_text())
    assert set(combined["languages"]) == {"ro", "en"}


def _all_text(path: Path) -> str:
    """Body text including tables, superscripts run into their numbers as Word shows."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode()
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_a_data_row_changes_the_law(flagship, project):
    before = _all_text(flagship.output / "ro" / "draft-law.docx")  # the same dossier, unchanged
    csv = project / "drafts/child-protection/data/offences.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(
        key="cp-999",
        code="CP",
        article="999^9",
        title_ro="Infracțiune de test",
        title_en="Test offence",
        category="sexual",
        child_specific="yes",
        victim="any",
        expunged_counts="yes",
        duration_ro="permanent",
        duration_en="permanent",
        status="to verify",
        source="test",
    )
    csv.write_text("\n".join([*lines, ",".join(row[h] for h in header)]) + "\n", encoding="utf-8")
    out = _build(project)
    after = _all_text(out / "ro" / "draft-law.docx")
    assert "9999" not in before
    assert "9999" in after  # 999 with a superscript 9
    assert "Infracțiune de test" in after


def test_building_twice_gives_identical_bytes(flagship, tmp_path):
    """The session's build, and the same project built again into another folder."""
    first = _hashes(flagship.output)
    second = _hashes(_build(flagship.root, tmp_path / "two"))
    assert first == second
    assert "ro/draft-law.docx" in first
    with zipfile.ZipFile(tmp_path / "two" / "child-protection" / "ro" / "draft-law.docx") as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_separate_processes_give_identical_bytes(project, tmp_path):
    """Nothing depends on the process: hash seeds, set order, the clock."""
    lexkit = Path(sys.executable).with_name("lexkit")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [str(lexkit), "build", "child-protection"],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(_hashes(project / "output" / "child-protection"))
        shutil.rmtree(project / "output")
    assert outputs[0] == outputs[1]
    assert {"ro/draft-law.docx", "en/draft-law.docx", "manifest.json"} <= set(outputs[0])


def test_a_failed_build_leaves_the_previous_output_untouched(project):
    out = _build(project)
    before = _hashes(out)
    template = project / "drafts/child-protection/templates/en/draft-law.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\n{{ no_such_variable }}\n", encoding="utf-8"
    )
    with pytest.raises(LexkitError) as caught:
        _build(project)
    assert "no_such_variable" in caught.value.problems[0].message
    assert caught.value.problems[0].location.file.endswith("en/draft-law.md.j2")
    assert _hashes(out) == before
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.libreoffice
def test_libreoffice_renders_numbers_and_references(flagship, tmp_path, build_md):
    libreoffice(pdftotext=True)
    out = flagship.output
    sample = build_md(
        front(
            "# Capitolul. Generale\n\n### Articolul. Obiectul {#scope}\n\n(1) Unu.\n"
            "(2) Doi:\na) x;\nb) y.\n\n### Articolul. Trimiteri\n\nVezi [](#scope/2/b).\n"
        )
    )
    pdf_dir = tmp_path / "pdf"
    convert([out / "ro" / "draft-law.docx", sample.path], "pdf", pdf_dir)

    def text_of(pdf: Path) -> str:
        result = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        )
        return " ".join(result.stdout.split())

    sample_text = text_of(pdf_dir / f"{sample.path.stem}.pdf")
    assert "Capitolul I. Generale" in sample_text
    assert "Articolul 1. Obiectul" in sample_text
    assert "Articolul 2. Trimiteri" in sample_text
    assert "Vezi art. 1 alin. (2) lit. b)." in sample_text
    law_text = text_of(pdf_dir / "draft-law.pdf")
    assert "Articolul I." in law_text
    assert "Articolul II." in law_text
    assert "LEGE" in law_text


def test_default_reference_is_deterministic():
    """`lexkit reference-docx` writes the same bytes every time (fixed dates and order)."""
    from lexkit.engine.writers.docx.default_reference import build_default_reference
    from lexkit.io.archive import zip_parts

    assert zip_parts(build_default_reference()) == zip_parts(build_default_reference())
