"""Intake: stakeholder spreadsheets into the register, nothing lost, nothing trusted.

For each file: refuse it by name if it is too big or unreadable
(:mod:`lexkit.io.spreadsheets`), count it as a duplicate if the register already holds the
same bytes, else map every sheet whose header row lexkit finds (:mod:`.mapping`), apply the
form's respondent sheet to its rows, normalise each row, and store it in one transaction.

Keep and flag: a row is rejected only when it holds nothing to answer. A value lexkit cannot
read is kept as sent (the row's ``raw``), replaced by the safe default and flagged. The
totals always reconcile: rows read = accepted + rejected + duplicates.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lexkit.consult import fields
from lexkit.consult.campaigns import group_campaigns
from lexkit.consult.cleaning import clean_text
from lexkit.consult.mapping import (
    CLOSED,
    FIRST_NAME,
    IAI_DESCRIPTION_SHEETS,
    IGNORED,
    LAST_NAME,
    QUESTION,
    ColumnMapping,
    Rule,
    SheetMapping,
    base_and_locale,
    header_key,
    map_sheet,
)
from lexkit.consult.provisions import Provisions, match_provision
from lexkit.consult.register import COMMENT_COLUMNS, INSERT_COMMENT, Register
from lexkit.consult.vocabulary import (
    GENERAL,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    NOTHING_TO_ANSWER,
    RESPONDENT_SHEET,
)
from lexkit.errors import Location, Problem, display_path
from lexkit.io.spreadsheets import Sheet, cell_text, read_data
from lexkit.io.untrusted import Unreadable, read_bounded
from lexkit.runtime import no_cyclic_gc

# The form's sheets that hold instructions, the respondent and drop-down lists: their
# labels look like headers, but they are not feedback rows.
_FORM_SHEETS_WITHOUT_ROWS = {INSTRUCTIONS_SHEET, LISTS_SHEET, RESPONDENT_SHEET}


@dataclass
class Summary:
    """What one ingest did. ``rows_read`` always equals accepted + rejected + duplicates."""

    files_read: int = 0
    files_duplicate: int = 0
    unreadable: int = 0
    unreadable_files: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    rows_read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    comments: int = 0  # a wide file's row gives one comment per question answered
    answers: int = 0  # closed answers kept for the tallies
    anonymous: int = 0  # comments from nobody named (no organisation, no contact name)
    flagged: int = 0  # comments stored with at least one flag
    flags: Counter[str] = field(default_factory=Counter)  # by kind
    unmatched_provisions: int = 0
    problems: list[Problem] = field(default_factory=list)
    mappings: list[tuple[str, SheetMapping]] = field(default_factory=list)  # (file, sheet)
    rejected_file: Path | None = None  # the rejection log written after the ingest

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.accepted + self.rejected + self.duplicates

    def lines(self) -> list[str]:
        out = [
            f"files: {self.files_read} read ({self.files_duplicate} already in the register), "
            f"{self.unreadable} unreadable",
            f"rows: {self.rows_read} read = {self.accepted} accepted + {self.rejected} rejected "
            f"+ {self.duplicates} duplicates",
            f"comments stored: {self.comments} ({self.anonymous} anonymous); closed answers: "
            f"{self.answers}",
            f"comments with flags (kept; see consult status and the decisions sheet): "
            f"{self.flagged}",
        ]
        out.extend(f"  {count} x {kind}" for kind, count in sorted(self.flags.items()))
        out.append(
            f"provisions that match nothing in the draft (kept, flagged): "
            f"{self.unmatched_provisions}"
        )
        return out


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


@dataclass(frozen=True)
class _Answer:
    """One text to answer in a row: the comment, or a wide file's answer to a question."""

    question: str | None
    provision: str | None  # the provision a mapped question is about
    text: str


@dataclass
class _Row:
    sheet: str
    number: int
    raw: dict[str, str]
    values: dict[str, object]  # the row's fields as read: a date cell stays a date
    texts: dict[str, str]  # the same cells as text
    answers: list[_Answer]
    closed: list[tuple[str, str]]  # (question, answer)
    dates: fields.DateOrder
    codes: dict[str, dict[str, str]]  # a profile's own codes for some fields' values


