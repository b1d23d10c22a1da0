"""Document tree -> DOCX, with the styles, page setup and footer of reference.docx.

The reference document supplies every part but the body: styles, numbering, theme,
settings, footer with page numbers, section properties. The writer adds the body,
the footnotes, the document properties and the language, and zips the package with
fixed dates so the same tree always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from lxml import etree

from lexkit.engine.formal import (
    ATTACHED,
    FORMAL_WORDS,
    ONLY_ANNEX,
    head_lines,
    lines_after_kind,
)
from lexkit.engine.labels import act_kind, division_word
from lexkit.engine.model import (
    COMPARISON,
    Alineat,
    Block,
    Division,
    Document,
    FootnoteRef,
    FormalLine,
    Heading,
    Hyperlink,
    Inline,
    LineBreak,
    Paragraph,
    Picture,
    Point,
    QuotedStructure,
    Reference,
    Renumbering,
    Revision,
    Table,
    TableCell,
    Text,
    plain_text,
    text_nodes,
)
from lexkit.engine.writers.docx import markup
from lexkit.engine.writers.docx.parts import (
    APP_XML,
    EMPTY_RELS,
    content_types,
    core_xml,
    document_rels,
    image_size,
    settings_xml,
    styles_xml,
    with_pictures,
    with_web_links,
)
from lexkit.engine.writers.docx.reference import ReferenceDocument
from lexkit.engine.writers.docx.styles import HEADING_STYLES, POINT_STYLES, Style
from lexkit.io.archive import Parts, zip_parts
from lexkit.io.ooxml import nsdecls, qn
from lexkit.language import WORDS

TEXT_WIDTH_TWIPS = 9638  # A4 (21 cm) less two 2 cm margins
TEXT_WIDTH_EMU = 6_120_000  # the same 17 cm in drawing units (360,000 per cm)
EMU_PER_INCH = 914_400
_DRAFT_MARK = {"ro": "Proiect", "en": "Draft"}
# A footnote mark right after a superscript unit number reads as part of it ("art. 20^1"
# with note 12 prints "20¹¹²"). A narrow no-break space, not raised, sets the mark apart yet
# keeps it on the unit it annotates, on the same line; moving the mark past the next
# punctuation would hang it on other words (e.g. "cu următorul cuprins:").
MARK_SEPARATOR = "\u202f"
# A unit number or label that ends with a superscript: "46^1", "art. 20^1".
_SUPERSCRIPT_END = re.compile(r"\w\^\d+$")


# ---------------------------------------------------------------- the body


class BodyWriter:
    """Writes the blocks of one document as WordprocessingML strings."""

    def __init__(self, document: Document, reference: ReferenceDocument) -> None:
        self.document = document
        self.reference = reference
        self.lang = document.meta.lang
        self.fmt = markup.RunFormats(self.lang, reference.style(Style.FOOTNOTE_REFERENCE))
        self.mark_rpr = self.fmt.lang
        self.out: list[str] = []
        self.next_bookmark = 0
        # Web links of the part being written (url -> relationship id); the body and the
        # footnotes are separate parts with relationships of their own.
        self.links: dict[str, str] = {}
        self.pictures: list[tuple[str, bytes]] = []  # (part name under word/, bytes)
        # Paragraphs of ``out`` inserted or deleted as a whole (a comparison), by index.
        self.revised_paragraphs: dict[int, Revision] = {}
        self.style_ids = {style: reference.style(style) for style in Style}
        # The page: the reference's, turned to landscape when the document asks for it
        # (meta.extra["orientation"]; the comparative table sets two texts side by side).
        self.sect_pr, self.text_width = _page_setup(document, reference)

    def style(self, style: Style) -> str:
        return self.style_ids[style]

    def para(
        self, style: Style, runs: str, extra: str = "", revision: Revision | None = None
    ) -> None:
        if revision is None:
            self.out.append(markup.paragraph(self.style(style), runs, extra, self.mark_rpr))
            return
        self.revised_paragraphs[len(self.out)] = revision
        self.out.append(
            markup.paragraph(
                self.style(style),
                markup.revised(runs, revision),
                extra,
                self.mark_rpr,
                markup.revision_mark(revision),
            )
        )

    def blocks(self, blocks: list[Block], quoted: bool = False) -> None:
        for block in blocks:
            BLOCK_WRITERS[type(block)](self, block, quoted)

    # inline ---------------------------------------------------------------------

    def inline(
        self, content: list[Inline], bold: bool = False, after_superscript: bool = False
    ) -> str:
        """The runs of inline content; ``after_superscript`` says the runs just before it
        end with a superscript (a unit number such as 46^1)."""
        runs: list[str] = []
        for node in content:
            run = INLINE_WRITERS[type(node)](self, node, bold)
            if run:
                if after_superscript and type(node) is FootnoteRef:
                    run = self.fmt.run(MARK_SEPARATOR, bold) + run
                if type(node) is not Text or node.text:  # an empty run separates nothing
                    after_superscript = _ends_superscript(node)
                # A word inserted or deleted in a comparison (None in every other document).
                runs.append(run if node.revision is None else markup.revised(run, node.revision))
        return "".join(runs)

    def picture(self, picture: Picture) -> str:
        """The picture in line, as wide as its pixels at its resolution, at most the text
        width; its bytes become a media part of the package."""
        width, height, dpi, extension = image_size(picture.data)
        cx = round(width / dpi * EMU_PER_INCH)
        cy = round(height / dpi * EMU_PER_INCH)
        if cx > TEXT_WIDTH_EMU:
            cx, cy = TEXT_WIDTH_EMU, round(cy * TEXT_WIDTH_EMU / cx)
        number = len(self.pictures) + 1
        self.pictures.append((f"media/image{number}.{extension}", picture.data))
        return markup.inline_picture(number, f"lkImage{number}", picture.alt, cx, cy)

    def web_link(self, link: Hyperlink, bold: bool) -> str:
        inner = self.inline(link.text, bold) if link.text else self.fmt.run(link.url, bold)
        styled = inner.replace(
            "<w:rPr>", f'<w:rPr><w:rStyle w:val="{self.style(Style.HYPERLINK)}"/>'
        )
        rid = self.links.setdefault(link.url, f"lkLink{len(self.links) + 1}")
        return markup.external_link(rid, styled)

    def number(self, text: str, bold: bool = False) -> str:
        """Text in which ``62^1`` is written with a superscript 1."""
        if "^" not in text:
            return self.fmt.run(text, bold)
        return self.inline(text_nodes(text, bold, False))

    def bookmarked(self, name: str, inner: str) -> str:
        if not name:
            return inner
        self.next_bookmark += 1
        return markup.bookmark(self.next_bookmark, name, inner)

    def numbered(
        self, before: str, number: str, after: str, renumbering: Renumbering | None
    ) -> str:
        """``before number after`` (e.g. "Articolul 5", "(2) "); a unit renumbered in a
        comparison shows its old number deleted and the new one inserted, nothing else."""
        if renumbering is None:
            return self.number(f"{before}{number}{after}")
        return "".join(
            (
                self.number(before) if before else "",
                markup.revised(self.number(renumbering.old), renumbering.deleted),
                markup.revised(self.number(number), renumbering.inserted),
                self.number(after) if after else "",
            )
        )

    # title block -------------------------------------------------------------------

    def title_block(self) -> None:
        meta = self.document.meta
        if meta.type.is_act and meta.extra.get("draft", True) is not False:
            self.para(Style.DRAFT_MARK, self.fmt.run(_DRAFT_MARK[self.lang]))
        for role, text in head_lines(self.document):
            self.para(FORMAL_STYLES[role], self.lines(text))
        kind_line = act_kind(meta.type, self.lang)
        if meta.title_content is not None:  # a comparison: the title with its changes
            title = self.inline(meta.title_content)
        else:
            title = self.number(meta.title) if meta.title else ""
        if kind_line:
            number, under = lines_after_kind(self.document)
            self.para(Style.TITLE, self.fmt.run(kind_line + number))
            for line in under:
                self.para(Style.ACT_NUMBER, self.fmt.run(line))
            if title:
                self.para(Style.ACT_TITLE, title)
        elif title:
            self.para(Style.TITLE, title)

    def lines(self, text: str) -> str:
        """Runs of ``text`` with its line breaks kept."""
        return self.fmt.line_break().join(self.fmt.run(line) for line in text.split("\n"))

    # helpers of the block writers ---------------------------------------------------

    def paragraph_kind(self, index: int) -> str:
        revision = self.revised_paragraphs.get(index)
        return revision.kind if revision is not None else ""

    def quote_marks(
        self, accepted: list[int], rejected: list[int], mark: str
    ) -> list[tuple[int, str]]:
        """Where a quote mark goes: the one paragraph that starts (ends) the quote both ways,
        or an inserted mark in the paragraph that does with the changes accepted and a
        deleted one in the paragraph that does with them rejected."""
        if accepted == rejected:
            return [(accepted[0], mark)]
        revision = next(
            self.revised_paragraphs[i]
            for i in (*accepted, *rejected)
            if i in self.revised_paragraphs
        )
        out = [(i, markup.revised(mark, replace(revision, kind="ins"))) for i in accepted]
        out += [(i, markup.revised(mark, replace(revision, kind="del"))) for i in rejected]
        return out

    def table_row(
        self,
        cells: list[TableCell],
        widths: list[int],
        style: Style,
        tr_pr: str,
        revision: Revision | None = None,
    ) -> str:
        """One table row; a row inserted or deleted in a comparison is marked so in its
        trPr, and so are its cells' text and paragraph marks."""
        style_id = self.style(style)
        mark = ""
        if revision is not None:
            mark = markup.revision_mark(revision)
            tr_pr += mark
        out = [f"<w:tr><w:trPr>{tr_pr}</w:trPr>" if tr_pr else "<w:tr>"]
        for index, width in enumerate(widths):
            cell = cells[index] if index < len(cells) else TableCell([])
            jc = _ALIGN.get(cell.align, "")
            runs = self.inline(cell.content)
            if revision is not None:
                runs = markup.revised(runs, revision)
            merge = _VERTICAL_MERGE[cell.vertical_merge]
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}</w:tcPr>'
                + markup.paragraph(style_id, runs, jc, self.mark_rpr, mark)
                + "</w:tc>"
            )
        out.append("</w:tr>")
        return "".join(out)


