"""Run every family of checks on a :class:`~lexkit.checks.subject.Subject`.

Each finding is a :class:`~lexkit.errors.Problem` with a code of
:data:`lexkit.codes.CATALOGUE`. ``lexkit build`` runs the same checks: errors stop it,
warnings are printed. A new family is one module with a ``CHECKS`` tuple, named once: in
:data:`FAMILIES` when it applies to every dossier, in :data:`KIND_FAMILIES` under the kind
of dossier it belongs to.
"""

from __future__ import annotations

from types import ModuleType

from lexkit.checks import consultation, coverage, data, drafting, language, psea, structure
from lexkit.checks.subject import Subject
from lexkit.errors import Problem

# In the order their findings are reported: those of every dossier, then its kind's.
FAMILIES: tuple[ModuleType, ...] = (data, structure, language)
KIND_FAMILIES: dict[str, tuple[ModuleType, ...]] = {
    "legislation": (coverage, consultation, drafting),
    "psea": (psea,),
}


def run_checks(subject: Subject) -> list[Problem]:
    """Every finding of every check family the dossier's kind has, in a stable order."""
    findings: list[Problem] = []
    for family in (*FAMILIES, *KIND_FAMILIES.get(subject.dossier.config.kind, ())):
        for check in family.CHECKS:
            findings.extend(check(subject))
    return findings
