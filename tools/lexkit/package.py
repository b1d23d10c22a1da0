"""The DOCX zip package: reading parts, writing them deterministically and atomically."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

Parts = dict[str, bytes]
"""Part name inside the zip (``word/document.xml``) -> its bytes."""

# Every zip entry gets this date, so the same document always has the same bytes.
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Workbooks lexkit writes carry this creation and modification date.
FIXED_PROPERTY_DATE = dt.datetime(2000, 1, 1)

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


def deterministic_xlsx(data: bytes) -> bytes:
    """A workbook openpyxl saved, made reproducible: openpyxl stamps the save time into
    docProps/core.xml and every zip entry; both get fixed dates."""
    parts = parts_from_bytes(data)
    core = parts["docProps/core.xml"].decode()
    stamp = FIXED_PROPERTY_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", core)
    parts["docProps/core.xml"] = core.encode()
    return zip_parts(parts)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename over it: a reader (or a
    crash) never sees half a file, and a failure leaves the old file in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
