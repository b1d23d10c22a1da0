"""The starting dossier of the check tests passes every check: each test's finding is
its own."""

from __future__ import annotations

from pathlib import Path

from check_helpers import Dossier


def test_the_minimal_dossier_has_no_finding(tmp_path: Path):
    assert Dossier(tmp_path).findings() == []
