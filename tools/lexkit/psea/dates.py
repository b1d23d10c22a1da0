"""Calendar arithmetic of the PSEA rules: validity in months (a training), in years (a
partner assessment), and how long ago a referral entry was verified."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by calendar months (back when negative), the day clamped to the
    month's end: 31 January + 1 month is 28 or 29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (earlier when negative); 29 February becomes the 28th
    in a year that has none."""
    return add_months(day, 12 * years)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if add_months(earlier, months) > later else months


def verified_in_time(verified: dt.date, at: dt.date, max_months: int) -> bool:
    """Whether an entry verified on ``verified`` is recent enough at ``at``: no more than
    ``max_months`` before it, and not after it."""
    return add_months(at, -max_months) <= verified <= at
