"""The formal elements of an act, as Moldovan practice prints them.

An act whose front matter has ``formal:`` gets them from there and from its body, never
written by hand for one dossier:

- a law: "Parlamentul adoptă prezenta lege organică." (or "ordinară") before its first
  article; after its last, "PREȘEDINTELE PARLAMENTULUI" and the place, date and number
  blanks; its annexes headed "Anexa nr. 1 / la Legea nr. ___ din ______" (an annex whose
  heading says ``attached="…"`` is attached to that act instead: in an amending law, the
  act it completes);
- a government decision: "GUVERNUL REPUBLICII MOLDOVA / HOTĂRÂRE nr. ___ / din ______ /
  Chișinău" above its title (written by the DOCX writer), its legal basis (the drafter's
  ``::: legal-basis`` block), "Guvernul HOTĂRĂȘTE:", the Prime Minister's signature with
  "Contrasemnează:" and the ministers, and its annexes headed "Anexă / la Hotărârea
  Guvernului nr. ___ din ______" ("Anexa nr. 1", "nr. 2" when there are several);
- a regulation: "Anexă / la Hotărârea Guvernului nr. ___ din ______" (``attached:``) above
  its title.

The English edition prints the English equivalents. The blanks are the conventional ones
the issuing authority fills in; they are formal lines, so ``lexkit check`` does not take
them for a placeholder the drafter left.
"""

from __future__ import annotations

from dataclasses import dataclass

from lexkit.engine.model import (
    Block,
    Division,
    DocType,
    Document,
    Formal,
    FormalLine,
    Source,
    Text,
)
from lexkit.language import Lang


@dataclass(frozen=True)
class FormalWords:
    """The fixed wording of the formal elements in one language."""

    adoption: dict[str, str]  # "organic"/"ordinary" -> the adoption line
    parliament_signs: str
    law_place: str
    law_number: str
    law_annex: str  # after "Anexa nr. 1" in a law
    government: str
    decision_number: str  # after the kind line: "HOTĂRÂRE nr. ___"
    decision_date: str
    decision_place: str
    enacting: str
    prime_minister: str
    countersigned: str
    decision_annex: str  # after "Anexa nr. 1" / "Anexă" in a government decision
    only_annex: str  # the heading of an act's only annex


FORMAL_WORDS: dict[Lang, FormalWords] = {
    "ro": FormalWords(
        adoption={
            "organic": "Parlamentul adoptă prezenta lege organică.",
            "ordinary": "Parlamentul adoptă prezenta lege ordinară.",
        },
        parliament_signs="PREȘEDINTELE PARLAMENTULUI",
        law_place="Chișinău, __ ______ 20__.",
        law_number="Nr. ___.",
        law_annex="la Legea nr. ___ din ______",
        government="GUVERNUL REPUBLICII MOLDOVA",
        decision_number="nr. ___",
        decision_date="din ______",
        decision_place="Chișinău",
        enacting="Guvernul HOTĂRĂȘTE:",
        prime_minister="Prim-ministru",
        countersigned="Contrasemnează:",
        decision_annex="la Hotărârea Guvernului nr. ___ din ______",
        only_annex="Anexă",
    ),
    "en": FormalWords(
        adoption={
            "organic": "Parliament adopts this organic law.",
            "ordinary": "Parliament adopts this ordinary law.",
        },
        parliament_signs="PRESIDENT OF THE PARLIAMENT",
        law_place="Chișinău, __ ______ 20__",
        law_number="No. ___",
        law_annex="to Law No. ___ of ______",
        government="GOVERNMENT OF THE REPUBLIC OF MOLDOVA",
        decision_number="No. ___",
        decision_date="of ______",
        decision_place="Chișinău",
        enacting="The Government DECIDES:",
        prime_minister="Prime Minister",
        countersigned="Countersigned by:",
        decision_annex="to Government Decision No. ___ of ______",
        only_annex="Annex",
    ),
}

