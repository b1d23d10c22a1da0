"""Drafting checks (S010, L006, A003, A004, A005, L007): what the ministry reviewer caught,
each triggered by a minimal dossier, quiet on its compliant counterpart, and (for the
blanks and drafting notes) read according to the edition."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from check_helpers import LAW_EN, LAW_RO, Dossier, at
from check_helpers import law_en_with as _en
from check_helpers import law_ro_with as _ro
from check_helpers import line_of as _line
from lexkit.build import assemble, check_dossier
from lexkit.checks import drafting
from lexkit.checks.run import run_checks
from lexkit.checks.subject import Subject
from lexkit.codes import CATALOGUE, Severity
from lexkit.engine.model import FormalLine, Paragraph, Source, Text
from lexkit.errors import Problem
from lexkit.project import BuildSettings

RO_LAW = "templates/ro/law.md.j2"
EN_LAW = "templates/en/law.md.j2"


@pytest.fixture
def dossier(tmp_path: Path) -> Dossier:
    return Dossier(tmp_path)


def _subject(dossier: Dossier, edition: str = "working") -> Subject:
    """The dossier built in memory, as the checks see it, in ``edition``."""
    assembly = assemble(dossier.path, BuildSettings(dossier.root))
    assert not assembly.problems.errors, [p.format() for p in assembly.problems.errors]
    return dataclasses.replace(assembly.subject(), edition=edition)


def _found(subject: Subject, code: str) -> list[Problem]:
    """The findings with ``code``, after asserting the checks found nothing else."""
    found = run_checks(subject)
    others = [p.format() for p in found if p.code != code]
    assert not others, "\n".join(others)
    return [p for p in found if p.code == code]


def test_the_drafting_codes_are_warnings():
    for code in ("S010", "L006", "L007", "A003", "A004", "A005"):
        assert CATALOGUE[code].severity is Severity.WARNING


# ---------------------------------------------------------------- S010 annexes

ANNEX_RO = """
# Anexa. Lista ocupațiilor {#occupations}

| Nr. | Ocupația |
|---|---|
| 1 | Educator |
"""

ANNEX_EN = """
# Annex. List of occupations {#occupations}

