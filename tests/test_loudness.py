"""Our fast BS.1770 meter against pyloudnorm's reference, and true peak against 16x oversampling."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from audiocast.loudness import gated_loudness, integrated_loudness, k_power, true_peak

RATE = 44100


def speechlike(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    buzz = np.sign(np.sin(2 * np.pi * (100 + 50 * seed) * t)) * 0.3 + rng.normal(0, 0.1, t.size)
    return (buzz * (np.sin(2 * np.pi * 3.5 * t) > 0) * rng.uniform(0.05, 0.9)).astype(np.float32)


@pytest.mark.parametrize("seed", range(5))
def test_integrated_loudness_matches_pyloudnorm(seed: int) -> None:
    signal = speechlike(20, seed)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(signal.astype(np.float64))
    assert integrated_loudness(signal, RATE) == pytest.approx(reference, abs=0.01)
    stereo = np.stack([signal, signal * 0.5], axis=1)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(stereo.astype(np.float64))
    assert integrated_loudness(stereo, RATE) == pytest.approx(reference, abs=0.01)


def test_a_gain_curve_is_measured_without_refiltering() -> None:
    signal = speechlike(20, 1)
    gain = np.full(len(signal), 0.5, dtype=np.float32)
    direct = integrated_loudness(signal * 0.5, RATE)
    assert gated_loudness(k_power(signal, RATE), RATE, gain) == pytest.approx(direct, abs=0.01)


def test_silence_and_short_input_have_no_loudness() -> None:
    assert integrated_loudness(np.zeros(RATE * 2, np.float32), RATE) == float("-inf")
    assert integrated_loudness(np.ones(100, np.float32), RATE) == float("-inf")


@pytest.mark.parametrize("seed", range(3))
def test_true_peak_agrees_with_16x_oversampling(seed: int) -> None:
    signal = speechlike(5, seed)
    reference = 20 * np.log10(np.abs(resample_poly(signal.astype(np.float64), 16, 1)).max())
    assert true_peak(signal) == pytest.approx(reference, abs=0.1)
