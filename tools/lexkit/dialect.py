"""Legislative Markdown -> Document tree.

markdown-it-py does the CommonMark work (paragraphs, lists, block quotes, pipe tables,
footnotes, emphasis, links). This module adds the dialect on top, in three steps:

1. ``_Flattener`` turns markdown-it tokens into a flat list of *units*: structural
   headings, alineate, points, paragraphs, quoted structures and tables. Markers such as
   ``(1)``, ``a)`` or ``1)`` at the start of a line split a paragraph into units, so text
   pasted from an existing law keeps its structure.
2. ``_Assembler`` nests the units into chapters, sections, articles, alineate and points.
3. :mod:`lexkit.numbering` (a separate stage) numbers the tree and resolves references.

Raw HTML is off: a drafter's ``<b>`` stays literal text rather than becoming markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError as AttrsParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.footnote import footnote_plugin

from lexkit.document import (
    LANGS,
    Alineat,
    Block,
    Division,
    DivisionKind,
    DocType,
    Document,
    Footnote,
    FootnoteRef,
    Heading,
    Hyperlink,
    Inline,
    LineBreak,
    Meta,
    Paragraph,
    Point,
    QuotedStructure,
    Reference,
    Source,
    Table,
    TableCell,
    Text,
)
from lexkit.errors import Location, Problems, Severity
from lexkit.language import ACCEPTED_STRUCTURAL_WORDS, from_roman, structural_kind
from lexkit.yamlio import error_line, error_text, load_yaml

SourceMap = Callable[[int], Source]
"""Maps a 1-based line of the Markdown being parsed to the place the drafter wrote it."""


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
    return md


_MD = build_markdown_parser()

# ---------------------------------------------------------------- front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (YAML text, Markdown with the front matter replaced by blank lines).

    Blank lines keep every Markdown line at its original number.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text
    block = match.group(0)
    return match.group(1) or "", "\n" * block.count("\n") + text[match.end() :]


def parse_meta(
    yaml_text: str, source_map: SourceMap, problems: Problems, default_lang: str | None
) -> Meta:
    """Validate the front matter; every problem is collected, defaults fill the gaps."""
    here = source_map(1)
    data: dict[str, Any] = {}
    if yaml_text.strip():
        try:
            loaded = load_yaml(yaml_text)
        except yaml.YAMLError as error:
            # +1: the front matter starts on the line after the first '---'.
            where = source_map((error_line(error) or 0) + 1)
            problems.add(
                Location(where.file, where.line),
                f"the front matter is not valid YAML ({error_text(error)})",
                "write it as 'key: value' lines between two '---' lines; quote values "
                "that contain ':' or start with a special character",
            )
            loaded = {}
        if isinstance(loaded, dict):
            data = loaded
        elif loaded is not None:
            problems.add(
                Location(here.file, here.line),
                "the front matter must be a list of 'key: value' lines",
                "see README, 'Front matter'",
            )
    title = str(data.get("title") or "")
    doc_type = _front_matter_type(data.get("type", "law"), here, problems)
    lang_value = data.get("lang", default_lang or "ro")
    if lang_value not in LANGS:
        problems.add(
            Location(here.file, here.line),
            f"front matter 'lang' must be ro or en, not {lang_value!r}",
            "write 'lang: ro' or 'lang: en'",
        )
        lang_value = "ro"
    when = _front_matter_date(data.get("date"), here, problems)
    known = {"title", "type", "lang", "author", "date", "subject", "amending"}
    return Meta(
        title=title,
        type=doc_type,
        lang=lang_value,
        author=str(data.get("author") or ""),
        date=when,
        subject=str(data.get("subject") or ""),
        amending=bool(data.get("amending", False)),
        extra={k: v for k, v in data.items() if k not in known},
    )


def _front_matter_type(value: object, here: Source, problems: Problems) -> DocType:
    try:
        return DocType(str(value))
    except ValueError:
        allowed = ", ".join(t.value for t in DocType)
        problems.add(
            Location(here.file, here.line),
            f"front matter 'type' is {value!r}, which is not a document type",
            f"use one of: {allowed}",
        )
        return DocType.LAW


def _front_matter_date(value: object, here: Source, problems: Problems) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(
            Location(here.file, here.line),
            f"front matter 'date' {value!r} is not a date",
            "write it as YYYY-MM-DD, e.g. 'date: 2025-09-12'",
        )
        return None


# ---------------------------------------------------------------- attributes and markers

_TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")
# "(1)", "(#)", "(5^1)" at the start of a line: an alineat.
_ALINEAT = re.compile(r"^\((#|\d+(?:\^\d+)?)\)\s+")
# "a)", "b^1)", "12)", "3." at the start of a line: a point. "12." needs text after it.
_POINT = re.compile(r"^(?:([a-z]{1,2}(?:\^\d+)?)\)|(\d+(?:\^\d+)?)\)|(\d+(?:\^\d+)?)\.)\s+")
_SUPERSCRIPT = re.compile(r"(?<=\w)\^(\d+)")
# "Articolul 62^1. Title", "Capitolul III – Title", "Anexa nr. 2. Title", "Articolul. Title"
_STRUCTURAL_HEADING = re.compile(
    r"""^(?P<word>[^\W\d_]+\.?)                 # the structural word
        (?:\s+nr\.)?                               # "Anexa nr. 1"
        (?:\s+(?P<number>\d+(?:\^\d+)?|[IVXLCDM]+(?:\^\d+)?)(?!\w))?  # a handwritten number
        \s*(?:[.:–—-]\s*)?                         # "." or a dash after the number
        (?P<title>.*)$""",
    re.X,
)


@dataclass
class _Attrs:
    id: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def split_attrs(text: str, where: Source, problems: Problems) -> tuple[str, _Attrs]:
    """Take ``{#id key="value"}`` off the end of a line of text."""
    if not text.rstrip().endswith("}"):
        return text, _Attrs()
    match = _TRAILING_ATTRS.search(text)
    if not match:
        return text, _Attrs()
    try:
        _, values = parse_attrs(match.group(1))
    except AttrsParseError as error:
        problems.add(
            Location(where.file, where.line),
            f"cannot read the attributes {match.group(1)!r}: {error}",
            'write them as {#id key="value"}; an id is letters, digits, "-" and "_"',
        )
        return text[: match.start()], _Attrs()
    ident = values.pop("id", "")
    return text[: match.start()], _Attrs(ident, values)


Place = Literal["body", "article", "quoted"]
"""Where a point stands: outside any article, inside one, or in quoted text of another act."""


def marker_kinds(doc_type: DocType, amending: bool, place: Place) -> tuple[str, ...]:
    """The point marker of each level (1, 2, 3) in one place of one kind of document.

    Laws: a), 1). Amending articles (Law 100/2017 art. 51(4)) and the points of a
    regulation or government decision: 1., then a), then 1). Notes and reports: dashes.
    Quoted text nests by the markers as written in the amended act (1., a), 1)).
    """
    if place == "quoted":
        return ("1.", "a)", "1)")
    if not doc_type.is_act:
        return ("–", "–", "–")
    if (amending and place == "article") or (doc_type.numbers_points and place == "body"):
        return ("1.", "a)", "1)")
    return ("a)", "1)", "–")


def point_marker_kind(marker: str) -> str:
    """The kind of a written point marker: "a)" letter, "1)" digit, "1." dotted."""
    if marker.endswith("."):
        return "1."
    return "a)" if marker[0].isalpha() else "1)"


# ---------------------------------------------------------------- inline conversion


def text_nodes(text: str, bold: bool, italic: bool) -> list[Inline]:
    """Plain text, with ``62^1`` written as 62 and a superscript 1."""
    if "^" not in text:
        return [Text(text, bold, italic)] if text else []
    nodes: list[Inline] = []
    pos = 0
    for match in _SUPERSCRIPT.finditer(text):
        if match.start() > pos:
            nodes.append(Text(text[pos : match.start()], bold, italic))
        nodes.append(Text(match.group(1), bold, italic, superscript=True))
        pos = match.end()
    if pos < len(text):
        nodes.append(Text(text[pos:], bold, italic))
    return nodes


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
            target.extend(text_nodes(token.content, bold, italic))
    return out


_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")


def _undefined_footnotes(text: str, where: Source, problems: Problems) -> None:
    """markdown-it leaves ``[^x]`` as text when no ``[^x]: ...`` defines it."""
    for match in _FOOTNOTE_MARK.finditer(text):
        problems.add(
            Location(where.file, where.line),
            f"the footnote [^{match.group(1)}] has no text",
            f"add a line '[^{match.group(1)}]: text of the note' at the end of the document",
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
) -> tuple[list[Token], _Attrs]:
    """Read ``{#id ...}`` at the end of the last text token of a line."""
    if not children or children[-1].type != "text":
        return children, _Attrs()
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


# ---------------------------------------------------------------- units


@dataclass
class _Unit:
    kind: str  # heading | alineat | point | para | quote | table | plain-heading
    source: Source
    content: list[Inline] = field(default_factory=list)
    level: int = 0
    marker: str = ""  # as written; "" for automatic
    attrs: _Attrs = field(default_factory=_Attrs)
    division: DivisionKind | None = None
    number: str = ""
    bullet: bool = False
    in_item: bool = False  # a paragraph continuing a list item
    handwritten: bool = False  # the marker is the drafter's, kept as written
    block: Block | None = None


class _Flattener:
    """Reads markdown-it tokens into units, one block at a time."""

    def __init__(
        self, doc_type: DocType, source_map: SourceMap, problems: Problems, quoted: bool = False
    ) -> None:
        self.doc_type = doc_type
        self.source_map = source_map
        self.problems = problems
        self.quoted = quoted
        self.units: list[_Unit] = []

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
            elif token.type == "hr":
                where = self.source_map(self._line(token))
                self.problems.add(
                    Location(where.file, where.line),
                    "a line of dashes or stars (a horizontal rule) is not shown in the document",
                    "delete the line; start a new page with an annex ('# Anexa') instead",
                    severity=Severity.WARNING,
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
        if kind is None or match is None:
            if self.doc_type.is_act and not self.quoted:
                self.problems.add(
                    Location(where.file, where.line),
                    f"the heading {raw[:60]!r} does not start with a structural word",
                    f"start it with one of: {ACCEPTED_STRUCTURAL_WORDS}",
                )
            self.units.append(
                _Unit(
                    "plain-heading",
                    where,
                    convert_inline(children, where.line, self.source_map, self.problems),
                    level=level,
                    attrs=attrs,
                )
            )
            return
        if self.quoted:
            # Inside a quoted structure the heading is text of another act: kept as written.
            self.units.append(
                _Unit(
                    "plain-heading",
                    where,
                    convert_inline(children, where.line, self.source_map, self.problems),
                    level=level,
                    attrs=attrs,
                )
            )
            return
        number = match.group("number") or ""
        title_start = match.start("title")
        word = match.group("word")
        if number and word.endswith(".") and len(word) > 4:
            # "Articolul. C": the dot after the full word ends it; "C" is the title.
            number, title_start = "", match.end("word")
        title_children = strip_leading(children, title_start)
        self.units.append(
            _Unit(
                "heading",
                where,
                convert_inline(title_children, where.line, self.source_map, self.problems),
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
            line += 1 + sum(t.type in ("softbreak", "hardbreak") for t in piece)
            in_item = True if list_depth else in_item

    def _line_unit(self, piece: list[Token], line: int, list_depth: int, in_item: bool) -> None:
        where = self.source_map(line)
        first = piece[0].content if piece and piece[0].type == "text" else ""
        alineat = _ALINEAT.match(first)
        point = None if alineat else _POINT.match(first)
        if alineat or point:
            matched = alineat or point
            assert matched is not None
            body = strip_leading(piece, matched.end())
            body, attrs = strip_trailing_attrs(_first_line(body), where, self.problems)
            rest = piece[len(_first_line(piece)) :]
            content = convert_inline(body + rest, line, self.source_map, self.problems)
            if alineat:
                number = alineat.group(1)
                self.units.append(
                    _Unit(
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
                    _Unit(
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
        self.units.append(_Unit("para", where, content, in_item=in_item))

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
                    _Unit(
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
            _Unit(
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
        line = where.line + 1 + sum(t.type in ("softbreak", "hardbreak") for t in head)
        for piece in pieces[1:]:
            self._line_unit(piece, line, depth, in_item=True)
            line += 1 + sum(t.type in ("softbreak", "hardbreak") for t in piece)

    # quoted structures and tables ---------------------------------------------

    def _quote(self, tokens: list[Token], start: int, end: int) -> None:
        where = self.source_map(self._line(tokens[start]))
        inner = _Flattener(self.doc_type, self.source_map, self.problems, quoted=True)
        inner.run(tokens, start + 1, end)
        quote = QuotedStructure(where, assemble_quoted(inner.units, self.problems))
        self.units.append(_Unit("quote", where, block=quote))

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
        self.units.append(_Unit("table", where, block=Table(where, header, rows)))


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


# ---------------------------------------------------------------- assembly


class _Assembler:
    """Nests units: divisions contain alineate, alineate contain points, points nest by level."""

    def __init__(
        self, doc_type: DocType, amending: bool, problems: Problems, quoted: bool = False
    ) -> None:
        self.doc_type = doc_type
        self.amending = amending
        self.problems = problems
        self.quoted = quoted
        self.root: list[Block] = []
        self.divisions: list[Division] = []  # open divisions, outermost first
        self.alineat: Alineat | None = None
        self.points: list[Point] = []  # open points, outermost first

    def container(self) -> list[Block]:
        return self.divisions[-1].children if self.divisions else self.root

    def add(self, unit: _Unit) -> None:
        handler = getattr(self, f"_add_{unit.kind.replace('-', '_')}")
        handler(unit)

    def _add_heading(self, unit: _Unit) -> None:
        assert unit.division is not None
        rank = _RANK[unit.division]
        while self.divisions and _RANK[self.divisions[-1].kind] >= rank:
            self.divisions.pop()
        if unit.division == "annex":
            self.divisions.clear()
        division = Division(
            source=unit.source,
            kind=unit.division,
            title=unit.content,
            number=unit.number,
            handwritten=bool(unit.number),
            id=unit.attrs.id,
            attrs=unit.attrs.extra,
        )
        self.container().append(division)
        self.divisions.append(division)
        self.alineat, self.points = None, []

    def _add_plain_heading(self, unit: _Unit) -> None:
        self.alineat, self.points = None, []
        self.container().append(Heading(unit.source, unit.level, unit.content, unit.attrs.id))

    def in_article(self) -> bool:
        return any(d.kind == "article" for d in self.divisions)

    def place(self) -> Place:
        if self.quoted:
            return "quoted"
        return "article" if self.in_article() else "body"

    def _add_alineat(self, unit: _Unit) -> None:
        if not (self.quoted or self.in_article()):
            self._add_para(unit, text_marker=f"({unit.marker or '#'}) ")
            return
        self.points = []
        alineat = Alineat(
            source=unit.source,
            content=unit.content,
            number=unit.marker,
            handwritten=bool(unit.marker),
            id=unit.attrs.id,
            attrs=unit.attrs.extra,
        )
        self.container().append(alineat)
        self.alineat = alineat

    def _point_level(self, unit: _Unit) -> int:
        """Bullets nest by indentation; a written marker's kind gives its level."""
        if unit.bullet or not unit.marker:
            return max(unit.level, 1)
        kinds = marker_kinds(self.doc_type, self.amending, self.place())
        kind = point_marker_kind(unit.marker)
        if kind in kinds:
            return kinds.index(kind) + 1
        return max(unit.level, 1)

    def _add_point(self, unit: _Unit) -> None:
        level = self._point_level(unit)
        while self.points and self.points[-1].level >= level:
            self.points.pop()
        point = Point(
            source=unit.source,
            level=level,
            content=unit.content,
            marker=unit.marker if unit.handwritten else "",
            handwritten=unit.handwritten,
            id=unit.attrs.id,
            attrs=unit.attrs.extra,
            bullet=unit.bullet,
        )
        self._point_parent().append(point)
        self.points.append(point)

    def _point_parent(self) -> list[Block]:
        if self.points:
            return self.points[-1].children
        if self.alineat is not None:
            return self.alineat.children
        return self.container()

    def _add_para(self, unit: _Unit, text_marker: str = "") -> None:
        content = ([Text(text_marker)] if text_marker else []) + unit.content
        paragraph = Paragraph(unit.source, content)
        if unit.in_item and self.points:
            self.points[-1].children.append(paragraph)
            return
        self.points = []
        if self.alineat is not None:
            self.alineat.children.append(paragraph)
        else:
            self.container().append(paragraph)

    def _add_quote(self, unit: _Unit) -> None:
        assert unit.block is not None
        self._point_parent().append(unit.block)

    def _add_table(self, unit: _Unit) -> None:
        assert unit.block is not None
        self._point_parent().append(unit.block)


_RANK: dict[DivisionKind, int] = {"annex": 0, "chapter": 1, "section": 2, "article": 3}


def assemble_quoted(units: list[_Unit], problems: Problems) -> list[Block]:
    """Nest the units of quoted text (or a footnote): alineate and points as written,
    headings as ordinary headings, nothing numbered as part of the host act."""
    assembler = _Assembler(DocType.LAW, False, problems, quoted=True)
    for unit in units:
        assembler.add(unit)
    return assembler.root


# ---------------------------------------------------------------- footnotes


def _footnotes(
    tokens: list[Token], source_map: SourceMap, problems: Problems, doc_type: DocType
) -> list[Footnote]:
    notes: list[Footnote] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "footnote_open":
            close = _matching_close(tokens, index)
            body = [t for t in tokens[index + 1 : close] if t.type != "footnote_anchor"]
            inner = _Flattener(DocType.NOTE, source_map, problems, quoted=True)
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
            severity=Severity.WARNING,
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
) -> Document:
    """Parse legislative Markdown into an unnumbered Document tree.

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
    flattener = _Flattener(meta.type, source_map, problems)
    flattener.run(tokens, 0, end)
    assembler = _Assembler(meta.type, meta.amending, problems)
    for unit in flattener.units:
        assembler.add(unit)
    document = Document(
        meta=meta,
        children=assembler.root,
        footnotes=_footnotes(tokens[end:], source_map, problems, meta.type),
        source_file=file,
    )
    if own:
        problems.raise_if_errors()
    return document


def roman_or_int(number: str) -> int | None:
    """The base value of a written number: "62^1" -> 62, "IV" -> 4, "IV^1" -> 4."""
    base = number.split("^", 1)[0]
    if base.isdigit():
        return int(base)
    return from_roman(base)
