"""The training register: who completed which PSEA course, and when, read from the exports
HR and the learning platforms (IOM I-Learn / E-Campus, UNICEF Agora) give the PSEA officer.

The exports are stakeholder files in all but name: any layout, any language, title rows
above the table, dates written three ways. They go through the same safe readers
(:mod:`lexkit.io.spreadsheets`) and the same folding, date and header helpers as the
consultation intake (:mod:`lexkit.consult.fields`, :mod:`lexkit.consult.mapping`).

Keep and flag: a value lexkit cannot read is kept in the record's ``raw`` and flagged
(:data:`~lexkit.psea.model.FLAG_KINDS`); a row is rejected only when it names nobody. The
totals reconcile: rows read = records + rejected + duplicates + repeats from another
export (:func:`reconciles`).

Then the figures per personnel category (:func:`figures`) and the internal list of
refreshers due (:func:`refreshers_due`, :func:`refreshers_xlsx`): names are personal data,
so that list is a workbook for the office, never part of a published document.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lexkit.consult import fields
from lexkit.consult.intake import numbered_but_empty, numbers_the_columns
from lexkit.consult.mapping import (
    DATE,
    FIRST_NAME,
    HEADER_SCAN,
    LAST_NAME,
    NAME_KEYS,
    SAMPLE,
    column_kind,
    column_letter,
    data_value,
    header_key,
)
from lexkit.errors import display_path
from lexkit.io.spreadsheets import Formula, Sheet, cell_text, formula_cells, read_data
from lexkit.io.untrusted import Unreadable, read_bounded
from lexkit.io.xlsx import FIXED_PROPERTY_DATE, deterministic_xlsx, neutralised
from lexkit.language import Lang
from lexkit.psea.dates import add_months
from lexkit.psea.model import TrainingFlag, TrainingRecord, TrainingRegister

FULL, MICRO = "full", "micro-modules"

# ---------------------------------------------------------------- columns

PERSON_ID, NAME, CATEGORY, COURSE, COMPLETED = (
    "person_id", "name", "category", "course", "completed",
)  # fmt: skip
ORGANISATION, CERTIFICATE, MODALITY = "organisation", "certificate", "modality"

_SYNONYMS: dict[str, tuple[str, ...]] = {
    PERSON_ID: (
        "Staff ID", "Employee ID", "Employee number", "Employee no", "Staff number",
        "Staff no", "Index number", "Index no", "Personnel number", "Personnel no", "ID",
        "Learner ID", "User ID", "Participant ID", "Person ID",
        "Nr. personal", "Număr personal", "Numărul personal", "ID angajat", "Cod angajat",
        "Табельный номер", "Табельный №", "Таб. номер", "Личный номер",
    ),
    NAME: (
        "Name", "Full name", "Learner", "Learner name", "Participant", "Participant name",
        "Employee name", "Staff name", "Staff member name", "Employee", "Trainee",
        "Nume", "Numele", "Nume și prenume", "Numele și prenumele", "Nume, prenume",
        "Numele, prenumele", "Participantul", "Angajatul",
        "ФИО", "Ф.И.О.", "Имя", "Сотрудник", "Участник",
    ),
    CATEGORY: (
        "Category", "Personnel category", "Staff category", "Contract type",
        "Type of contract", "Employment type", "Staff type", "Personnel type",
        "Categoria", "Categorie", "Categoria personalului", "Tip contract",
        "Tipul contractului", "Категория", "Тип контракта", "Тип договора",
    ),
    COURSE: (
        "Course", "Course title", "Course name", "Training", "Training title",
        "Training name", "Module", "Module name", "Learning item", "Item title",
        "Curs", "Cursul", "Denumirea cursului", "Instruire", "Instruirea", "Modul",
        "Курс", "Название курса", "Обучение", "Модуль",
    ),
    COMPLETED: (
        "Completion date", "Completed on", "Date completed", "Completed", "Date",
        "Date of completion", "Data absolvirii", "Data finalizării", "Data", "Absolvit la",
        "Finalizat la", "Data instruirii", "Дата завершения", "Дата окончания", "Дата",
        "Дата прохождения",
    ),
    ORGANISATION: (
        "Organisation", "Organization", "Organisation name", "Organization name", "Partner",
        "Employer", "Agency", "Organizația", "Organizație", "Partener", "Angajator",
        "Организация", "Партнёр", "Работодатель",
    ),
    CERTIFICATE: (
        "Certificate", "Certificate no.", "Certificate number", "Certificate ID",
        "Certificat", "Nr. certificat", "Numărul certificatului", "Сертификат",
        "Номер сертификата",
    ),
    MODALITY: (
        "Modality", "Delivery", "Delivery method", "Format", "Mode", "Modalitate",
        "Modalitatea", "Forma", "Формат", "Форма обучения",
    ),
}  # fmt: skip
_HEADERS = fields.synonym_index(_SYNONYMS)

# When no synonym matches, a word decides, in this order ("Course completion date" is a
# date before it is a course; "Participant organisation" an organisation before a name).
_STEMS: tuple[tuple[str, str], ...] = (
    (COMPLETED, r"\b(complet|finaliz|absolv|заверш|окончан|прохожд)|^(date|data|дата)\b"
                r"|\b(date|data|дата)$"),
    (CERTIFICATE, r"\b(certific|сертифик)"),
    (MODALITY, r"\b(modal|deliver|format|формат)"),
    (PERSON_ID, r"\b(staff|employee|personnel|person|learner|user|participant|angajat"
                r"|сотрудник)\w*( \w+)? (id|no|nr|number|numar|code|cod|номер)\b|\btabel|табельн"
                r"|\bindex (no|nr|number)\b|\b(nr|numar|cod|id) (personal|angajat)\b"),
    (ORGANISATION, r"\b(organi[sz]|partner|partener|employer|angajator|agency|организ|партн"
                   r"|работодат)"),
    (CATEGORY, r"\b(categor|contract|employment type|категор|договор)"),
    (COURSE, r"\b(course|training|module|curs|instruir|modul|курс|обучен|модул)"),
    (NAME, r"\b(name|nume|learner|participant|trainee|employee|фио|имя|сотрудник|участник)"),
)  # fmt: skip
# A date column that is not the completion: "Date of birth", "Start date", "Status".
_NOT_COMPLETION = re.compile(r"\b(birth|nasteri|рожден|start|begin|incep|начал|enrol|inscri"
                             r"|status|stare|статус|due|expir)")  # fmt: skip
_PERSON = frozenset({PERSON_ID, NAME, FIRST_NAME, LAST_NAME})
_READ = (PERSON_ID, NAME, FIRST_NAME, LAST_NAME, CATEGORY, COURSE, COMPLETED, ORGANISATION)


def _exact_field(header: str) -> str | None:
    """The field a header names exactly, on either side of a bilingual "Nume / Name"."""
    for side in fields.label_sides(header):
        folded = header_key(side)
        found = _HEADERS.get(folded) or NAME_KEYS.get(folded)
        if found is not None:
            return found
    return None


def _stem_field(header: str) -> str | None:
    folded = header_key(header)
    for name, stem in _STEMS:
        if re.search(stem, folded):
            if name == COMPLETED and _NOT_COMPLETION.search(folded):
                continue
            return name
    return None


@dataclass(frozen=True)
class _Layout:
    """Where a sheet's table starts and which column holds which field."""

    header_index: int  # in Sheet.rows
    headers: list[str]  # as written, "" for a blank header cell
    columns: dict[str, int]  # field -> index in the rows


