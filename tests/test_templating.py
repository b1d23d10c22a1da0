"""Jinja templates -> legislative Markdown: filters, comments, errors, search order and
the map from rendered lines back to the template lines the drafter wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lexkit.dossier.templating import (
    Rendered,
    make_environment,
    render_template,
    template_search_path,
)
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.errors import LexkitError, Problem, Problems

# ---------------------------------------------------------------- helpers


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def render_file(folder: Path, name: str, text: str, **context: object) -> Rendered:
    """Write ``text`` as template ``name`` in ``folder`` and render it from there."""
    write(folder / name, text)
    return render_template(make_environment([folder]), name, {"lang": "ro", **context})


def render_string(source: str, **context: object) -> str:
    return make_environment([]).from_string(source).render(**context)


def only_problem(error: pytest.ExceptionInfo[LexkitError]) -> Problem:
    problems = error.value.problems
    assert len(problems) == 1, problems
    return problems[0]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of ``text`` containing ``needle``."""
    found = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("lang", "items", "expected"),
    [
        ("ro", ["a", "b", "c"], "a, b și c"),
        ("en", ["a", "b", "c"], "a, b and c"),
        ("ro", ["a", "b"], "a și b"),
        ("en", ["a", "b"], "a and b"),
        ("ro", ["a"], "a"),
        ("en", ["a"], "a"),
    ],
)
def test_join_and_follows_the_template_language(lang: str, items: list[str], expected: str):
    assert render_string("{{ items | join_and }}", items=items, lang=lang) == expected


def test_join_and_without_lang_is_romanian():
    assert render_string("{{ ['x', 'y'] | join_and }}") == "x și y"


def test_join_ro_and_join_en_ignore_the_template_language():
    source = "{{ items | join_ro }} / {{ items | join_en }}"
    assert render_string(source, items=[1, 2, 3], lang="en") == "1, 2 și 3 / 1, 2 and 3"


@pytest.mark.parametrize(
    "value", [dt.date(2025, 9, 12), dt.datetime(2025, 9, 12, 15, 30), "2025-09-12"]
)
@pytest.mark.parametrize(
    ("lang", "expected"), [("ro", "12 septembrie 2025"), ("en", "12 September 2025")]
)
def test_long_date_from_date_datetime_or_iso_string(value: object, lang: str, expected: str):
    assert render_string("{{ when | long_date }}", when=value, lang=lang) == expected


def test_long_date_language_argument_overrides_the_template_language():
    assert render_string("{{ '2025-01-03' | long_date('en') }}", lang="ro") == "3 January 2025"


@pytest.mark.parametrize(
    ("source", "lang", "expected"),
    [
        ("{{ 12500 | number }}", "en", "12,500"),
        ("{{ 12500 | number }}", "ro", "12\u00a0500"),
        ("{{ 1234567.891 | number(2) }}", "ro", "1\u00a0234\u00a0567,89"),
        ("{{ 45.25 | number(1) }}", "en", "45.2"),
        ("{{ 63.29 | percent }}", "en", "63.3%"),
        ("{{ 63.29 | percent }}", "ro", "63,3\u00a0%"),
        ("{{ 50 | percent(0) }}", "ro", "50\u00a0%"),
    ],
)
def test_numbers_and_percentages_as_each_language_writes_them(
    source: str, lang: str, expected: str
):
    assert render_string(source, lang=lang) == expected


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (1994, "MCMXCIV")]
)
def test_roman(number: int, expected: str):
    assert render_string("{{ n | roman }}", n=number) == expected


def test_roman_accepts_a_number_written_as_text():
    assert render_string("{{ '12' | roman }}") == "XII"


def test_roman_of_zero_is_a_template_problem_not_a_crash(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LexkitError) as error:
        render_file(tmp_path, "zero.md.j2", "Articolul {{ 0 | roman }}\n")
    assert only_problem(error).location.file == "zero.md.j2"


def test_superscript():
    assert render_string("{{ 62 | superscript(1) }}") == "62^1"
    assert render_string("{{ 62 | superscript }}") == "62"


# ---------------------------------------------------------------- comments


