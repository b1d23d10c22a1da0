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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lexkit.psea.kind  # noqa: F401  (importing it registers the psea kind of dossier)
from lexkit import __version__
from lexkit.checks.run import run_checks
from lexkit.checks.subject import Subject
from lexkit.consult.analysis import (
    SYNTHESIS_KEYS,
    ConsultationData,
    ConsultationReport,
    Synthesis,
    read_consultation,
)
from lexkit.consult.register import Register, register_path
from lexkit.dossier.config import DeliverableConfig, Dossier, load_dossier
from lexkit.dossier.kinds import KINDS, ConsultationView, Work, acts_in_force
from lexkit.dossier.tables import load_data
from lexkit.dossier.templating import RecordingLoader, make_environment, template_search_path
from lexkit.dossier.to_verify import Entry, Tracker
from lexkit.engine.diff import Summary, compare_documents
from lexkit.engine.model import Document, provisions
from lexkit.engine.writers.docx.reference import ReferenceDocument, load_reference
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.io.files import replace_directory, write_atomically
from lexkit.language import Lang
from lexkit.project import DRAFTS, OFFICIAL_FOLDER, BuildSettings, Edition
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
    settings: BuildSettings | None = None
    # The register as read for the report: read once, when a template of any language
    # first asks for the consultation.
    consultation: ConsultationData | None = None
    # The documents of each language, once all of them are built.
    documents: dict[Lang, dict[str, Document]] = field(default_factory=dict)
    register_labels: dict[str, list[str]] | None = None
    edition: Edition = "working"
    # what the dossier's kind read once for the build (None: nothing, or it could not)
    prepared: Any = None
    # whether its documents can be computed: it was read, and the data has no error
    computable: bool = False

    def consultation_data(self) -> ConsultationData:
        if self.consultation is None:
            assert self.register is not None
            with Register(self.register) as opened:
                self.consultation = read_consultation(opened)
        return self.consultation

    def labels_in_register(self) -> dict[str, list[str]]:
        """Each document's provisions as the register names them: the labels of the
        Romanian draft, which intake matched the comments to, in document order. Taken
        from this build's Romanian documents, else built in memory once (none when they
        cannot be built)."""
        if self.register_labels is None:
            romanian = self.documents.get(REGISTER_LANG)
            if romanian is None and self.settings is not None:
                try:
                    romanian = built_documents(self.dossier.path, self.settings, REGISTER_LANG)
                except LexkitError:
                    romanian = {}
            self.register_labels = {k: _labels(d) for k, d in (romanian or {}).items()}
        return self.register_labels


@dataclass
class _Language:
    """One language of a build, made: the work its deliverables did, and the templates read."""

    work: Work
    templates: set[str]


def _load_inputs(path: Path, settings: BuildSettings, edition: Edition = "working") -> _Inputs:
    dossier = load_dossier(path)
    kind = dossier.kind
    problems = Problems()
    # The schemas a dossier's kind brings are read from where the kind keeps them.
    inside = (dossier.path, settings.shared_templates, *filter(None, [kind.schemas]))
    data = load_data(dossier.path, dossier.config.data_sources(), problems, inside)
    reference_path = settings.reference_path(dossier.reference)
    register = register_path(settings.root, dossier.name)
    # What the kind reads once (its own files: the problems there are said with the data's);
    # its documents, which compute from the data, wait until the data has no error.
    data_wrong = bool(problems.errors)
    prepared = None
    if kind.prepare is not None:
        prepared = kind.prepare(dossier.path, dossier.settings, data, problems)
    return _Inputs(
        dossier, data, reference_path, load_reference(reference_path), problems,
        register if register.is_file() else None, settings=settings, edition=edition,
        prepared=prepared, computable=prepared is not None and not data_wrong,
    )  # fmt: skip


# ---------------------------------------------------------------- one language


