"""lexkit review: a reviewer's comments and tracked changes in a DOCX, into the register.

A reviewer (a ministry, a colleague) opens a draft lexkit built, comments on it in Word
and sends it back. :func:`read_review` reads every comment (``word/comments.xml``,
anchored in ``word/document.xml`` by ``w:commentRangeStart`` or ``w:commentReference``)
and every tracked insertion or deletion, and finds the provision each stands in: the
division whose heading comes last before it (in a DOCX lexkit built, a heading carries a
bookmark; in any other, a short paragraph such as "Articolul 5" or "Article 5. Scope"),
refined by the alineat "(2)" or first-level point "b)" marker its paragraph starts with.
:func:`store_review` matches those provisions against the current draft and adds the
items to the register as the reviewer's feedback, so they reach the decisions sheet and
the synthesis with every other comment.

The DOCX is untrusted: it is refused before parsing when it is too big, a zip bomb or
encrypted (the limits of the spreadsheet reader), and its XML is parsed without DTDs,
entities or network access; a part that declares a DOCTYPE is refused.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lexkit.consult import fields
from lexkit.consult.intake import NormalisedRow, store_normalised
from lexkit.consult.provisions import Provisions, match_provision
from lexkit.consult.register import Register
from lexkit.consult.vocabulary import GENERAL
from lexkit.engine.labels import alineat_label, full_title, point_label, structural_kind, unit_label
from lexkit.errors import LexkitError, Location, Problem, display_path
from lexkit.io.ooxml import qn
from lexkit.io.untrusted import (
    ENCRYPTED,
    OLE_MAGIC,
    ZIP_MAGIC,
    Unreadable,
    check_members,
    known_kind,
    ole_stream,
    parse_xml,
    read_bounded,
)

if TYPE_CHECKING:
    from lxml import etree

    from lexkit.engine.model import DivisionKind, Document
    from lexkit.language import Lang


_DC_TITLE = qn("dc:title")
_REL = qn("rel:Relationship")


def _w(tag: str) -> str:
    return qn(f"w:{tag}")


_P, _R, _BODY, _STYLE = _w("p"), _w("r"), _w("body"), _w("pStyle")
_INS, _DEL = _w("ins"), _w("del")
_BOOKMARK = _w("bookmarkStart")
_COMMENT, _RANGE_START, _REFERENCE = _w("comment"), _w("commentRangeStart"), _w("commentReference")
_ID, _AUTHOR, _INITIALS, _DATE = _w("id"), _w("author"), _w("initials"), _w("date")
_TEXT_TAGS = {_w("t"), _w("delText")}
_CHARACTERS = {_w("tab"): "\t", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-"}
_SUPERSCRIPT = f"{_w('rPr')}/{_w('vertAlign')}[@{_w('val')}='superscript']"

COMMENTS_SHEET, REVISIONS_SHEET = "comments", "revisions"
# Feedback from a Word review comes from a ministry or another public body far more
# often than from anyone else; the author can still read who it is in the sheet.
REVIEWER_TYPE = "public-authority"
_OPENING_PARAGRAPHS = 5  # paragraphs read for the document's title when its properties lack it
_HEADING_MAX = 200  # characters: a longer paragraph is text, not a heading
_CONTAINED_TITLE_MIN = 12  # characters: a shorter title is found inside too many texts

ItemKind = Literal["comment", "insertion", "deletion", "replacement"]


# ---------------------------------------------------------------- what a review holds


@dataclass(frozen=True)
class ReviewItem:
    """One comment or tracked change of a reviewed DOCX.

    ``number`` is a comment's ``w:id`` (its order when the ids are not distinct numbers)
    or a change's order in the document, from 1. ``provision`` is the place as the DOCX
    shows it, in the register's (Romanian) form ("art. 5 alin. (2) lit. b)",
    "anexa nr. 1, pct. 12"); None outside any provision (the title, the preamble).
    ``text`` is the comment, or the change in words; ``proposed_wording`` is, for a change,
    its paragraph as the change would make it.
    """

    kind: ItemKind
    number: int
    author: str
    initials: str
    date: str
    text: str
    proposed_wording: str | None
    provision: str | None
    anchored_to: str  # the text of the paragraph it stands in, as lexkit built it

    @property
    def is_revision(self) -> bool:
        return self.kind != "comment"


@dataclass(frozen=True)
class Review:
    """A reviewed DOCX as read: its comments and changes, and what tells which document it is."""

    name: str
    data: bytes = field(repr=False)
    title: str  # the core properties' title ("" when none)
    opening: tuple[str, ...]  # the first non-empty paragraphs: the act's kind and title
    built_by_lexkit: bool  # its division headings carry bookmarks
    items: tuple[ReviewItem, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def comments(self) -> list[ReviewItem]:
        return [item for item in self.items if not item.is_revision]

    @property
    def revisions(self) -> list[ReviewItem]:
        return [item for item in self.items if item.is_revision]


@dataclass
class ReviewSummary:
    """What one ``lexkit review ingest`` added to the register."""

    file: str
    document: str
    comments: int = 0
    revisions: int = 0
    unmatched: int = 0  # items on a provision the current draft lacks (kept, flagged)
    already_in_register: bool = False  # the same file was ingested before: nothing added
    reviewers: list[str] = field(default_factory=list)
    # The provision as the decisions sheet shows it -> items added on it, in document order.
    by_provision: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        if self.already_in_register:
            return [f"{self.file}: already in the register (the same file): nothing added"]
        who = ", ".join(self.reviewers) or "nobody"
        lines = [
            f"{self.file} ({self.document}): {_count(self.comments, 'comment')} and "
            f"{_count(self.revisions, 'tracked change')} added, from {who}"
        ]
        lines += [f"  {provision}: {count}" for provision, count in self.by_provision.items()]
        if self.unmatched:
            lines.append(
                f"provisions that match nothing in the draft (kept, flagged): {self.unmatched}"
            )
        return lines


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# ---------------------------------------------------------------- reading the file safely


def read_review(path: Path) -> Review:
    """The comments and tracked changes of a reviewed DOCX; LexkitError (I005) when the file
    is missing, not a DOCX, damaged or unsafe."""
    shown = display_path(path)
    try:
        data = _file_bytes(path)
        return _review(path.name, data, *_parts(data))
    except FileNotFoundError:
        raise LexkitError(_problem(shown, "file not found", "check the path")) from None
    except Unreadable as error:
        raise LexkitError(_problem(shown, f"cannot be read: {error.reason}")) from None


_FIX = (
    "ask the reviewer for the Word file itself (.docx), saved from Word or LibreOffice "
    "with Save As > Word Document, not a PDF, a .doc or a copy pasted into an e-mail"
)


def _problem(shown: str, message: str, fix: str = _FIX) -> Problem:
    return Problem(Location(shown), message, fix, code="I005")


def _file_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise Unreadable("a folder, not a file: name the .docx inside it")
    try:
        return read_bounded(path)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Unreadable(f"cannot be opened ({error.strerror or error})") from error


def _parts(data: bytes) -> tuple[etree._Element, etree._Element | None, etree._Element | None]:
    """word/document.xml, word/comments.xml and docProps/core.xml (found through the
    package's relationships, as Word finds them), each checked before it is parsed."""
    if not data:
        raise Unreadable("the file is empty")
    if data.startswith(OLE_MAGIC):
        raise Unreadable(_office_97_kind(data))
    if not data.startswith(ZIP_MAGIC):
        raise Unreadable(f"not a Word document: {_what_it_is(data)}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_members(archive.infolist())  # zip bombs, encryption, too many members
            main = _main_part(archive)
            comments = _related(archive, main, "/comments")
            core = _related(archive, "", "/core-properties")
            return (
                _parse(archive, main),
                _parse(archive, comments) if comments else None,
                _parse(archive, core) if core else None,
            )
    except Unreadable:
        raise
    except Exception as error:  # zipfile, zlib and lxml raise many kinds on a damaged file
        raise Unreadable(f"truncated or damaged ({_short(error)})") from error


def _office_97_kind(data: bytes) -> str:
    if ole_stream(data, "EncryptedPackage"):
        return ENCRYPTED
    if ole_stream(data, "WordDocument"):
        return "a Word 97-2003 document (.doc); save it as .docx"
    return "not a Word document: an Office 97-2003 file of another kind"


def _what_it_is(data: bytes) -> str:
    return known_kind(data) or "text or an unknown format"


def _short(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


_OTHER_PACKAGES = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument file; save it as .docx"),
)


def _main_part(archive: zipfile.ZipFile) -> str:
    main = _related(archive, "", "/officeDocument")
    names = {name.lower() for name in archive.namelist()}
    if main is None and "word/document.xml" in names:
        main = "word/document.xml"
    if main is None or not main.lower().startswith("word/"):
        for member, what in _OTHER_PACKAGES:
            if member in names:
                raise Unreadable(f"not a Word document: {what}")
        raise Unreadable("not a Word document: a ZIP archive without word/document.xml")
    return main


def _related(archive: zipfile.ZipFile, source: str, kind: str) -> str | None:
    """The member a relationship of ``source`` ("" for the package) of type ``…kind`` targets."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.namelist():
        return None
    for relationship in _parse(archive, rels).iter(_REL):
        external = relationship.get("TargetMode") == "External"  # a web address
        if relationship.get("Type", "").endswith(kind) and not external:
            target = relationship.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            resolved = posixpath.normpath(path)
            if resolved in archive.namelist():
                return resolved
    return None


def _parse(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return parse_xml(archive, name, "Word document")


# ---------------------------------------------------------------- paragraphs and places


@dataclass(frozen=True)
class _Piece:
    """A run's text, with the tracked insertion and deletion (if any) it stands in."""

    text: str
    inserted: etree._Element | None
    deleted: etree._Element | None


@dataclass(frozen=True)
class _Paragraph:
    style: str
    bookmarked: bool
    pieces: tuple[_Piece, ...]

    @property
    def text(self) -> str:
        """As lexkit built it: without the reviewers' insertions, with their deletions."""
        return "".join(piece.text for piece in self.pieces if piece.inserted is None)

    @property
    def quoted(self) -> bool:
        """Text of another act quoted by an amendment: its "(2)" is not the host's alineat."""
        return self.style.startswith("Quoted")


def _paragraph(element: etree._Element, bookmarked: bool) -> _Paragraph:
    style = element.find(f"{_w('pPr')}/{_STYLE}")
    pieces = []
    for run in element.iter(_R):
        if _paragraph_of(run) is not element:
            continue  # a text box's paragraph inside this one: it has its own place
        inserted, deleted = _revisions_around(run, element)
        pieces.append(_Piece(_run_text(run), inserted, deleted))
    return _Paragraph(
        style.get(_w("val"), "") if style is not None else "", bookmarked, tuple(pieces)
    )


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    return next(element.iterancestors(_P), None)


def _revisions_around(
    run: etree._Element, paragraph: etree._Element
) -> tuple[etree._Element | None, etree._Element | None]:
    inserted = deleted = None
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            break
        if ancestor.tag == _INS and inserted is None:
            inserted = ancestor
        elif ancestor.tag == _DEL and deleted is None:
            deleted = ancestor
    return inserted, deleted


def _run_text(run: etree._Element) -> str:
    """A run's text; a superscript one as lexkit writes it in text ("175^1")."""
    text = "".join(
        (child.text or "") if child.tag in _TEXT_TAGS else _CHARACTERS.get(child.tag, "")
        for child in run
    )
    return "^" + text if text and run.find(_SUPERSCRIPT) is not None else text


_HEADING = re.compile(
    r"(?P<word>[^\W\d_]+\.?)\s*(?:(?:nr|no)\.?\s*)?"
    r"(?P<number>\d+(?:\^\d+)?|[IVXLCDM]+)(?![\w^])\s*(?P<rest>.*)",
    re.S,
)
_ALINEAT = re.compile(r"\((\d+(?:\^\d+)?)\)(?=\s|$)")
_POINT = re.compile(
    r"(?:(?P<bare>[a-z]{1,2}(?:\^\d+)?|\d+(?:\^\d+)?)(?P<end>[.)])"  # "b)", "12.", "1)"
    r"|\((?P<letter>[a-z](?:\^\d+)?)\))"  # "(b)"
    r"(?=\s|$)"
)


def _heading(text: str) -> tuple[DivisionKind, str, str] | None:
    """(kind, number, what follows) of "Articolul 5. Scopul", "Anexa nr. 1", "Chapter II"."""
    match = _HEADING.match(text.strip())
    if match is None:
        return None
    kind = structural_kind(match["word"])
    return (kind, match["number"], match["rest"]) if kind else None


class _Places:
    """Where each paragraph stands, read in document order.

    In a DOCX lexkit built, only a heading with a bookmark starts a division (a quoted
    "Articolul 46^1." has none); in any other, a short paragraph that reads as a heading.
    """

    def __init__(self, built_by_lexkit: bool) -> None:
        self.built_by_lexkit = built_by_lexkit
        self.annex = ""  # "anexa nr. 1" inside an annex
        self.division: tuple[DivisionKind, str] | None = None  # the chapter or section
        self.article: str | None = None
        self.alineat: str | None = None
        self.point: str | None = None  # the first-level point's marker: "b)", "12."
        self.point_kind: str | None = None  # the marker kind of first-level points here

    def place(self, paragraph: _Paragraph) -> str | None:
        heading = self._heading(paragraph)
        if heading is not None:
            self._enter(*heading)
        elif not paragraph.quoted:
            self._refine(paragraph.text.lstrip())
        # A paragraph without a marker (a table cell, a quoted text) belongs to the unit
        # it follows, so the place stays as it was.
        return self.label()

    def _heading(self, paragraph: _Paragraph) -> tuple[DivisionKind, str] | None:
        found = _heading(paragraph.text)
        if found is None:
            return None
        kind, number, rest = found
        if self.built_by_lexkit:
            return (kind, number) if paragraph.bookmarked else None
        # Not "Articolul 5 se abrogă.": a heading line ends, or goes on with its title.
        if len(paragraph.text) > _HEADING_MAX or (rest and rest[0] not in ".:–—-"):
            return None
        return kind, number

    def _enter(self, kind: DivisionKind, number: str) -> None:
        self.alineat = self.point = self.point_kind = None
        if kind == "annex":
            self.annex, self.division, self.article = unit_label("annex", number, "ro"), None, None
        elif kind == "article":
            self.article = number
        else:
            self.division, self.article = (kind, number), None

    def _refine(self, text: str) -> None:
        alineat = _ALINEAT.match(text)
        if alineat:
            self.alineat, self.point, self.point_kind = alineat[1], None, None
            return
        point = _POINT.match(text)
        if point is None:
            return
        if point["letter"]:
            marker, kind = f"{point['letter']})", "(a)"
        else:
            marker = point["bare"] + point["end"]
            kind = ("1" if point["bare"][0].isdigit() else "a") + point["end"]
        # The first kind of marker met is the first level; another kind is a point
        # inside it ("1)" under "a)"), which stays part of its first-level point.
        if self.point_kind is None:
            self.point_kind = kind
        if kind == self.point_kind:
            self.point = marker

    def label(self) -> str | None:
        """The place as the register labels it ("art. 5 alin. (2) lit. b)"); None: General."""
        if self.article is not None:
            inner = unit_label("article", self.article, "ro")
            if self.alineat:
                inner += alineat_label(self.alineat, "ro")
            if self.point:
                inner += point_label(self.point, "ro", standalone=False)
        elif self.point is not None:  # a regulation's or a decision's "pct. 12"
            inner = point_label(self.point, "ro", standalone=True)
        elif self.division is not None:
            inner = unit_label(*self.division, "ro")
        else:
            inner = ""
        return ", ".join(part for part in (self.annex, inner) if part) or None


# ---------------------------------------------------------------- comments and changes


@dataclass(frozen=True)
class _Anchor:
    provision: str | None
    text: str


_GENERAL_ANCHOR = _Anchor(None, "")


def _review(
    name: str,
    data: bytes,
    document: etree._Element,
    comments: etree._Element | None,
    core: etree._Element | None,
) -> Review:
    body = document.find(_BODY)
    if body is None:
        raise Unreadable("damaged: word/document.xml has no body")
    paragraphs = _paragraphs(body)
    built_by_lexkit = any(p.bookmarked and _heading(p.text) for p in paragraphs.values())
    anchors, changes = _walk(body, paragraphs, _Places(built_by_lexkit))
    items = [*_comment_items(comments, anchors), *changes]
    title = core.findtext(_DC_TITLE) if core is not None else None
    opening = [p.text.strip() for p in paragraphs.values() if p.text.strip()]
    return Review(
        name=name,
        data=data,
        title=(title or "").strip(),
        opening=tuple(opening[:_OPENING_PARAGRAPHS]),
        built_by_lexkit=built_by_lexkit,
        items=tuple(items),
    )


def _paragraphs(body: etree._Element) -> dict[etree._Element, _Paragraph]:
    """Every paragraph of the body (tables' too), in document order.

    A bookmark Word put between two paragraphs belongs to the next; Word's own hidden
    bookmarks (_GoBack, _Toc…) say nothing about lexkit.
    """
    out: dict[etree._Element, _Paragraph] = {}
    waiting = False
    for element in body.iter(_P, _BOOKMARK):
        if element.tag == _BOOKMARK:
            if not element.get(_w("name"), "_").startswith("_") and _paragraph_of(element) is None:
                waiting = True
            continue
        own = any(
            not mark.get(_w("name"), "_").startswith("_") and _paragraph_of(mark) is element
            for mark in element.iter(_BOOKMARK)
        )
        out[element] = _paragraph(element, own or waiting)
        waiting = False
    return out


def _walk(
    body: etree._Element, paragraphs: dict[etree._Element, _Paragraph], places: _Places
) -> tuple[dict[str, _Anchor], list[ReviewItem]]:
    """One pass in document order: each paragraph's place, the paragraph each comment
    starts in, and each tracked change with its place."""
    anchors: dict[str, _Anchor] = {}
    changes: list[ReviewItem] = []
    here: dict[etree._Element, _Anchor] = {}
    waiting: list[str] = []  # comments marked between paragraphs: they start at the next
    replaced: set[etree._Element] = set()  # insertions already read with their deletion
    for element in body.iter(_P, _RANGE_START, _REFERENCE, _INS, _DEL):
        if element.tag == _P:
            paragraph = paragraphs[element]
            here[element] = _Anchor(places.place(paragraph), paragraph.text)
            for comment_id in waiting:
                anchors.setdefault(comment_id, here[element])
            waiting.clear()
            continue
        owner = _paragraph_of(element)
        if element.tag in (_RANGE_START, _REFERENCE):
            comment_id = element.get(_ID, "")
            if owner is None:
                waiting.append(comment_id)
            else:
                anchors.setdefault(comment_id, here[owner])
        elif owner is not None and element not in replaced:
            change = _change(element, paragraphs[owner], here[owner], len(changes) + 1)
            if change is not None:
                changes.append(change[0])
                replaced.update(change[1])
    return anchors, changes


def _change(
    element: etree._Element, paragraph: _Paragraph, anchor: _Anchor, number: int
) -> tuple[ReviewItem, set[etree._Element]] | None:
    """A tracked insertion or deletion (a deletion and the insertion right after it, by
    the same reviewer, is Word's way of replacing text); None when it holds no text."""
    deletion = element if element.tag == _DEL else None
    insertion = element if element.tag == _INS else _insertion_after(element)
    old = "".join(
        p.text for p in paragraph.pieces if deletion is not None and p.deleted is deletion
    )
    new = "".join(
        p.text
        for p in paragraph.pieces
        if insertion is not None and p.inserted is insertion and p.deleted is None
    )
    if not old.strip() and not new.strip():
        return None
    kind: ItemKind
    if old.strip() and new.strip():
        kind, text = (
            "replacement",
            _said("Se înlocuiește „{0}” cu „{1}”", "Replace “{0}” with “{1}”", old, new),
        )
    elif new.strip():
        kind, text = "insertion", _said("Se introduce „{0}”", "Insert “{0}”", new)
    else:
        kind, text = "deletion", _said("Se exclude „{0}”", "Delete “{0}”", old)
    applied = "".join(
        p.text
        for p in paragraph.pieces
        if (p.inserted is None or p.inserted is insertion)
        and (p.deleted is None or p.deleted is not deletion)
    )
    item = ReviewItem(
        kind=kind,
        number=number,
        author=element.get(_AUTHOR, "").strip(),
        initials="",
        date=element.get(_DATE) or (insertion.get(_DATE, "") if insertion is not None else ""),
        text=text,
        proposed_wording=applied.strip() or None,
        provision=anchor.provision,
        anchored_to=anchor.text,
    )
    read_with_it = {insertion} if insertion is not None and insertion is not element else set()
    return item, read_with_it


# Marks Word may leave between a deletion and the insertion that replaces it.
_BETWEEN_RUNS = {_BOOKMARK, _w("bookmarkEnd"), _w("proofErr"), _RANGE_START, _w("commentRangeEnd")}


def _insertion_after(deletion: etree._Element) -> etree._Element | None:
    """The insertion right after a deletion, by the same reviewer: a replacement."""
    following = deletion.getnext()
    while following is not None and following.tag in _BETWEEN_RUNS:
        following = following.getnext()
    same_reviewer = following is not None and following.get(_AUTHOR) == deletion.get(_AUTHOR)
    return following if same_reviewer and following.tag == _INS else None


def _comment_items(
    comments: etree._Element | None, anchors: dict[str, _Anchor]
) -> list[ReviewItem]:
    """Each comment with text, where it starts; one anchored nowhere in the body (in a
    footnote, a header) is on the document in general."""
    if comments is None:
        return []
    found = list(comments.iter(_COMMENT))
    numbers = _comment_numbers([c.get(_ID, "") for c in found])
    items = []
    for comment, number in zip(found, numbers, strict=True):
        text = "\n".join(
            "".join(_run_text(run) for run in paragraph.iter(_R)) for paragraph in comment.iter(_P)
        ).strip()
        if not text:
            continue  # an empty comment says nothing to answer
        anchor = anchors.get(comment.get(_ID, ""), _GENERAL_ANCHOR)
        items.append(
            ReviewItem(
                kind="comment",
                number=number,
                author=comment.get(_AUTHOR, "").strip(),
                initials=comment.get(_INITIALS, "").strip(),
                date=comment.get(_DATE, ""),
                text=text,
                proposed_wording=None,
                provision=anchor.provision,
                anchored_to=anchor.text,
            )
        )
    return items


def _comment_numbers(ids: list[str]) -> list[int]:
    """The comments' w:id as numbers when they are distinct numbers, else their order."""
    numbers = all(i.isascii() and i.isdigit() and len(i) <= 9 for i in ids)
    if numbers and len(set(ids)) == len(ids):
        return [int(i) for i in ids]
    return list(range(1, len(ids) + 1))


# ---------------------------------------------------------------- into the register


def which_document(
    review: Review, documents: Mapping[Lang, Mapping[str, Document]], main: str
) -> str:
    """The dossier's document a review is of: the one whose title (in any language, with
    or without the act's kind) the DOCX's title or its opening paragraphs give; else ``main``.
    An exact title wins; then the longest title the DOCX's title contains ("Lege privind …
    (observațiile MJ)")."""
    titles = [
        (doc_id, fields.key(title))
        for lang, docs in documents.items()
        for doc_id, document in docs.items()
        for title in (
            document.meta.title,
            full_title(document.meta.title, document.meta.type, lang),
        )
        if fields.key(title)
    ]
    candidates = [fields.key(text) for text in (review.title, *review.opening) if fields.key(text)]
    for candidate in candidates:
        for doc_id, title in titles:
            if title == candidate:
                return doc_id
    for candidate in candidates:
        within = [
            (len(title), doc_id)
            for doc_id, title in titles
            if len(title) >= _CONTAINED_TITLE_MIN and title in candidate
        ]
        if within:
            return max(within)[1]
    return main


def store_review(
    review: Review,
    register: Register,
    index: Provisions,
    documents: Mapping[Lang, Mapping[str, Document]],
) -> ReviewSummary:
    """Add a review's comments and changes to the register as its reviewers' feedback,
    their provisions matched against the current draft (``index``); a file the register
    already holds adds nothing."""
    document = which_document(review, documents, index.main)
    summary = ReviewSummary(review.name, document)
    rows = [_row(item, review.name, document, index) for item in review.items]
    if not store_normalised(review.name, review.data, rows, register):
        summary.already_in_register = True
        return summary
    for item, row in zip(review.items, rows, strict=True):
        if item.is_revision:
            summary.revisions += 1
        else:
            summary.comments += 1
        shown = row.values["provision"]
        if shown is None:
            summary.unmatched += 1
            shown = f"{row.values['provision_raw']} (not in the current draft)"
        summary.by_provision[shown] = summary.by_provision.get(shown, 0) + 1
        if row.values["organisation"] not in summary.reviewers:
            summary.reviewers.append(row.values["organisation"])
    return summary


# "art. VIII alin. (2) lit. a)" -> "art. VIII alin. (2)"; "anexa nr. 1, art. 3 pct. 2" too.
_WITHIN_POINT = re.compile(
    r"(?P<unit>(?:.*, )?art\. [^ ,]+(?: alin\. \([^)]+\))?)"  # the article and alineat
    r" (?:lit|pct)\. \S+"  # the point
)


def _row(item: ReviewItem, file_name: str, document: str, index: Provisions) -> NormalisedRow:
    raw_provision = item.provision or GENERAL
    label, _ = match_provision(document, raw_provision, index)
    within = _WITHIN_POINT.fullmatch(raw_provision)
    if label is None and within:
        # The register lists first-level points only (not lit. a) of an amending law's
        # alineat, say): such a point is on the unit that holds it.
        label, _ = match_provision(document, within["unit"], index)
    reviewer = fields.normalise_text(item.author) or fields.normalise_text(item.initials)
    submitted = fields.parse_date(item.date[:10]) if item.date else None
    values = {  # no contact details, no consent: the rest of the register's values
        "organisation": reviewer or f"reviewer of {file_name}",
        "stakeholder_type": REVIEWER_TYPE,
        "document": document,
        "provision_raw": raw_provision,
        "provision": label,
        "position": "comment",
        "comment": fields.normalise_text(item.text) or None,
        "proposed_wording": fields.normalise_text(item.proposed_wording or "") or None,
        "submitted_on": submitted.isoformat() if submitted else None,
    }
    raw = {
        "kind": item.kind,
        "author": item.author,
        "initials": item.initials,
        "date": item.date,
        "text": item.text,
        "proposed_wording": item.proposed_wording or "",
        "provision": raw_provision,
        "anchored_to": item.anchored_to,
    }
    sheet = REVISIONS_SHEET if item.is_revision else COMMENTS_SHEET
    return NormalisedRow(sheet, item.number, values, {k: v for k, v in raw.items() if v})


def earlier_document(register_file: Path, review: Review) -> str | None:
    """The document a review already in the register was found to be about ("" when it
    had no comments); None when the register does not hold it (or does not exist yet:
    opening it would create it, and the build would then draw the consultation's charts)."""
    if not register_file.is_file():
        return None
    with Register(register_file) as register:
        earlier = register.file_with_hash(review.sha256)
        if earlier is None:
            return None
        row = register.db.execute(
            "SELECT document FROM comments WHERE file_id = ? ORDER BY id LIMIT 1", (earlier["id"],)
        ).fetchone()
    return row["document"] if row else ""


# ---------------------------------------------------------------- the command


def _said(romanian: str, english: str, *words: str) -> str:
    """A tracked change described in both languages, as the register's text is shown in
    the Romanian and the English synthesis alike."""
    stripped = [word.strip() for word in words]
    return f"{romanian.format(*stripped)} / {english.format(*stripped)}"
