"""Every kind of problem lexkit reports, with its stable code, name and severity.

A code never changes meaning once released: editors and scripts that read
``lexkit check --format json`` filter on it. The first letter is the family:

- P the project (dossier.yaml, reference.docx), T templates, M the Markdown dialect, A
  amendments (operations on other acts);
- D data, S structure, L language, C coverage, F consultation feedback (``lexkit check``);
- I consultation files read by ``lexkit consult``; R what ``lexkit compare`` compares;
- H a PSEA dossier's own rules (``lexkit check``, the family its kind brings).

The README's table of checks is kept in step with :data:`CATALOGUE` by a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error stops a build (and fails ``lexkit check``); a warning is printed."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One kind of problem: its stable code, short name, severity and what it means."""

    code: str
    name: str
    severity: Severity
    summary: str
    fixable: bool = False  # ``lexkit check --fix`` rewrites the input in place

    @property
    def family(self) -> str:
        return _FAMILIES[self.code[0]]


_FAMILIES = {
    "P": "project",
    "T": "template",
    "M": "markdown",
    "A": "amendments",
    "D": "data",
    "S": "structure",
    "L": "language",
    "C": "coverage",
    "F": "consultation",
    "I": "intake",
    "R": "compare",
    "H": "psea",
}

E, W = Severity.ERROR, Severity.WARNING

