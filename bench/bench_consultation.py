"""Benchmark: ``lexkit build`` of the flagship with a consultation register, and the
decisions sheet's export.

Run with ``make bench`` or ``.venv/bin/python bench/bench_consultation.py``. Outside any
timing it copies drafts/child-protection and templates/ into three temporary projects and
fills each one's register (seeded) straight through ``lexkit.consult.register.Register``
and ``INSERT_COMMENT``: none, 10,000 and 100,000 comments, with the files they came from,
some unreadable files, rejected rows, flags, anonymous comments, campaigns, decisions, and
survey files whose open answers have a question and whose closed answers are tallied. Then,
each run in a fresh child process:

* ``build``: ``lexkit.api.build(["child-protection"], root=project)``, both languages;
* ``export``: ``lexkit.api.consultation_decisions_export("child-protection", root=project)``.

The child times the call alone (imports and start-up left out) and reports its peak resident
set (VmHWM); the parent also times the whole child, then reads back what it wrote. The empty
build, the 10,000-comment build and the export alternate their order run by run, and their
ratios are taken run by run; the 100,000-comment build runs after them. Figures are
medians. See bench/README.md.

Targets (issue 11): (a) the build with 10,000 comments within 3x the empty build; (b) with
100,000 comments within 60 s and 1.5 GB peak; (c) the export of 10,000 comments within the
time of the empty build. Each is reported as met or missed; the script exits 0 whatever the
verdicts, and stops only when a child fails or a check finds the output wrong.

Options: ``--runs``, ``--big-runs``, ``--no-big``, ``--output FILE``; ``--profile CASE``
prints a cProfile of one call of that case instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from memory import peak_kib, proc_status_kib, profiled
from words import WORDS

# lexkit is imported where it is used: the parent only fills registers, and each child
# loads what its call needs, so that its peak is its own.

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results-consultation.md"
DOSSIER = "child-protection"
SEED = 20251101
MB = 1024 * 1024
SIZES = {"empty": 0, "10k": 10_000, "100k": 100_000}

# ---------------------------------------------------------------- the corpus

# The draft law's provisions as the register names them (the Romanian draft's labels).
_PROVISIONS = (
    "art. I", "art. I pct. 1", "art. I pct. 2", "art. II", "art. III", "art. IV", "art. V",
    "art. VI", "art. VII", "art. VIII", "art. VIII alin. (1)", "art. VIII alin. (2)",
    "art. VIII alin. (2) lit. a)", "art. VIII alin. (2) lit. b)", "art. VIII alin. (3)",
    "art. VIII alin. (5)", "anexa nr. 1", "anexa nr. 2",
)  # fmt: skip
_WORDS = WORDS
_ORG_KINDS = ("Asociația Obștească", "Fundația", "Centrul", "Primăria", "Liceul Teoretic")
_ORG_NAMES = ("Speranța", "Viitorul", "Familia", "Dreptate", "Lumina", "Credo", "Alternativa")
_PLACES = ("Chișinău", "Bălți", "Cahul", "Orhei", "Ungheni", "Soroca", "Comrat", "Edineț")
_TYPES = ("civil-society", "public-authority", "individual", "academia", "private-sector")
_POSITIONS = ("support", "support-with-amendments", "oppose", "comment")
_FLAGS = (
    "position: 'poate' not understood: read as a comment",
    "stakeholder type: 'grup de inițiativă' not understood: read as other",
    "consent: 'depinde' unclear: read as no consent",
    "date: '31.13.2025' is not a date lexkit can read: kept as sent",
)
_OPEN_QUESTIONS = (
    "Ce ar trebui schimbat în proiect?",
    "Ce alte categorii de lucrători ar trebui verificate?",
)
_CLOSED_QUESTIONS = (
    ("Cât de clar este proiectul? (1-5)", ("1", "2", "3", "4", "5")),
    ("Susțineți verificarea voluntarilor?", ("Da", "Nu", "Nu știu")),
    ("Organizația dumneavoastră lucrează cu copii?", ("Da", "Nu")),
)
_UNREADABLE = (
    ("adresa-scanata.pdf", "not a spreadsheet lexkit can read (.pdf)"),
    ("export-platforma.xlsx", "larger than 50 MB"),
    ("raspunsuri-corupte.xlsx", "not a valid XLSX workbook (damaged zip)"),
)
_REJECTED = "no comment and no proposed wording: the row says nothing to answer"
FILE_ROWS = 20  # rows per stakeholder file
SURVEY_EVERY = 25  # every 25th file is a survey export (one column per question)
CAMPAIGN_TEXTS = 8
SHARES = {  # of comments, seeded
    "campaign": 0.04,
    "anonymous": 0.05,
    "person": 0.10,
    "flagged": 0.03,
    "general": 0.10,
    "unmatched": 0.01,
    "other_document": 0.005,
    "proposed_wording": 0.20,
    "decided": 0.20,
    "rejected_rows": 0.01,
}


def _text(rng: random.Random, low: int = 200, high: int = 600) -> str:
    """Sentences of Romanian words, cut after a whole word to low-high characters."""
    target = rng.randint(low, high - 16)
    words: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(_WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


@dataclass
class Expected:
    """What a correct build or export of a project must show."""

    comments: int = 0
    files: int = 0
    unreadable: int = 0
    rejected: int = 0
    campaigns: int = 0
    campaign_comments: int = 0
    flagged: int = 0
    anonymous: int = 0
    survey_comments: int = 0
    closed_answers: int = 0
    register_mb: float = 0.0

    @property
    def synthesis_rows(self) -> int:
        """Every comment once, a campaign's comments as one row."""
        return self.comments - self.campaign_comments + self.campaigns


