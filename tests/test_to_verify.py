"""The to-verify list: the facts documents use from rows marked "to verify", and where."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from lexkit.build import build_dossier
from lexkit.project import BuildSettings

ROWS = """key,article,title,status,source
a,171,Violul,confirmed,ref 1
b,175^1,Acostarea copiilor,to verify,ref 2
c,201,Incestul,to verify,=HYPERLINK("x")
d,999,Nefolosită,to verify,ref 4
"""

SCHEMA = """key: key
columns:
  key: {type: id}
  article: {type: article}
  title: {type: text}
  status: {type: choice, values: [confirmed, to verify]}
  source: {type: text}
"""

LAW = """---
title: privind testul
type: law
lang: {{ lang }}
---

### Articolul. Obiectul

Text.

### Articolul. Interdicția

{% for o in data.facts if o.key != "d" %}
- art. {{ o.article }} ({{ o.title }});
{% endfor %}

# Anexa. Lista

{% for o in data.facts if o.key == "c" %}
Infracțiunea {{ o.title }}.
{% endfor %}
"""


def _project(tmp_path: Path) -> Path:
    dossier = tmp_path / "drafts" / "demo"
    (dossier / "templates").mkdir(parents=True)
    (dossier / "data").mkdir()
    (dossier / "data" / "offences.csv").write_text(ROWS, encoding="utf-8")
    (dossier / "data" / "offences.schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (dossier / "templates" / "law.md.j2").write_text(LAW, encoding="utf-8")
    (dossier / "dossier.yaml").write_text(
        "title: Demo\nlanguages: [ro, en]\n"
        "data:\n  facts: {file: data/offences.csv, schema: data/offences.schema.yaml}\n"
        "deliverables:\n  - id: law\n    template: law.md.j2\n"
        "  - id: to-verify\n    kind: to-verify\n",
        encoding="utf-8",
    )
    return dossier


def _rows(path: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_the_list_has_exactly_the_used_rows_to_verify(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_dossier(_project(tmp_path), BuildSettings(tmp_path))
    rows = _rows(tmp_path / "output/demo/ro/to-verify.xlsx")
    assert rows[0][:8] == (
        "Nr.",
        "Fișierul de date",
        "Rândul",
        "Cheia",
        "Faptul de verificat",
        "Documentul",
        "Prevederea",
        "Sursa de verificat",
    )
    body = [row[1:8] for row in rows[1:]]
    assert body == [
        (
            "drafts/demo/data/offences.csv",
            3,
            "b",
            "175^1; Acostarea copiilor",
            "law",
            "art. 2",
            "ref 2",
        ),
        (
            "drafts/demo/data/offences.csv",
            4,
            "c",
            "201; Incestul",
            "law",
            "art. 2, anexa nr. 1",
            '\'=HYPERLINK("x")',
        ),
    ]
    english = _rows(tmp_path / "output/demo/en/to-verify.xlsx")
    assert english[0][4] == "Fact to verify"
    assert [row[6] for row in english[1:]] == ["Article 2", "Article 2, Annex 1"]


def test_the_list_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier = _project(tmp_path)
    build_dossier(dossier, BuildSettings(tmp_path, tmp_path / "one"))
    build_dossier(dossier, BuildSettings(tmp_path, tmp_path / "two"))
    one = (tmp_path / "one/demo/ro/to-verify.xlsx").read_bytes()
    assert one == (tmp_path / "two/demo/ro/to-verify.xlsx").read_bytes()
