"""The text of a comment as the report shows it (lexkit.consult.cleaning).

HTML of platform exports, text that only looks like HTML, mojibake of each code page a
Moldovan file meets (repaired and flagged, or kept and flagged), and sound text in every
language of a consultation, which must come back untouched and unflagged.
"""

from __future__ import annotations

import dataclasses

import pytest

from lexkit.consult.cleaning import Cleaned, clean_text
from lexkit.consult.fields import normalise_text

REPAIRED = "text looks garbled by a wrong encoding (repaired: "
KEPT = "text looks garbled by a wrong encoding; kept as sent"


def garble(text: str, code_page: str) -> str:
    """UTF-8 text as a program reading it in a single-byte code page shows it.

    Bytes the code page leaves undefined come out as C1 controls, as on Windows.
    """
    shown = []
    for byte in text.encode("utf-8"):
        try:
            shown.append(bytes([byte]).decode(code_page))
        except UnicodeDecodeError:
            shown.append(chr(byte))
    return "".join(shown)


# --- HTML ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        pytest.param(
            "<p>Vă rugăm&nbsp;să <strong>excludeți</strong> alineatul (2) al art. 1.</p>"
            "<p>Motivul: costurile pentru ONG-urile mici.</p>",
            "Vă rugăm\xa0să excludeți alineatul (2) al art. 1.\n"
            "Motivul: costurile pentru ONG-urile mici.",
            id="citizen-space-paragraphs",
        ),
        pytest.param(
            '<div class="ql-editor"><p>Propunem:</p><ul><li>termen de <em>30</em> de zile;</li>'
            "<li>certificat gratuit.</li></ul></div>",
            "Propunem:\n- termen de 30 de zile;\n- certificat gratuit.",
            id="decidim-list",
        ),
        pytest.param(
            "Prima linie<br>a doua linie<br/>a treia<br />a patra<BR>a cincea",
            "Prima linie\na doua linie\na treia\na patra\na cincea",
            id="line-breaks",
        ),
        pytest.param(
            "<ol><li>art. 1</li><li>art. 2<ul><li>alin. (1)</li><li>alin. (2)</li></ul></li></ol>",
            "1. art. 1\n2. art. 2\n  - alin. (1)\n  - alin. (2)",
            id="nested-lists",
        ),
        pytest.param(
            "<p><strong><em>Foarte</em> important:</strong> <span style='color:red'>"
            "<u>art. 2</u></span> trebuie exclus.</p>",
            "Foarte important: art. 2 trebuie exclus.",
            id="nested-inline-tags",
        ),
        pytest.param(
            "<p>Ministerul Muncii &amp; Protecției Sociale, &quot;Legea&quot; "
            "nr. 140 &#8211; art.&#160;1, &#x201E;copil&#x201D;, don&#8217;t &lt;3</p>",
            'Ministerul Muncii & Protecției Sociale, "Legea" nr. 140 – art.\xa01, '
            "„copil”, don’t <3",
            id="entities",
        ),
        pytest.param(
            "<p>Textul\n   continuă\r\n pe  rândul sursei</p>",
            "Textul continuă pe rândul sursei",
            id="source-line-breaks-in-html-are-spaces",
        ),
        pytest.param(
            "<b>Important</b>: primul paragraf.\n\nAl doilea paragraf.",
            "Important: primul paragraf.\nAl doilea paragraf.",
            id="inline-tags-keep-the-authors-paragraphs",
        ),
        pytest.param(
            "<table><tr><th>Articolul</th><th>Propunerea</th></tr>"
            "<tr><td>1</td><td>se exclude</td></tr></table>",
            "Articolul | Propunerea\n1 | se exclude",
            id="table",
        ),
        pytest.param(
            '<p>Vezi <a href="https://gov.md/studiu?an=2024&amp;nr=3">studiul</a> sau scrieți la '
            '<a href="mailto:ion@example.md">ion@example.md</a>, '
            '<a href="https://gov.md">https://gov.md</a>.</p>',
            "Vezi studiul (https://gov.md/studiu?an=2024&nr=3) sau scrieți la ion@example.md, "
            "https://gov.md.",
            id="links",
        ),
        pytest.param(
            "<style>p {color: red}</style><p>Textul</p><script>alert('x<p>')</script>",
            "Textul",
            id="script-and-style-dropped",
        ),
        pytest.param(
            "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
            '<p class="MsoNormal"><![if !supportLists]>1.<![endif]> Textul din Word'
            "<o:p></o:p></p>",
            "1. Textul din Word",
            id="word-html",
        ),
        pytest.param(
            "<p>Scrieți la <ion@example.md> despre art. 3 <alin. 2> dacă a < b.</p>",
            "Scrieți la <ion@example.md> despre art. 3 <alin. 2> dacă a < b.",
            id="look-alike-tags-inside-html-survive",
        ),
        pytest.param(
            "<p>&lt;p&gt; este o etichetă, &amp;nbsp; o entitate</p>",
            "<p> este o etichetă, &nbsp; o entitate",
            id="escaped-markup-is-text",
        ),
        pytest.param("Tom &amp; Jerry\nS&amp;P", "Tom & Jerry\nS&P", id="entities-only"),
        pytest.param(
            "<p>Art. 3 &para 2, AT&T &not; R&D</p>",
            "Art. 3 &para 2, AT&T ¬ R&D",
            id="references-need-their-semicolon",
        ),
    ],
)
def test_html_is_removed(sent: str, shown: str) -> None:
    assert clean_text(sent) == Cleaned(shown, ())


