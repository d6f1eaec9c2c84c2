"""Every stage of a run: what it computes, from which inputs, reading which data files.

A stage is a function over named inputs: ``articles`` (the corpus table with text and
segments), ``docs`` (the shared spaCy parse, a ``{doc_id: Doc}`` mapping) or the table of
another stage. :class:`newsprism.run.Run` computes each stage at most once per corpus,
feeding it its inputs, and keys its cached table by the inputs' keys, the digests of the
data files it ``reads`` and, for stages that use the spaCy pipeline, the model. The
``interface`` stages are the tables of ``INTERFACE.md`` and the CLI's commands. Builders
are named ``module:function`` and imported on first use, so ``newsprism corpus`` never
pays for spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from newsprism.errors import NewsprismError

__all__ = ["CLAIM_METHODS", "INTERFACE_TABLES", "STAGES", "Stage", "stage"]

ALIASES = "aliases/entities.csv"
ROLES = "aliases/roles.csv"
TITLES = "lexicons/titles.csv"
VERBS = "lexicons/reporting_verbs.csv"
WORDS = "lexicons/attribution_words.csv"
FRAMES = "lexicons/frames.csv"
CHOICE = "lexicons/lexical_choice.csv"
BOILERPLATE = "lexicons/boilerplate.csv"
SYNONYMS = "lexicons/synonyms.csv"
STOCK = "lexicons/stock_phrases.csv"
TRANSLIT = "lexicons/transliteration.csv"
HEADS = "lexicons/entity_heads.csv"
SCORER = "models/claim_scorer.csv"
COMMENTARY = "models/commentary.csv"
#: The ways the claims stage scores a pair of sentences (a run's ``claims`` option; see
#: :func:`newsprism.stages.claims.claims_table`): ``learned`` needs the ``embeddings`` extra.
CLAIM_METHODS = ("lexical", "learned")


@dataclass(frozen=True)
class Stage:
    """One stage: ``builder(*inputs)`` gives its table."""

    name: str
    builder: str
    inputs: tuple[str, ...]
    help: str
    reads: tuple[str, ...] = ()
    model: bool = False  # uses the spaCy pipeline (tokenizer, stop words) beyond the shared parse
    interface: bool = False
    params: dict = field(default_factory=dict)

    def function(self) -> Callable:
        """The builder function (imported on first use)."""
        module, name = self.builder.split(":")
        return getattr(import_module(f"newsprism.{module}"), name)

    @property
    def uses_model(self) -> bool:
        return self.model or "docs" in self.inputs


_STAGES = [
    Stage("corpus", "corpus.read:corpus_table", ("articles",), "one row per article: doc_id, file, outlet, headline, n_words, encoding, sha256, ...", interface=True),
    Stage("sentences", "corpus.sentences:sentences", ("articles",), "one row per body sentence: doc_id, sent_id, para_id, start, end, section, text, view"),
    Stage("removed_lines", "corpus.sentences:removed_lines", ("articles",), "every line kept out of the analysed body (chrome, repeated headline, references), with the rule that removed it"),
    Stage("section_words", "corpus.sentences:section_words", ("articles",), "words per article and section (body, subheading, headline, chrome, references)"),
    Stage("similarity", "stages.similarity:similarity_table", ("articles",), "one row per unordered pair of articles: doc_a, doc_b, cosine_words, cosine_chars (TF-IDF on the cleaned body)", interface=True),
    Stage("distinguishing_terms", "stages.similarity:distinguishing_terms", ("articles",), "the terms that most set each piece apart (TF-IDF weight minus the others' mean)"),
    Stage("passages", "stages.passages:passages_table", ("articles",), "one row per passage shared by two articles: doc_a, doc_b, a_start, a_end, b_start, b_end, text_a, text_b, n_tokens, kind, common, ...", interface=True),
    Stage("passage_verdicts", "stages.clusters:passage_verdicts", ("passages",), "one row per passage: stock (a formula of news, judged by its words) or evidence of reuse, and the rule that decided", reads=(STOCK,)),
    Stage("pair_shares", "stages.reuse:pair_table", ("articles", "passages", "similarity", "passage_verdicts"), "one row per pair of pieces: cosines, the shared share of both bodies and the direction-aware shares, over passages not stock"),
    Stage("families", "stages.clusters:families", ("articles", "passages"), "one row per piece: its family of near-duplicates (syndicated copies), representative and share with it"),
    Stage("passage_clusters", "stages.clusters:passage_clusters", ("articles", "passages", "passage_verdicts", "families"), "one row per passage cluster, piece and place: the wording several pieces carry, at which offsets, how many families, stock or not"),
    Stage("mentions", "stages.entities.mentions:entity_mentions", ("articles", "docs"), "one row per entity mention: doc_id, start, end, text, entity, label, side, section, how, role, ...", reads=(ALIASES, TITLES, TRANSLIT, HEADS)),
    Stage("merge_candidates", "stages.entities.merge:merge_candidates", ("mentions",), "one row per pair of person names scored for merging: names, decision (merged, candidate, rejected), score and evidence", reads=(ALIASES, TRANSLIT)),
    Stage("entities", "stages.entities.tables:entities_table", ("mentions",), "one row per canonical entity in an article: doc_id, entity, label, mentions, variants, side, first_start, roles, ...", interface=True),
    Stage("variants", "stages.entities.tables:variants_table", ("mentions",), "one row per surface form of a canonical entity: entity, variant, doc_ids, label, merged_by, is_spelling_variant, ...", interface=True),
    Stage("entity_roles", "stages.entities.tables:roles_table", ("mentions",), "one row per person, piece and role the piece gives, against the reference role", reads=(ROLES, TITLES)),
    Stage("entity_persons", "stages.entities.tables:person_table", ("mentions",), "one row per person and piece: spellings, short forms, roles and flags", reads=(ROLES, TITLES)),
    Stage("entity_merges", "stages.entities.tables:merge_report", ("mentions",), "every surface form merged by the alias table or fuzzy matching, with whether fuzzy matching alone would merge it", reads=(ALIASES, TITLES, TRANSLIT)),
    Stage("attributions", "stages.attribution.table:attributions", ("articles", "docs", "mentions"), "one row per attribution (who is quoted or cited): doc_id, source, source_kind, cue, quote_type, channel, content, start, end, side, construction, ...", reads=(VERBS, WORDS, ALIASES, TITLES), interface=True),
    Stage("misattributions", "stages.misattribution:misattributions", ("attributions",), "the same quoted words credited to different speakers"),
    Stage("claims", "stages.claims:claims_table", ("articles", "docs", "attributions"), "one row per sentence and claim shared by 2+ articles (a sentence stating two claims is in both: also_in): claim_id, doc_id, start, end, sentence, similarity, ...", reads=(ALIASES, SYNONYMS, TITLES, SCORER, COMMENTARY), interface=True),
    Stage("evidence", "stages.framing.evidence:evidence_table", ("articles", "docs", "mentions", "attributions"), "one row per lexicon hit behind a frame score: doc_id, frame, term, start, end, sentence, text, ..., section, voice (outlet | quoted), quoted_source, excluded", reads=(FRAMES,), model=True, interface=True),
    Stage("frames", "stages.framing.frames:frames_table", ("articles", "evidence", "attributions"), "one row per article and frame: doc_id, frame, hits, per_1000_words (body hits that count, per 1,000 body words), n_words, terms, hits_outlet, per_1000_outlet, hits_quoted, ...", reads=(FRAMES,), interface=True),
    Stage("lexical_choice_evidence", "stages.framing.lexical_choice:lexical_choice_evidence", ("articles", "docs", "mentions", "attributions"), "every word a piece chooses for a referent, with raw offsets", reads=(CHOICE,), model=True),
    Stage("lexical_choice", "stages.framing.lexical_choice:lexical_choice_table", ("articles", "lexical_choice_evidence"), "per piece, referent and term: count and share", reads=(CHOICE,)),
    Stage("voice_balance", "stages.framing.voice_balance:voice_balance", ("attributions",), "shares of each piece's attributions by side and by kind of source"),
    Stage("provenance_edges", "stages.findings:provenance_edges", ("pair_shares", "claims", "passage_verdicts", "passage_clusters", "families"), "one row per pair of pieces: shared passages and claims, and a reading of the evidence"),
    Stage("claim_details", "stages.findings:claim_details", ("claims", "mentions", "attributions", "articles", "docs", "sentences"), "per claim sentence (and sentences stating one quantity in no one claim): numbers, when and where, who is credited, roles and names, with comparable keys", reads=(ALIASES, SYNONYMS, TITLES)),
    Stage("claim_discrepancies", "stages.discrepancies:claim_discrepancies", ("claim_details",), "where pieces carrying one claim disagree, substance first: numbers, when and where, credit, roles, names (severity 1-5; 9 = minor, a difference in writing only)", reads=(ALIASES, TITLES)),
    Stage("name_spellings", "stages.findings:name_spellings", ("entity_persons",), "people whose name is spelled differently across pieces"),
    Stage("quote_provenance", "stages.provenance.api:quote_provenance_table", ("articles", "docs", "attributions", "mentions"), "one row per quote x best match in the other pieces: doc_id, start, end, quote, speaker, match_doc, match_start, match_end, match_text, match_speaker, similarity, verdict, differences, earliest_doc, ...", reads=(ALIASES, TITLES)),
    Stage("claim_provenance", "stages.provenance.api:claim_provenance_table", ("articles", "docs", "claims", "attributions", "mentions"), "one row per claim sentence x closest sentence of another piece in its claim: doc_id, start, end, sentence, match_doc, match_start, match_end, match_text, similarity, differences, ...", reads=(ALIASES, TITLES)),
]

#: name -> stage, in dependency order (every input comes before the stages that read it).
STAGES: dict[str, Stage] = {s.name: s for s in _STAGES}
#: The tables of INTERFACE.md (the CLI's table commands), in INTERFACE order.
INTERFACE_TABLES = tuple(s.name for s in _STAGES if s.interface)


def stage(name: str) -> Stage:
    """The stage called ``name`` (one line naming the known stages otherwise)."""
    try:
        return STAGES[name]
    except KeyError:
        raise NewsprismError(f"unknown stage '{name}' (known: {', '.join(STAGES)})") from None


def _check_order() -> None:
    seen = {"articles", "docs"}
    for s in _STAGES:
        missing = [i for i in s.inputs if i not in seen]
        if missing:
            raise AssertionError(f"stage {s.name} reads {missing} before they are defined")
        seen.add(s.name)


_check_order()
