"""The text of a comment as the report shows it: HTML removed, mojibake repaired where certain.

Consultation platforms (Citizen Space, Decidim, CONSUL, regulations.gov, EU "Have your
say", online forms) export rich-text answers as HTML, and a file saved in one encoding and
opened in another garbles every letter outside ASCII ("Ã®n" for "în", "Ð¿Ñ€Ð¾" for "про",
"StÈphane" for "Stéphane"). :func:`clean_text` undoes both before
:func:`lexkit.consult.fields.normalise_text`; the caller keeps the raw value in the
register and shows the drafter the flags, so a repair is never silent.

Encoding repairs are left to ``ftfy`` and accepted only when its result is clean text.
What ftfy leaves is added here, under the same test: short garbled text its badness score
passes ("ÃŽn"), UTF-8 Latin text read as Windows-1251 (a Russian-locale Windows, common in
Moldova: "Г®n"), a comment that mixes sound and garbled words, and Latin-1 read as Mac
Roman ("StÈphane") or the reverse ("StŽphane").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import ftfy
from ftfy.badness import is_bad

__all__ = ["Cleaned", "clean_text"]

_GARBLED_REPAIRED = "text looks garbled by a wrong encoding (repaired: {before} -> {after})"
_GARBLED_KEPT = "text looks garbled by a wrong encoding; kept as sent (e.g. {sample})"


@dataclass(frozen=True)
class Cleaned:
    """The text a report shows, and what a drafter must check about it."""

    text: str
    flags: tuple[str, ...] = ()


def clean_text(value: str) -> Cleaned:
    """Remove HTML from a comment and repair text garbled by a wrong encoding.

    HTML is removed only from text that looks like HTML, so "a < b", "<3" and
    "<ion@example.md>" survive. An encoding repair is made only when certain and is
    flagged; text that looks garbled but cannot be repaired with certainty is kept as
    sent and flagged. Valid text in any language is returned unchanged.
    """
    # Most comments are plain ASCII: nothing to unescape and nothing to mis-decode.
    if value.isascii() and "<" not in value and "&" not in value:
        return Cleaned(value)
    text = _strip_html(value) if ("<" in value or "&" in value) else value
    if text.isascii() or _suspect(text) is None:
        return Cleaned(text)
    return _repair_encoding(text)


# --- HTML ----------------------------------------------------------------------------

# fmt: off
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption", "section",
    "article", "header", "footer", "aside", "nav", "main", "address", "figure", "figcaption",
    "center", "form", "fieldset",
})
_INLINE_TAGS = frozenset({
    "span", "strong", "b", "i", "em", "u", "a", "font", "sub", "sup", "s", "strike", "del",
    "ins", "small", "big", "code", "tt", "mark", "abbr", "cite", "q", "label", "img", "o:p",
})
# fmt: on
_KNOWN_TAGS = _BLOCK_TAGS | _INLINE_TAGS | {"br", "li", "td", "th"}

_ATTRIBUTES = r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*"""
# A tag: no space after "<" (so "a < b" is not one) and attributes in HTML syntax (so
# "<alin. 2>" is not one either); the name is checked against _KNOWN_TAGS afterwards.
_TAG = rf"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*(?::[A-Za-z]+)?)(?P<attrs>{_ATTRIBUTES})\s*/?>"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comments, Word's conditional comments among them
    r"|<!\[[^\]<>]*\]>"  # <![if !supportLists]> and <![endif]> of Word's HTML
    r"|<(?P<skip>script|style)\b[^>]*>.*?(?:</(?P=skip)\s*>|\Z)"
    r"|<![A-Za-z][^<>]*>|<\?[^<>]*\?>"  # <!DOCTYPE>, <?xml?>
    rf"|{_TAG}",
    re.IGNORECASE | re.DOTALL,
)
# Text is HTML when it holds a tag no one types in a comment by hand: a closing tag of a
# known element, a line break or rule, an opening block tag; or a character reference.
_LOOKS_LIKE_HTML = re.compile(
    r"</(?:[bisua]|p|div|span|strong|em|font|ul|ol|li|h[1-6]|blockquote|table|tr|td|th|"
    r"sub|sup|strike|del|ins|small|code|pre|section|article|o:p)\s*>"
    rf"|<(?:br|hr|p|div|ul|ol|li|table|h[1-6]|blockquote){_ATTRIBUTES}\s*/?>"
    r"|<!--|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
    re.IGNORECASE,
)
# Only references with their semicolon: html.unescape alone would turn "&para" and
# "&not" in plain text into ¶ and ¬.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_LAYOUT_TAG = re.compile(r"<(?:br|hr|p|div|li|tr|h[1-6]|blockquote)\b", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))""", re.IGNORECASE)
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_NEEDS_COLLAPSE = re.compile(r"[\t\r\n\f]|  ")
_BLANK_LINES = re.compile(r"\n{2,}")
_NESTED_ITEM = re.compile(r"(?:  )+(?=- |\d+\. )")


