"""Build a dossier: every deliverable in every language, then write them all at once.

The recipe: load dossier.yaml, the data and the Word styles; for each language, make each
deliverable by its kind (:data:`lexkit.dossier.kinds.KINDS`) *in memory*; run the checks;
stop with every problem if any input is wrong; only then replace
``output/<dossier>/<lang>/`` in one rename, with its ``manifest.json``. A failed build
therefore leaves the previous output untouched.

This module is the orchestrator: the stages below it never build a dossier themselves.
What they need of one (the documents for the consultation form, a reviewed document's
provisions, a version to compare) the API builds here and passes down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lexkit import __version__
from lexkit.checks.run import run_checks
from lexkit.checks.subject import Subject
from lexkit.consult.analysis import charts, consultation_context
from lexkit.consult.register import Register, register_path
from lexkit.dossier.config import Dossier, load_dossier
from lexkit.dossier.kinds import KINDS, Consultation, Work, acts_in_force
from lexkit.dossier.tables import load_data
from lexkit.dossier.templating import RecordingLoader, make_environment, template_search_path
from lexkit.dossier.to_verify import Tracker
from lexkit.engine.diff import Summary, compare_documents
from lexkit.engine.model import Document, provisions
from lexkit.engine.writers.docx.reference import ReferenceDocument, load_reference
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.io.files import replace_directory, write_atomically
from lexkit.language import Lang
from lexkit.project import DRAFTS, BuildSettings
from lexkit.review.compare import RevisionTree, revision_trees


def dossier_paths(settings: BuildSettings, names: Sequence[str]) -> list[Path]:
    """The dossiers named (a name in drafts/ or a folder path), or all of them."""
    drafts = settings.root / DRAFTS
    if not names:
        found = sorted(p for p in drafts.glob("*") if (p / "dossier.yaml").is_file())
        if not found:
            raise LexkitError(
                Problem(
                    Location(display_path(drafts)),
                    "no dossier found",
                    "create drafts/<name>/dossier.yaml, or name a dossier folder",
                    code="P001",
                )
            )
        return found
    paths = []
    for name in names:
        in_drafts = drafts / name
        paths.append(in_drafts if in_drafts.is_dir() else Path(name))
    return paths


# ---------------------------------------------------------------- loading


@dataclass
class BuildResult:
    dossier: str
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Inputs:
    """What every language of a build shares: the dossier, its data, the Word styles."""

    dossier: Dossier
    data: dict[str, Any]
    reference_path: Path | None
    reference: ReferenceDocument
    problems: Problems
    register: Path | None  # the consultation register, when comments have been received
    # Wordings in force already read, by file: one read by both languages is read once
    # (and its problems said once).
    in_force: dict[Path, Document] = field(default_factory=dict)


@dataclass
class _Language:
    """One language of a build, made: the work its deliverables did, and the templates read."""

    work: Work
    templates: set[str]


def _load_inputs(path: Path, settings: BuildSettings) -> _Inputs:
    dossier = load_dossier(path)
    problems = Problems()
    inside = (dossier.path, settings.shared_templates)
    data = load_data(dossier.path, dossier.config.data_sources(), problems, inside)
    reference_path = settings.reference_path(dossier.reference)
    register = register_path(settings.root, dossier.name)
    return _Inputs(
        dossier, data, reference_path, load_reference(reference_path), problems,
        register if register.is_file() else None,
    )  # fmt: skip


# ---------------------------------------------------------------- one language


def _build_language(inputs: _Inputs, settings: BuildSettings, lang: Lang) -> _Language:
    """Every deliverable of one language, in dossier.yaml's order, in memory."""
    dossier, config = inputs.dossier, inputs.dossier.config
    search = template_search_path(dossier.path, settings.shared_templates, lang)
    loader = RecordingLoader(search)
    tracker = Tracker()
    acts, in_force = acts_in_force(dossier.path, lang, inputs.problems, inputs.in_force)
    work = Work(
        lang=lang,
        dossier_path=dossier.path,
        config_file=dossier.config_file,
        context={
            "lang": lang,
            "dossier": {
                "name": dossier.name,
                "title": config.title_in(lang),
                "author": config.author,
                "date": config.date.isoformat() if config.date else "",
            },
            "data": tracker.wrap(inputs.data),
        },
        env=make_environment(search, loader),
        reference=inputs.reference,
        problems=inputs.problems,
        tracker=tracker,
        consultation=_consultation(inputs.register, lang),
        acts=acts,
        in_force=in_force,
        picture_folders=(dossier.path, settings.shared_templates),
    )
    for deliverable in config.deliverables:
        if lang in config.languages_of(deliverable):
            KINDS[deliverable.kind].make(deliverable, work)
    return _Language(work, loader.files)


