"""Data checks (D001–D009): each triggered by a minimal dossier, and each quiet when the
data is right."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_helpers import LAW_EN, LAW_RO, OFFENCES_SCHEMA, Dossier, at


def _offences(dossier: Dossier, rows: str) -> None:
    dossier.table("crimes", "crimes.csv", "key,article,status\n" + rows, OFFENCES_SCHEMA)


@pytest.fixture
def dossier(tmp_path: Path) -> Dossier:
    return Dossier(tmp_path)


# ---------------------------------------------------------------- D001, D002, D003


def test_a_missing_data_file_is_d001(dossier: Dossier):
    dossier.tables["crimes"] = ("data/none.csv", None)
    dossier.write_config()
    [problem] = dossier.only("D001")
    assert at(problem) == ("data/none.csv", None)
    assert "data file not found" in problem.message


def test_a_cell_against_the_schema_is_d002(dossier: Dossier):
    _offences(dossier, "cp-1,171,sure\n")
    [problem] = dossier.only("D002")
    assert at(problem) == ("data/crimes.csv", 2)
    assert problem.location.column == "status"
    assert "'sure' is not one of the allowed values" in problem.message


def test_a_repeated_key_is_d003(dossier: Dossier):
    _offences(dossier, "cp-1,171,confirmed\ncp-1,172,confirmed\n")
    [problem] = dossier.only("D003")
    assert at(problem) == ("data/crimes.csv", 3)
    assert "'cp-1' is already the key of the row at line 2" in problem.message


def test_right_data_gives_no_finding(dossier: Dossier):
    _offences(dossier, "cp-1,171,confirmed\ncp-2,175^1,confirmed\ncp-3,208^3–208^5,confirmed\n")
    assert dossier.findings() == []


# ---------------------------------------------------------------- D004 article numbers


def test_an_article_number_that_lost_its_superscript_is_d004_with_the_fix(dossier: Dossier):
    _offences(dossier, "cp-1,171,confirmed\ncp-2,1751,confirmed\ncp-3,2083–2085,confirmed\n")
    first, second = dossier.only("D004")
    assert at(first) == ("data/crimes.csv", 3)
    assert first.location.column == "article"
    assert "it reads like 175^1 with the superscript lost" in first.message
    assert first.fix == "write 175^1 (the ^ marks the superscript)"
    assert at(second) == ("data/crimes.csv", 4)
    assert "208^3–208^5" in second.fix


def test_three_digit_articles_are_not_d004(dossier: Dossier):
    _offences(dossier, "cp-1,362,confirmed\ncp-2,99^1,confirmed\n")
    assert dossier.findings() == []


# ---------------------------------------------------------------- D005 ISCO-08

ISCO_SCHEMA = """\
key: key
columns:
  key: {type: id}
  isco: {type: list, item: {type: text, pattern: '^\\d{4}$', codes: isco-08}}
"""


def test_an_isco_code_that_is_not_a_unit_group_is_d005_with_its_neighbours(dossier: Dossier):
    dossier.table("jobs", "jobs.csv", "key,isco\nteacher,2341;2349\n", ISCO_SCHEMA)
    [problem] = dossier.only("D005")
    assert at(problem) == ("data/jobs.csv", 2)
    assert problem.message == "2349 is not an ISCO-08 unit group"
    assert "2341 (Primary school teachers)" in problem.fix
    assert "2342 (Early childhood educators)" in problem.fix


def test_isco_unit_groups_pass(dossier: Dossier):
    dossier.table("jobs", "jobs.csv", "key,isco\nteacher,2341;2342;5311;0110\n", ISCO_SCHEMA)
    assert dossier.findings() == []


def test_the_shipped_isco_list_has_the_436_unit_groups():
    from lexkit.checks.data import isco_unit_groups

    groups = isco_unit_groups()
    assert len(groups) == 436
    assert all(len(code) == 4 and code.isdigit() for code in groups)
    assert groups["5311"] == "Child care workers"


# ---------------------------------------------------------------- D006 implements=

STANDARDS_SCHEMA = """\
key: key
columns:
  key: {type: id}
  not_applicable_ro: {type: text, required: false}
