"""Which column of a stakeholder's sheet holds what (lexkit.consult.mapping), and the
day/month order of a date column (lexkit.consult.fields.column_date_order).

Sheets are built in the test; intake is run into a register in a temporary folder with no
draft to match provisions against (``Provisions({}, {})``), except where dossier.yaml is
read, which needs a project (a copy of the flagship).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from docx_helpers import copy_flagship
from lexkit import api
from lexkit.consult.fields import DateOrder, column_date_order, parse_date
from lexkit.consult.intake import SavedMapping, Summary, ingest, rules_for
from lexkit.consult.mapping import (
    CLOSED,
    FIRST_NAME,
    HEADER_SCAN,
    IGNORED,
    LAST_NAME,
    QUESTION,
    MapError,
    Rule,
    SheetMapping,
    column_kind,
    header_key,
    map_sheet,
    parse_rule,
    question_like,
)
from lexkit.consult.provisions import Provisions
from lexkit.consult.register import Register, register_path
from lexkit.errors import LexkitError
from lexkit.io.spreadsheets import Sheet

# Comments long enough to read as free text.
TEXTS = (
    "Propunem ca termenul de notificare să fie de douăzeci de zile.",
    "Voluntarii ar trebui excluși din domeniul de aplicare al legii.",
    "The deadline is too short for small organisations to comply with.",
    "Nothing to add beyond what we said at the public hearing in May.",
)
ORGANISATIONS = ("Asociația Alfa", "ONG Beta", "Centrul Gamma", "Fundația Delta")


def _sheet(rows: list[list[object]], first_column: int = 0) -> Sheet:
    return Sheet("Feedback", rows, list(range(1, len(rows) + 1)), first_column)


def _roles(mapping: SheetMapping | None) -> dict[str, str]:
    """Each column's header and role, as ``lexkit consult inspect`` lists them."""
    assert mapping is not None, "no header row found"
    return {column.header: column.role for column in mapping.columns}


def _rules(*texts: str) -> list[Rule]:
    return [parse_rule(text) for text in texts]


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    with Register(tmp_path / "r.sqlite") as register:
        yield register


def _ingest(
    register: Register, path: Path, rows: list[list[object]], rules: Sequence[Rule] = ()
) -> tuple[Summary, list[dict[str, object]]]:
    """Ingest ``rows`` written as the CSV ``path``; the summary and every comment stored."""
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    summary = ingest([path], register, Provisions({}, {}), rules=rules)
    assert summary.unreadable == 0, summary.unreadable_files
    comments = [dict(row) for row in register.db.execute("SELECT * FROM comments ORDER BY id")]
    return summary, comments


# ---------------------------------------------------------------- header names


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # regulations.gov without its profile: the dates column is left empty
            [
                ["Comment Start Date", "Organisation", "Comment"],
                ["", ORGANISATIONS[0], TEXTS[0]],
                ["", ORGANISATIONS[1], TEXTS[1]],
            ],
            {"Comment Start Date": IGNORED, "Organisation": "organisation", "Comment": "comment"},
        ),
        (  # "Type" in "Document Type" points to the stakeholder type; "Category" names it
            [
                ["Document Type", "Organization Name", "Category", "Comment"],
                ["Public Submission", ORGANISATIONS[0], "Academic", TEXTS[0]],
                ["Public Submission", ORGANISATIONS[1], "Individual", TEXTS[1]],
            ],
            {
                "Document Type": IGNORED,
                "Organization Name": "organisation",
                "Category": "stakeholder_type",
                "Comment": "comment",
            },
        ),
    ],
)
def test_an_exact_header_anywhere_in_the_row_beats_a_partial_one_before_it(
    rows: list[list[object]], expected: dict[str, str]
) -> None:
    assert _roles(map_sheet(_sheet(rows))) == expected


