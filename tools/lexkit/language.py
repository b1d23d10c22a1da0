"""The languages lexkit writes, and the words and number forms of their legislative style.

Words of structural units, quotes, Roman numerals, letters of points, long dates, list
joins, article ranges and the Romanian comma below live here, so every layer says the
same thing. (How a unit is labelled in a reference is :mod:`lexkit.engine.labels`.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

Lang = Literal["ro", "en"]
LANGS: tuple[Lang, ...] = ("ro", "en")


@dataclass(frozen=True)
class Words:
    """The words of one language for structural units and reference labels."""

    chapter: str
    section: str
    article: str
    annex: str
    annex_number: str  # "Anexa nr. {n}" / "Annex {n}"
    open_quote: str
    close_quote: str
    and_: str
    months: tuple[str, ...]


WORDS: dict[Lang, Words] = {
    "ro": Words(
        chapter="Capitolul",
        section="Secțiunea",
        article="Articolul",
        annex="Anexa",
        annex_number="Anexa nr. {n}",
        open_quote="„",
        close_quote="”",
        and_="și",
        months=(
            "ianuarie",
            "februarie",
            "martie",
            "aprilie",
            "mai",
            "iunie",
            "iulie",
            "august",
            "septembrie",
            "octombrie",
            "noiembrie",
            "decembrie",
        ),
    ),
    "en": Words(
        chapter="Chapter",
        section="Section",
        article="Article",
        annex="Annex",
        annex_number="Annex {n}",
        open_quote="“",
        close_quote="”",
        and_="and",
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
    ),
}


CEDILLAS = "şţŞŢ"
_COMMA_BELOW = str.maketrans(CEDILLAS, "șțȘȚ")
_TURKIC = re.compile("[çğıöüÇĞİÖÜ]")
_HAS_CEDILLA = re.compile(f"[{CEDILLAS}]").search


def comma_below(text: str) -> str:
    """Romanian ş ţ written with a cedilla (old keyboards) -> ș ț with a comma below,
    except in text with Gagauz or Turkish letters (ç ğ ı ö ü), where the cedilla is right."""
    # translate() is slow on non-ASCII text: call it only when there is a cedilla to fix.
    if _HAS_CEDILLA(text) and not _TURKIC.search(text):
        return text.translate(_COMMA_BELOW)
    return text


def fold(text: str) -> str:
    """Lower case without diacritics, for forgiving comparisons ("Secţiunea" == "sectiunea")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---------------------------------------------------------------- numbers

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman(number: int) -> str:
    """4 -> "IV". Raises ValueError outside 1..3999 (no Roman form exists)."""
    if not 0 < number < 4000:
        raise ValueError(f"{number} has no Roman numeral (1 to 3999 only)")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """ "XIV" -> 14; None when the text is not a well-formed Roman numeral."""
    text = text.upper()
    if not text or not _ROMAN_RE.match(text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, char in enumerate(text):
        value = values[char]
        if i + 1 < len(text) and values[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def number_base(number: str) -> int | None:
    """The base value of a written number: "62^1" -> 62, "IV" -> 4, "IV^1" -> 4."""
    base = number.split("^", 1)[0]
    if base.isdigit():
        return int(base)
    return from_roman(base)


def letter_marker(index: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (points past z continue as Moldovan acts do)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        out = letters[rest] + out
    return out


def letter_index(letters: str) -> int:
    index = 0
    for char in letters.lower():
        index = index * 26 + (ord(char) - ord("a") + 1)
    return index


# ---------------------------------------------------------------- phrases


def join_words(items: Iterable[object], lang: Lang) -> str:
    """["a", "b", "c"] -> "a, b și c" (ro) / "a, b and c" (en), as laws list things."""
    parts = [str(item) for item in items]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {WORDS[lang].and_} {parts[-1]}"


_ARTICLE = re.compile(r"^(\d+)(?:\^(\d+))?$")


def article_ranges(numbers: Iterable[object]) -> str:
    """["171", "172", "173", "174", "175", "175^1", "201"] -> "171–175^1, 201".

    Laws cite runs of three or more consecutive articles as a range. After 175 come
    175^1, 175^2 ... and then 176, so 175^1 -> 176 is consecutive too. Numbers are
    sorted and repeated ones dropped. A range given as "208^3–208^5" or "171-173" counts
    as each article in it; anything else that is not an article is kept, at the end, as
    written.
    """
    parsed: list[tuple[int, int, str]] = []
    others: list[str] = []
    for number in numbers:
        text = str(number).strip()
        expanded = expand_articles(text)
        if expanded:
            parsed.extend(expanded)
        elif text:
            others.append(text)
    parsed = sorted(set(parsed))
    runs: list[list[tuple[int, int, str]]] = []
    for item in parsed:
        if runs and _follows(runs[-1][-1], item):
            runs[-1].append(item)
        else:
            runs.append([item])
    pieces: list[str] = []
    for run in runs:
        if len(run) >= 3:
            pieces.append(f"{run[0][2]}–{run[-1][2]}")
        else:
            pieces.extend(item[2] for item in run)
    return ", ".join(pieces + others)


def expand_articles(text: str) -> list[tuple[int, int, str]]:
    """ "175^1" -> [(175, 1, "175^1")]; "208^3–208^5" -> 208^3, 208^4, 208^5; else []."""
    match = _ARTICLE.match(text)
    if match:
        return [(int(match.group(1)), int(match.group(2) or 0), text)]
    ends = re.split(r"\s*[–—-]\s*", text)
    if len(ends) != 2:
        return []
    first, last = _ARTICLE.match(ends[0]), _ARTICLE.match(ends[1])
    if not first or not last:
        return []
    base, low = int(first.group(1)), int(first.group(2) or 0)
    end_base, high = int(last.group(1)), int(last.group(2) or 0)
    if base == end_base and low < high:
        return [(base, i, f"{base}^{i}" if i else str(base)) for i in range(low, high + 1)]
    if low == high == 0 and base < end_base:
        return [(i, 0, str(i)) for i in range(base, end_base + 1)]
    return []


def _follows(previous: tuple[int, int, str], current: tuple[int, int, str]) -> bool:
    same_base = current[0] == previous[0] and current[1] == previous[1] + 1
    next_base = current[0] == previous[0] + 1 and current[1] == 0
    return same_base or next_base


def long_date(value: date, lang: Lang) -> str:
    """date(2025, 9, 12) -> "12 septembrie 2025" / "12 September 2025"."""
    return f"{value.day} {WORDS[lang].months[value.month - 1]} {value.year}"


def format_number(value: float, lang: Lang, decimals: int = 0) -> str:
    """12500 -> "12,500" (en) / "12 500" (ro, a no-break space between thousands);
    45.55 with one decimal -> "45.6" / "45,6"."""
    text = f"{value:,.{decimals}f}"
    if lang == "ro":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text