# ---------------------------------------------------------------- the inline writers

InlineWriter = Callable[["BodyWriter", Any, bool], str]
"""The runs of one kind of inline node ("" for none); the flag makes them bold."""

INLINE_WRITERS: dict[type, InlineWriter] = {}
"""Each kind of inline node and the function that writes it."""

_I = TypeVar("_I", bound=Inline)


def _writes_inline(
    kind: type[_I],
) -> Callable[[Callable[[BodyWriter, _I, bool], str]], InlineWriter]:
    def register(function: Callable[[BodyWriter, _I, bool], str]) -> InlineWriter:
        INLINE_WRITERS[kind] = function
        return function

    return register


def _ends_superscript(node: Inline) -> bool:
    """Whether the runs of ``node`` end with a superscript: a raised Text, or a reference
    whose text or label ("art. 20^1") does (a footnote mark is not: marks stay as written)."""
    if isinstance(node, Text):
        return node.superscript
    if isinstance(node, Reference | Hyperlink):
        if node.text:
            return _ends_superscript(node.text[-1])
        return isinstance(node, Reference) and _SUPERSCRIPT_END.search(node.label) is not None
    return False


@_writes_inline(Text)
def _text(writer: BodyWriter, node: Text, bold: bool) -> str:
    return writer.fmt.run(
        node.text, node.bold or bold, node.italic, node.superscript, node.strike, node.underline
    )


