"""The show lock: one writer at a time for a show's records and feeds.

Builds speak and master in parallel; only the short moments that change what the feed reads
(committing an episode's files and its episode.json, writing feeds/, deleting media no
feed names any more: see tidy.py) are serialized, through an advisory `fcntl.flock` on
`<show>/.cache/show.lock`. The kernel drops the lock when its
process dies, so a killed build never leaves the show locked.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder, file_lock(Path(folder) / "show.lock", 1):
...     pass
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LockError
from .show import Show

LOCK_FILE = "show.lock"
_POLL_SECONDS = 0.05


@dataclass
class _Holder:
    """This process's hold on one lock file; re-entered by the thread that holds it."""

    pid: int
    mutex: threading.RLock = field(default_factory=threading.RLock)
    depth: int = 0
    fd: int | None = None


_holders: dict[Path, _Holder] = {}
_holders_mutex = threading.Lock()


def lock_path(show: Show) -> Path:
    return show.root / ".cache" / LOCK_FILE


@contextmanager
def show_lock(show: Show, timeout: float | None = None) -> Iterator[None]:
    """Hold the show's write lock, waiting up to `timeout` seconds ([limits] lock_timeout).

    Re-entrant in the thread that holds it, so a caller holding the lock may call a function
    that takes it again (writing the record, then the feeds).
    """
    wait = show.settings.limits.lock_timeout if timeout is None else timeout
    with file_lock(lock_path(show), wait, what=str(show.root)):
        yield


@contextmanager
def file_lock(path: Path, timeout: float, what: str | None = None) -> Iterator[None]:
    """An exclusive flock on `path`, or LockError naming the holder's pid after `timeout`."""
    deadline = time.monotonic() + timeout
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = _holder(path.parent.resolve() / path.name)
    if not holder.mutex.acquire(timeout=max(timeout, 0)):
        raise _busy(path, what, os.getpid())
    try:
        if holder.depth == 0:
            holder.fd = _acquire(path, deadline, what)
        holder.depth += 1
        try:
            yield
        finally:
            holder.depth -= 1
            if holder.depth == 0 and holder.fd is not None:
                fd, holder.fd = holder.fd, None
                os.close(fd)  # closing the last descriptor releases the flock
    finally:
        holder.mutex.release()


def _holder(path: Path) -> _Holder:
    with _holders_mutex:
        holder = _holders.get(path)
        if holder is None or holder.pid != os.getpid():
            # A forked child inherits the parent's table but not its hold on the lock.
            holder = _holders[path] = _Holder(os.getpid())
        return holder


def _acquire(path: Path, deadline: float, what: str | None) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(path, what, _holder_pid(fd)) from None
                time.sleep(_POLL_SECONDS)
        # Who holds it, for the message another process shows while it waits.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _holder_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode("ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _busy(path: Path, what: str | None, pid: int | None) -> LockError:
    who = f"pid {pid}" if pid else "pid unknown"
    return LockError(
        f"{what or path}: another audiocast is writing this show ({who}); wait or try again"
    )
