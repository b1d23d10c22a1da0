"""Benchmark: lexkit's consultation intake against raw python-calamine, stdlib csv and pandas.

Run with ``make bench`` (after bench_render.py) or ``.venv/bin/python bench/bench_intake.py``.
It generates a seeded consultation corpus into a temporary folder, outside any timing:
1,000 XLSX files of 20 rows, one XLSX of 100,000 rows, and the same rows as CSV. Then, for
each of the four cases, in alternating order, each run in a fresh child process:

* (a) baseline: raw python-calamine, ``CalamineWorkbook.from_path(p).get_sheet_by_index(0)
  .to_python()`` on every file (stdlib ``csv.reader`` for the CSV cases);
* (p) issue 11's baseline, pandas + python-calamine: ``pandas.read_excel(p,
  engine="calamine", sheet_name=None, header=None)`` on every file (``pandas.read_csv(p,
  header=None, dtype=str, keep_default_na=False)`` for the CSV cases);
* (b) lexkit's read stage: ``lexkit.io.spreadsheets.read_file`` on every file;
* (c) lexkit's full ingest: ``lexkit.consult.intake.ingest([folder], Register(...), index)``
  into a fresh register, with an empty provision index.

The child times the call itself (imports and start-up left out) and reports its peak
resident set (VmHWM); the parent also times the whole child process. Figures are medians;
the ratios of (b) and (c) to (a) and to (p) are taken run by run. See bench/README.md for
the method.

Options: ``--profile CASE`` prints a cProfile of one ingest of that case instead.
"""

from __future__ import annotations

import argparse
import csv
import gc
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from memory import peak_kib, proc_status_kib, profiled
from words import WORDS

# lexkit, python-calamine, pandas and openpyxl are imported where they are used: each child process
# loads only what its method needs, so its peak is that method's own.

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results-intake.md"
SEED = 20250912
HEADER = ("Organisation", "Provision", "Comment", "Position")
SMALL_FILES, SMALL_ROWS = 1000, 20
BIG_ROWS = 100_000
METHODS = ("baseline", "pandas", "read", "ingest")
BASELINES = {"baseline": "(a)", "pandas": "(p)"}  # what the ratios of (b) and (c) are taken to
MB = 1024 * 1024
MAX_BYTES = 50 * MB  # lexkit.io.untrusted.MAX_FILE_BYTES: larger files are refused
Checks = Callable[[], dict[str, int]]  # a timed run, or the checks after it: name -> count


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "xlsx" or "csv"
    files: int
    rows: int  # per file

    @property
    def big(self) -> bool:
        return self.files == 1

    @property
    def label(self) -> str:
        shape = f"1 x {self.rows:,} rows" if self.big else f"{self.files:,} x {self.rows} rows"
        return f"{self.kind.upper()} {shape}"


CASES = (
    Case("xlsx-small", "xlsx", SMALL_FILES, SMALL_ROWS),
    Case("xlsx-big", "xlsx", 1, BIG_ROWS),
    Case("csv-small", "csv", SMALL_FILES, SMALL_ROWS),
    Case("csv-big", "csv", 1, BIG_ROWS),
)
BY_NAME = {case.name: case for case in CASES}


@dataclass(frozen=True)
class Target:
    """A goal from shared/reference/perf-baselines.md ("Intake" recommendations), or from
    issue 11 (``source``)."""

    method: str
    case: str
    seconds: float | None = None
    ratio: float | None = None  # against ``against``: (a) "baseline" or (p) "pandas"
    peak_mb: float | None = None
    note: str = ""
    against: str = "baseline"
    source: str = "perf-baselines"

    def text(self) -> str:
        parts = []
        if self.seconds is not None:
            parts.append(f"under {self.seconds:g} s")
        if self.ratio is not None:
            of = "pandas + python-calamine (p)" if self.against == "pandas" else "the baseline (a)"
            parts.append(f"within {self.ratio:g}x of {of}")
        if self.peak_mb is not None:
            parts.append(f"peak under {self.peak_mb:g} MB")
        what = "read stage" if self.method == "read" else "full ingest"
        return f"{what}, {BY_NAME[self.case].label}: " + ", ".join(parts) + self.note


