"""lexkit compare: the new text with every difference from the old one as a Word revision
(w:ins / w:del) a reviewer accepts or rejects, matched provision by provision, and the
summary of what changed."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from lxml import etree

from docx_helpers import NS, REFERENCE, convert, front, libreoffice
from lexkit.build import compare_revisions
from lexkit.cli import main
from lexkit.engine.diff import Comparison, compare_documents
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import LexkitError, Problems
from lexkit.review.compare import compare_files

W = f"{{{NS['w']}}}"
AUTHOR, DATE = "Ministerul Justiției", "2025-10-01T00:00:00Z"

OLD = front(
    "### Articolul. Obiectul legii {#scope}\n\n"
    "Prezenta lege stabilește regulile de angajare a persoanelor care lucrează cu copiii.\n\n"
    "### Articolul. Noțiuni {#terms}\n\n"
    "(1) În sensul prezentei legi:\n"
    "a) copil – persoana care nu a împlinit vârsta de 18 ani;\n"
    "b) angajator – orice persoană juridică de drept public.\n\n"
    "(2) Noțiunile se aplică și actelor subordonate.\n\n"
    "### Articolul. Verificarea {#check}\n\n"
    "Angajatorul verifică cazierul judiciar[^1] al persoanei prevăzute la [](#terms/1/b).\n\n"
    "### Articolul. Dispoziții tranzitorii {#transitional}\n\n"
    "Prevederile se aplică după 6 luni.\n\n"
    "[^1]: Certificatul de cazier judiciar detaliat.\n"
)
NEW = front(
    "### Articolul. Obiectul legii {#scope}\n\n"
    "Prezenta lege stabilește regulile de angajare și de voluntariat ale persoanelor care "
    "lucrează cu copiii.\n\n"
    "### Articolul. Domeniul de aplicare {#field}\n\n"
    "Legea se aplică tuturor angajatorilor.\n\n"
    "### Articolul. Noțiuni {#terms}\n\n"
    "(1) În sensul prezentei legi:\n"
    "a) copil – persoana care nu a împlinit vârsta de 18 ani;\n"
    "b) angajator – orice persoană fizică sau juridică.\n\n"
    "(2) Noțiunile se aplică și actelor subordonate.\n\n"
    "(3) Noțiunile se interpretează restrictiv.\n\n"
    "### Articolul. Verificarea {#check}\n\n"
    "Angajatorul verifică cazierul judiciar[^1] al persoanei prevăzute la [](#terms/1/b).\n\n"
    "[^1]: Certificatul de cazier judiciar detaliat.\n"
).replace("date: 2025-09-12", "date: 2025-10-01")


# ---------------------------------------------------------------- helpers


def built(markdown: str, name: str = "law.md"):
    problems = Problems()
    result = build_document(markdown, name, load_reference(REFERENCE), problems)
    problems.raise_if_errors()
    assert result is not None
    return result


def compared(old: str = OLD, new: str = NEW, **options) -> tuple[Comparison, etree._Element]:
    """The comparison and its document.xml."""
    comparison = compare_documents(built(old).document, built(new).document, **options)
    data = write_docx(comparison.document, load_reference(REFERENCE))
    return comparison, part(data)


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def xpath(root: etree._Element, expression: str) -> list:
    return root.xpath(expression, namespaces=NS)


def revisions(root: etree._Element, kind: str) -> list[str]:
    """The text of each w:ins or w:del that holds runs, in document order."""
    return [
        "".join(element.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))
        for element in xpath(root, f".//w:{kind}[w:r]")
    ]


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(paragraph.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))


def paragraph_with(root: etree._Element, text: str) -> etree._Element:
    found = [p for p in xpath(root, "//w:body/w:p") if text in paragraph_text(p)]
    assert len(found) == 1, [paragraph_text(p) for p in found]
    return found[0]


def view(root: etree._Element, accept: bool) -> list[tuple[str, str]]:
    """(style, text) of each paragraph once every change is accepted (or rejected), as
    Word does it: a paragraph whose mark goes away must have no text left."""
    gone = "del" if accept else "ins"
    out = []
    for paragraph in root.iter(f"{W}p"):
        if paragraph.xpath(f"ancestor::w:tr[w:trPr/w:{gone}]", namespaces=NS):
            continue
        text = "".join(
            "\t" if node.tag == f"{W}tab" else node.text or ""
            for node in paragraph.iter(f"{W}t", f"{W}delText", f"{W}tab")
            if not node.xpath(f"ancestor::w:{gone}", namespaces=NS)
        )
        if paragraph.xpath(f"w:pPr/w:rPr/w:{gone}", namespaces=NS):
            assert text == "", f"a paragraph whose mark goes keeps {text!r}"
            continue
        style = paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
        out.append((style, text))
    return out


# ---------------------------------------------------------------- the revisions


def test_a_reworded_article_shows_the_words_taken_out_and_put_in():
    _, root = compared()
    body = paragraph_with(root, "Prezenta lege")
    assert revisions(body, "del") == ["a "]
    assert revisions(body, "ins") == ["și de voluntariat ale "]
    assert paragraph_text(body).startswith("Prezenta lege stabilește regulile de angajare ")


def test_every_revision_has_the_author_and_date_of_the_new_front_matter():
    _, root = compared()
    marks = xpath(root, "//w:ins | //w:del")
    assert marks
    assert {m.get(f"{W}author") for m in marks} == {"Tester"}
    assert {m.get(f"{W}date") for m in marks} == {DATE}


def test_author_and_date_can_be_chosen_and_default_to_a_neutral_author_and_a_fixed_date():
    _, root = compared(author=AUTHOR, date=dt.date(2025, 11, 3))
    assert {m.get(f"{W}author") for m in xpath(root, "//w:ins")} == {AUTHOR}
    assert {m.get(f"{W}date") for m in xpath(root, "//w:ins")} == {"2025-11-03T00:00:00Z"}
    anonymous = NEW.replace("author: Tester\n", "").replace("date: 2025-10-01\n", "")
    _, root = compared(new=anonymous)
    assert {m.get(f"{W}author") for m in xpath(root, "//w:ins")} == {"Autor"}
    assert {m.get(f"{W}date") for m in xpath(root, "//w:ins")} == {"2000-01-01T00:00:00Z"}


def test_a_renumbered_article_keeps_its_text_and_shows_only_its_number_changed():
    _, root = compared()
    heading = paragraph_with(root, "Verificarea")
    assert revisions(heading, "del") == ["3"]
    assert revisions(heading, "ins") == ["4"]
    assert paragraph_text(heading) == "Articolul 34. Verificarea"
    assert not xpath(heading, "w:pPr/w:rPr/w:ins | w:pPr/w:rPr/w:del")
    terms = paragraph_with(root, ". Noțiuni")
    assert (revisions(terms, "del"), revisions(terms, "ins")) == (["2"], ["3"])
    first = paragraph_with(root, "În sensul prezentei legi")
    assert not xpath(first, ".//w:ins | .//w:del")


def test_a_reference_to_a_renumbered_unit_shows_its_new_label():
    _, root = compared()
    body = paragraph_with(root, "Angajatorul verifică")
    assert revisions(body, "del") == ["art. 2 alin. (1) lit. b)"]
    assert revisions(body, "ins") == ["art. 3 alin. (1) lit. b)"]
    assert xpath(body, "w:hyperlink[@w:anchor='art_3_alin_1_lit_b']/w:ins")


def test_an_added_article_and_alineat_are_inserted_whole_with_their_paragraph_marks():
    _, root = compared()
    for text in ("Articolul 2. Domeniul de aplicare", "Legea se aplică", "(3) Noțiunile se"):
        paragraph = paragraph_with(root, text)
        assert xpath(paragraph, "w:pPr/w:rPr/w:ins[@w:author='Tester']")
        assert not xpath(paragraph, "w:r")  # every run is inside w:ins
        assert revisions(paragraph, "ins") == [paragraph_text(paragraph)]


def test_a_removed_article_is_deleted_whole_as_deleted_text():
    _, root = compared()
    for text in ("Dispoziții tranzitorii", "Prevederile se aplică"):
        paragraph = paragraph_with(root, text)
        assert xpath(paragraph, "w:pPr/w:rPr/w:del")
        assert not xpath(paragraph, ".//w:t")
        assert xpath(paragraph, "w:del/w:r/w:delText")
        assert not xpath(paragraph, "w:bookmarkStart")  # "art_4" is the new article 4's


def test_a_point_whose_wording_changed_shows_the_words():
    _, root = compared()
    point = paragraph_with(root, "angajator –")
    assert revisions(point, "del") == ["juridică de drept public."]
    assert revisions(point, "ins") == ["fizică sau juridică."]


def test_the_summary_lists_changed_added_removed_and_renumbered_provisions():
    comparison, _ = compared()
    summary = comparison.summary
    assert [c.label for c in summary.changed] == ["art. 1", "art. 3 alin. (1) lit. b)", "art. 4"]
    assert [c.label for c in summary.added] == ["art. 2", "art. 3 alin. (3)"]
    assert [(c.label, c.id) for c in summary.removed] == [("art. 4", "transitional")]
    assert [(c.old_label, c.label) for c in summary.renumbered] == [
        ("art. 2", "art. 3"),
        ("art. 3", "art. 4"),
    ]
    assert summary.lines()[-1] == "renumbered (2): art. 2 -> art. 3, art. 3 -> art. 4"
    assert summary.as_dict()["removed"] == [
        {"label": "art. 4", "id": "transitional", "old_label": ""}
    ]


def test_the_summary_is_not_in_the_document():
    _, root = compared()
    text = "".join(xpath(root, "//w:t/text()"))
    assert "renumbered" not in text
    assert "art. 2 -> art. 3" not in text


def test_the_same_documents_have_no_revisions():
    comparison, root = compared(NEW, NEW)
    assert comparison.summary.unchanged
    assert comparison.summary.lines() == ["no differences"]
    assert not xpath(root, "//w:ins | //w:del")


def test_the_same_words_split_across_text_nodes_are_not_a_change():
    from lexkit.engine.model import Paragraph, Text

    old, new = built(NEW).document, built(NEW).document
    paragraph = next(b for b in new.children[0].children if isinstance(b, Paragraph))
    [whole] = paragraph.content
    assert isinstance(whole, Text)
    cut = whole.text.index("regulile") + 4  # "regu" + "lile de angajare ..."
    paragraph.content = [Text(whole.text[:cut]), Text(whole.text[cut:])]
    comparison = compare_documents(old, new)
    assert comparison.summary.unchanged


def test_accepting_every_change_gives_the_new_text_and_rejecting_them_the_old():
    _, root = compared()
    accepted, rejected = view(root, accept=True), view(root, accept=False)
    # The old text ended with the article removed: a plain paragraph follows it, since
    # Word cannot take away the last paragraph mark of a document.
    assert accepted[-1] == rejected[-1] == ("BodyText", "")
    assert accepted[:-1] == view(part(built(NEW).data), accept=True)
    assert rejected[:-1] == view(part(built(OLD).data), accept=True)


def test_a_document_not_ending_in_a_change_has_no_paragraph_added():
    new = OLD.replace("legii", "prezentei legi")
    _, root = compared(OLD, new)
    assert view(root, accept=True) == view(part(built(new).data), accept=True)


def test_revision_ids_are_unique_and_follow_document_order():
    _, root = compared()
    ids = [int(m.get(f"{W}id")) for m in xpath(root, "//w:ins | //w:del")]
    # After the bookmarks' ids: revisions and bookmarks share one space of ids.
    first = max(int(i) for i in xpath(root, "//w:bookmarkStart/@w:id")) + 1
    assert ids == list(range(first, first + len(ids)))


def test_comparing_twice_gives_the_same_bytes():
    reference = load_reference(REFERENCE)
    first = write_docx(compared()[0].document, reference)
    second = write_docx(compared()[0].document, reference)
    assert first == second


def test_the_inputs_are_not_changed():
    old, new = built(OLD).document, built(NEW).document
    before = (repr(old), repr(new))
    compare_documents(old, new)
    assert (repr(old), repr(new)) == before


# ---------------------------------------------------------------- matching units


def test_units_without_ids_are_matched_by_text_so_an_inserted_alineat_renumbers_the_rest():
    old = front("### Articolul. Test\n\n(1) Primul.\n(2) Al doilea text.\n(3) Al treilea text.\n")
    new = front(
        "### Articolul. Test\n\n(1) Primul.\n(2) Un alineat nou.\n(3) Al doilea text.\n"
        "(4) Al treilea text.\n"
    )
    comparison, root = compared(old, new)
    assert [c.label for c in comparison.summary.added] == ["art. 1 alin. (2)"]
    assert [(c.old_label, c.label) for c in comparison.summary.renumbered] == [
        ("art. 1 alin. (2)", "art. 1 alin. (3)"),
        ("art. 1 alin. (3)", "art. 1 alin. (4)"),
    ]
    assert revisions(root, "ins") == ["(2) Un alineat nou.", "3", "4"]
    assert revisions(root, "del") == ["2", "3"]


def test_units_without_ids_are_matched_by_number_when_their_text_changed():
    old = front("### Articolul. Test\n\n(1) Primul text al legii.\n(2) Al doilea text.\n")
    new = front("### Articolul. Test\n\n(1) Primul text modificat.\n(2) Al doilea text.\n")
    comparison, root = compared(old, new)
    assert [c.label for c in comparison.summary.changed] == ["art. 1 alin. (1)"]
    assert revisions(root, "del") == ["al legii."]
    assert revisions(root, "ins") == ["modificat."]


def test_a_table_row_added_is_an_inserted_row():
    table = "### Articolul. Anexa\n\n| Nr. | Articol |\n|---|---|\n| 1 | 175^1 |\n| 2 | 208 |\n"
    comparison, root = compared(front(table), front(table + "| 3 | 206 |\n"))
    rows = xpath(root, "//w:tr[w:trPr/w:ins]")
    assert len(rows) == 1
    assert paragraph_text(rows[0]) == "3206"
    assert xpath(rows[0], ".//w:pPr/w:rPr/w:ins")
    assert [c.label for c in comparison.summary.changed] == ["art. 1"]


def test_quote_marks_open_and_close_the_quoted_text_either_way():
    head = "---\ntitle: T\ntype: law\nlang: ro\namending: true\n---\n\n### Articolul {#a}\n\n"
    old = head + "Legea se completează:\n\n> (1) Primul.\n"
    new = head + "Legea se completează:\n\n> (1) Primul.\n>\n> (2) Al doilea.\n"
    _, root = compared(old, new)
    assert view(root, accept=True)[-3:-1] == [
        ("QuotedStructure", "„(1) Primul."),
        ("QuotedStructure", "(2) Al doilea.”"),
    ]
    assert view(root, accept=False)[-2] == ("QuotedStructure", "„(1) Primul.”")


def test_a_changed_footnote_is_deleted_and_inserted_with_its_mark():
    old = front("### Articolul. Test\n\nText[^a] de lege.\n\n[^a]: Nota veche.\n")
    new = front("### Articolul. Test\n\nText[^a] de lege.\n\n[^a]: Nota nouă.\n")
    comparison, root = compared(old, new)
    data = write_docx(comparison.document, load_reference(REFERENCE))
    assert xpath(root, "//w:del/w:r/w:footnoteReference/@w:id") == ["1"]
    assert xpath(root, "//w:ins/w:r/w:footnoteReference/@w:id") == ["2"]
    notes = part(data, "word/footnotes.xml")
    assert xpath(notes, "//w:footnote[@w:id='1']//w:delText[contains(., 'veche')]")
    assert xpath(notes, "//w:footnote[@w:id='2']//w:ins//w:t[contains(., 'nouă')]")


def test_a_changed_title_shows_its_words_and_is_in_the_summary():
    comparison, root = compared(OLD, NEW.replace("title: Test", "title: Test nou"))
    title = paragraph_with(root, "Test")
    assert title.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "ActTitle"
    assert (revisions(title, "del"), revisions(title, "ins")) == (["Test"], ["Test nou"])
    assert comparison.summary.changed[0].label == "title"


def test_a_renumbered_annex_shows_only_its_number_changed():
    annex = "# Anexa. Lista {#list}\n\nText.\n"
    old = front("### Articolul. A\n\nText.\n\n" + annex)
    new = front("### Articolul. A\n\nText.\n\n# Anexa. Alta\n\nAltceva.\n\n" + annex)
    comparison, root = compared(old, new)
    number = paragraph_with(root, "Anexa nr. 12")
    assert (revisions(number, "del"), revisions(number, "ins")) == (["1"], ["2"])
    assert [(c.old_label, c.label) for c in comparison.summary.renumbered] == [
        ("anexa nr. 1", "anexa nr. 2")
    ]
    assert [c.label for c in comparison.summary.added] == ["anexa nr. 1"]


def test_a_change_in_quoted_text_is_reported_for_the_amending_point():
    head = "---\ntitle: T\ntype: law\nlang: ro\namending: true\n---\n\n### Articolul {#a}\n\n"
    body = "Legea se modifică:\n\n1. Articolul 5 va avea cuprinsul:\n\n   > (1) Textul {}.\n"
    comparison, root = compared(head + body.format("vechi"), head + body.format("nou"))
    assert [c.label for c in comparison.summary.changed] == ["art. I pct. 1"]
    assert (revisions(root, "del"), revisions(root, "ins")) == (["vechi."], ["nou."])


def test_a_change_in_a_note_is_reported_under_its_heading():
    note = "# 1. Scopul\n\nTextul notei {}.\n\n# 2. Impactul\n\nFără impact.\n"
    old = front(note.format("vechi"), type="note")
    new = front(note.format("nou"), type="note").replace("Fără", "Cu un")
    comparison, _ = compared(old, new)
    assert [c.label for c in comparison.summary.changed] == ["1. Scopul", "2. Impactul"]


# ---------------------------------------------------------------- files and revisions


def test_compare_files_renders_templates_and_reports_a_missing_file(tmp_path):
    old = tmp_path / "old.md"
    old.write_text(OLD, encoding="utf-8")
    new = tmp_path / "new.md.j2"
    new.write_text(NEW.replace("18 ani", "{{ age }} ani"), encoding="utf-8")
    data_file = tmp_path / "values.yaml"
    data_file.write_text("age: 18\n", encoding="utf-8")
    data, summary = compare_files(old, new, data_files=[data_file], reference=REFERENCE)
    assert revisions(part(data), "ins")[0] == "și de voluntariat ale "
    assert len(summary.renumbered) == 2
    with pytest.raises(LexkitError) as caught:
        compare_files(tmp_path / "missing.md", new, reference=REFERENCE)
    (problem,) = caught.value.problems
    assert problem.location.file.endswith("missing.md")
    assert problem.code == "P001"
    assert "check the path" in problem.fix


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


DOSSIER_YAML = (
    "title: Test\nlanguages: [ro]\nauthor: Ministerul Justiției\ndate: 2025-10-01\n"
    "deliverables:\n  - id: law\n    template: law.md.j2\n"
)
TEMPLATE_HEAD = (
    "---\ntitle: Test\ntype: law\nlang: {{ lang }}\nauthor: {{ dossier.author }}\n"
    "date: {{ dossier.date }}\n---\n\n"
)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A project in git: a dossier 'demo' with one law, committed twice (the second time
    with a new article 1, so the old ones are renumbered)."""
    root = tmp_path / "project"
    folder = root / "drafts" / "demo"
    (folder / "templates" / "ro").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "templates" / "reference.docx").write_bytes(REFERENCE.read_bytes())
    (folder / "dossier.yaml").write_text(DOSSIER_YAML, encoding="utf-8")
    template = folder / "templates" / "ro" / "law.md.j2"
    body = "### Articolul. Obiectul {#scope}\n\nTextul legii.\n"
    template.write_text(TEMPLATE_HEAD + body, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "first")
    body = "### Articolul. Nou {#new}\n\nUn articol nou.\n\n" + body.replace("legii", "noii legi")
    template.write_text(TEMPLATE_HEAD + body, encoding="utf-8")
    git(root, "-c", "commit.gpgsign=false", "commit", "-q", "-am", "second")
    return root