@pytest.mark.parametrize(
    "headers",
    [
        ("firstName", "last_name", "organization", "submitterRep", "comment"),
        # names lexkit knows only once split: "given name", "organization name"
        ("givenName", "family_name", "organizationName", "submitter_rep", "commentText"),
    ],
)
def test_camel_case_and_snake_case_headers_are_split(headers: tuple[str, ...]) -> None:
    assert header_key("firstName") == header_key("first_name") == "first name"
    assert header_key("organizationName") == "organization name"
    rows: list[list[object]] = [
        list(headers),
        ["Ana", "Rusu", "", "Ion Popa", TEXTS[0]],
        ["Ion", "Popa", ORGANISATIONS[1], "", TEXTS[1]],
    ]
    roles = _roles(map_sheet(_sheet(rows)))
    assert list(roles.values()) == [FIRST_NAME, LAST_NAME, "organisation", IGNORED, "comment"]


def test_first_and_last_name_are_joined_into_the_contact_name(
    tmp_path: Path, register: Register
) -> None:
    rows: list[list[object]] = [
        ["firstName", "last_name", "organization", "submitterRep", "comment"],
        ["Ana", "Rusu", "", "Ion Popa", TEXTS[0]],
        ["Ion", "", ORGANISATIONS[1], "", TEXTS[1]],
        ["", "", "", "", TEXTS[2]],
    ]
    summary, comments = _ingest(register, tmp_path / "names.csv", rows)
    assert [(c["contact_name"], c["organisation"]) for c in comments] == [
        ("Ana Rusu", None),
        ("Ion", ORGANISATIONS[1]),
        (None, None),  # the representative is not the author
    ]
    assert summary.anonymous == 1


# ---------------------------------------------------------------- what a column holds


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([3, 0, 12.5], "numbers"),
        (["3", "2,5", "30%"], "numbers"),
        (["2025-09-12", "12.09.2025", "8/21/2019 10:15 AM"], "dates"),
        (["0900006484c935c0", "0900006484c935c1", "0900006484c93602"], "identifiers"),
        (["MD-2025-0001", "MD-2025-0002"], "identifiers"),
        (["Yes", "No", "Yes"], "a few repeated values"),
        (["A;B", "B;C", "A", "A;C"], "a few repeated values"),  # ticked boxes
        (list(TEXTS[:2]), "free text"),
        (["Chișinău", "Bălți"], "short values"),
        ([None, "  "], "empty"),
    ],
)
def test_column_kind(values: list[object], kind: str) -> None:
    assert column_kind(values) == kind


def test_numbers_dates_and_identifiers_are_never_the_comment() -> None:
    rows: list[list[object]] = [
        ["Comments", "comment_id", "commentOn", "Comment date", "Organisation", "Observații"],
        [3, "0900006484c935c0", "MD-2025-0001", "2025-09-12", ORGANISATIONS[0], TEXTS[0]],
        [0, "0900006484c935c1", "MD-2025-0002", "2025-09-13", ORGANISATIONS[1], TEXTS[1]],
    ]
    mapping = map_sheet(_sheet(rows))
    assert _roles(mapping) == {
        "Comments": IGNORED,
        "comment_id": IGNORED,
        "commentOn": IGNORED,
        "Comment date": IGNORED,
        "Organisation": "organisation",
        "Observații": "comment",
    }
    assert mapping is not None
    assert [c.kind for c in mapping.columns[:4]] == [
        "numbers",
        "identifiers",
        "identifiers",
        "dates",
    ]


# ---------------------------------------------------------------- the header row


def test_the_header_row_is_found_below_a_title_and_a_contact_block() -> None:
    rows: list[list[object]] = [
        ["Sinteza propunerilor la proiectul de lege"],
        ["Organizația", "ONG Exemplu"],  # one field named, no text to answer: not the header
        ["E-mail", "Nume"],  # two fields, but neither holds text to answer
        ["Nr.", "Articolul", "Comentariu", "Comentarii", 42, "Poziția"],
        ["1", "art. 3", TEXTS[0], "", "", "pentru"],
        ["2", "art. 5", TEXTS[1], "", "", "împotrivă"],
    ]
    sheet = Sheet("Propuneri", rows, [1, 2, 3, 5, 6, 7])  # row 4 of the sheet was blank
    mapping = map_sheet(sheet)
    assert mapping is not None
    assert (mapping.header_index, mapping.header_row) == (3, 5)
    assert _roles(mapping) == {
        "Nr.": IGNORED,
        "Articolul": "provision",
        "Comentariu": "comment",  # a field named twice: its first column
        "Comentarii": IGNORED,
        "Poziția": "position",
    }
    assert [c.letter for c in mapping.columns] == ["A", "B", "C", "D", "F"]


