"""The flagship's justification note after the ministry's legal review (issue 13, point 7):
the promoting authority as author, with its signature block; no consultant's contract or
terms of reference in the official text; the law's organic character grounded; the figures
computed from the data; HG 270/2014 where the law names it; the defined term as the law
defines it. Built in a tmp copy of the flagship, in both editions and both languages."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from docx_helpers import caret_text, copy_flagship
from lexkit.build import build_dossier
from lexkit.dossier.config import load_dossier
from lexkit.dossier.tables import load_data
from lexkit.errors import Problems
from lexkit.project import BuildSettings

NAME = "child-protection"
LANGS = ["ro", "en"]
EDITIONS = ["working", "official"]
SECTIONS = 11  # legal-facts.md §4.3

# How the law defines the certificate (art. 1^1 of Law 216/2003, article VI of the law).
DEFINITION = {
    "ro": r",\s*(certificat de cazier[^,]*?) este documentul oficial",
    "en": r"\ba (child-work record certificate) is the official document",
}
QUOTES = {"ro": ("„", "”"), "en": ("“", "”")}
CONSULTANT = {
    "ro": ["contract", "termeni de referință", "termenii de referință", "consultant"],
    "en": ["contract", "terms of reference", "consultant"],
}
ORGANIC = {"ro": "art. 72 alin. (3) din Constituți", "en": "Article 72(3) of the Constitution"}
HG_270 = {"ro": "Hotărârea Guvernului nr. 270/2014", "en": "Government Decision No. 270/2014"}
OFFENCES = {"ro": r"cuprinde (\d+)(?: de)? poziții", "en": r"contains (\d+) entries"}
OCCUPATIONS = {"ro": r"(\d+)(?: de)? ocupații și roluri", "en": r"(\d+) occupations and roles"}
GONE = {
    # what the law no longer has, or the note no longer says
    "ro": [
        "46^1",
        "lista orientativă",
        "propunerii separate",
        "propunerea separată",
        "certificatul de cazier judiciar detaliat pentru activitățile",
        "de completat",
    ],
    "en": [
        "46^1",
        "indicative list",
        "separate proposal",
        "detailed criminal record certificate for activities",
        "to be completed",
    ],
}


# ---------------------------------------------------------------- reading a built note


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)  # body text, table rows as "a | b"
    notes: list[list[str]] = field(default_factory=list)  # footnote ids of each paragraph
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Note:
    preamble: Section
    sections: list[Section]
    footnotes: dict[str, str]  # id -> text
    last_paragraph: str

    @property
    def numbered(self) -> dict[int, Section]:
        found = {}
        for section in self.sections:
            match = re.match(r"(\d+)\.\s", section.heading)
            if match:
                found[int(match.group(1))] = section
        return found

    @property
    def text(self) -> str:
        return "\n".join([self.preamble.text, *(s.text for s in self.sections)])

    @property
    def everything(self) -> str:
        return self.text + "\n" + "\n".join(self.footnotes.values())


def _read(path: Path) -> Note:
    document = docx.Document(str(path))
    preamble = Section("")
    sections: list[Section] = []
    current = preamble
    last = ""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            style = paragraph.style.name if paragraph.style is not None else ""
            text = caret_text(child)
            if style == "Heading 1":
                current = Section(text)
                sections.append(current)
            elif text.strip():
                current.paragraphs.append(text)
                current.notes.append(
                    [ref.get(qn("w:id")) for ref in child.iter(qn("w:footnoteReference"))]
                )
                last = text
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            rows = [
                ["".join(caret_text(p._p) for p in cell.paragraphs) for cell in row.cells]
                for row in table.rows
            ]
            current.tables.append(rows)
            for row in rows:
                current.paragraphs.append(" | ".join(row))
                current.notes.append([])
                last = " | ".join(row)
    footnotes: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" in archive.namelist():
            xml = archive.read("word/footnotes.xml").decode()
            for number, body in re.findall(
                r'<w:footnote w:id="([1-9]\d*)">(.*?)</w:footnote>', xml, re.S
            ):
                footnotes[number] = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body)).strip()
    return Note(preamble, sections, footnotes, last)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The flagship copied and built in both editions: root/output/child-protection/."""
    root = copy_flagship(tmp_path_factory.mktemp("note"))
    settings = BuildSettings(root)
    for edition in EDITIONS:
        build_dossier(root / "drafts" / NAME, settings, edition=edition)
    return root