ATTACHED = "attached"  # an annex heading's attribute: the act the annex is attached to
ONLY_ANNEX = "only-annex"  # set on the only annex of a decision: headed "Anexă"


def add_formal_elements(document: Document) -> None:
    """Put the formal elements the front matter asks for into an unnumbered document."""
    formal = document.meta.formal
    if formal is None:
        return
    words = FORMAL_WORDS[document.meta.lang]
    source = Source(document.source_file, 1)
    kind = document.meta.type
    if kind is DocType.LAW:
        _law(document, formal, words, source)
    elif kind is DocType.GOVERNMENT_DECISION:
        _decision(document, formal, words, source)


def _line(source: Source, role: str, text: str) -> FormalLine:
    return FormalLine(source, [Text(text)], role=role)


def _signed(office: str, name: str) -> str:
    """The signing office, and the name at the right margin when it is known."""
    return f"{office}\t{name}" if name else office


def _annexes(document: Document) -> list[Division]:
    return [b for b in document.children if isinstance(b, Division) and b.kind == "annex"]


def _before_annexes(document: Document, lines: list[Block]) -> None:
    """Put ``lines`` after the act's last unit: before its first annex, else at the end."""
    children = document.children
    first = next(
        (i for i, b in enumerate(children) if isinstance(b, Division) and b.kind == "annex"),
        len(children),
    )
    children[first:first] = lines


def _law(document: Document, formal: Formal, words: FormalWords, source: Source) -> None:
    adoption = words.adoption.get(formal.adoption)
    if adoption:
        document.children.insert(0, _line(source, "enacting", adoption))
    _before_annexes(
        document,
        [
            _line(source, "signature", _signed(words.parliament_signs, formal.signatory)),
            _line(source, "place", words.law_place),
            _line(source, "place", words.law_number),
        ],
    )
    for annex in _annexes(document):
        annex.attrs.setdefault(ATTACHED, words.law_annex)


def _decision(document: Document, formal: Formal, words: FormalWords, source: Source) -> None:
    children = document.children
    basis = [i for i, b in enumerate(children) if isinstance(b, FormalLine) and b.role == "basis"]
    children.insert(basis[-1] + 1 if basis else 0, _line(source, "enacting", words.enacting))
    lines: list[Block] = [
        _line(source, "signature", _signed(words.prime_minister, formal.signatory))
    ]
    if formal.countersigned:
        lines.append(_line(source, "place", words.countersigned))
        lines += [_line(source, "place", minister) for minister in formal.countersigned]
    _before_annexes(document, lines)
    annexes = _annexes(document)
    for annex in annexes:
        annex.attrs.setdefault(ATTACHED, words.decision_annex)
    if len(annexes) == 1:
        annexes[0].attrs[ONLY_ANNEX] = "true"


def head_lines(document: Document) -> list[tuple[str, str]]:
    """(role, text) of the lines above the title that the act's kind prints: a decision's
    issuing authority, number, date and place; a regulation's "Anexă / la …". The kind
    line itself ("HOTĂRÂRE") is the writer's, followed by :func:`number_after_kind`."""
    meta = document.meta
    if meta.formal is None:
        return []
    words = FORMAL_WORDS[meta.lang]
    if meta.type is DocType.GOVERNMENT_DECISION:
        return [("issuer", words.government)]
    if meta.type is DocType.REGULATION and meta.formal.attached:
        joined = "la" if meta.lang == "ro" else "to"
        return [("attached", f"{words.only_annex}\n{joined} {meta.formal.attached}")]
    return []


def lines_after_kind(document: Document) -> tuple[str, list[str]]:
    """What follows the kind line of a decision: " nr. ___" on its line, then the date and
    place lines; nothing for other acts."""
    meta = document.meta
    if meta.formal is None or meta.type is not DocType.GOVERNMENT_DECISION:
        return "", []
    words = FORMAL_WORDS[meta.lang]
    return f" {words.decision_number}", [words.decision_date, words.decision_place]
