"""Documents every reader opens right: every XML part of the DOCX files lexkit writes is
valid against the ISO/IEC 29500 Transitional schemas (after Markup Compatibility
processing, ISO/IEC 29500-3), Word's settings are those of current Word, no stale part is
left, unit headings are headings to Word, pandoc and screen readers, and no reader sees
the name of the program.

The schemas are not in the repository: no package registry this project installs from
ships them, and the copies public repositories hold are not ours to commit. The validating
tests read them from $LEXKIT_OOXML_SCHEMAS, else tests/schemas/ooxml/ (git-ignored;
README.md there says which files and where to find them), and skip, saying so, when they
are not there. The other tests here need no schema.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from docx_helpers import NS, REFERENCE, front
from lexkit.engine.diff import compare_documents
from lexkit.engine.pipeline import build_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import LexkitError, Problems
from lexkit.io.archive import parts_from_bytes, zip_parts
from test_pictures import png

SCHEMAS = Path(
    os.environ.get("LEXKIT_OOXML_SCHEMAS") or Path(__file__).resolve().parent / "schemas" / "ooxml"
)
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
W = f"{{{NS['w']}}}"
STYLES_WITH_EFFECTS = "word/stylesWithEffects.xml"

# Where the vendored schemas import from the web: the copies here instead.
_LOCAL_COPIES = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dcterms.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}


class _LocalSchemas(etree.Resolver):
    """Resolves every schema a schema imports to the copy in tests/schemas/ooxml/."""

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        name = _LOCAL_COPIES.get(system_url, system_url.rsplit("/", 1)[-1])
        if (SCHEMAS / name).is_file():
            return self.resolve_filename(str(SCHEMAS / name), context)
        return None


class OoxmlSchemas:
    """The Transitional schemas compiled into one XMLSchema (every namespace imported by
    one driver schema), and the namespaces they define: those a consumer "understands"
    in Markup Compatibility terms."""

    def __init__(self) -> None:
        locations: dict[str, Path] = {}
        for path in sorted(SCHEMAS.glob("*.xsd")):
            namespace = etree.parse(str(path)).getroot().get("targetNamespace")
            assert namespace, path
            locations.setdefault(namespace, path)
        driver = (
            '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
            + "".join(
                f'<xs:import namespace="{namespace}" schemaLocation="{path.as_uri()}"/>'
                for namespace, path in locations.items()
            )
            + "</xs:schema>"
        )
        parser = etree.XMLParser(no_network=True)
        parser.resolvers.add(_LocalSchemas())
        document = etree.fromstring(driver.encode(), parser, base_url=SCHEMAS.as_uri() + "/")
        self.schema = etree.XMLSchema(document)
        self.understood = frozenset(locations) | {MC, XML_NS}

    def part_errors(self, name: str, data: bytes) -> list[str]:
        try:
            root = markup_compatibility(etree.fromstring(data), self.understood)
        except ValueError as error:
            return [f"{name}: {error}"]
        if self.schema.validate(root):
            return []
        return [f"{name}:{e.line}: {e.message}" for e in self.schema.error_log]

    def errors(self, docx: bytes) -> list[str]:
        """The schema errors of every XML part of a DOCX."""
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            names = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
            return [e for n in names for e in self.part_errors(n, archive.read(n))]


def _namespaces(element: etree._Element, prefixes: str | None) -> set[str]:
    out = set()
    for prefix in (prefixes or "").split():
        namespace = element.nsmap.get(prefix)
        if namespace is None:
            raise ValueError(f"undeclared prefix {prefix!r} in a Markup Compatibility attribute")
        out.add(namespace)
    return out


def markup_compatibility(
    element: etree._Element,
    understood: frozenset[str],
    ignorable: frozenset[str] = frozenset(),
    process_content: frozenset[tuple[str, str]] = frozenset(),
) -> etree._Element:
    """ISO/IEC 29500-3 as a consumer that understands ``understood`` applies it: elements
    and attributes of ignorable namespaces it does not understand are dropped (the
    elements' children kept where mc:ProcessContent says), of each mc:AlternateContent
    the first mc:Choice it can take (else mc:Fallback) replaces it, mc:MustUnderstand of
    an unknown namespace is an error, and the mc: attributes go."""
    mc = f"{{{MC}}}"
    if _namespaces(element, element.get(f"{mc}MustUnderstand")) - understood:
        raise ValueError(f"{element.tag} must be understood: {element.get(f'{mc}MustUnderstand')}")
    ignorable = ignorable | _namespaces(element, element.get(f"{mc}Ignorable"))
    for entry in (element.get(f"{mc}ProcessContent") or "").split():
        prefix, _, local = entry.partition(":")
        process_content = process_content | {(element.nsmap[prefix], local)}
    for attribute in list(element.attrib):
        namespace = etree.QName(attribute).namespace
        if namespace == MC or (namespace in ignorable and namespace not in understood):
            del element.attrib[attribute]
    for child in list(element):
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child)
        if name.namespace == MC and name.localname == "AlternateContent":
            chosen = next(
                (
                    branch
                    for branch in child
                    if isinstance(branch.tag, str)
                    and (
                        etree.QName(branch).localname == "Fallback"
                        or _namespaces(branch, branch.get("Requires")) <= understood
                    )
                ),
                None,
            )
            taken = list(chosen) if chosen is not None else []
            _replace(child, taken)
            for element_taken in taken:
                markup_compatibility(element_taken, understood, ignorable, process_content)
        elif name.namespace in ignorable and name.namespace not in understood:
            kept = (
                list(child)
                if {(name.namespace, name.localname), (name.namespace, "*")} & process_content
                else []
            )
            _replace(child, kept)
            for element_kept in kept:
                markup_compatibility(element_kept, understood, ignorable, process_content)
        else:
            markup_compatibility(child, understood, ignorable, process_content)
    return element


def _replace(element: etree._Element, children: list[etree._Element]) -> None:
    parent = element.getparent()
    assert parent is not None
    at = parent.index(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)


@pytest.fixture(scope="module")
def ooxml() -> OoxmlSchemas:
    """The schemas, compiled once for the module (skips when they are not provided)."""
    if not (SCHEMAS / "wml.xsd").is_file():
        pytest.skip(
            f"the ISO/IEC 29500 Transitional schemas are not in {SCHEMAS}: put them there "
            "or name their folder in LEXKIT_OOXML_SCHEMAS (tests/schemas/ooxml/README.md)"
        )
    return OoxmlSchemas()


# ---------------------------------------------------------------- documents to check

LAW = front(
    "# Capitolul. Dispoziții generale\n\n"
    "## Secțiunea. Obiectul și noțiunile\n\n"
    "### Articolul. Obiectul legii {#scope}\n\n"
    "(1) Prezenta lege stabilește regulile[^a] privind munca cu copiii.\n"
    "(2) Legea se aplică:\na) angajatorilor;\nb) voluntarilor.\n\n"
    "### Articolul. Trimiteri\n\nVezi [](#scope/2/a) și [legis.md](https://www.legis.md/)[^b].\n\n"
    "# Capitolul. Dispoziții finale\n\n### Articolul. Intrarea în vigoare\n\n"
    "Prezenta lege intră în vigoare la data publicării.\n\n"
    "# Anexa. Lista infracțiunilor\n\n"
    "| Nr. | Articol | Denumire |\n|---|:---:|---|\n| 1 | 175^1 | Acostarea |\n"
    "| 2 | 208^1 | Pornografia infantilă |\n\n"
    "[^a]: Regulile din Convenția de la Lanzarote.\n"
    "[^b]: Vezi <https://e-legal.md/>.\n"
)
DECISION = front(
    "1. Se aprobă Regulamentul privind informarea victimelor (se anexează).\n"
    "2. Controlul asupra executării prezentei hotărâri se pune în sarcina Ministerului "
    "Justiției.\n\n# Anexa. Regulament\n\n## Capitolul. Dispoziții generale\n\n"
    "1. Regulamentul stabilește modul de informare.\n",
    type="government-decision",
)
NOTE = front(
    "# Condițiile care au impus elaborarea proiectului\n\nText[^n].\n\n"
    "## Situația actuală\n\n![Participanți pe tipuri](chart.png)\n\n"
    "### Date\n\n| Anul | Cazuri |\n|---|---:|\n| 2024 | 12 |\n\n[^n]: O notă.\n",
    type="note",
)
OLD_LAW = LAW.replace("munca cu copiii", "angajarea persoanelor").replace(
    "b) voluntarilor.\n", "b) voluntarilor;\nc) stagiarilor.\n"
)


def _build(markdown: str, name: str, folder: Path) -> bytes:
    problems = Problems()
    built = build_document(markdown, str(folder / name), load_reference(REFERENCE), problems)
    problems.raise_if_errors()
    assert built is not None
    return built.data


@dataclass(frozen=True)
class Documents:
    """The DOCX files of the module's documents, by name; ``compared`` is LAW compared
    with OLD_LAW (revisions by ``AUTHOR``)."""

    files: dict[str, bytes]

    def part(self, document: str, name: str) -> etree._Element:
        with zipfile.ZipFile(io.BytesIO(self.files[document])) as archive:
            return etree.fromstring(archive.read(name))

    def xpath(self, document: str, expression: str, name: str = "word/document.xml") -> list:
        return self.part(document, name).xpath(expression, namespaces=NS)


AUTHOR = "Ministerul Justiției"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Documents:
    folder = tmp_path_factory.mktemp("ooxml")
    (folder / "chart.png").write_bytes(png(480, 240))
    files = {
        "law": _build(LAW, "law.md", folder),
        "law-en": _build(
            LAW.replace("lang: ro", "lang: en").replace("author: Tester\n", ""), "en.md", folder
        ),
        "decision": _build(DECISION, "decision.md", folder),
        "note": _build(NOTE, "note.md", folder),
    }
    reference = load_reference(REFERENCE)
    documents = []
    for markdown in (OLD_LAW, LAW):
        problems = Problems()
        built = build_document(markdown, str(folder / "law.md"), reference, problems)
        problems.raise_if_errors()
        assert built is not None
        documents.append(built.document)
    comparison = compare_documents(*documents, author=AUTHOR)
    files["compared"] = write_docx(comparison.document, reference)
    return Documents(files)


# ---------------------------------------------------------------- the schemas


def test_every_xml_part_of_every_document_is_valid(ooxml: OoxmlSchemas, documents: Documents):
    errors = {name: ooxml.errors(data) for name, data in documents.files.items()}
    assert errors == {name: [] for name in documents.files}


def test_the_reference_docx_is_valid(ooxml: OoxmlSchemas):
    assert ooxml.errors(REFERENCE.read_bytes()) == []


def test_every_document_of_the_flagship_dossier_is_valid(ooxml: OoxmlSchemas, flagship):
    built = sorted(flagship.output.rglob("*.docx"))
    assert len(built) >= 10
    errors = {path.name: ooxml.errors(path.read_bytes()) for path in built}
    assert {name: e for name, e in errors.items() if e} == {}


def test_the_validator_finds_errors_and_applies_markup_compatibility(ooxml: OoxmlSchemas):
    w, w14 = NS["w"], "http://schemas.microsoft.com/office/word/2010/wordml"
    settings = f'<w:settings xmlns:w="{w}"><w:zoom w:val="bestFit"/></w:settings>'.encode()
    assert any("percent" in e for e in ooxml.part_errors("settings.xml", settings))
    # An ignorable Word 2010 attribute is dropped; a Choice Word 2010 requires is not taken.
    paragraph = (
        f'<w:document xmlns:w="{w}" xmlns:w14="{w14}" xmlns:mc="{MC}" mc:Ignorable="w14">'
        '<w:body><w:p w14:paraId="1A2B3C4D"><mc:AlternateContent>'
        '<mc:Choice Requires="w14"><w14:unknown/></mc:Choice>'
        '<mc:Fallback><w:r w14:unknownAttribute="1"><w:t>x</w:t></w:r></mc:Fallback>'
        "</mc:AlternateContent></w:p></w:body></w:document>"
    ).encode()
    assert ooxml.part_errors("document.xml", paragraph) == []
    not_ignorable = paragraph.replace(b' mc:Ignorable="w14"', b"")
    assert ooxml.part_errors("document.xml", not_ignorable)
    misordered = (
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:pPr><w:jc w:val="left"/>'
        '<w:pStyle w:val="Normal"/></w:pPr></w:p></w:body></w:document>'
    ).encode()
    assert ooxml.part_errors("document.xml", misordered)


# ---------------------------------------------------------------- settings and parts


def test_settings_are_those_of_current_word(documents: Documents):
    for name in documents.files:
        settings = documents.part(name, "word/settings.xml")
        zoom = settings.find(f"{W}zoom")
        assert zoom is not None
        assert zoom.get(f"{W}percent") == "100"
        modes = settings.xpath(
            "w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val", namespaces=NS
        )
        assert modes == ["15"]
        assert settings.find(f"{W}proofState") is None
        tracked = settings.find(f"{W}trackRevisions") is not None
        assert tracked == (name == "compared"), name


def _has_styles_with_effects(data: bytes) -> bool:
    parts = parts_from_bytes(data)
    return (
        STYLES_WITH_EFFECTS in parts
        or b"stylesWithEffects" in parts["word/_rels/document.xml.rels"]
        or b"stylesWithEffects" in parts["[Content_Types].xml"]
    )


def test_no_styles_with_effects_part(documents: Documents, tmp_path: Path):
    assert not _has_styles_with_effects(REFERENCE.read_bytes())
    for data in documents.files.values():
        assert not _has_styles_with_effects(data)
    # A drafter's reference.docx that has one (Word 2010, python-docx's blank template).
    parts = parts_from_bytes(REFERENCE.read_bytes())
    parts[STYLES_WITH_EFFECTS] = parts["word/styles.xml"]
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2007/'
        b'relationships/stylesWithEffects" Target="stylesWithEffects.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/stylesWithEffects.xml" '
        b'ContentType="application/vnd.ms-word.stylesWithEffects+xml"/></Types>',
    )
    custom = tmp_path / "reference.docx"
    custom.write_bytes(zip_parts(parts))
    assert _has_styles_with_effects(custom.read_bytes())
    problems = Problems()
    built = build_document(LAW, "law.md", load_reference(custom), problems)
    assert built is not None
    assert not _has_styles_with_effects(built.data)


# ---------------------------------------------------------------- headings


def _based_on_chain(styles: etree._Element, name: str) -> list[str]:
    """The names of ``name`` and the styles it is based on, in order."""
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    style = next(
        s for s in by_id.values() if s.xpath("string(w:name/@w:val)", namespaces=NS) == name
    )
    chain = []
    while style is not None:
        chain.append(style.xpath("string(w:name/@w:val)", namespaces=NS))
        style = by_id.get(style.xpath("string(w:basedOn/@w:val)", namespaces=NS))
    return chain


UNIT_HEADINGS = {
    "Chapter Heading": ("heading 1", "0"),
    "Section Heading": ("heading 2", "1"),
    "Article Heading": ("heading 3", "2"),
    "Annex Title": ("heading 1", "0"),
}


def test_unit_headings_are_based_on_word_headings_and_keep_their_look(documents: Documents):
    styles = documents.part("law", "word/styles.xml")
    for name, (heading, level) in UNIT_HEADINGS.items():
        assert _based_on_chain(styles, name)[:2] == [name, heading]
        style = styles.xpath(f"w:style[w:name/@w:val='{name}']", namespaces=NS)[0]
        assert style.xpath("string(w:pPr/w:outlineLvl/@w:val)", namespaces=NS) == level
        # Their own alignment and line keeping, not Heading N's (left, lines kept together).
        assert style.xpath("string(w:pPr/w:jc/@w:val)", namespaces=NS) in ("center", "both")
        assert style.xpath("string(w:pPr/w:keepLines/@w:val)", namespaces=NS) == "0"
    article = styles.xpath("w:style[w:name/@w:val='Article Heading']", namespaces=NS)[0]
    assert article.xpath("string(w:pPr/w:ind/@w:firstLine)", namespaces=NS) == "709"
    assert article.xpath("string(w:pPr/w:jc/@w:val)", namespaces=NS) == "both"


def _pandoc() -> str:
    """pandoc, from the pypandoc-binary wheel of the test extras."""
    try:
        import pypandoc  # type: ignore[import-untyped]
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("pypandoc-binary is not installed: pip install -e '.[test]'")
        pytest.skip("pypandoc-binary is not installed: pip install -e '.[test]'")
    return str(pypandoc.get_pandoc_path())


def _plain(inlines: list[dict[str, Any]]) -> str:
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind in ("Span", "Link"):
            out.append(_plain(content[1]))
        elif kind in ("Strong", "Emph", "Underline", "Superscript", "SmallCaps"):
            out.append(_plain(content))
    return "".join(out)


def _headers(blocks: list[dict[str, Any]]) -> Iterator[tuple[int, str]]:
    for block in blocks:
        if block["t"] == "Header":
            yield block["c"][0], _plain(block["c"][2])
        elif block["t"] == "Div":
            yield from _headers(block["c"][1])


def test_pandoc_reads_unit_headings_as_headings(documents: Documents, tmp_path: Path):
    pandoc = _pandoc()
    path = tmp_path / "law.docx"
    path.write_bytes(documents.files["law"])
    result = subprocess.run(
        [pandoc, "-f", "docx", "-t", "json", str(path)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    headers = list(_headers(json.loads(result.stdout)["blocks"]))
    assert headers == [
        (1, "Capitolul I. Dispoziții generale"),
        (2, "Secțiunea 1. Obiectul și noțiunile"),
        (3, "Articolul 1. Obiectul legii"),
        (3, "Articolul 2. Trimiteri"),
        (1, "Capitolul II. Dispoziții finale"),
        (3, "Articolul 3. Intrarea în vigoare"),
        (1, "Lista infracțiunilor"),
    ]


# ---------------------------------------------------------------- what a reader sees


def test_no_reader_sees_the_program_name(documents: Documents):
    for name, data in documents.files.items():
        for part, content in parts_from_bytes(data).items():
            assert b"lexkit" not in content.lower(), (name, part)
    app = documents.part("law", "docProps/app.xml")
    assert app.find("{*}Application") is None
    core = documents.part("law", "docProps/core.xml")
    assert core.xpath("string(dc:creator)", namespaces=NS) == "Tester"
    assert core.xpath("string(cp:lastModifiedBy)", namespaces=NS) == "Tester"
    assert core.xpath("string(dc:title)", namespaces=NS) == "Lege Test"
    # No author in the front matter: no one, rather than the program.
    anonymous = documents.part("law-en", "docProps/core.xml")
    assert anonymous.xpath("dc:creator | cp:lastModifiedBy", namespaces=NS) == []


def test_comparison_revision_ids_are_not_bookmark_ids(documents: Documents):
    annotations = "//w:ins/@w:id | //w:del/@w:id | //w:rPrChange/@w:id | //w:pPrChange/@w:id"
    revisions = documents.xpath("compared", annotations)
    revisions += documents.xpath("compared", annotations, "word/footnotes.xml")
    bookmarks = documents.xpath("compared", "//w:bookmarkStart/@w:id")
    assert revisions
    assert bookmarks
    assert len(set(revisions)) == len(revisions)
    assert not set(revisions) & set(bookmarks)
    assert set(bookmarks) == set(documents.xpath("compared", "//w:bookmarkEnd/@w:id"))
    authors = set(documents.xpath("compared", "//w:ins/@w:author | //w:del/@w:author"))
    assert authors == {AUTHOR}


# ---------------------------------------------------------------- old reference documents

NEW_STYLES = ("Issuing Authority", "Act Number", "Signature", "Signature Place")


def _without_styles(names: tuple[str, ...]) -> Callable[[bytes], bytes]:
    def drop(styles: bytes) -> bytes:
        root = etree.fromstring(styles)
        for style in root.iter(f"{W}style"):
            if style.xpath("string(w:name/@w:val)", namespaces=NS) in names:
                root.remove(style)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return drop


def _reference_with(tmp_path: Path, change: Callable[[bytes], bytes]) -> Path:
    parts = parts_from_bytes(REFERENCE.read_bytes())
    parts["word/styles.xml"] = change(parts["word/styles.xml"])
    path = tmp_path / "old-reference.docx"
    path.write_bytes(zip_parts(parts))
    return path


def test_an_old_reference_docx_gets_the_styles_added_since(tmp_path: Path):
    old = _reference_with(tmp_path, _without_styles(NEW_STYLES))
    assert not re.search(
        rb'w:val="Signature Place"', parts_from_bytes(old.read_bytes())["word/styles.xml"]
    )
    reference = load_reference(old)
    default = load_reference(None)
    styles = etree.fromstring(reference.parts["word/styles.xml"])
    for name in NEW_STYLES:
        copied = styles.xpath(f"w:style[w:name/@w:val='{name}']", namespaces=NS)
        assert len(copied) == 1, name
        assert reference.style_ids[name.lower()] == default.style_ids[name.lower()]
    problems = Problems()
    built = build_document(DECISION, "decision.md", reference, problems)
    assert built is not None
    parts = parts_from_bytes(built.data)
    used = set(re.findall(rb'<w:pStyle w:val="([^"]+)"/>', parts["word/document.xml"]))
    defined = set(re.findall(rb'w:styleId="([^"]+)"', parts["word/styles.xml"]))
    assert used
    assert used <= defined


def test_a_document_styled_by_an_old_reference_is_valid(ooxml: OoxmlSchemas, tmp_path: Path):
    old = _reference_with(tmp_path, _without_styles(NEW_STYLES))
    built = build_document(DECISION, "decision.md", load_reference(old), Problems())
    assert built is not None
    assert ooxml.errors(built.data) == []


def test_a_style_based_on_a_missing_style_brings_it_along(tmp_path: Path):
    old = _reference_with(tmp_path, _without_styles(("Chapter Heading", "Heading 1")))
    styles = etree.fromstring(load_reference(old).parts["word/styles.xml"])
    assert _based_on_chain(styles, "Chapter Heading")[:3] == [
        "Chapter Heading",
        "heading 1",
        "Normal",
    ]


def test_a_style_whose_id_another_style_took_is_still_reported(tmp_path: Path):
    def rename(styles: bytes) -> bytes:
        return styles.replace(b'w:val="Signature"/>', b'w:val="Semnatura"/>')

    with pytest.raises(LexkitError) as caught:
        load_reference(_reference_with(tmp_path, rename))
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "the reference document has no style named 'Signature' (its style id is that of "
        "'Semnatura')"
    ]
