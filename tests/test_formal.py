"""The formal elements of Moldovan acts, from front matter: a law's adoption line,
signature and annex headings; a Government decision's heading, legal basis, enacting
formula, signatures and annex; a regulation annexed to a decision; in Romanian and English."""

from __future__ import annotations

import pytest

from docx_helpers import front

LAW = """\
### Articolul. Obiectul legii {#scope}

Prezenta lege stabilește regulile, iar lista este în [anexa nr. 1](#offences).

### Articolul. Intrarea în vigoare

Prezenta lege intră în vigoare la data publicării.

# Anexa. Lista infracțiunilor {#offences}

| Nr. | Articolul |
|---|---|
| 1 | art. 175 |
"""

LAW_EN = """\
### Article. Subject matter {#scope}

This law lays down the rules; the list is in [Annex 1](#offences).

### Article. Entry into force

This law enters into force on publication.

# Annex. List of offences {#offences}

| No. | Article |
|---|---|
| 1 | Article 175 |
"""


def _law(adoption: str = "organic", lang: str = "ro", body: str = LAW) -> str:
    return front(body, lang=lang, extra=f"formal:\n  adoption: {adoption}\n")


def test_a_law_prints_its_adoption_line_signature_and_annex_heading(build_md):
    built = build_md(_law())
    paragraphs = built.paragraphs()
    assert ("Enacting Formula", "Parlamentul adoptă prezenta lege organică.") in paragraphs
    styles = [style for style, _ in paragraphs]
    # The adoption line comes after the title, before the first article.
    assert styles.index("Enacting Formula") == styles.index("Act Title") + 1
    assert styles.index("Enacting Formula") < styles.index("Article Heading")
    signature = styles.index("Signature")
    assert paragraphs[signature] == ("Signature", "PREȘEDINTELE PARLAMENTULUI")
    assert paragraphs[signature + 1 : signature + 3] == [
        ("Signature Place", "Chișinău, __ ______ 20__."),
        ("Signature Place", "Nr. ___."),
    ]
    # The signature closes the law, before its annex.
    annex = styles.index("Annex Number")
    assert max(i for i, s in enumerate(styles) if s == "Article Heading") < signature < annex
    assert paragraphs[annex] == ("Annex Number", "Anexa nr. 1\nla Legea nr. ___ din ______")


def test_an_ordinary_law_and_the_english_equivalents(build_md):
    built = build_md(_law("ordinary", lang="en", body=LAW_EN))
    paragraphs = built.paragraphs()
    assert ("Enacting Formula", "Parliament adopts this ordinary law.") in paragraphs
    assert ("Signature", "PRESIDENT OF THE PARLIAMENT") in paragraphs
    assert ("Signature Place", "No. ___") in paragraphs
    assert ("Annex Number", "Annex 1\nto Law No. ___ of ______") in paragraphs


def test_an_annex_is_attached_to_the_act_it_completes(build_md):
    body = LAW.replace(
        "{#offences}", '{#offences attached="Legea nr. 338/1994 privind drepturile copilului"}'
    )
    built = build_md(_law(body=body))
    assert built.texts("Annex Number") == [
        "Anexa nr. 1\nla Legea nr. 338/1994 privind drepturile copilului"
    ]


def test_a_signatory_s_name_stands_after_a_tab(build_md):
    built = build_md(front(LAW, extra="formal:\n  adoption: organic\n  signatory: Ion POPESCU\n"))
    assert built.texts("Signature") == ["PREȘEDINTELE PARLAMENTULUI\tIon POPESCU"]


def test_without_formal_nothing_is_added(build_md):
    built = build_md(front(LAW))
    styles = {style for style, _ in built.paragraphs()}
    assert not styles & {"Enacting Formula", "Signature", "Signature Place"}
    assert built.texts("Annex Number") == ["Anexa nr. 1"]


DECISION = """\
::: legal-basis
În temeiul art. 20 din Legea nr. 140/2013 privind protecția specială a copiilor[^b],
:::

1. Se aprobă Regulamentul (se anexează).

2. Prezenta hotărâre intră în vigoare la data publicării.

# Anexa. Regulamentul privind informarea victimelor {#regulation}

1. Regulamentul stabilește procedura.

[^b]: Monitorul Oficial, 2013, nr. 167–172, art. 534.
"""

DECISION_EN = """\
::: legal-basis
Under Article 20 of Law No. 140/2013 on the special protection of children,
:::

1. The Regulation is approved (annexed).

2. This decision enters into force on publication.

# Annex. Regulation on informing victims {#regulation}

1. The Regulation lays down the procedure.
"""

