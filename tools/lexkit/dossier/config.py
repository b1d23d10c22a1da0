"""dossier.yaml: the typed description of a dossier, validated with every error reported.

Example::

    title:
      ro: Protecția copiilor ...
      en: Protecting children ...
    languages: [ro, en]
    author: Consultant juridic național
    date: 2025-10-31
    data:
      offences: data/offences.csv
    deliverables:
      - id: draft-law
        template: draft-law.md.j2

The schema below is the reference documentation: each field says its default and its
allowed values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lexkit.dossier.kinds import DOSSIER_KINDS, KINDS, DossierKind, kinds_for
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.io.safe_yaml import load_yaml, yaml_problem
from lexkit.language import LANGS, Lang

DOSSIER_FILE = "dossier.yaml"


class DeliverableConfig(BaseModel):
    """One document the dossier builds."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """A short name in lower case with dashes, e.g. ``draft-law``. Required."""
    kind: str = "document"
    """What the deliverable is, one of :data:`~lexkit.dossier.kinds.KINDS`: ``document`` (a
    DOCX from a template), ``to-verify`` (an XLSX listing every fact the documents before it
    use from data rows whose status is "to verify"), ``comparative-table`` (a DOCX: for each
    act an earlier deliverable amends, the wording in force beside the proposed wording) or
    ``consolidated`` (for each such act whose wording in force the dossier has, a DOCX
    ``<output>-<act>.docx`` of the act as the amendments leave it)."""
    template: str | None = None
    """The template file, looked up in the dossier's ``templates/<lang>/``, ``templates/``,
    then the shared ``templates/<lang>/`` and ``templates/``. Required for a document."""
    output: str | None = None
    """The output file name without ``.docx``. Default: the id."""
    languages: list[Lang] | None = None
    """The languages this deliverable is built in. Default: all of the dossier's."""
    law: str | None = None
    """For a comparative table or consolidated acts: the id of the amending law they
    read. Default: every deliverable before it that amends other acts (``@insert`` ...)."""
    after_consultation: bool = False
    """The official edition leaves it out until the consultation has run (comments are in
    the register): a consultation report has nothing to say before. The working edition
    always builds it."""

    @model_validator(mode="after")
    def _needs_a_template(self) -> DeliverableConfig:
        # An unknown kind is said by load_dossier, which knows the dossier's kind.
        kind = KINDS.get(self.kind)
        if kind is not None and kind.needs_template and not self.template:
            raise ValueError(f"a {self.kind} needs 'template:'")
        return self

    @property
    def stem(self) -> str:
        return self.output or self.id

    @property
    def filename(self) -> str:
        kind = KINDS.get(self.kind)
        return f"{self.stem}{kind.suffix if kind else '.docx'}"


class DataSource(BaseModel):
    """A data file with the schema that checks it."""

    model_config = ConfigDict(extra="forbid")

    file: str
    """The data file, relative to the dossier. Required."""
    schema_: str | None = Field(default=None, alias="schema")
    """A schema file (see README, 'Data and schemas'), relative to the dossier."""


class SourceMapping(BaseModel):
    """How lexkit reads the files of one source (a platform's exports, an NGO's tables)."""

    model_config = ConfigDict(extra="forbid")

    files: str
    """The files it applies to: a file-name pattern such as ``regulations-*.csv``. Required."""
    map: dict[str, str | list[str]] = Field(min_length=1)
    """Each field and the column that holds it, as ``--map FIELD=COLUMN`` takes them: an
    exact header, a glob pattern of it, or a column letter; a list names several columns
    (``comment: ["Q1*", "Q2*"]``). Required."""

    def rules(self) -> list[str]:
        """The mapping as ``FIELD=COLUMN`` texts, in order."""
        out = []
        for target, columns in self.map.items():
            for column in [columns] if isinstance(columns, str) else columns:
                out.append(f"{target}={column}")
        return out


class ConsultationConfig(BaseModel):
    """The public consultation's settings."""

    model_config = ConfigDict(extra="forbid")

    mappings: list[SourceMapping] = Field(default_factory=list)
    """Saved column mappings, each for the files whose name matches its pattern; the
    command line's ``--map`` wins over them. Default: none."""


