"""Speech for every segment of a script, through the cache."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .cache import SegmentCache, cache_key
from .config import VoiceSettings
from .engines import PCM, Engine, takes_subs
from .errors import AudiocastError, AudioError, EngineError, SynthesisError
from .script import Script, Sentence

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (segments done, segments in all)


def role_voice(engine: Engine, voices: VoiceSettings, voice: str) -> str:
    """The engine's voice name for a script voice (narrator, quote)."""
    table = voices.narrator if voice == "narrator" else voices.quote
    try:
        return table[engine.name]
    except KeyError:
        raise EngineError(
            f"no {voice} voice set for engine {engine.name!r}; "
            f'add {engine.name} = "…" to [voices] {voice} in audiocast.toml'
        ) from None


@dataclass(frozen=True)
class Stored:
    """A sentence's speech left in the cache, read back (and checked) when it is mixed."""

    cache: SegmentCache
    key: str
    sample_rate: int

    def load(self) -> PCM:
        pcm = self.cache.get(self.key)
        if pcm is None:
            raise AudioError(
                f"speech {self.key[:12]} left the cache {self.cache.root} during the build "
                "(was it cleared?); build again"
            )
        return pcm


class Spoken:
    """A sentence's speech as just spoken, in memory: the thread that mixes it also writes
    it to the cache, so the speaking thread goes straight on to the next sentence (it is
    the one a build waits for), and nothing is read back from the cache meanwhile."""

    def __init__(self, pcm: PCM, cache: SegmentCache, key: str) -> None:
        self.pcm, self._cache, self._key = pcm, cache, key
        self._cached = False

    def load(self) -> PCM:
        self.keep()
        return self.pcm

    def keep(self) -> None:
        """Write it to the cache, once."""
        if not self._cached:
            self._cache.put(self._key, self.pcm)
            self._cached = True


class Pending:
    """A sentence's speech that another thread is still synthesizing: `load` waits for it."""

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate  # the engine's; the speech itself may say otherwise
        self._done = threading.Event()
        self._speech: PCM | Stored | Spoken | None = None
        self._error: BaseException | None = None

    def keep(self) -> None:
        """Cache what was spoken for it and not yet mixed (a build that stopped early)."""
        if isinstance(self._speech, Spoken):
            self._speech.keep()

    def resolve(self, speech: PCM | Stored | Spoken) -> None:
        self._speech = speech
        self._done.set()

    def fail(self, error: BaseException) -> None:
        if not self._done.is_set():
            self._error = error
            self._done.set()

    def load(self) -> PCM:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._speech is not None
        return self._speech.load()


@contextmanager
def speaking(
    script: Script,
    engine: Engine,
    voices: VoiceSettings,
    cache: SegmentCache,
    sample_rate: int,
    progress: Progress | None = None,
) -> Iterator[list[list[Pending]]]:
    """Synthesize the script in a thread of its own, while the caller mixes: yields each
    sentence's speech as `Pending`, ready in script order as it is spoken (or at once, from
    the cache); the caller's thread writes each to the cache as it takes it (Spoken). On
    leaving, waits for the thread and caches what was spoken and not taken; its error is
    raised, and every sentence not yet spoken raises it too, so a mix waiting on one stops."""
    pending = [[Pending(sample_rate) for _ in segment.sentences] for segment in script]
    flat = [item for segment in pending for item in segment]
    failure: list[BaseException] = []
    stop = threading.Event()

    def ready(unit: int, item: PCM | Stored | Spoken) -> None:
        flat[unit].resolve(item)  # kept below even if the mix no longer wants it
        if stop.is_set():
            raise _Stopped  # the mix gave up: speaking the rest would be wasted

    def run() -> None:
        try:
            _synthesize(script, engine, voices, cache, progress, keep=False, ready=ready)
        except _Stopped:
            pass
        except BaseException as exc:  # handed to the caller's thread below
            failure.append(exc)
            for item in flat:
                item.fail(exc)

    worker = threading.Thread(target=run, name="synthesis", daemon=True)
    worker.start()
    try:
        yield pending
    finally:
        stop.set()
        worker.join()
        # What was spoken but not mixed, because the build stopped, is kept all the same.
        with contextlib.suppress(OSError, AudiocastError):
            for item in flat:
                item.keep()
    if failure:
        raise failure[0]


class _Stopped(Exception):
    """Raised in the synthesis thread when its speech is no longer wanted."""


def synthesize(
    script: Script,
    engine: Engine,
    voices: VoiceSettings,
    cache: SegmentCache | None = None,
    progress: Progress | None = None,
) -> list[list[PCM]]:
    """Audio for every sentence of every segment, in script order, through the cache.

    Each sentence is cached as soon as it is spoken, so a build that fails half-way keeps
    what it already paid for, and an edited paragraph costs only its changed sentences.
    """
    spoken = _synthesize(script, engine, voices, cache, progress, keep=True)
    return [[item.load() for item in segment] for segment in spoken]


