"""The heat map and the training coverage chart: PNGs that open, the same bytes for the
same data, and the heat map's cells in their bands' colours where the reader looks."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from lexkit.io.charts import png
from lexkit.psea.charts import (
    NO_BAND_COLOUR,
    cell_colours,
    heat_map_figure,
    heat_map_png,
    training_chart_png,
)

GREEN, AMBER, RED = "#8bc34a", "#ffc107", "#d32f2f"
BANDS = [
    {"key": "low", "min": 1, "max": 4, "name_en": "Low", "name_ro": "Scăzut", "colour": GREEN},
    {
        "key": "medium",
        "min": 5,
        "max": 12,
        "name_en": "Medium",
        "name_ro": "Mediu",
        "colour": AMBER.upper(),
    },
    {"key": "high", "min": 15, "max": 25, "name_en": "High", "name_ro": "Ridicat", "colour": RED},
]
NAMES = {
    "likelihood": ["Rare", "Unlikely", "Possible", "Likely", "Near certain"],
    "impact": ["Negligible", "Moderate", "Significant", "Severe", "Critical"],
}
LEVELS = [
    {"axis": axis, "value": value, "name_en": name, "name_ro": f"{name} (ro) ș ț"}
    for axis, names in NAMES.items()
    for value, name in enumerate(names, start=1)
]


def counts() -> list[list[int]]:
    grid = [[0] * 5 for _ in range(5)]
    grid[5 - 1][4 - 1] = 2  # impact 5, likelihood 4
    grid[1 - 1][1 - 1] = 1
    grid[3 - 1][3 - 1] = 3
    return grid


def image(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    opened = Image.open(io.BytesIO(data))
    opened.load()
    return opened.convert("RGB")


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def test_cell_colours_follow_the_band_of_likelihood_times_impact() -> None:
    colours = cell_colours(BANDS)
    assert colours[0][0] == GREEN  # 1 x 1
    assert colours[0][3] == GREEN  # likelihood 4, impact 1: 4
    assert colours[0][4] == AMBER  # likelihood 5, impact 1: 5 (colour written in capitals)
    assert colours[2][3] == AMBER  # 12
    assert colours[3][3] == RED  # 16
    assert colours[4][4] == RED  # 25
    gap = cell_colours(BANDS[:2])
    assert gap[4][4] == NO_BAND_COLOUR
    assert gap[2][2] == AMBER


def pixel_at(drawn: Any, axes: Any, picture: Image.Image, x: float, y: float) -> tuple[int, ...]:
    """The picture's colour at data point (x, y): display coordinates count from the
    bottom, image rows from the top."""
    px, py = axes.transData.transform((x, y))
    height = drawn.get_size_inches()[1] * drawn.dpi
    seen = picture.getpixel((int(px), round(height - py)))
    assert isinstance(seen, tuple)
    return seen


def test_heat_map_cells_show_their_band_colour() -> None:
    drawn, axes = heat_map_figure(counts(), BANDS, LEVELS, "en")
    picture = image(png(drawn))
    colours = cell_colours(BANDS)
    for impact in range(1, 6):
        for likelihood in range(1, 6):
            # Off the centre, where the count is written.
            seen = pixel_at(drawn, axes, picture, likelihood - 0.3, impact + 0.3)
            assert seen == rgb(colours[impact - 1][likelihood - 1]), (likelihood, impact)


def test_heat_map_writes_the_count_in_a_cell_and_nothing_in_an_empty_one() -> None:
    drawn, axes = heat_map_figure(counts(), BANDS, LEVELS, "en")
    picture = image(png(drawn))

    def inked(likelihood: int, impact: int) -> bool:
        cell = [pixel_at(drawn, axes, picture, likelihood + dx / 10, impact + dy / 10)
                for dx in range(-2, 3) for dy in range(-2, 3)]  # fmt: skip
        return any(p != cell[0] for p in cell)

    assert [inked(4, 5), inked(3, 3), inked(1, 1)] == [True, True, True]
    assert [inked(2, 2), inked(5, 5)] == [False, False]
    texts = [text.get_text() for text in axes.texts]
    assert sorted(texts) == ["1", "2", "3"]


def test_heat_map_labels_and_title_are_in_the_language() -> None:
    _, english = heat_map_figure(counts(), BANDS, LEVELS, "en")
    assert english.get_title() == "SEA risk heat map"
    assert english.get_xlabel() == "Likelihood"
    assert [t.get_text() for t in english.get_xticklabels()][4] == "5\nNear certain"
    assert [t.get_text() for t in english.get_yticklabels()][:2] == ["1\nNegligible", "2\nModerate"]
    legend = [t.get_text() for t in english.get_legend().get_texts()]
    assert legend == ["Low (1–4)", "Medium (5–12)", "High (15–25)"]
    _, romanian = heat_map_figure(counts(), BANDS, LEVELS, "ro")
    assert romanian.get_title() == "Harta riscurilor de exploatare și abuz sexual"
    assert romanian.get_xlabel() == "Probabilitate"
    assert [t.get_text() for t in romanian.get_legend().get_texts()][2] == "Ridicat (15–25)"


def test_heat_map_is_print_sized_and_the_same_bytes_every_time() -> None:
    first = heat_map_png(counts(), BANDS, LEVELS, "ro")
    assert first == heat_map_png(counts(), BANDS, LEVELS, "ro")
    assert b"Software" not in first
    width, _ = image(first).size
    assert width == 945  # 16 cm (6.3 in) at 150 dpi


ROWS = [("Staff", 120, 95, 12), ("Consultants $", 30, 10, 2), ("Interns", None, 4, 0)]


def test_training_chart_opens_and_is_the_same_every_time() -> None:
    first = training_chart_png(ROWS, "en")
    assert first == training_chart_png(ROWS, "en")
    assert b"Software" not in first
    assert image(first).size[0] == 945
    assert training_chart_png(ROWS, "ro") != first


def test_training_chart_says_coverage_in_the_language() -> None:
    from lexkit.psea.charts import training_chart_figure

    drawn, axes = training_chart_figure(ROWS, "ro")
    assert drawn.texts[0].get_text() == "Acoperirea instruirii PSEA pe categorii de personal"
    notes = [text.get_text() for text in axes.texts]
    assert notes == ["95 din 120 (79%)\n12 scadente", "10 din 30 (33%)\n2 scadente",
                     "4 instruiți\n(efectiv necunoscut)"]  # fmt: skip
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Staff", "Consultants \\$", "Interns"]
    _, english = training_chart_figure(ROWS, "en")
    legend = [t.get_text() for t in english.get_legend().get_texts()]
    assert legend == ["Headcount", "Trained", "Training due"]


def test_training_chart_without_rows_still_draws() -> None:
    image(training_chart_png([], "en"))
