"""Pictures (charts) in documents: real Word drawings, sized to the page."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from lxml import etree

from docx_helpers import NS, REFERENCE, front
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.errors import Problems


def png(width: int, height: int) -> bytes:
    """A blank PNG of the given size, at 96 dpi (no pHYs chunk)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff" * width * 3 for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _part(data: bytes, name: str) -> etree._Element:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_a_picture_beside_the_markdown_file(tmp_path: Path):
    (tmp_path / "chart.png").write_bytes(png(960, 480))
    problems = Problems()
    built = build_document(
        front("# Raport\n\n![Participanți pe tipuri](chart.png)\n", type="report"),
        str(tmp_path / "r.md"),
        load_reference(REFERENCE),
        problems,
    )
    assert built is not None
    document = _part(built.data, "word/document.xml")
    extent = document.xpath("//wp:inline/wp:extent", namespaces=NS)[0]
    # 960 px at 96 dpi is 10 inches, wider than the 17 cm of text: scaled to fit.
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (6_120_000, 3_060_000)
    assert document.xpath("//wp:docPr/@descr", namespaces=NS) == ["Participanți pe tipuri"]
    paragraph_style = document.xpath("//w:p[.//wp:inline]/w:pPr/w:pStyle/@w:val", namespaces=NS)
    assert paragraph_style == ["Figure"]
    rels = _part(built.data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    embed = document.xpath("//a:blip/@r:embed", namespaces=NS)[0]
    assert targets[embed] == "media/image1.png"
    types = _part(built.data, "[Content_Types].xml")
    assert any(d.get("Extension") == "png" for d in types)


def test_a_missing_or_broken_picture_is_reported(tmp_path: Path):
    (tmp_path / "bad.png").write_bytes(b"not an image")
    problems = Problems()
    build_document(
        front("# R\n\n![a](gone.png)\n\n![b](bad.png)\n", type="report"),
        str(tmp_path / "r.md"),
        load_reference(REFERENCE),
        problems,
    )
    messages = [p.message for p in problems.errors]
    assert messages == [
        "the picture 'gone.png' is not there",
        "the picture 'bad.png' is not a PNG or JPEG image",
    ]


def test_pictures_from_the_build_take_precedence(tmp_path: Path):
    problems = Problems()
    built = build_document(
        front("# R\n\n![a](chart:types)\n", type="report"),
        str(tmp_path / "r.md"),
        load_reference(REFERENCE),
        problems,
        assets={"chart:types": png(100, 50)}.get,
    )
    assert built is not None
    document = _part(built.data, "word/document.xml")
    extent = document.xpath("//wp:inline/wp:extent", namespaces=NS)[0]
    assert int(extent.get("cx")) == 952_500  # 100 px at 96 dpi
