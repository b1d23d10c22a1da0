"""The README documents what the code does: commands, dialect words, filters, styles, settings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

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


def _command_lines(
    command: click.Command, line: str = "lexkit"
) -> Iterator[tuple[str, click.Command]]:
    """Every command and group of the CLI, under its full command line ("lexkit consult
    decisions export"), the root itself included."""
    yield line, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _command_lines(sub, f"{line} {name}")


COMMANDS = dict(_command_lines(main))
LEAVES = {line for line, command in COMMANDS.items() if not isinstance(command, click.Group)}


def _readme_command_lines() -> set[str]:
    """The command lines the README's table of commands documents: in each `lexkit ...` of
    its first column, the words before the first option or argument."""
    section = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    lines = set()
    for row in re.findall(r"^\| (.+?) \| ", section, re.M):
        for usage in re.findall(r"`(lexkit(?: [^`]*)?)`", row):
            lines.add(re.match(r"lexkit(?: [a-z][a-z-]*)*", usage).group())
    return lines - {"lexkit"}  # `lexkit --version`, `lexkit COMMAND --help`


def test_the_walk_finds_the_subcommands():
    assert {"lexkit build", "lexkit consult decisions export", "lexkit review ingest"} <= LEAVES


@pytest.mark.parametrize("line", sorted(COMMANDS))
def test_every_command_is_in_the_readme_and_has_help(line):
    command = COMMANDS[line]
    if line in LEAVES:  # a command to run: its own row in the table of commands
        assert line in _readme_command_lines(), f"no row for `{line}` in README, ## Commands"
    else:  # a group: the README shows its commands
        assert any(leaf.startswith(f"{line} ") for leaf in _readme_command_lines()), line
    assert command.help, f"`{line}` has no help"
    assert command.help.strip()
    words = line.split()[1:]
    shown = CliRunner().invoke(main, [*words, "--help"], prog_name="lexkit")
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(f"Usage: {line} "), shown.output
    assert " ".join(command.help.split()[:6]) in " ".join(shown.output.split())


def test_every_command_the_readme_lists_exists():
    assert _readme_command_lines() <= LEAVES


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