def test_only_the_first_rows_are_looked_at_for_the_header() -> None:
    rows: list[list[object]] = [["x"] for _ in range(HEADER_SCAN)]
    rows += [["Provision", "Comment"], ["art. 1", TEXTS[0]]]
    assert map_sheet(_sheet(rows)) is None
    mapping = map_sheet(_sheet(rows), scan=HEADER_SCAN + 1)
    assert mapping is not None
    assert mapping.header_row == HEADER_SCAN + 1
    assert _roles(mapping) == {"Provision": "provision", "Comment": "comment"}


@pytest.mark.parametrize(
    "rows",
    [
        [["Organisation", "E-mail", "Phone"], [ORGANISATIONS[0], "a@alfa.md", "+37369000000"]],
        [["Nr.", "Date", "Votes"], [1, "2025-09-12", 14], [2, "2025-09-13", 3]],
    ],
)
def test_a_sheet_with_no_text_column_has_no_header_row(rows: list[list[object]]) -> None:
    assert map_sheet(_sheet(rows)) is None


# ---------------------------------------------------------------- survey questions


@pytest.mark.parametrize(
    "header",
    [
        "Q1: Please explain your view",
        "Prop 1 Q8 - Please use this space to tell us more",
        "3. Do you agree?",
        "Întrebarea 2",
        "Are you responding as an individual or on behalf of an organisation?",
    ],
)
def test_question_like(header: str) -> None:
    assert question_like(header)


@pytest.mark.parametrize("header", ["Comment", "Organisation", "Region", "Text Comment"])
def test_not_question_like(header: str) -> None:
    assert not question_like(header)


def test_questions_are_free_text_or_closed_by_their_values() -> None:
    headers = [
        "Name - What is your name?",
        "Organisation - What is the name of your organisation?",
        "Q1: Please explain your view on the notification deadline",
        "Prop 1 Q8 - Please use this space to tell us more",
        "3. Do you agree?",
        "Q2 How satisfied are you (1-5)?",
        "Q3: Which sectors do you work in?",
        "Region",
    ]
    answers = [
        ("Ana Rusu", ORGANISATIONS[0], TEXTS[0], TEXTS[1], "Yes", 4, "Health;Education", "Nord"),
        ("Ion Popa", ORGANISATIONS[1], TEXTS[1], TEXTS[2], "No", 5, "Education", "Sud"),
        ("Maria Cebotari", "", TEXTS[2], TEXTS[3], "Yes", 2, "Health;Justice", "Nord"),
        ("Dan Lupu", "", TEXTS[3], TEXTS[0], "Yes", 1, "Justice;Education", "Centru"),
    ]
    mapping = map_sheet(_sheet([headers, *map(list, answers)]))
    assert list(_roles(mapping).values()) == [
        "contact_name",  # by its label: "Name"
        "organisation",
        QUESTION,
        QUESTION,
        CLOSED,  # yes/no
        CLOSED,  # a scale
        CLOSED,  # ticked boxes
        IGNORED,  # short values under a header that asks nothing
    ]


