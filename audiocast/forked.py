"""Work on a long list in two processes at once, where two cores are there to do it.

Writing the pages of a show of thousands of episodes is Python's work (rendering) and the
kernel's (creating files), both bound to one core in one process. A forked child starts at
once with everything the parent has read (settings, records) and no start-up: it takes the
second half of the list while the parent does the first, and hands back what it returns.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

from .errors import AudiocastError

T = TypeVar("T")
R = TypeVar("R")


def in_two(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, least: int) -> list[R]:
    """`work(items)`, done as `work(first half) + work(second half)` with the second half in
    a forked child when there are at least `least` items and two cores.

    `work` must be safe to run in a copy of this process: it writes files (each atomically)
    and returns picklable results; it must not touch what the parent holds open beyond
    reading. An error in either half is raised here once both halves have stopped (an
    OSError or AudiocastError as the child raised it), so nothing is left half-written
    behind the caller's back.
    """
    if len(items) < least or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return work(items)
    half = len(items) // 2
    read, write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()  # or the child writes the parent's buffered lines a second time
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's lines run in another process
        _child(work, items[half:], read, write)
    os.close(write)
    try:
        mine = work(items[:half])
    finally:
        with os.fdopen(read, "rb") as answer:
            sent = answer.read()
        os.waitpid(pid, 0)
    theirs: list[R] = _answer(sent)
    return mine + theirs


def _child(
    work: Callable[[Sequence[T]], list[R]], items: Sequence[T], read: int, write: int
) -> None:
    """Run `work` in the forked child, send its result or its error, and leave at once: the
    parent's `finally` blocks and exit handlers (its locks, its temporary files) are its own."""
    status = 1
    try:
        os.close(read)
        try:
            message: tuple[str, object] = ("done", work(items))
        except BaseException as exc:  # every failure goes to the parent
            message = ("failed", _portable(exc))
        with os.fdopen(write, "wb") as out:
            out.write(pickle.dumps(message))
        status = 0
    except BaseException:  # a child must never return into the parent's code
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(status)


def _portable(exc: BaseException) -> BaseException:
    """The child's error as the parent can raise it: itself if it survives pickling."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # e.g. an error class whose __init__ takes other arguments
        return AudiocastError(str(exc) or type(exc).__name__)


def _answer(sent: bytes) -> list[R]:
    try:
        kind, value = pickle.loads(sent)
    except Exception as exc:  # the child died without a word (killed)
        raise AudiocastError(
            "a helper process stopped before finishing its part; run the command again"
        ) from exc
    if kind == "failed":
        assert isinstance(value, BaseException)
        raise value
    assert isinstance(value, list)
    return value