def test_double_hash_is_a_comment_and_single_hash_ids_stay_literal(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(
        tmp_path,
        "c.md.j2",
        "{## drafting note:\n   check with the ministry ##}\n"
        "### Articolul. Obiectul {#scope}\n"
        "{# not a Jinja comment #}\n",
    )
    assert "drafting note" not in rendered.text
    assert "ministry" not in rendered.text
    assert "### Articolul. Obiectul {#scope}\n" in rendered.text
    assert "{# not a Jinja comment #}" in rendered.text


# ---------------------------------------------------------------- errors


UNDEFINED_TEMPLATE = """\
---
title: {{ title }}
---
{% for name in names %}
- {{ name }}
{% endfor %}
Semnat: {{ autor }}
"""


def test_misspelt_variable_is_a_lexkit_error_naming_file_and_variable(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LexkitError) as error:
        render_file(tmp_path, "note.md.j2", UNDEFINED_TEMPLATE, title="T", names=["a"], author="X")
    problem = only_problem(error)
    assert problem.location.file == "note.md.j2"
    assert "autor" in problem.message
    assert problem.fix


def test_misspelt_variable_names_its_template_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LexkitError) as error:
        render_file(tmp_path, "note.md.j2", UNDEFINED_TEMPLATE, title="T", names=["a"], author="X")
    assert only_problem(error).location.line == line_of(UNDEFINED_TEMPLATE, "{{ autor }}")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("a\nb\n{{ x + }}\nc\n", 3),
        ("a\n{% for x in items %}\nb\n{% endfro %}\nc\n", 4),
    ],
)
def test_syntax_error_names_file_and_line(tmp_path: Path, monkeypatch, source: str, line: int):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LexkitError) as error:
        render_file(tmp_path, "bad.md.j2", source, items=[])
    problem = only_problem(error)
    assert (problem.location.file, problem.location.line) == ("bad.md.j2", line)
    assert "syntax" in problem.message


def test_missing_template_names_the_search_path(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dossier, shared = tmp_path / "drafts" / "demo", tmp_path / "templates"
    for folder in (dossier / "templates" / "ro", shared / "ro"):
        folder.mkdir(parents=True)
    env = make_environment(template_search_path(dossier, shared, "ro"))
    with pytest.raises(LexkitError) as error:
        render_template(env, "annex.md.j2", {"lang": "ro"})
    problem = only_problem(error)
    assert "annex.md.j2" in problem.message
    assert "not found" in problem.message
    for folder in ("drafts/demo/templates/ro", "drafts/demo", "templates/ro", "templates"):
        assert folder in problem.fix


# ---------------------------------------------------------------- search order


def render_from_project(tmp_path: Path, lang: str = "ro") -> str:
    dossier, shared = tmp_path / "drafts" / "demo", tmp_path / "templates"
    env = make_environment(template_search_path(dossier, shared, lang))
    return render_template(env, "doc.md.j2", {"lang": lang}).text


@pytest.mark.parametrize(
    ("winner", "loser"),
    [
        ("drafts/demo/templates/ro", "templates/ro"),  # the dossier beats shared templates
        ("drafts/demo/templates", "templates/ro"),  # ... even without a language folder
        ("drafts/demo/templates/ro", "drafts/demo/templates"),  # language folder first
        ("templates/ro", "templates"),  # language folder first, in shared templates too
    ],
)
def test_search_order(tmp_path: Path, monkeypatch, winner: str, loser: str):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / winner / "doc.md.j2", "from the winner\n")
    write(tmp_path / loser / "doc.md.j2", "from the loser\n")
    assert render_from_project(tmp_path) == "from the winner\n"


def test_other_language_folder_is_not_searched(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "drafts/demo/templates/ro/doc.md.j2", "romanian\n")
    write(tmp_path / "templates/doc.md.j2", "shared\n")
    assert render_from_project(tmp_path, "en") == "shared\n"


def test_template_search_path_order_and_missing_folders(tmp_path: Path):
    dossier, shared = tmp_path / "d", tmp_path / "shared"
    for folder in (dossier / "templates" / "en", dossier / "templates", shared / "en", shared):
        folder.mkdir(parents=True, exist_ok=True)
    extra = tmp_path / "here"
    extra.mkdir()
    assert template_search_path(dossier, shared, "en", extra=[extra]) == [
        extra,
        dossier / "templates" / "en",
        dossier / "templates",
        dossier,
        shared / "en",
        shared,
    ]


# ---------------------------------------------------------------- source map

LOOP_TEMPLATE = """\
Titlu
Introducere
{% for x in items %}
Punct {{ x }}
{% endfor %}
Încheiere
Semnătură
"""
LOOP_BODY = 4


def mapped_lines(rendered: Rendered) -> dict[str, int]:
    """Each rendered line's text -> the template line the source map gives for it."""
    locate = rendered.source_map()
    lines = rendered.text.split("\n")
    return {text: locate(n).line for n, text in enumerate(lines, start=1) if text}


