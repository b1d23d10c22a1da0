"""Two versions of a document as one: the new version with every difference from the old
one as a revision (a tracked change a reviewer accepts or rejects in Word), and a summary
of the provisions changed, added, removed and renumbered.

Both versions are Document trees, compared parent by parent:

- units are matched first by their ``{#id}``; units without one (or whose id is on one
  side only) by their text (identical apart from the number), then by their number or
  letter with a text at least partly alike, then by how alike their words are;
- a matched unit whose number changed shows only its number as changed ("Articolul 3"
  -> "Articolul 4"), the rest of it compared as usual;
- inside a matched paragraph the words are compared (:mod:`difflib`), spaces kept with
  the word before them, so a reworded sentence shows the words taken out and put in;
- a unit with no counterpart is inserted or deleted whole, paragraph marks included, so
  accepting or rejecting leaves no empty paragraph; table rows likewise.

The result is deterministic: the revisions' author and date come from the caller or the
new front matter. Where the versions come from (two files, two git revisions) is
:mod:`lexkit.review.compare`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from lexkit.engine.model import (
    COMPARISON,
    Alineat,
    Block,
    Division,
    Document,
    Footnote,
    FootnoteRef,
    Heading,
    Hyperlink,
    Inline,
    LineBreak,
    Picture,
    Point,
    Provision,
    Reference,
    Renumbering,
    Revision,
    Table,
    TableCell,
    Text,
    inline_contents,
    plain_text,
    text_nodes,
)
from lexkit.language import Lang

# The author of the revisions when neither the command nor the new front matter names one.
DEFAULT_AUTHOR: dict[Lang, str] = {"ro": "Autor", "en": "Author"}
FIXED_DATE = dt.date(2000, 1, 1)  # as lexkit.io.xlsx.FIXED_PROPERTY_DATE: no date given


# ---------------------------------------------------------------- the summary


@dataclass(frozen=True)
class ProvisionChange:
    """A provision in the summary: its label ("art. 3 alin. (2)", "anexa nr. 1, pct. 5")
    as the new text has it (a removed one: as the old text had it), its id when it has
    one, and for a renumbered one the label it had."""

    label: str
    id: str = ""
    old_label: str = ""

    def __str__(self) -> str:
        return f"{self.old_label} -> {self.label}" if self.old_label else self.label


@dataclass
class Summary:
    """What changed, provision by provision, in document order.

    ``changed``: provisions whose own wording changed (a word, a quoted text, a table
    row in them); ``added`` and ``removed``: whole provisions (their units are not listed
    again); ``renumbered``: provisions whose number changed.
    """

    changed: list[ProvisionChange] = field(default_factory=list)
    added: list[ProvisionChange] = field(default_factory=list)
    removed: list[ProvisionChange] = field(default_factory=list)
    renumbered: list[ProvisionChange] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.changed or self.added or self.removed or self.renumbered)

    def lines(self) -> list[str]:
        """The summary as the CLI prints it, one line per kind of change."""
        if self.unchanged:
            return ["no differences"]
        out = []
        for name in ("changed", "added", "removed", "renumbered"):
            items: list[ProvisionChange] = getattr(self, name)
            if items:
                # A removed provision has no number in NEW: it is named as OLD numbered it.
                count = f"{len(items)}, as numbered in OLD" if name == "removed" else len(items)
                out.append(f"{name} ({count}): " + ", ".join(map(str, items)))
        return out

    def as_dict(self) -> dict[str, list[dict[str, str]]]:
        """The summary as plain data (for JSON)."""
        return {
            name: [
                {"label": c.label, "id": c.id, "old_label": c.old_label}
                for c in getattr(self, name)
            ]
            for name in ("changed", "added", "removed", "renumbered")
        }


def _add(items: list[ProvisionChange], change: ProvisionChange) -> None:
    """Each provision once, in the order first met."""
    if all(item.label != change.label for item in items):
        items.append(change)


@dataclass
class Comparison:
    """The new document with the differences from the old one as revisions, and the
    summary. Write it with :func:`lexkit.engine.writers.docx.writer.write_docx`."""

    document: Document
    summary: Summary


# ---------------------------------------------------------------- comparing two trees


def compare_documents(
    old: Document,
    new: Document,
    author: str | None = None,
    date: dt.date | dt.datetime | None = None,
) -> Comparison:
    """Compare two numbered documents; neither is changed.

    ``author`` defaults to the new front matter's author, else "Autor" / "Author"; ``date`` to the
    new front matter's date, else the fixed date of lexkit's packages (2000-01-01).
    """
    author = author or new.meta.author or DEFAULT_AUTHOR[new.meta.lang]
    when = date or new.meta.date or FIXED_DATE
    merger = _Merger(old, new, author, _revision_date(when))
    return merger.run()


def _revision_date(when: dt.date | dt.datetime) -> str:
    """ISO 8601 in UTC, as w:date wants it; a date alone is taken at midnight."""
    if isinstance(when, dt.datetime):
        if when.tzinfo is not None:
            when = when.astimezone(dt.UTC).replace(tzinfo=None)
        return when.replace(microsecond=0).isoformat() + "Z"
    return f"{when.isoformat()}T00:00:00Z"


_TOKENS = re.compile(r"\s+|\S+\s*")  # a word with the spaces after it (or leading spaces)
Key = tuple[object, ...]
Pair = tuple[Block | None, Block | None]

# Units without a common id are paired when their words are at least this alike, or,
# having the same number or letter (or place), at least the lower figure alike.
_ALIKE, _ALIKE_SAME_PLACE = 0.5, 0.25
_SAME_PLACE_BONUS = 0.1
_SIMILARITY_WORDS = 400  # enough words to tell two provisions apart
_MAX_PAIRINGS = 2500  # unmatched units scored pair by pair beyond this are paired in order


class _Merger:
    """Builds the compared tree: new nodes where nothing changed, copies where something
    did (the inputs are never modified)."""

    def __init__(self, old: Document, new: Document, author: str, date: str) -> None:
        self.old, self.new = old, new
        self.inserted = Revision("ins", author, date)
        self.deleted = Revision("del", author, date)
        self.author, self.date = author, date
        self.summary = Summary()
        # Footnote marks of the compared tree in document order, each with its note.
        self.notes: list[tuple[FootnoteRef, Footnote]] = []
        self.words_cache: dict[int, tuple[str, ...]] = {}
        self.note_texts: dict[int, str] = {}
        # Where a change is reported: the labels of the provisions around it, the annex
        # it is in (per side), and the last heading of a note or report.
        self.context: list[ProvisionChange] = []
        self.scope = {"old": "", "new": ""}
        self.heading = ""

    def run(self) -> Comparison:
        title = self.title()
        children = self.blocks(self.old.children, self.new.children)
        footnotes = []
        for number, (ref, note) in enumerate(self.notes, 1):
            ref.number = number
            footnotes.append(Footnote(note.name, note.content, note.source, number))
        extra = {**self.new.meta.extra, COMPARISON: True}  # written with Track Changes on
        meta = replace(self.new.meta, title_content=title, extra=extra)
        document = Document(meta, children, footnotes, self.new.source_file)
        return Comparison(document, self.summary)

    def title(self) -> list[Inline] | None:
        old, new = self.old.meta.title, self.new.meta.title
        if old == new:
            return None
        content, _ = self.content(text_nodes(old, False, False), text_nodes(new, False, False))
        _add(self.summary.changed, ProvisionChange("title"))
        return content

    # blocks ------------------------------------------------------------------------

    def blocks(self, old: list[Block], new: list[Block]) -> list[Block]:
        out: list[Block] = []
        for before, after in self.align(old, new):
            if before is None:
                assert after is not None
                out.append(self.marked(after, self.inserted, "new"))
                self.report_whole(after, self.summary.added, "new")
            elif after is None:
                out.append(self.marked(before, self.deleted, "old"))
                self.report_whole(before, self.summary.removed, "old")
            else:
                out.extend(self.matched(before, after))
            shown = after or before
            if isinstance(shown, Heading) and not self.context:
                self.heading = shown.label or _short(plain_text(shown.content))
        return out

    def matched(self, old: Block, new: Block) -> list[Block]:
        """The compared version of two matched blocks (two when a table's columns changed:
        the old table deleted, the new one inserted)."""
        if isinstance(old, Table) and isinstance(new, Table):
            return self.table(old, new)
        changes: dict[str, Any] = {}
        changed = False
        if isinstance(old, Division) and isinstance(new, Division):
            changes["title"], changed = self.content(old.title, new.title)
        elif hasattr(new, "content"):  # paragraphs, headings, alineate, points
            changes["content"], changed = self.content(
                old.content,  # type: ignore[attr-defined]
                new.content,
            )
        if isinstance(old, Provision) and isinstance(new, Provision):
            changes["renumbering"] = self.renumbering(old, new)
        if changed:
            self.report_change(new)
        if hasattr(new, "children"):
            with self.inside(old, new):
                changes["children"] = self.blocks(old.children, new.children)  # type: ignore[attr-defined]
        return [replace(new, **changes)]

    def renumbering(self, old: Provision, new: Provision) -> Renumbering | None:
        before, after = _number(old), _number(new)
        if before == after:
            return None
        if new.label:  # quoted units have none: their change is their article's wording
            _add(
                self.summary.renumbered,
                replace(self.provision(new, "new"), old_label=self.full_label(old, "old")),
            )
        else:
            self.report_change(new)
        return Renumbering(before, self.author, self.date)

    def marked(self, block: Block, revision: Revision, side: str) -> Block:
        """A copy of a block (and everything in it) inserted or deleted whole. A deleted
        block loses its bookmarks: the new text has its own of the same names."""
        changes: dict[str, Any] = {"revision": revision}
        if isinstance(block, Division):
            changes["title"] = self.kept(block.title, side, revision)
        elif hasattr(block, "content"):
            changes["content"] = self.kept(block.content, side, revision)
        if isinstance(block, Table):
            changes["header"] = self.cells(block.header, side, revision)
            changes["rows"] = [self.cells(row, side, revision) for row in block.rows]
            changes["row_revisions"] = []
        if hasattr(block, "children"):
            changes["children"] = [self.marked(child, revision, side) for child in block.children]
        if revision.kind == "del" and hasattr(block, "bookmark"):
            changes["bookmark"] = ""
        if isinstance(block, Provision):
            changes["renumbering"] = None
        return replace(block, **changes)

    # tables --------------------------------------------------------------------------

    def table(self, old: Table, new: Table) -> list[Block]:
        if len(old.header) != len(new.header):
            self.report_change(new)
            return [self.marked(old, self.deleted, "old"), self.marked(new, self.inserted, "new")]
        header, changed = self.row(old.header, new.header)
        rows: list[list[TableCell]] = []
        revisions: list[Revision | None] = []
        matcher = SequenceMatcher(
            None, [_row_key(r) for r in old.rows], [_row_key(r) for r in new.rows], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for row in new.rows[j1:j2]:
                    rows.append(self.cells(row, "new", None))
                    revisions.append(None)
                continue
            changed = True
            olds, news = old.rows[i1:i2], new.rows[j1:j2]
            paired = min(len(olds), len(news)) if tag == "replace" else 0
            for before, after in zip(olds[:paired], news[:paired], strict=True):
                rows.append(self.row(before, after)[0])
                revisions.append(None)
            for row in olds[paired:]:
                rows.append(self.cells(row, "old", self.deleted))
                revisions.append(self.deleted)
            for row in news[paired:]:
                rows.append(self.cells(row, "new", self.inserted))
                revisions.append(self.inserted)
        if changed:
            self.report_change(new)
        return [replace(new, header=header, rows=rows, row_revisions=revisions)]

    def row(self, old: list[TableCell], new: list[TableCell]) -> tuple[list[TableCell], bool]:
        cells, changed = [], False
        for index, cell in enumerate(new):
            before = old[index].content if index < len(old) else []
            content, cell_changed = self.content(before, cell.content)
            cells.append(replace(cell, content=content))
            changed = changed or cell_changed
        return cells, changed

    def cells(self, row: list[TableCell], side: str, revision: Revision | None) -> list[TableCell]:
        return [replace(cell, content=self.kept(cell.content, side, revision)) for cell in row]

    # inline content ---------------------------------------------------------------------

    def content(self, old: list[Inline], new: list[Inline]) -> tuple[list[Inline], bool]:
        """The new content with the words taken out and put in as revisions; and whether
        anything changed."""
        # Joined first: "art. 634)" + ", cu ..." split across two nodes is still one word.
        old_keys, old_pieces = self.tokens(_coalesced(old), "old")
        new_keys, new_pieces = self.tokens(_coalesced(new), "new")
        if old_keys == new_keys:
            return self.kept(new, "new", None), False
        out: list[Inline] = []
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.extend(self.kept(new_pieces[j1:j2], "new", None))
                continue
            out.extend(self.revised(old_pieces[i1:i2], "old", self.deleted))
            out.extend(self.revised(new_pieces[j1:j2], "new", self.inserted))
        return _coalesced(out), True

    def tokens(self, content: list[Inline], side: str) -> tuple[list[Key], list[Inline]]:
        """The words (with their spaces and formatting) and the other inline nodes, each
        with the key it is compared by."""
        keys: list[Key] = []
        pieces: list[Inline] = []
        for node in content:
            if isinstance(node, Text):
                style = (node.bold, node.italic, node.superscript, node.strike, node.underline)
                for word in _TOKENS.findall(node.text):
                    keys.append(("text", word, *style))
                    pieces.append(node if word == node.text else replace(node, text=word))
            else:
                keys.append(self.inline_key(node, side))
                pieces.append(node)
        return keys, pieces

    def inline_key(self, node: Inline, side: str) -> Key:
        if isinstance(node, Reference):  # compared as shown: "art. 3" -> "art. 4" is a change
            return ("reference", plain_text(node.text) if node.text else node.label)
        if isinstance(node, FootnoteRef):
            return ("footnote", self.note_text(self.note_of(node, side)))
        if isinstance(node, Hyperlink):
            return ("link", node.url, plain_text(node.text))
        if isinstance(node, Picture):
            return ("picture", node.alt, node.data)
        if isinstance(node, LineBreak):
            return ("break",)
        return ("other", repr(node))

    def kept(self, content: list[Inline], side: str, revision: Revision | None) -> list[Inline]:
        """Inline content copied into the compared tree: its footnote marks copied (they
        are renumbered) and given their notes, marked with ``revision`` when the block
        around them is inserted or deleted whole."""
        out: list[Inline] = []
        for node in content:
            if isinstance(node, FootnoteRef):
                node = self.footnote(node, side, revision, None)
            elif isinstance(node, Reference) and revision is not None and revision.kind == "del":
                node = replace(node, bookmark="")
            out.append(node)
        return out

    def revised(self, pieces: list[Inline], side: str, revision: Revision) -> list[Inline]:
        """Words and nodes taken out or put in, each marked as a revision."""
        out: list[Inline] = []
        for node in pieces:
            if isinstance(node, FootnoteRef):
                out.append(self.footnote(node, side, revision, revision))
                continue
            if isinstance(node, Reference) and revision.kind == "del":
                node = replace(node, bookmark="")  # its target may be gone
            out.append(replace(node, revision=revision))
        return out

    def footnote(
        self,
        ref: FootnoteRef,
        side: str,
        revision: Revision | None,
        mark_revision: Revision | None,
    ) -> FootnoteRef:
        """A copy of a footnote mark (``mark_revision`` on it when it is a word of a changed
        paragraph), recorded with its note, inserted or deleted with it (``revision``)."""
        note = self.note_of(ref, side)
        copy = replace(ref, revision=mark_revision)
        if revision is not None:
            content = [replace(block, revision=revision) for block in note.content]
            note = Footnote(note.name, content, note.source)
        self.notes.append((copy, note))
        return copy

    def note_of(self, ref: FootnoteRef, side: str) -> Footnote:
        notes = self.old.footnotes if side == "old" else self.new.footnotes
        return notes[ref.number - 1]

    def note_text(self, note: Footnote) -> str:
        text = self.note_texts.get(id(note))
        if text is None:
            text = "\n".join(plain_text(getattr(b, "content", [])) for b in note.content)
            self.note_texts[id(note)] = text
        return text

    # matching units ------------------------------------------------------------------

    def align(self, old: list[Block], new: list[Block]) -> list[Pair]:
        """Old and new blocks paired in the compared order: (old, new) matched, (old, None)
        deleted, (None, new) inserted; deletions before insertions at the same place."""
        pairs: list[Pair] = []
        last_old = last_new = 0
        for i, j in [*_id_anchors(old, new), (len(old), len(new))]:
            pairs += self.align_gap(old[last_old:i], new[last_new:j])
            if i < len(old):
                pairs.append((old[i], new[j]))
            last_old, last_new = i + 1, j + 1
        return pairs

    def align_gap(self, old: list[Block], new: list[Block]) -> list[Pair]:
        if not old or not new:
            return [(o, None) for o in old] + [(None, n) for n in new]
        matcher = SequenceMatcher(
            None, [self.key(b) for b in old], [self.key(b) for b in new], autojunk=False
        )
        pairs: list[Pair] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                pairs += zip(old[i1:i2], new[j1:j2], strict=True)
            else:
                pairs += self.pair_alike(old[i1:i2], new[j1:j2])
        return pairs

    def pair_alike(self, old: list[Block], new: list[Block]) -> list[Pair]:
        """The order-keeping pairing of the most alike units (a weighted longest common
        subsequence); the rest deleted and inserted."""
        if not old or not new:
            return [(o, None) for o in old] + [(None, n) for n in new]
        if len(old) * len(new) > _MAX_PAIRINGS:
            return _paired_in_order(old, new)
        # Two segments of the same length: units at the same place may be the same unit
        # reworded (a paragraph has no number to tell).
        same_length = len(old) == len(new)
        weight = [
            [self.weight(o, n, same_length and i == j) for j, n in enumerate(new)]
            for i, o in enumerate(old)
        ]
        best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
        for i in range(len(old) - 1, -1, -1):
            for j in range(len(new) - 1, -1, -1):
                best[i][j] = max(best[i + 1][j], best[i][j + 1])
                if weight[i][j] > 0:
                    best[i][j] = max(best[i][j], weight[i][j] + best[i + 1][j + 1])
        pairs: list[Pair] = []
        i = j = 0
        while i < len(old) and j < len(new):
            if best[i][j] == best[i + 1][j]:
                pairs.append((old[i], None))
                i += 1
            elif best[i][j] == best[i][j + 1]:
                pairs.append((None, new[j]))
                j += 1
            else:
                pairs.append((old[i], new[j]))
                i, j = i + 1, j + 1
        return pairs + [(o, None) for o in old[i:]] + [(None, n) for n in new[j:]]

    def weight(self, old: Block, new: Block, same_place: bool) -> float:
        """How good a pair two units make (0: none): how alike their words are, with a
        little more for the same number or letter (or the same place, for units without
        one)."""
        if not _compatible(old, new):
            return 0.0
        if _number(old) or _number(new):
            same_place = _number(old) == _number(new)
        similarity = _similarity(self.words(old), self.words(new))
        if similarity >= _ALIKE or (same_place and similarity >= _ALIKE_SAME_PLACE):
            return similarity + (_SAME_PLACE_BONUS if same_place else 0.0)
        return 0.0

    def key(self, block: Block) -> Key:
        """Equal for two blocks of the same kind with the same id and the same words."""
        kind = getattr(block, "kind", getattr(block, "level", ""))
        return (type(block).__name__, kind, getattr(block, "id", ""), self.words(block))

    def words(self, block: Block) -> tuple[str, ...]:
        """The words of a block and everything in it, its own number left out."""
        cached = self.words_cache.get(id(block))
        if cached is not None:
            return cached
        words: list[str] = []
        for content in inline_contents(block):
            words += plain_text(content).split()
        for child in getattr(block, "children", []):
            words += self.words(child)
        result = tuple(words)
        self.words_cache[id(block)] = result
        return result

    # the summary ---------------------------------------------------------------------

    def full_label(self, block: Block, side: str) -> str:
        """The label with the annex it is in ("anexa nr. 1, pct. 5"), as provisions() has it."""
        label = getattr(block, "label", "")
        scope = self.scope[side]
        in_annex = scope and not (isinstance(block, Division) and block.kind == "annex")
        return f"{scope}, {label}" if in_annex and label else label

    def provision(self, block: Block, side: str) -> ProvisionChange:
        return ProvisionChange(self.full_label(block, side), getattr(block, "id", ""))

    def report_change(self, block: Block) -> None:
        """A change in this block's own wording, reported for the nearest provision (in a
        note or report, under the nearest heading)."""
        if _is_provision(block):
            where = self.provision(block, "new")
        elif self.context:
            where = self.context[-1]
        elif isinstance(block, Heading):
            where = ProvisionChange(block.label or _short(plain_text(block.content)), block.id)
        else:
            where = ProvisionChange(self.heading or "(before the first provision)")
        _add(self.summary.changed, where)

    def report_whole(self, block: Block, items: list[ProvisionChange], side: str) -> None:
        """A block inserted or deleted whole: a provision is added or removed; anything else
        changes the provision it is in."""
        if _is_provision(block):
            _add(items, self.provision(block, side))
        elif isinstance(block, Heading) and not self.context:
            _add(items, ProvisionChange(_short(plain_text(block.content)), block.id))
        else:
            self.report_change(block)

    @contextmanager
    def inside(self, old: Block, new: Block) -> Iterator[None]:
        """Changes inside a provision are reported for it; an annex's units carry its label."""
        pushed = _is_provision(new)
        if pushed:
            self.context.append(self.provision(new, "new"))
        scopes = dict(self.scope)
        if isinstance(new, Division) and new.kind == "annex":
            self.scope = {"old": getattr(old, "label", ""), "new": new.label}
        try:
            yield
        finally:
            self.scope = scopes
            if pushed:
                self.context.pop()


