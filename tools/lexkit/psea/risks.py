"""The SEA risk register, scored and ranked: what the risk assessment report (issue 14,
deliverable 3) and its heat map are computed from.

A risk's score is likelihood x impact (1-25); its band is the ``risk_bands`` row whose
``min``-``max`` holds the score. Rows are the validated tables' dicts; they may record
which columns a document reads, so only the columns needed are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "GROUPINGS",
    "LEVELS",
    "RankedRisk",
    "band_counts",
    "band_of",
    "band_problems",
    "grouped",
    "heat_counts",
    "rank",
    "score",
]

Row = Mapping[str, Any]

LEVELS = range(1, 6)
"""The values of likelihood and of impact."""
SCORES = range(1, 26)
"""The scores bands must cover, each once."""
POSSIBLE_SCORES = frozenset(likelihood * impact for likelihood in LEVELS for impact in LEVELS)
"""The scores a risk can have: a gap at 13-14 (no product of 1-5) leaves no risk out."""
GROUPINGS = ("location", "programme")


def score(risk: Row) -> int:
    """Likelihood x impact, 1-25."""
    return int(risk["likelihood"]) * int(risk["impact"])


def band_of(value: int, bands: Iterable[Row]) -> Row | None:
    """The band whose ``min`` <= ``value`` <= ``max`` (the first, should two overlap)."""
    return next((band for band in bands if _holds(band, value)), None)


def _holds(band: Row, value: int) -> bool:
    return bool(band["min"] <= value <= band["max"])


def band_problems(bands: Sequence[Row]) -> list[str]:
    """What keeps the bands from covering the scores 1-25 each exactly once: bands that
    end before they start, scores in more than one band, and scores in no band (only
    where a risk can score them: 7, 11, 13, 14 ... are no product of two levels)."""
    problems = [
        f"band {band['key']!r} ends ({band['max']}) before it starts ({band['min']})"
        for band in bands
        if band["min"] > band["max"]
    ]
    holders = {value: [b["key"] for b in bands if _holds(b, value)] for value in SCORES}
    for first, last, keys in _runs(holders):
        scores = _score_range(first, last)
        if not keys and any(value in POSSIBLE_SCORES for value in range(first, last + 1)):
            problems.append(
                f"{scores} in no band: widen a band's min-max so that together they cover 1-25"
            )
        elif len(keys) > 1:
            names = " and ".join(repr(key) for key in keys)
            problems.append(f"{scores} in more than one band ({names}): make them not overlap")
    return problems


def _runs(holders: dict[int, list[str]]) -> list[tuple[int, int, list[str]]]:
    """Consecutive scores held by the same bands, as (first, last, band keys)."""
    runs: list[tuple[int, int, list[str]]] = []
    for value, keys in holders.items():
        if runs and runs[-1][2] == keys and runs[-1][1] == value - 1:
            runs[-1] = (runs[-1][0], value, keys)
        else:
            runs.append((value, value, keys))
    return runs


def _score_range(first: int, last: int) -> str:
    return f"score {first} is" if first == last else f"scores {first}-{last} are"


@dataclass(frozen=True)
class RankedRisk:
    """A risk with its score, its band (None when no band holds the score) and the work
    plan action that carries its mitigation (None when it names none, or an unknown one)."""

    row: Row
    score: int
    band: Row | None
    action: Row | None

    @property
    def high(self) -> bool:
        """In the band whose key is ``high``."""
        return self.band is not None and self.band["key"] == "high"


def rank(risks: Iterable[Row], bands: Sequence[Row], actions: Iterable[Row]) -> list[RankedRisk]:
    """The risks, highest score first; equal scores by impact, then likelihood (both
    highest first), then location, programme and key, so the order never depends on the
    table's."""
    by_key = {action["key"]: action for action in actions}
    ranked = []
    for risk in risks:
        value = score(risk)
        action = risk.get("action")
        ranked.append(RankedRisk(risk, value, band_of(value, bands), by_key.get(action)))
    return sorted(ranked, key=_rank_order)


def _rank_order(item: RankedRisk) -> tuple[Any, ...]:
    row = item.row
    return (
        -item.score,
        -int(row["impact"]),
        -int(row["likelihood"]),
        str(row["location"]),
        str(row["programme"]),
        str(row["key"]),
    )


def grouped(ranked: Sequence[RankedRisk], by: str) -> list[tuple[str, list[RankedRisk]]]:
    """The ranked risks by ``location`` or ``programme`` (its key): each group in ranked
    order, the groups in the order of their highest risk."""
    if by not in GROUPINGS:
        raise ValueError(f"risks are grouped by {' or '.join(GROUPINGS)}, not {by!r}")
    groups: dict[str, list[RankedRisk]] = {}
    for item in sorted(ranked, key=_rank_order):
        groups.setdefault(str(item.row[by]), []).append(item)
    return list(groups.items())


def heat_counts(risks: Iterable[Row]) -> list[list[int]]:
    """How many risks in each cell of the heat map: ``counts[impact - 1][likelihood - 1]``.
    A risk whose likelihood or impact is not 1-5 is not counted (the schema reports it)."""
    counts = [[0] * len(LEVELS) for _ in LEVELS]
    for risk in risks:
        likelihood, impact = risk["likelihood"], risk["impact"]
        if _is_level(likelihood) and _is_level(impact):
            counts[impact - 1][likelihood - 1] += 1
    return counts


def _is_level(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in LEVELS


def band_counts(ranked: Iterable[RankedRisk], bands: Sequence[Row]) -> list[tuple[Row, int]]:
    """Each band, lowest first, with how many risks are in it (none left out: a band
    without risks counts 0)."""
    order = sorted(range(len(bands)), key=lambda index: (bands[index]["min"], index))
    counts = [0] * len(bands)
    for item in ranked:
        # The band again, from these bands: the ranking may have used other rows.
        index = next((i for i, band in enumerate(bands) if _holds(band, item.score)), None)
        if index is not None:
            counts[index] += 1
    return [(bands[index], counts[index]) for index in order]
