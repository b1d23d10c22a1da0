"""Write the example training exports of data/training/ (see data/training/README.md): who
took which PSEA course when, as IOM Moldova's HR unit would receive it from two places:

- an "I-Learn"-like XLSX export of online completions (staff and non-staff: the IOM PSEA
  micro-modules, the IOM PSEA webinar, the UN e-learning course);
- an HR CSV of face-to-face PSEA sessions (staff, contractors' workers, implementing
  partners' and service providers' personnel).

Every person here is invented: the names are made of obviously fictional surnames
("Exemplu", "Fictiv" ...), the identifiers start with EX-, the organisations end in
"(example)". The categories and course titles are the synonyms listed in
data/categories.yaml and data/courses.yaml, as real exports write them. Completion dates
are spread around the report date (2026-11-30 in dossier.yaml) so that the training update
shows valid training, refreshers due within 90 days, overdue refreshers and people never
trained.

The files are deterministic: running the script again gives the same bytes. Run it from
the project root: ``.venv/bin/python drafts/psea-moldova/make_examples.py``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from lexkit.io.xlsx import deterministic_xlsx

HERE = Path(__file__).resolve().parent
TRAINING = HERE / "data" / "training"
ILEARN_FILE = "I-Learn PSEA completions Moldova 2026-11-30.xlsx"
HR_FILE = "HR PSEA face-to-face attendance 2023-2026.csv"

# The course titles as each source writes them (synonyms in data/courses.yaml).
MICRO = "IOM PSEA Micro-Modules"
WEBINAR = "IOM PSEA Webinar"
UN_COURSE = "Prevention of Sexual Exploitation and Abuse (PSEA)"
FACE_TO_FACE = "PSEA face-to-face"
FACE_TO_FACE_RO = "Instruire PSEA față în față"

FIRST_NAMES = (
    "Ana", "Ion", "Maria", "Victor", "Elena", "Andrei", "Olga", "Sergiu", "Natalia",
    "Mihai", "Irina", "Dumitru", "Tatiana", "Vasile", "Oksana", "Petru", "Lilia", "Igor",
    "Cristina", "Nicolae",
)  # fmt: skip
# Surnames no one bears: they say "example", "fictional", "model", "test" in Romanian.
SURNAMES = (
    "Exemplu", "Fictiv", "Modelescu", "Probanu", "Testeanu", "Demonstru", "Inventatu",
    "Imaginaru", "Sablonescu", "Mostrea",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    ident: str
    name: str
    category: str  # as the export writes it
    organisation: str


def person(number: int, prefix: str, category: str, organisation: str) -> Person:
    # 37 is prime to the 200 pairs of names: every number below 200 gets its own name.
    pair = (number * 37) % (len(FIRST_NAMES) * len(SURNAMES))
    first, last = FIRST_NAMES[pair % len(FIRST_NAMES)], SURNAMES[pair // len(FIRST_NAMES)]
    return Person(f"EX-{prefix}{number:03d}", f"{first} {last}", category, organisation)


def on(year: int, month: int, day: int, shift: int = 0) -> date:
    """A date moved by ``shift`` days, so that rows of the same profile differ."""
    return date(year, month, day) + timedelta(days=shift)


# ---------------------------------------------------------------- who did what, when

# A full training (36 months) is valid at 2026-11-30 when taken after 2023-11-30; due
# within 90 days when taken 2023-12-01 .. 2024-02-28; overdue when taken before.
FULL_VALID = (on(2024, 4, 16), on(2024, 11, 5), on(2025, 3, 12), on(2025, 10, 8), on(2026, 6, 3))
FULL_DUE = (on(2023, 12, 12), on(2024, 1, 24), on(2024, 2, 20))
FULL_OVERDUE = (on(2023, 5, 17), on(2022, 10, 26))
# Micro-modules (12 months): valid when taken after 2025-11-30; due when taken 2025-12-01
# .. 2026-02-28; overdue before.
MICRO_VALID = (on(2026, 3, 9), on(2026, 5, 21), on(2026, 8, 14), on(2026, 10, 30))
MICRO_DUE = (on(2025, 12, 10), on(2026, 1, 27), on(2026, 2, 18))
MICRO_OVERDUE = (on(2025, 6, 30), on(2025, 9, 15))


def full_date(index: int) -> date | None:
    """Staff and non-staff: most valid, one in seven due, one in seven overdue, a few never."""
    if index % 13 == 12:
        return None
    if index % 7 == 1:
        return FULL_DUE[index % len(FULL_DUE)]
    if index % 7 == 4:
        return FULL_OVERDUE[index % len(FULL_OVERDUE)]
    return FULL_VALID[index % len(FULL_VALID)]


def micro_date(index: int) -> date | None:
    if index % 11 == 10:
        return None
    if index % 5 == 1:
        return MICRO_DUE[index % len(MICRO_DUE)]
    if index % 5 == 3:
        return MICRO_OVERDUE[index % len(MICRO_OVERDUE)]
    return MICRO_VALID[index % len(MICRO_VALID)]


STAFF_TYPES = ("Staff Member (Fixed-term)", "Staff Member (Fixed-term)", "Short-term staff")
NON_STAFF_TYPES = ("Consultant", "Intern", "UNV", "Consultant")
IOM = "IOM Moldova"


def staff() -> list[Person]:
    return [person(n, "S", STAFF_TYPES[n % 3], IOM) for n in range(1, 29)]


def non_staff() -> list[Person]:
    return [person(n, "N", NON_STAFF_TYPES[n % 4], IOM) for n in range(31, 41)]


PARTNERS = (
    "Asociația Obștească „Exemplu Nord” (example)",
    "Fundația „Exemplu Centru” (example)",
    "Centrul „Exemplu pentru Familii” Sud (example)",
    "Example Relief International, Moldova office (example)",
)
CONTRACTORS = ("SRL „Exemplu Pază” (example)", "SRL „Exemplu Transport” (example)")
PROVIDERS = ("Centrul de sprijin psihologic Exemplu Chișinău (example)",)


def externals() -> list[Person]:
    people = [person(n, "C", "Contractant", CONTRACTORS[n % 2]) for n in range(41, 47)]
    people += [
        person(n, "P", "Partener de implementare", PARTNERS[n % 4]) for n in range(47, 59)
    ]
    people += [person(n, "V", "Prestator de servicii", PROVIDERS[0]) for n in range(59, 63)]
    return people


# ---------------------------------------------------------------- 1. I-Learn-like XLSX

ILEARN_HEADER = (
    "Learner ID",
    "Learner Name",
    "Employment Type",
    "Organization",
    "Course Title",
    "Completion Date",
    "Completion Status",
)


def ilearn_rows() -> list[tuple[object, ...]]:
    """Online completions of staff (I-Learn) and non-staff (E-Campus): micro-modules every
    year, the full training as a webinar for a third of them, the UN course for consultants."""
    rows: list[tuple[object, ...]] = []
    for index, someone in enumerate(staff() + non_staff()):
        base = (someone.ident, someone.name, someone.category, someone.organisation)
        micro = micro_date(index)
        if micro is not None:
            rows.append((*base, MICRO, micro, "Completed"))
            if micro >= date(2026, 1, 1):  # last year's round too, as platforms keep history
                rows.append((*base, MICRO, micro - timedelta(days=371), "Completed"))
        full = full_date(index)
        if full is not None and index % 3 == 0:
            rows.append((*base, WEBINAR, full, "Completed"))
        if someone.category == "Consultant":
            rows.append((*base, UN_COURSE, on(2025, 2, 3, index), "Completed"))
    return sorted(rows, key=lambda row: (str(row[0]), str(row[5])))


def write_ilearn() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Completions"
    sheet.append(ILEARN_HEADER)
    for row in ilearn_rows():
        sheet.append(row)
    for cell in sheet["F"][1:]:
        cell.number_format = "dd-mmm-yyyy"
    buffer = io.BytesIO()
    book.save(buffer)
    (TRAINING / ILEARN_FILE).write_bytes(deterministic_xlsx(buffer.getvalue()))


# ---------------------------------------------------------------- 2. HR's attendance CSV

HR_HEADER = ("Staff ID", "Name", "Organisation", "Category", "Course", "Date completed", "Modality")


def hr_rows() -> list[tuple[str, ...]]:
    """Face-to-face sessions: the full training of staff not taken as a webinar, and the
    sessions for contractors, partners and service providers (2023-2026)."""
    rows: list[tuple[str, ...]] = []
    for index, someone in enumerate(staff() + non_staff()):
        full = full_date(index)
        if full is None or index % 3 == 0:
            continue  # never trained, or trained by webinar (in the I-Learn export)
        category = "Angajat" if someone.ident.startswith("EX-S") else someone.category
        rows.append(_hr_row(someone, category, FACE_TO_FACE, full))
    for index, someone in enumerate(externals()):
        if index % 9 == 8:
            continue  # on the partner's staff list, never trained
        if index % 6 == 2:
            taken = FULL_DUE[index % len(FULL_DUE)]
        elif index % 10 == 5:
            taken = FULL_OVERDUE[0]
        else:
            taken = on(2026, 5, 12, (index * 11) % 160)  # the 2026 round of sessions
        rows.append(_hr_row(someone, someone.category, FACE_TO_FACE_RO, taken))
    return rows


def _hr_row(someone: Person, category: str, course: str, taken: date) -> tuple[str, ...]:
    ident = someone.ident if someone.organisation == IOM else ""
    return (ident, someone.name, someone.organisation, category, course, taken.isoformat(), "F2F")


def write_hr() -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HR_HEADER, *hr_rows()])
    (TRAINING / HR_FILE).write_bytes(buffer.getvalue().encode("utf-8"))


def main() -> None:
    TRAINING.mkdir(parents=True, exist_ok=True)
    write_ilearn()
    write_hr()


if __name__ == "__main__":
    main()
