"""The kinds of deliverable a dossier builds, in one table: what each makes, and how.

A deliverable's ``kind:`` in dossier.yaml names a :class:`Kind` of :data:`KINDS`;
dossier.yaml is checked against this table, and the build calls each deliverable's
``make`` in dossier.yaml's order, once per language, with the :class:`Work` of that
language. A new kind is one function and one line of the table.

- ``document``: a DOCX from a Jinja template (render, parse, number, write); when its
  template names the consultation's annex, also ``<output>-synthesis.xlsx``, the complete
  synthesis of recommendations;
- ``to-verify``: an XLSX of every fact the documents before it use from data rows whose
  status is "to verify";
- ``comparative-table``: a DOCX, for each act an earlier deliverable amends, of the
  wording in force beside the proposed wording;
- ``consolidated``: for each such act whose wording in force the dossier has, a DOCX
  ``<output>-<act>.docx`` of the act as the amendments leave it.

A dossier is of a kind too (:data:`DOSSIER_KINDS`, named by ``kind:`` in dossier.yaml):
``legislation``, the default, or one that a package registers with
:func:`register_dossier_kind` (``psea``, by :mod:`lexkit.psea.kind`). A dossier kind brings
the schemas of the tables it needs, the settings it reads, what it computes once for a build
and gives every template, the pictures its documents show, and kinds of deliverable of its
own; its family of checks is named for it in :mod:`lexkit.checks.run`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import jinja2
from pydantic import BaseModel

from lexkit.dossier.comparative_table import (
    ActWording,
    comparative_document,
    consolidated_document,
)
from lexkit.dossier.templating import render_template
from lexkit.dossier.to_verify import Entry, Tracker, entries_for, to_verify_xlsx
from lexkit.engine.amendments import Operation
from lexkit.engine.dialect import parse_document
from lexkit.engine.model import Document, Source, provisions
from lexkit.engine.numbering import number_document
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import ReferenceDocument
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import LexkitError, Location, Problems, display_path
from lexkit.language import Lang
from lexkit.project import Edition

IN_FORCE = "in-force"


class ConsultationView(Protocol):
    """The consultation as one deliverable sees it (the build makes it from the register)."""

    @property
    def context(self) -> Mapping[str, Any] | None:
        """``consultation`` in the template; None when no comment has been received."""
        ...

    def picture(self, name: str) -> bytes | None:
        """A chart as PNG, by picture name ("chart:…"); None for any other picture."""
        ...

    def files(self) -> dict[str, bytes]:
        """Files to write beside the document, by name: those its template told its reader
        of (the complete synthesis as an XLSX annex)."""
        ...


Consultation = Callable[[dict[str, Document], str], ConsultationView]
"""The consultation for one deliverable, given the documents built so far (the synthesis
follows their order) and the deliverable's file stem (a file it adds is named after it)."""


class Deliverable(Protocol):
    """What a kind reads of its entry in dossier.yaml
    (:class:`~lexkit.dossier.config.DeliverableConfig`)."""

    @property
    def id(self) -> str: ...

    @property
    def template(self) -> str | None: ...

    @property
    def law(self) -> str | None: ...

    @property
    def stem(self) -> str: ...

    @property
    def filename(self) -> str: ...


class BuiltDocuments(dict[str, dict[str, object]]):
    """The deliverables built so far, as templates see them (``documents.<id>``); asking
    for another one says why it is not there."""

    def __missing__(self, key: str) -> dict[str, object]:
        raise jinja2.UndefinedError(
            f"no built document {key!r}: it must be listed before this one in dossier.yaml, "
            "and build without errors (see its problems)"
        )


@dataclass
class Work:
    """One language of a build: what its deliverables read, and what they have made so far.

    The build fills in the first fields and calls each deliverable's kind in turn; each
    kind adds its files and documents, and its problems to ``problems``.
    """

    lang: Lang
    dossier_path: Path
    config_file: Path  # dossier.yaml: where a problem of the dossier's set-up is said
    context: dict[str, Any]  # what every template sees: lang, dossier, data (tracked)
    env: jinja2.Environment
    reference: ReferenceDocument
    problems: Problems
    tracker: Tracker
    consultation: Consultation
    acts: dict[str, Document]  # the wording in force of the amended acts, by act key
    in_force: dict[str, Path]  # act key -> the file of its wording in force
    picture_folders: tuple[Path, ...]  # where the pictures of its documents may lie
    edition: Edition = "working"
    # what the dossier's kind read once for the build (None for a legislative dossier)
    prepared: Any = None
    # the pictures the dossier's kind draws, by picture name (None: it draws none)
    pictures: Callable[[str], bytes | None] | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # deliverables with errors
    operations: dict[str, list[Operation]] = field(default_factory=dict)  # on other acts
    to_verify: list[Entry] = field(default_factory=list)
    for_templates: BuiltDocuments = field(default_factory=BuiltDocuments)


