"""How the units of an act are named: the structural words a heading starts with, the
line above an act's title, and the short labels of references ("art. 5 alin. (2) lit. b)",
"Article 5(2)(b)").

The parser, the numbering pass, the writers and the review reader all name units through
these functions, so they say the same thing.
"""

from __future__ import annotations

from lexkit.engine.model import DivisionKind, DocType
from lexkit.language import WORDS, Lang, fold

# The words a drafter may start a structural heading with, in either language.
_STRUCTURAL_WORDS: dict[str, DivisionKind] = {
    "capitolul": "chapter",
    "capitol": "chapter",
    "cap.": "chapter",
    "chapter": "chapter",
    "sectiunea": "section",
    "sectiune": "section",
    "section": "section",
    "articolul": "article",
    "articol": "article",
    "art.": "article",
    "article": "article",
    "anexa": "annex",
    "anexă": "annex",
    "annex": "annex",
}

ACCEPTED_STRUCTURAL_WORDS = (
    "Capitolul, Secțiunea, Articolul, Anexa (English: Chapter, Section, Article, Annex)"
)


def structural_kind(word: str) -> DivisionKind | None:
    """ "Articolul", "Art.", "Secţiunea", "Chapter." -> the kind of division, else None."""
    folded = fold(word)
    return _STRUCTURAL_WORDS.get(folded) or _STRUCTURAL_WORDS.get(folded.rstrip("."))


_ACT_KINDS: dict[DocType, dict[Lang, str]] = {
    DocType.LAW: {"ro": "LEGE", "en": "LAW"},
    DocType.GOVERNMENT_DECISION: {"ro": "HOTĂRÂRE", "en": "DECISION"},
}


def act_kind(doc_type: DocType, lang: Lang) -> str | None:
    """The line above an act's title ("LEGE"), for the kinds of act that have one."""
    return _ACT_KINDS.get(doc_type, {}).get(lang)


def full_title(title: str, doc_type: DocType, lang: Lang) -> str:
    """ "pentru modificarea ..." of a law -> "Lege pentru modificarea ..." (document properties)."""
    kind = act_kind(doc_type, lang)
    if not kind or title.casefold().startswith(kind.casefold()):
        return title
    return f"{kind.capitalize()} {title}"


def division_word(kind: DivisionKind, lang: Lang) -> str:
    words = WORDS[lang]
    return {
        "chapter": words.chapter,
        "section": words.section,
        "article": words.article,
        "annex": words.annex,
    }[kind]


# ---------------------------------------------------------------- reference labels


def article_label(number: str, lang: Lang) -> str:
    return f"art. {number}" if lang == "ro" else f"Article {number}"


def unit_label(kind: DivisionKind, number: str, lang: Lang) -> str:
    """The short label of a division: "cap. II", "secț. 1", "art. 5", "anexa nr. 1"."""
    if kind == "article":
        return article_label(number, lang)
    if lang == "ro":
        return {"chapter": "cap.", "section": "secț.", "annex": "anexa nr."}[kind] + f" {number}"
    return {"chapter": "Chapter", "section": "Section", "annex": "Annex"}[kind] + f" {number}"


def alineat_label(number: str, lang: Lang) -> str:
    return f" alin. ({number})" if lang == "ro" else f"({number})"


def point_label(marker: str, lang: Lang, *, standalone: bool) -> str:
    """The label part of a point inside a longer label, or of a regulation's point.

    ``marker`` is as shown (``b)``, ``3)``, ``12.``). ``standalone`` is for a point that is
    not inside an article (a regulation's ``pct. 12``).
    """
    bare = marker.rstrip(").")
    if standalone:
        return f"pct. {bare}" if lang == "ro" else f"point {bare}"
    if lang == "ro":
        if bare.isalpha():
            return f" lit. {marker}"
        return f" pct. {marker}" if marker.endswith(")") else f" pct. {bare}"
    if marker.endswith("."):
        return f" point {bare}"
    return f"({bare})"
