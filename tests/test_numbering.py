"""Structural units and their numbers, read back from the built DOCX."""

from __future__ import annotations

import pytest

from docx_helpers import front


def test_chapters_roman_sections_restart_articles_continue(build_md):
    built = build_md(
        front(
            "# Capitolul. Dispoziții generale\n\n"
            "## Secțiunea. Obiect\n\n### Articolul. Obiectul legii\n\nText.\n\n"
            "## Secțiunea. Noțiuni\n\n### Articolul. Noțiuni\n\nText.\n\n"
            "# Capitolul. Dispoziții finale\n\n"
            "## Secțiunea. Intrarea în vigoare\n\n### Articolul. Intrarea în vigoare\n\nText.\n"
        )
    )
    assert built.texts("Chapter Heading") == [
        "Capitolul I. Dispoziții generale",
        "Capitolul II. Dispoziții finale",
    ]
    assert built.texts("Section Heading") == [
        "Secțiunea 1. Obiect",
        "Secțiunea 2. Noțiuni",
        "Secțiunea 1. Intrarea în vigoare",
    ]
    assert built.texts("Article Heading") == [
        "Articolul 1. Obiectul legii",
        "Articolul 2. Noțiuni",
        "Articolul 3. Intrarea în vigoare",
    ]


def test_english_structural_words(build_md):
    built = build_md(
        front("# Chapter. General\n\n## Section. Scope\n\n### Article. Scope\n\nText.\n", lang="en")
    )
    assert built.texts("Chapter Heading") == ["Chapter I. General"]
    assert built.texts("Section Heading") == ["Section 1. Scope"]
    assert built.texts("Article Heading") == ["Article 1. Scope"]


def test_handwritten_number_is_kept_superscripted_and_counting_goes_on(build_md):
    built = build_md(
        front(
            "### Articolul 62. Unu\n\nText.\n\n### Articolul 62^1. Doi\n\nText.\n\n"
            "### Articolul. Trei\n\nText.\n"
        )
    )
    # python-docx shows a superscript as plain digits: 62 + raised 1.
    assert built.texts("Article Heading") == [
        "Articolul 62. Unu",
        "Articolul 621. Doi",
        "Articolul 63. Trei",
    ]
    heading = built.xpath("//w:p[w:pPr/w:pStyle/@w:val='ArticleHeading'][2]")[0]
    sup = heading.xpath(
        ".//w:r[w:rPr/w:vertAlign/@w:val='superscript']/w:t/text()",
        namespaces={"w": heading.nsmap["w"]},
    )
    assert sup == ["1"]


def test_levels_may_be_skipped(build_md):
    built = build_md(front("### Articolul. Unic\n\nText.\n"))
    assert built.texts("Article Heading") == ["Articolul 1. Unic"]
    assert built.texts("Chapter Heading") == []


def test_alineate_auto_and_handwritten(build_md):
    built = build_md(
        front(
            "### Articolul. A\n\n(#) Unu.\n(#) Doi.\n\n(5^1) Inserat.\n\n(#) După.\n\n"
            "### Articolul. B\n\n(#) Din nou unu.\n"
        )
    )
    assert built.texts("Alineat") == [
        "(1) Unu.",
        "(2) Doi.",
        "(51) Inserat.",
        "(6) După.",
        "(1) Din nou unu.",
    ]


def test_points_letters_then_digits_in_a_law(build_md):
    built = build_md(
        front(
            "### Articolul. A\n\n(1) Se aplică:\n\n- angajaților;\n  - din sectorul public;\n"
            "  - din sectorul privat;\n- voluntarilor.\n\n"
            "(2) Alt text:\n\n- primul;\n- al doilea.\n"
        )
    )
    assert built.texts("Point") == [
        "a)\tangajaților;",
        "b)\tvoluntarilor.",
        "a)\tprimul;",
        "b)\tal doilea.",
    ]
    assert built.texts("Point 2") == ["1)\tdin sectorul public;", "2)\tdin sectorul privat;"]


def test_point_markers_at_line_start_split_a_pasted_paragraph(build_md):
    built = build_md(
        front(
            "### Articolul. A\n\n(1) Text:\na) unu;\nb) doi;\n1) sub doi;\nc) trei.\n(2) Final.\n"
        )
    )
    assert built.texts("Alineat") == ["(1) Text:", "(2) Final."]
    assert built.texts("Point") == ["a)\tunu;", "b)\tdoi;", "c)\ttrei."]
    assert built.texts("Point 2") == ["1)\tsub doi;"]


