"""What ingest does around the fetching and building of a pass: a source that keeps failing,
or asked to be left alone a while, waits (its due time kept in state.py, so cron's next
pass knows it too); the feeds a pass changed are published when the show says so."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime

from ..config import IngestSettings
from ..errors import AudiocastError, SourceBusy, system_error
from ..show import Show
from .fetch import Patience
from .state import State

log = logging.getLogger(__name__)

PUBLISHED = "published"  # where, and which feeds (_feeds_mark), were last published


def patience(settings: IngestSettings, stop: threading.Event | None) -> Patience:
    return Patience(settings.tries, settings.retry_wait, stop)


def waiting(state: State, url: str) -> str | None:
    """ "URL until 21:40 UTC" when the source is not to be asked this pass."""
    until = state.waiting(url, time.time())
    return None if until is None else _until(url, until)


def failed(state: State, settings: IngestSettings, url: str, exc: Exception) -> str | None:
    """Remember the source's failure; "URL until …" when it asked for a wait longer than a
    pass waits (a 429 or 503 with a long Retry-After: it is waiting, not failing)."""
    after = exc.retry_after if isinstance(exc, SourceBusy) else None
    until = state.failed(url, time.time(), str(exc), retry_after=after,
                         longest=settings.backoff_max)  # fmt: skip
    if after is not None and after > settings.retry_wait:
        log.info("%s; waiting until %s", exc, _until(url, until))
        return _until(url, until)
    return None


def _until(url: str, until: float) -> str:
    return f"{url} until {datetime.fromtimestamp(until, UTC):%H:%M} UTC"


def publish_due(show: Show, state: State) -> tuple[str | None, str | None]:
    """(done, failure): publish the show to [ingest] publish_to unless its feeds, as they
    are, were published there: after this pass, a pass killed before publishing, `approve`
    or `reject`, or a publish that failed changed them."""
    settings = show.settings.ingest
    dest = settings.publish_to
    if not settings.publish or not dest:
        return None, None
    mark = _feeds_mark(show, dest)
    if mark is None or state.value(PUBLISHED) == mark:
        return None, None  # no feed yet (nothing built), or published as it is
    from ..publish import publish

    try:
        report = publish(show, dest)
    except AudiocastError as exc:
        return None, f"publishing to {dest}: {exc}; tried again next pass"
    except OSError as exc:
        return None, f"publishing to {dest}: {system_error(exc)}"
    state.flag(PUBLISHED, mark)
    return f"published {len(report.uploaded)} files to {dest}", None


def _feeds_mark(show: Show, dest: str) -> str | None:
    """The destination and each feed's name, size and time of writing (every write of a
    feed replaces the file): a stat per feed, not a read."""
    feeds = sorted(show.feeds_dir.glob("*.xml"))
    if not (show.feeds_dir / "podcast.xml").exists():
        return None
    stats = [(path.name, path.stat()) for path in feeds]
    return dest + "".join(f" {name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)
