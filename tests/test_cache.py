"""The segment cache: a rebuild never speaks a segment twice, and never serves damage."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from audiocast.article import parse_article
from audiocast.cache import SegmentCache, cache_key
from audiocast.config import Settings
from audiocast.engines import PCM, Word
from audiocast.errors import AudioError, EngineError
from audiocast.script import Script, build_script
from audiocast.synthesize import speaking, synthesize, synthesize_to_cache

from articles import SHORT_ARTICLE
from fakes import CountingEngine


def sentence_count(script: Script) -> int:
    return sum(len(segment.sentences) for segment in script)


ARTICLE = SHORT_ARTICLE


def test_the_words_an_engine_marked_are_kept_and_checked(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path)
    words = (Word(0.1, 0.4, "Habari"), Word(0.52, 0.9, "za"), Word(1.0, 1.6, "“asubuhi”"))
    pcm = PCM(np.arange(-500, 500, dtype=np.int16), 24000, words)
    cache.put("k" * 64, pcm)
    back = cache.get("k" * 64)
    assert back is not None and back.words == words and np.array_equal(back.samples, pcm.samples)
    # A changed time is damage: the entry is spoken again, never served with wrong cues.
    path = tmp_path / "kk" / f"{'k' * 64}.wav"
    path.write_bytes(path.read_bytes().replace(b"0.52", b"0.62"))
    assert cache.get("k" * 64) is None and not path.exists()


def test_round_trip_keeps_every_sample(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path)
    pcm = PCM(np.array([0, 1, -1, 32767, -32768], dtype=np.int16), 22050)
    cache.put("ab" * 32, pcm)
    got = cache.get("ab" * 32)
    assert got is not None and got.sample_rate == 22050
    assert np.array_equal(got.samples, pcm.samples)
    assert not list(tmp_path.rglob("*.tmp"))  # the atomic write left no temporary file


def test_damaged_entry_is_discarded_not_served(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path)
    key = "cd" * 32
    cache.put(key, PCM(np.ones(1000, dtype=np.int16), 22050))
    path = next(tmp_path.rglob("*.wav"))
    path.write_bytes(path.read_bytes()[:500])  # as if the disk filled mid-write
    assert cache.get(key) is None
    assert not path.exists()


def test_key_changes_with_engine_version_voice_and_text() -> None:
    base = cache_key("espeak", "1.52.0", "sw@160wpm", "Habari.")
    assert base != cache_key("espeak", "1.53.0", "sw@160wpm", "Habari.")
    assert base != cache_key("espeak", "1.52.0", "sw+f3@160wpm", "Habari.")
    assert base != cache_key("espeak", "1.52.0", "sw@160wpm", "Habari!")
    assert base != cache_key("gtts", "1.52.0", "sw@160wpm", "Habari.")


def test_warm_rebuild_speaks_nothing_and_an_edit_speaks_only_itself(tmp_path: Path) -> None:
    settings = Settings()
    cache = SegmentCache(tmp_path)
    engine = CountingEngine()
    script = build_script(parse_article(ARTICLE), settings)
    first = synthesize(script, engine, settings.voices, cache)
    assert len(engine.calls) == sentence_count(script)

    engine.calls.clear()
    again = synthesize(script, engine, settings.voices, cache)
    assert engine.calls == []
    flat = [pcm for segment in first for pcm in segment]
    flat_again = [pcm for segment in again for pcm in segment]
    assert all(np.array_equal(a.samples, b.samples) for a, b in zip(flat, flat_again, strict=True))

    edited = dict(ARTICLE, body=[{"paragraph": "Aya ya kwanza."}, {"paragraph": "Aya mpya."}])
    synthesize(build_script(parse_article(edited), settings), engine, settings.voices, cache)
    assert engine.calls == ["Aya mpya."]


def test_progress_reports_every_segment(tmp_path: Path) -> None:
    settings = Settings()
    script = build_script(parse_article(ARTICLE), settings)
    seen: list[tuple[int, int]] = []
    synthesize(script, CountingEngine(), settings.voices, SegmentCache(tmp_path),
               progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    total = sentence_count(script)
    assert seen == [(i, total) for i in range(1, total + 1)]


def test_speech_left_in_the_cache_is_read_back_whole_and_a_lost_entry_is_explained(
    tmp_path: Path,
) -> None:
    # A build keeps speech in the cache, not in memory, until the mix reads it.
    settings = Settings()
    script = build_script(parse_article(ARTICLE), settings)
    cache = SegmentCache(tmp_path)
    stored = synthesize_to_cache(script, CountingEngine(), settings.voices, cache)
    spoken = synthesize(script, CountingEngine(), settings.voices, cache)
    for refs, pcms in zip(stored, spoken, strict=True):
        for ref, pcm in zip(refs, pcms, strict=True):
            assert ref.sample_rate == pcm.sample_rate
            assert np.array_equal(ref.load().samples, pcm.samples)
    for path in tmp_path.rglob("*.wav"):
        path.unlink()  # someone cleared the cache mid-build
    with pytest.raises(AudioError, match="build again"):
        stored[0][0].load()


class FailingEngine(CountingEngine):
    """Speaks at a declared rate (so a build mixes while it speaks), until the n-th call."""

    sample_rate = 8000

    def __init__(self, fail_at: int) -> None:
        super().__init__()
        self.fail_at = fail_at

    def synthesize(self, text: str, voice: str) -> PCM:
        if len(self.calls) == self.fail_at:
            raise EngineError("the voice fell silent")
        return super().synthesize(text, voice)


def test_mixing_while_speaking_gets_each_sentence_in_order_or_the_engines_error(
    tmp_path: Path,
) -> None:
    settings = Settings()
    script = build_script(parse_article(ARTICLE), settings)
    cache = SegmentCache(tmp_path)
    with speaking(script, CountingEngine(), settings.voices, cache, 8000) as speech:
        heard = [item.load().samples for segment in speech for item in segment]
    expected = synthesize(script, CountingEngine(), settings.voices, None)
    assert all(np.array_equal(a, b.samples) for a, b in
               zip(heard, [p for s in expected for p in s], strict=True))  # fmt: skip

    engine = FailingEngine(fail_at=2)
    cache = SegmentCache(tmp_path / "b")
    with (
        pytest.raises(EngineError, match="fell silent"),
        speaking(script, engine, settings.voices, cache, 8000) as speech,
    ):
        for segment in speech:
            for item in segment:
                item.load()  # the third sentence never comes: this raises, not hangs
    assert len(engine.calls) == 2


class SlowEngine(CountingEngine):
    def synthesize(self, text: str, voice: str) -> PCM:
        time.sleep(0.05)
        return super().synthesize(text, voice)


def test_a_mix_that_fails_stops_the_speech_it_no_longer_needs(tmp_path: Path) -> None:
    settings = Settings()
    script = build_script(parse_article(ARTICLE), settings)
    engine = SlowEngine()
    with (
        pytest.raises(RuntimeError, match="disk full"),
        speaking(script, engine, settings.voices, SegmentCache(tmp_path), 8000) as speech,
    ):
        speech[0][0].load()
        raise RuntimeError("disk full")  # as if writing the program failed
    assert 1 <= len(engine.calls) < sentence_count(script)
    # What was spoken before the mix gave up is in the cache, mixed or not: a second
    # build pays only for the rest.
    again = CountingEngine()
    synthesize(script, again, settings.voices, SegmentCache(tmp_path))
    assert len(again.calls) == sentence_count(script) - len(engine.calls)


def test_speech_mixed_while_speaking_is_cached_as_the_engine_spoke_it(tmp_path: Path) -> None:
    settings = Settings()
    script = build_script(parse_article(ARTICLE), settings)
    cache = SegmentCache(tmp_path)
    with speaking(script, CountingEngine(), settings.voices, cache, 8000) as speech:
        heard = [item.load().samples for segment in speech for item in segment]
    again = CountingEngine()
    cached = synthesize(script, again, settings.voices, cache)
    assert again.calls == []  # all of it came from the cache
    assert all(np.array_equal(a, b.samples) for a, b in
               zip(heard, [p for s in cached for p in s], strict=True))  # fmt: skip
