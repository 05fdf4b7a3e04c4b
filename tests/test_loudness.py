"""Our streaming BS.1770 meter against pyloudnorm and scipy, true peak against 16x oversampling,
and the block-by-block limiter against the same limiter run on the whole signal."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly, sosfilt, tf2sos

from audiocast.loudness import (
    ENVELOPE_MARGIN,
    KWeighting,
    LoudnessMeter,
    PeakMeter,
    integrated_loudness,
    limiter_gain,
    lookahead,
    measure_file,
    peak_envelope,
    true_peak,
)
from audiocast.media import Encoding, media_format
from audiocast.media.encoder import encode

from audio import ebur128

RATE = 44100


def speechlike(seconds: float, seed: int, rate: int = RATE) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    buzz = np.sign(np.sin(2 * np.pi * (100 + 50 * seed) * t)) * 0.3 + rng.normal(0, 0.1, t.size)
    return (buzz * (np.sin(2 * np.pi * 3.5 * t) > 0) * rng.uniform(0.05, 0.9)).astype(np.float32)


def pieces(signal: np.ndarray, seed: int) -> list[np.ndarray]:
    """The signal cut at random places, some pieces tiny, as a stream delivers it."""
    cuts = np.sort(np.random.default_rng(seed).integers(0, len(signal), 12))
    return np.split(signal, [0, 1, *cuts, len(signal) - 3])


@pytest.mark.parametrize("seed", range(5))
def test_integrated_loudness_matches_pyloudnorm(seed: int) -> None:
    signal = speechlike(20, seed)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(signal.astype(np.float64))
    assert integrated_loudness(signal, RATE) == pytest.approx(reference, abs=0.01)
    stereo = np.stack([signal, signal * 0.5], axis=1)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(stereo.astype(np.float64))
    assert integrated_loudness(stereo, RATE) == pytest.approx(reference, abs=0.01)


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100, 48000])
def test_k_weighting_in_pieces_equals_the_reference_filter_over_the_whole(rate: int) -> None:
    signal = speechlike(6, 2, rate)
    filters = pyloudnorm.Meter(rate)._filters.values()
    sos = np.concatenate([tf2sos(f.b * f.passband_gain, f.a) for f in filters])
    reference = sosfilt(sos, signal.astype(np.float64)) ** 2
    weighting = KWeighting(rate)
    streamed = [weighting.power(piece) for piece in pieces(signal, rate)]
    streamed = np.concatenate([*streamed, weighting.power(signal[:0], flush=True)])
    assert np.abs(streamed - reference).max() < 1e-9


def test_a_stream_measures_like_the_whole() -> None:
    signal = speechlike(30, 3)
    loudness, peak = LoudnessMeter(RATE), PeakMeter()
    for piece in pieces(signal, 3):
        loudness.add(piece)
        peak.add(piece)
    peak.add(signal[:0], last=True)
    assert loudness.integrated() == pytest.approx(integrated_loudness(signal, RATE), abs=1e-6)
    assert peak.true_peak() == pytest.approx(true_peak(signal), abs=1e-6)


def test_silence_and_short_input_have_no_loudness() -> None:
    assert integrated_loudness(np.zeros(RATE * 2, np.float32), RATE) == float("-inf")
    assert integrated_loudness(np.ones(100, np.float32), RATE) == float("-inf")
    assert true_peak(np.zeros(100, np.float32)) == float("-inf")


@pytest.mark.parametrize("seed", range(3))
def test_true_peak_agrees_with_16x_oversampling(seed: int) -> None:
    signal = speechlike(5, seed)
    reference = 20 * np.log10(np.abs(resample_poly(signal.astype(np.float64), 16, 1)).max())
    assert true_peak(signal) == pytest.approx(reference, abs=0.1)


def test_a_blocks_envelope_and_limiter_equal_the_whole_signals() -> None:
    # Mastering limits block by block with some context: it must sound as if done at once.
    signal = speechlike(12, 4)
    signal = signal / np.abs(signal).max() * 2  # peaks 6 dB over full scale
    whole = limiter_gain(peak_envelope(signal), RATE, -2.0)
    assert whole.min() < 0.5  # the limiter works hard here
    margin = ENVELOPE_MARGIN + 2 * lookahead(RATE) + 2
    for start, stop in [(0, 40000), (40000, 123457), (123457, len(signal))]:
        lo, hi = max(0, start - margin), min(len(signal), stop + margin)
        block = limiter_gain(peak_envelope(signal[lo:hi]), RATE, -2.0)
        assert np.allclose(block[start - lo : start - lo + stop - start], whole[start:stop],
                           atol=1e-5)  # fmt: skip


def test_a_file_is_measured_as_ffmpeg_measures_it(tmp_path: Path) -> None:
    signal = speechlike(15, 1)
    path = tmp_path / "tone.mp3"
    pcm = np.round(signal * 32767).astype(np.int16)
    encode(media_format("mp3"), pcm, RATE, Encoding("128k", 1, RATE), path)
    measured = measure_file(path, RATE)
    meter = ebur128(path)
    assert measured.duration == pytest.approx(15.0, abs=0.001)
    assert measured.loudness == pytest.approx(meter.integrated, abs=0.1)
    assert measured.true_peak == pytest.approx(meter.true_peak, abs=0.3)


def varied(seconds: int, seed: int, rate: int = RATE) -> np.ndarray:
    """Speech-like sound whose level changes every few seconds over about 20 dB: a
    programme with a loudness range to measure, and a loudest moment."""
    signal = speechlike(seconds, seed, rate)
    rng = np.random.default_rng(seed)
    step = 2 * rate
    levels = np.repeat(10 ** (rng.uniform(-20, 0, -(-len(signal) // step)) / 20), step)
    return (signal * levels[: len(signal)]).astype(np.float32)


@pytest.mark.parametrize("seed", [1, 2])
def test_loudness_range_and_maximum_loudness_match_ffmpegs_meter(tmp_path: Path, seed: int) -> None:
    """EBU Tech 3342's loudness range and the loudest momentary (400 ms) and short-term
    (3 s) loudness, as the bext chunk of a broadcast WAV carries them, agree with ffmpeg's
    ebur128 filter on the same file."""
    path = tmp_path / "varied.wav"
    pcm = np.round(varied(60, seed, 48000) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(48000)
        file.writeframes(pcm.tobytes())
    measured = measure_file(path, 48000)
    meter = ebur128(path)
    assert meter.loudness_range > 5  # a range worth measuring
    assert measured.loudness_range == pytest.approx(meter.loudness_range, abs=0.5)
    assert measured.max_momentary == pytest.approx(meter.max_momentary, abs=0.1)
    assert measured.max_short_term == pytest.approx(meter.max_short_term, abs=0.1)
    assert measured.loudness == pytest.approx(meter.integrated, abs=0.1)


def test_the_loudness_statistics_of_a_stream_equal_the_wholes() -> None:
    signal = varied(40, 4)
    streamed, whole = LoudnessMeter(RATE), LoudnessMeter(RATE)
    for piece in pieces(signal, 4):
        streamed.add(piece)
    whole.add(signal)
    assert streamed.statistics() == pytest.approx(whole.statistics(), abs=1e-6)


def test_a_short_programme_has_no_short_term_maximum_and_no_range() -> None:
    meter = LoudnessMeter(RATE)
    meter.add(speechlike(2, 5))
    lra, momentary, short_term = meter.statistics()
    assert (lra, short_term) == (0.0, float("-inf"))
    assert momentary > -70
