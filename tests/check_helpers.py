"""Minimal dossiers for the tests of ``lexkit check``, written in a test's tmp_path.

``Dossier(tmp_path)`` starts from a dossier that passes every check: a two-article law
in Romanian and English, and no data. A test changes one file, or adds a table, and
asserts the finding it expects (code, file, line, message) and that nothing else fires.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lexkit.build import check_dossier
from lexkit.errors import Problem
from lexkit.project import BuildSettings

LAW_RO = """\
---
title: "privind protecția copiilor"
type: law
lang: ro
---

### Articolul. Obiectul legii {#obiect}

(1) Prezenta lege stabilește regulile de verificare.

(2) Regulile se aplică angajatorilor.

### Articolul. Intrarea în vigoare {#final}

Prezenta lege intră în vigoare la data publicării; [](#obiect/2) se aplică după 6 luni.
"""

LAW_EN = """\
---
title: "on the protection of children"
type: law
lang: en
---

### Article. Subject matter {#obiect}

(1) This law lays down the rules on checks.

(2) The rules apply to employers.

### Article. Entry into force {#final}

This law enters into force on publication; [](#obiect/2) applies after 6 months.
"""


# The starting law's alineat (2), which a test replaces to put its case in the text.
RULES = "(2) Regulile se aplică angajatorilor."
RULES_EN = "(2) The rules apply to employers."


def law_ro_with(new: str) -> str:
    """The starting Romanian law with its alineat (2) replaced by ``new``."""
    assert RULES in LAW_RO
    return LAW_RO.replace(RULES, new)


def law_en_with(new: str) -> str:
    """The starting English law with its alineat (2) replaced by ``new``."""
    assert RULES_EN in LAW_EN
    return LAW_EN.replace(RULES_EN, new)


OFFENCES_SCHEMA = """\
key: key
columns:
  key: {type: id}
  article: {type: article}
  status: {type: choice, values: [confirmed, to verify]}
"""


@dataclass
class Dossier:
    """A dossier under ``root/drafts/demo`` whose files a test rewrites."""

    root: Path

    def __post_init__(self) -> None:
        self.path = self.root / "drafts" / "demo"
        for lang, text in (("ro", LAW_RO), ("en", LAW_EN)):
            self.template(lang, "law.md.j2", text)
        self.deliverables = ["law"]
        self.tables: dict[str, tuple[str, str | None]] = {}
        self.write_config()

    def template(self, lang: str, name: str, text: str) -> Path:
        path = self.path / "templates" / lang / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def law(self, ro: str | None = None, en: str | None = None) -> None:
        """Replace the law in one or both languages."""
        if ro is not None:
            self.template("ro", "law.md.j2", ro)
        if en is not None:
            self.template("en", "law.md.j2", en)

    def document(self, doc_id: str, ro: str, en: str) -> None:
        """Add a deliverable built from ``<doc_id>.md.j2`` in both languages."""
        self.template("ro", f"{doc_id}.md.j2", ro)
        self.template("en", f"{doc_id}.md.j2", en)
        self.deliverables.append(doc_id)
        self.write_config()

    def table(self, name: str, filename: str, text: str, schema: str | None = None) -> Path:
        """Add a data table (CSV or YAML) with an optional schema (YAML text)."""
        path = self.path / "data" / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        schema_file = None
        if schema is not None:
            schema_file = f"data/{Path(filename).stem}.schema.yaml"
            (self.path / schema_file).write_text(schema, encoding="utf-8")
        self.tables[name] = (f"data/{filename}", schema_file)
        self.write_config()
        return path

    def write_config(self) -> None:
        lines = ["title: Demo", "languages: [ro, en]"]
        if self.tables:
            lines.append("data:")
            for name, (file, schema) in self.tables.items():
                extra = f", schema: {schema}" if schema else ""
                lines.append(f"  {name}: {{file: {file}{extra}}}")
        lines.append("deliverables:")
        for doc_id in self.deliverables:
            lines += [f"  - id: {doc_id}", f"    template: {doc_id}.md.j2"]
        (self.path / "dossier.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def findings(self) -> list[Problem]:
        return check_dossier(self.path, BuildSettings(self.root))

    def codes(self) -> set[str]:
        return {p.code for p in self.findings()}

    def only(self, code: str) -> list[Problem]:
        """The findings with ``code``, after asserting there is no finding of another."""
        found = self.findings()
        others = [p.format() for p in found if p.code != code]
        assert not others, "\n".join(others)
        return [p for p in found if p.code == code]


def at(problem: Problem) -> tuple[str, int | None]:
    """(file relative to the dossier folder, line) of a finding."""
    file = problem.location.file
    marker = "drafts/demo/"
    return (file.split(marker, 1)[1] if marker in file else file), problem.location.line


def line_of(text: str, needle: str) -> int:
    """The 1-based line of ``text`` that holds ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)
