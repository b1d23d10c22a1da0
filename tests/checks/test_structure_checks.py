"""Structure checks (S001–S009), and the codes of the build stages (P, T, M): each
triggered by a minimal dossier, and each quiet when the draft is right."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_helpers import LAW_EN, LAW_RO, Dossier, at

RO_LAW = "templates/ro/law.md.j2"
EN_LAW = "templates/en/law.md.j2"


@pytest.fixture
def dossier(tmp_path: Path) -> Dossier:
    return Dossier(tmp_path)


def _ro_only(dossier: Dossier, ro: str, en: str | None = None) -> None:
    """Change the Romanian law (and the English one the same way when given)."""
    dossier.law(ro, en)


def _body(front: str, body: str) -> str:
    return front.split("---\n", 2)[0] + "---\n" + front.split("---\n", 2)[1] + "---\n" + body


RO_FRONT = LAW_RO[: LAW_RO.index("### ")]
EN_FRONT = LAW_EN[: LAW_EN.index("### ")]


def _laws(ro_body: str, en_body: str) -> tuple[str, str]:
    return RO_FRONT + ro_body, EN_FRONT + en_body


# ---------------------------------------------------------------- S001–S003 (numbering)


def test_a_repeated_id_is_s001(dossier: Dossier):
    dossier.law(
        LAW_RO.replace("{#final}", "{#obiect}").replace("[](#obiect/2)", "regulile"),
        LAW_EN.replace("{#final}", "{#obiect}").replace("[](#obiect/2)", "the rules"),
    )
    problems = dossier.only("S001")
    assert {at(p) for p in problems} == {(RO_LAW, 13), (EN_LAW, 13)}
    assert "the id {#obiect} is used twice (first at line 7)" in problems[0].message


def test_a_reference_to_a_missing_id_is_s002(dossier: Dossier):
    dossier.law(LAW_RO.replace("(#obiect/2)", "(#scop/2)"), None)
    [problem] = dossier.only("S002")
    assert at(problem) == (RO_LAW, 15)
    assert "the reference [](#scop) points to no provision" in problem.message


def test_a_reference_to_a_missing_alineat_is_s003(dossier: Dossier):
    dossier.law(LAW_RO.replace("(#obiect/2)", "(#obiect/3)"), None)
    [problem] = dossier.only("S003")
    assert at(problem) == (RO_LAW, 15)
    assert "art. 1 has no unit '3'" in problem.message


def test_references_that_resolve_pass(dossier: Dossier):
    assert dossier.findings() == []


# ---------------------------------------------------------------- S004, S005 numbers

ARTICLES = """
### Articolul {n1}. Primul

Text.

### Articolul {n2}. Al doilea

Text.

### Articolul {n3}. Al treilea

Text.
"""
ARTICLES_EN = ARTICLES.replace("Articolul", "Article")


def _numbered(n1: str, n2: str, n3: str) -> tuple[str, str]:
    numbers = {"n1": n1, "n2": n2, "n3": n3}
    return _laws(ARTICLES.format(**numbers), ARTICLES_EN.format(**numbers))


def test_handwritten_articles_out_of_order_are_s004(dossier: Dossier):
    dossier.law(*_numbered("1", "3", "2"))
    problems = dossier.only("S004")
    ro = [p for p in problems if at(p)[0] == RO_LAW]
    assert [at(p) for p in ro] == [(RO_LAW, 12), (RO_LAW, 16)]
    assert ro[0].message == "art. 3 follows art. 1: a number is skipped"
    assert ro[1].message == "art. 2 comes after art. 3: the numbers are out of order"


def test_a_repeated_handwritten_article_number_is_s005(dossier: Dossier):
    dossier.law(*_numbered("1", "2", "2"))
    problems = dossier.only("S005")
    assert {at(p) for p in problems} == {(RO_LAW, 16), (EN_LAW, 16)}
    assert "art. 2 is numbered twice (first at line 12)" in problems[-1].message or (
        "Article 2 is numbered twice (first at line 12)" in problems[-1].message
    )


def test_inserted_articles_in_order_pass(dossier: Dossier):
    dossier.law(*_numbered("62", "62^1", "63"))
    assert dossier.findings() == []


# ---------------------------------------------------------------- S006 empty articles


def test_an_article_with_no_text_is_s006(dossier: Dossier):
    ro, en = _laws(
        "### Articolul. Obiectul\n\nText.\n\n### Articolul. Gol\n",
        "### Article. Subject\n\nText.\n\n### Article. Empty\n",
    )
    dossier.law(ro, en)
    problems = dossier.only("S006")
    assert {at(p) for p in problems} == {(RO_LAW, 11), (EN_LAW, 11)}
    assert any(p.message == "art. 2 has no text" for p in problems)


# ---------------------------------------------------------------- S007 alineate from (1)


def test_alineate_that_do_not_start_at_1_are_s007(dossier: Dossier):
    dossier.law(
        LAW_RO.replace("(1) Prezenta", "(2) Prezenta")
        .replace("(2) Regulile", "(3) Regulile")
        .replace("(#obiect/2)", "(#obiect/3)"),
        None,
    )
    found = dossier.findings()
    [problem] = [p for p in found if p.code == "S007"]
    assert at(problem) == (RO_LAW, 9)
    assert problem.message == "the first alineat of art. 1 is (2), not (1)"
    # The English version keeps (1): the two versions differ, which C005 reports.
    assert {p.code for p in found} == {"S007", "C005"}


def test_automatic_alineate_start_at_1(dossier: Dossier):
    dossier.law(
        LAW_RO.replace("(1) Prezenta", "(#) Prezenta").replace("(2) Regulile", "(#) Regulile"), None
    )
    assert dossier.findings() == []


# ---------------------------------------------------------------- S008 single points

POINTS_RO = """
### Articolul. Obiectul