@dataclass
class _Corpus:
    rng: random.Random
    campaigns: list[str]
    expected: Expected = field(default_factory=Expected)
    comments: list[tuple[object, ...]] = field(default_factory=list)
    decisions: list[tuple[int, str, str | None]] = field(default_factory=list)
    campaigns_used: set[int] = field(default_factory=set)
    campaign_of: list[tuple[str, int]] = field(default_factory=list)  # (tag, comment id)


def make_project(folder: Path, comments: int) -> Expected:
    """A project with the flagship dossier and the shared templates, and a register of
    ``comments`` comments (none: no register at all)."""
    shutil.copytree(REPO / "drafts" / DOSSIER, folder / "drafts" / DOSSIER)
    shutil.copytree(REPO / "templates", folder / "templates")
    if not comments:
        return Expected()
    from lexkit.consult.register import Register, register_path

    rng = random.Random(f"{SEED}-{comments}")
    corpus = _Corpus(rng, [_text(rng) for _ in range(CAMPAIGN_TEXTS)])
    path = register_path(folder, DOSSIER)
    with Register(path) as register, register.transaction() as db:
        _fill(db, corpus, comments)
    corpus.expected.register_mb = path.stat().st_size / MB
    return corpus.expected


def _fill(db: sqlite3.Connection, corpus: _Corpus, count: int) -> None:
    from lexkit.consult.register import INSERT_COMMENT

    execute, many = db.execute, db.executemany
    expected, rng = corpus.expected, corpus.rng
    file_id = 0
    rejections: list[tuple[object, ...]] = []
    answers: list[tuple[object, ...]] = []
    while expected.comments < count:
        file_id += 1
        survey = file_id % SURVEY_EVERY == 0
        accepted = rejected = 0
        for row in range(2, FILE_ROWS + 2):
            if expected.comments >= count:
                break
            if not survey and rng.random() < SHARES["rejected_rows"]:
                rejections.append((file_id, "Feedback", row, _REJECTED, "{}"))
                rejected += 1
                continue
            accepted += 1
            who = _respondent(rng)
            for question in _OPEN_QUESTIONS if survey else (None,):
                if expected.comments < count:
                    corpus.comments.append(_comment_record(corpus, file_id, row, who, question))
            if survey:
                for question, choices in _CLOSED_QUESTIONS:
                    answers.append((file_id, "Sheet1", row, question, rng.choice(choices)))
        name = f"raspunsuri-{file_id:05d}." + ("xlsx" if file_id % 3 else "csv")
        execute(
            "INSERT INTO files (id, sha256, name, size, status, rows_read, accepted, rejected, "
            "profile) VALUES (?, ?, ?, ?, 'read', ?, ?, ?, ?)",
            (file_id, f"{SEED}-{count}-{file_id}", name, 20_000, accepted + rejected, accepted,
             rejected, "kobotoolbox" if survey else None),
        )  # fmt: skip
        expected.rejected += rejected
    for offset, (name, reason) in enumerate(_UNREADABLE, start=1):
        execute(
            "INSERT INTO files (id, sha256, name, size, status, reason) "
            "VALUES (?, ?, ?, 0, 'unreadable', ?)",
            (file_id + offset, f"{SEED}-{count}-unreadable-{offset}", name, reason),
        )
    expected.files = file_id + len(_UNREADABLE)
    expected.unreadable = len(_UNREADABLE)
    many(INSERT_COMMENT, corpus.comments)
    many("INSERT INTO rejections (file_id, sheet, row, reason, raw) VALUES (?, ?, ?, ?, ?)",
         rejections)  # fmt: skip
    many("INSERT INTO answers (file_id, sheet, row, question, answer) VALUES (?, ?, ?, ?, ?)",
         answers)  # fmt: skip
    expected.closed_answers = len(answers)
    # Comment ids are given in order of insertion, from 1. Campaigns as intake tags them.
    many("UPDATE comments SET campaign = ? WHERE id = ?", corpus.campaign_of)
    many("INSERT INTO decisions (comment_id, decision, argument) VALUES (?, ?, ?)",
         corpus.decisions)  # fmt: skip


