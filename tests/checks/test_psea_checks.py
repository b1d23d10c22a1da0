"""PSEA checks (H001–H014): each rule broken once in a small, otherwise clean pack, found at
the file and row of the offending data; quiet on the clean pack and on a legislative
dossier."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lexkit.checks import psea
from lexkit.checks.subject import Subject
from lexkit.codes import CATALOGUE, Severity
from lexkit.dossier.config import Dossier, DossierConfig
from lexkit.dossier.schema import Table
from lexkit.errors import Problem
from lexkit.psea.model import (
    Level,
    PseaSettings,
    PseaState,
    Rating,
    Scale,
    TrainingFlag,
    TrainingRecord,
    TrainingRegister,
)

D = dt.date


def _table(name: str, *rows: dict[str, Any]) -> Table:
    """Rows as the schema converted them, from line 2 of data/<name>.csv (line 1: header)."""
    return Table([dict(row) for row in rows], list(range(2, 2 + len(rows))), f"data/{name}.csv")


def _clean_data() -> dict[str, Table]:
    return {
        "mos_standards": _table(
            "mos_standards",
            {"key": "mos-1", "name_en": "Policy"},
            {"key": "mos-2", "name_en": "Cooperative arrangements"},
        ),
        "actions": _table(
            "actions",
            {"key": "a1", "standard": "mos-1", "start": D(2025, 2, 1), "end": D(2025, 6, 30),
             "status": "ongoing"},
            {"key": "a2", "standard": "mos-2", "start": D(2025, 3, 1), "end": D(2025, 12, 31),
             "status": "planned"},
        ),
        "risk_bands": _table(
            "risk_bands",
            {"key": "low", "min": 1, "max": 4},
            {"key": "medium", "min": 5, "max": 14},
            {"key": "high", "min": 15, "max": 25},
        ),
        "risks": _table(
            "risks",
            {"key": "r1", "location": "balti", "programme": "cash", "likelihood": 4,
             "impact": 4, "mitigation_en": "Two staff at every distribution", "action": "a1"},
            {"key": "r2", "location": "cahul", "programme": "shelter", "likelihood": 1,
             "impact": 2, "mitigation_en": None, "action": None},
        ),
        "service_types": _table(
            "service_types",
            {"key": "medical", "number": 1, "name_en": "Medical care"},
            {"key": "psychosocial", "number": 2, "name_en": "Psychosocial support"},
        ),
        "services": _table(
            "services",
            {"key": "sv1", "type": "medical", "organisation": "Clinic", "region": "north",
             "last_verified": D(2025, 3, 1)},
            {"key": "sv2", "type": "psychosocial", "organisation": "La Strada",
             "region": "north", "last_verified": D(2024, 7, 1)},
        ),
        "partners": _table(
            "partners",
            {"key": "p1", "name": "Hope NGO", "scale": "unicef", "assessed_on": D(2024, 5, 1)},
        ),
        "core_standards": _table(
            "core_standards",
            {"key": "cs1", "scale": "unicef"},
            {"key": "cs2", "scale": "unicef"},
        ),
        "partner_assessments": _table(
            "partner_assessments",
            {"partner": "p1", "standard": "cs1", "rating": "adequate"},
            {"partner": "p1", "standard": "cs2", "rating": "weak"},
        ),
        "categories": _table("categories", {"key": "staff", "names": ["Staff"]}),
        "courses": _table("courses", {"key": "iom-psea", "names": ["PSEA"]}),
    }  # fmt: skip


UNICEF = Scale(
    key="unicef",
    name_en="UNICEF 2020",
    name_ro="UNICEF 2020",
    ratings=[
        Rating(value="adequate", name_en="Adequate", name_ro="Adecvat", points=3),
        Rating(value="weak", name_en="Weak", name_ro="Slab", points=1),
    ],
    levels=[Level(min_points=0, capacity_en="Low", capacity_ro="Scăzută", risk="high")],
    validity_years=2,
    status="confirmed",
    source="test",
)


def _config(kind: str = "psea") -> DossierConfig:
    return DossierConfig.model_validate(
        {"title": "t", "kind": kind, "deliverables": [{"id": "x", "template": "x.md.j2"}]}
    )


def _subject(
    tmp_path: Path,
    data: dict[str, Table] | None = None,
    training: TrainingRegister | None = None,
) -> Subject:
    tables = _clean_data() if data is None else data
    settings = PseaSettings.model_validate(
        {
            "organisation": {"en": "IOM Moldova", "ro": "OIM Moldova"},
            "period": {"start": "2025-01-01", "end": "2025-12-31"},
            "report_date": "2025-06-30",
        }
    )
    state = PseaState(
        settings=settings,
        scales={"unicef": UNICEF},
        training=training or TrainingRegister(),
        progress=[],
        data=dict(tables),
    )
    return Subject(dossier=Dossier(tmp_path, _config()), data=dict(tables), prepared=state)


def _findings(subject: Subject) -> list[Problem]:
    return [problem for check in psea.CHECKS for problem in check(subject)]


def _only(subject: Subject, code: str) -> list[Problem]:
    """The findings with ``code``, after asserting the checks found nothing else."""
    found = _findings(subject)
    others = [p.format() for p in found if p.code != code]
    assert not others, "\n".join(others)
    return [p for p in found if p.code == code]


def _at(problem: Problem) -> tuple[str, int | None, str | None]:
    return problem.location.file, problem.location.line, problem.location.column


@pytest.fixture
def data() -> dict[str, Table]:
    return _clean_data()


# ---------------------------------------------------------------- clean, and other kinds


def test_a_clean_pack_gives_no_finding(tmp_path: Path):
    assert _findings(_subject(tmp_path)) == []


def test_a_legislative_dossier_gives_no_h_finding(tmp_path: Path, data: dict[str, Table]):
    data["actions"][0]["end"] = D(2024, 1, 1)  # would be H003 in a PSEA dossier
    subject = Subject(dossier=Dossier(tmp_path, _config("legislation")), data=dict(data))
    assert _findings(subject) == []


def test_absent_tables_are_left_alone(tmp_path: Path):
    assert _findings(_subject(tmp_path, data={})) == []


def test_every_h_code_is_in_the_psea_family():
    codes = [c for c in CATALOGUE.values() if c.code.startswith("H")]
    assert len(codes) == 17
    assert {c.family for c in codes} == {"psea"}
    assert CATALOGUE["H003"].severity is Severity.ERROR
    assert CATALOGUE["H001"].severity is Severity.WARNING


# ---------------------------------------------------------------- H001 standards


def test_a_standard_no_action_serves_is_h001(tmp_path: Path, data: dict[str, Table]):
    data["actions"][1]["standard"] = "mos-1"
    [problem] = _only(_subject(tmp_path, data), "H001")
    assert _at(problem) == ("data/mos_standards.csv", 3, "key")
    assert "mos-2 (Cooperative arrangements) has no action" in problem.message
    assert "standard: mos-2" in problem.fix


def test_a_standard_served_only_by_a_cancelled_action_is_h001(
    tmp_path: Path, data: dict[str, Table]
):
    data["actions"][1]["status"] = "cancelled"
    [problem] = _only(_subject(tmp_path, data), "H001")
    assert _at(problem) == ("data/mos_standards.csv", 3, "key")
    assert "(only cancelled ones)" in problem.message


# ---------------------------------------------------------------- H002 high risks


def test_a_high_risk_without_mitigation_is_h002(tmp_path: Path, data: dict[str, Table]):
    data["risks"][0]["mitigation_en"] = ""
    [problem] = _only(_subject(tmp_path, data), "H002")
    assert _at(problem) == ("data/risks.csv", 2, "mitigation_en")
    assert "the risk r1 (balti, cash) scores 4 x 4 = 16, high" in problem.message
    assert "no mitigation" in problem.message


def test_a_high_risk_without_an_action_is_h002(tmp_path: Path, data: dict[str, Table]):
    data["risks"][0]["action"] = None
    [problem] = _only(_subject(tmp_path, data), "H002")
    assert _at(problem) == ("data/risks.csv", 2, "action")
    assert "no work-plan action carries its mitigation" in problem.message


def test_a_high_risk_whose_action_is_cancelled_is_h002(tmp_path: Path, data: dict[str, Table]):
    data["actions"].append({"key": "a3", "standard": "mos-1", "start": D(2025, 2, 1),
                            "end": D(2025, 3, 1), "status": "cancelled"})  # fmt: skip
    data["actions"].lines.append(4)
    data["risks"][0]["action"] = "a3"
    [problem] = _only(_subject(tmp_path, data), "H002")
    assert "the action carrying its mitigation, a3, is cancelled" in problem.message
    assert "reopen a3" in problem.fix


def test_a_medium_risk_needs_no_action(tmp_path: Path, data: dict[str, Table]):
    data["risks"][0].update(likelihood=3, impact=4, mitigation_en=None, action=None)  # 12
    assert _findings(_subject(tmp_path, data)) == []


# ---------------------------------------------------------------- H003, H004 action dates


def test_an_action_ending_before_it_starts_is_h003(tmp_path: Path, data: dict[str, Table]):
    data["actions"][1]["end"] = D(2025, 2, 1)
    [problem] = _only(_subject(tmp_path, data), "H003")
    assert problem.is_error
    assert _at(problem) == ("data/actions.csv", 3, "end")
    assert "a2 ends (2025-02-01) before it starts (2025-03-01)" in problem.message


def test_an_action_outside_the_period_is_h004(tmp_path: Path, data: dict[str, Table]):
    data["actions"][0]["start"] = D(2024, 11, 1)
    data["actions"][1]["end"] = D(2026, 1, 31)
    first, second = _only(_subject(tmp_path, data), "H004")
    assert _at(first) == ("data/actions.csv", 2, "start")
    assert "a1 starts 2024-11-01, before the plan's period begins" in first.message
    assert "(period 2025-01-01 to 2025-12-31)" in first.message
    assert _at(second) == ("data/actions.csv", 3, "end")
    assert "a2 ends 2026-01-31, after the plan's period ends" in second.message


def test_an_action_with_a_date_that_failed_validation_is_skipped(
    tmp_path: Path, data: dict[str, Table]
):
    data["actions"][0]["start"] = None
    assert _findings(_subject(tmp_path, data)) == []


# ---------------------------------------------------------------- H005 referrals


def test_a_referral_entry_verified_over_a_year_ago_is_h005(tmp_path: Path, data: dict[str, Table]):
    data["services"][1]["last_verified"] = D(2024, 1, 15)
    [problem] = _only(_subject(tmp_path, data), "H005")
    assert _at(problem) == ("data/services.csv", 3, "last_verified")
    assert "sv2 (La Strada, north) was last verified on 2024-01-15" in problem.message
    assert "17 months before the report date (2025-06-30); the limit is 12" in problem.message


def test_a_referral_entry_exactly_twelve_months_old_is_fine(tmp_path: Path, data: dict[str, Table]):
    data["services"][1]["last_verified"] = D(2024, 6, 30)
    assert _findings(_subject(tmp_path, data)) == []


def test_a_referral_entry_verified_after_the_report_date_is_h005(
    tmp_path: Path, data: dict[str, Table]
):
    data["services"][0]["last_verified"] = D(2025, 7, 2)
    [problem] = _only(_subject(tmp_path, data), "H005")
    assert _at(problem) == ("data/services.csv", 2, "last_verified")
    assert "after the report date (2025-06-30)" in problem.message


# ---------------------------------------------------------------- H006, H012-H014 partners


def test_an_expired_assessment_is_h006(tmp_path: Path, data: dict[str, Table]):
    data["partners"][0]["assessed_on"] = D(2023, 6, 30)
    [problem] = _only(_subject(tmp_path, data), "H006")
    assert _at(problem) == ("data/partners.csv", 2, "assessed_on")
    assert "p1 (Hope NGO), made on 2023-06-30, expired on 2025-06-30" in problem.message


def test_a_partner_on_an_unknown_scale_is_h012(tmp_path: Path, data: dict[str, Table]):
    data["partners"][0]["scale"] = "un-common"
    [problem] = _only(_subject(tmp_path, data), "H012")
    assert problem.is_error
    assert _at(problem) == ("data/partners.csv", 2, "scale")
    assert "p1 is assessed on the scale 'un-common'" in problem.message
    assert "unicef" in problem.fix


def test_a_rating_not_on_the_scale_is_h013(tmp_path: Path, data: dict[str, Table]):
    data["partner_assessments"][1]["rating"] = "met"
    [problem] = _only(_subject(tmp_path, data), "H013")
    assert problem.is_error
    assert _at(problem) == ("data/partner_assessments.csv", 3, "rating")
    assert "'met' of the partner p1 on cs2 is not a rating of the scale unicef" in problem.message
    assert problem.fix == "write one of: adequate, weak"


def test_a_standard_of_another_scale_is_h013(tmp_path: Path, data: dict[str, Table]):
    data["core_standards"].append({"key": "un1", "scale": "un-common"})
    data["core_standards"].lines.append(4)
    data["partner_assessments"].append({"partner": "p1", "standard": "un1", "rating": "weak"})
    data["partner_assessments"].lines.append(4)
    [problem] = _only(_subject(tmp_path, data), "H013")
    assert _at(problem) == ("data/partner_assessments.csv", 4, "standard")
    assert "un1 belongs to the scale un-common" in problem.message


def test_a_partner_missing_a_core_standard_is_h014(tmp_path: Path, data: dict[str, Table]):
    del data["partner_assessments"][1]
    del data["partner_assessments"].lines[1]
    [problem] = _only(_subject(tmp_path, data), "H014")
    assert _at(problem) == ("data/partners.csv", 2, "key")
    assert "p1 has no rating for 1 core standard(s) of the scale unicef: cs2" in problem.message


# ---------------------------------------------------------------- H007-H009 training


def _flag(kind: str, value: str, row: int = 7, column: str = "Category") -> TrainingFlag:
    return TrainingFlag("data/training/hr.xlsx", "Staff", row, column, kind, value)


def test_an_unknown_category_is_h007(tmp_path: Path):
    register = TrainingRegister(flags=[_flag("unknown-category", "Consultants")])
    [problem] = _only(_subject(tmp_path, training=register), "H007")
    assert _at(problem) == ("data/training/hr.xlsx", 7, "Category")
    assert "sheet 'Staff', row 7: 'Consultants' is not a known personnel category" in (
        problem.message
    )
    assert "add 'Consultants' to `names`" in problem.fix
    assert "data/categories.csv" in problem.fix
    assert "correct the export" in problem.fix


def test_an_unknown_course_is_h008(tmp_path: Path):
    register = TrainingRegister(flags=[_flag("unknown-course", "SEA basics", 9, "Course")])
    [problem] = _only(_subject(tmp_path, training=register), "H008")
    assert _at(problem) == ("data/training/hr.xlsx", 9, "Course")
    assert "'SEA basics' is not a known course" in problem.message
    assert "data/courses.csv" in problem.fix


def test_other_training_flags_rejected_rows_and_unreadable_files_are_h009(tmp_path: Path):
    register = TrainingRegister(
        flags=[_flag("date", "31/02/2025", 4, "Completed")],
        rejected=[_flag("no-person", "", 5, "")],
        unreadable=[("data/training/old.xls", "the file is encrypted")],
    )
    date, person, file = _only(_subject(tmp_path, training=register), "H009")
    assert _at(date) == ("data/training/hr.xlsx", 4, "Completed")
    assert "row 4: date '31/02/2025'" in date.message
    assert _at(person) == ("data/training/hr.xlsx", 5, None)
    assert "the row was not read" in person.message
    assert _at(file) == ("data/training/old.xls", None, None)
    assert "the file is encrypted" in file.message


# ---------------------------------------------------------------- H017 headcount


def _trained(person: str, category: str) -> TrainingRecord:
    return TrainingRecord(
        person, person, category, "psea-full", D(2026, 1, 10), "IOM", "hr.xlsx", "", 2, {}
    )


def test_more_people_trained_than_the_headcount_is_h017(tmp_path: Path, data: dict[str, Table]):
    data["headcount"] = _table("headcount", {"category": "staff", "count": 2})
    people = [_trained(p, "staff") for p in ("S1", "S2", "S3")] + [_trained("S1", "staff")]
    register = TrainingRegister(records=people)
    [problem] = _only(_subject(tmp_path, data, register), "H017")
    assert _at(problem) == ("data/headcount.csv", 2, "count")
    assert "names 3 people of the category staff, more than its headcount (2)" in (problem.message)
    data["headcount"][0]["count"] = 3  # the same person twice counts once
    assert _only(_subject(tmp_path, data, register), "H017") == []


# ---------------------------------------------------------------- H010 risk bands


def test_risk_bands_with_a_gap_are_h010(tmp_path: Path, data: dict[str, Table]):
    data["risk_bands"][1]["max"] = 9
    [problem] = _only(_subject(tmp_path, data), "H010")
    assert _at(problem) == ("data/risk_bands.csv", 2, "min")
    assert "scores 10-14 are in no band" in problem.message


def test_a_gap_no_risk_can_score_is_no_h010(tmp_path: Path, data: dict[str, Table]):
    data["risk_bands"][1]["max"] = 12  # 13 and 14 are no product of two levels 1-5
    assert _only(_subject(tmp_path, data), "H010") == []


def test_overlapping_risk_bands_are_h010(tmp_path: Path, data: dict[str, Table]):
    data["risk_bands"][2]["min"] = 12
    [problem] = _only(_subject(tmp_path, data), "H010")
    assert "scores 12-14 are in more than one band ('medium' and 'high')" in problem.message


def test_a_band_ending_below_its_start_is_h010(tmp_path: Path, data: dict[str, Table]):
    data["risk_bands"][0].update(min=4, max=1)
    problems = _only(_subject(tmp_path, data), "H010")
    assert _at(problems[0]) == ("data/risk_bands.csv", 2, "min")
    assert "band 'low' ends (1) before it starts (4)" in problems[0].message
    assert "scores 1-4 are in no band" in problems[1].message


# ---------------------------------------------------------------- H011 referral gaps


def test_a_region_without_some_service_type_is_h011(tmp_path: Path, data: dict[str, Table]):
    data["services"].append({"key": "sv3", "type": "medical", "organisation": "Hospital",
                             "region": "south", "last_verified": D(2025, 1, 10)})  # fmt: skip
    data["services"].lines.append(4)
    [problem] = _only(_subject(tmp_path, data), "H011")
    assert _at(problem) == ("data/services.csv", 4, "region")
    assert "south has no service of the type(s) psychosocial (Psychosocial support)" in (
        problem.message
    )