def _layout(sheet: Sheet) -> _Layout | None:
    """The header row among the sheet's first rows: one that names a person (identifier
    or name) and a course or a completion date."""
    for index, row in enumerate(sheet.rows[:HEADER_SCAN]):
        filled = [cell for cell in row if cell is not None and cell != ""]
        if len(filled) < 2 or sum(map(data_value, filled)) * 2 >= len(filled):
            continue  # a title above the table, or a row of data
        headers = [fields.normalise_text(c) if isinstance(c, str) else "" for c in row]
        below = sheet.rows[index + 1 : index + 1 + SAMPLE]
        columns = _columns(headers, below)
        if columns.keys() & _PERSON and columns.keys() & {COURSE, COMPLETED}:
            return _Layout(index, headers, columns)
    return None


def _columns(headers: list[str], below: list[list[object]]) -> dict[str, int]:
    """Each field's column: an exact header beats a partial one; a column of dates is
    never a person's name or identifier, and a column named only in part is the completion
    date only when it holds dates."""
    candidates: list[tuple[int, int, str]] = []  # (-strength, index, field)
    for i, header in enumerate(headers):
        if not header:
            continue
        exact = _exact_field(header)
        if exact is not None:
            candidates.append((-2, i, exact))
        stem = _stem_field(header)
        if stem is not None and stem != exact:
            candidates.append((-1, i, stem))
    kinds: dict[int, str] = {}
    chosen: dict[str, int] = {}
    for strength, i, name in sorted(candidates):
        if name in chosen or i in chosen.values():
            continue
        if name in _PERSON or (name == COMPLETED and strength == -1):
            kind = kinds.setdefault(
                i, column_kind(row[i] if i < len(row) else None for row in below)
            )
            if (kind == DATE) == (name in _PERSON):
                continue
        chosen[name] = i
    # "Nume | Prenume": with a first-name column, the name column holds the family name.
    if FIRST_NAME in chosen and NAME in chosen and LAST_NAME not in chosen:
        chosen[LAST_NAME] = chosen.pop(NAME)
    return chosen


