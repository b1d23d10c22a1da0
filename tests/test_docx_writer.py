"""The DOCX a reviewer opens: styles, language, footnotes, tables, bookmarks, properties."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import etree

from docx_helpers import NS, REFERENCE, front
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.errors import LexkitError, Problems

SAMPLE = front(
    "# Capitolul. Generale\n\n### Articolul. Obiectul {#scope}\n\n"
    "(1) Textul legii[^a], cu *accent* și **forță**.\n(2) Lista:\na) unu;\nb) doi.\n\n"
    "> (3) Citat.\n\n| Nr. | Articol | Denumire |\n|---|:---:|---|\n| 1 | 175^1 | Acostarea |\n"
    "| 2 | 208^1 | Pornografia infantilă |\n\n"
    "### Articolul. Trimiteri\n\nVezi [](#scope/2/a)[^b].\n\n# Anexa. Tabel\n\nText.\n\n"
    "[^a]: Prima notă.\n[^b]: A doua notă, cu [](#scope).\n"
)


def test_every_style_used_exists_in_styles_xml(build_md):
    built = build_md(SAMPLE)
    used = set(built.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val | //w:tblStyle/@w:val"))
    defined = set(built.xpath("//w:style/@w:styleId", part="word/styles.xml"))
    assert used
    assert used <= defined
    names = {name for name, _ in built.paragraphs()}
    assert {
        "Article Heading",
        "Alineat",
        "Point",
        "Quoted Structure",
        "Chapter Heading",
        "Annex Number",
        "Annex Title",
    } <= names


def test_every_run_is_tagged_with_the_document_language(build_md):
    for lang, tag in (("ro", "ro-RO"), ("en", "en-GB")):
        built = build_md(SAMPLE.replace("lang: ro", f"lang: {lang}"))
        runs = built.xpath("//w:r[w:t]")
        assert runs
        assert {r.xpath("string(w:rPr/w:lang/@w:val)", namespaces=NS) for r in runs} == {tag}
        notes = built.xpath("//w:footnote[@w:id>0]//w:r", part="word/footnotes.xml")
        assert {r.xpath("string(w:rPr/w:lang/@w:val)", namespaces=NS) for r in notes} == {tag}
        default = built.xpath("//w:docDefaults//w:lang/@w:val", part="word/styles.xml")
        assert default == [tag]
        assert built.xpath("//w:themeFontLang/@w:val", part="word/settings.xml") == [tag]


def test_inline_formatting(build_md):
    built = build_md(SAMPLE)
    assert built.xpath("//w:r[w:rPr/w:i][w:t='accent']")
    assert built.xpath("//w:r[w:rPr/w:b][w:t='forță']")


def test_footnotes_are_real_word_footnotes(build_md):
    built = build_md(SAMPLE)
    references = built.xpath("//w:footnoteReference/@w:id")
    assert references == ["1", "2"]
    texts = {
        note.get(f"{{{NS['w']}}}id"): "".join(note.xpath(".//w:t/text()", namespaces=NS)).strip()
        for note in built.xpath("//w:footnote[@w:id>0]", part="word/footnotes.xml")
    }
    assert texts == {"1": "Prima notă.", "2": "A doua notă, cu art. 1."}
    styles = built.xpath(
        "//w:footnote[@w:id>0]/w:p/w:pPr/w:pStyle/@w:val", part="word/footnotes.xml"
    )
    assert set(styles) == {"FootnoteText"}
    assert built.xpath("//w:footnote[@w:type='separator']", part="word/footnotes.xml")
    rels = built.part("word/_rels/document.xml.rels")
    assert any(r.get("Target") == "footnotes.xml" for r in rels)


def test_footnote_problems(problems_of):
    problems = problems_of(front("### Articolul. A\n\nText[^lipsa].\n\n[^orfana]: Nefolosită.\n"))
    assert any("doc.md:11" in p and "[^lipsa] has no text" in p for p in problems)
    assert any("warning" in p and "[^orfana] is never referred to" in p for p in problems)


def test_table_header_repeats_and_cells_read_back(build_md):
    built = build_md(SAMPLE)
    table = docx.Document(str(built.path)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Nr.", "Articol", "Denumire"],
        ["1", "1751", "Acostarea"],
        ["2", "2081", "Pornografia infantilă"],
    ]
    assert table.style.name == "Act Table"
    assert len(built.xpath("//w:tbl/w:tr[1]/w:trPr/w:tblHeader")) == 1
    assert built.xpath("//w:tbl/w:tr[2]/w:tc[2]/w:p/w:pPr/w:jc/@w:val") == ["center"]
    widths = [int(w) for w in built.xpath("//w:tbl/w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) == 9638
    assert widths[0] < widths[2]  # the "Nr." column is narrow


def test_articles_have_bookmarks_for_navigation_and_cross_references(build_md):
    built = build_md(SAMPLE)
    names = built.xpath("//w:p[w:pPr/w:pStyle/@w:val='ArticleHeading']/w:bookmarkStart/@w:name")
    assert names == ["art_1", "art_2"]
    starts = built.xpath("//w:bookmarkStart/@w:id")
    assert len(starts) == len(set(starts)) == len(built.xpath("//w:bookmarkEnd"))
    outline = built.xpath(
        "//w:style[w:name/@w:val='Article Heading']/w:pPr/w:outlineLvl/@w:val",
        part="word/styles.xml",
    )
    assert outline == ["2"]


def test_numbers_are_literal_text_not_word_numbering(build_md):
    built = build_md(SAMPLE)
    assert not built.xpath("//w:numPr")
    assert "Articolul 1. Obiectul" in built.texts("Article Heading")


def test_document_properties(build_md):
    built = build_md(SAMPLE)
    props = docx.Document(str(built.path)).core_properties
    assert props.title == "Lege Test"  # the act's kind and its title, as it is cited
    assert props.author == "Tester"
    assert props.subject == "Lege Test"
    assert props.language == "ro-RO"
    assert props.created.isoformat().startswith("2025-09-12")


def test_default_reference_follows_moldovan_practice():
    document = docx.Document(str(REFERENCE))
    section = document.sections[0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert {round(m.cm, 2) for m in margins} == {2.0}
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(12)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    point = document.styles["Point"].paragraph_format
    assert point.first_line_indent < 0 < point.left_indent  # a hanging indent
    footer = section.footer._element
    assert footer.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')]")


def test_the_writer_uses_reference_styles_so_drafters_restyle_in_word(tmp_path: Path):
    custom = tmp_path / "reference.docx"
    shutil.copy(REFERENCE, custom)
    document = docx.Document(str(custom))
    document.styles["Article Heading"].font.size = Pt(16)
    document.save(str(custom))
    problems = Problems()
    built = build_document(SAMPLE, "doc.md", load_reference(custom), problems)
    assert built is not None
    with zipfile.ZipFile(__import__("io").BytesIO(built.data)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    size = styles.xpath(
        "//w:style[w:name/@w:val='Article Heading']/w:rPr/w:sz/@w:val", namespaces=NS
    )
    assert size == ["32"]


def test_a_reference_without_a_needed_style_is_reported(tmp_path: Path):
    custom = tmp_path / "reference.docx"
    shutil.copy(REFERENCE, custom)
    document = docx.Document(str(custom))
    document.styles["Alineat"].name = "Alineat vechi"
    document.save(str(custom))
    with pytest.raises(LexkitError) as caught:
        load_reference(custom)
    assert len(caught.value.problems) == 1
    assert "no style named 'Alineat'" in caught.value.problems[0].message
    assert "lexkit reference-docx" in caught.value.problems[0].fix


def test_web_links_in_text_and_footnotes(build_md):
    built = build_md(
        front(
            "# Nota\n\nSursa: [legis.md](https://www.legis.md/)[^s].\n\n"
            "[^s]: Vezi <https://e-legal.md/en/criminal-code-art-107>.\n",
            type="note",
        )
    )
    link = built.xpath("//w:hyperlink[@r:id]")
    assert len(link) == 1
    assert link[0].xpath("string(.//w:t)", namespaces=NS) == "legis.md"
    assert link[0].xpath("string(.//w:rStyle/@w:val)", namespaces=NS) == "Hyperlink"
    rels = built.part("word/_rels/document.xml.rels")
    target = [r for r in rels if r.get("Id") == link[0].get(f"{{{NS['r']}}}id")]
    assert [(r.get("Target"), r.get("TargetMode")) for r in target] == [
        ("https://www.legis.md/", "External")
    ]
    note_rels = built.part("word/_rels/footnotes.xml.rels")
    assert [r.get("Target") for r in note_rels] == ["https://e-legal.md/en/criminal-code-art-107"]
    assert built.xpath("//w:hyperlink/@r:id", part="word/footnotes.xml") == [note_rels[0].get("Id")]


@pytest.mark.parametrize(
    ("title", "doc_type", "lang", "expected"),
    [
        (
            "pentru modificarea unor acte normative",
            "law",
            "ro",
            "Lege pentru modificarea unor acte normative",
        ),
        ("amending certain normative acts", "law", "en", "Law amending certain normative acts"),
        ("Lege privind ceva", "law", "ro", "Lege privind ceva"),
        (
            "cu privire la aprobarea Regulamentului",
            "government-decision",
            "ro",
            "Hotărâre cu privire la aprobarea Regulamentului",
        ),
        ("Notă informativă", "note", "ro", "Notă informativă"),
    ],
)
def test_title_property_names_the_kind_of_act(build_md, title, doc_type, lang, expected):
    built = build_md(
        f"---\ntitle: {title}\ntype: {doc_type}\nlang: {lang}\n---\n\n# Anexa\n\nText.\n"
    )
    assert docx.Document(str(built.path)).core_properties.title == expected


# ---------------------------------------------------------------- page and document end

TABLE_AT_END = front("# Nota\n\nText.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n", type="note")


def _body_children(built) -> list[str]:
    return [etree.QName(child).localname for child in built.xpath("/w:document/w:body/*")]


def test_a_table_that_ends_the_document_is_followed_by_a_paragraph(build_md):
    built = build_md(TABLE_AT_END)
    assert _body_children(built)[-3:] == ["tbl", "p", "sectPr"]
    [last] = built.xpath("/w:document/w:body/w:p[last()]")
    assert not last.xpath(".//w:t", namespaces=NS)
    # One exact point high, no space around it: it cannot push a blank page.
    spacing = last.xpath("w:pPr/w:spacing", namespaces=NS)[0]
    attributes = {etree.QName(k).localname: v for k, v in spacing.attrib.items()}
    assert attributes == {"before": "0", "after": "0", "line": "20", "lineRule": "exact"}


def test_a_document_that_ends_with_text_gets_no_extra_paragraph(build_md):
    built = build_md(front("# Nota\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nText.\n", type="note"))
    assert _body_children(built)[-3:] == ["tbl", "p", "sectPr"]
    assert built.paragraphs()[-1][1] == "Text."


def test_front_matter_can_turn_the_page_to_landscape(build_md):
    portrait = build_md(TABLE_AT_END)
    assert not portrait.xpath("//w:sectPr/w:pgSz/@w:orient")
    assert sum(int(w) for w in portrait.xpath("//w:gridCol/@w:w")) == 9638
    built = build_md(TABLE_AT_END.replace("type: note\n", "type: note\norientation: landscape\n"))
    ns = f"{{{NS['w']}}}"
    [before] = portrait.xpath("//w:sectPr/w:pgSz")
    [size] = built.xpath("//w:sectPr/w:pgSz")
    assert (size.get(f"{ns}w"), size.get(f"{ns}h"), size.get(f"{ns}orient")) == (
        before.get(f"{ns}h"),
        before.get(f"{ns}w"),
        "landscape",
    )
    assert int(size.get(f"{ns}w")) > int(size.get(f"{ns}h"))
    # The rest of the reference's section stays: its footer, its margins.
    assert built.xpath("//w:sectPr/w:footerReference")
    margins = dict(portrait.xpath("//w:sectPr/w:pgMar")[0].attrib)
    assert dict(built.xpath("//w:sectPr/w:pgMar")[0].attrib) == margins
    # Tables take the landscape text width: the long side less the side margins.
    sides = sum(int(margins[f"{ns}{side}"]) for side in ("left", "right", "gutter"))
    assert sum(int(w) for w in built.xpath("//w:gridCol/@w:w")) == int(size.get(f"{ns}w")) - sides
