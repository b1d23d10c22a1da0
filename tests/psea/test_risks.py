"""The SEA risk register scored, banded, ranked and grouped: expected values worked out by
hand from six risks."""

from __future__ import annotations

from typing import Any

import pytest

from lexkit.psea.risks import (
    band_counts,
    band_of,
    band_problems,
    grouped,
    heat_counts,
    rank,
    score,
)


class ReadRecorder(dict[str, Any]):
    """A row that remembers which columns were read (as the documents' rows do)."""

    read: set[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)


def band(key: str, low: int, high: int, colour: str) -> dict[str, Any]:
    return {"key": key, "min": low, "max": high, "name_en": key.title(), "name_ro": key,
            "colour": colour, "status": "to verify", "source": "common practice"}  # fmt: skip


BANDS = [
    band("low", 1, 4, "#8bc34a"),
    band("medium", 5, 12, "#ffc107"),
    band("high", 15, 25, "#d32f2f"),  # 13 and 14 are no product of two levels
]


def risk(key: str, location: str, programme: str, likelihood: int, impact: int,
         action: str | None = None) -> ReadRecorder:  # fmt: skip
    return ReadRecorder(
        key=key, location=location, programme=programme, factor_en=f"factor {key}",
        factor_ro=f"factor {key}", likelihood=likelihood, impact=impact, controls_en="",
        controls_ro="", mitigation_en=None, mitigation_ro=None, action=action, owner="hr",
    )  # fmt: skip


def six_risks() -> list[ReadRecorder]:
    return [
        risk("r4", "chisinau", "shelter", 1, 2, action="a9"),  # 2, low; a9 is no action
        risk("r6", "cahul", "shelter", 3, 3),  # 9, medium
        risk("r2", "balti", "shelter", 5, 4),  # 20, high; impact 4
        risk("r5", "cahul", "cash", 2, 2),  # 4, low
        risk("r3", "balti", "cash", 3, 3, action="a2"),  # 9, medium; balti before cahul
        risk("r1", "chisinau", "cash", 4, 5, action="a1"),  # 20, high; impact 5 first
    ]


ACTIONS = [{"key": "a1", "action_en": "Vet cash distributors"}, {"key": "a2", "action_en": "x"}]


def keys(items: list[Any]) -> list[str]:
    return [item.row["key"] for item in items]


def test_score_is_likelihood_times_impact() -> None:
    assert score({"likelihood": 4, "impact": 5}) == 20
    assert score({"likelihood": 1, "impact": 1}) == 1


def test_band_of_holds_the_score_within_min_and_max() -> None:
    assert band_of(4, BANDS) is BANDS[0]
    assert band_of(5, BANDS) is BANDS[1]
    assert band_of(12, BANDS) is BANDS[1]
    assert band_of(25, BANDS) is BANDS[2]
    assert band_of(13, BANDS) is None


def test_rank_orders_by_score_then_impact_likelihood_location() -> None:
    ranked = rank(six_risks(), BANDS, ACTIONS)
    assert keys(ranked) == ["r1", "r2", "r3", "r6", "r5", "r4"]
    assert [item.score for item in ranked] == [20, 20, 9, 9, 4, 2]
    assert [item.band["key"] if item.band else None for item in ranked] == [
        "high", "high", "medium", "medium", "low", "low",
    ]  # fmt: skip
    assert [item.high for item in ranked] == [True, True, False, False, False, False]


def test_rank_does_not_depend_on_the_table_order() -> None:
    assert keys(rank(six_risks()[::-1], BANDS, ACTIONS)) == keys(rank(six_risks(), BANDS, ACTIONS))


def test_equal_risks_in_one_location_are_ordered_by_programme_then_key() -> None:
    risks = [risk("b", "balti", "shelter", 2, 3), risk("z", "balti", "cash", 2, 3),
             risk("a", "balti", "shelter", 2, 3)]  # fmt: skip
    assert keys(rank(risks, BANDS, [])) == ["z", "a", "b"]


def test_rank_finds_the_action_carrying_the_mitigation() -> None:
    ranked = {item.row["key"]: item for item in rank(six_risks(), BANDS, ACTIONS)}
    assert ranked["r1"].action is ACTIONS[0]
    assert ranked["r3"].action is ACTIONS[1]
    assert ranked["r6"].action is None  # names none
    assert ranked["r4"].action is None  # names one the work plan does not have


def test_rank_reads_only_the_columns_it_needs() -> None:
    risks = six_risks()
    rank(risks, BANDS, ACTIONS)
    read = set().union(*(row.read for row in risks))
    assert read == {"key", "location", "programme", "likelihood", "impact", "action"}


def test_grouped_by_location_orders_groups_by_their_highest_risk() -> None:
    groups = grouped(rank(six_risks(), BANDS, ACTIONS), "location")
    assert [(name, keys(items)) for name, items in groups] == [
        ("chisinau", ["r1", "r4"]),
        ("balti", ["r2", "r3"]),
        ("cahul", ["r6", "r5"]),
    ]


def test_grouped_by_programme() -> None:
    groups = grouped(rank(six_risks(), BANDS, ACTIONS), "programme")
    assert [(name, keys(items)) for name, items in groups] == [
        ("cash", ["r1", "r3", "r5"]),
        ("shelter", ["r2", "r6", "r4"]),
    ]


def test_grouped_by_anything_else_is_refused() -> None:
    with pytest.raises(ValueError, match="location or programme"):
        grouped([], "owner")


def test_heat_counts_are_by_impact_then_likelihood() -> None:
    counts = heat_counts(six_risks())
    expected = [[0] * 5 for _ in range(5)]
    expected[5 - 1][4 - 1] = 1  # r1: impact 5, likelihood 4
    expected[4 - 1][5 - 1] = 1  # r2
    expected[3 - 1][3 - 1] = 2  # r3, r6
    expected[2 - 1][1 - 1] = 1  # r4
    expected[2 - 1][2 - 1] = 1  # r5
    assert counts == expected
    assert sum(map(sum, counts)) == 6


def test_band_counts_lowest_band_first_including_empty_bands() -> None:
    ranked = rank(six_risks()[:2], BANDS, ACTIONS)  # r4 low, r6 medium
    counted = band_counts(ranked, list(reversed(BANDS)))
    assert [(b["key"], n) for b, n in counted] == [("low", 1), ("medium", 1), ("high", 0)]
    all_six = band_counts(rank(six_risks(), BANDS, ACTIONS), BANDS)
    assert [(b["key"], n) for b, n in all_six] == [("low", 2), ("medium", 2), ("high", 2)]


def test_bands_covering_every_possible_score_have_no_problem() -> None:
    assert band_problems(BANDS) == []
    assert band_problems([band("low", 1, 4, "#fff"), band("high", 5, 25, "#000")]) == []


def test_band_gaps_and_overlaps_are_told_in_plain_words() -> None:
    bands = [band("low", 1, 3, "#fff"), band("medium", 6, 12, "#888"),
             band("high", 10, 25, "#000")]  # fmt: skip
    assert band_problems(bands) == [
        "scores 4-5 are in no band: widen a band's min-max so that together they cover 1-25",
        "scores 10-12 are in more than one band ('medium' and 'high'): make them not overlap",
    ]


def test_a_band_that_ends_before_it_starts_is_reported() -> None:
    problems = band_problems([band("low", 1, 4, "#fff"), band("high", 25, 5, "#000")])
    assert problems[0] == "band 'high' ends (5) before it starts (25)"
    assert "scores 5-25 are in no band" in problems[1]
