"""The ``lexkit`` command line: options in, one library call, problems out.

Exit codes: 0 done; 1 the input has problems (all listed); 2 usage error; 3 internal
error (a bug: rerun with --debug for the traceback).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from lexkit import __version__, api
from lexkit.api import (
    EDITIONS,
    DossierNeeded,
    Edition,
    LexkitError,
    Problem,
    display_path,
    format_problems,
    summary_line,
)

F = TypeVar("F", bound=Callable[..., Any])
EXIT_PROBLEMS, EXIT_INTERNAL = 1, 3


def _print_warnings(warnings: list[Problem]) -> None:
    if warnings:
        click.echo(format_problems(warnings), err=True)


def reports_problems(command: F) -> F:
    """Turn LexkitError into a list of problems and exit 1; any other exception into one
    line and exit 3, unless --debug asks for the traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except DossierNeeded as error:
            raise click.UsageError(str(error)) from None
        except LexkitError as error:
            if debug:
                raise
            click.echo(format_problems(error.problems), err=True)
            click.echo(f"\n{summary_line(error.problems)}; nothing was written.", err=True)
            sys.exit(EXIT_PROBLEMS)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as error:
            if debug:
                raise
            click.echo(f"internal error: {error!r}; rerun with --debug for details", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lexkit")
@click.option("--debug", is_flag=True, help="Show Python tracebacks (for reporting bugs).")
def main(debug: bool) -> None:
    """lexkit: legislative drafts and consultation reports from data and Markdown."""


# Options that render and compare share: a template's data, and the Word styles.
data_files_option = click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Data for a .j2 template: YAML/JSON (variables) or CSV/XLSX (data.<name>). Repeatable.",
)
reference_option = click.option(
    "--reference",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A reference.docx with the Word styles. Default: templates/reference.docx.",
)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_files_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the DOCX. Default: beside FILE, with .docx.",
)
@reference_option
@reports_problems
def render(
    file: Path, data_files: tuple[Path, ...], output: Path | None, reference: Path | None
) -> None:
    """Render one legislative Markdown FILE (.md, or a .md.j2 template) to DOCX."""
    target, warnings = api.render_file(file, output, data_files, reference)
    _print_warnings(warnings)
    click.echo(f"wrote {target}")


edition_option = click.option(
    "--edition",
    type=click.Choice(EDITIONS),
    default="working",
    show_default=True,
    help="working: every drafting aid ('to verify' notes, status columns, notes for the "
    "author); official: what the ministry receives, with none of them.",
)


@main.command()
@click.argument("dossier", required=False)
@click.option("-d", "--dossier", "dossier_option", help="The dossier (a name in drafts/).")
@click.option(
    "--lang",
    type=click.Choice(["ro", "en"]),
    multiple=True,
    help="Build only this language (repeatable). Default: the dossier's languages.",
)
@edition_option
@click.option(
    "--strict",
    is_flag=True,
    help="Warnings stop the build too (official edition: any fact still to verify).",
)
@reports_problems
def build(
    dossier: str | None,
    dossier_option: str | None,
    lang: tuple[str, ...],
    edition: Edition,
    strict: bool,
) -> None:
    """Build every deliverable of DOSSIER (default: every dossier in drafts/) into
    output/<dossier>/<lang>/ (official edition: output/<dossier>/official/<lang>/), after
    the checks of 'lexkit check' (errors stop the build, warnings are printed)."""
    names = [n for n in (dossier, dossier_option) if n]
    results = api.build(names, list(lang) or None, strict=strict, edition=edition)
    for result in results:
        _print_warnings(result.warnings)
        for path in result.written:
            click.echo(f"wrote {display_path(path)}")