def _is_provision(block: Block) -> bool:
    return isinstance(block, Provision) and bool(block.label)


def _number(block: Block) -> str:
    if isinstance(block, Division | Alineat):
        return block.number
    if isinstance(block, Point):
        return "" if block.marker == "–" else block.marker
    return ""


def _compatible(old: Block, new: Block) -> bool:
    """Two blocks can be the same provision: the same kind of unit (and level), and not
    two different ids."""
    if type(old) is not type(new):
        return False
    if isinstance(old, Division) and old.kind != new.kind:  # type: ignore[attr-defined]
        return False
    if isinstance(old, Point) and old.level != new.level:  # type: ignore[attr-defined]
        return False
    old_id, new_id = getattr(old, "id", ""), getattr(new, "id", "")
    return not (old_id and new_id and old_id != new_id)


def _id_anchors(old: list[Block], new: list[Block]) -> list[tuple[int, int]]:
    """Index pairs of the blocks matched by id, in order on both sides: when ids were
    reordered, the longest run that keeps its order is matched, the others moved
    (deleted and inserted)."""
    where = {b.id: j for j, b in enumerate(new) if getattr(b, "id", "")}  # type: ignore[attr-defined]
    candidates = [
        (i, where[b.id])  # type: ignore[attr-defined]
        for i, b in enumerate(old)
        if getattr(b, "id", "") in where and _compatible(b, new[where[b.id]])  # type: ignore[attr-defined]
    ]
    return _longest_increasing(candidates)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (increasing in the first item) whose second
    items increase too (patience sorting)."""
    tails: list[int] = []  # index in pairs of the smallest tail of each length
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if pairs[tails[middle]][1] < j:
                low = middle + 1
            else:
                high = middle
        previous[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    out: list[tuple[int, int]] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        out.append(pairs[index])
        index = previous[index]
    return out[::-1]


def _paired_in_order(old: list[Block], new: list[Block]) -> list[Pair]:
    """Too many unmatched units to score every pair: pair them in order while they are
    of the same kind."""
    pairs: list[Pair] = []
    count = min(len(old), len(new))
    for before, after in zip(old[:count], new[:count], strict=True):
        pairs += (
            [(before, after)] if _compatible(before, after) else [(before, None), (None, after)]
        )
    return pairs + [(o, None) for o in old[count:]] + [(None, n) for n in new[count:]]


def _similarity(old: tuple[str, ...], new: tuple[str, ...]) -> float:
    if not old and not new:
        return 1.0
    matcher = SequenceMatcher(
        None, old[:_SIMILARITY_WORDS], new[:_SIMILARITY_WORDS], autojunk=False
    )
    if matcher.real_quick_ratio() < _ALIKE_SAME_PLACE or matcher.quick_ratio() < _ALIKE_SAME_PLACE:
        return 0.0
    return matcher.ratio()


def _row_key(row: list[TableCell]) -> tuple[str, ...]:
    return tuple(plain_text(cell.content) for cell in row)


def _coalesced(content: list[Inline]) -> list[Inline]:
    """Adjacent words of the same formatting and revision joined again into one run."""
    out: list[Inline] = []
    for node in content:
        last = out[-1] if out else None
        if (
            isinstance(node, Text)
            and isinstance(last, Text)
            and replace(last, text="") == replace(node, text="")
        ):
            out[-1] = replace(last, text=last.text + node.text)
        else:
            out.append(node)
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
