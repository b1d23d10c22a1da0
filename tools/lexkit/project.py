"""Where a project keeps things: drafts/, templates/ (with reference.docx) and output/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

DRAFTS = "drafts"
TEMPLATES = "templates"
OUTPUT = "output"
REFERENCE_DOCX = "reference.docx"

Edition = Literal["working", "official"]
"""The working edition carries every drafting aid; the official one is what a ministry gets."""
EDITIONS: tuple[Edition, ...] = get_args(Edition)
OFFICIAL_FOLDER = "official"  # output/<dossier>/official/<lang>/ holds the official edition


@dataclass(frozen=True)
class BuildSettings:
    """Where things are. ``root`` holds drafts/, templates/ and output/."""

    root: Path
    output_dir: Path | None = None

    @property
    def output(self) -> Path:
        return self.output_dir or self.root / OUTPUT

    @property
    def shared_templates(self) -> Path:
        return self.root / TEMPLATES

    def reference_path(self, chosen: Path | None = None) -> Path | None:
        """The reference.docx to use: ``chosen`` (a dossier's own, or one named on the
        command line), else templates/reference.docx when there is one (else None: the
        built-in styles)."""
        if chosen is not None:
            return chosen
        path = self.shared_templates / REFERENCE_DOCX
        return path if path.is_file() else None


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with drafts/ or templates/ (else ``start``)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DRAFTS).is_dir() or (folder / TEMPLATES / REFERENCE_DOCX).is_file():
            return folder
    return start
