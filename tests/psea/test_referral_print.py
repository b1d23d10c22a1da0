"""The referral pathway as a reader prints it: each region starts on a page of its own and
takes one or two pages (LibreOffice lays the pages out; pdftotext reads them back)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from docx_helpers import REPO, convert, libreoffice
from lexkit.build import build_dossier
from lexkit.project import BuildSettings

NAME = "psea-moldova"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", ["en", "ro"])
def test_each_region_prints_on_one_or_two_pages_of_its_own(tmp_path: Path, lang: str):
    libreoffice(pdftotext=True)
    shutil.copytree(REPO / "drafts" / NAME, tmp_path / "drafts" / NAME)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    settings = BuildSettings(tmp_path)
    build_dossier(tmp_path / "drafts" / NAME, settings, [lang])
    docx = settings.output / NAME / lang / "referral-pathway.docx"
    convert([docx], "pdf", tmp_path / "pdf")
    pages = _pages(tmp_path / "pdf" / "referral-pathway.pdf")
    regions = yaml.safe_load((tmp_path / "drafts" / NAME / "data" / "regions.yaml").read_text())
    names = [region[f"name_{lang}"] for region in regions]
    # The page each region's heading opens: its first line.
    first_lines = [page.strip().splitlines()[0].strip() if page.strip() else "" for page in pages]
    starts = [first_lines.index(name) for name in names]
    assert starts == sorted(starts), "the regions are printed in the table's order"
    ends = [*starts[1:], len(pages)]
    lengths = {name: end - start for name, start, end in zip(names, starts, ends, strict=True)}
    assert all(1 <= length <= 2 for length in lengths.values()), lengths
    # The national hotlines come before the first region.
    before = "\n".join(pages[: starts[0]])
    for number in ("116 111", "0 8008 8008", "0 800 77777"):
        assert number in before
