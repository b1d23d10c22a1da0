"""``lexkit compare``: where the two versions come from. Two Markdown files (.md, or .md.j2
templates rendered as ``lexkit render`` renders them), or one deliverable of a dossier at
two git revisions of the project, extracted into a temporary folder.

The comparison itself is :mod:`lexkit.engine.diff`. For git revisions, this module
extracts each revision's dossier and checks the deliverable; building the dossier there
is the orchestrator's (:func:`lexkit.build.compare_revisions`), which passes the built
documents down.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from lexkit.dossier.config import DOSSIER_FILE, Dossier
from lexkit.dossier.kinds import KINDS
from lexkit.dossier.single_file import TEMPLATE_SUFFIX, build_file
from lexkit.engine.diff import Summary, compare_documents
from lexkit.engine.model import Document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.language import Lang
from lexkit.project import DRAFTS, TEMPLATES, BuildSettings, find_project_root

WORKING_TREE = "."  # as a revision: the files as they are now, uncommitted changes included


def compare_files(
    old: Path,
    new: Path,
    *,
    data_files: Sequence[Path] = (),
    reference: Path | None = None,
    author: str | None = None,
    date: dt.date | dt.datetime | None = None,
) -> tuple[bytes, Summary]:
    """Compare two Markdown files (.md, or .md.j2 templates rendered as ``lexkit render``
    renders them, with ``data_files``): the DOCX of ``new`` with the differences as
    revisions, and the summary. Raises LexkitError when a file is missing or has errors."""
    problems = Problems()
    for path in (old, new):
        if not path.is_file():
            problems.add(
                Location(display_path(path)),
                "file not found",
                "check the path: OLD and NEW are two Markdown files (.md or .md.j2); to compare "
                "git revisions of a dossier, add -d DOSSIER --deliverable ID",
                code="P001",
            )
    problems.raise_if_errors()
    settings = BuildSettings(find_project_root(new.parent))
    styles = load_reference(settings.reference_path(reference))
    built = [build_file(path, data_files, settings, styles, problems) for path in (old, new)]
    problems.raise_if_errors()
    before, after = built
    assert before is not None
    assert after is not None
    comparison = compare_documents(before.document, after.document, author, date)
    return write_docx(comparison.document, styles), comparison.summary


# ---------------------------------------------------------------- two git revisions


@dataclass(frozen=True)
class RevisionTree:
    """The project as it was at one git revision: ``root`` holds its drafts/ and templates/
    (the project itself for ``.``, else a temporary folder they were extracted into)."""

    revision: str
    root: Path
    dossier: str

    @property
    def is_working_tree(self) -> bool:
        return self.revision == WORKING_TREE

    @property
    def at(self) -> str:
        """ "at v1.2", or "in the files as they are now", for messages."""
        return "in the files as they are now" if self.is_working_tree else f"at {self.revision}"

    @property
    def settings(self) -> BuildSettings:
        return BuildSettings(self.root)

    @property
    def dossier_path(self) -> Path:
        return self.root / DRAFTS / self.dossier

    @property
    def shown(self) -> str:
        """The dossier's dossier.yaml as a problem names it: ``REV:drafts/<dossier>/...``."""
        if self.is_working_tree:
            return display_path(self.dossier_path / DOSSIER_FILE)
        return f"{self.revision}:{DRAFTS}/{self.dossier}/{DOSSIER_FILE}"

    @contextmanager
    def problems_placed(self) -> Iterator[None]:
        """Problems raised inside name ``REV:path`` instead of the temporary folder."""
        try:
            yield
        except LexkitError as error:
            if self.is_working_tree:
                raise
            raise LexkitError(_relocated(error.problems, self.root, self.revision)) from None

    def check_deliverable(self, dossier: Dossier, deliverable: str, lang: Lang) -> None:
        """Raise R002 unless ``deliverable`` is a document of the dossier in ``lang``."""
        config = dossier.config
        ids = [d.id for d in config.deliverables if KINDS[d.kind].makes_document]
        chosen = next((d for d in config.deliverables if d.id == deliverable), None)
        if chosen is None:
            raise LexkitError(
                Problem(
                    Location(self.shown),
                    f"the dossier {dossier.name!r} has no deliverable {deliverable!r} {self.at}",
                    f"choose one of: {', '.join(ids)}",
                    code="R002",
                )
            )
        if not KINDS[chosen.kind].makes_document:
            raise LexkitError(
                Problem(
                    Location(self.shown),
                    f"the deliverable {deliverable!r} is a workbook, not a document",
                    f"choose a document: {', '.join(ids)}",
                    code="R002",
                )
            )
        languages = config.languages_of(chosen)
        if lang not in languages:
            raise LexkitError(
                Problem(
                    Location(self.shown),
                    f"the deliverable {deliverable!r} is not built in {lang!r} {self.at}",
                    f"choose --lang {' or '.join(languages)}",
                    code="R002",
                )
            )

    def pick(self, documents: dict[str, Document], deliverable: str) -> Document:
        """The deliverable among the documents built at this revision."""
        document = documents.get(deliverable)
        if document is None:
            raise LexkitError(
                Problem(
                    Location(self.shown),
                    f"the deliverable {deliverable!r} is not a document built from a template",
                    "choose a deliverable of kind 'document'",
                    code="R002",
                )
            )
        return document


