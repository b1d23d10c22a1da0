"""The flagship's draft law after the ministry's legal review (issue 13): the victim's right
to be informed, the labour mechanism, one rule with one defined term, annexes attached to
the act they complete, and every amended act cited with its Monitorul Oficial reference or
its blank. Read from the session's one build (the ``flagship`` fixture), in both languages."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from docx_helpers import caret_text
from flagship_helpers import Flagship
from lexkit.dossier.config import load_dossier
from lexkit.dossier.tables import load_data
from lexkit.engine.model import Division, walk
from lexkit.errors import Problems

LANGS = ["ro", "en"]

# The one short defined term for the certificate (ro: with the article endings Romanian
# grammar needs: certificat, certificatul, certificatului).
TERM = {
    "ro": r"[Cc]ertificat(?:ul|ului)? de cazier pentru activități cu copiii",
    "en": r"[Cc]hild-work record certificate",
}
DEFINITION = {
    "ro": "certificat de cazier pentru activități cu copiii este documentul oficial",
    "en": "a child-work record certificate is the official document",
}
# Any name of a criminal record certificate: each must be the defined term.
CERTIFICATE_NAME = {
    "ro": r"[Cc]ertificat\w*\s+(?:de\s+)?cazier[^,.;:]*",
    "en": r"[^,.;:]*?\b(?:criminal[- ]record|record)\s+certificate",
}
OTHER_NAMES = {
    "ro": ["cazier judiciar detaliat", "certificatul de integritate"],
    "en": ["detailed criminal record certificate", "integrity certificate"],
}
GAZETTE = {
    "ro": r"\(Monitorul Oficial al Republicii Moldova, (?:\d{4}|___), nr\. [^,]+, art\. [^)]+\)",
    "en": r"\(Official Gazette of the Republic of Moldova, (?:\d{4}|___), No\. [^,]+, "
    r"Art\. [^)]+\)",
}
BLANK_GAZETTE = {
    "ro": "(Monitorul Oficial al Republicii Moldova, ___, nr. ___, art. ___)",
    "en": "(Official Gazette of the Republic of Moldova, ___, No. ___, Art. ___)",
}


@dataclass
class Unit:
    """An article or an annex of the built law: its heading and its paragraphs' text
    (tables included), superscripts written as "^"."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Law:
    articles: list[Unit]
    annexes: list[Unit]
    footnotes: str
    xml: str


def _read(path: Path) -> Law:
    document = docx.Document(str(path))
    articles: list[Unit] = []
    annexes: list[Unit] = []
    current: Unit | None = None
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            text = caret_text(child)
            if style == "Article Heading":
                current = Unit(text)
                articles.append(current)
            elif style == "Annex Number":
                current = Unit(text)
                annexes.append(current)
            elif style in ("Signature", "Signature Place"):
                current = None
            elif current is not None and text.strip():
                current.paragraphs.append(text)
        elif child.tag == qn("w:tbl") and current is not None:
            table = docx.table.Table(child, document)
            for row in table.rows:
                current.paragraphs.append(
                    " | ".join(
                        "".join(caret_text(p._p) for p in cell.paragraphs) for cell in row.cells
                    )
                )
    with zipfile.ZipFile(path) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        xml = archive.read("word/document.xml").decode()
    footnotes = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", notes))
    return Law(articles, annexes, footnotes, xml)


@pytest.fixture(scope="module")
def laws(flagship: Flagship) -> dict[str, Law]:
    return {lang: _read(flagship.output / lang / "draft-law.docx") for lang in LANGS}


@pytest.fixture(scope="module")
def data(flagship: Flagship) -> dict:
    problems = Problems()
    dossier = load_dossier(flagship.dossier)
    loaded = load_data(flagship.dossier, dossier.config.data_sources(), problems)
    assert not problems.errors
    return loaded


def _acts(data: dict) -> dict[str, dict]:
    return {row["key"]: row for row in data["amended_acts"]}


def _amending(law: Law, act: dict) -> Unit:
    """The article of the law that amends ``act`` (its citation names the act's number)."""
    found = [a for a in law.articles if a.paragraphs and f" {act['number']} " in a.paragraphs[0]]
    assert len(found) == 1, (act["key"], [a.heading for a in found])
    return found[0]


# ---------------------------------------------------------------- the victim's right


def test_the_article_on_law_137_2016_is_the_one_with_id_victim_information(flagship, data):
    act = _acts(data)["victim-rehabilitation"]
    assert act["number"] == "137/2016"
    assert act["article_id"] == "victim-information"
    assert act["new_article"], "the number of the inserted article is kept in the data"
    for lang in LANGS:
        law = flagship.documents[lang]["draft-law"]
        ids = {b.id for b in walk(law.children) if isinstance(b, Division) and b.id}
        assert "victim-information" in ids


