"""The near-limit DOCX writer: a paragraph list -> string-joined document.xml -> zip.

Used two ways by ``bench/bench_render.py``:

* in-process, through :func:`read_template` (outside the timing) and :func:`write_docx`
  (timed), against ``lexkit.engine.pipeline.build_document``;
* as a whole process, ``python bench/baseline_writer.py PARAS.json OUT.docx [REFERENCE]``,
  against ``lexkit render LAW.md -o OUT.docx --reference templates/reference.docx``. This is
  how the issue measured its baseline (0.33 s for 1,000 articles): start-up, imports,
  reading the input and the reference, joining, zipping and writing the file.

PARAS.json is a list of ``[style id, text]`` pairs, the paragraphs the law renders to, with
lexkit's numbers and reference labels already worked out. The writer does no parsing or
numbering and writes no run properties, bookmarks, hyperlinks or footnotes. It uses only
the standard library (no lexkit, no lxml), so its start-up is the interpreter's.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
_DOC_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>'
)
_DOC_CLOSE = "</w:body></w:document>"
# Word and LibreOffice expect [Content_Types].xml first; the rest follows in name order,
# with a fixed date and deflate level 6, as lexkit.io.archive writes them.
_FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class Template:
    """What the writer takes from reference.docx: its parts and its page setup.

    A plain class, not a dataclass: importing dataclasses (and inspect) would add to the
    whole-process start-up of a writer that is meant to be the floor."""

    __slots__ = ("parts", "sect_pr")

    def __init__(self, parts: dict[str, bytes], sect_pr: str) -> None:
        self.parts = parts
        self.sect_pr = sect_pr  # the reference's <w:sectPr>...</w:sectPr>, as text


def read_template(reference: Path = REFERENCE) -> Template:
    with zipfile.ZipFile(reference) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    document = parts["word/document.xml"].decode()
    start = document.rfind("<w:sectPr")
    end = document.rfind("</w:sectPr>")
    sect_pr = document[start : end + len("</w:sectPr>")] if 0 <= start < end else ""
    return Template(parts, sect_pr)


def write_docx(paragraphs: Sequence[Sequence[str]], template: Template) -> bytes:
    """One string join for the body, then the zip with the reference's other parts."""
    body = "".join(
        [
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">'
            f"{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}"
            "</w:t></w:r></w:p>"
            for style, text in paragraphs
        ]
    )
    parts = dict(template.parts)
    parts["word/document.xml"] = (_DOC_OPEN + body + template.sect_pr + _DOC_CLOSE).encode()
    names = [n for n in _FIRST_PARTS if n in parts] + sorted(set(parts) - set(_FIRST_PARTS))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()


def main(argv: Sequence[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: baseline_writer.py PARAS.json OUT.docx [REFERENCE.docx]", file=sys.stderr)
        return 2
    paragraphs = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    template = read_template(Path(argv[2]) if len(argv) == 3 else REFERENCE)
    Path(argv[1]).write_bytes(write_docx(paragraphs, template))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
