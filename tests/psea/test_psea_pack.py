"""The PSEA officer's pack (drafts/psea-moldova) built end to end and read back.

The dossier and the shared templates are copied once for the module; the copy's training
exports, headcount and risk register are replaced by the test's own (an I-Learn-like XLSX
and an HR CSV with Romanian headers and day-first dates; six risks). Both editions are
built once, both languages. Every figure the documents show is computed here again, from
the test's own register, by the rules of the brief (not by lexkit.psea), and compared with
what Word shows: tables, headings, the heat map and the training chart.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from lexkit.build import build_dossier, check_dossier
from lexkit.errors import Problem
from lexkit.language import Lang
from lexkit.project import BuildSettings
from lexkit.psea.charts import heat_map_png, training_chart_png
from psea_helpers import PNG, Block, ReadDocx, read_csv, read_yaml

REPO = Path(__file__).resolve().parents[2]
NAME = "psea-moldova"
LANGS: tuple[Lang, ...] = ("en", "ro")
DOCUMENTS = (
    "work-plan", "risk-assessment", "training-update", "partner-assessments", "referral-pathway",
)  # fmt: skip
REPORT_DATE = date(2026, 11, 30)  # the copied dossier's; the register is made around it
WINDOW_DAYS = 90
XLSX_NAME = "I-Learn completions test export 2026-11-30.xlsx"
CSV_NAME = "HR face-to-face attendance test.csv"
XLSX_FIRST_ROW = 5  # two title rows and a blank one above the header (row 4)

# ---------------------------------------------------------------- the test's register


@dataclass(frozen=True)
class Completion:
    """A row of the test's exports: who (id, name, the category meant and as exported),
    which course (``kind``: full, micro or None for a title no course knows), when."""

    person: str
    name: str
    category: str
    label: str
    kind: str | None
    title: str
    completed: date
    organisation: str
    file: str  # "xlsx" or "csv"


def _c(
    person: str, name: str, category: str, label: str, kind: str | None, title: str,
    completed: date, org: str = "IOM Moldova", file: str = "xlsx",
) -> Completion:  # fmt: skip
    return Completion(person, name, category, label, kind, title, completed, org, file)


D = date
FULL_EN, MICRO_EN = "IOM PSEA Mandatory Training", "IOM PSEA Micro-Modules"
FACE = "Instruire PSEA față în față"
BUILDER = "Exemplu Construct SRL (example)"
S, N, C = "staff", "non-staff", "contractor"
REGISTER: list[Completion] = [
    # staff: valid full and micro
    _c("EX-T01", "Aurelia Probescu", S, "Staff Member (Fixed-term)", "full", FULL_EN,
       D(2025, 3, 10)),
    _c("EX-T01", "Aurelia Probescu", S, "Staff Member (Fixed-term)", "micro", MICRO_EN,
       D(2026, 5, 4)),
    # staff: both valid, both due (one person due)
    _c("EX-T02", "Bogdan Verificescu", S, "Staff", "full", "PSEA webinar", D(2024, 1, 15)),
    _c("EX-T02", "Bogdan Verificescu", S, "Staff", "micro", MICRO_EN, D(2025, 12, 20)),
    # staff: both expired (one person overdue)
    _c("EX-T03", "Cezar Testeanu", S, "Staff", "full", FULL_EN, D(2023, 6, 1)),
    _c("EX-T03", "Cezar Testeanu", S, "Staff", "micro", MICRO_EN, D(2025, 10, 1)),
    # staff: an old full training renewed
    _c("EX-T04", "Dana Mostrescu", S, "Fixed-term", "full", FULL_EN, D(2021, 5, 5)),
    _c("EX-T04", "Dana Mostrescu", S, "Fixed-term", "full", FULL_EN, D(2024, 9, 9)),
    # staff: full due, micro overdue (due and overdue)
    _c("EX-T11", "Kira Plasmidescu", S, "Short-term staff", "full", FULL_EN, D(2024, 2, 10)),
    _c("EX-T11", "Kira Plasmidescu", S, "Short-term staff", "micro", MICRO_EN, D(2025, 6, 1)),
    # staff: exactly 36 months before the report date: no longer valid on it
    _c("EX-T12", "Lucian Marginescu", S, "Staff", "full", FULL_EN, D(2023, 11, 30)),
    # non-staff: micro-modules only
    _c("EX-T05", "Elena Exemplarova", N, "Consultant", "micro", MICRO_EN, D(2026, 9, 1)),
    # non-staff: full, due on the last day of the year
    _c("EX-T06", "Florin Cazuistic", N, "Intern", "full", "IOM PSEA Webinar", D(2023, 12, 31)),
    # non-staff: a course no row of courses.yaml names (flagged H008; still a record)
    _c("EX-T07", "Gina Ipotetica", N, "UNV", None, "PSEA refresher (pilot)", D(2026, 3, 3)),
    # contractor: full valid; micro expiring on the window's last day (due)
    _c("EX-T10", "Jan Modelov", C, "Contractor", "full", FULL_EN, D(2026, 2, 14), BUILDER),
    _c("EX-T10", "Jan Modelov", C, "Contractor", "micro", MICRO_EN, D(2026, 2, 28), BUILDER),
    # the HR CSV (Romanian headers, day-first dates)
    # 01/12/2023 is 1 December 2023 (due tomorrow); read month first it would be overdue
    _c("EX-T08", "Horia Simulescu", C, "Contractant", "full", FACE, D(2023, 12, 1), BUILDER,
       "csv"),
    _c("EX-T09", "Ilinca Fictivova", C, "Furnizor", "full", FACE, D(2022, 10, 20), BUILDER,
       "csv"),
    _c("EX-T13", "Mihai Ipotescu", N, "Stagiar", "full", FACE, D(2025, 3, 15), "OIM Moldova",
       "csv"),
    # a completion the XLSX has too: counted once. Exports overlap, so a completion found
    # again in another file is no flag: the update says how many there were.
    _c("EX-T04", "Dana Mostrescu", S, "Angajat", "full", FACE, D(2024, 9, 9), "OIM Moldova",
       "csv"),
]  # fmt: skip
HEADCOUNT = {"staff": 7, "non-staff": 6, "contractor": 5, "implementing-partner": 3}
# service-provider: no headcount row (its headcount, coverage and "never" print "—")


def write_register(folder: Path) -> None:
    """The test's exports: an I-Learn-like workbook (title rows above the header, date
    cells) and HR's CSV (semicolons, Romanian headers, dd/mm/yyyy), UTF-8 with BOM."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Completions"
    sheet.append(["I-Learn: completions report (test)"])
    sheet.append(["Generated on 30 November 2026"])
    sheet.append([])
    sheet.append(["Learner ID", "Full name", "Contract type", "Organization", "Item title",
                  "Completion date", "Completion Status"])  # fmt: skip
    for c in REGISTER:
        if c.file == "xlsx":
            when = datetime(c.completed.year, c.completed.month, c.completed.day)
            sheet.append([c.person, c.name, c.label, c.organisation, c.title, when, "Completed"])
    book.save(folder / XLSX_NAME)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nr. personal", "Nume și prenume", "Organizația", "Categoria",
                     "Denumirea cursului", "Data absolvirii"])  # fmt: skip
    for c in REGISTER:
        if c.file == "csv":
            day = c.completed.strftime("%d/%m/%Y")
            writer.writerow([c.person, c.name, c.organisation, c.label, c.title, day])
    (folder / CSV_NAME).write_text("\ufeff" + text.getvalue(), encoding="utf-8", newline="")


