"""The DOCX package around the body: reference.docx read once, and the parts lexkit adjusts.

reference.docx supplies every part but the body: styles, numbering, theme, settings, the
footer with page numbers, section properties. Here it is read and checked, and the parts
that depend on the document (properties, language, relationships) are made.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from lexkit import __version__, ooxml
from lexkit.document import Document
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.language import full_title
from lexkit.package import Parts, read_parts
from lexkit.styles import Style


@dataclass(frozen=True)
class ReferenceDocument:
    """reference.docx, read once: its parts, its style ids by name, its page setup."""

    name: str
    parts: Parts
    style_ids: dict[str, str]
    sect_pr: str

    def style(self, style: Style) -> str:
        return self.style_ids[style.value.lower()]


def load_reference(path: Path | None) -> ReferenceDocument:
    """Read a reference.docx (or the built-in default when ``path`` is None).

    Raises LexkitError naming every style the file lacks.
    """
    if path is None:
        return _default_reference()
    return _load_reference(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _default_reference() -> ReferenceDocument:
    from lexkit.reference import build_default_reference  # python-docx: only when needed

    return _reference_from_parts("built-in reference.docx", build_default_reference())


@lru_cache(maxsize=4)
def _load_reference(path: str, _mtime: int) -> ReferenceDocument:
    try:
        parts = read_parts(Path(path))
    except (OSError, ValueError) as error:
        raise LexkitError(
            Problem(
                Location(display_path(path)),
                f"cannot read the reference document: {error}",
                "restore it with 'lexkit reference-docx -o templates/reference.docx'",
                code="P002",
            )
        ) from error
    return _reference_from_parts(display_path(path), parts)


def _reference_from_parts(name: str, parts: Parts) -> ReferenceDocument:
    problems = Problems()
    styles = etree.fromstring(parts["word/styles.xml"])
    style_ids: dict[str, str] = {}
    for style in styles.iter(ooxml.qn("w:style")):
        name_element = style.find(ooxml.qn("w:name"))
        if name_element is not None:
            # Word stores built-in names in lower case ("heading 1") in every UI language.
            style_name = name_element.get(ooxml.qn("w:val"), "").lower()
            style_ids[style_name] = style.get(ooxml.qn("w:styleId"), "")
    for style_name in Style:
        if style_name.value.lower() not in style_ids:
            problems.add(
                Location(name),
                f"the reference document has no style named {style_name.value!r}",
                "add a style with that name in Word (Styles > New Style), or start again "
                "from the default: lexkit reference-docx -o templates/reference.docx",
                code="P002",
            )
    problems.raise_if_errors()
    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(ooxml.qn("w:body"))
    sect_pr = body.find(ooxml.qn("w:sectPr")) if body is not None else None
    sect_xml = etree.tostring(sect_pr, encoding="unicode") if sect_pr is not None else ""
    return ReferenceDocument(name, parts, style_ids, sect_xml)


# ---------------------------------------------------------------- parts made per document


def core_xml(document: Document) -> bytes:
    meta = document.meta
    when = meta.date or dt.date(2000, 1, 1)
    stamp = f"{when.isoformat()}T00:00:00Z"
    esc = ooxml.escape
    title = full_title(meta.title, meta.type, meta.lang).replace("^", "")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title>"
        f"<dc:subject>{esc(meta.subject or title)}</dc:subject>"
        f"<dc:creator>{esc(meta.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(meta.author)}</cp:lastModifiedBy>"
        f"<dc:language>{ooxml.LANG_TAGS[meta.lang]}</dc:language>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>lexkit {__version__}</Application><DocSecurity>0</DocSecurity>"
    "</Properties>"
).encode()


# Elements that follow w:footnotePr / w:themeFontLang in CT_Settings, for inserting
# them at their schema place (Word rejects settings in the wrong order).
_AFTER_FOOTNOTE_PR = (
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
_AFTER_THEME_FONT_LANG = _AFTER_FOOTNOTE_PR[_AFTER_FOOTNOTE_PR.index("themeFontLang") + 1 :]


def _insert_before_any(
    root: etree._Element, element: etree._Element, names: tuple[str, ...]
) -> None:
    for child in root:
        if etree.QName(child).localname in names:
            child.addprevious(element)
            return
    root.append(element)


@lru_cache(maxsize=8)
def settings_xml(settings: bytes, lang: str) -> bytes:
    root = etree.fromstring(settings)
    w = ooxml.qn
    if root.find(w("w:footnotePr")) is None:
        footnote_pr = etree.Element(w("w:footnotePr"))
        for note_id in ("-1", "0"):
            etree.SubElement(footnote_pr, w("w:footnote")).set(w("w:id"), note_id)
        _insert_before_any(root, footnote_pr, _AFTER_FOOTNOTE_PR)
    theme_lang = root.find(w("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = etree.Element(w("w:themeFontLang"))
        _insert_before_any(root, theme_lang, _AFTER_THEME_FONT_LANG)
    theme_lang.set(w("w:val"), ooxml.LANG_TAGS[lang])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=8)
def styles_xml(styles: bytes, lang: str) -> bytes:
    """Styles with the document's language as the default of every run (spell-checking)."""
    root = etree.fromstring(styles)
    w = ooxml.qn
    defaults = root.find(w("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("w:docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(w("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, w("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("w:rPr"))
    lang_element = rpr.find(w("w:lang"))
    if lang_element is None:
        lang_element = etree.SubElement(rpr, w("w:lang"))
    lang_element.set(w("w:val"), ooxml.LANG_TAGS[lang])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=8)
def document_rels(rels: bytes) -> bytes:
    root = etree.fromstring(rels)
    types = {rel.get("Type") for rel in root}
    if ooxml.FOOTNOTES_REL not in types:
        ids = {rel.get("Id") for rel in root}
        number = 1
        while f"rId{number}" in ids:
            number += 1
        rel = etree.SubElement(root, f"{{{ooxml.REL_NS}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", ooxml.FOOTNOTES_REL)
        rel.set("Target", "footnotes.xml")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


EMPTY_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)


def with_web_links(rels: bytes, links: dict[str, str]) -> bytes:
    """Relationships plus one external target per web link."""
    if not links:
        return rels
    root = etree.fromstring(rels)
    for url, rid in links.items():
        rel = etree.SubElement(root, f"{{{ooxml.REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", ooxml.HYPERLINK_REL)
        rel.set("Target", url)
        rel.set("TargetMode", "External")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=8)
