"""The two editions: the working one with every drafting aid, the official one without any;
both built from one dossier into their own folders, both in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from docx_helpers import REFERENCE, front
from lexkit import api
from lexkit.cli import main
from lexkit.engine.dialect import parse_document
from lexkit.engine.model import Alineat, Paragraph, Table, plain_text, walk
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.errors import LexkitError, Problems
from lexkit.project import Edition

AIDS = """\
### Articolul. Obiectul legii {#scope}

(1) Angajatorul cere certificatul[^mo] prevăzut de lege[^aid].

| Nr. | Actul | Statut {.aid} |
|---|---|---|
| 1 | Codul muncii | de verificat |

::: aid
Notă pentru autor: tabelul se completează după confirmarea datelor.
:::

[^mo]: Monitorul Oficial nr. 159–162, art. 648.
[^aid]: De verificat: denumirea oficială a legii.
"""


def _parsed(body: str, edition: Edition, lang: str = "ro"):
    return parse_document(front(body, lang=lang), "law.md", edition=edition)


def _notes(document) -> list[str]:
    return [plain_text(note.content[0].content) for note in document.footnotes]


def test_the_working_edition_keeps_every_aid_without_its_marker():
    document = _parsed(AIDS, "working")
    assert _notes(document) == [
        "Monitorul Oficial nr. 159–162, art. 648.",
        "De verificat: denumirea oficială a legii.",
    ]
    table = next(b for b in walk(document.children) if isinstance(b, Table))
    assert [plain_text(c.content) for c in table.header] == ["Nr.", "Actul", "Statut"]
    assert [plain_text(c.content) for c in table.rows[0]] == ["1", "Codul muncii", "de verificat"]
    texts = [plain_text(b.content) for b in walk(document.children) if isinstance(b, Paragraph)]
    assert "Notă pentru autor: tabelul se completează după confirmarea datelor." in texts


def test_the_official_edition_leaves_out_aid_notes_columns_and_blocks():
    document = _parsed(AIDS, "official")
    assert _notes(document) == ["Monitorul Oficial nr. 159–162, art. 648."]
    alineat = next(b for b in walk(document.children) if isinstance(b, Alineat))
    refs = [node.name for node in alineat.content if type(node).__name__ == "FootnoteRef"]
    assert refs == ["mo"]  # the aid's mark is gone with its note
    assert plain_text(alineat.content) == "Angajatorul cere certificatul prevăzut de lege."
    table = next(b for b in walk(document.children) if isinstance(b, Table))
    assert [plain_text(c.content) for c in table.header] == ["Nr.", "Actul"]
    assert [plain_text(c.content) for c in table.rows[0]] == ["1", "Codul muncii"]
    texts = [plain_text(b.content) for b in walk(document.children) if isinstance(b, Paragraph)]
    assert not any("Notă pentru autor" in text for text in texts)


@pytest.mark.parametrize(
    "label",
    ["De verificat:", "Notă pentru autor:", "Notă de redactare:", "To verify:", "Drafting note:"],
)
def test_every_drafting_note_label_marks_an_aid(label):
    body = f"### Articolul. A\n\nText[^n].\n\n[^n]: {label} ceva.\n"
    assert _notes(_parsed(body, "official")) == []
    assert _notes(_parsed(body, "working")) == [f"{label} ceva."]


def test_a_note_that_only_mentions_verification_is_not_an_aid():
    body = "### Articolul. A\n\nText[^n].\n\n[^n]: Datele se verifică de angajator.\n"
    assert _notes(_parsed(body, "official")) == ["Datele se verifică de angajator."]


def test_the_official_docx_numbers_its_remaining_notes_from_one(tmp_path):
    problems = Problems()
    built = build_document(
        front(AIDS), "law.md", load_reference(REFERENCE), problems, edition="official"
    )
    assert built is not None
    path = tmp_path / "law.docx"
    path.write_bytes(built.data)
    [note] = built.document.footnotes
    assert note.number == 1
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Notă pentru autor" not in text
    assert "Statut" not in text


# ---------------------------------------------------------------- a dossier, both editions

LAW = """\
---
title: "{title}"
type: law
lang: {lang}
formal:
  adoption: ordinary
---

### {article}. {heading} {{#scope}}

