"""Cross-references: language-aware labels, checked targets, links to bookmarks."""

from __future__ import annotations

import pytest

from docx_helpers import front

LAW = (
    "# Capitolul. Generale {#general}\n\n"
    "### Articolul. Obiectul {#scope}\n\n(1) Primul.\n(2) Se aplică:\na) unu;\nb) doi {#two}\n"
    "1) sub.\n\n"
    "### Articolul 62^1. Inserat {#inserted}\n\nText.\n\n"
    "### Articolul. Trimiteri\n\n{refs}\n"
)


@pytest.mark.parametrize(
    ("lang", "refs", "expected"),
    [
        ("ro", "[](#scope)", "art. 1"),
        ("ro", "[](#scope/2)", "art. 1 alin. (2)"),
        ("ro", "[](#scope/2/b)", "art. 1 alin. (2) lit. b)"),
        ("ro", "[](#two)", "art. 1 alin. (2) lit. b)"),
        ("ro", "[](#scope/2/b/1)", "art. 1 alin. (2) lit. b) pct. 1)"),
        ("ro", "[](#general)", "cap. I"),
        ("ro", "[](#inserted)", "art. 621"),
        ("en", "[](#scope)", "Article 1"),
        ("en", "[](#scope/2)", "Article 1(2)"),
        ("en", "[](#scope/2/b)", "Article 1(2)(b)"),
        ("en", "[](#general)", "Chapter I"),
    ],
)
def test_reference_labels(build_md, lang, refs, expected):
    built = build_md(front(LAW.replace("{refs}", f"Vezi {refs}."), lang=lang))
    assert built.texts("Body Text")[-1] == f"Vezi {expected}."


def test_link_text_is_kept_and_the_target_still_checked(build_md, problems_of):
    built = build_md(front(LAW.replace("{refs}", "Vezi [articolul de mai sus](#scope).")))
    assert built.texts("Body Text")[-1] == "Vezi articolul de mai sus."
    problems = problems_of(front(LAW.replace("{refs}", "Vezi [articolul](#nowhere).")))
    assert len(problems) == 1
    assert "doc.md:25" in problems[0]
    assert "[](#nowhere) points to no provision" in problems[0]


def test_reference_is_a_link_to_the_article_bookmark(build_md):
    built = build_md(front(LAW.replace("{refs}", "Vezi [](#scope/2).")))
    anchors = built.xpath("//w:hyperlink/@w:anchor")
    assert anchors == ["art_1_alin_2"]
    assert anchors[0] in built.xpath("//w:bookmarkStart/@w:name")


def test_reference_to_a_missing_alineat_or_point(problems_of):
    problems = problems_of(front(LAW.replace("{refs}", "[](#scope/5) și [](#scope/2/z)")))
    assert len(problems) == 2
    assert "art. 1 has no unit '5'" in problems[0]
    assert "art. 1 alin. (2) has no unit 'z'" in problems[1]


def test_regulation_point_and_amending_point_labels(build_md):
    regulation = build_md(front("- Unu.\n- Doi {#two}\n\nVezi [](#two).\n", type="regulation"))
    assert regulation.texts("Body Text") == ["Vezi pct. 2."]
    english = build_md(
        front("- One.\n- Two {#two}\n\nSee [](#two).\n", type="regulation", lang="en")
    )
    assert english.texts("Body Text") == ["See point 2."]
    amending = build_md(
        front(
            "### Articolul {#a}\n\nSe modifică:\n\n1. Unu.\n1. Doi.\n\n"
            "### Articolul. Final\n\nVezi [](#a/2).\n",
            extra="amending: true\n",
        )
    )
    assert amending.texts("Body Text")[-1] == "Vezi art. I pct. 2."


def test_references_in_tables_and_footnotes_resolve(build_md):
    built = build_md(
        front(
            LAW.replace(
                "{refs}",
                "| Normă | Sursă |\n|---|---|\n| [](#scope/1) | x[^1] |\n\n"
                "[^1]: Vezi [](#inserted).\n",
            )
        )
    )
    cells = built.xpath("//w:tbl//w:tc[1]//w:t/text()")
    assert "art. 1 alin. (1)" in "".join(cells)
    note = "".join(built.xpath("//w:footnote[@w:id='1']//w:t/text()", part="word/footnotes.xml"))
    assert "Vezi art. 62" in note


def test_duplicate_ids_are_an_error(problems_of):
    problems = problems_of(front("### Articolul. A {#x}\n\nT.\n\n### Articolul. B {#x}\n\nT.\n"))
    assert len(problems) == 1
    assert "doc.md:13" in problems[0]
    assert "{#x} is used twice (first at line 9)" in problems[0]