| No. | Occupation |
|---|---|
| 1 | Educator |
"""


def test_an_annex_no_article_refers_to_is_s010_at_the_annex(dossier: Dossier):
    ro, en = LAW_RO + ANNEX_RO, LAW_EN + ANNEX_EN
    dossier.law(ro, en)
    found = dossier.only("S010")
    assert sorted(at(p) for p in found) == [
        (EN_LAW, _line(en, "# Annex.")),
        (RO_LAW, _line(ro, "# Anexa.")),
    ]
    ro_problem = next(p for p in found if at(p)[0] == RO_LAW)
    assert ro_problem.severity is Severity.WARNING
    assert "anexa nr. 1 („Lista ocupațiilor”) of law is referred to by no provision" in (
        ro_problem.message
    )
    assert "[](#occupations)" in ro_problem.fix
    # Not an amending law: no word of attaching the annex to another act.
    assert "amending" not in ro_problem.fix


def test_an_annex_an_article_refers_to_passes(dossier: Dossier):
    ro = LAW_RO.replace("se aplică angajatorilor.", "se aplică angajatorilor din [](#occupations).")
    en = LAW_EN.replace("apply to employers.", "apply to the employers of [](#occupations).")
    dossier.law(ro + ANNEX_RO, en + ANNEX_EN)
    assert dossier.findings() == []


def test_a_reference_to_a_unit_inside_the_annex_counts(dossier: Dossier):
    ro_annex = ANNEX_RO.replace("| Nr. |", "### Articolul. Lista {#list}\n\nOcupațiile:\n\n| Nr. |")
    en_annex = ANNEX_EN.replace(
        "| No. |", "### Article. List {#list}\n\nThe occupations:\n\n| No. |"
    )
    ro = LAW_RO.replace("se aplică angajatorilor.", "se aplică ocupațiilor din [](#list).")
    en = LAW_EN.replace("apply to employers.", "apply to the occupations of [](#list).")
    dossier.law(ro + ro_annex, en + en_annex)
    assert dossier.findings() == []


def test_an_annex_that_only_refers_to_itself_is_still_s010(dossier: Dossier):
    ro_annex = ANNEX_RO.replace("| 1 | Educator |", "| 1 | Educator, v. [](#occupations) |")
    en_annex = ANNEX_EN.replace("| 1 | Educator |", "| 1 | Educator, see [](#occupations) |")
    dossier.law(LAW_RO + ro_annex, LAW_EN + en_annex)
    assert len(dossier.only("S010")) == 2


# ---------------------------------------------------------------- L006 placeholders


def test_a_placeholder_is_l006_in_every_edition(dossier: Dossier):
    ro = _ro("(2) Regulile se aplică angajatorilor de completat și TODO până la [...].")
    dossier.law(ro)
    for edition in ("working", "official"):
        found = _found(_subject(dossier, edition), "L006")
        assert {at(p) for p in found} == {(RO_LAW, _line(ro, "de completat"))}
        assert {p.message.split("”")[0] for p in found} == {"„de completat", "„TODO", "„[...]"}
        assert "a placeholder left in the text of art. 1 alin. (2) of law" in found[0].message
        assert "to verify" in found[0].fix


def test_xxx_is_a_placeholder_but_not_as_a_roman_article_number(dossier: Dossier):
    dossier.law(_ro("(2) Regulile se aplică angajatorilor XXX, potrivit art. XXX din Codul X."))
    [problem] = dossier.only("L006")
    assert problem.message.startswith("„XXX” is a placeholder")


def test_underscores_and_dots_are_blanks_only_in_the_official_edition(dossier: Dossier):
    ro = _ro("(2) Regulile se aplică de la ______ angajatorilor din ……")
    dossier.law(ro)
    assert _found(_subject(dossier, "working"), "L006") == []
    found = _found(_subject(dossier, "official"), "L006")
    assert sorted(p.message.split("”")[0] for p in found) == ["„______", "„……"]
    assert all(at(p) == (RO_LAW, _line(ro, "______")) for p in found)
    assert all("in the official edition" in p.message for p in found)


def test_a_formal_line_keeps_its_blanks_in_the_official_edition(dossier: Dossier):
    subject = _subject(dossier, "official")
    law = subject.documents["ro"]["law"]
    law.children.append(FormalLine(Source(RO_LAW, 99), [Text("Nr. ___ din ______")], "number"))
    assert _found(subject, "L006") == []
    # The same blank in an ordinary paragraph of the act is reported.
    law.children.append(Paragraph(Source(RO_LAW, 98), [Text("Nr. ___ din ______")]))
    found = _found(subject, "L006")
    assert {at(p) for p in found} == {(RO_LAW, 98)}
    assert sorted(p.message.split("”")[0] for p in found) == ["„___", "„______"]


def test_a_drafting_note_that_says_what_is_missing_is_not_a_placeholder(dossier: Dossier):
    ro = _ro("(2) Regulile se aplică angajatorilor.[^n]") + (
        "\n[^n]: De verificat: data, de completat după publicare.\n"
    )
    en = _en("(2) The rules apply to employers.[^n]") + (
        "\n[^n]: To verify: the date, to be completed on publication.\n"
    )
    dossier.law(ro, en)
    assert dossier.findings() == []
    # The same words in a note that is not marked as an aid are reported.
    dossier.law(ro.replace("De verificat: data", "Data"), en.replace("To verify: the", "The"))
    found = dossier.only("L006")
    assert {p.message.split("”")[0] for p in found} == {"„de completat", "„to be completed"}
    assert all("footnote 1 of law" in p.message for p in found)


# ---------------------------------------------------------------- amending laws

AMENDING = """\
---
title: "{title}"
type: law
lang: {lang}
amending: true
---

### {article} {{#sport act="sport"}}

{sport}

@insert art. 1^1{sport_note}

> ### {article} 1^1. {heading}
>
> (1) {rule_sport}

### {article} {{#social act="social"}}

{social}

@insert art. 2^1

