"""A run on a Dask cluster gives the tables of an in-process run, byte for byte.

The cluster is a LocalCluster this module starts and stops itself: two worker processes,
one thread each, a small memory limit.
"""

from __future__ import annotations

import logging

import pytest

from newsprism import Run
from newsprism.cli import main
from newsprism.output import table_bytes

distributed = pytest.importorskip("distributed")

#: Tables of the five pieces compared: every distributed path (read, parse, per-article
#: stages, the shingle index) and the client-side stages fed by them.
NLP_TABLES = ["corpus", "passages", "similarity", "mentions", "attributions", "evidence", "frames", "lexical_choice_evidence", "claims"]


@pytest.fixture(scope="module")
def cluster():
    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB", dashboard_address=None)
    yield cluster
    cluster.close()


def _same(dask_run: Run, local_run: Run, names: list[str]) -> list[str]:
    """The tables that differ between the two runs."""
    return [name for name in names if table_bytes(dask_run.table(name)) != table_bytes(local_run.table(name))]


def test_five_pieces_give_the_same_tables(cluster, run, raw_dir):
    with Run(raw_dir, cache=None, jobs=2, scheduler=cluster.scheduler_address) as dask_run:
        assert _same(dask_run, run, NLP_TABLES) == []
        assert dask_run.stats["parsed"] == 5  # the parse ran on the workers, once
        assert len(dask_run.table("passages")) > 0 and (dask_run.table("passages")["common"]).any()


def test_generated_corpus_gives_the_same_tables(cluster, tmp_path):
    from newsprism.bench.synthetic import generate_corpus

    folder = tmp_path / "corpus"
    generate_corpus(folder, 240, seed=3)
    local = Run(folder, cache=None, jobs=1)
    with Run(folder, cache=None, jobs=2, scheduler=cluster.scheduler_address) as dask_run:
        assert _same(dask_run, local, ["corpus", "passages", "similarity"]) == []
        passages = dask_run.table("passages")
        assert (passages["kind"] == "near").any() and (passages["n_docs"] >= 3).any()


def test_skipped_files_and_duplicates_are_reported_alike(cluster, tmp_path, raw_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    body = (raw_dir / "001_b70b9e225ebd2f34.txt").read_bytes()
    (folder / "a.txt").write_bytes(body)
    (folder / "b.txt").write_bytes(body)  # a duplicate: kept, left out of pairwise tables
    (folder / "c.txt").write_bytes(b"\x00\x01\x02" * 10)  # not text
    (folder / "d.txt").write_text("Headline only\n", encoding="utf-8")
    local = Run(folder, cache=None)
    with Run(folder, cache=None, jobs=2, scheduler=cluster.scheduler_address) as dask_run:
        assert table_bytes(dask_run.skipped) == table_bytes(local.skipped)
        assert table_bytes(dask_run.table("corpus")) == table_bytes(local.table("corpus"))
        assert len(local.skipped) >= 2


def test_cli_scheduler_option(cluster, capsys, raw_dir, run):
    assert main(["passages", str(raw_dir), "--no-cache", "--scheduler", cluster.scheduler_address]) == 0
    assert capsys.readouterr().out.encode() == table_bytes(run.table("passages"))
