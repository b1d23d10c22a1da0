"""Typography a reviewer trusts: a footnote mark never reads as part of a superscript unit
number ("art. 20^1" with note 12 is not "20¹¹²"), and the comparative table stands on
landscape pages in equal columns, saying once where the wording in force is missing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docx_helpers import NS, front
from lexkit import api
from lexkit.engine.writers.docx.writer import MARK_SEPARATOR

SUPERSCRIPT = "w:rPr/w:vertAlign[@w:val='superscript']"


def _runs_before_marks(root: etree._Element) -> list[etree._Element]:
    """For each footnote mark, in document order, the run just before it."""
    return [
        run.xpath("preceding::w:r[1]", namespaces=NS)[0]
        for run in root.xpath("//w:r[w:footnoteReference]", namespaces=NS)
    ]


def _text(run: etree._Element) -> str:
    return "".join(run.xpath("w:t/text()", namespaces=NS))


def _is_superscript(run: etree._Element) -> bool:
    return bool(run.xpath(SUPERSCRIPT, namespaces=NS))


def _set_apart(run: etree._Element) -> bool:
    """The run is the separator, not raised, and comes after a superscript."""
    before = run.xpath("preceding::w:r[1]", namespaces=NS)[0]
    return _text(run) == MARK_SEPARATOR and not _is_superscript(run) and _is_superscript(before)


# ---------------------------------------------------------------- footnote marks

MARKS = front(
    "### Articolul 20^1. Protecția {#new}\n\n"
    "(1) Textul art. 5^2[^a] se aplică.\n\n"
    "(2) Vezi [](#new)[^b] și textul legii[^c].\n\n"
    "### Articolul 46^1[^d]. Condiții speciale\n\nText.\n\n"
    "| Nr. | Articol |\n|---|---|\n| 1 | 208^1[^e] |\n\n"
    "> ### Articolul 30^1[^f]. Citat\n>\n> (1) Text citat.\n\n"
    "[^a]: După un număr scris de mână.\n[^b]: După o trimitere.\n[^c]: După text.\n"
    "[^d]: În titlul articolului.\n[^e]: Într-un tabel.\n[^f]: Într-un articol citat.\n"
)


def test_a_footnote_mark_after_a_superscript_is_set_apart(build_md):
    built = build_md(MARKS)
    before = _runs_before_marks(built.part("word/document.xml"))
    assert len(before) == 6
    # After 5^2, after the reference "art. 20^1", in a heading, a table and a quotation.
    for index in (0, 1, 3, 4, 5):
        assert _set_apart(before[index]), index
    # After ordinary text the mark follows the word, as before.
    assert _text(before[2]) == " și textul legii"
    assert not _is_superscript(before[2])


def test_a_footnote_on_an_article_number_follows_the_number(build_md):
    built = build_md(MARKS)
    # One full stop after the mark: the title starts after the "." the drafter wrote.
    assert built.texts("Article Heading")[1] == f"Articolul 461{MARK_SEPARATOR}. Condiții speciale"
    assert built.texts("Quoted Heading") == [f"„Articolul 301{MARK_SEPARATOR}. Citat"]


def test_marks_in_the_footnotes_part_are_unchanged(build_md):
    built = build_md(MARKS)
    notes = built.part("word/footnotes.xml")
    assert MARK_SEPARATOR not in "".join(notes.xpath("//w:t/text()", namespaces=NS))
    first = notes.xpath("//w:footnote[@w:id='1']//w:r", namespaces=NS)
    assert first[0].xpath("w:footnoteRef", namespaces=NS)


# ---------------------------------------------------------------- an amending law

IN_FORCE = """\
---
title: "Codul muncii al Republicii Moldova nr. 154/2003"
type: law
lang: ro
---

### Articolul 46. Condițiile de angajare

(1) Angajarea se face pe baza contractului.

(2) Salariatul prezintă documentele cerute de angajator.

### Articolul 47. Perioada de probă

(1) Perioada de probă este de cel mult 3 luni.
"""

LAW = """\
---
title: "pentru modificarea Codului muncii"
type: law
lang: ro
amending: true
---

### Articolul {#labour-code act="labour-code"}

Codul muncii al Republicii Moldova nr. 154/2003

@insert art. 46^1[^nou]
> ### Articolul 46^1. Condiții speciale
>
> (1) Angajatorul cere certificatul.

@substitute art. 46 alin. (2): „Salariatul” -> „Persoana angajată”

@replace art. 47 alin. (1)
> (1) Perioada de probă este de cel mult 6 luni.

### Articolul {#final}

Prezenta lege intră în vigoare la data publicării.

