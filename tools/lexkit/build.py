"""Build a dossier: every deliverable in every language, then write them all at once.

The recipe: load dossier.yaml and the data; for each language and deliverable render the
template, parse, number and write the DOCX *in memory*; stop with every problem if any
input is wrong; only then replace ``output/<dossier>/<lang>/`` in one rename, with its
``manifest.json``. A failed build therefore leaves the previous output untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from lexkit import __version__
from lexkit.amendments import Operation
from lexkit.checks import Subject, run_checks
from lexkit.config import DeliverableConfig, Dossier, load_dossier
from lexkit.consult.register import register_path
from lexkit.data import load_data
from lexkit.document import Document, Lang, provisions
from lexkit.docx_package import ReferenceDocument, load_reference
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.project import DRAFTS, BuildSettings
from lexkit.render import build_document
from lexkit.templating import make_environment, render_template, template_search_path
from lexkit.verify import Entry, Tracker, entries_for, to_verify_xlsx


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


# ---------------------------------------------------------------- one document


class _BuiltDocuments(dict[str, dict[str, object]]):
    """The deliverables built so far; asking for another one says why it is not there."""

    def __missing__(self, key: str) -> dict[str, object]:
        raise jinja2.UndefinedError(
            f"no built document {key!r}: it must be listed before this one in dossier.yaml, "
            "and build without errors (see its problems)"
        )


class _RecordingLoader(jinja2.FileSystemLoader):
    """Remembers every template file read, for the manifest's input hashes."""

    def __init__(self, searchpath: Sequence[Path]) -> None:
        super().__init__([str(p) for p in searchpath], encoding="utf-8")
        self.files: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        source, filename, uptodate = super().get_source(environment, template)
        self.files.add(filename)
        return source, filename, uptodate


# ---------------------------------------------------------------- a dossier


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
class _LanguageBuild:
    files: dict[str, bytes] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    templates: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)  # deliverables with errors
    operations: dict[str, list[Operation]] = field(default_factory=dict)  # on other acts
    in_force: dict[str, Path] = field(default_factory=dict)  # act key -> wording in force


def _load_inputs(path: Path, settings: BuildSettings) -> _Inputs:
    dossier = load_dossier(path)
    problems = Problems()
    data = load_data(dossier.path, dossier.config.data_sources(), problems)
    reference_path = settings.reference_path(dossier)
    register = register_path(settings.root, dossier.name)
    return _Inputs(
        dossier, data, reference_path, load_reference(reference_path), problems,
        register if register.is_file() else None,
    )  # fmt: skip


def _context(
    inputs: _Inputs,
    lang: Lang,
    deliverable: DeliverableConfig,
    data: dict[str, Any],
    documents: _BuiltDocuments,
    consultation: dict[str, Any] | None,
) -> dict[str, Any]:
    config = inputs.dossier.config
    return {
        "consultation": consultation,
        "lang": lang,
        "dossier": {
            "name": inputs.dossier.name,
            "title": config.title_in(lang),
            "author": config.author,
            "date": config.date.isoformat() if config.date else "",
        },
        "data": data,
        "deliverable": {"id": deliverable.id},
        "documents": documents,
    }


def _build_language(inputs: _Inputs, settings: BuildSettings, lang: Lang) -> _LanguageBuild:
    """Every deliverable of one language, in dossier.yaml's order, in memory."""
    config, problems = inputs.dossier.config, inputs.problems
    search = template_search_path(inputs.dossier.path, settings.shared_templates, lang)
    loader = _RecordingLoader(search)
    env = make_environment(search, loader)
    out = _LanguageBuild()
    # Each deliverable sees the provisions of those built before it (a compliance matrix
    # reads the draft law's implements= attributes).
    documents = _BuiltDocuments()
    tracker = Tracker()
    tracked = tracker.wrap(inputs.data)
    to_verify: list[Entry] = []
    acts = _acts_in_force(inputs, lang, out.in_force)
    for deliverable in config.deliverables:
        if lang not in config.languages_of(deliverable):
            continue
        if deliverable.kind == "to-verify":
            out.files[deliverable.filename] = to_verify_xlsx(to_verify, lang)
            continue
        if deliverable.kind == "comparative-table":
            table = _comparative_table(inputs, deliverable, out, acts, lang)
            if table is not None:
                out.files[deliverable.filename] = table
            continue
        if deliverable.kind == "consolidated":
            out.files.update(_consolidated_acts(inputs, deliverable, out, acts, lang))
            continue
        tracker.deliverable = deliverable.id
        consultation, charts = _consultation(inputs, lang, out.documents)
        try:
            context = _context(inputs, lang, deliverable, tracked, documents, consultation)
            rendered = render_template(env, str(deliverable.template), context)
        except LexkitError as error:
            problems.extend(error.problems)
            out.failed.add(deliverable.id)
            continue
        finally:
            tracker.deliverable = ""
        built = build_document(
            rendered.text,
            rendered.template,
            inputs.reference,
            problems,
            source_map=rendered.source_map(),
            lang=lang,
            assets=charts.get,
            acts=acts,
        )
        if built is None:
            out.failed.add(deliverable.id)
        else:
            out.files[deliverable.filename] = built.data
            out.documents[deliverable.id] = built.document
            out.operations[deliverable.id] = built.operations
            to_verify += entries_for(built.document, deliverable.id, tracker)
            documents[deliverable.id] = {
                "title": built.document.meta.title,
                "provisions": provisions(built.document),
            }
    out.templates = loader.files
    return out


