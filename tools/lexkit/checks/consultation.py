"""Consultation checks on the register: what the synthesis of recommendations still lacks.

Comments without a decision, decisions other than "accepted" without an argument (the
synthesis must say why a proposal was not taken), and comments on provisions the current
draft no longer has. Each finding points at the stakeholder's file, sheet and row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing

from lexkit.checks.subject import Subject
from lexkit.consult.provisions import match_provision, provision_index
from lexkit.consult.register import Register
from lexkit.errors import Location, Problem, display_path

_LISTED = 15  # rows named in one finding; the rest are counted
_SHEETS_LISTED = 10  # files (or sheets) with a warning each; past this, one warning for all
_EXPORT = "lexkit consult decisions export, decide, then lexkit consult decisions import"


def _query(subject: Subject, sql: str) -> list[sqlite3.Row]:
    """The rows of ``sql`` on the dossier's register; none when it has no register."""
    if subject.register is None or not subject.register.is_file():
        return []
    with closing(Register(subject.register).db) as db:
        return db.execute(sql).fetchall()


def _where(name: str, sheet: str, row: int) -> Location:
    return Location(f"{name} [{sheet}]" if sheet else name, row)


def _rows(rows: list[int]) -> str:
    # A wide file's row gives several comments: each row is named once.
    rows = list(dict.fromkeys(rows))
    shown = ", ".join(str(r) for r in rows[:_LISTED])
    return shown + (f" and {len(rows) - _LISTED} more" if len(rows) > _LISTED else "")


def undecided(subject: Subject) -> Iterator[Problem]:
    found = _query(
        subject,
        "SELECT f.id, f.name, c.sheet, c.row FROM comments c JOIN files f ON f.id = c.file_id "
        "LEFT JOIN decisions d ON d.comment_id = c.id WHERE d.comment_id IS NULL "
        "ORDER BY f.name, f.id, c.sheet, c.row",
    )
    # By file (two stakeholders may send files of the same name) and sheet.
    by_sheet: dict[tuple[int, str, str], list[int]] = {}
    for file_id, name, sheet, row in found:
        by_sheet.setdefault((file_id, name, sheet), []).append(row)
    if len(by_sheet) > _SHEETS_LISTED:
        # Hundreds of files: one warning that counts them, not a screen of warnings.
        yield _undecided_in_many(subject, by_sheet)
        return
    for (_, name, sheet), rows in by_sheet.items():
        yield Problem(
            _where(name, sheet, rows[0]),
            f"{len(rows)} comment(s) of this file have no decision yet: row(s) {_rows(rows)}",
            _EXPORT,
            code="F001",
        )


def _undecided_in_many(
    subject: Subject, by_sheet: dict[tuple[int, str, str], list[int]]
) -> Problem:
    counts = [
        (f"{name} [{sheet}]" if sheet else name, len(rows))
        for (_, name, sheet), rows in by_sheet.items()
    ]
    shown = ", ".join(f"{where} ({n})" for where, n in counts[:_SHEETS_LISTED])
    rest = len(counts) - _SHEETS_LISTED
    total = sum(n for _, n in counts)
    assert subject.register is not None  # comments were found in it
    return Problem(
        Location(display_path(subject.register)),
        f"{total} comment(s) in {len(counts)} files or sheets have no decision yet: "
        f"{shown} and {rest} more",
        _EXPORT,
        code="F001",
    )


def unargued(subject: Subject) -> Iterator[Problem]:
    found = _query(
        subject,
        "SELECT f.name, c.sheet, c.row, coalesce(c.campaign, 'comment ' || c.id), "
        "d.decision FROM comments c JOIN files f ON f.id = c.file_id "
        "JOIN decisions d ON d.comment_id = c.id "
        "WHERE d.decision != 'accepted' AND trim(coalesce(d.argument, '')) = '' "
        "ORDER BY f.name, c.sheet, c.row",
    )
    # A campaign is decided once: one finding for all its comments.
    by_group: dict[str, list[tuple[str, str, int, str]]] = {}
    for name, sheet, row, group, decision in found:
        by_group.setdefault(group, []).append((name, sheet, row, decision))
    for members in by_group.values():
        name, sheet, row, decision = members[0]
        also = (
            f" (and {len(members) - 1} more comment(s) of its campaign)" if len(members) > 1 else ""
        )
        yield Problem(
            _where(name, sheet, row),
            f"the decision is “{decision}” but no argument says why{also}",
            "write the argument in the decisions sheet: the synthesis must give the "
            f"reason for every proposal not accepted ({_EXPORT})",
            code="F002",
        )


def unmatched_provisions(subject: Subject) -> Iterator[Problem]:
    romanian = subject.documents.get("ro")
    if not romanian or any(lang == "ro" for lang, _ in subject.failed):
        return  # matched against the Romanian draft, once all of it builds
    found = _query(
        subject,
        "SELECT c.document, c.provision_raw, count(*), min(f.name || char(0) || "
        "printf('%09d', f.id) || char(0) || c.sheet || char(0) || printf('%09d', c.row)) "
        "FROM comments c JOIN files f ON f.id = c.file_id "
        "GROUP BY c.document, c.provision_raw ORDER BY c.document, c.provision_raw",
    )
    if not found:
        return
    index = provision_index(romanian)
    for document, raw, count, first in found:
        label, _ = match_provision(document, raw, index)
        if label is not None:
            continue
        name, _, sheet, row = first.split("\0")
        yield Problem(
            _where(name, sheet, int(row)),
            f"{count} comment(s) on {document} „{raw}”, which matches nothing in the current draft",
            "the draft may have been renumbered: answer them under the provision they "
            "meant, or as general comments, in the decisions sheet",
            code="F003",
        )


CHECKS = (undecided, unargued, unmatched_provisions)
