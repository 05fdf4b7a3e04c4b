"""The segment cache checks every entry it reads: damage is spoken again, never served."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from audiocast.article import parse_article
from audiocast.cache import SegmentCache
from audiocast.config import Settings
from audiocast.engines import PCM
from audiocast.script import build_script
from audiocast.synthesize import synthesize

from articles import SHORT_ARTICLE
from fakes import CountingEngine

KEY = "ab" * 32
ARTICLE = SHORT_ARTICLE


def tone() -> PCM:
    return PCM((np.arange(4000) % 200 * 100 - 10000).astype(np.int16), 22050)


def data_offset(raw: bytes) -> int:
    """Where the samples start: just after the 'data' chunk header."""
    return raw.index(b"data") + 8


def test_an_entry_is_a_wav_any_reader_opens(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path)
    cache.put(KEY, tone())
    raw = next(tmp_path.rglob("*.wav")).read_bytes()
    with wave.open(io.BytesIO(raw)) as wav:  # the checksum chunk is skipped by readers
        assert wav.getframerate() == 22050
        assert np.array_equal(np.frombuffer(wav.readframes(4000), "<i2"), tone().samples)


@pytest.mark.parametrize("where", [0, 1, 4001, 7999])
def test_a_flipped_byte_in_the_audio_is_rejected(tmp_path: Path, where: int) -> None:
    cache = SegmentCache(tmp_path)
    cache.put(KEY, tone())
    path = next(tmp_path.rglob("*.wav"))
    raw = bytearray(path.read_bytes())
    raw[data_offset(raw) + where] ^= 0x01  # one bit: still a well-formed WAV of the same size
    path.write_bytes(raw)
    assert cache.get(KEY) is None
    assert not path.exists()


def test_a_flipped_byte_is_spoken_again_and_only_that_sentence(tmp_path: Path) -> None:
    settings, engine, cache = Settings(), CountingEngine(), SegmentCache(tmp_path)
    script = build_script(parse_article(ARTICLE), settings)
    first = synthesize(script, engine, settings.voices, cache)
    spoken = len(engine.calls)
    engine.calls.clear()

    victim = max(tmp_path.rglob("*.wav"), key=lambda p: p.stat().st_size)
    raw = bytearray(victim.read_bytes())
    raw[data_offset(raw) + 100] ^= 0x80
    victim.write_bytes(raw)

    again = synthesize(script, engine, settings.voices, cache)
    assert len(engine.calls) == 1 < spoken  # the damaged sentence, nothing else
    flat = [pcm.samples for segment in first for pcm in segment]
    flat_again = [pcm.samples for segment in again for pcm in segment]
    assert all(np.array_equal(a, b) for a, b in zip(flat, flat_again, strict=True))
    assert cache.get(victim.stem) is not None  # re-spoken and stored whole again


def test_an_entry_under_the_wrong_key_is_rejected(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path)
    cache.put(KEY, tone())
    other = "cd" * 32
    target = tmp_path / other[:2] / f"{other}.wav"
    target.parent.mkdir()
    target.write_bytes(next(tmp_path.rglob(f"{KEY}.wav")).read_bytes())
    assert cache.get(other) is None
    assert cache.get(KEY) is not None


def test_an_entry_without_a_checksum_is_spoken_again(tmp_path: Path) -> None:
    # Entries written before checksums existed cannot be vouched for.
    path = tmp_path / KEY[:2] / f"{KEY}.wav"
    path.parent.mkdir()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(tone().samples.tobytes())
    assert SegmentCache(tmp_path).get(KEY) is None
    assert not path.exists()


@pytest.mark.parametrize("cut", [0, 10, 44, -1, -33])
def test_a_truncated_entry_is_rejected(tmp_path: Path, cut: int) -> None:
    cache = SegmentCache(tmp_path)
    cache.put(KEY, tone())
    path = next(tmp_path.rglob("*.wav"))
    path.write_bytes(path.read_bytes()[:cut])
    assert cache.get(KEY) is None