# ---------------------------------------------------------------- the kinds


def make_document(deliverable: Deliverable, work: Work) -> None:
    """Render the template, then parse, number and write the DOCX; the document's
    provisions are then seen by the templates of the deliverables after it."""
    work.tracker.deliverable = deliverable.id
    consultation = work.consultation(work.documents, deliverable.stem)
    try:
        context = {
            **work.context,
            "consultation": consultation.context,
            "deliverable": {"id": deliverable.id},
            "edition": work.edition,
            "documents": work.for_templates,
        }
        rendered = render_template(work.env, str(deliverable.template), context)
    except LexkitError as error:
        work.problems.extend(error.problems)
        work.failed.add(deliverable.id)
        return
    finally:
        work.tracker.deliverable = ""
    built = build_document(
        rendered.text,
        rendered.template,
        work.reference,
        work.problems,
        source_map=rendered.source_map(),
        lang=work.lang,
        assets=_pictures(work, consultation),
        acts=work.acts,
        picture_folders=work.picture_folders,
        edition=work.edition,
    )
    if built is None:
        work.failed.add(deliverable.id)
        return
    work.files[deliverable.filename] = built.data
    work.files.update(consultation.files())  # the synthesis annex, when it names it
    work.documents[deliverable.id] = built.document
    work.operations[deliverable.id] = built.operations
    work.to_verify += entries_for(built.document, deliverable.id, work.tracker)
    work.for_templates[deliverable.id] = {
        "title": built.document.meta.title,
        "provisions": provisions(built.document),
    }


def _pictures(work: Work, consultation: ConsultationView) -> Callable[[str], bytes | None]:
    """A picture by name: one the dossier's kind draws, else one of the consultation's."""
    drawn = work.pictures
    if drawn is None:
        return consultation.picture

    def picture(name: str) -> bytes | None:
        found = drawn(name)
        return found if found is not None else consultation.picture(name)

    return picture


def make_to_verify(deliverable: Deliverable, work: Work) -> None:
    """The to-verify list of the documents built before it."""
    work.files[deliverable.filename] = to_verify_xlsx(work.to_verify, work.lang)


def make_comparative_table(deliverable: Deliverable, work: Work) -> None:
    """The comparative table of the law ``deliverable.law`` (default: every deliverable
    built so far that amends other acts)."""
    found = _operations_of(deliverable, work)
    if found is None:
        return
    laws, operations = found
    titles = {op.act: op.citation for op in operations}
    acts, lang = work.acts, work.lang
    # Only a wording in force of the table's language is set beside the proposal.
    same = {act: doc for act, doc in acts.items() if doc.meta.lang == lang}
    folder = work.dossier_path / IN_FORCE / ("" if lang == "ro" else lang)
    wording = {
        act: ActWording(
            title or (acts[act].meta.title if act in acts else act),
            same.get(act),
            # Where the wording in force belongs: an aid, kept out of the official edition.
            display_path(work.in_force[act] if act in same else folder / f"{act}.md")
            if work.edition == "working"
            else "",
        )
        for act, title in titles.items()
    }
    law = work.documents[laws[0]]
    source = Source(display_path(work.config_file), 1)
    document = comparative_document(law, operations, wording, lang, source)
    work.files[deliverable.filename] = write_docx(document, work.reference)


def make_consolidated(deliverable: Deliverable, work: Work) -> None:
    """``<output>-<act>.docx``: each amended act whose wording in force (of this language)
    the dossier has, as the law's operations leave it."""
    found = _operations_of(deliverable, work)
    if found is None:
        return
    laws, operations = found
    law = work.documents[laws[0]]
    for act in dict.fromkeys(op.act for op in operations):
        in_force = work.acts.get(act)
        if in_force is None or in_force.meta.lang != work.lang:
            continue
        mine = [op for op in operations if op.act == act]
        document = consolidated_document(law, in_force, mine, work.lang)
        work.files[f"{deliverable.stem}-{act}.docx"] = write_docx(document, work.reference)


def _operations_of(
    deliverable: Deliverable, work: Work
) -> tuple[list[str], list[Operation]] | None:
    """The laws a comparative table or consolidation reads (``law:``, else every deliverable
    built so far that amends other acts) and their operations; None, with the problem
    said, when there is nothing to read."""
    out = work.operations
    laws = [deliverable.law] if deliverable.law else [d for d in out if out[d]]
    operations = [op for law in laws for op in out.get(law, [])]
    where = Location(display_path(work.config_file))
    if deliverable.law and deliverable.law not in work.documents:
        if deliverable.law not in work.failed:
            work.problems.add(
                where,
                f"the deliverable {deliverable.id!r} names the law {deliverable.law!r}, "
                "which is not a deliverable built before it",
                "list the law before it, or fix 'law:'",
                code="P001",
            )
        return None
    if not operations:
        if not work.failed:
            work.problems.add(
                where,
                f"the deliverable {deliverable.id!r} has nothing to compare: no "
                "deliverable before it amends another act (@insert, @replace ...)",
                "write the amendments as operations (README, 'Amendments'), or remove it",
                code="P001",
            )
        return None
    return laws, operations


