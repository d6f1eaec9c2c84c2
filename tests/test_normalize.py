"""The normalised matching view and its map back to raw offsets, on text from the pieces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.text.normalize import first_fold, normalize_text, normalized

RAW = "Kim Jong-un reiterated North Korea’s commitment\u00a0to its ‘defense of sovereignty’ \n\n — and  more."


def test_folds_quotes_dashes_spaces_and_case():
    view = normalize_text(RAW)
    assert view.text == "kim jong-un reiterated north korea's commitment to its 'defense of sovereignty' - and more."
    i = view.text.index("'defense of sovereignty'")
    start, end = view.raw_span(i, i + len("'defense of sovereignty'"))
    assert RAW[start:end] == "‘defense of sovereignty’"


def test_case_and_space_options():
    view = normalize_text(RAW, lower=False, collapse_space=False)
    assert len(view.text) == len(RAW) and view.text.startswith("Kim Jong-un")


def test_first_fold_reads_back_raw_window():
    example = first_fold(["no change here", RAW])
    assert example["raw"] == RAW
    assert RAW[example["raw_start"] : example["raw_end"]] == example["same window in raw text"]
    assert normalize_text(example["same window in raw text"]).text == example["window in normalised view"]


@given(st.text(max_size=300))
def test_every_normalised_span_maps_inside_raw(text):
    view = normalize_text(text)
    assert len(view.raw_index) == len(view.text) + 1
    for i in range(0, len(view.text), 7):
        s, e = view.raw_span(i, min(len(view.text), i + 5))
        assert 0 <= s <= e <= len(text)


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("collapse", [True, False])
def test_normalized_is_the_view_without_its_map(raw_texts, lower, collapse):
    """The whole-string fast path gives the same text as the character walk, on the five
    pieces and on the characters that fold, drop, collapse or lower unevenly."""
    tricky = ["ΟΔΥΣΣΕΥΣ said", "İstanbul\u00a0\u00a0and ẞ", "a \u200b b\u00ad\tc\r\n\n d", "“No Gwansik’s” — 10\u2009000", "ǅ\u2028x\u3000y", ""]
    for text in [*raw_texts.values(), *tricky]:
        assert normalized(text, lower=lower, collapse_space=collapse) == normalize_text(text, lower=lower, collapse_space=collapse).text