COUNTERSIGNED = """\
formal:
  signatory: Ana POPA
  countersigned:
    - "Ministrul justiției"
    - "Ministrul afacerilor interne"
"""


def test_a_government_decision_prints_its_heading_basis_formula_and_signatures(build_md):
    built = build_md(front(DECISION, type="government-decision", extra=COUNTERSIGNED))
    paragraphs = built.paragraphs()
    assert paragraphs[:6] == [
        ("Draft Mark", "Proiect"),
        ("Issuing Authority", "GUVERNUL REPUBLICII MOLDOVA"),
        ("Title", "HOTĂRÂRE nr. ___"),
        ("Act Number", "din ______"),
        ("Act Number", "Chișinău"),
        ("Act Title", "Test"),
    ]
    assert paragraphs[6:8] == [
        (
            "Legal Basis",
            "În temeiul art. 20 din Legea nr. 140/2013 privind protecția specială a copiilor,",
        ),
        ("Enacting Formula", "Guvernul HOTĂRĂȘTE:"),
    ]
    # The legal basis keeps its footnote.
    assert built.xpath("//w:p[w:pPr/w:pStyle/@w:val='LegalBasis']//w:footnoteReference")
    styles = [style for style, _ in paragraphs]
    signature = styles.index("Signature")
    assert paragraphs[signature : signature + 4] == [
        ("Signature", "Prim-ministru\tAna POPA"),
        ("Signature Place", "Contrasemnează:"),
        ("Signature Place", "Ministrul justiției"),
        ("Signature Place", "Ministrul afacerilor interne"),
    ]
    assert styles.index("Point") < signature < styles.index("Annex Number")
    # Its only annex, the regulation: "Anexă", attached to the decision.
    assert built.texts("Annex Number") == ["Anexă\nla Hotărârea Guvernului nr. ___ din ______"]


def test_the_english_decision(build_md):
    built = build_md(
        front(DECISION_EN, type="government-decision", lang="en", extra="formal: {}\n")
    )
    paragraphs = built.paragraphs()
    assert paragraphs[1:5] == [
        ("Issuing Authority", "GOVERNMENT OF THE REPUBLIC OF MOLDOVA"),
        ("Title", "DECISION No. ___"),
        ("Act Number", "of ______"),
        ("Act Number", "Chișinău"),
    ]
    assert ("Enacting Formula", "The Government DECIDES:") in paragraphs
    assert ("Signature", "Prime Minister") in paragraphs
    assert built.texts("Annex Number") == ["Annex\nto Government Decision No. ___ of ______"]


def test_a_decision_with_several_annexes_numbers_them(build_md):
    body = DECISION + "\n# Anexa. Formularul\n\n1. Formularul.\n"
    built = build_md(front(body, type="government-decision", extra="formal: {}\n"))
    assert built.texts("Annex Number") == [
        "Anexa nr. 1\nla Hotărârea Guvernului nr. ___ din ______",
        "Anexa nr. 2\nla Hotărârea Guvernului nr. ___ din ______",
    ]


def test_a_regulation_is_headed_as_the_annex_of_its_decision(build_md):
    extra = 'formal:\n  attached: "Hotărârea Guvernului nr. ___ din ______"\n'
    built = build_md(
        front("1. Regulamentul stabilește procedura.\n", type="regulation", extra=extra)
    )
    paragraphs = built.paragraphs()
    assert paragraphs[1] == ("Annex Number", "Anexă\nla Hotărârea Guvernului nr. ___ din ______")
    assert paragraphs[2] == ("Title", "Test")


@pytest.mark.parametrize(
    ("doc_type", "formal", "message"),
    [
        ("law", "formal:\n  adoption: urgent\n", "must be organic or ordinary"),
        ("law", "formal:\n  signatory: X\n", "must be organic or ordinary"),
        ("note", "formal:\n  adoption: organic\n", "is for acts"),
        ("law", "formal:\n  adoption: organic\n  countersigned: [X]\n", "has no countersigned"),
        ("law", "formal: yes please\n", "must be a list of 'key: value' lines"),
    ],
)
def test_a_wrong_formal_front_matter_is_an_error_that_says_how(
    problems_of, doc_type, formal, message
):
    found = problems_of(front(LAW, type=doc_type, extra=formal))
    assert any(message in problem and "[M001]" in problem for problem in found), found