def _consultation(register: Path | None, lang: Lang) -> Consultation:
    """What the templates of ``lang`` are told of the consultation, from the register."""

    def consultation(
        documents: dict[str, Document],
    ) -> tuple[dict[str, Any] | None, dict[str, bytes]]:
        if register is None:  # no comment received yet
            return None, {}
        order = [
            (doc_id, str(p["label"]))
            for doc_id, document in documents.items()
            for p in provisions(document, every_unit=True)
        ]
        with Register(register) as opened:
            context = consultation_context(opened, lang, order)
        return context, charts(context, lang)

    return consultation


def built_documents(path: Path, settings: BuildSettings, lang: Lang) -> dict[str, Document]:
    """The dossier's documents in one language, built in memory (nothing is written);
    raises LexkitError when an input has errors."""
    inputs = _load_inputs(path, settings)
    # Their provisions are what is wanted: the consultation's figures and charts (read
    # from the register, 0.5 s) would change none of them.
    inputs.register = None
    documents = _build_language(inputs, settings, lang).work.documents
    inputs.problems.raise_if_errors()
    return documents


# ---------------------------------------------------------------- every language, checked


@dataclass
class Assembly:
    """A dossier built in memory in some languages: nothing written yet."""

    inputs: _Inputs
    languages: dict[Lang, _Language]

    @property
    def problems(self) -> Problems:
        return self.inputs.problems

    def input_files(self) -> list[Path]:
        templates = set().union(*(built.templates for built in self.languages.values()))
        in_force = {
            str(p) for built in self.languages.values() for p in built.work.in_force.values()
        }
        return _input_files(self.inputs.dossier, self.inputs.reference_path, templates | in_force)

    def subject(self) -> Subject:
        """What ``lexkit check`` looks at: the data, the documents, the files edited."""
        sources = [p for p in self.input_files() if p.suffix.lower() not in _BINARY and p.is_file()]
        return Subject(
            dossier=self.inputs.dossier,
            data=self.inputs.data,
            documents={lang: built.work.documents for lang, built in self.languages.items()},
            sources=sources,
            register=self.inputs.register,
            failed={(lang, d) for lang, built in self.languages.items() for d in built.work.failed},
        )


_BINARY = {".docx", ".xlsx", ".xls", ".ods"}


def assemble(path: Path, settings: BuildSettings, langs: Iterable[Lang] | None = None) -> Assembly:
    """Build every deliverable of the dossier at ``path`` in memory, in ``langs`` (all of
    the dossier's when None), collecting problems; raises LexkitError only when
    dossier.yaml itself cannot be read."""
    inputs = _load_inputs(path, settings)
    wanted = [
        lang for lang in inputs.dossier.config.languages if langs is None or lang in set(langs)
    ]
    return Assembly(inputs, {lang: _build_language(inputs, settings, lang) for lang in wanted})


def check_dossier(path: Path, settings: BuildSettings) -> list[Problem]:
    """Every problem ``lexkit check`` finds in the dossier at ``path``: those of the build
    stages and those of the checks (:mod:`lexkit.checks`)."""
    try:
        assembly = assemble(path, settings)
    except LexkitError as error:
        return error.problems
    return findings(assembly)


def findings(assembly: Assembly) -> list[Problem]:
    """The problems of an assembled dossier: its build stages', then its checks'."""
    return [*assembly.problems.items, *run_checks(assembly.subject())]


# ---------------------------------------------------------------- written