@_writes_inline(Reference)
def _reference(writer: BodyWriter, node: Reference, bold: bool) -> str:
    inner = writer.inline(node.text, bold) if node.text else writer.number(node.label, bold)
    return markup.internal_link(node.bookmark, inner) if node.bookmark else inner


@_writes_inline(FootnoteRef)
def _footnote_reference(writer: BodyWriter, node: FootnoteRef, bold: bool) -> str:
    return writer.fmt.footnote_reference(node.number) if node.number else ""


@_writes_inline(LineBreak)
def _line_break(writer: BodyWriter, node: LineBreak, bold: bool) -> str:
    return writer.fmt.line_break()


@_writes_inline(Hyperlink)
def _web_link(writer: BodyWriter, node: Hyperlink, bold: bool) -> str:
    return writer.web_link(node, bold)


@_writes_inline(Picture)
def _picture(writer: BodyWriter, node: Picture, bold: bool) -> str:
    return writer.picture(node) if node.data else ""


# ---------------------------------------------------------------- the block writers

BlockWriter = Callable[["BodyWriter", Any, bool], None]
"""Writes one kind of block into ``writer.out``; the flag says it is quoted text."""

BLOCK_WRITERS: dict[type[Block], BlockWriter] = {}
"""Each kind of block and the function that writes it: a new kind of block joins here."""

