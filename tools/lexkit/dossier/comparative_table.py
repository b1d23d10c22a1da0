"""The comparative table: for each act a law amends, the wording in force beside the
proposed wording, provision by provision, words taken out struck through and words put
in underlined (Moldovan practice sends it with every amending law).

The rows come from the law's operations (:mod:`lexkit.engine.amendments`) and the act's wording
in force (``in-force/<act>.md``); without the wording in force the rows still show the
new text, and the column of the wording in force says once where it goes. The two texts
stand side by side in equal columns, on landscape pages.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lexkit.engine.amendments import ActIndex, Operation, consolidate, find_unit, sort_key
from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    DocType,
    Document,
    Heading,
    Inline,
    LineBreak,
    Meta,
    Paragraph,
    Point,
    QuotedStructure,
    Source,
    Table,
    TableCell,
    Text,
    plain_text,
    text_nodes,
)
from lexkit.language import WORDS, Lang

_HEADERS: dict[Lang, tuple[str, str]] = {
    "ro": ("Textul în vigoare", "Textul propus"),
    "en": ("Wording in force", "Proposed wording"),
}
_NEW: dict[Lang, str] = {"ro": "(prevedere nouă)", "en": "(new provision)"}
_REPEALED: dict[Lang, str] = {"ro": "Abrogat.", "en": "Repealed."}
_NO_WORDING: dict[Lang, str] = {
    "ro": "(textul în vigoare nu este în dosar: {file})",
    "en": "(the wording in force is not in the dossier: {file})",
}
# The same, said to a reader of the official edition, who has no use for a dossier's file.
_NOT_REPRODUCED: dict[Lang, str] = {
    "ro": "(redacția în vigoare nu este reprodusă în prezentul tabel)",
    "en": "(the wording in force is not reproduced in this table)",
}


def _no_wording(act: ActWording, lang: Lang) -> str:
    return _NO_WORDING[lang].format(file=act.file) if act.file else _NOT_REPRODUCED[lang]


_TITLE: dict[Lang, str] = {
    "ro": "Tabel comparativ la proiectul Legii {title}",
    "en": "Comparative table to the draft Law {title}",
}
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class ActWording:
    """What the table knows of one amended act: how the law cites it, and its wording in
    force (None when the dossier does not have it)."""

    title: str
    in_force: Document | None
    file: str  # where its wording in force belongs ("" in the official edition)


def unit_lines(block: Block, lang: Lang) -> list[str]:
    """The text of a unit as printed, one line per unit in it: "(2) text", "a) text"."""
    lines: list[str] = []

    def visit(node: Block) -> None:
        if isinstance(node, Division):
            word = WORDS[lang].article if node.kind == "article" else ""
            title = plain_text(node.title).strip()
            lines.append(f"{word} {node.number}. {title}".strip().rstrip("."))
        elif isinstance(node, Alineat):
            lines.append(f"({node.number}) {plain_text(node.content).strip()}")
        elif isinstance(node, Point):
            lines.append(f"{node.marker} {plain_text(node.content).strip()}")
        elif isinstance(node, Paragraph | Heading):
            lines.append(plain_text(node.content).strip())
        for child in getattr(node, "children", []):
            if not isinstance(child, QuotedStructure):
                visit(child)

    visit(block)
    return [line for line in lines if line]


def _nodes(text: str, *, strike: bool = False, underline: bool = False) -> list[Inline]:
    nodes = text_nodes(text, False, False)
    for node in nodes:
        if isinstance(node, Text):
            node.strike, node.underline = strike, underline
    return nodes


def _joined(lines: list[list[Inline]]) -> list[Inline]:
    out: list[Inline] = []
    for index, line in enumerate(lines):
        if index:
            out.append(LineBreak())
        out.extend(line)
    return out


def marked_difference(old: str, new: str) -> tuple[list[Inline], list[Inline]]:
    """The old text with the words taken out struck through, and the new text with the
    words put in underlined (a word-level comparison)."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    left: list[Inline] = []
    right: list[Inline] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = "".join(before[i1:i2]), "".join(after[j1:j2])
        if tag == "equal":
            left += _nodes(old_part)
            right += _nodes(new_part)
            continue
        if old_part:
            left += _nodes(old_part, strike=True)
        if new_part:
            right += _nodes(new_part, underline=True)
    return left, right


def _new_lines(operation: Operation, lang: Lang) -> list[str]:
    """The lines of the operation's new text."""
    return [line for block in operation.blocks for line in unit_lines(block, lang)]


def _inserted(operation: Operation, lang: Lang) -> list[Inline]:
    """The proposed wording of a new provision, all of it put in."""
    return [
        Text(_NEW[lang] + " ", italic=True),
        *_joined([_nodes(line, underline=True) for line in _new_lines(operation, lang)]),
    ]


def _new_wording(operation: Operation, lang: Lang) -> list[Inline]:
    """The new text of an operation, without the wording in force to compare it with."""
    lines = _new_lines(operation, lang)
    return _joined([_nodes(line) for line in lines]) or [Text(_REPEALED[lang])]


