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

__all__ = ["DECIMALS", "INTERACTIVE_CLASS", "cell_text", "interactive", "readable", "table_view"]

#: Decimals shown for floating-point values.
DECIMALS = 3
#: The class of tables the report makes sortable and searchable.
INTERACTIVE_CLASS = "np-interactive"


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


def interactive(table: pd.DataFrame, decimals: int = DECIMALS):
    """A long ``table`` to sort and search: the static view of :func:`table_view`, marked
    with the class ``np-interactive``. The notebook stays small and its output stable; the
    rendered report page turns every marked table into a sortable, searchable one with the
    DataTables bundle that ``itables`` ships, embedded in the page (offline)."""
    return table_view(table, decimals).set_table_attributes(f'class="{INTERACTIVE_CLASS}"')
