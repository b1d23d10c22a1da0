"""WordprocessingML as text: the one module that knows the markup of runs and paragraphs.

The document body is written as joined strings rather than lxml or python-docx objects:
a 1,000-article law is 8,000 paragraphs, and building them as strings is several times
faster than building elements (see README, "Performance"). Everything that goes into an
XML text node or attribute passes through :func:`escape`.
"""

from __future__ import annotations

import re
from itertools import count

from lexkit.engine.model import Revision
from lexkit.io.ooxml import PIC_NS, nsdecls

LANG_TAGS = {"ro": "ro-RO", "en": "en-GB"}

# Characters XML 1.0 forbids; a stray control character from a pasted text must not
# make Word refuse the whole file.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute.

    Chained ``replace`` rather than ``str.translate``: translate has a fast path only for
    ASCII, and Romanian text is not ASCII (measured: 8x slower on a law).
    """
    # isprintable() is true of almost every text, and quicker than the search it spares.
    if not text.isprintable() and _INVALID_XML.search(text):
        text = _INVALID_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


class RunFormats:
    """The ``<w:rPr>`` of each combination of formatting, built once per document."""

    def __init__(self, lang: str, footnote_style_id: str) -> None:
        self.lang = f'<w:lang w:val="{LANG_TAGS[lang]}"/>'
        self.footnote_style_id = footnote_style_id
        self._cache: dict[tuple[bool, ...], str] = {}
        self.plain = self.rpr()  # most runs: looked up without a call

    def rpr(
        self,
        bold: bool = False,
        italic: bool = False,
        superscript: bool = False,
        strike: bool = False,
        underline: bool = False,
    ) -> str:
        key = (bold, italic, superscript, strike, underline)
        cached = self._cache.get(key)
        if cached is None:
            # Child order follows the schema (CT_RPr): b, i, strike, u, vertAlign, lang.
            cached = (
                "<w:rPr>"
                + ("<w:b/><w:bCs/>" if bold else "")
                + ("<w:i/><w:iCs/>" if italic else "")
                + ("<w:strike/>" if strike else "")
                + ('<w:u w:val="single"/>' if underline else "")
                + ('<w:vertAlign w:val="superscript"/>' if superscript else "")
                + self.lang
                + "</w:rPr>"
            )
            self._cache[key] = cached
        return cached

    def run(
        self,
        text: str,
        bold: bool = False,
        italic: bool = False,
        sup: bool = False,
        strike: bool = False,
        underline: bool = False,
    ) -> str:
        """A run of text; tabs become ``<w:tab/>``."""
        if bold or italic or sup or strike or underline:
            rpr = self.rpr(bold, italic, sup, strike, underline)
        else:
            rpr = self.plain
        if "\t" not in text:
            return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        pieces = [
            f'<w:t xml:space="preserve">{escape(p)}</w:t>' if p else "" for p in text.split("\t")
        ]
        return f"<w:r>{rpr}{'<w:tab/>'.join(pieces)}</w:r>"

    def footnote_reference(self, number: int) -> str:
        return (
            f'<w:r><w:rPr><w:rStyle w:val="{self.footnote_style_id}"/>{self.lang}</w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>'
        )

    def footnote_mark(self) -> str:
        return (
            f'<w:r><w:rPr><w:rStyle w:val="{self.footnote_style_id}"/>{self.lang}</w:rPr>'
            "<w:footnoteRef/></w:r>"
        )

    def line_break(self) -> str:
        return "<w:r><w:br/></w:r>"


def paragraph(
    style_id: str, runs: str, ppr_extra: str = "", lang_rpr: str = "", mark_revision: str = ""
) -> str:
    """A paragraph; ``ppr_extra`` is pPr content that comes after pStyle (keepNext,
    pageBreakBefore, jc ...), already in schema order. ``mark_revision`` (from
    :func:`revision_mark`) marks the paragraph mark itself inserted or deleted."""
    mark = f"<w:rPr>{mark_revision}{lang_rpr}</w:rPr>" if lang_rpr or mark_revision else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr_extra}{mark}</w:pPr>{runs}</w:p>'


# ---------------------------------------------------------------- tracked changes

# Revision ids must follow document order, but a paragraph can be finished after the
# ones that follow it (the quotes of a quoted structure): every revision is written with
# this placeholder, and :func:`number_revisions` numbers them once a part is joined.
# Text and attribute values are escaped, so the placeholder cannot occur in them.
_REVISION_ID = 'w:id="lkRevision"'
_REVISION_ID_PATTERN = re.compile(re.escape(_REVISION_ID))
# A run never holds another run, and text inside one is escaped: a lazy match from
# <w:r> to </w:r> is exactly one run, and the group takes consecutive runs together.
_RUNS = re.compile(r"(?:<w:r>.*?</w:r>)+", re.S)


def _revision_attributes(revision: Revision) -> str:
    return f'{_REVISION_ID} w:author="{escape(revision.author)}" w:date="{escape(revision.date)}"'


def revision_mark(revision: Revision) -> str:
    """The empty ``<w:ins/>`` or ``<w:del/>`` that marks a paragraph mark (inside its
    pPr/rPr) or a table row (inside trPr) as inserted or deleted."""
    return f"<w:{revision.kind} {_revision_attributes(revision)}/>"


def revised(runs: str, revision: Revision) -> str:
    """Runs as a tracked insertion or deletion: each stretch of consecutive runs wrapped in
    ``<w:ins>`` or ``<w:del>`` (bookmarks and hyperlinks around them stay outside, as the
    schema wants), deleted text in ``<w:delText>``."""
    if revision.kind == "del":
        runs = runs.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
    opening = f"<w:{revision.kind} {_revision_attributes(revision)}>"
    closing = f"</w:{revision.kind}>"
    return _RUNS.sub(lambda match: opening + match.group(0) + closing, runs)


def number_revisions(parts: list[str], start: int = 1) -> list[str]:
    """The parts with their revisions numbered ``start``, ``start`` + 1, ... in order,
    across the parts. Revisions and bookmarks are annotations, whose ids are unique in a
    document (ISO/IEC 29500-1, 17.13): ``start`` comes after the last bookmark's id."""
    counter = count(start)
    return [
        _REVISION_ID_PATTERN.sub(lambda _: f'w:id="{next(counter)}"', part)
        if _REVISION_ID in part
        else part
        for part in parts
    ]


