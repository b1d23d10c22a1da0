"""Feedback fields: header synonyms and the value normalisers (lexkit.consult.fields)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lexkit.consult.fields import (
    FIELDS,
    Provision,
    match_header,
    normalise_text,
    parse_consent,
    parse_date,
    parse_position,
    parse_provision,
    parse_stakeholder_type,
)
from lexkit.consult.vocabulary import POSITIONS, STAKEHOLDER_TYPES


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Organizația", "organisation"),
        ("ORGANIZAŢIA", "organisation"),  # cedilla and capitals
        ("organizatia:", "organisation"),
        ("Organization", "organisation"),
        ("Организация", "organisation"),
        ("Denumirea   organizației", "organisation"),
        ("E-mail", "email"),
        ("Adresa de e-mail", "email"),
        ("Эл. почта", "email"),
        ("Articolul / prevederea", "provision"),
        ("Provision", "provision"),
        ("Статья", "provision"),
        ("Comentariu", "comment"),
        ("Обоснование", "rationale"),
        ("Propunere de redactare", "proposed_wording"),
        ("Proposed wording", "proposed_wording"),
        ("Poziția", "position"),
        ("Позиция", "position"),
        ("Data", "submitted_on"),
        ("Date", "submitted_on"),
        ("Дата", "submitted_on"),
        ("Acord de publicare", "consent_to_publish"),
        ("Consent to publish", "consent_to_publish"),
        # the form's feedback sheet
        ("Prevederea / Provision", "provision"),
        ("Poziția / Position", "position"),
        ("Comentariul / Comment", "comment"),
        ("Propunerea de redactare / Proposed wording", "proposed_wording"),
        ("Argumentarea / Rationale", "rationale"),
        ("Documentul / Document", "document"),
        ("Data / Date", "submitted_on"),
        # the form's respondent sheet
        ("Organizația / Organisation", "organisation"),
        ("Tipul părții interesate / Stakeholder type", "stakeholder_type"),
        ("Persoana de contact / Contact person", "contact_name"),
        ("Telefon / Phone", "phone"),
        ("Acord de publicare / Consent to publish", "consent_to_publish"),
        # two languages on two lines, and word stems for headers nobody listed
        ("Comentariu\nКомментарий", "comment"),
        ("Tipul organizației", "stakeholder_type"),
        ("Acord de publicare a datelor", "consent_to_publish"),
        ("E-mail de contact", "email"),
        ("Data depunerii propunerii", "submitted_on"),
        ("Propuneri", "comment"),
    ],
)
def test_match_header(header: str, field: str) -> None:
    assert match_header(header) == field


@pytest.mark.parametrize("header", ["", "  ", "Nr. / No.", "Nr. d/o", "№", "Statut juridic"])
def test_match_header_leaves_other_columns_alone(header: str) -> None:
    assert match_header(header) is None


def test_every_matched_header_is_a_field() -> None:
    assert match_header("Comentariul / Comment") in FIELDS


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  a \t\t b  ", "a b"),
        ("line one  \r\n\r\n\n  line two", "line one\nline two"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("no\u00a0break", "no break"),
        ("Organizaţia ştie ŞI ŢARA", "Organizația știe ȘI ȚARA"),
        ("Comrat, Çadır-Lunga: ş ţ stay", "Comrat, Çadır-Lunga: ş ţ stay"),  # Gagauz text
        ("Güneş", "Güneş"),
        ("e\u0301", "é"),  # NFC
    ],
)
def test_normalise_text(raw: str, normal: str) -> None:
    assert normalise_text(raw) == normal


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("autoritate publică", "public-authority"),
        ("Autoritate publica", "public-authority"),
        ("ONG", "civil-society"),
        ("societatea civilă", "civil-society"),
        ("organizație internațională", "international-organisation"),
        ("mediul academic", "academia"),
        ("sectorul privat", "private-sector"),
        ("asociație profesională", "professional-association"),
        ("persoană fizică", "individual"),
        ("cetățean", "individual"),
        ("государственный орган", "public-authority"),
        ("НПО", "civil-society"),
        ("гражданин", "individual"),
        ("Parlament / parliament", "parliament"),
        ("societate civilă / civil society", "civil-society"),
        ("altele / other", "other"),
        ("civil-society", "civil-society"),
        ("International Organization", "international-organisation"),
        ("", "other"),
        (None, "other"),
        ("a spaceship", None),
    ],
)
def test_parse_stakeholder_type(value: object, kind: str | None) -> None:
    assert parse_stakeholder_type(value) == kind
    assert kind is None or kind in STAKEHOLDER_TYPES


@pytest.mark.parametrize(
    ("value", "position"),
    [
        ("support", "support"),
        ("Pentru", "support"),
        ("susțin", "support"),
        ("sustin", "support"),
        ("за", "support"),
        ("Поддерживаю", "support"),
        ("susțin cu modificări", "support-with-amendments"),
        ("поддерживаю с изменениями", "support-with-amendments"),
        ("Support with amendments", "support-with-amendments"),
        ("susțin cu modificări / support with amendments", "support-with-amendments"),
        ("împotrivă", "oppose"),
        ("против", "oppose"),
        ("nu susțin", "oppose"),
        ("nu susțin / oppose", "oppose"),
        ("comentariu", "comment"),
        ("комментарий", "comment"),
        ("observație", "comment"),
        ("", "comment"),
        ("maybe", None),
    ],
)
def test_parse_position(value: str, position: str | None) -> None:
    assert parse_position(value) == position
    assert position is None or position in POSITIONS


@pytest.mark.parametrize(
    ("value", "consent"),
    [
        ("yes", True),
        ("Da", True),
        ("да", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("X", True),
        ("✓", True),
        ("da / yes", True),
        (True, True),
        (1, True),
        (1.0, True),
        ("no", False),
        ("nu", False),
        ("нет", False),
        ("false", False),
        ("0", False),
        ("nu / no", False),
        (False, False),
        (0, False),
        ("", False),
        (None, False),
        ("Da, sunt de acord", True),
        ("Nu sunt de acord cu publicarea", False),
        ("da / no", None),  # contradictory
        ("perhaps", None),
    ],
)
def test_parse_consent(value: object, consent: bool | None) -> None:
    assert parse_consent(value) is consent


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (date(2025, 9, 12), date(2025, 9, 12)),
        (datetime(2025, 9, 12, 14, 30), date(2025, 9, 12)),
        # Excel's 1900 system, as Excel and openpyxl count it (45900 is 31 August)
        (45901, date(2025, 9, 1)),
        (45900, date(2025, 8, 31)),
        (45901.75, date(2025, 9, 1)),
        (1, date(1900, 1, 1)),
        ("45901", date(2025, 9, 1)),
        ("2025-09-12", date(2025, 9, 12)),
        ("2025-09-12 14:30:00", date(2025, 9, 12)),
        ("12.09.2025", date(2025, 9, 12)),
        ("12/09/2025", date(2025, 9, 12)),  # day first, as written in Moldova
        ("12.09.25", date(2025, 9, 12)),
        ("12 septembrie 2025", date(2025, 9, 12)),
        ("12 Septembrie 2025, ora 10", date(2025, 9, 12)),
        ("12 September 2025", date(2025, 9, 12)),
        ("September 12, 2025", date(2025, 9, 12)),
        ("12 sept. 2025", date(2025, 9, 12)),
        ("12 сентября 2025", date(2025, 9, 12)),
        ("1 мая 2025 г.", date(2025, 5, 1)),
        ("31.02.2025", None),
        ("soon", None),
        ("", None),
        (True, None),
        (0, None),
        (None, None),
    ],
)
def test_parse_date(value: object, day: date | None) -> None:
    assert parse_date(value) == day


GENERAL = Provision(None, None, None)


@pytest.mark.parametrize(
    ("text", "provision"),
    [
        ("General", GENERAL),
        ("general", GENERAL),
        ("Общие", GENERAL),
        ("în general", GENERAL),
        ("", GENERAL),
        ("Art. 3", Provision("3", None, None)),
        ("art.3 alin.(2) lit.b)", Provision("3", "2", "b")),
        ("Articolul 3", Provision("3", None, None)),
        ("articolul III", Provision("III", None, None)),
        ("art. 30^1 alin. (2)", Provision("30^1", "2", None)),
        ("art. 30¹", Provision("30^1", None, None)),
        ("Art. 3(2)(b)", Provision("3", "2", "b")),
        ("Article 3 paragraph 2 (b)", Provision("3", "2", "b")),
        ("ст. 3 ч. 2 п. b", Provision("3", "2", "b")),
        ("pct. 5", Provision(None, None, "5")),
        ("art.3 al.2", Provision("3", "2", None)),
        ("La articolul 5 alineatul (1) litera c).", Provision("5", "1", "c")),
        ("Art. 3. Obiectul legii", Provision("3", None, None)),
        ("art. VIII alin. (2) lit. a)", Provision("VIII", "2", "a")),
        ("art. I pct. 1", Provision("I", None, "1")),
        ("pct. 2 lit. a)", Provision(None, None, "2", "a")),
        ("art. 3, 5", None),
        ("art. 3-5", None),
        ("alin. (2)", None),  # an alineat of which article?
        ("the part about employers", None),
    ],
)
def test_parse_provision(text: str, provision: Provision | None) -> None:
    assert parse_provision(text) == provision


def test_general_provision_is_general() -> None:
    parsed = parse_provision("General")
    assert parsed is not None
    assert parsed.is_general
    assert not Provision("3").is_general
