"""Data checks: what the schemas alone cannot see.

Schema errors (D002) and duplicate keys (D003) are found while the data is loaded; here:
article numbers that lost their superscript, ISCO-08 codes, keys that name no row,
``implements=`` keys that name no standard, occupations without a governing act, and
the list of facts still "to verify".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from lexkit.checks.subject import Subject
from lexkit.dossier.schema import Column, Table
from lexkit.engine.model import Provision, walk
from lexkit.errors import Location, Problem

# Conventional table names the checks know (README, "lexkit check").
STANDARDS, OCCUPATIONS = "standards", "occupations"
GOVERNING_ACT = "governing_act"
TO_VERIFY = "to verify"

_NUMBER = re.compile(r"\d+")


def _cells(table: Table) -> Iterator[tuple[int, str, Column, Any]]:
    """(line, column name, column, value) for every non-empty scalar of the table; list
    cells give one value per item, checked against the item's column."""
    if table.schema is None:
        return
    for row, line in zip(table, table.lines, strict=True):
        for name, column in table.schema.columns.items():
            value = row.get(name)
            if column.type == "list" and isinstance(value, list):
                item = column.item or Column()
                for one in value:
                    if one not in (None, ""):
                        yield line, name, item, one
            elif value not in (None, "", []):
                yield line, name, column, value


# ---------------------------------------------------------------- D004 article numbers


def lost_superscript(value: str) -> str | None:
    """ "1751" -> "175^1": a number too long for an article, whose last digit was a
    superscript before the text was copied; None when the number looks right."""
    fixed = []
    changed = False
    for part in re.split(r"(\s*[–—-]\s*)", value):
        if _NUMBER.fullmatch(part) and len(part) >= 4:
            fixed.append(f"{part[:-1]}^{part[-1]}")
            changed = True
        else:
            fixed.append(part)
    return "".join(fixed) if changed else None


def article_numbers(subject: Subject) -> Iterator[Problem]:
    for _, table in subject.tables():
        for line, name, column, value in _cells(table):
            if column.type != "article":
                continue
            likely = lost_superscript(str(value))
            if likely is not None:
                yield Problem(
                    Location(table.source, line, name),
                    f"article {value} has four digits or more: it reads like {likely} "
                    "with the superscript lost in copying",
                    f"write {likely} (the ^ marks the superscript)",
                    code="D004",
                )


# ---------------------------------------------------------------- D005 ISCO-08


@cache
def isco_unit_groups() -> dict[str, str]:
    """ISCO-08 unit groups (4-digit code -> English title), shipped with lexkit."""
    text = resources.files("lexkit.checks").joinpath("isco08_unit_groups.csv").read_text("utf-8")
    return {row["code"]: row["title_en"] for row in csv.DictReader(text.splitlines())}


def isco_suggestion(code: str) -> str:
    """The unit groups a wrong code probably meant: those of the same minor group."""
    groups = isco_unit_groups()
    near = [f"{c} ({t})" for c, t in groups.items() if c[:3] == code[:3]]
    if not near:
        near = [f"{c} ({t})" for c, t in groups.items() if c[:2] == code[:2]][:6]
    if not near:
        return "use a 4-digit ISCO-08 unit group code (ILO, ISCO-08 structure)"
    return "use a unit group: " + "; ".join(near)


def isco_codes(subject: Subject) -> Iterator[Problem]:
    groups = isco_unit_groups()
    for _, table in subject.tables():
        for line, name, column, value in _cells(table):
            if column.codes == "isco-08" and str(value) not in groups:
                yield Problem(
                    Location(table.source, line, name),
                    f"{value} is not an ISCO-08 unit group",
                    isco_suggestion(str(value)),
                    code="D005",
                )


# ---------------------------------------------------------------- D007 keys of other tables


def _keys(table: Table) -> set[str]:
    if table.schema is None or table.schema.key is None:
        return set()
    key = table.schema.key
    return {str(row[key]) for row in table if row.get(key)}


