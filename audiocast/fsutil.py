"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# A temporary file lives only while one payload already in memory is written and synced;
# one this old belongs to a process that was killed, and nothing will ever rename it.
STALE_TEMP_SECONDS = 15 * 60


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write data to a temporary file beside path, flush it to disk, then rename it into place."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = temp_path(path)
    try:
        tmp.write_bytes(payload)
        commit(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_path(path: Path) -> Path:
    """A fresh temporary name beside `path`, for a file written in pieces and then moved into
    place with `commit`; stale ones are removed like `write_atomic`'s."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    os.close(fd)
    return Path(tmp)


def commit(tmp: Path, path: Path) -> None:
    """Flush a finished temporary file to disk and rename it to `path`: a reader sees the
    old file or the new one, and after a power cut the new one is whole."""
    os.chmod(tmp, 0o644)  # mkstemp makes files private; published media must be readable
    with tmp.open("rb") as file:
        os.fsync(file.fileno())
    os.replace(tmp, path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: after a power cut the new name is there, not neither."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # some filesystems cannot open folders; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temporary files that `write_atomic` left behind in a killed process.

    Only files at least `older_than` seconds old are removed, so a write in flight in another
    process is never touched; pass 0 only while holding the show lock over `folder`.
    """
    removed = []
    cutoff = time.time() - older_than
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        try:
            if older_than <= 0 or path.stat().st_mtime <= cutoff:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue  # renamed into place or removed by its writer meanwhile
    return removed