# ---------------------------------------------------------------- matching values


def _value_index(rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Folded key, English and Romanian names and synonyms -> the row's key."""
    table = {
        str(row["key"]): [str(row.get("name_en") or ""), str(row.get("name_ro") or "")]
        + [str(name) for name in row.get("names") or ()]
        for row in rows
    }
    index = fields.synonym_index(table)
    # "StaffMember" and "staff_member" fold as headers do.
    index.update({header_key(text): k for k, texts in table.items() for text in (k, *texts)
                  if header_key(text) not in index})  # fmt: skip
    index.pop("", None)
    return index


def _match(text: str, index: Mapping[str, str]) -> str | None:
    for side in fields.label_sides(text):
        found = index.get(fields.key(side)) or index.get(header_key(side))
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------- reading


def read_register(
    folder: Path,
    categories: Sequence[Mapping[str, Any]],
    courses: Sequence[Mapping[str, Any]],
    report_date: date | None = None,
) -> TrainingRegister:
    """Every export in ``folder`` (not its subfolders; hidden files, Office lock files and
    README/Markdown files skipped), read into one register. A file that cannot be read is
    listed in ``unreadable`` with the reason; every file tried is in ``files``."""
    register = TrainingRegister()
    reader = _Reader(register, _value_index(categories), _value_index(courses), report_date)
    if not folder.is_dir():
        register.unreadable.append(
            (display_path(folder), "the training folder does not exist; create it and put "
             "HR's or the learning platform's exports in it")
        )  # fmt: skip
        return register
    exports = export_files(folder)
    if not exports:
        register.unreadable.append(
            (display_path(folder), "the training folder holds no export; put HR's or the "
             "learning platform's exports in it (XLSX, XLS, ODS or CSV)")
        )  # fmt: skip
    for path in exports:
        reader.read_file(path)
    reader.finish()
    return register


def export_files(folder: Path) -> list[Path]:
    """The files of the training folder that are read as exports, in order."""
    if not folder.is_dir():
        return []
    return [
        path
        for path in sorted(folder.iterdir())
        if path.is_file()
        and not path.name.startswith((".", "~$"))
        and not path.name.casefold().startswith("readme")
        and path.suffix.casefold() != ".md"
    ]


@dataclass
class _Pending:
    """A record read without a category: another record of the same person may give it."""

    position: int  # in register.records
    flag: TrainingFlag


@dataclass
class _Reader:
    register: TrainingRegister
    categories: dict[str, str]
    courses: dict[str, str]
    report_date: date | None
    seen: dict[tuple[object, ...], str] = field(default_factory=dict)  # -> the file first read
    pending: list[_Pending] = field(default_factory=list)

    def read_file(self, path: Path) -> None:
        shown = display_path(path)
        self.register.files.append(shown)
        try:
            data = read_bounded(path, "split it into smaller files")
            sheets = read_data(data, path.suffix)
            formulas = formula_cells(data)
        except OSError as error:
            self.register.unreadable.append((shown, f"cannot be opened ({error.strerror})"))
            return
        except Unreadable as error:
            self.register.unreadable.append((shown, error.reason))
            return
        laid_out = [(sheet, layout) for sheet in sheets if (layout := _layout(sheet))]
        if not laid_out:
            self.register.unreadable.append((shown, _NO_HEADER))
            return
        for sheet, layout in laid_out:
            _SheetReader(self, shown, path, sheet, layout, formulas.get(sheet.name, [])).read()

    def add(
        self, record: TrainingRecord, flags: list[TrainingFlag], missing: bool, course: str
    ) -> None:
        """Keep a record and its flags, or flag it as a repeat of one already kept
        (``course``: its key, or the folded text when it matched none)."""
        repeat = (person_key(record), course, record.completed)
        first = self.seen.get(repeat)
        if first is not None and first != record.file:
            # Exports overlap (each month's holds the months before): the same completion
            # in another file is the same fact, counted once without a word.
            self.register.repeats += 1
            return
        if first is not None:
            day = record.completed.isoformat() if record.completed else ""
            self.register.flags.append(
                TrainingFlag(
                    record.file, record.sheet, record.row, "", "duplicate",
                    " | ".join(v for v in (record.name or record.person, course, day) if v),
                    "the same person, course and date are already read: counted once",
                )
            )  # fmt: skip
            return
        self.seen[repeat] = record.file
        self.register.records.append(record)
        self.register.flags.extend(flags)
        if missing:
            self.pending.append(_Pending(len(self.register.records) - 1, _no_category(record)))

    def finish(self) -> None:
        """Give a record without a category the one its person has elsewhere (the HR file
        names it, the platform's export does not); flag those still without one."""
        known: dict[tuple[str, ...], set[str]] = {}
        for record in self.register.records:
            if record.category is not None:
                known.setdefault(person_key(record), set()).add(record.category)
        records = self.register.records
        for pending in self.pending:
            found = known.get(person_key(records[pending.position]), set())
            if len(found) == 1:
                records[pending.position] = replace(records[pending.position], category=found.pop())
            else:
                self.register.flags.append(pending.flag)
        self.register.flags.sort(key=lambda f: (f.file, f.sheet, f.row))


_NO_HEADER = (
    f"no header row in the first {HEADER_SCAN} rows of any sheet names a person and a "
    "course or a completion date; name the columns e.g. Staff ID, Name, Category, Course, "
    "Completion date"
)


def _no_category(record: TrainingRecord) -> TrainingFlag:
    return TrainingFlag(
        record.file, record.sheet, record.row, "", "unknown-category", "",
        "no category given, here or in another record of this person; add a Category column",
    )  # fmt: skip


class _SheetReader:
    """The rows of one sheet under its header row."""

    def __init__(
        self,
        reader: _Reader,
        shown: str,
        path: Path,
        sheet: Sheet,
        layout: _Layout,
        formulas: list[Formula],
    ) -> None:
        self.reader, self.shown, self.sheet, self.layout = reader, shown, sheet, layout
        self.columns = layout.columns
        self.formulas = {(f.row, f.column - sheet.first_column): f for f in formulas}
        self.uncached: dict[int, list[tuple[int, str]]] = {}  # row -> (column, formula)
        for (row, column), formula in self.formulas.items():
            if not formula.cached and column >= 0:
                self.uncached.setdefault(row, []).append((column, formula.text))
        self.names = self._raw_names()
        self.course = self._course_of_sheet(path) if COURSE not in self.columns else None
        start = layout.header_index + 1
        completed = self.columns.get(COMPLETED)
        self.dates = fields.column_date_order(
            row[completed] for row in sheet.rows[start:] if completed is not None
            and completed < len(row)
        )  # fmt: skip

    def _raw_names(self) -> list[str]:
        """Each column's name in a record's raw row: its header, or its letter."""
        names: list[str] = []
        width = max((len(row) for row in self.sheet.rows), default=0)
        for i in range(max(width, len(self.layout.headers))):
            letter = column_letter(i + self.sheet.first_column)
            header = self.layout.headers[i] if i < len(self.layout.headers) else ""
            name = header or f"column {letter}"
            names.append(f"{name} ({letter})" if name in names else name)
        return names

    def _raw_name(self, i: int) -> str:
        if i < len(self.names):
            return self.names[i]
        return f"column {column_letter(i + self.sheet.first_column)}"  # a formula's own cell

    def _course_of_sheet(self, path: Path) -> str | None:
        """A sheet without a course column: the course its name, a title above the table
        or the file's name gives ("PSEA e-Campus completions" exported one course)."""
        above = self.sheet.rows[: self.layout.header_index]
        texts = [self.sheet.name, *(cell_text(c) for row in above for c in row), path.stem]
        return next((c for t in texts if t.strip() and (c := _match(t, self.reader.courses))), None)

    def read(self) -> None:
        start = self.layout.header_index + 1
        used = sorted(self.columns.values())
        for position, (cells, number) in enumerate(
            zip(self.sheet.rows[start:], self.sheet.numbers[start:], strict=True)
        ):
            cells = self._with_formulas(cells, number)
            texts = [cell_text(cell) for cell in cells]
            if numbered_but_empty(cells, texts, used):
                continue  # a form numbered in advance that nobody filled in
            if position == 0 and numbers_the_columns(texts):
                continue  # "1 | 2 | 3" under the header: the columns' numbers
            self.reader.register.rows_read += 1
            self._row(cells, texts, number)

    def _with_formulas(self, cells: list[object], number: int) -> list[object]:
        """A formula saved without its value reads as nothing: its text stands in."""
        missing = self.uncached.get(number)
        if not missing:
            return cells
        cells = list(cells)
        for column, text in missing:
            cells.extend([None] * (column + 1 - len(cells)))
            if cells[column] in (None, ""):
                cells[column] = text
        return cells

    def _flag(self, row: int, name: str, kind: str, value: str, detail: str) -> TrainingFlag:
        header = self.layout.headers[self.columns[name]] if name in self.columns else ""
        return TrainingFlag(self.shown, self.sheet.name, row, header, kind, value, detail)

    def _row(self, cells: list[object], texts: list[str], number: int) -> None:
        def text(name: str) -> str:
            i = self.columns.get(name)
            return fields.normalise_text(texts[i]) if i is not None and i < len(texts) else ""

        raw = {self._raw_name(i): t for i, t in enumerate(texts) if t.strip()}
        name = text(NAME) or " ".join(p for p in (text(FIRST_NAME), text(LAST_NAME)) if p)
        person = text(PERSON_ID)
        if not name and not person:
            value = " | ".join(t.strip() for t in texts if t.strip())
            self.reader.register.rejected.append(
                TrainingFlag(self.shown, self.sheet.name, number, "", "no-person", value[:200],
                             "no name and no identifier: the row is not counted")
            )  # fmt: skip
            return
        flags = self._formula_flags(number)
        category = self._category(text(CATEGORY), number, flags)
        course = self._course(text(COURSE), number, flags)
        completed = self._completed(cells, texts, number, flags)
        record = TrainingRecord(
            person, name, category, course, completed, text(ORGANISATION), self.shown,
            self.sheet.name, number, raw,
        )  # fmt: skip
        missing = category is None and not text(CATEGORY)
        self.reader.add(record, flags, missing, course or "?" + fields.key(text(COURSE)))

    def _formula_flags(self, number: int) -> list[TrainingFlag]:
        out = []
        for name in _READ:
            i = self.columns.get(name)
            formula = self.formulas.get((number, i)) if i is not None else None
            if formula is None:
                continue
            if formula.cached:
                detail = f"a formula ({formula.text}): the value it last gave is used"
            else:
                detail = (
                    f"a formula ({formula.text}) saved without its value: kept as written; "
                    "open the file in Excel, save it, or paste the values"
                )
            out.append(self._flag(number, name, "formula", formula.text, detail))
        return out

    def _category(self, value: str, number: int, flags: list[TrainingFlag]) -> str | None:
        if not value:
            return None
        found = _match(value, self.reader.categories)
        if found is None:
            flags.append(self._flag(number, CATEGORY, "unknown-category", value,
                                    "matches no category; add it to the names of one"))  # fmt: skip
        return found

    def _course(self, value: str, number: int, flags: list[TrainingFlag]) -> str | None:
        if not value:
            if self.course is not None:
                return self.course
            detail = "no course given; add a Course column" if COURSE not in self.columns \
                else "no course given"  # fmt: skip
            flags.append(self._flag(number, COURSE, "unknown-course", "", detail))
            return None
        found = _match(value, self.reader.courses)
        if found is None:
            flags.append(self._flag(number, COURSE, "unknown-course", value,
                                    "matches no course; add it to the names of one"))  # fmt: skip
        return found

    def _completed(
        self, cells: list[object], texts: list[str], number: int, flags: list[TrainingFlag]
    ) -> date | None:
        i = self.columns.get(COMPLETED)
        cell = cells[i] if i is not None and i < len(cells) else None
        shown = texts[i].strip() if i is not None and i < len(texts) else ""
        formula = self.formulas.get((number, i)) if i is not None else None
        if formula is not None and not formula.cached:
            return None  # flagged as a formula: its value was never saved
        day = fields.parse_date(cell, self.dates.month_first)
        if day is None:
            detail = "no completion date" if not shown else (
                "not read as a date; write it as 2025-03-01 or 01.03.2025")  # fmt: skip
            flags.append(self._flag(number, COMPLETED, "date", shown, detail))
            return None
        if isinstance(cell, str) and fields.reads_two_ways(cell) and not self.dates.shown:
            other = fields.parse_date(cell, not self.dates.month_first)
            detail = (
                f"reads as {day.isoformat()} or {other.isoformat() if other else '?'}; "
                f"read as {day.isoformat()}: write it as YYYY-MM-DD to be sure"
            )
            flags.append(self._flag(number, COMPLETED, "date", shown, detail))
        if self.reader.report_date is not None and day > self.reader.report_date:
            detail = f"after the report date ({self.reader.report_date.isoformat()})"
            flags.append(self._flag(number, COMPLETED, "future-date", shown, detail))
        return day


def person_key(record: TrainingRecord) -> tuple[str, ...]:
    """What tells people apart: the identifier when given (leading zeros and case
    ignored), else the folded name and organisation."""
    identifier = person_id(record)
    if identifier:
        folded = fields.key(identifier)
        return ("id", folded.lstrip("0") or folded if folded.isdigit() else folded)
    return ("name", fields.key(record.name), fields.key(record.organisation))


def person_id(record: TrainingRecord) -> str:
    """The identifier the export gave ("" when it gave a name only)."""
    return record.person if record.person != record.name else ""


def duplicates(register: TrainingRegister) -> int:
    return sum(1 for flag in register.flags if flag.kind == "duplicate")


def reconciles(register: TrainingRegister) -> bool:
    """Nothing lost: every row read is a record, a rejected row, a duplicate in its own
    file, or a completion another export already gave."""
    return register.rows_read == (
        len(register.records) + len(register.rejected) + duplicates(register) + register.repeats
    )


# ---------------------------------------------------------------- validity


def expires(completed: date, validity_months: int) -> date:
    """The first day a completion is no longer valid."""
    return add_months(completed, validity_months)


def valid_at(completed: date, validity_months: int, day: date) -> bool:
    """completed <= day < completed + validity (calendar months)."""
    return completed <= day < expires(completed, validity_months)


@dataclass(frozen=True)
class _Latest:
    """A person's completion, of one kind of course, that stays valid longest."""

    record: TrainingRecord
    expires: date


def _latest(
    records: Iterable[TrainingRecord], courses: Sequence[Mapping[str, Any]], as_of: date
) -> dict[tuple[tuple[str, ...], str], _Latest]:
    """(person, kind) -> the completion up to ``as_of`` that expires last. Full courses and
    micro-modules are each a kind (any full course renews a full course); an "other" course
    is its own kind."""
    by_key = {str(row["key"]): row for row in courses}
    out: dict[tuple[tuple[str, ...], str], _Latest] = {}
    for record in records:
        course = by_key.get(record.course or "")
        if course is None or record.completed is None or record.completed > as_of:
            continue
        kind = str(course["kind"])
        group = kind if kind in (FULL, MICRO) else f"course:{course['key']}"
        ends = expires(record.completed, int(course["validity_months"]))
        key = (person_key(record), group)
        if key not in out or ends > out[key].expires:
            out[key] = _Latest(record, ends)
    return out


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class CategoryFigures:
    """The training figures of one personnel category at a date."""

    category: str  # key of categories ("total" for :func:`totals`)
    headcount: int | None  # None when the headcount table has no row for it
    trained: int  # people with a valid completion of a full course
    coverage: float | None  # trained / headcount, in percent; None without a headcount
    micro: int  # people with a valid micro-modules completion
    due: int  # people whose full or micro-modules completion expires within the window
    overdue: int  # people whose full or micro-modules completion expired, none valid
    never: int | None  # headcount minus people with any record (at least 0)


def figures(
    register: TrainingRegister,
    categories: Sequence[Mapping[str, Any]],
    courses: Sequence[Mapping[str, Any]],
    headcount: Sequence[Mapping[str, Any]],
    as_of: date,
    window_days: int = 90,
) -> list[CategoryFigures]:
    """One row per category, in the table's order. Records without a category (flagged
    when read) count in none."""
    counts = {str(row["category"]): int(row["count"]) for row in headcount}
    latest = _latest(register.records, courses, as_of)
    horizon = as_of + timedelta(days=window_days)
    out = []
    for row in categories:
        category = str(row["key"])
        people = {person_key(r) for r in register.records if r.category == category}
        mine = [(person, group, last.expires) for (person, group), last in latest.items()
                if last.record.category == category]  # fmt: skip
        trained = {p for p, group, ends in mine if group == FULL and ends > as_of}
        micro = {p for p, group, ends in mine if group == MICRO and ends > as_of}
        renewed = [(p, ends) for p, group, ends in mine if group in (FULL, MICRO)]
        due = {p for p, ends in renewed if as_of < ends <= horizon}
        overdue = {p for p, ends in renewed if ends <= as_of}
        count = counts.get(category)
        never = None if count is None else max(count - len(people), 0)
        coverage = _percent(len(trained), count)
        out.append(
            CategoryFigures(
                category, count, len(trained), coverage, len(micro), len(due), len(overdue), never
            )
        )
    return out


def _percent(part: int, whole: int | None) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def totals(rows: Sequence[CategoryFigures]) -> CategoryFigures:
    """The sum over categories. Headcount and "never" add up the categories that have a
    headcount (None when none has); coverage is the trained of those over that headcount."""
    counted = [row for row in rows if row.headcount is not None]
    headcount = sum(row.headcount or 0 for row in counted) if counted else None
    return CategoryFigures(
        "total",
        headcount,
        sum(row.trained for row in rows),
        _percent(sum(row.trained for row in counted), headcount),
        sum(row.micro for row in rows),
        sum(row.due for row in rows),
        sum(row.overdue for row in rows),
        sum(row.never or 0 for row in counted) if counted else None,
    )


# ---------------------------------------------------------------- refreshers due


@dataclass(frozen=True)
class Due:
    """A person whose completion expires within the window, or has expired: who, which
    course, when, and where the completion was read (personal data: internal only)."""

    name: str
    person_id: str  # "" when the export gave none
    organisation: str
    category: str | None
    course: str  # key of courses
    completed: date  # the last completion
    due: date  # the day it stops being valid
    days_left: int  # from the date asked; 0 or less: expired
    file: str
    sheet: str
    row: int

    @property
    def overdue(self) -> bool:
        return self.days_left <= 0


def refreshers_due(
    register: TrainingRegister,
    courses: Sequence[Mapping[str, Any]],
    categories: Sequence[Mapping[str, Any]],
    as_of: date,
    window_days: int = 90,
) -> list[Due]:
    """Everyone whose latest completion of a kind of course expires within ``window_days``
    after ``as_of``, or has expired with none valid since; by due date, then name."""
    known = {str(row["key"]) for row in categories}
    horizon = as_of + timedelta(days=window_days)
    out = [
        Due(
            last.record.name,
            person_id(last.record),
            last.record.organisation,
            last.record.category if last.record.category in known else None,
            last.record.course or "",
            last.record.completed or as_of,
            last.expires,
            (last.expires - as_of).days,
            last.record.file,
            last.record.sheet,
            last.record.row,
        )
        for last in _latest(register.records, courses, as_of).values()
        if last.expires <= horizon
    ]
    return sorted(out, key=lambda d: (d.due, fields.key(d.name), d.person_id, d.course))


_TITLE: dict[Lang, str] = {
    "ro": "Intern — date cu caracter personal: nu se publică. Reîmprospătări ale instruirii "
    "PSEA scadente sau expirate",
    "en": "Internal — personal data: not to be published. PSEA training refreshers due or overdue",
}
_DUE_HEADERS: dict[Lang, list[str]] = {
    "ro": ["Nume", "ID", "Organizația", "Categoria", "Cursul", "Absolvit la", "Valabil până la",
           "Zile rămase", "Situația", "Fișierul", "Foaia", "Rândul"],
    "en": ["Name", "ID", "Organisation", "Category", "Course", "Completed on", "Valid until",
           "Days left", "Status", "File", "Sheet", "Row"],
}  # fmt: skip
_STATUS: dict[Lang, tuple[str, str]] = {"ro": ("expirat", "de reînnoit"), "en": ("overdue", "due")}
_WIDTHS = (28, 12, 24, 18, 22, 13, 13, 10, 12, 30, 14, 7)


def refreshers_xlsx(
    due: Sequence[Due], lang: Lang, names: Mapping[str, str] | None = None
) -> bytes:
    """The refreshers list as an internal workbook: a title row that says it holds personal
    data, headers, one row per refresher, frozen headers and filters. Same list, same bytes.
    The dates shown (valid until) are the first day without a valid completion. ``names``
    gives the category and course keys as the reader knows them (their name in ``lang``)."""
    shown = names or {}
    from openpyxl import Workbook  # imported here: 0.3 s, needed by this output only
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Reîmprospătări" if lang == "ro" else "Refreshers"
    sheet.append([_TITLE[lang]])
    sheet["A1"].font = Font(bold=True, color="C00000")
    sheet.append(_DUE_HEADERS[lang])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    overdue, upcoming = _STATUS[lang]
    for entry in due:
        values: list[object] = [
            entry.name, entry.person_id, entry.organisation,
            shown.get(entry.category or "", entry.category or ""),
            shown.get(entry.course, entry.course),
            entry.completed, entry.due, entry.days_left,
            overdue if entry.overdue else upcoming, entry.file, entry.sheet, entry.row,
        ]  # fmt: skip
        sheet.append([neutralised(v) if isinstance(v, str) else v for v in values])
    for row in sheet.iter_rows(min_row=3, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "dd.mm.yyyy" if lang == "ro" else "yyyy-mm-dd"
    for i, width in enumerate(_WIDTHS):
        sheet.column_dimensions[column_letter(i)].width = width
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{column_letter(len(_WIDTHS) - 1)}{max(sheet.max_row, 2)}"
    book.properties.creator = "lexkit"
    book.properties.title = _TITLE[lang]
    book.properties.created = book.properties.modified = FIXED_PROPERTY_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_xlsx(buffer.getvalue())
