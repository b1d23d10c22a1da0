"""The flagship's Government decision and its regulation (victim-notification), as the
ministry's legal review (points 3, 12 and 13) asked: a legal basis citing the article the
draft law inserts into Law 137/2016, duties only for bodies the Government directs, scope
terms that match the events, a request route for victims of offenders already serving a
sentence, no arrows or "proposed mechanism" wording, and table columns that exist."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from docx_helpers import copy_flagship
from flagship_helpers import NAME, Flagship
from lexkit.build import build_dossier, built_documents
from lexkit.dossier.config import load_dossier
from lexkit.dossier.tables import load_data
from lexkit.engine.model import FormalLine, plain_text
from lexkit.errors import Problems
from lexkit.project import BuildSettings

DELIVERABLE = "victim-notification"
LAW_ROW = "victim-rehabilitation"  # data/amended_acts.yaml: Law 137/2016

# How each language cites the article, and names the bodies a Government decision cannot bind.
CITE = {"ro": "art. {n} din Legea nr. 137/2016", "en": "Article {n} of Law No. 137/2016"}
BASIS_START = {"ro": "În temeiul ", "en": "Under "}
UNBOUND = {
    "ro": (
        r"(?:Procuratura|procuratura|procurorul"
        r"|[Ii]nstanțele de judecată|[Ii]nstanța de judecată)"
    ),
    "en": r"(?:[Tt]he Prosecutor's Office|[Tt]he prosecutor|[Tt]he courts?)",
}
# A duty verb right after the body's name: "Procuratura comunică", "the courts shall".
DUTY = {
    "ro": r"(?:\s+(?:va|vor|trebuie|este obligat\w*|sunt obligate|informează|comunică|transmite|"
    r"consemnează|notifică|asigură|desemnează|aplică|ține|verifică|prezintă|publică))",
    "en": r"(?:\s+(?:shall|must|is required|are required|informs?|sends?|records?|communicates?|"
    r"notif(?:y|ies)|ensures?|designates?|applies|apply|keeps?|checks?|submits?|publish(?:es)?))",
}
COLUMN = {"ro": re.compile(r"coloana „([^”]+)”"), "en": re.compile(r"column “([^”]+)”")}
ANNEX_START = {"ro": "Anexă", "en": "Annex"}


# ---------------------------------------------------------------- reading the documents


def _text(paragraph: Paragraph) -> str:
    """The paragraph's text with superscript numbers written "^" ("art. 11^1")."""
    out = []
    for run in paragraph.runs:
        text = run.text
        if text and run.font.superscript:
            text = "^" + text
        out.append(text)
    return "".join(out)