def bookmark(bookmark_id: int, name: str, inner: str) -> str:
    return (
        f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{escape(name)}"/>'
        f'{inner}<w:bookmarkEnd w:id="{bookmark_id}"/>'
    )


def internal_link(anchor: str, inner: str) -> str:
    """A hyperlink to a bookmark: Ctrl+click in Word jumps to the provision."""
    return f'<w:hyperlink w:anchor="{escape(anchor)}" w:history="1">{inner}</w:hyperlink>'


def external_link(relationship_id: str, inner: str) -> str:
    """A hyperlink to a web address held in the part's relationships."""
    return f'<w:hyperlink r:id="{relationship_id}" w:history="1">{inner}</w:hyperlink>'


DOCUMENT_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:document {nsdecls('w', 'r', 'wp')}><w:body>"
)


def inline_picture(number: int, relationship_id: str, alt: str, cx: int, cy: int) -> str:
    """A run holding a picture in line with the text, ``cx`` x ``cy`` EMU."""
    alt = escape(alt)
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="Picture {number}" '
        f'descr="{alt}"/><a:graphic {nsdecls("a")}><a:graphicData uri="{PIC_NS}">'
        f"<pic:pic {nsdecls('pic')}>"
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="image{number}" descr="{alt}"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{relationship_id}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
        f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect">'
        "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r>"
    )


DOCUMENT_CLOSE = "</w:body></w:document>"

FOOTNOTES_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)
FOOTNOTES_CLOSE = "</w:footnotes>"
