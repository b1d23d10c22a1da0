"""Run every family of checks on a :class:`~lexkit.checks.subject.Subject`.

Each finding is a :class:`~lexkit.errors.Problem` with a code of
:data:`lexkit.codes.CATALOGUE`. ``lexkit build`` runs the same checks: errors stop it,
warnings are printed. A new family is one module with a ``CHECKS`` tuple, named once in
:data:`FAMILIES`.
"""

from __future__ import annotations

from lexkit.checks import consultation, coverage, data, drafting, language, structure
from lexkit.checks.subject import Subject
from lexkit.errors import Problem

# In the order their findings are reported.
FAMILIES = (data, structure, language, coverage, consultation, drafting)


def run_checks(subject: Subject) -> list[Problem]:
    """Every finding of every check family, in a stable order."""
    findings: list[Problem] = []
    for family in FAMILIES:
        for check in family.CHECKS:
            findings.extend(check(subject))
    return findings