@dataclass
class _SheetRows:
    mapping: SheetMapping
    rows: list[_Row]


def _sheets_read(sheets: list[Sheet], rules: Sequence[Rule]) -> list[_SheetRows]:
    """The rows of every sheet with a header row lexkit can map, the respondent sheet applied."""
    respondent: dict[str, str] = {}
    form = any(RESPONDENT_SHEET.casefold() in s.name.casefold() for s in sheets)
    for sheet in sheets:
        if RESPONDENT_SHEET.casefold() in sheet.name.casefold():
            respondent = _respondent_defaults(sheet)
    out: list[_SheetRows] = []
    for sheet in sheets:
        if sheet.name in _FORM_SHEETS_WITHOUT_ROWS or _describes_responses(sheet, sheets):
            continue
        mapping = map_sheet(sheet, rules)
        if mapping is None:
            continue
        if form and mapping.profile is None:
            mapping = _as_form(mapping)
        out.append(_SheetRows(mapping, list(_sheet_rows(sheet, mapping, respondent))))
    return out


def _describes_responses(sheet: Sheet, sheets: list[Sheet]) -> bool:
    """A sheet of the i.AI Consult template that says which columns hold what."""
    return sheet.name.casefold() in IAI_DESCRIPTION_SHEETS and any(
        s.name.casefold() == "responses" for s in sheets
    )


def _as_form(mapping: SheetMapping) -> SheetMapping:
    return replace(mapping, profile="lexkit-form")


def _sheet_rows(sheet: Sheet, mapping: SheetMapping, respondent: dict[str, str]) -> Iterable[_Row]:
    start = mapping.header_index + 1
    header = sheet.rows[mapping.header_index]
    names = [cell_text(h).strip() for h in header]
    singles = [c for c in mapping.columns if c.role in fields.FIELDS and c.role != "comment"]
    comments = _comment_groups(mapping.of_role("comment"))
    questions = mapping.of_role(QUESTION)
    closed = mapping.of_role(CLOSED)
    first_names, last_names = mapping.of_role(FIRST_NAME), mapping.of_role(LAST_NAME)
    dates = _date_order(sheet, mapping)
    used = sorted(c.index for c in mapping.columns if c.role != IGNORED)
    for cells, number in zip(sheet.rows[start:], sheet.numbers[start:], strict=True):
        # Each cell as text once: 100,000 rows of 14 cells are 1.4 million cells.
        texts_of_row = [cell_text(c) for c in cells]
        width = len(cells)
        if numbered_but_empty(cells, texts_of_row, used):
            continue
        if number == sheet.numbers[start] and numbers_the_columns(texts_of_row):
            continue  # "1 | 2 | 3 ..." under the header: the columns' numbers, as tables print
        values: dict[str, object] = {}
        texts: dict[str, str] = {}
        for column in singles:
            i = column.index
            if i < width and texts_of_row[i].strip() and column.role not in texts:
                values[column.role] = cells[i]
                texts[column.role] = texts_of_row[i]
        if not texts.get("contact_name", "").strip():
            name = _joined_name(texts_of_row, first_names, last_names)
            if name:
                values["contact_name"] = texts["contact_name"] = name
        for name, value in respondent.items():
            if not texts.get(name, "").strip():
                values[name] = texts[name] = value
        answers = _answers(texts_of_row, comments, questions)
        raw = {
            (names[i] if i < len(names) and names[i] else f"column {i + 1}"): text
            for i, text in enumerate(texts_of_row)
            if text != ""
        }
        closed_answers = [
            (c.header, texts_of_row[c.index].strip())
            for c in closed
            if c.index < width and texts_of_row[c.index].strip()
        ]
        yield _Row(
            sheet.name, number, raw, values, texts, answers, closed_answers, dates,
            mapping.values,
        )  # fmt: skip


