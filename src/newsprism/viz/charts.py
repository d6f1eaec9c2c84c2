"""Chart set-up and saving, and one helper per kind of chart the notebooks draw.

Every helper returns ``(fig, ax)`` on a constrained-layout figure, wraps long tick labels,
puts a legend (or a colour bar) for every colour it uses outside the axes, and draws a
note instead of an empty chart. :func:`save_chart` writes the PNG (150 dpi) beside the
CSV of the data it plots.

- :func:`heatmap`: a matrix with every cell annotated (similarities, mentions, frames, ...);
- :func:`stacked_bars` / :func:`grouped_bars`: one horizontal bar (or group of bars) per
  row of a table, one colour per column (counts or shares by category);
- :func:`ranked_bars`: one bar per row, coloured by a group column (terms, scores).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from newsprism.corpus.labels import short_ids
from newsprism.output import atomic_write_bytes, write_table

from .palette import PALETTE, category_colours, legend_handles

__all__ = [
    "DPI",
    "PALETTE",
    "grouped_bars",
    "heatmap",
    "new_figure",
    "ranked_bars",
    "save_chart",
    "short_labels",
    "stacked_bars",
    "style",
    "wrap_labels",
]

#: Resolution of every saved chart.
DPI = 150


def style() -> None:
    """Deterministic, readable defaults for every newsprism chart."""
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "svg.hashsalt": "newsprism",
            "path.simplify": True,
        }
    )


def new_figure(width: float = 7.0, height: float = 3.5):
    """A styled figure and axes of the given size in inches (constrained layout)."""
    style()
    return plt.subplots(figsize=(width, height), layout="constrained")


def save_chart(fig, data: pd.DataFrame, name: str, out_dir: str | Path) -> Path:
    """Save ``fig`` as ``out_dir/figures/NAME.png`` (150 dpi) and ``data`` (what it plots)
    as ``NAME.csv`` beside it.

    PNG bytes carry no timestamp, so the same data gives the same file. Returns the PNG path.
    """
    figures = Path(out_dir) / "figures"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    png = atomic_write_bytes(figures / f"{name}.png", buffer.getvalue())
    write_table(data, figures / f"{name}.csv")
    return png


def short_labels(ids: list[str], min_len: int = 3) -> dict[str, str]:
    """``{doc_id: short id}`` (see :func:`newsprism.corpus.labels.short_ids`)."""
    return short_ids(ids, min_len)


def wrap_labels(labels: Sequence[object], width: int = 28) -> list[str]:
    """Each label as text wrapped at ``width`` characters (long words are not broken)."""
    return [textwrap.fill(str(label), width, break_long_words=False) or str(label) for label in labels]


def _note(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    ax.axis("off")


def _titled(fig, ax, title: str, xlabel: str, ylabel: str):
    if title:
        ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def _legend_below(fig, colours: Mapping[str, str], ncols: int | None, labels: Sequence[str] | None = None) -> None:
    handles = legend_handles(colours, labels)
    if handles:
        ncols = ncols or min(len(handles), 6)
        fig.legend(handles=handles, ncols=ncols, fontsize=8, frameon=False, loc="outside lower center")


def _ink(rgba) -> str:
    """Black or white, whichever reads better on a cell of colour ``rgba``."""
    r, g, b = rgba[:3]
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "white"


def heatmap(
    matrix: pd.DataFrame,
    *,
    title: str = "",
    colorbar_label: str = "",
    cmap: str = "Blues",
    vmin: float | None = None,
    vmax: float | None = None,
    fmt: str | Callable[[float], str] = "{:.2f}",
    cell_text: pd.DataFrame | None = None,
    hide: pd.DataFrame | np.ndarray | None = None,
    row_groups: Sequence[str] | None = None,
    xlabel: str = "",
    ylabel: str = "",
    xrotation: float = 0,
    label_width: int = 28,
    xlabel_width: int | None = None,
    fontsize: float = 8,
    size: tuple[float, float] | None = None,
    colorbar: bool = True,
    empty: str = "nothing to show",
):
    """An annotated heatmap of ``matrix`` (rows and columns as labelled), with a colour bar.

    Each cell shows its value through ``fmt`` (a format string or a function), or the text
    of ``cell_text`` (same shape) when given; cells where ``hide`` is true, and NaN cells,
    are left blank. ``row_groups`` (one name per row) draws a line between groups of rows.
    Tick labels wrap at ``label_width`` characters (columns at ``xlabel_width`` when given).
    ``colorbar=False`` leaves the colour bar out (for colours that code categories, not
    values: say what they mean in the title). An empty matrix gives a note instead.
    """
    n_rows, n_cols = matrix.shape
    width, height = size or (min(14.0, 2.8 + 0.9 * n_cols), min(16.0, 1.4 + 0.34 * n_rows))
    fig, ax = new_figure(width, height)
    if not n_rows or not n_cols:
        _note(ax, empty)
        return _titled(fig, ax, title, "", "")
    values = matrix.to_numpy(dtype=float)
    hidden = np.isnan(values) if hide is None else (np.asarray(hide, dtype=bool) | np.isnan(values))
    shown = np.where(hidden, np.nan, values)
    finite = shown[~np.isnan(shown)]
    low = vmin if vmin is not None else (min(0.0, float(finite.min())) if finite.size else 0.0)
    high = vmax if vmax is not None else (float(finite.max()) if finite.size and finite.max() > low else low + 1.0)
    image = ax.imshow(shown, cmap=cmap, vmin=low, vmax=high, aspect="auto")
    text = fmt.format if isinstance(fmt, str) else fmt
    for (i, j), value in np.ndenumerate(shown):
        label = str(cell_text.iat[i, j]) if cell_text is not None else ("" if math.isnan(value) else text(value))
        if label:
            colour = "black" if math.isnan(value) else _ink(image.cmap(image.norm(value)))
            ax.text(j, i, label, ha="center", va="center", fontsize=fontsize, color=colour)
    ax.set_xticks(range(n_cols), wrap_labels(matrix.columns, xlabel_width or label_width), rotation=xrotation, ha="right" if xrotation else "center")
    ax.set_yticks(range(n_rows), wrap_labels(matrix.index, label_width))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if row_groups is not None:
        for i in range(1, len(row_groups)):
            if row_groups[i] != row_groups[i - 1]:
                ax.axhline(i - 0.5, color="black", linewidth=1.2)
    if colorbar:
        fig.colorbar(image, ax=ax, shrink=0.8, label=colorbar_label)
    return _titled(fig, ax, title, xlabel, ylabel)


def _bars(table: pd.DataFrame, stacked: bool, colours, xlabel, ylabel, title, xlim, legend_ncols, labels, label_width, size, empty):
    n_rows, n_cols = table.shape
    width, height = size or (7.5, min(16.0, 1.6 + (0.42 if stacked else 0.3 * max(n_cols, 1)) * max(n_rows, 1)))
    fig, ax = new_figure(width, height)
    if not n_rows or not n_cols:
        _note(ax, empty)
        return _titled(fig, ax, title, "", "")
    names = [str(c) for c in table.columns]
    colours = dict(colours) if colours is not None else category_colours(names)
    used = {name: colours.get(name, PALETTE[k % len(PALETTE)]) for k, name in enumerate(names)}
    values = table.to_numpy(dtype=float)
    y = np.arange(n_rows)
    left = np.zeros(n_rows)
    bar = 0.7 if stacked else 0.8 / n_cols
    for k, name in enumerate(names):
        if stacked:
            ax.barh(y, values[:, k], left=left, height=bar, color=used[name], label=name)
            left += values[:, k]
        else:
            ax.barh(y - 0.4 + bar * (k + 0.5), values[:, k], height=bar, color=used[name], label=name)
    ax.set_yticks(y, wrap_labels(table.index, label_width))
    ax.invert_yaxis()
    if xlim is not None:
        ax.set_xlim(*xlim)
    _legend_below(fig, used, legend_ncols, labels)
    return _titled(fig, ax, title, xlabel, ylabel)


def stacked_bars(
    table: pd.DataFrame,
    *,
    colours: Mapping[str, str] | None = None,
    labels: Sequence[str] | None = None,
    xlabel: str = "",
    ylabel: str = "",
    title: str = "",
    xlim: tuple[float, float] | None = None,
    legend_ncols: int | None = None,
    label_width: int = 28,
    size: tuple[float, float] | None = None,
    empty: str = "nothing to show",
):
    """One horizontal bar per row of ``table`` (the index labels the bars, first row on
    top), stacked by column. Colours: ``colours`` by column name, else the fixed colours
    of the category the columns belong to (:func:`~newsprism.viz.palette.category_colours`);
    ``labels`` renames the columns in the legend below the chart."""
    return _bars(table, True, colours, xlabel, ylabel, title, xlim, legend_ncols, labels, label_width, size, empty)


def grouped_bars(
    table: pd.DataFrame,
    *,
    colours: Mapping[str, str] | None = None,
    labels: Sequence[str] | None = None,
    xlabel: str = "",
    ylabel: str = "",
    title: str = "",
    xlim: tuple[float, float] | None = None,
    legend_ncols: int | None = None,
    label_width: int = 28,
    size: tuple[float, float] | None = None,
    empty: str = "nothing to show",
):
    """As :func:`stacked_bars`, with the columns of a row side by side instead of stacked."""
    return _bars(table, False, colours, xlabel, ylabel, title, xlim, legend_ncols, labels, label_width, size, empty)


def ranked_bars(
    table: pd.DataFrame,
    label: str,
    value: str,
    group: str,
    *,
    colours: Mapping[str, str] | None = None,
    text: str | None = None,
    xlabel: str = "",
    title: str = "",
    xlim: tuple[float, float] | None = None,
    legend_ncols: int | None = None,
    label_width: int = 40,
    size: tuple[float, float] | None = None,
    empty: str = "nothing to show",
):
    """One horizontal bar per row of ``table`` in table order (first on top): length
    ``table[value]``, tick label ``table[label]``, colour by ``table[group]`` (``colours``,
    else :func:`~newsprism.viz.palette.category_colours`) with a legend of the groups, and
    ``table[text]`` written after each bar when given."""
    n = len(table)
    fig, ax = new_figure(*(size or (7.5, min(16.0, 1.6 + 0.3 * max(n, 1)))))
    if not n:
        _note(ax, empty)
        return _titled(fig, ax, title, "", "")
    groups = [str(g) for g in table[group]]
    used = dict(colours) if colours is not None else category_colours(groups)
    used = {g: used.get(g, PALETTE[k % len(PALETTE)]) for k, g in enumerate(dict.fromkeys(groups))}
    y = np.arange(n)
    lengths = table[value].to_numpy(dtype=float)
    ax.barh(y, lengths, height=0.7, color=[used[g] for g in groups])
    if text is not None:
        offset = 0.01 * (np.nanmax(np.abs(lengths)) or 1.0)
        for k, words in enumerate(table[text]):
            ax.text(lengths[k] + offset, k, str(words), va="center", fontsize=8)
    ax.set_yticks(y, wrap_labels(table[label], label_width))
    ax.invert_yaxis()
    if xlim is not None:
        ax.set_xlim(*xlim)
    _legend_below(fig, used, legend_ncols)
    return _titled(fig, ax, title, xlabel, "")
