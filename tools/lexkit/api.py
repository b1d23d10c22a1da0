"""lexkit's public entry points: what the CLI calls, and what tests and other programs use.

Everything a caller needs is named in :data:`__all__`; the modules below are lexkit's
own and may change. Each function takes paths and options, returns what it made, and
raises :class:`LexkitError` with every problem of the input (or :class:`DossierNeeded`
when a command cannot tell which dossier it is about).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lexkit.errors import (
    DossierNeeded,
    LexkitError,
    Location,
    Problem,
    Problems,
    Severity,
    display_path,
    format_problems,
    summary_line,
)
from lexkit.io.files import write_atomically
from lexkit.language import LANGS, Lang
from lexkit.project import DRAFTS, EDITIONS, BuildSettings, Edition, find_project_root

if TYPE_CHECKING:
    from lexkit.build import BuildResult
    from lexkit.checks.language import Fixed
    from lexkit.consult.decisions import ImportResult
    from lexkit.consult.intake import Inspection, SavedMapping
    from lexkit.consult.intake import Summary as IntakeSummary
    from lexkit.consult.mapping import Rule
    from lexkit.consult.register import Counts
    from lexkit.engine.diff import Summary as CompareSummary
    from lexkit.psea.tracker import ImportSummary
    from lexkit.review.ingest import ReviewSummary

__all__ = [
    "EDITIONS",
    "CheckResult",
    "DossierNeeded",
    "LexkitError",
    "Location",
    "Problem",
    "Severity",
    "build",
    "check",
    "check_json",
    "chosen_dossier",
    "compare",
    "consultation_decisions_export",
    "consultation_decisions_import",
    "consultation_form",
    "consultation_ingest",
    "consultation_inspect",
    "consultation_status",
    "display_path",
    "format_problems",
    "render_file",
    "review_ingest",
    "stakeholder_files",
    "summary_line",
    "tracker_export",
    "tracker_import",
    "write_reference",
]

# The Jinja, pydantic and python-docx imports wait for the commands that need them:
# rendering a plain .md file should not pay for them (see README, "Performance").
CONSULTATION_FOLDER, FORM_FILE = "consultation", "feedback-form.xlsx"


def render_file(
    source: Path,
    output: Path | None = None,
    data_files: Sequence[Path] = (),
    reference: Path | None = None,
) -> tuple[Path, list[Problem]]:
    """Render one Markdown file (or Jinja template ending in .j2) to DOCX.

    ``data_files``: YAML or JSON mappings become template variables; a CSV or XLSX table
    becomes ``data.<file stem>``. Default output: beside the source, with .docx. A picture
    must lie in the source's folder or the working directory. Returns the output path and
    the warnings.
    """
    from lexkit.dossier.single_file import build_file, default_output
    from lexkit.engine.writers.docx.reference import load_reference

    problems = Problems()
    if not source.is_file():
        shown = display_path(source)
        raise LexkitError(Problem(Location(shown), "file not found", "check the path", code="P001"))
    settings = BuildSettings(find_project_root(source.parent))
    styles = load_reference(settings.reference_path(reference))
    built = build_file(source, data_files, settings, styles, problems)
    problems.raise_if_errors()
    assert built is not None
    target = output or default_output(source)
    write_atomically(target, built.data)
    return target, problems.warnings


def build(
    names: Sequence[str] = (),
    langs: Sequence[str] | None = None,
    root: Path | None = None,
    strict: bool = False,
    edition: Edition = "working",
) -> list[BuildResult]:
    """Build the named dossiers (all in drafts/ when none), in ``langs`` (all when None),
    in ``edition``: "working" (every drafting aid, into output/<dossier>/<lang>/) or
    "official" (what a ministry receives, into output/<dossier>/official/<lang>/).

    Every dossier is attempted; problems from all of them are raised together at the end.
    """
    from lexkit.build import build_dossier, dossier_paths

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    chosen: list[Lang] | None = None
    if langs:
        chosen = [lang for lang in LANGS if lang in langs]
    results: list[BuildResult] = []
    problems: list[Problem] = []
    for path in dossier_paths(settings, names):
        try:
            results.append(build_dossier(path, settings, chosen, strict=strict, edition=edition))
        except LexkitError as error:
            problems.extend(error.problems)
    if problems:  # a dossier failed: with errors, or with warnings under strict
        raise LexkitError(problems)
    return results


@dataclass
class CheckResult:
    """What ``lexkit check`` found in one dossier, and what ``--fix`` rewrote."""

    dossier: str
    problems: list[Problem] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def check(
    names: Sequence[str] = (),
    fix: bool = False,
    root: Path | None = None,
    edition: Edition = "working",
) -> list[CheckResult]:
    """Check the named dossiers (all in drafts/ when none): every problem of the build
    stages and of :mod:`lexkit.checks`, nothing written. With ``fix``, the cedillas of
    the files the drafter edits are rewritten first (ş -> ș, ţ -> ț), then everything is
    checked again."""
    from lexkit.build import assemble, check_dossier, dossier_paths, findings
    from lexkit.checks.language import fix_cedillas

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    results = []
    for path in dossier_paths(settings, names):
        result = CheckResult(path.name)
        if not fix:
            result.problems = check_dossier(path, settings, edition)
        else:
            try:
                assembly = assemble(path, settings, edition=edition)
            except LexkitError:  # dossier.yaml cannot be read: it alone can be fixed
                result.fixed = fix_cedillas([path / "dossier.yaml"])
                result.problems = check_dossier(path, settings, edition)
            else:
                result.fixed = fix_cedillas(assembly.subject().sources)
                # Built again only when a file changed.
                result.problems = (
                    check_dossier(path, settings, edition) if result.fixed else findings(assembly)
                )
        results.append(result)
    return results


def check_json(results: Sequence[CheckResult]) -> str:
    """The findings of :func:`check` as JSON, for editors and scripts: for each dossier,
    every problem with its place, code, name, family, severity, message and fix, and the
    files ``fix`` rewrote."""
    from lexkit.codes import CATALOGUE

    def finding(problem: Problem) -> dict[str, object]:
        known = CATALOGUE[problem.code]
        where = problem.location
        return {
            "file": where.file,
            "line": where.line,
            "column": where.column,
            "severity": str(problem.severity),
            "code": problem.code,
            "name": known.name,
            "family": known.family,
            "message": problem.message,
            "fix": problem.fix,
        }

    def in_order(problems: list[Problem]) -> list[Problem]:
        return sorted(
            problems, key=lambda p: (p.location.file, p.location.line or 0, p.code, p.message)
        )

    dossiers = [
        {
            "dossier": r.dossier,
            "errors": len(r.errors),
            "warnings": len(r.warnings),
            "fixed": [{"file": display_path(f.path), "count": f.count} for f in r.fixed],
            "findings": [finding(p) for p in in_order(r.problems)],
        }
        for r in results
    ]
    return json.dumps({"dossiers": dossiers}, ensure_ascii=False, indent=2)


def write_reference(path: Path) -> Path:
    """Write the default reference.docx (the Word styles) to ``path``."""
    from lexkit.engine.writers.docx.default_reference import write_default_reference

    write_default_reference(path)
    return path


def chosen_dossier(name: str | None, settings: BuildSettings, kind: str | None = None) -> Path:
    """The dossier a one-dossier command works on: ``name`` (in drafts/, or a folder), or
    else the only dossier in drafts/ (of ``kind``, when the command serves one kind of
    dossier: a consultation a legislative one). Raises LexkitError when drafts/ holds none."""
    from lexkit.build import dossier_paths
    from lexkit.dossier.config import DOSSIER_FILE, kind_of

    if name:
        for path in (settings.root / DRAFTS / name, Path(name)):
            if (path / DOSSIER_FILE).is_file():
                return path
    found = dossier_paths(settings, [])
    if kind is not None and not name:
        found = [path for path in found if kind_of(path) == kind] or found
    if len(found) == 1 and not name:
        return found[0]
    names = ", ".join(p.name for p in found)
    if name:
        raise DossierNeeded(f"no dossier {name!r} in {DRAFTS}/ (there: {names}); check -d")
    raise DossierNeeded(f"{DRAFTS}/ holds several dossiers ({names}): choose one with -d NAME")


def consultation_form(
    dossier_name: str | None = None,
    output: Path | None = None,
    deadline: date | None = None,
    root: Path | None = None,
) -> Path:
    """Write the dossier's XLSX feedback form (Romanian and English) and return its path.

    Default output: ``output/<dossier>/consultation/feedback-form.xlsx``. ``deadline`` is
    shown in the instructions (default: "announced on particip.gov.md"). The dossier's
    documents are built in memory for the lists of documents and provisions; raises
    LexkitError when they have errors, DossierNeeded when the dossier is ambiguous.
    """
    from lexkit.build import built_documents
    from lexkit.consult.form import feedback_form, form_content
    from lexkit.dossier.config import load_dossier

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    path = chosen_dossier(dossier_name, settings, "legislation")
    config = load_dossier(path).config
    built = {lang: built_documents(path, settings, lang) for lang in config.languages}
    data = feedback_form(form_content(path.name, config, built, deadline))
    target = output or settings.output / path.name / CONSULTATION_FOLDER / FORM_FILE
    write_atomically(target, data)
    return target


REJECTED_FILE = "rejected.xlsx"


def stakeholder_files(paths: Sequence[Path]) -> list[Path]:
    """The files :func:`consultation_ingest` would read: those named, and every file inside
    the folders named (hidden files and registers skipped)."""
    from lexkit.consult.intake import expand

    return expand(paths)


def _intake_rules(maps: Sequence[str], path: Path) -> tuple[list[Rule], list[SavedMapping]]:
    """The command line's --map rules and the dossier's saved mappings; LexkitError lists
    every rule that cannot be read."""
    from lexkit.consult.intake import SavedMapping
    from lexkit.consult.mapping import MapError, parse_rule
    from lexkit.dossier.config import DOSSIER_FILE, load_dossier

    problems = Problems()
    rules = []
    for text in maps:
        try:
            rules.append(parse_rule(text))
        except MapError as error:
            problems.add(Location("--map"), str(error), code="P001")
    saved = []
    config = load_dossier(path).config
    for number, source in enumerate(config.consultation.mappings):
        read = []
        for text in source.rules():
            try:
                read.append(parse_rule(text, f"dossier.yaml ({source.files})"))
            except MapError as error:
                where = display_path(path / DOSSIER_FILE)
                problems.add(
                    Location(where),
                    f"consultation.mappings.{number}: {error}",
                    code="P001",
                )
        saved.append(SavedMapping(source.files, tuple(read)))
    problems.raise_if_errors()
    return rules, saved


def consultation_inspect(
    paths: Sequence[Path],
    dossier_name: str | None = None,
    root: Path | None = None,
    maps: Sequence[str] = (),
) -> list[Inspection]:
    """What intake would read from each file: its header row, each column's role, and the
    flags and rejections its rows would give. Nothing is written.

    ``maps``: ``FIELD=COLUMN`` rules as ``lexkit consult ingest --map`` takes them.
    """
    from lexkit.build import built_documents
    from lexkit.consult.intake import inspect
    from lexkit.consult.provisions import provision_index

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    path = chosen_dossier(dossier_name, settings, "legislation")
    rules, saved = _intake_rules(maps, path)
    index = provision_index(built_documents(path, settings, "ro"))
    return inspect(paths, index, rules, saved)


def consultation_ingest(
    paths: Sequence[Path],
    dossier_name: str | None = None,
    root: Path | None = None,
    progress: Callable[[Path], None] | None = None,
    maps: Sequence[str] = (),
) -> IntakeSummary:
    """Read stakeholder files and folders into the dossier's register.

    Provisions are matched against the dossier's documents, built in memory in Romanian.
    ``maps``: ``FIELD=COLUMN`` rules (see :func:`consultation_inspect`); the dossier's
    saved ``consultation.mappings`` apply too. Every rejected and every flagged row (of
    this and earlier ingests) is written to ``output/<dossier>/consultation/rejected.xlsx``.
    Raises LexkitError when the drafts have errors or a rule cannot be read, DossierNeeded
    when the dossier is ambiguous.
    """
    from lexkit.build import built_documents
    from lexkit.consult.exports import rejected_workbook
    from lexkit.consult.intake import ingest
    from lexkit.consult.provisions import provision_index
    from lexkit.consult.register import Register, register_path

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    path = chosen_dossier(dossier_name, settings, "legislation")
    rules, saved = _intake_rules(maps, path)
    index = provision_index(built_documents(path, settings, "ro"))
    with Register(register_path(settings.root, path.name)) as register:
        summary = ingest(paths, register, index, progress, rules, saved)
        target = settings.output / path.name / CONSULTATION_FOLDER / REJECTED_FILE
        write_atomically(target, rejected_workbook(register))
    summary.rejected_file = target
    return summary


def consultation_status(dossier_name: str | None = None, root: Path | None = None) -> Counts:
    """The register's counts: files, unreadable files, rows read, accepted, rejected,
    campaigns and decided comments."""
    from lexkit.consult.register import Register, register_path

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    path = chosen_dossier(dossier_name, settings, "legislation")
    with Register(register_path(settings.root, path.name)) as register:
        return register.counts()


DECISIONS_FILE = "decisions.xlsx"


def _existing_register(root: Path, dossier: str) -> Path:
    """The dossier's register; LexkitError when nothing was ever ingested into it."""
    from lexkit.consult.register import register_path

    path = register_path(root, dossier)
    if not path.is_file():
        raise LexkitError(
            Problem(
                Location(display_path(path)),
                f"no consultation register for {dossier!r} yet",
                "read the stakeholders' files first: lexkit consult ingest PATH...",
                code="P001",
            )
        )
    return path