def content_types(types: bytes) -> bytes:
    root = etree.fromstring(types)
    overrides = {o.get("PartName") for o in root}
    for part, content_type in (
        ("/word/footnotes.xml", ooxml.FOOTNOTES_CT),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ):
        if part not in overrides:
            override = etree.SubElement(root, f"{{{ooxml.CT_NS}}}Override")
            override.set("PartName", part)
            override.set("ContentType", content_type)
    defaults = {d.get("Extension", "").lower() for d in root}
    for extension in ("png", "jpeg"):  # pictures a document may carry
        if extension not in defaults:
            default = etree.Element(f"{{{ooxml.CT_NS}}}Default")
            default.set("Extension", extension)
            default.set("ContentType", f"image/{extension}")
            root.insert(0, default)  # Defaults come before Overrides
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# ---------------------------------------------------------------- pictures


def image_size(data: bytes) -> tuple[int, int, float, str]:
    """(width px, height px, dots per inch, file extension) of a PNG or JPEG."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        width, height = struct.unpack(">II", data[16:24])
        dpi = 96.0
        at = data.find(b"pHYs")
        if at > 0:
            per_metre, _, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
            if unit == 1 and per_metre:
                dpi = per_metre * 0.0254
        return width, height, dpi, "png"
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 < len(data):
            marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[at + 5 : at + 9])
                return width, height, 96.0, "jpeg"
            at += 2 + length
    raise ValueError("not a PNG or JPEG image")


def with_pictures(rels: bytes, names: list[str]) -> bytes:
    """Relationships plus one per picture (ids lkImage1, lkImage2 ... in order)."""
    if not names:
        return rels
    root = etree.fromstring(rels)
    for number, name in enumerate(names, start=1):
        rel = etree.SubElement(root, f"{{{ooxml.REL_NS}}}Relationship")
        rel.set("Id", f"lkImage{number}")
        rel.set("Type", ooxml.IMAGE_REL)
        rel.set("Target", name)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
