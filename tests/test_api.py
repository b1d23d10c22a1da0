"""lexkit.api is the library's public face: its names are frozen here, so that adding,
renaming or removing one is a decision a reviewer sees in the diff."""

from __future__ import annotations

import lexkit.api as api

PUBLIC = [
    "CheckResult",
    "DossierNeeded",
    "EDITIONS",
    "LexkitError",
    "Location",
    "Problem",
    "Severity",
    "build",
    "check",
    "check_json",
    "chosen_dossier",
    "compare",
    "consultation_decisions_export",
    "consultation_decisions_import",
    "consultation_form",
    "consultation_ingest",
    "consultation_inspect",
    "consultation_status",
    "display_path",
    "format_problems",
    "render_file",
    "review_ingest",
    "stakeholder_files",
    "summary_line",
    "tracker_export",
    "tracker_import",
    "write_reference",
]


def test_the_public_names_are_frozen():
    assert sorted(api.__all__) == PUBLIC


def test_every_public_name_is_there_and_documented():
    for name in api.__all__:
        value = getattr(api, name)
        assert value.__doc__, name


def test_star_import_gives_exactly_the_public_names():
    namespace: dict[str, object] = {}
    exec("from lexkit.api import *", namespace)
    assert sorted(n for n in namespace if n != "__builtins__") == PUBLIC


def test_the_cli_uses_the_library_through_the_api_only():
    import ast
    from pathlib import Path

    source = Path(api.__file__).with_name("cli.py").read_text(encoding="utf-8")
    modules = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lexkit")
    }
    assert modules == {"lexkit", "lexkit.api"}