@pytest.mark.parametrize("lang", LANGS)
def test_the_law_creates_the_victims_right_to_be_informed(laws, data, lang):
    acts = _acts(data)
    article = _amending(laws[lang], acts["victim-rehabilitation"])
    text = article.text
    number = acts["victim-rehabilitation"]["new_article"]
    inserted = (
        f"se completează cu articolul {number} " if lang == "ro" else f"with Article {number} "
    )
    assert inserted in text
    right = (
        "Dreptul victimei de a fi informată despre punerea în libertate, evadarea sau transferul"
        if lang == "ro"
        else "The victim's right to be informed of the release, escape or transfer"
    )
    assert right in text
    # Who informs: the bodies of data/institutions.yaml the Government directs.
    institutions = {row["key"]: row for row in data["institutions"]}
    for key in ("anp", "probation", "gpi"):
        assert institutions[key][f"name_{lang}"] in text, key
    # What the prosecutor and the courts must do is in the law itself.
    if lang == "ro":
        assert "Procurorul" in text
        assert "instanța de judecată" in text
        assert "se stabilesc de Guvern" in text
        assert "poate cere oricând să fie informată" in text  # offenders already serving
    else:
        assert "The prosecutor" in text
        assert "the court" in text
        assert "shall be established by the Government" in text
        assert "may at any time ask to be informed" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_government_is_told_to_set_the_procedure(laws, data, lang):
    number = _acts(data)["victim-rehabilitation"]["new_article"]
    final = laws[lang].articles[-1]
    wanted = (
        f"procedura de informare a victimei prevăzută la art. {number} alin. (5) din Legea nr. "
        "137/2016"
        if lang == "ro"
        else f"the procedure for informing the victim provided for in Article {number}(5) of "
        "Law No. 137/2016"
    )
    assert wanted in final.text


# ---------------------------------------------------------------- the labour mechanism


@pytest.mark.parametrize("lang", LANGS)
def test_article_82_of_the_labour_code_gets_a_termination_ground(laws, data, lang):
    act = _acts(data)["labour-code"]
    letter = act["new_letter"]
    assert letter, "the letter inserted into art. 82 is kept in the data"
    text = _amending(laws[lang], act).text
    if lang == "ro":
        assert f"Articolul 82 se completează cu litera {letter}) cu următorul cuprins:" in text
        assert f"încetează în temeiul art. 82 lit. {letter})" in text
    else:
        assert f"Article 82 shall be supplemented with point ({letter}) to read as follows:" in text
        assert f"shall terminate under Article 82({letter})" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_employer_is_liable_and_supervised(laws, data, lang):
    acts = _acts(data)
    contravention = _amending(laws[lang], acts["contravention-code"]).text
    number = acts["contravention-code"]["new_article"]
    core = _amending(laws[lang], acts["child-rights"]).text
    if lang == "ro":
        assert f"se completează cu articolul {number} " in contravention
        assert "se sancționează cu amendă" in contravention
        assert "Inspectoratul de Stat al Muncii" in core
        assert f"art. {number} din Codul contravențional" in core
        assert "la fiecare 3 ani de activitate" in core  # when the certificate is asked again
    else:
        assert f"with Article {number} " in contravention
        assert "shall be punished by a fine" in contravention
        assert "State Labour Inspectorate" in core
        assert f"Article {number} of the Contravention Code" in core
        assert "every 3 years of activity" in core


# ---------------------------------------------------------------- one rule, one term


@pytest.mark.parametrize("lang", LANGS)
def test_the_certificate_has_one_name_defined_once(laws, lang):
    law = laws[lang]
    units = law.articles + law.annexes
    definitions = sum(unit.text.count(DEFINITION[lang]) for unit in units)
    assert definitions == 1
    mentioning = [u for u in units if re.search(r"[Cc]ertificat|certificate", u.text)]
    assert len(mentioning) >= 3
    for unit in mentioning:
        # Every article that speaks of the certificate names it by the defined term ...
        assert re.search(TERM[lang], unit.text), unit.heading
        # ... and every name of a record certificate in it is that term.
        for name in re.findall(CERTIFICATE_NAME[lang], unit.text):
            if lang == "ro":
                assert re.match(TERM[lang], name), (unit.heading, name)
            else:
                assert name.strip().lower().endswith("child-work record certificate"), name
    for other in OTHER_NAMES[lang]:
        assert other not in "\n".join(u.text for u in units)


@pytest.mark.parametrize("lang", LANGS)
def test_the_other_acts_refer_to_article_30_1_instead_of_restating_it(laws, data, lang):
    acts = _acts(data)
    core = acts["child-rights"]["new_article"]
    reference = f"art. {core}" if lang == "ro" else f"Article {core}"
    for key in ("labour-code", "education-code", "sport", "social-services", "children-at-risk"):
        assert reference in _amending(laws[lang], acts[key]).text, key
    # The prohibition's grades are written once, in art. 30^1(2).
    grade = (
        "inclusiv în cazul în care antecedentele penale au fost stinse"
        if lang == "ro"
        else "including where the criminal record has been expunged"
    )
    holders = [a.heading for a in laws[lang].articles if grade in a.text]
    assert holders == [_amending(laws[lang], acts["child-rights"]).heading]


