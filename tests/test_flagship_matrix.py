"""The flagship's compliance matrix: every act of the package, the degree of each standard's
implementation from the data, and articles cited the way legal texts cite them.

The matrix reads the implements= attributes of every act built before it (the draft law, the
Government decision and its regulation). Which acts carry them is read here from the built
documents, never assumed: the rows of the Government decision are asserted as soon as one of
its provisions carries implements=, and their absence until then.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from docx_helpers import copy_flagship
from flagship_helpers import NAME, Flagship
from lexkit.build import build_dossier
from lexkit.dossier.config import load_dossier
from lexkit.dossier.tables import load_data
from lexkit.engine.model import provisions
from lexkit.errors import Problems
from lexkit.project import BuildSettings

MATRIX = "compliance-matrix"
STATUSES = {
    "ro": {
        "full": "Implementat",
        "partly": "Implementat parțial",
        "missing": "Neimplementat",
        "na": "Neaplicabil",
    },
    "en": {
        "full": "Implemented",
        "partly": "Partly implemented",
        "missing": "Not implemented",
        "na": "Not applicable",
    },
}
TO_VERIFY = {"ro": " (de verificat)", "en": " (to verify)"}
# How the matrix names the acts it reads (templates/<lang>/compliance-matrix.md.j2).
ACT_NAMES = {
    "ro": {"draft-law": "Proiectul de lege", "victim-notification": "Hotărârea Guvernului"},
    "en": {"draft-law": "Draft law", "victim-notification": "Government decision"},
}
# "art. 10", "art. 5 par. (3)", "art. 6 par. (5) și (6)" / "Article 10", "Article 5(3)",
# "Article 6(5) and (6)", then the instrument.
LABEL = {
    "ro": re.compile(r"^art\. (\d+)(?: par\. \((\d+)\)(?:(?: și |–)\((\d+)\))?)? din \S"),
    "en": re.compile(r"^Article (\d+)(?:\((\d+)\)(?:(?: and |–)\((\d+)\))?)? of \S"),
}
LANGS = ["ro", "en"]


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def standards(flagship: Flagship) -> list[dict]:
    problems = Problems()
    config = load_dossier(flagship.dossier).config
    data = load_data(flagship.dossier, config.data_sources(), problems)
    assert problems.items == []
    return list(data["standards"])


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """output/child-protection/official of a tmp copy built in the official edition."""
    root = copy_flagship(tmp_path_factory.mktemp("matrix-official"))
    settings = BuildSettings(root)
    build_dossier(root / "drafts" / NAME, settings, edition="official")
    return settings.output / NAME / "official"


def _tables(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The matrix's two tables (by provision, by standard), as rows of cell texts."""
    document = docx.Document(str(path))
    by_provision, by_standard = (
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    )
    return by_provision, by_standard


def _acts(flagship: Flagship, lang: str) -> dict[str, list[dict]]:
    """The provisions carrying implements= of each document built before the matrix, in
    dossier order (the built documents, not their templates), each with ``cited``: the
    label the matrix must give it after the act's name ("art. III", "pct. 9 din
    Regulament")."""
    acts: dict[str, list[dict]] = {}
    for doc_id, document in flagship.documents[lang].items():
        if doc_id == MATRIX:
            break
        every = provisions(document)
        annexes = {p["label"]: p["title"] for p in every if p["kind"] == "annex"}
        linked = []
        for p in every:
            if not p["implements"]:
                continue
            place = ""
            if p["scope"]:
                regulation = annexes[p["scope"]].startswith(
                    "Regulamentul" if lang == "ro" else "Regulation"
                )
                if lang == "ro":
                    place = " din Regulament" if regulation else f" din {p['scope']}"
                else:
                    place = " of the Regulation" if regulation else f" of {p['scope']}"
            linked.append({**p, "cited": f"{ACT_NAMES[lang][doc_id]}, {p['label']}{place}"})
        if linked:
            acts[doc_id] = linked
    return acts


def _names(cell: str, cited: str) -> bool:
    """The provision cell names exactly that provision (its title may follow)."""
    return cell == cited or cell.startswith(cited + " (")