@main.command()
@click.argument("dossier", required=False)
@click.option("-d", "--dossier", "dossier_option", help="The dossier (a name in drafts/).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one object per dossier with every finding, for editors and scripts.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--fix", is_flag=True, help="Rewrite ş ţ Ş Ţ (cedilla) as ș ț Ș Ț in the files, then check."
)
@edition_option
@reports_problems
def check(
    dossier: str | None,
    dossier_option: str | None,
    output_format: str,
    strict: bool,
    fix: bool,
    edition: Edition,
) -> None:
    """Check DOSSIER (default: every dossier in drafts/) as a careful legal editor would:
    data, structure, language, coverage and the consultation. Nothing is built.

    Every finding has a place, a severity, a code (see README, "lexkit check") and, where
    possible, the fix. Exit 1 when any is an error (with --strict: any at all)."""
    names = [n for n in (dossier, dossier_option) if n]
    results = api.check(names, fix=fix, edition=edition)
    if output_format == "json":
        click.echo(api.check_json(results))
    else:
        for result in results:
            for fixed in result.fixed:
                click.echo(f"fixed {fixed.count} cedilla(s) in {display_path(fixed.path)}")
            if result.problems:
                click.echo(format_problems(result.problems))
            click.echo(f"{result.dossier}: {summary_line(result.problems)}")
    failing = any(r.errors or (strict and r.problems) for r in results)
    sys.exit(EXIT_PROBLEMS if failing else 0)


@main.command("reference-docx")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("templates/reference.docx"),
    show_default=True,
    help="Where to write it.",
)
@reports_problems
def reference_docx(output: Path) -> None:
    """Write the default reference.docx: the Word styles every document uses.

    Edit its styles in Word (Times New Roman 12, A4, ...) to restyle every document.
    """
    click.echo(f"wrote {api.write_reference(output)}")


one_dossier = click.option(
    "-d", "--dossier", help="The dossier (a name in drafts/). Default: the only one."
)


@main.group()
def consult() -> None:
    """Public consultation: the feedback form, intake of stakeholders' files, the register."""


@consult.command("form")
@one_dossier
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the XLSX. Default: output/<dossier>/consultation/feedback-form.xlsx.",
)
@click.option(
    "--deadline",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The last day for comments (YYYY-MM-DD), shown in the instructions. "
    "Default: announced on particip.gov.md.",
)
@reports_problems
def consult_form(dossier: str | None, output: Path | None, deadline: dt.datetime | None) -> None:
    """Write the XLSX feedback form, in Romanian and English, with drop-down lists of the
    dossier's documents and provisions."""
    target = api.consultation_form(dossier, output, deadline.date() if deadline else None)
    click.echo(f"wrote {display_path(target)}")


_SHOWN_PROBLEMS = 30  # more rejected rows than this are in rejected.xlsx, not on screen
_PROGRESS_FROM = 10  # files: a progress bar for fewer would only flicker

map_option = click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read COLUMN as FIELD; COLUMN is an exact header, a glob pattern of it "
    "('Q1: Please explain*') or a column letter. Repeatable; --map comment=... repeated names "
    "several comment columns; --map 'Art. 3=Q2*' ties a question to a provision; "
    "--map ignore=COLUMN leaves a column out.",
)


@consult.command("inspect")
@one_dossier
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@map_option
@click.option("--samples/--no-samples", default=True, help="Show sample values of each column.")
@reports_problems
def consult_inspect(
    dossier: str | None, paths: tuple[Path, ...], maps: tuple[str, ...], samples: bool
) -> None:
    """Show what `consult ingest` would read from each file: the header row found, each
    column's role and sample values, and what would be flagged or rejected. Writes nothing.
    """
    for inspection in api.consultation_inspect(paths, dossier, maps=maps):
        click.echo("\n".join(inspection_lines(inspection, samples)))


