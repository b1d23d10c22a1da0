"""Amendments as data: operations on another act become their formulas in Romanian and
English, are checked against the wording in force and applied to it, and fill the
comparative table."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree

from lexkit import api
from lexkit.build import check_dossier
from lexkit.engine.amendments import Operation, Target, consolidate, formula, parse_operation
from lexkit.engine.model import Source
from lexkit.project import BuildSettings

IN_FORCE = """\
---
title: "Codul muncii al Republicii Moldova nr. 154/2003"
type: law
lang: ro
---

### Articolul 46. Condițiile de angajare

(1) Angajarea se face pe baza contractului.

(2) Salariatul prezintă documentele cerute de angajator.

(4) Nu se admite angajarea persoanelor private de dreptul de a ocupa anumite funcții.

### Articolul 47. Perioada de probă

(1) Perioada de probă este de cel mult 3 luni.

(2) Perioada de probă nu se aplică:

a) minorilor;

b) absolvenților.
"""

OPERATIONS_RO = """\
@insert art. 46 alin. (4^1)
> (4^1) Nu se admite angajarea în funcții care presupun contact regulat cu copiii.

@insert art. 46^1[^nou]
> ### Articolul 46^1. Condiții speciale
>
> (1) Angajatorul cere certificatul.

@substitute art. 46 alin. (2): „Salariatul” -> „Persoana angajată”

@replace art. 47 alin. (1)
> (1) Perioada de probă este de cel mult 6 luni.

@exclude art. 46 alin. (4): „anumite ”

@repeal art. 47 alin. (2) lit. b)
"""

LAW = """\
---
title: "{title}"
type: law
lang: {lang}
amending: true
---

### {article} {{#labour-code act="labour-code"}}

Codul muncii al Republicii Moldova nr. 154/2003

{operations}
### {article} {{#final}}

{final}