def test_loop_renders_the_expected_markdown(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(tmp_path, "loop.md.j2", LOOP_TEMPLATE, items=["a", "b", "c"])
    assert rendered.text == (
        "Titlu\nIntroducere\nPunct a\nPunct b\nPunct c\nÎncheiere\nSemnătură\n"
    )
    assert rendered.template == "loop.md.j2"
    assert {rendered.source_map()(n).file for n in range(1, 9)} == {"loop.md.j2"}


def test_source_map_literal_lines_before_the_loop(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(tmp_path, "loop.md.j2", LOOP_TEMPLATE, items=["a", "b", "c"])
    lines = mapped_lines(rendered)
    assert (lines["Titlu"], lines["Introducere"]) == (1, 2)


def test_source_map_later_loop_iterations_give_the_loop_body_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(tmp_path, "loop.md.j2", LOOP_TEMPLATE, items=["a", "b", "c"])
    lines = mapped_lines(rendered)
    assert (lines["Punct b"], lines["Punct c"]) == (LOOP_BODY, LOOP_BODY)


def test_source_map_first_loop_iteration_gives_the_loop_body_line(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(tmp_path, "loop.md.j2", LOOP_TEMPLATE, items=["a", "b", "c"])
    assert mapped_lines(rendered)["Punct a"] == LOOP_BODY


def test_source_map_literal_lines_after_the_loop(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(tmp_path, "loop.md.j2", LOOP_TEMPLATE, items=["a", "b", "c"])
    lines = mapped_lines(rendered)
    assert (lines["Încheiere"], lines["Semnătură"]) == (6, 7)


def test_source_map_literal_lines_after_a_multiline_comment(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    template = "Titlu\n{## a note\nover two lines ##}\nText\nMai mult text\n"
    rendered = render_file(tmp_path, "c.md.j2", template)
    assert rendered.text == "Titlu\nText\nMai mult text\n"
    lines = mapped_lines(rendered)
    assert (lines["Titlu"], lines["Text"], lines["Mai mult text"]) == (1, 4, 5)


def test_source_map_outside_the_rendered_text_falls_back_to_the_template(
    tmp_path: Path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    rendered = render_file(tmp_path, "loop.md.j2", LOOP_TEMPLATE, items=["a"])
    assert rendered.source_map()(999).file == "loop.md.j2"


# ---------------------------------------------------------------- problems at template lines

FRONT_MATTER = "---\ntitle: Test\ntype: law\nlang: ro\n---\n"

BROKEN_AFTER_COMMENT = FRONT_MATTER + (
    "{## The ministry asked us to\nkeep this article short. ##}\n"
    "\n"
    "### Articolul. Obiectul {#scope}\n"
    "\n"
    "(1) Se aplică [](#nope).\n"
)
BROKEN_AFTER_LOOP = FRONT_MATTER + (
    "\n"
    "### Articolul. Obiectul {#scope}\n"
    "\n"
    "{% for x in items %}\n"
    "({{ loop.index }}) Punctul {{ x }}.\n"
    "{% endfor %}\n"
    "(6) Se aplică [](#nope).\n"
)


def build_template(tmp_path: Path, source: str) -> tuple[Rendered, list[Problem]]:
    rendered = render_file(tmp_path, "draft.md.j2", source, items=["a", "b", "c", "d", "e"])
    problems = Problems()
    built = build_document(
        rendered.text,
        rendered.template,
        load_reference(None),
        problems,
        source_map=rendered.source_map(),
        lang="ro",
    )
    assert built is None
    return rendered, problems.errors


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(BROKEN_AFTER_COMMENT, id="after-multiline-comment"),
        pytest.param(BROKEN_AFTER_LOOP, id="after-loop"),
    ],
)
def test_broken_reference_is_reported_at_its_template_line(
    tmp_path: Path, monkeypatch, source: str
):
    monkeypatch.chdir(tmp_path)
    rendered, errors = build_template(tmp_path, source)
    template_line = line_of(source, "[](#nope)")
    assert line_of(rendered.text, "[](#nope)") != template_line  # the case is meaningful
    assert [(p.location.file, p.location.line) for p in errors] == [("draft.md.j2", template_line)]
    assert "nope" in errors[0].message


@pytest.mark.parametrize("source", [BROKEN_AFTER_COMMENT, BROKEN_AFTER_LOOP])
def test_broken_reference_in_a_template_is_reported_in_the_template_file(
    tmp_path: Path, monkeypatch, source: str
):
    monkeypatch.chdir(tmp_path)
    _, errors = build_template(tmp_path, source)
    assert len(errors) == 1
    assert errors[0].location.file == "draft.md.j2"
    assert "nope" in errors[0].message