IN_FORCE = "in-force"


def _acts_in_force(inputs: _Inputs, lang: Lang, files: dict[str, Path]) -> dict[str, Document]:
    """The wording in force of the acts the dossier amends, by act key: ``in-force/<lang>/
    <act>.md`` when there is one for this language, else ``in-force/<act>.md``. Each is
    legislative Markdown pasted from the official source, numbers as written there."""
    from lexkit.dialect import parse_document
    from lexkit.numbering import number_document

    folder = inputs.dossier.path / IN_FORCE
    paths = {p.stem: p for p in sorted(folder.glob("*.md"))}
    paths.update({p.stem: p for p in sorted((folder / lang).glob("*.md"))})
    acts: dict[str, Document] = {}
    for key, path in paths.items():
        if path not in inputs.in_force:
            text = path.read_text(encoding="utf-8")
            document = parse_document(text, display_path(path), problems=inputs.problems)
            number_document(document, inputs.problems)
            inputs.in_force[path] = document
        acts[key] = inputs.in_force[path]
        files[key] = path
    return acts


def _operations_of(
    inputs: _Inputs, deliverable: DeliverableConfig, out: _LanguageBuild
) -> tuple[list[str], list[Operation]] | None:
    """The laws a comparative table or consolidation reads (``law:``, else every deliverable
    built so far that amends other acts) and their operations; None, with the problem
    said, when there is nothing to read."""
    laws = (
        [deliverable.law] if deliverable.law else [d for d in out.operations if out.operations[d]]
    )
    operations = [op for law in laws for op in out.operations.get(law, [])]
    where = Location(display_path(inputs.dossier.config_file))
    if deliverable.law and deliverable.law not in out.documents:
        if deliverable.law not in out.failed:
            inputs.problems.add(
                where,
                f"the deliverable {deliverable.id!r} names the law {deliverable.law!r}, "
                "which is not a deliverable built before it",
                "list the law before it, or fix 'law:'",
                code="P001",
            )
        return None
    if not operations:
        if not out.failed:
            inputs.problems.add(
                where,
                f"the deliverable {deliverable.id!r} has nothing to compare: no "
                "deliverable before it amends another act (@insert, @replace ...)",
                "write the amendments as operations (README, 'Amendments'), or remove it",
                code="P001",
            )
        return None
    return laws, operations


def _comparative_table(
    inputs: _Inputs,
    deliverable: DeliverableConfig,
    out: _LanguageBuild,
    acts: dict[str, Document],
    lang: Lang,
) -> bytes | None:
    """The comparative table of the law ``deliverable.law`` (default: every deliverable
    built so far that amends other acts)."""
    from lexkit.comparative import ActWording, comparative_document
    from lexkit.document import Source
    from lexkit.docx_writer import write_docx

    found = _operations_of(inputs, deliverable, out)
    if found is None:
        return None
    laws, operations = found
    titles = {op.act: op.citation for op in operations}
    # Only a wording in force of the table's language is set beside the proposal.
    same = {act: doc for act, doc in acts.items() if doc.meta.lang == lang}
    folder = inputs.dossier.path / IN_FORCE / ("" if lang == "ro" else lang)
    wording = {
        act: ActWording(
            title or (acts[act].meta.title if act in acts else act),
            same.get(act),
            display_path(out.in_force[act] if act in same else folder / f"{act}.md"),
        )
        for act, title in titles.items()
    }
    law = out.documents[laws[0]]
    source = Source(display_path(inputs.dossier.config_file), 1)
    document = comparative_document(law, operations, wording, lang, source)
    return write_docx(document, inputs.reference)


