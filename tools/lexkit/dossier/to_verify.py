"""The to-verify list: every fact a built document uses whose data row is marked "to verify".

While templates render, data rows record which of their columns were read, and by which
deliverable. After a document is built, each such value is looked for in the text of its
articles, annexes and sections, so the list can say where the fact stands ("art. III",
"anexa nr. 1"). The list is written as an XLSX the drafter works through before submission.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lexkit.dossier.schema import Table
from lexkit.engine.model import Block, Division, Document, Heading, all_inline_lists, plain_text
from lexkit.io.xlsx import FIXED_PROPERTY_DATE, deterministic_xlsx, neutralised
from lexkit.language import Lang

STATUS_COLUMN, TO_VERIFY, SOURCE_COLUMN, KEY_COLUMN = "status", "to verify", "source", "key"
_NOT_FACTS = {STATUS_COLUMN, SOURCE_COLUMN, KEY_COLUMN}
_SHORTEST_FACT = 3  # shorter values ("CP", "no") would be found everywhere


@dataclass
class Usage:
    """Which deliverables read which columns of one data row."""

    table: str
    line: int
    row: dict[str, Any]
    links: set[str]  # columns that hold other rows' keys: not facts
    columns: dict[str, set[str]] = field(default_factory=dict)  # deliverable -> columns


class _TrackedRow(dict[str, Any]):
    """A data row that notes each column a template reads."""

    def __init__(self, row: dict[str, Any], usage: Usage, tracker: Tracker) -> None:
        super().__init__(row)
        self._usage = usage
        self._tracker = tracker

    def __getitem__(self, column: str) -> Any:
        deliverable = self._tracker.deliverable
        if deliverable:
            self._usage.columns.setdefault(deliverable, set()).add(column)
        return super().__getitem__(column)


class Tracker:
    """Wraps a dossier's tables so that their use by each deliverable is recorded."""

    def __init__(self) -> None:
        self.deliverable = ""
        self.usages: list[Usage] = []

    def wrap(self, data: dict[str, Any]) -> dict[str, Any]:
        wrapped: dict[str, Any] = {}
        for name, value in data.items():
            if isinstance(value, Table):
                rows: list[dict[str, Any]] = []
                links = value.reference_columns()
                for row, line in zip(value, value.lines, strict=True):
                    usage = Usage(value.source, line, row, links)
                    self.usages.append(usage)
                    rows.append(_TrackedRow(row, usage, self))
                wrapped[name] = Table(rows, value.lines, value.source, value.schema)
            else:
                wrapped[name] = value
        return wrapped


@dataclass
class Entry:
    """One line of the to-verify list."""

    table: str
    line: int
    key: str
    facts: list[str]
    deliverable: str
    provisions: list[str]
    source: str


def _units(document: Document) -> Iterator[tuple[str, str]]:
    """(label, full text) of each article, annex and top-level section, and each footnote.

    Text before the first of them belongs to the document's preamble ("").
    """
    label, blocks = "", list[Block]()
    for block in _flat_units(document.children):
        starts_unit = isinstance(block, Division) or (
            isinstance(block, Heading) and block.level == 1
        )
        if starts_unit:
            if blocks:
                yield label, _text(blocks)
            label = block.label if isinstance(block, Division) else _heading_text(block)
            blocks = []
        blocks.append(block)
    if blocks:
        yield label, _text(blocks)
    for note in document.footnotes:
        yield f"nota {note.number}", _text(note.content)


def _heading_text(block: Block) -> str:
    return plain_text(block.content) if isinstance(block, Heading) else ""


def _flat_units(blocks: list[Block]) -> Iterator[Block]:
    """Top-level blocks, with chapters and sections opened (their articles are the units)."""
    for block in blocks:
        if isinstance(block, Division) and block.kind in ("chapter", "section"):
            yield from _flat_units(block.children)
        else:
            yield block


def _text(blocks: list[Block]) -> str:
    return " ".join(plain_text(content) for content in all_inline_lists(blocks))


def entries_for(document: Document, deliverable: str, tracker: Tracker) -> list[Entry]:
    """The to-verify facts ``deliverable`` used, each with the provisions it stands in."""
    units = list(_units(document))
    out: list[Entry] = []
    for usage in tracker.usages:
        # Reading only a row's key or status (to filter rows) is not using its facts.
        columns = usage.columns.get(deliverable, set()) - _NOT_FACTS - usage.links
        if not columns or str(usage.row.get(STATUS_COLUMN, "")).strip() != TO_VERIFY:
            continue
        facts = _facts(usage.row, columns)
        findable = [f for f in facts if len(f) >= _SHORTEST_FACT]
        where = [label or "—" for label, text in units if any(f in text for f in findable)]
        out.append(
            Entry(
                usage.table,
                usage.line,
                str(usage.row.get(KEY_COLUMN, "")),
                facts,
                deliverable,
                list(dict.fromkeys(where)),
                str(usage.row.get(SOURCE_COLUMN, "")),
            )
        )
    return out


def _facts(row: dict[str, Any], columns: set[str]) -> list[str]:
    facts: list[str] = []
    for column in sorted(columns):
        value = row.get(column)
        values = value if isinstance(value, list) else [value]
        facts.extend(_fact(v) for v in values if v not in (None, "") and not isinstance(v, bool))
    return facts


def _fact(value: Any) -> str:
    """A value as the list shows it; a mapping (an item of a YAML list) as "name: value"."""
    if isinstance(value, dict):
        return ", ".join(f"{name}: {item}" for name, item in value.items())
    return str(value)


# ---------------------------------------------------------------- the XLSX

_HEADERS: dict[Lang, list[str]] = {
    "ro": [
        "Nr.",
        "Fișierul de date",
        "Rândul",
        "Cheia",
        "Faptul de verificat",
        "Documentul",
        "Prevederea",
        "Sursa de verificat",
        "Verificat",
    ],
    "en": [
        "No.",
        "Data file",
        "Row",
        "Key",
        "Fact to verify",
        "Document",
        "Provision",
        "Source to check",
        "Checked",
    ],
}


def to_verify_xlsx(entries: list[Entry], lang: Lang) -> bytes:
    """The list as a workbook: one row per fact and document, frozen header, filters."""
    from openpyxl import Workbook  # imported here: 0.3 s, needed by this output only
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "De verificat" if lang == "ro" else "To verify"
    sheet.append(_HEADERS[lang])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(
        sorted(entries, key=lambda e: (e.table, e.line, e.deliverable)), 1
    ):
        values = [
            number,
            entry.table,
            entry.line,
            entry.key,
            "; ".join(entry.facts) or "—",
            entry.deliverable,
            ", ".join(entry.provisions) or "—",
            entry.source,
            "",
        ]
        sheet.append([neutralised(v) if isinstance(v, str) else v for v in values])
    for column, width in zip("ABCDEFGHI", (6, 28, 8, 16, 60, 20, 24, 60, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.creator = "lexkit"
    book.properties.created = book.properties.modified = FIXED_PROPERTY_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_xlsx(buffer.getvalue())