def test_compare_two_git_revisions_of_a_dossier(repository):
    data, summary = compare_revisions("HEAD~1", "HEAD", "demo", "law", root=repository)
    root = part(data)
    assert [c.label for c in summary.added] == ["art. 1"]
    assert [(c.old_label, c.label) for c in summary.renumbered] == [("art. 1", "art. 2")]
    assert revisions(root, "ins") == ["Articolul 1. Nou", "Un articol nou.", "2", "noii legi."]
    assert revisions(root, "del") == ["1", "legii."]
    assert {m.get(f"{W}author") for m in xpath(root, "//w:ins")} == {"Ministerul Justiției"}
    again, _ = compare_revisions("HEAD~1", "HEAD", "demo", "law", root=repository)
    assert again == data


def test_compare_a_revision_with_the_files_as_they_are_now(repository):
    template = repository / "drafts" / "demo" / "templates" / "ro" / "law.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("nou.", "adăugat."), "utf-8")
    _, summary = compare_revisions("HEAD", ".", "demo", "law", root=repository)
    assert [c.label for c in summary.changed] == ["art. 1"]


@pytest.mark.parametrize(
    ("revision", "dossier", "deliverable", "code", "fix"),
    [
        ("no-such-branch", "demo", "law", "R001", "git log --oneline"),
        ("HEAD", "other", "law", "R001", "check -d"),
        ("HEAD", "demo", "note", "R002", "choose one of: law"),
    ],
)
def test_bad_revisions_dossiers_and_deliverables_are_problems(
    repository, revision, dossier, deliverable, code, fix
):
    with pytest.raises(LexkitError) as caught:
        compare_revisions(revision, "HEAD", dossier, deliverable, root=repository)
    (problem,) = caught.value.problems
    assert problem.code == code
    assert fix in problem.fix
    assert problem.location.file


