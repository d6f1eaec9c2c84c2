"""The command line contract of INTERFACE.md, run as a user would run it."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd

from newsprism import __version__


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, text=True, cwd=cwd)


def test_corpus_prints_five_rows(raw_dir):
    result = run("corpus", str(raw_dir))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert len(table) == 5
    assert list(table.columns[:7]) == ["doc_id", "file", "outlet", "headline", "n_words", "encoding", "sha256"]


def test_default_corpus_is_data_raw(raw_dir):
    result = run("corpus", cwd=raw_dir.parents[1])
    assert result.returncode == 0, result.stderr
    assert len(pd.read_csv(io.StringIO(result.stdout))) == 5


def test_json_and_out_file(raw_dir, tmp_path):
    result = run("corpus", str(raw_dir), "--format", "json")
    assert [r["doc_id"][:3] for r in json.loads(result.stdout)] == ["000", "001", "002", "003", "004"]
    out = tmp_path / "sub" / "corpus.parquet"
    result = run("corpus", str(raw_dir), "--format", "parquet", "--out", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert len(pd.read_parquet(out)) == 5


def test_version():
    result = run("--version")
    assert result.stdout.strip() == f"newsprism {__version__}"


def test_errors_are_one_line_exit_2(tmp_path):
    for args in (("corpus", str(tmp_path / "missing")), ("nonsense",), ()):
        result = run(*args)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsprism: error: "), result.stderr
    result = run("corpus", str(tmp_path / "missing"))
    assert str(tmp_path / "missing") in result.stderr