def row_references(subject: Subject) -> Iterator[Problem]:
    missing_tables: set[tuple[str, str]] = set()
    keys_of: dict[str, set[str]] = {}  # each table's keys, gathered once
    for _, table in subject.tables():
        for line, name, column, value in _cells(table):
            if column.refers_to is None:
                continue
            target = subject.table(column.refers_to)
            if target is None:
                if (table.source, name) in missing_tables:
                    continue  # said once per column
                missing_tables.add((table.source, name))
                yield Problem(
                    Location(table.source, line, name),
                    f"the schema says this column holds keys of the table "
                    f"{column.refers_to!r}, which dossier.yaml does not list",
                    "fix 'refers_to:' in the schema, or add the table under 'data:'",
                    code="D007",
                )
                continue
            if column.refers_to not in keys_of:
                keys_of[column.refers_to] = _keys(target)
            keys = keys_of[column.refers_to]
            if str(value) not in keys:
                yield Problem(
                    Location(table.source, line, name),
                    f"{value!r} is not a key of {column.refers_to} ({target.source})",
                    f"use one of: {', '.join(sorted(keys))}",
                    code="D007",
                )


# ---------------------------------------------------------------- D006 implements=


def implemented(subject: Subject) -> Iterator[tuple[str, Provision]]:
    """(standard key, provision) for every implements= key of every document."""
    for _, _, document in subject.all_documents():
        for block in walk(document.children):
            if isinstance(block, Provision):
                for key in block.attrs.get("implements", "").split():
                    yield key, block


def unknown_standards(subject: Subject) -> Iterator[Problem]:
    standards = subject.table(STANDARDS)
    if standards is None:
        return  # a dossier without a standards table uses implements= for itself
    known = _keys(standards)
    for key, block in implemented(subject):
        if key in known:
            continue
        close = [k for k in sorted(known) if k.split("-")[0] == key.split("-")[0]]
        yield Problem(
            Location(block.source.file, block.source.line),
            f"implements={key!r} names no standard of {standards.source}",
            f"add a row {key!r} to it, or use one of: {', '.join(close or sorted(known))}",
            code="D006",
        )


# ---------------------------------------------------------------- D008, D009


def governing_acts(subject: Subject) -> Iterator[Problem]:
    occupations = subject.table(OCCUPATIONS)
    if occupations is None or occupations.schema is None:
        return
    if GOVERNING_ACT not in occupations.schema.columns:
        return
    key = occupations.schema.key
    for row, line in zip(occupations, occupations.lines, strict=True):
        if not row.get(GOVERNING_ACT):
            name = f"{row.get(key)!r} " if key else ""
            yield Problem(
                Location(occupations.source, line, GOVERNING_ACT),
                f"the occupation {name}has no governing act: no law says who checks it",
                "name the act (a key of the amended acts) whose amendment covers it",
                code="D008",
            )


def to_verify(subject: Subject) -> Iterator[Problem]:
    for _, table in subject.tables():
        # A table without a schema (a YAML list such as a PSEA dossier's scales) is read
        # for its rows' own keys.
        columns = table.schema.columns if table.schema else set().union(*map(set, table))
        if "status" not in columns:
            continue
        key = table.schema.key if table.schema else ("key" if "key" in columns else None)
        marked = [
            (str(row.get(key)) if key else f"line {line}", line)
            for row, line in zip(table, table.lines, strict=True)
            if row.get("status") == TO_VERIFY
        ]
        if not marked:
            continue
        listed = ", ".join(f"{name} (line {line})" if key else name for name, line in marked)
        yield Problem(
            Location(table.source, marked[0][1], "status"),
            f"{len(marked)} row(s) marked “{TO_VERIFY}”: {listed}",
            "confirm each fact against its source, then set status: confirmed; until "
            "then the documents footnote them and to-verify.xlsx lists them",
            code="D009",
        )


CHECKS = (article_numbers, isco_codes, row_references, unknown_standards, governing_acts, to_verify)
