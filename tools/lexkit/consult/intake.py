"""Intake: stakeholder spreadsheets into the register, nothing lost, nothing trusted.

For each file: refuse it by name if it is too big or unreadable
(:mod:`lexkit.io.spreadsheets`), count it as a duplicate if the register already holds the
same bytes, else read every sheet whose header row lexkit recognises, apply the form's
respondent sheet to its rows, normalise each row, and store it, accepted or rejected with
its reason, in one transaction. The totals always reconcile: rows read = accepted +
rejected + duplicates.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lexkit.consult import fields
from lexkit.consult.provisions import Provisions, match_provision
from lexkit.consult.register import COMMENT_COLUMNS, INSERT_COMMENT, Register
from lexkit.consult.vocabulary import GENERAL, INSTRUCTIONS_SHEET, LISTS_SHEET, RESPONDENT_SHEET
from lexkit.errors import Location, Problem, display_path
from lexkit.io.spreadsheets import Sheet, cell_text, read_data
from lexkit.io.untrusted import Unreadable, read_bounded

# The form's sheets that hold instructions, the respondent and drop-down lists: their
# labels look like headers, but they are not feedback rows.
_FORM_SHEETS_WITHOUT_ROWS = {INSTRUCTIONS_SHEET, LISTS_SHEET, RESPONDENT_SHEET}


@dataclass
class Summary:
    """What one ingest did. ``rows_read`` always equals accepted + rejected + duplicates."""

    files_read: int = 0
    files_duplicate: int = 0
    unreadable: int = 0
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    unmatched_provisions: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejected_file: Path | None = None  # the rejection log written after the ingest

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.accepted + self.rejected + self.duplicates

    def lines(self) -> list[str]:
        return [
            f"files: {self.files_read} read ({self.files_duplicate} already in the register), "
            f"{self.unreadable} unreadable",
            f"rows: {self.rows_read} read = {self.accepted} accepted + {self.rejected} rejected "
            f"+ {self.duplicates} duplicates",
            f"provisions that match nothing in the draft (kept, flagged): "
            f"{self.unmatched_provisions}",
        ]


# ---------------------------------------------------------------- cells and rows


def _respondent_defaults(sheet: Sheet) -> dict[str, str]:
    """The form's respondent sheet: label/value pairs in columns A and B."""
    found: dict[str, str] = {}
    for row in sheet.rows:
        if len(row) >= 2:
            name = fields.match_header(cell_text(row[0]))
            if name and cell_text(row[1]).strip():
                found.setdefault(name, cell_text(row[1]))
    return found


_NOT_LETTERS = re.compile(r"[^\w\s]|_")


def _signature(text: str) -> str:
    """Comments that differ only in case, accents, punctuation or spacing read alike."""
    folded = text.casefold()
    if not folded.isascii():  # accents to split off (NFKD) only where there are some
        folded = unicodedata.normalize("NFKD", folded)
    # Drops punctuation and the accents NFKD split off (one regex: a Python loop over
    # every character was a third of the ingest time).
    return " ".join(_NOT_LETTERS.sub("", folded).split())[:500]


@dataclass
class _Row:
    sheet: str
    number: int
    raw: dict[str, str]
    values: dict[str, object]  # as read: a date cell stays a date
    texts: dict[str, str]  # the same cells as text


