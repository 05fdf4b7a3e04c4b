"""Content-addressed cache of synthesized segments, so a rebuild never speaks a line twice."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import wave
from pathlib import Path

import numpy as np

from .engines import PCM
from .fsutil import write_atomic

log = logging.getLogger(__name__)


def cache_key(engine: str, version: str, voice_key: str, text: str) -> str:
    """SHA-256 over everything that changes the audio of a segment.

    >>> len(cache_key("espeak", "1.52.0", "sw@160wpm", "Habari."))
    64
    """
    blob = json.dumps([engine, version, voice_key, text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SegmentCache:
    """Segments as WAV files under `root/<2 hex>/<key>.wav`, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> PCM | None:
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                frames = wav.getnframes()
                data = wav.readframes(frames)
                rate = wav.getframerate()
                valid = wav.getnchannels() == 1 and wav.getsampwidth() == 2
        except FileNotFoundError:
            return None
        except (wave.Error, EOFError, OSError):
            valid, data, frames, rate = False, b"", 0, 0
        if not valid or len(data) != frames * 2:
            # A damaged entry is never served: drop it and speak the segment again.
            log.warning("discarding damaged cache entry %s", path)
            path.unlink(missing_ok=True)
            return None
        return PCM(np.frombuffer(data, dtype=np.int16).copy(), rate)

    def put(self, key: str, pcm: PCM) -> None:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(pcm.sample_rate)
            wav.writeframes(pcm.samples.astype("<i2").tobytes())
        write_atomic(self._path(key), buffer.getvalue())