# ---------------------------------------------------------------- the drafter's rules


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("comment=Text Comment", Rule("comment", "Text Comment")),
        ("comment=Q1: Please explain*", Rule("comment", "Q1: Please explain*")),
        ("comment=D", Rule("comment", "D")),
        (" organisation = Sender ", Rule("organisation", "Sender")),
        ("ignore=Title", Rule(IGNORED, "Title")),
        ("name=B", Rule("contact_name", "B")),
        ("proposed-wording=E", Rule("proposed_wording", "E")),
        ("Art. 3=Q2*", Rule(QUESTION, "Q2*", "Art. 3")),
    ],
)
def test_parse_rule(text: str, rule: Rule) -> None:
    assert parse_rule(text) == rule


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour=B", "'colour' is not a field"),
        ("comment", "write FIELD=COLUMN"),
        ("comment=", "write FIELD=COLUMN"),
        ("=B", "write FIELD=COLUMN"),
        ("General=Q1", "'General' is not a field"),  # a question is about a provision
    ],
)
def test_parse_rule_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(MapError, match=message):
        parse_rule(text)


NOTES: list[list[object]] = [
    ["Ref", "Sender", "Body text", "When"],
    ["N-1", ORGANISATIONS[0], TEXTS[0], "12.09.2025"],
    ["N-2", ORGANISATIONS[1], TEXTS[1], "13.09.2025"],
]


def test_headers_lexkit_does_not_know_are_named_by_rules() -> None:
    assert map_sheet(_sheet(NOTES)) is None
    expected = {"Ref": IGNORED, "Sender": "organisation", "Body text": "comment", "When": IGNORED}
    for rules in (
        ("comment=Body text", "organisation=Sender"),  # the header
        ("comment=body*", "organisation=SEND*"),  # a glob, any case
        ("comment=C", "organisation=b"),  # the letter
    ):
        assert _roles(map_sheet(_sheet(NOTES), _rules(*rules))) == expected, rules


def test_a_column_letter_counts_from_column_a_when_the_sheet_starts_further_right() -> None:
    sheet = _sheet(NOTES, first_column=2)  # the table starts in column C
    mapping = map_sheet(sheet, _rules("comment=E", "organisation=D", "submitted_on=F"))
    assert mapping is not None
    assert [(c.letter, c.header, c.role) for c in mapping.columns] == [
        ("C", "Ref", IGNORED),
        ("D", "Sender", "organisation"),
        ("E", "Body text", "comment"),
        ("F", "When", "submitted_on"),
    ]
    # Column B is left of the table: the rule names nothing.
    assert _roles(map_sheet(sheet, _rules("comment=E", "organisation=B")))["Sender"] == IGNORED


def test_an_ignore_rule_leaves_a_column_out() -> None:
    rows: list[list[object]] = [
        ["Organisation", "Comment", "Notes"],
        [ORGANISATIONS[0], TEXTS[0], TEXTS[2]],
        [ORGANISATIONS[1], TEXTS[1], TEXTS[3]],
    ]
    assert _roles(map_sheet(_sheet(rows)))["Notes"] == QUESTION  # free text: read too
    assert _roles(map_sheet(_sheet(rows), _rules("ignore=Notes"))) == {
        "Organisation": "organisation",
        "Comment": "comment",
        "Notes": IGNORED,
    }


def test_a_rule_naming_a_field_overrides_the_automatic_choice() -> None:
    rows: list[list[object]] = [
        ["Organisation", "On behalf of", "Comment", "Observations on the draft"],
        ["Alfa", ORGANISATIONS[0], TEXTS[0], TEXTS[2]],
        ["Beta", ORGANISATIONS[1], TEXTS[1], TEXTS[3]],
    ]
    assert _roles(map_sheet(_sheet(rows))) == {
        "Organisation": "organisation",
        "On behalf of": IGNORED,
        "Comment": "comment",
        "Observations on the draft": QUESTION,
    }
    ruled = map_sheet(
        _sheet(rows), _rules("organisation=On behalf of", "comment=Observations on the draft")
    )
    assert _roles(ruled) == {
        "Organisation": IGNORED,  # short values under a header that asks nothing
        "On behalf of": "organisation",
        # The drafter named the comment column: other text stays in the row as sent.
        "Comment": IGNORED,
        "Observations on the draft": "comment",
    }
    assert ruled is not None
    assert ruled.columns[3].why == "--map comment=Observations on the draft"


