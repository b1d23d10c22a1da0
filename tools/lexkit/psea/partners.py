"""Implementing partners' PSEA capacity, summed up: what the partner capacity summary
(issue 14, deliverable 5) is computed from.

A partner is rated on each core standard of its scale (``data/assessment_scales.yaml``);
its points are the ratings' points; only an assessment that rates every core standard of
the scale has a level (psea-facts.md §2.4: UNICEF computes the total only when every
standard has an answer). An assessment expires ``validity_years`` after it was made and
is "expiring" in its last year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from lexkit.errors import Location, Problems
from lexkit.psea.dates import add_years
from lexkit.psea.model import Level, Rating, Scale

__all__ = [
    "EXPIRING_YEARS",
    "PartnerSummary",
    "StandardRating",
    "add_years",
    "load_scales",
    "summarise",
    "unknown_scales",
]

Row = Mapping[str, Any]

EXPIRING_YEARS = 1
"""An assessment is "expiring" this many years (or less) before it expires."""

_SCALES_FIX = (
    "each scale needs key, name_en, name_ro, ratings (value, name_en, name_ro, points), "
    "levels (min_points, capacity_en, capacity_ro, risk: low|moderate|high), "
    "validity_years, status (confirmed|to verify) and source"
)

# ---------------------------------------------------------------- the scales


def load_scales(value: Any, source: str, problems: Problems) -> dict[str, Scale]:
    """The scales of ``data/assessment_scales.yaml`` (a YAML list; a
    :class:`~lexkit.dossier.schema.Table` gives each item's line), by key. Each fault is
    a problem naming the file, the item's line and the field; a faulty scale, or a second
    one with the same key, is left out."""
    if not isinstance(value, list):
        problems.add(
            Location(source, 1),
            f"the assessment scales must be a list of scales, not {_kind(value)}",
            f"start each scale with '- key: ...'; {_SCALES_FIX}",
            code="D002",
        )
        return {}
    lines: Sequence[int] = getattr(value, "lines", [])
    scales: dict[str, Scale] = {}
    for index, item in enumerate(value):
        line = lines[index] if index < len(lines) else None
        scale = _scale(item, index, Location(source, line), problems)
        if scale is None:
            continue
        if scale.key in scales:
            problems.add(
                Location(source, line, "key"),
                f"a second scale has the key {scale.key!r}",
                "give each scale its own key (partners.scale names it)",
                code="D003",
            )
            continue
        scales[scale.key] = scale
    return scales


def _scale(item: Any, index: int, where: Location, problems: Problems) -> Scale | None:
    try:
        scale = Scale.model_validate(item)
    except ValidationError as error:
        for fault in error.errors():
            field = ".".join(str(part) for part in fault["loc"]) or None
            problems.add(
                Location(where.file, where.line, field),
                f"scale {index + 1}: {_plain(fault)}",
                _fix(fault),
                code="D002",
            )
        return None
    return scale if _ratings_differ(scale, where, problems) else None


def _ratings_differ(scale: Scale, where: Location, problems: Problems) -> bool:
    """Ratings are found by value, ignoring case: two alike would be ambiguous."""
    seen: set[str] = set()
    for index, rating in enumerate(scale.ratings):
        folded = rating.value.strip().casefold()
        if folded in seen:
            problems.add(
                Location(where.file, where.line, f"ratings.{index}.value"),
                f"scale {scale.key!r}: the rating {rating.value!r} is given twice",
                "give each rating of a scale its own value",
                code="D002",
            )
            return False
        seen.add(folded)
    return True


def _plain(fault: Any) -> str:
    kind = fault["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return f"is not a field of a scale (value {fault.get('input')!r})"
    if kind in ("model_type", "dict_type"):
        return f"must be a mapping of fields, not {_kind(fault.get('input'))}"
    return f"{fault['msg']} (got {fault.get('input')!r})"


def _fix(fault: Any) -> str:
    if fault["type"] == "extra_forbidden":
        return f"check the spelling; {_SCALES_FIX}"
    if fault["type"] == "string_pattern_mismatch":
        return "write the key in lower case: letters, digits and '-' (e.g. unicef-2020)"
    return _SCALES_FIX


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "a text"
    return "a list" if isinstance(value, list) else type(value).__name__


# ---------------------------------------------------------------- the partners


@dataclass(frozen=True)
class StandardRating:
    """A core standard and what the partner's assessment says of it (all None when it
    has no row in ``partner_assessments``; ``rating`` None too when the rating is not one
    of the scale's)."""

    standard: Row
    rating: Rating | None
    evidence: str | None
    assessed_on: dt.date | None


@dataclass(frozen=True)
class PartnerSummary:
    """One partner's assessment, summed up at a date."""

    partner: Row
    scale: Scale
    ratings: list[StandardRating]
    """One per core standard of the scale, in the standards' number order."""
    points: int
    """The sum of the given ratings' points (partial when incomplete)."""
    complete: bool
    """Every core standard of the scale has a rating the scale knows."""
    level: Level | None
    """None when the assessment is incomplete."""
    expires: dt.date
    expired: bool
    expiring: bool
    """Not expired, and expires within a year."""
    actions: list[Row]
    """The partner's follow-up actions, open ones first, then by due date."""
    unknown_ratings: list[tuple[Row, str]]
    """Assessment rows whose rating is not on the scale, with the rating as written."""
    other_standards: list[Row]
    """Assessment rows of this partner for standards not on its scale."""


def unknown_scales(partners: Iterable[Row], scales: Mapping[str, Scale]) -> list[Row]:
    """The partners whose scale is not in the scales: :func:`summarise` leaves them out,
    the checks report them."""
    return [partner for partner in partners if partner["scale"] not in scales]


def summarise(
    partners: Iterable[Row],
    assessments: Iterable[Row],
    actions: Iterable[Row],
    core_standards: Iterable[Row],
    scales: Mapping[str, Scale],
    as_of: dt.date,
) -> list[PartnerSummary]:
    """Each partner whose scale is known (:func:`unknown_scales` gives the others), in the
    partners table's order, as of ``as_of``."""
    rows_of = _by_column(assessments, "partner")
    actions_of = _by_column(actions, "partner")
    standards_of = _by_column(core_standards, "scale")
    summaries = []
    for partner in partners:
        scale = scales.get(partner["scale"])
        if scale is None:
            continue
        standards = sorted(standards_of.get(scale.key, []), key=lambda row: row["number"])
        key = partner["key"]
        summaries.append(
            _summary(
                partner, scale, standards, rows_of.get(key, []), actions_of.get(key, []), as_of
            )
        )
    return summaries


def _by_column(rows: Iterable[Row], column: str) -> dict[Any, list[Row]]:
    grouped: dict[Any, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row[column], []).append(row)
    return grouped


def _summary(
    partner: Row,
    scale: Scale,
    standards: list[Row],
    assessments: list[Row],
    actions: list[Row],
    as_of: dt.date,
) -> PartnerSummary:
    latest = _latest_by_standard(assessments)
    ratings: list[StandardRating] = []
    unknown: list[tuple[Row, str]] = []
    for standard in standards:
        row = latest.get(standard["key"])
        rating = None if row is None else scale.rating(str(row["rating"]))
        if row is not None and rating is None:
            unknown.append((row, str(row["rating"])))
        ratings.append(_standard_rating(standard, rating, row))
    known = {standard["key"] for standard in standards}
    complete = bool(ratings) and all(r.rating is not None for r in ratings)
    points = sum(r.rating.points for r in ratings if r.rating is not None)
    expires = add_years(partner["assessed_on"], scale.validity_years)
    expired = as_of >= expires
    return PartnerSummary(
        partner=partner,
        scale=scale,
        ratings=ratings,
        points=points,
        complete=complete,
        level=scale.level(points) if complete else None,
        expires=expires,
        expired=expired,
        expiring=not expired and as_of >= add_years(expires, -EXPIRING_YEARS),
        actions=sorted(actions, key=_action_order),
        unknown_ratings=unknown,
        other_standards=[row for row in assessments if row["standard"] not in known],
    )


def _latest_by_standard(assessments: list[Row]) -> dict[Any, Row]:
    """Each standard's most recent row (a reassessment replaces the rating it revises;
    on the same date, the later row in the table)."""
    latest: dict[Any, Row] = {}
    for row in assessments:
        seen = latest.get(row["standard"])
        if seen is None or _date(row) >= _date(seen):
            latest[row["standard"]] = row
    return latest


def _date(row: Row) -> dt.date:
    value = row["assessed_on"]
    return value if isinstance(value, dt.date) else dt.date.min


def _standard_rating(standard: Row, rating: Rating | None, row: Row | None) -> StandardRating:
    if row is None:
        return StandardRating(standard, None, None, None)
    return StandardRating(standard, rating, row.get("evidence"), row["assessed_on"])


def _action_order(action: Row) -> tuple[bool, dt.date]:
    due = action["due"]
    return (action["status"] != "open", due if isinstance(due, dt.date) else dt.date.max)
