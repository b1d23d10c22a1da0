"""The parts of a DOCX package that depend on the document: its properties, its language in
the settings and styles, and its relationships and content types (footnotes, web links,
pictures). Each starts from the part of reference.docx and adds only what is missing."""

from __future__ import annotations

import datetime as dt
import struct
from functools import lru_cache

from lxml import etree

from lexkit import __version__
from lexkit.engine.labels import full_title
from lexkit.engine.model import Document
from lexkit.engine.writers.docx import markup
from lexkit.io.ooxml import (
    CORE_PROPERTIES_CT,
    EP_NS,
    EXTENDED_PROPERTIES_CT,
    FOOTNOTES_CT,
    FOOTNOTES_REL,
    HYPERLINK_REL,
    IMAGE_REL,
    REL_NS,
    nsdecls,
    qn,
)


def core_xml(document: Document) -> bytes:
    meta = document.meta
    when = meta.date or dt.date(2000, 1, 1)
    stamp = f"{when.isoformat()}T00:00:00Z"
    esc = markup.escape
    title = full_title(meta.title, meta.type, meta.lang).replace("^", "")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<cp:coreProperties {nsdecls('cp', 'dc', 'dcterms', 'dcmitype', 'xsi')}>"
        f"<dc:title>{esc(title)}</dc:title>"
        f"<dc:subject>{esc(meta.subject or title)}</dc:subject>"
        f"<dc:creator>{esc(meta.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(meta.author)}</cp:lastModifiedBy>"
        f"<dc:language>{markup.LANG_TAGS[meta.lang]}</dc:language>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Properties xmlns="{EP_NS}" {nsdecls("vt")}>'
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
    w = qn
    if root.find(w("w:footnotePr")) is None:
        footnote_pr = etree.Element(w("w:footnotePr"))
        for note_id in ("-1", "0"):
            etree.SubElement(footnote_pr, w("w:footnote")).set(w("w:id"), note_id)
        _insert_before_any(root, footnote_pr, _AFTER_FOOTNOTE_PR)
    theme_lang = root.find(w("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = etree.Element(w("w:themeFontLang"))
        _insert_before_any(root, theme_lang, _AFTER_THEME_FONT_LANG)
    theme_lang.set(w("w:val"), markup.LANG_TAGS[lang])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=8)
def styles_xml(styles: bytes, lang: str) -> bytes:
    """Styles with the document's language as the default of every run (spell-checking)."""
    root = etree.fromstring(styles)
    w = qn
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
    lang_element.set(w("w:val"), markup.LANG_TAGS[lang])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=8)
def document_rels(rels: bytes) -> bytes:
    root = etree.fromstring(rels)
    types = {rel.get("Type") for rel in root}
    if FOOTNOTES_REL not in types:
        ids = {rel.get("Id") for rel in root}
        number = 1
        while f"rId{number}" in ids:
            number += 1
        rel = etree.SubElement(root, qn("rel:Relationship"))
        rel.set("Id", f"rId{number}")
        rel.set("Type", FOOTNOTES_REL)
        rel.set("Target", "footnotes.xml")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


EMPTY_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{REL_NS}"/>'
).encode()


def with_web_links(rels: bytes, links: dict[str, str]) -> bytes:
    """Relationships plus one external target per web link."""
    if not links:
        return rels
    root = etree.fromstring(rels)
    for url, rid in links.items():
        rel = etree.SubElement(root, qn("rel:Relationship"))
        rel.set("Id", rid)
        rel.set("Type", HYPERLINK_REL)
        rel.set("Target", url)
        rel.set("TargetMode", "External")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=8)
def content_types(types: bytes) -> bytes:
    root = etree.fromstring(types)
    overrides = {o.get("PartName") for o in root}
    for part, content_type in (
        ("/word/footnotes.xml", FOOTNOTES_CT),
        ("/docProps/core.xml", CORE_PROPERTIES_CT),
        ("/docProps/app.xml", EXTENDED_PROPERTIES_CT),
    ):
        if part not in overrides:
            override = etree.SubElement(root, qn("ct:Override"))
            override.set("PartName", part)
            override.set("ContentType", content_type)
    defaults = {d.get("Extension", "").lower() for d in root}
    for extension in ("png", "jpeg"):  # pictures a document may carry
        if extension not in defaults:
            default = etree.Element(qn("ct:Default"))
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
        rel = etree.SubElement(root, qn("rel:Relationship"))
        rel.set("Id", f"lkImage{number}")
        rel.set("Type", IMAGE_REL)
        rel.set("Target", name)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