def numbered_but_empty(cells: list[object], texts: list[str], used: list[int]) -> bool:
    """A row of a form numbered in advance ("Nr." 1 to 200) that nobody filled in: nothing
    in a column that is read, and nothing but numbers elsewhere. (A row with text only
    in ignored columns is read, and rejected with the row as sent in the rejection log.)"""
    if any(i < len(texts) and texts[i].strip() for i in used):
        return False
    return all(
        not text.strip() or (isinstance(cell, int | float) or text.strip().isdigit())
        for cell, text in zip(cells, texts, strict=True)
    )


def numbers_the_columns(texts: list[str]) -> bool:
    """A row that numbers the columns: 1, 2, 3... in order (a blank column may be skipped)."""
    numbers = [t.strip() for t in texts if t.strip()]
    return (
        len(numbers) >= 3
        and all(n.isdigit() for n in numbers)
        and [int(n) for n in numbers] == sorted({int(n) for n in numbers})
        and int(numbers[0]) == 1
    )


def _comment_groups(columns: list[ColumnMapping]) -> list[list[ColumnMapping]]:
    """Comment columns in groups: one field in several languages ("body/ca", "body/es") is
    one group, whose first answered column is read."""
    groups: dict[str, list[ColumnMapping]] = {}
    for column in columns:
        base, _ = base_and_locale(column.header)
        groups.setdefault(header_key(base) or column.letter, []).append(column)
    return list(groups.values())


def _answers(
    texts: list[str], comments: list[list[ColumnMapping]], questions: list[ColumnMapping]
) -> list[_Answer]:
    """The texts of a row to answer: its comment, or one per comment column when several
    are mapped, and one per free-text question answered."""
    out: list[_Answer] = []
    several = len(comments) > 1
    for group in comments:
        for column in group:
            if column.index < len(texts) and texts[column.index].strip():
                question = column.header if several else None
                out.append(_Answer(question, column.provision, texts[column.index]))
                break
    for column in questions:
        if column.index < len(texts) and texts[column.index].strip():
            out.append(_Answer(column.header, column.provision, texts[column.index]))
    return out


def _joined_name(texts: list[str], first: list[ColumnMapping], last: list[ColumnMapping]) -> str:
    parts = [texts[c.index].strip() for c in (*first[:1], *last[:1]) if c.index < len(texts)]
    return " ".join(p for p in parts if p)


def _date_order(sheet: Sheet, mapping: SheetMapping) -> fields.DateOrder:
    """The day/month order of the sheet's date column, from all its values."""
    columns = mapping.of_role("submitted_on")
    if not columns:
        return fields.DateOrder(mapping.month_first, False, False)
    i = columns[0].index
    start = mapping.header_index + 1
    values = (row[i] for row in sheet.rows[start:] if i < len(row))
    return fields.column_date_order(values, mapping.month_first)


# A column of types, positions or consents repeats a handful of values: read each once.
_stakeholder_type = lru_cache(maxsize=1024)(fields.parse_stakeholder_type)
_position = lru_cache(maxsize=1024)(fields.parse_position)
_consent = lru_cache(maxsize=1024)(fields.parse_consent)
_clean = lru_cache(maxsize=4096)(clean_text)


@dataclass
class _Normalised:
    """A row made ready for the register: its comments (values by column), its closed
    answers, and why it is rejected (None when it is not)."""

    comments: list[dict[str, Any]]
    closed: list[tuple[str, str]]
    rejected: str | None
    anonymous: bool


def _flag(flags: list[str], kind: str, detail: str) -> None:
    flags.append(f"{kind}: {detail}")