@pytest.mark.parametrize("lang", LANGS)
def test_one_route_of_appeal_named_once(laws, lang):
    text = "\n".join(a.text for a in laws[lang].articles)
    court = "instanța de contencios administrativ" if lang == "ro" else "administrative court"
    forms = ["instanței de contencios administrativ", "instanța de contencios administrativ"]
    count = sum(text.count(f) for f in forms) if lang == "ro" else text.count(court)
    assert count == 1
    assert "litigiilor individuale de muncă" not in text
    assert "individual labour disputes" not in text


# ---------------------------------------------------------------- proportionality


@pytest.mark.parametrize("lang", LANGS)
def test_the_certificate_says_whether_the_ban_applies_not_every_conviction(laws, data, lang):
    text = _amending(laws[lang], _acts(data)["criminal-record"]).text
    if lang == "ro":
        assert "se aplică sau nu se aplică" in text
        assert "Alte condamnări și alte informații din Sistem nu se includ" in text
    else:
        assert "does or does not apply" in text
        assert "No other convictions and no other information from the System" in text


def test_offences_that_bar_only_until_expungement_stand_in_letter_c(laws, data):
    until = [o["article"] for o in data["offences"] if not o["expunged_counts"]]
    assert until, "a non-sexual offence (art. 208) bars only until expungement"
    core = _amending(laws["ro"], _acts(data)["child-rights"]).text
    letter_c = next(line for line in core.splitlines() if line.startswith("c)"))
    for article in until:
        assert f"art. {article}" in letter_c or f" {article}," in letter_c
    assert letter_c.rstrip().endswith("până la stingerea antecedentelor penale.")


# ---------------------------------------------------------------- annexes


@pytest.mark.parametrize("lang", LANGS)
def test_every_annex_is_attached_to_law_338_and_referred_to_from_an_article(laws, lang):
    law = laws[lang]
    assert len(law.annexes) == 2
    attached = (
        "la Legea nr. 338/1994 privind drepturile copilului"
        if lang == "ro"
        else "to Law No. 338/1994 on the Rights of the Child"
    )
    for annex in law.annexes:
        assert attached in annex.heading
    # Each annex's bookmark is the target of a link made in an article.
    names = re.findall(
        r'<w:pStyle w:val="AnnexNumber"/>.*?<w:bookmarkStart [^>]*w:name="([^"]+)"', law.xml
    )
    assert len(names) == 2
    before_annexes = law.xml.split('<w:pStyle w:val="AnnexNumber"/>', 1)[0]
    for name in names:
        assert f'w:anchor="{name}"' in before_annexes, name
    completes = "se completează cu anexa nr. 1" if lang == "ro" else "supplemented with Annex 1"
    assert completes in law.articles[-1].text


def test_no_annex_warning_in_the_build(flagship):
    codes = {p.code for p in flagship.result.warnings}
    assert not codes & {"S010", "A003", "A004", "A005"}


def test_annex_2_holds_no_occupation_of_occasional_contact_only(laws, data):
    for row in data["occupations"]:
        assert row["contact"] != ["O"], row["key"]
    annex = laws["ro"].annexes[1].text
    for row in data["occupations"]:
        line = next(line for line in annex.splitlines() if f"| {row['title_ro']} |" in line)
        conditional = "numai dacă atribuțiile postului îl presupun" in line
        assert conditional == ("O" in row["contact"]), row["key"]


def test_unconfirmed_offences_show_as_to_verify_in_the_working_annex(laws, data):
    annex = laws["ro"].annexes[0].text
    for row in data["offences"]:
        line = next(line for line in annex.splitlines() if f"art. {row['article']} |" in line)
        status = "de verificat" if row["status"] == "to verify" else "confirmat"
        assert line.rstrip().endswith(status), row["key"]


# ---------------------------------------------------------------- citations


@pytest.mark.parametrize("lang", LANGS)
def test_every_amended_act_is_cited_with_its_gazette_reference_or_the_blank(laws, data, lang):
    for act in data["amended_acts"]:
        if not act.get("article_id"):
            continue
        citation = _amending(laws[lang], act).paragraphs[0]
        assert re.search(GAZETTE[lang], citation), (act["key"], citation)
        gazette = act[f"gazette_{lang}"]
        if gazette:
            assert f"({gazette})" in citation
        else:
            assert BLANK_GAZETTE[lang] in citation
            assert act["status"] == "to verify", act["key"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_inserted_article_number_comes_from_the_data(laws, data, lang):
    for act in data["amended_acts"]:
        number = act.get("new_article")
        if not number:
            continue
        text = _amending(laws[lang], act).text
        heading = f"Articolul {number}." if lang == "ro" else f"Article {number}."
        assert heading in text, act["key"]


# ---------------------------------------------------------------- notes


@pytest.mark.parametrize("lang", LANGS)
def test_no_footnote_says_an_article_is_placed_provisionally(laws, lang):
    notes = laws[lang].footnotes.lower()
    assert notes  # the working edition has its notes
    assert "provizori" not in notes
    assert "provisional" not in notes
