"""Speech for every segment of a script, through the cache."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from .cache import SegmentCache, cache_key
from .config import VoiceSettings
from .engines import PCM, Engine
from .errors import EngineError, SynthesisError
from .script import Script

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


def synthesize(
    script: Script,
    engine: Engine,
    voices: VoiceSettings,
    cache: SegmentCache | None = None,
    progress: Progress | None = None,
) -> list[PCM]:
    """One PCM per segment, in script order; cached segments are not spoken again.

    Each segment is cached as soon as it is spoken, so a build that fails half-way keeps
    what it already paid for.
    """
    segments = script.segments
    engine_voice = {v: role_voice(engine, voices, v) for v in {s.voice for s in segments}}
    keys = [
        cache_key(engine.name, engine.version, engine.voice_key(engine_voice[s.voice]), s.spoken)
        for s in segments
    ]
    results: list[PCM | None] = [cache.get(key) if cache else None for key in keys]
    misses = [i for i, pcm in enumerate(results) if pcm is None]
    done = len(segments) - len(misses)
    lock = threading.Lock()
    if progress and done:
        progress(done, len(segments))

    def finished(job: int, pcm: PCM) -> None:
        nonlocal done
        i = misses[job]
        if len(pcm.samples) == 0:
            raise SynthesisError(job, f"{engine.name} produced no audio")
        if cache:
            cache.put(keys[i], pcm)
        with lock:
            results[i] = pcm
            done += 1
            if progress:
                progress(done, len(segments))

    jobs = [(segments[i].spoken, engine_voice[segments[i].voice]) for i in misses]
    try:
        _speak(engine, jobs, finished)
    except SynthesisError as exc:
        i = misses[exc.index]
        raise EngineError(
            f"segment {i + 1} ({segments[i].role.value}, {segments[i].text[:40]!r}…): {exc}"
        ) from exc
    log.info("%d segments: %d spoken by %s, %d from cache",
             len(segments), len(misses), engine.name, len(segments) - len(misses))  # fmt: skip
    return [pcm for pcm in results if pcm is not None]


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