def _tidy(line: str) -> str:
    """A line without the spaces around it, but with the indent of a nested list item."""
    indented = _NESTED_ITEM.match(line)
    return (indented.group() if indented else "") + line.strip(" ")


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda match: html.unescape(match.group()), text) if "&" in text else text


def _strip_html(text: str) -> str:
    if not _LOOKS_LIKE_HTML.search(text):
        return text
    if not _TOKEN.search(text):  # character references only: the line breaks are the text's
        return _unescape(text)
    return _HtmlText(text).render()


class _HtmlText:
    """Rich text turned into lines: blocks and <br> break lines, list items are "- " lines."""

    def __init__(self, source: str) -> None:
        self.source = source
        # Where the layout is told by tags, the source's own line breaks are only spaces;
        # where only inline tags are used, they are the author's paragraphs.
        self.tags_lay_out = bool(_LAYOUT_TAG.search(source))
        self.out: list[str] = []
        self.lists: list[list[int]] = []  # one [items so far, ordered?] per open list
        self.pre = 0
        self.links: list[tuple[str, int]] = []  # (href, where its text starts)

    def render(self) -> str:
        position = 0
        for match in _TOKEN.finditer(self.source):
            self._data(self.source[position : match.start()])
            position = match.end()
            close, name, attrs = match.group("close", "name", "attrs")
            if name is None:  # a comment, script, style or declaration
                continue
            name = name.lower()
            if name not in _KNOWN_TAGS:
                self.out.append(match.group())  # "<Popescu>" is text, not a tag
            elif close:
                self._end(name)
            else:
                self._start(name, attrs, match.group().endswith("/>"))
        self._data(self.source[position:])
        lines = (_tidy(line) for line in "".join(self.out).split("\n"))
        return _BLANK_LINES.sub("\n", "\n".join(lines)).strip("\n")

    def _data(self, data: str) -> None:
        if not data:
            return
        if self.tags_lay_out and not self.pre and _NEEDS_COLLAPSE.search(data):
            data = _WHITESPACE.sub(" ", data)
        self.out.append(_unescape(data))

    def _start(self, name: str, attrs: str, self_closing: bool) -> None:
        if name == "br":
            self.out.append("\n")
        elif name in ("ul", "ol"):
            self.lists.append([0, name == "ol"])
            self.out.append("\n")
        elif name == "li":
            count, ordered = self.lists[-1] if self.lists else [0, False]
            if self.lists:
                self.lists[-1][0] = count + 1
            marker = f"{count + 1}. " if ordered else "- "
            # Indent nested items, but not without end: nesting is seldom deeper than 3.
            depth = min(max(len(self.lists) - 1, 0), 3)
            self.out.append("\n" + "  " * depth + marker)
        elif name in ("td", "th"):
            if not self._line_is_empty():
                self.out.append(" | ")
        elif name == "a" and not self_closing:
            found = _HREF.search(attrs)
            href = next((group for group in found.groups() if group), None) if found else None
            self.links.append((_unescape(href).strip() if href else "", len(self.out)))
        elif name in _BLOCK_TAGS:
            if name == "pre":
                self.pre += 1
            self.out.append("\n")

    def _end(self, name: str) -> None:
        if name in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.out.append("\n")
        elif name == "li":
            self.out.append("\n")
        elif name == "a":
            self._close_link()
        elif name in _BLOCK_TAGS:
            if name == "pre" and self.pre:
                self.pre -= 1
            self.out.append("\n")

    def _close_link(self) -> None:
        if not self.links:
            return
        href, start = self.links.pop()
        label = "".join(self.out[start:]).strip()
        # A drafter may need the address behind "studiul" but not "mailto:" or a repeat.
        if href.lower().startswith(("http://", "https://")) and href not in label:
            self.out.append(f" ({href})" if label else href)

    def _line_is_empty(self) -> bool:
        for piece in reversed(self.out):
            _, newline, after = piece.rpartition("\n")
            if after.strip():
                return False
            if newline:
                return True
        return True


# --- encoding ------------------------------------------------------------------------

# ftfy may fix the encoding and nothing else: curly quotes, full-width letters, ligatures
# and the Romanian cedilla are the author's.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    max_decode_length=1_000_000,
    explain=True,
)

# The code pages a Moldovan file passes through: Western and Central European, Cyrillic
# and Mac Roman; the "sloppy" ones are ftfy's, which decode all 256 bytes as Windows does.
_CODE_PAGES = (
    "latin-1",
    "sloppy-windows-1252",
    "sloppy-windows-1250",
    "sloppy-windows-1251",
    "macroman",
)


