"""PSEA checks (H): the rules of a PSEA officer's pack, brought by the dossier's kind.

Every MOS standard has an action; every high risk is mitigated by a live action; actions
end after they start and inside the plan's period; referral entries are recent enough;
partner assessments are on a known scale, complete and not expired; nothing of the
training exports is lost without a word; the risk bands cover 1–25 once each; each region
with services has every type of service.

Each check reads ``subject.prepared`` (a :class:`~lexkit.psea.model.PseaState`) and does
nothing for another kind of dossier or when the table it reads is absent. A row whose
cell failed validation holds None there: it is skipped, the data checks report it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from lexkit.checks.subject import Subject
from lexkit.dossier.schema import Table
from lexkit.errors import Location, Problem
from lexkit.psea.dates import add_years, months_between, verified_in_time
from lexkit.psea.model import PseaState, Scale, TrainingFlag
from lexkit.psea.risks import band_of, band_problems
from lexkit.psea.training import person_key

HIGH = "high"
CANCELLED = "cancelled"


def _state(subject: Subject) -> PseaState | None:
    prepared = subject.prepared
    return prepared if isinstance(prepared, PseaState) else None


def _rows(table: Table) -> Iterator[tuple[dict[str, Any], int]]:
    yield from zip(table, table.lines, strict=True)


def _at(table: Table, line: int, column: str | None = None) -> Location:
    return Location(table.source, line, column)


def _name(row: dict[str, Any]) -> str:
    """ "key (English name)", or the key alone."""
    key = str(row.get("key") or "")
    name = row.get("name_en") or row.get("name")
    return f"{key} ({name})" if name else key


# ---------------------------------------------------------------- H001 standards


def standards_with_actions(subject: Subject) -> Iterator[Problem]:
    standards, actions = subject.table("mos_standards"), subject.table("actions")
    if _state(subject) is None or standards is None or actions is None:
        return
    live = {row.get("standard") for row in actions if row.get("status") != CANCELLED}
    cancelled = {row.get("standard") for row in actions if row.get("status") == CANCELLED}
    for row, line in _rows(standards):
        key = row.get("key")
        if not key or key in live:
            continue
        only = " (only cancelled ones)" if key in cancelled else ""
        yield Problem(
            _at(standards, line, "key"),
            f"the MOS standard {_name(row)} has no action in the work plan{only}",
            f"add an action with standard: {key} to {actions.source}, or say in the plan "
            "why this standard needs none",
            code="H001",
        )


# ---------------------------------------------------------------- H002 high risks


def _unmitigated(row: dict[str, Any], status: dict[Any, Any]) -> tuple[str, str, str] | None:
    """(what is missing, the column, the fix) for a high risk, None when it is mitigated."""
    action = row.get("action")
    if not str(row.get("mitigation_en") or "").strip():
        return (
            "has no mitigation",
            "mitigation_en",
            "write the mitigation (mitigation_en, mitigation_ro) and name the work-plan "
            "action that carries it in the column action",
        )
    if not action:
        return (
            "no work-plan action carries its mitigation",
            "action",
            "name the work-plan action that carries the mitigation in the column action "
            "(add one to the plan if none does)",
        )
    if status.get(action) == CANCELLED:
        return (
            f"the action carrying its mitigation, {action}, is cancelled",
            "action",
            f"name an action that is not cancelled in the column action, or reopen {action}",
        )
    return None


def high_risks_mitigated(subject: Subject) -> Iterator[Problem]:
    risks, bands = subject.table("risks"), subject.table("risk_bands")
    if _state(subject) is None or risks is None or bands is None:
        return
    actions = subject.table("actions")
    status = {row.get("key"): row.get("status") for row in actions or []}
    for row, line in _rows(risks):
        likelihood, impact = row.get("likelihood"), row.get("impact")
        if not isinstance(likelihood, int) or not isinstance(impact, int):
            continue
        score = likelihood * impact
        band = band_of(score, _whole_bands(bands))
        if band is None or band.get("key") != HIGH:
            continue
        problem = _unmitigated(row, status)
        if problem is None:
            continue
        reason, column, fix = problem
        yield Problem(
            _at(risks, line, column),
            f"the risk {row.get('key')} ({row.get('location')}, {row.get('programme')}) "
            f"scores {likelihood} x {impact} = {score}, high, and {reason}",
            fix,
            code="H002",
        )


# ---------------------------------------------------------------- H003, H004 action dates


def action_dates(subject: Subject) -> Iterator[Problem]:
    actions = subject.table("actions")
    if _state(subject) is None or actions is None:
        return
    for row, line in _rows(actions):
        start, end = row.get("start"), row.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            yield Problem(
                _at(actions, line, "end"),
                f"the action {row.get('key')} ends ({end}) before it starts ({start})",
                "correct the start or the end date",
                code="H003",
            )


def actions_in_period(subject: Subject) -> Iterator[Problem]:
    state, actions = _state(subject), subject.table("actions")
    if state is None or actions is None:
        return
    period = state.settings.period
    for row, line in _rows(actions):
        start, end = row.get("start"), row.get("end")
        outside = []
        if isinstance(start, dt.date) and start < period.start:
            outside.append(("start", f"starts {start}, before the plan's period begins"))
        if isinstance(end, dt.date) and end > period.end:
            outside.append(("end", f"ends {end}, after the plan's period ends"))
        if outside:
            yield Problem(
                _at(actions, line, outside[0][0]),
                f"the action {row.get('key')} "
                + " and ".join(text for _, text in outside)
                + f" (period {period.start} to {period.end})",
                "move the action's dates inside the period, or change settings.period in "
                "dossier.yaml",
                code="H004",
            )


# ---------------------------------------------------------------- H005 referral entries


def referrals_verified(subject: Subject) -> Iterator[Problem]:
    state, services = _state(subject), subject.table("services")
    if state is None or services is None:
        return
    report = state.settings.report_date
    limit = state.settings.referral_max_age_months
    for row, line in _rows(services):
        verified = row.get("last_verified")
        if not isinstance(verified, dt.date):
            continue
        who = f"the service {row.get('key')} ({row.get('organisation')}, {row.get('region')})"
        if verified > report:
            message = f"{who} was last verified on {verified}, after the report date ({report})"
            fix = "correct last_verified: it cannot be later than the report date"
        elif not verified_in_time(verified, report, limit):
            age = months_between(verified, report)
            message = (
                f"{who} was last verified on {verified}, {age} months before the report "
                f"date ({report}); the limit is {limit} months"
            )
            fix = (
                "call the provider, confirm the contact, hours and services, then set "
                "last_verified to the day you did"
            )
        else:
            continue
        yield Problem(_at(services, line, "last_verified"), message, fix, code="H005")


# ---------------------------------------------------------------- H006, H012-H014 partners


def partners_assessed(subject: Subject) -> Iterator[Problem]:
    state, partners = _state(subject), subject.table("partners")
    if state is None or partners is None:
        return
    report = state.settings.report_date
    for row, line in _rows(partners):
        key, scale_key = row.get("key"), row.get("scale")
        if not key or not scale_key:
            continue
        scale = state.scales.get(str(scale_key))
        if scale is None:
            known = ", ".join(sorted(state.scales)) or "none"
            yield Problem(
                _at(partners, line, "scale"),
                f"the partner {key} is assessed on the scale {scale_key!r}, which "
                "data/assessment_scales.yaml does not define",
                f"use one of the scales defined: {known}; or add the scale",
                code="H012",
            )
            continue
        assessed = row.get("assessed_on")
        if not isinstance(assessed, dt.date):
            continue
        expires = add_years(assessed, scale.validity_years)
        if expires <= report:
            yield Problem(
                _at(partners, line, "assessed_on"),
                f"the assessment of the partner {key} ({row.get('name')}), made on "
                f"{assessed}, expired on {expires} ({scale.validity_years} years on the "
                f"scale {scale.key}), before the report date ({report})",
                "assess the partner again and record the new date and ratings",
                code="H006",
            )


def _partner_scales(state: PseaState, partners: Table) -> dict[str, Scale]:
    """Each partner's scale, for the partners whose scale is known."""
    scales = {}
    for row in partners:
        scale = state.scales.get(str(row.get("scale")))
        if row.get("key") and scale is not None:
            scales[str(row["key"])] = scale
    return scales


