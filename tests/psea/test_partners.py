"""Implementing partners' assessments summed up, on the UNICEF 2020 scale (absent 1,
progressing 2, adequate 3 over six standards; psea-facts.md §2.4) and on a met / not-met
scale of eight standards (UN common; thresholds to verify); and the scales file read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lexkit.dossier.tables import load_source
from lexkit.errors import Problems
from lexkit.psea.dates import add_years
from lexkit.psea.model import Scale
from lexkit.psea.partners import load_scales, summarise, unknown_scales

AS_OF = dt.date(2025, 6, 30)

UNICEF: dict[str, Any] = {
    "key": "unicef-2020",
    "name_en": "UNICEF 2020",
    "name_ro": "UNICEF 2020",
    "ratings": [
        {"value": "absent", "name_en": "Absent", "name_ro": "Absent", "points": 1},
        {"value": "progressing", "name_en": "Progressing", "name_ro": "În curs", "points": 2},
        {"value": "adequate", "name_en": "Adequate", "name_ro": "Adecvat", "points": 3},
    ],
    "levels": [
        {
            "min_points": 15,
            "capacity_en": "Full Capacity (Low Risk)",
            "capacity_ro": "Capacitate deplină (risc scăzut)",
            "risk": "low",
        },
        {
            "min_points": 0,
            "capacity_en": "Low Capacity (High Risk)",
            "capacity_ro": "Capacitate scăzută (risc ridicat)",
            "risk": "high",
        },
        {
            "min_points": 9,
            "capacity_en": "Medium Capacity (Moderate Risk)",
            "capacity_ro": "Capacitate medie (risc moderat)",
            "risk": "moderate",
        },
    ],
    "validity_years": 5,
    "status": "confirmed",
    "source": "unicef/etools",
}
UN_COMMON: dict[str, Any] = {
    "key": "un-common",
    "name_en": "UN common assessment",
    "name_ro": "Evaluarea comună ONU",
    "ratings": [
        {"value": "met", "name_en": "Met", "name_ro": "Îndeplinit", "points": 1},
        {"value": "not met", "name_en": "Not met", "name_ro": "Neîndeplinit", "points": 0},
    ],
    "levels": [
        {
            "min_points": 0,
            "capacity_en": "Low Capacity (High Risk)",
            "capacity_ro": "Capacitate scăzută (risc ridicat)",
            "risk": "high",
        },
        {
            "min_points": 5,
            "capacity_en": "Medium Capacity (Moderate Risk)",
            "capacity_ro": "Capacitate medie (risc moderat)",
            "risk": "moderate",
        },
        {
            "min_points": 8,
            "capacity_en": "Full Capacity (Low Risk)",
            "capacity_ro": "Capacitate deplină (risc scăzut)",
            "risk": "low",
        },
    ],
    "validity_years": 5,
    "status": "to verify",
    "source": "psea-facts.md §2.4 [U]",
}
SCALES = {"unicef-2020": Scale.model_validate(UNICEF), "un-common": Scale.model_validate(UN_COMMON)}


def standards() -> list[dict[str, Any]]:
    """Six UNICEF standards and eight UN common ones, given out of number order."""
    rows = [{"key": f"u{n}", "scale": "unicef-2020", "number": n, "name_en": f"U{n}"}
            for n in (3, 1, 2, 6, 5, 4)]  # fmt: skip
    rows += [{"key": f"c{n}", "scale": "un-common", "number": n, "name_en": f"C{n}"}
             for n in range(8, 0, -1)]  # fmt: skip
    return rows


def partner(key: str, scale: str, assessed_on: dt.date) -> dict[str, Any]:
    return {"key": key, "name": key.title(), "type": "national-ngo", "regions": ["north"],
            "scale": scale, "assessed_on": assessed_on, "assessor": "PSEA focal point"}  # fmt: skip


def rated(partner_key: str, ratings: dict[str, str], on: dt.date) -> list[dict[str, Any]]:
    return [{"partner": partner_key, "standard": standard, "rating": rating,
             "evidence": f"evidence {standard}", "assessed_on": on}
            for standard, rating in ratings.items()]  # fmt: skip


def summaries(partners: list[dict[str, Any]], assessments: list[dict[str, Any]],
              actions: list[dict[str, Any]] | None = None) -> list[Any]:  # fmt: skip
    return summarise(partners, assessments, actions or [], standards(), SCALES, AS_OF)


def test_unicef_total_and_level_over_six_standards() -> None:
    on = dt.date(2022, 3, 1)
    answers = {"u1": "adequate", "u2": "Adequate", "u3": "progressing", "u4": "adequate",
               "u5": "absent", "u6": "progressing"}  # fmt: skip
    (summary,) = summaries([partner("hope", "unicef-2020", on)], rated("hope", answers, on))
    assert summary.points == 3 + 3 + 2 + 3 + 1 + 2  # 14
    assert summary.complete
    assert summary.level is not None
    assert summary.level.capacity_en == "Medium Capacity (Moderate Risk)"
    assert [r.standard["number"] for r in summary.ratings] == [1, 2, 3, 4, 5, 6]
    assert [r.rating.points if r.rating else None for r in summary.ratings] == [3, 3, 2, 3, 1, 2]
    assert summary.ratings[0].evidence == "evidence u1"
    assert summary.ratings[0].assessed_on == on
    assert summary.unknown_ratings == []


def test_unicef_thresholds_8_high_9_moderate_15_low() -> None:
    on = dt.date(2024, 1, 10)

    def level_of(points_each: list[str]) -> str:
        answers = dict(zip([f"u{n}" for n in range(1, 7)], points_each, strict=True))
        (summary,) = summaries([partner("p", "unicef-2020", on)], rated("p", answers, on))
        return f"{summary.points} {summary.level.risk}"

    two_twos = ["progressing"] * 2 + ["absent"] * 4  # 8
    assert level_of(two_twos) == "8 high"
    assert level_of(["progressing"] * 3 + ["absent"] * 3) == "9 moderate"
    assert level_of(["adequate"] * 3 + ["progressing"] * 3) == "15 low"
    assert level_of(["adequate"] * 6) == "18 low"
    assert level_of(["absent"] * 6) == "6 high"


def test_an_incomplete_assessment_has_points_but_no_level() -> None:
    on = dt.date(2024, 1, 10)
    answers = {"u1": "adequate", "u2": "adequate", "u3": "adequate", "u4": "adequate",
               "u5": "adequate"}  # u6 not answered  # fmt: skip
    (summary,) = summaries([partner("p", "unicef-2020", on)], rated("p", answers, on))
    assert summary.points == 15
    assert not summary.complete
    assert summary.level is None
    missing = summary.ratings[5]
    assert missing.standard["key"] == "u6"
    assert (missing.rating, missing.evidence, missing.assessed_on) == (None, None, None)


def test_met_not_met_over_eight_standards() -> None:
    on = dt.date(2023, 5, 2)
    all_met = {f"c{n}": "met" for n in range(1, 9)}
    six_met = {**all_met, "c2": "not met", "c7": "Not Met"}
    partners = [partner("full", "un-common", on), partner("six", "un-common", on)]
    full, six = summaries(partners, rated("full", all_met, on) + rated("six", six_met, on))
    assert (full.points, full.level.capacity_en) == (8, "Full Capacity (Low Risk)")
    assert (six.points, six.level.capacity_en) == (6, "Medium Capacity (Moderate Risk)")
    assert len(full.ratings) == 8
    assert [r.standard["key"] for r in six.ratings] == [f"c{n}" for n in range(1, 9)]


def test_a_rating_not_on_the_scale_is_reported_and_leaves_it_incomplete() -> None:
    on = dt.date(2024, 1, 10)
    answers = {f"u{n}": "adequate" for n in range(1, 7)} | {"u4": "met"}
    rows = rated("p", answers, on)
    (summary,) = summaries([partner("p", "unicef-2020", on)], rows)
    assert summary.unknown_ratings == [(rows[3], "met")]
    assert not summary.complete
    assert summary.level is None
    assert summary.points == 15


def test_assessment_rows_for_another_scales_standard_are_kept_aside() -> None:
    on = dt.date(2024, 1, 10)
    answers = {f"u{n}": "adequate" for n in range(1, 7)} | {"c1": "met"}
    rows = rated("p", answers, on)
    (summary,) = summaries([partner("p", "unicef-2020", on)], rows)
    assert summary.other_standards == [rows[-1]]
    assert summary.complete


def test_a_reassessment_replaces_the_earlier_rating() -> None:
    rows = rated("p", {f"u{n}": "absent" for n in range(1, 7)}, dt.date(2023, 1, 1))
    rows += rated("p", {"u1": "adequate"}, dt.date(2024, 1, 1))
    (summary,) = summaries([partner("p", "unicef-2020", dt.date(2023, 1, 1))], rows)
    assert summary.points == 3 + 5
    assert summary.ratings[0].assessed_on == dt.date(2024, 1, 1)


def test_expiry_five_years_on_and_expiring_in_the_last_year() -> None:
    partners = [
        partner("fresh", "unicef-2020", dt.date(2023, 1, 1)),  # expires 2028
        partner("expiring", "unicef-2020", dt.date(2020, 7, 1)),  # expires 2025-07-01
        partner("edge", "unicef-2020", dt.date(2021, 6, 30)),  # expires 2026-06-30: a year
        partner("expired", "unicef-2020", dt.date(2020, 6, 30)),  # expires on AS_OF
    ]
    by_key = {s.partner["key"]: s for s in summaries(partners, [])}
    assert by_key["fresh"].expires == dt.date(2028, 1, 1)
    facts = {key: (s.expired, s.expiring) for key, s in by_key.items()}
    assert facts == {
        "fresh": (False, False),
        "expiring": (False, True),
        "edge": (False, True),
        "expired": (True, False),
    }


def test_add_years_clamps_29_february() -> None:
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(2025, 3, 31), -1) == dt.date(2024, 3, 31)


def test_actions_are_the_partners_own_open_first_then_by_due() -> None:
    def action(key: str, text: str, due: dt.date, status: str) -> dict[str, Any]:
        return {"partner": key, "action_en": text, "action_ro": text, "owner": "focal point",
                "due": due, "status": status}  # fmt: skip

    actions = [
        action("p", "done early", dt.date(2024, 1, 1), "done"),
        action("p", "open late", dt.date(2025, 9, 1), "open"),
        action("q", "someone else's", dt.date(2024, 1, 1), "open"),
        action("p", "open soon", dt.date(2025, 7, 1), "open"),
    ]
    on = dt.date(2024, 1, 10)
    (summary,) = summaries([partner("p", "unicef-2020", on)], [], actions)
    assert [a["action_en"] for a in summary.actions] == ["open soon", "open late", "done early"]


def test_partners_keep_the_table_order_and_unknown_scales_are_listed() -> None:
    on = dt.date(2024, 1, 10)
    partners = [partner("b", "un-common", on), partner("x", "unicef-2019", on),
                partner("a", "unicef-2020", on)]  # fmt: skip
    assert [s.partner["key"] for s in summaries(partners, [])] == ["b", "a"]
    assert unknown_scales(partners, SCALES) == [partners[1]]


# ---------------------------------------------------------------- the scales file


def load(tmp_path: Path, text: str) -> tuple[dict[str, Scale], list[str]]:
    path = tmp_path / "assessment_scales.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    table = load_source(path, problems)
    scales = load_scales(table, "data/assessment_scales.yaml", problems)
    return scales, [problem.format() for problem in problems.items]


SCALE_YAML = """\
- key: {key}
  name_en: UNICEF 2020
  name_ro: UNICEF 2020
  ratings:
    - {{value: absent, name_en: Absent, name_ro: Absent, points: 1}}
    - {{value: adequate, name_en: Adequate, name_ro: Adecvat, points: {points}}}
  levels:
    - {{min_points: 0, capacity_en: Low, capacity_ro: Scăzută, risk: high}}
  validity_years: 5
  status: confirmed
  source: unicef/etools