_B = TypeVar("_B", bound=Block)


def _writes(kind: type[_B]) -> Callable[[Callable[[BodyWriter, _B, bool], None]], BlockWriter]:
    def register(function: Callable[[BodyWriter, _B, bool], None]) -> BlockWriter:
        BLOCK_WRITERS[kind] = function
        return function

    return register


@_writes(Division)
def _division(writer: BodyWriter, division: Division, quoted: bool) -> None:
    word = division_word(division.kind, writer.lang)
    marks, title_content = _number_marks(division)
    title = writer.inline(title_content)
    revision, renumbering = division.revision, division.renumbering
    if division.kind == "annex":
        before, _, after = WORDS[writer.lang].annex_number.partition("{n}")
        if division.attrs.get(ONLY_ANNEX):  # a decision's only annex: "Anexă"
            label = writer.fmt.run(FORMAL_WORDS[writer.lang].only_annex)
        elif renumbering is None:  # one run: an annex number has no superscript
            label = writer.fmt.run(f"{before}{division.number}{after}")
        else:
            label = writer.numbered(before, division.number, after, renumbering)
        attached = division.attrs.get(ATTACHED, "")
        if attached:  # "la Legea nr. ___ din ______", under the number
            word = "la" if writer.lang == "ro" else "to"
            if not attached.startswith(f"{word} "):
                attached = f"{word} {attached}"
            label += writer.fmt.line_break() + writer.fmt.run(attached)
        writer.para(
            Style.ANNEX_NUMBER,
            writer.bookmarked(division.bookmark, label),
            "<w:pageBreakBefore/>",
            revision,
        )
        if title:
            writer.para(Style.ANNEX_TITLE, title, revision=revision)
    else:
        style = {"chapter": Style.CHAPTER, "section": Style.SECTION}.get(
            division.kind, Style.ARTICLE
        )
        head = writer.numbered(f"{word} ", division.number, "", renumbering)
        if marks:
            after_superscript = _SUPERSCRIPT_END.search(division.number) is not None
            head += writer.inline(marks, after_superscript=after_superscript)
        if division.kind == "article":
            text = head + writer.fmt.run(". " if title else ".") + title
        else:
            text = head + (writer.fmt.run(". ") + title if title else "")
        writer.para(style, writer.bookmarked(division.bookmark, text), revision=revision)
    writer.blocks(division.children)


def _number_marks(division: Division) -> tuple[list[Inline], list[Inline]]:
    """The footnote marks that open a chapter's, section's or article's title
    ("Articolul 46^1[^1]. Title"): they belong to the number, after it; and the rest of
    the title (the parser took off the "." written after the marks)."""
    title = division.title
    count = 0
    while count < len(title) and isinstance(title[count], FootnoteRef):
        count += 1
    if not count or division.kind == "annex":
        return [], title
    return title[:count], title[count:]


@_writes(Alineat)
def _alineat(writer: BodyWriter, alineat: Alineat, quoted: bool) -> None:
    marker = writer.numbered("(", alineat.number, ") ", alineat.renumbering)
    style = Style.QUOTED if quoted else Style.ALINEAT
    runs = marker + writer.inline(alineat.content)
    writer.para(style, writer.bookmarked(alineat.bookmark, runs), revision=alineat.revision)
    writer.blocks(alineat.children, quoted)


