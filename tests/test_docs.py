"""The README documents what the code does: commands, dialect words, filters, styles, settings."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from lexkit.cli import main
from lexkit.config import DeliverableConfig, DossierConfig
from lexkit.language import WORDS
from lexkit.styles import Style
from lexkit.templating import FILTERS

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
