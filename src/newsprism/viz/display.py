"""Tables for reading in a notebook: no index, floats to 3 decimals, text left-aligned,
newlines as line breaks, lists and mappings as text.

:func:`table_view` gives a static pandas ``Styler``; :func:`interactive` a sortable,
searchable table when the ``itables`` package is installed (else the static view).
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DECIMALS", "cell_text", "interactive", "readable", "table_view"]

#: Decimals shown for floating-point values.
DECIMALS = 3


def _plain(value: Any, decimals: int) -> str:
    """``value`` as plain text (not escaped)."""
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_plain(v, decimals)}" for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return "; ".join(sorted(_plain(v, decimals) for v in value))
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return "; ".join(_plain(v, decimals) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        return "" if math.isnan(value) else f"{value:.{decimals}f}"
    return str(value)


def cell_text(value: Any, decimals: int = DECIMALS) -> str:
    """The HTML of one cell: :func:`_plain` text, escaped, each newline a ``<br>``."""
    return html.escape(_plain(value, decimals), quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def _text_columns(table: pd.DataFrame) -> list:
    return [c for c in table.columns if not (pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c]))]


def readable(table: pd.DataFrame, decimals: int = DECIMALS) -> pd.DataFrame:
    """A copy of ``table`` for reading: index dropped, floats rounded to ``decimals``,
    lists and mappings joined as text (``"a; b"``, ``"key: value"``)."""
    out = table.reset_index(drop=True).copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series):
            out[column] = series.round(decimals)
        elif series.dtype == object:
            out[column] = [_plain(v, decimals) if isinstance(v, (Mapping, list, tuple, set, frozenset, np.ndarray)) else v for v in series]
    return out


def _uuid(table: pd.DataFrame) -> str:
    """A table id from its contents, so the same table gives the same HTML."""
    data = pd.util.hash_pandas_object(table.astype(str), index=False).to_numpy().tobytes()
    return "np" + hashlib.sha256(data + "\0".join(map(str, table.columns)).encode()).hexdigest()[:12]


def table_view(table: pd.DataFrame, decimals: int = DECIMALS):
    """``table`` as a pandas ``Styler`` for reading: no index, every cell through
    :func:`cell_text` (floats to ``decimals``, text escaped, newlines as line breaks, lists
    and mappings as text), text columns left-aligned. Same table, same HTML."""
    shown = table.reset_index(drop=True)
    left = _text_columns(shown)
    styler = shown.style.set_uuid(_uuid(shown)).hide(axis="index").format(lambda v: cell_text(v, decimals))
    if left:
        styler = styler.set_properties(subset=left, **{"text-align": "left", "vertical-align": "top"})
    header = [{"selector": "th", "props": [("text-align", "left")]}]
    return styler.set_table_styles(header)


def interactive(table: pd.DataFrame, decimals: int = DECIMALS, **options):
    """A sortable, searchable view of a long ``table`` when ``itables`` (2.4 or later) is
    installed: the cells of :func:`table_view`, no index, the JavaScript embedded (offline).
    Without ``itables`` it is :func:`table_view`."""
    try:
        import itables
    except ImportError:
        return table_view(table, decimals)
    from IPython.display import HTML

    shown = table.reset_index(drop=True)
    text = set(_text_columns(shown))
    cells = pd.DataFrame(
        {c: [cell_text(v, decimals) for v in shown[c]] if c in text else shown[c].round(decimals) for c in shown.columns},
        columns=shown.columns,
    )  # numbers stay numbers, so they sort as numbers
    _offline(itables)
    options = {"showIndex": False, "allow_html": True, "connected": False, "table_id": _uuid(shown), **options}
    return HTML(itables.to_html_datatable(cells, **options))


_OFFLINE_READY: list[bool] = []


def _offline(itables) -> None:
    """Embed itables' JavaScript in the notebook once (offline mode, no table made interactive by default)."""
    if not _OFFLINE_READY:
        itables.init_notebook_mode(all_interactive=False, connected=False)
        _OFFLINE_READY.append(True)