def _respondent(rng: random.Random) -> tuple[str | None, str | None, bool, str]:
    """(organisation, contact name, consent, stakeholder type) of one row."""
    draw = rng.random()
    consent = rng.random() < 0.5
    if draw < SHARES["anonymous"]:
        return None, None, consent, "individual"
    if draw < SHARES["anonymous"] + SHARES["person"]:
        return None, f"Persoana {rng.randrange(10**6):06d}", consent, "individual"
    organisation = (
        f"{rng.choice(_ORG_KINDS)} {rng.choice(_ORG_NAMES)} din {rng.choice(_PLACES)} "
        f"{rng.randrange(10**5)}"
    )
    return organisation, None, consent, rng.choice(_TYPES)


def _comment_record(
    corpus: _Corpus,
    file_id: int,
    row: int,
    who: tuple[str | None, str | None, bool, str],
    question: str | None,
) -> tuple[object, ...]:
    """One comment as :data:`lexkit.consult.register.INSERT_COMMENT` takes it."""
    from lexkit.consult.register import COMMENT_COLUMNS

    rng, expected = corpus.rng, corpus.expected
    organisation, person, consent, kind = who
    draw = rng.random()
    document, raw, flags = "draft-law", "", []
    provision: str | None = rng.choice(_PROVISIONS)
    if question is not None or draw < SHARES["general"]:
        provision = "General"
    elif draw < SHARES["general"] + SHARES["unmatched"]:
        raw, provision = "art. 99", None
        flags.append("provision: 'art. 99' matches nothing in the draft")
    elif draw < SHARES["general"] + SHARES["unmatched"] + SHARES["other_document"]:
        document, provision = "victim-notification", "pct. 5"
    if rng.random() < SHARES["flagged"]:
        flags.append(rng.choice(_FLAGS))
    campaign = None
    if question is None and rng.random() < SHARES["campaign"]:
        index = rng.randrange(CAMPAIGN_TEXTS)
        text, campaign = corpus.campaigns[index], f"campaign{index:05d}"
        expected.campaign_comments += 1
        corpus.campaigns_used.add(index)
        expected.campaigns = len(corpus.campaigns_used)
    else:
        text = _text(rng)
    values = {
        "organisation": organisation,
        "stakeholder_type": kind,
        "contact_name": person,
        "email": None,
        "phone": None,
        "consent_to_publish": int(consent),
        "document": document,
        "provision": provision,
        "position": rng.choice(_POSITIONS),
        "comment": text,
        "proposed_wording": _text(rng, 40, 200) if rng.random() < SHARES["proposed_wording"]
        else None,
        "rationale": None,
        "submitted_on": (dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(45))).isoformat(),
        "provision_raw": raw or provision,
        "question": question,
        "flags": "\n".join(flags) or None,
    }  # fmt: skip
    expected.comments += 1
    expected.flagged += bool(flags)
    expected.anonymous += not (organisation or person)
    expected.survey_comments += question is not None
    if rng.random() < SHARES["decided"]:
        decision = rng.choice(("accepted", "not-accepted"))
        argument = None if decision == "accepted" else "Propunerea nu ține de obiectul legii."
        corpus.decisions.append((expected.comments, decision, argument))
    if campaign is not None:
        corpus.campaign_of.append((campaign, expected.comments))
    cells = json.dumps({"Comentariu": text}, ensure_ascii=False)
    stored = [values[column] for column in COMMENT_COLUMNS]
    return (file_id, "Sheet1" if question else "Feedback", row, *stored, cells, None)


