"""Shared fixtures: build a document from Markdown text and read the DOCX back; the flagship
dossier built once for the session, and its feedback form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docx_helpers import REFERENCE, BuiltDocx, copy_flagship
from flagship_helpers import NAME, Flagship, FlagshipForm, assert_unchanged, file_hashes
from lexkit import api
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


# ---------------------------------------------------------------- the flagship, built once


@pytest.fixture(scope="session")
def flagship(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flagship]:
    """The flagship dossier built once for the whole session, to be read (see
    :class:`flagship_helpers.Flagship`); fails at the end if a test changed its project."""
    shared = Flagship(tmp_path_factory.mktemp("flagship"))
    yield shared
    assert_unchanged(shared.root, shared.snapshot)


@pytest.fixture(scope="session")
def flagship_form(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlagshipForm]:
    """The flagship's feedback form, made once for the session by ``api.consultation_form``
    in a project of its own, to be read; fails at the end if a test changed that project."""
    root = copy_flagship(tmp_path_factory.mktemp("form"))
    form = FlagshipForm(root, api.consultation_form(NAME, root=root))
    snapshot = file_hashes(root)
    yield form
    assert_unchanged(root, snapshot)