TARGETS = (
    Target("read", "xlsx-small", seconds=1.5, ratio=3.0),
    Target("read", "xlsx-big", seconds=3.0, ratio=2.0),
    Target("ingest", "xlsx-small", seconds=5.0, peak_mb=600),
    Target("ingest", "xlsx-big", seconds=8.0, peak_mb=600),
    Target("read", "csv-big", seconds=1.5),
    Target("ingest", "csv-big", peak_mb=600, note=" (the ingest peak goal, applied to CSV)"),
    Target("ingest", "xlsx-small", ratio=2.0, against="pandas", source="issue 11"),
    Target("ingest", "xlsx-big", ratio=3.0, against="pandas", source="issue 11"),
)

# ---------------------------------------------------------------- corpus

_WORDS = WORDS
_ORG_KINDS = (
    "Asociația Obștească", "Fundația", "Centrul", "Ministerul", "Primăria", "Consiliul Raional",
    "Universitatea", "Uniunea", "Institutul", "Clinica", "Liceul Teoretic",
)  # fmt: skip
_ORG_NAMES = (
    "Educației", "Sănătății", "Copiilor", "Speranța", "Viitorul", "Familia", "Dreptate",
    "Moldova", "Nord", "Sud", "Centru", "Lumina", "Credo", "Alternativa", "Pro Comunitate",
)  # fmt: skip
_PLACES = ("Chișinău", "Bălți", "Cahul", "Orhei", "Ungheni", "Soroca", "Comrat", "Edineț")
_PROVISIONS = (
    "General", "art. I", "art. II", "art. III", "art. III alin. (2)", "art. IV pct. 3",
)  # fmt: skip
_POSITIONS = (
    "support", "oppose", "comment", "support with amendments", "pentru", "împotrivă",
    "susțin cu modificări", "neutru",
)  # fmt: skip
ANONYMOUS_SHARE = 0.01  # rows without an organisation (nor a name): accepted, anonymous
EMPTY_SHARE = 0.005  # rows with an organisation but no comment: the ingest rejects them
CAMPAIGN_SHARE = 0.04  # rows that repeat one of a few texts, as a campaign does
CAMPAIGN_TEXTS = 8


def _comment(rng: random.Random) -> str:
    """Sentences, cut after a whole word to 200-600 characters (mean ~400)."""
    target = rng.randint(200, 584)  # the longest word has 14 letters
    sentences: list[str] = []
    length = 0
    while length <= target:  # the joined text is length - 1 long
        words = " ".join(rng.choices(_WORDS, k=rng.randint(8, 16)))
        sentences.append(words[0].upper() + words[1:] + ".")
        length += len(sentences[-1]) + 1
    text = " ".join(sentences)
    cut = text.find(" ", target)
    return (text[:cut] if cut > 0 else text).rstrip(".") + "."


@dataclass
class Rows:
    """The rows of one case, and what a correct reader must find in them."""

    rows: list[tuple[str, str, str, str]]
    comment_chars: int = 0
    accepted: int = 0
    accepted_chars: int = 0  # comment characters of the accepted rows
    anonymous: int = 0  # accepted rows without an organisation
    rejected: int = 0  # rows without a comment (nor a proposed wording)


def make_rows(count: int, rng: random.Random, campaigns: Sequence[str]) -> Rows:
    out = Rows([])
    for _ in range(count):
        draw = rng.random()
        anonymous = draw < ANONYMOUS_SHARE
        empty = ANONYMOUS_SHARE <= draw < ANONYMOUS_SHARE + EMPTY_SHARE
        organisation = "" if anonymous else (
            f"{rng.choice(_ORG_KINDS)} {rng.choice(_ORG_NAMES)} din {rng.choice(_PLACES)}"
        )  # fmt: skip
        if empty:
            comment = ""
        else:
            comment = rng.choice(campaigns) if rng.random() < CAMPAIGN_SHARE else _comment(rng)
        out.rows.append((organisation, rng.choice(_PROVISIONS), comment, rng.choice(_POSITIONS)))
        out.comment_chars += len(comment)
        if empty:
            out.rejected += 1
        else:
            out.accepted += 1
            out.accepted_chars += len(comment)
            out.anonymous += anonymous
    return out


