"""What is a drafting aid, and the official edition without it.

The working edition of a document carries every aid a drafter needs; the official edition
(``lexkit build --edition official``) is what a ministry receives, with none of them. A
drafter marks an aid in one of three ways, each kept in the working edition and left out
of the official one:

- a footnote whose text starts with a drafting-note label (:data:`AID_LABELS`: "De
  verificat:", "Notă pentru autor:", "To verify:", "Note for the author:" ...): the note
  and its mark;
- a table column whose header ends with ``{.aid}`` (a status column): the whole column;
- a block between ``::: aid`` and ``:::`` lines (read by :mod:`lexkit.engine.dialect`).

Templates also see ``edition`` ("working" or "official") for anything else.
"""

from __future__ import annotations

import re

from lexkit.engine.model import Document, Footnote, FootnoteRef, document_inline_lists, plain_text
from lexkit.language import fold

AID_COLUMN = "{.aid}"

AID_LABELS = (
    "De verificat",
    "Notă pentru autor",
    "Notă de redactare",
    "To verify",
    "Note for the author",
    "Drafting note",
)
# Read on folded text, so that "Nota pentru autor" typed without diacritics counts too.
_AID_NOTE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(fold(label)) for label in AID_LABELS) + r")\s*[:.]"
)


def is_aid_note(note: Footnote) -> bool:
    """Whether the note is a drafting note: its text starts with a drafting-note label."""
    for block in note.content:
        content = getattr(block, "content", None)
        if content is not None:
            return bool(_AID_NOTE.match(fold(plain_text(content))))
    return False


def leave_out_aid_notes(document: Document) -> None:
    """Take the drafting notes out of an (unnumbered) document, with their marks."""
    aids = {note.name for note in document.footnotes if is_aid_note(note)}
    if not aids:
        return
    document.footnotes = [note for note in document.footnotes if note.name not in aids]
    for content in document_inline_lists(document):
        if any(isinstance(node, FootnoteRef) and node.name in aids for node in content):
            content[:] = [
                node
                for node in content
                if not (isinstance(node, FootnoteRef) and node.name in aids)
            ]
