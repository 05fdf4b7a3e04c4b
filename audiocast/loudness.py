"""Loudness (ITU-R BS.1770-4, gated) and true peak, measured fast; and a true-peak limiter.

The K-weighting filters come from pyloudnorm. Its own gating loops over blocks in Python;
here the blocks' energies come from one cumulative sum, and the K-weighted power of a
program is kept so that trying another gain costs a multiplication, not a new filtering.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]


def _signal() -> Any:
    """scipy.signal, imported when first needed: it takes a second to import, and commands
    that never touch audio (script, list, feed) should not wait for it."""
    import scipy.signal

    return scipy.signal


_BLOCK_S = 0.4  # gating block (BS.1770-4)
_HOP_S = 0.1  # 75 % overlap
_ABSOLUTE_GATE = -70.0
_RELATIVE_GATE = -10.0
_OVERSAMPLE = 4  # BS.1770-4 Annex 2: 4x oversampling estimates inter-sample peaks
_TAPS_PER_PHASE = 20  # Annex 2 suggests 12; 20 keeps noisy speech within 0.1 dB of 16x
_CHUNK = 1 << 20  # samples per piece when oversampling, to bound memory
_LOOKAHEAD_S = 0.005  # the limiter's gain falls over 5 ms before a peak and recovers after


@functools.cache
def _k_weighting(rate: int) -> npt.NDArray[np.float64]:
    import pyloudnorm  # imports scipy.signal: see _signal()

    filters = pyloudnorm.Meter(rate)._filters.values()
    sections = [_signal().tf2sos(f.b * f.passband_gain, f.a) for f in filters]
    return np.concatenate(sections)


def k_power(samples: Samples, rate: int) -> Samples:
    """K-weighted power per sample (mono; a multichannel signal gives the channels' sum)."""
    weighted = _signal().sosfilt(_k_weighting(rate), samples, axis=0)
    power = weighted * weighted
    return (power.sum(axis=1) if power.ndim == 2 else power).astype(np.float32)


def gated_loudness(power: Samples, rate: int, gain: Samples | None = None) -> float:
    """Integrated loudness (LUFS) from K-weighted power, optionally under a gain curve."""
    if gain is not None:
        power = power * (gain * gain)
    block, hop = int(_BLOCK_S * rate), int(_HOP_S * rate)
    if len(power) < block:
        return float("-inf")
    total = np.concatenate([[0.0], np.cumsum(power, dtype=np.float64)])
    starts = np.arange(0, len(power) - block + 1, hop)
    energy = (total[starts + block] - total[starts]) / block
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(energy)
    gated = energy[levels > _ABSOLUTE_GATE]
    if gated.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) + _RELATIVE_GATE
    final = energy[(levels > _ABSOLUTE_GATE) & (levels > relative)]
    return float(-0.691 + 10 * np.log10(final.mean()))


def integrated_loudness(samples: Samples, rate: int) -> float:
    """Integrated loudness in LUFS; samples shaped (frames,) or (frames, channels)."""
    return gated_loudness(k_power(np.asarray(samples, dtype=np.float32), rate), rate)


@functools.cache
def _interpolator() -> npt.NDArray[np.float32]:
    taps = _signal().firwin(_OVERSAMPLE * _TAPS_PER_PHASE, 1 / _OVERSAMPLE, window=("kaiser", 5.0))
    return (taps * _OVERSAMPLE).astype(np.float32)


def peak_envelope(samples: Samples) -> Samples:
    """Per sample, the largest |value| of the 4x oversampled signal around it (all channels)."""
    mono = np.max(np.abs(samples), axis=1) if samples.ndim == 2 else np.abs(samples)
    columns = samples.reshape(len(samples), -1)
    taps = _interpolator()
    upfirdn = _signal().upfirdn
    delay = (len(taps) - 1) // 2  # the filter's group delay, in oversampled samples
    pad = _TAPS_PER_PHASE
    envelope = np.empty(len(mono), dtype=np.float32)
    for start in range(0, len(mono), _CHUNK):
        stop = min(len(mono), start + _CHUNK)
        lo, hi = max(0, start - pad), min(len(mono), stop + pad)
        peaks = np.zeros((stop - start) * _OVERSAMPLE, dtype=np.float32)
        for channel in columns.T:
            up = np.abs(upfirdn(taps, channel[lo:hi], _OVERSAMPLE))
            first = (start - lo) * _OVERSAMPLE + delay
            np.maximum(peaks, up[first : first + len(peaks)], out=peaks)
        # The maximum of strided views: far faster than a reduction over an axis of four.
        phases = [peaks[k::_OVERSAMPLE] for k in range(_OVERSAMPLE)]
        envelope[start:stop] = functools.reduce(np.maximum, phases)
    return np.maximum(envelope, mono)


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
    ceiling = np.float32(10 ** (ceiling_db / 20))
    need = np.minimum(np.float32(1.0), ceiling / np.maximum(envelope, np.float32(1e-12)))
    if need.min(initial=1.0) >= 1.0:
        return need
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    width = max(1, int(rate * _LOOKAHEAD_S))
    gain = minimum_filter1d(need, size=2 * width + 1, mode="nearest")
    gain = uniform_filter1d(gain, size=width + 1, mode="nearest")
    return np.minimum(gain, need)  # guards the float rounding of the average
