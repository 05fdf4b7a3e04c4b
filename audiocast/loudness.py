"""Loudness (ITU-R BS.1770-4, gated) and true peak, measured in a stream; a true-peak limiter.

Everything here works block by block, so an hour of audio is measured in the memory of a
few seconds of it. The K-weighting filters run as the recursive filters they are, a block
of frames per matrix product (KWeighting): it needs only numpy (scipy.signal takes a
second to import). Oversampling for true peak is done by libsoxr, several times faster
than a polyphase filter in numpy or scipy.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soxr

from .ffmpeg import decode_blocks
from .media import Measured

Samples = npt.NDArray[np.float32]
Floats = npt.NDArray[np.float64]

_HOP_S = 0.1  # gating blocks are 400 ms, overlapping by 75 %: four hops of 100 ms
_HOPS_PER_BLOCK = 4
_ABSOLUTE_GATE = -70.0
_RELATIVE_GATE = -10.0
# EBU Tech 3342's loudness range: short-term (3 s) loudness every hop, gated 20 LU below
# the mean, from the 10th to the 95th percentile.
_SHORT_TERM_HOPS = 30
_RANGE_GATE = -20.0
_RANGE_LOW, _RANGE_HIGH = 0.10, 0.95
_OVERSAMPLE = 4  # BS.1770-4 Annex 2: 4x oversampling estimates inter-sample peaks
_OVERSAMPLER = "HQ"  # libsoxr's 20-bit filter, linear phase, time-aligned
# Input samples either side that a block needs for its oversampled values to equal those of
# the whole signal: the HQ filter reaches 92 input samples at 4x.
ENVELOPE_MARGIN = 256
_LOOKAHEAD_S = 0.005  # the limiter's gain falls over 5 ms before a peak and recovers after
_SPAN = 32  # frames the K-weighting filters per matrix product (its cost grows with this)
# Spans per matrix product: below the size at which OpenBLAS shares a product among threads
# (where numpy was imported before tuning.py could say one thread, as in a program that uses
# audiocast as a library): at 2,048 rows it did, and the meter beside the encoder took twice
# as long. 512 rows also stay in cache: faster on one thread than 2,048.
_ROWS = 512


def hop_length(rate: int) -> int:
    return round(rate * _HOP_S)


def _biquads(rate: int) -> list[tuple[float, float, float, float, float]]:
    """BS.1770's K-weighting at any rate: a +4 dB high shelf and a 38 Hz high pass
    (coefficients as (b0, b1, b2, a1, a2), normalised; the design pyloudnorm uses)."""
    sections = []
    shelf = 10 ** (4.0 / 40)
    for kind, fc, q in (("shelf", 1500.0, 1 / math.sqrt(2)), ("highpass", 38.0, 0.5)):
        w0 = 2 * math.pi * fc / rate
        alpha, cos = math.sin(w0) / (2 * q), math.cos(w0)
        if kind == "shelf":
            a, root = shelf, math.sqrt(shelf)
            b = (
                a * ((a + 1) + (a - 1) * cos + 2 * root * alpha),
                -2 * a * ((a - 1) + (a + 1) * cos),
                a * ((a + 1) + (a - 1) * cos - 2 * root * alpha),
            )
            den = ((a + 1) - (a - 1) * cos + 2 * root * alpha,
                   2 * ((a - 1) - (a + 1) * cos),
                   (a + 1) - (a - 1) * cos - 2 * root * alpha)  # fmt: skip
        else:
            b = ((1 + cos) / 2, -(1 + cos), (1 + cos) / 2)
            den = (1 + alpha, -2 * cos, 1 - alpha)
        a0 = den[0]
        sections.append((b[0] / a0, b[1] / a0, b[2] / a0, den[1] / a0, den[2] / a0))
    return sections


@functools.cache
def _block_system(rate: int) -> tuple[Floats, Floats, Floats, Floats]:
    """The K-weighting as matrices that filter a whole block of _SPAN frames at once.

    The two biquads (each in transposed direct form II, whose two states stay well
    conditioned where one fourth-order polynomial's would not) are one linear system of
    four states s: s' = A s + B x, y = C s + D x. Over a block, y = response @ x + start @ s
    and the state after it is step @ s + entry @ x. Returned transposed, as multiplied."""
    (b0, b1, b2, a1, a2), (c0, c1, c2, d1, d2) = _biquads(rate)
    system = np.zeros((4, 4))
    system[:2, :2] = [[-a1, 1.0], [-a2, 0.0]]
    system[2:, 2:] = [[-d1, 1.0], [-d2, 0.0]]
    second_in = np.array([c1 - d1 * c0, c2 - d2 * c0])
    system[2:, :2] = np.outer(second_in, [1.0, 0.0])  # the first's output feeds the second
    into = np.array([b1 - a1 * b0, b2 - a2 * b0, *(second_in * b0)])
    out = np.array([c0, 0.0, 1.0, 0.0])
    direct = c0 * b0
    powers = [np.eye(4)]
    for _ in range(_SPAN):
        powers.append(system @ powers[-1])
    impulse = np.array([direct, *(out @ powers[i] @ into for i in range(_SPAN - 1))])
    response = np.zeros((_SPAN, _SPAN))
    for row in range(_SPAN):
        response[row, : row + 1] = impulse[row::-1]
    start = np.array([out @ powers[i] for i in range(_SPAN)])
    entry = np.array([powers[_SPAN - 1 - i] @ into for i in range(_SPAN)])
    return response.T.copy(), start.T.copy(), entry, powers[_SPAN].T.copy()


class KWeighting:
    """K-weighted power, frame by frame, of audio fed in blocks of any size.

    The filter runs a block of _SPAN frames at a time as matrix products (_block_system),
    and the states at the blocks' starts follow from their recurrence in log2(blocks)
    vectorised doubling steps: the recursive filter itself, exact to float64 rounding,
    at a third of an FFT convolution's cost. The power returned lags the frames given by
    less than a block until `flush`.
    """

    def __init__(self, rate: int, channels: int = 1) -> None:
        self._response, self._start, self._entry, self._step = _block_system(rate)
        self._channels = channels
        self._state = np.zeros((channels, 4))
        self._pending = np.zeros((0, channels))

    def power(self, block: npt.NDArray[np.floating], flush: bool = False) -> Floats:
        """The K-weighted power, summed over channels as BS.1770 sums them (all weighted 1),
        of the next frames whose filtering is complete; with `flush`, of all frames given."""
        block = block.reshape(len(block), self._channels)
        frames = np.concatenate([self._pending, block]) if len(self._pending) else block
        count = len(frames)
        spans = -(-count // _SPAN) if flush else count // _SPAN
        done = min(count, spans * _SPAN)
        self._pending = np.array(frames[done:], dtype=np.float64)
        if spans == 0:
            return np.zeros(0)
        if done < spans * _SPAN:  # the last, flushed span is filled with silence
            frames = np.concatenate([frames, np.zeros((spans * _SPAN - done, self._channels))])
        # (channels, spans, frames of a span); a view of the frames where there is one channel
        spans_in = np.asarray(frames[: spans * _SPAN].T, dtype=np.float64)
        spans_in = spans_in.reshape(self._channels, spans, _SPAN)
        # The state at each span's start: what each span leaves, carried forward.
        states = np.empty((self._channels, spans + 1, 4))
        states[:, 0] = self._state
        for rows in _row_groups(spans):
            np.matmul(spans_in[:, rows], self._entry, out=states[:, 1:][:, rows])
        distance, carry = 1, self._step
        while distance <= spans:
            states[:, distance:] += states[:, :-distance] @ carry  # four columns: one thread
            carry = carry @ carry
            distance *= 2
        self._state = states[:, spans]
        out, starts = np.empty_like(spans_in), states[:, :spans]
        for rows in _row_groups(spans):
            np.matmul(spans_in[:, rows], self._response, out=out[:, rows])
            out[:, rows] += starts[:, rows] @ self._start
        out *= out
        power = out[0] if self._channels == 1 else out.sum(axis=0)
        return power.ravel()[:done]


def _row_groups(count: int) -> Iterator[slice]:
    """Slices of `count` rows, _ROWS at a time (see _ROWS)."""
    return (slice(row, row + _ROWS) for row in range(0, count, _ROWS))


def gated(hop_energy: Floats, hop: int) -> float:
    """BS.1770's gated loudness from the summed K-weighted power of consecutive hops."""
    if len(hop_energy) < _HOPS_PER_BLOCK:
        return float("-inf")
    # Sums of four consecutive hops (np.convolve would wake numpy's BLAS threads).
    total = np.concatenate([[0.0], np.cumsum(hop_energy)])
    sums = total[_HOPS_PER_BLOCK:] - total[:-_HOPS_PER_BLOCK]
    energy = sums / (_HOPS_PER_BLOCK * hop)
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(energy)
    loud = energy[levels > _ABSOLUTE_GATE]
    if loud.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(loud.mean()) + _RELATIVE_GATE
    final = energy[(levels > _ABSOLUTE_GATE) & (levels > relative)]
    return float(-0.691 + 10 * np.log10(final.mean()))


def window_levels(hop_energy: Floats, hops: int, hop: int) -> Floats:
    """The loudness (LUFS) of every window of `hops` whole hops, sliding by one hop, as a
    meter shows its momentary (4 hops) or short-term (30 hops) loudness every 100 ms."""
    if len(hop_energy) < hops:
        return np.zeros(0)
    total = np.concatenate([[0.0], np.cumsum(hop_energy)])
    energy = (total[hops:] - total[:-hops]) / (hops * hop)
    with np.errstate(divide="ignore"):
        return -0.691 + 10 * np.log10(energy)


def loudness_range(hop_energy: Floats, hop: int) -> float:
    """EBU Tech 3342's loudness range (LU) from the K-weighted power of consecutive hops;
    0 when fewer than two short-term windows are loud enough to count."""
    levels = window_levels(hop_energy, _SHORT_TERM_HOPS, hop)
    loud = levels[levels > _ABSOLUTE_GATE]
    if loud.size == 0:
        return 0.0
    mean = 10 * np.log10(np.mean(10 ** (loud / 10)))  # the windows' power mean, in LUFS
    kept = np.sort(loud[loud > mean + _RANGE_GATE])
    if kept.size < 2:
        return 0.0
    # Nearest rank, as libebur128 and ffmpeg's ebur128 filter take their percentiles.
    low = kept[round((kept.size - 1) * _RANGE_LOW)]
    high = kept[round((kept.size - 1) * _RANGE_HIGH)]
    return float(high - low)


def max_level(hop_energy: Floats, hops: int, hop: int) -> float:
    """The loudest window of `hops` hops (LUFS); -inf when the audio is shorter."""
    levels = window_levels(hop_energy, hops, hop)
    return float(levels.max()) if levels.size else float("-inf")


class GroupSums:
    """Sums of consecutive groups of `size` values from a stream that arrives in pieces."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._sums: list[Floats] = []
        self._pending = np.zeros(0)

    def add(self, values: Floats) -> None:
        pending = np.concatenate([self._pending, values]) if len(self._pending) else values
        whole = len(pending) - len(pending) % self.size
        if whole:
            self._sums.append(pending[:whole].reshape(-1, self.size).sum(axis=1))
        self._pending = pending[whole:]

    def sums(self, unfinished: bool = False) -> Floats:
        """The sums so far; with `unfinished`, the last group's too, however short."""
        tail = [np.array([self._pending.sum()])] if unfinished and len(self._pending) else []
        return np.concatenate([*self._sums, *tail]) if self._sums or tail else np.zeros(0)


class LoudnessMeter:
    """Integrated loudness of audio fed in blocks; memory grows by 8 bytes per 100 ms."""

    def __init__(self, rate: int, channels: int = 1) -> None:
        self.rate = rate
        self.hop = hop_length(rate)
        self._filter = KWeighting(rate, channels)
        self._hops = GroupSums(self.hop)

    def add(self, block: npt.NDArray[np.floating]) -> Floats:
        """Measure a block; returns the K-weighted power of the frames measured so far (in
        order, lagging those given: see KWeighting) for callers who need it."""
        power = self._filter.power(block)
        self._hops.add(power)
        return power

    def flush(self) -> Floats:
        """The K-weighted power of the frames still pending, once the last block is in."""
        power = self._filter.power(np.zeros(0), flush=True)
        self._hops.add(power)
        return power

    def integrated(self) -> float:
        """Loudness in LUFS of everything added; an unfinished last hop is not counted."""
        self.flush()
        return gated(self._hops.sums(), self.hop)

    def statistics(self) -> tuple[float, float, float]:
        """(loudness range in LU, maximum momentary and maximum short-term loudness in
        LUFS) of everything added, from the same hops: no second pass over the audio."""
        self.flush()
        hops = self._hops.sums()
        return (
            loudness_range(hops, self.hop),
            max_level(hops, _HOPS_PER_BLOCK, self.hop),
            max_level(hops, _SHORT_TERM_HOPS, self.hop),
        )


class PeakMeter:
    """True peak (4x oversampled) of audio fed in blocks."""

    def __init__(self, channels: int = 1) -> None:
        self._stream = soxr.ResampleStream(1, _OVERSAMPLE, channels, "float32", _OVERSAMPLER)
        self.peak = 0.0

    def add(self, block: npt.NDArray[np.floating], last: bool = False) -> None:
        block = np.ascontiguousarray(block, dtype=np.float32)
        up = self._stream.resample_chunk(block, last=last)
        for values in (block, up):  # no |x| copies: the largest and the most negative
            if values.size:
                self.peak = max(self.peak, float(values.max()), -float(values.min()))

    def true_peak(self) -> float:
        """In dBTP, once the last block was added with `last=True`."""
        return 20 * math.log10(self.peak) if self.peak > 0 else float("-inf")


class StreamMeter:
    """Duration, integrated loudness and true peak of audio fed in blocks."""

    def __init__(self, rate: int, channels: int = 1) -> None:
        self.rate = rate
        self._loudness, self._peaks = LoudnessMeter(rate, channels), PeakMeter(channels)
        self._channels = channels
        self._frames = 0

    def add(self, block: npt.NDArray[np.floating]) -> None:
        if len(block):
            self._loudness.add(block)
            self._peaks.add(block)
            self._frames += len(block)

    def result(self) -> tuple[float, float, float]:
        """(seconds, LUFS, dBTP) of everything added."""
        self._peaks.add(np.zeros((0, self._channels), dtype=np.float32), last=True)
        return self._frames / self.rate, self._loudness.integrated(), self._peaks.true_peak()

    def measured(self) -> Measured:
        """All that was measured of everything added, the loudness statistics included."""
        return Measured(*self.result(), *self._loudness.statistics())


def measure_file(path: Path, rate: int, channels: int = 1) -> Measured:
    """Duration, loudness statistics and true peak of an audio file as a player decodes it
    at `rate` with `channels`, measured as ffmpeg streams it."""
    meter = StreamMeter(rate, channels)
    for block in decode_blocks(path, rate, channels):
        meter.add(block)
    return meter.measured()


def integrated_loudness(samples: npt.NDArray[np.floating], rate: int) -> float:
    """Integrated loudness in LUFS; samples shaped (frames,) or (frames, channels)."""
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    meter = LoudnessMeter(rate, channels)
    meter.add(samples)
    return meter.integrated()


def true_peak(samples: npt.NDArray[np.floating]) -> float:
    """True peak in dBTP (4x oversampled)."""
    meter = PeakMeter(1 if samples.ndim == 1 else samples.shape[1])
    meter.add(samples, last=True)
    return meter.true_peak()


def peak_envelope(samples: npt.NDArray[np.floating]) -> Samples:
    """Per frame, the largest |value| of the 4x oversampled signal from it to the next frame
    (all channels). A block cut from a longer signal agrees with the whole signal's envelope
    except within ENVELOPE_MARGIN frames of its ends."""
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    frames = len(samples)
    if frames == 0:
        return np.zeros(0, dtype=np.float32)
    up = soxr.resample(samples, 1, _OVERSAMPLE, _OVERSAMPLER)
    np.abs(up, out=up)
    if up.ndim == 2:
        up = up.max(axis=1)
    whole = min(frames, len(up) // _OVERSAMPLE)
    envelope = np.abs(samples).max(axis=1) if samples.ndim == 2 else np.abs(samples)
    # The maximum of strided views: far faster than a reduction over an axis of four.
    phases = [up[k : whole * _OVERSAMPLE : _OVERSAMPLE] for k in range(_OVERSAMPLE)]
    np.maximum(envelope[:whole], functools.reduce(np.maximum, phases), out=envelope[:whole])
    return envelope


def lookahead(rate: int) -> int:
    """How many frames before a peak the limiter starts to act (and after it, recovers)."""
    return max(1, int(rate * _LOOKAHEAD_S))


def limiter_gain(envelope: Samples, rate: int, ceiling_db: float) -> Samples:
    """A smooth look-ahead gain curve that holds `envelope` at or below `ceiling_db`.

    The gain is the running minimum of what each peak needs over a window of twice the
    look-ahead, then averaged over one look-ahead: the average of values that are all at
    most the need at a peak can never exceed it, so no peak escapes, and the gain changes
    in ramps rather than steps (no clicks). The curve at a frame depends only on the
    envelope within two look-aheads of it, so it can be computed block by block.
    """
    ceiling = np.float32(10 ** (ceiling_db / 20))
    need = np.minimum(np.float32(1.0), ceiling / np.maximum(envelope, np.float32(1e-12)))
    if need.min(initial=1.0) >= 1.0:
        return need
    width = lookahead(rate)
    gain = _running_min(need, 2 * width + 1)
    gain = _moving_average(gain, width + 1)
    return np.minimum(gain, need)  # guards the float rounding of the average


def _running_min(values: Samples, size: int) -> Samples:
    """Minimum over a centred window of odd `size`, edges extended (van Herk/Gil-Werman:
    three passes whatever the window)."""
    half, frames = size // 2, len(values)
    count = -(-(frames + 2 * half) // size)
    # Edges extended by `half` frames each side, then +inf to whole blocks (np.pad's
    # checks cost more than the work on the short runs around each peak).
    line = np.empty(count * size, dtype=values.dtype)
    line[:half] = values[0]
    line[half : half + frames] = values
    line[half + frames : 2 * half + frames] = values[-1]
    line[2 * half + frames :] = np.inf
    blocks = line.reshape(count, size)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(suffix[:frames], prefix[size - 1 : size - 1 + frames]).astype(np.float32)


def _moving_average(values: Samples, size: int) -> Samples:
    """Mean over a window of `size` frames around each frame, edges extended."""
    before, frames = size // 2, len(values)
    total = np.empty(frames + size, dtype=np.float64)  # 0, then the edge-extended cumsum
    total[0] = 0.0
    total[1 : before + 1] = values[0]
    total[before + 1 : before + 1 + frames] = values
    total[before + 1 + frames :] = values[-1]
    np.cumsum(total[1:], out=total[1:])
    return ((total[size:] - total[:-size]) / size).astype(np.float32)
