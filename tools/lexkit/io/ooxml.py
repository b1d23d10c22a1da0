"""The names of Office Open XML: namespaces, relationship types and content types.

The one place they are spelled (as python-docx's ``oxml/ns.py``): the DOCX writer, the
default reference.docx, the review reader and the tests all take them from here.
``qn("w:p")`` gives the Clark name lxml looks up; ``nsdecls("w", "r")`` the declarations a
fragment of markup needs.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
DCMITYPE_NS = "http://purl.org/dc/dcmitype/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

NAMESPACES: dict[str, str] = {
    "w": W_NS,
    "r": R_NS,
    "wp": WP_NS,
    "a": A_NS,
    "pic": PIC_NS,
    "rel": REL_NS,
    "ct": CT_NS,
    "cp": CP_NS,
    "ep": EP_NS,
    "vt": VT_NS,
    "dc": DC_NS,
    "dcterms": DCTERMS_NS,
    "dcmitype": DCMITYPE_NS,
    "xsi": XSI_NS,
}

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE_DOCUMENT_REL = f"{_RELATIONSHIPS}/officeDocument"
FOOTNOTES_REL = f"{_RELATIONSHIPS}/footnotes"
COMMENTS_REL = f"{_RELATIONSHIPS}/comments"
HYPERLINK_REL = f"{_RELATIONSHIPS}/hyperlink"
IMAGE_REL = f"{_RELATIONSHIPS}/image"
CORE_PROPERTIES_REL = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CORE_PROPERTIES_CT = "application/vnd.openxmlformats-package.core-properties+xml"
EXTENDED_PROPERTIES_CT = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def qn(tag: str) -> str:
    """Clark notation for lxml lookups: ``qn("w:p")`` -> ``{http://...main}p``."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """The namespace declarations of ``prefixes``: ``nsdecls("w")`` -> ``xmlns:w="..."``."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)
