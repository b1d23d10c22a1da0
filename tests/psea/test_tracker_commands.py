"""`lexkit tracker export` and `lexkit tracker import` on the PSEA dossier: a unit's tracker
goes out, comes back filled in, and the work plan's progress section shows it; a wrong
tracker changes nothing and says every wrong row."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from docx_helpers import REPO
from lexkit.cli import main
from lexkit.psea.tracker import ACTIONS_SHEET, HEADERS


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "drafts" / "psea-moldova", tmp_path / "drafts" / "psea-moldova")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _fill(path: Path, answers: dict[str, tuple[str, str, str, object]]) -> None:
    """Fill in the tracker as a unit would: status, comment, who, when, by action key."""
    book = openpyxl.load_workbook(path)
    sheet = book[ACTIONS_SHEET]
    header_row = next(
        row for row in sheet.iter_rows() if any(c.value == HEADERS["status"] for c in row)
    )
    column = {cell.value: cell.column for cell in header_row}
    for row in sheet.iter_rows(min_row=header_row[0].row + 1):
        key = row[column[HEADERS["key"]] - 1].value
        if key in answers:
            status, comment, who, when = answers[key]
            line = row[0].row
            sheet.cell(line, column[HEADERS["status"]], status)
            sheet.cell(line, column[HEADERS["comment"]], comment)
            sheet.cell(line, column[HEADERS["reported_by"]], who)
            sheet.cell(line, column[HEADERS["reported_on"]], when)
    book.save(path)


def _hr_actions(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path)[ACTIONS_SHEET]
    header = next(row for row in sheet.iter_rows() if any(c.value == HEADERS["key"] for c in row))
    index = next(c.column for c in header if c.value == HEADERS["key"]) - 1
    return [
        row[index].value for row in sheet.iter_rows(min_row=header[0].row + 1) if row[index].value
    ]


def test_a_units_tracker_goes_out_and_its_reports_reach_the_work_plan(project: Path):
    code, output = _run("tracker", "export", "-d", "psea-moldova", "--unit", "hr")
    assert code == 0, output
    tracker = project / "output" / "psea-moldova" / "tracker" / "work-plan-tracker-hr-en.xlsx"
    assert output.strip() == "wrote output/psea-moldova/tracker/work-plan-tracker-hr-en.xlsx"
    keys = _hr_actions(tracker)
    with (project / "drafts" / "psea-moldova" / "data" / "actions.csv").open(encoding="utf-8") as f:
        expected = [row["key"] for row in csv.DictReader(f) if row["responsible"] == "hr"]
    assert expected
    assert sorted(keys) == sorted(expected)
    first = keys[0]
    _fill(
        tracker,
        {
            first: (
                "realizată",
                "All 34 staff briefed; attendance in HR files",
                "HR",
                dt.date(2026, 11, 20),
            )
        },
    )
    code, output = _run("tracker", "import", "-d", "psea-moldova", str(tracker))
    assert code == 0, output
    assert "reports: 1 added" in output
    progress = project / "drafts" / "psea-moldova" / "data" / "work-plan-progress.csv"
    assert "All 34 staff briefed; attendance in HR files" in progress.read_text("utf-8-sig")
    code, output = _run("build", "psea-moldova", "--lang", "en")
    assert code == 0, output
    plan = docx.Document(str(project / "output" / "psea-moldova" / "en" / "work-plan.docx"))
    cells = [c.text for t in plan.tables for row in t.rows for c in row.cells]
    texts = [p.text for p in plan.paragraphs]
    assert any("All 34 staff briefed" in text for text in cells + texts)


def test_a_wrong_tracker_records_nothing_and_names_every_wrong_row(project: Path):
    code, _ = _run("tracker", "export", "-d", "psea-moldova", "--unit", "hr", "-o", "hr.xlsx")
    assert code == 0
    keys = _hr_actions(project / "hr.xlsx")
    assert len(keys) >= 2
    _fill(
        project / "hr.xlsx",
        {
            keys[0]: ("almost done", "", "HR", dt.date(2026, 11, 20)),
            keys[1]: ("done", "briefed", "HR", "31.02.2026"),
        },
    )
    progress = project / "drafts" / "psea-moldova" / "data" / "work-plan-progress.csv"
    before = progress.read_bytes()
    code, output = _run("tracker", "import", "-d", "psea-moldova", "hr.xlsx")
    assert code == 1
    assert output.count("[H016]") == 2, output
    assert "'almost done'" in output or "almost done" in output
    assert "31.02.2026" in output
    assert progress.read_bytes() == before


def test_a_tracker_is_only_for_a_psea_dossier(project: Path):
    from check_helpers import Dossier

    Dossier(project)  # drafts/demo, a legislative dossier
    code, output = _run("tracker", "export", "-d", "demo")
    assert code == 1
    assert "demo is not a PSEA dossier" in output
