"""Benchmark: the comparative table against writing the same table without comparing.

Run with ``make bench`` (``.venv/bin/python bench/bench_comparative.py``). For N = 500 and
2,000 amended articles it makes a seeded wording in force (N articles of two alineate)
and an amending law with one operation per article (a substitution in alineat (2), a
replacement of alineat (1) every fifth article, a new alineat every tenth). Then,
alternately:

* lexkit: the operations checked against the wording in force, applied to it, compared
  word by word and written as the comparative table (``comparative_document`` and
  ``write_docx``, what ``lexkit build`` runs for a ``comparative-table``);
* the baseline: the same rows, their texts already known, written as a plain two-column
  table by the same writer (no lookup, no consolidation, no comparison).

The ratio is lexkit/baseline, pair by pair (medians); the cost per row from 500 to 2,000
rows shows whether the table stays linear.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from lexkit.dossier.comparative_table import ActWording, comparative_document
from lexkit.engine.amendments import Operation, Target
from lexkit.engine.dialect import parse_document
from lexkit.engine.model import DocType, Document, Meta, Source, Table, TableCell, Text
from lexkit.engine.numbering import number_document
from lexkit.engine.writers.docx.reference import load_reference
from lexkit.engine.writers.docx.writer import write_docx
from lexkit.errors import Problems

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "angajatorul",
    "salariatul",
    "contractul",
    "funcția",
    "copiii",
    "certificatul",
    "instanța",
    "datele",
]


def _sentence(rng: random.Random, words: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def _act(n: int, rng: random.Random) -> Document:
    lines = ["---", "title: Codul demo", "type: law", "lang: ro", "---", ""]
    for number in range(1, n + 1):
        lines += [f"### Articolul {number}. Titlul {number}", ""]
        lines += [f"(1) {_sentence(rng)}", "", f"(2) salariatul {_sentence(rng)}", ""]
    problems = Problems()
    document = parse_document("\n".join(lines), "in-force/demo.md", problems=problems)
    number_document(document, problems)
    return document


def _operations(n: int, rng: random.Random) -> list[Operation]:
    source = Source("law.md", 1)
    operations = []
    for number in range(1, n + 1):
        article = str(number)
        operations.append(
            Operation("substitute", Target(article, "2"), "demo", source, "salariatul", "angajatul")
        )
        if number % 5 == 0:
            new = parse_document(
                f"---\ntitle: x\ntype: law\nlang: ro\n---\n\n> (1) {_sentence(rng)}\n",
                "law.md",
            ).children[0]
            operations.append(
                Operation(
                    "replace",
                    Target(article, "1"),
                    "demo",
                    source,
                    blocks=new.children,  # type: ignore[attr-defined]
                )
            )
    return operations


def _baseline_document(rows: list[list[TableCell]]) -> Document:
    meta = Meta("Tabel", DocType.REPORT, "ro")
    header = [TableCell([Text("Textul în vigoare")]), TableCell([Text("Textul propus")])]
    return Document(meta, [Table(Source("x", 1), header, rows)], [], "x")


def run(n: int, repeats: int) -> tuple[float, float]:
    rng = random.Random(n)
    act = _act(n, rng)
    operations = _operations(n, rng)
    law = Document(Meta("demo", DocType.LAW, "ro"), [], [], "law.md")
    reference = load_reference(ROOT / "templates" / "reference.docx")
    wording = {"demo": ActWording("Codul demo", act, "in-force/demo.md")}
    table = comparative_document(law, operations, wording, "ro", Source("x", 1))
    rows = [
        [TableCell([Text("".join(getattr(n, "text", "") for n in c.content))]) for c in row]
        for row in table.children[1].rows  # type: ignore[attr-defined]
    ]
    ours, floor = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        document = comparative_document(law, operations, wording, "ro", Source("x", 1))
        write_docx(document, reference)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        write_docx(_baseline_document(rows), reference)
        floor.append(time.perf_counter() - start)
    ratios = [a / b for a, b in zip(ours, floor, strict=True)]
    return statistics.median(ours), statistics.median(ratios)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("| amended articles | rows | comparative table | ratio to plain table | per row |")
    print("|---:|---:|---:|---:|---:|")
    per_row = {}
    for n in (500, 2000):
        seconds, ratio = run(n, repeats)
        rows = n + n // 5
        per_row[n] = seconds / rows
        cost = f"{per_row[n] * 1e6:.0f} µs"
        print(f"| {n:,} | {rows:,} | {seconds * 1000:.0f} ms | {ratio:.1f}x | {cost} |")
    print(f"\ncost per row, 2,000 against 500 articles: {per_row[2000] / per_row[500]:.2f}x")


if __name__ == "__main__":
    main()
