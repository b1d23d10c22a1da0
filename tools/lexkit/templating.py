"""Jinja templates -> legislative Markdown, with a map back to the template lines.

Templates load from the dossier first, then the shared ``templates/`` folder (each in its
language subfolder first). Undefined variables are errors. Jinja comments are
``{## … ##}`` so that ``{#id}`` stays Markdown.

A problem in the rendered Markdown (a broken reference, a bad heading) must name the
template line the drafter wrote, not a line of text they never see. While rendering,
each chunk of output is matched to the template line that produced it (from the
generator frame and Jinja's own line table), giving a :data:`SourceMap`.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, GeneratorType
from typing import Any

import jinja2
from jinja2 import pass_context

from lexkit.dialect import SourceMap
from lexkit.document import LANGS, Lang, Source
from lexkit.errors import LexkitError, Location, Problem, display_path
from lexkit.language import join_words, long_date, roman

TEMPLATE_SUFFIX = ".j2"


# ---------------------------------------------------------------- filters


def _context_lang(context: jinja2.runtime.Context) -> Lang:
    lang = context.get("lang", "ro")
    return lang if lang in LANGS else "ro"


@pass_context
def _join_and(context: jinja2.runtime.Context, items: Iterable[object]) -> str:
    """{{ names | join_and }}: "a, b și c" in a Romanian template, "a, b and c" in English."""
    return join_words(items, _context_lang(context))


def _join_ro(items: Iterable[object]) -> str:
    return join_words(items, "ro")


def _join_en(items: Iterable[object]) -> str:
    return join_words(items, "en")


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


@pass_context
def _long_date(context: jinja2.runtime.Context, value: object, lang: str | None = None) -> str:
    """{{ date | long_date }}: "12 septembrie 2025" / "12 September 2025"."""
    chosen = lang if lang in LANGS else _context_lang(context)
    return long_date(_as_date(value), chosen)


def _roman(value: object) -> str:
    return roman(int(str(value)))


def _superscript(base: object, index: object = None) -> str:
    """{{ 62 | superscript(1) }} -> "62^1", which the dialect prints as 62 with a raised 1."""
    if index is None or index == "":
        return str(base)
    return f"{base}^{index}"


FILTERS = {
    "join_and": _join_and,
    "join_ro": _join_ro,
    "join_en": _join_en,
    "long_date": _long_date,
    "roman": _roman,
    "superscript": _superscript,
}


# ---------------------------------------------------------------- environment


def template_search_path(
    dossier_dir: Path | None, shared_dir: Path | None, lang: str, extra: Sequence[Path] = ()
) -> list[Path]:
    """Where templates are looked for, first match wins: the file's own folder (``extra``),
    the dossier (its ``templates/<lang>``, ``templates``, ``<lang>`` and root), then the
    shared ``templates/<lang>`` and ``templates``."""
    paths: list[Path] = list(extra)
    if dossier_dir is not None:
        paths += [
            dossier_dir / "templates" / lang,
            dossier_dir / "templates",
            dossier_dir / lang,
            dossier_dir,
        ]
    if shared_dir is not None:
        paths += [shared_dir / lang, shared_dir]
    seen: list[Path] = []
    for path in paths:
        if path.is_dir() and path not in seen:
            seen.append(path)
    return seen


def make_environment(search_path: Sequence[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        comment_start_string="{##",
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env


# ---------------------------------------------------------------- rendering


@dataclass
class Rendered:
    """Rendered Markdown and, for each of its lines, where the drafter wrote it."""

    text: str
    lines: list[tuple[str, int]]
    template: str

    def source_map(self) -> SourceMap:
        lines, fallback = self.lines, self.template

        def locate(line: int) -> Source:
            if 1 <= line <= len(lines):
                return Source(*lines[line - 1])
            return Source(fallback, 0)

        return locate


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> Rendered:
    """Render one template; raises LexkitError naming the template file and line."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise LexkitError(_syntax_problem(error)) from error
    except jinja2.TemplateNotFound as error:
        searched = ", ".join(display_path(p) for p in env.loader.searchpath)  # type: ignore[union-attr]
        raise LexkitError(
            Problem(
                Location(str(error.name or name)),
                f"template {str(error.name or name)!r} not found",
                f"create it in one of: {searched}",
            )
        ) from error
    file = display_path(template.filename or name)
    try:
        return _render_tracking_lines(template, context, file)
    except jinja2.TemplateSyntaxError as error:
        raise LexkitError(_syntax_problem(error)) from error
    except jinja2.TemplateNotFound as error:
        raise LexkitError(
            Problem(
                Location(file),
                f"included template {error.name!r} not found",
                "check the name in {% include %} or {% extends %}",
            )
        ) from error
    except Exception as error:  # a template may raise anything its expressions raise
        raise LexkitError(_render_problem(error, file)) from error


