"""The PSEA documents' pictures: the SEA risk heat map (risk assessment report) and the
training coverage by personnel category (training-compliance update).

Drawn with :mod:`lexkit.io.charts` (no pyplot, same bytes for the same data), 16 cm
wide at print size so that their text reads as set when the document fills an A4 page's
width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from lexkit.io.charts import chart_label, figure, png
from lexkit.language import Lang
from lexkit.psea.risks import LEVELS, band_of

__all__ = [
    "NO_BAND_COLOUR",
    "cell_colours",
    "heat_map_figure",
    "heat_map_png",
    "training_chart_figure",
    "training_chart_png",
]

Row = Mapping[str, Any]

PRINT_WIDTH = 6.3  # inches: 16 cm, an A4 page's text width
DPI = 150
NO_BAND_COLOUR = "#d9d9d9"
"""The cells of scores no band holds (the checks report the gap)."""

_HEAT_TITLE: dict[Lang, str] = {
    "en": "SEA risk heat map",
    "ro": "Harta riscurilor de exploatare și abuz sexual",
}
_AXIS_NAMES: dict[Lang, tuple[str, str]] = {
    "en": ("Likelihood", "Impact"),
    "ro": ("Probabilitate", "Impact"),
}
_TRAINING_TITLE: dict[Lang, str] = {
    "en": "PSEA training coverage by personnel category",
    "ro": "Acoperirea instruirii PSEA pe categorii de personal",
}
_TRAINING_WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "headcount": "Headcount",
        "trained": "Trained",
        "due": "Training due",
        "people": "People",
        "of": "{trained} of {headcount} ({percent}%)",
        "unknown": "{trained} trained\n(headcount unknown)",
        "due_note": "{due} due",
    },
    "ro": {
        "headcount": "Efectiv",
        "trained": "Instruiți",
        "due": "Instruire scadentă",
        "people": "Persoane",
        "of": "{trained} din {headcount} ({percent}%)",
        "unknown": "{trained} instruiți\n(efectiv necunoscut)",
        "due_note": "{due} scadente",
    },
}
_HEADCOUNT_COLOUR = "#d9d9d9"
_TRAINED_COLOUR = "#2e7d32"
_DUE_COLOUR = "#f9a825"

# ---------------------------------------------------------------- the heat map


def cell_colours(bands: Sequence[Row]) -> list[list[str]]:
    """Each heat map cell's colour, ``colours[impact - 1][likelihood - 1]``: the colour of
    the band holding likelihood x impact, :data:`NO_BAND_COLOUR` when none does."""
    return [
        [_band_colour(band_of(likelihood * impact, bands)) for likelihood in LEVELS]
        for impact in LEVELS
    ]


def _band_colour(band: Row | None) -> str:
    return NO_BAND_COLOUR if band is None else str(band["colour"]).lower()


def heat_map_png(
    counts: Sequence[Sequence[int]], bands: Sequence[Row], levels: Sequence[Row], lang: Lang
) -> bytes:
    """The heat map as PNG: likelihood across (1-5), impact up (1-5, highest at the top),
    each cell in its band's colour with how many risks are in it (blank for none)."""
    drawn, _ = heat_map_figure(counts, bands, levels, lang)
    return png(drawn)


def heat_map_figure(
    counts: Sequence[Sequence[int]], bands: Sequence[Row], levels: Sequence[Row], lang: Lang
) -> tuple[Any, Any]:
    """The heat map's figure and axes, whose data coordinates are (likelihood, impact):
    cell (x, y) is centred on those values."""
    from matplotlib.patches import Patch, Rectangle

    drawn, axes = figure(_HEAT_TITLE[lang], size=(PRINT_WIDTH, 5.7), dpi=DPI)
    colours = cell_colours(bands)
    for impact in LEVELS:
        for likelihood in LEVELS:
            colour = colours[impact - 1][likelihood - 1]
            cell = Rectangle((likelihood - 0.5, impact - 0.5), 1, 1, facecolor=colour,
                             edgecolor="white", linewidth=2)  # fmt: skip
            axes.add_patch(cell)
            count = counts[impact - 1][likelihood - 1]
            if count:
                axes.text(likelihood, impact, str(count), ha="center", va="center",
                          fontsize=13, fontweight="bold", color=_ink_on(colour))  # fmt: skip
    _heat_axes(axes, levels, lang)
    legend = [
        Patch(facecolor=_band_colour(band), label=_band_label(band, lang))
        for band in sorted(bands, key=lambda band: band["min"])
    ]
    if legend:
        axes.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.17),
                    ncol=min(len(legend), 3), fontsize=9, frameon=False)  # fmt: skip
    drawn.subplots_adjust(left=0.24, right=0.97, top=0.93, bottom=0.2)
    return drawn, axes


def _heat_axes(axes: Any, levels: Sequence[Row], lang: Lang) -> None:
    x_name, y_name = _AXIS_NAMES[lang]
    axes.set_xlim(0.5, 5.5)
    axes.set_ylim(0.5, 5.5)
    axes.set_aspect("equal")
    axes.spines[["left", "bottom"]].set_visible(False)
    axes.tick_params(length=0)
    axes.set_xticks(list(LEVELS), [_level_label(levels, "likelihood", v, lang) for v in LEVELS],
                    fontsize=8)  # fmt: skip
    axes.set_yticks(list(LEVELS), [_level_label(levels, "impact", v, lang) for v in LEVELS],
                    fontsize=8)  # fmt: skip
    axes.set_xlabel(x_name, fontsize=10, fontweight="bold")
    axes.set_ylabel(y_name, fontsize=10, fontweight="bold")