def _build_language(inputs: _Inputs, settings: BuildSettings, lang: Lang) -> _Language:
    """Every deliverable of one language, in dossier.yaml's order, in memory."""
    dossier, config = inputs.dossier, inputs.dossier.config
    search = template_search_path(dossier.path, settings.shared_templates, lang)
    loader = RecordingLoader(search)
    tracker = Tracker()
    acts, in_force = acts_in_force(dossier.path, lang, inputs.problems, inputs.in_force)
    kind, prepared = dossier.kind, inputs.prepared
    data = tracker.wrap(inputs.data)
    own = kind.context(prepared, data, lang) if kind.context and inputs.computable else {}
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
            "data": data,
            **own,
        },
        env=make_environment(search, loader),
        reference=inputs.reference,
        problems=inputs.problems,
        tracker=tracker,
        consultation=_LanguageConsultation(inputs, lang),
        acts=acts,
        in_force=in_force,
        picture_folders=(dossier.path, settings.shared_templates),
        edition=inputs.edition,
        prepared=prepared,
        pictures=kind.pictures(prepared, lang) if kind.pictures and inputs.computable else None,
    )
    if kind.prepare is not None and not inputs.computable:
        return _Language(work, loader.files)  # its inputs have errors: they are said
    for deliverable in config.deliverables:
        if lang in config.languages_of(deliverable) and _in_edition(deliverable, inputs):
            KINDS[deliverable.kind].make(deliverable, work)
    inputs.documents[lang] = work.documents
    return _Language(work, loader.files)


def _in_edition(deliverable: DeliverableConfig, inputs: _Inputs) -> bool:
    """Whether the edition being built has the deliverable: the official one leaves out
    the drafting aids (the to-verify list), and what waits for the consultation until
    comments are in the register."""
    if inputs.edition == "working":
        return True
    if not KINDS[deliverable.kind].official:
        return False
    return not (deliverable.after_consultation and inputs.register is None)


class _LanguageConsultation:
    """The consultation for the deliverables of one language (a
    :data:`~lexkit.dossier.kinds.Consultation`).

    The register is read once for the whole build; what does not depend on the drafts is
    made once per language, the synthesis (with its charts and annex) once for each order
    of the drafts it depends on, which in practice is once per language: only the report
    asks for it. A deliverable whose template never mentions the consultation costs
    nothing.
    """

    def __init__(self, inputs: _Inputs, lang: Lang) -> None:
        self.inputs = inputs
        self.lang = lang
        self._report: ConsultationReport | None = None

    def __call__(self, documents: dict[str, Document], stem: str) -> ConsultationView:
        if self.inputs.register is None:  # no comment received yet
            return _NO_CONSULTATION
        built = dict(documents)  # as they are now: the deliverable is added after it renders
        return _Consultation(self, built, f"{stem}-synthesis.xlsx")

    def report(self) -> ConsultationReport:
        if self._report is None:
            self._report = ConsultationReport(self.inputs.consultation_data(), self.lang)
        return self._report

    def synthesis(self, documents: dict[str, Document]) -> Synthesis:
        """The synthesis for the documents built so far: in their order, which is the
        Romanian draft's in every language (so that the versions match unit for unit), its
        provisions named as this language's draft names them."""
        own = {doc_id: _labels(document) for doc_id, document in documents.items()}
        romanian = own if self.lang == REGISTER_LANG else self.inputs.labels_in_register()
        order: list[tuple[str, str]] = []
        shown: dict[tuple[str, str], str] = {}
        for doc_id, labels in own.items():
            theirs = romanian.get(doc_id, labels)
            order += [(doc_id, label) for label in theirs]
            if theirs is not labels and len(theirs) == len(labels):  # unit for unit
                shown.update(((doc_id, a), b) for a, b in zip(theirs, labels, strict=True))
        return self.report().synthesis(order, shown)


REGISTER_LANG: Lang = "ro"  # the language of the draft the register's provisions name


def _labels(document: Document) -> list[str]:
    """The document's provisions, by the label a comment is matched to ("anexa nr. 1,
    pct. 5" in an annex), in document order."""
    return [str(p["full_label"]) for p in provisions(document, every_unit=True)]


class _Consultation:
    """The consultation as one deliverable sees it, made when its template first reads it."""

    def __init__(
        self, language: _LanguageConsultation, documents: dict[str, Document], annex: str
    ) -> None:
        self.language = language
        self.documents = documents
        self._synthesis: Synthesis | None = None
        self.annex = annex  # the file name of this deliverable's annex
        self.annex_named = False  # whether its template said the annex's name
        self.context: Mapping[str, Any] | None = _LazyContext(self)

    def synthesis(self) -> Synthesis:
        if self._synthesis is None:
            self._synthesis = self.language.synthesis(self.documents)
        return self._synthesis

    def picture(self, name: str) -> bytes | None:
        return self.synthesis().charts.get(name) if name.startswith("chart:") else None

    def files(self) -> dict[str, bytes]:
        """The annex, when the template told its reader of it."""
        if self.annex_named and self.synthesis().needs_annex:
            return {self.annex: self.synthesis().annex}
        return {}