@pytest.mark.parametrize(
    "text",
    [
        "a < b and c > d",
        "<3",
        "art. 3 <alin. 2>",
        "Scrieți la <ion.popescu@example.md>",
        "Ion Popescu <ion@example.md>, Maria <maria@example.md>",
        "if a <b and c> d",  # an opening tag alone is not HTML
        "lit. <b> din alin. (2)",
        "AT&T, R&D și P&G",
        "Tom & Jerry; A&B;",
        "&para 3 &not &copy",  # references without their semicolon stay
        "x<y>z",
        "<<important>>",
        "5 > 3 < 4 — „corect”",
        "<Popescu>",
        "1 &lt 2",
    ],
)
def test_text_that_only_looks_like_html_is_unchanged(text: str) -> None:
    assert clean_text(text) == Cleaned(text, ())


def test_html_then_normalise_text_gives_the_report_text() -> None:
    cleaned = clean_text("<p>Vă rugăm&nbsp;să <strong>excludeţi</strong></p><p></p><p>art. 2</p>")
    assert normalise_text(cleaned.text) == "Vă rugăm să excludeți\nart. 2"


# --- mojibake repaired -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("garbled", "repaired", "shown"),
    [
        pytest.param(
            "Propunem excluderea art. 2, deoarece costurile sunt disproporÈ›ionate pentru "
            "Ã®ntreprinderile mici È™i mijlocii.",
            "Propunem excluderea art. 2, deoarece costurile sunt disproporționate pentru "
            "întreprinderile mici și mijlocii.",
            "'disproporÈ›ionate' -> 'disproporționate'",
            id="romanian-utf8-as-cp1252",
        ),
        pytest.param(
            "ÃŽn cazul Ã®n care Ministerul nu acceptÄƒ",
            "În cazul în care Ministerul nu acceptă",
            "'ÃŽn' -> 'În'",
            id="romanian-capital-i-circumflex",
        ),
        pytest.param(
            "VÄ\x83 rugÄ\x83m sÄ\x83 excludeČ›i alineatul (2)",
            "Vă rugăm să excludeți alineatul (2)",
            "'VÄ\\x83' -> 'Vă'",
            id="romanian-utf8-as-cp1250",
        ),
        pytest.param(
            "ÃŽn",
            "În",
            "'ÃŽn' -> 'În'",
            id="one-short-word",
        ),
        pytest.param(
            "RÃ©sumÃ© de l'Ã©tÃ© â€“ trÃ¨s bien",
            "Résumé de l'été – très bien",
            "'RÃ©sumÃ©' -> 'Résumé'",
            id="french-utf8-as-cp1252",
        ),
        pytest.param(
            "ÐŸÑ€Ð¾ÐµÐºÑ‚ Ð·Ð°ÐºÐ¾Ð½Ð° Ð¾ Ð³Ð¾Ñ\x81ÑƒÐ´Ð°Ñ€Ñ\x81Ñ‚Ð²ÐµÐ½Ð½Ð¾Ð¹ Ñ\x81Ð»ÑƒÐ¶Ð±Ðµ",
            "Проект закона о государственной службе",
            "'ÐŸÑ€Ð¾ÐµÐºÑ‚' -> 'Проект'",
            id="russian-utf8-as-cp1252",
        ),
        pytest.param(
            "РџСЂРѕРµРєС‚ Р·Р°РєРѕРЅР° Рѕ РіРѕСЃСѓРґР°СЂСЃС‚РІРµРЅРЅРѕР№ СЃР»СѓР¶Р±Рµ",
            "Проект закона о государственной службе",
            "'РџСЂРѕРµРєС‚' -> 'Проект'",
            id="russian-utf8-as-cp1251",
        ),
        pytest.param(
            "ГЋn cazul Г®n care Ministerul FinanИ›elor nu acceptДѓ",
            "În cazul în care Ministerul Finanțelor nu acceptă",
            "'ГЋn' -> 'În'",
            id="romanian-utf8-as-cp1251",
        ),
        pytest.param(
            "Es una invasiÛn de la privacidad; StÈphane lo explicÛ en la reuniÛn.",
            "Es una invasión de la privacidad; Stéphane lo explicó en la reunión.",
            "'invasiÛn' -> 'invasión'",
            id="latin1-as-mac-roman-consul",
        ),
        pytest.param("StÈphane", "Stéphane", "'StÈphane' -> 'Stéphane'", id="mac-roman-name"),
        pytest.param(
            "C'est trËs bien rÈdigÈ",
            "C'est très bien rédigé",
            "'trËs' -> 'très'",
            id="latin1-as-mac-roman-french",
        ),
        pytest.param(
            "Le projet de StŽphane",
            "Le projet de Stéphane",
            "'StŽphane' -> 'Stéphane'",
            id="mac-roman-as-cp1252",
        ),
        pytest.param(
            "Le projet de St\x8ephane",
            "Le projet de Stéphane",
            "'St\\x8ephane' -> 'Stéphane'",
            id="mac-roman-as-latin1-not-cp1252",
        ),
        pytest.param(
            "St√©phane a √©crit √† l'√©t√©",
            "Stéphane a écrit à l'été",
            "'St√©phane' -> 'Stéphane'",
            id="utf8-as-mac-roman",
        ),
        pytest.param(
            "We don\x92t agree with \x93Article 1\x94",
            "We don’t agree with “Article 1”",
            "'don\\x92t' -> 'don’t'",
            id="cp1252-quotes-as-latin1",
        ),
        pytest.param(
            "VoilÃ  le travail",
            "Voilà le travail",
            "'VoilÃ' -> 'Voilà'",
            id="no-break-space-made-a-space",
        ),
        pytest.param(
            "MulÈ›umim ðŸ™‚",
            "Mulțumim 🙂",
            "'MulÈ›umim' -> 'Mulțumim'",
            id="emoji-utf8-as-cp1252",
        ),
        pytest.param(
            "Propunem ca art. 5 să fie exclus. Citat: Ã®n plus, È™i È›ara",
            "Propunem ca art. 5 să fie exclus. Citat: în plus, și țara",
            "'Ã®n' -> 'în'",
            id="garbled-quote-amid-sound-text",
        ),
    ],
)
def test_mojibake_is_repaired_and_flagged(garbled: str, repaired: str, shown: str) -> None:
    assert clean_text(garbled) == Cleaned(repaired, (REPAIRED + shown + ")",))


