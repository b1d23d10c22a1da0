"""One document: legislative Markdown -> Document tree -> DOCX bytes.

The three stages (parse, number and resolve, write) run here for every document, whether it
comes from ``lexkit render`` or from a dossier build.
"""

from __future__ import annotations

import gc
import struct
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lexkit.amendments import Operation, expand_operations
from lexkit.dialect import parse_document
from lexkit.document import Document, Lang, Picture, SourceMap
from lexkit.docx_package import ReferenceDocument, image_size
from lexkit.docx_writer import write_docx
from lexkit.errors import Location, Problems
from lexkit.numbering import document_inline_lists, number_document


@dataclass
class Built:
    """A built deliverable, still in memory."""

    filename: str
    data: bytes
    document: Document
    operations: list[Operation] = field(default_factory=list)  # on other acts


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is built.

    A 5,000-article law makes hundreds of thousands of small objects that live until the
    document is written; the collector would rescan them again and again (measured: 15 %
    of the time, and the cost per article growing with the law). Reference counting
    still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
) -> Built | None:
    """Parse, number and write one document; None (problems collected) when it has errors.

    A picture ``![alt](name)`` takes its bytes from ``assets`` (charts a build made), else
    from the file ``name`` beside the Markdown file. Operations on other acts
    (``@insert ...``) become their formulas, their targets checked against ``acts`` (the
    wording in force, by act key) when given.
    """
    before = len(problems.errors)
    with _no_cyclic_gc():
        document = parse_document(
            markdown, file, source_map=source_map, default_lang=lang, problems=problems
        )
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
            _load_pictures(document, Path(file).parent, assets, problems)
        if len(problems.errors) > before:
            return None
        data = write_docx(document, reference)
    return Built(Path(file).name, data, document, operations)


def _load_pictures(
    document: Document,
    folder: Path,
    assets: Callable[[str], bytes | None] | None,
    problems: Problems,
) -> None:
    for content in document_inline_lists(document):
        for node in content:
            if isinstance(node, Picture):
                node.data = _picture_bytes(node, folder, assets, problems)


def _picture_bytes(
    picture: Picture,
    folder: Path,
    assets: Callable[[str], bytes | None] | None,
    problems: Problems,
) -> bytes:
    where = Location(picture.source.file, picture.source.line)
    data = assets(picture.source_name) if assets is not None else None
    if data is None:
        path = folder / picture.source_name
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