def test_two_comment_columns_give_a_comment_each_with_its_header_as_question(
    tmp_path: Path, register: Register
) -> None:
    rows: list[list[object]] = [
        ["Who", "About the deadline", "About the scope"],
        ["Ana Rusu", TEXTS[0], TEXTS[1]],
        ["Ion Popa", "", TEXTS[2]],
    ]
    rules = _rules("comment=About the deadline", "comment=About the scope", "name=A")
    summary, comments = _ingest(register, tmp_path / "survey.csv", rows, rules)
    assert (summary.rows_read, summary.accepted, summary.comments) == (2, 2, 3)
    assert [(c["contact_name"], c["question"], c["comment"], c["row"]) for c in comments] == [
        ("Ana Rusu", "About the deadline", TEXTS[0], 2),
        ("Ana Rusu", "About the scope", TEXTS[1], 2),
        ("Ion Popa", "About the scope", TEXTS[2], 3),
    ]


def test_a_question_about_a_provision(tmp_path: Path, register: Register) -> None:
    rows: list[list[object]] = [
        ["Respondent", "Q1 Your view on the law", "Q2 Your view on the notification"],
        ["Ana Rusu", TEXTS[0], TEXTS[1]],
    ]
    rules = _rules("Art. 3=Q2*")
    mapping = map_sheet(_sheet(rows), rules)
    assert mapping is not None
    assert [(c.role, c.provision) for c in mapping.columns] == [
        ("contact_name", None),
        (QUESTION, None),
        (QUESTION, "Art. 3"),
    ]
    _, comments = _ingest(register, tmp_path / "q.csv", rows, rules)
    assert [(c["question"], c["provision_raw"]) for c in comments] == [
        ("Q1 Your view on the law", "General"),
        ("Q2 Your view on the notification", "Art. 3"),
    ]


def test_saved_rules_apply_to_the_files_whose_name_matches() -> None:
    saved = [SavedMapping("regulations-*.csv", (parse_rule("comment=C", "dossier.yaml"),))]
    command_line = _rules("organisation=B")
    assert rules_for(Path("in/regulations-2025-0001.csv"), command_line, saved) == [
        Rule("comment", "C", None, "dossier.yaml"),
        Rule("organisation", "B"),
    ]
    assert rules_for(Path("REGULATIONS-2025.CSV"), (), saved) == [*saved[0].rules]
    assert rules_for(Path("ngo-regulations-1.csv"), command_line, saved) == command_line


def test_the_command_line_wins_over_a_saved_mapping(tmp_path: Path, register: Register) -> None:
    path = tmp_path / "ngo-1.csv"
    path.write_text(
        "Ref,Sender,Body text,Notes,Signed by\n"
        f"N-1,{ORGANISATIONS[0]},{TEXTS[0]},{TEXTS[1]},{ORGANISATIONS[1]}\n",
        encoding="utf-8",
    )
    saved = [
        SavedMapping(
            "ngo-*.csv",
            (parse_rule("comment=C", "dossier.yaml"), parse_rule("organisation=B", "dossier.yaml")),
        )
    ]
    command_line = _rules("comment=D", "organisation=E")
    ingest([path], register, Provisions({}, {}), rules=command_line, saved=saved)
    rows = register.db.execute("SELECT organisation, comment FROM comments").fetchall()
    assert [tuple(r) for r in rows] == [(ORGANISATIONS[1], TEXTS[1])]


# ---------------------------------------------------------------- dossier.yaml, end to end

NGO_FILE = (
    "Nr,Cine,Ce credeți,Când\n"
    f"1,{ORGANISATIONS[0]},{TEXTS[0]},12.09.2025\n"
    f"2,{ORGANISATIONS[1]},{TEXTS[1]},13.09.2025\n"
)
SAVED = (
    "consultation:\n"
    "  mappings:\n"
    '    - files: "ngo-*.csv"\n'
    "      map:\n"
    '        comment: "Ce credeți"\n'
    "        organisation: B\n"
)


