"""What a PSEA dossier is made of, beyond its data tables: its settings in dossier.yaml, the
rating scales of partner assessments, the training register read from HR's exports, the
work plan's progress read back from the units' trackers, and the state every document
and check of the dossier reads.

The modules of :mod:`lexkit.psea` compute from these; :mod:`lexkit.psea.kind` assembles
them once per build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lexkit.language import Lang

# ---------------------------------------------------------------- settings (dossier.yaml)


class Period(BaseModel):
    """The work plan's period."""

    model_config = ConfigDict(extra="forbid")

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")
        return self


class PseaSettings(BaseModel):
    """``settings:`` of a dossier whose ``kind:`` is ``psea``."""

    model_config = ConfigDict(extra="forbid")

    organisation: dict[Lang, str]
    """The office, per language (``en: IOM Moldova``, ``ro: OIM Moldova``). Required."""
    period: Period
    """The work plan's period (``start:``, ``end:``, YYYY-MM-DD). Required."""
    report_date: dt.date
    """The date the figures are computed at (training validity, assessments expired,
    referral entries verified). Required."""
    training: str = "data/training"
    """The folder of the training register: HR's or the learning platform's exports (XLSX,
    XLS, ODS, CSV), relative to the dossier."""
    progress: str = "data/work-plan-progress.csv"
    """Where ``lexkit tracker import`` keeps what the units reported, relative to the
    dossier; read by the work plan's progress section."""
    refresher_window_days: int = Field(default=90, ge=1)
    """A refresher is due when a completion expires within this many days of the report
    date."""
    referral_max_age_months: int = Field(default=12, ge=1)
    """A referral entry is stale when last verified longer ago than this."""
    example_data: bool = False
    """The offices, partners, people and risks are examples: the working edition says so."""

    def organisation_in(self, lang: Lang) -> str:
        return self.organisation.get(lang) or next(iter(self.organisation.values()), "")


# ---------------------------------------------------------------- partner assessment scales


class Rating(BaseModel):
    """One answer a scale allows for a core standard."""

    model_config = ConfigDict(extra="forbid")

    value: str
    """As written in ``partner_assessments.rating`` (e.g. ``adequate``, ``met``)."""
    name_en: str
    name_ro: str
    points: int = Field(ge=0)


class Level(BaseModel):
    """An overall capacity level, reached from ``min_points`` of the total upwards."""

    model_config = ConfigDict(extra="forbid")

    min_points: int = Field(ge=0)
    capacity_en: str
    capacity_ro: str
    risk: Literal["low", "moderate", "high"]


class Scale(BaseModel):
    """A way of rating a partner's PSEA capacity: its ratings per core standard, and the
    levels the total reaches (psea-facts.md §2.4 gives two: UNICEF 2020 and UN common)."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name_en: str
    name_ro: str
    ratings: list[Rating] = Field(min_length=2)
    levels: list[Level] = Field(min_length=1)
    """Any order; the highest ``min_points`` the total reaches is the level."""
    validity_years: int = Field(ge=1)
    """An assessment expires this many years after it was made."""
    status: Literal["confirmed", "to verify"]
    source: str

    def rating(self, value: str) -> Rating | None:
        wanted = value.strip().casefold()
        return next((r for r in self.ratings if r.value.casefold() == wanted), None)

    def level(self, points: int) -> Level:
        reached = [level for level in self.levels if points >= level.min_points]
        if not reached:
            return min(self.levels, key=lambda level: level.min_points)
        return max(reached, key=lambda level: level.min_points)


# ---------------------------------------------------------------- the training register


@dataclass(frozen=True)
class TrainingFlag:
    """Something in a training export that lexkit kept but could not read as it stands:
    the file, sheet and row as the user sees them, the column, what is wrong."""

    file: str  # shown path
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    column: str  # the header as written ("" when the row as a whole)
    kind: str  # one of FLAG_KINDS
    value: str  # the cell as sent
    detail: str = ""


FLAG_KINDS = (
    "unknown-category",  # the category matches no row of categories (nor their names)
    "unknown-course",  # the course matches no row of courses (nor their names)
    "date",  # a completion date lexkit cannot read, or that reads two ways
    "future-date",  # completed after the report date
    "formula",  # the cell is a formula: its last computed value is used
    "no-person",  # no name and no identifier
    "duplicate",  # the same person, course and date already read
)


@dataclass(frozen=True)
class TrainingRecord:
    """One completion of a course by one person, as read from an export."""

    person: str  # the identifier that tells people apart: id if given, else the name
    name: str
    category: str | None  # key of categories; None when unknown
    course: str | None  # key of courses; None when unknown
    completed: dt.date | None
    organisation: str
    file: str
    sheet: str
    row: int
    raw: dict[str, str]  # the row as sent, by header


@dataclass
class TrainingRegister:
    """Every file of the training folder, read: the records, the flags, the files that
    could not be read, and how many rows were read (records + rows rejected)."""

    records: list[TrainingRecord] = field(default_factory=list)
    flags: list[TrainingFlag] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    rejected: list[TrainingFlag] = field(default_factory=list)  # rows that hold no record
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    # completions another export of the folder already gave (exports overlap): counted once
    repeats: int = 0


# ---------------------------------------------------------------- the work plan's progress


@dataclass(frozen=True)
class ProgressReport:
    """What a unit reported on one action in its tracker."""

    action: str
    status: str
    comment: str
    reported_by: str
    reported_on: dt.date | None


# ---------------------------------------------------------------- the whole


@dataclass
class PseaState:
    """What the build reads once for a PSEA dossier, shared by every language and by the
    checks (``Subject.prepared``)."""

    settings: PseaSettings
    scales: dict[str, Scale]
    training: TrainingRegister
    progress: list[ProgressReport]
    data: dict[str, Any]  # the validated tables, by name
    inputs: list[Path] = field(default_factory=list)  # files read besides the data tables