def inspection_lines(inspection: Any, samples: bool = True) -> list[str]:
    """A file's inspection as the terminal shows it."""
    out = [f"{display_path(inspection.path)}"]
    if inspection.unreadable:
        return [*out, f"  unreadable: {inspection.unreadable}", ""]
    for sheet in inspection.sheets:
        where = f"sheet {sheet.sheet!r}, " if sheet.sheet else ""
        profile = f"; profile: {sheet.profile}" if sheet.profile else ""
        out.append(f"  {where}header row {sheet.header_row}{profile}")
        for column in sheet.columns:
            provision = f" -> {column.provision}" if column.provision else ""
            why = f" ({column.why})" if column.why else ""
            out.append(
                f"    {column.letter:>3}  {_short(column.header, 48):48}  "
                f"{column.shown_role}{provision}{why}"
            )
            if samples and column.samples and column.role != "ignored":
                out.append(f"         e.g. {' | '.join(column.samples)}")
    out.append(
        f"  rows: {inspection.rows}; comments: {inspection.comments} "
        f"({inspection.anonymous} anonymous); closed answers: {inspection.answers}; "
        f"rejected: {len(inspection.rejected)}; flagged: {len(inspection.flags)}"
    )
    out.extend(f"  rejected {line}" for line in inspection.rejected[:_SHOWN_PROBLEMS])
    out.extend(f"  flagged {line}" for line in inspection.flags[:_SHOWN_PROBLEMS])
    hidden = max(0, len(inspection.rejected) - _SHOWN_PROBLEMS) + max(
        0, len(inspection.flags) - _SHOWN_PROBLEMS
    )
    if hidden:
        out.append(f"  ... {hidden} more rejected or flagged rows (ingest lists them all)")
    out.append("")
    return out


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@consult.command("ingest")
@one_dossier
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@map_option
@reports_problems
def consult_ingest(dossier: str | None, paths: tuple[Path, ...], maps: tuple[str, ...]) -> None:
    """Read stakeholders' files (XLSX, XLS, ODS, CSV) and folders of them into the register.

    Exit 1 when a row was rejected or a file was unreadable; every other row is still read.
    """
    files = api.stakeholder_files(paths)
    if len(files) < _PROGRESS_FROM:
        summary = api.consultation_ingest(paths, dossier, maps=maps)
    else:
        with click.progressbar(length=len(files), label="Reading", file=sys.stderr) as bar:
            summary = api.consultation_ingest(
                paths, dossier, progress=lambda _: bar.update(1), maps=maps
            )
    # Every unreadable file is named, however many rows were rejected.
    unreadable = [p for p in summary.problems if p.code == "I001"]
    rows = [p for p in summary.problems if p.code != "I001"]
    if unreadable:
        click.echo(format_problems(unreadable), err=True)
    if rows:
        click.echo(format_problems(rows[:_SHOWN_PROBLEMS]), err=True)
    if len(rows) > _SHOWN_PROBLEMS:
        click.echo(
            f"... and {len(rows) - _SHOWN_PROBLEMS} more rejected rows, all in the rejection log",
            err=True,
        )
    for file, mapping in summary.mappings:
        if mapping.profile:
            click.echo(f"{file}: read as {mapping.profile}")
    for line in summary.lines():
        click.echo(line)
    if summary.rejected_file is not None and (summary.rejected or summary.flagged):
        click.echo(f"rejected and flagged rows: {display_path(summary.rejected_file)}", err=True)
    if summary.rejected or summary.unreadable:
        sys.exit(EXIT_PROBLEMS)


@consult.command("status")
@one_dossier
@reports_problems
def consult_status(dossier: str | None) -> None:
    """The register's counts: files (each unreadable one named), rows accepted and rejected,
    comments flagged, campaigns, decisions."""
    counts = api.consultation_status(dossier)
    click.echo(f"files: {counts.files} ({counts.unreadable} unreadable)")
    for name, reason in counts.unreadable_files:
        click.echo(f"  unreadable: {name}: {reason}")
    click.echo(
        f"rows: {counts.rows_read} read = {counts.accepted} accepted + {counts.rejected} rejected"
    )
    for reason, number in counts.rejections:
        click.echo(f"  rejected: {number} x {reason}")
    click.echo(
        f"comments: {counts.comments} ({counts.anonymous} anonymous); closed answers: "
        f"{counts.answers}"
    )
    click.echo(f"comments with flags: {counts.flagged}")
    for kind, number in counts.flags:
        click.echo(f"  {number} x {kind}")
    click.echo(f"campaigns: {counts.campaigns}; comments with a decision: {counts.decided}")


@consult.group("decisions")
def consult_decisions() -> None:
    """The author's decisions on the comments: export the sheet, fill it in, import it."""


@consult_decisions.command("export")
@one_dossier
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the XLSX. Default: output/<dossier>/consultation/decisions.xlsx.",
)
@reports_problems
def consult_decisions_export(dossier: str | None, output: Path | None) -> None:
    """Write the XLSX of decisions: every comment once (a campaign on one row), in the
    draft's order, with a drop-down for the decision and a cell for the argument; earlier
    decisions are filled in."""
    target = api.consultation_decisions_export(dossier, output)
    click.echo(f"wrote {display_path(target)}")