# ---------------------------------------------------------------- one call (child)


@dataclass(frozen=True)
class Case:
    name: str
    method: str  # "build" or "export"
    size: str  # a key of SIZES

    @property
    def label(self) -> str:
        comments = SIZES[self.size]
        what = "lexkit build" if self.method == "build" else "consult decisions export"
        return f"{what}, {comments:,} comments" if comments else f"{what}, empty register"


CASES = (
    Case("empty", "build", "empty"),
    Case("build-10k", "build", "10k"),
    Case("export-10k", "export", "10k"),
    Case("build-100k", "build", "100k"),
)
BY_NAME = {case.name: case for case in CASES}
PAIRED = ("empty", "build-10k", "export-10k")


def prepare(case: Case, project: Path) -> Callable[[], dict[str, float]]:
    """The call of ``case`` on ``project``, ready to start: lexkit imported, nothing read
    yet. The returned function times the call and reads the process's peak."""
    from lexkit import api

    if case.method == "build":

        def run() -> None:
            api.build([DOSSIER], root=project)

    else:

        def run() -> None:
            api.consultation_decisions_export(DOSSIER, root=project)

    def timed() -> dict[str, float]:
        gc.collect()
        before = proc_status_kib("VmRSS") or peak_kib()
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "before_kib": before, "peak_kib": peak_kib()}

    return timed


def written(case: Case, project: Path) -> dict[str, float]:
    """What the call wrote (read back by the parent, after the child exits)."""
    return (_build_checks if case.method == "build" else _export_checks)(project)