_SENTENCES = {
    "romanian": "În cazul în care Ministerul Finanțelor nu acceptă, excludeți alin. (2).",
    "romanian-cedilla": "Ştefan şi ţara",
    "french": "Stéphane a écrit à l'été : « très bien »",
    "german": "Größe und Übung für Straße",
    "spanish": "invasión del mercado por la niña",
    "russian": "Проект закона о государственной службе",
    "gagauz": "Gagauz dilindä çiftçi ölçü",
    "emoji": "Mulțumim 🙂",
}


@pytest.mark.parametrize("code_page", ["cp1252", "cp1250", "cp1251", "latin-1", "mac_roman"])
@pytest.mark.parametrize("language", sorted(_SENTENCES))
def test_utf8_read_in_each_code_page_is_repaired(language: str, code_page: str) -> None:
    text = _SENTENCES[language]
    cleaned = clean_text(garble(text, code_page))
    assert cleaned.text == text
    assert len(cleaned.flags) == 1
    assert cleaned.flags[0].startswith(REPAIRED)


def test_only_the_encoding_is_repaired() -> None:
    # ftfy would also straighten the quotes, narrow the full-width letters, split the
    # ligature and change nothing of the cedilla; only the garbled word may change.
    kept = "„citat” ‘x’ ＡＢＣ ﬁ şi ţară … —"
    assert clean_text(f"Ã®n {kept}").text == f"în {kept}"