"""


def _implements(keys: str) -> tuple[str, str]:
    attribute = f' implements="{keys}"}}'
    return (
        LAW_RO.replace("{#obiect}", "{#obiect" + attribute),
        LAW_EN.replace("{#obiect}", "{#obiect" + attribute),
    )


def test_an_implements_key_naming_no_standard_is_d006(dossier: Dossier):
    dossier.table("standards", "standards.csv", "key\nlanzarote-5-3\n", STANDARDS_SCHEMA)
    ro, en = _implements("lanzarote-5-3 lanzarote-5-4")
    dossier.law(ro, en)
    problems = dossier.only("D006")
    assert sorted(at(p) for p in problems) == [
        ("templates/en/law.md.j2", 7),
        ("templates/ro/law.md.j2", 7),
    ]
    assert "implements='lanzarote-5-4' names no standard" in problems[0].message
    assert "lanzarote-5-3" in problems[0].fix


def test_known_implements_keys_pass(dossier: Dossier):
    dossier.table("standards", "standards.csv", "key\nlanzarote-5-3\n", STANDARDS_SCHEMA)
    dossier.law(*_implements("lanzarote-5-3"))
    assert dossier.findings() == []


# ---------------------------------------------------------------- D007 keys of other tables

INSTITUTIONS_SCHEMA = "key: key\ncolumns:\n  key: {type: id}\n"
EVENTS_SCHEMA = """\
key: key
columns:
  key: {type: id}
  known_by: {type: id, refers_to: institutions}
  informs: {type: list, item: {type: id, refers_to: institutions}}
"""


def test_a_key_naming_no_row_of_the_other_table_is_d007(dossier: Dossier):
    dossier.table("institutions", "institutions.csv", "key\nanp\ngpi\n", INSTITUTIONS_SCHEMA)
    dossier.table(
        "events", "events.csv", "key,known_by,informs\nrelease,anp,gpi;police\n", EVENTS_SCHEMA
    )
    [problem] = dossier.only("D007")
    assert at(problem) == ("data/events.csv", 2)
    assert problem.location.column == "informs"
    assert "'police' is not a key of institutions" in problem.message
    assert problem.fix == "use one of: anp, gpi"


def test_a_refers_to_naming_no_table_is_d007(dossier: Dossier):
    dossier.table("events", "events.csv", "key,known_by,informs\nrelease,anp,gpi\n", EVENTS_SCHEMA)
    known_by, informs = dossier.only("D007")
    assert (known_by.location.column, informs.location.column) == ("known_by", "informs")
    assert "the table 'institutions', which dossier.yaml does not list" in known_by.message


def test_keys_of_the_other_table_pass(dossier: Dossier):
    dossier.table("institutions", "institutions.csv", "key\nanp\ngpi\n", INSTITUTIONS_SCHEMA)
    dossier.table("events", "events.csv", "key,known_by,informs\nrelease,anp,gpi\n", EVENTS_SCHEMA)
    assert dossier.findings() == []


# ---------------------------------------------------------------- D008 governing act

OCCUPATIONS_SCHEMA = """\
key: key
columns:
  key: {type: id}
  title_ro: {type: text}
  title_en: {type: text}
  governing_act: {type: id, required: false}
"""


def _law_naming(title_ro: str, title_en: str) -> tuple[str, str]:
    return (
        LAW_RO.replace("angajatorilor.", f"angajatorilor: {title_ro}."),
        LAW_EN.replace("employers.", f"employers: {title_en}."),
    )


def test_an_occupation_without_a_governing_act_is_a_d008_warning(dossier: Dossier):
    dossier.table(
        "occupations",
        "occupations.csv",
        "key,title_ro,title_en,governing_act\ncoach,Antrenor,Coach,\n",
        OCCUPATIONS_SCHEMA,
    )
    dossier.law(*_law_naming("Antrenor", "Coach"))
    [problem] = dossier.only("D008")
    assert at(problem) == ("data/occupations.csv", 2)
    assert str(problem.severity) == "warning"
    assert "'coach' has no governing act" in problem.message


def test_an_occupation_with_a_governing_act_passes(dossier: Dossier):
    dossier.table(
        "occupations",
        "occupations.csv",
        "key,title_ro,title_en,governing_act\ncoach,Antrenor,Coach,sport\n",
        OCCUPATIONS_SCHEMA,
    )
    dossier.law(*_law_naming("Antrenor", "Coach"))
    assert dossier.findings() == []


# ---------------------------------------------------------------- D009 to verify


def test_rows_to_verify_are_listed_in_one_d009_warning(dossier: Dossier):
    _offences(dossier, "cp-1,171,confirmed\ncp-2,172,to verify\ncp-3,173,to verify\n")
    [problem] = dossier.only("D009")
    assert at(problem) == ("data/crimes.csv", 3)
    assert str(problem.severity) == "warning"
    assert problem.message == "2 row(s) marked “to verify”: cp-2 (line 3), cp-3 (line 4)"


def test_confirmed_rows_give_no_d009(dossier: Dossier):
    _offences(dossier, "cp-1,171,confirmed\n")
    assert dossier.findings() == []
