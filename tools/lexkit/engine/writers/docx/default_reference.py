"""The default reference.docx: the Word styles of a Moldovan official draft.

Times New Roman 12 pt, justified, A4 with 2 cm margins, page numbers centred in the
footer, and one named style per legislative unit (see
:mod:`lexkit.engine.writers.docx.styles`). The file is made with python-docx from its blank
template and repacked deterministically, so ``lexkit reference-docx`` always writes the
same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle
from lxml import etree

from lexkit.engine.writers.docx.parts import (
    APP_XML,
    STYLES_WITH_EFFECTS,
    current_settings,
    without_part,
)
from lexkit.engine.writers.docx.styles import Style
from lexkit.io.archive import Parts, parts_from_bytes, zip_parts
from lexkit.io.files import write_atomically
from lexkit.io.ooxml import nsdecls, qn

FONT = "Times New Roman"
INDENT = Cm(1.25)  # first-line indent of Moldovan legislative text
HANGING = Cm(0.65)

# Parts of python-docx's blank template that a reference document does not need.
_DROP = ("docProps/thumbnail.jpeg",)


def build_default_reference() -> Parts:
    """The parts of the default reference.docx."""
    document = docx.Document()
    _page_setup(document)
    _base_styles(document)
    _unit_styles(document)
    _table_style(document)
    _footnote_styles(document)
    _page_number_footer(document)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _fixed_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    parts = without_part(parts_from_bytes(buffer.getvalue()), STYLES_WITH_EFFECTS)
    for name in _DROP:
        parts.pop(name, None)
    settings = etree.fromstring(parts["word/settings.xml"])
    current_settings(settings)
    parts["word/settings.xml"] = bytes(
        etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)
    )
    parts["docProps/app.xml"] = APP_XML  # not the blank template's "Microsoft Macintosh Word"
    parts["_rels/.rels"] = _drop_thumbnail_relationship(parts["_rels/.rels"])
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b""
    )
    return parts


def write_default_reference(path: Path) -> None:
    write_atomically(path, zip_parts(build_default_reference()))


# ---------------------------------------------------------------- page and base styles


def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1.25)


def _font(style: BaseStyle, size: float = 12, bold: bool | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attribute in list(rfonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del rfonts.attrib[attribute]  # a theme font would override Times New Roman
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), FONT)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is not None:
        size_cs.set(qn("w:val"), str(int(size * 2)))
    color = rpr.find(qn("w:color"))
    if color is not None:
        rpr.remove(color)


def _base_styles(document: docx.document.Document) -> None:
    styles = document.styles
    # Document defaults: every run is Times New Roman 12 unless a style says otherwise.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    rpr_default.append(
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
            f'w:eastAsia="{FONT}"/>'
        )
    )
    rpr_default.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="24"/>'))
    rpr_default.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="24"/>'))
    rpr_default.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="ro-RO" w:eastAsia="ro-RO"/>'))
    normal = styles[Style.NORMAL.value]
    _font(normal)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = True
    for name, size in (
        (Style.TITLE, 14),
        (Style.HEADING_1, 12),
        (Style.HEADING_2, 12),
        (Style.HEADING_3, 12),
    ):
        style = styles[name.value]
        _font(style, size, bold=True)
        style.font.italic = False
        _clear_borders_and_theme(style)
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(12), Pt(6)
        pf.keep_with_next = True
    title = styles[Style.TITLE.value]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(6)
    for name in (Style.HEADING_1, Style.HEADING_2, Style.HEADING_3):
        styles[name.value].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _clear_borders_and_theme(style: BaseStyle) -> None:
    """python-docx's Title has a bottom border and theme colours; an act's title has neither."""
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        border = ppr.find(qn("w:pBdr"))
        if border is not None:
            ppr.remove(border)
        contextual = ppr.find(qn("w:contextualSpacing"))
        if contextual is not None:
            ppr.remove(contextual)
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:color", "w:spacing", "w:kern"):
        element = rpr.find(qn(tag))
        if element is not None:
            rpr.remove(element)


# ---------------------------------------------------------------- legislative units


def _paragraph_style(
    document: docx.document.Document,
    name: Style,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 12,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line: Length | None = None,
    left: Length | None = None,
    hanging: Length | None = None,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
    outline: int | None = None,
    tab_right: bool = False,
    based_on: Style = Style.NORMAL,
) -> ParagraphStyle:
    existing = [s for s in document.styles if s.name == name.value]
    if existing:  # a built-in of the blank template, e.g. "Body Text": reset it
        style = existing[0]
        ppr = style.element.find(qn("w:pPr"))
        if ppr is not None:
            style.element.remove(ppr)
    else:
        style = document.styles.add_style(name.value, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles[based_on.value]
    style.quick_style = True
    _font(style, size, bold=bold or None)
    style.font.italic = italic or None
    fmt = style.paragraph_format
    if based_on != Style.NORMAL:
        # A unit's heading is a Word heading (navigation pane, screen readers, pandoc) that
        # looks as before: undo what Heading N adds to Normal (left aligned, lines kept
        # together, complex-script bold).
        align = align or WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.keep_together = False
        style.element.get_or_add_rPr().get_or_add_bCs().val = False
    if align is not None:
        fmt.alignment = align
    if left is not None:
        fmt.left_indent = left
    if hanging is not None:
        fmt.first_line_indent = -hanging
    elif first_line is not None:
        fmt.first_line_indent = first_line
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_next or None
    if tab_right:  # a signatory's name at the right margin, after a tab
        fmt.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    if outline is not None:
        # The outline level puts the unit in Word's navigation pane and table of contents.
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>')
        )
    return style


_CENTER, _RIGHT, _LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.LEFT,
)
_HEADING = {"bold": True, "keep_next": True}

# Each legislative unit's style: the arguments of _paragraph_style. Chapters, sections,
# articles and annexes are based on Word's Heading 1-3 and carry their outline levels, so
# Word's navigation pane, screen readers and converters (pandoc) take them for headings.
_UNIT_STYLES: dict[Style, dict[str, Any]] = {
    Style.DRAFT_MARK: {"bold": True, "align": _RIGHT, "after": 6},
    Style.ACT_TITLE: {**_HEADING, "align": _CENTER, "after": 12},
    Style.CHAPTER: {
        **_HEADING,
        "align": _CENTER,
        "before": 12,
        "after": 6,
        "outline": 0,
        "based_on": Style.HEADING_1,
    },
    Style.SECTION: {
        **_HEADING,
        "align": _CENTER,
        "before": 6,
        "after": 6,
        "outline": 1,
        "based_on": Style.HEADING_2,
    },
    Style.ARTICLE: {
        **_HEADING,
        "first_line": INDENT,
        "before": 6,
        "after": 3,
        "outline": 2,
        "based_on": Style.HEADING_3,
    },
    Style.ALINEAT: {"first_line": INDENT},
    Style.BODY: {"first_line": INDENT},
    Style.POINT: {"left": Length(INDENT + HANGING), "hanging": HANGING},
    Style.POINT_2: {"left": Length(INDENT + 2 * HANGING), "hanging": HANGING},
    Style.POINT_3: {"left": Length(INDENT + 3 * HANGING), "hanging": HANGING},
    Style.QUOTED: {"first_line": INDENT},
    Style.QUOTED_HEADING: {**_HEADING, "first_line": INDENT},
    Style.QUOTED_POINT: {"left": Length(INDENT + HANGING), "hanging": HANGING},
    Style.ANNEX_NUMBER: {"align": _RIGHT, "after": 6, "keep_next": True},
    Style.ANNEX_TITLE: {
        **_HEADING,
        "align": _CENTER,
        "after": 12,
        "outline": 0,
        "based_on": Style.HEADING_1,
    },
    Style.TABLE_TEXT: {"size": 11, "align": _LEFT},
    Style.TABLE_HEADER: {**_HEADING, "size": 11, "align": _CENTER},
    Style.FIGURE: {"align": _CENTER, "before": 6, "after": 6},
    Style.ISSUER: {**_HEADING, "align": _CENTER, "after": 6},
    Style.ACT_NUMBER: {**_HEADING, "align": _CENTER},
    Style.ENACTING: {"first_line": INDENT, "before": 6, "after": 6},
    Style.LEGAL_BASIS: {"first_line": INDENT, "before": 6},
    Style.SIGNATURE: {"bold": True, "align": _LEFT, "before": 12, "tab_right": True},
    Style.SIGNATURE_PLACE: {"align": _LEFT},
}


def _unit_styles(document: docx.document.Document) -> None:
    for name, spec in _UNIT_STYLES.items():
        _paragraph_style(document, name, **spec)


def _table_style(document: docx.document.Document) -> None:
    style = document.styles.add_style(Style.TABLE.value, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side=side)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    style.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )


def _footnote_styles(document: docx.document.Document) -> None:
    text = _paragraph_style(
        document, Style.FOOTNOTE_TEXT, size=10, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    )
    text.element.set(qn("w:styleId"), "FootnoteText")
    names = {s.name for s in document.styles}
    if Style.FOOTNOTE_REFERENCE.value in names:
        mark = document.styles[Style.FOOTNOTE_REFERENCE.value]
    else:
        mark = document.styles.add_style(Style.FOOTNOTE_REFERENCE.value, WD_STYLE_TYPE.CHARACTER)
    mark.element.set(qn("w:styleId"), "FootnoteReference")
    mark.font.superscript = True
    link = document.styles.add_style(Style.HYPERLINK.value, WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)


def _page_number_footer(document: docx.document.Document) -> None:
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def _fixed_properties(document: docx.document.Document) -> None:
    import datetime as dt

    props = document.core_properties
    fixed = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    props.created = props.modified = fixed
    props.last_printed = fixed
    # No author, title or comment: Word shows them, and a build takes its own.
    props.author = props.last_modified_by = props.title = props.comments = ""
    props.revision = 1


def _drop_thumbnail_relationship(rels: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(rels)
    for rel in list(root):
        if rel.get("Target", "").endswith("thumbnail.jpeg"):
            root.remove(rel)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