class DossierConfig(BaseModel):
    """The whole of dossier.yaml."""

    model_config = ConfigDict(extra="forbid")

    title: str | dict[Lang, str]
    """The dossier's title, one string or one per language (``ro:``, ``en:``). Required."""
    kind: str = "legislation"
    """What kind of dossier it is, one of the registered dossier kinds: ``legislation`` (a
    draft law and its package) or ``psea`` (a PSEA officer's pack). The kind brings the
    schemas of its data, its own kinds of deliverable and its family of checks."""
    settings: dict[str, Any] = Field(default_factory=dict)
    """What the dossier's kind needs to know beyond its data (a ``psea`` dossier: its
    organisation, the work plan's period, the report date ...). Default: none."""
    languages: list[Lang] = Field(default_factory=lambda: list(LANGS), min_length=1)
    """The languages to build: ``ro``, ``en``. Default: both."""
    author: str = ""
    """The author shown in document properties. Default: empty."""
    date: dt.date | None = None
    """The dossier's date (YYYY-MM-DD); also the documents' fixed creation date."""
    data: dict[str, str | DataSource] = Field(default_factory=dict)
    """Data for the templates, by name: a path relative to the dossier (CSV, XLSX, YAML or
    JSON), or ``{file: ..., schema: ...}`` to check a table against a schema. Templates
    read them as ``data.<name>``."""
    reference: str | None = None
    """The Word styles: a reference.docx path relative to the dossier. Default: the
    project's ``templates/reference.docx``."""
    deliverables: list[DeliverableConfig] = Field(min_length=1)
    """The documents to build. Required, at least one; ids must differ."""
    consultation: ConsultationConfig = Field(default_factory=ConsultationConfig)
    """The public consultation: ``mappings`` of stakeholders' files. Default: none."""

    def title_in(self, lang: Lang) -> str:
        if isinstance(self.title, str):
            return self.title
        return self.title.get(lang) or next(iter(self.title.values()), "")

    def data_sources(self) -> dict[str, tuple[str, str | None]]:
        """Each data name with its file and schema (None when unchecked): the schema
        dossier.yaml names, else the one the dossier's kind brings for a table of that name
        (an absolute path)."""
        kind = DOSSIER_KINDS.get(self.kind)
        sources: dict[str, tuple[str, str | None]] = {}
        for name, source in self.data.items():
            file, schema = (
                (source, None) if isinstance(source, str) else (source.file, source.schema_)
            )
            if schema is None and kind is not None and (own := kind.schema_for(name)):
                schema = str(own)
            sources[name] = (file, schema)
        return sources

    def languages_of(self, deliverable: DeliverableConfig) -> list[Lang]:
        wanted = deliverable.languages or self.languages
        return [lang for lang in self.languages if lang in wanted]


@dataclass(frozen=True)
class Dossier:
    """A validated dossier: its folder, name and configuration, and its ``settings:`` as
    the model of its kind (None when the kind reads none)."""

    path: Path
    config: DossierConfig
    settings: BaseModel | None = None

    @property
    def kind(self) -> DossierKind:
        return DOSSIER_KINDS[self.config.kind]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def config_file(self) -> Path:
        return self.path / DOSSIER_FILE

    @property
    def reference(self) -> Path | None:
        """The dossier's own reference.docx (``reference:``), if it names one."""
        return self.path / self.config.reference if self.config.reference else None