def _consolidated_acts(
    inputs: _Inputs,
    deliverable: DeliverableConfig,
    out: _LanguageBuild,
    acts: dict[str, Document],
    lang: Lang,
) -> dict[str, bytes]:
    """``<output>-<act>.docx``: each amended act whose wording in force (of this language)
    the dossier has, as the law's operations leave it."""
    from lexkit.comparative import consolidated_document
    from lexkit.docx_writer import write_docx

    found = _operations_of(inputs, deliverable, out)
    if found is None:
        return {}
    laws, operations = found
    law = out.documents[laws[0]]
    files: dict[str, bytes] = {}
    for act in dict.fromkeys(op.act for op in operations):
        in_force = acts.get(act)
        if in_force is None or in_force.meta.lang != lang:
            continue
        mine = [op for op in operations if op.act == act]
        document = consolidated_document(law, in_force, mine, lang)
        files[f"{deliverable.stem}-{act}.docx"] = write_docx(document, inputs.reference)
    return files


def _consultation(
    inputs: _Inputs, lang: Lang, documents: dict[str, Document]
) -> tuple[dict[str, Any] | None, dict[str, bytes]]:
    """The consultation as templates see it, and its charts; (None, {}) before any comment
    has been received. The synthesis follows the order of the documents built so far."""
    if inputs.register is None:
        return None, {}
    from lexkit.consult.analysis import charts, consultation_context
    from lexkit.consult.register import Register

    order = [
        (doc_id, str(p["label"]))
        for doc_id, document in documents.items()
        for p in provisions(document, every_unit=True)
    ]
    with Register(inputs.register) as register:
        context = consultation_context(register, lang, order)
    return context, charts(context, lang)


def built_documents(path: Path, settings: BuildSettings, lang: Lang) -> dict[str, Document]:
    """The dossier's documents in one language, built in memory (nothing is written);
    raises LexkitError when an input has errors."""
    inputs = _load_inputs(path, settings)
    # Their provisions are what is wanted: the consultation's figures and charts (read
    # from the register, 0.5 s) would change none of them.
    inputs.register = None
    documents = _build_language(inputs, settings, lang).documents
    inputs.problems.raise_if_errors()
    return documents


@dataclass
class Assembly:
    """A dossier built in memory in some languages: nothing written yet."""

    inputs: _Inputs
    builds: dict[Lang, _LanguageBuild]

    @property
    def problems(self) -> Problems:
        return self.inputs.problems

    def input_files(self) -> list[Path]:
        templates = set().union(*(b.templates for b in self.builds.values()))
        in_force = {str(p) for b in self.builds.values() for p in b.in_force.values()}
        return _input_files(self.inputs.dossier, self.inputs.reference_path, templates | in_force)

    def subject(self) -> Subject:
        """What ``lexkit check`` looks at: the data, the documents, the files edited."""
        sources = [p for p in self.input_files() if p.suffix.lower() not in _BINARY and p.is_file()]
        return Subject(
            dossier=self.inputs.dossier,
            data=self.inputs.data,
            documents={lang: build.documents for lang, build in self.builds.items()},
            sources=sources,
            register=self.inputs.register,
            failed={(lang, d) for lang, build in self.builds.items() for d in build.failed},
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
    inputs, builds = assembly.inputs, assembly.builds
    dossier = inputs.dossier
    inputs.problems.extend(run_checks(assembly.subject()))
    inputs.problems.raise_if_errors()
    if strict and inputs.problems.items:
        raise LexkitError(inputs.problems.items)
    input_files = assembly.input_files()
    if inputs.register is not None:
        input_files.append(inputs.register)
    result = BuildResult(dossier.name, warnings=inputs.problems.warnings)
    for lang, build in builds.items():
        target = settings.output / dossier.name / lang
        manifest = _manifest(dossier.name, lang, build.files, input_files, settings.root)
        files = {**build.files, "manifest.json": manifest}
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
    from lexkit.package import write_atomically

    languages = {}
    for child in sorted(folder.iterdir()):
        manifest = child / "manifest.json"
        if child.is_dir() and manifest.is_file():
            languages[child.name] = json.loads(manifest.read_text(encoding="utf-8"))
    combined = {"dossier": folder.name, "lexkit": __version__, "languages": languages}
    text = json.dumps(combined, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomically(folder / "manifest.json", text.encode())


def replace_directory(target: Path, files: dict[str, bytes]) -> None:
    """Make ``target`` hold exactly ``files``, switching over with renames: the files are
    written into a sibling folder first, so a crash never leaves half a build."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
            os.chmod(staging / name, 0o644)
        os.chmod(staging, 0o755)
        old = None
        if target.exists():
            old = target.parent / f".{target.name}.old-{staging.name.rsplit('-', 1)[-1]}"
            os.replace(target, old)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
