"""`audiocast ingest --watch`: a pass every INTERVAL seconds until SIGTERM or SIGINT.

A signal never interrupts a build: it only sets an event, so the story being built is
finished, the feeds are written for what was built and the pass ends (see run_pass); a
wait between passes, or for a busy source, ends at once.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from ..errors import AudiocastError, system_error
from ..show import Show
from . import PassResult, run_pass

STOPPING = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stopped_by_signals() -> Iterator[threading.Event]:
    """An event set by SIGTERM or SIGINT while inside; the former handlers after."""
    stop = threading.Event()

    def handle(_number: int, _frame: FrameType | None) -> None:
        stop.set()

    before = {number: signal.signal(number, handle) for number in STOPPING}
    try:
        yield stop
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def watch_passes(
    root: Path,
    interval: float,
    stop: threading.Event,
    *,
    engines: list[str] | None,
    report: Callable[[PassResult | str], None],
) -> bool:
    """Passes until `stop` is set, each beginning `interval` seconds after the last began
    (at once when a pass took longer); whether the last pass was clean. A pass that fails
    as a whole (settings broken meanwhile, another audiocast writing) is reported as its
    one line, and the next pass comes as usual. The settings are read again each pass."""
    clean = True
    while not stop.is_set():
        began = time.monotonic()
        try:
            result = run_pass(Show.open(root), engines=engines, stop=stop)
        except AudiocastError as exc:
            report(str(exc))
            clean = False
        except OSError as exc:
            report(system_error(exc))
            clean = False
        else:
            report(result)
            clean = not result.failures
        stop.wait(max(0.0, began + interval - time.monotonic()))
    return clean
