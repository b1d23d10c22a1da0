"""Benchmark: lexkit (legislative Markdown -> DOCX) against a near-limit DOCX writer.

Run with ``make bench`` (``.venv/bin/python bench/bench_render.py``). For N = 100, 1,000
and 5,000 articles it generates a seeded legislative Markdown law and, from the same
generator, the flat list of paragraphs (style, text) that the law renders to. It then times,
alternately and in the same process:

* lexkit: Markdown text -> parse_document -> number_document -> write_docx -> DOCX bytes;
* the baseline: the paragraph list -> string-joined word/document.xml -> zip with the other
  parts of templates/reference.docx (deflate level 6, as lexkit.package) -> DOCX bytes.

Figures are medians; the ratio lexkit/baseline is taken pair by pair. Peak memory is taken
in one child process per writer and size. See bench/README.md for the method.

Options: ``--profile`` prints a cProfile of one N=1,000 lexkit run instead of benchmarking.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

import lexkit
from lexkit.dialect import build_markdown_parser, parse_document, split_front_matter
from lexkit.docx_writer import ReferenceDocument, load_reference, write_docx
from lexkit.errors import Problems
from lexkit.numbering import number_document
from lexkit.styles import Style

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "templates" / "reference.docx"
RESULTS = Path(__file__).resolve().parent / "results.md"
SIZES = (100, 1000, 5000)
SEED = 20250912
RATIO_TARGET = 3.0  # lexkit within 3x of the baseline at N=1,000
GROWTH_TARGET = 1.25  # per-article marginal cost grows at most 25 % from 1,000 to 5,000
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TITLE_STYLES = {"DraftMark", "Title", "ActTitle"}  # lexkit's title block, not in the corpus

# ---------------------------------------------------------------- corpus

_WORDS = (
    "autoritatea", "publică", "centrală", "competentă", "asigură", "respectarea", "drepturilor",
    "copilului", "în", "condițiile", "prezentei", "legi", "și", "ale", "actelor", "normative",
    "subordonate", "prin", "măsuri", "de", "protecție", "specială", "asistență", "socială",
    "evaluare", "periodică", "situației", "familiei", "reprezentantul", "legal", "instituțiile",
    "învățământ", "sănătate", "ocrotire", "părinților", "tutorelui", "obligația", "informării",
    "organele", "administrației", "locale", "consiliul", "raional", "primăria", "serviciul",
    "teritorial", "termenul", "stabilit", "zile", "lucrătoare", "solicitării", "scrise",
    "persoanei", "interesate", "datele", "caracter", "personal", "prelucrate", "exclusiv",
    "scopul", "aplicării", "dispozițiilor", "cuprinse", "regulamentul", "aprobat", "Guvern",
    "hotărârea", "definitivă", "instanței", "judecătorești", "contravenția", "sancțiunea",
    "amenzii", "unităților", "convenționale", "încălcarea", "prevederilor", "prezentului",
    "articol", "angajatorul", "verifică", "certificatul", "cazierului", "judiciar", "înainte",
    "încheierea", "contractului", "individual", "muncă", "activitatea", "voluntariat", "contact",
    "regulat", "copiii"
)  # fmt: skip
_TITLE_WORDS = (
    "Dispoziții", "generale", "Obiectul", "Domeniul", "aplicare", "Noțiuni", "principale",
    "Principiile", "Atribuțiile", "autorităților", "Drepturile", "obligațiile", "Protecția",
    "datelor", "Răspunderea", "Controlul", "Evaluarea", "Finanțarea", "Cooperarea",
    "internațională", "Măsuri", "speciale", "Termene", "Procedura", "Evidența", "Raportarea",
    "Sancțiuni", "Dispoziții", "finale", "tranzitorii"
)  # fmt: skip


@dataclass
class Corpus:
    """One law: its Markdown and, for the baseline, the paragraphs it renders to."""

    articles: int
    markdown: str
    paragraphs: list[tuple[Style, str]]
    footnotes: int


def _roman(number: int) -> str:
    values = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in values:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(_WORDS, k=rng.randint(low, high)))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    text = _words(rng, low, high)
    return text[0].upper() + text[1:]


def _title(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choices(_TITLE_WORDS, k=rng.randint(low, high))).lower()
    return text[0].upper() + text[1:]


def make_corpus(articles: int, seed: int = SEED) -> Corpus:
    """A law of ``articles`` articles: a chapter every 50, a section every 10; each article
    has 3 alineate (4 in 40 % of them), the 2nd with 2-5 points (a)...), the 3rd with a
    reference to an earlier article and, every 20 articles, a footnote. About 8 paragraphs
    per article, as in the perf-baselines corpus (8,041 for 1,000 articles)."""
    rng = random.Random(seed)
    md: list[str] = [
        "---",
        'title: "Lege privind protecția copiilor în activitățile cu contact regulat"',
        "type: law",
        "lang: ro",
        "author: Bench",
        "date: 2025-09-12",
        "---",
        "",
    ]
    paras: list[tuple[Style, str]] = []
    notes: list[str] = []
    alineate: dict[int, int] = {}
    chapter = section = 0
    for number in range(1, articles + 1):
        if (number - 1) % 50 == 0:
            chapter, section = chapter + 1, 0
            title = _title(rng, 2, 4)
            md += [f"# Capitolul. {title}", ""]
            paras.append((Style.CHAPTER, f"Capitolul {_roman(chapter)}. {title}"))
        if (number - 1) % 10 == 0:
            section += 1
            title = _title(rng, 2, 5)
            md += [f"## Secțiunea. {title}", ""]
            paras.append((Style.SECTION, f"Secțiunea {section}. {title}"))
        title = _title(rng, 2, 6)
        md += [f"### Articolul. {title} {{#a{number}}}", ""]
        paras.append((Style.ARTICLE, f"Articolul {number}. {title}"))

        lines: list[str] = []
        quote = _words(rng, 2, 4)
        first = f"{_sentence(rng, 16, 24)}, potrivit „{quote}”. {_sentence(rng, 16, 24)}."
        lines.append(f"(1) {first}")
        paras.append((Style.ALINEAT, f"(1) {first}"))
        intro = f"{_sentence(rng, 15, 28)} se aplică:"
        lines.append(f"(2) {intro}")
        paras.append((Style.ALINEAT, f"(2) {intro}"))
        count = rng.randint(2, 5)
        for index in range(count):
            end = "." if index == count - 1 else ";"
            point = f"{_words(rng, 6, 14)}{end}"
            letter = "abcdefghij"[index]
            lines.append(f"{letter}) {point}")
            paras.append((Style.POINT, f"{letter}) {point}"))
        head, tail = _sentence(rng, 10, 20), _words(rng, 15, 28)
        note = ""
        if number % 20 == 0:
            note = f"[^n{number}]"
            notes.append(f"[^n{number}]: Nota {number}: {_sentence(rng, 8, 16)}.")
        if number > 1:
            target = rng.randint(1, number - 1)
            if rng.random() < 0.5:
                alineat = rng.randint(1, alineate[target])
                link, label = f"[](#a{target}/{alineat})", f"art. {target} alin. ({alineat})"
            else:
                link, label = f"[](#a{target})", f"art. {target}"
        else:
            link = label = "prezenta lege"
        lines.append(f"(3) {head}{note} prevăzute la {link} {tail}.")
        paras.append((Style.ALINEAT, f"(3) {head} prevăzute la {label} {tail}."))
        alineate[number] = 3
        if rng.random() < 0.4:
            fourth = f"{_sentence(rng, 40, 60)}."
            lines.append(f"(4) {fourth}")
            paras.append((Style.ALINEAT, f"(4) {fourth}"))
            alineate[number] = 4
        md += [*lines, ""]
    md += [*notes, ""]
    return Corpus(articles, "\n".join(md), paras, len(notes))


# ---------------------------------------------------------------- the two writers


@dataclass
class LexkitTimes:
    parse: float
    number: float
    write: float

    @property
    def total(self) -> float:
        return self.parse + self.number + self.write


def run_lexkit(markdown: str, reference: ReferenceDocument) -> tuple[bytes, LexkitTimes]:
    """The whole pipeline from Markdown text to DOCX bytes, timed stage by stage."""
    clock = time.perf_counter
    start = clock()
    problems = Problems()
    document = parse_document(markdown, "bench.md", problems=problems)
    parsed = clock()
    number_document(document, problems)
    numbered = clock()
    data = write_docx(document, reference)
    written = clock()
    if problems.errors:
        raise SystemExit(f"lexkit reported problems: {problems.errors[:3]}")
    return data, LexkitTimes(parsed - start, numbered - parsed, written - numbered)


@dataclass(frozen=True)
class BaselineTemplate:
    """What the baseline takes from reference.docx, read once, outside the timing."""

    parts: dict[str, bytes]
    sect_pr: str
    style_ids: dict[Style, str]


def load_baseline_template(reference: ReferenceDocument) -> BaselineTemplate:
    with zipfile.ZipFile(REFERENCE) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    style_ids = {style: reference.style(style) for style in Style}
    return BaselineTemplate(parts, reference.sect_pr, style_ids)


_DOC_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:document xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><w:body>'
)
_FIRST_PARTS = ("[Content_Types].xml", "_rels/.rels")


def run_baseline(paragraphs: Sequence[tuple[str, str]], template: BaselineTemplate) -> bytes:
    """The near-limit writer: one string join for the body, then the zip."""
    body = "".join(
        [
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">'
            f"{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}"
            "</w:t></w:r></w:p>"
            for style, text in paragraphs
        ]
    )
    parts = dict(template.parts)
    parts["word/document.xml"] = (
        _DOC_OPEN + body + template.sect_pr + "</w:body></w:document>"
    ).encode()
    names = [n for n in _FIRST_PARTS if n in parts] + sorted(set(parts) - set(_FIRST_PARTS))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()


def baseline_input(corpus: Corpus, template: BaselineTemplate) -> list[tuple[str, str]]:
    return [(template.style_ids[style], text) for style, text in corpus.paragraphs]


# ---------------------------------------------------------------- checking the outputs


@dataclass
class Readback:
    paragraphs: list[tuple[str, str]]  # (style id, text) of every body paragraph
    document_xml: int  # bytes of word/document.xml
    docx: int  # bytes of the package
    footnotes: int


def read_back(data: bytes) -> Readback:
    w = f"{{{W_NS}}}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
        names = set(archive.namelist())
        notes_xml = archive.read("word/footnotes.xml") if "word/footnotes.xml" in names else b""
    root = etree.fromstring(xml)
    paragraphs = []
    for p in root.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        text = "".join(
            (t.text or "") if t.tag == f"{w}t" else " " for t in p.iter(f"{w}t", f"{w}tab")
        )
        paragraphs.append(("" if style is None else style.get(f"{w}val", ""), text))
    footnotes = 0
    if notes_xml:
        footnotes = sum(
            1 for n in etree.fromstring(notes_xml).iter(f"{w}footnote") if n.get(f"{w}type") is None
        )
    return Readback(paragraphs, len(xml), len(data), footnotes)


def compare(lexkit_out: Readback, baseline_out: Readback) -> str:
    """Same paragraphs (style and text) once lexkit's title block is set aside."""
    body = [p for p in lexkit_out.paragraphs if p[0] not in TITLE_STYLES]
    if body == baseline_out.paragraphs:
        return "identical"
    for index, (ours, theirs) in enumerate(zip(body, baseline_out.paragraphs, strict=False)):
        if ours != theirs:
            return f"DIFFER at paragraph {index}: lexkit {ours!r} / baseline {theirs!r}"
    return f"DIFFER in length: {len(body)} vs {len(baseline_out.paragraphs)}"