def assessment_ratings(subject: Subject) -> Iterator[Problem]:
    state, partners = _state(subject), subject.table("partners")
    assessments = subject.table("partner_assessments")
    if state is None or partners is None or assessments is None:
        return
    scales = _partner_scales(state, partners)
    scale_of_standard = {
        row.get("key"): row.get("scale") for row in subject.table("core_standards") or []
    }
    for row, line in _rows(assessments):
        partner, standard, rating = row.get("partner"), row.get("standard"), row.get("rating")
        scale = scales.get(str(partner))
        if scale is None or not standard or rating is None:
            continue  # an unknown partner or scale is reported elsewhere
        standard_scale = scale_of_standard.get(standard)
        if standard_scale is not None and standard_scale != scale.key:
            yield Problem(
                _at(assessments, line, "standard"),
                f"the partner {partner} is assessed on the scale {scale.key}, but the "
                f"core standard {standard} belongs to the scale {standard_scale}",
                f"rate the partner on the core standards of {scale.key}, or change its scale",
                code="H013",
            )
        elif scale.rating(str(rating)) is None:
            allowed = ", ".join(r.value for r in scale.ratings)
            yield Problem(
                _at(assessments, line, "rating"),
                f"the rating {rating!r} of the partner {partner} on {standard} is not a "
                f"rating of the scale {scale.key}",
                f"write one of: {allowed}",
                code="H013",
            )


