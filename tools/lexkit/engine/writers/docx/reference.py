"""reference.docx, read once and checked: the Word styles, by name, and the page setup.

reference.docx supplies every part of a DOCX but the body: styles, numbering, theme,
settings, the footer with page numbers, section properties. A drafter restyles every
document by changing its styles in Word; the writer finds them by name
(:mod:`lexkit.engine.writers.docx.styles`). A style the file lacks (a reference.docx made
before lexkit had that style) is taken from lexkit's default; one that cannot be (its id
is another style's) is reported, not guessed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from lexkit.engine.writers.docx.parts import STYLES_WITH_EFFECTS, without_part
from lexkit.engine.writers.docx.styles import Style
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.io.archive import Parts, read_parts
from lexkit.io.ooxml import W_NS, qn


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

    A style the file lacks is added as lexkit's default reference defines it; raises
    LexkitError naming every style that cannot be added.
    """
    if path is None:
        return _default_reference()
    return _load_reference(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _default_reference() -> ReferenceDocument:
    from lexkit.engine.writers.docx.default_reference import build_default_reference  # python-docx

    return _reference_from_parts("built-in reference.docx", build_default_reference(), False)


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
    return _reference_from_parts(display_path(path), parts, True)


def _reference_from_parts(name: str, parts: Parts, supply: bool) -> ReferenceDocument:
    """The reference document; ``supply``: missing styles are taken from the default."""
    parts = without_part(parts, STYLES_WITH_EFFECTS)
    styles = etree.fromstring(parts["word/styles.xml"])
    missing = [style for style in Style if style.value.lower() not in _style_ids(styles)]
    if missing:
        # A reference.docx made before a style joined lexkit takes lexkit's own definition.
        default = _default_reference().parts["word/styles.xml"] if supply else b"<none/>"
        unsupplied = _supply_styles(styles, etree.fromstring(default), missing)
        parts = {**parts, "word/styles.xml": _xml(styles)}
        problems = Problems()
        for style, taken_by in unsupplied:
            problems.add(
                Location(name),
                f"the reference document has no style named {style.value!r}"
                + (f" (its style id is that of {taken_by!r})" if taken_by else ""),
                "add a style with that name in Word (Styles > New Style), or start again "
                "from the default: lexkit reference-docx -o templates/reference.docx",
                code="P002",
            )
        problems.raise_if_errors()
    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(qn("w:body"))
    sect_pr = body.find(qn("w:sectPr")) if body is not None else None
    sect_xml = etree.tostring(sect_pr, encoding="unicode") if sect_pr is not None else ""
    return ReferenceDocument(name, parts, _style_ids(styles), sect_xml)


def _style_name(style: etree._Element) -> str | None:
    name = style.find(qn("w:name"))
    # Word stores built-in names in lower case ("heading 1") in every UI language.
    return None if name is None else name.get(qn("w:val"), "").lower()


def _style_ids(styles: etree._Element) -> dict[str, str]:
    """Style ids by lower-case name."""
    ids: dict[str, str] = {}
    for style in styles.iter(qn("w:style")):
        name = _style_name(style)
        if name is not None:
            ids[name] = style.get(qn("w:styleId"), "")
    return ids


_STYLE_REFERENCES = ("w:basedOn", "w:next", "w:link")
_W = {"w": W_NS}


def _supply_styles(
    styles: etree._Element, default: etree._Element, wanted: list[Style]
) -> list[tuple[Style, str]]:
    """Copy into ``styles`` the ``wanted`` styles as lexkit's default reference defines
    them, with the styles they are based on or linked to when those are missing too.
    Returns those that cannot be copied, each with the name of the style that holds its
    id here ("" when the default has no such style)."""
    here = _style_ids(styles)
    taken = {  # every style id here, and the style's name as Word shows it
        style.get(qn("w:styleId"), ""): style.xpath("string(w:name/@w:val)", namespaces=_W)
        for style in styles.iter(qn("w:style"))
    }
    by_name = {_style_name(s): s for s in default.iter(qn("w:style"))}
    default_names = {s.get(qn("w:styleId")): _style_name(s) for s in default.iter(qn("w:style"))}
    unsupplied: list[tuple[Style, str]] = []
    copies: list[etree._Element] = []
    queue: list[tuple[str, Style | None]] = [(style.value.lower(), style) for style in wanted]
    while queue:
        name, wanted_style = queue.pop(0)
        if name in here:
            continue
        source = by_name.get(name)
        style_id = source.get(qn("w:styleId"), "") if source is not None else ""
        if source is None or style_id in taken:
            if wanted_style is not None:
                unsupplied.append((wanted_style, taken.get(style_id, "")))
            continue
        here[name], taken[style_id] = style_id, name
        copies.append(copy.deepcopy(source))
        for tag in _STYLE_REFERENCES:
            reference = source.find(qn(tag))
            target = (
                default_names.get(reference.get(qn("w:val"))) if reference is not None else None
            )
            if target is not None:
                queue.append((target, None))
    for style in copies:
        for tag in _STYLE_REFERENCES:
            reference = style.find(qn(tag))
            if reference is None:
                continue
            # The same style may have another id here (a reference saved by Word in French).
            target = here.get(default_names.get(reference.get(qn("w:val"))) or "")
            if target:
                reference.set(qn("w:val"), target)
            else:
                style.remove(reference)
        styles.append(style)
    return unsupplied


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
