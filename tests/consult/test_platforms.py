"""Intake reads what consultation platforms really export (look-alikes in platforms.py).

For each platform's file: ``lexkit consult inspect`` names the platform's profile, finds the
header row and gives each key column its role (the text column is the comment, never an
id, a count or a date beside it; a survey's questions are free-text or closed), writing
nothing; ``lexkit consult ingest`` then stores every comment with its text intact (HTML
removed, the cell kept as sent in the raw row), its question, respondent, position, date
and provision, tallies the closed answers, raises the flags the file deserves, accepts
anonymous rows, rejects only rows without text, and reconciles its totals; a second
ingest of the same file adds nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl.utils import column_index_from_string

from check_helpers import Dossier
from consult.platforms import GENERATORS, ROLES, TEXT_ROLES, Comment, Expected
from lexkit import api
from lexkit.consult.register import Register, register_path
from lexkit.errors import LexkitError

DOSSIER = "demo"  # the dossier check_helpers.Dossier writes
PLATFORMS = pytest.mark.parametrize("platform", list(GENERATORS))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one minimal dossier (a two-article law), nothing ingested yet."""
    Dossier(tmp_path)
    return tmp_path


def _fold(text: str | None) -> str:
    """Text as compared: NFC, every run of spaces and line breaks one space."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


_CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")


def _name(text: str | None) -> str | None:
    """A name or header as compared: folded, ş ţ read as ș ț (a Windows-1250 file has no
    other); None stays None."""
    return None if text is None else _fold(text).translate(_CEDILLA)


def _sheet(inspection: Any, expected: Expected) -> Any:
    assert inspection.unreadable is None, inspection.unreadable
    names = [sheet.sheet for sheet in inspection.sheets]
    if expected.sheet is None:
        assert len(names) == 1, f"one sheet of rows expected, intake read {names}"
        return inspection.sheets[0]
    assert expected.sheet in names, f"sheet {expected.sheet!r} not read; intake read {names}"
    return inspection.sheets[names.index(expected.sheet)]


def _stored(root: Path) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    with Register(register_path(root, DOSSIER)) as register:
        comments = [dict(row) for row in register.db.execute("SELECT * FROM comments")]
        answers = [
            (row["question"], row["answer"])
            for row in register.db.execute("SELECT question, answer FROM answers")
        ]
    return comments, answers


# ---------------------------------------------------------------- inspect


@PLATFORMS
def test_inspect_names_the_profile_and_the_role_of_each_key_column(
    platform: str, project: Path
) -> None:
    expected = GENERATORS[platform](project / "received")

    [inspection] = api.consultation_inspect([expected.file], DOSSIER, root=project)

    sheet = _sheet(inspection, expected)
    assert (sheet.profile, sheet.header_row) == (expected.profile, expected.header_row)
    columns = {_name(column.header): column for column in sheet.columns}
    missing = [header for header in expected.roles if _name(header) not in columns]
    assert not missing, f"columns not shown: {missing}"
    wrong = {
        header: columns[_name(header)].role
        for header, allowed in expected.roles.items()
        if columns[_name(header)].role not in allowed
    }
    assert not wrong, "columns given the wrong role: " + "; ".join(
        f"{header!r} is {got!r}, expected {sorted(expected.roles[header])}"
        for header, got in wrong.items()
    )
    assert {column.role for column in sheet.columns} <= ROLES
    numbers = [column_index_from_string(column.letter) for column in sheet.columns]
    assert numbers == sorted(set(numbers)), "each column shows its own letter, in order"
    for header, allowed in expected.roles.items():
        if allowed <= TEXT_ROLES:  # what the drafter checks first: the text read
            assert any(s.strip() for s in columns[_name(header)].samples), header
    assert not register_path(project, DOSSIER).exists(), "inspect wrote the register"


# ---------------------------------------------------------------- ingest


def _raw_texts(raw: str) -> Iterator[str]:
    """Every text in the row kept as sent (JSON, however nested)."""
    stack: list[Any] = [json.loads(raw)]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            yield value


def _differences(want: Comment, row: dict[str, Any]) -> list[str]:
    """What the stored comment ``row`` gets wrong about ``want``."""
    out = []

    def differ(field: str, got: object, wanted: object) -> None:
        if got != wanted:
            out.append(f"{field} {got!r}, expected {wanted!r}")

    differ("question", row["question"], want.question)
    for field in ("organisation", "contact_name", "proposed_wording", "rationale"):
        wanted = getattr(want, field)
        if wanted is not ...:
            differ(field, _name(row[field]), _name(wanted))
    for field in ("stakeholder_type", "position", "provision", "submitted_on"):
        wanted = getattr(want, field)
        if wanted is not ...:
            differ(field, row[field], wanted)
    if want.flag is not None and not re.search(want.flag, row["flags"] or ""):
        out.append(f"no flag matching {want.flag!r} (flags: {row['flags']!r})")
    sent = want.sent if want.sent is not None else want.text
    if sent not in set(_raw_texts(row["raw"])):
        out.append(f"the raw row does not keep the cell as sent ({sent[:40]!r}...)")
    return out


def _check_comments(stored: list[dict[str, Any]], expected: Expected) -> None:
    """Every expected comment is stored once, right; nothing else is stored."""
    texts = [_fold(row["comment"]) for row in stored]
    problems = []
    if len(stored) != len(expected.comments):
        problems.append(f"{len(stored)} comments stored, {len(expected.comments)} expected")
    unused = list(range(len(stored)))
    for want in expected.comments:
        accepted = {_fold(text) for text in (want.text, *want.also)}
        candidates = [i for i in unused if texts[i] in accepted]
        if not candidates:
            problems.append(f"not stored as expected: {_fold(want.text)!r}")
            continue
        # Identical texts (a campaign) are told apart by their other fields.
        best = min(candidates, key=lambda i: len(_differences(want, stored[i])))
        unused.remove(best)
        problems += [f"{_fold(want.text)[:50]!r}: {d}" for d in _differences(want, stored[best])]
    problems += [f"stored, not expected: {texts[i]!r}" for i in unused]
    assert not problems, "\n".join(problems)


def _choices(answers: list[tuple[str, str]], question: str) -> Counter[str]:
    """The choices given to ``question``: a checkbox answer kept whole ("A;B", "A, B") or
    choice by choice counts the same."""
    return Counter(
        choice.strip()
        for asked, answer in answers
        if _name(asked) == _name(question)
        for choice in re.split(r"[;,]", answer)
        if choice.strip()
    )


@PLATFORMS
def test_ingest_keeps_every_comment_and_tallies_the_closed_answers(
    platform: str, project: Path
) -> None:
    expected = GENERATORS[platform](project / "received")

    summary = api.consultation_ingest([expected.file], DOSSIER, root=project)

    assert summary.unreadable == 0, [p.message for p in summary.problems]
    assert summary.rows_read == summary.accepted + summary.rejected + summary.duplicates
    assert (summary.rows_read, summary.rejected, summary.duplicates) == (
        expected.rows,
        expected.rejected,
        0,
    )
    if expected.anonymous is not None:
        assert (summary.anonymous > 0) is expected.anonymous
    if any(comment.flag for comment in expected.comments):
        assert summary.flagged > 0
    stored, answers = _stored(project)
    _check_comments(stored, expected)
    for question in {question for question, _ in expected.answers}:
        assert _choices(answers, question) == _choices(list(expected.answers), question), question
    if expected.campaign:
        sent = {_fold(text) for text in expected.campaign}
        members = [row for row in stored if _fold(row["comment"]) in sent]
        campaigns = {row["campaign"] for row in members}
        assert len(members) == len(expected.campaign)
        assert len(campaigns) == 1
        assert None not in campaigns, "identical letters from several people form a campaign"
        others = [row for row in stored if _fold(row["comment"]) not in sent]
        assert not [row for row in others if row["campaign"] in campaigns]


@PLATFORMS
def test_a_file_read_again_adds_nothing(platform: str, project: Path) -> None:
    expected = GENERATORS[platform](project / "received")
    first = api.consultation_ingest([expected.file], DOSSIER, root=project)
    before = _stored(project)

    again = api.consultation_ingest([expected.file], DOSSIER, root=project)

    assert (again.rows_read, again.accepted, again.rejected, again.duplicates) == (
        first.rows_read,
        0,
        0,
        first.rows_read,
    )
    assert again.rows_read == expected.rows
    assert _stored(project) == before


# ---------------------------------------------------------------- the drafter's map


NOTES = (
    "Ref;Sender;Body text;When\n"
    "N-1;Asociația Alfa;Cerem ca voluntarii să fie incluși la art. 1 alin. (2).;12.09.2025\n"
)


def test_a_map_names_the_columns_intake_cannot_guess(project: Path) -> None:
    path = project / "received" / "notes.csv"
    path.parent.mkdir()
    path.write_text(NOTES, encoding="utf-8")
    maps = ("comment=Body*", "organisation=B", "submitted_on=When")  # glob, letter, header

    [inspection] = api.consultation_inspect([path], DOSSIER, root=project, maps=maps)
    summary = api.consultation_ingest([path], DOSSIER, root=project, maps=maps)

    [sheet] = inspection.sheets
    roles = {column.header: column.role for column in sheet.columns}
    assert (roles["Body text"], roles["Sender"], roles["When"]) == (
        "comment",
        "organisation",
        "submitted_on",
    )
    assert (summary.rows_read, summary.accepted, summary.rejected) == (1, 1, 0)
    [row] = _stored(project)[0]
    assert (row["comment"], row["organisation"], row["submitted_on"]) == (
        "Cerem ca voluntarii să fie incluși la art. 1 alin. (2).",
        "Asociația Alfa",
        "2025-09-12",
    )


def test_a_map_to_no_field_is_refused_by_name(project: Path) -> None:
    path = project / "received" / "notes.csv"
    path.parent.mkdir()
    path.write_text(NOTES, encoding="utf-8")

    with pytest.raises(LexkitError) as error:
        api.consultation_inspect([path], DOSSIER, root=project, maps=("colour=B",))

    assert any("colour" in problem.message for problem in error.value.problems)
    assert not register_path(project, DOSSIER).exists()