def _normalise(row: _Row, index: Provisions) -> _Normalised:
    text = {name: fields.normalise_text(value) for name, value in row.texts.items()}
    flags: list[str] = []
    out: dict[str, Any] = {name: text.get(name) or None for name in fields.FIELDS}
    # Platforms write some types as codes: "EU_CITIZEN", "PUBLIC_AUTHORITY".
    kind = _stakeholder_type(text.get("stakeholder_type", "").replace("_", " "))
    if kind is None:
        _flag(
            flags, "stakeholder type", f"{text['stakeholder_type']!r} not understood: read as other"
        )
    out["stakeholder_type"] = kind or "other"
    position_text = text.get("position", "")
    position_text = row.codes.get("position", {}).get(position_text.strip(), position_text)
    position = _position(position_text)
    if position is None:
        _flag(flags, "position", f"{text['position']!r} not understood: read as a comment")
    out["position"] = position or "comment"
    consent = _consent(text.get("consent_to_publish", ""))
    if consent is None:
        _flag(flags, "consent", f"{text['consent_to_publish']!r} unclear: read as no consent")
    out["consent_to_publish"] = bool(consent)
    out["submitted_on"] = _submitted_on(row, flags)
    anonymous = not (out["organisation"] or out["contact_name"])
    proposed = _cleaned(row.texts.get("proposed_wording", ""), flags)
    out["proposed_wording"] = proposed or None
    out["rationale"] = _cleaned(row.texts.get("rationale", ""), flags) or None
    if not row.answers and not proposed:
        if row.closed:
            return _Normalised([], row.closed, None, anonymous)
        return _Normalised([], [], NOTHING_TO_ANSWER, anonymous)
    answers = row.answers or [_Answer(None, None, "")]
    comments = []
    for number, answer in enumerate(answers):
        own = list(flags)
        values = dict(out)
        values["comment"] = _cleaned(answer.text, own) or None
        values["question"] = answer.question
        if number:  # proposed wording and rationale belong to the row's first comment
            values["proposed_wording"] = values["rationale"] = None
        provision_text = answer.provision or text.get("provision", "")
        document, provision_raw = _document_and_provision(
            text.get("document", ""), provision_text, index
        )
        values["document"] = document
        values["provision_raw"] = provision_raw or GENERAL
        label, _ = match_provision(document, provision_raw, index)
        values["provision"] = label
        if label is None:
            _flag(own, "provision", f"{provision_raw!r} matches nothing in the draft")
        values["flags"] = "\n".join(own) or None
        comments.append(values)
    return _Normalised(comments, row.closed, None, anonymous)


def _cleaned(value: str, flags: list[str]) -> str:
    if not value:
        return ""
    cleaned = _clean(value)
    flags.extend(f"text: {flag}" for flag in cleaned.flags)
    return fields.normalise_text(cleaned.text)


def _submitted_on(row: _Row, flags: list[str]) -> str | None:
    written = row.texts.get("submitted_on", "").strip()
    if not written:
        return None
    parsed = fields.parse_date(row.values.get("submitted_on"), row.dates.month_first)
    if parsed is None:
        _flag(flags, "date", f"{written!r} is not a date lexkit can read: kept as sent")
        return None
    if not row.dates.shown and fields.reads_two_ways(written):
        order = "month first" if row.dates.month_first else "day first"
        _flag(
            flags,
            "date",
            f"{written!r}: the column does not show the day/month order; read {order}",
        )
    return parsed.isoformat()


_DOCUMENT_PREFIX = re.compile(r"^\s*([a-z0-9-]+)\s*:\s*(.*)$")


def _document_and_provision(
    document_text: str, provision: str, index: Provisions
) -> tuple[str, str]:
    """The document a row is about, and its provision without a "victim-notification:" prefix."""
    known = index.documents
    document = document_text.split(" ")[0].strip().casefold() or index.main
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


@dataclass(frozen=True)
class SavedMapping:
    """Rules saved in dossier.yaml for the files whose name matches ``files`` (a glob)."""

    files: str
    rules: tuple[Rule, ...]


def rules_for(path: Path, rules: Sequence[Rule], saved: Sequence[SavedMapping]) -> list[Rule]:
    """The rules that apply to a file: the dossier's saved ones for its name, then the
    command line's (which win)."""
    named = {rule.role for rule in rules}
    out: list[Rule] = []
    for mapping in saved:
        if fnmatch.fnmatch(path.name.casefold(), mapping.files.casefold()):
            # A field the command line names is taken from there alone.
            out.extend(rule for rule in mapping.rules if rule.role not in named)
    return [*out, *rules]