def write_xlsx(path: Path, rows: Sequence[tuple[str, str, str, str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Feedback")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_csv(path: Path, rows: Sequence[tuple[str, str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(rows)


@dataclass
class Expected:
    files: int
    rows: int
    comment_chars: int
    accepted: int
    accepted_chars: int
    anonymous: int = 0
    rejected: int = 0
    bytes_on_disk: int = 0


def make_corpus(root: Path, cases: Sequence[Case]) -> dict[str, Expected]:
    """Every case's files under ``root/<case>/``; the XLSX and CSV cases of one size hold
    the same rows (the same seed)."""
    expected: dict[str, Expected] = {}
    for case in cases:
        rng = random.Random(f"{SEED}-{case.files}-{case.rows}")
        campaigns = [_comment(rng) for _ in range(CAMPAIGN_TEXTS)]
        folder = root / case.name
        folder.mkdir(parents=True)
        total = Expected(case.files, 0, 0, 0, 0)
        for number in range(case.files):
            made = make_rows(case.rows, rng, campaigns)
            path = folder / f"feedback-{number:04d}.{case.kind}"
            (write_xlsx if case.kind == "xlsx" else write_csv)(path, made.rows)
            total.rows += len(made.rows)
            total.comment_chars += made.comment_chars
            total.accepted += made.accepted
            total.accepted_chars += made.accepted_chars
            total.anonymous += made.anonymous
            total.rejected += made.rejected
            total.bytes_on_disk += path.stat().st_size
        expected[case.name] = total
    return expected


# ---------------------------------------------------------------- the four methods (child)


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file())


def _count(tables: Sequence[Sequence[Sequence[object]]]) -> dict[str, int]:
    """Data rows (header left out) and characters of the Comment column, after the clock."""
    rows = chars = 0
    for table in tables:
        for row in table[1:]:
            rows += 1
            cell = row[2] if len(row) > 2 else ""
            chars += len(cell) if isinstance(cell, str) else 0
    return {"rows": rows, "comment_chars": chars}


def prepare(method: str, kind: str, folder: Path, work: Path) -> Checks:
    """One run of ``method`` on the files of ``folder``, ready to start: what it needs is
    imported and the files are listed here, before the clock. The returned function times
    the call, then checks what it read (rows, comment characters, the register), after
    the clock."""
    files = _files(folder)
    kept: list[Sequence[Sequence[object]]] = []
    if method == "baseline" and kind == "xlsx":
        from python_calamine import CalamineWorkbook

        def run() -> None:
            for path in files:
                kept.append(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())

    elif method == "baseline":

        def run() -> None:
            for path in files:
                with path.open(encoding="utf-8", newline="") as stream:
                    kept.append(list(csv.reader(stream)))

    elif method == "pandas":
        import pandas

        frames: list[pandas.DataFrame] = []
        if kind == "xlsx":
            # pandas imports its engine at the first call: here, before the clock, as the
            # other methods import theirs.
            import python_calamine  # noqa: F401

            def run() -> None:
                for path in files:
                    book = pandas.read_excel(path, engine="calamine", sheet_name=None, header=None)
                    frames.extend(book.values())

        else:

            def run() -> None:
                for path in files:
                    frames.append(
                        pandas.read_csv(path, header=None, dtype=str, keep_default_na=False)
                    )

        # A DataFrame's values, row by row (header=None: the header is the first row); an
        # empty XLSX cell is NaN, which _count does not count as characters.
        return _timed_with(run, lambda: _count([frame.to_numpy().tolist() for frame in frames]))

    elif method == "read":
        from lexkit.io.spreadsheets import read_file

        def run() -> None:
            for path in files:
                kept.append(read_file(path)[0].rows)

    else:
        from lexkit.consult.intake import ingest
        from lexkit.consult.provisions import Provisions
        from lexkit.consult.register import Register

        register_path = Path(tempfile.mkdtemp(dir=work, prefix="register-")) / "r.sqlite"
        index = Provisions({}, {})
        summaries: list[dict[str, int]] = []

        def run() -> None:
            with Register(register_path) as register:
                done = ingest([folder], register, index)
            summaries.append(
                {
                    "files_read": done.files_read,
                    "files_duplicate": done.files_duplicate,
                    "unreadable": done.unreadable,
                    "rows": done.rows_read,
                    "accepted": done.accepted,
                    "rejected": done.rejected,
                    "anonymous": done.anonymous,
                    "duplicates": done.duplicates,
                    "reconciles": int(done.reconciles),
                }
            )

        def checks() -> dict[str, int]:
            with sqlite3.connect(register_path) as db:
                chars, campaigns = db.execute(
                    "SELECT coalesce(sum(length(comment)), 0), count(DISTINCT campaign) "
                    "FROM comments"
                ).fetchone()
            db.close()
            size = register_path.stat().st_size
            shutil.rmtree(register_path.parent)
            return {**summaries[0], "accepted_chars": chars, "campaigns": campaigns,
                    "register_bytes": size}  # fmt: skip

        return _timed_with(run, checks)
    return _timed_with(run, lambda: _count(kept))


def _timed_with(run: Callable[[], None], checks: Checks) -> Checks:
    def timed() -> dict[str, int]:
        gc.collect()
        before = proc_status_kib("VmRSS") or peak_kib()
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        peak = peak_kib()
        return {"seconds_ns": round(seconds * 1e9), "before_kib": before, "peak_kib": peak,
                **checks()}  # fmt: skip

    return timed


def child(method: str, kind: str, folder: Path, work: Path) -> None:
    print(json.dumps(prepare(method, kind, folder, work)()))


# ---------------------------------------------------------------- runs (parent)


@dataclass
class Run:
    seconds: float  # the call, timed in the child
    wall: float  # the whole child process: start-up, imports, listing, the call, checks
    peak_mb: float
    run_mb: float  # peak minus the resident set just before the call
    checks: dict[str, int]


@dataclass
class CaseResult:
    case: Case
    expected: Expected
    runs: dict[str, list[Run]] = field(default_factory=lambda: {m: [] for m in METHODS})

    def median(self, method: str, attribute: str = "seconds") -> float:
        return statistics.median(float(getattr(run, attribute)) for run in self.runs[method])

    def peak(self, method: str) -> Run:
        return max(self.runs[method], key=lambda run: run.peak_mb)

    def peak_text(self, method: str) -> str:
        """The largest peak (+ its growth during the call); the range if the runs differ."""
        top = self.peak(method)
        low = min(run.peak_mb for run in self.runs[method])
        shown = f"{low:.0f}-{top.peak_mb:.0f}" if top.peak_mb - low >= 5 else f"{top.peak_mb:.0f}"
        return f"{shown} (+{top.run_mb:.0f})"

    def ratios(
        self, method: str, attribute: str = "seconds", against: str = "baseline"
    ) -> list[float]:
        """``method`` / ``against`` run by run: the two ran in the same round."""
        return [
            float(getattr(ours, attribute)) / float(getattr(base, attribute))
            for ours, base in zip(self.runs[method], self.runs[against], strict=True)
        ]


def _child_env(folder: Path) -> dict[str, str]:
    """Bytecode caching on, as in a normal install (this sandbox sets
    PYTHONDONTWRITEBYTECODE and lexkit is an editable install); the .pyc files go under
    ``folder``, written by the warm-up, never into tools/ or the venv."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def run_child(method: str, case: Case, corpus: Path, work: Path) -> Run:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", method, case.kind,
               str(corpus / case.name), str(work)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env=_child_env(work)
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{method} on {case.name} failed:\n{done.stderr.strip()[-2000:]}")
    values = json.loads(done.stdout.strip().splitlines()[-1])
    seconds = values.pop("seconds_ns") / 1e9
    peak, before = values.pop("peak_kib"), values.pop("before_kib")
    return Run(seconds, wall, peak / 1024, (peak - before) / 1024, values)


def warm_up(corpus: Path, work: Path) -> None:
    """Every method once on a small folder: the children's .pyc files get written."""
    for kind in ("xlsx", "csv"):
        case = Case(f"warm-up-{kind}", kind, 1, SMALL_ROWS)
        (corpus / case.name).mkdir()
        rng = random.Random(SEED)
        rows = make_rows(SMALL_ROWS, rng, [_comment(rng)]).rows
        (write_xlsx if kind == "xlsx" else write_csv)(corpus / case.name / f"w.{kind}", rows)
        for method in METHODS:
            run_child(method, case, corpus, work)


def bench_case(case: Case, expected: Expected, runs: int, corpus: Path, work: Path) -> CaseResult:
    result = CaseResult(case, expected)
    for attempt in range(runs):
        order = METHODS if attempt % 2 == 0 else tuple(reversed(METHODS))
        for method in order:
            result.runs[method].append(run_child(method, case, corpus, work))
    return result


# ---------------------------------------------------------------- the report


def _s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.2f}"


def _ratio(ratios: list[float], bold: bool = True) -> str:
    star = "**" if bold else ""
    return f"{star}{statistics.median(ratios):.2f}x{star} ({min(ratios):.2f}-{max(ratios):.2f})"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def check(result: CaseResult) -> list[str]:
    """Every run against what the generator wrote: rows, comment characters, totals."""
    want = result.expected
    problems: list[str] = []
    if not (want.rejected and want.anonymous):  # the corpus must exercise both
        problems.append(f"corpus: {want.rejected} rows to reject, {want.anonymous} anonymous")
    for method in METHODS:
        for number, run in enumerate(result.runs[method], start=1):
            got, where = run.checks, f"{method} run {number}"
            if got["rows"] != want.rows:
                problems.append(f"{where}: {got['rows']:,} rows, not {want.rows:,}")
            if method != "ingest":
                if got["comment_chars"] != want.comment_chars:
                    problems.append(f"{where}: {got['comment_chars']:,} comment characters")
                continue
            wanted = {"files_read": want.files, "files_duplicate": 0, "unreadable": 0,
                      "accepted": want.accepted, "anonymous": want.anonymous,
                      "rejected": want.rejected, "duplicates": 0, "reconciles": 1,
                      "accepted_chars": want.accepted_chars,
                      "campaigns": CAMPAIGN_TEXTS}  # fmt: skip
            for name, value in wanted.items():
                if got[name] != value:
                    problems.append(f"{where}: {name} = {got[name]:,}, not {value:,}")
    return problems


def _commit() -> str:
    """The commit the code under test comes from, and whether tools/ differs from it."""
    root = BENCH.parent
    git = ["git", "-C", str(root)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=False).stdout.strip()  # fmt: skip
    if not head:
        return "commit unknown"
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "tools"], capture_output=True,
                           text=True, check=False).stdout.strip()  # fmt: skip
    return f"commit {head}" + (", tools/ modified" if dirty else "")