@contextmanager
def revision_trees(
    root: Path, revisions: Sequence[str], dossier: str
) -> Iterator[list[RevisionTree]]:
    """The project at each revision (a commit, tag or branch; ``.`` for the files as they
    are now): the dossier's folder and the shared templates/ are extracted into a temporary
    folder, removed on leaving. Raises LexkitError (R001) when a revision, or the dossier
    in it, is not there."""
    root = root.resolve()
    with tempfile.TemporaryDirectory(prefix="lexkit-compare-") as folder:
        yield [
            RevisionTree(
                revision,
                root
                if revision == WORKING_TREE
                else _extract(root, revision, dossier, Path(folder) / f"v{number}"),
                dossier,
            )
            for number, revision in enumerate(revisions, start=1)
        ]


def default_revisions_output(
    root: Path, dossier: str, deliverable: str, lang: str, old: str, new: str
) -> Path:
    """output/<dossier>/compare/<deliverable>-<lang>-<old>-<new>.docx, revisions made safe
    as file names (outside output/<dossier>/<lang>/, which a build replaces)."""

    def safe(revision: str) -> str:
        return "worktree" if revision == WORKING_TREE else re.sub(r"[^\w.^~-]+", "_", revision)

    name = f"{deliverable}-{lang}-{safe(old)}-{safe(new)}.docx"
    return BuildSettings(root).output / dossier / "compare" / name


def default_files_output(new: Path) -> Path:
    """draft.md(.j2) -> draft-compare.docx beside it."""
    name = new.name.removesuffix(TEMPLATE_SUFFIX)
    return new.with_name(f"{Path(name).stem}-compare.docx")


def _relocated(problems: list[Problem], tree: Path, revision: str) -> list[Problem]:
    """Problems of a version built in a temporary folder, placed at ``REV:path`` instead."""
    prefixes = sorted({f"{p}/" for p in (str(tree), display_path(tree))}, key=len, reverse=True)

    def place(text: str) -> str:
        for prefix in prefixes:
            text = text.replace(prefix, f"{revision}:")
        return text

    return [
        replace(
            problem,
            location=replace(problem.location, file=place(problem.location.file)),
            message=place(problem.message),
            fix=place(problem.fix),
        )
        for problem in problems
    ]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise LexkitError(
            Problem(
                Location(display_path(root)),
                f"git cannot be run: {error.strerror}",
                "install git, or compare two Markdown files instead",
                code="R001",
            )
        ) from None


def _extract(root: Path, revision: str, dossier: str, folder: Path) -> Path:
    """The dossier and the shared templates at ``revision``, extracted under ``folder``;
    returns the project root there."""
    shown = f"{revision}:{DRAFTS}/{dossier}"
    prefix = _project_prefix(root)  # where the project is inside the repository
    commit = _commit(root, revision, shown)
    dossier_path, templates_path = f"{prefix}{DRAFTS}/{dossier}", f"{prefix}{TEMPLATES}"
    present = [
        p for p in (dossier_path, templates_path) if _git(root, "ls-tree", commit, "--", p).stdout
    ]
    if dossier_path not in present:
        raise _revision_problem(
            shown,
            f"the dossier {dossier!r} is not in revision {revision}",
            f"check -d, or the revision: 'git log --oneline -- {DRAFTS}/{dossier}' lists the "
            "commits that have it",
        )
    archive = _git(root, "archive", "--format=tar", commit, "--", *present)
    if archive.returncode != 0:
        raise _revision_problem(
            shown,
            f"git cannot read revision {revision}: {archive.stderr.decode().strip()}",
            "check the revision with 'git log --oneline'",
        )
    _untar(archive.stdout, folder)
    return folder / prefix


def _project_prefix(root: Path) -> str:
    inside = _git(root, "rev-parse", "--show-prefix")
    if inside.returncode != 0:
        raise _revision_problem(
            str(root),
            "the project is not in a git repository",
            "compare revisions inside a git clone of the project, or compare two files",
        )
    return inside.stdout.decode().strip()


def _commit(root: Path, revision: str, shown: str) -> str:
    """The commit a revision names (a branch, tag, HEAD~2 ...)."""
    if revision and not revision.startswith("-"):  # never an option to git
        found = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if found.returncode == 0:
            return found.stdout.decode().strip()
    raise _revision_problem(
        shown,
        f"there is no revision {revision!r} in the repository",
        "name a commit, tag or branch (see 'git log --oneline'), or . for the files as they "
        "are now",
    )


def _revision_problem(where: str, message: str, fix: str) -> LexkitError:
    return LexkitError(Problem(Location(where), message, fix, code="R001"))


def _untar(data: bytes, folder: Path) -> None:
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(folder, filter="data")  # no links or paths out of the folder
        else:
            tar.extractall(folder)  # the project's own files, from git archive


# ---------------------------------------------------------------- the command