> ### {article} 2^1. {heading}
>
> (1) {rule_social}
{notes}"""

RO = {
    "title": "pentru modificarea unor acte normative",
    "lang": "ro",
    "article": "Articolul",
    "heading": "Protecția copiilor",
    "sport": "Legea nr. 330/1999 cu privire la cultura fizică și sport (Monitorul Oficial al "
    "Republicii Moldova, 1999, nr. 83–86, art. 399)",
    "social": "Legea nr. 123/2010 cu privire la serviciile sociale (Monitorul Oficial al "
    "Republicii Moldova, 2010, nr. 155–158, art. 541)",
    "sport_note": "",
    "rule_sport": "Organizațiile sportive cer antrenorilor certificatul de cazier judiciar.",
    "rule_social": "Prestatorii de servicii sociale cer personalului certificatul de cazier.",
    "notes": "",
}
EN = {
    **RO,
    "title": "amending certain normative acts",
    "lang": "en",
    "article": "Article",
    "heading": "Protection of children",
    "sport": "Law No. 330/1999 on Physical Culture and Sport (Official Gazette of the "
    "Republic of Moldova, 1999, No. 83–86, Art. 399)",
    "social": "Law No. 123/2010 on Social Services (Official Gazette of the Republic of "
    "Moldova, 2010, No. 155–158, Art. 541)",
    "rule_sport": "Sports organisations shall ask coaches for the criminal record certificate.",
    "rule_social": "Social service providers shall ask staff for the criminal record certificate.",
}


def _amending(
    dossier: Dossier, ro: dict[str, str] | None = None, en: dict[str, str] | None = None
) -> tuple[str, str]:
    """Write the two-article amending law, with the fields of ``ro`` / ``en`` changed."""
    ro_text = AMENDING.format(**{**RO, **(ro or {})})
    en_text = AMENDING.format(**{**EN, **(en or {})})
    dossier.law(ro_text, en_text)
    return ro_text, en_text


def test_the_amending_law_passes(dossier: Dossier):
    _amending(dossier)
    assert dossier.findings() == []


# ---------------------------------------------------------------- A003 provisional places


def test_a_note_placing_the_inserted_unit_provisionally_is_a003(dossier: Dossier):
    ro, en = _amending(
        dossier,
        {
            "sport_note": "[^place]",
            "notes": "\n[^place]: De verificat: locul de inserare (plasat provizoriu după "
            "art. 1) se stabilește după textul consolidat.\n",
        },
        {
            "sport_note": "[^place]",
            "notes": "\n[^place]: To verify: the place of insertion (provisionally after "
            "Article 1) is to be set from the consolidated text.\n",
        },
    )
    found = dossier.only("A003")
    assert sorted(at(p) for p in found) == [
        (EN_LAW, _line(en, "@insert art. 1^1[^place]")),
        (RO_LAW, _line(ro, "@insert art. 1^1[^place]")),
    ]
    ro_problem = next(p for p in found if at(p)[0] == RO_LAW)
    assert "footnote 1 of art. I of law says the unit it inserts is placed provisionally" in (
        ro_problem.message
    )
    assert "plasat provizoriu după art. 1" in ro_problem.message
    assert "consolidated text" in ro_problem.fix


def test_a_note_on_an_amendment_that_settles_the_place_passes(dossier: Dossier):
    _amending(
        dossier,
        {
            "sport_note": "[^place]",
            "notes": "\n[^place]: De verificat: numărul art. 1^1 este liber în textul "
            "consolidat.\n",
        },
        {
            "sport_note": "[^place]",
            "notes": "\n[^place]: To verify: number 1^1 is free in the consolidated text.\n",
        },
    )
    assert dossier.findings() == []


# ---------------------------------------------------------------- A004 gazette references

AMENDED_ACTS = """\
- key: sport
  title_ro: "Legea cu privire la cultura fizică și sport"
  gazette_ro: ""
- key: social
  title_ro: "Legea cu privire la serviciile sociale"
  gazette_ro: "Monitorul Oficial al Republicii Moldova, 2010, nr. 155–158, art. 541"
