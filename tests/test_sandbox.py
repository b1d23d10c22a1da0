"""What a dossier can reach: templates lay out text and cannot run code; pictures and data
files come from the dossier (or templates/), a rendered file's folder or the working
directory, never from anywhere else on the machine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from check_helpers import Dossier
from lexkit import api
from lexkit.cli import main
from lexkit.dossier.templating import make_environment, render_template
from lexkit.errors import LexkitError, Problem
from test_pictures import png

ATTACKS = [
    "{{ cycler.__init__.__globals__.os }}",
    "{{ cycler.__init__.__globals__.os.system('true') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ joiner.__init__.__globals__ }}",
    "{% set x = namespace.__init__ %}{{ x.__globals__ }}",
]


def _only(error: pytest.ExceptionInfo[LexkitError]) -> Problem:
    assert len(error.value.problems) == 1, error.value.problems
    return error.value.problems[0]


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_template_cannot_reach_python_internals(tmp_path: Path, monkeypatch, attack: str):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil.md.j2").write_text(f"# Titlu\n\nText.\n{attack}\n", encoding="utf-8")
    with pytest.raises(LexkitError) as error:
        render_template(make_environment([tmp_path]), "evil.md.j2", {"lang": "ro"})
    problem = _only(error)
    assert (problem.location.file, problem.location.line, problem.code) == ("evil.md.j2", 4, "T001")
    assert problem.message.startswith("the template reaches into Python's internals")


def test_the_sandbox_leaves_the_template_language_whole(tmp_path: Path, monkeypatch):
    """Loops, filters, tests, macros, namespaces and methods of strings and lists still work."""
    monkeypatch.chdir(tmp_path)
    text = (
        "{% macro item(x) %}- {{ x | upper }}{% endmacro %}"
        "{% set ns = namespace(n=0) %}"
        "{% for row in rows | sort(attribute='k') %}{% set ns.n = ns.n + 1 %}"
        "{{ item(row.k) }} {{ row.v.split(',') | join_and }} {{ loop.index }}\n{% endfor %}"
        "{{ ns.n }} {{ 'a-b'.replace('-', '–') }} {{ [3, 1] | sort | list }} "
        "{{ rows | selectattr('k', 'contains', 'b') | list | length }}\n"
    )
    (tmp_path / "ok.md.j2").write_text(text, encoding="utf-8")
    rows = [{"k": "b", "v": "x,y"}, {"k": "a", "v": "z"}]
    rendered = render_template(
        make_environment([tmp_path]), "ok.md.j2", {"lang": "ro", "rows": rows}
    )
    assert rendered.text == "- A z 1\n- B x și y 2\n2 a–b [1, 3] 1\n"


def test_lexkit_render_refuses_it_with_exit_1_and_no_traceback(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil.md.j2").write_text(f"# T\n\n{ATTACKS[1]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "evil.md.j2"])
    assert result.exit_code == 1
    assert "evil.md.j2:3: error: the template reaches into Python's internals" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "evil.docx").exists()


def test_a_dossier_template_that_tries_stops_the_build_at_its_line(tmp_path: Path):
    dossier = Dossier(tmp_path)
    dossier.law(ro="---\ntitle: t\ntype: law\nlang: ro\n---\n\n{{ cycler.__init__ }}\n")
    with pytest.raises(LexkitError) as error:
        api.build(["demo"], root=tmp_path)
    found = [(p.location.file, p.location.line, p.code) for p in error.value.problems]
    assert ("drafts/demo/templates/ro/law.md.j2", 7, "T001") in [
        (Path(f).as_posix().split(f"{tmp_path.name}/", 1)[-1], line, code)
        for f, line, code in found
    ]
    assert not (tmp_path / "output").exists()


# ---------------------------------------------------------------- pictures


def _picture_law(name: str, lang: str = "ro") -> str:
    article = "Articolul" if lang == "ro" else "Article"
    front = f"---\ntitle: t\ntype: law\nlang: {lang}\n---\n\n"
    return f"{front}### {article}. A\n\nText.\n\n![L]({name})\n"


def test_a_picture_inside_the_dossier_is_shown(tmp_path: Path):
    dossier = Dossier(tmp_path)
    (dossier.path / "figures").mkdir()
    (dossier.path / "figures" / "logo.png").write_bytes(png(10, 10))
    picture = "../../figures/logo.png"
    dossier.law(ro=_picture_law(picture), en=_picture_law(picture, "en"))
    assert [p.format() for p in dossier.findings() if p.is_error] == []


def test_a_picture_in_the_shared_templates_folder_is_shown(tmp_path: Path):
    dossier = Dossier(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "emblem.png").write_bytes(png(10, 10))
    picture = "../../../../templates/emblem.png"
    dossier.law(ro=_picture_law(picture), en=_picture_law(picture, "en"))
    assert [p.format() for p in dossier.findings() if p.is_error] == []


@pytest.mark.parametrize("how", ["relative", "absolute", "link"])
def test_a_picture_outside_the_dossier_is_an_error(tmp_path: Path, how: str):
    dossier = Dossier(tmp_path / "project")
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(10, 10))
    name = {"relative": "../../../../../secret.png", "absolute": str(secret), "link": "link.png"}[
        how
    ]
    if how == "link":
        os.symlink(secret, dossier.path / "templates" / "ro" / "link.png")
    dossier.law(ro=_picture_law(name))
    errors = [p for p in dossier.findings() if p.is_error]
    assert len(errors) == 1
    assert errors[0].code == "M001"
    assert errors[0].location.line == 11
    assert errors[0].message.startswith(f"the picture {name!r} lies outside the folders")


def test_render_takes_pictures_from_the_files_folder_or_the_working_directory(
    tmp_path: Path, monkeypatch
):
    work, elsewhere, draft = tmp_path / "work", tmp_path / "elsewhere", tmp_path / "work" / "d"
    for folder in (work, elsewhere, draft):
        folder.mkdir(exist_ok=True)
    (draft / "beside.png").write_bytes(png(10, 10))
    (work / "cwd.png").write_bytes(png(10, 10))
    (elsewhere / "far.png").write_bytes(png(10, 10))
    monkeypatch.chdir(work)
    text = "---\ntype: report\n---\n\n# R\n\n![a](beside.png)\n\n![b](../cwd.png)\n"
    (draft / "ok.md").write_text(text, encoding="utf-8")
    target, _ = api.render_file(draft / "ok.md")
    assert target.is_file()
    (draft / "far.md").write_text(text + "\n![c](../../elsewhere/far.png)\n", encoding="utf-8")
    with pytest.raises(LexkitError) as error:
        api.render_file(draft / "far.md")
    problem = _only(error)
    assert (problem.location.file, problem.location.line) == ("d/far.md", 11)
    assert "'../../elsewhere/far.png' lies outside the folders" in problem.message


# ---------------------------------------------------------------- data files


def test_a_data_file_outside_the_dossier_is_an_error(tmp_path: Path):
    dossier = Dossier(tmp_path / "project")
    (tmp_path / "private.csv").write_text("key,name\na,b\n", encoding="utf-8")
    dossier.tables["leak"] = ("../../../private.csv", None)
    dossier.write_config()
    errors = [p for p in dossier.findings() if p.is_error]
    assert [(e.code, Path(e.location.file).name) for e in errors] == [("D001", "private.csv")]
    assert errors[0].message.startswith("the data file lies outside the folders data may come from")
