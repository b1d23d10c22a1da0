"""The ``lexkit`` command line, as a drafter uses it: exit codes, messages, files written."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner, Result

from lexkit import __version__
from lexkit.cli import main
from lexkit.errors import LexkitError

# ---------------------------------------------------------------- helpers


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def assert_problems_reported(result: Result) -> None:
    """Exit 1 through a clean exit: the problems are printed, no exception escapes."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of a DOCX."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths


LAW = """\
---
title: Lege privind protecția copiilor
type: law
lang: ro
---

### Articolul. Obiectul {#scope}

(1) Prezenta lege stabilește regulile; a se vedea [](#scope/1).
"""

TWO_PROBLEMS = """\
---
title: Lege
type: law
lang: ro
---

### Articolul. Obiectul {#scope}

(1) Text.

### Dispoziții finale

(1) A se vedea [](#nope).
"""

DOSSIER = """\
title:
  ro: Demonstrație
languages: [ro]
date: 2025-09-12
data:
  offences: data/offences.csv
deliverables:
  - id: doc
    template: doc.md.j2
"""

TEMPLATE = """\
---
title: {{ dossier.title }}
type: law
lang: {{ lang }}
date: {{ dossier.date }}
---

### Articolul. Obiectul {#scope}

(1) Infracțiunile: {{ data.offences | map(attribute="name") | join_and }}.
{% for row in data.offences %}
({{ loop.index + 1 }}) Articolul {{ row.article }} din Codul penal.
{% endfor %}
"""

OFFENCES = "article,name\n175,acte perverse\n208,abuz\n"


def make_project(root: Path) -> Path:
    """drafts/demo with a dossier.yaml, one template in templates/ro and a CSV."""
    dossier = root / "drafts" / "demo"
    write(dossier / "dossier.yaml", DOSSIER)
    write(dossier / "templates" / "ro" / "doc.md.j2", TEMPLATE)
    write(dossier / "data" / "offences.csv", OFFENCES)
    return dossier


# ---------------------------------------------------------------- the command itself


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output
    assert "lexkit" in result.output


def test_main_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    for name in main.commands:
        assert name in result.output


@pytest.mark.parametrize("path", command_paths(main), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]):
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert path[-1] in result.output


@pytest.mark.parametrize("args", [["render", "--no-such-option", "x.md"], ["no-such-command"]])
def test_usage_error_exits_2(tmp_path: Path, monkeypatch, args: list[str]):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert "Error" in result.output


