"""The drafts' provisions as comments cite them: every article, alineat and point of the
built documents indexed by its numbers and its label, and a provision as written ("art.3
al.2", "Article 3(2)", "anexa nr. 1, pct. 12") matched to its label in the draft.

Intake, the decisions sheet, the review reader and the consultation checks all match
through this one index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lexkit.consult import fields
from lexkit.consult.vocabulary import GENERAL, MAIN_DOCUMENT
from lexkit.engine.model import Alineat, Block, Division, DocType, Document, Point
from lexkit.language import from_roman, roman

# A provision as people cite it: (document id, article, alineat, point) -> label in the draft.
ProvisionKey = tuple[str, str | None, str | None, str | None]


@dataclass(frozen=True)
class Provisions:
    """The drafts' provisions, by their numbers and by their labels."""

    by_numbers: dict[ProvisionKey, str]
    by_label: dict[tuple[str, str], str]  # (document, label folded) -> label
    main: str = MAIN_DOCUMENT  # the document a comment that names none is about
    # (document, provision as written) -> match: a column cites the same provisions often.
    matched: dict[tuple[str, str], tuple[str | None, bool]] = field(
        default_factory=dict, compare=False
    )

    @property
    def documents(self) -> set[str]:
        return {key[0] for key in self.by_numbers}


def provision_index(documents: dict[str, Document]) -> Provisions:
    """Every division, alineat and point directly in one of them (the letters of an
    amending law's alineat are level-2 points) of the built drafts."""
    index: dict[ProvisionKey, str] = {}
    for doc_id, document in documents.items():
        _index_blocks(doc_id, document.children, None, None, index)
    labels = {(key[0], label.casefold()): label for key, label in index.items()}
    return Provisions(index, labels, main_document(documents))


def _index_blocks(
    doc_id: str,
    blocks: list[Block],
    article: str | None,
    alineat: str | None,
    index: dict[ProvisionKey, str],
    scope: str = "",
) -> None:
    """Index units by their numbers; inside an annex, by the annex too ("anexa nr. 1|12"),
    and their label says it ("anexa nr. 1, pct. 12"), as in the form's list."""

    def key(number: str | None) -> str | None:
        return f"{scope}|{number}" if scope else number

    def label(text: str) -> str:
        return f"{scope}, {text}" if scope else text

    for block in blocks:
        if isinstance(block, Division) and block.kind == "annex":
            index[(doc_id, f"annex:{block.label}", None, None)] = block.label
            _index_blocks(doc_id, block.children, None, None, index, block.label)
        elif isinstance(block, Division):
            number = block.number if block.kind == "article" else article
            if block.kind == "article":
                index[(doc_id, key(number), None, None)] = label(block.label)
            else:  # chapters and sections: found by their label only
                index[(doc_id, f"{block.kind}:{label(block.label)}", None, None)] = label(
                    block.label
                )
            _index_blocks(doc_id, block.children, number, None, index, scope)
        elif isinstance(block, Alineat):
            index[(doc_id, key(article), block.number, None)] = label(block.label)
            _index_blocks(doc_id, block.children, article, block.number, index, scope)
        elif isinstance(block, Point):  # the first points of a unit, whatever their level
            marker = block.marker.rstrip(").").lower()
            index[(doc_id, key(article), alineat, marker)] = label(block.label)


def match_provision(document: str, raw: str, index: Provisions) -> tuple[str | None, bool]:
    """(label in the draft, understood) for a provision as written; General -> "General".

    A label copied from the form ("anexa nr. 1", "cap. II") matches as it is; anything
    else is parsed ("art.3 al.2" -> art. III alin. (2) of an amending law).
    """
    known = index.matched.get((document, raw))
    if known is None:
        known = index.matched[(document, raw)] = _match_uncached(document, raw, index)
    return known


def _match_uncached(document: str, raw: str, index: Provisions) -> tuple[str | None, bool]:
    exact = index.by_label.get((document, raw.strip().casefold()))
    if exact:
        return exact, True
    parsed = fields.parse_provision(raw)
    if parsed is None:
        return None, False
    if parsed.article is None and parsed.alineat is None and parsed.point is None:
        return GENERAL, True
    point = parsed.point.lower() if parsed.point else None
    for article in _article_forms(parsed.article):
        label = index.by_numbers.get((document, article, parsed.alineat, point))
        if label:
            return label, True
    return None, True


def _article_forms(article: str | None) -> list[str | None]:
    """ "3" also as "III" (an amending law numbers its articles in Roman), and back."""
    if article is None:
        return [None]
    forms: list[str | None] = [article]
    if article.isdigit() and 0 < int(article) < 4000:
        forms.append(roman(int(article)))
    value = from_roman(article)
    if value is not None:
        forms.append(str(value))
    return forms


def main_document(documents: dict[str, Document]) -> str:
    """The document comments are about when they name none: ``draft-law`` when the dossier
    has that act, else its first law, else its first act (or document)."""
    acts = [doc_id for doc_id, doc in documents.items() if doc.meta.type.is_act]
    if MAIN_DOCUMENT in acts:
        return MAIN_DOCUMENT
    laws = [doc_id for doc_id, doc in documents.items() if doc.meta.type is DocType.LAW]
    return next(iter(laws + acts + list(documents)), MAIN_DOCUMENT)