_CODES = [
    # the pipeline: problems that stop a document from being built at all
    Code("P001", "project", E, "dossier.yaml, a path in it, or the project layout is wrong"),
    Code("P002", "reference-docx", E, "templates/reference.docx cannot be used for the styles"),
    Code("T001", "template", E, "a Jinja template cannot be rendered (syntax, unknown name)"),
    Code("M001", "markdown", E, "the Markdown or its front matter breaks the dialect"),
    Code(
        "M002",
        "markdown-unused",
        W,
        "Markdown that is not shown (a horizontal rule, a note nothing cites)",
    ),
    Code(
        "A001", "amendment", E, "an operation on another act (@insert, @replace ...) cannot be read"
    ),
    Code(
        "A002", "amendment-target", E, "an operation's target is not in the act's wording in force"
    ),
    Code("A003", "provisional-place", W, "a note says an inserted unit is placed provisionally"),
    Code(
        "A004",
        "gazette-reference",
        W,
        "an amended act cited without its Monitorul Oficial reference",
    ),
    Code("A005", "diverging-rule", W, "one rule inserted into several acts in different words"),
    # data
    Code("D001", "data-file", E, "a data or schema file cannot be read"),
    Code("D002", "schema", E, "a cell does not match its column in the schema"),
    Code("D003", "duplicate-key", E, "two rows of a table have the same key"),
    Code("D004", "article-number", E, "an article number lost its superscript (1751 for 175^1)"),
    Code("D005", "isco-code", E, "an ISCO-08 code that is not a unit group"),
    Code("D006", "unknown-standard", E, "an implements= key that names no standard"),
    Code("D007", "unknown-row", E, "a key that names no row of the table it refers to"),
    Code("D008", "no-governing-act", W, "an occupation without a governing act"),
    Code("D009", "to-verify", W, "facts marked “to verify”, listed"),
    Code("D010", "to-verify-official", W, "a fact still “to verify” in the official edition"),
    # structure
    Code("S001", "duplicate-id", E, "two provisions have the same {#id}"),
    Code("S002", "missing-target", E, "a reference to an id no provision has"),
    Code("S003", "missing-unit", E, "a reference to an alineat or point that is not there"),
    Code("S004", "number-order", E, "handwritten numbers out of order or skipping one"),
    Code("S005", "number-repeated", E, "a handwritten number used twice"),
    Code("S006", "empty-article", E, "an article with no text"),
    Code("S007", "alineat-start", E, "an article's alineate do not start at (1)"),
    Code("S008", "single-point", W, "a list of points with only one point"),
    Code("S009", "quote-formula", E, "a quoted structure not introduced by an amending formula"),
    Code("S010", "unreferenced-annex", W, "an annex of an act that no provision refers to"),
    # language
    Code("L001", "cedilla", E, "ş ţ Ş Ţ with a cedilla instead of ș ț Ș Ț", fixable=True),
    Code("L002", "straight-quotes", W, "straight quotes in Romanian text where „…” belong"),
    Code("L003", "double-space", W, "two or more spaces between words"),
    Code("L004", "other-language", W, "an English structural word in Romanian text, or back"),
    Code("L005", "term-spelling", W, "a defined term written with another spelling"),
    Code("L006", "placeholder", W, "a blank or placeholder left in the text (de completat, ___)"),
    Code("L007", "drafting-note", W, "a footnote of the official edition that reads like a note"),
    # coverage
    Code("C001", "offence-missing", E, "an offence of the data that the law does not name"),
    Code("C002", "occupation-missing", E, "an occupation of the data that the law does not name"),
    Code("C003", "standard-missing", E, "a standard no provision implements, with no reason why"),
    Code("C004", "note-section", E, "a section of the justification note missing or empty"),
    Code("C005", "language-structure", E, "the Romanian and English versions differ in structure"),
    # consultation
    Code("F001", "no-decision", W, "comments without the author's decision"),
    Code("F002", "no-argument", E, "a decision other than “accepted” without an argument"),
    Code("F003", "unmatched-provision", W, "comments on provisions the current draft lacks"),
    # consultation files
    Code("I001", "unreadable-file", E, "a stakeholder file cannot be read"),
    Code("I002", "rejected-row", E, "a stakeholder's row is rejected, with the reason"),
    Code("I003", "decisions-file", E, "the decisions sheet cannot be used"),
    Code("I004", "decisions-row", E, "a row of the decisions sheet is wrong"),
    Code("I005", "review-file", E, "a reviewed DOCX cannot be read"),
    Code("I006", "unused-map", W, "a --map rule that names no column of any file read"),
    # lexkit compare
    Code("R001", "revision", E, "a git revision to compare cannot be read, or lacks the dossier"),
    Code("R002", "compare-deliverable", E, "a deliverable to compare is not a document there"),
    # a PSEA dossier (the family its kind brings)
    Code("H001", "standard-no-action", W, "a MOS-PSEA standard that no work-plan action serves"),
    Code(
        "H002",
        "high-risk-unmitigated",
        W,
        "a risk scored high with no mitigation carried by a work-plan action not cancelled",
    ),
    Code("H003", "action-dates", E, "a work-plan action that ends before it starts"),
    Code("H004", "action-period", W, "a work-plan action outside the plan's period"),
    Code(
        "H005",
        "referral-stale",
        W,
        "a referral entry verified too long before the report date (or after it)",
    ),
    Code("H006", "assessment-expired", W, "a partner assessment expired at the report date"),
    Code("H007", "training-category", W, "a training row whose personnel category is unknown"),
    Code("H008", "training-course", W, "a training row whose course is unknown"),
    Code(
        "H009",
        "training-row",
        W,
        "a training row or file read with doubt or not at all (date, duplicate, unreadable)",
    ),
    Code("H010", "risk-bands", W, "risk bands that do not cover the scores 1–25 once each"),
    Code("H011", "referral-gap", W, "a region with services but none of some service type"),
    Code("H012", "assessment-scale", E, "a partner assessed on a scale that is not defined"),
    Code("H013", "assessment-rating", E, "a partner's rating that is not on its scale"),
    Code("H014", "assessment-incomplete", W, "a partner without a rating for a core standard"),
    Code("H015", "tracker-file", E, "a work-plan tracker cannot be used"),
    Code("H016", "tracker-row", E, "a row of a work-plan tracker is wrong"),
    Code("H017", "headcount-short", W, "more people of a category trained than its headcount"),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