def _project(tmp_path: Path, consultation: str) -> Path:
    root = copy_flagship(tmp_path / "project")
    dossier = root / "drafts" / "child-protection" / "dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8") + consultation, encoding="utf-8")
    return root


def test_a_mapping_saved_in_dossier_yaml_reads_the_files_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, SAVED)
    monkeypatch.chdir(root)
    (root / "ngo-1.csv").write_text(NGO_FILE, encoding="utf-8")
    # The same headers in a file the mapping does not name: lexkit cannot read it.
    (root / "other-1.csv").write_text(NGO_FILE.replace("2025", "2024"), encoding="utf-8")

    summary = api.consultation_ingest([root / "ngo-1.csv", root / "other-1.csv"], root=root)

    assert (summary.rows_read, summary.accepted, summary.unreadable) == (2, 2, 1)
    assert [Path(name).name for name, _ in summary.unreadable_files] == ["other-1.csv"]
    with Register(register_path(root, "child-protection")) as register:
        rows = register.db.execute(
            "SELECT organisation, comment FROM comments ORDER BY row"
        ).fetchall()
    assert [tuple(r) for r in rows] == [
        (ORGANISATIONS[0], TEXTS[0]),
        (ORGANISATIONS[1], TEXTS[1]),
    ]


def test_a_saved_rule_that_cannot_be_read_names_dossier_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, SAVED.replace("organisation: B", "colour: B"))
    monkeypatch.chdir(root)
    (root / "ngo-1.csv").write_text(NGO_FILE, encoding="utf-8")

    with pytest.raises(LexkitError) as error:
        api.consultation_ingest([root / "ngo-1.csv"], root=root)

    [problem] = error.value.problems
    assert problem.location.file.endswith("dossier.yaml")
    assert "consultation.mappings.0" in problem.message
    assert "'colour' is not a field" in problem.message
    assert not register_path(root, "child-protection").exists()


def test_inspect_writes_nothing_and_reports_flags_and_rejected_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, "")
    monkeypatch.chdir(root)
    path = root / "feedback.csv"
    path.write_text(
        "Organisation,Provision,Position,Comment\n"
        f"{ORGANISATIONS[0]},General,maybe later,{TEXTS[0]}\n"
        f"{ORGANISATIONS[1]},General,support,\n"
        f",General,support,{TEXTS[1]}\n",
        encoding="utf-8",
    )
    before = sorted(root.rglob("*"))

    [inspection] = api.consultation_inspect([path], root=root)

    assert sorted(root.rglob("*")) == before
    assert (inspection.rows, inspection.comments, inspection.anonymous) == (3, 2, 1)
    assert inspection.flags == ["row 2: position: 'maybe later' not understood: read as a comment"]
    assert inspection.rejected == [
        "row 3: no comment, no proposed wording and no answer: nothing to answer"
    ]


# ---------------------------------------------------------------- day/month order


@pytest.mark.parametrize(
    ("values", "default", "order", "written", "read"),
    [
        (["8/21/2019", "6/5/2018"], False, DateOrder(True, True, False), "6/5/2018",
         date(2018, 6, 5)),
        (["21.08.2019", "05.06.2018"], True, DateOrder(False, True, False), "05.06.2018",
         date(2018, 6, 5)),
        (["6/5/2018", "3/4/2019"], True, DateOrder(True, False, True), "6/5/2018",
         date(2018, 6, 5)),
        (["6/5/2018", "3/4/2019"], False, DateOrder(False, False, True), "6/5/2018",
         date(2018, 5, 6)),
        # dots and dashes are read day first, as in Moldova, whatever the platform
        (["06.05.2018", "03.04.2019"], True, DateOrder(False, False, True), "06.05.2018",
         date(2018, 5, 6)),
        (["2018-06-05", 43256], True, DateOrder(False, False, False), "2018-06-05",
         date(2018, 6, 5)),
    ],
)  # fmt: skip
def test_column_date_order(
    values: list[object], default: bool, order: DateOrder, written: str, read: date
) -> None:
    found = column_date_order(values, month_first_by_default=default)
    assert found == order
    assert parse_date(written, found.month_first) == read


