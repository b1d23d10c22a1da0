"""Zip packages (DOCX, XLSX) as parts: read, and written with fixed dates and order, so the
same parts always give the same bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

Parts = dict[str, bytes]
"""Part name inside the zip (``word/document.xml``) -> its bytes."""

# Every zip entry gets this date, so the same document always has the same bytes.
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Word and LibreOffice expect [Content_Types].xml first; the rest follows in name order.
_FIRST = ("[Content_Types].xml", "_rels/.rels")


def read_parts(path: Path) -> Parts:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}


def parts_from_bytes(data: bytes) -> Parts:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}


def zip_parts(parts: Parts) -> bytes:
    """The package as bytes: fixed entry dates and order, deflated."""
    buffer = io.BytesIO()
    names = [n for n in _FIRST if n in parts] + sorted(n for n in parts if n not in _FIRST)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
