"""Display code: the palette, the HTML highlighter and the views on it, charts, tables."""

from __future__ import annotations

import html
import re
import struct
from html.parser import HTMLParser

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import run_of
from hypothesis import given, settings
from hypothesis import strategies as st
from pieces import D000, D001, D002, D004

from newsprism.errors import NewsprismError
from newsprism.resources.files import read_data_csv
from newsprism.viz import (
    DPI,
    ENTITY_LABEL_COLOURS,
    FRAME_CYCLE,
    GREY,
    OKABE_ITO,
    PALETTE,
    PASSAGE_KIND_COLOURS,
    QUOTE_TYPE_COLOURS,
    SIDE_COLOURS,
    SOURCE_KIND_COLOURS,
    Mark,
    attribution_html,
    category_colours,
    entity_html,
    evidence_html,
    frame_colours,
    grouped_bars,
    heatmap,
    highlight,
    interactive,
    legend_handles,
    piece_colours,
    ranked_bars,
    readable,
    save_chart,
    side_by_side_html,
    stacked_bars,
    table_view,
    tint,
)

matplotlib.use("Agg")
HEX = re.compile(r"#[0-9A-Fa-f]{6}")


# -- palette ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("colours", "values"),
    [
        (SIDE_COLOURS, ("Russian", "North Korean", "South Korean", "Ukrainian", "other", "unknown")),
        (SOURCE_KIND_COLOURS, ("person", "organization", "media", "anonymous")),
        (QUOTE_TYPE_COLOURS, ("direct", "mixed", "indirect", "according_to")),
        (PASSAGE_KIND_COLOURS, ("verbatim", "near", "stock")),
    ],
)
def test_every_category_value_has_one_colour_blind_safe_colour(colours, values):
    assert tuple(colours) == values
    assert len(set(colours.values())) == len(values)  # told apart within the category
    assert set(colours.values()) <= {*OKABE_ITO.values(), GREY}


def test_every_frame_of_the_lexicon_has_its_own_colour():
    frames = list(dict.fromkeys(read_data_csv("lexicons/frames.csv")["frame"]))
    colours = frame_colours()
    assert list(colours) == frames and len(frames) == 15
    assert len(set(colours.values())) == len(frames) and set(colours.values()) <= set(FRAME_CYCLE)
    assert frame_colours() == colours  # stable


def test_piece_colours_follow_the_position_in_the_corpus():
    docs = ["b", "a", "c", "a"]
    colours = piece_colours(docs)
    assert colours == {"b": PALETTE[0], "a": PALETTE[1], "c": PALETTE[2]} and piece_colours(docs) == colours
    many = piece_colours([f"d{k}" for k in range(len(PALETTE) + 1)])
    assert many[f"d{len(PALETTE)}"] == PALETTE[0]


def test_category_colours_picks_the_fixed_category_and_legend_handles_name_it():
    assert category_colours(["Ukrainian", "Russian", "unknown"]) == {k: SIDE_COLOURS[k] for k in ("Ukrainian", "Russian", "unknown")}
    assert category_colours(["direct", "indirect"]) == {"direct": QUOTE_TYPE_COLOURS["direct"], "indirect": QUOTE_TYPE_COLOURS["indirect"]}
    assert category_colours(["body", "chrome", ""]) == {"body": PALETTE[0], "chrome": PALETTE[1], "": GREY}
    handles = legend_handles(SOURCE_KIND_COLOURS, {"anonymous": "unnamed"})
    assert [h.get_label() for h in handles] == ["person", "organization", "media", "unnamed"]
    assert matplotlib.colors.to_hex(handles[0].get_facecolor()) == SOURCE_KIND_COLOURS["person"].lower()


def test_tint_mixes_with_white():
    assert tint("#000000", 0.5) == "#808080" and tint("#0072B2", 1.0) == "#0072b2" and tint("#123456", 0.0) == "#ffffff"
    with pytest.raises(ValueError):
        tint("blue")