def test_render_of_a_missing_file_is_a_usage_error(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", "absent.md")
    assert result.exit_code == 2
    assert "absent.md" in result.output


# ---------------------------------------------------------------- render


def test_render_writes_docx_beside_the_file(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "bill" / "law.md", LAW)
    result = run("render", "bill/law.md")
    assert result.exit_code == 0, result.output
    target = tmp_path / "bill" / "law.docx"
    assert target.is_file()
    assert "law.docx" in result.output
    body = paragraphs(target)
    assert ("Article Heading", "Articolul 1. Obiectul") in body
    assert any("a se vedea art. 1 alin. (1)" in text for _, text in body)


def test_render_with_output_option(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "law.md", LAW)
    result = run("render", "law.md", "-o", "out/proiect.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "proiect.docx").is_file()
    assert not (tmp_path / "law.docx").exists()


def test_render_with_problems_lists_them_all_and_exits_1(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "law.md", TWO_PROBLEMS)
    result = run("render", "law.md")
    assert_problems_reported(result)
    assert "law.md:11:" in result.output  # the heading without a structural word
    assert "Articolul" in result.output  # ... lists the accepted words
    assert "law.md:13:" in result.output  # the reference to a missing id
    assert "nope" in result.output
    assert "2 error(s)" in result.output
    assert not (tmp_path / "law.docx").exists()


def test_render_with_debug_lets_the_error_through(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "law.md", TWO_PROBLEMS)
    result = run("--debug", "render", "law.md")
    assert result.exit_code != 0
    assert isinstance(result.exception, LexkitError)
    assert len(result.exception.problems) == 2


def test_render_template_with_data_variables(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "vars.yaml", "subject: Obiectul legii\nwords: [copii, angajatori]\n")
    write(
        tmp_path / "law.md.j2",
        "---\ntitle: Lege\ntype: law\nlang: ro\n---\n\n"
        "### Articolul. {{ subject }}\n\n"
        "(1) Se aplică: {{ words | join_and }}.\n",
    )
    result = run("render", "law.md.j2", "--data", "vars.yaml")
    assert result.exit_code == 0, result.output
    body = paragraphs(tmp_path / "law.docx")
    assert ("Article Heading", "Articolul 1. Obiectul legii") in body
    assert any(text == "(1) Se aplică: copii și angajatori." for _, text in body)


def test_render_template_with_csv_data(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "offences.csv", OFFENCES)
    write(
        tmp_path / "law.md.j2",
        "---\ntitle: Lege\ntype: law\nlang: ro\n---\n\n### Articolul. Obiectul\n\n"
        "(1) Articolele {{ data.offences | map(attribute='article') | join_and }}.\n",
    )
    result = run("render", "law.md.j2", "--data", "offences.csv", "-o", "law.docx")
    assert result.exit_code == 0, result.output
    assert any(t == "(1) Articolele 175 și 208." for _, t in paragraphs(tmp_path / "law.docx"))


def test_render_template_without_its_variable_is_a_problem(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "law.md.j2", "---\ntitle: Lege\n---\n\n### Articolul. {{ subject }}\n")
    result = run("render", "law.md.j2")
    assert_problems_reported(result)
    assert "law.md.j2" in result.output
    assert "subject" in result.output
    assert not (tmp_path / "law.docx").exists()


def test_render_with_an_impossible_date_is_a_problem_not_an_internal_error(
    tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "law.md", LAW.replace("lang: ro\n", "lang: ro\ndate: 2025-13-45\n"))
    result = run("render", "law.md")
    assert_problems_reported(result)
    assert "law.md:" in result.output
    assert "date" in result.output


def test_render_with_an_impossible_date_in_data_is_a_problem(tmp_path: Path, monkeypatch):
    """Data values are text: an impossible date fails where a template reads it as a date."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "vars.yaml", "subject: Obiectul\nsigned: 2025-13-45\n")
    write(
        tmp_path / "law.md.j2",
        "---\ntitle: Lege\n---\n\n### Articolul. {{ subject }}\n\n"
        "Semnat {{ signed | long_date }}.\n",
    )
    result = run("render", "law.md.j2", "--data", "vars.yaml")
    assert_problems_reported(result)
    assert "law.md.j2:7" in result.output


# ---------------------------------------------------------------- build


def test_build_writes_documents_and_manifest(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier = make_project(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output" / "demo" / "ro"
    docx_file, manifest_file = out / "doc.docx", out / "manifest.json"
    assert docx_file.is_file()
    assert manifest_file.is_file()

    body = paragraphs(docx_file)
    assert ("Article Heading", "Articolul 1. Obiectul") in body
    texts = [text for _, text in body]
    assert "(1) Infracțiunile: acte perverse și abuz." in texts
    assert "(3) Articolul 208 din Codul penal." in texts

    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    assert manifest["outputs"]["doc.docx"]["sha256"] == sha256(docx_file)
    assert manifest["outputs"]["doc.docx"]["bytes"] == docx_file.stat().st_size
    assert manifest["inputs"] == {
        "drafts/demo/dossier.yaml": sha256(dossier / "dossier.yaml"),
        "drafts/demo/templates/ro/doc.md.j2": sha256(dossier / "templates/ro/doc.md.j2"),
        "drafts/demo/data/offences.csv": sha256(dossier / "data/offences.csv"),
    }
    combined = json.loads((tmp_path / "output/demo/manifest.json").read_text(encoding="utf-8"))
    assert combined["languages"]["ro"] == manifest


def test_build_names_the_dossier_with_an_argument_or_option(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    assert run("build", "demo").exit_code == 0
    assert run("build", "-d", "demo", "--lang", "ro").exit_code == 0
    assert (tmp_path / "output/demo/ro/doc.docx").is_file()


def test_build_twice_gives_identical_bytes(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    assert run("build").exit_code == 0
    first = snapshot(tmp_path / "output")
    assert run("build").exit_code == 0
    second = snapshot(tmp_path / "output")
    assert sorted(first) == [
        "demo/manifest.json",
        "demo/ro/doc.docx",
        "demo/ro/manifest.json",
    ]
    assert first == second


def test_build_uses_fixed_dates(tmp_path: Path, monkeypatch):
    """The dossier's date is the document's date, and zip entries carry no build time."""
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    assert run("build").exit_code == 0
    built = tmp_path / "output/demo/ro/doc.docx"
    properties = docx.Document(str(built)).core_properties
    assert properties.created is not None
    assert properties.created.date() == dt.date(2025, 9, 12)
    assert properties.modified == properties.created
    assert properties.language == "ro-RO"
    with zipfile.ZipFile(built) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier = make_project(tmp_path)
    assert run("build").exit_code == 0
    before = snapshot(tmp_path / "output")

    template = dossier / "templates" / "ro" / "doc.md.j2"
    write(template, TEMPLATE.replace("{{ dossier.title }}", "{{ dossier.titel }}"))
    result = run("build")

    assert_problems_reported(result)
    assert "drafts/demo/templates/ro/doc.md.j2" in result.output
    assert "titel" in result.output
    assert snapshot(tmp_path / "output") == before


def test_build_with_a_bad_dossier_exits_1_and_names_the_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier = make_project(tmp_path)
    write(dossier / "dossier.yaml", DOSSIER.replace("languages:", "langauges:"))
    result = run("build")
    assert_problems_reported(result)
    assert "drafts/demo/dossier.yaml:3:" in result.output
    assert "langauges" in result.output
    assert not (tmp_path / "output").exists()


def test_build_without_a_dossier_exits_1(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    result = run("build")
    assert_problems_reported(result)
    assert "no dossier found" in result.output


# ---------------------------------------------------------------- reference-docx


def test_reference_docx_writes_the_styles(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("reference-docx", "-o", "x.docx")
    assert result.exit_code == 0, result.output
    styles = docx.Document(str(tmp_path / "x.docx")).styles
    names = {style.name for style in styles}
    assert {"Article Heading", "Chapter Heading", "Section Heading"} <= names
    assert styles["Article Heading"].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
