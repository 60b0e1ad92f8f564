"""Charts of a word frequency table (Altair): a bar chart and a word cloud, saved as PNG or SVG with
:func:`qualcode.analysis.charts.save_chart`.

The word cloud's layout is computed here, not left to the renderer, so that it is the same on every
run and testable: words are placed largest first along an Archimedean spiral from the centre, each at
the first point where its box (its estimated text extent plus a margin) overlaps no box placed
before; a word that finds no room within the spiral's reach is left out and named in
``attrs["left_out"]``. The font size grows with the square root of the count, so that the area a word
takes grows roughly with its count. A seed turns the spiral's starting angle, giving another,
equally valid arrangement.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import altair as alt
import pandas as pd

from ..errors import InputError

#: Width of an average character as a share of the font size (a sans-serif, lower case, a little wide
#: for safety), and the margin around each word's box, in pixels.
CHAR_WIDTH = 0.62
LINE_HEIGHT = 1.1
MARGIN = 2.0
MIN_FONT, MAX_FONT = 11.0, 56.0
CLOUD_WIDTH, CLOUD_HEIGHT = 640, 400
SPIRAL_STEPS = 6000  # points tried per word before it is left out


@dataclass(frozen=True)
class Placed:
    """A word of the cloud: its centre (x, y), font size, and box half-width and half-height (pixels)."""

    word: str
    count: int
    x: float
    y: float
    size: float
    half_width: float
    half_height: float

    def overlaps(self, other: Placed) -> bool:
        return (abs(self.x - other.x) < self.half_width + other.half_width
                and abs(self.y - other.y) < self.half_height + other.half_height)


def _top(table: pd.DataFrame, top: int) -> pd.DataFrame:
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise InputError(f"top: a whole number of words >= 1, got {top!r}", key="err_words_top", value=str(top))
    missing = [c for c in ("word", "count") if c not in table.columns]
    if missing:
        raise InputError(f"a word chart needs the columns word and count; missing: {', '.join(missing)}")
    return table.head(top)


def bar_chart(table: pd.DataFrame, *, top: int = 30, title: str = "",
              labels: dict[str, str] | None = None) -> alt.Chart:
    """Horizontal bars of the ``top`` most frequent words of a table from
    :func:`qualcode.analysis.words.word_counts`, most frequent on top.

    ``labels``: axis titles in the reader's language, ``"word"`` and ``"count"``.

    Example
    -------
    >>> chart = bar_chart(pd.DataFrame({"word": ["data", "desa"], "count": [5, 3]}))
    >>> chart.to_dict()["encoding"]["y"]["sort"]
    ['data', 'desa']
    """
    rows = _top(table, top)
    labels = labels or {}
    order = [str(w) for w in rows["word"]]
    records = [{"word": w, "count": int(n)} for w, n in zip(order, rows["count"], strict=True)]
    chart = alt.Chart(alt.InlineData(values=records)).mark_bar(color="#3b76af").encode(
        x=alt.X("count:Q", title=labels.get("count", "count")),
        y=alt.Y("word:N", sort=order, title=labels.get("word", "word"),
                axis=alt.Axis(labelLimit=200)),
        tooltip=[alt.Tooltip("word:N", title=labels.get("word", "word")),
                 alt.Tooltip("count:Q", title=labels.get("count", "count"))],
    ).properties(width=420, height=alt.Step(16))
    return chart.properties(title=title) if title else chart


def cloud_layout(table: pd.DataFrame, *, top: int = 60, seed: int = 0, width: int = CLOUD_WIDTH,
                 height: int = CLOUD_HEIGHT) -> pd.DataFrame:
    """Where each of the ``top`` most frequent words goes in a word cloud (see the module).

    Returns
    -------
    DataFrame
        Columns word, count, x, y (the centre, pixels from the top left), size (font size, pixels),
        half_width, half_height (of the word's box with its margin); the largest first. No two boxes
        overlap, and each lies inside ``width`` x ``height``. ``attrs["left_out"]``: words with no room.
    """
    rows = _top(table, top)
    counts = [int(n) for n in rows["count"]]
    high, low = (max(counts), min(counts)) if counts else (1, 1)
    turn = random.Random(seed).uniform(0, 2 * math.pi)
    placed: list[Placed] = []
    left_out: list[str] = []
    for word, count in zip(rows["word"], counts, strict=True):
        scale = 1.0 if high == low else (math.sqrt(count) - math.sqrt(low)) / (math.sqrt(high) - math.sqrt(low))
        size = MIN_FONT + scale * (MAX_FONT - MIN_FONT)
        half_w = len(str(word)) * size * CHAR_WIDTH / 2 + MARGIN
        half_h = size * LINE_HEIGHT / 2 + MARGIN
        spot = _find_spot(placed, half_w, half_h, width, height, turn)
        if spot is None:
            left_out.append(str(word))
            continue
        placed.append(Placed(str(word), count, spot[0], spot[1], size, half_w, half_h))
    frame = pd.DataFrame([p.__dict__ for p in placed],
                         columns=["word", "count", "x", "y", "size", "half_width", "half_height"])
    frame.attrs = {"left_out": left_out, "width": width, "height": height}
    return frame


def _find_spot(placed: list[Placed], half_w: float, half_h: float, width: int, height: int,
               turn: float) -> tuple[float, float] | None:
    cx, cy = width / 2, height / 2
    for step in range(SPIRAL_STEPS):
        angle = turn + 0.1 * step
        radius = 0.9 * angle - 0.9 * turn  # an Archimedean spiral r = a (theta - theta0)
        x = cx + radius * math.cos(angle) * width / height  # stretched to the cloud's shape
        y = cy + radius * math.sin(angle)
        if not (half_w <= x <= width - half_w and half_h <= y <= height - half_h):
            if radius > max(width, height):
                return None
            continue
        box = Placed("", 0, x, y, 0, half_w, half_h)
        if not any(box.overlaps(other) for other in placed):
            return x, y
    return None


def word_cloud(table: pd.DataFrame, *, top: int = 60, seed: int = 0, title: str = "") -> alt.Chart:
    """A word cloud of the ``top`` most frequent words: Altair text marks at :func:`cloud_layout`'s places.

    Example
    -------
    >>> chart = word_cloud(pd.DataFrame({"word": ["data", "desa"], "count": [5, 3]}))
    >>> chart.to_dict()["mark"]["type"], chart.to_dict()["encoding"]["text"]["field"]
    ('text', 'word')
    """
    layout = cloud_layout(table, top=top, seed=seed)
    width, height = layout.attrs["width"], layout.attrs["height"]
    records = [{"word": r.word, "count": int(r.count), "x": float(r.x), "y": float(r.y), "size": float(r.size)}
               for r in layout.itertuples()]
    none = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    chart = alt.Chart(alt.InlineData(values=records)).mark_text(baseline="middle", align="center",
                                                               font="sans-serif").encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[0, width], nice=False, zero=False), axis=none),
        y=alt.Y("y:Q", scale=alt.Scale(domain=[height, 0], nice=False, zero=False), axis=none),
        text="word:N",
        size=alt.Size("size:Q", scale=None, legend=None),
        color=alt.Color("count:Q", scale=alt.Scale(range=["#7aa6d6", "#0b3c6f"]), legend=None),
        tooltip=[alt.Tooltip("word:N"), alt.Tooltip("count:Q")],
    ).properties(width=width, height=height).configure_view(stroke=None)
    return chart.properties(title=title) if title else chart


__all__ = ["bar_chart", "cloud_layout", "word_cloud"]