Prezenta lege se aplică:

a) angajatorilor;
{more_ro}
### Articolul. Final

Text.
"""


def _points(more: bool) -> tuple[str, str]:
    ro = POINTS_RO.format(more_ro="\nb) voluntarilor.\n" if more else "")
    en = (
        POINTS_RO.replace("Articolul", "Article")
        .replace("Prezenta lege se aplică:", "This law applies to:")
        .replace("angajatorilor;", "employers;")
        .format(more_ro="\nb) volunteers.\n" if more else "")
    )
    return _laws(ro, en)


def test_a_list_of_one_point_is_an_s008_warning(dossier: Dossier):
    dossier.law(*_points(more=False))
    problems = dossier.only("S008")
    assert {at(p) for p in problems} == {(RO_LAW, 12), (EN_LAW, 12)}
    assert str(problems[0].severity) == "warning"
    assert any(p.message == "art. 1 lit. a) is the only point of its list" for p in problems)


def test_a_list_of_two_points_passes(dossier: Dossier):
    dossier.law(*_points(more=True))
    assert dossier.findings() == []


# ---------------------------------------------------------------- S009 amending formulas

AMENDING_RO = """\
---
title: "pentru modificarea Legii nr. 338/1994"
type: law
lang: ro
amending: true
---

### Articolul. Legea drepturilor copilului {#drepturi}

Legea nr. 338/1994 privind drepturile copilului se completează cu articolul 30^1{intro_ro}

> ### Articolul 30^1. Protecția copiilor
>
> (1) Text nou.
"""
AMENDING_EN = (
    AMENDING_RO.replace("lang: ro", "lang: en")
    .replace("### Articolul. Legea", "### Article. The law")
    .replace("> ### Articolul 30^1", "> ### Article 30^1")
)


def _amending(intro_ro: str, intro_en: str) -> tuple[str, str]:
    return (
        AMENDING_RO.replace("{intro_ro}", intro_ro),
        AMENDING_EN.replace("{intro_ro}", intro_en),
    )


def test_a_quoted_structure_without_an_amending_formula_is_s009(dossier: Dossier):
    dossier.law(*_amending(".", "."))
    problems = dossier.only("S009")
    assert {at(p) for p in problems} == {(RO_LAW, 12), (EN_LAW, 12)}
    ro = next(p for p in problems if at(p)[0] == RO_LAW)
    assert "not introduced by an amending formula" in ro.message
    assert "„… cu următorul cuprins:”" in ro.fix


def test_a_quoted_structure_after_the_formula_passes(dossier: Dossier):
    dossier.law(*_amending(" cu următorul cuprins:", " worded as follows:"))
    assert dossier.findings() == []


# ---------------------------------------------------------------- P, T, M: the build stages


def test_a_wrong_dossier_yaml_is_p001(dossier: Dossier):
    (dossier.path / "dossier.yaml").write_text("title: Demo\nlangauges: [ro]\n", encoding="utf-8")
    problems = dossier.findings()
    assert problems
    assert {p.code for p in problems} == {"P001"}
    assert at(problems[0])[0] == "dossier.yaml"


def test_a_misspelt_template_variable_is_t001(dossier: Dossier):
    dossier.law(LAW_RO.replace("Prezenta lege stabilește", "{{ dosar.titlu }}"), None)
    [problem] = dossier.only("T001")
    assert at(problem) == (RO_LAW, 9)


def test_a_markdown_error_is_m001_and_an_unused_note_an_m002_warning(dossier: Dossier):
    dossier.law(LAW_RO.replace("### Articolul. Intrarea", "### Obiectul. Intrarea"), None)
    assert {p.code for p in dossier.findings()} >= {"M001"}
    dossier.law(LAW_RO + "\n[^nota]: O notă.\n", LAW_EN + "\n[^nota]: A note.\n")
    problems = dossier.only("M002")
    assert {at(p) for p in problems} == {(RO_LAW, 17), (EN_LAW, 17)}
    assert str(problems[0].severity) == "warning"
