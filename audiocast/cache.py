"""Content-addressed cache of synthesized segments, so a rebuild never speaks a line twice."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import struct
import wave
from pathlib import Path

from .engines import PCM, Word
from .fsutil import write_atomic

log = logging.getLogger(__name__)

# Every entry ends with a RIFF chunk of our own holding a SHA-256 over the key, the rate and
# the samples. WAV readers skip chunks they do not know; `get` checks it, so a flipped bit on
# disk or a file copied under the wrong key is spoken again, never served.
_SUM_CHUNK = b"acsm"
# Where the engine says each word is heard (engines.Word), as JSON in a chunk of its own
# before the checksum, which then covers it too; absent when the engine gives none.
_WORDS_CHUNK = b"acwd"
_SUM_SIZE = hashlib.sha256().digest_size
_TRAILER = len(_SUM_CHUNK) + 4 + _SUM_SIZE


def cache_key(engine: str, version: str, voice_key: str, text: str) -> str:
    """SHA-256 over everything that changes the audio of a segment.

    >>> len(cache_key("espeak", "1.52.0", "sw@160wpm", "Habari."))
    64
    """
    blob = json.dumps([engine, version, voice_key, text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SegmentCache:
    """Segments as WAV files under `root/<2 hex>/<key>.wav`, written atomically, checksummed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def has(self, key: str) -> bool:
        """Whether an entry for `key` is stored (`get` still checks it)."""
        return self._path(key).is_file()

    def get(self, key: str) -> PCM | None:
        """The cached speech for `key`, or None when absent or damaged (then it is removed)."""
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            raw = b""
        pcm = _decode(key, raw)
        if pcm is None:
            # A damaged entry is never served: drop it and speak the segment again.
            if raw.startswith(b"RIFF") and _SUM_CHUNK not in raw[-_TRAILER:]:
                log.info("re-speaking %s: written before entries had checksums", path.name)
            else:
                log.warning("discarding damaged cache entry %s", path)
            path.unlink(missing_ok=True)
        return pcm

    def put(self, key: str, pcm: PCM) -> None:
        data = pcm.samples.astype("<i2").tobytes()
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(pcm.sample_rate)
            wav.writeframes(data)
        body = bytearray(buffer.getvalue())
        words = _words_blob(pcm.words)
        if words:
            body += _WORDS_CHUNK + struct.pack("<I", len(words)) + words + b"\0" * (len(words) % 2)
        body += _SUM_CHUNK + struct.pack("<I", _SUM_SIZE)
        body += _checksum(key, pcm.sample_rate, data, words)
        struct.pack_into("<I", body, 4, len(body) - 8)  # the RIFF size now covers the trailer
        # Not flushed to disk: an entry a power cut leaves damaged fails its checksum and is
        # spoken again, and a cold build waited 10 ms a sentence for the flushes.
        write_atomic(self._path(key), bytes(body), durable=False)


def _checksum(key: str, rate: int, data: bytes, words: bytes = b"") -> bytes:
    return hashlib.sha256(key.encode("utf-8") + struct.pack("<I", rate) + data + words).digest()


def _words_blob(words: tuple[Word, ...]) -> bytes:
    if not words:
        return b""
    rows = [[w.start, w.end, w.text] for w in words]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _chunk(raw: bytes, name: bytes) -> bytes:
    """The body of a RIFF file's top-level chunk `name`; b"" if it has none."""
    at = 12
    while at + 8 <= len(raw):
        size = struct.unpack_from("<I", raw, at + 4)[0]
        if raw[at : at + 4] == name:
            return raw[at + 8 : at + 8 + size]
        at += 8 + size + size % 2
    return b""


def _read_words(blob: bytes) -> tuple[Word, ...] | None:
    """The words of a chunk already checked; None if they do not read as words."""
    if not blob:
        return ()
    try:
        rows = json.loads(blob.decode("utf-8"))
        return tuple(Word(float(start), float(end), str(text)) for start, end, text in rows)
    except (UnicodeDecodeError, ValueError, TypeError):
        return None


def _decode(key: str, raw: bytes) -> PCM | None:
    """The samples of a cache entry if its checksum holds, else None."""
    trailer = raw[-_TRAILER:]
    if len(raw) < _TRAILER + 44 or trailer[:8] != _SUM_CHUNK + struct.pack("<I", _SUM_SIZE):
        return None  # truncated, or written before entries carried a checksum
    try:
        with wave.open(io.BytesIO(raw), "rb") as wav:
            if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
                return None
            frames = wav.getnframes()
            data = wav.readframes(frames)
            rate = wav.getframerate()
    except (wave.Error, EOFError, struct.error):
        return None
    blob = _chunk(raw, _WORDS_CHUNK)
    if len(data) != frames * 2 or trailer[8:] != _checksum(key, rate, data, blob):
        return None
    words = _read_words(blob)
    if words is None:
        return None
    import numpy as np  # only when speech is read: an up-to-date build never loads it

    return PCM(np.frombuffer(data, dtype="<i2").astype(np.int16), rate, words)
