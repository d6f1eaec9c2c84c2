"""The data dictionary: every table a run computes (``reports/tables/STAGE.csv``), every column.

:data:`COLUMNS` describes each column of each stage (the meaning of a column name shared by
several tables is in :data:`COMMON`); :func:`data_dictionary` renders it as the Markdown of
``DATA_DICTIONARY.md``, with what each table has one row per, which stages it is computed
from and which data files it reads. A test checks that every column of every stage is
described and that the committed file is up to date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsprism.stages.registry import STAGES

__all__ = ["COLUMNS", "COMMON", "data_dictionary", "describe", "undescribed"]

#: Columns with one meaning in every table that has them.
COMMON = {
    "doc_id": "the piece: its file name without the extension",
    "doc_a": "the first piece of a pair (doc_a < doc_b)",
    "doc_b": "the second piece of a pair",
    "start": "character offset where the span starts in the raw decoded file text (raw[start:end] is the span)",
    "end": "character offset just past the span in the raw file text",
    "text": "the span as written in the raw file (raw[start:end])",
    "view": "the same span of the analysis view (HTML markup blanked; equal to text for plain text)",
    "sentence": "the whole sentence holding the span, as written",
    "sent_id": "the sentence's number within its piece (0-based, body sentences in order)",
    "section": "where in the piece: headline, subheading, body, chrome, references",
    "entity": "the canonical name of a person, organisation or place across the corpus",
    "label": "the entity type (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, ...)",
    "side": "the side an entity speaks for, from the alias table (Russian, North Korean, South Korean, Ukrainian, other); empty if unknown",
    "claim_id": "the claim (a group of sentences of different pieces stating the same thing), numbered from 1",
    "n_docs": "how many pieces (or, where stated, families of near-duplicates) carry it",
    "term": "the lexicon entry that matched",
    "variant": "a surface form as written",
    "mentions": "number of mentions",
    "fuzzy_score": "rapidfuzz ratio behind a fuzzy merge (0-100), empty if the merge was not fuzzy",
    "passage_id": "the passage's number in the passages table",
    "share": "a share between 0 and 1",
    "reason": "why: the rule that decided, in words",
    "stock": "true when the wording is stock phrasing of news (judged by its words, not by how many pieces carry it)",
    "similarity": "the similarity score that linked it (0-1)",
}

#: stage -> {column: meaning} for the columns :data:`COMMON` does not cover (or means otherwise).
COLUMNS: dict[str, dict[str, str]] = {
    "corpus": {
        "file": "the file's path inside the corpus folder",
        "outlet": "the outlet: the manifest's outlet column, else a short label line above the headline",
        "headline": "the headline line (white space collapsed)",
        "n_words": "words in the analysed body (body and subheadings; no chrome, repeated headline or references)",
        "encoding": "the codec that decoded the file (utf-8, utf-8-sig, utf-16-bom, utf-16-le, cp1252, latin-1, ...)",
        "sha256": "checksum of the file's bytes",
        "format": "text or html",
        "n_bytes": "size of the file in bytes",
        "n_chars": "length of the decoded text in characters",
        "language": "en, other (left out of English-only stages) or unknown (too short to tell)",
        "n_paragraphs": "body paragraphs (non-blank body lines)",
        "n_sentences": "body sentences",
        "n_words_headline": "words in the headline (and a repeated headline)",
        "n_words_chrome": "words in site chrome (labels, navigation, related links)",
        "n_words_references": "words in a trailing references list",
        "n_chrome_lines": "lines classed as chrome",
        "has_headline_repeat": "whether the headline is printed twice",
        "has_references": "whether the piece ends with a references list",
        "section": "the manifest's section column, if any",
        "dateline": "the manifest's dateline column, if any",
        "note": "the manifest's note column, if any",
        "duplicate_of": "the first file with the same bytes (then left out of pairwise tables), else empty",
        "label": "the display label of the piece on every page: short id · manifest label, outlet, headline or first words",
        "date": "the manifest's date column (YYYY-MM-DD), if any",
    },
    "sentences": {"para_id": "the paragraph's number within its piece (0-based)", "section": "body or subheading"},
    "removed_lines": {"reason": "the rule that kept the line out of the analysed body", "section": "chrome, headline, headline_repeat or references"},
    "section_words": {s: f"words in the piece's {s.replace('_', ' ')} lines" for s in ("chrome", "headline", "headline_repeat", "subheading", "body", "references")},
    "similarity": {
        "cosine_words": "TF-IDF cosine of the two bodies on word 1-2-grams (stop words removed, sublinear tf)",
        "cosine_chars": "TF-IDF cosine on character 3-5-grams inside word boundaries (runs higher than words for any two English texts)",
    },
    "distinguishing_terms": {
        "rank": "rank of the term within its piece (1 = most distinguishing)",
        "term": "a word 1-2-gram",
        "weight": "the term's TF-IDF weight in the piece",
        "others_mean": "the term's mean weight in the other pieces",
        "score": "weight minus others_mean",
        "n_docs": "pieces using the term",
    },
    "passages": {
        "a_start": "start of the passage in doc_a's raw text", "a_end": "end in doc_a", "b_start": "start in doc_b's raw text", "b_end": "end in doc_b",
        "text_a": "the passage as doc_a writes it (raw span)", "text_b": "the passage as doc_b writes it",
        "n_tokens": "matching word tokens",
        "kind": "verbatim (one exact run) or near (runs joined across light edits)",
        "common": "the former flag: the wording occurs in 3 or more pieces (kept for the record; stock phrasing is judged in passage_verdicts)",
        "n_docs": "pieces whose text contains the passage's wording",
        "a_tokens": "tokens the passage spans in doc_a (edits included)", "b_tokens": "tokens it spans in doc_b",
        "n_edits": "light edits bridged (0 for verbatim)", "edits": "each edit as 'A's words -> B's words', '; '-separated",
    },
    "passage_verdicts": {"reason": "the rule of the stock judgement that decided (a name or number, a quote, a listed formula, length, everyday words...)"},
    "pair_shares": {
        "cosine_words": "as in similarity", "cosine_chars": "as in similarity",
        "a_body_tokens": "word tokens in doc_a's body", "b_body_tokens": "word tokens in doc_b's body",
        "a_shared_tokens": "doc_a's tokens inside passages shared with doc_b (stock phrasing left out)", "b_shared_tokens": "doc_b's tokens inside them",
        "share_a_in_b": "a_shared_tokens / a_body_tokens: how much of doc_a is in passages shared with doc_b",
        "share_b_in_a": "b_shared_tokens / b_body_tokens",
        "shared": "the one measure of how much two pieces share: (a_shared_tokens + b_shared_tokens) / (a_body_tokens + b_body_tokens), symmetric",
        "longest_run": "tokens of the longest shared passage", "longest_text": "its words",
        "n_passages": "shared passages counted (not stock)", "n_verbatim": "of which verbatim", "n_near": "of which near",
        "n_common": "passages the former common flag would have left out (for the record)", "n_stock": "passages judged stock phrasing, left out",
    },
    "families": {
        "family_id": "the family of near-duplicate pieces (syndicated copies) the piece belongs to",
        "representative": "the family's representative piece (counts once wherever counts matter)",
        "share_with_representative": "share of the piece's body inside passages shared with the representative",
        "n_members": "pieces in the family", "how": "how the family was found (bytes, identical body, near-identical body, alone)",
    },
    "passage_clusters": {
        "cluster_id": "the cluster of places carrying the same wording",
        "family_id": "the family of the piece (see families)",
        "n_tokens": "tokens of the place",
        "n_docs": "families carrying the cluster", "n_pieces": "pieces carrying it",
        "passage_ids": "the pairwise passages the cluster joins, '; '-separated",
    },
    "mentions": {
        "text": "the mention as written (a possessive 's excluded)",
        "how": "how the mention got its entity: ner, ruler, title, surname, pattern, alias, transliteration, fuzzy",
        "role": "title or role words attached to a person mention (e.g. 'Russian Deputy Foreign Minister')",
        "found_by": "which detector found the span: ruler (alias table), ner (the model), title, surname, pattern",
        "ner_label": "the model's label, empty if the model missed the span",
        "base": "the full name a short mention resolved to in its piece",
        "role_key": "the office words of the role (deputy foreign minister)",
    },
    "merge_candidates": {
        "name_a": "one person name", "name_b": "the other",
        "decision": "merged, candidate (for the user to confirm; not merged) or rejected",
        "score": "the name score after transliteration rules (0-100)", "raw_score": "the rapidfuzz ratio of the names as written",
        "how": "what decided (alias table, name key, transliteration, fuzzy with a shared role...)",
        "shared_roles": "role keys both names are given", "surname": "how the surnames compare",
        "rules": "transliteration rules applied", "shared_pieces": "pieces naming both",
        "pieces_a": "pieces naming name_a", "pieces_b": "pieces naming name_b", "entity": "the canonical entity when merged",
    },
    "entities": {
        "variants": "every surface form merged into the entity in that piece, in order of first use, '; '-separated",
        "first_start": "offset of the first mention", "first_text": "the first mention as written",
        "n_full": "mentions by the name itself", "n_short": "surname-only mentions",
        "roles": "roles the piece attaches, '; '-separated", "sections": "sections with mentions",
    },
    "variants": {
        "doc_ids": "pieces using the form, '; '-separated",
        "merged_by": "canonical, name_key (case, hyphen, spacing), surname, alias (the alias table), transliteration or fuzzy",
        "n_mentions": "mentions with this form",
        "is_spelling_variant": "the person is spelled differently in the corpus and this full name is spelled unlike the canonical",
    },
    "entity_roles": {
        "role": "the role as written", "role_key": "its office words",
        "n_role_keys": "distinct role keys the corpus gives the person",
        "differs_across_pieces": "pieces give the person different offices",
        "wording_differs_across_pieces": "pieces word the roles differently",
        "reference_role": "the role in data/aliases/roles.csv",
        "matches_reference": "whether the role agrees with the reference (empty if unknown)",
    },
    "entity_persons": {
        "full_names": "full-name spellings the piece uses", "short_forms": "one-word forms", "roles": "roles the piece gives",
        "spelling_differs": "the piece spells the full name unlike the canonical",
        "spellings_in_corpus": "distinct full-name spellings across pieces (above 1: spelled differently)",
        "role_differs_across_pieces": "pieces give different offices", "role_wording_differs": "pieces word the roles differently",
        "reference_role": "the role in data/aliases/roles.csv", "role_matches_reference": "false when a role the piece gives disagrees with the reference",
    },
    "entity_merges": {
        "doc_ids": "pieces using the form", "merged_by": "alias or fuzzy", "alias_kind": "the alias row's kind",
        "shared_role": "the variant's role key is one the entity also gets elsewhere",
        "fuzzy_alone": "fuzzy matching alone would merge it", "needs_alias_table": "merged by the alias table and fuzzy matching would not",
        "without_table": "what the tool decides with the alias table emptied: merged, candidate or rejected",
    },
    "attributions": {
        "source": "the canonical name of who is quoted or cited ('Dmitry Peskov', 'KCNA', 'analysts')",
        "source_kind": "person, organization, media or anonymous",
        "cue": "the reporting verb's lemma, 'according to', a speech noun, 'colon' (headline) or 'reportedly'",
        "quote_type": "direct (wholly quoted), mixed (reported speech holding a quoted fragment), indirect, according_to",
        "channel": "the conduit that carried the words: an agency, outlet, press service, platform; empty if none",
        "content": "the quoted words, or the reported clause or phrase (raw[start:end])",
        "side": "the side the source speaks for",
        "speaker_text": "the words naming the source", "speaker_start": "their start", "speaker_end": "their end",
        "construction": "the rule that found it (direct_speaker_after, reporting_clause, quoted_as, according_to, hedge, ...)",
        "speaker_how": "how the source was resolved (name, surname, role, apposition, possessive, pronoun, anaphora, ...)",
        "cue_text": "the cue as written", "cue_start": "its start", "cue_end": "its end",
        "row_id": "the row's id: doc_id#n", "parent": "the row_id of the attribution this one is embedded in (an agency reporting that a body said), else empty",
    },
    "misattributions": {
        "kind": "across pieces, headline vs body, or within a piece",
        "section_a": "section of the first fragment", "source_a": "who the first piece credits", "start_a": "its start", "end_a": "its end", "quote_a": "its words",
        "section_b": "section of the second", "source_b": "who the second credits", "start_b": "its start", "end_b": "its end", "quote_b": "its words",
        "similarity": "word-shingle containment of the two fragments", "shared_words": "words both fragments hold",
    },
    "claims": {
        "similarity": "the best score linking the sentence to a sentence of another piece in the claim (lexical: weighted mean of the word and character cosines; learned: the fitted scorer's probability)",
        "method": "how pairs were scored: lexical (the default) or learned (run option claims='learned', CLI --claims-method learned)",
        "n_sentences": "sentences in the claim", "matched_doc": "the piece of that best partner", "matched_start": "its start",
        "claim_terms": "the terms most shared by the claim's pieces",
        "linked_by": "the terms and numbers the sentence shares with its best partner, with the words of both sides",
        "commentary": "learned method only (else empty): the probability that the sentence is commentary, stating no checkable claim (data/models/commentary.csv); from 0.7 on, its pairs count only on lexical evidence",
        "also_in": "the other claims the sentence is in ('; '-joined claim ids), else empty: a sentence stating two claims (a whole quote whose halves other pieces carry apart) is a row of each",
    },
    "evidence": {
        "frame": "the frame the term counts for (data/lexicons/frames.csv)", "match": "lemma or exact matching", "version": "the lexicon entry's version",
        "voice": "outlet (the piece's own words) or quoted (inside a direct quote or a quoted fragment)",
        "quoted_source": "who the quote is credited to (attributions), for quoted hits",
        "excluded": "empty when the hit counts; else why not (a name, a context rule of the lexicon)",
        "section": "body or subheading (subheading hits are counted apart)",
    },
    "frames": {
        "frame": "the frame", "hits": "body hits that count (outlet and quoted)",
        "per_1000_words": "hits per 1,000 body words", "n_words": "the corpus body word count", "terms": "matched terms with counts, most frequent first",
        "hits_outlet": "hits in the piece's own words", "per_1000_outlet": "per 1,000 of the piece's own body words (outside quotes)",
        "hits_quoted": "hits inside quotes", "per_1000_quoted": "per 1,000 quoted words (unstable when a piece quotes little)",
        "hits_subheading": "hits in subheadings (not counted above)", "hits_excluded": "hits left out (names, context rules)",
        "n_words_body": "body words (subheadings left out)", "n_words_outlet": "body words outside quotes", "n_words_quoted": "body words inside quotes",
        "terms_outlet": "terms matched in the piece's own words", "terms_quoted": "terms matched inside quotes",
    },
    "lexical_choice_evidence": {
        "referent": "the thing named (data/lexicons/lexical_choice.csv)", "term": "the choice of word for it", "variant": "the form that matched",
        "voice": "outlet or quoted", "quoted_source": "who the quote is credited to", "excluded": "why the hit does not count, else empty",
    },
    "lexical_choice": {
        "referent": "the thing named", "term": "the choice of word", "count": "times the piece uses the term for the referent",
        "share": "the term's part of the piece's words for that referent", "count_outlet": "in the piece's own words", "count_quoted": "inside quotes",
    },
    "voice_balance": {
        "dimension": "side or source_kind", "value": "the side or kind", "attributions": "attributions of that side or kind", "share": "their share of the piece's attributions",
    },
    "provenance_edges": {
        "shared": "as in pair_shares", "share_a_in_b": "as in pair_shares", "share_b_in_a": "as in pair_shares",
        "longest_run": "tokens of the longest shared passage", "n_passages": "shared passages (not stock)",
        "n_clusters": "passage clusters behind the pair's evidence", "n_wider": "of those, clusters other families carry too",
        "shared_claims": "claims both pieces carry", "claim_overlap": "shared claims over the claims either piece carries (Jaccard)",
        "weight": "mean of shared and claim_overlap (ranks the edges)",
        "reading": "what the evidence suggests: copied passages, same claims in other words, one long shared phrase, no sign of reuse, same piece",
        "more_contained": "the piece more of whose text lies in the other (direction-aware shares), when clear",
        "evidence": "the longest shared passage's words",
    },
    "claim_details": {
        "pair": "for sentences compared outside a claim (the same quantity of one thing about one subject): the group id q1, q2, ...; else empty",
        "field": "numbers, when_where (dates, places, occasions), credited, roles, names",
        "entity": "the person a name or role belongs to, or the thing a number counts",
        "value": "what the piece's sentence says for that field, as written",
        "key": "the value normalised for comparison (a quantity, a date, a role key, a name key)",
    },
    "claim_discrepancies": {
        "severity": "1 numbers, 2 when and where, 3 who is credited, 4 roles and titles, 5 name spellings, 9 minor (written differently, same value)",
        "minor": "true when the values differ only in writing (an ordinal suffix, a dropped adjective, a hyphen)",
        "pair": "the group id (q1, ...) of sentences compared outside a claim, else empty",
        "field": "what differs: numbers, when_where, credited, roles, names",
        "entity": "the person or thing concerned",
        "values": "per piece, what it says (doc: v1 | v2; ...)",
        "why": "one plain sentence naming the pieces and what each says",
    },
    "name_spellings": {"entity": "a person spelled differently across pieces"},
    "quote_provenance": {
        "quote": "the quoted words in the piece", "speaker": "who the piece credits, as written",
        "match_doc": "the text that carries the closest match (a reference text or another piece), empty when none",
        "match_start": "its start in that text", "match_end": "its end", "match_text": "the matching words there",
        "match_speaker": "who that text credits", "similarity": "word-alignment similarity of quote and match (0-1)",
        "verdict": "exact, altered, truncated, extended, speaker_differs or not_found (no text searched carries it: a lead, not a verdict of fabrication)",
        "differences": "the word-level changes (changed: a -> b; dropped: w; added: w; order) and credit changes (speaker: X -> Y)",
        "earliest_doc": "the earliest dated text carrying the quote", "occurrence": "which occurrence of the quote in the piece",
        "quote_type": "direct or mixed", "speaker_entity": "the canonical speaker", "channel": "the piece's channel for it",
        "match_kind": "reference or piece", "match_folder": "the folder of the matching text", "match_date": "its date",
        "match_quoted": "whether the match sits inside quote marks there", "match_speaker_entity": "the canonical speaker there",
        "match_channel": "the channel there", "chain": "the provenance chain, origin first (text -> text -> ...)",
        "origin_differences": "what changed from the origin of the chain", "searched": "how many texts were searched",
        "note": "a plain note (e.g. 'no text searched carries it (N reference texts)')",
    },
    "claim_provenance": {
        "match_doc": "the text with the closest sentence", "match_start": "its start", "match_end": "its end", "match_text": "that sentence",
        "similarity": "sentence similarity (0-1)", "differences": "every field that differs, '; '-separated",
        "match_kind": "reference or piece", "match_folder": "the folder of the matching text", "match_date": "its date",
        "numbers": "numbers that differ (piece -> match)", "dates": "dates that differ", "titles": "titles that differ", "names": "name spellings that differ",
        "places": "places that differ", "credited": "who is credited, where it differs", "earliest_doc": "the earliest dated text carrying the claim",
        "chain": "the provenance chain", "origin_differences": "what changed from the origin", "searched": "texts searched", "note": "a plain note",
    },
}


def describe(stage: str, column: str) -> str:
    """The meaning of ``column`` in table ``stage`` ("" if undescribed)."""
    own = COLUMNS.get(stage, {})
    if column in own:
        return own[column]
    if stage == "name_spellings" and column not in COMMON:
        return "how that piece spells the person's full name (one column per piece)"
    return COMMON.get(column, "")


def undescribed(columns: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """``{stage: columns}`` of the given table columns that have no description."""
    return {stage: missing for stage, cols in columns.items() if (missing := [c for c in cols if not describe(stage, c)])}


def data_dictionary(columns: Mapping[str, Sequence[str]]) -> str:
    """The Markdown of DATA_DICTIONARY.md for the tables' ``columns`` (``{stage: [column, ...]}``)."""
    lines = [
        "# Data dictionary",
        "",
        "Every table a run computes, as `newsprism report` writes it to `tables/STAGE.csv` (and",
        "`newsprism table STAGE` prints it). Offsets are character offsets into the raw decoded file",
        "text, so `raw[start:end]` is exactly the span shown. Generated from",
        "`src/newsprism/report/dictionary.py` by `python -m newsprism.report.dictionary`.",
        "",
    ]
    for name, spec in STAGES.items():
        if name not in columns:
            continue
        inputs = ", ".join(f"`{i}`" for i in spec.inputs)
        reads = ", ".join(f"`data/{r}`" for r in spec.reads) or "none"
        help_text = spec.help[0].upper() + spec.help[1:] + ("" if spec.help.endswith(".") else ".")
        lines += [f"## `{name}`", "", help_text, "", f"Computed from {inputs}; reads {reads}.", "", "| column | meaning |", "| --- | --- |"]
        lines += [f"| `{c}` | {describe(name, c).replace('|', '/')} |" for c in columns[name] if not (name == "name_spellings" and c not in COMMON and c != "entity")]
        if name == "name_spellings":
            lines.append("| (one column per piece) | how that piece spells the person's full name |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m newsprism.report.dictionary: regenerate DATA_DICTIONARY.md from the five pieces
    import sys
    from pathlib import Path

    from newsprism.output import atomic_write_bytes
    from newsprism.run import Run

    run = Run(Path(__file__).resolve().parents[3] / "data" / "raw")
    text = data_dictionary({name: list(run.table(name).columns) for name in STAGES})
    atomic_write_bytes(Path(sys.argv[1] if len(sys.argv) > 1 else "DATA_DICTIONARY.md"), (text + "\n").encode("utf-8"))