def _annex_rows(data: bytes) -> int:
    """Rows of a workbook's first sheet under its header, every XML part parsed (a part
    that is not well-formed raises)."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") and name != "xl/worksheets/sheet1.xml":
                etree.fromstring(archive.read(name))
        sheet = etree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    return len(sheet.findall(".//{*}sheetData/{*}row")) - 1


def _build_checks(project: Path) -> dict[str, float]:
    """What the build wrote: the report in both languages and, for a large register, the
    annex (its rows) listed in the manifest."""
    out: dict[str, float] = {}
    for lang in ("ro", "en"):
        folder = project / "output" / DOSSIER / lang
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        annex = folder / "consultation-report-synthesis.xlsx"
        out[f"{lang}_report_kb"] = (folder / "consultation-report.docx").stat().st_size / 1024
        out[f"{lang}_annex_rows"] = _annex_rows(annex.read_bytes()) if annex.is_file() else 0
        out[f"{lang}_annex_listed"] = float(annex.name in manifest["outputs"])
    return out


def _export_checks(project: Path) -> dict[str, float]:
    sheet = project / "output" / DOSSIER / "consultation" / "decisions.xlsx"
    return {"sheet_rows": _annex_rows(sheet.read_bytes()), "sheet_kb": sheet.stat().st_size / 1024}


def child(case: Case, project: Path) -> None:
    print(json.dumps(prepare(case, project)()))


# ---------------------------------------------------------------- runs (parent)


@dataclass
class Run:
    seconds: float  # the call, timed in the child
    wall: float  # the whole child: start-up, imports, the call
    peak_mb: float
    run_mb: float  # peak minus the resident set just before the call
    checks: dict[str, float]


def _child_env(work: Path) -> dict[str, str]:
    """Bytecode caching on, as in a normal install; the .pyc files go under ``work``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def run_child(case: Case, project: Path, work: Path) -> Run:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", case.name,
               str(project)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=_child_env(work), cwd=project
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{case.name} failed:\n{done.stderr.strip()[-3000:]}")
    values = json.loads(done.stdout.strip().splitlines()[-1])
    peak, before = values["peak_kib"], values["before_kib"]
    return Run(values["seconds"], wall, peak / 1024, (peak - before) / 1024, written(case, project))


@dataclass
class Results:
    expected: dict[str, Expected]
    runs: dict[str, list[Run]] = field(default_factory=lambda: {c.name: [] for c in CASES})

    def median(self, case: str, attribute: str = "seconds") -> float:
        return statistics.median(float(getattr(run, attribute)) for run in self.runs[case])

    def peak(self, case: str) -> float:
        return max(run.peak_mb for run in self.runs[case])

    def ratios(self, case: str, attribute: str = "seconds") -> list[float]:
        """Run by run: ``case`` over the empty build of the same round."""
        return [
            float(getattr(ours, attribute)) / float(getattr(base, attribute))
            for ours, base in zip(self.runs[case], self.runs["empty"], strict=True)
        ]


def bench(projects: dict[str, Path], expected: dict[str, Expected], runs: int, big_runs: int,
          work: Path) -> Results:  # fmt: skip
    results = Results(expected)
    for name in PAIRED:  # warm-up: the children's bytecode is written
        run_child(BY_NAME[name], projects[BY_NAME[name].size], work)
    for attempt in range(runs):
        order = PAIRED if attempt % 2 == 0 else tuple(reversed(PAIRED))
        for name in order:
            case = BY_NAME[name]
            print(f"  {case.label} (run {attempt + 1}) ...", file=sys.stderr, flush=True)
            results.runs[name].append(run_child(case, projects[case.size], work))
    big = BY_NAME["build-100k"]
    for attempt in range(big_runs if "100k" in projects else 0):
        print(f"  {big.label} (run {attempt + 1}) ...", file=sys.stderr, flush=True)
        results.runs[big.name].append(run_child(big, projects["100k"], work))
    return results


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Target:
    case: str
    text: str
    reading: str  # "ratio to the empty build", "seconds and peak", "export / empty build"


TARGETS = (
    Target("build-10k", "build with 10,000 comments within 3x the empty build", "ratio"),
    Target("build-100k", "build with 100,000 comments within 60 s and 1.5 GB peak", "limits"),
    Target("export-10k", "export of 10,000 comments within the time of the empty build", "export"),
)


def _s(seconds: float) -> str:
    return f"{seconds:.2f}"