def build_dossier(
    path: Path,
    settings: BuildSettings,
    langs: Iterable[Lang] | None = None,
    *,
    strict: bool = False,
) -> BuildResult:
    """Build every deliverable of the dossier at ``path`` and run the checks; raises
    LexkitError with every problem found, before anything is written, when any is an
    error (or, with ``strict``, a warning)."""
    assembly = assemble(path, settings, langs)
    inputs = assembly.inputs
    dossier = inputs.dossier
    inputs.problems.extend(run_checks(assembly.subject()))
    inputs.problems.raise_if_errors()
    if strict and inputs.problems.items:
        raise LexkitError(inputs.problems.items)
    input_files = assembly.input_files()
    if inputs.register is not None:
        input_files.append(inputs.register)
    result = BuildResult(dossier.name, warnings=inputs.problems.warnings)
    for lang, built in assembly.languages.items():
        target = settings.output / dossier.name / lang
        made = built.work.files
        manifest = _manifest(dossier.name, lang, made, input_files, settings.root)
        files = {**made, "manifest.json": manifest}
        replace_directory(target, files)
        result.written.extend(target / name for name in sorted(files))
    _write_dossier_manifest(settings.output / dossier.name)
    return result


def _input_files(dossier: Dossier, reference: Path | None, templates: set[str]) -> list[Path]:
    files = [dossier.config_file]
    for file, schema in dossier.config.data_sources().values():
        files.append(dossier.path / file)
        if schema is not None:
            files.append(dossier.path / schema)
    files += [Path(t) for t in sorted(templates)]
    if reference is not None:
        files.append(reference)
    return files


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _manifest(
    dossier: str, lang: str, files: dict[str, bytes], inputs: list[Path], root: Path
) -> bytes:
    """What was built from what: SHA-256 of every output and input, and the lexkit version.
    No dates, so that the same inputs give the same manifest."""
    manifest = {
        "dossier": dossier,
        "lang": lang,
        "lexkit": __version__,
        "outputs": {
            name: {"sha256": sha256(data), "bytes": len(data)}
            for name, data in sorted(files.items())
        },
        "inputs": {
            _relative(path, root): sha256(path.read_bytes()) if path.is_file() else None
            for path in inputs
        },
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _write_dossier_manifest(folder: Path) -> None:
    """output/<dossier>/manifest.json: the manifests of every language built so far."""
    languages = {}
    for child in sorted(folder.iterdir()):
        manifest = child / "manifest.json"
        if child.is_dir() and manifest.is_file():
            languages[child.name] = json.loads(manifest.read_text(encoding="utf-8"))
    combined = {"dossier": folder.name, "lexkit": __version__, "languages": languages}
    text = json.dumps(combined, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomically(folder / "manifest.json", text.encode())


# ---------------------------------------------------------------- one deliverable at two revisions


def compare_revisions(
    old_revision: str,
    new_revision: str,
    dossier: str,
    deliverable: str,
    *,
    lang: Lang = "ro",
    root: Path,
    author: str | None = None,
    date: dt.date | dt.datetime | None = None,
) -> tuple[bytes, Summary]:
    """Compare one deliverable of a dossier at two git revisions of the project (a commit,
    tag or branch; ``.`` for the files as they are now): the DOCX of the new one with the
    differences as revisions, and the summary.

    Each revision's dossier and shared templates/ are extracted into a temporary folder
    and built there in memory (without the consultation register, which git does not
    hold). The Word styles are the new revision's. Raises LexkitError when a revision, the
    dossier or the deliverable is not there, or a version has errors.
    """
    with revision_trees(root, (old_revision, new_revision), dossier) as trees:
        (before, _), (after, styles) = [_version(tree, deliverable, lang) for tree in trees]
    comparison = compare_documents(before, after, author, date)
    return write_docx(comparison.document, styles), comparison.summary


def _version(
    tree: RevisionTree, deliverable: str, lang: Lang
) -> tuple[Document, ReferenceDocument]:
    """The deliverable built from the project as it was at one revision, and its styles."""
    with tree.problems_placed():
        loaded = load_dossier(tree.dossier_path)
        tree.check_deliverable(loaded, deliverable, lang)
        documents = built_documents(tree.dossier_path, tree.settings, lang)
        styles = load_reference(tree.settings.reference_path(loaded.reference))
    return tree.pick(documents, deliverable), styles