def ingest(
    paths: Sequence[Path],
    register: Register,
    index: Provisions,
    progress: Callable[[Path], None] | None = None,
    rules: Sequence[Rule] = (),
    saved: Sequence[SavedMapping] = (),
) -> Summary:
    """Read every file into the register; a bad file does not stop the others."""
    summary = Summary()
    # A big file's rows are many small objects the cyclic collector would rescan again
    # and again: a fifth of the ingest of 100,000 rows.
    with no_cyclic_gc():
        for path in expand(paths):
            if progress is not None:
                progress(path)
            _ingest_file(path, register, index, summary, rules_for(path, rules, saved))
    group_campaigns(register)
    summary.problems.extend(_unused(rules, [m for _, m in summary.mappings]))
    return summary


def _unused(rules: Sequence[Rule], mappings: Sequence[SheetMapping]) -> list[Problem]:
    """A rule that named no column of any sheet read: a typo, most likely."""
    used = {c.why for m in mappings for c in m.columns}
    return [
        Problem(
            Location(rule.source),
            f"{rule.text} names no column of the files read; it was not used",
            "check the header's spelling with lexkit consult inspect FILE",
            code="I006",
        )
        for rule in rules
        if f"{rule.source} {rule.text}" not in used
    ]


@dataclass
class Inspection:
    """What intake would read from one file, written nowhere (``lexkit consult inspect``)."""

    path: Path
    sheets: list[SheetMapping] = field(default_factory=list)
    unreadable: str | None = None
    rows: int = 0
    comments: int = 0
    answers: int = 0
    anonymous: int = 0
    flags: list[str] = field(default_factory=list)  # "sheet, row 4: position: ..."
    rejected: list[str] = field(default_factory=list)  # "sheet, row 9: no comment ..."


def inspect(
    paths: Sequence[Path],
    index: Provisions,
    rules: Sequence[Rule] = (),
    saved: Sequence[SavedMapping] = (),
) -> list[Inspection]:
    """Each file's mapping and what its rows would give, flags and rejections included."""
    out = []
    for path in expand(paths):
        inspection = Inspection(path)
        out.append(inspection)
        try:
            sheets = _read_sheets(read_bounded(path), path, rules_for(path, rules, saved))
        except OSError as error:
            inspection.unreadable = f"cannot be opened ({error.strerror})"
            continue
        except Unreadable as error:
            inspection.unreadable = error.reason
            continue
        for read in sheets:
            inspection.sheets.append(read.mapping)
            for row in read.rows:
                _inspect_row(inspection, read.mapping.sheet, row, _normalise(row, index))
    return out


def _inspect_row(inspection: Inspection, sheet: str, row: _Row, normal: _Normalised) -> None:
    where = f"{sheet + ', ' if sheet else ''}row {row.number}"
    inspection.rows += 1
    if normal.rejected:
        inspection.rejected.append(f"{where}: {normal.rejected}")
        return
    inspection.comments += len(normal.comments)
    inspection.answers += len(normal.closed)
    inspection.anonymous += len(normal.comments) if normal.anonymous else 0
    seen: set[str] = set()
    for values in normal.comments:
        for flag in (values["flags"] or "").split("\n"):
            if flag and flag not in seen:
                seen.add(flag)
                inspection.flags.append(f"{where}: {flag}")


def _read_sheets(data: bytes, path: Path, rules: Sequence[Rule]) -> list[_SheetRows]:
    sheets = _sheets_read(read_data(data, path.suffix), rules)
    if not sheets:
        raise Unreadable(
            "no header row lexkit recognises in the first rows of any sheet; see what it "
            "reads with `lexkit consult inspect FILE` and name the columns with "
            "--map comment=COLUMN (or name them Organisation, Provision, Comment as the "
            "feedback form does)"
        )
    return sheets


def _ingest_file(
    path: Path, register: Register, index: Provisions, summary: Summary, rules: Sequence[Rule]
) -> None:
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
        sheets = _read_sheets(data, path, rules)
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
    summary.mappings.extend((shown, read.mapping) for read in sheets)
    _store(path, sha, len(data), sheets, register, index, summary)


def _unreadable(summary: Summary, shown: str, reason: str) -> None:
    summary.unreadable += 1
    summary.unreadable_files.append((shown, reason))
    summary.problems.append(Problem(Location(shown), f"unreadable: {reason}", code="I001"))


_BATCH = 5000  # rows normalised and written at a time: memory stays flat on big files


