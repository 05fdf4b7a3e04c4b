"""Pages written in batches (fsutil.Batch), as `audiocast feed` writes the episode pages:
flushed to disk together, yet each file is replaced in one step, and a batch cut short,
by an error or by a kill, leaves every file old or new and whole, and no temporary file
that the next run does not clear.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from audiocast.fsutil import Batch, dead_temps, is_temp, remove_dead_temps


def folders(root: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        folder = root / f"2024-06-{i + 1:02d}-habari"
        folder.mkdir(parents=True, exist_ok=True)
        paths.append(folder / "index.html")
    return paths


def temps(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if is_temp(p.name))


def test_a_batch_writes_every_file_whole(tmp_path: Path) -> None:
    paths = folders(tmp_path, 10)
    paths[3].write_text("old")
    with Batch(size=4) as batch:
        for i, path in enumerate(paths):
            batch.write(path, f"page {i}\n".encode() * 1000)
    assert batch.written == paths
    for i, path in enumerate(paths):
        assert path.read_bytes() == f"page {i}\n".encode() * 1000
        assert path.stat().st_mode & 0o777 == 0o644  # a web server may read it
    assert temps(tmp_path) == []


def test_an_error_in_a_batch_leaves_no_temporary_file(tmp_path: Path) -> None:
    paths = folders(tmp_path, 10)
    for path in paths:
        path.write_text("old")
    paths[5].unlink()
    paths[5].mkdir()  # in the way: its rename fails half-way through the second batch
    with pytest.raises(IsADirectoryError), Batch(size=4) as batch:
        for path in paths:
            batch.write(path, b"new")
    assert [p.read_text() for p in paths[:5]] == ["new"] * 5  # renamed before the error
    assert [p.read_text() for p in paths[6:]] == ["old"] * 4  # untouched, whole
    assert temps(tmp_path) == []


KILLED = """
import os, signal, sys
from pathlib import Path
from audiocast.fsutil import Batch
batch = Batch(size=100)
for arg in sys.argv[1:]:
    batch.write(Path(arg), b"new" * 10000)
os.kill(os.getpid(), signal.SIGKILL)  # before the batch is flushed and renamed
"""


def test_a_killed_batch_leaves_old_files_and_temporaries_the_next_run_clears(
    tmp_path: Path,
) -> None:
    paths = folders(tmp_path, 6)
    for path in paths:
        path.write_text("old")
    done = subprocess.run(
        [sys.executable, "-c", KILLED, *map(str, paths)], capture_output=True, check=False
    )
    assert done.returncode == -9, done.stderr
    assert [p.read_text() for p in paths] == ["old"] * 6  # never a half-written page
    left = temps(tmp_path)
    assert len(left) == len(paths)  # its temporary files, which nobody holds any more
    for path in paths:
        assert dead_temps(path.parent) == [p for p in left if p.parent == path.parent]
        remove_dead_temps(path.parent)
    assert temps(tmp_path) == []
    assert sorted(os.listdir(paths[0].parent)) == ["index.html"]