def consultation_decisions_export(
    dossier_name: str | None = None,
    output: Path | None = None,
    root: Path | None = None,
) -> Path:
    """Write the sheet of the author's decisions (one row per comment, one per campaign,
    earlier decisions filled in) and return its path.

    Default output: ``output/<dossier>/consultation/decisions.xlsx``. The rows follow the
    order of the dossier's documents, built in memory in Romanian. Raises LexkitError when
    the drafts have errors or the register does not exist, DossierNeeded when the dossier
    is ambiguous.
    """
    from lexkit.build import built_documents
    from lexkit.consult.decisions import export_decisions
    from lexkit.consult.provisions import provision_index
    from lexkit.consult.register import Register

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    path = chosen_dossier(dossier_name, settings, "legislation")
    register_file = _existing_register(settings.root, path.name)
    index = provision_index(built_documents(path, settings, "ro"))
    with Register(register_file) as register:
        data = export_decisions(register, index)
    target = output or settings.output / path.name / CONSULTATION_FOLDER / DECISIONS_FILE
    write_atomically(target, data)
    return target


def consultation_decisions_import(
    path: Path, dossier_name: str | None = None, root: Path | None = None
) -> ImportResult:
    """Record the decisions of a filled-in decisions sheet in the dossier's register.

    All or nothing: raises LexkitError listing every bad row (file, sheet, row, column and
    the fix), having written nothing; DossierNeeded when the dossier is ambiguous.
    """
    from lexkit.consult.decisions import import_decisions
    from lexkit.consult.register import Register

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    dossier = chosen_dossier(dossier_name, settings, "legislation")
    with Register(_existing_register(settings.root, dossier.name)) as register:
        return import_decisions(register, path)


