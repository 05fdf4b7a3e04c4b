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
) -> list[list[PCM]]:
    """Audio for every sentence of every segment, in script order, through the cache.

    Each sentence is cached as soon as it is spoken, so a build that fails half-way keeps
    what it already paid for, and an edited paragraph costs only its changed sentences.
    """
    units = [(i, s) for i, segment in enumerate(script) for s in segment.sentences]
    engine_voice = {v: role_voice(engine, voices, v) for v in {s.voice for s in script}}
    unit_voice = [engine_voice[script.segments[i].voice] for i, _ in units]
    keys = [
        cache_key(engine.name, engine.version, engine.voice_key(voice), sentence.spoken)
        for (_, sentence), voice in zip(units, unit_voice, strict=True)
    ]
    results: list[PCM | None] = [cache.get(key) if cache else None for key in keys]
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
        if cache:
            cache.put(keys[unit], pcm)
        with lock:
            results[unit] = pcm
            done += 1
            if progress:
                progress(done, len(units))

    jobs = [(units[u][1].spoken, unit_voice[u]) for u in misses]
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
    grouped: list[list[PCM]] = [[] for _ in script.segments]
    for (index, _), pcm in zip(units, results, strict=True):
        assert pcm is not None  # every miss was spoken or raised
        grouped[index].append(pcm)
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