def _ratio(ratios: list[float]) -> str:
    return f"**{statistics.median(ratios):.2f}x** ({min(ratios):.2f}-{max(ratios):.2f})"


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def check(results: Results) -> list[str]:
    """Every run against the corpus: the annex holds the complete synthesis (every comment
    once, a campaign as one row) in both languages and is in the manifest; the decisions
    sheet has one row per comment or campaign."""
    from lexkit.consult.analysis import SYNTHESIS_TABLE_LIMIT

    problems = []
    for case in CASES:
        want = results.expected.get(case.size, Expected())
        rows = want.synthesis_rows
        for number, run in enumerate(results.runs[case.name], start=1):
            where, got = f"{case.name} run {number}", run.checks
            if case.method == "export":
                if got["sheet_rows"] != rows:
                    problems.append(f"{where}: {got['sheet_rows']:.0f} sheet rows, not {rows}")
                continue
            for lang in ("ro", "en"):
                annex = rows if rows > SYNTHESIS_TABLE_LIMIT else 0
                if got[f"{lang}_annex_rows"] != annex:
                    problems.append(f"{where}: {lang} annex {got[f'{lang}_annex_rows']:.0f} rows")
                if annex and not got[f"{lang}_annex_listed"]:
                    problems.append(f"{where}: {lang} annex not in manifest.json")
    return problems


def _commit() -> str:
    git = ["git", "-C", str(REPO)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=False).stdout.strip()  # fmt: skip
    if not head:
        return "commit unknown"
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "tools", "drafts"],
                           capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    return f"commit {head}" + (", tools/ or drafts/ modified" if dirty else "")


