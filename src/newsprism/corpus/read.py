"""The corpus stage: a folder of article files to one row per article, with offsets kept.

``load_corpus`` reads a folder (or a ``manifest.csv`` beside the files), decodes each
file, splits it into headline, chrome, body, subheadings and references, and returns a
DataFrame with the ``corpus`` table columns of INTERFACE.md plus the text and its
segments. ``paragraphs`` and ``sentences`` give spans whose offsets point into the raw
file text. Nothing here writes anywhere.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from newsprism.errors import NewsprismError
from newsprism.text.decode import UnusableFile, read_article_file
from newsprism.text.htmlview import html_visible_view
from newsprism.text.language import guess_language

from .labels import piece_labels
from .segment import BODY_SECTIONS, WORD_RE, Segment, segment_article, split_sentences

__all__ = ["ARTICLE_SUFFIXES", "CORPUS_COLUMNS", "SKIPPED_COLUMNS", "Decoder", "assemble", "corpus_table", "decode_rows", "listed_files", "load_corpus", "read_corpus"]

log = logging.getLogger("newsprism")

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


def listed_files(root: Path, recursive: bool = False) -> list[tuple[str, str, str | None]]:
    """The files :func:`read_corpus` looks at, in order (the manifest's, else the folder's):
    ``(rel, doc_id, reason it is skipped or None)``."""
    if not root.exists():
        raise NewsprismError(f"{root}: corpus folder does not exist")
    if not root.is_dir():
        raise NewsprismError(f"{root}: corpus is not a folder")
    manifest = _read_manifest(root)
    if manifest is not None and manifest["file"].str.strip().ne("").any():
        files = [root / f for f in manifest["file"] if f.strip()]
    else:
        files = _article_files(root, recursive)
    out: list[tuple[str, str, str | None]] = []
    resolved = root.resolve()
    for file in files:
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        if not file.resolve().is_relative_to(resolved):
            out.append((rel, "", "outside the corpus folder (manifest.csv may only list files inside it)"))
        elif not file.is_file():
            out.append((rel, "", "listed in manifest.csv but not found"))
        else:
            out.append((rel, _doc_id(root, file), None))
    return out


def decode_rows(root: str | Path, files: list[tuple[str, str]]) -> list[tuple[str, dict | str]]:
    """Decode and segment ``(rel, doc_id)`` files: ``(rel, row)``, or ``(rel, reason)`` for
    an unusable file."""
    out: list[tuple[str, dict | str]] = []
    for rel, doc_id in files:
        try:
            out.append((rel, _article_row(Path(root), Path(root) / rel, doc_id)))
        except UnusableFile as exc:
            out.append((rel, str(exc)))
    return out


#: ``decode(root, [(rel, doc_id), ...]) -> {rel: row or reason}``: in process, or on workers.
Decoder = Callable[[Path, list[tuple[str, str]]], dict[str, dict | str]]


def read_corpus(path: str | Path = "data/raw", *, recursive: bool = False, decode: Decoder | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a corpus folder; return ``(articles, skipped)``.

    ``articles`` has one row per usable article (sorted by file); ``skipped`` lists each
    file left out and why. Duplicate files (same bytes) stay in ``articles`` with
    ``duplicate_of`` naming the first copy, so pairwise stages can leave them out.
    ``decode`` decodes the readable files (default: here, one by one; the Dask path maps it
    over workers). Raises :class:`NewsprismError` when the path is missing or holds no
    usable article.
    """
    root = Path(path)
    entries = listed_files(root, recursive)
    readable = [(rel, doc_id) for rel, doc_id, reason in entries if reason is None]
    decoded = decode(root, readable) if decode is not None else dict(decode_rows(root, readable))
    rows, skipped, seen = [], [], {}
    for rel, doc_id, reason in entries:
        if reason is not None:
            skipped.append({"file": rel, "reason": reason})
        elif doc_id in seen:
            why = "listed twice in manifest.csv" if seen[doc_id] == rel else f"same doc_id '{doc_id}' as {seen[doc_id]} (file name without extension); rename one"
            skipped.append({"file": rel, "reason": why})
        elif isinstance(decoded[rel], dict):
            rows.append(decoded[rel])
            seen[doc_id] = rel
        else:
            skipped.append({"file": rel, "reason": decoded[rel]})
    return assemble(root, rows, skipped, _read_manifest(root))


def assemble(root: Path, rows: list[dict], skipped: list[dict], manifest: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The end of :func:`read_corpus` (also of its Dask path): the decoded ``rows`` with the
    manifest's columns, duplicates and labels; the ``skipped`` table. Logs every skip."""
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
    articles["label"] = piece_labels(articles)
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
        if column == "label":
            continue  # the manifest's label names the piece in piece_labels
        values = articles["file"].map(meta[column]).fillna("")
        if column in articles.columns and column not in ("outlet",):
            continue  # computed columns win over the manifest, except editorial metadata
        if column == "outlet":
            values = values.where(values != "", articles["outlet"])
        articles[column] = values
    return articles


def load_corpus(path: str | Path = "data/raw", *, recursive: bool = False) -> pd.DataFrame:
    """One row per article: the ``corpus`` columns plus ``raw``, ``text`` and ``segments``.

    Skipped files are logged as warnings; use :func:`read_corpus` to get them as a table.
    """
    return read_corpus(path, recursive=recursive)[0]


def corpus_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``corpus`` table: the article rows without the text and segment objects."""
    return articles.drop(columns=["raw", "text", "segments"], errors="ignore").reset_index(drop=True)
