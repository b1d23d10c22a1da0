"""Deliverable kinds are one table (lexkit.dossier.kinds.KINDS): dossier.yaml is checked
against it and the build makes each deliverable by it, so a new kind joins in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_helpers import Dossier
from lexkit.build import assemble
from lexkit.dossier import kinds
from lexkit.dossier.config import load_dossier
from lexkit.errors import LexkitError
from lexkit.project import BuildSettings


def _with_deliverable(dossier: Dossier, entry: str) -> None:
    config = dossier.path / "dossier.yaml"
    config.write_text(config.read_text(encoding="utf-8") + entry, encoding="utf-8")


def test_an_unknown_kind_is_reported_with_the_kinds_there_are(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_deliverable(dossier, "  - id: summary\n    kind: summary\n")
    with pytest.raises(LexkitError) as error:
        load_dossier(dossier.path)
    [problem] = error.value.problems
    assert problem.location.line == 7  # the line of "kind: summary"
    assert problem.message == (
        "deliverables.1.kind: expected one of document, to-verify, comparative-table, "
        "consolidated; got 'summary'"
    )


def test_a_kind_that_needs_a_template_says_so(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_deliverable(dossier, "  - id: note\n    kind: document\n")
    with pytest.raises(LexkitError) as error:
        load_dossier(dossier.path)
    assert [p.message for p in error.value.problems] == [
        "deliverables.1: a document needs 'template:'"
    ]


def test_the_file_a_deliverable_writes_takes_its_kinds_suffix(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_deliverable(dossier, "  - id: facts\n    kind: to-verify\n    output: de-verificat\n")
    names = [d.filename for d in load_dossier(dossier.path).config.deliverables]
    assert names == ["law.docx", "de-verificat.xlsx"]


def test_a_new_kind_joins_the_table_and_is_built(tmp_path: Path, monkeypatch):
    made: list[tuple[str, str, list[str]]] = []

    def make_summary(deliverable: kinds.Deliverable, work: kinds.Work) -> None:
        made.append((deliverable.id, work.lang, sorted(work.documents)))
        work.files[deliverable.filename] = f"{len(work.documents)} document(s)".encode()

    summary = kinds.Kind("summary", make_summary, suffix=".txt")
    monkeypatch.setitem(kinds.KINDS, "summary", summary)
    dossier = Dossier(tmp_path)
    _with_deliverable(dossier, "  - id: summary\n    kind: summary\n")
    assembly = assemble(dossier.path, BuildSettings(tmp_path))
    assert made == [("summary", "ro", ["law"]), ("summary", "en", ["law"])]
    assert assembly.languages["en"].work.files["summary.txt"] == b"1 document(s)"