def _rows(sheets: list[Sheet]) -> tuple[list[_Row], bool]:
    """Rows of every sheet with a recognised header row, the respondent sheet applied.

    Returns the rows and whether any sheet had a header lexkit recognises.
    """
    respondent: dict[str, str] = {}
    for sheet in sheets:
        if RESPONDENT_SHEET.casefold() in sheet.name.casefold():
            respondent = _respondent_defaults(sheet)
    out: list[_Row] = []
    recognised = False
    for sheet in sheets:
        if sheet.name in _FORM_SHEETS_WITHOUT_ROWS:
            continue
        found = fields.find_header_row(sheet.rows)
        if found is None:
            continue
        recognised = True
        header_index, columns = found
        header = [cell_text(c) for c in sheet.rows[header_index]]
        names = [h or "" for h in header]
        for cells, number in zip(
            sheet.rows[header_index + 1 :], sheet.numbers[header_index + 1 :], strict=True
        ):
            # Each cell as text once: 100,000 rows of 14 cells are 1.4 million cells.
            texts_of_row = [cell_text(c) for c in cells]
            values = {name: cells[i] for i, name in columns.items() if i < len(cells)}
            texts = {name: texts_of_row[i] for i, name in columns.items() if i < len(cells)}
            if not any(t.strip() for t in texts.values()):
                continue  # a row with nothing in any field (a numbered empty form row)
            for name, value in respondent.items():
                if not texts.get(name, "").strip():
                    values[name] = texts[name] = value
            raw = {
                (names[i] if i < len(names) and names[i] else f"column {i + 1}"): text
                for i, text in enumerate(texts_of_row)
                if text != ""
            }
            out.append(_Row(sheet.name, number, raw, values, texts))
    return out, recognised


# A column of types, positions or consents repeats a handful of values: read each once.
_stakeholder_type = lru_cache(maxsize=1024)(fields.parse_stakeholder_type)
_position = lru_cache(maxsize=1024)(fields.parse_position)
_consent = lru_cache(maxsize=1024)(fields.parse_consent)


@dataclass
class _Normalised:
    values: dict[str, Any]
    reasons: list[str]


def _normalise(row: _Row, index: Provisions) -> _Normalised:
    text = {name: fields.normalise_text(value) for name, value in row.texts.items()}
    reasons: list[str] = []
    out: dict[str, Any] = {name: text.get(name) or None for name in fields.FIELDS}
    if not (out["organisation"] or out["contact_name"]):
        reasons.append("no organisation and no contact name: say who sent the comment")
    if not (out["comment"] or out["proposed_wording"]):
        reasons.append("no comment and no proposed wording: the row says nothing to answer")
    kind = _stakeholder_type(text.get("stakeholder_type", ""))
    if kind is None:
        reasons.append(f"stakeholder type {text['stakeholder_type']!r} is not one lexkit knows")
    out["stakeholder_type"] = kind or "other"
    position = _position(text.get("position", ""))
    if position is None:
        reasons.append(f"position {text['position']!r} is not support, oppose or comment")
    out["position"] = position or "comment"
    consent = _consent(text.get("consent_to_publish", ""))
    if consent is None:
        reasons.append(f"consent {text['consent_to_publish']!r} is neither yes nor no")
    out["consent_to_publish"] = bool(consent)
    submitted = row.values.get("submitted_on")
    if row.texts.get("submitted_on", "").strip():
        parsed = fields.parse_date(submitted)
        if parsed is None:
            reasons.append(f"date {row.texts['submitted_on']!r} is not a date lexkit can read")
        out["submitted_on"] = parsed.isoformat() if parsed else None
    document, provision_raw = _document_and_provision(text, index)
    out["document"] = document
    out["provision_raw"] = provision_raw or GENERAL
    label, _ = match_provision(document, provision_raw, index)
    out["provision"] = label
    return _Normalised(out, reasons)


_DOCUMENT_PREFIX = re.compile(r"^\s*([a-z0-9-]+)\s*:\s*(.*)$")


def _document_and_provision(text: dict[str, str], index: Provisions) -> tuple[str, str]:
    """The document a row is about, and its provision without a "victim-notification:" prefix."""
    known = index.documents
    provision = text.get("provision", "")
    document = text.get("document", "").split(" ")[0].strip().casefold() or index.main
    prefixed = _DOCUMENT_PREFIX.match(provision)
    if prefixed and prefixed.group(1) in known:
        document, provision = prefixed.group(1), prefixed.group(2)
    if document not in known:
        document = index.main
    return document, provision


