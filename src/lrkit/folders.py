"""Output folders that are checked before any work is done.

A command that computes for seconds or minutes and then fails to write its results wastes
the user's time and, worse, can leave half its files behind. :func:`writable_folder`
creates the folder and writes and removes a small probe file first, so that an unwritable
place (read-only, a file where a folder should be, no permission) is reported at once,
with the folder's name.
"""

from __future__ import annotations

from pathlib import Path


def writable_folder(folder: str | Path, name: str = "the output folder") -> Path:
    """Create ``folder`` if needed and check that files can be written in it.

    Raises ``PermissionError`` saying ``name``, the folder and why it cannot be written.
    """
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".lrkit-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PermissionError(
            f"cannot write to {name} {str(path)!r} ({reason}): give a folder you can write to"
        ) from error
    return path