"""


def test_an_amended_act_cited_without_its_gazette_is_a004(dossier: Dossier):
    dossier.table("amended_acts", "amended_acts.yaml", AMENDED_ACTS)
    ro, en = _amending(
        dossier,
        {"sport": "Legea nr. 330/1999 cu privire la cultura fizică și sport"},
        {"sport": "Law No. 330/1999 on Physical Culture and Sport"},
    )
    found = dossier.only("A004")
    assert sorted(at(p) for p in found) == [
        (EN_LAW, _line(en, "{#sport")),
        (RO_LAW, _line(ro, "{#sport")),
    ]
    ro_problem = next(p for p in found if at(p)[0] == RO_LAW)
    assert ro_problem.message == (
        "art. I of law cites „Legea nr. 330/1999 cu privire la cultura fizică și sport” "
        "without its Monitorul Oficial reference (year, number, article)"
    )
    # The fix names the act's row of the data.
    assert "data/amended_acts.yaml, line 1)" in ro_problem.fix
    assert ro_problem.fix.startswith("add the Monitorul Oficial reference to the act's row")
    assert "mark it to verify" in ro_problem.fix


def test_a_gazette_reference_written_short_passes(dossier: Dossier):
    _amending(
        dossier,
        {"sport": "Legea nr. 330/1999 cu privire la cultura fizică și sport (M.O. nr. 83–86/399)"},
        {"sport": "Law No. 330/1999 on Physical Culture and Sport (MO nr. 83–86, art. 399)"},
    )
    assert dossier.findings() == []


def test_without_a_data_row_the_fix_points_at_the_usual_table(dossier: Dossier):
    _amending(dossier, {"social": "Legea nr. 123/2010 cu privire la serviciile sociale"})
    [problem] = dossier.only("A004")
    assert "art. II of law cites" in problem.message
    assert "(e.g. data/amended_acts.yaml)" in problem.fix


# ---------------------------------------------------------------- A005 diverging rules

BAN_SPORT = (
    "Organizațiile prevăzute la alin. (1) nu admit la activitățile care presupun contact "
    "regulat cu copiii persoanele cărora le este aplicabilă interdicția prevăzută la art. 30^1 "
    "alin. (2) din Legea nr. 338/1994."
)
BAN_SOCIAL = BAN_SPORT.replace("Organizațiile prevăzute", "Prestatorii prevăzuți")
BAN_SPORT_EN = (
    "The organisations referred to in paragraph (1) shall not admit to activities involving "
    "regular contact with children persons to whom the prohibition under Article 30^1(2) of "
    "Law No. 338/1994 applies."
)
BAN_SOCIAL_EN = BAN_SPORT_EN.replace("The organisations", "The providers")


def test_one_rule_inserted_into_two_acts_in_different_words_is_a005(dossier: Dossier):
    ro, en = _amending(
        dossier,
        {"rule_sport": BAN_SPORT, "rule_social": BAN_SOCIAL},
        {"rule_sport": BAN_SPORT_EN, "rule_social": BAN_SOCIAL_EN},
    )
    found = dossier.only("A005")
    assert sorted(at(p) for p in found) == [
        (EN_LAW, _line(en, "(1) The organisations")),
        (RO_LAW, _line(ro, "(1) Organizațiile")),
    ]
    ro_problem = next(p for p in found if at(p)[0] == RO_LAW)
    assert ro_problem.message.startswith(
        "art. I (art. 1^1 alin. (1)) and art. II (art. 2^1 alin. (1)) of law state the same "
        "rule in different words: «Organizațiile prevăzute» here, «Prestatorii prevăzuți» there"
    )
    assert f"(the other is at line {_line(ro, '(1) Prestatorii')})" in ro_problem.message
    assert "write the rule once" in ro_problem.fix


def test_identical_or_unrelated_rules_in_two_acts_pass(dossier: Dossier):
    _amending(
        dossier,
        {"rule_sport": BAN_SPORT, "rule_social": BAN_SPORT},
        {"rule_sport": BAN_SPORT_EN, "rule_social": BAN_SPORT_EN},
    )
    assert dossier.findings() == []
    unrelated = (
        "Prestatorii țin un registru al verificărilor efectuate, în care consemnează data "
        "prezentării certificatului, numărul acestuia și rezultatul verificării, fără copii."
    )
    unrelated_en = (
        "Providers shall keep a register of the checks made, recording the date the "
        "certificate was shown, its number and the result of the check, without copies."
    )
    _amending(
        dossier,
        {"rule_sport": BAN_SPORT, "rule_social": unrelated},
        {"rule_sport": BAN_SPORT_EN, "rule_social": unrelated_en},
    )
    assert dossier.findings() == []


def test_near_identical_rules_in_the_same_act_pass(dossier: Dossier):
    ro = AMENDING.format(**{**RO, "rule_sport": BAN_SPORT, "rule_social": BAN_SOCIAL})
    en = AMENDING.format(**{**EN, "rule_sport": BAN_SPORT_EN, "rule_social": BAN_SOCIAL_EN})
    # Both articles amend the same act: two places in one act, not one rule in two acts.
    dossier.law(
        ro.replace('act="social"', 'act="sport"'), en.replace('act="social"', 'act="sport"')
    )
    subject = _subject(dossier)
    assert {op.act for op in subject.operations["ro"]["law"]} == {"sport"}
    assert list(drafting.diverging_rules(subject)) == []


# ---------------------------------------------------------------- L007 drafting notes


def _noted(dossier: Dossier, ro_note: str, en_note: str) -> tuple[str, str]:
    ro = _ro("(2) Regulile se aplică angajatorilor.[^n]") + f"\n[^n]: {ro_note}\n"
    en = _en("(2) The rules apply to employers.[^n]") + f"\n[^n]: {en_note}\n"
    dossier.law(ro, en)
    return ro, en


def test_a_note_that_reads_like_a_drafting_note_is_l007_in_the_official_edition(
    dossier: Dossier,
):
    ro_note = "Legea nr. 45/2007 reglementează ordonanța. De verificat: denumirea oficială."
    en_note = "Law No. 45/2007 governs protection orders; the title is to be confirmed."
    ro, en = _noted(dossier, ro_note, en_note)
    assert _found(_subject(dossier, "working"), "L007") == []
    found = _found(_subject(dossier, "official"), "L007")
    assert sorted(at(p) for p in found) == [
        (EN_LAW, _line(en, "[^n]:")),
        (RO_LAW, _line(ro, "[^n]:")),
    ]
    ro_problem = next(p for p in found if at(p)[0] == RO_LAW)
    assert ro_problem.message.startswith(
        "footnote 1 of law („Legea nr. 45/2007 reglementează ordonanța. De verificat:"
    )
    assert "reads like a drafting note („De verificat”)" in ro_problem.message
    assert "„De verificat:”" in ro_problem.fix
    en_problem = next(p for p in found if at(p)[0] == EN_LAW)
    assert "(„to be confirmed”)" in en_problem.message


def test_a_note_marked_as_an_aid_or_written_for_the_reader_passes(dossier: Dossier):
    _noted(
        dossier,
        "De verificat: denumirea oficială a Legii nr. 45/2007.",
        "To verify: the official title of Law No. 45/2007.",
    )
    assert _found(_subject(dossier, "official"), "L007") == []
    _noted(
        dossier,
        "Legea nr. 45/2007 reglementează ordonanța de protecție.",
        "Law No. 45/2007 governs protection orders.",
    )
    assert _found(_subject(dossier, "official"), "L007") == []


def test_a_working_mark_inside_the_text_is_l006_only_in_the_official_edition(tmp_path):
    dossier = Dossier(tmp_path)
    dossier.law(
        ro=LAW_RO.replace(
            "(2) Regulile se aplică angajatorilor.",
            "(2) Regulile se aplică angajatorilor (numărul legii de verificat).",
        )
    )
    assert "L006" not in dossier.codes()
    official = check_dossier(dossier.path, BuildSettings(tmp_path), "official")
    [found] = [p for p in official if p.code == "L006"]
    assert "„de verificat” is a working mark left in the text" in found.message
    assert at(found) == ("templates/ro/law.md.j2", 11)
