"""Jinja templates -> legislative Markdown, with a map back to the template lines.

Templates load from the dossier first, then the shared ``templates/`` folder (each in its
language subfolder first). Undefined variables are errors. Jinja comments are
``{## … ##}`` so that ``{#id}`` stays Markdown.

Templates are trusted to lay out text, not to run code: they render in Jinja's sandbox,
so a template cannot reach Python's internals (``cycler.__init__.__globals__``), and one
that tries is an error at its line.

A problem in the rendered Markdown (a broken reference, a bad heading) must name the
template line the drafter wrote, not a line of text they never see. While rendering,
each chunk of output is matched to the template line that produced it (from the
generator frame and Jinja's own line table), giving a :data:`SourceMap`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, GeneratorType
from typing import Any

import jinja2
from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from lexkit.engine.model import Source, SourceMap
from lexkit.errors import LexkitError, Location, Problem, Problems, display_path
from lexkit.language import (
    LANGS,
    Lang,
    article_ranges,
    format_number,
    join_words,
    long_date,
    roman,
)

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


@pass_context
def _number(context: jinja2.runtime.Context, value: object, decimals: int = 0) -> str:
    """{{ 12500 | number }}: "12,500" / "12 500"; {{ 45.55 | number(1) }}: "45.6" / "45,6"."""
    return format_number(float(str(value)), _context_lang(context), decimals)


@pass_context
def _percent(context: jinja2.runtime.Context, value: object, decimals: int = 1) -> str:
    """{{ 45.55 | percent }}: "45.6%" / "45,6 %" (Romanian sets the sign apart)."""
    lang = _context_lang(context)
    text = format_number(float(str(value)), lang, decimals)
    return f"{text}\u00a0%" if lang == "ro" else f"{text}%"


def _roman(value: object) -> str:
    return roman(int(str(value)))


def _article_list(numbers: Iterable[object]) -> str:
    """{{ rows | map(attribute="article") | article_list }} -> "171–175^1, 201, 206"."""
    return article_ranges(numbers)


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
    "number": _number,
    "percent": _percent,
    "superscript": _superscript,
    "article_list": _article_list,
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


class RecordingLoader(jinja2.FileSystemLoader):
    """Remembers every template file read, for the manifest's input hashes."""

    def __init__(self, searchpath: Sequence[Path]) -> None:
        super().__init__([str(p) for p in searchpath], encoding="utf-8")
        self.files: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        source, filename, uptodate = super().get_source(environment, template)
        self.files.add(filename)
        return source, filename, uptodate


def make_environment(
    search_path: Sequence[Path], loader: jinja2.FileSystemLoader | None = None
) -> jinja2.Environment:
    """The Jinja environment of lexkit templates, sandboxed; ``loader`` replaces the plain
    file loader (a build passes one that records the files it reads)."""
    env = SandboxedEnvironment(
        loader=loader or jinja2.FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        comment_start_string="{##",
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.code_generator_class = _LineTrackingCodeGenerator
    env.filters.update(FILTERS)
    env.tests["contains"] = _contains
    return env


def _contains(sequence: object, item: object) -> bool:
    """{{ provisions | selectattr("implements", "contains", key) }}: Jinja's own "in" test
    asks the reverse question."""
    try:
        return item in sequence  # type: ignore[operator]
    except TypeError:
        return False


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
                code="T001",
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
                code="T001",
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
        code="T001",
    )


def _render_problem(error: Exception, file: str) -> Problem:
    where = Location(file)
    trace = error.__traceback__
    while trace is not None:  # the innermost template frame is the line that failed
        template = trace.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            where = Location(
                display_path(template.filename or file),
                template.get_corresponding_lineno(trace.tb_lineno),
            )
        trace = trace.tb_next
    if isinstance(error, SecurityError):
        return Problem(
            where,
            f"the template reaches into Python's internals, which templates may not do: {error}",
            "use only the data, the documents and the filters lexkit gives templates "
            "(README, 'Legislative Markdown', Jinja)",
            code="T001",
        )
    if isinstance(error, jinja2.UndefinedError):
        return Problem(
            where,
            f"undefined variable: {error.message}",
            "check the spelling; the data names are those of dossier.yaml 'data:' and "
            "the columns of each table",
            code="T001",
        )
    return Problem(
        where, f"the template failed: {error}", "check the expression on this line", code="T001"
    )


