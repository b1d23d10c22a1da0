"""Helpers for tests of the PSEA pack: its tables read as plain CSV and YAML (not through
lexkit), and a built DOCX read back in body order, section by section, with its pictures."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import docx
import yaml
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from docx_helpers import NS

PNG = b"\x89PNG\r\n\x1a\n"
W = f"{{{NS['w']}}}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Block:
    """A paragraph (``rows`` empty) or a table (``text`` empty) of a document's body."""

    style: str
    text: str
    rows: tuple[tuple[str, ...], ...] = ()
    element: Any = None

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


class ReadDocx:
    """A built DOCX read back: its body in order, its parts, its pictures."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def blocks(self) -> list[Block]:
        document = docx.Document(str(self.path))
        out = []
        for child in document.element.body.iterchildren():
            if child.tag == f"{W}p":
                paragraph = Paragraph(child, document)
                out.append(Block(paragraph.style.name, paragraph.text, element=child))
            elif child.tag == f"{W}tbl":
                table = Table(child, document)
                rows = tuple(tuple(cell.text for cell in row.cells) for row in table.rows)
                out.append(Block("table", "", rows, child))
        return out

    def section(self, heading: str, level: int = 1) -> list[Block]:
        """The blocks after the heading of ``level`` whose text is ``heading`` (or starts
        with it), up to the next heading of that level or above."""
        styles = {f"Heading {n}" for n in range(1, level + 1)}
        start = next(
            (
                i
                for i, b in enumerate(self.blocks)
                if b.style in styles and b.text.startswith(heading)
            ),
            None,
        )
        assert start is not None, f"no heading {heading!r} in {self.path.name}"
        end = next(
            (i for i in range(start + 1, len(self.blocks)) if self.blocks[i].style in styles),
            len(self.blocks),
        )
        return self.blocks[start + 1 : end]

    def headings(self, level: int) -> list[Block]:
        return [b for b in self.blocks if b.style == f"Heading {level}"]

    def tables(self, blocks: list[Block] | None = None) -> list[tuple[tuple[str, ...], ...]]:
        return [b.rows for b in (self.blocks if blocks is None else blocks) if b.is_table]

    def table_with_header(self, first_cell: str) -> tuple[tuple[str, ...], ...]:
        found = [rows for rows in self.tables() if rows[0][0] == first_cell]
        assert len(found) == 1, f"{len(found)} tables start with {first_cell!r}"
        return found[0]

    @property
    def text(self) -> str:
        return "\n".join(b.text or "\n".join(" | ".join(r) for r in b.rows) for b in self.blocks)

    def parts(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def xml_parts(self) -> dict[str, bytes]:
        return {n: data for n, data in self.parts().items() if n.endswith((".xml", ".rels"))}

    def part_texts(self) -> Iterator[tuple[str, str]]:
        """Each XML part as written, and the text of its w:t elements run together (a
        word split over runs is whole there)."""
        for name, data in self.xml_parts().items():
            root = etree.fromstring(data)
            runs = "".join(t.text or "" for t in root.iter(f"{W}t"))
            yield name, data.decode("utf-8") + "\n" + runs

    def inline_pictures(self) -> list[bytes]:
        """The bytes of each picture drawn inline in the body, in order."""
        parts = self.parts()
        rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        body = etree.fromstring(parts["word/document.xml"])
        embeds = body.xpath("//w:drawing/wp:inline//a:blip/@r:embed", namespaces=NS)
        return [parts["word/" + str(targets[str(embed)]).lstrip("/")] for embed in embeds]

    def media(self) -> list[str]:
        return [name for name in self.parts() if name.startswith("word/media/")]