@_writes(Point)
def _point(writer: BodyWriter, point: Point, quoted: bool) -> None:
    style = Style.QUOTED_POINT if quoted else POINT_STYLES[min(point.level, 3) - 1]
    runs = writer.numbered("", point.marker, "\t", point.renumbering) + writer.inline(point.content)
    writer.para(style, writer.bookmarked(point.bookmark, runs), revision=point.revision)
    writer.blocks(point.children, quoted)


@_writes(Paragraph)
def _paragraph(writer: BodyWriter, paragraph: Paragraph, quoted: bool) -> None:
    style = Style.QUOTED if quoted else Style.BODY
    if _only_pictures(paragraph.content):
        style = Style.FIGURE
    writer.para(style, writer.inline(paragraph.content), revision=paragraph.revision)


# The Word style of each formal element (FormalLine.role).
FORMAL_STYLES = {
    "issuer": Style.ISSUER,
    "number": Style.ACT_NUMBER,
    "enacting": Style.ENACTING,
    "basis": Style.LEGAL_BASIS,
    "signature": Style.SIGNATURE,
    "place": Style.SIGNATURE_PLACE,
    "attached": Style.ANNEX_NUMBER,
}


@_writes(FormalLine)
def _formal_line(writer: BodyWriter, line: FormalLine, quoted: bool) -> None:
    writer.para(FORMAL_STYLES[line.role], writer.inline(line.content), revision=line.revision)


@_writes(Heading)
def _heading(writer: BodyWriter, heading: Heading, quoted: bool) -> None:
    style = Style.QUOTED_HEADING if quoted else HEADING_STYLES[min(heading.level, 3) - 1]
    runs = writer.bookmarked(heading.bookmark, writer.inline(heading.content))
    extra = "<w:pageBreakBefore/>" if heading.new_page and not quoted else ""
    writer.para(style, runs, extra, revision=heading.revision)


@_writes(QuotedStructure)
def _quoted(writer: BodyWriter, quote: QuotedStructure, quoted: bool) -> None:
    start = len(writer.out)
    writer.blocks(quote.children, quoted=True)
    words = WORDS[writer.lang]
    opening = writer.fmt.run(words.open_quote)
    closing = writer.fmt.run(words.close_quote)
    paragraphs = [i for i in range(start, len(writer.out)) if writer.out[i].startswith("<w:p>")]
    if not paragraphs:
        writer.para(Style.QUOTED, opening + closing, revision=quote.revision)
        return
    # In a comparison the first (last) paragraph may differ between the text with the
    # changes accepted and the text with them rejected: each gets its own quote mark,
    # inserted or deleted, so that either way the quote opens and closes once.
    accepted = [i for i in paragraphs if writer.paragraph_kind(i) != "del"]
    rejected = [i for i in paragraphs if writer.paragraph_kind(i) != "ins"]
    for place, mark in writer.quote_marks(accepted[:1], rejected[:1], opening):
        writer.out[place] = writer.out[place].replace("</w:pPr>", "</w:pPr>" + mark, 1)
    for place, mark in writer.quote_marks(accepted[-1:], rejected[-1:], closing):
        writer.out[place] = writer.out[place][: -len("</w:p>")] + mark + "</w:p>"


@_writes(Table)
def _table(writer: BodyWriter, table: Table, quoted: bool) -> None:
    widths = _column_widths(table, writer.text_width)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{writer.style(Style.TABLE)}"/>'
        '<w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" '
        'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        # The header row repeats at the top of every page the table runs onto.
        writer.table_row(
            table.header,
            widths,
            Style.TABLE_HEADER,
            "<w:cantSplit/><w:tblHeader/>",
            table.revision,
        ),
    ]
    revisions = table.row_revisions
    parts.extend(
        writer.table_row(
            row,
            widths,
            Style.TABLE_TEXT,
            "",
            table.revision or (revisions[index] if index < len(revisions) else None),
        )
        for index, row in enumerate(table.rows)
    )
    parts.append("</w:tbl>")
    writer.out.append("".join(parts))