class _LazyContext(Mapping[str, Any]):
    """``consultation`` in a template, made as the template reads it: the counts of the
    language at the first key, the synthesis at the first of its keys; ``annex``, the
    name of this deliverable's annex (None when the report holds everything)."""

    def __init__(self, consultation: _Consultation) -> None:
        self._consultation = consultation

    def __bool__(self) -> bool:
        return True  # there are comments: the register exists

    def __getitem__(self, key: str) -> Any:
        consultation = self._consultation
        if key not in SYNTHESIS_KEYS:
            return consultation.language.report().context[key]
        synthesis = consultation.synthesis()
        if key != "annex":
            return synthesis.context[key]
        if not synthesis.needs_annex:
            return None
        consultation.annex_named = True
        return consultation.annex

    def __iter__(self) -> Iterator[str]:
        yield from self._consultation.language.report().context
        yield from SYNTHESIS_KEYS

    def __len__(self) -> int:
        return len(self._consultation.language.report().context) + len(SYNTHESIS_KEYS)


class _NoConsultation:
    """Before any comment is received: ``consultation`` is None."""

    context = None

    def picture(self, name: str) -> bytes | None:
        return None

    def files(self) -> dict[str, bytes]:
        return {}


_NO_CONSULTATION = _NoConsultation()


def prepared_state(path: Path, settings: BuildSettings) -> Any:
    """What the dossier's kind reads once for a build (a PSEA dossier's settings, tables,
    training register and progress), without building a document; raises LexkitError when
    its data has errors."""
    inputs = _load_inputs(path, settings)
    inputs.problems.raise_if_errors()
    return inputs.prepared


def built_documents(path: Path, settings: BuildSettings, lang: Lang) -> dict[str, Document]:
    """The dossier's documents in one language, built in memory (nothing is written);
    raises LexkitError when an input has errors."""
    inputs = _load_inputs(path, settings)
    # Their provisions are what is wanted: the consultation's figures, charts and annex
    # would change none of them.
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
        files = _input_files(self.inputs.dossier, self.inputs.reference_path, templates | in_force)
        kind, prepared = self.inputs.dossier.kind, self.inputs.prepared
        if kind.inputs is not None and prepared is not None:
            files += kind.inputs(prepared)
        return files

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
            operations={lang: built.work.operations for lang, built in self.languages.items()},
            edition=self.inputs.edition,
            prepared=self.inputs.prepared,
        )


_BINARY = {".docx", ".xlsx", ".xls", ".ods"}


def assemble(
    path: Path,
    settings: BuildSettings,
    langs: Iterable[Lang] | None = None,
    edition: Edition = "working",
) -> Assembly:
    """Build every deliverable of the dossier at ``path`` in memory, in ``langs`` (all of
    the dossier's when None) and in ``edition``, collecting problems; raises LexkitError
    only when dossier.yaml itself cannot be read."""
    inputs = _load_inputs(path, settings, edition)
    wanted = [
        lang for lang in inputs.dossier.config.languages if langs is None or lang in set(langs)
    ]
    return Assembly(inputs, {lang: _build_language(inputs, settings, lang) for lang in wanted})


def check_dossier(
    path: Path, settings: BuildSettings, edition: Edition = "working"
) -> list[Problem]:
    """Every problem ``lexkit check`` finds in the dossier at ``path`` built in ``edition``:
    those of the build stages and those of the checks (:mod:`lexkit.checks`)."""
    try:
        assembly = assemble(path, settings, edition=edition)
    except LexkitError as error:
        return error.problems
    return findings(assembly)


def findings(assembly: Assembly) -> list[Problem]:
    """The problems of an assembled dossier: its build stages', then its checks', then (in
    the official edition) each fact still to verify that its documents use."""
    return [*assembly.problems.items, *_reviewed(assembly)]


