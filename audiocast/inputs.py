"""Reading a producer's input files: regular files only, and never more than a limit.

A size from stat() cannot bound a read: a device (/dev/zero) or a named pipe says 0 bytes
and then never ends, and a pipe without a writer blocks the read forever. So the file is
opened without waiting, refused unless it is a regular file, and read up to the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import AudiocastError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_input(path: Path, limit: int, error: type[AudiocastError]) -> bytes:
    """The bytes of the regular file at `path`: all of them, or `limit` + 1 if it holds
    more (the caller names the limit). Raises `error` for anything but a regular file;
    FileNotFoundError and IsADirectoryError as reading would."""
    check_regular(path, error)  # a socket cannot even be opened
    # O_NONBLOCK: opening a pipe nobody writes to returns at once instead of waiting; the
    # file is checked again once open, in case it was swapped meanwhile.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise error(f"{path}: {not_a_file(path, mode)}")
        chunks = []
        left = limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_regular(path: Path, error: type[AudiocastError]) -> None:
    """Refuse a path that leads to anything but a regular file, before a program (ffmpeg)
    is asked to read it; a missing path is left to the caller."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise error(f"{path}: {not_a_file(path, mode)}")


def not_a_file(path: Path, mode: int) -> str:
    """What a path is when it is not a regular file, and what to do.

    >>> not_a_file(Path("/tmp/a.yaml"), stat.S_IFIFO)
    'is a named pipe (FIFO), not a file; give the file itself'
    """
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    target = os.path.realpath(path)
    via = f" (it links to {target})" if path.is_symlink() else ""
    return f"is {kind}{via}, not a file; give the file itself"