def report(results: Results, elapsed: float, runs: int, big_runs: int) -> str:
    import lexkit

    has_big = bool(results.runs["build-100k"])
    out = [
        "# lexkit consultation benchmark: latest figures",
        "",
        f"Written by `bench/bench_consultation.py` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; lexkit {lexkit.__version__} "
        f"({_commit()}), Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{platform.machine()}. Bench run took {elapsed:.0f} s.",
        "",
        f"Each figure is the median of {runs} runs ({big_runs} for 100,000 comments), each run "
        "a fresh child process; the empty build, the 10,000-comment build and the export "
        "alternate their order run by run. A ratio is the median of the run-by-run ratios to "
        "the empty build of the same round (min-max). Peak = the largest VmHWM among the runs "
        "(+ its growth during the call).",
        "",
        "## Corpus",
        "",
        f"Seeded ({SEED}): the flagship dossier and templates/ copied into a temporary "
        "project; the register filled through `Register` and `INSERT_COMMENT`. Comments of "
        f"200-600 characters on the draft law's provisions; {SHARES['general']:.0%} general, "
        f"{SHARES['unmatched']:.0%} on a provision the draft does not have, "
        f"{SHARES['campaign']:.0%} repeating one of {CAMPAIGN_TEXTS} campaign texts, "
        f"{SHARES['anonymous']:.0%} anonymous, {SHARES['flagged']:.0%} with a flag, "
        f"{SHARES['decided']:.0%} decided; {FILE_ROWS} rows per file, every "
        f"{SURVEY_EVERY}th file a survey (two open questions, three closed ones), "
        f"{len(_UNREADABLE)} unreadable files, {SHARES['rejected_rows']:.0%} of rows rejected.",
        "",
        "| register | comments | synthesis rows | files | rejected rows | flagged | anonymous "
        "| survey comments | closed answers | register size |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, e in results.expected.items():
        if e.comments:
            out.append(
                f"| {size} | {e.comments:,} | {e.synthesis_rows:,} | {e.files:,} "
                f"| {e.rejected:,} | {e.flagged:,} | {e.anonymous:,} | {e.survey_comments:,} "
                f"| {e.closed_answers:,} | {e.register_mb:.1f} MB |"
            )
    out += [
        "",
        "## Figures",
        "",
        'In-process: the call alone (`lexkit.api.build(["child-protection"], root=...)`, '
        "both languages; `lexkit.api.consultation_decisions_export(...)`), timed in the "
        "child. Whole process: the child from start to exit (start-up, imports with cached "
        "bytecode, the call); what it wrote is read back after it exits. Seconds, median.",
        "",
        "| case | in-process | whole process | / empty build, in-process | / empty build, whole "
        "| peak MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for case in CASES:
        if not results.runs[case.name]:
            continue
        paired = case.name in PAIRED and case.name != "empty"
        ratio = _ratio(results.ratios(case.name)) if paired else "-"
        ratio_wall = _ratio(results.ratios(case.name, "wall")) if paired else "-"
        top = max(results.runs[case.name], key=lambda run: run.peak_mb)
        out.append(
            f"| {case.label} | {_s(results.median(case.name))} "
            f"| {_s(results.median(case.name, 'wall'))} | {ratio} | {ratio_wall} "
            f"| {top.peak_mb:.0f} (+{top.run_mb:.0f}) |"
        )
    out += [
        "",
        "## Targets (issue 11)",
        "",
        "| target | in-process | whole process |",
        "|---|---|---|",
    ]
    for target in TARGETS:
        if target.case == "build-100k" and not has_big:
            out.append(f"| {target.text} | not run (`--no-big`) | not run |")
            continue
        cells = []
        for attribute in ("seconds", "wall"):
            if target.reading == "ratio":
                value = statistics.median(results.ratios(target.case, attribute))
                cells.append(f"{value:.2f}x: {_verdict(value <= 3.0)}")
            elif target.reading == "export":
                value = statistics.median(results.ratios(target.case, attribute))
                cells.append(f"{value:.2f}x the empty build: {_verdict(value <= 1.0)}")
            else:
                value, peak = results.median(target.case, attribute), results.peak(target.case)
                cells.append(
                    f"{value:.1f} s, {peak:.0f} MB: {_verdict(value <= 60 and peak <= 1536)}"
                )
        out.append(f"| {target.text} | {cells[0]} | {cells[1]} |")
    problems = check(results)
    out += [
        "",
        "## Checks",
        "",
        "After each child, the bench read back what it wrote: the annex "
        "(`consultation-report-synthesis.xlsx`, in both languages, listed in manifest.json) "
        "must hold every synthesis row (every comment once, a campaign as one row) when "
        "the synthesis is longer than the report's table, and the decisions sheet one row "
        "per comment or campaign: "
        + ("all as generated." if not problems else "**MISMATCH**: " + "; ".join(problems)),
    ]
    for case in CASES:
        if results.runs[case.name]:
            first = results.runs[case.name][0].checks
            shown = ", ".join(f"{k} {v:,.0f}" for k, v in first.items())
            out.append(f"- {case.label}: {shown}.")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- entry point


def profile(case: Case, top: int) -> None:
    with tempfile.TemporaryDirectory(prefix="lexkit-bench-consultation-") as temporary:
        project = Path(temporary) / case.size
        make_project(project, SIZES[case.size])
        os.chdir(project)
        values = profiled(prepare(case, project), top)
        print(f"{case.label}: {values['seconds']:.2f} s under cProfile")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="runs of the paired cases (5)")
    parser.add_argument("--big-runs", type=int, default=2, help="runs with 100,000 comments (2)")
    parser.add_argument("--no-big", action="store_true", help="leave out 100,000 comments")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the report goes")
    parser.add_argument("--profile", choices=list(BY_NAME), metavar="CASE",
                        help="print a cProfile of one call of CASE, then stop")  # fmt: skip
    parser.add_argument("--child", nargs=2, metavar=("CASE", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, project = args.child
        child(BY_NAME[name], Path(project))
        return 0
    if args.profile:
        profile(BY_NAME[args.profile], 35)
        return 0

    started = time.perf_counter()
    sizes = [size for size in SIZES if not (args.no_big and size == "100k")]
    with tempfile.TemporaryDirectory(prefix="lexkit-bench-consultation-") as temporary:
        work = Path(temporary)
        projects: dict[str, Path] = {}
        expected: dict[str, Expected] = {}
        for size in sizes:
            print(f"project with {SIZES[size]:,} comments ...", file=sys.stderr, flush=True)
            projects[size] = work / size
            expected[size] = make_project(projects[size], SIZES[size])
        print(f"corpus ready ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        results = bench(projects, expected, args.runs, args.big_runs, work)
    text = report(results, time.perf_counter() - started, args.runs, args.big_runs)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    if check(results):
        print("the output did not match the corpus (see Checks)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
