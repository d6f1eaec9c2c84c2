"""The run: each stage computed once, kept on disk, keyed by every input, the same in every process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_of
from pieces import D001, D002

from newsprism import Run
from newsprism.errors import NewsprismError
from newsprism.nlp import parse as parse_module
from newsprism.nlp.docbin import doc_to_bytes
from newsprism.output import table_bytes
from newsprism.resources.files import refresh
from newsprism.stages.registry import INTERFACE_TABLES, STAGES


def _journal(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _reads_closure(name: str) -> set[str]:
    """The data files a stage depends on: its own and those of its inputs, transitively."""
    spec = STAGES[name]
    found = set(spec.reads)
    for i in spec.inputs:
        if i in STAGES:
            found |= _reads_closure(i)
    return found


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the data folder that the test may edit, used through NEWSPRISM_DATA_DIR."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "lexicons", data / "lexicons")
    shutil.copytree(ROOT / "data" / "aliases", data / "aliases")
    shutil.copytree(ROOT / "data" / "models", data / "models")
    monkeypatch.setenv("NEWSPRISM_DATA_DIR", str(data))
    refresh()
    yield data
    refresh()


def test_every_stage_once_and_every_read_declared(run):
    """Computing every stage reads only declared data files (the run raises otherwise) and never
    recomputes a stage another one already asked for."""
    run.compute()
    computed = run.stats["computed"]
    assert len(computed) == len(set(computed))
    assert set(STAGES) <= set(computed) | set(run.stats["loaded"])


def test_second_run_with_the_same_cache_computes_nothing(tmp_path, raw_dir, monkeypatch):
    journal = tmp_path / "journal.jsonl"
    monkeypatch.setenv("NEWSPRISM_JOURNAL", str(journal))
    first = Run(raw_dir, cache=tmp_path / "cache", jobs=1)
    first.compute()
    tables = {name: table_bytes(first.table(name)) for name in STAGES}
    events = _journal(journal)
    parsed = [e["doc_id"] for e in events if e["event"] == "parse"]
    assert sorted(parsed) == sorted(first.articles["doc_id"])  # each article parsed exactly once
    second = Run(raw_dir, cache=tmp_path / "cache", jobs=1)
    assert {name: table_bytes(second.table(name)) for name in STAGES} == tables
    assert _journal(journal) == events  # nothing parsed, nothing computed
    assert second.stats["parsed"] == 0 and second.stats["computed"] == []
    assert (tmp_path / "cache" / "parse").is_dir() and list((tmp_path / "cache" / "tables").glob("attributions/*/*.parquet"))


def test_parses_are_docbin_and_give_the_same_tables(tmp_path, raw_dir, run):
    cached = Run(raw_dir, cache=tmp_path / "cache", jobs=1)
    files = sorted((tmp_path / "cache" / "parse").rglob("*.spacy"))
    assert files == [] and len(cached.docs) == 5 and len(files := sorted((tmp_path / "cache" / "parse").rglob("*.spacy"))) == 5
    again = Run(raw_dir, cache=tmp_path / "cache", jobs=1)
    assert again.docs[D001].text == run.docs[D001].text
    assert [(t.lemma_, t.dep_, t.ent_type_) for t in again.docs[D001]] == [(t.lemma_, t.dep_, t.ent_type_) for t in run.docs[D001]]
    for name in ("mentions", "attributions", "claims", "evidence"):
        assert table_bytes(again.table(name)) == table_bytes(run.table(name)), name


def test_editing_a_data_file_rebuilds_exactly_what_reads_it(tmp_path, raw_dir, data_copy, monkeypatch):
    journal = tmp_path / "journal.jsonl"
    monkeypatch.setenv("NEWSPRISM_JOURNAL", str(journal))
    cache = tmp_path / "cache"
    Run(raw_dir, cache=cache, jobs=1).compute()
    before = Run(raw_dir, cache=cache, jobs=1)
    belousov_before = set(before.table("entities")["entity"])
    for edited, row in (("aliases/entities.csv", "Andrei Belousov,Belousov the minister,PERSON,Russian,name,test edit\n"), ("lexicons/frames.csv", None)):
        path = data_copy / edited
        if row is None:  # drop the last entry of the frame lexicon
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text("".join(lines[:-1]), encoding="utf-8")
        else:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(row)
        refresh()
        start = len(_journal(journal))
        run = Run(raw_dir, cache=cache, jobs=1)
        run.compute()
        recomputed = {e["stage"] for e in _journal(journal)[start:] if e["event"] == "compute"}
        expected = {name for name in STAGES if edited in _reads_closure(name)}
        assert recomputed == expected, edited
        assert not [e for e in _journal(journal)[start:] if e["event"] == "parse"]
    assert "attributions" in {n for n in STAGES if "aliases/entities.csv" in _reads_closure(n)}
    assert {n for n in STAGES if "lexicons/frames.csv" in _reads_closure(n)} == {"evidence", "frames"}
    assert set(run.table("entities")["entity"]) == belousov_before


def test_same_tables_in_two_fresh_processes(tmp_path, raw_dir):
    """Determinism across processes (other hash seeds), without a cache and with two jobs
    (two parse processes, and the per-article steps in a pool of two processes)."""
    script = (
        "import sys; from pathlib import Path; from newsprism import Run; from newsprism.output import table_bytes\n"
        "from newsprism.nlp import parse; parse.WORDS_PER_WORKER = 1\n"
        "import newsprism.run; newsprism.run.POOL_MIN_ARTICLES = 1  # jobs 2: per-article steps in a pool of two processes\n"
        "run = Run(sys.argv[1], cache=None, jobs=int(sys.argv[3]))\n"
        "out = Path(sys.argv[2]); out.mkdir()\n"
        "for name in run.compute() or __import__('newsprism').STAGES: (out / f'{name}.csv').write_bytes(table_bytes(run.table(name)))\n"
    )
    outputs = []
    for k, (seed, jobs) in enumerate((("1", "1"), ("2024", "2"))):
        out = tmp_path / f"out{k}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", script, str(raw_dir), str(out), jobs], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1] and len(outputs[0]) == len(STAGES)


def test_recompute_computes_the_stage_again_from_loaded_inputs(tmp_path, raw_dir):
    run = Run(raw_dir, cache=tmp_path / "cache", jobs=1)
    before = table_bytes(run.table("misattributions"))
    computed = list(run.stats["computed"])
    assert table_bytes(run.recompute("misattributions")) == before
    assert run.stats["computed"] == [*computed, "misattributions"]  # its inputs were not computed again


def test_local_pool_gives_the_tables_of_one_process(raw_dir, run, monkeypatch):
    import newsprism.run as run_module
    from newsprism._partitions import LocalExecutor

    assert Run(raw_dir, cache=None, jobs=2).partitioned() is None  # five pieces: not worth the processes
    monkeypatch.setattr(run_module, "POOL_MIN_ARTICLES", 1)
    assert Run(raw_dir, cache=None, jobs=1).partitioned() is None
    with Run(raw_dir, cache=None, jobs=2) as pooled:
        executor = pooled.partitioned()
        assert isinstance(executor, LocalExecutor) and len(executor.partitions(len(pooled.articles))) == len(pooled.articles)
        names = ["mentions", "entities", "attributions", "evidence", "lexical_choice_evidence", "frames", "claims"]
        assert [n for n in names if table_bytes(pooled.table(n)) != table_bytes(run.table(n))] == []
        assert len(pooled.table("mentions")) > 100 and executor._pool is not None  # the workers did run
    assert executor._pool is None  # closed with the run


def test_a_worker_that_dies_gives_one_line_and_a_new_pool(raw_dir, run, monkeypatch):
    from newsprism._partitions import LocalExecutor
    from newsprism.stages.entities import mentions as mentions_module

    executor = LocalExecutor(2)
    monkeypatch.setattr(mentions_module, "piece_mentions", lambda *args: os._exit(3))  # the forked workers inherit it
    with pytest.raises(NewsprismError, match="worker process died while running piece_mentions"):
        list(executor.map_articles("stages.entities.mentions:piece_mentions", run.articles, run.docs))
    assert executor._pool is None
    monkeypatch.undo()
    parts = list(executor.map_articles("stages.entities.mentions:piece_mentions", run.articles, run.docs))
    assert sum(len(p) for p in parts) == len(run.articles)  # a fresh pool, each piece's mentions
    executor.close()


def test_two_parse_processes_give_the_same_docs(articles, monkeypatch):
    views = list(parse_module.parse_views(articles).values())
    monkeypatch.setattr(parse_module, "WORDS_PER_WORKER", 1)
    assert parse_module.parse_workers(views, 2) == 2
    one = [doc_to_bytes(d) for d in parse_module.parse_texts(views, jobs=1)]
    two = [doc_to_bytes(d) for d in parse_module.parse_texts(views, jobs=2, batch_size=2)]
    assert one == two


def test_long_text_is_parsed_in_chunks_with_raw_offsets(monkeypatch, raw_texts):
    text = raw_texts[D002]
    monkeypatch.setattr(parse_module, "CHUNK_CHARS", 400)
    assert len(parse_module._chunks(text, 400)) > 3
    doc = next(parse_module.parse_texts([text]))
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_cache_is_never_inside_the_corpus(tmp_path, raw_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(raw_dir, corpus)
    with pytest.raises(NewsprismError, match="inside the corpus"):
        Run(corpus, cache=corpus / ".cache")
    result = subprocess.run([sys.executable, "-m", "newsprism", "corpus", str(corpus), "--cache", str(corpus / "c")], capture_output=True, text=True)
    assert result.returncode == 2 and "inside the corpus" in result.stderr
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in raw_dir.iterdir())


def test_cli_commands_share_the_run(tmp_path, raw_dir):
    """Two commands on one corpus: the second reads what the first computed (journal)."""
    journal = tmp_path / "journal.jsonl"
    env = {**os.environ, "NEWSPRISM_JOURNAL": str(journal)}
    cache = str(tmp_path / "cache")
    for command in ("entities", "attributions"):
        result = subprocess.run([sys.executable, "-m", "newsprism", command, str(raw_dir), "--cache", cache], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
    events = _journal(journal)
    assert [e["doc_id"] for e in events if e["event"] == "parse"].count(D001) == 1
    assert [e["stage"] for e in events if e["event"] == "compute"].count("mentions") == 1
    no_cache = subprocess.run([sys.executable, "-m", "newsprism", "table", "misattributions", str(raw_dir), "--no-cache"], capture_output=True, text=True)
    assert no_cache.returncode == 0 and "Vladimir Putin" in no_cache.stdout


def test_table_command_and_interface_tables():
    assert INTERFACE_TABLES == ("corpus", "similarity", "passages", "entities", "variants", "attributions", "claims", "evidence", "frames")


def test_one_article_run(tmp_path, raw_texts):
    run = run_of(tmp_path, {"only": raw_texts[D002]})
    assert run.table("passages").empty and not run.table("attributions").empty

