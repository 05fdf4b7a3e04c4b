"""Long lists worked on in two processes (forked.py), as the pages of a large show are
written: both halves done, in order, and any failure of the second process reported here
as the producer would see it in one."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Sequence
from pathlib import Path

import pytest

from audiocast.errors import AudiocastError, FeedError
from audiocast.forked import in_two

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: one process")


def tagged(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), item) for item in items]


def test_the_second_half_is_done_by_another_process_and_comes_back_in_order() -> None:
    done = in_two(tagged, list(range(11)), least=2)
    assert [item for _, item in done] == list(range(11))
    workers = [pid for pid, _ in done]
    assert workers[:5] == [os.getpid()] * 5
    assert len(set(workers[5:])) == 1 and workers[5] != os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(workers[5], os.WNOHANG)  # already reaped: no zombie is left


def test_a_short_list_is_done_here() -> None:
    assert {pid for pid, _ in in_two(tagged, list(range(5)), least=6)} == {os.getpid()}


def test_a_full_disk_in_the_second_process_is_reported_as_the_disk_error(tmp_path: Path) -> None:
    def write(items: Sequence[int]) -> list[Path]:
        written = []
        for item in items:
            if item >= 5:
                raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.tmp"))
            path = tmp_path / f"{item}.txt"
            path.write_text("whole")
            written.append(path)
        return written

    with pytest.raises(OSError) as raised:
        in_two(write, list(range(10)), least=2)
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename == str(tmp_path / "x.tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{i}.txt" for i in range(5)]


def test_a_producer_error_keeps_its_kind_and_words() -> None:
    def check(items: Sequence[int]) -> list[int]:
        if 7 in items:
            raise FeedError("episode 7: its record is damaged; rebuild it")
        return list(items)

    with pytest.raises(FeedError, match="episode 7: its record is damaged; rebuild it"):
        in_two(check, list(range(10)), least=2)


class Odd(AudiocastError):
    def __init__(self, where: int, what: str) -> None:
        super().__init__(f"{what} at {where}")


def test_an_error_that_cannot_travel_still_says_what_went_wrong() -> None:
    def fail(items: Sequence[int]) -> list[int]:
        if 9 in items:
            raise Odd(9, "cannot read")
        return list(items)

    with pytest.raises(AudiocastError, match="cannot read at 9"):
        in_two(fail, list(range(10)), least=2)


def test_a_killed_second_process_is_an_error_not_half_a_result() -> None:
    def die(items: Sequence[int]) -> list[int]:
        if 9 in items:
            os.kill(os.getpid(), signal.SIGKILL)
        return list(items)

    with pytest.raises(AudiocastError, match="stopped before finishing its part"):
        in_two(die, list(range(10)), least=2)