# ---------------------------------------------------------------- memory (child processes)


def _proc_status_kib(key: str) -> int | None:
    """VmRSS (resident now) or VmHWM (peak) of this process, from /proc (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _peak_kib() -> int:
    # VmHWM belongs to this process's own address space. ru_maxrss is not usable here: the
    # kernel carries the parent's peak over into a child at exec, so every child of the
    # (large) bench process would report at least the bench's own peak.
    peak = _proc_status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_child(writer: str, articles: int) -> None:
    """In a fresh process: build the input, then one run; print the RSS before and the peak."""
    reference = load_reference(REFERENCE)
    corpus = make_corpus(articles)
    template = load_baseline_template(reference)
    paragraphs = baseline_input(corpus, template)
    gc.collect()
    before = _proc_status_kib("VmRSS") or _peak_kib()
    if writer == "lexkit":
        run_lexkit(corpus.markdown, reference)
    else:
        run_baseline(paragraphs, template)
    print(json.dumps({"before_kib": before, "peak_kib": _peak_kib()}))


@dataclass
class Peak:
    peak_mb: float
    run_mb: float  # peak minus the resident set just before the run


def measure_peak(writer: str, articles: int) -> Peak | None:
    command = [sys.executable, str(Path(__file__).resolve()), "--peak-child", writer,
               str(articles)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"peak child failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
        return None
    values = json.loads(done.stdout.strip().splitlines()[-1])
    mib = 1024
    return Peak(values["peak_kib"] / mib, (values["peak_kib"] - values["before_kib"]) / mib)


# ---------------------------------------------------------------- the whole CLI process


@dataclass
class CliResult:
    wall: list[float]
    peak_mb: float


# Runs in a small `python -c` process that starts the CLI and waits for it with wait4:
# started straight from the bench process, the CLI would report the bench's peak memory
# (see _peak_kib); started from this small launcher, it reports its own.
_CLI_LAUNCHER = """
import json, os, subprocess, sys, time
command, runs = json.loads(sys.argv[1]), int(sys.argv[2])
walls, peaks = [], []
for attempt in range(runs + 1):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code:
        sys.exit(f"lexkit render exited with {code}")
    if attempt:
        walls.append(wall)
        peaks.append(usage.ru_maxrss)
