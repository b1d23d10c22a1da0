"""Problems found in a user's input, and the one exception that carries them.

Every stage collects :class:`Problem` objects instead of raising at the first one, so a
drafter sees everything wrong in one run. A stage that cannot go on raises
:class:`LexkitError` with all the problems gathered so far; the CLI prints them grouped
by file and exits with code 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lexkit.codes import CATALOGUE, Severity

__all__ = ["Location", "Problem", "Problems", "Severity"]


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file and, when known, a line (1-based) or a sheet/row/column."""

    file: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
        if self.column is not None:
            text += f" ({self.column})"
        return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, in plain language, with how to fix it.

    ``code`` is one of :data:`lexkit.codes.CATALOGUE`; the severity is the code's unless
    given.
    """

    location: Location
    message: str
    fix: str = ""
    severity: Severity | None = None
    code: str = ""

    def __post_init__(self) -> None:
        known = CATALOGUE.get(self.code)
        if known is None:
            raise ValueError(f"problem code {self.code!r} is not in lexkit.codes.CATALOGUE")
        if self.severity is None:
            object.__setattr__(self, "severity", known.severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message} [{self.code}]"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text


def display_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class Problems:
    """A collector that stages append to; raises once at the end if anything is an error."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        location: Location,
        message: str,
        fix: str = "",
        *,
        code: str,
        severity: Severity | None = None,
    ) -> None:
        self.items.append(Problem(location, message, fix, severity, code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise LexkitError(self.items)


class LexkitError(Exception):
    """The input has problems; ``problems`` lists all of them (errors and warnings)."""

    def __init__(self, problems: Iterable[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """Problems grouped by file, errors first within each file, in line order."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.location.file, []).append(problem)
    blocks = []
    for file in sorted(by_file):
        items = sorted(
            by_file[file],
            key=lambda p: (p.location.line or 0, not p.is_error, p.message),
        )
        blocks.append("\n".join(p.format() for p in items))
    return "\n\n".join(blocks)


def summary_line(problems: Iterable[Problem]) -> str:
    """ "2 error(s), 1 warning(s)": the last line of a list of problems."""
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error(s), {warnings} warning(s)"


class DossierNeeded(Exception):
    """A command that works on one dossier cannot tell which: drafts/ holds several and
    none was named, or the name is not there. A usage error: the CLI exits 2."""
