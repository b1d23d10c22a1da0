"""One legislative Markdown file outside any dossier (``lexkit render``, ``lexkit compare``
of two files): a ``.md`` file as it is, or a ``.md.j2`` template rendered first with the
data files given on the command line, then built in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lexkit.engine.pipeline import Built, build_document
from lexkit.engine.writers.docx.reference import ReferenceDocument
from lexkit.errors import LexkitError, Location, Problems, display_path
from lexkit.project import BuildSettings

TEMPLATE_SUFFIX = ".j2"


def build_file(
    source: Path,
    data_files: Sequence[Path],
    settings: BuildSettings,
    styles: ReferenceDocument,
    problems: Problems,
) -> Built | None:
    """The file built in memory; None, with its problems collected, when it has errors.

    A picture it shows must lie in the file's folder or the working directory.
    """
    shown = display_path(source)
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.add(Location(shown), "the file is not UTF-8 text", "save it as UTF-8", code="P001")
        return None
    source_map = None
    if source.name.endswith(TEMPLATE_SUFFIX):
        # Jinja (and, for its data, pydantic) only for a template: a plain .md file starts
        # a third of a second sooner without them.
        from lexkit.dossier.templating import render_file_template

        try:
            rendered = render_file_template(
                source, text, data_files, settings.shared_templates, problems
            )
        except LexkitError as error:
            problems.extend(error.problems)
            return None
        text, source_map = rendered.text, rendered.source_map()
    return build_document(
        text,
        shown,
        styles,
        problems,
        source_map=source_map,
        picture_folders=(source.parent, Path.cwd()),
    )


def default_output(source: Path) -> Path:
    """draft.md.j2 -> draft.docx, beside the source."""
    name = source.name.removesuffix(TEMPLATE_SUFFIX)
    return source.with_name(Path(name).stem + ".docx")