def _implemented(flagship: Flagship, lang: str) -> set[str]:
    return {
        key for linked in _acts(flagship, lang).values() for p in linked for key in p["implements"]
    }


def _expected_status(standard: dict, implemented: set[str], lang: str) -> str:
    names = STATUSES[lang]
    if standard["key"] in implemented:
        return names["partly"] if standard.get("coverage") == "partly" else names["full"]
    if standard.get(f"not_applicable_{lang}"):
        return names["na"]
    return names["missing"]


def _article_label(article: str, lang: str) -> str:
    """The data's neutral article (10, 5(3), 6(5)–(6)) as the matrix must cite it."""
    base, *paras = re.findall(r"\d+", article)
    if lang == "ro":
        if not paras:
            return f"art. {base}"
        if len(paras) == 1:
            return f"art. {base} par. ({paras[0]})"
        joint = " și " if int(paras[1]) == int(paras[0]) + 1 else "–"
        return f"art. {base} par. ({paras[0]}){joint}({paras[1]})"
    if not paras:
        return f"Article {base}"
    if len(paras) == 1:
        return f"Article {base}({paras[0]})"
    joint = " and " if int(paras[1]) == int(paras[0]) + 1 else "–"
    return f"Article {base}({paras[0]}){joint}({paras[1]})"


# ---------------------------------------------------------------- the data


def test_every_standard_states_its_coverage_or_why_it_does_not_apply(standards):
    for s in standards:
        assert re.fullmatch(r"\d+(\(\d+\)(–\(\d+\))?)?", s["article"]), s["key"]
        if s.get("not_applicable_ro") or s.get("not_applicable_en"):
            assert s.get("not_applicable_ro"), s["key"]
            assert s.get("not_applicable_en"), s["key"]
            continue
        assert s.get("coverage") in {"full", "partly"}, s["key"]
        if s["coverage"] == "partly":
            assert s.get("coverage_note_ro"), s["key"]
            assert s.get("coverage_note_en"), s["key"]
    # ministry review point 14: Directive 2011/93/EU art. 10(3) (cross-border exchange) is
    # in no act of the package
    assert {s["key"]: s.get("coverage") for s in standards}["dir-2011-93-10"] == "partly"


# ---------------------------------------------------------------- the status column


@pytest.mark.parametrize("lang", LANGS)
def test_every_standard_row_has_one_of_the_four_statuses(flagship, standards, lang):
    _, by_standard = _tables(flagship.output / lang / f"{MATRIX}.docx")
    header, rows = by_standard[0], by_standard[1:]
    status = header.index("Situația" if lang == "ro" else "Status")
    assert len(rows) == len(standards)
    implemented = _implemented(flagship, lang)
    for row, s in zip(rows, standards, strict=True):
        mark = TO_VERIFY[lang] if s["status"] == "to verify" else ""
        # the to-verify mark follows the status in the working edition only
        assert row[status] == _expected_status(s, implemented, lang) + mark, s["key"]
        assert row[status].removesuffix(mark) in STATUSES[lang].values()


@pytest.mark.parametrize("lang", LANGS)
def test_the_official_matrix_has_the_statuses_without_the_to_verify_mark(
    official, flagship, standards, lang
):
    _, by_standard = _tables(official / lang / f"{MATRIX}.docx")
    header, rows = by_standard[0], by_standard[1:]
    status = header.index("Situația" if lang == "ro" else "Status")
    implemented = _implemented(flagship, lang)
    assert [row[status] for row in rows] == [
        _expected_status(s, implemented, lang) for s in standards
    ]
    text = "\n".join(
        cell
        for table in _tables(official / lang / f"{MATRIX}.docx")
        for row in table
        for cell in row
    )
    assert TO_VERIFY[lang].strip() not in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_standard_partly_implemented_says_so_and_why(flagship, standards, lang):
    _, by_standard = _tables(flagship.output / lang / f"{MATRIX}.docx")
    header, rows = by_standard[0], by_standard[1:]
    status = header.index("Situația" if lang == "ro" else "Status")
    remarks = header.index("Observații" if lang == "ro" else "Remarks")
    implemented = _implemented(flagship, lang)
    partly = [
        (row, s)
        for row, s in zip(rows, standards, strict=True)
        if s.get("coverage") == "partly" and s["key"] in implemented
    ]
    assert partly  # Directive 2011/93/EU art. 10 at least
    for row, s in partly:
        assert row[status].startswith(STATUSES[lang]["partly"]), s["key"]
        note = s[f"coverage_note_{lang}"]
        assert row[remarks] == note[:1].upper() + note[1:], s["key"]
    directive = next(row for row, s in partly if s["key"] == "dir-2011-93-10")
    assert directive[status].startswith(STATUSES[lang]["partly"])