def _insert_read_file(
    db: sqlite3.Connection, sha: str, name: str, size: int, profile: str | None = None
) -> int:
    cursor = db.execute(
        "INSERT INTO files (sha256, name, size, status, profile) VALUES (?, ?, ?, 'read', ?)",
        (sha, name, size, profile),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _store(
    path: Path,
    sha: str,
    size: int,
    sheets: list[_SheetRows],
    register: Register,
    index: Provisions,
    summary: Summary,
) -> None:
    """Write the file, its comments, answers and rejected rows in one transaction, in
    batches (an INSERT per row cost a tenth of the time; all rows at once, twice the memory)."""
    shown = display_path(path)
    rows = [row for read in sheets for row in read.rows]
    profiles = sorted({read.mapping.profile for read in sheets if read.mapping.profile})
    accepted = rejected = 0
    with register.transaction() as db:
        file_id = _insert_read_file(db, sha, path.name, size, ", ".join(profiles) or None)
        for start in range(0, len(rows), _BATCH):
            batch = _normalised_batch(rows[start : start + _BATCH], file_id, shown, index, summary)
            db.executemany(
                "INSERT INTO rejections (file_id, sheet, row, reason, raw) VALUES (?, ?, ?, ?, ?)",
                batch.rejections,
            )
            db.executemany(INSERT_COMMENT, batch.comments)
            db.executemany(
                "INSERT INTO answers (file_id, sheet, row, question, answer) "
                "VALUES (?, ?, ?, ?, ?)",
                batch.answers,
            )
            accepted += batch.accepted
            rejected += len(batch.rejections)
        db.execute(
            "UPDATE files SET rows_read = ?, accepted = ?, rejected = ? WHERE id = ?",
            (len(rows), accepted, rejected, file_id),
        )
    summary.rows_read += len(rows)
    summary.accepted += accepted
    summary.rejected += rejected


@dataclass
class _Batch:
    comments: list[tuple[Any, ...]] = field(default_factory=list)
    answers: list[tuple[Any, ...]] = field(default_factory=list)
    rejections: list[tuple[Any, ...]] = field(default_factory=list)
    accepted: int = 0


def _normalised_batch(
    rows: list[_Row], file_id: int | None, shown: str, index: Provisions, summary: Summary
) -> _Batch:
    """The rows as register records."""
    batch = _Batch()
    for row in rows:
        normal = _normalise(row, index)
        raw = json.dumps(row.raw, ensure_ascii=False, sort_keys=True)
        if normal.rejected:
            batch.rejections.append((file_id, row.sheet, row.number, normal.rejected, raw))
            summary.problems.append(
                Problem(
                    Location(shown, row.number, row.sheet or None),
                    f"row rejected: {normal.rejected}",
                    code="I002",
                )
            )
            continue
        batch.accepted += 1
        summary.anonymous += len(normal.comments) if normal.anonymous else 0
        batch.answers.extend(
            (file_id, row.sheet, row.number, question, answer) for question, answer in normal.closed
        )
        summary.answers += len(normal.closed)
        for values in normal.comments:
            if values["provision"] is None:
                summary.unmatched_provisions += 1
            if values["flags"]:
                summary.flagged += 1
                summary.flags.update(
                    {flag.split(":", 1)[0] for flag in values["flags"].split("\n")}
                )
            batch.comments.append(_comment_record(file_id, row.sheet, row.number, values, raw))
        summary.comments += len(normal.comments)
    return batch


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
    group_campaigns(register)
    return True


def _comment_record(
    file_id: int | None, sheet: str, row: int, values: dict[str, Any], raw: str
) -> tuple[Any, ...]:
    """The register's record of one comment (:data:`INSERT_COMMENT`); ``raw`` is the row
    as sent, in JSON."""
    stored = [values.get(column) for column in COMMENT_COLUMNS]
    stored[_CONSENT] = int(bool(stored[_CONSENT]))
    # The fingerprint is left to campaign grouping, which folds each new file's texts once.
    return (file_id, sheet, row, *stored, raw, None)


_CONSENT = COMMENT_COLUMNS.index("consent_to_publish")