def test_handwritten_letter_continues(build_md):
    built = build_md(front("### Articolul. A\n\nText:\nb) doi;\n\n- trei.\n"))
    assert built.texts("Point") == ["b)\tdoi;", "c)\ttrei."]


@pytest.mark.parametrize("doc_type", ["regulation", "government-decision"])
def test_regulation_points_are_numbered_through_the_document(build_md, doc_type):
    built = build_md(
        front(
            "# Capitolul. Dispoziții generale\n\n- Primul punct:\n  - subpunct;\n  - altul;\n"
            "- Al doilea.\n\n# Capitolul. Atribuții\n\n- Al treilea.\n",
            type=doc_type,
        )
    )
    assert built.texts("Point") == ["1.\tPrimul punct:", "2.\tAl doilea.", "3.\tAl treilea."]
    assert built.texts("Point 2") == ["a)\tsubpunct;", "b)\taltul;"]


def test_amending_law_roman_articles_and_numbered_points(build_md):
    built = build_md(
        front(
            "### Articolul {#labour}\n\nCodul muncii se modifică după cum urmează:\n\n"
            "1. La articolul 5:\n   - litera a) se abrogă;\n   - litera b) se abrogă.\n"
            "1. Articolul 6 se abrogă.\n1. Articolul 7 se abrogă.\n\n"
            "### Articolul. Dispoziții finale {#final}\n\nPrezenta lege intră în vigoare.\n",
            extra="amending: true\n",
        )
    )
    assert built.texts("Article Heading") == ["Articolul I.", "Articolul II. Dispoziții finale"]
    assert built.texts("Point") == [
        "1.\tLa articolul 5:",
        "2.\tArticolul 6 se abrogă.",
        "3.\tArticolul 7 se abrogă.",
    ]
    assert built.texts("Point 2") == ["a)\tlitera a) se abrogă;", "b)\tlitera b) se abrogă."]


def test_ordered_list_starting_elsewhere_is_handwritten(build_md):
    built = build_md(
        front("### Articolul {#a}\n\nText:\n\n4. Patru.\n5. Cinci.\n", extra="amending: true\n")
    )
    assert built.texts("Point") == ["4.\tPatru.", "5.\tCinci."]


def test_annexes_start_on_a_new_page_and_are_numbered(build_md):
    built = build_md(
        front(
            "### Articolul. A\n\nText.\n\n# Anexa. Lista infracțiunilor\n\nText.\n\n"
            "# Anexa. Lista ocupațiilor\n\nText.\n"
        )
    )
    assert built.texts("Annex Number") == ["Anexa nr. 1", "Anexa nr. 2"]
    assert built.texts("Annex Title") == ["Lista infracțiunilor", "Lista ocupațiilor"]
    breaks = built.xpath("//w:p[w:pPr/w:pStyle/@w:val='AnnexNumber']/w:pPr/w:pageBreakBefore")
    assert len(breaks) == 2


def test_english_annex_label(build_md):
    built = build_md(front("# Annex. Offences\n\nText.\n", lang="en"))
    assert built.texts("Annex Number") == ["Annex 1"]


def test_articles_in_an_annex_number_afresh(build_md):
    built = build_md(
        front(
            "### Articolul. A\n\nT.\n\n### Articolul. B\n\nT.\n\n# Anexa. Regulament\n\n"
            "### Articolul. C\n\nT.\n"
        )
    )
    assert built.texts("Article Heading") == [
        "Articolul 1. A",
        "Articolul 2. B",
        "Articolul 1. C",
    ]


def test_quoted_structure_is_not_numbered_by_the_host(build_md):
    built = build_md(
        front(
            "### Articolul {#a}\n\nCodul se completează:\n\n"
            "1. După articolul 46 se introduce articolul 46^1 cu următorul cuprins:\n\n"
            "   > ### Articolul 46^1. Condiții speciale\n   >\n   > (1) Primul.\n"
            "   > (3) Al treilea, ca în original.\n   > a) literă.\n\n"
            "### Articolul. Final {#b}\n\nText.\n",
            extra="amending: true\n",
        )
    )
    assert built.texts("Article Heading") == ["Articolul I.", "Articolul II. Final"]
    assert built.texts("Quoted Heading") == ["„Articolul 461. Condiții speciale"]
    assert built.texts("Quoted Structure") == ["(1) Primul.", "(3) Al treilea, ca în original."]
    assert built.texts("Quoted Point") == ["a)\tliteră.”"]


