"""The names of the Word styles lexkit uses: the contract with templates/reference.docx.

A drafter restyles every document by changing these styles in reference.docx in Word;
the writer looks them up by *name*, so their ids may change freely.
"""

from __future__ import annotations

from enum import StrEnum


class Style(StrEnum):
    """Paragraph, character and table styles, by their name in Word."""

    NORMAL = "Normal"
    DRAFT_MARK = "Draft Mark"  # "Proiect" / "Draft", top right
    TITLE = "Title"  # "LEGE" / "LAW", or a note's title
    ACT_TITLE = "Act Title"  # the act's title under its kind
    CHAPTER = "Chapter Heading"
    SECTION = "Section Heading"
    ARTICLE = "Article Heading"
    ALINEAT = "Alineat"
    POINT = "Point"
    POINT_2 = "Point 2"
    POINT_3 = "Point 3"
    BODY = "Body Text"
    QUOTED = "Quoted Structure"
    QUOTED_HEADING = "Quoted Heading"
    QUOTED_POINT = "Quoted Point"
    ANNEX_NUMBER = "Annex Number"
    ANNEX_TITLE = "Annex Title"
    TABLE = "Act Table"  # a table style
    TABLE_HEADER = "Table Header"
    TABLE_TEXT = "Table Text"
    HEADING_1 = "Heading 1"
    HEADING_2 = "Heading 2"
    HEADING_3 = "Heading 3"
    FOOTNOTE_TEXT = "Footnote Text"
    FOOTNOTE_REFERENCE = "Footnote Reference"  # a character style
    HYPERLINK = "Hyperlink"  # a character style, for web links
    FIGURE = "Figure"  # a paragraph holding only a picture
    # The formal elements of an act (official edition and working alike).
    ISSUER = "Issuing Authority"  # "GUVERNUL REPUBLICII MOLDOVA"
    ACT_NUMBER = "Act Number"  # "nr. ___", "din ______", "Chișinău" under the act's kind
    ENACTING = "Enacting Formula"  # "Parlamentul adoptă prezenta lege organică."
    LEGAL_BASIS = "Legal Basis"  # "În temeiul art. … din Legea nr. …,"
    SIGNATURE = "Signature"  # "PREȘEDINTELE PARLAMENTULUI", "Prim-ministru<tab>Name"
    SIGNATURE_PLACE = "Signature Place"  # "Chișinău, __ ______ 20__.", "Nr. ___."


POINT_STYLES = (Style.POINT, Style.POINT_2, Style.POINT_3)
HEADING_STYLES = (Style.HEADING_1, Style.HEADING_2, Style.HEADING_3)
