"""Romanian and English legislative forms: article lists, numerals, joins, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from lexkit.language import article_ranges, join_words, long_date, roman


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (
            [
                "171",
                "172",
                "173",
                "174",
                "175",
                "175^1",
                "201",
                "206",
                "208",
                "208^1",
                "208^2",
                "208^3",
                "208^4",
                "208^5",
            ],
            "171–175^1, 201, 206, 208–208^5",
        ),
        (["206", "165", "165^1", "171", "172"], "165, 165^1, 171, 172, 206"),
        (["208", "208^1", "208^2", "208^3–208^5"], "208–208^5"),
        (["5", "6", "8", "9", "10", "10^1", "10^1"], "5, 6, 8–10^1"),
        (["12", "art. unic"], "12, art. unic"),
        ([], ""),
    ],
)
def test_article_ranges(numbers, expected):
    assert article_ranges(numbers) == expected


def test_the_other_forms():
    assert roman(1994) == "MCMXCIV"
    assert join_words(["a", "b", "c"], "ro") == "a, b și c"
    assert join_words(["a", "b"], "en") == "a and b"
    assert long_date(dt.date(2025, 9, 12), "ro") == "12 septembrie 2025"
