"""Legislative Markdown -> Document tree.

markdown-it-py does the CommonMark work (paragraphs, lists, block quotes, pipe tables,
footnotes, emphasis, links). This module adds the dialect on top, in three steps:

1. ``_Flattener`` turns markdown-it tokens into a flat list of *units*: structural
   headings, alineate, points, paragraphs, quoted structures and tables. Markers such as
   ``(1)``, ``a)`` or ``1)`` at the start of a line split a paragraph into units, so text
   pasted from an existing law keeps its structure.
2. ``Assembler`` nests the units into chapters, sections, articles, alineate and points.
3. :mod:`lexkit.engine.numbering` (a separate stage) numbers the tree and resolves references.

Raw HTML is off: a drafter's ``<b>`` stays literal text rather than becoming markup.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError as AttrsParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from lexkit.engine.assembly import Assembler, Attrs, Unit, assemble_quoted
from lexkit.engine.editions import AID_COLUMN, leave_out_aid_notes
from lexkit.engine.frontmatter import parse_meta, split_front_matter
from lexkit.engine.labels import ACCEPTED_STRUCTURAL_WORDS, structural_kind
from lexkit.engine.model import (
    DocType,
    Document,
    Footnote,
    FootnoteRef,
    FormalLine,
    Hyperlink,
    Inline,
    LineBreak,
    Picture,
    QuotedStructure,
    Reference,
    Source,
    SourceMap,
    Table,
    TableCell,
    Text,
    text_nodes,
)
from lexkit.errors import Location, Problems
from lexkit.project import Edition


def identity_source_map(file: str) -> SourceMap:
    return lambda line: Source(file, line)


def build_markdown_parser() -> MarkdownIt:
    """CommonMark with pipe tables and footnotes; no raw HTML, no code blocks.

    Indented code blocks and fences are off because drafters indent points and
    quoted text; an indented line must stay legislative text. Setext headings (a line
    underlined with === or ---) are off too: headings are written with #, and the rule
    costs a seventh of the parse.
    """
    md = MarkdownIt("commonmark", {"html": False})
    md.enable("table")
    md.disable(["code", "fence", "html_block", "html_inline", "lheading"])
    md.use(footnote_plugin)
    # "::: aid" ... ":::" holds a drafting aid (left out of the official edition);
    # "::: legal-basis" ... ":::" an act's legal basis ("În temeiul art. … din Legea nr. …,").
    for name in BLOCK_MARKERS:
        md.use(container_plugin, name=name)
    return md


AID_BLOCK, BASIS_BLOCK = "aid", "legal-basis"
BLOCK_MARKERS = (AID_BLOCK, BASIS_BLOCK)


_MD = build_markdown_parser()

# ---------------------------------------------------------------- attributes and markers

_TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")
# "(1)", "(#)", "(5^1)" at the start of a line: an alineat.
_ALINEAT = re.compile(r"^\((#|\d+(?:\^\d+)?)\)\s+")
# "a)", "b^1)", "12)", "3." at the start of a line: a point. "12." needs text after it.
_POINT = re.compile(r"^(?:([a-z]{1,2}(?:\^\d+)?)\)|(\d+(?:\^\d+)?)\)|(\d+(?:\^\d+)?)\.)\s+")
# "Articolul 62^1. Title", "Capitolul III – Title", "Anexa nr. 2. Title", "Articolul. Title"
_STRUCTURAL_HEADING = re.compile(
    r"""^(?P<word>[^\W\d_]+\.?)                 # the structural word
        (?:\s+nr\.)?                               # "Anexa nr. 1"
        (?:\s+(?P<number>\d+(?:\^\d+)?|[IVXLCDM]+(?:\^\d+)?)(?!\w))?  # a handwritten number
        \s*(?:[.:–—-]\s*)?                         # "." or a dash after the number
        (?P<title>.*)$""",
    re.X,
)


def split_attrs(text: str, where: Source, problems: Problems) -> tuple[str, Attrs]:
    """Take ``{#id key="value"}`` off the end of a line of text."""
    if not text.endswith("}") and not text.rstrip().endswith("}"):
        return text, Attrs()
    match = _TRAILING_ATTRS.search(text)
    if not match:
        return text, Attrs()
    try:
        _, values = parse_attrs(match.group(1))
    except AttrsParseError as error:
        problems.add(
            Location(where.file, where.line),
            f"cannot read the attributes {match.group(1)!r}: {error}",
            'write them as {#id key="value"}; an id is letters, digits, "-" and "_"',
            code="M001",
        )
        return text[: match.start()], Attrs()
    ident = values.pop("id", "")
    return text[: match.start()], Attrs(ident, values)


# ---------------------------------------------------------------- inline conversion


def convert_inline(
    children: list[Token], line: int, source_map: SourceMap, problems: Problems
) -> list[Inline]:
    """markdown-it inline tokens -> Inline nodes (softbreaks become spaces)."""
    out: list[Inline] = []
    bold = italic = False
    target = out
    for token in children:
        kind = token.type
        if kind == "text" or kind == "code_inline":
            if "[^" in token.content:
                _undefined_footnotes(token.content, source_map(line), problems)
            target.extend(text_nodes(token.content, bold, italic))
        elif kind == "softbreak":
            target.append(Text(" ", bold, italic))
            line += 1
        elif kind == "hardbreak":
            target.append(LineBreak())
            line += 1
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            link = _link(str(token.attrs.get("href", "")), source_map(line), problems)
            if link is not None:
                out.append(link)
                target = link.text
        elif kind == "link_close":
            target = out
        elif kind == "footnote_ref":
            out.append(FootnoteRef(str(token.meta["label"]), source_map(line)))
        elif kind == "image":
            target.append(Picture(str(token.attrs.get("src", "")), token.content, source_map(line)))
    return out


_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")


def _undefined_footnotes(text: str, where: Source, problems: Problems) -> None:
    """markdown-it leaves ``[^x]`` as text when no ``[^x]: ...`` defines it."""
    for match in _FOOTNOTE_MARK.finditer(text):
        problems.add(
            Location(where.file, where.line),
            f"the footnote [^{match.group(1)}] has no text",
            f"add a line '[^{match.group(1)}]: text of the note' at the end of the document",
            code="M001",
        )


_WEB = ("http://", "https://", "mailto:")


def _link(href: str, where: Source, problems: Problems) -> Reference | Hyperlink | None:
    """``[](#id/2/b)`` is a reference to a provision; ``[text](https://...)`` a web link."""
    if href.startswith(_WEB):
        return Hyperlink(href, [])
    if not href.startswith("#") or len(href) < 2:
        problems.add(
            Location(where.file, where.line),
            f"cannot link to {href!r}",
            "write [](#id) to refer to a provision with {#id}, or a full web address "
            "starting with https://",
            code="M001",
        )
        return None
    target, *path = href[1:].split("/")
    return Reference(target=target, path=tuple(p for p in path if p), text=[], source=where)


def strip_leading(children: list[Token], count: int) -> list[Token]:
    """Drop the first ``count`` characters (a marker already read) from inline tokens.

    The tokens come from this document's own parse and are read once, so they are
    changed in place (copying them cost a tenth of the parse).
    """
    if count and children and children[0].type == "text":
        children[0].content = children[0].content[count:].lstrip()
    return children


def strip_trailing_attrs(
    children: list[Token], where: Source, problems: Problems
) -> tuple[list[Token], Attrs]:
    """Read ``{#id ...}`` at the end of the last text token of a line."""
    if not children or children[-1].type != "text":
        return children, Attrs()
    last = children[-1]
    text, attrs = split_attrs(last.content, where, problems)
    last.content = text  # in place, as in strip_leading
    return children, attrs


def split_lines(children: list[Token]) -> list[list[Token]]:
    """Split inline tokens at soft breaks that are followed by a point or alineat marker."""
    lines: list[list[Token]] = [[]]
    for index, token in enumerate(children):
        if token.type == "softbreak":
            following = children[index + 1] if index + 1 < len(children) else None
            if (
                following is not None
                and following.type == "text"
                and _starts_unit(following.content)
            ):
                lines.append([])
                continue
        lines[-1].append(token)
    return lines


def _starts_unit(text: str) -> bool:
    return bool(_ALINEAT.match(text) or _POINT.match(text))


class _Flattener:
    """Reads markdown-it tokens into units, one block at a time."""

    def __init__(
        self,
        doc_type: DocType,
        source_map: SourceMap,
        problems: Problems,
        quoted: bool = False,
        official: bool = False,
    ) -> None:
        self.doc_type = doc_type
        self.source_map = source_map
        self.problems = problems
        self.quoted = quoted
        self.official = official  # the official edition: drafting aids are left out
        self.units: list[Unit] = []

    def run(self, tokens: list[Token], start: int, end: int, list_depth: int = 0) -> None:
        index = start
        while index < end:
            token = tokens[index]
            close = _matching_close(tokens, index)
            if token.type == "heading_open":
                self._heading(tokens[index + 1], int(token.tag[1]))
            elif token.type == "paragraph_open":
                self._paragraph(tokens[index + 1], list_depth, in_item=False)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                self._list(tokens, index, close, list_depth + 1)
            elif token.type == "blockquote_open":
                self._quote(tokens, index, close)
            elif token.type == "table_open":
                self._table(tokens, index, close)
            elif token.type == f"container_{AID_BLOCK}_open":
                if not self.official:
                    self.run(tokens, index + 1, close, list_depth)
            elif token.type == f"container_{BASIS_BLOCK}_open":
                self._legal_basis(tokens, index, close)
            elif token.type == "hr":
                where = self.source_map(self._line(token))
                self.problems.add(
                    Location(where.file, where.line),
                    "a line of dashes or stars (a horizontal rule) is not shown in the document",
                    "delete the line; start a new page with an annex ('# Anexa') instead",
                    code="M002",
                )
            index = close + 1

    def _line(self, token: Token) -> int:
        return token.map[0] + 1 if token.map else 1

    # headings ---------------------------------------------------------------

    def _heading(self, inline: Token, level: int) -> None:
        where = self.source_map(self._line(inline))
        children, attrs = strip_trailing_attrs(inline.children or [], where, self.problems)
        raw = children[0].content if children and children[0].type == "text" else ""
        match = _STRUCTURAL_HEADING.match(raw)
        kind = structural_kind(match.group("word")) if match else None
        if kind is None and self.doc_type.is_act and not self.quoted:
            self.problems.add(
                Location(where.file, where.line),
                f"the heading {raw[:60]!r} does not start with a structural word",
                f"start it with one of: {ACCEPTED_STRUCTURAL_WORDS}",
                code="M001",
            )
        # Ordinary headings: in quoted text (another act's, kept as written), and in notes
        # and reports, where only an annex is a structural unit.
        ordinary = self.quoted or (not self.doc_type.is_act and kind != "annex")
        if kind is None or match is None or ordinary:
            content = convert_inline(children, where.line, self.source_map, self.problems)
            self.units.append(Unit("plain-heading", where, content, level=level, attrs=attrs))
            return
        number = match.group("number") or ""
        title_start = match.start("title")
        word = match.group("word")
        if number and word.endswith(".") and len(word) > 4:
            # "Articolul. C": the dot after the full word ends it; "C" is the title.
            number, title_start = "", match.end("word")
        title_children = strip_leading(children, title_start)
        title = convert_inline(title_children, where.line, self.source_map, self.problems)
        self.units.append(
            Unit(
                "heading",
                where,
                _marks_on_the_number(title),
                attrs=attrs,
                division=kind,
                number=number,
            )
        )

    # paragraphs -------------------------------------------------------------

    def _paragraph(self, inline: Token, list_depth: int, in_item: bool) -> None:
        first_line = self._line(inline)
        line = first_line
        for piece in split_lines(inline.children or []):
            self._line_unit(piece, line, list_depth, in_item)
            line += _lines_spanned(piece)
            in_item = True if list_depth else in_item

    def _line_unit(self, piece: list[Token], line: int, list_depth: int, in_item: bool) -> None:
        where = self.source_map(line)
        first = piece[0].content if piece and piece[0].type == "text" else ""
        opening = first[:1]
        # Most lines start with neither marker: test the first character before the regexes.
        alineat = _ALINEAT.match(first) if opening == "(" else None
        point = _POINT.match(first) if opening.isalnum() else None
        if alineat or point:
            matched = alineat or point
            assert matched is not None
            head = _first_line(piece)
            rest = piece[len(head) :]
            head, attrs = strip_trailing_attrs(
                strip_leading(head, matched.end()), where, self.problems
            )
            content = convert_inline(head + rest, line, self.source_map, self.problems)
            if alineat:
                number = alineat.group(1)
                self.units.append(
                    Unit(
                        "alineat",
                        where,
                        content,
                        marker="" if number == "#" else number,
                        attrs=attrs,
                    )
                )
            else:
                assert point is not None
                marker = point.group(0).strip()
                self.units.append(
                    Unit(
                        "point",
                        where,
                        content,
                        marker=marker,
                        attrs=attrs,
                        level=0,
                        handwritten=True,
                    )
                )
            return
        content = convert_inline(piece, line, self.source_map, self.problems)
        self.units.append(Unit("para", where, content, in_item=in_item))

    # lists ------------------------------------------------------------------

    def _list(self, tokens: list[Token], start: int, end: int, depth: int) -> None:
        """List items are points. As in CommonMark, an ordered list counts from its first
        number ("1. 1. 1." reads 1., 2., 3.); a list that starts elsewhere ("3)") is
        taken as handwritten there, and numbering goes on from it."""
        opening = tokens[start]
        ordered = opening.type == "ordered_list_open"
        first_number = int(opening.attrs.get("start", 1) or 1) if ordered else 1
        index, position = start + 1, 0
        while index < end:
            item_close = _matching_close(tokens, index)
            marker = f"{first_number + position}{opening.markup}" if ordered else ""
            handwritten = ordered and position == 0 and first_number != 1
            self._list_item(tokens, index, item_close, depth, marker, handwritten)
            index, position = item_close + 1, position + 1

    def _list_item(
        self,
        tokens: list[Token],
        start: int,
        end: int,
        depth: int,
        marker: str,
        handwritten: bool,
    ) -> None:
        item = tokens[start]
        where = self.source_map(self._line(item))
        ordered = bool(marker)
        index = start + 1
        first = True
        while index < end:
            token = tokens[index]
            close = _matching_close(tokens, index)
            if first and token.type == "paragraph_open":
                self._item_first_paragraph(tokens[index + 1], where, depth, marker, handwritten)
            elif first:
                # An item that starts with something other than text: an empty point.
                self.units.append(
                    Unit(
                        "point",
                        where,
                        [],
                        level=depth,
                        marker=marker,
                        bullet=not ordered,
                        handwritten=handwritten,
                    )
                )
                self.run(tokens, index, close + 1, depth)
            elif token.type == "paragraph_open":
                self._paragraph(tokens[index + 1], depth, in_item=True)
            else:
                self.run(tokens, index, close + 1, depth)
            first = False
            index = close + 1

    def _item_first_paragraph(
        self, inline: Token, where: Source, depth: int, marker: str, handwritten: bool
    ) -> None:
        pieces = split_lines(inline.children or [])
        head = pieces[0]
        head_line, attrs = strip_trailing_attrs(_first_line(head), where, self.problems)
        content = convert_inline(
            head_line + head[len(_first_line(head)) :], where.line, self.source_map, self.problems
        )
        self.units.append(
            Unit(
                "point",
                where,
                content,
                level=depth,
                marker=marker,
                attrs=attrs,
                bullet=not marker,
                handwritten=handwritten,
            )
        )
        line = where.line + _lines_spanned(head)
        for piece in pieces[1:]:
            self._line_unit(piece, line, depth, in_item=True)
            line += _lines_spanned(piece)

    # quoted structures and tables ---------------------------------------------

    def _legal_basis(self, tokens: list[Token], start: int, end: int) -> None:
        """Each line of the block is a line of the act's legal basis (a formal element)."""
        for index in range(start + 1, end):
            token = tokens[index]
            if token.type == "inline":
                where = self.source_map(self._line(token))
                content = convert_inline(
                    token.children or [], where.line, self.source_map, self.problems
                )
                line = FormalLine(where, content, role="basis")
                self.units.append(Unit("formal", where, block=line))

    def _quote(self, tokens: list[Token], start: int, end: int) -> None:
        where = self.source_map(self._line(tokens[start]))
        inner = _Flattener(
            self.doc_type, self.source_map, self.problems, quoted=True, official=self.official
        )
        inner.run(tokens, start + 1, end)
        quote = QuotedStructure(where, assemble_quoted(inner.units, self.problems))
        self.units.append(Unit("quote", where, block=quote))

    def _table(self, tokens: list[Token], start: int, end: int) -> None:
        where = self.source_map(self._line(tokens[start]))
        header: list[TableCell] = []
        rows: list[list[TableCell]] = []
        row: list[TableCell] = []
        line = where.line
        for token in tokens[start:end]:
            if token.type == "tr_open":
                row = []
                line = self._line(token) if token.map else line
            elif token.type in ("th_open", "td_open"):
                style = str(token.attrs.get("style", ""))
                align = style.removeprefix("text-align:") if style else ""
                row.append(TableCell([], align))
            elif token.type == "inline":
                row[-1].content = convert_inline(
                    token.children or [], line, self.source_map, self.problems
                )
            elif token.type == "tr_close":
                if header:
                    rows.append(row)
                else:
                    header = row
        header, rows = self._aid_columns(header, rows)
        self.units.append(Unit("table", where, block=Table(where, header, rows)))

    def _aid_columns(
        self, header: list[TableCell], rows: list[list[TableCell]]
    ) -> tuple[list[TableCell], list[list[TableCell]]]:
        """A column whose header ends with ``{.aid}`` is a drafting aid (a status column):
        the marker is taken off, and in the official edition the whole column."""
        aid: set[int] = set()
        for index, cell in enumerate(header):
            last = cell.content[-1] if cell.content else None
            if isinstance(last, Text) and last.text.rstrip().endswith(AID_COLUMN):
                last.text = last.text.rstrip()[: -len(AID_COLUMN)].rstrip()
                aid.add(index)
        if not aid or not self.official:
            return header, rows
        keep = [i for i in range(len(header)) if i not in aid]
        return [header[i] for i in keep], [[r[i] for i in keep if i < len(r)] for r in rows]


_AFTER_NUMBER = re.compile(r"^\s*(?:[.:–—-]\s*)?")


def _marks_on_the_number(title: list[Inline]) -> list[Inline]:
    """A title that opens with footnote marks ("Articolul 46^1[^1]. Title": the marks are
    the number's) loses the "." or dash written after them: the writer puts its own."""
    count = 0
    while count < len(title) and isinstance(title[count], FootnoteRef):
        count += 1
    rest = title[count] if 0 < count < len(title) else None
    if not isinstance(rest, Text):
        return title
    text = _AFTER_NUMBER.sub("", rest.text, count=1)
    return [
        *title[:count],
        *([Text(text, rest.bold, rest.italic)] if text else []),
        *title[count + 1 :],
    ]


def _lines_spanned(tokens: list[Token]) -> int:
    return 1 + sum(t.type in ("softbreak", "hardbreak") for t in tokens)


def _first_line(tokens: list[Token]) -> list[Token]:
    for index, token in enumerate(tokens):
        if token.type in ("softbreak", "hardbreak"):
            return tokens[:index]
    return tokens


def _matching_close(tokens: list[Token], index: int) -> int:
    """Index of the token that closes ``tokens[index]`` (itself for self-closing ones)."""
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


# ---------------------------------------------------------------- footnotes


def _footnotes(
    tokens: list[Token],
    source_map: SourceMap,
    problems: Problems,
    doc_type: DocType,
    official: bool = False,
) -> list[Footnote]:
    notes: list[Footnote] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "footnote_open":
            close = _matching_close(tokens, index)
            body = [t for t in tokens[index + 1 : close] if t.type != "footnote_anchor"]
            inner = _Flattener(DocType.NOTE, source_map, problems, quoted=True, official=official)
            inner.run(body, 0, len(body))
            first_line = next((t.map[0] + 1 for t in body if t.map), 1)
            notes.append(
                Footnote(
                    name=str(token.meta["label"]),
                    content=assemble_quoted(inner.units, problems),
                    source=source_map(first_line),
                )
            )
            index = close
        index += 1
    return notes


def _unused_footnotes(
    markdown: str, env: dict[str, Any], source_map: SourceMap, problems: Problems
) -> None:
    """markdown-it drops a footnote definition nothing refers to; say so rather than lose it."""
    refs = env.get("footnotes", {}).get("refs", {})
    for key, number in refs.items():
        if number != -1:
            continue  # -1: defined but never referred to
        label = key[1:]
        match = re.search(rf"^[ \t]*\[\^{re.escape(label)}\]:", markdown, re.M)
        line = markdown.count("\n", 0, match.start()) + 1 if match else 1
        where = source_map(line)
        problems.add(
            Location(where.file, where.line),
            f"the footnote [^{label}] is never referred to",
            f"put [^{label}] where the note belongs, or delete the note",
            code="M002",
        )


def _body_end(tokens: list[Token]) -> int:
    for index, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            return index
    return len(tokens)


# ---------------------------------------------------------------- entry point


def parse_document(
    text: str,
    file: str,
    *,
    source_map: SourceMap | None = None,
    default_lang: str | None = None,
    problems: Problems | None = None,
    edition: Edition = "working",
) -> Document:
    """Parse legislative Markdown into an unnumbered Document tree, as ``edition`` has it:
    the official edition leaves out the drafting aids (``::: aid`` blocks, ``{.aid}``
    columns, notes that start with a drafting-note label such as "De verificat:").

    Problems are collected in ``problems`` (a new collector when None) and raised as
    :class:`~lexkit.errors.LexkitError` at the end if any is an error.
    """
    own = problems is None
    problems = problems if problems is not None else Problems()
    source_map = source_map or identity_source_map(file)
    yaml_text, markdown = split_front_matter(text)
    meta = parse_meta(yaml_text, source_map, problems, default_lang)
    env: dict[str, Any] = {}
    tokens = _MD.parse(markdown, env)
    _unused_footnotes(markdown, env, source_map, problems)
    end = _body_end(tokens)
    official = edition == "official"
    flattener = _Flattener(meta.type, source_map, problems, official=official)
    flattener.run(tokens, 0, end)
    assembler = Assembler(meta.type, meta.amending, problems)
    for unit in flattener.units:
        assembler.add(unit)
    document = Document(
        meta=meta,
        children=assembler.root,
        footnotes=_footnotes(tokens[end:], source_map, problems, meta.type, official),
        source_file=file,
    )
    if official:
        leave_out_aid_notes(document)
    if own:
        problems.raise_if_errors()
    return document
