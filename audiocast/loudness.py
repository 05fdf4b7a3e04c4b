"""Loudness (ITU-R BS.1770, gated) and true peak, measured; and a true-peak limiter."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

Samples = npt.NDArray[np.float32]

_OVERSAMPLE = 4  # BS.1770-4 Annex 2: 4x oversampling estimates inter-sample peaks
_LOOKAHEAD_S = 0.005  # gain falls over 5 ms before a peak and recovers over 5 ms after it


def integrated_loudness(samples: Samples, rate: int) -> float:
    """Integrated loudness in LUFS; samples shaped (frames,) or (frames, channels)."""
    meter = pyloudnorm.Meter(rate)
    return float(meter.integrated_loudness(np.asarray(samples, dtype=np.float64)))


def peak_envelope(samples: Samples) -> Samples:
    """Per sample, the largest |value| of the 4x oversampled signal around it (all channels)."""
    if samples.ndim == 2:
        upsampled = np.max(np.abs(resample_poly(samples, _OVERSAMPLE, 1, axis=0)), axis=1)
        sample_peaks = np.max(np.abs(samples), axis=1)
    else:
        upsampled = np.abs(resample_poly(samples, _OVERSAMPLE, 1))
        sample_peaks = np.abs(samples)
    envelope = upsampled[: len(sample_peaks) * _OVERSAMPLE].reshape(-1, _OVERSAMPLE).max(axis=1)
    return np.maximum(envelope, sample_peaks).astype(np.float32)


def true_peak(samples: Samples) -> float:
    """True peak in dBTP (4x oversampled)."""
    peak = float(peak_envelope(samples).max(initial=0.0))
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def limiter_gain(envelope: Samples, rate: int, ceiling_db: float) -> Samples:
    """A smooth look-ahead gain curve that holds `envelope` at or below `ceiling_db`.

    The gain is the running minimum of what each peak needs over a window of twice the
    look-ahead, then averaged over one look-ahead: the average of values that are all at
    most the need at a peak can never exceed it, so no peak escapes, and the gain changes
    in ramps rather than steps (no clicks). The envelope scales with any constant gain, so
    a caller trying several gains computes it once.
    """
    ceiling = 10 ** (ceiling_db / 20)
    need = np.minimum(np.float32(1.0), ceiling / np.maximum(envelope, np.float32(1e-12)))
    if need.min(initial=1.0) >= 1.0:
        return need
    width = max(1, int(rate * _LOOKAHEAD_S))
    gain = minimum_filter1d(need, size=2 * width + 1, mode="nearest")
    gain = uniform_filter1d(gain, size=width + 1, mode="nearest")
    return np.minimum(gain, need)  # guards the float rounding of the average
