"""dossier.yaml: loading, defaults, and every mistake reported with its line and a fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lexkit.dossier.config import load_dossier
from lexkit.errors import LexkitError, Location, Problem

# ---------------------------------------------------------------- helpers


def write_dossier(tmp_path: Path, text: str, name: str = "demo") -> Path:
    folder = tmp_path / "drafts" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dossier.yaml").write_text(text, encoding="utf-8")
    return folder


def config_problems(tmp_path: Path, text: str) -> list[Problem]:
    folder = write_dossier(tmp_path, text)
    with pytest.raises(LexkitError) as error:
        load_dossier(folder)
    return error.value.problems


def line_of(text: str, needle: str) -> int:
    found = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


SHOWN = "drafts/demo/dossier.yaml"  # how a problem names the file, from tmp_path

# ---------------------------------------------------------------- valid dossiers


def test_valid_dossier_loads_with_defaults(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_dossier(
        tmp_path,
        "title: Protecția copiilor\n"
        "deliverables:\n"
        "  - id: draft-law\n"
        "    template: draft-law.md.j2\n",
    )
    dossier = load_dossier(folder)
    config = dossier.config
    assert dossier.name == "demo"
    assert dossier.config_file == folder / "dossier.yaml"
    assert config.languages == ["ro", "en"]
    assert config.author == ""
    assert config.date is None
    assert config.data == {}
    [deliverable] = config.deliverables
    assert deliverable.template == "draft-law.md.j2"
    assert deliverable.stem == "draft-law"
    assert config.languages_of(deliverable) == ["ro", "en"]
    assert config.title_in("en") == "Protecția copiilor"


def test_full_dossier_keeps_every_setting(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = write_dossier(
        tmp_path,
        "title:\n"
        "  ro: Protecția copiilor\n"
        "  en: Protecting children\n"
        "languages: [en, ro]\n"
        "author: Consultant juridic\n"
        "date: 2025-10-31\n"
        "data:\n"
        "  offences: data/offences.csv\n"
        "deliverables:\n"
        "  - id: draft-law\n"
        "    template: draft-law.md.j2\n"
        "    output: proiect-lege\n"
        "    languages: [ro]\n"
        "  - id: note\n"
        "    template: note.md.j2\n",
    )
    config = load_dossier(folder).config
    assert config.title_in("ro") == "Protecția copiilor"
    assert config.title_in("en") == "Protecting children"
    assert config.date == dt.date(2025, 10, 31)
    assert config.author == "Consultant juridic"
    assert config.data == {"offences": "data/offences.csv"}
    law, note = config.deliverables
    assert law.stem == "proiect-lege"
    assert config.languages_of(law) == ["ro"]
    assert config.languages_of(note) == ["en", "ro"]


def test_missing_dossier_file_is_a_problem(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts" / "empty").mkdir(parents=True)
    with pytest.raises(LexkitError) as error:
        load_dossier(tmp_path / "drafts" / "empty")
    [problem] = error.value.problems
    assert problem.location.file == "drafts/empty/dossier.yaml"
    assert "no dossier.yaml" in problem.message
    assert problem.fix


# ---------------------------------------------------------------- mistakes


def test_unknown_key_is_reported_with_its_line_and_a_fix(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "title: T\n"
        "author: X\n"
        "langauges: [ro]\n"
        "deliverables:\n"
        "  - id: law\n"
        "    template: law.md.j2\n"
    )
    [problem] = config_problems(tmp_path, text)
    assert (problem.location.file, problem.location.line) == (SHOWN, line_of(text, "langauges"))
    assert "langauges" in problem.message
    assert "spelling" in problem.fix
    assert f"{SHOWN}:3: error: langauges" in problem.format()


def test_unknown_key_inside_a_deliverable_gives_the_deliverable_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "title: T\n"
        "deliverables:\n"
        "  - id: law\n"
        "    template: law.md.j2\n"
        "  - id: note\n"
        "    templat: note.md.j2\n"
    )
    problems = config_problems(tmp_path, text)
    unknown = [p for p in problems if "templat" in p.message and "is not a setting" in p.message]
    assert [p.location.line for p in unknown] == [line_of(text, "templat:")]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("title: T\nlanguages: [ro, rom]\ndeliverables:\n  - id: a\n    template: a\n", "rom"),
        (
            "title: T\ndeliverables:\n  - id: a\n    template: a\n    languages:\n      - rom\n",
            "- rom",
        ),
    ],
    ids=["dossier", "deliverable"],
)
def test_bad_language_names_the_accepted_values_and_the_line(
    tmp_path: Path, monkeypatch, text: str, needle: str
):
    monkeypatch.chdir(tmp_path)
    [problem] = config_problems(tmp_path, text)
    assert problem.location.line == line_of(text, needle)
    assert "'rom'" in problem.message
    accepted = problem.message.replace("'rom'", "")
    assert re.search(r"\bro\b", accepted)
    assert re.search(r"\ben\b", accepted)


def test_missing_deliverables_is_required(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [problem] = config_problems(tmp_path, "title: T\nlanguages: [ro]\n")
    assert problem.location.file == SHOWN
    assert "deliverables" in problem.message
    assert "is required" in problem.message
    assert problem.fix


def test_empty_deliverables_list_is_a_problem(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [problem] = config_problems(tmp_path, "title: T\ndeliverables: []\n")
    assert problem.location.line == 2
    assert "deliverables" in problem.message


def test_duplicate_deliverable_ids(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "title: T\n"
        "deliverables:\n"
        "  - id: law\n"
        "    template: law.md.j2\n"
        "  - id: note\n"
        "    template: note.md.j2\n"
        "  - id: law\n"
        "    template: other.md.j2\n"
    )
    [problem] = config_problems(tmp_path, text)
    assert problem.location.file == SHOWN
    assert problem.location.line == 7
    assert "the id 'law' is used twice (first on line 3)" in problem.message
    assert problem.fix == "give each deliverable its own id"


def test_bad_deliverable_id_is_reported(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "title: T\ndeliverables:\n  - id: Draft Law\n    template: law.md.j2\n"
    [problem] = config_problems(tmp_path, text)
    assert problem.location.line == line_of(text, "Draft Law")
    assert "Draft Law" in problem.message


def test_all_problems_are_reported_at_once(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "title: T\n"
        "langauges: [ro]\n"
        "languages: [rom]\n"
        "deliverables:\n"
        "  - id: law\n"
        "    output: proiect\n"
    )
    problems = config_problems(tmp_path, text)
    assert sorted((p.location.line, p.message.split(":")[0]) for p in problems) == [
        (2, "langauges"),
        (3, "languages.0"),
        (5, "deliverables.0"),
    ]
    assert any(p.message == "deliverables.0: a document needs 'template:'" for p in problems)
    assert all(p.is_error for p in problems)


def test_duplicate_ids_are_reported_alongside_other_deliverable_mistakes(
    tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    text = (
        "title: T\n"
        "deliverables:\n"
        "  - id: law\n"
        "    template: law.md.j2\n"
        "    languages: [rom]\n"
        "  - id: law\n"
        "    template: other.md.j2\n"
    )
    messages = [p.message for p in config_problems(tmp_path, text)]
    assert any("'rom'" in m for m in messages), messages
    assert any("'law' is used twice" in m for m in messages), messages


# ---------------------------------------------------------------- not YAML, not a mapping


def test_invalid_yaml_is_a_problem_with_its_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "title: T\ndeliverables:\n  - id: a\n   template: x\n"
    [problem] = config_problems(tmp_path, text)
    assert (problem.location.file, problem.location.line) == (SHOWN, 4)
    assert "not valid YAML" in problem.message
    assert problem.fix


def test_unclosed_quote_is_a_problem_with_a_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [problem] = config_problems(tmp_path, 'title: "T\nauthor: X\n')
    # The parser looks for the closing quote to the end of the file, and names the line
    # after the last one, where it ran out.
    assert (problem.location.file, problem.location.line) == (SHOWN, 3)
    assert "not valid YAML" in problem.message


@pytest.mark.parametrize("text", ["- a\n- b\n", "", "just words\n"])
def test_not_a_mapping_is_a_problem(tmp_path: Path, monkeypatch, text: str):
    monkeypatch.chdir(tmp_path)
    [problem] = config_problems(tmp_path, text)
    assert problem.location == Location(SHOWN, 1)
    assert "mapping" in problem.message


def test_impossible_date_is_a_problem_with_its_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "title: T\ndate: 2025-13-45\ndeliverables:\n  - id: a\n    template: a\n"
    [problem] = config_problems(tmp_path, text)
    assert (problem.location.file, problem.location.line) == (SHOWN, 2)
    assert "date" in problem.message


def test_a_key_written_twice_is_a_problem_with_its_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "title: T\nlanguages: [ro]\nlanguages: [en]\n"
        "deliverables:\n  - id: a\n    template: a.md.j2\n"
    )
    [problem] = config_problems(tmp_path, text)
    assert problem.location.line == 3
    assert "'languages' is written twice (first on line 2)" in problem.message
