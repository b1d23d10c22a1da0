"""The README documents what the code does: commands, dialect words, filters, styles, settings."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from lexkit.cli import main
from lexkit.dossier.config import DeliverableConfig, DossierConfig
from lexkit.dossier.templating import FILTERS
from lexkit.engine.writers.docx.styles import Style
from lexkit.language import WORDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    code_blocks = README.split("```")
    assert "make demo" in code_blocks[1]
    assert "make test" in code_blocks[1]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme_and_has_help(name):
    command = main.commands[name]
    assert f"lexkit {name}" in README
    assert command.help
    assert isinstance(command, click.Command)


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_every_structural_word_is_in_the_readme(lang):
    words = WORDS[lang]
    for word in (words.chapter, words.section, words.article, words.annex):
        assert word in README, word


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_every_filter_is_in_the_readme(name):
    assert f"`{name}`" in README


@pytest.mark.parametrize("style", list(Style))
def test_every_style_is_in_the_readme(style):
    assert style.value in README


@pytest.mark.parametrize(
    "field", sorted({*DossierConfig.model_fields, *DeliverableConfig.model_fields})
)
def test_every_dossier_setting_is_in_the_readme(field):
    assert f"`{field}" in README


def test_the_readme_lists_every_problem_code_as_the_catalogue_has_it():
    from lexkit.codes import CATALOGUE

    section = README.split("## lexkit check", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([A-Z]\d{3}) \| `([a-z-]+)` \| (\w+)( \(fixable\))? \|", section, re.M)
    listed = {code: (name, severity, bool(fixable)) for code, name, severity, fixable in rows}
    expected = {c.code: (c.name, str(c.severity), c.fixable) for c in CATALOGUE.values()}
    assert listed == expected
    assert len(rows) == len(CATALOGUE)  # each once


def test_every_code_the_checks_use_is_in_the_catalogue():
    from lexkit.codes import CATALOGUE

    source = Path(__file__).resolve().parents[1] / "tools" / "lexkit"
    used = set()
    for path in source.rglob("*.py"):
        used |= set(re.findall(r'code="([A-Z]\d{3})"', path.read_text(encoding="utf-8")))
    assert used <= set(CATALOGUE)
    # every check code (D, S, L, C, F) is raised somewhere
    checks = {c for c in CATALOGUE if c[0] in "DSLCF"}
    assert checks <= used