def synthesize_to_cache(
    script: Script,
    engine: Engine,
    voices: VoiceSettings,
    cache: SegmentCache,
    progress: Progress | None = None,
) -> list[list[Stored]]:
    """As `synthesize`, but the speech stays in the cache until it is mixed: a build holds
    one sentence in memory at a time, however long the episode."""
    spoken = _synthesize(script, engine, voices, cache, progress, keep=False)
    return [[item for item in segment if isinstance(item, Stored)] for segment in spoken]


def all_cached(script: Script, engine: Engine, voices: VoiceSettings, cache: SegmentCache) -> bool:
    """Whether every sentence's speech by `engine` is already in the cache."""
    try:
        _, _, keys, _ = _units(script, engine, voices)
    except EngineError:  # no voice for this engine: speaking will say so
        return False
    return all(cache.has(key) for key in keys)


def _units(
    script: Script, engine: Engine, voices: VoiceSettings
) -> tuple[list[tuple[int, Sentence]], list[str], list[str], list[str]]:
    """Every sentence with its segment's index, the engine voice reading it, its cache key,
    and the text the engine is given."""
    units = [(i, s) for i, segment in enumerate(script) for s in segment.sentences]
    engine_voice = {v: role_voice(engine, voices, v) for v in {s.voice for s in script}}
    unit_voice = [engine_voice[script.segments[i].voice] for i, _ in units]
    subs = takes_subs(engine)
    texts = [sentence.said_by(subs) for _, sentence in units]
    keys = [
        cache_key(engine.name, engine.version, engine.voice_key(voice), text)
        for text, voice in zip(texts, unit_voice, strict=True)
    ]
    return units, unit_voice, keys, texts


def _synthesize(
    script: Script,
    engine: Engine,
    voices: VoiceSettings,
    cache: SegmentCache | None,
    progress: Progress | None,
    keep: bool,
    ready: Callable[[int, PCM | Stored | Spoken], None] | None = None,
) -> list[list[PCM | Stored]]:
    units, unit_voice, keys, texts = _units(script, engine, voices)
    results: list[PCM | Stored | None] = []
    for unit, key in enumerate(keys):  # one at a time: never a long episode's speech at once
        pcm = cache.get(key) if cache else None
        item = Stored(cache, key, pcm.sample_rate) if cache and pcm and not keep else pcm
        results.append(item)
        if ready and item is not None:
            ready(unit, item)
    misses = [u for u, pcm in enumerate(results) if pcm is None]
    done = len(units) - len(misses)
    lock = threading.Lock()
    if progress and done:
        progress(done, len(units))

    def finished(job: int, pcm: PCM) -> None:
        nonlocal done
        unit = misses[job]
        if len(pcm.samples) == 0:
            raise SynthesisError(job, f"{engine.name} produced no audio")
        if cache and ready and not keep:  # a mix waits for it, and caches it (Spoken)
            ready(unit, Spoken(pcm, cache, keys[unit]))
            stored: Stored | None = Stored(cache, keys[unit], pcm.sample_rate)  # once mixed
        else:
            if cache:
                cache.put(keys[unit], pcm)
            stored = Stored(cache, keys[unit], pcm.sample_rate) if cache and not keep else None
            if ready:
                ready(unit, stored or pcm)
        with lock:
            results[unit] = stored or pcm
            done += 1
            if progress:
                progress(done, len(units))

    jobs = [(texts[u], unit_voice[u]) for u in misses]
    try:
        _speak(engine, jobs, finished)
    except SynthesisError as exc:
        index, sentence = units[misses[exc.index]]
        segment = script.segments[index]
        raise EngineError(
            f"segment {index + 1} ({segment.role.value}), sentence {sentence.text[:40]!r}: {exc}"
        ) from exc
    log.info("%d sentences: %d spoken by %s, %d from cache",
             len(units), len(misses), engine.name, len(units) - len(misses))  # fmt: skip
    grouped: list[list[PCM | Stored]] = [[] for _ in script.segments]
    for (index, _), item in zip(units, results, strict=True):
        assert item is not None  # every miss was spoken or raised
        grouped[index].append(item)
    return grouped


def _speak(
    engine: Engine, jobs: Sequence[tuple[str, str]], finished: Callable[[int, PCM], None]
) -> None:
    """Engines that batch (online ones overlap requests) get all jobs at once."""
    many = getattr(engine, "synthesize_many", None)
    if many is not None:
        many(jobs, finished)
        return
    for job, (text, voice) in enumerate(jobs):
        try:
            pcm = engine.synthesize(text, voice)
        except SynthesisError:
            raise
        except EngineError as exc:
            raise SynthesisError(job, str(exc)) from exc
        finished(job, pcm)
