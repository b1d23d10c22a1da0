"""``lexkit check``: what a careful legal editor would catch before a reviewer does.

A dossier is built in memory (every language, every deliverable), and the checks look at
what came out: the data tables, the Document trees, the source files and the
consultation register. Each family of checks is one module; each finding is a
:class:`~lexkit.errors.Problem` with a code of :data:`lexkit.codes.CATALOGUE`.
``lexkit build`` runs the same checks: errors stop it, warnings are printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lexkit.config import Dossier
from lexkit.document import (
    Alineat,
    Block,
    Division,
    Document,
    Heading,
    Inline,
    Lang,
    Paragraph,
    Point,
    Reference,
    Table,
    Text,
    walk,
)
from lexkit.errors import Problem
from lexkit.schema import Table as DataTable


@dataclass
class Subject:
    """What the checks look at: one dossier, built in memory."""

    dossier: Dossier
    data: dict[str, Any]
    # language -> deliverable id -> document, for the documents that built without errors
    documents: dict[Lang, dict[str, Document]] = field(default_factory=dict)
    # the text files a drafter edits: dossier.yaml, data, schemas, the templates read
    sources: list[Path] = field(default_factory=list)
    register: Path | None = None
    # (language, deliverable id) of the documents that did not build: what reads every
    # document (a standard implemented somewhere) waits until they do
    failed: set[tuple[Lang, str]] = field(default_factory=set)

    def table(self, name: str) -> DataTable | None:
        value = self.data.get(name)
        return value if isinstance(value, DataTable) else None

    def tables(self) -> Iterable[tuple[str, DataTable]]:
        for name, value in self.data.items():
            if isinstance(value, DataTable):
                yield name, value

    def all_documents(self) -> Iterable[tuple[Lang, str, Document]]:
        for lang, documents in self.documents.items():
            for doc_id, document in documents.items():
                yield lang, doc_id, document


def visible_text(content: list[Inline], *, italic: bool = True) -> str:
    """The text a reader sees (superscripts written ``^1``); without italics (foreign
    words, titles of works) when ``italic`` is False."""
    parts: list[str] = []
    for node in content:
        if isinstance(node, Text):
            if italic or not node.italic:
                parts.append(f"^{node.text}" if node.superscript else node.text)
        elif isinstance(node, Reference):
            parts.append(visible_text(node.text, italic=italic) if node.text else node.label)
    return "".join(parts)


def _contents(block: Block) -> list[list[Inline]]:
    if isinstance(block, Paragraph | Heading | Point | Alineat):
        return [block.content]
    if isinstance(block, Division):
        return [block.title]
    if isinstance(block, Table):
        return [cell.content for cell in [*block.header, *(c for r in block.rows for c in r)]]
    return []


def block_texts(document: Document) -> Iterable[tuple[Block, list[Inline]]]:
    """(block, inline content) of the body and then the footnotes, in document order; a
    table gives one item per cell."""
    for block in walk(document.children):
        for content in _contents(block):
            yield block, content
    for note in document.footnotes:
        for block in walk(note.content):
            for content in _contents(block):
                yield block, content


def run_checks(subject: Subject) -> list[Problem]:
    """Every finding of every check family, in a stable order."""
    from lexkit.checks import consultation, coverage, data, language, structure

    findings: list[Problem] = []
    for family in (data, structure, language, coverage, consultation):
        for check in family.CHECKS:
            findings.extend(check(subject))
    return findings