def _reviewed(assembly: Assembly) -> list[Problem]:
    """What the checks find in an assembled dossier, and (official edition) each fact
    still to verify that its documents use."""
    return [*run_checks(assembly.subject()), *_unverified(assembly)]


def _unverified(assembly: Assembly) -> list[Problem]:
    """In the official edition, a warning for each data row still "to verify" that its
    documents use: the file and row, the facts, and where they stand in which document."""
    if assembly.inputs.edition != "official":
        return []
    rows: dict[tuple[str, int], dict[str, dict[str, list[str]]]] = {}
    first: dict[tuple[str, int], Entry] = {}
    for lang, built in assembly.languages.items():
        for entry in built.work.to_verify:
            row = (entry.table, entry.line)
            first.setdefault(row, entry)
            places = rows.setdefault(row, {}).setdefault(entry.deliverable, {})
            places[lang] = entry.provisions
    problems: list[Problem] = []
    for (table, line), used in sorted(rows.items()):
        entry = first[(table, line)]
        where = "; ".join(
            f"{deliverable} ({_places(by_lang)})" for deliverable, by_lang in used.items()
        )
        facts = "; ".join(entry.facts) or entry.key
        source = f" ({entry.source})" if entry.source else ""
        problems.append(
            Problem(
                Location(table, line),
                f"a fact still to verify is in the official edition: {facts}; used in {where}",
                f"check it against its source{source} and set the row's status to confirmed; "
                "until then the working edition marks it, and --strict stops here",
                code="D010",
            )
        )
    return problems


def _places(by_lang: dict[str, list[str]]) -> str:
    """ "ro: art. I, art. III; en: Article I, Article III" (the text, when in no unit)."""
    return "; ".join(f"{lang}: {', '.join(units) or 'the text'}" for lang, units in by_lang.items())


def build_dossier(
    path: Path,
    settings: BuildSettings,
    langs: Iterable[Lang] | None = None,
    *,
    strict: bool = False,
    edition: Edition = "working",
) -> BuildResult:
    """Build every deliverable of the dossier at ``path`` in ``edition`` and run the
    checks; raises LexkitError with every problem found, before anything is written, when
    any is an error (or, with ``strict``, a warning). The working edition goes to
    ``output/<dossier>/<lang>/``, the official one to ``output/<dossier>/official/<lang>/``."""
    assembly = assemble(path, settings, langs, edition)
    inputs = assembly.inputs
    dossier = inputs.dossier
    inputs.problems.extend(_reviewed(assembly))
    inputs.problems.raise_if_errors()
    if strict and inputs.problems.items:
        raise LexkitError(inputs.problems.items)
    input_files = assembly.input_files()
    if inputs.register is not None:
        input_files.append(inputs.register)
    result = BuildResult(dossier.name, warnings=inputs.problems.warnings)
    folder = settings.output / dossier.name
    if edition == "official":
        folder = folder / OFFICIAL_FOLDER
    for lang, built in assembly.languages.items():
        target = folder / lang
        made = built.work.files
        manifest = _manifest(dossier.name, lang, edition, made, input_files, settings.root)
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
    dossier: str,
    lang: str,
    edition: Edition,
    files: dict[str, bytes],
    inputs: list[Path],
    root: Path,
) -> bytes:
    """What was built from what: SHA-256 of every output and input, and the lexkit version.
    No dates, so that the same inputs give the same manifest."""
    manifest = {
        "dossier": dossier,
        "lang": lang,
        "edition": edition,
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
    """output/<dossier>/manifest.json: the manifests of every language built so far, of
    the working edition (``languages``) and of the official one (``official``)."""
    combined = {
        "dossier": folder.name,
        "lexkit": __version__,
        "languages": _language_manifests(folder),
        "official": _language_manifests(folder / OFFICIAL_FOLDER),
    }
    text = json.dumps(combined, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomically(folder / "manifest.json", text.encode())


def _language_manifests(folder: Path) -> dict[str, Any]:
    languages: dict[str, Any] = {}
    if not folder.is_dir():
        return languages
    for child in sorted(folder.iterdir()):
        manifest = child / "manifest.json"
        if child.is_dir() and child.name != OFFICIAL_FOLDER and manifest.is_file():
            languages[child.name] = json.loads(manifest.read_text(encoding="utf-8"))
    return languages


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
