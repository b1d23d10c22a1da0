"""The ``psea`` kind of dossier, registered with the engine: the schemas of its tables, its
settings, what it reads once for a build (:func:`prepare`), what every template sees as
``psea`` (:func:`context`), the pictures its documents show (:func:`pictures`), and its own
kinds of deliverable: the work plan's tracker and the internal list of refreshers due.

Its family of checks is :mod:`lexkit.checks.psea`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from lexkit.dossier.config import DOSSIER_FILE
from lexkit.dossier.kinds import Deliverable as DeliverableEntry
from lexkit.dossier.kinds import DossierKind, Kind, Work, register_dossier_kind
from lexkit.errors import LexkitError, Location, Problems, display_path
from lexkit.language import Lang
from lexkit.psea import charts, partners, risks, training, workplan
from lexkit.psea.dates import verified_in_time
from lexkit.psea.model import PseaSettings, PseaState, Scale
from lexkit.psea.tracker import STATUS_LABELS, read_progress, tracker_xlsx

SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Every table the documents read, each with its schema in SCHEMAS.
TABLES = (
    "pillars", "mos_standards", "principles", "priority_areas", "units", "actions",
    "regions", "locations", "programmes", "risk_levels", "risk_bands", "risks",
    "core_standards", "partners", "partner_assessments", "partner_actions", "categories",
    "headcount", "courses", "service_types", "services", "hotlines", "scales",
)  # fmt: skip

HEAT_MAP = "chart:heat-map"
TRAINING_CHART = "chart:training-coverage"


# ---------------------------------------------------------------- read once per build


def prepare(
    folder: Path, settings: BaseModel | None, data: dict[str, Any], problems: Problems
) -> PseaState | None:
    """The scales, the training register and the work plan's progress, read once; None,
    with the problem said, when the settings name a folder or file outside the dossier."""
    assert isinstance(settings, PseaSettings)
    exports = _inside(folder, settings.training, "training", problems)
    progress_file = _inside(folder, settings.progress, "progress", problems)
    if exports is None or progress_file is None:
        return None
    scales = partners.load_scales(data.get("scales", []), _source(data, "scales"), problems)
    register = training.read_register(
        exports, data.get("categories", []), data.get("courses", []), settings.report_date
    )
    try:
        progress = read_progress(progress_file)
    except LexkitError as error:  # said with the other problems, not alone
        problems.extend(error.problems)
        progress = []
    inputs = [*training.export_files(exports), progress_file]
    return PseaState(settings, scales, register, progress, data, inputs)


def _inside(folder: Path, relative: str, setting: str, problems: Problems) -> Path | None:
    """``folder / relative`` when it lies inside the dossier (a dossier reads its own
    files, not any a setting names)."""
    path = folder / relative
    if path.resolve().is_relative_to(folder.resolve()):
        return path
    problems.add(
        Location(display_path(folder / DOSSIER_FILE)),
        f"settings.{setting}: {relative!r} lies outside the dossier",
        "keep the training exports and the progress file inside the dossier's folder",
        code="P001",
    )
    return None


def _source(data: Mapping[str, Any], name: str) -> str:
    return str(getattr(data.get(name), "source", name))


# ---------------------------------------------------------------- what templates see


def context(state: PseaState, data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """``psea`` in every template: the work plan, risks, training figures, partners and
    referral pathway, computed from ``data`` (rows that record their use, so a fact still
    to verify that a document shows is listed) in the language ``lang``."""
    settings = state.settings
    return {
        "psea": {
            "organisation": settings.organisation_in(lang),
            "period": {"start": settings.period.start, "end": settings.period.end},
            "report_date": settings.report_date,
            "example_data": settings.example_data,
            "refresher_window_days": settings.refresher_window_days,
            "referral_max_age_months": settings.referral_max_age_months,
            "work_plan": _work_plan(state, data, lang),
            "progress": _progress(state, data, lang),
            "risks": _risks(data),
            "training": _training(state, data),
            "partners": _partners(state, data, lang),
            "scales": [
                _scale(scale, _scale_rows(data).get(key, {}), lang)
                for key, scale in state.scales.items()
            ],
            "referral": _referral(state, data),
        }
    }


def _by_key(rows: Sequence[Mapping[str, Any]], key: str = "key") -> dict[str, Any]:
    return {row[key]: row for row in rows}


def _work_plan(state: PseaState, data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    actions = data["actions"]
    period = state.settings.period
    quarters = workplan.quarters(period.start, period.end)
    return {
        "pillars": [
            {
                "pillar": group.pillar,
                "standards": [
                    {"standard": s.standard, "actions": s.actions} for s in group.standards
                ],
            }
            for group in workplan.by_standard(actions, data["mos_standards"], data["pillars"])
        ],
        "areas": [
            {"area": area, "actions": rows}
            for area, rows in workplan.by_area(actions, data["priority_areas"])
        ],
        "units": [
            {"unit": unit, "actions": rows, "budget": budget}
            for unit, rows, budget in workplan.by_unit(actions, data["units"])
        ],
        "quarters": [{"label": q.label(lang), "start": q.start, "end": q.end} for q in quarters],
        "timeline": [
            {"action": action, "quarters": active}
            for action, active in workplan.timeline(
                actions, quarters, data["mos_standards"], data["pillars"]
            )
        ],
        "budget": workplan.budget_total(actions),
        "action": _by_key(actions),
        "unit": _by_key(data["units"]),
        "standard": _by_key(data["mos_standards"]),
        "area": _by_key(data["priority_areas"]),
        "status_label": _status_labels(lang),
    }


def _progress(state: PseaState, data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    found = workplan.progress(data["actions"], state.progress, state.settings.report_date)
    label = _status_labels(lang)

    def item(action: workplan.ActionProgress) -> dict[str, Any]:
        return {
            "action": action.action,
            "status": action.status,
            "label": label.get(action.status, action.status),
            "comment": action.comment,
            "reported_by": action.reported_by,
            "reported_on": action.reported_on,
        }

    return {
        "reported": found.reported,
        "counts": [
            {"status": status, "label": label[status], "count": found.counts.get(status, 0)}
            for status in STATUS_LABELS
        ],
        "late": [item(action) for action in found.late],
        "actions": [item(action) for action in found.actions if action.reported],
    }


def _status_labels(lang: Lang) -> dict[str, str]:
    """Each status as one language names it (the tracker's labels say both: "ro / en")."""
    return {
        status: label.split(" / ")[0 if lang == "ro" else 1]
        for status, label in STATUS_LABELS.items()
    }


def _risks(data: dict[str, Any]) -> dict[str, Any]:
    bands = sorted(data["risk_bands"], key=lambda band: band["min"])
    ranked = risks.rank(data["risks"], bands, data["actions"])
    tables = {name: _by_key(data[name]) for name in ("locations", "programmes", "units")}
    items = {item.row["key"]: _risk_item(item, tables) for item in ranked}

    def groups(by: str, table: str) -> list[dict[str, Any]]:
        return [
            {by: tables[table].get(key), "risks": [items[r.row["key"]] for r in group]}
            for key, group in risks.grouped(ranked, by)
        ]

    levels = data["risk_levels"]
    return {
        "bands": bands,
        "levels": {
            axis: sorted((r for r in levels if r["axis"] == axis), key=lambda r: r["value"])
            for axis in ("likelihood", "impact")
        },
        "ranked": list(items.values()),
        "high": [items[item.row["key"]] for item in ranked if item.high],
        "by_location": groups("location", "locations"),
        "by_programme": groups("programme", "programmes"),
        "band_counts": [
            {"band": band, "count": count} for band, count in risks.band_counts(ranked, bands)
        ],
    }


def _risk_item(item: risks.RankedRisk, tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    row = item.row
    return {
        "row": row,
        "score": item.score,
        "band": item.band,
        "action": item.action,
        "location": tables["locations"].get(row["location"]),
        "programme": tables["programmes"].get(row["programme"]),
        "owner": tables["units"].get(row["owner"]),
    }


def _figures(state: PseaState, data: dict[str, Any]) -> list[training.CategoryFigures]:
    settings = state.settings
    return training.figures(
        state.training,
        data["categories"],
        data["courses"],
        data["headcount"],
        settings.report_date,
        settings.refresher_window_days,
    )


def _training(state: PseaState, data: dict[str, Any]) -> dict[str, Any]:
    register = state.training
    figures = _figures(state, data)
    categories = _by_key(data["categories"])
    return {
        "as_of": state.settings.report_date,
        "window_days": state.settings.refresher_window_days,
        "files": len(register.files),
        "rows_read": register.rows_read,
        "records": len(register.records),
        "repeats": register.repeats,
        "flagged": len(register.flags),
        "rejected": len(register.rejected),
        "unreadable": len(register.unreadable),
        "figures": [_figure_row(f, categories.get(f.category)) for f in figures],
        "totals": _figure_row(training.totals(figures), None),
        "courses": list(data["courses"]),
    }


def _figure_row(figures: training.CategoryFigures, category: Any) -> dict[str, Any]:
    return {
        "category": category,
        "headcount": figures.headcount,
        "trained": figures.trained,
        "coverage": figures.coverage,
        "micro": figures.micro,
        "due": figures.due,
        "overdue": figures.overdue,
        "never": figures.never,
    }


def _partners(state: PseaState, data: dict[str, Any], lang: Lang) -> list[_Reads]:
    summaries = partners.summarise(
        data["partners"],
        data["partner_assessments"],
        data["partner_actions"],
        data["core_standards"],
        state.scales,
        state.settings.report_date,
    )
    rows = _scale_rows(data)
    return [_partner(summary, rows.get(summary.scale.key, {}), lang) for summary in summaries]


def _scale_rows(data: dict[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The rows of the scales file as templates read them (a read records its use), by key."""
    return {str(row.get("key")): row for row in data.get("scales", []) if isinstance(row, Mapping)}


class _Reads(Mapping[str, Any]):
    """What a template sees of a scale, or of a partner rated on one: each value is given
    when the template reads it, after reading the scale's row for the columns it stands on,
    so that a scale still to verify is on the to-verify list where a document uses it.

    ``values`` maps a name to (the columns of ``row`` it stands on, the value)."""

    def __init__(self, row: Mapping[str, Any], values: dict[str, tuple[tuple[str, ...], Any]]):
        self._row = row
        self._values = values

    def __getitem__(self, name: str) -> Any:
        columns, value = self._values[name]
        for column in columns:
            if column in self._row:
                self._row[column]  # the read is what records the use
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


_RISK_LABELS: dict[str, dict[Lang, str]] = {
    "low": {"en": "low", "ro": "scăzut"},
    "moderate": {"en": "moderate", "ro": "moderat"},
    "high": {"en": "high", "ro": "ridicat"},
}


def _partner(summary: partners.PartnerSummary, row: Mapping[str, Any], lang: Lang) -> _Reads:
    scale, level = summary.scale, summary.level
    ratings = ("ratings",)
    levels = ("levels", "ratings")
    return _Reads(
        row,
        {
            "partner": ((), summary.partner),
            "scale": ((), _scale(scale, row, lang)),
            "ratings": (ratings, [
                {
                    "standard": item.standard,
                    "rating": None
                    if item.rating is None
                    else {"name": _name(item.rating, lang), "points": item.rating.points},
                    "evidence": item.evidence,
                }
                for item in summary.ratings
            ]),
            "points": (ratings, summary.points),
            "max_points": (ratings, len(summary.ratings) * max(r.points for r in scale.ratings)),
            "complete": ((), summary.complete),
            "level": (levels, None if level is None else {
                "capacity": level.capacity_ro if lang == "ro" else level.capacity_en,
                "risk": level.risk,
            }),
            "risk_label": (levels, "" if level is None else _RISK_LABELS[level.risk][lang]),
            "expires": (("validity_years",), summary.expires),
            "expired": (("validity_years",), summary.expired),
            "expiring": (("validity_years",), summary.expiring),
            "actions": ((), summary.actions),
        },
    )  # fmt: skip


def _name(item: Any, lang: Lang) -> str:
    return str(item.name_ro if lang == "ro" else item.name_en)


def _scale(scale: Scale, row: Mapping[str, Any], lang: Lang) -> _Reads:
    return _Reads(
        row,
        {
            "key": ((), scale.key),
            "name": ((f"name_{lang}",), _name(scale, lang)),
            "ratings": (("ratings",), [
                {"value": r.value, "name": _name(r, lang), "points": r.points}
                for r in scale.ratings
            ]),
            "levels": (("levels",), [
                {
                    "min_points": level.min_points,
                    "capacity": level.capacity_ro if lang == "ro" else level.capacity_en,
                    "risk": level.risk,
                    "risk_label": _RISK_LABELS[level.risk][lang],
                }
                for level in sorted(scale.levels, key=lambda level: -level.min_points)
            ]),
            "validity_years": (("validity_years",), scale.validity_years),
            "status": ((), scale.status),
            "source": ((), scale.source),
        },
    )  # fmt: skip


def _referral(state: PseaState, data: dict[str, Any]) -> dict[str, Any]:
    services = data["services"]
    types = sorted(data["service_types"], key=lambda t: t["number"])
    regions = []
    for region in data["regions"]:
        here = [s for s in services if s["region"] == region["key"]]
        by_type = [
            {"type": kind, "services": [s for s in here if s["type"] == kind["key"]]}
            for kind in types
        ]
        regions.append({"region": region, "types": [t for t in by_type if t["services"]]})
    return {
        "regions": regions,
        "hotlines": list(data["hotlines"]),
        "stale": [s for s in services if _stale(s["last_verified"], state.settings)],
    }


def _stale(verified: dt.date | None, settings: PseaSettings) -> bool:
    if verified is None:
        return True
    return not verified_in_time(verified, settings.report_date, settings.referral_max_age_months)


# ---------------------------------------------------------------- pictures


def pictures(state: PseaState, lang: Lang) -> Callable[[str], bytes | None]:
    """The heat map and the training chart, drawn when a document first shows them."""
    drawn: dict[str, bytes] = {}

    def picture(name: str) -> bytes | None:
        if name not in drawn:
            made = _draw(state, name, lang)
            if made is None:
                return None
            drawn[name] = made
        return drawn[name]

    return picture


def _draw(state: PseaState, name: str, lang: Lang) -> bytes | None:
    data = state.data
    if name == HEAT_MAP:
        bands = sorted(data["risk_bands"], key=lambda band: band["min"])
        counts = risks.heat_counts(data["risks"])
        return charts.heat_map_png(counts, bands, data["risk_levels"], lang)
    if name == TRAINING_CHART:
        categories = _by_key(data["categories"])
        rows = [
            (_name_of(categories.get(f.category), lang), f.headcount, f.trained, f.due)
            for f in _figures(state, data)
        ]
        return charts.training_chart_png(rows, lang)
    return None


def _name_of(row: Mapping[str, Any] | None, lang: Lang) -> str:
    if row is None:
        return "—"
    return str(row[f"name_{lang}"])


# ---------------------------------------------------------------- its own deliverables


def make_tracker(deliverable: DeliverableEntry, work: Work) -> None:
    """The work plan's tracker, in the build's language: what the officer sends to units."""
    state: PseaState = work.prepared
    data = state.data
    work.files[deliverable.filename] = tracker_xlsx(
        data["actions"], data["units"], data["mos_standards"], work.lang, reports=state.progress
    )


def make_refreshers(deliverable: DeliverableEntry, work: Work) -> None:
    """The internal list of people whose refresher is due: names, so never published."""
    state: PseaState = work.prepared
    settings, data = state.settings, state.data
    due = training.refreshers_due(
        state.training,
        data["courses"],
        data["categories"],
        settings.report_date,
        settings.refresher_window_days,
    )
    names = {
        row["key"]: _name_of(row, work.lang) for row in (*data["categories"], *data["courses"])
    }
    work.files[deliverable.filename] = training.refreshers_xlsx(due, work.lang, names)


PSEA = DossierKind(
    "psea",
    "a PSEA officer's pack: work plan, SEA risk assessment, training update, partners, "
    "referral pathway",
    schemas=SCHEMAS,
    tables=TABLES,
    settings=PseaSettings,
    prepare=prepare,
    inputs=lambda state: list(state.inputs),
    context=context,
    pictures=pictures,
)

register_dossier_kind(
    PSEA,
    (
        # The office's own working tool, sent to its units: not part of what leaves it.
        Kind(
            "work-plan-tracker", make_tracker, suffix=".xlsx", makes_document=False,
            official=False, dossier_kind="psea",
        ),
        # Names of people: internal, never in the official edition.
        Kind(
            "refreshers-due", make_refreshers, suffix=".xlsx", makes_document=False,
            official=False, dossier_kind="psea",
        ),
    ),
)  # fmt: skip