# ---------------------------------------------------------------- the expected figures


def add_months(day: date, months: int) -> date:
    """Calendar months later, the day clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


VALIDITY = {"full": 36, "micro": 12}


def valid(completed: date, kind: str, at: date) -> bool:
    return completed <= at < add_months(completed, VALIDITY[kind])


def last_expiry(rows: list[Completion], at: date) -> dict[tuple[str, str], date]:
    """(person, kind) -> the latest day a completion up to ``at`` stops being valid."""
    out: dict[tuple[str, str], date] = {}
    for c in rows:
        if c.kind in VALIDITY and c.completed <= at:
            ends = add_months(c.completed, VALIDITY[c.kind])
            out[(c.person, c.kind)] = max(ends, out.get((c.person, c.kind), ends))
    return out


@dataclass(frozen=True)
class Figures:
    headcount: int | None
    trained: int
    coverage: float | None
    micro: int
    due: int
    overdue: int
    never: int | None


def expected_figures(category: str, at: date = REPORT_DATE) -> Figures:
    mine = [c for c in REGISTER if c.category == category]
    people = {c.person for c in mine}
    trained = {c.person for c in mine if c.kind == "full" and valid(c.completed, "full", at)}
    micro = {c.person for c in mine if c.kind == "micro" and valid(c.completed, "micro", at)}
    horizon = at + timedelta(days=WINDOW_DAYS)
    ends = last_expiry(mine, at)
    due = {person for (person, _), day in ends.items() if at < day <= horizon}
    overdue = {person for (person, _), day in ends.items() if day <= at}
    count = HEADCOUNT.get(category)
    return Figures(
        count,
        len(trained),
        None if not count else 100 * len(trained) / count,
        len(micro),
        len(due),
        len(overdue),
        None if count is None else max(count - len(people), 0),
    )


def expected_totals(rows: list[Figures]) -> Figures:
    counted = [f for f in rows if f.headcount is not None]
    headcount = sum(f.headcount or 0 for f in counted)
    return Figures(
        headcount,
        sum(f.trained for f in rows),
        100 * sum(f.trained for f in counted) / headcount,
        sum(f.micro for f in rows),
        sum(f.due for f in rows),
        sum(f.overdue for f in rows),
        sum(f.never or 0 for f in counted),
    )


def percent(value: float | None, lang: Lang) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}"
    return text.replace(".", ",") + "\u00a0%" if lang == "ro" else text + "%"


def count(value: int | None) -> str:
    return "—" if value is None else str(value)


def figure_cells(f: Figures, lang: Lang) -> list[str]:
    return [count(f.headcount), str(f.trained), percent(f.coverage, lang), str(f.micro),
            str(f.due), str(f.overdue), count(f.never)]  # fmt: skip


# ---------------------------------------------------------------- the test's risks


@dataclass(frozen=True)
class Risk:
    key: str
    location: str
    programme: str
    likelihood: int
    impact: int
    action: str
    owner: str
    mitigation: bool

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    def row(self) -> dict[str, object]:
        words = {"en": f"Test risk {self.key}: aid traded for favours at a test site",
                 "ro": f"Risc de test {self.key}: ajutor oferit contra favoruri"}  # fmt: skip
        measures = {"en": f"Two people on every visit (test {self.key})",
                    "ro": f"Două persoane la fiecare vizită (test {self.key})"}  # fmt: skip
        return {
            "key": self.key,
            "location": self.location,
            "programme": self.programme,
            "factor_en": words["en"],
            "factor_ro": words["ro"],
            "likelihood": self.likelihood,
            "impact": self.impact,
            "controls_en": f"Code of conduct signed (test {self.key})",
            "controls_ro": f"Cod de conduită semnat (test {self.key})",
            "mitigation_en": measures["en"] if self.mitigation else "",
            "mitigation_ro": measures["ro"] if self.mitigation else "",
            "action": self.action,
            "owner": self.owner,
        }


def make_risks(data: Path) -> list[Risk]:
    """Six risks on keys the copied tables hold, in an order unlike their ranking:
    h1/h2 score 10 alike (impact decides), m1/m2 are 3 x 3 (the location decides), l1/l2
    score 4 (impact decides)."""
    locations = [row["key"] for row in read_yaml(data / "locations.yaml")]
    programmes = [row["key"] for row in read_yaml(data / "programmes.yaml")]
    units = [row["key"] for row in read_yaml(data / "units.yaml")]
    live = [row["key"] for row in read_csv(data / "actions.csv") if row["status"] != "cancelled"]
    first, last = sorted(locations[:2])
    return [
        Risk("l1", locations[2], programmes[0], 4, 1, "", units[0], False),
        Risk("m1", last, programmes[1], 3, 3, live[1], units[1], True),
        Risk("h1", locations[3], programmes[2], 5, 2, live[2], units[2], True),
        Risk("l2", locations[4], programmes[3], 1, 4, "", units[3], False),
        Risk("h2", locations[5], programmes[4], 2, 5, live[3], units[4], True),
        Risk("m2", first, programmes[1], 3, 3, "", units[1], True),
    ]


def band_of(score: int, bands: list[dict[str, Any]]) -> dict[str, Any]:
    found = [b for b in bands if b["min"] <= score <= b["max"]]
    assert len(found) == 1
    return found[0]


def ranking(risks: list[Risk]) -> list[Risk]:
    return sorted(
        risks,
        key=lambda r: (-r.score, -r.impact, -r.likelihood, r.location, r.programme, r.key),
    )


def heat(risks: list[Risk]) -> list[list[int]]:
    counts = [[0] * 5 for _ in range(5)]
    for r in risks:
        counts[r.impact - 1][r.likelihood - 1] += 1
    return counts


# ---------------------------------------------------------------- the pack, built once


@dataclass
class Pack:
    root: Path
    dossier: Path
    settings: BuildSettings
    risks: list[Risk]
    working_warnings: list[Problem]
    official_warnings: list[Problem]

    @property
    def data(self) -> Path:
        return self.dossier / "data"

    @property
    def output(self) -> Path:
        return self.settings.output / NAME

    def doc(self, lang: Lang, name: str, edition: str = "working") -> ReadDocx:
        folder = self.output / lang if edition == "working" else self.output / "official" / lang
        return ReadDocx(folder / f"{name}.docx")

    def table(self, name: str) -> Any:
        path = self.data / f"{name}.yaml"
        return read_yaml(path) if path.is_file() else read_csv(self.data / f"{name}.csv")

    @property
    def bands(self) -> list[dict[str, Any]]:
        return sorted(self.table("risk_bands"), key=lambda b: b["min"])


def copy_project(target: Path) -> Path:
    """drafts/psea-moldova and templates/ copied under ``target``; returns the dossier."""
    shutil.copytree(REPO / "drafts" / NAME, target / "drafts" / NAME)
    shutil.copytree(REPO / "templates", target / "templates")
    return target / "drafts" / NAME


def replace_inputs(dossier: Path) -> list[Risk]:
    """The copy's training folder, headcount and risks replaced by the test's own."""
    data = dossier / "data"
    shutil.rmtree(data / "training")
    (data / "training").mkdir()
    write_register(data / "training")
    lines = ["category,count,as_of,source"]
    lines += [f"{key},{n},2026-11-30,test headcount" for key, n in HEADCOUNT.items()]
    (data / "headcount.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    risks = make_risks(data)
    with (data / "risks.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(risks[0].row()))
        writer.writeheader()
        writer.writerows(r.row() for r in risks)
    return risks


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    root = tmp_path_factory.mktemp("psea-pack")
    dossier = copy_project(root)
    settings_yaml = read_yaml(dossier / "dossier.yaml")["settings"]
    assert settings_yaml["report_date"] == REPORT_DATE  # the register is made around it
    assert settings_yaml["refresher_window_days"] == WINDOW_DAYS
    risks = replace_inputs(dossier)
    settings = BuildSettings(root)
    working = build_dossier(dossier, settings)
    official = build_dossier(dossier, settings, edition="official")
    return Pack(root, dossier, settings, risks, working.warnings, official.warnings)


def cells(blocks: list[Block]) -> list[str]:
    return [cell for b in blocks if b.is_table for row in b.rows for cell in row]


def subsections(blocks: list[Block], level: int) -> Iterator[tuple[str, list[Block]]]:
    """(heading text, the blocks under it) for each heading of ``level`` in ``blocks``."""
    style = f"Heading {level}"
    starts = [i for i, b in enumerate(blocks) if b.style == style]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        yield blocks[start].text, blocks[start + 1 : end]


# ---------------------------------------------------------------- the test's own arithmetic


def test_the_register_covers_every_case_the_figures_distinguish():
    """The test's calculator on its own register, against figures worked out by hand: a
    guard that the cases (valid, due, overdue, both, boundary days, never) are there."""
    by_hand = {
        "staff": Figures(7, 4, 400 / 7, 2, 2, 3, 1),
        "non-staff": Figures(6, 2, 200 / 6, 1, 1, 0, 2),
        "contractor": Figures(5, 2, 40.0, 1, 2, 1, 2),
        "implementing-partner": Figures(3, 0, 0.0, 0, 0, 0, 3),
        "service-provider": Figures(None, 0, None, 0, 0, 0, None),
    }
    computed = {key: expected_figures(key) for key in by_hand}
    assert computed == by_hand
    assert expected_totals(list(computed.values())) == Figures(21, 8, 800 / 21, 4, 5, 4, 8)


# ---------------------------------------------------------------- training update


@pytest.mark.parametrize("lang", LANGS)
def test_the_coverage_table_shows_the_figures_of_the_register(pack: Pack, lang: Lang):
    categories = pack.table("categories")
    rows = [expected_figures(c["key"]) for c in categories]
    expected = [
        [c[f"name_{lang}"], *figure_cells(f, lang)] for c, f in zip(categories, rows, strict=True)
    ]
    expected.append(["Total", *figure_cells(expected_totals(rows), lang)])
    table = pack.doc(lang, "training-update").table_with_header(
        "Category" if lang == "en" else "Categorie"
    )
    assert [list(row) for row in table[1:]] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_training_chart_is_drawn_from_the_same_figures(pack: Pack, lang: Lang):
    doc = pack.doc(lang, "training-update")
    pictures = doc.inline_pictures()
    assert len(pictures) == 1
    assert pictures[0].startswith(PNG)
    assert [name for name in doc.media() if name.endswith(".png")] == doc.media()
    assert len(doc.media()) == 1
    rows = []
    for category in pack.table("categories"):
        f = expected_figures(category["key"])
        rows.append((category[f"name_{lang}"], f.headcount, f.trained, f.due))
    assert pictures[0] == training_chart_png(rows, lang)


def test_the_update_says_what_was_read(pack: Pack):
    text = pack.doc("en", "training-update").text
    # the completion repeated in the other export (same person, course, date under two
    # titles) is read once, and said, not flagged: exports overlap
    records = len(REGISTER) - 1
    assert (
        f"What was read: 2 files of the training folder, {len(REGISTER)} rows, "
        f"{records} completions (1 more found again in another export, counted once); "
        "1 value was flagged"
    ) in text


# ---------------------------------------------------------------- personal data


def person_strings() -> set[str]:
    """Every full name, surname and identifier of the register."""
    out = set()
    for c in REGISTER:
        out |= {c.name, c.name.split()[-1], c.person}
    return out


def every_docx(pack: Pack) -> list[Path]:
    found = sorted(pack.output.rglob("*.docx"))
    assert len(found) == 2 * 2 * len(DOCUMENTS)  # two editions, two languages
    return found


def test_no_person_of_the_register_is_named_in_any_document(pack: Pack):
    leaks = []
    for path in every_docx(pack):
        for part, text in ReadDocx(path).part_texts():
            leaks += [f"{path.relative_to(pack.output)} {part}: {s}" for s in person_strings()
                      if s.casefold() in text.casefold()]  # fmt: skip
    assert leaks == []


def expected_refreshers() -> set[tuple[str, str, date, bool]]:
    """(name, course kind, the day it stops being valid, overdue) of each refresher due
    within the window or overdue."""
    horizon = REPORT_DATE + timedelta(days=WINDOW_DAYS)
    names = {c.person: c.name for c in REGISTER}
    return {
        (names[person], kind, day, day <= REPORT_DATE)
        for (person, kind), day in last_expiry(REGISTER, REPORT_DATE).items()
        if day <= horizon
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_people_due_are_named_in_the_internal_refreshers_list(pack: Pack, lang: Lang):
    book = openpyxl.load_workbook(pack.output / lang / "refreshers-due.xlsx")
    sheet = book.worksheets[0]
    courses = {row[f"name_{lang}"]: row["kind"] for row in pack.table("courses")}
    kinds = {"full": "full", "micro-modules": "micro"}
    overdue_word = {"en": "overdue", "ro": "expirat"}[lang]
    listed = {
        (row[0], kinds[courses[row[4]]], row[6].date(), row[8] == overdue_word)
        for row in sheet.iter_rows(min_row=3, values_only=True)
    }
    assert listed == expected_refreshers()
    assert {name for name, *_ in listed} == {
        "Bogdan Verificescu", "Cezar Testeanu", "Kira Plasmidescu", "Lucian Marginescu",
        "Florin Cazuistic", "Jan Modelov", "Horia Simulescu", "Ilinca Fictivova",
    }  # fmt: skip


# ---------------------------------------------------------------- the official edition


def test_the_official_edition_leaves_out_the_internal_lists_and_the_aids(pack: Pack):
    for lang in LANGS:
        made = {p.name for p in (pack.output / "official" / lang).iterdir()}
        assert made == {f"{d}.docx" for d in DOCUMENTS} | {"manifest.json"}
        working = {p.name for p in (pack.output / lang).iterdir()}
        assert {"refreshers-due.xlsx", "to-verify.xlsx", "work-plan-tracker.xlsx"} <= working
    # the working edition has the aids the official one must not
    assert "Note for the author" in pack.doc("en", "training-update").text
    assert "Notă pentru autor" in pack.doc("ro", "training-update").text
    assert "lexkit" in pack.doc("en", "training-update").text
    found = []
    for lang in LANGS:
        for name in DOCUMENTS:
            for part, text in pack.doc(lang, name, "official").part_texts():
                folded = text.casefold()
                found += [f"{lang}/{name} {part}: {word}"
                          for word in ("note for the author", "notă pentru autor", "lexkit")
                          if word in folded]  # fmt: skip
    assert found == []


# ---------------------------------------------------------------- risk assessment


@pytest.mark.parametrize("lang", LANGS)
def test_the_risks_are_ranked_scored_and_banded(pack: Pack, lang: Lang):
    locations = {row["key"]: row for row in pack.table("locations")}
    programmes = {row["key"]: row for row in pack.table("programmes")}
    expected = []
    for r in ranking(pack.risks):
        band = band_of(r.score, pack.bands)
        expected.append(
            [r.key, locations[r.location][f"name_{lang}"], programmes[r.programme][f"name_{lang}"],
             r.row()[f"factor_{lang}"], str(r.likelihood), str(r.impact), str(r.score),
             band[f"name_{lang}"]]
        )  # fmt: skip
    assert [row[0] for row in expected] == ["h2", "h1", "m2", "m1", "l2", "l1"]
    doc = pack.doc(lang, "risk-assessment")
    (table,) = doc.tables(doc.section("4."))
    assert [list(row) for row in table[1:]] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_counts_the_risks_of_each_band(pack: Pack, lang: Lang):
    bands = pack.bands
    counts = Counter(band_of(r.score, bands)["key"] for r in pack.risks)
    assert counts == {"high": 2, "medium": 2, "low": 2}  # under the dossier's bands
    expected = [[b[f"name_{lang}"], f"{b['min']}–{b['max']}", str(counts[b["key"]])]
                for b in reversed(bands)]  # fmt: skip
    expected.append(["Total", "", str(len(pack.risks))])
    doc = pack.doc(lang, "risk-assessment")
    table = doc.tables(doc.section("1."))[0]
    assert [list(row) for row in table[1:]] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_heat_map_counts_the_risks_of_each_cell(pack: Pack, lang: Lang):
    counts = heat(pack.risks)
    assert counts[2][2] == 2  # two risks in one cell
    assert sum(map(sum, counts)) == len(pack.risks)
    doc = pack.doc(lang, "risk-assessment")
    pictures = doc.inline_pictures()
    assert len(pictures) == 1
    assert doc.media() == ["word/media/image1.png"]
    levels = pack.table("risk_levels")
    assert pictures[0] == heat_map_png(counts, pack.bands, levels, lang)
    assert pictures[0] != heat_map_png(heat(pack.risks[:-1]), pack.bands, levels, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_high_risk_names_its_mitigation_and_its_action(pack: Pack, lang: Lang):
    words = {"en": ("Mitigation: ", "Work-plan action: "),
             "ro": ("Atenuare: ", "Acțiunea din planul de lucru: ")}[lang]  # fmt: skip
    actions = {row["key"]: row for row in read_csv(pack.data / "actions.csv")}
    high = [r for r in ranking(pack.risks) if band_of(r.score, pack.bands)["key"] == "high"]
    doc = pack.doc(lang, "risk-assessment")
    found = list(subsections(doc.section("5."), 2))
    assert [heading for heading, _ in found] == [
        f"{r.key}. {r.row()[f'factor_{lang}']}" for r in high
    ]
    for risk, (_, blocks) in zip(high, found, strict=True):
        text = "\n".join(b.text for b in blocks)
        assert f"{words[0]}{risk.row()[f'mitigation_{lang}']}." in text
        action = actions[risk.action]
        assert f"{words[1]}{risk.action}: {action[f'action_{lang}']} (" in text


# ---------------------------------------------------------------- work plan


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_lists_every_standard_and_every_action_once_under_it(pack: Pack, lang: Lang):
    standards = {row["key"]: row for row in pack.table("mos_standards")}
    word = "Standard" if lang == "en" else "Standardul"
    title = {k: f"{word} {s['number']}. {s[f'name_{lang}']}" for k, s in standards.items()}
    actions = read_csv(pack.data / "actions.csv")
    doc = pack.doc(lang, "work-plan")
    by_standard = list(subsections(doc.section("2."), 3))
    assert sorted(heading for heading, _ in by_standard) == sorted(title.values())
    where: dict[str, list[str]] = {}
    texts: Counter[str] = Counter()
    for heading, blocks in by_standard:
        for table in doc.tables(blocks):
            for row in table[1:]:
                where.setdefault(row[0], []).append(heading)
                texts[row[1]] += 1
    assert where == {a["key"]: [title[a["standard"]]] for a in actions}
    assert texts == Counter(a[f"action_{lang}"] for a in actions)


def quarters_of(start: date, end: date, year: int) -> list[bool]:
    spans = [
        (date(year, 3 * q - 2, 1), add_months(date(year, 3 * q - 2, 1), 3)) for q in (1, 2, 3, 4)
    ]
    return [start < q_end and end >= q_start for q_start, q_end in spans]


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_has_a_column_per_quarter_with_each_action_s_quarters(pack: Pack, lang: Lang):
    letter = "Q" if lang == "en" else "T"
    doc = pack.doc(lang, "work-plan")
    (table,) = doc.tables(doc.section("4."))
    assert list(table[0][-4:]) == [f"{letter}{q} 2026" for q in (1, 2, 3, 4)]
    shown = {row[0]: [mark == "●" for mark in row[-4:]] for row in table[1:]}
    expected = {
        a["key"]: quarters_of(date.fromisoformat(a["start"]), date.fromisoformat(a["end"]), 2026)
        for a in read_csv(pack.data / "actions.csv")
    }
    assert shown == expected
    assert {mark for row in table[1:] for mark in row[-4:]} == {"●", ""}


@pytest.mark.parametrize("lang", LANGS)
def test_the_progress_section_shows_what_the_units_reported(pack: Pack, lang: Lang):
    actions = read_csv(pack.data / "actions.csv")
    reports = read_csv(pack.data / "work-plan-progress.csv")
    assert reports, "the copied dossier has reports"
    latest: dict[str, dict[str, str]] = {}
    for report in reports:  # later rows and later dates win
        seen = latest.get(report["action"])
        if seen is None or report["reported_on"] >= seen["reported_on"]:
            latest[report["action"]] = report
    status = {a["key"]: latest.get(a["key"], a)["status"] for a in actions}
    order = ("planned", "ongoing", "done", "delayed", "cancelled")
    doc = pack.doc(lang, "work-plan")
    section = doc.section("6.")
    counts = doc.tables(section)[0]
    assert [row[1] for row in counts[1:]] == [
        *(str(Counter(status.values())[s]) for s in order),
        str(len(actions)),
    ]
    shown = cells(section)
    for report in latest.values():
        assert report["comment"] in shown
    if lang == "en":
        text = "\n".join(b.text for b in section)
        assert f"{len(latest)} of {len(actions)} actions have been reported on" in text


# ---------------------------------------------------------------- partner assessments


MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "ro": ["ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.",
           "nov.", "dec."],
}  # fmt: skip


def short_date(day: date, lang: Lang) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


@dataclass(frozen=True)
class PartnerExpected:
    name: str
    points: int
    max_points: int
    capacity: str | None  # None: incomplete
    expires: date
    expired: bool
    expiring: bool


def expected_partners(pack: Pack, lang: Lang) -> list[PartnerExpected]:
    scales = {s["key"]: s for s in pack.table("assessment_scales")}
    standards = pack.table("core_standards")
    rows = read_csv(pack.data / "partner_assessments.csv")
    out = []
    for partner in read_csv(pack.data / "partners.csv"):
        scale = scales[partner["scale"]]
        points_of = {r["value"].casefold(): r["points"] for r in scale["ratings"]}
        latest: dict[str, dict[str, str]] = {}
        for row in rows:
            if row["partner"] == partner["key"]:
                seen = latest.get(row["standard"])
                if seen is None or row["assessed_on"] >= seen["assessed_on"]:
                    latest[row["standard"]] = row
        wanted = [s["key"] for s in standards if s["scale"] == scale["key"]]
        given = [points_of.get(latest[k]["rating"].casefold()) if k in latest else None
                 for k in wanted]  # fmt: skip
        points = sum(p for p in given if p is not None)
        complete = all(p is not None for p in given)
        reached = [lv for lv in scale["levels"] if lv["min_points"] <= points]
        level = max(reached, key=lambda lv: lv["min_points"]) if complete else None
        assessed = date.fromisoformat(partner["assessed_on"])
        expires = add_months(assessed, 12 * scale["validity_years"])
        expired = expires <= REPORT_DATE
        out.append(
            PartnerExpected(
                partner["name"].replace("(example)", "(exemplu)") if lang == "ro"
                else partner["name"],
                points,
                len(wanted) * max(points_of.values()),
                None if level is None else level[f"capacity_{lang}"],
                expires,
                expired,
                not expired and add_months(expires, -12) <= REPORT_DATE,
            )
        )  # fmt: skip
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_each_partner_s_points_capacity_and_expiry(pack: Pack, lang: Lang):
    expected = expected_partners(pack, lang)
    assert any(p.capacity for p in expected)  # the copied data show the cases
    assert any(p.expiring for p in expected)
    of = {"en": "of", "ro": "din"}[lang]
    flags = {"en": (" (expired)", " (expiring)"), "ro": (" (expirată)", " (expiră curând)")}[lang]
    doc = pack.doc(lang, "partner-assessments")
    table = doc.tables(doc.section("3."))[0]
    shown = [(row[0], row[3], row[4], row[7]) for row in table[1:]]
    assert shown == [
        (
            p.name,
            f"{p.points} {of} {p.max_points}",
            p.capacity or {"en": "not determined: assessment incomplete",
                           "ro": "nedeterminată: evaluare incompletă"}[lang],
            short_date(p.expires, lang)
            + (flags[0] if p.expired else flags[1] if p.expiring else ""),
        )
        for p in expected
    ]  # fmt: skip
    if lang == "en":
        for heading, blocks in subsections(doc.section("4."), 2):
            p = next(p for p in expected if p.name == heading)
            if p.capacity:
                text = "\n".join(b.text for b in blocks)
                assert f"Total: {p.points} points of {p.max_points}. " \
                       f"Overall capacity: {p.capacity};" in text  # fmt: skip


# ---------------------------------------------------------------- referral pathway


def page_break_before(block: Block) -> bool:
    return bool(block.element.xpath("./w:pPr/w:pageBreakBefore"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_referral_pathway_prints_each_region_on_its_own_page(pack: Pack, lang: Lang):
    regions = pack.table("regions")
    doc = pack.doc(lang, "referral-pathway")
    names = [r[f"name_{lang}"] for r in regions]
    broken = [b.text for b in doc.headings(1) if page_break_before(b)]
    assert broken == names
    assert len(doc.headings(1)) > len(names)  # the others (principles, hotlines) do not break


@pytest.mark.parametrize("lang", LANGS)
def test_the_referral_pathway_lists_the_hotlines_and_each_service_in_its_region(
    pack: Pack, lang: Lang
):
    doc = pack.doc(lang, "referral-pathway")
    hotlines = doc.table_with_header("Number" if lang == "en" else "Număr")
    assert [row[0] for row in hotlines[1:]] == ["116 111", "0 8008 8008", "0 800 77777"]
    types = {t["key"]: t[f"name_{lang}"] for t in pack.table("service_types")}
    services = read_csv(pack.data / "services.csv")
    for region in pack.table("regions"):
        blocks = doc.section(region[f"name_{lang}"])
        under = {heading: [row[0] for t in doc.tables(b) for row in t[1:]]
                 for heading, b in subsections(blocks, 2)}  # fmt: skip
        for service in (s for s in services if s["region"] == region["key"]):
            organisation = service["organisation"]
            if lang == "ro":
                organisation = organisation.replace("(example)", "(exemplu)")
            assert organisation in under[types[service["type"]]], (region["key"], organisation)


# ---------------------------------------------------------------- lexkit check


SCALES_FILE = "assessment_scales.yaml"


def to_verify_files(dossier: Path) -> set[str]:
    """The data files with a row whose status is "to verify"."""
    found = set()
    for path in sorted((dossier / "data").iterdir()):
        rows: Any = None
        if path.suffix == ".yaml":
            rows = read_yaml(path)
        elif path.suffix == ".csv":
            rows = read_csv(path)
        if isinstance(rows, list) and any(
            isinstance(r, dict) and r.get("status") == "to verify" for r in rows
        ):
            found.add(path.name)
    return found


def warned_tables(dossier: Path) -> list[str]:
    """The files D009 names: the tables with a row to verify, the scales file among them."""
    files = to_verify_files(dossier)
    assert SCALES_FILE in files
    return sorted(files)


def test_check_finds_no_error_in_the_pack_only_facts_to_verify():
    dossier = REPO / "drafts" / NAME
    found = check_dossier(dossier, BuildSettings(REPO))
    assert [p.format() for p in found if p.severity == "error"] == []
    assert [p.code for p in found] == ["D009"] * len(found)
    assert sorted(Path(p.location.file).name for p in found) == warned_tables(dossier)


def test_check_of_the_test_register_names_the_unknown_course(pack: Pack):
    found = check_dossier(pack.dossier, pack.settings)
    assert [p.format() for p in found if p.severity == "error"] == []
    assert sorted(p.code for p in found) == sorted(
        ["D009"] * len(warned_tables(pack.dossier)) + ["H008"]
    )
    (course,) = [p for p in found if p.code == "H008"]
    unknown = next(c for c in REGISTER if c.kind is None)
    xlsx_rows = [c for c in REGISTER if c.file == "xlsx"]
    assert Path(course.location.file).name == XLSX_NAME
    assert course.location.line == XLSX_FIRST_ROW + xlsx_rows.index(unknown)
    assert repr(unknown.title) in course.message
    # the build said the same
    assert sorted(p.code for p in pack.working_warnings) == sorted(p.code for p in found)
    official = Counter(p.code for p in pack.official_warnings)
    assert official["H008"] == 1
    assert official["D010"] > 0


# ---------------------------------------------------------------- the same bytes twice


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_building_again_gives_the_same_bytes(pack: Pack, tmp_path: Path):
    """The same project built again (into another output folder: the first build stays
    as the other tests read it) gives the same bytes, and each manifest says so."""
    again = BuildSettings(pack.root, output_dir=tmp_path / "output")
    build_dossier(pack.dossier, again)
    build_dossier(pack.dossier, again, edition="official")
    first, second = hashes(pack.output), hashes(again.output / NAME)
    # working: documents, tracker, refreshers, to-verify, manifest; official: documents, manifest
    assert len(first) == 2 * (len(DOCUMENTS) + 4) + 2 * (len(DOCUMENTS) + 1) + 1
    assert second == first
    for lang in LANGS:  # each manifest's SHA-256 is the file's
        for folder in (pack.output / lang, pack.output / "official" / lang):
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            assert {n: o["sha256"] for n, o in manifest["outputs"].items()} == {
                n: h for n, h in hashes(folder).items() if n != "manifest.json"
            }


# ---------------------------------------------------------------- a scale still to verify


def test_a_scale_still_to_verify_is_a_fact_to_verify(pack: Pack):
    scales = [s["key"] for s in pack.table("assessment_scales") if s["status"] == "to verify"]
    used = {row["scale"] for row in read_csv(pack.data / "partners.csv")}
    assert set(scales) & used, "a partner is assessed on a scale still to verify"
    book = openpyxl.load_workbook(pack.output / "en" / "to-verify.xlsx")
    listed = [str(row[1]) for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    warned = [p for p in pack.official_warnings if p.code == "D010"]
    assert any(name.endswith(SCALES_FILE) for name in listed)
    assert any(Path(p.location.file).name == SCALES_FILE for p in warned)
