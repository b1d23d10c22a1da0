"""reference.docx, read once and checked: the Word styles, by name, and the page setup.

reference.docx supplies every part of a DOCX but the body: styles, numbering, theme,
settings, the footer with page numbers, section properties. A drafter restyles every
document by changing its styles in Word; the writer finds them by name
(:mod:`lexkit.engine.writers.docx.styles`), so a missing one is reported, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from lexkit.engine.writers.docx.styles import Style
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.io.archive import Parts, read_parts
from lexkit.io.ooxml import qn


@dataclass(frozen=True)
class ReferenceDocument:
    """reference.docx, read once: its parts, its style ids by name, its page setup."""

    name: str
    parts: Parts
    style_ids: dict[str, str]
    sect_pr: str

    def style(self, style: Style) -> str:
        return self.style_ids[style.value.lower()]


def load_reference(path: Path | None) -> ReferenceDocument:
    """Read a reference.docx (or the built-in default when ``path`` is None).

    Raises LexkitError naming every style the file lacks.
    """
    if path is None:
        return _default_reference()
    return _load_reference(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _default_reference() -> ReferenceDocument:
    from lexkit.engine.writers.docx.default_reference import build_default_reference  # python-docx

    return _reference_from_parts("built-in reference.docx", build_default_reference())


@lru_cache(maxsize=4)
def _load_reference(path: str, _mtime: int) -> ReferenceDocument:
    try:
        parts = read_parts(Path(path))
    except (OSError, ValueError) as error:
        raise LexkitError(
            Problem(
                Location(display_path(path)),
                f"cannot read the reference document: {error}",
                "restore it with 'lexkit reference-docx -o templates/reference.docx'",
                code="P002",
            )
        ) from error
    return _reference_from_parts(display_path(path), parts)


def _reference_from_parts(name: str, parts: Parts) -> ReferenceDocument:
    problems = Problems()
    styles = etree.fromstring(parts["word/styles.xml"])
    style_ids: dict[str, str] = {}
    for style in styles.iter(qn("w:style")):
        name_element = style.find(qn("w:name"))
        if name_element is not None:
            # Word stores built-in names in lower case ("heading 1") in every UI language.
            style_name = name_element.get(qn("w:val"), "").lower()
            style_ids[style_name] = style.get(qn("w:styleId"), "")
    for style_name in Style:
        if style_name.value.lower() not in style_ids:
            problems.add(
                Location(name),
                f"the reference document has no style named {style_name.value!r}",
                "add a style with that name in Word (Styles > New Style), or start again "
                "from the default: lexkit reference-docx -o templates/reference.docx",
                code="P002",
            )
    problems.raise_if_errors()
    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(qn("w:body"))
    sect_pr = body.find(qn("w:sectPr")) if body is not None else None
    sect_xml = etree.tostring(sect_pr, encoding="unicode") if sect_pr is not None else ""
    return ReferenceDocument(name, parts, style_ids, sect_xml)
