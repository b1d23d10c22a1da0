"""One document through the engine's stages: legislative Markdown -> Document tree -> DOCX.

Every document goes this way, whether it comes from ``lexkit render`` or a dossier build:

1. **parse** (:func:`~lexkit.engine.dialect.parse_document`): front matter and Markdown
   into an unnumbered tree; every node knows the file and line it was written at.
2. **amend** (:func:`~lexkit.engine.amendments.expand_operations`): operations on other
   acts (``@insert`` ...) become their amending formulas, checked against the wording in
   force when it is given.
3. **number** (:func:`~lexkit.engine.numbering.number_document`): numbers, labels and
   bookmarks are written into the tree; references and footnotes are resolved.
4. **pictures**: each picture gets its bytes, from the build's charts or from a file in
   the folders it may come from.
5. **write** (:func:`~lexkit.engine.writers.docx.writer.write_docx`): the numbered tree as
   DOCX bytes, only when no stage found an error.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lexkit.engine.amendments import Operation, expand_operations
from lexkit.engine.dialect import parse_document
from lexkit.engine.formal import add_formal_elements
from lexkit.engine.model import Document, Picture, SourceMap, document_inline_lists
from lexkit.engine.numbering import number_document
from lexkit.engine.writers.docx.parts import image_size
from lexkit.engine.writers.docx.reference import ReferenceDocument
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import Location, Problems, display_path
from lexkit.language import Lang
from lexkit.project import Edition
from lexkit.runtime import no_cyclic_gc


@dataclass
class Built:
    """A built deliverable, still in memory."""

    filename: str
    data: bytes
    document: Document
    operations: list[Operation] = field(default_factory=list)  # on other acts


def build_document(
    markdown: str,
    file: str,
    reference: ReferenceDocument,
    problems: Problems,
    *,
    source_map: SourceMap | None = None,
    lang: Lang | None = None,
    assets: Callable[[str], bytes | None] | None = None,
    acts: Mapping[str, Document] | None = None,
    picture_folders: Sequence[Path] = (),
    edition: Edition = "working",
) -> Built | None:
    """Parse, number and write one document; None (problems collected) when it has errors.

    A picture ``![alt](name)`` takes its bytes from ``assets`` (charts a build made), else
    from the file ``name`` beside the Markdown file, which must lie inside one of
    ``picture_folders`` (default: the Markdown file's folder). Operations on other acts
    (``@insert ...``) become their formulas, their targets checked against ``acts`` (the
    wording in force, by act key) when given. The ``edition`` decides whether the
    drafting aids are in (:mod:`lexkit.engine.editions`); the formal elements the front
    matter asks for are added in both (:mod:`lexkit.engine.formal`).
    """
    before = len(problems.errors)
    with no_cyclic_gc():
        document = parse_document(
            markdown,
            file,
            source_map=source_map,
            default_lang=lang,
            problems=problems,
            edition=edition,
        )
        add_formal_elements(document)
        if lang is not None and document.meta.lang != lang:
            problems.add(
                Location(file, 1),
                f"the front matter says lang: {document.meta.lang}, but this is the {lang} build",
                f"write 'lang: {lang}' (or use {{{{ lang }}}} in the template)",
                code="M001",
            )
        operations = expand_operations(document, problems, acts) if "\n@" in markdown else []
        number_document(document, problems)
        if "![" in markdown:  # a walk over every run only when there can be a picture
            folders = picture_folders or (Path(file).parent,)
            _load_pictures(document, Path(file).parent, folders, assets, problems)
        if len(problems.errors) > before:
            return None
        data = write_docx(document, reference)
    return Built(Path(file).name, data, document, operations)


def _load_pictures(
    document: Document,
    folder: Path,
    allowed: Sequence[Path],
    assets: Callable[[str], bytes | None] | None,
    problems: Problems,
) -> None:
    inside = [place.resolve() for place in allowed]
    for content in document_inline_lists(document):
        for node in content:
            if isinstance(node, Picture):
                node.data = _picture_bytes(node, folder, inside, assets, problems)


def _picture_bytes(
    picture: Picture,
    folder: Path,
    inside: list[Path],
    assets: Callable[[str], bytes | None] | None,
    problems: Problems,
) -> bytes:
    where = Location(picture.source.file, picture.source.line)
    data = assets(picture.source_name) if assets is not None else None
    if data is None:
        path = folder / picture.source_name
        # Resolved, so that neither "../" nor a link leads out of the allowed folders.
        if not any(path.resolve().is_relative_to(place) for place in inside):
            shown = ", ".join(display_path(place) or "." for place in inside)
            problems.add(
                where,
                f"the picture {picture.source_name!r} lies outside the folders a picture may "
                f"come from ({shown})",
                "copy the picture into the dossier (or beside the Markdown file) and name it "
                "from there",
                code="M001",
            )
            return b""
        if not path.is_file():
            problems.add(
                where,
                f"the picture {picture.source_name!r} is not there",
                "put the PNG or JPEG file beside the Markdown file, or fix its name",
                code="M001",
            )
            return b""
        data = path.read_bytes()
    try:
        image_size(data)
    except (ValueError, struct.error):
        problems.add(
            where,
            f"the picture {picture.source_name!r} is not a PNG or JPEG image",
            "save it as PNG or JPEG",
            code="M001",
        )
        return b""
    return data