def _chars(low: int, high: int, codecs: tuple[str, ...]) -> set[str]:
    """The characters the bytes low..high-1 stand for in any of the codecs."""
    return {bytes([b]).decode(c, "ignore") for c in codecs for b in range(low, high)} - {""}


def _charset(chars: set[str]) -> str:
    return "[" + re.escape("".join(sorted(chars))) + "]"


_ALL = ("latin-1", "cp1252", "cp1250", "cp1251", "mac_roman")
_WESTERN = ("latin-1", "cp1252", "mac_roman")

# UTF-8 read in a single-byte code page shows each of its lead bytes as a character
# followed by one continuation character (two-byte sequences: accented Latin letters,
# Cyrillic) or two of them (three- and four-byte ones: ’ „ € emoji). Sound text has such
# runs rarely ("în", "été", "её" are not), so text without one skips ftfy.
_LEAD_2 = _chars(0xC2, 0xE0, _ALL)
_LEAD_3 = _chars(0xE0, 0xF5, _ALL) - _LEAD_2
_CONTINUATION = _charset(_chars(0x80, 0xC0, _ALL))
_PAIR = f"{_charset(_LEAD_2)}{_CONTINUATION}|{_charset(_LEAD_3)}{_CONTINUATION}{{2}}"
_UTF8_SHOWN = re.compile(_PAIR)
# A lead-continuation run touching an ASCII letter: a garbled letter of a Latin word.
_LATIN_WORD_GARBLED = re.compile(f"[A-Za-z](?:{_PAIR})|(?:{_PAIR})[A-Za-z]")

_C1 = "\x80-\x9f"
_C1_OR_LOST = re.compile(f"[{_C1}\ufffd]")
# An upper-case letter inside a lower-case word, or a symbol inside a word, as Latin-1
# read as Mac Roman ("StÈphane", "trËs") or Mac Roman read as Windows-1252 ("StŽphane")
# shows them. Punctuation that belongs inside words ("don’t", "l·l", "2019–2020") is not.
_INSIDE_WORD = {
    ch
    for ch in _chars(0x80, 0x100, _WESTERN)
    if (ch.isupper() or not ch.isalpha()) and ch not in "’‘'·–—\xa0\xad×"
}
_MID_WORD = re.compile(rf"(?<=[^\W\d_]){_charset(_INSIDE_WORD)}(?=[^\W\d_])")
# One character class, so that the scan of sound text stays in the regex engine.
_SINGLE = re.compile(_charset(_INSIDE_WORD | _chars(0x80, 0xA0, ("latin-1",)) | {"\ufffd"}))


def _suspect(text: str) -> int | None:
    """Where the first sign of mojibake is, or None: most text has none and skips ftfy."""
    found = [match.start() for match in (_UTF8_SHOWN.search(text),) if match]
    if "Ã " in text:  # "Ã " is "à" whose no-break space a spreadsheet made a space
        found.append(text.index("Ã "))
    for match in _SINGLE.finditer(text):
        at = match.start()
        if "\x80" <= match.group() <= "\x9f" or match.group() == "\ufffd":
            found.append(at)
            break
        if 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha():
            found.append(at)
            break
    return min(found) if found else None


# Controls other than tab and line breaks: ftfy's sloppy codecs turn "�" into \x1a.
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_C1}]")
# Characters outside Latin-script text (the reading of a garbled Latin comment) ...
_LATIN = re.compile("[^\x00-\x7f\u00a0-\u017f\u0218-\u021b\u2010-\u203a\u20ac\u2116\u2122]")
# ... and outside the text of a comment in our languages, emoji included.
_PLAUSIBLE = re.compile(
    "[^\x00-\x7f\u00a0-\u017f\u0218-\u021b\u0400-\u04ff\u2010-\u203a\u20ac\u2116\u2122"
    "\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]"
)


def _odd(text: str, *, letters_only: bool = False) -> int:
    """How many characters sit where no sound word has them (see _INSIDE_WORD).

    A capital inside a lower-case word is a strong sign; a symbol inside a word is a weak
    one ("stai…ce"), counted unless letters_only.
    """
    count = 0
    for match in _MID_WORD.finditer(text):
        if match.group().isalpha():
            count += text[match.start() - 1].islower() and text[match.end()].islower()
        else:
            count += not letters_only
    return count


def _sound(fixed: str, original: str) -> bool:
    """Whether a repair gives clean text: no mojibake left and no character lost."""
    return (
        not is_bad(fixed)
        and not _odd(fixed, letters_only=True)
        and _odd(fixed) <= _odd(original)
        and len(_CONTROL.findall(fixed)) <= len(_CONTROL.findall(original))
        and fixed.count("\ufffd") <= original.count("\ufffd")
    )


