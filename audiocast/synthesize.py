"""Speech for every segment of a script, through the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable

from .cache import SegmentCache, cache_key
from .config import VoiceSettings
from .engines import PCM, Engine
from .errors import AudiocastError, EngineError
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
    """One PCM per segment, in script order; cached segments are not spoken again."""
    results: list[PCM] = []
    total = len(script)
    hits = 0
    for number, segment in enumerate(script, 1):
        voice = role_voice(engine, voices, segment.voice)
        key = cache_key(engine.name, engine.version, engine.voice_key(voice), segment.spoken)
        pcm = cache.get(key) if cache else None
        if pcm is None:
            try:
                pcm = engine.synthesize(segment.spoken, voice)
            except AudiocastError as exc:
                raise EngineError(f"segment {number} ({segment.role.value}): {exc}") from exc
            if len(pcm.samples) == 0:
                raise EngineError(
                    f"segment {number} ({segment.role.value}): {engine.name} produced no audio "
                    f"for {segment.spoken[:40]!r}"
                )
            if cache:
                cache.put(key, pcm)
        else:
            hits += 1
        results.append(pcm)
        if progress:
            progress(number, total)
    log.info("synthesized %d segments with %s (%d from cache)", total, engine.name, hits)
    return results