def test_ingest_flags_the_dates_whose_order_the_column_does_not_show(
    tmp_path: Path, register: Register
) -> None:
    def rows(second: str) -> list[list[object]]:
        return [
            ["Organisation", "Comment", "Date"],
            [ORGANISATIONS[0], TEXTS[0], "6/5/2018"],
            [ORGANISATIONS[1], TEXTS[1], second],
        ]

    _, comments = _ingest(register, tmp_path / "a.csv", rows("3/4/2019"))
    assert [(c["submitted_on"], c["flags"]) for c in comments] == [
        ("2018-05-06", "date: '6/5/2018': the column does not show the day/month order; "
         "read day first"),
        ("2019-04-03", "date: '3/4/2019': the column does not show the day/month order; "
         "read day first"),
    ]  # fmt: skip
    _, comments = _ingest(register, tmp_path / "b.csv", rows("21/8/2019"))
    assert [(c["submitted_on"], c["flags"]) for c in comments[2:]] == [
        ("2018-05-06", None),
        ("2019-08-21", None),
    ]


def test_a_date_that_reads_the_same_either_way_is_not_flagged(
    tmp_path: Path, register: Register
) -> None:
    rows: list[list[object]] = [
        ["Organisation", "Comment", "Date"],
        [ORGANISATIONS[0], TEXTS[0], "6/5/2018"],
        [ORGANISATIONS[1], TEXTS[1], "5/5/2019"],
    ]
    _, comments = _ingest(register, tmp_path / "a.csv", rows)
    assert comments[0]["flags"] is not None
    assert (comments[1]["submitted_on"], comments[1]["flags"]) == ("2019-05-05", None)


# ---------------------------------------------------------------- bugs found


@pytest.mark.parametrize(
    "organisations", [ORGANISATIONS, ("Org 1", "Org 2", "Org 3", "Org 4")], ids=["refused", "lost"]
)
def test_a_short_campaign_text_is_still_the_comment(organisations: tuple[str, ...]) -> None:
    message = "Susținem proiectul în întregime."  # a campaign: four respondents, one text
    rows: list[list[object]] = [["Organisation", "Comment"]]
    rows += [[organisation, message] for organisation in organisations]
    mapping = map_sheet(_sheet(rows))
    assert mapping is not None
    assert mapping.header_row == 1
    assert _roles(mapping) == {"Organisation": "organisation", "Comment": "comment"}


def test_a_letter_rule_still_skips_the_title_above_the_header() -> None:
    rows = [["Propuneri primite în cadrul consultării publice"], *NOTES]
    mapping = map_sheet(_sheet(rows), _rules("comment=C"))
    assert mapping is not None
    assert mapping.header_row == 2
    assert _roles(mapping)["Body text"] == "comment"


def test_a_docket_listing_without_comments_is_not_read_as_comments() -> None:
    # regulations.gov's list of a docket's documents: titles and dates, no comment at all.
    rows: list[list[object]] = [
        ["Document ID", "Title", "Comment Start Date", "Comment Due Date", "Abstract"],
        [
            "CMS-2019-0001-0001",
            "Medicare Program; Proposed Changes to the Hospital Payment Systems",
            "2019-05-03",
            "2019-06-24",
            "This proposed rule would revise the payment systems for hospitals in 2020.",
        ],
        [
            "CMS-2019-0001-0002",
            "Supporting and Related Material: Impact File for the Proposed Rule",
            "2019-05-03",
            "2019-06-24",
            "The impact file lists each hospital and its estimated payment under the rule.",
        ],
    ]
    assert map_sheet(_sheet(rows)) is None
    mapped = map_sheet(_sheet(rows), _rules("comment=Abstract"))
    assert mapped is not None
    assert _roles(mapped)["Abstract"] == "comment"
    assert _roles(mapped)["Comment Start Date"] == IGNORED
