"""``lexkit check`` and ``lexkit build`` from the command line: grouped output, JSON,
exit codes, --strict, --fix, and the flagship dossier."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from check_helpers import LAW_RO, OFFENCES_SCHEMA, Dossier
from flagship_helpers import Flagship
from lexkit.cli import main


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run(root: Path, *args: str) -> Result:
    with inside(root):
        return CliRunner().invoke(main, list(args))


@pytest.fixture
def dossier(tmp_path: Path) -> Dossier:
    return Dossier(tmp_path)


def _with_error_and_warning(dossier: Dossier) -> None:
    """A lost superscript (error D004) and a row to verify (warning D009)."""
    dossier.table(
        "crimes",
        "crimes.csv",
        "key,article,status\ncp-1,1751,confirmed\ncp-2,172,to verify\n",
        OFFENCES_SCHEMA,
    )


def test_a_clean_dossier_exits_0_and_says_so(dossier: Dossier):
    result = run(dossier.root, "check", "demo")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "demo: 0 error(s), 0 warning(s)"


def test_findings_are_grouped_by_file_with_code_and_fix_and_exit_1(dossier: Dossier):
    _with_error_and_warning(dossier)
    dossier.law(LAW_RO.replace("Prezenta lege stabilește", "Legea  stabilește"), None)
    result = run(dossier.root, "check", "demo")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    data = [i for i, line in enumerate(lines) if line.startswith("drafts/demo/data/crimes.csv")]
    template = [i for i, line in enumerate(lines) if line.startswith("drafts/demo/templates")]
    assert data
    assert template
    assert max(data) < min(template)
    assert (
        "drafts/demo/data/crimes.csv:2 (article): error: article 1751 has four digits or "
        "more: it reads like 175^1 with the superscript lost in copying [D004]"
    ) in lines
    assert "    fix: write 175^1 (the ^ marks the superscript)" in lines
    assert any(line.endswith("[D009]") and ": warning: " in line for line in lines)
    assert any(line.endswith("[L003]") for line in lines)
    assert lines[-1] == "demo: 1 error(s), 2 warning(s)"


def test_json_lists_every_finding_for_tools(dossier: Dossier):
    _with_error_and_warning(dossier)
    result = run(dossier.root, "check", "demo", "--format", "json")
    assert result.exit_code == 1
    [report] = json.loads(result.output)["dossiers"]
    assert (report["dossier"], report["errors"], report["warnings"]) == ("demo", 1, 1)
    first = report["findings"][0]
    assert first == {
        "file": "drafts/demo/data/crimes.csv",
        "line": 2,
        "column": "article",
        "severity": "error",
        "code": "D004",
        "name": "article-number",
        "family": "data",
        "message": "article 1751 has four digits or more: it reads like 175^1 with the "
        "superscript lost in copying",
        "fix": "write 175^1 (the ^ marks the superscript)",
    }
    assert report["findings"][1]["code"] == "D009"


def test_warnings_pass_unless_strict(dossier: Dossier):
    dossier.table(
        "crimes", "crimes.csv", "key,article,status\ncp-2,172,to verify\n", OFFENCES_SCHEMA
    )
    assert run(dossier.root, "check", "demo").exit_code == 0
    assert run(dossier.root, "check", "demo", "--strict").exit_code == 1
    assert run(dossier.root, "check", "-d", "demo", "--strict").exit_code == 1


def test_fix_rewrites_cedillas_once_and_a_second_run_changes_nothing(dossier: Dossier):
    dossier.law(LAW_RO.replace("protecția", "protecţia").replace("stabilește", "stabileşte"), None)
    template = dossier.path / "templates" / "ro" / "law.md.j2"
    before = run(dossier.root, "check", "demo")
    assert before.exit_code == 1
    assert before.output.count("[L001]") == 2
    fixed = run(dossier.root, "check", "demo", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert "fixed 2 cedilla(s) in drafts/demo/templates/ro/law.md.j2" in fixed.output
    text = template.read_text(encoding="utf-8")
    assert "protecția" in text
    assert "stabilește" in text
    assert "ţ" not in text
    again = run(dossier.root, "check", "demo", "--fix")
    assert again.exit_code == 0
    assert "fixed" not in again.output
    assert template.read_text(encoding="utf-8") == text


def test_build_stops_on_a_check_error_and_writes_nothing(dossier: Dossier):
    _with_error_and_warning(dossier)
    result = run(dossier.root, "build", "demo")
    assert result.exit_code == 1
    assert "[D004]" in result.output
    assert "nothing was written" in result.output
    assert not (dossier.root / "output").exists()


def test_build_prints_warnings_and_builds_unless_strict(dossier: Dossier):
    dossier.table(
        "crimes", "crimes.csv", "key,article,status\ncp-2,172,to verify\n", OFFENCES_SCHEMA
    )
    strict = run(dossier.root, "build", "demo", "--strict")
    assert strict.exit_code == 1
    assert not (dossier.root / "output").exists()
    result = run(dossier.root, "build", "demo")
    assert result.exit_code == 0, result.output
    assert "warning: 1 row(s) marked “to verify”: cp-2 (line 2) [D009]" in result.output
    assert (dossier.root / "output" / "demo" / "ro" / "law.docx").is_file()


def test_the_flagship_dossier_has_no_error(flagship: Flagship):
    # `check` writes nothing: it runs in the session's flagship project (its fixture fails
    # if anything there changed). It builds in memory as `build` does, and finds the same.
    result = run(flagship.root, "check", "child-protection", "--format", "json")
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)["dossiers"]
    assert report["errors"] == 0
    # The warnings list the rows still to verify, one per table; what the ministry's review
    # caught (A003, A004, A005, S010) is answered in the draft law.
    codes = [f["code"] for f in report["findings"]]
    assert set(codes) == {"D009"}
    assert codes.count("D009") == 6
    assert report["warnings"] == len(codes)
    found = sorted((f["code"], f["message"]) for f in report["findings"])
    assert found == sorted((p.code, p.message) for p in flagship.result.warnings)