def _level_label(levels: Sequence[Row], axis: str, value: int, lang: Lang) -> str:
    """``3`` and the level's name under it (wrapped to fit a cell's width)."""
    name = next(
        (row[f"name_{lang}"] for row in levels if row["axis"] == axis and row["value"] == value),
        None,
    )
    if not name:
        return str(value)
    return f"{value}\n" + "\n".join(textwrap.wrap(chart_label(str(name)), 14))


def _band_label(band: Row, lang: Lang) -> str:
    return f"{chart_label(str(band[f'name_{lang}']))} ({band['min']}–{band['max']})"


def _ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` ('#rrggbb')."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "black" if luminance > 140 else "white"


# ---------------------------------------------------------------- training coverage


def training_chart_png(rows: Sequence[tuple[str, int | None, int, int]], lang: Lang) -> bytes:
    """Training coverage as PNG: one group of bars per ``(category, headcount, trained,
    due)``, in the order given (headcount None when unknown)."""
    drawn, _ = training_chart_figure(rows, lang)
    return png(drawn)


def training_chart_figure(
    rows: Sequence[tuple[str, int | None, int, int]], lang: Lang
) -> tuple[Any, Any]:
    """The figure and its axes, the first category at the top: a grey bar for the
    headcount, a green one over it for the people trained, a thin amber one for those
    whose training is due; right of the bars, "trained of headcount (percent)" and how
    many are due."""
    words = _TRAINING_WORDS[lang]
    shown = list(rows) or [("—", None, 0, 0)]
    height = max(2.6, 0.6 * len(shown) + 1.6)
    drawn, axes = figure("", size=(PRINT_WIDTH, height), dpi=DPI)
    drawn.suptitle(_TRAINING_TITLE[lang], fontsize=11, y=1 - 0.1 / height, va="top")
    places = list(range(len(shown)))[::-1]  # the first row at the top
    headcounts = [row[1] or 0 for row in shown]
    due = [row[3] for row in shown]
    axes.barh(places, headcounts, height=0.75, color=_HEADCOUNT_COLOUR, label=words["headcount"])
    axes.barh([p + 0.1 for p in places], [row[2] for row in shown], height=0.45,
              color=_TRAINED_COLOUR, label=words["trained"])  # fmt: skip
    axes.barh([p - 0.27 for p in places], due, height=0.18, color=_DUE_COLOUR,
              label=words["due"])  # fmt: skip
    labels = ["\n".join(textwrap.wrap(chart_label(row[0]), 24)) or "—" for row in shown]
    notes = [_coverage(row, words) for row in shown]
    for place, note in zip(places, notes, strict=True):
        axes.text(1.02, place, note, va="center", fontsize=8,
                  transform=axes.get_yaxis_transform())  # fmt: skip
    axes.set_yticks(places, labels, fontsize=9)
    axes.set_ylim(-0.6, len(shown) - 0.4)
    axes.set_xlim(0, max([*headcounts, *(row[2] for row in shown), *due, 1]) * 1.05)
    axes.set_xlabel(words["people"], fontsize=9)
    axes.tick_params(axis="x", labelsize=8)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=8, frameon=False,
                borderaxespad=0.2)  # fmt: skip
    _training_margins(drawn, labels, notes, height)
    return drawn, axes


def _training_margins(drawn: Any, labels: list[str], notes: list[str], height: float) -> None:
    """Room on the left for the categories, on the right for the notes (measured, as
    :func:`lexkit.io.charts.png` does, so the figure is drawn once)."""
    left = _widest(drawn, labels, 9) + 0.2
    right = _widest(drawn, notes, 8) + 0.25
    drawn.subplots_adjust(
        left=left / PRINT_WIDTH,
        right=max(1 - right / PRINT_WIDTH, left / PRINT_WIDTH + 0.25),
        top=1 - 0.62 / height,
        bottom=0.6 / height,
    )


def _widest(drawn: Any, texts: list[str], size: float) -> float:
    """The widest line of ``texts`` in inches, at font ``size``."""
    from matplotlib.font_manager import FontProperties

    renderer = drawn.canvas.get_renderer()
    font = FontProperties(size=size)
    lines = [line for text in texts for line in text.split("\n")]
    points = (renderer.get_text_width_height_descent(t, font, ismath=False)[0] for t in lines)
    return max(points, default=0.0) / drawn.dpi


def _coverage(row: tuple[str, int | None, int, int], words: dict[str, str]) -> str:
    _, headcount, trained, due = row
    if headcount is None:
        text = words["unknown"].format(trained=trained)
    else:
        percent = round(100 * trained / headcount) if headcount else 0
        text = words["of"].format(trained=trained, headcount=headcount, percent=percent)
    return f"{text}\n{words['due_note'].format(due=due)}" if due else text
