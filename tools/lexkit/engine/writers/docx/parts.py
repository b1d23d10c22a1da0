"""The parts of a DOCX package that depend on the document: its properties, its language in
the settings and styles, and its relationships and content types (footnotes, web links,
pictures). Each starts from the part of reference.docx and adds only what is missing."""

from __future__ import annotations

import datetime as dt
import posixpath
import struct
from functools import lru_cache

from lxml import etree

from lexkit.engine.labels import full_title
from lexkit.engine.model import Document
from lexkit.engine.writers.docx import markup
from lexkit.io.archive import Parts
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
    # The front matter's author, else no one: never the program that wrote the file.
    author = (
        f"<dc:creator>{esc(meta.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(meta.author)}</cp:lastModifiedBy>"
        if meta.author
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<cp:coreProperties {nsdecls('cp', 'dc', 'dcterms', 'dcmitype', 'xsi')}>"
        f"<dc:title>{esc(title)}</dc:title>"
        f"<dc:subject>{esc(meta.subject or title)}</dc:subject>"
        f"{author}"
        f"<dc:language>{markup.LANG_TAGS[meta.lang]}</dc:language>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


# No Application: the name of the program that wrote a file is shown by Word's and
# LibreOffice's file properties, and the ministry receives the document, not the tool.
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Properties xmlns="{EP_NS}" {nsdecls("vt")}><DocSecurity>0</DocSecurity></Properties>'
).encode()


# The children of w:settings in their schema order (CT_Settings), for inserting one at its
# place: Word rejects settings in the wrong order. mathPr and schemaLibrary are of other
# namespaces; Word's own extensions (w14, w15 ...) come after all of them.
_SETTINGS_NAMES = """
writeProtection view zoom removePersonalInformation removeDateAndTime
doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText
printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts
saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader
bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors
activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter
stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves
doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet
defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps
showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders
bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing
drawingGridVerticalSpacing displayHorizontalDrawingGridEvery
displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin
drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData
noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars
noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema
saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml
saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace
updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr
attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats
doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType
schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator
"""
_SETTINGS_ORDER = {name: rank for rank, name in enumerate(_SETTINGS_NAMES.split())}
_WORD = "http://schemas.microsoft.com/office/word"  # the uri of Word's compatibility settings
# Word 2013 and later: a document in an older mode opens as "[Compatibility Mode]".
COMPATIBILITY_MODE = 15


def _insert_in_order(root: etree._Element, element: etree._Element) -> None:
    rank = _SETTINGS_ORDER[etree.QName(element).localname]
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if _SETTINGS_ORDER.get(etree.QName(child).localname, len(_SETTINGS_ORDER)) > rank:
            child.addprevious(element)
            return
    root.append(element)


def _setting(root: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` of w:settings, added at its schema place when missing."""
    element = root.find(qn(tag))
    if element is None:
        element = etree.Element(qn(tag))
        _insert_in_order(root, element)
    return element


def current_settings(root: etree._Element) -> None:
    """Settings as current Word writes them for a new document, whatever reference.docx
    had: a zoom with its required percentage, the compatibility mode of current Word, and
    no claim that spelling and grammar were checked (no one checked the built text)."""
    w = qn
    zoom = root.find(w("w:zoom"))
    if zoom is not None and zoom.get(w("w:percent")) is None:
        zoom.set(w("w:percent"), "100")
    for proof_state in root.findall(w("w:proofState")):
        root.remove(proof_state)
    compat = _setting(root, "w:compat")
    mode = next(
        (
            s
            for s in compat.findall(w("w:compatSetting"))
            if s.get(w("w:name")) == "compatibilityMode" and s.get(w("w:uri")) == _WORD
        ),
        None,
    )
    if mode is None:
        mode = etree.SubElement(compat, w("w:compatSetting"))  # compatSetting come last
        mode.set(w("w:name"), "compatibilityMode")
        mode.set(w("w:uri"), _WORD)
    value = mode.get(w("w:val"), "")
    if not value.isdigit() or int(value) < COMPATIBILITY_MODE:
        mode.set(w("w:val"), str(COMPATIBILITY_MODE))


@lru_cache(maxsize=8)
def settings_xml(settings: bytes, lang: str, track_revisions: bool = False) -> bytes:
    """Settings with the document's language and footnote separators; ``track_revisions``
    turns Word's Track Changes on (a comparison: a reviewer's own edits are tracked too)."""
    root = etree.fromstring(settings)
    w = qn
    if root.find(w("w:footnotePr")) is None:
        footnote_pr = _setting(root, "w:footnotePr")
        for note_id in ("-1", "0"):
            etree.SubElement(footnote_pr, w("w:footnote")).set(w("w:id"), note_id)
    _setting(root, "w:themeFontLang").set(w("w:val"), markup.LANG_TAGS[lang])
    current_settings(root)
    if track_revisions:
        _setting(root, "w:trackRevisions")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# python-docx's blank template carries Word 2010's copy of the styles (Calibri 11, en-US,
# none of lexkit's); Word 2010 may read it instead of styles.xml.
STYLES_WITH_EFFECTS = "word/stylesWithEffects.xml"


def without_part(parts: Parts, name: str) -> Parts:
    """The package less the part ``name``, the relationships to it and its content type."""
    if name not in parts:
        return parts
    parts = {key: value for key, value in parts.items() if key != name}
    for rels_name, rels in list(parts.items()):
        if not rels_name.endswith(".rels"):
            continue
        # word/_rels/document.xml.rels holds the relationships of word/document.xml.
        source_folder = posixpath.dirname(posixpath.dirname(rels_name))
        root = etree.fromstring(rels)
        dropped = [
            rel
            for rel in root
            if rel.get("TargetMode") != "External"
            and _part_name(source_folder, rel.get("Target", "")) == name
        ]
        for rel in dropped:
            root.remove(rel)
        if dropped:
            parts[rels_name] = _xml(root)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in types.findall(qn("ct:Override")):
        if override.get("PartName", "").lstrip("/") == name:
            types.remove(override)
    parts["[Content_Types].xml"] = _xml(types)
    return parts


def _part_name(source_folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(source_folder, target))


def _xml(root: etree._Element) -> bytes:
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
