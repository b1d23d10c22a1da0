"""Helpers for tests: front matter, and a built DOCX read back through python-docx and lxml."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from lxml import etree

from lexkit.engine.model import Document
from lexkit.errors import Problems

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "templates" / "reference.docx"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


@dataclass
class BuiltDocx:
    """A DOCX built in a test, with ways to read it back."""

    path: Path
    document: Document
    problems: Problems

    def part(self, name: str) -> etree._Element:
        with zipfile.ZipFile(self.path) as archive:
            return etree.fromstring(archive.read(name))

    def xpath(self, expression: str, part: str = "word/document.xml") -> list:
        return self.part(part).xpath(expression, namespaces=NS)

    def paragraphs(self) -> list[tuple[str, str]]:
        """(style name, text) of every body paragraph, as Word shows them."""
        return [(p.style.name, p.text) for p in docx.Document(str(self.path)).paragraphs]

    def texts(self, style: str) -> list[str]:
        return [text for name, text in self.paragraphs() if name == style]

    def superscripts(self) -> list[str]:
        return self.xpath("//w:r[w:rPr/w:vertAlign/@w:val='superscript']/w:t/text()")


def front(body: str, *, type: str = "law", lang: str = "ro", extra: str = "") -> str:
    """A document with front matter; ``body`` is its Markdown."""
    return (
        f"---\ntitle: Test\ntype: {type}\nlang: {lang}\nauthor: Tester\n"
        f"date: 2025-09-12\n{extra}---\n\n{body}"
    )


def copy_flagship(target: Path) -> Path:
    """A copy of the flagship dossier and the shared templates under ``target``, safe to
    change; returns ``target`` (the project root)."""
    shutil.copytree(REPO / "drafts" / "child-protection", target / "drafts" / "child-protection")
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def libreoffice(calc: bool = False, pdftotext: bool = False) -> str:
    """The soffice program, with Calc and pdftotext when asked. When one is missing the test
    is skipped, naming the Debian package to install, and fails in CI, whose .ci/run
    installs them all."""
    import os

    import pytest

    path = shutil.which("soffice") or shutil.which("libreoffice")
    missing = []
    if path is None:
        missing.append("libreoffice-calc-nogui" if calc else "libreoffice-writer-nogui")
    elif calc and not (Path(os.path.realpath(path)).parent / "libsclo.so").exists():
        missing.append("libreoffice-calc-nogui")
    if pdftotext and shutil.which("pdftotext") is None:
        missing.append("poppler-utils")
    if missing:
        message = f"not installed: the Debian package(s) {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run must install them", pytrace=False)
        pytest.skip(message)
    assert path is not None
    return path


def convert(files: list[Path], to: str, outdir: Path, *, calc: bool = False) -> None:
    """Convert files with LibreOffice headless, in one call, with a profile of their own."""
    import subprocess

    soffice = libreoffice(calc=calc)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{outdir.parent / 'lo-profile'}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def caret_text(paragraph: etree._Element) -> str:
    """The text of a w:p element as a reader sees it, a superscript written after "^"
    ("175^1"); footnote marks, which have no text of their own, left out."""
    out = []
    for run in paragraph.iter(f"{{{NS['w']}}}r"):
        text = "".join(t.text or "" for t in run.iter(f"{{{NS['w']}}}t"))
        if not text:
            continue
        align = run.find(f"{{{NS['w']}}}rPr/{{{NS['w']}}}vertAlign")
        raised = align is not None and align.get(f"{{{NS['w']}}}val") == "superscript"
        out.append(f"^{text}" if raised else text)
    return "".join(out)
