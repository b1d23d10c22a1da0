"""Language checks (L001–L005): cedillas, straight quotes, double spaces, words of the
other language and defined terms spelt another way; and ``--fix`` for the cedillas."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from check_helpers import LAW_EN, Dossier, at
from check_helpers import law_en_with as _en
from check_helpers import law_ro_with as _ro
from check_helpers import line_of as _line
from lexkit import api
from lexkit.checks.language import fix_cedillas
from lexkit.codes import Severity

# ---------------------------------------------------------------- L001 cedillas


def test_a_cedilla_in_a_template_is_an_error_at_its_line_and_column(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _ro("(2) Regulile se aplică angajatorilor şi asociaţiilor.")
    dossier.law(ro=law)
    found = dossier.only("L001")
    assert len(found) == 2
    first, second = found
    line = _line(law, "angajatorilor şi")
    assert [at(p) for p in found] == [("templates/ro/law.md.j2", line)] * 2
    text = law.splitlines()[line - 1]
    assert first.location.column == f"col {text.index('ş') + 1}"
    assert second.location.column == f"col {text.index('ţ') + 1}"
    assert first.severity is Severity.ERROR
    assert "„şi”" in first.message
    assert "cedilla" in first.message
    assert "„asociaţiilor”" in second.message
    assert "„asociațiilor”" in second.fix


def test_a_cedilla_in_a_csv_data_file_is_found_at_its_line(tmp_path: Path):
    dossier = Dossier(tmp_path)
    dossier.table("bodies", "bodies.csv", "key,name\npolice,Poliţia\ncourt,Judecătoria\n")
    (found,) = dossier.only("L001")
    assert at(found) == ("data/bodies.csv", 2)
    assert found.location.column == f"col {'police,Poliţia'.index('ţ') + 1}"
    assert "„Poliţia”" in found.message


def test_a_cedilla_in_a_workbook_is_reported_cell_by_cell_and_not_fixed(tmp_path: Path):
    dossier = Dossier(tmp_path)
    path = dossier.table("bodies", "bodies.xlsx", "")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Organe"
    for row in (["key", "name"], ["police", "Poliția"], ["school", "Şcoala"]):
        sheet.append(row)
    book.save(path)
    before = path.read_bytes()
    (found,) = dossier.only("L001")
    assert (at(found), found.location.column) == (("data/bodies.xlsx [Organe]", 3), "name")
    assert "'Şcoala' is written with ş or ţ (cedilla)" in found.message
    (result,) = api.check(names=["demo"], fix=True, root=tmp_path)
    assert result.fixed == []
    assert [p.code for p in result.problems] == ["L001"]
    assert path.read_bytes() == before


def test_a_gagauz_or_turkish_line_keeps_its_cedillas(tmp_path: Path):
    dossier = Dossier(tmp_path)
    dossier.law(ro=_ro("(2) Regulile se aplică și în „Gagauz Yeri”: „çocuk, ğ, ı, ö, ü, şimdi”."))
    assert dossier.only("L001") == []


def test_fix_rewrites_the_cedillas_once_and_then_changes_nothing(tmp_path: Path):
    dossier = Dossier(tmp_path)
    gagauz = "(1) Legea se citește și în „Gagauz Yeri”: „çocuk ve şimdi”."
    law = _ro("(2) Regulile se aplică angajatorilor şi asociaţiilor.").replace(
        "(1) Prezenta lege stabilește regulile de verificare.", gagauz
    )
    dossier.law(ro=law)
    csv = dossier.table("bodies", "bodies.csv", "key,name\npolice,Poliţia\n")
    template = dossier.path / "templates" / "ro" / "law.md.j2"

    (result,) = api.check(names=["demo"], fix=True, root=tmp_path)
    assert {(f.path.name, f.count) for f in result.fixed} == {("law.md.j2", 2), ("bodies.csv", 1)}
    assert [p.format() for p in result.problems] == []
    text = template.read_text(encoding="utf-8")
    assert "angajatorilor și asociațiilor" in text
    assert gagauz in text  # a Gagauz line keeps its cedilla
    assert csv.read_text(encoding="utf-8") == "key,name\npolice,Poliția\n"

    before = {path: path.read_bytes() for path in (template, csv)}
    (again,) = api.check(names=["demo"], fix=True, root=tmp_path)
    assert again.fixed == []
    assert again.problems == []
    assert {path: path.read_bytes() for path in before} == before


def test_fix_cedillas_keeps_a_byte_order_mark_and_skips_clean_files(tmp_path: Path):
    marked = tmp_path / "marked.csv"
    marked.write_bytes("\ufeffname\nŞcoala\n".encode())
    clean = tmp_path / "clean.csv"
    clean.write_bytes("name\nȘcoala\n".encode())
    (fixed,) = fix_cedillas([marked, clean])
    assert (fixed.path, fixed.count) == (marked, 1)
    assert marked.read_bytes() == "\ufeffname\nȘcoala\n".encode()
    assert clean.read_bytes() == "name\nȘcoala\n".encode()
    assert fix_cedillas([marked, clean]) == []


# ---------------------------------------------------------------- L002 straight quotes


def test_straight_quotes_in_romanian_text_are_a_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _ro('(2) Regulile se aplică "angajatorilor".')
    dossier.law(ro=law, en=_en('(2) The rules apply to "employers".'))
    (found,) = dossier.only("L002")
    assert at(found) == ("templates/ro/law.md.j2", _line(law, '"angajatorilor"'))
    assert found.severity is Severity.WARNING
    assert '"angajatorilor"' in found.message
    assert "quotes" in found.message


def test_romanian_quotes_are_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    dossier.law(ro=_ro("(2) Regulile se aplică „angajatorilor”."))
    assert dossier.only("L002") == []


# ---------------------------------------------------------------- L003 double spaces


def test_two_spaces_between_words_are_a_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _ro("(2) Regulile se aplică  angajatorilor.")
    dossier.law(ro=law)
    (found,) = dossier.only("L003")
    assert at(found) == ("templates/ro/law.md.j2", _line(law, "aplică  angajatorilor"))
    assert "2 spaces between words" in found.message
    assert "aplică  angajatorilor" in found.message


def test_two_spaces_in_english_text_too(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _en("(2) The rules   apply to employers.")
    dossier.law(en=law)
    (found,) = dossier.only("L003")
    assert at(found) == ("templates/en/law.md.j2", _line(law, "rules   apply"))
    assert "3 spaces between words" in found.message


def test_single_spaces_are_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    dossier.law(ro=_ro("(2) Regulile se aplică tuturor angajatorilor din țară."))
    assert dossier.only("L003") == []


# ---------------------------------------------------------------- L004 the other language


def test_an_english_structural_word_in_romanian_text(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _ro("(2) Regulile se aplică angajatorilor din Article 5 și din paragraph 2.")
    dossier.law(ro=law)
    (found,) = dossier.only("L004")
    assert at(found) == ("templates/ro/law.md.j2", _line(law, "Article 5"))
    assert "„Article” is English in the Romanian document" in found.message


def test_a_romanian_structural_word_in_english_text(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _en("(2) The rules apply to employers under alin. (3).")
    dossier.law(en=law)
    (found,) = dossier.only("L004")
    assert at(found) == ("templates/en/law.md.j2", _line(law, "alin. (3)"))
    assert "„alin.” is Romanian in the English document" in found.message


def test_articolul_in_english_text(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _en("(2) The rules apply to employers named in Articolul 5.")
    dossier.law(en=law)
    (found,) = dossier.only("L004")
    assert at(found) == ("templates/en/law.md.j2", _line(law, "Articolul 5"))
    assert "„Articolul”" in found.message


def test_italic_or_quoted_words_of_the_other_language_are_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    dossier.law(
        ro=_ro("(2) Regulile se aplică angajatorilor (în engleză *Article*, „paragraph”)."),
        en=_en("(2) The rules apply to employers (in Romanian *Articolul*, “alin.”)."),
    )
    assert dossier.only("L004") == []


# ---------------------------------------------------------------- L005 defined terms

DEFINITIONS_RO = """\
### Articolul. Noțiuni principale {#notiuni}

