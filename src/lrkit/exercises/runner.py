"""Run one notebook, every cell even after an error: ``python -m lrkit.exercises.runner IN OUT``.

Used by :mod:`lrkit.exercises.collect` in a separate process and a temporary folder, so
the collector can stop it after a time limit. The kernel is always ``python3``.
"""

from __future__ import annotations

import sys

import nbformat
from nbclient import NotebookClient


def main(source: str, target: str) -> int:
    """Execute ``source`` and write the executed notebook to ``target``."""
    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        allow_errors=True,
        timeout=None,
        resources={"metadata": {"path": "."}},
    )
    try:
        client.execute()
    finally:
        nbformat.write(notebook, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