def test_quoted_structure_in_english_uses_english_quotes(build_md):
    built = build_md(
        front("### Article {#a}\n\nText:\n\n> (1) Inserted.\n", lang="en", extra="amending: true\n")
    )
    assert built.texts("Quoted Structure") == ["“(1) Inserted.”"]


def test_notes_have_ordinary_headings_and_dash_points(build_md):
    built = build_md(
        front(
            "# Condițiile care au impus elaborarea\n\nText.\n\n## Detalii\n\n- unu\n- doi\n",
            type="note",
        )
    )
    assert built.texts("Heading 1") == ["Condițiile care au impus elaborarea"]
    assert built.texts("Heading 2") == ["Detalii"]
    assert built.texts("Point") == ["–\tunu", "–\tdoi"]
    assert built.texts("Title") == ["Test"]


def test_law_title_block(build_md):
    built = build_md(front("### Articolul. A\n\nText.\n"))
    paragraphs = built.paragraphs()
    assert paragraphs[:3] == [("Draft Mark", "Proiect"), ("Title", "LEGE"), ("Act Title", "Test")]


def test_attributes_are_kept_on_the_tree(build_md):
    built = build_md(
        front('### Articolul. Interdicția {#ban implements="lanzarote-5-3 dir-2011-93-10"}\n\nT.\n')
    )
    article = built.document.children[0]
    assert article.id == "ban"
    assert article.attrs == {"implements": "lanzarote-5-3 dir-2011-93-10"}
    assert built.texts("Article Heading") == ["Articolul 1. Interdicția"]


def test_every_node_keeps_its_source_line(build_md):
    built = build_md(front("### Articolul. A\n\n(1) Unu.\n(2) Doi:\na) x.\n", type="law"))
    article = built.document.children[0]
    # The front matter takes lines 1-7 and a blank line follows.
    assert (article.source.file, article.source.line) == ("doc.md", 9)
    assert [a.source.line for a in article.children] == [11, 12]
    assert article.children[1].children[0].source.line == 13


def test_raw_html_stays_text(build_md):
    built = build_md(front("### Articolul. A\n\nText <b>îngroșat</b>.\n"))
    assert built.texts("Body Text") == ["Text <b>îngroșat</b>."]


def test_quoted_text_counts_its_own_automatic_numbers(build_md):
    built = build_md(
        front(
            "### Articolul {#a}\n\nSe completează cu articolul 5^1 cu următorul cuprins:\n\n"
            "> ### Articolul 5^1. Nou\n>\n> (#) Unu.\n> (#) Doi:\n>\n> - x;\n> - y.\n\n"
            "### Articolul {#b}\n\nPunctul 12 va avea următorul cuprins:\n\n"
            "> 12. Atribuțiile sunt:\n> a) prima;\n> b) a doua.\n",
            extra="amending: true\n",
        )
    )
    assert built.texts("Quoted Structure") == ["(1) Unu.", "(2) Doi:"]
    assert built.texts("Quoted Point") == [
        "a)\tx;",
        "b)\ty.”",
        "„12.\tAtribuțiile sunt:",
        "a)\tprima;",
        "b)\ta doua.”",
    ]
    # Quoted text is another act's: it adds no bookmarks to the host act.
    assert built.xpath("//w:bookmarkStart/@w:name") == ["art_I", "art_II"]


def test_structural_words_in_a_note_stay_ordinary_headings_but_annexes_count(build_md):
    built = build_md(
        front(
            "# Capitolul 1. Contextul\n\nText.\n\n# Anexa. Tabelul de concordanță\n\nText.\n",
            type="note",
        )
    )
    assert built.texts("Heading 1") == ["Capitolul 1. Contextul"]
    assert built.texts("Chapter Heading") == []
    assert built.texts("Annex Number") == ["Anexa nr. 1"]