def assessments_complete(subject: Subject) -> Iterator[Problem]:
    state, partners = _state(subject), subject.table("partners")
    assessments, core = subject.table("partner_assessments"), subject.table("core_standards")
    if state is None or partners is None or assessments is None or core is None:
        return
    scales = _partner_scales(state, partners)
    rated = {(row.get("partner"), row.get("standard")) for row in assessments}
    for row, line in _rows(partners):
        key = str(row.get("key") or "")
        scale = scales.get(key)
        if scale is None:
            continue
        wanted = [c for c in core if c.get("scale") == scale.key and c.get("key")]
        missing = [str(c["key"]) for c in wanted if (key, c["key"]) not in rated]
        if missing:
            yield Problem(
                _at(partners, line, "key"),
                f"the partner {key} has no rating for {len(missing)} core standard(s) of "
                f"the scale {scale.key}: {', '.join(missing)}; its total and capacity "
                "level cannot be computed",
                f"add a row per missing standard to {assessments.source}",
                code="H014",
            )


# ---------------------------------------------------------------- H007-H009 training


_TRAINING_CODES = {"unknown-category": "H007", "unknown-course": "H008"}


def _flag_problem(flag: TrainingFlag, subject: Subject, *, rejected: bool) -> Problem:
    where = Location(flag.file, flag.row, flag.column or None)
    lost = "; the row was not read" if rejected else ""
    detail = f" ({flag.detail})" if flag.detail else ""
    if flag.kind in _TRAINING_CODES:
        what, table = (
            ("personnel category", "categories")
            if flag.kind == "unknown-category"
            else ("course", "courses")
        )
        source = subject.table(table)
        named = f" ({source.source})" if source is not None else ""
        return Problem(
            where,
            f"sheet {flag.sheet!r}, row {flag.row}: {flag.value!r} is not a known {what}"
            f"{detail}{lost}",
            f"add {flag.value!r} to `names` of the row of the {table} table{named} it "
            "means, or correct the export",
            code=_TRAINING_CODES[flag.kind],
        )
    value = f" {flag.value!r}" if flag.value else ""
    return Problem(
        where,
        f"sheet {flag.sheet!r}, row {flag.row}: {flag.kind}{value}{detail}{lost}",
        _TRAINING_FIXES.get(flag.kind, "correct the export and import it again"),
        code="H009",
    )