print(json.dumps({"walls": walls, "peak_kib": max(peaks)}))
"""


def time_cli(corpus: Corpus, runs: int = 3) -> CliResult | None:
    """``lexkit render FILE.md -o OUT.docx`` as a whole process: 1 warm-up + ``runs``."""
    executable = Path(sys.executable).parent / "lexkit"
    if not executable.is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="lexkit-bench-") as folder:
        source = Path(folder) / f"law-{corpus.articles}.md"
        source.write_text(corpus.markdown, encoding="utf-8")
        command = [str(executable), "render", str(source), "-o", str(Path(folder) / "out.docx"),
                   "--reference", str(REFERENCE)]  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", _CLI_LAUNCHER, json.dumps(command), str(runs)],
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        print(f"lexkit render failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
        return None
    values = json.loads(done.stdout.strip().splitlines()[-1])
    return CliResult(values["walls"], values["peak_kib"] / 1024)


# ---------------------------------------------------------------- the benchmark


@dataclass
class SizeResult:
    articles: int
    markdown_bytes: int
    lexkit_paragraphs: int
    baseline_paragraphs: int
    footnotes: tuple[int, int]  # in the corpus, in lexkit's output
    content: str
    xml_bytes: tuple[int, int]  # word/document.xml, lexkit and baseline
    docx_bytes: tuple[int, int]
    lexkit: list[LexkitTimes] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    markdown_it: list[float] = field(default_factory=list)  # its parse alone, for reference
    peaks: dict[str, Peak | None] = field(default_factory=dict)

    def median(self, stage: str) -> float:
        return statistics.median(float(getattr(t, stage)) for t in self.lexkit)

    @property
    def baseline_median(self) -> float:
        return statistics.median(self.baseline)

    @property
    def markdown_it_median(self) -> float:
        return statistics.median(self.markdown_it)

    @property
    def ratios(self) -> list[float]:
        return [lex.total / base for lex, base in zip(self.lexkit, self.baseline, strict=True)]


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bench_size(articles: int, runs: int, reference: ReferenceDocument,
               template: BaselineTemplate) -> SizeResult:  # fmt: skip
    corpus = make_corpus(articles)
    paragraphs = baseline_input(corpus, template)
    markdown_it, body = build_markdown_parser(), split_front_matter(corpus.markdown)[1]
    markdown_it.parse(body)
    # Warm-up of each writer; its output is the one checked.
    lexkit_data, _ = run_lexkit(corpus.markdown, reference)
    baseline_data = run_baseline(paragraphs, template)
    ours, theirs = read_back(lexkit_data), read_back(baseline_data)
    result = SizeResult(
        articles=articles,
        markdown_bytes=len(corpus.markdown.encode()),
        lexkit_paragraphs=len(ours.paragraphs),
        baseline_paragraphs=len(theirs.paragraphs),
        footnotes=(corpus.footnotes, ours.footnotes),
        content=compare(ours, theirs),
        xml_bytes=(ours.document_xml, theirs.document_xml),
        docx_bytes=(ours.docx, theirs.docx),
    )
    del lexkit_data, baseline_data, ours, theirs
    for run in range(runs):
        # Pairs, alternating which writer goes first; garbage of the last run collected.
        base_time = 0.0
        if run % 2:
            gc.collect()
            base_time = _timed(lambda: run_baseline(paragraphs, template))
        gc.collect()
        _, times = run_lexkit(corpus.markdown, reference)
        if not run % 2:
            gc.collect()
            base_time = _timed(lambda: run_baseline(paragraphs, template))
        result.lexkit.append(times)
        result.baseline.append(base_time)
        gc.collect()
        result.markdown_it.append(_timed(lambda: markdown_it.parse(body)))
    return result


def marginal(t: dict[int, float]) -> tuple[float, float, float]:
    """Per-article cost from 100 to 1,000 and from 1,000 to 5,000 articles, and the growth."""
    low = (t[1000] - t[100]) / 900
    high = (t[5000] - t[1000]) / 4000
    return low, high, high / low if low > 0 else float("inf")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}" if seconds >= 0.1 else f"{seconds * 1000:,.1f}"


def _mb(peak: Peak | None) -> str:
    return "-" if peak is None else f"{peak.peak_mb:.0f} (+{peak.run_mb:.0f})"


def report(results: list[SizeResult], cli: CliResult | None, elapsed: float) -> str:
    by_size = {r.articles: r for r in results}
    out = [
        "# lexkit render benchmark: latest figures",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"lexkit {lexkit.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}. Bench run took {elapsed:.0f} s.",
        "",
        "In-process, Markdown text (or, for the baseline, the paragraph list) to DOCX bytes. "
        "Median ms over paired runs (5 for N <= 1,000, 3 for 5,000, after one warm-up); "
        "ratio = median of the per-pair lexkit/baseline ratios (min-max). "
        "Peak = resident set MB of a fresh process for one run (+ growth during the run).",
        "",
        "| articles | paragraphs lexkit / baseline | Markdown | lexkit total | parse | number "
        "| write | baseline | **lexkit / baseline** | peak MB lexkit | peak MB baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratios = r.ratios
        out.append(
            f"| {r.articles:,} | {r.lexkit_paragraphs:,} / {r.baseline_paragraphs:,} "
            f"| {r.markdown_bytes / 1e6:.2f} MB | {_ms(r.median('total'))} "
            f"| {_ms(r.median('parse'))} | {_ms(r.median('number'))} "
            f"| {_ms(r.median('write'))} | {_ms(r.baseline_median)} "
            f"| **{statistics.median(ratios):.2f}x** ({min(ratios):.2f}-{max(ratios):.2f}) "
            f"| {_mb(r.peaks.get('lexkit'))} | {_mb(r.peaks.get('baseline'))} |"
        )
    out += [
        "",
        "Share of lexkit's time by stage; the write stage alone against the baseline (which "
        "does what lexkit's write stage does, with less markup); markdown-it-py's parse of the "
        "same Markdown alone (lexkit's parser configuration, timed separately), a floor for "
        "lexkit's parse stage:",
        "",
        "| articles | parse | number | write | write / baseline | markdown-it alone "
        "| markdown-it / baseline | document.xml lexkit / baseline | DOCX lexkit / baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        total = r.median("total")
        out.append(
            f"| {r.articles:,} | {r.median('parse') / total:.0%} | "
            f"{r.median('number') / total:.0%} | {r.median('write') / total:.0%} | "
            f"{r.median('write') / r.baseline_median:.2f}x | {_ms(r.markdown_it_median)} ms | "
            f"{r.markdown_it_median / r.baseline_median:.2f}x | "
            f"{r.xml_bytes[0] / 1e6:.2f} / {r.xml_bytes[1] / 1e6:.2f} MB | "
            f"{r.docx_bytes[0] / 1e6:.2f} / {r.docx_bytes[1] / 1e6:.2f} MB |"
        )
    growth: float | None = None
    ratio_1000: float | None = None
    if all(n in by_size for n in SIZES):
        out += [
            "",
            "Per-article marginal cost, (T(1000)-T(100))/900 and (T(5000)-T(1000))/4000:",
            "",
            "| | 100 -> 1,000 | 1,000 -> 5,000 | growth |",
            "|---|---:|---:|---:|",
        ]
        series: list[tuple[str, Callable[[SizeResult], float]]] = [
            ("**lexkit total**", lambda r: r.median("total")),
            ("lexkit parse", lambda r: r.median("parse")),
            ("lexkit number", lambda r: r.median("number")),
            ("lexkit write", lambda r: r.median("write")),
            ("baseline", lambda r: r.baseline_median),
        ]
        for name, pick in series:
            low, high, factor = marginal({n: pick(by_size[n]) for n in SIZES})
            if name == "**lexkit total**":
                growth = factor
            out.append(f"| {name} | {low * 1000:.3f} ms | {high * 1000:.3f} ms | {factor:.2f}x |")
    if 1000 in by_size:
        ratio_1000 = statistics.median(by_size[1000].ratios)
    out += ["", "Targets (issue):", ""]
    if ratio_1000 is not None:
        verdict = "PASS" if ratio_1000 <= RATIO_TARGET else "MISS"
        out.append(
            f"- lexkit within {RATIO_TARGET:g}x of the baseline at 1,000 articles: "
            f"**{ratio_1000:.2f}x: {verdict}**"
        )
    if growth is not None:
        verdict = "PASS" if growth <= GROWTH_TARGET else "MISS"
        out.append(
            f"- per-article cost flat (growth <= {GROWTH_TARGET:g}x) from 1,000 to 5,000: "
            f"**{growth:.2f}x: {verdict}**"
        )
    out += ["", "Checks (warm-up outputs read back with lxml):", ""]
    for r in results:
        out.append(
            f"- N={r.articles:,}: w:p in document.xml lexkit {r.lexkit_paragraphs:,} "
            f"(title block {r.lexkit_paragraphs - r.baseline_paragraphs:+d}), baseline "
            f"{r.baseline_paragraphs:,}; paragraph styles and text: {r.content}; footnotes "
            f"{r.footnotes[1]} of {r.footnotes[0]}."
        )
    if cli is not None:
        n = 1000
        inproc = f"; in-process total {_ms(by_size[n].median('total'))} ms" if n in by_size else ""
        out += [
            "",
            f"Whole process, `lexkit render law-{n}.md -o out.docx --reference "
            f"templates/reference.docx` (start-up, imports, read, write the file; 1 warm-up + "
            f"{len(cli.wall)} runs): median **{_ms(statistics.median(cli.wall))} ms** "
            f"(min {_ms(min(cli.wall))}, max {_ms(max(cli.wall))}), peak {cli.peak_mb:.0f} MB"
            f"{inproc}.",
        ]
    return "\n".join(out) + "\n"


def profile(articles: int, top: int) -> None:
    reference = load_reference(REFERENCE)
    corpus = make_corpus(articles)
    run_lexkit(corpus.markdown, reference)  # warm-up
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    run_lexkit(corpus.markdown, reference)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.strip_dirs().sort_stats(order).print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES),
                        help="article counts (default: 100 1000 5000)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=5, help="timed pairs for N <= 1,000")
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-process run")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the table goes")
    parser.add_argument(
        "--profile", type=int, metavar="N", nargs="?", const=1000,
        help="print a cProfile of one lexkit run of N articles (default 1,000), then stop",
    )  # fmt: skip
    parser.add_argument("--peak-child", nargs=2, metavar=("WRITER", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_child:
        peak_child(args.peak_child[0], int(args.peak_child[1]))
        return 0
    if args.profile:
        profile(args.profile, 30)
        return 0

    started = time.perf_counter()
    reference = load_reference(REFERENCE)
    template = load_baseline_template(reference)
    results = []
    for articles in args.sizes:
        runs = args.runs if articles <= 1000 else max(3, args.runs - 2)
        print(f"N={articles:,}: warm-up and {runs} paired runs ...", file=sys.stderr, flush=True)
        results.append(bench_size(articles, runs, reference, template))
    for result in results:
        print(f"N={result.articles:,}: peak memory ...", file=sys.stderr, flush=True)
        for writer in ("lexkit", "baseline"):
            result.peaks[writer] = measure_peak(writer, result.articles)
    cli = None
    if not args.no_cli:
        print("lexkit render, whole process, N=1,000 ...", file=sys.stderr, flush=True)
        cli = time_cli(make_corpus(1000))
    text = report(results, cli, time.perf_counter() - started)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