def _only_pictures(content: list[Inline]) -> bool:
    pictures = [n for n in content if isinstance(n, Picture)]
    rest = [n for n in content if not isinstance(n, Picture)]
    return bool(pictures) and all(isinstance(n, Text) and not n.text.strip() for n in rest)


_ALIGN = {
    "left": '<w:jc w:val="left"/>',
    "center": '<w:jc w:val="center"/>',
    "right": '<w:jc w:val="right"/>',
}
# A cell's place in a vertical merge (tcPr, after tcW): Word shows one cell over the rows.
_VERTICAL_MERGE = {"": "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}


# Rough width of one character of 11 pt Times New Roman, and a cell's side margins.
_CHAR_TWIPS, _CELL_MARGINS_TWIPS = 105, 180


def _column_widths(table: Table, text_width: int = TEXT_WIDTH_TWIPS) -> list[int]:
    """Column widths in twips: every column at least as wide as its longest word (so "Nr."
    or "confirmed" never breaks mid-word), the rest shared by how much text each holds;
    or, for texts set side by side, one width for every column."""
    rows = [table.header, *table.rows]
    columns = max(len(row) for row in rows) or 1
    if table.equal_columns:  # a twip or two short of the text width rather than unequal
        return [text_width // columns] * columns
    floors, wants = [], []
    for index in range(columns):
        texts = [plain_text(row[index].content) for row in rows if index < len(row)]
        longest_word = max((len(word) for text in texts for word in text.split()), default=1)
        longest_text = max((len(text) for text in texts), default=1)
        floors.append(longest_word * _CHAR_TWIPS + _CELL_MARGINS_TWIPS)
        wants.append(min(max(longest_text - longest_word, 0), 60) + 1)
    spare = text_width - sum(floors)
    if spare < 0:  # too many long words for the page: shrink every column alike
        widths = [floor * text_width // sum(floors) for floor in floors]
    else:
        widths = [
            floor + spare * want // sum(wants) for floor, want in zip(floors, wants, strict=True)
        ]
    widths[-1] += text_width - sum(widths)
    return widths


# ---------------------------------------------------------------- the page


def _page_setup(document: Document, reference: ReferenceDocument) -> tuple[str, int]:
    """The section properties of the document and the width of its text, in twips."""
    if document.meta.extra.get("orientation") != "landscape":
        return reference.sect_pr, TEXT_WIDTH_TWIPS
    return _landscape(reference.sect_pr)


def _landscape(sect_pr: str) -> tuple[str, int]:
    """The reference's section turned to landscape (the page's width and height swapped,
    its margins kept), and the width of the text between the side margins."""
    section = etree.fromstring(sect_pr or f"<w:sectPr {nsdecls('w')}/>")
    size = section.find(qn("w:pgSz"))
    if size is None:  # A4, after the references to headers and footers (schema order)
        size = etree.Element(qn("w:pgSz"), {qn("w:w"): "11906", qn("w:h"): "16838"})
        section.insert(sum(child.tag in _BEFORE_PAGE_SIZE for child in section), size)
    sides = sorted(int(size.get(qn(f"w:{side}"), "0")) for side in ("w", "h"))
    size.set(qn("w:w"), str(sides[1]))
    size.set(qn("w:h"), str(sides[0]))
    size.set(qn("w:orient"), "landscape")
    margins = section.find(qn("w:pgMar"))
    if margins is None:  # the 2 cm sides TEXT_WIDTH_TWIPS assumes
        return etree.tostring(section, encoding="unicode"), sides[1] - 2 * 1134
    taken = sum(int(margins.get(qn(f"w:{side}"), "0")) for side in ("left", "right", "gutter"))
    return etree.tostring(section, encoding="unicode"), sides[1] - taken


_BEFORE_PAGE_SIZE = {
    qn(f"w:{name}")
    for name in ("headerReference", "footerReference", "footnotePr", "endnotePr", "type")
}
# The paragraph after a table that ends the document: no space, an exact 1 pt line.
_LAST_AFTER_TABLE = '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'


# ---------------------------------------------------------------- footnotes and properties


def _footnotes_xml(writer: BodyWriter) -> tuple[str, dict[str, str]]:
    """footnotes.xml, and the web links its notes make (url -> relationship id)."""
    body_links, writer.links = writer.links, {}
    out = [markup.FOOTNOTES_OPEN]
    style_id = writer.style(Style.FOOTNOTE_TEXT)
    for note in writer.document.footnotes:
        paragraphs = []
        for index, block in enumerate(note.content or [Paragraph(note.source, [])]):
            content = getattr(block, "content", [])
            runs = writer.inline(content)
            if index == 0:
                runs = writer.fmt.footnote_mark() + writer.fmt.run(" ") + runs
            mark = ""
            if block.revision is not None:  # the note of a footnote mark a comparison added
                runs = markup.revised(runs, block.revision)
                mark = markup.revision_mark(block.revision)
            paragraphs.append(markup.paragraph(style_id, runs, "", writer.mark_rpr, mark))
        out.append(f'<w:footnote w:id="{note.number}">{"".join(paragraphs)}</w:footnote>')
    out.append(markup.FOOTNOTES_CLOSE)
    note_links, writer.links = writer.links, body_links
    return "".join(out), note_links


# ---------------------------------------------------------------- entry point


def document_parts(
    document: Document, reference: ReferenceDocument, *, track_revisions: bool | None = None
) -> Parts:
    """Every part of the DOCX package for a numbered Document. ``track_revisions`` turns
    Word's Track Changes on; by default it is on in a comparison (lexkit compare) only."""
    writer = BodyWriter(document, reference)
    writer.title_block()
    writer.blocks(document.children)
    if len(writer.out) - 1 in writer.revised_paragraphs:
        # Word cannot take away a document's last paragraph mark: after a last paragraph
        # inserted or deleted comes a plain empty one, so that accepting or rejecting does
        # not leave an empty heading or alineat at the end.
        writer.para(Style.BODY, "")
    if writer.out and writer.out[-1].startswith("<w:tbl>"):
        # Word ends a body with a paragraph, adding one after a last table that can spill
        # onto a blank page: this one is written, and is 1 pt high.
        writer.para(Style.BODY, "", _LAST_AFTER_TABLE)
    body = "".join(writer.out)
    parts = dict(reference.parts)
    lang = document.meta.lang
    footnotes, note_links = _footnotes_xml(writer)
    # Revision ids follow the bookmarks' (1, 2 ...): the two share one space of ids.
    body, footnotes = markup.number_revisions([body, footnotes], writer.next_bookmark + 1)
    parts["word/document.xml"] = (
        markup.DOCUMENT_OPEN + body + writer.sect_pr + markup.DOCUMENT_CLOSE
    ).encode()
    parts["word/footnotes.xml"] = footnotes.encode()
    parts["word/styles.xml"] = styles_xml(reference.parts["word/styles.xml"], lang)
    if track_revisions is None:
        track_revisions = document.meta.extra.get(COMPARISON) is True
    parts["word/settings.xml"] = settings_xml(
        reference.parts["word/settings.xml"], lang, track_revisions
    )
    rels = "word/_rels/document.xml.rels"
    parts[rels] = with_pictures(
        with_web_links(document_rels(reference.parts[rels]), writer.links),
        [name for name, _ in writer.pictures],
    )
    for name, data in writer.pictures:
        parts[f"word/{name}"] = data
    if note_links:
        parts["word/_rels/footnotes.xml.rels"] = with_web_links(EMPTY_RELS, note_links)
    parts["[Content_Types].xml"] = content_types(reference.parts["[Content_Types].xml"])
    parts["docProps/core.xml"] = core_xml(document)
    parts["docProps/app.xml"] = APP_XML
    return parts


def write_docx(
    document: Document, reference: ReferenceDocument, *, track_revisions: bool | None = None
) -> bytes:
    """The DOCX file of a numbered Document, as bytes (deterministic); ``track_revisions``
    as in :func:`document_parts`."""
    return zip_parts(document_parts(document, reference, track_revisions=track_revisions))