def kind_of(path: Path) -> str:
    """The kind a dossier's dossier.yaml says (``legislation`` when it says none, or cannot
    be read: loading it then says what is wrong)."""
    try:
        raw = load_yaml((path / DOSSIER_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "legislation"
    kind = raw.get("kind") if isinstance(raw, dict) else None
    return kind if isinstance(kind, str) else "legislation"


def load_dossier(path: Path) -> Dossier:
    """Read and validate ``path/dossier.yaml``; raises LexkitError listing every problem."""
    file = path / DOSSIER_FILE
    shown = display_path(file)
    if not file.is_file():
        raise LexkitError(
            Problem(
                Location(shown),
                f"no {DOSSIER_FILE} in {display_path(path)}",
                "create it; see README, 'dossier.yaml'",
                code="P001",
            )
        )
    text = file.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        raw: Any = load_yaml(text)
    except yaml.YAMLError as error:
        raise LexkitError(yaml_problem(shown, error, code="P001")) from error
    if not isinstance(raw, dict):
        raise LexkitError(
            Problem(
                Location(shown, 1),
                "dossier.yaml must be a mapping of settings",
                "start from the example in README, 'dossier.yaml'",
                code="P001",
            )
        )
    problems = Problems()
    _repeated_deliverable_ids(raw, node, shown, problems)
    try:
        config = DossierConfig.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            problems.add(
                Location(shown, _yaml_line(node, loc)),
                f"{_dotted(loc)}: {_plain_message(item)}",
                _fix_for(item),
                code="P001",
            )
        raise LexkitError(problems.items) from error
    _kinds_known(config, node, shown, problems)
    settings = _kind_settings(config, node, shown, problems)
    problems.raise_if_errors()
    return Dossier(path, config, settings)


def _kinds_known(config: DossierConfig, node: Any, shown: str, problems: Problems) -> None:
    """The dossier's kind is registered, it has the data its kind needs, and each
    deliverable is of a kind this dossier may ask for."""
    kind = DOSSIER_KINDS.get(config.kind)
    if kind is None:
        problems.add(
            Location(shown, _yaml_line(node, ("kind",))),
            f"kind: expected one of {', '.join(DOSSIER_KINDS)}; got {config.kind!r}",
            "check the spelling; the kinds of dossier are listed in README, 'dossier.yaml'",
            code="P001",
        )
        return
    missing = [table for table in kind.tables if table not in config.data]
    if missing:
        problems.add(
            Location(shown, _yaml_line(node, ("data",))),
            f"a {kind.name} dossier needs the data {', '.join(missing)}",
            "name each under 'data:' with its file; see README for the tables and their columns",
            code="P001",
        )
    allowed = kinds_for(kind.name)
    for index, deliverable in enumerate(config.deliverables):
        if deliverable.kind not in allowed:
            problems.add(
                Location(shown, _yaml_line(node, ("deliverables", index, "kind"))),
                f"deliverables.{index}.kind: expected one of {', '.join(allowed)}; "
                f"got {deliverable.kind!r}",
                "check the spelling; the kinds of deliverable are in README, 'dossier.yaml'",
                code="P001",
            )


def _kind_settings(
    config: DossierConfig, node: Any, shown: str, problems: Problems
) -> BaseModel | None:
    """``settings:`` checked against the model of the dossier's kind."""
    kind = DOSSIER_KINDS.get(config.kind)
    if kind is None or kind.settings is None:
        if config.settings:
            problems.add(
                Location(shown, _yaml_line(node, ("settings",))),
                f"a {config.kind} dossier reads no settings",
                "remove 'settings:'",
                code="P001",
            )
        return None
    try:
        return kind.settings.model_validate(config.settings)
    except ValidationError as error:
        for item in error.errors():
            loc = ("settings", *item["loc"])
            problems.add(
                Location(shown, _yaml_line(node, loc)),
                f"{_dotted(loc)}: {_plain_message(item)}",
                _fix_for(item),
                code="P001",
            )
    return None


def _repeated_deliverable_ids(
    raw: dict[str, Any], node: Any, shown: str, problems: Problems
) -> None:
    """Checked on the raw YAML, so it is reported even when a deliverable has other faults."""
    items = raw.get("deliverables")
    if not isinstance(items, list):
        return
    first_index: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first_index:
            first = _yaml_line(node, ("deliverables", first_index[ident]))
            problems.add(
                Location(shown, _yaml_line(node, ("deliverables", index))),
                f"deliverables: the id {ident!r} is used twice (first on line {first})",
                "give each deliverable its own id",
                code="P001",
            )
        else:
            first_index[ident] = index


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _plain_message(item: Any) -> str:
    kind = item["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return f"is not a setting lexkit knows (value {item.get('input')!r})"
    if kind == "value_error":
        return str(item.get("ctx", {}).get("error", item["msg"]))
    if kind == "literal_error":
        return f"expected one of ro, en; got {item.get('input')!r}"
    return f"{item['msg']} (got {item.get('input')!r})"


def _fix_for(item: Any) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        return "check the spelling; the settings are listed in README, 'dossier.yaml'"
    if kind == "missing":
        return "add it; see README, 'dossier.yaml'"
    return ""


def _yaml_line(node: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the value at ``loc`` (or its nearest parent) in the YAML."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(key):
                    child = value_node
                    line = key_node.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