# ---------------------------------------------------------------- the wording in force


def acts_in_force(
    dossier_path: Path, lang: Lang, problems: Problems, read: dict[Path, Document]
) -> tuple[dict[str, Document], dict[str, Path]]:
    """The wording in force of the acts the dossier amends, by act key, and the file of
    each: ``in-force/<lang>/<act>.md`` when there is one for this language, else
    ``in-force/<act>.md``. Each is legislative Markdown pasted from the official source,
    numbers as written there. ``read`` keeps the files already read, so that one read by
    both languages is read once (and its problems said once)."""
    folder = dossier_path / IN_FORCE
    paths = {p.stem: p for p in sorted(folder.glob("*.md"))}
    paths.update({p.stem: p for p in sorted((folder / lang).glob("*.md"))})
    acts: dict[str, Document] = {}
    for key, path in paths.items():
        if path not in read:
            text = path.read_text(encoding="utf-8")
            document = parse_document(text, display_path(path), problems=problems)
            number_document(document, problems)
            read[path] = document
        acts[key] = read[path]
    return acts, paths


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Kind:
    """A kind of deliverable: what dossier.yaml may ask for."""

    name: str
    make: Callable[[Deliverable, Work], None]
    suffix: str = ".docx"  # of the file it writes (``<output><suffix>``)
    needs_template: bool = False
    makes_document: bool = True  # a DOCX a reader opens (``lexkit compare`` can compare it)
    official: bool = True  # in the official edition too (not a drafting aid of its own)
    dossier_kind: str | None = None  # the only kind of dossier that may ask for it


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("document", make_document, needs_template=True),
        Kind("to-verify", make_to_verify, suffix=".xlsx", makes_document=False, official=False),
        Kind("comparative-table", make_comparative_table),
        Kind("consolidated", make_consolidated),
    )
}


def kinds_for(dossier_kind: str) -> list[str]:
    """The kinds of deliverable a dossier of ``dossier_kind`` may ask for."""
    return [name for name, kind in KINDS.items() if kind.dossier_kind in (None, dossier_kind)]


# ---------------------------------------------------------------- the kinds of dossier

Prepare = Callable[[Path, Any, dict[str, Any], Problems], Any]
"""What a dossier kind reads once for a build: given the dossier's folder, its settings (the
kind's model, validated), its data tables and the build's problems, the state that every
language and the checks share."""

Context = Callable[[Any, dict[str, Any], Lang], dict[str, Any]]
"""What a dossier kind adds to every template's context, given its prepared state, the data
as the templates read it (rows that record their use) and the language."""

Pictures = Callable[[Any, Lang], Callable[[str], bytes | None]]
"""The pictures a dossier kind draws for one language: a picture by name (None for a name
it does not know)."""


@dataclass(frozen=True)
class DossierKind:
    """A kind of dossier: what ``kind:`` in dossier.yaml may say, and what it brings."""

    name: str
    summary: str
    schemas: Path | None = None  # a folder of <table>.yaml schemas for the tables it reads
    tables: tuple[str, ...] = ()  # the data it needs, by name (each with a schema there)
    settings: type[BaseModel] | None = None  # the model of ``settings:`` in dossier.yaml
    prepare: Prepare | None = None
    # the files its prepared state was read from, besides the data (for the manifest)
    inputs: Callable[[Any], list[Path]] | None = None
    context: Context | None = None
    pictures: Pictures | None = None

    def schema_for(self, table: str) -> Path | None:
        """The schema this kind brings for a data table of that name, if any."""
        if self.schemas is None:
            return None
        path = self.schemas / f"{table}.yaml"
        return path if path.is_file() else None


LEGISLATION = DossierKind(
    "legislation",
    "a draft law and its package: note, regulation, annexes, matrix, consultation report",
)

DOSSIER_KINDS: dict[str, DossierKind] = {LEGISLATION.name: LEGISLATION}


def register_dossier_kind(kind: DossierKind, deliverables: Iterable[Kind] = ()) -> None:
    """Add a kind of dossier, with the kinds of deliverable only it may ask for."""
    DOSSIER_KINDS[kind.name] = kind
    for deliverable in deliverables:
        KINDS[deliverable.name] = deliverable
