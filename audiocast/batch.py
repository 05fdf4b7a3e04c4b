"""Many articles at once: a process pool here, or any concurrent.futures executor (Dask).

Each article is built by `build_one` in a worker process (libespeak-ng is one per process).
A build already keeps more than one core busy (the encoder runs beside speech, limiting and
metering), so N workers gain less than N times on N cores. The engine is chosen once for the
batch, in this process, and every worker speaks with that engine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from .build import build_episode, speech_cached
from .bulletin import BULLETIN_FILE
from .engines import EngineStatus, choose_engine
from .episode import EpisodeRecord
from .errors import AudiocastError, ConfigError, system_error
from .show import Show

log = logging.getLogger(__name__)

DASK_SCHEME = "dask://"


@dataclass(frozen=True)
class Outcome:
    """What became of one article; `error` is set when it failed."""

    article: Path
    record: EpisodeRecord | None = None
    up_to_date: bool = False
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class BatchResult:
    outcomes: list[Outcome]
    engine: str
    skipped_engines: tuple[EngineStatus, ...]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def build_one(show_root: Path, article: Path, engine: str, force: bool) -> Outcome:
    """Build one article; its error (ours, or the system's: a full disk) becomes the outcome's
    error, not an exception, so the rest of the batch goes on."""
    start = time.perf_counter()
    try:
        result = build_episode(Show.open(show_root), article, engines=[engine], force=force)
    except AudiocastError as exc:
        return Outcome(article, error=str(exc), seconds=time.perf_counter() - start)
    except OSError as exc:
        message = f"{article}: {system_error(exc)}"
        return Outcome(article, error=message, seconds=time.perf_counter() - start)
    return Outcome(article, result.record, result.up_to_date, None, time.perf_counter() - start)


def find_articles(show: Show) -> list[Path]:
    """Every episodes/*/article.yaml (or .json) of the show, in order, then the bulletins
    (episodes/*/bulletin.yaml), which read the articles."""
    found = sorted(show.episodes_dir.glob("*/article.yaml"))
    found += sorted(show.episodes_dir.glob("*/article.json"))
    found += sorted(show.episodes_dir.glob(f"*/{BULLETIN_FILE}"))
    return found


def open_executor(jobs: int, address: str | None, stack: ExitStack) -> Executor:
    """A process pool of `jobs` workers, or the executor of a Dask cluster at `address`."""
    if address is None:
        return stack.enter_context(ProcessPoolExecutor(max_workers=jobs))
    if not address.startswith(DASK_SCHEME):
        raise ConfigError(f"executor {address!r}: expected dask://HOST:PORT")
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError(
            "the Dask executor needs the distributed package: pip install 'audiocast[dask]'"
        ) from None
    try:
        client = stack.enter_context(Client(f"tcp://{address[len(DASK_SCHEME) :]}", timeout=10))
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"no Dask scheduler answers at {address} ({exc})") from None
    return client.get_executor()


def build_many(
    show: Show,
    articles: Iterable[Path],
    *,
    jobs: int = 1,
    engines: list[str] | None = None,
    force: bool = False,
    executor: str | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> BatchResult:
    """Build every article; failures are collected, not raised, so one bad article does
    not stop a newsroom's batch. Once `stop()` says so, the articles not yet begun are left
    out of the outcomes (one by one only: `audiocast ingest` stopped by a signal)."""
    # Absolute, not resolved: a link is reported by the name the producer gave it.
    paths = [path.absolute() for path in articles]
    # An up-to-date show sends nothing: a network engine is probed only if speech is needed.
    engine, skipped = choose_engine(
        engines or show.settings.voices.engine,
        show.settings,
        lambda candidate: speech_cached(show, paths, candidate, force),
    )
    outcomes: list[Outcome] = []

    def finished(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)

    if jobs <= 1 and executor is None:
        for path in paths:
            if stop is not None and stop():
                break
            finished(build_one(show.root, path, engine.name, force))
    else:
        with ExitStack() as stack:
            pool = open_executor(jobs, executor, stack)
            futures: dict[Future[Outcome], Path] = {
                pool.submit(build_one, show.root, path, engine.name, force): path for path in paths
            }
            for future in as_completed(futures):
                try:
                    finished(future.result())
                except Exception as exc:  # a worker that died (killed, out of memory)
                    finished(Outcome(futures[future], error=f"the worker failed: {exc!r}"))
    order = {path: i for i, path in enumerate(paths)}
    outcomes.sort(key=lambda o: order.get(o.article, len(order)))
    return BatchResult(outcomes, engine.name, tuple(skipped))
