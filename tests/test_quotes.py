"""Quotation-mark pairing: code-point families, apostrophes, paragraph breaks, unbalanced marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.text.quotes import QUOTE_CHARS, is_apostrophe, pair_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in pair_quotes(text)]


def test_curly_straight_and_angle_quotes_pair_within_their_family():
    text = "He said “yes”, she said 'no', they said \"maybe\" and «peut-être» then ‘fine’."
    assert inner(text) == ["yes", "no", "maybe", "peut-être", "fine"]


def test_apostrophes_are_not_closing_quotes():
    text = "‘Russia’s allies don’t agree,’ he said of the ’90s and Kim’s remarks."
    assert inner(text) == ["Russia’s allies don’t agree,"]
    assert is_apostrophe(text, text.index("’s")) and is_apostrophe(text, text.index("’t"))
    assert is_apostrophe(text, text.index("’90"))
    assert pair_quotes("The soldiers’ families and Russia's army.") == []


def test_plural_possessive_closes_only_an_open_quote():
    # 003: "on ‘Allies’ Avenue" must not open a quote that swallows the next one
    text = "speaking on ‘Allies’ Avenue, he confirmed the ‘comprehensive strategic alliance’ between them"
    assert inner(text) == ["Allies", "comprehensive strategic alliance"]


def test_quote_runs_over_a_paragraph_break():
    text = "‘We are grateful for the aid.\n\nWe will never forget this aid,’ he said."
    assert inner(text) == ["We are grateful for the aid.\n\nWe will never forget this aid,"]


def test_nested_quotes():
    text = "“He called it ‘a trap’ yesterday,” she said."
    quotes = pair_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“He called it ‘a trap’ yesterday,”", "‘a trap’"]


def test_unbalanced_marks_do_not_swallow_the_rest():
    stray_open = "‘This never closes. Later Peskov said: ‘We are ready.’ Then “fine” he added."
    assert inner(stray_open) == ["We are ready.", "fine"]
    stray_close = "A stray” mark. Then “good news” came, and ’ nothing else."
    assert inner(stray_close) == ["good news"]
    too_far = "“" + "word " * 400 + "end.” Then “short” here."
    assert inner(too_far) == ["short"]


def test_german_low_quotes_close_with_left_double():
    assert inner("Er sagte „ja“ und ging.") == ["ja"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from([*sorted(QUOTE_CHARS), " ", "\n", "a", "s", "9", ".", ","]), st.characters()),
        max_size=200,
    )
)
def test_pairing_never_crashes_and_offsets_are_valid(text):
    quotes = pair_quotes(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] in QUOTE_CHARS and text[q.end - 1] in QUOTE_CHARS
        assert q.inner_start <= q.inner_end
    for a in quotes:
        for b in quotes:
            if a is not b:
                nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
                disjoint = a.end <= b.start or b.end <= a.start
                assert nested or disjoint


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.sampled_from(["‘", "“", "'", '"', "’", "”", "«"]),
)
def test_a_stray_mark_before_a_quote_leaves_it_intact(prefix, stray):
    prefix = "".join(ch for ch in prefix if ch not in QUOTE_CHARS)
    text = f"{prefix} {stray}stray. Peskov said: “We are ready for talks.”"
    assert "We are ready for talks." in inner(text)
