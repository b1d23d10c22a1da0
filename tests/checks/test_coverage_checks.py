"""Coverage checks (C001–C005): the documents say everything the data says, in both
languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_helpers import LAW_EN, LAW_RO, Dossier, at
from check_helpers import line_of as _line
from lexkit.checks.coverage import NOTE_SECTIONS
from lexkit.codes import Severity

RULES = "(2) Regulile se aplică angajatorilor."
RULES_EN = "(2) The rules apply to employers."


def _laws(dossier: Dossier, ro: str, en: str) -> tuple[str, str]:
    """The starting law with alineat (2) replaced in both languages."""
    law_ro, law_en = LAW_RO.replace(RULES, ro), LAW_EN.replace(RULES_EN, en)
    assert law_ro != LAW_RO
    assert law_en != LAW_EN
    dossier.law(ro=law_ro, en=law_en)
    return law_ro, law_en


# ---------------------------------------------------------------- C001 offences

OFFENCES_SCHEMA = """\
key: key
columns:
  key: {type: id}
  article: {type: article}
  title_ro: {type: text}
  title_en: {type: text}
"""


def _offences(dossier: Dossier, *rows: str) -> None:
    text = "key,article,title_ro,title_en\n" + "".join(f"{row}\n" for row in rows)
    dossier.table("offences", "offences.csv", text, OFFENCES_SCHEMA)


def _cite_offences(dossier: Dossier) -> None:
    _laws(
        dossier,
        "(2) Regulile se aplică persoanelor condamnate pentru infracțiunile prevăzute la "
        "art. 171–175^1, 201 din Codul penal.",
        "(2) The rules apply to persons convicted of the offences in Articles 171–175^1, 201 "
        "of the Criminal Code.",
    )


def test_an_offence_the_law_does_not_cite_is_an_error_in_each_language(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _cite_offences(dossier)
    _offences(dossier, "cp-171,171,Violul,Rape", "cp-206,206,Traficul de copii,Child trafficking")
    found = dossier.only("C001")
    assert [(at(p), p.location.column) for p in found] == [
        (("data/offences.csv", 3), "article")
    ] * 2
    assert [p.message for p in found] == [
        "the offence art. 206 Traficul de copii is not named in the law (law, ro)",
        "the offence art. 206 Child trafficking is not named in the law (law, en)",
    ]
    assert all(p.severity is Severity.ERROR for p in found)


def test_a_range_covers_the_articles_between_its_ends(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _cite_offences(dossier)
    _offences(
        dossier,
        "cp-171,171,Violul,Rape",
        "cp-173,173,Hărțuirea sexuală,Sexual harassment",
        "cp-175,175,Acțiunile perverse,Perverse acts",
        "cp-175-1,175^1,Ademenirea minorului,Grooming",
        "cp-201,201,Incestul,Incest",
        "cp-208-1,208^1,Pornografia infantilă,Child pornography",
    )
    (ro, en) = dossier.only("C001")  # 208^1 alone: 171–175^1 and 201 are all cited
    assert at(ro) == at(en) == ("data/offences.csv", 7)
    assert "art. 208^1" in ro.message
    assert "art. 208^1" in en.message


def test_an_article_just_past_a_range_is_not_covered_by_it(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _cite_offences(dossier)
    _offences(dossier, "cp-175-2,175^2,Ademenirea online,Online grooming")
    found = dossier.only("C001")
    assert [at(p) for p in found] == [("data/offences.csv", 2)] * 2
    assert "art. 175^2 Ademenirea online" in found[0].message


def test_offences_the_law_cites_are_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _cite_offences(dossier)
    _offences(dossier, "cp-172,172,Acțiunile violente,Violent acts", "cp-201,201,Incestul,Incest")
    assert dossier.only("C001") == []


# ---------------------------------------------------------------- C002 occupations


def test_an_occupation_the_law_does_not_name_is_an_error(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _laws(
        dossier,
        "(2) Regulile se aplică angajatorilor de educatori.",
        "(2) The rules apply to employers of educators.",
    )
    dossier.table(
        "occupations",
        "occupations.csv",
        "key,title_ro,title_en\neducator,educator,educator\ncoach,Antrenor sportiv,Sports coach\n",
    )
    found = dossier.only("C002")
    assert [(at(p), p.location.column) for p in found] == [
        (("data/occupations.csv", 3), "title_ro"),
        (("data/occupations.csv", 3), "title_en"),
    ]
    assert found[0].message == "the occupation „Antrenor sportiv” is not named in the law (law, ro)"
    assert found[1].message == "the occupation „Sports coach” is not named in the law (law, en)"


def test_an_occupation_named_with_other_case_and_spacing_is_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _laws(
        dossier,
        "(2) Regulile se aplică angajatorilor care au funcția de antrenor sportiv.",
        "(2) The rules apply to employers of a sports coach.",
    )
    dossier.table(
        "occupations",
        "occupations.csv",
        "key,title_ro,title_en\ncoach,Antrenor  sportiv,Sports Coach\n",
    )
    assert dossier.only("C002") == []


# ---------------------------------------------------------------- C003 standards

STANDARDS_SCHEMA = """\
key: key
columns:
  key: {type: id}
  title: {type: text}
  not_applicable_ro: {type: text, required: false}