În sensul prezentei legi, următoarele noțiuni semnifică:

a) **cazier judiciar detaliat** – certificatul care cuprinde toate condamnările persoanei;

b) **instituție de învățământ** – entitatea care organizează procesul educațional.

"""

DEFINITIONS_EN = """\
### Article. Main notions {#notiuni}

For the purposes of this law, the following notions mean:

a) **detailed criminal record** – the certificate that lists every conviction of a person;

b) **educational institution** – the entity that organises the educational process.

"""


def _with_definitions(dossier: Dossier, rules_ro: str) -> str:
    """Put a definitions article first in both languages, and ``rules_ro`` as alin. (2)."""
    law = _ro(rules_ro).replace(
        "### Articolul. Obiectul legii", DEFINITIONS_RO + "### Articolul. Obiectul legii"
    )
    en = LAW_EN.replace(
        "### Article. Subject matter", DEFINITIONS_EN + "### Article. Subject matter"
    )
    dossier.law(ro=law, en=en)
    return law


def test_a_defined_term_written_with_a_hyphen_is_a_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _with_definitions(dossier, "(2) Angajatorii cer cazier-judiciar detaliat.")
    (found,) = dossier.only("L005")
    assert at(found) == ("templates/ro/law.md.j2", _line(law, "cazier-judiciar"))
    definition = _line(law, "**cazier judiciar detaliat**")
    assert found.message == (
        "„cazier-judiciar detaliat” is spelt differently from the term "
        f"„cazier judiciar detaliat” defined at line {definition}"
    )
    assert found.severity is Severity.WARNING


def test_a_defined_term_written_without_its_diacritics_is_a_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _with_definitions(dossier, "(2) Regulile se aplică oricărei institutie de invatamant.")
    (found,) = dossier.only("L005")
    assert at(found) == ("templates/ro/law.md.j2", _line(law, "institutie de invatamant"))
    assert "„institutie de invatamant”" in found.message
    assert "„instituție de învățământ”" in found.message


def test_a_defined_term_written_with_a_cedilla_is_a_warning_besides_l001(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _with_definitions(dossier, "(2) Regulile se aplică oricărei instituţie de învăţământ.")
    found = dossier.findings()
    assert {p.code for p in found} == {"L001", "L005"}
    (term,) = [p for p in found if p.code == "L005"]
    assert at(term) == ("templates/ro/law.md.j2", _line(law, "instituţie de învăţământ"))
    assert "„instituţie de învăţământ” is spelt differently" in term.message


def test_the_same_spelling_or_an_inflected_word_is_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _with_definitions(
        dossier,
        "(2) Angajatorii cer cazier judiciar detaliat; eliberarea cazierului judiciar "
        "detaliat și a Cazier judiciar detaliat revine instituției de învățământ.",
    )
    assert dossier.only("L005") == []


def test_the_definite_form_of_a_feminine_term_is_not_a_misspelling(tmp_path: Path):
    dossier = Dossier(tmp_path)
    law = _ro("(2) Victima este informată de îndată.").replace(
        "### Articolul. Obiectul legii",
        "### Articolul. Noțiuni principale {#notiuni}\n\n"
        "În sensul prezentei legi, următoarele noțiuni semnifică:\n\n"
        "a) **victimă** – persoana care a suferit un prejudiciu;\n\n"
        "b) **agresor** – persoana care a cauzat prejudiciul.\n\n"
        "### Articolul. Obiectul legii",
    )
    en = LAW_EN.replace(
        "### Article. Subject matter",
        "### Article. Main notions {#notiuni}\n\n"
        "For the purposes of this law, the following notions mean:\n\n"
        "a) **victim** – the person who suffered harm;\n\n"
        "b) **aggressor** – the person who caused the harm.\n\n"
        "### Article. Subject matter",
    )
    dossier.law(ro=law, en=en)
    assert dossier.only("L005") == []
