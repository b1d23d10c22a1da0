"""Language checks: cedillas, quotes, spaces, words of the other language, defined terms.

Cedillas (L001) are looked for in the files the drafter edits, where ``--fix`` rewrites
them; the other checks read the built documents, so text that comes from the data is
checked where it ends up, and reported at the template line that put it there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lexkit.checks.subject import Subject, block_texts, unique, visible_text, where
from lexkit.engine.model import Block, Division, Document, Inline, Text, walk
from lexkit.errors import Location, Problem, display_path
from lexkit.io.files import write_atomically
from lexkit.language import CEDILLAS, Lang, comma_below, fold

# ---------------------------------------------------------------- L001 cedillas

_CEDILLA = re.compile(f"[{CEDILLAS}]")
_WORD_AROUND = re.compile(r"\w*\Z"), re.compile(r"\A\w*")


def _word_at(line: str, index: int) -> str:
    before = _WORD_AROUND[0].search(line[:index])
    after = _WORD_AROUND[1].search(line[index + 1 :])
    return (before.group() if before else "") + line[index] + (after.group() if after else "")


def _read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # unreadable files are reported by the stage that reads them


def cedillas(subject: Subject) -> Iterator[Problem]:
    for path in subject.sources:
        text = _read_text(path)
        if text is None or not _CEDILLA.search(text):
            continue
        shown = display_path(path)
        for number, line in enumerate(text.split("\n"), start=1):  # lines as editors count
            if comma_below(line) == line:
                continue  # no cedilla, or a Gagauz or Turkish line where it belongs
            for match in _CEDILLA.finditer(line):
                word = _word_at(line, match.start())
                yield Problem(
                    Location(shown, number, f"col {match.start() + 1}"),
                    f"„{word}” is written with {match.group()} (cedilla), not the Romanian "
                    f"{comma_below(match.group())} (comma below)",
                    f"write „{comma_below(word)}”; lexkit check --fix rewrites every one",
                    code="L001",
                )
    yield from _table_cedillas(subject)


def _table_cedillas(subject: Subject) -> Iterator[Problem]:
    """Workbook data is not rewritten by --fix: its cells are reported one by one."""
    text_files = {display_path(p) for p in subject.sources}
    for _, table in subject.tables():
        if table.source in text_files:
            continue
        for row, line in zip(table, table.lines, strict=True):
            for column, value in row.items():
                if isinstance(value, str) and comma_below(value) != value:
                    yield Problem(
                        Location(table.source, line, column),
                        f"{value!r} is written with ş or ţ (cedilla), not ș or ț (comma below)",
                        "replace them in the workbook (Find and Replace: ş -> ș, ţ -> ț)",
                        code="L001",
                    )


def _cedilla_count(lines: list[str]) -> int:
    return sum(len(_CEDILLA.findall(line)) for line in lines)


@dataclass(frozen=True)
class Fixed:
    path: Path
    count: int


def fix_cedillas(paths: list[Path]) -> list[Fixed]:
    """Rewrite ş ţ Ş Ţ with a comma below in place, line by line (a Gagauz or Turkish line
    is left alone); idempotent. Returns the files changed, with how many letters."""
    fixed: list[Fixed] = []
    for path in paths:
        text = _read_text(path)
        if text is None or not _CEDILLA.search(text):
            continue
        lines = text.splitlines(keepends=True)
        new = [comma_below(line) for line in lines]
        count = _cedilla_count(lines) - _cedilla_count(new)
        if count:
            bom = "\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ""
            write_atomically(path, (bom + "".join(new)).encode("utf-8"))
            fixed.append(Fixed(path, count))
    return fixed


# ---------------------------------------------------------------- L002 quotes, L003 spaces


Finder = Callable[[Lang, Block, list[Inline]], "Problem | None"]


def _each_text(subject: Subject, *finders: Finder) -> Iterator[Problem]:
    """What the ``finders`` report on each run of text of every document (read once for
    all of them), once per place."""
    found = (
        finder(lang, block, content)
        for lang, _, document in subject.all_documents()
        for block, content in block_texts(document)
        for finder in finders
    )
    return unique(problem for problem in found if problem is not None)


def _straight_quote(lang: Lang, block: Block, content: list[Inline]) -> Problem | None:
    text = visible_text(content)
    if lang != "ro" or not ('"' in text or "“" in text):
        return None
    quoted = re.search(r"[\"“][^\"“”]*[\"”]?", text)
    return Problem(
        where(block),
        f"straight or English quotes in Romanian text: {quoted.group() if quoted else chr(34)}",
        "use „…” (opening quote low, closing quote high)",
        code="L002",
    )


_DOUBLE_SPACE = re.compile(r"(\S)( {2,})(?=\S)")


def _double_space(lang: Lang, block: Block, content: list[Inline]) -> Problem | None:
    match = _DOUBLE_SPACE.search(visible_text(content))
    if match is None:
        return None
    around = match.string[max(0, match.start() - 20) : match.end() + 20].strip()
    return Problem(
        where(block),
        f"{len(match.group(2))} spaces between words: „{around}”",
        "leave one space (an empty value from the data can leave two)",
        code="L003",
    )


# ---------------------------------------------------------------- L004 the other language

_OTHER_LANGUAGE: dict[Lang, re.Pattern[str]] = {
    # English structural words in a Romanian document
    "ro": re.compile(r"\b(Article|Articles|Chapter|Section|Annex|paragraph|subparagraph)\b"),
    # Romanian structural words in an English document
    "en": re.compile(
        r"\b(Articolul|Articolele|Capitolul|Secțiunea|Anexa|alineatul|alin\.|lit\.|pct\.)"
    ),
}
_QUOTED = re.compile(r"„[^”]*”|“[^”]*”|\"[^\"]*\"")
_LANGUAGE_NAME: dict[Lang, str] = {"ro": "Romanian", "en": "English"}


def _other_language_word(lang: Lang, block: Block, content: list[Inline]) -> Problem | None:
    # Quotations and italics (titles, foreign terms) may be in any language.
    text = _QUOTED.sub("", visible_text(content, italic=False))
    match = _OTHER_LANGUAGE[lang].search(text)
    if match is None:
        return None
    other: Lang = "en" if lang == "ro" else "ro"
    return Problem(
        where(block),
        f"„{match.group()}” is {_LANGUAGE_NAME[other]} in the {_LANGUAGE_NAME[lang]} document",
        "translate it, or put a quoted title in quotes or italics",
        code="L004",
    )


# ---------------------------------------------------------------- L005 defined terms

_DEFINITIONS_TITLE = re.compile(r"notiuni|definiti|termeni|definitions|terms|glossary")
_TERM_SPLIT = re.compile(r"\s+[–—-]\s+|:\s")
_LETTERS = {"a": "aăâ", "i": "iî", "s": "sșş", "t": "tțţ"}


def defined_terms(document: Document) -> Iterator[tuple[str, Block, Division]]:
    """(term, its definition, the article) for every definition of a definitions article:
    a point or paragraph that starts with the term in bold or italics, or with the term
    followed by a dash."""
    for block in walk(document.children):
        if not (isinstance(block, Division) and block.kind == "article"):
            continue
        if not _DEFINITIONS_TITLE.search(fold(visible_text(block.title))):
            continue
        for item in walk(block.children):
            content = getattr(item, "content", None)
            if not content:
                continue
            first = content[0]
            if isinstance(first, Text) and (first.bold or first.italic) and first.text.strip():
                yield first.text.strip(" –-:"), item, block
                continue
            head = _TERM_SPLIT.split(visible_text(content), maxsplit=1)
            if len(head) == 2 and 0 < len(head[0].split()) <= 6:
                yield head[0].strip(), item, block


def _variant_pattern(term: str) -> re.Pattern[str]:
    """The term with other diacritics, case, hyphens or spacing: "cazier judiciar" also
    matches "Cazier-judiciar" and "cazier judiciár". A word's last a or ă is kept as
    written: "victima" is the definite form of "victimă", not a misspelling."""
    parts: list[str] = []
    words = re.split(r"([\s\-–]+)", term)
    for word in words:
        if not word or re.fullmatch(r"[\s\-–]+", word):
            parts.append(r"[\s\-–]*")
            continue
        for index, char in enumerate(word):
            folded = fold(char)
            last = index == len(word) - 1
            if last and folded == "a":
                parts.append(re.escape(char))
            elif folded in _LETTERS:
                parts.append(f"[{_LETTERS[folded]}]")
            else:
                parts.append(re.escape(char))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)


def term_spellings(subject: Subject) -> Iterator[Problem]:
    def find() -> Iterator[Problem]:
        for _, _, document in subject.all_documents():
            for term, definition, article in defined_terms(document):
                pattern = _variant_pattern(term)
                for block, content in block_texts(document):
                    if block is definition or block is article:
                        continue
                    for match in pattern.finditer(visible_text(content)):
                        written = match.group()
                        if written.casefold() != term.casefold():
                            yield Problem(
                                where(block),
                                f"„{written}” is spelt differently from the term „{term}” "
                                f"defined at line {definition.source.line}",
                                f"write „{term}” as the definition does",
                                code="L005",
                            )

    return unique(find())


def text_of_documents(subject: Subject) -> Iterator[Problem]:
    """L002 quotes, L003 spaces and L004 words of the other language, in one reading."""
    return _each_text(subject, _straight_quote, _double_space, _other_language_word)


CHECKS = (cedillas, text_of_documents, term_spellings)
