"""Kinds of dossier (lexkit.dossier.kinds.DOSSIER_KINDS): dossier.yaml's ``kind:`` chooses
what a dossier may ask for and what it brings (schemas, settings, deliverable kinds,
checks); every mistake is said with its line, and a legislative dossier is as before."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from check_helpers import Dossier
from docx_helpers import REPO, front
from lexkit import api
from lexkit.build import check_dossier
from lexkit.dossier.config import load_dossier
from lexkit.errors import LexkitError
from lexkit.project import BuildSettings


def _config(dossier: Dossier, replace: str, by: str) -> None:
    path = dossier.path / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    assert replace in text
    path.write_text(text.replace(replace, by), encoding="utf-8")


def _messages(path: Path) -> list[tuple[int | None, str]]:
    with pytest.raises(LexkitError) as raised:
        load_dossier(path)
    return [(p.location.line, p.message) for p in raised.value.problems]


def copy_psea(root: Path) -> Path:
    """drafts/psea-moldova copied under ``root``; returns the dossier's folder."""
    target = root / "drafts" / "psea-moldova"
    shutil.copytree(REPO / "drafts" / "psea-moldova", target)
    return target


def test_a_dossier_without_a_kind_is_a_legislative_one(tmp_path: Path):
    dossier = load_dossier(Dossier(tmp_path).path)
    assert dossier.config.kind == "legislation"
    assert dossier.settings is None


def test_an_unknown_kind_is_named_with_its_line_and_the_kinds_there_are(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _config(dossier, "languages:", "kind: safeguarding\nlanguages:")
    assert _messages(dossier.path) == [
        (2, "kind: expected one of legislation, psea; got 'safeguarding'")
    ]


def test_a_psea_deliverable_is_refused_in_a_legislative_dossier(tmp_path: Path):
    dossier = Dossier(tmp_path)
    path = dossier.path / "dossier.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - id: tracker\n    kind: work-plan-tracker\n",
        encoding="utf-8",
    )
    assert _messages(dossier.path) == [
        (
            7,
            "deliverables.1.kind: expected one of document, to-verify, comparative-table, "
            "consolidated; got 'work-plan-tracker'",
        )
    ]


def test_settings_belong_to_a_kind_that_reads_them(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _config(dossier, "languages:", "settings: {report_date: 2026-11-30}\nlanguages:")
    assert _messages(dossier.path) == [(2, "a legislation dossier reads no settings")]


def test_a_psea_dossier_loads_its_settings_as_its_kind_models_them(tmp_path: Path):
    dossier = load_dossier(copy_psea(tmp_path))
    assert dossier.config.kind == "psea"
    settings = dossier.settings
    assert settings is not None
    assert settings.model_dump()["report_date"].isoformat() == "2026-11-30"


def test_wrong_psea_settings_and_missing_tables_are_all_said_with_their_lines(tmp_path: Path):
    path = copy_psea(tmp_path)
    config = path / "dossier.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("end: 2026-12-31}", "end: 2025-12-31}")
    text = text.replace("  referral_max_age_months: 12", "  referral_max_age: 12")
    text = text.replace("  hotlines: data/hotlines.yaml\n", "")
    config.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    found = _messages(path)
    assert (lines.index("data:") + 1, "a psea dossier needs the data hotlines") in found
    period = next(i for i, line in enumerate(lines, 1) if line.startswith("  period:"))
    assert (
        period,
        "settings.period: the period ends (2025-12-31) before it starts (2026-01-01)",
    ) in found
    unknown = next(i for i, line in enumerate(lines, 1) if "referral_max_age:" in line)
    assert (
        unknown,
        "settings.referral_max_age: is not a setting lexkit knows (value 12)",
    ) in found
    assert len(found) == 3


def test_a_psea_dossier_checks_its_tables_with_the_schemas_its_kind_brings(tmp_path: Path):
    path = copy_psea(tmp_path)
    risks = path / "data" / "risks.csv"
    with risks.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["likelihood"] = "9"  # out of the scale 1-5: the kind's schema says so
    with risks.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    found = [p for p in check_dossier(path, BuildSettings(tmp_path)) if p.is_error]
    assert [(Path(p.location.file).name, p.location.line, p.location.column, p.message)
            for p in found] == [("risks.csv", 2, "likelihood", "9 is out of range")]  # fmt: skip


def test_one_dossier_commands_choose_the_dossier_of_their_kind(tmp_path: Path):
    Dossier(tmp_path)  # drafts/demo, a legislative dossier
    copy_psea(tmp_path)
    settings = BuildSettings(tmp_path)
    assert api.chosen_dossier(None, settings, "legislation").name == "demo"
    assert api.chosen_dossier(None, settings, "psea").name == "psea-moldova"
    with pytest.raises(api.DossierNeeded):
        api.chosen_dossier(None, settings)


def test_a_heading_marked_new_page_starts_a_page(build_md):
    built = build_md(
        front(
            "# North {.new-page}\n\nServices.\n\n# South\n\nServices.\n",
            type="report",
            lang="en",
        )
    )
    breaks = built.xpath("//w:p[w:pPr/w:pageBreakBefore]//w:t/text()")
    assert breaks == ["North"]


def test_a_training_folder_outside_the_dossier_is_refused(tmp_path: Path):
    path = copy_psea(tmp_path)
    config = path / "dossier.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("training: data/training", "training: ../../elsewhere"))
    found = [p for p in check_dossier(path, BuildSettings(tmp_path)) if p.is_error]
    assert [(p.code, p.message) for p in found] == [
        ("P001", "settings.training: '../../elsewhere' lies outside the dossier")
    ]


def test_a_broken_progress_file_is_said_with_the_other_problems(tmp_path: Path):
    path = copy_psea(tmp_path)
    (path / "data" / "work-plan-progress.csv").write_text(
        "action,status,comment,reported_by,reported_on\na01,finished,,HR,2026-13-01\n",
        encoding="utf-8",
    )
    (path / "data" / "headcount.csv").write_text(  # a second problem, elsewhere
        "category,count,as_of,source\nstaff,-3,2026-11-30,HR\n", encoding="utf-8"
    )
    found = [p for p in check_dossier(path, BuildSettings(tmp_path)) if p.is_error]
    files = {Path(p.location.file).name for p in found}
    assert files == {"work-plan-progress.csv", "headcount.csv"}


def test_the_manifest_lists_the_training_exports_and_the_progress_file(tmp_path: Path):
    import json

    from lexkit.build import build_dossier

    path = copy_psea(tmp_path)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    settings = BuildSettings(tmp_path)
    build_dossier(path, settings, ["en"])
    manifest = json.loads((settings.output / "psea-moldova" / "en" / "manifest.json").read_text())
    exports = sorted(p.name for p in (path / "data" / "training").iterdir() if p.suffix != ".md")
    listed = sorted(Path(name).name for name in manifest["inputs"] if "/training/" in name)
    assert listed == exports
    assert "drafts/psea-moldova/data/work-plan-progress.csv" in manifest["inputs"]
