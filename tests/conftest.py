"""Shared fixtures: build a document from Markdown text and read the DOCX back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docx_helpers import REFERENCE, BuiltDocx
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.errors import LexkitError, Problems


@pytest.fixture
def build_md(tmp_path: Path) -> Callable[..., BuiltDocx]:
    """build_md(markdown) -> BuiltDocx; raises LexkitError when the input has errors."""
    counter = iter(range(1000))

    def build(markdown: str, name: str = "doc.md") -> BuiltDocx:
        problems = Problems()
        built = build_document(markdown, name, load_reference(REFERENCE), problems)
        problems.raise_if_errors()
        assert built is not None
        path = tmp_path / f"{next(counter)}-{Path(name).stem}.docx"
        path.write_bytes(built.data)
        return BuiltDocx(path, built.document, problems)

    return build


@pytest.fixture
def problems_of() -> Callable[[str], list[str]]:
    """problems_of(markdown) -> the formatted problems (errors and warnings)."""

    def collect(markdown: str, name: str = "doc.md") -> list[str]:
        problems = Problems()
        try:
            build_document(markdown, name, load_reference(REFERENCE), problems)
            problems.raise_if_errors()
        except LexkitError as error:
            return [p.format() for p in error.problems]
        return [p.format() for p in problems.items]

    return collect
