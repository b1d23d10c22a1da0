"""Data tables checked against their schema: errors name file, line and column."""

from __future__ import annotations

from pathlib import Path

from lexkit.dossier.tables import load_data
from lexkit.errors import Problems

SCHEMA = """\
key: key
columns:
  key: {type: id}
  article: {type: article}
  child_specific: {type: yes-no}
  status: {type: choice, values: [confirmed, to verify]}
  isco: {type: list, item: {type: text, pattern: '^\\d{4}$'}, required: false}
  years: {type: integer, required: false}
"""


def _load(tmp_path: Path, name: str, text: str) -> tuple[object, list[str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    problems = Problems()
    data = load_data(tmp_path, {"rows": (name, "schema.yaml")}, problems)
    return data["rows"], [p.format() for p in problems.items]


def test_a_good_table_is_converted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows, problems = _load(
        tmp_path,
        "t.csv",
        "key,article,child_specific,status,isco,years\n"
        "cp-175-1,175^1,yes,confirmed,2342;5311,5\n"
        "\n"
        "cp-208,208^3–208^5,no,to verify,,\n",
    )
    assert problems == []
    assert rows == [
        {
            "key": "cp-175-1",
            "article": "175^1",
            "child_specific": True,
            "status": "confirmed",
            "isco": ["2342", "5311"],
            "years": 5,
        },
        {
            "key": "cp-208",
            "article": "208^3–208^5",
            "child_specific": False,
            "status": "to verify",
            "isco": [],
            "years": None,
        },
    ]
    assert rows.lines == [2, 4]


def test_every_bad_cell_is_reported_with_line_and_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, problems = _load(
        tmp_path,
        "t.csv",
        "key,article,child_specific,status,isco,colour\n"
        "Cp 1,art 5,maybe,sure,12,red\n"
        "a,5,yes,confirmed,,\n"
        "a,,yes,confirmed,,\n",
    )
    joined = "\n".join(problems)
    assert "t.csv:1 (colour): error: column 'colour' is not in the schema" in joined
    assert "t.csv:2 (key): error: 'Cp 1' is not a valid key" in joined
    assert "t.csv:2 (article): error: 'art 5' is not an article number" in joined
    assert "fix: write it as in the law: 175, 175^1" in joined
    assert "t.csv:2 (child_specific): error: 'maybe' is not yes or no" in joined
    assert "t.csv:2 (status): error: 'sure' is not one of the allowed values" in joined
    assert "t.csv:2 (isco): error: '12' does not have the expected form" in joined
    assert "t.csv:4 (article): error: is empty" in joined
    assert "t.csv:4 (key): error: 'a' is already the key of the row at line 3" in joined
    assert len(problems) == 8


def test_a_yaml_list_is_a_table_with_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows, problems = _load(
        tmp_path,
        "t.yaml",
        "- key: one\n  article: '171'\n  child_specific: yes\n  status: confirmed\n"
        "  isco: ['2342']\n"
        "- key: two\n  article: 172\n  child_specific: no\n  status: confirmed\n"
        "  isco: [23]\n",
    )
    assert rows.lines == [1, 6]
    assert rows[0]["isco"] == ["2342"]
    assert problems == [
        "t.yaml:6 (isco): error: '23' does not have the expected form [D002]\n"
        "    fix: it must match ^\\d{4}$"
    ]


def test_an_xlsx_table_is_read_and_checked_like_a_csv(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Infracțiuni"
    for row in (
        ["key", "article", "child_specific", "status"],
        ["cp-175-1", "175^1", "da", "confirmed"],
        [],
        ["cp-bad", "175 1", "nu", "confirmed"],
    ):
        book.active.append(row)
    book.save(tmp_path / "t.xlsx")
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    problems = Problems()
    rows = load_data(tmp_path, {"rows": ("t.xlsx", "schema.yaml")}, problems)["rows"]
    assert rows[0]["child_specific"] is True
    assert rows.lines == [2, 4]
    assert [p.format().split("\n")[0] for p in problems.items] == [
        "t.xlsx [Infracțiuni]:4 (article): error: '175 1' is not an article number [D002]"
    ]


DATED_SCHEMA = """\
columns:
  start: {type: date}
  budget: {type: number, min: 0, required: false}
  likelihood: {type: integer, min: 1, max: 5}
"""


def _load_dated(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    (tmp_path / "schema.yaml").write_text(DATED_SCHEMA, encoding="utf-8")
    problems = Problems()
    data = load_data(tmp_path, {"rows": ("t.csv", "schema.yaml")}, problems)
    return data["rows"], [p.format() for p in problems.items]


def test_dates_numbers_and_ranges_are_converted(tmp_path, monkeypatch):
    import datetime as dt

    monkeypatch.chdir(tmp_path)
    rows, problems = _load_dated(
        tmp_path,
        "start;budget;likelihood\n"
        "2026-03-01;12500;1\n"
        "2026-04-15T00:00:00;1 500,50;5\n"  # an XLSX date cell read as text; a Romanian number
        '31.12.2026;"1,500.25";3\n',  # as Excel saves a date in a Romanian locale
    )
    assert problems == []
    assert [r["start"] for r in rows] == [
        dt.date(2026, 3, 1), dt.date(2026, 4, 15), dt.date(2026, 12, 31)
    ]  # fmt: skip
    assert [r["budget"] for r in rows] == [12500.0, 1500.5, 1500.25]
    assert [r["likelihood"] for r in rows] == [1, 5, 3]


def test_a_wrong_date_number_or_value_out_of_range_names_its_cell(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, problems = _load_dated(
        tmp_path,
        "start,budget,likelihood\n03/01/2026,about 100,6\n2026-02-30,-5,0\n",
    )
    assert problems == [
        "t.csv:2 (start): error: '03/01/2026' is not a date [D002]\n"
        "    fix: write it as 2026-03-01 or 01.03.2026 (day.month.year), or make it a date cell",
        "t.csv:2 (budget): error: 'about 100' is not a number [D002]\n"
        "    fix: write it as 1500 or 1500.50",
        "t.csv:2 (likelihood): error: 6 is out of range [D002]\n    fix: write a value from 1 to 5",
        "t.csv:3 (start): error: '2026-02-30' is not a date [D002]\n"
        "    fix: write it as 2026-03-01 or 01.03.2026 (day.month.year), or make it a date cell",
        "t.csv:3 (budget): error: -5 is out of range [D002]\n    fix: write a value of at least 0",
        "t.csv:3 (likelihood): error: 0 is out of range [D002]\n    fix: write a value from 1 to 5",
    ]
