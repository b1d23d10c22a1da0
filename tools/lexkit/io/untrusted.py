"""Files from outside, checked before anything parses them: size, archive bombs, encryption,
what the first bytes say the file is, and XML that declares entities.

Stakeholders' spreadsheets (:mod:`lexkit.io.spreadsheets`) and reviewers' Word files
(:mod:`lexkit.review.ingest`) come from people lexkit cannot vouch for; both go through
these checks, so a limit is set, and a refusal worded, in one place. A refusal is
:class:`Unreadable`, whose reason says in plain words why and what to do.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

_MB = 1024 * 1024
MAX_FILE_BYTES = 50 * _MB
MAX_MEMBER_BYTES = 200 * _MB
MAX_RATIO = 100
# A member this small cannot hurt, whatever its ratio: a short XML part of repeated
# empty cells legitimately packs more than 100 times.
RATIO_FLOOR_BYTES = 1 * _MB
MAX_MEMBERS = 10_000
_HEAD_BYTES = 4096  # a DOCTYPE must come before the first element: the head settles it

ENCRYPTED = "the file is encrypted (password-protected); save an unprotected copy"

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OTHER_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
)


class Unreadable(Exception):
    """A file that cannot be read; ``reason`` says why and what to do, in plain words."""

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}" if self.path else self.reason


def human_size(size: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", _MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def check_size(size: int, advice: str = "refused") -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES`; ``advice`` ends the reason."""
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // _MB
        separator = ": " if advice == "refused" else "; "
        raise Unreadable(f"larger than {limit} MB ({human_size(size)}){separator}{advice}")


def read_bounded(path: Path, advice: str = "refused") -> bytes:
    """A file's bytes, its size checked before a byte is read."""
    check_size(path.stat().st_size, advice)
    return path.read_bytes()


def known_kind(data: bytes) -> str | None:
    """What a file's first bytes say it is, for the kinds that are never a document to
    read ("a PDF document", "a PNG image"); None for any other."""
    for magic, what in OTHER_MAGIC:
        if data.startswith(magic):
            return what
    return None


def ole_stream(data: bytes, name: str) -> bool:
    """Whether an Office 97-2003 (OLE2) file holds a stream of this name; the directory
    stores stream names in UTF-16LE."""
    return (name + "\0").encode("utf-16-le") in data


def shown_member(name: str) -> str:
    """An archive member's name, safe to print: a hostile one may be long or odd."""
    name = re.sub(r"[\x00-\x1f\x7f]", "?", name)
    return name if len(name) <= 80 else name[:77] + "..."


def check_members(members: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive with too many members, an encrypted member, or a member that
    would expand past the limits (a zip bomb)."""
    if len(members) > MAX_MEMBERS:
        raise Unreadable(f"the archive has {len(members):,} members (over {MAX_MEMBERS:,})")
    for member in members:
        if member.flag_bits & 0x1:  # ZIP-level encryption
            raise Unreadable(ENCRYPTED)
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or (
            member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO
        ):
            raise Unreadable(
                f"archive member {shown_member(member.filename)} would expand to "
                f"{human_size(member.file_size)} (over 200 MB or 100 times its packed size): "
                "refused as a possible zip bomb"
            )


def member_head(archive: zipfile.ZipFile, name: str, size: int = _HEAD_BYTES) -> bytes:
    with archive.open(name) as stream:
        return stream.read(size)


def _declares_doctype(head: bytes) -> bool:
    return re.search(rb"<!DOCTYPE", head.replace(b"\x00", b""), re.I) is not None  # UTF-16 too


def doctype_refusal(name: str, kind: str) -> Unreadable:
    return Unreadable(
        f"archive member {shown_member(name)} declares a DOCTYPE (XML entities), which no "
        f"{kind} needs: refused as unsafe"
    )


def refuse_doctype(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """Refuse a member whose XML declares a DOCTYPE (entities can expand to gigabytes or
    read files); ``kind`` is what the file should be ("spreadsheet"). Returns the head read."""
    head = member_head(archive, name)
    if _declares_doctype(head):
        raise doctype_refusal(name, kind)
    return head


def parse_xml(archive: zipfile.ZipFile, name: str, kind: str) -> etree._Element:
    """A member's XML, parsed as defusedxml would: no DTD, no entities, no network."""
    from lxml import etree  # only the commands that read a Word file need lxml here

    refuse_doctype(archive, name, kind)
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    root = etree.fromstring(archive.read(name), parser)
    if root.getroottree().docinfo.doctype:  # one after a long comment
        raise doctype_refusal(name, kind)
    return root