"""


def test_scales_are_read_by_key(tmp_path: Path) -> None:
    text = SCALE_YAML.format(key="unicef-2020", points=3) + SCALE_YAML.format(key="un", points=1)
    scales, problems = load(tmp_path, text)
    assert problems == []
    assert list(scales) == ["unicef-2020", "un"]
    adequate = scales["unicef-2020"].rating("Adequate")
    assert adequate is not None
    assert adequate.points == 3


def test_scale_faults_name_the_file_line_and_field(tmp_path: Path) -> None:
    text = (
        SCALE_YAML.format(key="unicef-2020", points=3)
        + SCALE_YAML.format(key="Bad Key", points=-1).replace("  validity_years: 5\n", "")
        + SCALE_YAML.format(key="unicef-2020", points=3)
    )
    scales, problems = load(tmp_path, text)
    assert list(scales) == ["unicef-2020"]
    assert problems[0].startswith(
        "data/assessment_scales.yaml:12 (key): error: scale 2: String should match pattern"
    )
    assert "fix: write the key in lower case" in problems[0]
    assert problems[1].startswith(
        "data/assessment_scales.yaml:12 (ratings.1.points): error: scale 2: "
        "Input should be greater than or equal to 0 (got -1) [D002]"
    )
    assert problems[2].startswith(
        "data/assessment_scales.yaml:12 (validity_years): error: scale 2: is required [D002]"
    )
    assert "fix: each scale needs key, name_en" in problems[2]
    assert problems[3].startswith(
        "data/assessment_scales.yaml:22 (key): error: a second scale has the key "
        "'unicef-2020' [D003]"
    )
    assert len(problems) == 4


def test_a_misspelt_field_and_a_repeated_rating_are_reported(tmp_path: Path) -> None:
    text = SCALE_YAML.format(key="a", points=3).replace("validity_years", "validity_year")
    text += SCALE_YAML.format(key="b", points=3).replace("value: adequate", "value: Absent")
    scales, problems = load(tmp_path, text)
    assert scales == {}
    assert any(
        p.startswith("data/assessment_scales.yaml:1 (validity_year): error: scale 1: "
                     "is not a field of a scale (value 5)")
        for p in problems
    )  # fmt: skip
    assert any(
        p.startswith("data/assessment_scales.yaml:12 (ratings.1.value): error: scale 'b': "
                     "the rating 'Absent' is given twice")
        for p in problems
    )  # fmt: skip


def test_scales_that_are_not_a_list_are_one_problem() -> None:
    problems = Problems()
    assert load_scales({"key": "x"}, "data/assessment_scales.yaml", problems) == {}
    (problem,) = problems.items
    assert problem.format().startswith(
        "data/assessment_scales.yaml:1: error: the assessment scales must be a list of "
        "scales, not a mapping [D002]"
    )