_TRAINING_FIXES = {
    "date": "write the completion date as year-month-day (2025-03-01) or make it a date cell",
    "future-date": "correct the completion date: it is after the report date",
    "formula": "check the value: the cell is a formula, its last computed value was used",
    "no-person": "give the person's name or identifier, or delete the row",
    "duplicate": "delete the repeated row, or correct its person, course or date",
}


def training_register(subject: Subject) -> Iterator[Problem]:
    state = _state(subject)
    if state is None:
        return
    register = state.training
    for flag in register.flags:
        yield _flag_problem(flag, subject, rejected=False)
    for flag in register.rejected:
        yield _flag_problem(flag, subject, rejected=True)
    for file, reason in register.unreadable:
        yield Problem(
            Location(file),
            f"the training export cannot be read: {reason}; none of its rows is counted",
            "save it again as XLSX, XLS, ODS or CSV, or move it out of the training folder",
            code="H009",
        )


def headcount_covers_the_register(subject: Subject) -> Iterator[Problem]:
    """H017: more people of a category in the training register than its headcount: the
    headcount is out of date (or people are in the wrong category), and its coverage and
    "never trained" would be wrong."""
    state, headcount = _state(subject), subject.table("headcount")
    if state is None or headcount is None:
        return
    people: dict[str, set[tuple[str, ...]]] = {}
    for record in state.training.records:
        if record.category is not None:
            people.setdefault(record.category, set()).add(person_key(record))
    for row, line in _rows(headcount):
        category, count = row.get("category"), row.get("count")
        found = len(people.get(str(category), ()))
        if isinstance(count, int) and found > count:
            yield Problem(
                _at(headcount, line, "count"),
                f"the training register names {found} people of the category {category}, "
                f"more than its headcount ({count}): its coverage would pass 100%",
                "bring the headcount up to date, or correct the category of the people "
                "HR's export puts there",
                code="H017",
            )


# ---------------------------------------------------------------- H010 risk bands


def _whole_bands(bands: Table) -> list[dict[str, Any]]:
    """The bands whose bounds passed validation (the data checks report the others)."""
    return [
        row for row in bands if isinstance(row.get("min"), int) and isinstance(row.get("max"), int)
    ]


def risk_bands_cover(subject: Subject) -> Iterator[Problem]:
    bands = subject.table("risk_bands")
    if _state(subject) is None or bands is None or not bands:
        return
    whole = _whole_bands(bands)
    if len(whole) < len(bands):
        return  # a bound failed validation: the data checks say so
    for problem in band_problems(whole):
        yield Problem(
            _at(bands, bands.lines[0], "min"),
            f"the risk bands do not cover the scores 1-25 once each: {problem}",
            "set min and max so that the bands cover 1 to 25, each score once",
            code="H010",
        )


# ---------------------------------------------------------------- H011 referral gaps


def regions_served(subject: Subject) -> Iterator[Problem]:
    services, types = subject.table("services"), subject.table("service_types")
    if _state(subject) is None or services is None or types is None:
        return
    first_line: dict[str, int] = {}
    offered: dict[str, set[str]] = {}
    for row, line in _rows(services):
        region, kind = row.get("region"), row.get("type")
        if region and kind:
            first_line.setdefault(str(region), line)
            offered.setdefault(str(region), set()).add(str(kind))
    ordered = sorted(types, key=lambda row: row.get("number") or 0)
    for region, line in first_line.items():
        missing = [row for row in ordered if row.get("key") and row["key"] not in offered[region]]
        if missing:
            yield Problem(
                _at(services, line, "region"),
                f"the region {region} has no service of the type(s) "
                + "; ".join(_name(row) for row in missing),
                "add a provider of each type in the region, or the nearest one that takes "
                "referrals from there",
                code="H011",
            )


CHECKS = (
    standards_with_actions,
    high_risks_mitigated,
    action_dates,
    actions_in_period,
    referrals_verified,
    partners_assessed,
    assessment_ratings,
    assessments_complete,
    training_register,
    headcount_covers_the_register,
    risk_bands_cover,
    regions_served,
)