# ---------------------------------------------------------------- files


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and every file inside folders named (hidden files and registers skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix != ".sqlite"
            )
        else:
            out.append(path)
    return out


def ingest(
    paths: Sequence[Path],
    register: Register,
    index: Provisions,
    progress: Callable[[Path], None] | None = None,
) -> Summary:
    """Read every file into the register; a bad file does not stop the others."""
    summary = Summary()
    for path in expand(paths):
        if progress is not None:
            progress(path)
        _ingest_file(path, register, index, summary)
    _group_campaigns(register)
    return summary


def _ingest_file(path: Path, register: Register, index: Provisions, summary: Summary) -> None:
    shown = display_path(path)
    try:
        data = read_bounded(path)
    except OSError as error:
        _unreadable(summary, shown, f"cannot be opened ({error.strerror})")
        return
    except Unreadable as error:
        _unreadable(summary, shown, error.reason)
        return
    sha = hashlib.sha256(data).hexdigest()
    earlier = register.file_with_hash(sha)
    if earlier is not None:
        summary.files_read += 1
        summary.files_duplicate += 1
        summary.rows_read += earlier["rows_read"]
        summary.duplicates += earlier["rows_read"]
        return
    try:
        sheets = read_data(data, path.suffix)
        rows, recognised = _rows(sheets)
        if not recognised:
            raise Unreadable(
                "no header row lexkit recognises in the first rows of any sheet; name the "
                "columns (e.g. Organisation, Provision, Comment), see the feedback form"
            )
    except Unreadable as error:
        _unreadable(summary, shown, error.reason)
        with register.transaction() as db:
            db.execute(
                "INSERT INTO files (sha256, name, size, status, reason) "
                "VALUES (?, ?, ?, 'unreadable', ?)",
                (sha, path.name, len(data), error.reason),
            )
        return
    summary.files_read += 1
    _store(path, sha, len(data), rows, register, index, summary)


def _unreadable(summary: Summary, shown: str, reason: str) -> None:
    summary.unreadable += 1
    summary.problems.append(Problem(Location(shown), f"unreadable: {reason}", code="I001"))


_BATCH = 5000  # rows normalised and written at a time: memory stays flat on big files


def _text_fingerprint(values: dict[str, Any]) -> str:
    """What campaigns group a comment by: the fingerprint of its text (or proposed wording)."""
    return _fingerprint(values.get("comment") or values.get("proposed_wording") or "")


def _fingerprint(text: str) -> str:
    """The digest of a text's signature, kept in the register so that a text is folded
    once, when it arrives; "" for a text too short to be a campaign's."""
    signature = _signature(text)
    return _digest(signature) if len(signature) >= _CAMPAIGN_CHARACTERS else ""


def _digest(signature: str) -> str:
    return hashlib.sha256(signature.encode()).hexdigest()[:16]


