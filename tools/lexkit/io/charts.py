"""Charts as PNG bytes, drawn the same way every time.

matplotlib is imported inside the functions: most runs draw no chart, and its import is
the slowest of lexkit's. Figures are drawn without pyplot (its import and its global
state), on the Agg canvas, and saved with no software name or date, so the same data
gives the same bytes (a rebuilt document does not change for nothing).
"""

from __future__ import annotations

import io
from typing import Any

__all__ = ["chart_label", "figure", "png"]


def figure(
    title: str, bars: int = 0, *, size: tuple[float, float] | None = None, dpi: int = 120
) -> tuple[Any, Any]:
    """A figure drawn in memory and its one axes, titled, without the top and right
    spines. Its size is ``size`` (inches) when given, else 8 inches wide and tall enough
    for ``bars`` horizontal bars."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    shape = size if size is not None else (8, max(2.0, 0.35 * bars + 1.2))
    drawn = Figure(figsize=shape, dpi=dpi)
    FigureCanvasAgg(drawn)
    axes = drawn.subplots()
    axes.set_title(title, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return drawn, axes


def png(
    drawn: Any, labels: list[str] | None = None, *, top: float = 0.4, bottom: float = 0.45
) -> bytes:
    """The figure as PNG. With ``labels`` (the bars' labels, on the left), its left margin
    is fitted to them (measured: tight_layout would draw the whole figure once more, a
    quarter of a chart's time) and its top and bottom margins are ``top`` and ``bottom``
    inches; without, the figure keeps the layout its caller gave it."""
    if labels is not None:
        _fit_margins(drawn, labels, top, bottom)
    buffer = io.BytesIO()
    # No software or date in the file, so the same data gives the same bytes.
    drawn.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _fit_margins(drawn: Any, labels: list[str], top: float, bottom: float) -> None:
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    renderer = drawn.canvas.get_renderer()
    font = FontProperties(size=rcParams["ytick.labelsize"])
    widest = max(
        (renderer.get_text_width_height_descent(t, font, ismath=False)[0] for t in labels),
        default=0.0,
    )
    width, height = drawn.get_size_inches()
    left = (widest + 0.25 * drawn.dpi) / (width * drawn.dpi)
    drawn.subplots_adjust(
        left=min(0.6, left), right=1 - 0.15 / width, top=1 - top / height, bottom=bottom / height
    )


def chart_label(text: str) -> str:
    """A label matplotlib draws as written ("$" would start mathematics)."""
    return text.replace("$", r"\$")