def _times_table(results: list[CaseResult], attribute: str, bold: bool) -> list[str]:
    """Seconds of the four methods, then the ratios of (b) and (c) to (a) and to (p), and
    (p) / (a) for scale."""
    star = "**" if bold else ""
    pairs = [(m, b) for b in BASELINES for m in ("read", "ingest")]
    lines = [
        "| case | (a) calamine | (p) pandas | (b) read_file | (c) ingest | "
        + " | ".join(
            f"{star}{'(b)' if m == 'read' else '(c)'} / {BASELINES[b]}{star}" for m, b in pairs
        )
        + " | (p) / (a) |",
        "|---|" + "---:|" * (4 + len(pairs) + 1),
    ]
    for r in results:
        lines.append(
            f"| {r.case.label} | "
            + " | ".join(_s(r.median(m, attribute)) for m in METHODS)
            + " | "
            + " | ".join(_ratio(r.ratios(m, attribute, b), bold) for m, b in pairs)
            + f" | {_ratio(r.ratios('pandas', attribute), False)} |"
        )
    return lines


def report(results: list[CaseResult], elapsed: float, runs: int, big_runs: int) -> str:
    import lexkit

    by_case = {r.case.name: r for r in results}
    out = [
        "# lexkit intake benchmark: latest figures",
        "",
        f"Written by `bench/bench_intake.py` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; lexkit {lexkit.__version__} "
        f"({_commit()}), "
        f"python-calamine {version('python-calamine')}, pandas {version('pandas')}, openpyxl "
        f"{version('openpyxl')} (corpus only), Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}. Bench run took {elapsed:.0f} s.",
        "",
        f"Each figure is the median of {runs} runs ({big_runs} for the 100,000-row files), "
        "each run a fresh child process; the four methods alternate their order run by run. "
        "A ratio is the median of the run-by-run ratios to (a) or (p) (min-max). Peak = the "
        "largest VmHWM among the runs (the range if the runs differ by 5 MB or more), + its "
        "growth during the call.",
        "",
        "## Corpus",
        "",
        f"Seeded ({SEED}). Columns {', '.join(HEADER)}; comments 200-600 characters of "
        f"Romanian-like text; {ANONYMOUS_SHARE:.0%} of rows have no organisation (ingest accepts "
        f"them as anonymous), {EMPTY_SHARE:.1%} have an organisation but no comment (ingest "
        f"rejects them), {CAMPAIGN_SHARE:.0%} repeat one of {CAMPAIGN_TEXTS} campaign texts. "
        "XLSX written by openpyxl in write-only mode (inline strings); CSV in UTF-8.",
        "",
        "| case | files | rows | on disk | comment characters |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        e = r.expected
        out.append(
            f"| {r.case.label} | {e.files:,} | {e.rows:,} | {e.bytes_on_disk / MB:.1f} MB "
            f"| {e.comment_chars:,} |"
        )
    out += [
        "",
        "## In-process: the call alone, timed inside the child",
        "",
        "(a) raw python-calamine `CalamineWorkbook.from_path(p).get_sheet_by_index(0)"
        ".to_python()` per file (CSV: stdlib `csv.reader`); (p) issue 11's baseline, "
        "`pandas.read_excel(p, engine='calamine', sheet_name=None, header=None)` per file (CSV: "
        "`pandas.read_csv(p, header=None, dtype=str, keep_default_na=False)`); (b) "
        "`lexkit.io.spreadsheets.read_file` per file; (c) `ingest([folder], "
        "Register(tmp/'r.sqlite'), Provisions({}, {}))` into a fresh register. Seconds, median.",
        "",
        *_times_table(results, "seconds", bold=True),
        "",
        "Peak MB of each method (VmHWM of its child):",
        "",
        "| case | (a) calamine | (p) pandas | (b) read_file | (c) ingest |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        out.append(f"| {r.case.label} | " + " | ".join(r.peak_text(m) for m in METHODS) + " |")
    out += [
        "",
        "## Whole process: the child from start to exit",
        "",
        "Interpreter start-up, imports (with cached bytecode), listing the files, the call, "
        "and the checks after it (for (c), one query of the register). Seconds, median.",
        "",
        *_times_table(results, "wall", bold=False),
    ]
    out += [
        "",
        "Per row (in-process median / rows): "
        + "; ".join(
            f"{r.case.label}: "
            + ", ".join(f"{m} {r.median(m) / r.expected.rows * 1e6:.1f} us" for m in METHODS)
            for r in results
        )
        + ".",
        "",
        "## Targets (shared/reference/perf-baselines.md, Intake; issue 11)",
        "",
        "The absolute targets are read on the in-process time (the call alone) and on the "
        "whole child process; a ratio target on the run-by-run ratio in the same reading "
        '(issue 11: "measured in the same run").',
        "",
        "| target | in-process | whole process |",
        "|---|---|---|",
    ]
    for target in TARGETS:
        if target.case not in by_case:
            continue
        r = by_case[target.case]
        cells = []
        for attribute in ("seconds", "wall"):
            parts = []
            ok = True
            if target.seconds is not None:
                value = r.median(target.method, attribute)
                ok &= value < target.seconds
                parts.append(f"{value:.2f} s")
            if target.ratio is not None:
                value = statistics.median(r.ratios(target.method, attribute, target.against))
                ok &= value <= target.ratio
                parts.append(f"{value:.2f}x")
            if target.peak_mb is not None:
                value = r.peak(target.method).peak_mb
                ok &= value < target.peak_mb
                parts.append(f"{value:.0f} MB")
            cells.append(f"{', '.join(parts)}: **{_verdict(ok)}**")
        source = " [issue 11]" if target.source == "issue 11" else ""
        out.append(f"| {target.text()}{source} | {cells[0]} | {cells[1]} |")
    out += ["", "## Checks", ""]
    for r in results:
        problems = check(r)
        ingest = r.runs["ingest"][0].checks
        out.append(
            f"- {r.case.label}: every run found {r.expected.rows:,} rows and "
            f"{r.expected.comment_chars:,} comment characters; ingest: "
            f"{ingest['accepted']:,} accepted ({ingest['anonymous']:,} anonymous) + "
            f"{ingest['rejected']:,} rejected + "
            f"{ingest['duplicates']} duplicates, {ingest['campaigns']} campaigns, register "
            f"{ingest['register_bytes'] / MB:.1f} MB: "
            + ("all as generated." if not problems else "**MISMATCH**: " + "; ".join(problems))
        )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- entry point


def profile(case: Case, method: str, top: int) -> None:
    with tempfile.TemporaryDirectory(prefix="lexkit-bench-intake-") as temporary:
        root = Path(temporary)
        make_corpus(root / "corpus", [case])
        values = profiled(prepare(method, case.kind, root / "corpus" / case.name, root), top)
        print(f"{method} on {case.label}: {values['seconds_ns'] / 1e9:.2f} s under cProfile")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", nargs="+", choices=list(BY_NAME), default=list(BY_NAME))
    parser.add_argument("--runs", type=int, default=3, help="runs per case (default 3)")
    parser.add_argument("--big-runs", type=int, default=2,
                        help="runs for the 100,000-row cases (default 2)")  # fmt: skip
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the report goes")
    parser.add_argument("--profile", choices=list(BY_NAME), metavar="CASE",
                        help="print a cProfile of one run of CASE, then stop")  # fmt: skip
    parser.add_argument("--method", choices=METHODS, default="ingest",
                        help="with --profile: which method (default ingest)")  # fmt: skip
    parser.add_argument("--child", nargs=4, metavar=("METHOD", "KIND", "FOLDER", "WORK"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args(argv)
    if args.child:
        method, kind, folder, work = args.child
        child(method, kind, Path(folder), Path(work))
        return 0
    if args.profile:
        profile(BY_NAME[args.profile], args.method, 30)
        return 0

    started = time.perf_counter()
    cases = [BY_NAME[name] for name in args.cases]
    results: list[CaseResult] = []
    with tempfile.TemporaryDirectory(prefix="lexkit-bench-intake-") as temporary:
        root = Path(temporary)
        corpus = root / "corpus"
        print("generating the corpus ...", file=sys.stderr, flush=True)
        expected = make_corpus(corpus, cases)
        too_big = [p for p in corpus.rglob("*") if p.is_file() and p.stat().st_size > MAX_BYTES]
        if too_big:  # lexkit refuses these by design; the corpus must stay within its limit
            raise SystemExit(f"corpus files over {MAX_BYTES // MB} MB: {too_big}")
        print(f"corpus ready ({time.perf_counter() - started:.0f} s); warm-up ...",
              file=sys.stderr, flush=True)  # fmt: skip
        warm_up(corpus, root)
        for case in cases:
            runs = args.big_runs if case.big else args.runs
            print(f"{case.label}: {runs} runs of {', '.join(METHODS)} ...", file=sys.stderr,
                  flush=True)  # fmt: skip
            results.append(bench_case(case, expected[case.name], runs, corpus, root))
    text = report(results, time.perf_counter() - started, args.runs, args.big_runs)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