{{% for o in data.offences %}}
(#) {{{{ o.title }}}}[^v{{{{ loop.index }}}}].
{{% endfor %}}

{{% for o in data.offences %}}
[^v{{{{ loop.index }}}}]: {label}: {{{{ o.source }}}}.
{{% endfor %}}
"""

REPORT = """\
---
title: "{title}"
type: report
lang: {lang}
---

{{% if consultation %}}Comments were received.{{% else %}}No consultation yet.{{% endif %}}
"""

OFFENCES = """\
key,title,status,source
a,Abuz sexual asupra copilului,confirmed,Codul penal
b,Hărțuire sexuală online,to verify,presa din februarie 2026
"""

SCHEMA = """\
key: key
columns:
  key: {type: id}
  title: {type: text}
  status: {type: choice, values: [confirmed, to verify]}
  source: {type: text}
"""

CONFIG = """\
title: Demo
languages: [ro, en]
data:
  offences: {file: data/offences.csv, schema: data/offences.schema.yaml}
deliverables:
  - id: law
    template: law.md.j2
  - id: report
    template: report.md.j2
    after_consultation: true
  - id: to-verify
    kind: to-verify
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dossier = tmp_path / "drafts" / "demo"
    words = {
        "ro": ("privind protecția copiilor", "Articolul", "Obiectul legii", "De verificat"),
        "en": ("on the protection of children", "Article", "Subject matter", "To verify"),
    }
    for lang, (title, article, heading, label) in words.items():
        folder = dossier / "templates" / lang
        folder.mkdir(parents=True)
        law = LAW.format(title=title, lang=lang, article=article, heading=heading, label=label)
        (folder / "law.md.j2").write_text(law, encoding="utf-8")
        (folder / "report.md.j2").write_text(REPORT.format(title=title, lang=lang), "utf-8")
    (dossier / "data").mkdir()
    (dossier / "data" / "offences.csv").write_text(OFFENCES, encoding="utf-8")
    (dossier / "data" / "offences.schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (dossier / "dossier.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_both_editions_go_to_their_own_folders_and_the_manifest(project):
    api.build(["demo"], root=project)
    api.build(["demo"], root=project, edition="official")
    out = project / "output" / "demo"
    working = sorted(p.name for p in (out / "ro").iterdir())
    official = sorted(p.name for p in (out / "official" / "ro").iterdir())
    assert working == ["law.docx", "manifest.json", "report.docx", "to-verify.xlsx"]
    # The to-verify list is an aid; the report waits for the consultation.
    assert official == ["law.docx", "manifest.json"]
    combined = json.loads((out / "manifest.json").read_text())
    assert set(combined["languages"]) == {"ro", "en"}
    assert set(combined["official"]) == {"ro", "en"}
    assert combined["official"]["ro"]["edition"] == "official"
    assert combined["languages"]["ro"]["edition"] == "working"
    assert "law.docx" in combined["official"]["en"]["outputs"]


def test_the_official_law_has_no_aid_but_its_formal_elements(project):
    api.build(["demo"], root=project, edition="official")
    api.build(["demo"], root=project)
    out = project / "output" / "demo"
    official = docx.Document(str(out / "official" / "ro" / "law.docx"))
    working = docx.Document(str(out / "ro" / "law.docx"))
    text = "\n".join(p.text for p in official.paragraphs)
    assert "Parlamentul adoptă prezenta lege ordinară." in text
    assert "PREȘEDINTELE PARLAMENTULUI" in text
    assert _footnote_texts(out / "official" / "ro" / "law.docx") == []
    assert _footnote_texts(out / "ro" / "law.docx") == [
        "De verificat: Codul penal.",
        "De verificat: presa din februarie 2026.",
    ]
    assert "Parlamentul adoptă prezenta lege ordinară." in "\n".join(
        p.text for p in working.paragraphs
    )


def _footnote_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    part = next(
        rel.target_part for rel in document.part.rels.values() if "footnotes" in rel.reltype
    )
    root = etree.fromstring(part.blob)
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    texts = []
    for note in root.findall("w:footnote", ns):
        if int(note.get(f"{{{ns['w']}}}id")) > 0:
            texts.append("".join(note.itertext()).strip())
    return texts


def test_the_official_build_lists_the_facts_still_to_verify_and_strict_stops(project):
    results = api.build(["demo"], root=project, edition="official")
    listed = [p for p in results[0].warnings if p.code == "D010"]
    assert len(listed) == 1  # one row still to verify, used in both languages
    [problem] = listed
    assert problem.location.file.endswith("data/offences.csv")
    assert problem.location.line == 3
    assert "Hărțuire sexuală online" in problem.message
    assert "law (ro: art. 1; en: Article 1)" in problem.message
    assert "presa din februarie 2026" in problem.fix
    with pytest.raises(LexkitError) as stopped:
        api.build(["demo"], root=project, edition="official", strict=True)
    assert any(p.code == "D010" for p in stopped.value.problems)
    # The working edition marks the fact in place and lists it in to-verify.xlsx instead.
    working = api.build(["demo"], root=project)
    assert not [p for p in working[0].warnings if p.code == "D010"]


def test_the_cli_takes_the_edition_and_strict_exits_1(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    result = runner.invoke(main, ["build", "demo", "--edition", "official", "--strict"])
    assert result.exit_code == 1
    assert "[D010]" in result.output
    assert not (project / "output" / "demo" / "official").exists()
    result = runner.invoke(main, ["build", "demo", "--edition", "official"])
    assert result.exit_code == 0, result.output
    assert "wrote output/demo/official/ro/law.docx" in result.output
    bad = runner.invoke(main, ["build", "demo", "--edition", "final"])
    assert bad.exit_code == 2


def test_templates_see_the_edition(project):
    report = project / "drafts" / "demo" / "templates" / "ro" / "report.md.j2"
    report.write_text(REPORT.format(title="t", lang="ro") + "\nEdiția: {{ edition }}.\n", "utf-8")
    api.build(["demo"], root=project)
    text = "\n".join(
        p.text for p in docx.Document(str(project / "output/demo/ro/report.docx")).paragraphs
    )
    assert "Ediția: working." in text
