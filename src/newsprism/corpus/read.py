"""The corpus stage: a folder of article files to one row per article, with offsets kept.

``load_corpus`` reads a folder (or a ``manifest.csv`` beside the files), decodes each
file, splits it into headline, chrome, body, subheadings and references, and returns a
DataFrame with the ``corpus`` table columns of INTERFACE.md plus the text and its
segments. ``paragraphs`` and ``sentences`` give spans whose offsets point into the raw
file text. Nothing here writes anywhere.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.text.decode import UnusableFile, read_article_file
from newsprism.text.htmlview import html_visible_view
from newsprism.text.language import guess_language

from .segment import BODY_SECTIONS, SECTIONS, WORD_RE, Segment, segment_article, split_sentences

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_SUFFIXES",
    "CORPUS_COLUMNS",
    "check_articles",
    "corpus_table",
    "english_articles",
    "english_only",
    "load_corpus",
    "masked_view",
    "paragraphs",
    "read_corpus",
    "removed_lines",
    "section_words",
    "segments_table",
    "sentences",
    "spans_match_raw",
    "unique_articles",
]

log = logging.getLogger("newsprism")
T = TypeVar("T")

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
CORPUS_COLUMNS = ["doc_id", "file", "outlet", "headline", "n_words", "encoding", "sha256"]
SKIPPED_COLUMNS = ["file", "reason"]
_MANIFEST = "manifest.csv"


def _article_files(root: Path, recursive: bool) -> list[Path]:
    pattern = "**/*" if recursive else "*"
    files = [
        p
        for p in root.glob(pattern)
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _doc_id(root: Path, path: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    return unicodedata.normalize("NFC", rel.as_posix())


def _read_manifest(root: Path) -> pd.DataFrame | None:
    path = root / _MANIFEST
    if not path.is_file():
        return None
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise NewsprismError(f"{path}: unreadable manifest ({str(exc).splitlines()[0]})") from None
    if "file" not in manifest.columns:
        raise NewsprismError(f"{path}: manifest has no 'file' column")
    return manifest


def _article_row(root: Path, path: Path, doc_id: str) -> dict:
    decoded = read_article_file(path)
    raw = decoded.text
    is_html = path.suffix.lower() in (".html", ".htm")
    text = html_visible_view(raw) if is_html else raw
    segments = segment_article(text)
    headline = next((s for s in segments if s.section == "headline"), None)
    body = [s for s in segments if s.section in BODY_SECTIONS]
    if not body:
        raise UnusableFile("no body text after removing headline and chrome")
    words = {section: 0 for section in ("body", "chrome", "references", "headline")}
    for s in segments:
        key = "body" if s.section in BODY_SECTIONS else s.section
        key = "headline" if key == "headline_repeat" else key
        words[key] += len(WORD_RE.findall(text[s.start : s.end]))
    body_words = " ".join(text[s.start : s.end] for s in body)
    return {
        "doc_id": doc_id,
        "file": path.relative_to(root).as_posix(),
        "outlet": _outlet_label(text, segments),
        "headline": " ".join(text[headline.start : headline.end].split()) if headline else "",
        "n_words": words["body"],
        "encoding": decoded.encoding,
        "sha256": decoded.sha256,
        "format": "html" if is_html else "text",
        "n_bytes": decoded.n_bytes,
        "n_chars": len(raw),
        "language": guess_language(body_words),
        "n_paragraphs": len(body),
        "n_sentences": sum(len(split_sentences(text, s.start, s.end)) for s in body),
        "n_words_headline": words["headline"],
        "n_words_chrome": words["chrome"],
        "n_words_references": words["references"],
        "n_chrome_lines": sum(1 for s in segments if s.section == "chrome"),
        "has_headline_repeat": any(s.section == "headline_repeat" for s in segments),
        "has_references": any(s.section == "references" for s in segments),
        "raw": raw,
        "text": text,
        "segments": tuple(segments),
    }


def _outlet_label(text: str, segments: list[Segment]) -> str:
    """The first short label line above the headline, taken as the outlet's name."""
    return next((text[s.start : s.end] for s in segments if s.section == "chrome" and s.reason.startswith("label:")), "")


