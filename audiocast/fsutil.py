"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every file is written as a temporary file beside its final name (`.<name>.<random>.tmp`) and
renamed into place when whole. The writing process holds an `fcntl.flock` on its temporary
file until the rename: the kernel drops it when the process dies, so a temporary file nobody
holds is a killed writer's and `remove_dead_temps` deletes it at once, whatever its age,
while a write in flight in another process (a build still mastering) is never touched.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import resource
import stat
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

TEMP_SUFFIX = ".tmp"


class TempFile:
    """A temporary file beside `path`, held by this process until `commit` renames it into
    place or `discard` (or leaving the `with` block) deletes it."""

    def __init__(self, path: Path, *, make_folder: bool = True) -> None:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            prefix = f".{path.name}."
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TEMP_SUFFIX)
            if _hold(fd, name):
                break
        self.path = Path(name)
        self._fd: int | None = fd

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._opened(), view) :]

    def commit(self, path: Path, durable: bool = True) -> None:
        """Flush the finished file to disk and rename it to `path`: a reader sees the old file
        or the new one, and after a power cut the new one is whole. Without `durable` it is
        not flushed: for files that check themselves when read (the speech cache), so that a
        power cut costs at most their content, never a wrong one, and for a Batch's files,
        which it flushes together."""
        fd = self._opened()
        os.fchmod(fd, 0o644)  # mkstemp makes files private; published media must be readable
        if durable:
            os.fsync(fd)
        os.replace(self.path, path)
        self._fd = None
        os.close(fd)  # released only now: until the rename, no cleaner may take the file
        if durable:
            _sync_folder(path.parent)

    @property
    def fd(self) -> int:
        return self._opened()

    def discard(self) -> None:
        if self._fd is not None:
            self.path.unlink(missing_ok=True)
            fd, self._fd = self._fd, None
            os.close(fd)

    def _opened(self) -> int:
        if self._fd is None:
            raise ValueError(f"{self.path} was already committed or discarded")
        return self._fd

    def __enter__(self) -> TempFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.discard()


def _hold(fd: int, name: str) -> bool:
    """Take the writer's hold on a new temporary file; False if a cleaner got to it first."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)  # a cleaner is checking it between its creation and our hold; it goes
        return False
    except OSError:
        return True  # a filesystem without locks: no cleaner can take it either (see _dead)
    try:
        if os.stat(name).st_ino == os.fstat(fd).st_ino:
            return True
    except FileNotFoundError:
        pass
    os.close(fd)  # a cleaner removed it before we held it
    return False


def write_atomic(path: Path, data: bytes | str, durable: bool = True) -> None:
    """Write data to a temporary file beside path, flush it to disk (unless not `durable`:
    see TempFile.commit), then rename it into place."""
    with TempFile(path) as tmp:
        tmp.write(data.encode("utf-8") if isinstance(data, str) else data)
        tmp.commit(path, durable)


class Batch:
    """Many small files written atomically, as `write_atomic` writes one, but flushed to
    disk together: each file goes to its temporary file; then, a few hundred at a time, one
    flush of the filesystem (syncfs) makes them all durable before each is renamed into
    place, and one more at the end makes the renames durable. A reader or a power cut meets
    each file old or new, whole, as with `write_atomic`, without a disk flush per file (most
    of the time of writing ten thousand pages). Leaving the `with` block on an error deletes
    the temporary files not yet renamed.
    """

    def __init__(self, size: int | None = None) -> None:
        self.size = size or _batch_size()
        self._pending: list[tuple[TempFile, Path]] = []
        self._devices: set[int] = set()  # the filesystems written to
        self.written: list[Path] = []

    def write(self, path: Path, data: bytes) -> None:
        try:
            tmp = TempFile(path, make_folder=False)  # most often it is there: one call less
        except FileNotFoundError:
            tmp = TempFile(path)
        self._pending.append((tmp, path))  # from here on, discarded on error
        tmp.write(data)
        if len(self._pending) >= self.size:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        self._devices |= _sync_files([tmp.fd for tmp, _ in self._pending])
        for tmp, path in self._pending:
            tmp.commit(path, durable=False)  # a committed file's discard does nothing
            self.written.append(path)
        self._pending.clear()

    def close(self) -> None:
        """Rename the last files into place and make every rename durable."""
        self._flush()
        if not self.written:
            return
        if len(self._devices) == 1:
            fd = os.open(self.written[0].parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                if _syncfs(fd):
                    return
            finally:
                os.close(fd)
        with ThreadPoolExecutor(_SYNC_THREADS) as pool:
            list(pool.map(_sync_folder, {path.parent for path in self.written}))

    def discard(self) -> None:
        for tmp, _ in self._pending:
            tmp.discard()
        self._pending.clear()

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            try:
                self.close()
            finally:
                self.discard()
        else:
            self.discard()


_SYNC_THREADS = 16  # fsyncs at once where syncfs is missing: the filesystem joins them up
_LIBC = ctypes.CDLL(None, use_errno=True)
_SYNCFS = getattr(_LIBC, "syncfs", None)  # Linux only


def _batch_size() -> int:
    """Temporary files held open at once: a quarter of what this process may open."""
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft == resource.RLIM_INFINITY:
        soft = 4096
    return max(16, min(2048, soft // 4))


def _syncfs(fd: int) -> bool:
    """Flush the whole filesystem holding `fd` to disk; False where that cannot be done."""
    return _SYNCFS is not None and _SYNCFS(fd) == 0


def _sync_files(fds: list[int]) -> set[int]:
    """Flush these open files to disk: one syncfs if they share a filesystem, else each.
    Returns the filesystems they are on."""
    devices = {os.fstat(fd).st_dev for fd in fds}
    if len(devices) == 1 and _syncfs(fds[0]):
        return devices
    with ThreadPoolExecutor(_SYNC_THREADS) as pool:
        list(pool.map(os.fsync, fds))
    return devices


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


def is_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def dead_temps(
    folder: Path, *, remove: bool = False, names: Iterable[str] | None = None
) -> list[Path]:
    """Temporary files in `folder` that no living process holds, left by killed writers
    (deleted with `remove`); those a living process writes, here or in another, stay.
    `names` is the folder's listing, if it was just read."""
    if names is None:
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries]
        except (FileNotFoundError, NotADirectoryError):
            return []
    return [folder / name for name in names if is_temp(name) and _dead(folder / name, remove)]


def remove_dead_temps(folder: Path) -> list[Path]:
    """Delete the temporary files in `folder` that killed writers left."""
    return dead_temps(folder, remove=True)


def _dead(path: Path, remove: bool) -> bool:
    try:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode):
            return False  # not one of ours
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False  # renamed into place or removed meanwhile, or not ours to open
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False  # held by its writer (or no locks here: then it cannot be told, it stays)
    try:
        if os.fstat(fd).st_ino != os.lstat(path).st_ino:
            return False  # the name was taken meanwhile: a file renamed into place stays
        if remove:
            path.unlink()  # while held, so a writer that opened it meanwhile sees it gone
        return True
    except FileNotFoundError:
        return False
    finally:
        os.close(fd)