def _psea_state(dossier_name: str | None, root: Path | None) -> tuple[Path, Any]:
    """The PSEA dossier a tracker command works on, and what its kind read; LexkitError
    when it is not a PSEA dossier or its data has errors."""
    from lexkit.build import prepared_state
    from lexkit.psea.model import PseaState

    settings = BuildSettings(root or find_project_root(Path.cwd()))
    path = chosen_dossier(dossier_name, settings, "psea")
    state = prepared_state(path, settings)
    if not isinstance(state, PseaState):
        raise LexkitError(
            Problem(
                Location(display_path(path / "dossier.yaml")),
                f"{path.name} is not a PSEA dossier: it has no work plan to track",
                "name a dossier whose dossier.yaml says 'kind: psea' with -d",
                code="P001",
            )
        )
    return path, state


def tracker_export(
    dossier_name: str | None = None,
    unit: str | None = None,
    lang: Lang = "en",
    output: Path | None = None,
    root: Path | None = None,
) -> Path:
    """Write the work plan's tracker for the units to fill in (one unit's actions with
    ``unit``), the latest reported status of each action filled in, and return its path.

    Default output: ``output/<dossier>/tracker/work-plan-tracker[-<unit>]-<lang>.xlsx``.
    """
    from lexkit.psea.tracker import tracker_xlsx

    path, state = _psea_state(dossier_name, root)
    data = state.data
    content = tracker_xlsx(
        data["actions"], data["units"], data["mos_standards"], lang, unit,
        reports=state.progress,
    )  # fmt: skip
    settings = BuildSettings(root or find_project_root(Path.cwd()))
    name = "-".join(filter(None, ["work-plan-tracker", unit, lang])) + ".xlsx"
    target = output or settings.output / path.name / "tracker" / name
    write_atomically(target, content)
    return target