def _as_utf8(text: str, code_pages: tuple[str, ...], script: re.Pattern[str]) -> str | None:
    """The text decoded as UTF-8 from its bytes in one of the code pages, when exactly one
    reading is valid UTF-8 in the expected script (sound text almost never is valid)."""
    readings = set()
    for code_page in code_pages:
        try:
            reading = text.encode(code_page).decode("utf-8")
        except UnicodeError:
            continue
        if reading != text and not script.search(reading):
            readings.add(reading)
    return readings.pop() if len(readings) == 1 else None


def _single_byte(text: str, wrong: str, right: str) -> str | None:
    """The text read in the right code page; None where that puts a symbol inside a word.

    Both code pages have one character a byte, so the reading aligns with the text.
    """
    try:
        reading = text.encode(wrong).decode(right)
    except UnicodeError:
        return None
    inside_words = (
        index
        for index in range(1, len(text) - 1)
        if reading[index - 1].isalpha() and reading[index + 1].isalpha()
    )
    for index in inside_words:
        if reading[index] != text[index] and not reading[index].isalpha():
            return None
    return reading


def _repair_encoding(text: str) -> Cleaned:
    fixed = _repaired(text)
    if fixed is not None:
        before, after = _first_change(text, fixed)
        return Cleaned(fixed, (_GARBLED_REPAIRED.format(before=before, after=after),))
    if is_bad(text) or _C1_OR_LOST.search(text) or _odd(text, letters_only=True):
        return Cleaned(text, (_GARBLED_KEPT.format(sample=_sample(text)),))
    return Cleaned(text)


def _repaired(text: str) -> str | None:
    """The text repaired, or None when it is sound or no repair is certain."""
    fixed, steps = ftfy.fix_encoding_and_explain(text, _FTFY)
    if steps == [("encode", "latin-1"), ("decode", "windows-1252")] and _odd(fixed):
        # ftfy reads C1 controls as Windows-1252 ("don\x92t"); "St\x8ephane" is Mac Roman.
        fixed = _single_byte(text, "latin-1", "mac_roman") or fixed
    if fixed != text and _sound(fixed, text):
        return fixed
    if is_bad(text):
        # Garbled words quoted amid sound ones, which ftfy leaves half repaired: each word
        # ftfy finds bad is read as UTF-8 on its own.
        words = re.split(r"(\s+)", text)
        for index, word in enumerate(words):
            if is_bad(word):
                words[index] = _as_utf8(word, _CODE_PAGES, _PLAUSIBLE) or word
        mixed = "".join(words)
        if mixed != text and _sound(mixed, text):
            return mixed
    else:
        # ftfy's badness score passes short garbled text ("ÃŽn") and UTF-8 read as
        # Windows-1251 ("Г®n") or as Mac Roman ("–ø—Ä–æ"). The proof is that the whole text
        # is valid UTF-8 in a code page, which sound text practically never is once it
        # has three sequences, or one inside a Latin word.
        reading = _as_utf8(text, _CODE_PAGES, _PLAUSIBLE)
        if reading is not None and _sound(reading, text):
            latin_word = _LATIN_WORD_GARBLED.search(text) and not _LATIN.search(reading)
            if len(text) - len(reading) >= 3 or latin_word:
                return reading
    if _odd(text, letters_only=True):
        # A symbol inside a word alone ("W3C®Trademarks") is too weak a sign to re-read.
        readings = {
            reading
            for wrong, right in (("mac_roman", "cp1252"), ("cp1252", "mac_roman"))
            if (reading := _single_byte(text, wrong, right)) is not None
            and not _LATIN.search(reading)
            and _sound(reading, text)
        }
        if len(readings) == 1:
            return readings.pop()
    return None


def _show(text: str, limit: int = 40) -> str:
    """Text quoted for a flag, its invisible characters escaped."""
    text = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def _first_change(before: str, after: str) -> tuple[str, str]:
    """The first word a repair changed, before and after, for the drafter to see."""
    old, new = before.split(), after.split()
    if len(old) == len(new):
        for old_word, new_word in zip(old, new, strict=True):
            if old_word != new_word:
                return _show(old_word), _show(new_word)
    pairs = zip(old, new, strict=False)
    start = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(old), len(new)))
    return _show(" ".join(old[start : start + 3])), _show(" ".join(new[start : start + 3]))


def _sample(text: str) -> str:
    at = _suspect(text)
    if at is None:
        return _show(text)
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    return _show(text[start : end if end != -1 else len(text)])