def _folder(root: Path, edition: str, lang: str) -> Path:
    base = root / "output" / NAME
    return (base / "official" if edition == "official" else base) / lang


@pytest.fixture(scope="module")
def notes(project: Path) -> dict[tuple[str, str], Note]:
    return {
        (edition, lang): _read(_folder(project, edition, lang) / "justification-note.docx")
        for edition in EDITIONS
        for lang in LANGS
    }


@pytest.fixture(scope="module")
def data(project: Path) -> dict:
    dossier = project / "drafts" / NAME
    problems = Problems()
    loaded = load_data(dossier, load_dossier(dossier).config.data_sources(), problems)
    assert not problems.errors
    return loaded


def _authority(data: dict) -> dict:
    [row] = [row for row in data["institutions"] if row.get("promotes")]
    return row


# ---------------------------------------------------------------- structure


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_sections_1_to_11_are_present_and_not_empty(notes, edition, lang):
    note = notes[edition, lang]
    numbered = note.numbered
    assert sorted(numbered) == list(range(1, SECTIONS + 1))
    assert [s.heading for s in note.sections if re.match(r"\d+\.", s.heading)] == [
        numbered[n].heading for n in range(1, SECTIONS + 1)
    ]
    assert all(numbered[n].paragraphs for n in numbered), [
        n for n in numbered if not numbered[n].paragraphs
    ]


def test_both_languages_have_the_same_tables(notes):
    for edition in EDITIONS:
        ro, en = notes[edition, "ro"], notes[edition, "en"]
        shape = lambda note: [  # noqa: E731
            [(len(t), len(t[0])) for t in s.tables] for s in note.sections
        ]
        assert shape(ro) == shape(en)


# ---------------------------------------------------------------- the author


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_section_1_names_the_promoting_authority_from_the_data(notes, data, edition, lang):
    authority = _authority(data)
    assert authority["status"] == "to verify"  # which partner promotes is not confirmed
    section = notes[edition, lang].numbered[1]
    assert authority[f"authority_{lang}"] in section.paragraphs[0]
    # the author is not the consultant or La Strada
    assert "La Strada" not in section.paragraphs[0]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_note_ends_with_the_signature_block_of_the_authority(notes, data, edition, lang):
    authority = _authority(data)
    last = notes[edition, lang].last_paragraph
    assert last.startswith(authority[f"head_{lang}"])
    name = authority.get("head_name") or ""
    # the head's name when the data has it, else the conventional blank for it
    assert last.endswith(name) if name else re.search(r"_{5,}$", last)


@pytest.mark.parametrize("lang", LANGS)
def test_the_official_note_names_no_contract_terms_of_reference_or_consultant(notes, lang):
    text = notes["official", lang].everything.lower()
    for word in CONSULTANT[lang]:
        assert word not in text, word
    assert "lexkit" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_working_note_keeps_the_consultant_as_an_aid(notes, lang):
    text = notes["working", lang].numbered[1].text
    assert "La Strada" in text
    aid = "Notă pentru autor:" if lang == "ro" else "Note for the author:"
    assert any(p.startswith(aid) for p in notes["working", lang].numbered[1].paragraphs)


def test_the_note_properties_name_the_authority(project, data):
    for lang in LANGS:
        path = _folder(project, "official", lang) / "justification-note.docx"
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode()
        assert f"<dc:creator>{_authority(data)[f'authority_{lang}']}</dc:creator>" in core


# ---------------------------------------------------------------- grounds


@pytest.mark.parametrize("lang", LANGS)
def test_the_organic_character_is_grounded_in_constitution_art_72(notes, lang):
    for edition in EDITIONS:
        section = notes[edition, lang].numbered[4]
        found = [
            (text, ids)
            for text, ids in zip(section.paragraphs, section.notes, strict=True)
            if ORGANIC[lang] in text
        ]
        assert found, edition
        text, ids = found[0]
        assert "organic" in text, text
        if edition == "working":
            footnotes = notes[edition, lang].footnotes
            to_verify = "De verificat:" if lang == "ro" else "To verify:"
            marks = [footnotes[i] for i in ids]
            assert any(m.startswith(to_verify) and "72" in m for m in marks), marks
        else:
            assert not notes[edition, lang].footnotes  # every aid note is gone


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_section_6_names_hg_270_2014(notes, edition, lang):
    assert HG_270[lang] in notes[edition, lang].numbered[6].text