[^nou]: Număr de verificat.
"""

MISSING = "(textul în vigoare nu este în dosar: "


def _build(root: Path, *, in_force: bool) -> Path:
    """A dossier of one amending law and its comparative table, built; its output folder."""
    dossier = root / "drafts" / "demo"
    (dossier / "templates" / "ro").mkdir(parents=True)
    (dossier / "templates" / "ro" / "law.md.j2").write_text(LAW, encoding="utf-8")
    if in_force:
        (dossier / "in-force").mkdir()
        (dossier / "in-force" / "labour-code.md").write_text(IN_FORCE, encoding="utf-8")
    (dossier / "dossier.yaml").write_text(
        "title: Demo\nlanguages: [ro]\ndeliverables:\n"
        "  - id: law\n    template: law.md.j2\n"
        "  - id: comparative-table\n    kind: comparative-table\n",
        encoding="utf-8",
    )
    api.build(["demo"], root=root)
    return root / "output" / "demo" / "ro"


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    return document.find("w:body", NS)


def test_the_mark_of_an_inserted_article_in_the_formula_is_set_apart(tmp_path: Path):
    body = _body(_build(tmp_path, in_force=True) / "law.docx")
    [before] = _runs_before_marks(body)
    assert _set_apart(before)


@pytest.mark.parametrize("in_force", [True, False])
def test_the_comparative_table_is_landscape_with_equal_columns(tmp_path: Path, in_force):
    body = _body(_build(tmp_path, in_force=in_force) / "comparative-table.docx")
    [size] = body.xpath("w:sectPr/w:pgSz", namespaces=NS)
    w, h = (int(size.get(f"{{{NS['w']}}}{side}")) for side in ("w", "h"))
    assert size.get(f"{{{NS['w']}}}orient") == "landscape"
    assert w > h
    [margins] = body.xpath("w:sectPr/w:pgMar", namespaces=NS)
    text_width = w - sum(int(margins.get(f"{{{NS['w']}}}{s}")) for s in ("left", "right"))
    widths = [int(x) for x in body.xpath("w:tbl/w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert len(widths) == 2
    assert widths[0] == widths[1]
    assert text_width - 2 < sum(widths) <= text_width
    cell_widths = body.xpath("w:tbl/w:tr/w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)
    assert set(cell_widths) == {str(widths[0])}


def test_with_the_wording_in_force_every_row_has_its_own(tmp_path: Path):
    body = _body(_build(tmp_path, in_force=True) / "comparative-table.docx")
    assert not body.xpath("//w:vMerge", namespaces=NS)
    assert MISSING not in "".join(body.xpath("//w:t/text()", namespaces=NS))


def test_without_the_wording_in_force_the_column_says_so_once(tmp_path: Path):
    body = _body(_build(tmp_path, in_force=False) / "comparative-table.docx")
    text = "".join(body.xpath("//w:t/text()", namespaces=NS))
    assert text.count(MISSING) == 1
    assert "—" not in text
    rows = body.xpath("w:tbl/w:tr[position() > 1]", namespaces=NS)
    assert len(rows) == 3
    merges = [row.xpath("w:tc[1]/w:tcPr/w:vMerge", namespaces=NS) for row in rows]
    assert [len(m) for m in merges] == [1, 1, 1]
    values = [m[0].get(f"{{{NS['w']}}}val") for m in merges]
    assert values == ["restart", None, None]  # no value: "continue"
    first = "".join(rows[0].xpath("w:tc[1]//w:t/text()", namespaces=NS))
    assert first.startswith(MISSING)
    assert first.endswith("drafts/demo/in-force/labour-code.md)")
    for row in rows[1:]:  # the merged cells below hold an empty paragraph, nothing more
        assert not row.xpath("w:tc[1]//w:t", namespaces=NS)
        assert row.xpath("w:tc[1]/w:p", namespaces=NS)
    # The proposed wording is in every row: the substitution's quoted words marked in it.
    proposed = ["".join(row.xpath("w:tc[2]//w:t/text()", namespaces=NS)) for row in rows]
    assert proposed == [
        "„Salariatul” „Persoana angajată”",
        "(prevedere nouă) Articolul 461. Condiții speciale(1) Angajatorul cere certificatul.",
        "(1) Perioada de probă este de cel mult 6 luni.",
    ]
    struck = rows[0].xpath("w:tc[2]//w:r[w:rPr/w:strike]/w:t/text()", namespaces=NS)
    underlined = rows[0].xpath("w:tc[2]//w:r[w:rPr/w:u]/w:t/text()", namespaces=NS)
    assert "".join(struck) == "„Salariatul”"
    assert "".join(underlined) == "„Persoana angajată”"


# ---------------------------------------------------------------- the flagship


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_no_footnote_mark_of_the_flagship_touches_a_superscript(flagship, lang):
    folder = flagship.output / lang
    for path in sorted(folder.glob("*.docx")):
        body = _body(path)
        for before in _runs_before_marks(body):
            assert not _is_superscript(before), path.name
    # The law inserts art. 20^1 and art. 1^1 with a footnote on the operation line.
    law = _runs_before_marks(_body(folder / "draft-law.docx"))
    assert sum(_text(run) == MARK_SEPARATOR for run in law) >= 2


def test_the_flagship_comparative_table_says_once_per_act_that_the_wording_is_missing(
    flagship,
):
    body = _body(flagship.output / "ro" / "comparative-table.docx")
    assert body.xpath("w:sectPr/w:pgSz/@w:orient", namespaces=NS) == ["landscape"]
    tables = body.xpath("w:tbl", namespaces=NS)
    assert tables
    for table in tables:
        text = "".join(table.xpath(".//w:t/text()", namespaces=NS))
        assert text.count(MISSING) == 1
        assert "—" not in text
        widths = set(table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS))
        assert len(widths) == 1
