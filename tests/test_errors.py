"""Bad Markdown: every problem at once, each with file, line and a fix."""

from __future__ import annotations

from docx_helpers import front
from lexkit.errors import Location, Problem, format_problems


def test_all_problems_are_reported_at_once_with_lines_and_fixes(problems_of):
    problems = problems_of(
        front(
            "### Articolul. A {#a}\n\nText [](#lipsa).\n\n"
            "### Obiectul legii\n\nText.\n\n"
            "### Articolul. B {#a}\n\n[site](legis.html)\n"
        ),
        name="lege.md",
    )
    assert len(problems) == 4
    joined = "\n".join(problems)
    assert "lege.md:11: error: the reference [](#lipsa) points to no provision" in joined
    assert (
        "lege.md:13: error: the heading 'Obiectul legii' does not start with a structural" in joined
    )
    assert "fix: start it with one of: Capitolul, Secțiunea, Articolul, Anexa" in joined
    assert "lege.md:17: error: the id {#a} is used twice" in joined
    assert "lege.md:19: error: cannot link to 'legis.html'" in joined
    assert all("\n    fix: " in p for p in problems)


def test_front_matter_problems(problems_of):
    problems = problems_of(
        "---\ntitle: T\ntype: lege\nlang: rom\ndate: 12.09.2025\n---\n\n### Articolul. A\n\nT.\n"
    )
    joined = "\n".join(problems)
    assert "'type' is 'lege', which is not a document type" in joined
    assert "use one of: law, government-decision, regulation, note, report" in joined
    assert "'lang' must be ro or en, not 'rom'" in joined
    assert "'date' '12.09.2025' is not a date" in joined


def test_front_matter_that_is_not_yaml(problems_of):
    problems = problems_of("---\ntitle: [unclosed\n---\n\n### Articolul. A\n\nT.\n")
    assert len(problems) == 1
    assert problems[0].startswith("doc.md:3: error: the front matter is not valid YAML")


def test_bad_attributes(problems_of):
    problems = problems_of(front('### Articolul. A {#a implements="x}\n\nT.\n'))
    assert len(problems) == 1
    assert "doc.md:9" in problems[0]
    assert "cannot read the attributes" in problems[0]


def test_problems_are_grouped_by_file_and_sorted_by_line():
    text = format_problems(
        [
            Problem(Location("b.md", 3), "third", code="M001"),
            Problem(Location("a.md", 9), "second", code="M001"),
            Problem(Location("a.md", 2), "first", code="M001"),
        ]
    )
    assert text.index("a.md:2") < text.index("a.md:9") < text.index("b.md:3")


def test_a_horizontal_rule_is_reported_not_silently_dropped(problems_of):
    problems = problems_of(front("### Articolul. A\n\nText.\n\n---\n\nAlt text.\n"))
    assert len(problems) == 1
    assert problems[0].startswith("doc.md:13: warning: a line of dashes")
