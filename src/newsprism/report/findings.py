"""The findings of a run in plain sentences, each with its number and a link to the evidence.

:func:`findings` reads the run's tables and says, for any corpus, what a reader wants to know
first: which pieces copy which (and the passages that show it), the wording many pieces
carry, quotes credited to different speakers, whom the pieces quote and through which
channel, the names, numbers, dates and titles that disagree, and how the framing differs.
Every sentence is built from a table of the run, so each number can be traced to the page
and the CSV behind it; a finding with nothing to report says so rather than disappearing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd

__all__ = ["PAGES", "Finding", "findings"]

#: topic -> the number of the notebook page that holds its evidence.
PAGES = {"reuse": "03", "quotes": "09", "sources": "05", "names": "04", "claims": "07", "framing": "06", "provenance": "07"}


@dataclass(frozen=True)
class Finding:
    """One finding: a topic, one plain sentence, the page (number) and the table behind it."""

    topic: str
    text: str
    page: str
    table: str


def _short(text: str, width: int = 90) -> str:
    return textwrap.shorten(" ".join(str(text).split()), width, placeholder="…")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _names(docs, labels: dict[str, str]) -> str:
    docs = [labels.get(d, d) for d in docs]
    return docs[0] if len(docs) == 1 else ", ".join(docs[:-1]) + " and " + docs[-1]


def _reuse(run, labels: dict[str, str]) -> list[Finding]:
    from newsprism.stages.findings import COPIED, REWRITTEN

    edges = run.table("provenance_edges")
    edges = edges[edges["reading"].isin([COPIED, REWRITTEN])].sort_values(["shared", "weight"], ascending=False, kind="stable")
    if edges.empty:
        return [Finding("reuse", "No two pieces share passages or claims beyond the common story and stock phrasing.", PAGES["reuse"], "provenance_edges")]
    out = []
    for r in edges.head(3).itertuples(index=False):
        reading = str(r.reading).split(":")[0]
        longest = f', the longest {int(r.longest_run)} words: “{_short(r.evidence, 70)}”' if r.evidence else ""
        out.append(
            Finding(
                "reuse",
                f"{_names([r.doc_a, r.doc_b], labels)} share {float(r.shared):.0%} of their wording in {_count(int(r.n_passages), 'passage')}{longest}, "
                f"and {_count(int(r.shared_claims), 'claim')}: {reading}.",
                PAGES["reuse"],
                "provenance_edges",
            )
        )
    return out


def _clusters(run, labels: dict[str, str]) -> list[Finding]:
    clusters = run.table("passage_clusters")
    wide = clusters[(clusters["n_docs"] >= 3) & ~clusters["stock"].astype(bool)]
    if wide.empty:
        return []
    top = wide.sort_values(["n_docs", "n_tokens", "cluster_id"], ascending=[False, False, True], kind="stable").iloc[0]
    docs = sorted(set(clusters.loc[clusters["cluster_id"] == top["cluster_id"], "doc_id"]))
    return [
        Finding(
            "reuse",
            f"The most widely carried wording, “{_short(top['text'], 70)}”, is in {int(top['n_docs'])} pieces ({_names(docs, labels)}): "
            "wording carried by many pieces points to a common source.",
            PAGES["reuse"],
            "passage_clusters",
        )
    ]


def _quotes(run, labels: dict[str, str]) -> list[Finding]:
    quotes = run.table("quote_provenance")
    if quotes.empty:
        return [Finding("quotes", "No piece quotes anyone directly.", PAGES["quotes"], "quote_provenance")]
    counts = quotes["verdict"].value_counts()
    out = [
        Finding(
            "quotes",
            f"Of {len(quotes)} quotes, {int(counts.get('exact', 0))} appear word for word in another piece, "
            f"{int(counts.get('altered', 0) + counts.get('truncated', 0) + counts.get('extended', 0))} with words changed, cut or added, "
            f"and {int(counts.get('not_found', 0))} in no other text searched (a lead to check, not a sign of fabrication).",
            PAGES["quotes"],
            "quote_provenance",
        )
    ]
    for r in quotes[quotes["verdict"] == "speaker_differs"].head(2).itertuples(index=False):
        out.append(
            Finding(
                "quotes",
                f"{labels.get(r.doc_id, r.doc_id)} credits “{_short(r.quote, 60)}” to {r.speaker_entity or r.speaker}; "
                f"{labels.get(r.match_doc, r.match_doc)} credits the same words to {r.match_speaker_entity or r.match_speaker}.",
                PAGES["quotes"],
                "quote_provenance",
            )
        )
    return out


def _sources(run, labels: dict[str, str]) -> list[Finding]:
    table = run.table("attributions")
    if table.empty:
        return [Finding("sources", "No piece attributes anything to anyone.", PAGES["sources"], "attributions")]
    sides = table[table["side"].astype(str) != ""]["side"].value_counts()
    top_side = f"; {sides.index[0]} voices are the most heard ({sides.iloc[0]} of {len(table)})" if len(sides) else ""
    channels = sorted({c for c in table["channel"].astype(str) if c})
    named = (table["source_kind"] != "anonymous").mean()
    via = f"; {int((table['channel'].astype(str) != '').sum())} come through a named channel ({', '.join(channels[:4])})" if channels else ""
    return [
        Finding(
            "sources",
            f"The pieces attribute {len(table)} statements to {table['source'].nunique()} sources, {named:.0%} of them named{top_side}{via}.",
            PAGES["sources"],
            "attributions",
        )
    ]


def _names_found(run, labels: dict[str, str]) -> list[Finding]:
    spellings = run.table("name_spellings")
    if spellings.empty:
        return [Finding("names", "Every person is spelled the same way in every piece that names them.", PAGES["names"], "name_spellings")]
    parts = []
    for _, row in spellings.iterrows():
        forms = {doc: str(v) for doc, v in row.items() if doc != "entity" and isinstance(v, str) and v}
        variants = {f for f in forms.values() if f != row["entity"]}
        where = _names([d for d, f in forms.items() if f in variants], labels)
        parts.append(f"{row['entity']} (“{'”, “'.join(sorted(variants))}” in {where})" if variants else str(row["entity"]))
    return [Finding("names", f"{len(parts)} people are spelled differently across the pieces: {'; '.join(parts)}.", PAGES["names"], "name_spellings")]


_FIELD_WORDS = {"numbers": "a number", "when_where": "when or where", "credited": "who is credited", "roles": "a title", "names": "a name's spelling"}


def _discrepancies(run, labels: dict[str, str]) -> list[Finding]:
    table = run.table("claim_discrepancies")
    if "minor" in table.columns:
        table = table[~table["minor"].astype(bool)]
    if "severity" in table.columns:
        table = table.sort_values(["severity", "claim_id"], kind="stable")
    if table.empty:
        return [Finding("claims", "Where pieces carry the same claim, they agree on its names, numbers, dates and credit.", PAGES["claims"], "claim_discrepancies")]
    out = []
    for r in table.head(3).itertuples(index=False):
        why = getattr(r, "why", "") or f"{r.field}: {r.values}"
        field = _FIELD_WORDS.get(str(r.field), str(r.field))
        out.append(Finding("claims", f"Pieces giving the same fact disagree on {field}: {_short(why, 160)}", PAGES["claims"], "claim_discrepancies"))
    return out


def _framing(run, labels: dict[str, str]) -> list[Finding]:
    from newsprism.stages.framing import top_frames

    frames = run.table("frames")
    if frames.empty:
        return []
    voice = "outlet" if "per_1000_outlet" in frames.columns else "all"
    top = top_frames(frames, n=1, voice=voice) if voice == "outlet" else top_frames(frames, n=1)
    by_frame: dict[str, list[str]] = {}
    for r in top.itertuples(index=False):
        by_frame.setdefault(str(r.frame), []).append(r.doc_id)
    parts = [f"{frame} in {_names(docs, labels)}" for frame, docs in sorted(by_frame.items(), key=lambda kv: -len(kv[1]))]
    own = " in their own words (quotes left out)" if voice == "outlet" else ""
    return [Finding("framing", f"The strongest frame{own}: {'; '.join(parts)}.", PAGES["framing"], "frames")]


def findings(run) -> list[Finding]:
    """Every finding of ``run``, in the order a reader wants them."""
    labels = dict(zip(run.articles["doc_id"], run.articles["label"]))
    out: list[Finding] = []
    for part in (_reuse, _clusters, _quotes, _sources, _names_found, _discrepancies, _framing):
        out += part(run, labels)
    return out


def finding_table(run) -> pd.DataFrame:
    """:func:`findings` as a table (topic, text, page, table)."""
    return pd.DataFrame([vars(f) for f in findings(run)], columns=["topic", "text", "page", "table"])