def _insert_read_file(db: sqlite3.Connection, sha: str, name: str, size: int) -> int:
    cursor = db.execute(
        "INSERT INTO files (sha256, name, size, status) VALUES (?, ?, ?, 'read')",
        (sha, name, size),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _store(
    path: Path,
    sha: str,
    size: int,
    rows: list[_Row],
    register: Register,
    index: Provisions,
    summary: Summary,
) -> None:
    """Write the file, its accepted and its rejected rows in one transaction, in batches
    (an INSERT per row cost a tenth of the time; all rows at once, twice the memory)."""
    shown = display_path(path)
    accepted = rejected = 0
    with register.transaction() as db:
        file_id = _insert_read_file(db, sha, path.name, size)
        for start in range(0, len(rows), _BATCH):
            comments, rejections = _normalised_batch(
                rows[start : start + _BATCH], file_id, shown, index, summary
            )
            db.executemany(
                "INSERT INTO rejections (file_id, sheet, row, reason, raw) VALUES (?, ?, ?, ?, ?)",
                rejections,
            )
            db.executemany(INSERT_COMMENT, comments)
            accepted += len(comments)
            rejected += len(rejections)
        db.execute(
            "UPDATE files SET rows_read = ?, accepted = ?, rejected = ? WHERE id = ?",
            (len(rows), accepted, rejected, file_id),
        )
    summary.rows_read += len(rows)
    summary.accepted += accepted
    summary.rejected += rejected


def _normalised_batch(
    rows: list[_Row], file_id: int | None, shown: str, index: Provisions, summary: Summary
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows as register records: (comments, rejections)."""
    comments: list[tuple[Any, ...]] = []
    rejections: list[tuple[Any, ...]] = []
    for row in rows:
        normal = _normalise(row, index)
        raw = json.dumps(row.raw, ensure_ascii=False, sort_keys=True)
        if normal.reasons:
            reason = "; ".join(normal.reasons)
            rejections.append((file_id, row.sheet, row.number, reason, raw))
            summary.problems.append(
                Problem(
                    Location(shown, row.number, row.sheet or None),
                    f"row rejected: {reason}",
                    code="I002",
                )
            )
            continue
        values = normal.values
        if values["provision"] is None:
            summary.unmatched_provisions += 1
        comments.append(_comment_record(file_id, row.sheet, row.number, values, raw))
    return comments, rejections


# ---------------------------------------------------------------- rows read by other readers


@dataclass(frozen=True)
class NormalisedRow:
    """One comment another reader (``lexkit review``) has already normalised: where it
    was found (sheet, row), the value of every name of
    :data:`~lexkit.consult.register.COMMENT_COLUMNS` ("consent_to_publish" a bool, the others
    text or None; a name left out is None), and what was read, exactly as read (kept as the
    register's ``raw``)."""

    sheet: str
    row: int
    values: dict[str, Any]
    raw: dict[str, str]


def store_normalised(
    name: str, data: bytes, rows: Sequence[NormalisedRow], register: Register
) -> bool:
    """Store one file's already normalised comments in one transaction, then group the
    register's campaigns again, as :func:`ingest` does.

    ``name`` is the file's name and ``data`` its bytes. Returns False, storing nothing,
    when the register already holds the same bytes (the file was read before).
    """
    for row in rows:
        unknown = row.values.keys() - set(COMMENT_COLUMNS)
        if unknown:
            raise ValueError(f"not columns of the register: {sorted(unknown)}")
    sha = hashlib.sha256(data).hexdigest()
    if register.file_with_hash(sha) is not None:
        return False
    with register.transaction() as db:
        file_id = _insert_read_file(db, sha, name, len(data))
        db.executemany(
            INSERT_COMMENT,
            [
                _comment_record(
                    file_id,
                    row.sheet,
                    row.row,
                    row.values,
                    json.dumps(row.raw, ensure_ascii=False, sort_keys=True),
                )
                for row in rows
            ],
        )
        db.execute(
            "UPDATE files SET rows_read = ?, accepted = ? WHERE id = ?",
            (len(rows), len(rows), file_id),
        )
    _group_campaigns(register)
    return True


def _comment_record(
    file_id: int | None, sheet: str, row: int, values: dict[str, Any], raw: str
) -> tuple[Any, ...]:
    """The register's record of one comment (:data:`INSERT_COMMENT`); ``raw`` is the row
    as sent, in JSON."""
    stored = [values.get(column) for column in COMMENT_COLUMNS]
    stored[_CONSENT] = int(bool(stored[_CONSENT]))
    return (file_id, sheet, row, *stored, raw, _text_fingerprint(values))


_CONSENT = COMMENT_COLUMNS.index("consent_to_publish")


CAMPAIGN_MINIMUM = 3  # respondents sending the same text before it counts as a campaign
_CAMPAIGN_CHARACTERS = 20  # a shorter text ("De acord.") is too common to be a campaign
NEAR_IDENTICAL = 0.9  # similarity (difflib ratio) at which two texts are the same message
FUZZY_LIMIT = 3000  # distinct texts above which only exact (normalised) matches are grouped


def _group_campaigns(register: Register) -> None:
    """Comments of the same or nearly the same text from several respondents form one campaign.

    Texts are first grouped when they read alike after folding case, accents, punctuation
    and spacing; then groups whose texts are near-identical (a word changed, a line added)
    are merged. Comparing every pair grows with the square of the texts, so past
    FUZZY_LIMIT distinct texts only the first, exact step is done.
    """
    rows = register.db.execute(
        "SELECT id, coalesce(organisation, contact_name) AS who, campaign, fingerprint, "
        "CASE WHEN fingerprint IS NULL THEN coalesce(comment, proposed_wording, '') END AS text "
        "FROM comments"
    ).fetchall()
    # Comments of a register older than fingerprints get theirs now, once.
    computed = {r["id"]: _fingerprint(r["text"]) for r in rows if r["fingerprint"] is None}
    groups: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        fingerprint = computed.get(row["id"], row["fingerprint"])
        if fingerprint:
            groups.setdefault(fingerprint, []).append((row["id"], row["who"] or ""))
    merged = _near_identical_groups(register, groups) if len(groups) <= FUZZY_LIMIT else {}
    campaigns: dict[str, list[tuple[int, str]]] = {}
    for fingerprint, members in groups.items():
        campaigns.setdefault(merged.get(fingerprint, fingerprint), []).extend(members)
    tags: dict[int, str] = {}
    for fingerprint, members in campaigns.items():
        if len({who for _, who in members}) >= CAMPAIGN_MINIMUM:
            tags.update((comment_id, fingerprint[:12]) for comment_id, _ in members)
    # Only the comments whose campaign changes are written (a new file leaves most alone).
    changes = [
        (tags.get(row["id"]), row["id"]) for row in rows if tags.get(row["id"]) != row["campaign"]
    ]
    with register.transaction() as db:
        db.executemany(
            "UPDATE comments SET fingerprint = ? WHERE id = ?",
            [(fingerprint, comment_id) for comment_id, fingerprint in computed.items()],
        )
        db.executemany("UPDATE comments SET campaign = ? WHERE id = ?", changes)


def _near_identical_groups(
    register: Register, groups: dict[str, list[tuple[int, str]]]
) -> dict[str, str]:
    """Each group whose text is near-identical to an earlier one's -> that earlier group:
    the signatures of one comment per group, compared."""
    first = {fingerprint: members[0][0] for fingerprint, members in groups.items()}
    texts: dict[int, str] = {}
    ids = list(first.values())
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        texts.update(
            register.db.execute(
                "SELECT id, coalesce(comment, proposed_wording, '') FROM comments "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
    fingerprint_of = {_signature(texts[i]): fingerprint for fingerprint, i in first.items()}
    leaders = _merge_near_identical(list(fingerprint_of))
    return {fingerprint_of[s]: fingerprint_of[leader] for s, leader in leaders.items()}


def _merge_near_identical(signatures: list[str]) -> dict[str, str]:
    """Each signature that is near-identical to an earlier one -> that earlier one."""
    from difflib import SequenceMatcher

    leaders: list[str] = []
    out: dict[str, str] = {}
    for signature in sorted(signatures):
        matcher = SequenceMatcher(None, "", signature, autojunk=False)  # b is analysed once
        for leader in leaders:
            if abs(len(leader) - len(signature)) > len(signature) * (1 - NEAR_IDENTICAL) * 2:
                continue
            matcher.set_seq1(leader)
            if (
                matcher.real_quick_ratio() >= NEAR_IDENTICAL
                and matcher.quick_ratio() >= NEAR_IDENTICAL
                and matcher.ratio() >= NEAR_IDENTICAL
            ):
                out[signature] = leader
                break
        else:
            leaders.append(signature)
    return out
