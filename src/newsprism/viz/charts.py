"""Shared chart set-up and saving: every chart goes out as a PNG beside the CSV it plots."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from newsprism.output import atomic_write_bytes, write_table

__all__ = ["PALETTE", "new_figure", "save_chart", "short_labels", "style"]

#: Colour-blind-safe qualitative palette (Okabe & Ito), one colour per article or category.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def style() -> None:
    """Deterministic, readable defaults for every newsprism chart."""
    plt.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 100,
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
    """A styled figure and axes of the given size in inches."""
    style()
    return plt.subplots(figsize=(width, height), layout="constrained")


def save_chart(fig, data: pd.DataFrame, name: str, out_dir: str | Path) -> Path:
    """Save ``fig`` as ``out_dir/figures/NAME.png`` and ``data`` (what it plots) as ``NAME.csv``.

    PNG bytes carry no timestamp, so the same data gives the same file. Returns the PNG path.
    """
    figures = Path(out_dir) / "figures"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    png = atomic_write_bytes(figures / f"{name}.png", buffer.getvalue())
    write_table(data, figures / f"{name}.csv")
    return png


def short_labels(ids: list[str], min_len: int = 3) -> dict[str, str]:
    """The shortest common prefix length (at least ``min_len``) that keeps every id unique."""
    unique = list(dict.fromkeys(ids))
    for n in range(min_len, max((len(i) for i in unique), default=min_len) + 1):
        if len({i[:n] for i in unique}) == len(unique):
            return {i: i[:n] for i in unique}
    return {i: i for i in unique}