@pytest.mark.parametrize("lang", LANGS)
def test_the_note_uses_the_defined_term_as_the_law_defines_it(project, notes, lang):
    law = docx.Document(str(_folder(project, "working", lang) / "draft-law.docx"))
    text = "\n".join(caret_text(p._p) for p in law.paragraphs)
    match = re.search(DEFINITION[lang], text)
    assert match, "the law defines the certificate"
    term = match.group(1)
    opening, closing = QUOTES[lang]
    for edition in EDITIONS:
        note = notes[edition, lang]
        assert f"{opening}{term}{closing}" in note.text  # named as the defined term
        assert f"{opening}{term}{closing}" in note.numbered[4].text  # where art. VI is described


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_what_the_law_no_longer_has_is_gone_from_the_note(notes, edition, lang):
    text = notes[edition, lang].everything
    for words in GONE[lang]:
        assert words not in text, words


@pytest.mark.parametrize("lang", LANGS)
def test_the_victims_right_is_described_as_part_of_the_law(notes, data, lang):
    section = notes["official", lang].numbered[4].text
    act = next(a for a in data["amended_acts"] if a["key"] == "victim-rehabilitation")
    article = f"art. {act['new_article']}" if lang == "ro" else f"Article {act['new_article']}"
    assert article in section
    # the Government decision sets the procedure, and the events come from the data
    for event in data["notification_events"]:
        name = event[f"event_{lang}"]
        assert name[:1].lower() + name[1:] in section, event["key"]


# ---------------------------------------------------------------- figures from the data


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_offence_and_occupation_counts_are_the_datas(notes, data, edition, lang):
    text = notes[edition, lang].numbered[4].text
    assert [int(n) for n in re.findall(OFFENCES[lang], text)] == [len(data["offences"])]
    assert {int(n) for n in re.findall(OCCUPATIONS[lang], text)} == {len(data["occupations"])}
    # the offences' table: one row per offence, below its header
    [table] = list(notes[edition, lang].numbered[4].tables)
    assert len(table) == 1 + len(data["offences"])


def test_the_counts_follow_the_data(tmp_path: Path):
    root = copy_flagship(tmp_path)
    dossier = root / "drafts" / NAME
    offences = dossier / "data" / "offences.csv"
    rows = list(csv.reader(io.StringIO(offences.read_text(encoding="utf-8"))))
    kept = [rows[0], *(r for r in rows[1:] if r[0] != "cp-201")]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(kept)
    offences.write_text(buffer.getvalue(), encoding="utf-8")
    occupations = dossier / "data" / "occupations.csv"
    lines = occupations.read_text(encoding="utf-8").splitlines()
    occupations.write_text(
        "\n".join(line for line in lines if not line.startswith("school-bus-driver,")) + "\n",
        encoding="utf-8",
    )
    build_dossier(dossier, BuildSettings(root), ["ro"])
    note = _read(root / "output" / NAME / "ro" / "justification-note.docx")
    text = note.numbered[4].text
    assert [int(n) for n in re.findall(OFFENCES["ro"], text)] == [len(kept) - 1]
    assert {int(n) for n in re.findall(OCCUPATIONS["ro"], text)} == {len(lines) - 2}


@pytest.mark.parametrize("lang", LANGS)
def test_the_official_blanks_are_only_the_signature_and_the_gazette_references(notes, lang):
    note = notes["official", lang]
    gazette = "Monitorul Oficial" if lang == "ro" else "Official Gazette"
    for section in [note.preamble, *note.sections]:
        for paragraph in section.paragraphs:
            if "___" not in paragraph:
                continue
            is_signature = paragraph == note.last_paragraph
            is_gazette_cell = " | " in paragraph and section is note.numbered[6]
            assert is_signature or is_gazette_cell, paragraph
            if is_gazette_cell:
                blanks = [c for c in paragraph.split(" | ") if "___" in c]
                assert all(c.startswith(gazette) for c in blanks), blanks
