"""A deliverable's template reads the provisions of deliverables built before it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from lexkit.build import build_dossier
from lexkit.errors import LexkitError
from lexkit.project import BuildSettings

LAW = """---
title: privind testul
type: law
lang: ro
---

### Articolul. Obiectul {#scope}

Text.

### Articolul. Interdicția {#ban implements="std-a std-b"}

(1) Text.
(2) Alt text. {#ban-2 implements="std-c"}
"""

MATRIX = """---
title: Tabel de conformitate
type: report
lang: ro
---

| Prevederea | Standardul |
|---|---|
{% for p in documents["law"].provisions if p.implements %}
| {{ p.label }} ({{ p.title or p.kind }}) | {{ p.implements | join(", ") }} |
{% endfor %}
"""


def test_later_deliverables_see_earlier_provisions(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier = tmp_path / "drafts" / "demo"
    (dossier / "templates").mkdir(parents=True)
    (dossier / "dossier.yaml").write_text(
        "title: Demo\nlanguages: [ro]\ndeliverables:\n"
        "  - id: law\n    template: law.md\n  - id: matrix\n    template: matrix.md.j2\n",
        encoding="utf-8",
    )
    (dossier / "templates" / "law.md").write_text(LAW, encoding="utf-8")
    (dossier / "templates" / "matrix.md.j2").write_text(MATRIX, encoding="utf-8")
    build_dossier(dossier, BuildSettings(tmp_path))
    table = docx.Document(str(tmp_path / "output/demo/ro/matrix.docx")).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Prevederea", "Standardul"],
        ["art. 2 (Interdicția)", "std-a, std-b"],
        ["art. 2 alin. (2) (Alt text.)", "std-c"],
    ]


def test_asking_for_a_document_not_built_says_why(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier = tmp_path / "drafts" / "demo"
    (dossier / "templates").mkdir(parents=True)
    (dossier / "dossier.yaml").write_text(
        "title: Demo\nlanguages: [ro]\ndeliverables:\n"
        "  - id: matrix\n    template: matrix.md.j2\n  - id: law\n    template: law.md\n",
        encoding="utf-8",
    )
    (dossier / "templates" / "law.md").write_text(LAW, encoding="utf-8")
    (dossier / "templates" / "matrix.md.j2").write_text(MATRIX, encoding="utf-8")
    with pytest.raises(LexkitError) as caught:
        build_dossier(dossier, BuildSettings(tmp_path))
    [problem] = caught.value.problems
    assert problem.location.line == 9  # the {% for %} that reads documents["law"]
    assert "no built document 'law': it must be listed before this one" in problem.message