def _row(
    operation: Operation,
    act: ActWording,
    in_force: ActIndex | None,
    consolidated: ActIndex | None,
    lang: Lang,
) -> list[TableCell]:
    target = operation.target
    old_unit = find_unit(in_force, target) if in_force is not None else None
    missing: list[Inline] = [Text(_no_wording(act, lang), italic=True)]
    if operation.verb == "insert":
        return [TableCell([Text("—")]), TableCell(_inserted(operation, lang))]
    if old_unit is None:
        if operation.verb in ("substitute", "exclude"):
            old_words = _nodes(f"„{operation.old}”", strike=True)
            new_words = _nodes(f"„{operation.new}”", underline=True) if operation.new else []
            return [TableCell(old_words), TableCell(new_words or [Text("—")])]
        return [TableCell(missing), TableCell(_new_wording(operation, lang))]
    old_lines = unit_lines(old_unit, lang)
    if operation.verb == "repeal":
        return [
            TableCell(_joined([_nodes(x, strike=True) for x in old_lines])),
            TableCell([Text(_REPEALED[lang])]),
        ]
    if operation.verb == "replace":
        new_lines = _new_lines(operation, lang)
    else:
        after = find_unit(consolidated, target) if consolidated is not None else None
        new_lines = unit_lines(after, lang) if after is not None else old_lines
    left, right = marked_difference("\n".join(old_lines), "\n".join(new_lines))
    return [TableCell(_breaks(left)), TableCell(_breaks(right))]


def _without_wording(
    operations: list[Operation], act: ActWording, lang: Lang
) -> list[list[TableCell]]:
    """The rows of an act whose wording in force the dossier lacks: the column of the
    wording in force says so once, in one cell merged over the act's rows, beside each
    proposed wording (the words a substitution or exclusion quotes marked in it)."""
    missing = TableCell([Text(_no_wording(act, lang), italic=True)])
    if len(operations) > 1:
        missing.vertical_merge = "restart"
    rows: list[list[TableCell]] = []
    for operation in operations:
        if operation.verb == "insert":
            proposed = _inserted(operation, lang)
        elif operation.verb in ("substitute", "exclude"):
            proposed = _nodes(f"„{operation.old}”", strike=True)
            if operation.new:
                proposed += [Text(" "), *_nodes(f"„{operation.new}”", underline=True)]
        else:
            proposed = _new_wording(operation, lang)
        merged = TableCell([], vertical_merge="continue") if rows else missing
        rows.append([merged, TableCell(proposed)])
    return rows


def _breaks(content: list[Inline]) -> list[Inline]:
    """Line ends inside the compared text become line breaks in the cell."""
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Text) and "\n" in node.text:
            parts = node.text.split("\n")
            for index, part in enumerate(parts):
                if index:
                    out.append(LineBreak())
                if part:
                    out.append(
                        Text(
                            part,
                            node.bold,
                            node.italic,
                            node.superscript,
                            node.strike,
                            node.underline,
                        )
                    )
        else:
            out.append(node)
    return out


def _position(operation: Operation) -> tuple[tuple[int, int], ...]:
    target = operation.target
    parts = [target.article, target.alineat or "0", target.point or "0"]
    return tuple(sort_key(part) for part in parts)


def comparative_document(
    law: Document,
    operations: list[Operation],
    acts: Mapping[str, ActWording],
    lang: Lang,
    source: Source,
) -> Document:
    """The comparative table of ``law`` as a Document: a heading and a two-column table per
    amended act, in the order the law amends them, on landscape pages."""
    meta = Meta(
        title=_TITLE[lang].format(title=law.meta.title),
        type=DocType.REPORT,
        lang=lang,
        author=law.meta.author,
        date=law.meta.date,
        extra={"orientation": "landscape"},  # two texts side by side, as practice prints them
    )
    children: list[Block] = []
    order = list(dict.fromkeys(op.act for op in operations))
    for act_key in order:
        act = acts[act_key]
        # Rows in the act's order, as the act in force reads.
        mine = sorted((op for op in operations if op.act == act_key), key=_position)
        in_force = ActIndex(act.in_force) if act.in_force is not None else None
        after = ActIndex(consolidate(act.in_force, mine)) if act.in_force is not None else None
        title = act.title[:1].upper() + act.title[1:]  # "the Education Code" cited mid-sentence
        children.append(Heading(source, 1, [Text(title)]))
        header = [TableCell([Text(h, bold=True)]) for h in _HEADERS[lang]]
        if act.in_force is None:
            rows = _without_wording(mine, act, lang)
        else:
            rows = [_row(op, act, in_force, after, lang) for op in mine]
        children.append(Table(source, header, rows, equal_columns=True))
    return Document(meta, children, [], source.file)


_CONSOLIDATED: dict[Lang, str] = {
    "ro": "Textul consolidat, cu modificările și completările propuse prin proiectul Legii {title}",
    "en": "Consolidated wording, with the amendments proposed by the draft Law {title}",
}


def consolidated_document(
    law: Document, in_force: Document, operations: list[Operation], lang: Lang
) -> Document:
    """The act in force as ``operations`` leave it, under its own title, with a line that
    says which draft it follows (not an act itself: no "Proiect" mark)."""
    act = consolidate(in_force, operations)
    source = Source(in_force.source_file, 1)
    note = Paragraph(source, [Text(_CONSOLIDATED[lang].format(title=law.meta.title), italic=True)])
    meta = Meta(
        title=in_force.meta.title,
        type=DocType.REPORT,
        lang=lang,
        author=law.meta.author,
        date=law.meta.date,
    )
    return Document(meta, [note, *act.children], act.footnotes, in_force.source_file)
