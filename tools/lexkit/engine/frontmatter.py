"""The front matter of a legislative Markdown file: YAML between two ``---`` lines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from lexkit.engine.model import DocType, Formal, Meta, Source, SourceMap
from lexkit.errors import Location, Problems
from lexkit.io.safe_yaml import error_line, error_text, load_yaml
from lexkit.language import LANGS

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (YAML text, Markdown with the front matter replaced by blank lines).

    Blank lines keep every Markdown line at its original number.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text
    block = match.group(0)
    return match.group(1) or "", "\n" * block.count("\n") + text[match.end() :]


def parse_meta(
    yaml_text: str, source_map: SourceMap, problems: Problems, default_lang: str | None
) -> Meta:
    """Validate the front matter; every problem is collected, defaults fill the gaps."""
    here = source_map(1)
    data: dict[str, Any] = {}
    if yaml_text.strip():
        try:
            loaded = load_yaml(yaml_text)
        except yaml.YAMLError as error:
            # +1: the front matter starts on the line after the first '---'.
            where = source_map((error_line(error) or 0) + 1)
            problems.add(
                Location(where.file, where.line),
                f"the front matter is not valid YAML ({error_text(error)})",
                "write it as 'key: value' lines between two '---' lines; quote values "
                "that contain ':' or start with a special character",
                code="M001",
            )
            loaded = {}
        if isinstance(loaded, dict):
            data = loaded
        elif loaded is not None:
            problems.add(
                Location(here.file, here.line),
                "the front matter must be a list of 'key: value' lines",
                "see README, 'Front matter'",
                code="M001",
            )
    title = str(data.get("title") or "")
    doc_type = _front_matter_type(data.get("type", "law"), here, problems)
    lang_value = data.get("lang", default_lang or "ro")
    if lang_value not in LANGS:
        problems.add(
            Location(here.file, here.line),
            f"front matter 'lang' must be ro or en, not {lang_value!r}",
            "write 'lang: ro' or 'lang: en'",
            code="M001",
        )
        lang_value = "ro"
    when = _front_matter_date(data.get("date"), here, problems)
    formal = _front_matter_formal(data.get("formal"), doc_type, here, problems)
    known = {"title", "type", "lang", "author", "date", "subject", "amending", "formal"}
    return Meta(
        title=title,
        type=doc_type,
        lang=lang_value,
        author=str(data.get("author") or ""),
        date=when,
        subject=str(data.get("subject") or ""),
        amending=bool(data.get("amending", False)),
        extra={k: v for k, v in data.items() if k not in known},
        formal=formal,
    )


_FORMAL_KEYS = {
    DocType.LAW: {"adoption", "signatory"},
    DocType.GOVERNMENT_DECISION: {"signatory", "countersigned"},
    DocType.REGULATION: {"attached"},
}
_ADOPTIONS = ("organic", "ordinary")


def _front_matter_formal(
    value: object, doc_type: DocType, here: Source, problems: Problems
) -> Formal | None:
    """``formal:``, the formal elements the act prints (README, "Formal elements")."""
    if value is None or value is False:
        return None
    where = Location(here.file, here.line)
    allowed = _FORMAL_KEYS.get(doc_type)
    if allowed is None:
        problems.add(
            where,
            f"front matter 'formal' is for acts; a {doc_type.value} has no formal elements",
            "delete 'formal:', or make the document a law, government-decision or regulation",
            code="M001",
        )
        return None
    data = value if isinstance(value, dict) else {} if value is True else None
    if data is None:
        problems.add(
            where,
            "front matter 'formal' must be a list of 'key: value' lines",
            f"write e.g. 'formal: {{{', '.join(sorted(allowed))}: …}}'",
            code="M001",
        )
        return None
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        problems.add(
            where,
            f"front matter 'formal' of a {doc_type.value} has no {', '.join(unknown)}",
            f"use only: {', '.join(sorted(allowed))}",
            code="M001",
        )
    adoption = str(data.get("adoption") or "")
    if doc_type is DocType.LAW and adoption not in _ADOPTIONS:
        problems.add(
            where,
            f"front matter 'formal: adoption' must be organic or ordinary, not {adoption!r}",
            "write 'adoption: organic' (Constitution art. 72(3)) or 'adoption: ordinary'",
            code="M001",
        )
    countersigned = data.get("countersigned") or []
    if not isinstance(countersigned, list):
        countersigned = [countersigned]
    return Formal(
        adoption=adoption,
        signatory=str(data.get("signatory") or ""),
        countersigned=[str(item) for item in countersigned if str(item).strip()],
        attached=str(data.get("attached") or ""),
    )


def _front_matter_type(value: object, here: Source, problems: Problems) -> DocType:
    try:
        return DocType(str(value))
    except ValueError:
        allowed = ", ".join(t.value for t in DocType)
        problems.add(
            Location(here.file, here.line),
            f"front matter 'type' is {value!r}, which is not a document type",
            f"use one of: {allowed}",
            code="M001",
        )
        return DocType.LAW


def _front_matter_date(value: object, here: Source, problems: Problems) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(
            Location(here.file, here.line),
            f"front matter 'date' {value!r} is not a date",
            "write it as YYYY-MM-DD, e.g. 'date: 2025-09-12'",
            code="M001",
        )
        return None