class Decision:
    """A built victim-notification.docx: its paragraphs (style, text) in order, split into
    the decision and the annexed regulation, and its tables."""

    def __init__(self, path: Path, lang: str) -> None:
        self.path = path
        self.lang = lang
        document = docx.Document(str(path))
        self.blocks: list[tuple[str, str]] = []  # (style, text); tables as ("table", cells)
        self.tables: list[Table] = []
        for element in document.element.body.iterchildren():
            if element.tag == qn("w:p"):
                paragraph = Paragraph(element, document)
                self.blocks.append((paragraph.style.name, _text(paragraph)))
            elif element.tag == qn("w:tbl"):
                table = Table(element, document)
                self.tables.append(table)
                cells = " | ".join(c.text for row in table.rows for c in row.cells)
                self.blocks.append(("table", cells))
        annex = [
            i
            for i, (style, text) in enumerate(self.blocks)
            if style == "Annex Number" and text.startswith(ANNEX_START[lang])
        ]
        assert len(annex) == 1, "the regulation is the decision's only annex"
        self.decision = self.blocks[: annex[0]]
        self.regulation = self.blocks[annex[0] :]

    def points(self, blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """(parent point, text) of every point and sub-point of ``blocks``, without numbers."""
        out, parent = [], ""
        for style, text in blocks:
            text = re.sub(r"^\S+\t", "", text)  # the number the engine types: "2.\t", "a)\t"
            if style == "Point":
                parent = text
                out.append(("", text))
            elif style.startswith("Point "):
                out.append((parent, text))
        return out

    def body_text(self) -> str:
        return "\n".join(text for _, text in self.blocks)

    def headers(self) -> set[str]:
        return {cell.text.strip() for table in self.tables for cell in table.rows[0].cells}


@pytest.fixture(scope="module")
def data(flagship: Flagship) -> dict:
    problems = Problems()
    dossier = load_dossier(flagship.dossier)
    loaded = load_data(flagship.dossier, dossier.config.data_sources(), problems)
    assert problems.items == []
    return loaded


@pytest.fixture(scope="module")
def new_article(data: dict) -> str:
    rows = [row for row in data["amended_acts"] if row["key"] == LAW_ROW]
    assert rows, f"data/amended_acts.yaml has no row {LAW_ROW} (Law 137/2016)"
    number = rows[0].get("new_article")
    assert number, f"the row {LAW_ROW} gives no new_article: the decision would cite art. ___"
    return number


@pytest.fixture(scope="module", params=["ro", "en"])
def decision(request: pytest.FixtureRequest, flagship: Flagship) -> Decision:
    lang = request.param
    return Decision(flagship.output / lang / f"{DELIVERABLE}.docx", lang)


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The official edition, built once for this module in a copy of the flagship."""
    root = copy_flagship(tmp_path_factory.mktemp("decision-official"))
    settings = BuildSettings(root)
    build_dossier(root / "drafts" / NAME, settings, edition="official")
    return settings.output / NAME / "official"


# ---------------------------------------------------------------- the legal basis


def test_the_legal_basis_cites_the_article_the_law_inserts(decision, new_article):
    bases = [text for style, text in decision.decision if style == "Legal Basis"]
    assert len(bases) == 1
    basis = bases[0]
    assert basis.startswith(BASIS_START[decision.lang] + CITE[decision.lang].format(n=new_article))
    # the act is cited with its Monitorul Oficial reference, or the conventional blank
    gazette = (
        "Monitorul Oficial al Republicii Moldova" if decision.lang == "ro" else "Official Gazette"
    )
    assert gazette in basis
    assert basis.rstrip().endswith(",")


def test_the_official_legal_basis_is_the_same_without_the_notes(official, new_article):
    for lang in ("ro", "en"):
        document = Decision(official / lang / f"{DELIVERABLE}.docx", lang)
        basis = next(text for style, text in document.decision if style == "Legal Basis")
        assert CITE[lang].format(n=new_article) in basis
        with zipfile.ZipFile(document.path) as archive:
            names = archive.namelist()
            notes = (
                archive.read("word/footnotes.xml").decode() if "word/footnotes.xml" in names else ""
            )
        assert "De verificat" not in notes
        assert "Notă pentru autor" not in notes
        assert "To verify" not in notes
        assert "Note for the author" not in notes


def test_without_the_article_number_the_basis_leaves_the_blank(tmp_path):
    """The decision never crashes on the data: no row for Law 137/2016, or no new_article,
    gives "art. ___"."""
    root = copy_flagship(tmp_path)
    dossier = root / "drafts" / NAME
    config = dossier / "dossier.yaml"
    loaded = yaml.safe_load(config.read_text(encoding="utf-8"))
    loaded["deliverables"] = [d for d in loaded["deliverables"] if d["id"] == DELIVERABLE]
    config.write_text(yaml.safe_dump(loaded, allow_unicode=True), encoding="utf-8")
    acts = dossier / "data" / "amended_acts.yaml"
    rows = yaml.safe_load(acts.read_text(encoding="utf-8"))
    acts.write_text(
        yaml.safe_dump([r for r in rows if r["key"] != LAW_ROW], allow_unicode=True),
        encoding="utf-8",
    )
    for lang in ("ro", "en"):
        document = built_documents(dossier, BuildSettings(root), lang)[DELIVERABLE]
        lines = [
            plain_text(block.content)
            for block in document.children
            if isinstance(block, FormalLine) and block.role == "basis"
        ]
        assert len(lines) == 1
        assert CITE[lang].format(n="___") in lines[0]


# ---------------------------------------------------------------- who the decision binds


def test_the_decision_orders_neither_the_prosecutor_nor_the_courts(decision):
    """A Government decision cannot bind the prosecutor's office or the courts (Constitution
    art. 102(2)): no point of the decision names them, and a point of the regulation that
    gives them something to do says it is what the law provides."""
    unbound, duty = UNBOUND[decision.lang], DUTY[decision.lang]
    for _, text in decision.points(decision.decision):
        assert not re.search(unbound, text), text
    law = "din Legea nr. 137/2016" if decision.lang == "ro" else "of Law No. 137/2016"
    ordered = [
        (parent, text)
        for parent, text in decision.points(decision.regulation)
        if re.search(unbound + duty, text) or re.match(unbound, text)  # or it leads the point
    ]
    assert ordered, "the regulation says what the law has the prosecutor and the courts do"
    for parent, text in ordered:
        assert law in text or (parent and law in parent), text


def test_duties_go_only_to_institutions_the_government_directs(data, decision):
    institutions = {row["key"]: row for row in data["institutions"]}
    directed = {key for key, row in institutions.items() if row["government_directs"]}
    assert {"anp", "probation", "gpi"} <= directed
    assert not {"prosecutor", "courts"} & directed
    for event in data["notification_events"]:
        assert set(event["known_by"]) <= directed, event["key"]
        assert set(event["notified_by"]) <= directed, event["key"]
    # the institutions that apply the regulation are exactly those the Government directs
    lang = decision.lang
    lead = "Aplică prezentul Regulament" if lang == "ro" else "The following authorities"
    parents = [(p, t) for p, t in decision.points(decision.regulation) if p.startswith(lead)]
    listed = [t for _, t in parents]
    assert len(listed) == len(directed)
    for key in directed:
        assert any(t.startswith(institutions[key][f"name_{lang}"]) for t in listed), key
    # in the events table, the institutions that act are all directed ones
    table = decision.tables[0]
    header = [cell.text.strip() for cell in table.rows[0].cells]
    acting = [
        header.index(name)
        for name in (
            ("Instituția sesizată", "Cine informează victima")
            if lang == "ro"
            else ("Informed institution", "Who informs the victim")
        )
    ]
    unbound_names = {
        institutions[key][f"short_{lang}"] for key in institutions if key not in directed
    }
    for row in table.rows[1:]:
        for column in acting:
            assert not any(name in row.cells[column].text for name in unbound_names)


# ---------------------------------------------------------------- scope, offences, deadlines


def test_the_scope_covers_every_kind_of_person_the_events_concern(data, decision):
    scope = next(
        t
        for _, t in decision.points(decision.regulation)
        if t.startswith("Regulamentul se aplică în cazul")
        or t.startswith("The Regulation applies where")
    )
    words = {
        "ro": {"reținut": "reținut", "arestat": "arestat", "pedeps": "condamnat"},
        "en": {"custody": "suspect", "detention": "detained", "sentence": "convicted"},
    }[decision.lang]
    for event in data["notification_events"]:
        name = event[f"event_{decision.lang}"]
        for in_event, in_scope in words.items():
            if in_event in name:
                assert in_scope in scope, (event["key"], scope)
    # the offences are the law's annex, not a list of its own
    assert ("anexa nr. 1 la Legea nr. 338/1994" in scope) or (
        "Annex 1 to Law No. 338/1994" in scope
    )
    assert not re.search(r"\b(?:art\.|Articles?) 17\d", scope)


def test_no_arrows_no_proposed_mechanism_and_one_rule_per_deadline(decision):
    text = decision.body_text()
    assert "→" not in text
    for words in ("mecanismul propus", "mecanism propus", "proposed mechanism"):
        assert words not in text.lower()
    for words in ("dacă este posibil", "if possible", "where possible"):
        assert words not in text


def test_every_column_the_text_names_is_in_the_table(decision):
    named = set(COLUMN[decision.lang].findall(decision.body_text()))
    assert named, "the regulation names the table's columns"
    assert named <= decision.headers(), named - decision.headers()


def test_victims_of_offenders_already_serving_a_sentence_can_ask_to_be_informed(decision):
    words = {
        "ro": ("execută pedeapsa privativă de libertate", "poate cere", "Cererea"),
        "en": ("serving a custodial sentence", "may ask", "The request"),
    }[decision.lang]
    route = [t for _, t in decision.points(decision.regulation) if all(w in t for w in words)]
    assert len(route) == 1
    assert "ANP" in route[0]  # filed with a body the Government directs


def test_the_deadlines_are_marked_as_policy_options_in_the_working_edition(flagship):
    with zipfile.ZipFile(flagship.output / "ro" / f"{DELIVERABLE}.docx") as archive:
        notes = archive.read("word/footnotes.xml").decode()
    assert re.search(r"Notă pentru autor: termenele", notes)


# ---------------------------------------------------------------- form


def test_the_form_is_the_engines_not_typed_by_hand(decision, flagship):
    enacting = "Guvernul HOTĂRĂȘTE:" if decision.lang == "ro" else "The Government DECIDES:"
    assert [t for s, t in decision.blocks if t == enacting] == [enacting]
    assert ("Enacting Formula", enacting) in decision.decision
    signature = [s for s, t in decision.decision if s == "Signature"]
    assert signature
    source = (flagship.dossier / "templates" / decision.lang / f"{DELIVERABLE}.md.j2").read_text(
        encoding="utf-8"
    )
    assert "HOTĂRĂȘTE" not in source
    assert "DECIDES" not in source
    assert "::: legal-basis" in source
    assert "formal:" in source