def _syntax_problem(error: jinja2.TemplateSyntaxError) -> Problem:
    file = display_path(error.filename or error.name or "template")
    return Problem(
        Location(file, error.lineno),
        f"template syntax error: {error.message}",
        "check the {% %} and {{ }} tags on this line; Jinja comments are {## … ##}",
    )


def _render_problem(error: Exception, file: str) -> Problem:
    where = Location(file)
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename and not frame.filename.endswith(".py"):
            where = Location(display_path(frame.filename), frame.lineno)
            break
    if isinstance(error, jinja2.UndefinedError):
        return Problem(
            where,
            f"undefined variable: {error.message}",
            "check the spelling; the data names are those of dossier.yaml 'data:' and "
            "the columns of each table",
        )
    return Problem(where, f"the template failed: {error}", "check the expression on this line")


def _innermost_frame(generator: GeneratorType[str, None, None]) -> FrameType | None:
    current: Any = generator
    while isinstance(getattr(current, "gi_yieldfrom", None), GeneratorType):
        current = current.gi_yieldfrom
    return current.gi_frame


def _template_line(frame: FrameType) -> tuple[str, int]:
    """The template file and line whose code is running in ``frame``."""
    table = frame.f_globals.get("debug_info") or ""
    line = 1
    for pair in table.split("&") if table else []:
        template_line, code_line = (int(x) for x in pair.split("="))
        if code_line <= frame.f_lineno:
            line = template_line
        else:
            break
    return display_path(frame.f_code.co_filename), line


def _render_tracking_lines(
    template: jinja2.Template, context: dict[str, Any], file: str
) -> Rendered:
    generator = template.root_render_func(template.new_context(context))
    chunks: list[str] = []
    lines: list[tuple[str, int]] = [(file, 1)]
    sources: dict[str, list[str]] = {}
    for chunk in generator:
        chunks.append(chunk)
        frame = _innermost_frame(generator)  # type: ignore[arg-type]
        where = _template_line(frame) if frame is not None else (file, 1)
        _map_chunk(chunk, where, lines, sources)
    text = "".join(chunks)
    del lines[text.count("\n") + 1 :]
    return Rendered(text, lines, file)


def _map_chunk(
    chunk: str, where: tuple[str, int], lines: list[tuple[str, int]], sources: dict[str, list[str]]
) -> None:
    """Extend ``lines`` for the newlines in ``chunk``: literal template text advances line by
    line with the template; the output of an expression stays on the expression's line."""
    if lines[-1] == ("", 0) or (len(lines) == 1 and not any(lines)):
        lines[-1] = where
    pieces = chunk.split("\n")
    if chunk and lines[-1][1] == 1 and len(lines) == 1:
        lines[-1] = where
    if len(pieces) == 1:
        return
    file, line = where
    template_lines = _source_lines(file, sources)
    for offset, piece in enumerate(pieces[1:], start=1):
        candidate = line + offset
        literal = 0 < candidate <= len(template_lines) and (
            piece.strip() == template_lines[candidate - 1].strip()
        )
        lines.append((file, candidate) if literal else where)


def _source_lines(file: str, cache: dict[str, list[str]]) -> list[str]:
    if file not in cache:
        try:
            cache[file] = Path(file).read_text(encoding="utf-8").split("\n")
        except OSError:
            cache[file] = []
    return cache[file]