def test_html_entities_that_spell_mojibake_are_repaired() -> None:
    cleaned = clean_text("<p>&#195;&#174;n cazul &Atilde;&reg;n care</p>")
    assert cleaned.text == "în cazul în care"
    assert cleaned.flags == (REPAIRED + "'Ã®n' -> 'în')",)


# --- garbled but not repaired ----------------------------------------------------------


@pytest.mark.parametrize(
    ("garbled", "sample"),
    [
        # "с" is D1 81 in UTF-8 and the 81 was lost: no reading is certain.
        pytest.param("ÐœÐ¾ÑÐºÐ²Ð° Ð¸ ÐšÐ¸ÑˆÐ¸Ð½ÐµÐ²", "'ÐœÐ¾ÑÐºÐ²Ð°'", id="lost-byte"),
        pytest.param("Ce�a nu se citește", "'Ce�a'", id="replacement-character"),
        pytest.param("Vă rugăm, StÈphane, să excludeți", "'StÈphane,'", id="mac-roman-amid-ă"),
    ],
)
def test_garbled_text_without_a_certain_repair_is_kept_and_flagged(
    garbled: str, sample: str
) -> None:
    assert clean_text(garbled) == Cleaned(garbled, (f"{KEPT} (e.g. {sample})",))


# --- sound text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vă rugăm să excludeți alineatul (2); în plus, întreprinderile mici și mijlocii.",
        "ÎN ATENȚIA MINISTERULUI: ÎNCÂT, ȘI, ȚARA, ĂSTA",
        "Ştefan şi ţara, înţelegere (cedilla of old keyboards)",
        "PĂŞUNI ŞI ŢĂRI",
        "Chișinău–Bălți, 2019–2020, l·l",
        "„Citat” și «ghilimele», nr. 5, № 12, 25 °C, ½, 3×4, 100 €",
        "Проект закона о государственной службе: всё её ещё, Ё, ЕЁ",
        "Ні, це не так; їжак, єнот, ґанок",
        "Gagauz: çiftçi, ğ, ı, İstanbul, ölçü, üzüm, şkola",
        "ÇİFTÇİ ĞÜŞÖ",
        "Stéphane a écrit à l'été: « très bien », naïve, cœur, Noël, PROGRÈS",
        "Größe, Übung, Straße, ÄRGER",
        "invasión, niño, año, ¿Qué?, ¡Sí!, pingüino",
        "Mulțumim 🙂👍🏽 ❤️",
        "“quoted” ‘single’ don’t — dash … ellipsis",
        "ﬁ ligature, ＡＢＣ full width",
        "stai…ce, W3C®Trademarks, x†A",
        "Zażółć gęślą jaźń, Příliš žluťoučký kůň",
        "Ça va, À bientôt, Ñandú, Ølsen, Åsa",
    ],
)
def test_sound_text_is_never_changed_nor_flagged(text: str) -> None:
    assert clean_text(text) == Cleaned(text, ())


def test_plain_ascii_comes_back_as_sent() -> None:
    text = "We support Article 1 (2) but not Article 2 -- see our letter of 3 May."
    assert clean_text(text) == Cleaned(text, ())


def test_cleaned_is_frozen() -> None:
    cleaned = clean_text("<p>text</p>")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cleaned.text = "other"  # type: ignore[misc]