# ---------------------------------------------------------------- article labels


@pytest.mark.parametrize("lang", LANGS)
def test_articles_are_cited_the_way_legal_texts_cite_them(flagship, standards, lang):
    by_provision, by_standard = _tables(flagship.output / lang / f"{MATRIX}.docx")
    articles = {_article_label(s["article"], lang) for s in standards}
    for row, s in zip(by_standard[1:], standards, strict=True):
        assert LABEL[lang].match(row[1]), row[1]
        assert row[1].startswith(
            _article_label(s["article"], lang) + (" din " if lang == "ro" else " of ")
        ), row[1]
    for row in by_provision[1:]:
        assert LABEL[lang].match(row[2]), row[2]
        assert any(row[2].startswith(label + " ") for label in articles), row[2]
    labels = {row[1].split(" din " if lang == "ro" else " of ")[0] for row in by_standard[1:]}
    if lang == "ro":
        assert {"art. 10", "art. 5 par. (3)"} <= labels
    else:
        assert {"Article 10", "Article 5(3)"} <= labels
    text = " ".join(cell for table in (by_provision, by_standard) for row in table for cell in row)
    assert not re.search(r"\bArt\.\s?\d|\bart\.\d|\d\(\d+\) din\b|\bArticle \d+ par\.", text)


# ---------------------------------------------------------------- every act of the package


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_lists_the_provisions_of_every_act(flagship, lang):
    by_provision, by_standard = _tables(flagship.output / lang / f"{MATRIX}.docx")
    acts = _acts(flagship, lang)
    assert "draft-law" in acts
    assert len(by_provision) == 1 + sum(
        len(p["implements"]) for linked in acts.values() for p in linked
    )
    cells = [row[1] for row in by_provision[1:]]
    for doc_id, linked in acts.items():
        for p in linked:
            found = [c for c in cells if _names(c, p["cited"])]
            assert len(found) == len(p["implements"]), (doc_id, p["cited"])
    # in dossier order: the law's rows first, then the decision's
    order = [next(d for d in acts if c.startswith(ACT_NAMES[lang][d] + ", ")) for c in cells]
    assert order == sorted(order, key=list(acts).index)
    provisions_column = " ".join(row[3] for row in by_standard[1:])
    assert f"{ACT_NAMES[lang]['draft-law']}: " in provisions_column


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_lists_the_decisions_provisions_once_they_implement_a_standard(flagship, lang):
    """Active as soon as a provision of the built Government decision (or its regulation)
    carries implements=; until then the matrix must not name the decision."""
    decision = [
        p for p in provisions(flagship.documents[lang]["victim-notification"]) if p["implements"]
    ]
    by_provision, by_standard = _tables(flagship.output / lang / f"{MATRIX}.docx")
    name = ACT_NAMES[lang]["victim-notification"]
    named = [row for row in by_provision[1:] if row[1].startswith(f"{name}, ")]
    if not decision:
        assert not named
        return
    linked = _acts(flagship, lang)["victim-notification"]
    for p in linked:
        rows = [row for row in named if _names(row[1], p["cited"])]
        assert len(rows) == len(p["implements"]), p["cited"]
    # and in the table of standards, grouped under the decision's name
    assert any(f"{name}: " in row[3] for row in by_standard[1:])
