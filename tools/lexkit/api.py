"""The library entry points the CLI calls (and tests, and other programs)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lexkit.document import LANGS, Lang
from lexkit.docx_package import load_reference
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.package import write_atomically
from lexkit.project import BuildSettings, find_project_root
from lexkit.render import build_document

if TYPE_CHECKING:
    from lexkit.build import BuildResult

# The Jinja, pydantic and python-docx imports wait for the commands that need them:
# rendering a plain .md file should not pay for them (see README, "Performance").
TEMPLATE_SUFFIX = ".j2"
_LANG_LINE = re.compile(r"^lang:\s*[\"']?(ro|en)\b", re.M)


def default_output(source: Path) -> Path:
    """draft.md.j2 -> draft.docx, beside the source."""
    name = source.name.removesuffix(TEMPLATE_SUFFIX)
    return source.with_name(Path(name).stem + ".docx")


def render_file(
    source: Path,
    output: Path | None = None,
    data_files: Sequence[Path] = (),
    reference: Path | None = None,
) -> tuple[Path, list[Problem]]:
    """Render one Markdown file (or Jinja template ending in .j2) to DOCX.

    ``data_files``: YAML or JSON mappings become template variables; a CSV or XLSX table
    becomes ``data.<file stem>``. Returns the output path and the warnings.
    """
    problems = Problems()
    shown = display_path(source)
    if not source.is_file():
        raise LexkitError(Problem(Location(shown), "file not found", "check the path"))
    text = source.read_text(encoding="utf-8")
    root = find_project_root(source.parent)
    settings = BuildSettings(root)
    reference_doc = load_reference(reference or settings.reference_path())
    source_map = None
    lang: Lang | None = None
    if source.name.endswith(TEMPLATE_SUFFIX):
        from lexkit.templating import make_environment, render_template, template_search_path

        match = _LANG_LINE.search(text[:2000])
        lang = match.group(1) if match else "ro"  # type: ignore[assignment]
        context = _render_context(data_files, problems, lang or "ro")
        problems.raise_if_errors()
        search = template_search_path(
            None, settings.shared_templates, lang or "ro", extra=[source.parent]
        )
        env = make_environment(search)
        rendered = render_template(env, source.name, context)
        text, source_map = rendered.text, rendered.source_map()
    built = build_document(text, shown, reference_doc, problems, source_map=source_map)
    problems.raise_if_errors()
    assert built is not None
    target = output or default_output(source)
    write_atomically(target, built.data)
    return target, problems.warnings


def _render_context(data_files: Sequence[Path], problems: Problems, lang: str) -> dict[str, Any]:
    from lexkit.data import load_source

    context: dict[str, Any] = {"lang": lang, "data": {}}
    for path in data_files:
        value = load_source(path, problems)
        if path.suffix.lower() in (".csv", ".xlsx"):
            context["data"][path.stem] = value
        elif isinstance(value, dict):
            context.update(value)
        elif value is not None:
            problems.add(
                Location(display_path(path)),
                "the data must be a mapping (key: value)",
                "put the values under names, e.g. 'offences: [...]'",
            )
    return context


def build(
    names: Sequence[str] = (),
    langs: Sequence[str] | None = None,
    root: Path | None = None,
) -> list[BuildResult]:
    """Build the named dossiers (all in drafts/ when none), in ``langs`` (all when None).

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
            results.append(build_dossier(path, settings, chosen))
        except LexkitError as error:
            problems.extend(error.problems)
    if any(p.is_error for p in problems):
        raise LexkitError(problems)
    return results


def write_reference(path: Path) -> Path:
    """Write the default reference.docx (the Word styles) to ``path``."""
    from lexkit.reference import write_default_reference

    write_default_reference(path)
    return path