class _LineTrackingCodeGenerator(CodeGenerator):
    """Gives every piece of literal template text a ``yield`` of its own.

    Jinja normally folds literal text into the output call of the expression beside it,
    and its line table then knows only the expression's line. Kept apart, each piece of
    text is found at its own template line.
    """

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        if isinstance(node, nodes.TemplateData):
            raise nodes.Impossible()
        return str(super()._output_child_to_const(node, frame, finalize))


def _innermost_frame(generator: GeneratorType[str, None, None]) -> FrameType | None:
    current: Any = generator
    while isinstance(getattr(current, "gi_yieldfrom", None), GeneratorType):
        current = current.gi_yieldfrom
    return current.gi_frame


def _literal_pieces(
    template: jinja2.Template, cache: dict[str, set[tuple[int, str]]]
) -> set[tuple[int, str]]:
    """(line, text) of every piece of literal text in a template, as the lexer cuts it."""
    key = template.filename or template.name or ""
    if key not in cache:
        env = template.environment
        try:
            source = (
                env.loader.get_source(env, template.name)[0] if env.loader and template.name else ""
            )
        except jinja2.TemplateNotFound:
            source = ""
        cache[key] = {(line, value) for line, kind, value in env.lex(source) if kind == "data"}
    return cache[key]


def _render_tracking_lines(
    template: jinja2.Template, context: dict[str, Any], file: str
) -> Rendered:
    """Render, noting for each output line the template line that wrote its first text.

    Literal text advances one template line per newline; the output of an expression
    stays on the expression's line.
    """
    generator = template.root_render_func(template.new_context(context))
    chunks: list[str] = []
    lines: list[tuple[str, int] | None] = [None]
    cache: dict[str, set[tuple[int, str]]] = {}
    for chunk in generator:
        if not chunk:
            continue
        chunks.append(chunk)
        frame = _innermost_frame(generator)  # type: ignore[arg-type]
        owner = frame.f_globals.get("__jinja_template__") if frame is not None else None
        if owner is None:
            where, literal = (file, 1), False
        else:
            line = owner.get_corresponding_lineno(frame.f_lineno)  # type: ignore[union-attr]
            where = (display_path(owner.filename or file), line)
            literal = (line, chunk) in _literal_pieces(owner, cache)
        for offset, piece in enumerate(chunk.split("\n")):
            if offset:
                lines.append(None)
            if piece and lines[-1] is None:
                lines[-1] = (where[0], where[1] + offset) if literal else where
    known = (file, 1)
    filled: list[tuple[str, int]] = []
    for entry in lines:  # a blank line takes the place of the line before it
        known = entry or known
        filled.append(known)
    return Rendered("".join(chunks), filled, file)


_LANG_LINE = re.compile(r"^lang:\s*[\"']?(ro|en)\b", re.M)


def template_language(text: str) -> Lang:
    """The ``lang:`` of a template's front matter (ro when it does not say)."""
    match = _LANG_LINE.search(text[:2000])
    return "en" if match and match.group(1) == "en" else "ro"


def render_file_template(
    source: Path, text: str, data_files: Sequence[Path], shared: Path, problems: Problems
) -> Rendered:
    """A standalone .md.j2 file rendered with data files, as ``lexkit render`` does: YAML
    or JSON mappings become variables, a CSV or XLSX table ``data.<file stem>``; raises
    LexkitError when the data or the template has errors."""
    from lexkit.dossier.tables import load_source  # pydantic, for data files only

    lang = template_language(text)
    context: dict[str, Any] = {"lang": lang, "data": {}}
    for path in data_files:
        value = load_source(path, problems)
        if path.suffix.lower() in (".csv", ".xlsx"):
            context["data"][path.stem] = value
        elif isinstance(value, dict):
            context.update(value)
        elif value is not None:
            problems.add(
                Location(display_path(path)),
                "the data must be a mapping (key: value)",
                "put the values under names, e.g. 'offences: [...]'",
                code="D001",
            )
    problems.raise_if_errors()
    search = template_search_path(None, shared, lang, extra=[source.parent])
    return render_template(make_environment(search), source.name, context)