def tracker_import(
    files: Sequence[Path], dossier_name: str | None = None, root: Path | None = None
) -> ImportSummary:
    """Read the units' filled-in trackers into the dossier's progress file (``settings:
    progress``), which the work plan's progress section reads.

    All or nothing: raises LexkitError listing every bad row of every file (file, sheet,
    row, column and the fix), having written nothing."""
    from lexkit.psea.tracker import import_trackers

    path, state = _psea_state(dossier_name, root)
    progress = path / state.settings.progress
    return import_trackers(files, progress, state.data["actions"])


def review_ingest(
    path: Path, dossier_name: str | None = None, root: Path | None = None
) -> ReviewSummary:
    """Add a reviewed DOCX's comments and tracked changes to the dossier's register.

    The file is read first (LexkitError I005 when it cannot be); then the dossier's
    documents are built in memory, in each of its languages (to tell which document the
    DOCX is), and provisions matched against the Romanian ones, as ``consult ingest``
    does. Raises LexkitError when the drafts have errors, DossierNeeded when the dossier
    is ambiguous.
    """
    from lexkit.build import built_documents
    from lexkit.consult.provisions import provision_index
    from lexkit.consult.register import Register, register_path
    from lexkit.dossier.config import load_dossier
    from lexkit.review.ingest import ReviewSummary, earlier_document, read_review, store_review

    review = read_review(path)
    settings = BuildSettings(root or find_project_root(Path.cwd()))
    dossier = chosen_dossier(dossier_name, settings, "legislation")
    register_file = register_path(settings.root, dossier.name)
    earlier = earlier_document(register_file, review)
    if earlier is not None:  # known before the dossier is built: building is the slow part
        return ReviewSummary(review.name, earlier, already_in_register=True)
    languages: Sequence[Lang] = load_dossier(dossier).config.languages
    built = {lang: built_documents(dossier, settings, lang) for lang in languages}
    index = provision_index(
        built["ro"] if "ro" in built else built_documents(dossier, settings, "ro")
    )
    with Register(register_file) as register:
        return store_review(review, register, index, built)