def read_corpus(path: str | Path = "data/raw", *, recursive: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a corpus folder; return ``(articles, skipped)``.

    ``articles`` has one row per usable article (sorted by file); ``skipped`` lists each
    file left out and why. Duplicate files (same bytes) stay in ``articles`` with
    ``duplicate_of`` naming the first copy, so pairwise stages can leave them out.
    Raises :class:`NewsprismError` when the path is missing or holds no usable article.
    """
    root = Path(path)
    if not root.exists():
        raise NewsprismError(f"{root}: corpus folder does not exist")
    if not root.is_dir():
        raise NewsprismError(f"{root}: corpus is not a folder")
    manifest = _read_manifest(root)
    if manifest is not None and manifest["file"].str.strip().ne("").any():
        files = [root / f for f in manifest["file"] if f.strip()]
    else:
        files = _article_files(root, recursive)
    rows, skipped = [], []
    seen: dict[str, str] = {}
    resolved_root = root.resolve()
    for file in files:
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        if not file.resolve().is_relative_to(resolved_root):
            skipped.append({"file": rel, "reason": "outside the corpus folder (manifest.csv may only list files inside it)"})
            continue
        if not file.is_file():
            skipped.append({"file": rel, "reason": "listed in manifest.csv but not found"})
            continue
        doc_id = _doc_id(root, file)
        if doc_id in seen:
            reason = "listed twice in manifest.csv" if seen[doc_id] == rel else f"same doc_id '{doc_id}' as {seen[doc_id]} (file name without extension); rename one"
            skipped.append({"file": rel, "reason": reason})
            continue
        try:
            rows.append(_article_row(root, file, doc_id))
            seen[doc_id] = rel
        except UnusableFile as exc:
            skipped.append({"file": rel, "reason": str(exc)})
    for item in skipped:
        log.warning("skipped %s: %s", item["file"], item["reason"])
    if not rows:
        detail = f" ({len(skipped)} file(s) skipped: {skipped[0]['reason']}, ...)" if skipped else ""
        raise NewsprismError(f"{root}: no usable article files (.txt, .html, .htm){detail}")
    articles = pd.DataFrame(rows)
    if manifest is not None:
        articles = _merge_manifest(articles, manifest)
    first_copy: dict[str, str] = {}
    duplicate_of = []
    for sha, doc in zip(articles["sha256"], articles["doc_id"]):
        duplicate_of.append(first_copy.get(sha, ""))
        first_copy.setdefault(sha, doc)
    articles["duplicate_of"] = duplicate_of
    duplicates = [
        {"file": file, "reason": f"duplicate of {dup} (same bytes): kept in per-article tables, left out of pairwise tables"}
        for file, dup in zip(articles["file"], articles["duplicate_of"])
        if dup
    ]
    for item in duplicates:
        log.warning("%s: %s", item["file"], item["reason"])
    return articles, pd.DataFrame(skipped + duplicates, columns=SKIPPED_COLUMNS)


def _merge_manifest(articles: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    meta = manifest.drop_duplicates("file").set_index("file")
    for column in meta.columns:
        values = articles["file"].map(meta[column]).fillna("")
        if column in articles.columns and column not in ("outlet",):
            continue  # computed columns win over the manifest, except editorial metadata
        if column == "outlet":
            values = values.where(values != "", articles["outlet"])
        articles[column] = values
    return articles


def unique_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles without byte-identical duplicates (the first copy is kept): the input of pairwise stages."""
    if "duplicate_of" not in articles.columns:
        return articles
    return articles[articles["duplicate_of"].fillna("").astype(str).eq("")].reset_index(drop=True)


_WARNED_NOT_ENGLISH: set[str] = set()


def english_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles English-only stages may analyse; others are left out with a warning (once per file)."""
    if "language" not in articles.columns:
        return articles
    keep = articles["language"].ne("other")
    if keep.all():
        return articles
    for file, sha in zip(articles.loc[~keep, "file"], articles.loc[~keep, "sha256"]):
        if sha not in _WARNED_NOT_ENGLISH:
            _WARNED_NOT_ENGLISH.add(sha)
            log.warning("%s: not English (function-word check); left out of English-only stages", file)
    return articles[keep].reset_index(drop=True)


#: Columns every stage needs from the articles table.
ARTICLE_COLUMNS = ("doc_id", "raw", "text", "segments")


def check_articles(articles: pd.DataFrame, stage: str = "newsprism") -> None:
    """Raise a one-line :class:`NewsprismError` unless ``articles`` comes from :func:`load_corpus`."""
    if not isinstance(articles, pd.DataFrame):
        raise NewsprismError(f"{stage}: expected the articles table from load_corpus")
    missing = [c for c in ARTICLE_COLUMNS if c not in articles.columns]
    if missing:
        raise NewsprismError(f"{stage}: articles table lacks column(s) {', '.join(missing)} (use load_corpus)")


def english_only(stage: Callable[..., T]) -> Callable[..., T]:
    """Decorate a stage ``f(articles, ...)`` so it checks its input and sees only the English articles."""

    @functools.wraps(stage)
    def wrapper(articles: pd.DataFrame, *args, **kwargs) -> T:
        check_articles(articles, stage.__name__)
        return stage(english_articles(articles), *args, **kwargs)

    return wrapper


def load_corpus(path: str | Path = "data/raw", *, recursive: bool = False) -> pd.DataFrame:
    """One row per article: the ``corpus`` columns plus ``raw``, ``text`` and ``segments``.

    Skipped files are logged as warnings; use :func:`read_corpus` to get them as a table.
    """
    return read_corpus(path, recursive=recursive)[0]


def corpus_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``corpus`` table: the article rows without the text and segment objects."""
    return articles.drop(columns=["raw", "text", "segments"], errors="ignore").reset_index(drop=True)


def segments_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per non-blank line: doc_id, start, end, section, reason, text, view.

    ``text`` is ``raw[start:end]``; ``view`` is the same span of the analysis view (equal
    to ``text`` for plain text; for HTML the markup in it is blanked).
    """
    rows = [
        {
            "doc_id": doc,
            "start": s.start,
            "end": s.end,
            "section": s.section,
            "reason": s.reason,
            "text": raw[s.start : s.end],
            "view": view[s.start : s.end],
        }
        for doc, raw, view, segs in zip(articles["doc_id"], articles["raw"], articles["text"], articles["segments"])
        for s in segs
    ]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "section", "reason", "text", "view"])


def paragraphs(articles: pd.DataFrame, *, sections: frozenset[str] | None = BODY_SECTIONS) -> pd.DataFrame:
    """Paragraphs (non-blank lines) with raw offsets; ``sections=None`` keeps every section."""
    table = segments_table(articles)
    if sections is not None:
        table = table[table["section"].isin(sections)]
    table = table.drop(columns="reason").reset_index(drop=True)
    table.insert(1, "para_id", table.groupby("doc_id").cumcount())
    return table


def sentences(articles: pd.DataFrame, *, sections: frozenset[str] | None = BODY_SECTIONS) -> pd.DataFrame:
    """Sentences with raw offsets: doc_id, sent_id, para_id, start, end, section, text, view.

    ``text`` is ``raw[start:end]``; ``view`` is the span in the analysis view (see
    :func:`segments_table`), which is what text analysis should read.
    """
    paras = paragraphs(articles, sections=sections)
    raws = dict(zip(articles["doc_id"], articles["raw"]))
    views = dict(zip(articles["doc_id"], articles["text"]))
    rows = []
    for p in paras.itertuples(index=False):
        raw, view = raws[p.doc_id], views[p.doc_id]
        for s, e in split_sentences(view, p.start, p.end):
            rows.append({"doc_id": p.doc_id, "para_id": p.para_id, "start": s, "end": e, "section": p.section, "text": raw[s:e], "view": view[s:e]})
    table = pd.DataFrame(rows, columns=["doc_id", "para_id", "start", "end", "section", "text", "view"])
    table.insert(1, "sent_id", table.groupby("doc_id").cumcount())
    return table


def masked_view(text: str, segments: tuple[Segment, ...], sections: frozenset[str] = BODY_SECTIONS) -> str:
    """The text view with every line outside ``sections`` blanked (same length, newlines kept),
    so any offset found in it is an offset into the raw text."""
    chars = [ch if ch in "\r\n" else " " for ch in text]
    for s in segments:
        if s.section in sections:
            chars[s.start : s.end] = text[s.start : s.end]
    return "".join(chars)


def section_words(articles: pd.DataFrame) -> pd.DataFrame:
    """Words per article and section (one row per article, one column per section)."""
    table = segments_table(articles)
    table["words"] = table["text"].map(lambda t: len(WORD_RE.findall(t)))
    wide = table.pivot_table(index="doc_id", columns="section", values="words", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(articles["doc_id"]), columns=list(SECTIONS), fill_value=0)
    wide.columns.name = None
    return wide.reset_index().astype({s: "int64" for s in SECTIONS})


def removed_lines(articles: pd.DataFrame) -> pd.DataFrame:
    """Every line kept out of the analysed body, with its section and the reason."""
    table = segments_table(articles)
    return table[~table["section"].isin(BODY_SECTIONS)].reset_index(drop=True)


def spans_match_raw(
    table: pd.DataFrame, articles: pd.DataFrame, *, doc: str = "doc_id", start: str = "start", end: str = "end", text: str = "text"
) -> pd.Series:
    """For each row of ``table``, whether ``raw[start:end]`` of its article equals its ``text``."""
    raw = dict(zip(articles["doc_id"], articles["raw"]))
    return pd.Series(
        [raw[d][s:e] == t for d, s, e, t in zip(table[doc], table[start], table[end], table[text])], index=table.index, dtype=bool
    )