@consult_decisions.command("import")
@one_dossier
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@reports_problems
def consult_decisions_import(dossier: str | None, file: Path) -> None:
    """Record the decisions of a filled-in FILE (from `consult decisions export`) in the
    register. Exit 1, recording nothing, when any row is wrong; every bad row is listed."""
    result = api.consultation_decisions_import(file, dossier)
    click.echo(
        f"comments: {result.decided} decided or changed, {result.unchanged} unchanged; "
        f"{result.undecided} still without a decision"
    )


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the DOCX. Default: NEW-compare.docx beside NEW; with --deliverable, "
    "output/<dossier>/compare/<deliverable>-<lang>-<OLD>-<NEW>.docx.",
)
@click.option(
    "-d",
    "--dossier",
    help="Compare two git revisions of this dossier (a name in drafts/): OLD and NEW are "
    "then revisions (a commit, tag or branch; . for the files as they are now).",
)
@click.option("--deliverable", help="With revisions: the deliverable to compare (its id).")
@click.option(
    "--lang",
    type=click.Choice(["ro", "en"]),
    default="ro",
    show_default=True,
    help="With revisions: the language of the deliverable.",
)
@data_files_option
@reference_option
@click.option("--author", help="The revisions' author. Default: NEW's author, else lexkit.")
@click.option(
    "--date",
    "when",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    metavar="YYYY-MM-DD[THH:MM:SS]",
    help="The revisions' date. Default: NEW's date, else 2000-01-01.",
)
@reports_problems
def compare(
    old: str,
    new: str,
    output: Path | None,
    dossier: str | None,
    deliverable: str | None,
    lang: str,
    data_files: tuple[Path, ...],
    reference: Path | None,
    author: str | None,
    when: dt.datetime | None,
) -> None:
    """A DOCX of NEW in which every difference from OLD is a tracked change (a Word
    revision) to accept or reject, provision by provision; prints the provisions changed,
    added, removed and renumbered.

    OLD and NEW are two Markdown files (.md or .md.j2), or, with -d DOSSIER --deliverable
    ID, two git revisions of the dossier.
    """
    if dossier and not deliverable:
        raise click.UsageError("with -d, name the deliverable: --deliverable ID")
    if deliverable and (data_files or reference):
        raise click.UsageError("--data and --reference are for two files: a dossier has its own")
    date = when.date() if when is not None and when.time() == dt.time() else when
    target, summary = api.compare(
        old, new, output=output, dossier=dossier, deliverable=deliverable,
        lang="en" if lang == "en" else "ro", data_files=data_files, reference=reference,
        author=author, date=date,
    )  # fmt: skip
    click.echo(f"wrote {display_path(target)}")
    for line in summary.lines():
        click.echo(line)


@main.group()
def tracker() -> None:
    """A PSEA dossier's work-plan tracker: export it for the units, import what they report."""


@tracker.command("export")
@one_dossier
@click.option("--unit", help="Only the actions of this unit (its key in data/units).")
@click.option(
    "--lang", type=click.Choice(["ro", "en"]), default="en", show_default=True,
    help="The language of the actions' texts (headers and instructions are in both).",
)  # fmt: skip
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the XLSX. Default: output/<dossier>/tracker/work-plan-tracker-....xlsx.",
)
@reports_problems
def tracker_export(dossier: str | None, unit: str | None, lang: str, output: Path | None) -> None:
    """Write the XLSX tracker of the work plan, one row per action with its latest
    reported status: the unit fills in status, comment, who and when, and sends it back."""
    target = api.tracker_export(dossier, unit, "ro" if lang == "ro" else "en", output)
    click.echo(f"wrote {display_path(target)}")


@tracker.command("import")
@one_dossier
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@reports_problems
def tracker_import(dossier: str | None, files: tuple[Path, ...]) -> None:
    """Record what the units reported in filled-in tracker FILES in the dossier's progress
    file, which the work plan's progress section reads. Exit 1, recording nothing, when any
    row of any file is wrong; every bad row is listed."""
    summary = api.tracker_import(list(files), dossier)
    click.echo(
        f"trackers: {summary.files}; reports: {summary.added} added, {summary.replaced} "
        f"replaced, {summary.unchanged} unchanged"
    )


@main.group()
def review() -> None:
    """Reviewers' Word files: their comments and tracked changes, into the register."""


@review.command("ingest")
@one_dossier
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@reports_problems
def review_ingest(dossier: str | None, file: Path) -> None:
    """Add the comments and tracked changes of FILE (a .docx lexkit built, reviewed in Word
    or LibreOffice) to the register, each on the provision it stands in, as feedback from
    the reviewer named in it. The same file twice adds nothing."""
    for line in api.review_ingest(file, dossier).lines():
        click.echo(line)


if __name__ == "__main__":
    main()