def compare(
    old: str,
    new: str,
    *,
    output: Path | None = None,
    dossier: str | None = None,
    deliverable: str | None = None,
    lang: Lang = "ro",
    data_files: Sequence[Path] = (),
    reference: Path | None = None,
    author: str | None = None,
    date: date | datetime | None = None,
    root: Path | None = None,
) -> tuple[Path, CompareSummary]:
    """Write a DOCX of NEW whose differences from OLD are Word revisions; return its path
    and the summary of provisions changed, added, removed and renumbered.

    OLD and NEW are two Markdown files (.md or .md.j2), or, with ``deliverable``, two git
    revisions of a dossier (``dossier``, default the only one in drafts/). Default output:
    NEW-compare.docx beside NEW, or output/<dossier>/compare/<deliverable>-<lang>-<OLD>-
    <NEW>.docx.
    """
    from lexkit.build import compare_revisions
    from lexkit.review.compare import (
        compare_files,
        default_files_output,
        default_revisions_output,
    )

    if deliverable is not None:
        settings = BuildSettings(root or find_project_root(Path.cwd()))
        name = chosen_dossier(dossier, settings).name
        data, summary = compare_revisions(
            old, new, name, deliverable, lang=lang, root=settings.root, author=author, date=date
        )
        target = output or default_revisions_output(
            settings.root, name, deliverable, lang, old, new
        )
    else:
        data, summary = compare_files(
            Path(old), Path(new), data_files=data_files, reference=reference, author=author,
            date=date,
        )  # fmt: skip
        target = output or default_files_output(Path(new))
    write_atomically(target, data)
    return target, summary