def test_revisions_outside_a_git_repository_are_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "drafts" / "demo").mkdir(parents=True)
    with pytest.raises(LexkitError) as caught:
        compare_revisions("HEAD~1", "HEAD", "demo", "law", root=tmp_path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.message) == ("R001", "the project is not in a git repository")


def test_a_version_with_errors_is_reported_at_its_revision(repository):
    template = repository / "drafts" / "demo" / "templates" / "ro" / "law.md.j2"
    template.write_text(TEMPLATE_HEAD + "### Articolul. X\n\n[](#nowhere)\n", encoding="utf-8")
    git(repository, "-c", "commit.gpgsign=false", "commit", "-q", "-am", "broken")
    with pytest.raises(LexkitError) as caught:
        compare_revisions("HEAD~1", "HEAD", "demo", "law", root=repository)
    files = {p.location.file for p in caught.value.problems}
    assert files == {"HEAD:drafts/demo/templates/ro/law.md.j2"}


# ---------------------------------------------------------------- the command


@pytest.fixture
def cli() -> click.Group:
    return main


def test_the_command_writes_the_docx_and_prints_the_summary(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    args = ["compare", "old.md", "new.md", "--reference", str(REFERENCE)]
    result = CliRunner().invoke(cli, [*args, "--author", AUTHOR, "--date", "2025-11-03"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "wrote new-compare.docx"
    assert lines[1] == "changed (3): art. 1, art. 3 alin. (1) lit. b), art. 4"
    assert "removed (1, as numbered in OLD): art. 4" in lines
    root = part((tmp_path / "new-compare.docx").read_bytes())
    assert {m.get(f"{W}author") for m in xpath(root, "//w:ins")} == {AUTHOR}


def test_the_command_compares_revisions_of_a_dossier(cli, repository, monkeypatch):
    monkeypatch.chdir(repository)
    result = CliRunner().invoke(
        cli, ["compare", "HEAD~1", "HEAD", "-d", "demo", "--deliverable", "law"]
    )
    assert result.exit_code == 0, result.output
    target = repository / "output" / "demo" / "compare" / "law-ro-HEAD~1-HEAD.docx"
    assert result.output.splitlines()[0] == f"wrote {target.relative_to(repository)}"
    assert target.is_file()


def test_the_command_reports_bad_input_without_a_traceback(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["compare", "old.md", "new.md"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "old.md: error: file not found [P001]" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- LibreOffice

# A LibreOffice Basic macro that opens a DOCX, accepts (or rejects) every tracked change,
# and saves the text: what a reviewer gets after "Accept All" or "Reject All".
REVIEW_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Review(sIn As String, sAccepted As String, sRejected As String)
  Save(sIn, ".uno:AcceptAllTrackedChanges", sAccepted)
  Save(sIn, ".uno:RejectAllTrackedChanges", sRejected)
End Sub
Sub Save(sIn As String, sCommand As String, sOut As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), "_blank", 0, load())
  oHelper = createUnoService("com.sun.star.frame.DispatchHelper")
  oHelper.executeDispatch(oDoc.getCurrentController().getFrame(), sCommand, "", 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "Text (encoded)"
  oDoc.storeToURL(ConvertToURL(sOut), store())
  oDoc.close(True)
End Sub
</script:module>
"""
LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
 library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
"""
LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN"
 "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library"
 xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""


def accept_and_reject_in_libreoffice(source: Path, profile: Path) -> tuple[list[str], list[str]]:
    """The paragraphs of ``source`` after LibreOffice accepts every change, and after it
    rejects them (``profile``: a LibreOffice user profile the macro is added to)."""
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(LIBRARIES, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(LIBRARY, encoding="utf-8")
    (basic / "Standard" / "Module1.xba").write_text(REVIEW_MACRO, encoding="utf-8")
    accepted, rejected = source.with_suffix(".accepted.txt"), source.with_suffix(".rejected.txt")
    subprocess.run(
        [
            libreoffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            f'macro:///Standard.Module1.Review("{source}","{accepted}","{rejected}")',
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )

    def paragraphs(path: Path) -> list[str]:
        return path.read_text(encoding="utf-8-sig").splitlines()

    return paragraphs(accepted), paragraphs(rejected)


@pytest.mark.libreoffice
def test_libreoffice_keeps_every_revision_and_accepts_or_rejects_them(tmp_path):
    source = tmp_path / "compared.docx"
    comparison, root = compared()
    source.write_bytes(write_docx(comparison.document, load_reference(REFERENCE)))
    out = tmp_path / "lo"
    convert([source], "docx", out)  # its profile is tmp_path / "lo-profile"
    converted = part((out / "compared.docx").read_bytes())
    assert revisions(converted, "ins") == revisions(root, "ins")
    assert revisions(converted, "del") == revisions(root, "del")
    for kind in ("ins", "del"):
        marks = xpath(converted, f"//w:{kind}")
        assert {m.get(f"{W}author") for m in marks} == {"Tester"}
        assert {m.get(f"{W}date") for m in marks} == {DATE}
        paragraph_marks = f"//w:pPr/w:rPr/w:{kind}"
        assert len(xpath(converted, paragraph_marks)) == len(xpath(root, paragraph_marks))

    accepted, rejected = accept_and_reject_in_libreoffice(source, tmp_path / "lo-profile")
    # The text export shows footnote marks as their numbers: "judiciar1".
    expected_new = [text.replace("judiciar", "judiciar1") for _, text in view(root, accept=True)]
    expected_old = [text.replace("judiciar", "judiciar1") for _, text in view(root, accept=False)]
    assert accepted == expected_new
    assert rejected == expected_old
    assert "Articolul 4. Verificarea" in accepted
    assert "Articolul 4. Dispoziții tranzitorii" in rejected


# ---------------------------------------------------------------- Track Changes on


def test_compare_output_has_track_changes_on_and_revision_ids_apart_from_bookmarks(
    tmp_path, repository
):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    from_files, _ = compare_files(old, new, reference=REFERENCE)
    from_git, _ = compare_revisions("HEAD~1", "HEAD", "demo", "law", root=repository)
    for data in (from_files, from_git):
        # A reviewer's own edits to the comparison are tracked too.
        assert xpath(part(data, "word/settings.xml"), "w:trackRevisions")
        root = part(data)
        revision_ids = xpath(root, "//w:ins/@w:id | //w:del/@w:id")
        bookmark_ids = xpath(root, "//w:bookmarkStart/@w:id")
        assert revision_ids
        assert bookmark_ids
        assert not set(revision_ids) & set(bookmark_ids)
    # An ordinary build is not tracked.
    assert not xpath(part(built(NEW).data, "word/settings.xml"), "w:trackRevisions")
    comparison, _ = compared()
    untracked = write_docx(comparison.document, load_reference(REFERENCE), track_revisions=False)
    assert not xpath(part(untracked, "word/settings.xml"), "w:trackRevisions")
