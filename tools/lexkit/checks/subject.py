"""What the checks look at: one dossier built in memory (every language, every deliverable),
with its data tables, Document trees, the source files the drafter edits and the
consultation register; and the text of a document as a reader sees it.

The build assembles a :class:`Subject` and passes it down; the checks never build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lexkit.dossier.config import Dossier
from lexkit.dossier.schema import Table as DataTable
from lexkit.engine.amendments import Operation
from lexkit.engine.model import (
    Block,
    Document,
    Footnote,
    FootnoteRef,
    Inline,
    Reference,
    Text,
    inline_contents,
    walk,
)
from lexkit.errors import Location, Problem
from lexkit.language import Lang


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
    # "working" (every drafting aid) or "official" (what goes to the ministry)
    edition: str = "working"
    # language -> deliverable id -> the operations its acts make on other acts
    operations: dict[Lang, dict[str, list[Operation]]] = field(default_factory=dict)
    # what the dossier's kind read once for the whole build (a PSEA dossier: its settings,
    # scales, training register, the work plan's progress); None for a legislative dossier
    prepared: Any = None

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


def block_texts(document: Document) -> Iterable[tuple[Block, list[Inline]]]:
    """(block, inline content) of the body and then the footnotes, in document order; a
    table gives one item per cell."""
    for block in walk(document.children):
        for content in inline_contents(block):
            yield block, content
    for note in document.footnotes:
        for block in walk(note.content):
            for content in inline_contents(block):
                yield block, content


def where(node: Block | Footnote | FootnoteRef) -> Location:
    """The file and line a block, note or footnote mark was written at."""
    return Location(node.source.file, node.source.line)


def unique(problems: Iterable[Problem]) -> Iterator[Problem]:
    """One finding per place and message: a template line in a loop makes many blocks."""
    seen: set[tuple[Location, str]] = set()
    for problem in problems:
        key = (problem.location, problem.message)
        if key not in seen:
            seen.add(key)
            yield problem
