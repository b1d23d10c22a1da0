"""The flagship dossier (drafts/child-protection) built once for a test session, to be read:
see the ``flagship`` and ``flagship_form`` fixtures in conftest.py."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from docx_helpers import copy_flagship
from lexkit.build import BuildResult, build_dossier, built_documents
from lexkit.dossier.config import load_dossier
from lexkit.engine.model import Document
from lexkit.language import Lang
from lexkit.project import BuildSettings

NAME = "child-protection"


class Flagship:
    """The flagship dossier (drafts/child-protection and templates/) copied once into a tmp
    project, built when a test first asks and never again: to be read, never changed. A test
    that changes the dossier, or writes in its project, copies it with ``copy_flagship``
    instead; the fixture fails at the end of the session if anything here changed."""

    def __init__(self, root: Path) -> None:
        self.root = copy_flagship(root)
        self.dossier = self.root / "drafts" / NAME
        self.settings = BuildSettings(self.root)
        self.snapshot = file_hashes(self.root)

    @cached_property
    def result(self) -> BuildResult:
        """``build_dossier`` of the dossier, in every language, into output/child-protection/."""
        built = build_dossier(self.dossier, self.settings)
        self.snapshot = file_hashes(self.root)
        return built

    @property
    def output(self) -> Path:
        """output/child-protection/ of the build (built first when it is not yet)."""
        assert self.result.dossier == NAME
        return self.settings.output / NAME

    @cached_property
    def documents(self) -> dict[Lang, dict[str, Document]]:
        """The documents in each language of the dossier, as ``built_documents`` makes them
        in memory for the consultation commands."""
        languages = load_dossier(self.dossier).config.languages
        return {lang: built_documents(self.dossier, self.settings, lang) for lang in languages}


@dataclass(frozen=True)
class FlagshipForm:
    """The flagship's feedback form, written by ``api.consultation_form`` at its default
    place in a project of its own: ``path`` is root/output/child-protection/consultation/
    feedback-form.xlsx."""

    root: Path
    path: Path


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by its path relative to it."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_unchanged(root: Path, snapshot: dict[str, str]) -> None:
    """Fails, naming the files, when a test added, removed or changed a file of a shared
    project."""
    now = file_hashes(root)
    changed = sorted(name for name in now.keys() | snapshot if now.get(name) != snapshot.get(name))
    assert not changed, f"a test changed the shared project {root}: {changed}"