# -- the highlighter ----------------------------------------------------------------------
class _Tags(HTMLParser):
    """Start and end tags in order; ``ok`` while every end tag closes the last open one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


def _balanced(page: str) -> bool:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.ok and not parser.stack


def _text_of(page: str) -> str:
    page = re.sub(r'<sup class="np-label">[^<]*</sup>', "", page)
    return html.unescape(re.sub(r"<[^>]*>", "", page))


def test_highlight_escapes_the_text_and_the_attributes():
    raw = 'He wrote <script>alert("x")</script> & left'
    page = highlight(raw, 0, len(raw), [Mark(9, 37, title='a "quoted" <title>', css="np-direct", label="<1>")])
    assert "<script" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; </mark>&amp; left" in page
    assert 'title="a &quot;quoted&quot; &lt;title&gt;"' in page and '<sup class="np-label">&lt;1&gt;</sup><mark class="np-direct"' in page
    assert _text_of(page) == raw


def test_highlight_nests_and_splits_overlapping_marks():
    a, b = Mark(0, 6, css="a"), Mark(2, 4, css="b")
    assert highlight("abcdef", marks=[b, a]) == '<mark class="a">ab<mark class="b">cd</mark>ef</mark>'
    a, b = Mark(0, 4, css="a"), Mark(2, 6, css="b")
    assert highlight("abcdef", marks=[a, b]) == '<mark class="a">ab<mark class="b">cd</mark></mark><mark class="b">ef</mark>'
    speaker, cue = Mark(0, 3, tag="u"), Mark(4, 8, tag="b")
    assert highlight("Kim said so", marks=[cue, speaker]) == "<u>Kim</u> <b>said</b> so"


def test_highlight_clips_to_the_window_and_shows_line_breaks():
    raw = "one\ntwo three"
    assert highlight(raw, 4, 9, [Mark(0, 6, css="x"), Mark(20, 30)]) == '<mark class="x">tw</mark>o t'
    assert highlight(raw, 0, 7, [], line_breaks=True) == "one<br>\ntwo"
    labelled = Mark(2, 6, label="[1]")
    assert highlight(raw, 0, 4, [labelled]) + highlight(raw, 4, 9, [labelled]) == 'on<sup class="np-label">[1]</sup><mark>e\n</mark><mark>tw</mark>o t'
    assert highlight(raw, 5, 5, [Mark(0, 9)]) == ""
    with pytest.raises(ValueError, match="tag"):
        Mark(0, 1, tag="script")


_MARKS = st.lists(
    st.tuples(
        st.integers(-3, 60), st.integers(-3, 60), st.sampled_from(sorted(["mark", "span", "b", "u", "em"])), st.text(max_size=8), st.text(max_size=4)
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(raw=st.text(max_size=50), marks=_MARKS, window=st.tuples(st.integers(-2, 55), st.integers(-2, 55)), line_breaks=st.booleans())
def test_highlight_is_well_formed_whatever_the_text_and_marks(raw, marks, window, line_breaks):
    start, end = window
    page = highlight(raw, start, end, [Mark(s, e, title=t, label=lab, tag=tag) for s, e, tag, t, lab in marks], line_breaks=line_breaks)
    assert _balanced(page)
    lo, hi = max(0, start), min(end, len(raw))
    assert _text_of(page) == (raw[lo:hi] if hi > lo else "")


# -- the views on it ----------------------------------------------------------------------
def test_attribution_html_marks_each_attribution_of_a_real_piece(run, articles):
    table = run.table("attributions")
    raw = articles.set_index("doc_id").at[D002, "raw"]
    mine = table[table["doc_id"] == D002]
    page = attribution_html(raw, mine)
    assert _balanced(page) and page.count("<mark") == len(mine)
    assert "Vladimir Putin (person, Russian)" in page
    assert f"background:{tint(QUOTE_TYPE_COLOURS['direct'])}" in page
    assert _text_of(page) == raw
    raw = articles.set_index("doc_id").at[D004, "raw"]
    page = attribution_html(raw, table[table["doc_id"] == D004])
    assert "Russia&#x27;s" in page and "Russia's" not in page
    script = "<script>alert(1)</script> said"
    assert "<script" not in attribution_html(script, mine.iloc[0:0]) and "&lt;script&gt;" in attribution_html(script, mine.iloc[0:0])


def test_evidence_html_marks_the_escaped_spans(tmp_path):
    run = run_of(tmp_path, {"a": "Troops reportedly crossed the <b>border</b> & the tensions rose. Nothing else happened here.\n"})
    articles, evidence = run.articles, run.table("evidence")
    page = evidence_html(evidence, articles, "a", "hedging")
    assert f'<mark style="background:{tint(frame_colours()["hedging"], 0.45)}" title="hedging: reportedly [7-17]">reportedly</mark>' in page
    assert "&lt;b&gt;border&lt;/b&gt; &amp;" in page and "<b>border" not in page
    assert "tensions</mark>" not in page and _balanced(page)
    assert "tensions</mark>" in evidence_html(evidence, articles, "a", "escalation")
    assert "0 hits" in evidence_html(evidence, articles, "a", "economic")
    with pytest.raises(NewsprismError, match="unknown doc_id"):
        evidence_html(evidence, articles, "zzz", "hedging")
    with pytest.raises(NewsprismError, match="no column"):
        evidence_html(evidence, articles, "a", "x", column="referent")


def test_evidence_html_on_a_piece_shows_every_hit_of_the_cell(run, articles):
    evidence = run.table("evidence")
    page = evidence_html(evidence, articles, D004, "hedging")
    n = len(evidence[(evidence["doc_id"] == D004) & (evidence["frame"] == "hedging")])
    per_1000 = n * 1000 / articles.set_index("doc_id").loc[D004, "n_words"]
    assert n and page.count("<mark") == n and f"{n} hits ({per_1000:.2f} per" in page and _balanced(page)
    everything = evidence_html(evidence, articles, D004)
    assert everything.count("<mark") == int((evidence["doc_id"] == D004).sum()) and _balanced(everything)
    choice = run.table("lexical_choice_evidence")
    referent = choice["referent"].iloc[0]
    doc_id = choice["doc_id"].iloc[0]
    page = evidence_html(choice, articles, doc_id, referent, column="referent")
    assert page.count("<mark ") == int(((choice["doc_id"] == doc_id) & (choice["referent"] == referent)).sum())


def test_side_by_side_html_numbers_the_shared_passages(run, articles):
    passages, verdicts = run.table("passages"), run.table("passage_verdicts")
    page = side_by_side_html(articles, passages, D002, D001, verdicts=verdicts)
    assert page.index(D001) < page.index(D002) and _balanced(page)  # ordered as a pair
    stock = set(verdicts.loc[verdicts["stock"], "passage_id"])
    pair = passages[(passages["doc_a"] == D001) & (passages["doc_b"] == D002) & ~passages["passage_id"].isin(stock)]
    assert len(pair) and all(page.count(f'<sup class="np-label">[{pid}]</sup>') == 2 for pid in pair["passage_id"])
    assert f"background:{tint(PASSAGE_KIND_COLOURS['verbatim'])}" in page and "Putin\u2019s press secretary" in page
    with_stock = side_by_side_html(articles, passages, D001, D002, verdicts=verdicts, include_stock=True)
    assert ">stock</mark>" not in page and ">stock</mark>" in with_stock and "001 · The recent collaboration" in with_stock


def test_side_by_side_html_escapes_article_text(tmp_path):
    texts = {
        "a": "Intro line of the piece here.\nThey wrote <script>x</script> & said \u2018we are grateful to our friends from Korea\u2019 today.\n",
        "b": "Another piece starts here.\nOfficials said <script>x</script> & said 'we are grateful to our friends from Korea' again.\n",
    }
    run = run_of(tmp_path, texts)
    page = side_by_side_html(run.articles, run.table("passages"), "a", "b")
    assert "<script" not in page and "x&lt;/script&gt; &amp; said" in page and _balanced(page)
    assert "They wrote <script>x</script> & said \u2018we are grateful" in _text_of(page)



def test_entity_html_marks_every_mention_and_shows_merges(run, articles):
    mentions = run.table("mentions")
    assert set(mentions["label"]) <= set(ENTITY_LABEL_COLOURS)
    page = entity_html(articles, mentions, D000)
    assert page.count('<mark class="np-entity"') == int((mentions["doc_id"] == D000).sum()) and _balanced(page)
    assert 'title="PERSON → Andrei Belousov">Andrei Belozurov</mark>' in page
    with pytest.raises(NewsprismError, match="no article"):
        entity_html(articles, mentions, "nope")

# -- charts -------------------------------------------------------------------------------
def _png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def _inside_figure(fig) -> bool:
    fig.canvas.draw()
    box = fig.bbox
    labels = []
    for ax in fig.axes:  # the tick labels drawn: those inside the axes' limits
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        labels += [t for t in ax.get_xticklabels() if t.get_text() and x0 <= t.get_position()[0] <= x1]
        labels += [t for t in ax.get_yticklabels() if t.get_text() and y0 <= t.get_position()[1] <= y1]
    return all(box.x0 - 1 <= t.get_window_extent().x0 and t.get_window_extent().x1 <= box.x1 + 1 for t in labels)


def test_heatmap_annotates_cells_and_saves_png_and_csv(tmp_path):
    matrix = pd.DataFrame([[1.0, 0.25, np.nan], [0.5, 0.0, 2.0]], index=["a piece with a very long name indeed", "b"], columns=["x", "y", "z"])
    fig, ax = heatmap(matrix, title="t", colorbar_label="cosine", hide=np.array([[False, True, False], [False, False, False]]))
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "cosine"  # the colour bar
    assert sorted(t.get_text() for t in ax.texts) == ["0.00", "0.50", "1.00", "2.00"]
    assert _inside_figure(fig)
    png = save_chart(fig, matrix.reset_index(), "test_heatmap", tmp_path)
    assert png == tmp_path / "figures" / "test_heatmap.png" and (tmp_path / "figures" / "test_heatmap.csv").is_file()
    width, height = _png_size(png)
    assert (width, height) == (round(fig.get_figwidth() * DPI), round(fig.get_figheight() * DPI))
    text = pd.DataFrame([["one", "", ""], ["", "two", ""]], index=matrix.index, columns=matrix.columns)
    _, ax = heatmap(matrix, cell_text=text, colorbar=False)
    assert sorted(t.get_text() for t in ax.texts) == ["one", "two"]
    fig, ax = heatmap(matrix.iloc[0:0], empty="no pairs")
    assert [t.get_text() for t in ax.texts] == ["no pairs"] and len(fig.axes) == 1


def test_stacked_and_grouped_bars_have_a_legend_for_every_colour():
    sides = pd.DataFrame({"Russian": [3, 0], "North Korean": [1, 2], "unknown": [0, 1]}, index=["first piece", "second piece"])
    fig, ax = stacked_bars(sides, xlabel="attributions")
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Russian", "North Korean", "unknown"]
    assert [matplotlib.colors.to_hex(p.get_facecolor()) for p in legend.get_patches()] == [SIDE_COLOURS[c].lower() for c in sides]
    assert len(ax.patches) == 6 and ax.patches[2].get_x() == 3  # the second segment starts where the first ends
    assert [t.get_text() for t in ax.get_yticklabels()] == ["first piece", "second piece"]
    fig, ax = grouped_bars(sides, colours={"Russian": "#000000"}, labels=["R", "NK", "?"])
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["R", "NK", "?"]
    assert len(ax.patches) == 6 and ax.patches[0].get_height() == pytest.approx(0.8 / 3)
    assert _inside_figure(fig)


def test_ranked_bars_colour_by_group():
    table = pd.DataFrame({"label": ["a", "b", "c"], "value": [0.5, 0.25, 1.0], "measure": ["recall", "precision", "recall"], "text": ["1/2", "1/4", "1/1"]})
    fig, ax = ranked_bars(table, "label", "value", "measure", text="text")
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[0] == colours[2] != colours[1]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["recall", "precision"]
    assert [t.get_text() for t in ax.texts] == ["1/2", "1/4", "1/1"]


# -- tables for reading -------------------------------------------------------------------
def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": ["a", "b"], "score": [0.123456, 2.0], "n": [3, 4], "text": ["line one\nline <two>", "x"], "terms": [["war", "peace"], {"k": 1}]},
        index=[10, 11],
    )


def test_table_view_has_no_index_and_rounds_floats():
    page = table_view(_table()).to_html()
    assert "row_heading" not in page and ">10<" not in page
    assert ">0.123<" in page and ">2.000<" in page and ">3<" in page
    assert "line one<br>line &lt;two&gt;" in page and ">war; peace<" in page and ">k: 1<" in page
    assert "text-align: left" in page
    assert table_view(_table()).to_html() == page  # same table, same HTML


def test_readable_and_interactive_views(tmp_path):
    shown = readable(_table())
    assert list(shown.index) == [0, 1] and shown["score"].tolist() == [0.123, 2.0] and shown["terms"].tolist() == ["war; peace", "k: 1"]
    page = interactive(_table()).to_html()
    assert 'class="np-interactive"' in page  # the report page makes it sortable and searchable
    assert page.replace(' class="np-interactive"', "") == table_view(_table()).to_html()


def test_report_pages_make_marked_tables_interactive_offline():
    from newsprism.report.render import _interactive_tables

    assert _interactive_tables("<table><tr><td>x</td></tr></table>") == ""
    script = _interactive_tables('<table class="np-interactive"></table>')
    assert "new ITable(table" in script and "https://" not in script.split("injectModule")[0]
    from itables import __version__

    assert f"_itables_{__version__.replace('.', '_')}" in script