[^nou]: {note}
"""


def _law(lang: str, operations: str = OPERATIONS_RO) -> str:
    ro = lang == "ro"
    return LAW.format(
        title="pentru modificarea Codului muncii" if ro else "amending the Labour Code",
        lang=lang,
        article="Articolul" if ro else "Article",
        operations=operations,
        final="Prezenta lege intră în vigoare la data publicării."
        if ro
        else "This law enters into force on publication.",
        note="Număr de verificat." if ro else "Number to verify.",
    )


def _dossier(root: Path, ro: str, en: str | None = None, in_force: str | None = IN_FORCE) -> Path:
    dossier = root / "drafts" / "demo"
    for lang, text in (("ro", ro), ("en", en if en is not None else _law("en"))):
        (dossier / "templates" / lang).mkdir(parents=True, exist_ok=True)
        (dossier / "templates" / lang / "law.md.j2").write_text(text, encoding="utf-8")
    if in_force is not None:
        (dossier / "in-force").mkdir(exist_ok=True)
        (dossier / "in-force" / "labour-code.md").write_text(in_force, encoding="utf-8")
    (dossier / "dossier.yaml").write_text(
        "title: Demo\nlanguages: [ro, en]\ndeliverables:\n"
        "  - id: law\n    template: law.md.j2\n"
        "  - id: comparative-table\n    kind: comparative-table\n"
        "  - id: consolidated\n    kind: consolidated\n    law: law\n",
        encoding="utf-8",
    )
    return dossier


OPERATIONS_EN = OPERATIONS_RO.replace("Articolul 46^1", "Article 46^1").replace(
    "„Salariatul” -> „Persoana angajată”", "“The employee” -> “The person employed”"
)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    _dossier(tmp_path, _law("ro"), _law("en", OPERATIONS_EN))
    api.build(["demo"], root=tmp_path)
    return tmp_path / "output" / "demo"


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


# ---------------------------------------------------------------- the formulas


def _op(verb: str, target: Target, old: str = "", new: str = "") -> Operation:
    return Operation(verb, target, "act", Source("law.md", 1), old, new)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("verb", "target", "words", "ro", "en"),
    [
        (
            "insert", Target("46", "4^1"), ("", ""),
            "Articolul 46 se completează cu alineatul (4^1) cu următorul cuprins:",
            "Article 46 shall be supplemented with paragraph (4^1) to read as follows:",
        ),
        (
            "insert", Target("46", "2", "c^1"), ("", ""),
            "Articolul 46 alineatul (2) se completează cu litera c^1) cu următorul cuprins:",
            "Article 46(2) shall be supplemented with point (c^1) to read as follows:",
        ),
        (
            "insert", Target("10^1"), ("", ""),
            "După articolul 10 se introduce articolul 10^1 cu următorul cuprins:",
            "The following Article 10^1 shall be inserted after Article 10 to read as follows:",
        ),
        (
            "replace", Target("11", "3"), ("", ""),
            "La articolul 11, alineatul (3) va avea următorul cuprins:",
            "Article 11(3) shall read as follows:",
        ),
        (
            "replace", Target("11"), ("", ""),
            "Articolul 11 va avea următorul cuprins:",
            "Article 11 shall read as follows:",
        ),
        (
            "substitute", Target("1", "1"), ("salariat", "angajat"),
            "La articolul 1 alineatul (1), textul „salariat” se substituie cu textul „angajat”.",
            "In Article 1(1), the words “salariat” shall be replaced by the words “angajat”.",
        ),
        (
            "exclude", Target("1", "1", "b"), ("de îndată", ""),
            "La articolul 1 alineatul (1) litera b), textul „de îndată” se exclude.",
            "In Article 1(1)(b), the words “de îndată” shall be deleted.",
        ),
        (
            "repeal", Target("12", "4"), ("", ""),
            "La articolul 12, alineatul (4) se abrogă.",
            "Article 12(4) shall be repealed.",
        ),
        (
            "repeal", Target("12"), ("", ""),
            "Articolul 12 se abrogă.",
            "Article 12 shall be repealed.",
        ),
    ],
)  # fmt: skip
def test_each_operation_has_its_formula_in_both_languages(verb, target, words, ro, en):
    operation = _op(verb, target, *words)
    assert formula(operation, "ro") == ro
    assert formula(operation, "en") == en


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("insert art. 46 alin. (4^1)", ("insert", Target("46", "4^1"), "", "")),
        ("replace Article 46(2)(b)", ("replace", Target("46", "2", "b"), "", "")),
        ("abrogă art. 47 alin. (2) lit. b)", ("repeal", Target("47", "2", "b"), "", "")),
        ("substitute art. 5: „a b” -> „c”", ("substitute", Target("5"), "a b", "c")),
        ("exclude art. 5 alin. (1): “words”", ("exclude", Target("5", "1"), "words", "")),
    ],
)
def test_operation_lines_are_read_in_either_language(line, parsed):
    assert parse_operation(line) == parsed


# ---------------------------------------------------------------- in the built law


def test_the_law_gets_the_lead_in_and_numbered_amending_points(built: Path):
    text = _paragraphs(built / "ro" / "law.docx")
    assert (
        "Codul muncii al Republicii Moldova nr. 154/2003, cu modificările ulterioare, "
        "se modifică și se completează după cum urmează:"
    ) in text
    assert "1.\tArticolul 46 se completează cu alineatul (41) cu următorul cuprins:" in text
    # The footnote mark after 46^1 is set apart by a narrow no-break space.
    assert "2.\tDupă articolul 46 se introduce articolul 461\u202f cu următorul cuprins:" in text
    assert (
        "3.\tLa articolul 46 alineatul (2), textul „Salariatul” se substituie cu textul "
        "„Persoana angajată”."
    ) in text
    assert "6.\tLa articolul 47 alineatul (2), litera b) se abrogă." in text
    english = _paragraphs(built / "en" / "law.docx")
    assert (
        "Codul muncii al Republicii Moldova nr. 154/2003, as subsequently amended, shall be "
        "amended and supplemented as follows:"
    ) in english
    assert "4.\tArticle 47(1) shall read as follows:" in english


def test_a_footnote_on_the_operation_line_stays_in_the_formula(built: Path):
    document = docx.Document(str(built / "ro" / "law.docx"))
    xml = etree.tostring(document.element.body, encoding="unicode")
    assert xml.count("w:footnoteReference") == 1
    point = next(p for p in document.paragraphs if p.text.startswith("2.\tDupă"))
    assert "footnoteReference" in etree.tostring(point._p, encoding="unicode")


def test_one_operation_makes_one_sentence_with_the_citation(tmp_path: Path):
    one = "@insert art. 46 alin. (4^1)\n> (4^1) Text nou.\n"
    _dossier(tmp_path, _law("ro", one), _law("en", one))
    api.build(["demo"], root=tmp_path)
    text = _paragraphs(tmp_path / "output" / "demo" / "ro" / "law.docx")
    assert (
        "Articolul 46 din Codul muncii al Republicii Moldova nr. 154/2003, cu modificările "
        "ulterioare, se completează cu alineatul (41) cu următorul cuprins:"
    ) in text
    english = _paragraphs(tmp_path / "output" / "demo" / "en" / "law.docx")
    assert (
        "Article 46 of Codul muncii al Republicii Moldova nr. 154/2003, as subsequently "
        "amended, shall be supplemented with paragraph (41) to read as follows:"
    ) in english


def test_the_generated_formulas_pass_the_checks(tmp_path: Path):
    _dossier(tmp_path, _law("ro"), _law("en", OPERATIONS_EN))
    found = check_dossier(tmp_path / "drafts" / "demo", BuildSettings(tmp_path))
    # The citation carries no Monitorul Oficial reference (A004, a matter of data, not of
    # the formulas); nothing else is found.
    assert [p.code for p in found] == ["A004", "A004"]


# ---------------------------------------------------------------- the wording in force


def test_the_operations_applied_give_the_consolidated_wording(tmp_path: Path):
    from lexkit.build import assemble
    from lexkit.dossier.comparative_table import unit_lines

    dossier = _dossier(tmp_path, _law("ro"), _law("en", OPERATIONS_EN))
    assembly = assemble(dossier, BuildSettings(tmp_path), ["ro"])
    act = assembly.inputs.in_force[dossier / "in-force" / "labour-code.md"]
    operations = assembly.languages["ro"].work.operations["law"]
    lines = [
        line for block in consolidate(act, operations).children for line in unit_lines(block, "ro")
    ]
    assert lines == [
        "Articolul 46. Condițiile de angajare",
        "(1) Angajarea se face pe baza contractului.",
        "(2) Persoana angajată prezintă documentele cerute de angajator.",
        "(4) Nu se admite angajarea persoanelor private de dreptul de a ocupa funcții.",
        "(4^1) Nu se admite angajarea în funcții care presupun contact regulat cu copiii.",
        "Articolul 46^1. Condiții speciale",
        "(1) Angajatorul cere certificatul.",
        "Articolul 47. Perioada de probă",
        "(1) Perioada de probă este de cel mult 6 luni.",
        "(2) Perioada de probă nu se aplică:",
        "a) minorilor;",
        "b) Abrogat.",
    ]
    # The wording in force itself is not changed.
    assert "Salariatul" in " ".join(unit_lines(act.children[0], "ro"))


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            "@replace art. 48\n> ### Articolul 48. Nou\n>\n> Text.\n",
            "art. 48 is not in the wording in force",
        ),
        ("@insert art. 46 alin. (2)\n> (2) Text.\n", "art. 46 alin. (2) already exists"),
        (
            "@insert art. 49 alin. (1^1)\n> (1^1) Text.\n",
            "art. 49, where art. 49 alin. (1^1) would go, is not in",
        ),
        (
            "@substitute art. 46 alin. (1): „acordului” -> „contractului”\n",
            "the words „acordului” are not in art. 46 alin. (1)",
        ),
    ],
)
def test_a_target_missing_from_the_wording_in_force_is_a002(tmp_path: Path, operation, message):
    ro = _law("ro", operation + "\n@repeal art. 47 alin. (2) lit. b)\n")
    _dossier(tmp_path, ro, _law("en", operation + "\n@repeal art. 47 alin. (2) lit. b)\n"))
    found = check_dossier(tmp_path / "drafts" / "demo", BuildSettings(tmp_path))
    a002 = [p for p in found if p.code == "A002"]
    assert a002, [p.format() for p in found]
    assert message in a002[0].message
    assert a002[0].location.line == 12


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        ("@amend art. 46\n", "unknown operation @amend"),
        ("@insert art. 46 alin. (4^1)\n", "has no new text"),
        ("@substitute art. 46 alin. (2)\n", "@substitute needs the words after the target"),
        ("@repeal alineatul 2\n", "cannot read the target"),
    ],
)
def test_an_operation_that_cannot_be_read_is_a001(tmp_path: Path, operation, message):
    _dossier(tmp_path, _law("ro", operation), _law("en", operation))
    found = check_dossier(tmp_path / "drafts" / "demo", BuildSettings(tmp_path))
    a001 = [p for p in found if p.code == "A001"]
    assert a001, [p.format() for p in found]
    assert message in a001[0].message


# ---------------------------------------------------------------- the comparative table


def _cells(path: Path) -> list[list[str]]:
    table = docx.Document(str(path)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_comparative_table_sets_the_wording_in_force_beside_the_proposal(built: Path):
    path = built / "ro" / "comparative-table.docx"
    assert _paragraphs(path)[:1] == [
        "Tabel comparativ la proiectul Legii pentru modificarea Codului muncii"
    ]
    assert "Codul muncii al Republicii Moldova nr. 154/2003" in _paragraphs(path)
    assert _cells(path) == [
        ["Textul în vigoare", "Textul propus"],
        [
            "(2) Salariatul prezintă documentele cerute de angajator.",
            "(2) Persoana angajată prezintă documentele cerute de angajator.",
        ],
        [
            "(4) Nu se admite angajarea persoanelor private de dreptul de a ocupa anumite funcții.",
            "(4) Nu se admite angajarea persoanelor private de dreptul de a ocupa funcții.",
        ],
        [
            "—",
            "(prevedere nouă) (41) Nu se admite angajarea în funcții care presupun "
            "contact regulat cu copiii.",
        ],
        [
            "—",
            "(prevedere nouă) Articolul 461. Condiții speciale\n(1) Angajatorul cere certificatul.",
        ],
        [
            "(1) Perioada de probă este de cel mult 3 luni.",
            "(1) Perioada de probă este de cel mult 6 luni.",
        ],
        ["b) absolvenților.", "Abrogat."],
    ]
    english = _cells(built / "en" / "comparative-table.docx")
    assert english[0] == ["Wording in force", "Proposed wording"]


def _marked(cell_xml: etree._Element, mark: str) -> list[str]:
    """The texts of the runs of a cell that are struck through (``strike``) or
    underlined (``u``), neighbours joined."""
    cell = etree.fromstring(etree.tostring(cell_xml))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    texts: list[str] = []
    previous_marked = False
    for run in cell.iterfind(".//w:r", ns):
        marked = run.find(f"w:rPr/w:{mark}", ns) is not None
        text = "".join(run.xpath(".//w:t/text()", namespaces=ns))
        if marked and previous_marked:
            texts[-1] += text
        elif marked:
            texts.append(text)
        previous_marked = marked
    return texts


def test_changed_words_are_struck_through_and_underlined(built: Path):
    table = docx.Document(str(built / "ro" / "comparative-table.docx")).tables[0]
    substituted = table.rows[1].cells
    assert _marked(substituted[0]._tc, "strike") == ["Salariatul"]
    assert _marked(substituted[1]._tc, "u") == ["Persoana angajată"]
    replaced = table.rows[5].cells
    assert _marked(replaced[0]._tc, "strike") == ["3"]
    assert _marked(replaced[1]._tc, "u") == ["6"]
    assert _marked(table.rows[6].cells[0]._tc, "strike") == ["b) absolvenților."]
    new = table.rows[3].cells[1]._tc
    assert "".join(_marked(new, "u")).startswith("(4")


def test_without_the_wording_in_force_the_table_says_where_it_goes(tmp_path: Path):
    _dossier(tmp_path, _law("ro"), _law("en", OPERATIONS_EN), in_force=None)
    api.build(["demo"], root=tmp_path)
    rows = _cells(tmp_path / "output" / "demo" / "ro" / "comparative-table.docx")
    replaced = next(r for r in rows if r[1].startswith("(1) Perioada"))
    assert replaced[0].startswith("(textul în vigoare nu este în dosar: ")
    assert replaced[0].endswith("drafts/demo/in-force/labour-code.md)")
    # One cell merged over the act's rows says so; the quoted words stand in the proposal.
    assert {row[0] for row in rows[1:]} == {replaced[0]}
    assert [replaced[0], "„Salariatul” „Persoana angajată”"] in rows


def test_a_comparative_table_with_nothing_to_compare_is_an_error(tmp_path: Path):
    plain = _law("ro", "").replace("amending: true\n", "")
    dossier = _dossier(
        tmp_path,
        plain.replace("Codul muncii al Republicii Moldova nr. 154/2003\n", "Text.\n"),
        None,
    )
    (dossier / "templates" / "en" / "law.md.j2").write_text(
        _law("en", "")
        .replace("amending: true\n", "")
        .replace("Codul muncii al Republicii Moldova nr. 154/2003\n", "Text.\n"),
        encoding="utf-8",
    )
    found = check_dossier(dossier, BuildSettings(tmp_path))
    assert any(p.code == "P001" and "has nothing to compare" in p.message for p in found)


def test_the_consolidated_act_is_built_in_the_wording_in_force_language(built: Path):
    path = built / "ro" / "consolidated-labour-code.docx"
    text = _paragraphs(path)
    assert text[:2] == [
        "Codul muncii al Republicii Moldova nr. 154/2003",
        "Textul consolidat, cu modificările și completările propuse prin proiectul Legii "
        "pentru modificarea Codului muncii",
    ]
    assert "(2) Persoana angajată prezintă documentele cerute de angajator." in text
    assert "Articolul 461. Condiții speciale" in text
    assert text.index("Articolul 461. Condiții speciale") < text.index(
        "Articolul 47. Perioada de probă"
    )
    assert "Proiect" not in text
    # No English wording in force in the dossier: no English consolidated act.
    assert not list((built / "en").glob("consolidated-*.docx"))


def test_operations_in_an_article_inside_a_chapter_are_expanded(tmp_path: Path):
    chaptered = _law("ro").replace(
        "### Articolul {#labour-code", "# Capitolul. Modificări\n\n### Articolul {#labour-code"
    )
    english = _law("en", OPERATIONS_EN).replace(
        "### Article {#labour-code", "# Chapter. Amendments\n\n### Article {#labour-code"
    )
    _dossier(tmp_path, chaptered, english)
    api.build(["demo"], root=tmp_path)
    text = _paragraphs(tmp_path / "output" / "demo" / "ro" / "law.docx")
    assert "6.\tLa articolul 47 alineatul (2), litera b) se abrogă." in text
    assert not any(line.startswith("@") for line in text)


def test_an_operation_run_on_to_the_paragraph_before_it_is_a001(tmp_path: Path):
    run_on = _law("ro").replace(
        "Codul muncii al Republicii Moldova nr. 154/2003\n\n@insert art. 46 alin. (4^1)",
        "Codul muncii al Republicii Moldova nr. 154/2003\n@insert art. 46 alin. (4^1)",
    )
    assert run_on != _law("ro")
    _dossier(tmp_path, run_on, _law("en", OPERATIONS_EN))
    found = check_dossier(tmp_path / "drafts" / "demo", BuildSettings(tmp_path))
    [problem] = [p for p in found if "inside the paragraph before it" in p.message]
    assert problem.code == "A001"
    assert problem.message == "the operation @insert is inside the paragraph before it"
    assert (Path(problem.location.file).name, problem.location.line) == ("law.md.j2", 10)


def test_a_problem_in_the_wording_in_force_is_reported_once(tmp_path: Path):
    broken = IN_FORCE.replace("### Articolul 47. Perioada de probă", "### Perioada de probă")
    _dossier(tmp_path, _law("ro"), _law("en", OPERATIONS_EN), in_force=broken)
    found = check_dossier(tmp_path / "drafts" / "demo", BuildSettings(tmp_path))
    in_force = [p for p in found if p.location.file.endswith("in-force/labour-code.md")]
    assert [p.code for p in in_force] == ["M001"]