"""


def _standards(dossier: Dossier, *rows: str) -> None:
    text = "key,title,not_applicable_ro\n" + "".join(f"{row}\n" for row in rows)
    dossier.table("standards", "standards.csv", text, STANDARDS_SCHEMA)


def _implement(dossier: Dossier, key: str) -> None:
    heading = "### Articolul. Obiectul legii {#obiect}"
    dossier.law(ro=LAW_RO.replace(heading, heading.replace("}", f' implements="{key}"}}')))


def test_a_standard_nothing_implements_and_no_reason_is_an_error(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _implement(dossier, "lanzarote-5-3")
    _standards(dossier, "lanzarote-5-3,Screening,", "lanzarote-6,Education,")
    (found,) = dossier.only("C003")
    assert (at(found), found.location.column) == (("data/standards.csv", 3), "key")
    assert "'lanzarote-6' is implemented by no provision" in found.message
    assert "not marked not applicable" in found.message
    assert found.severity is Severity.ERROR


def test_a_standard_marked_not_applicable_or_implemented_is_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _implement(dossier, "lanzarote-5-3")
    _standards(
        dossier,
        "lanzarote-5-3,Screening,",
        "lanzarote-6,Education,Educația este reglementată de Codul educației.",
    )
    assert dossier.only("C003") == []


def test_standards_wait_while_a_document_fails_to_build(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _standards(dossier, "lanzarote-6,Education,")
    broken = "---\ntitle: Matrice\ntype: report\nlang: {lang}\n---\n\n{{{{ nothing.here }}}}\n"
    dossier.document("matrix", broken.format(lang="ro"), broken.format(lang="en"))
    found = dossier.findings()
    assert found
    assert "C003" not in {p.code for p in found}
    assert {p.code for p in found} == {"T001"}


# ---------------------------------------------------------------- C004 justification note


def _note(lang: str, skip: set[int] = frozenset(), empty: set[int] = frozenset()) -> str:
    title = "Notă informativă la proiectul legii" if lang == "ro" else "Informative note on the law"
    lines = ["---", f'title: "{title}"', "type: note", f"lang: {lang}", "---", ""]
    for section in NOTE_SECTIONS:
        if section.number in skip:
            continue
        heading = section.ro if lang == "ro" else section.en
        lines += [f"# {section.number}. {heading}", ""]
        if section.number not in empty:
            text = "Textul secțiunii." if lang == "ro" else "The section's text."
            lines += [text, ""]
    return "\n".join(lines)


def _with_note(dossier: Dossier, **changes: set[int]) -> str:
    ro = _note("ro", **changes)
    dossier.document("note", ro, _note("en", **changes))
    return ro


def test_a_complete_note_has_no_finding(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_note(dossier)
    assert dossier.only("C004") == []


def test_a_missing_section_of_the_note_is_an_error(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_note(dossier, skip={5})
    ro, en = dossier.only("C004")
    assert [at(ro), at(en)] == [("templates/ro/note.md.j2", 1), ("templates/en/note.md.j2", 1)]
    assert ro.message == (
        "section 5 „Fundamentarea economico-financiară” of the justification note is missing"
    )
    assert "section 5 „Economic and financial grounds”" in en.message
    assert ro.severity is Severity.ERROR
    assert en.severity is Severity.ERROR
    assert "# 5. Fundamentarea economico-financiară" in ro.fix


def test_an_empty_section_of_the_note_is_an_error_at_its_heading(tmp_path: Path):
    dossier = Dossier(tmp_path)
    note = _with_note(dossier, empty={3})
    ro, en = dossier.only("C004")
    heading = _line(note, "# 3. ")
    assert [at(ro), at(en)] == [
        ("templates/ro/note.md.j2", heading),
        ("templates/en/note.md.j2", heading),
    ]
    assert ro.message == "section 3 of the justification note has no text"
    assert ro.severity is Severity.ERROR


def test_a_missing_section_among_8_to_11_is_a_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_note(dossier, skip={9})
    ro, en = dossier.only("C004")
    assert at(ro) == ("templates/ro/note.md.j2", 1)
    assert ro.severity is Severity.WARNING
    assert en.severity is Severity.WARNING
    assert "section 9" in ro.message
    assert "missing" in ro.message
    assert "to verify" in ro.message


def test_a_note_of_another_title_is_not_a_justification_note(tmp_path: Path):
    dossier = Dossier(tmp_path)
    other = _note("ro", skip={5}).replace(
        "Notă informativă la proiectul legii", "Analiza impactului"
    )
    english = _note("en", skip={5}).replace("Informative note on the law", "Impact analysis")
    dossier.document("note", other, english)
    assert dossier.only("C004") == []


# ---------------------------------------------------------------- C005 the two languages


def test_an_alineat_missing_in_english_is_an_error_in_the_romanian_template(tmp_path: Path):
    dossier = Dossier(tmp_path)
    english = LAW_EN.replace(RULES_EN + "\n\n", "").replace("[](#obiect/2)", "[](#obiect)")
    dossier.law(en=english)
    (found,) = dossier.only("C005")
    assert at(found) == ("templates/ro/law.md.j2", _line(LAW_RO, RULES))
    article = _line(english, "### Article. Entry into force")
    assert found.message.startswith(
        "law: the Romanian version has art. 1 alin. (2) where the English version has Article 2 ("
    )
    assert found.message.endswith(f"templates/en/law.md.j2:{article})")
    assert found.severity is Severity.ERROR


def test_an_extra_english_article_is_an_error_at_that_article(tmp_path: Path):
    dossier = Dossier(tmp_path)
    english = LAW_EN + "\n### Article. Transitional provisions {#tranzitorii}\n\nText.\n"
    dossier.law(en=english)
    (found,) = dossier.only("C005")
    # the Romanian version has no unit to point at: the finding is at the English one
    assert at(found) == ("templates/en/law.md.j2", _line(english, "Transitional provisions"))
    assert "the Romanian version has nothing (the document ends)" in found.message
    assert "the English version has Article 3" in found.message


def test_the_same_structure_in_other_words_is_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _laws(
        dossier,
        "(2) Regulile se aplică tuturor angajatorilor, publici și privați.",
        "(2) The rules apply to all employers, public and private alike.",
    )
    assert dossier.only("C005") == []


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("la art. 171–175^1, 201 și 206", [(171, 0, 175, 1), (201, 0, 201, 0), (206, 0, 206, 0)]),
        ("Articles 171 to 175 and 201", [(171, 0, 175, 0), (201, 0, 201, 0)]),
        ("articolului 201 și articolelor 208^1–208^5", [(201, 0, 201, 0), (208, 1, 208, 5)]),
        ("articolele 171 până la 175", [(171, 0, 175, 0)]),
        ("Legea nr. 100/2017, în vigoare din 2018", []),
    ],
)
def test_the_law_cites_articles_in_every_usual_form(text, cited):
    from lexkit.checks.coverage import mentioned_articles

    found = [(*low, *high) for low, high in mentioned_articles(text)]
    assert found == cited
