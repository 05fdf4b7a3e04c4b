"""Mastering: loudness to target, true-peak limiting, encoding and tags.

Two passes over the program, block by block: `analyse` measures it, then each rendition
applies its gain and the limiter while streaming samples into the encoder (which runs on
another core meanwhile). The encoded file is decoded and measured as it streams back. At
no point is more than a block of audio in memory, however long the episode.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import soxr

from .config import Profile
from .errors import AudioError
from .loudness import (
    ENVELOPE_MARGIN,
    Floats,
    GroupSums,
    LoudnessMeter,
    Samples,
    StreamMeter,
    gated,
    hop_length,
    limiter_gain,
    lookahead,
    measure_file,
    peak_envelope,
)
from .media import Measured, MediaFormat, Tags, media_format
from .media.encoder import PCM24_SCALE, Encoder, to_pcm16, to_pcm24
from .mix import Program

log = logging.getLogger(__name__)

_BLOCK = 1 << 17  # frames per block: 3 s at 44.1 kHz
_LOUDNESS_TOLERANCE = 0.5  # tighter than the ±1 LU the standards allow, to leave margin
_ATTEMPTS = 4
_MAKEUP_ROUNDS = 3
_MAKEUP_PRECISION = 0.1


@dataclass(frozen=True)
class Rendition:
    """An encoded, tagged file and what was measured on it after decoding."""

    path: Path
    size: int
    sha256: str
    duration: float
    loudness: float
    true_peak: float


@dataclass(frozen=True)
class Analysis:
    """What mastering needs to know of a program, measured once for every rendition: its
    loudness, and per chunk of one limiter look-ahead its K-weighted energy and true peak
    (enough to predict what limiting at any gain takes off: 12 bytes per 5 ms, 9 MB an hour)."""

    rate: int
    loudness: float
    chunk: int
    chunk_energy: Floats
    chunk_peak: Samples


def analyse(program: Program) -> Analysis:
    """Measure a program at its own rate; ffmpeg resamples to each rendition's rate."""
    analyser = Analyser(program.rate)
    for block, _, _ in program.blocks(_BLOCK):
        analyser.add(block)
    return analyser.finish()


class Analyser:
    """Measures a program from its frames as they arrive, in order and in pieces of any
    size (as the mix writes them), so measuring overlaps making it."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.chunk = lookahead(rate)
        self._meter = LoudnessMeter(rate)
        self._energies = GroupSums(self.chunk)
        self._peaks: list[Samples] = []
        self._buffer = np.zeros(0, dtype=np.float32)  # context, then frames not yet enveloped
        self._context = 0  # frames of context at the buffer's start

    def add(self, frames: npt.NDArray[np.int16]) -> None:
        samples = frames.astype(np.float32) / np.float32(32768)
        self._energies.add(self._meter.add(samples))
        self._buffer = np.concatenate([self._buffer, samples])
        # The envelope of whole chunks that have a margin of frames after them.
        ready = len(self._buffer) - self._context - ENVELOPE_MARGIN
        ready -= ready % self.chunk
        if ready >= _BLOCK // 2:
            self._envelope(ready, self._context + ready + ENVELOPE_MARGIN)

    def _envelope(self, ready: int, stop: int) -> None:
        start = self._context
        envelope = peak_envelope(self._buffer[:stop])[start : start + ready]
        self._peaks.append(_group_max(envelope, self.chunk))
        keep = max(0, start + ready - ENVELOPE_MARGIN)
        self._buffer = self._buffer[keep:]
        self._context = start + ready - keep

    def finish(self) -> Analysis:
        self._energies.add(self._meter.flush())
        self._envelope(len(self._buffer) - self._context, len(self._buffer))
        return Analysis(
            self.rate,
            self._meter.integrated(),
            self.chunk,
            self._energies.sums(unfinished=True),
            np.concatenate(self._peaks),
        )


def _group_max(values: Samples, size: int) -> Samples:
    count = -(-len(values) // size)
    padded = np.zeros(count * size, dtype=np.float32)
    padded[: len(values)] = values
    return padded.reshape(count, size).max(axis=1)


def master(
    program: Program,
    profile: Profile,
    tags: Tags | Callable[[], Tags],
    out: Path,
    analysis: Analysis | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Rendition:
    """Bring a program to the profile's loudness and peak, encode it to `out`, and verify it.

    Gain and limiting happen here, on the samples; ffmpeg only encodes (its `loudnorm`
    filter works at 192 kHz and is several times slower). The encoded file is decoded and
    measured; if the codec pushed it out of bounds it is redone with more margin. Stereo
    renditions carry the mono program on both channels. `progress` is told the frames
    encoded so far and the program's length. `tags` may be a function giving them when the
    file is tagged, after it is encoded (a cover drawn meanwhile).
    """
    if analysis is None:
        analysis = analyse(program)
    if not math.isfinite(analysis.loudness):
        raise AudioError("the program is silent: the speech engine produced no audible audio")
    media = media_format(profile.format)
    # BS.1770 adds the channels' power: the same signal on two channels is 3 dB louder.
    target = profile.loudness - 10 * math.log10(profile.channels)
    gain_db = target - analysis.loudness
    ceiling = profile.true_peak - media.codec_margin
    aim = target + media.loudness_allowance  # moved by what each attempt measured
    for attempt in range(1, _ATTEMPTS + 1):
        gain_db = _makeup(analysis, gain_db, ceiling, aim)
        measured = _encode(program, profile, media, gain_db, ceiling, out, analysis, progress)
        loudness, peak = measured.loudness, measured.true_peak
        log.info(
            "master %s attempt %d: %.2f LUFS, %.2f dBTP (ceiling %.2f)",
            media.label, attempt, loudness, peak, ceiling,
        )  # fmt: skip
        if abs(loudness - profile.loudness) <= _LOUDNESS_TOLERANCE and peak <= profile.true_peak:
            media.tag(out, tags() if callable(tags) else tags, measured)
            size, digest = _digest(out)
            return Rendition(out, size, digest, measured.duration, loudness, peak)
        if peak > profile.true_peak:
            ceiling -= peak - profile.true_peak + 0.2
        aim += profile.loudness - loudness
    raise AudioError(
        f"could not master to {profile.loudness} LUFS and {profile.true_peak} dBTP "
        f"(last: {loudness:.1f} LUFS, {peak:.1f} dBTP); the speech may be clipped or too sparse"
    )


def _makeup(analysis: Analysis, gain_db: float, ceiling: float, aim: float) -> float:
    """The gain that, after limiting to `ceiling`, lands the program on `aim` LUFS.

    Limiting takes some loudness off, more the harder it works: predict it from the chunks'
    energy and peaks (each chunk at the gain it or a neighbour needs, as the limiter acts a
    look-ahead either side of a peak) and make it up.
    """
    peaks = analysis.chunk_peak
    limit = np.float32(10 ** (ceiling / 20))
    per_hop = max(1, round(hop_length(analysis.rate) / analysis.chunk))
    whole = len(peaks) - len(peaks) % per_hop
    for _ in range(_MAKEUP_ROUNDS):
        gain = np.float32(10 ** (gain_db / 20))
        need = np.minimum(np.float32(1.0), limit / np.maximum(peaks * gain, np.float32(1e-12)))
        curve = need.copy()
        np.minimum(curve[1:], need[:-1], out=curve[1:])
        np.minimum(curve[:-1], need[1:], out=curve[:-1])
        energy = analysis.chunk_energy * (gain * curve.astype(np.float64)) ** 2
        hops = energy[:whole].reshape(-1, per_hop).sum(axis=1)
        error = aim - gated(hops, per_hop * analysis.chunk)
        if not math.isfinite(error) or abs(error) < _MAKEUP_PRECISION:
            break
        gain_db += error
    return gain_db


def _reach(rate: int) -> int:
    """How far from a frame the limiter's gain there looks (see limiter_gain)."""
    return 2 * lookahead(rate) + 2


def _limiting(
    samples: Samples, first: int, analysis: Analysis, gain: np.float32, ceiling: float
) -> Samples:
    """The limiter's gain for a block starting at program frame `first`, worked out only
    around the chunks the analysis found above the ceiling at this gain; elsewhere it is
    exactly 1. Equal to the limiter run on the whole block (tested); in speech the limiter
    acts on about a hundredth of the frames, and this is the encoding pass's main cost."""
    curve = np.ones(len(samples), dtype=np.float32)
    chunk, reach = analysis.chunk, _reach(analysis.rate)
    lo_chunk = first // chunk
    peaks = analysis.chunk_peak[lo_chunk : -(-(first + len(samples)) // chunk)]
    # A little under the ceiling: the analysis's envelope came from other block edges.
    hot = np.flatnonzero(peaks * gain > np.float32(10 ** (ceiling / 20) * 0.999))
    if hot.size == 0:
        return curve
    frames = (hot + lo_chunk) * chunk - first
    split = np.flatnonzero(np.diff(frames) > 2 * (reach + ENVELOPE_MARGIN) + chunk) + 1
    for run in np.split(frames, split):
        start = max(0, int(run[0]) - reach)
        stop = min(len(samples), int(run[-1]) + chunk + reach)
        lo = max(0, start - reach - ENVELOPE_MARGIN)
        hi = min(len(samples), stop + reach + ENVELOPE_MARGIN)
        limited = limiter_gain(peak_envelope(samples[lo:hi]) * gain, analysis.rate, ceiling)
        curve[start:stop] = limited[start - lo : stop - lo]
    return curve


def _encode(
    program: Program,
    profile: Profile,
    media: MediaFormat,
    gain_db: float,
    ceiling: float,
    out: Path,
    analysis: Analysis,
    progress: Callable[[int, int], None] | None = None,
) -> Measured:
    """Gain and limiting block by block, streamed into the encoder as they are made; the
    encoded frames are measured as they come out. Returns what was measured on the file
    as a player decodes it."""
    gain = np.float32(10 ** (gain_db / 20))
    margin = ENVELOPE_MARGIN + _reach(program.rate)  # what a block's limiter looks at
    rate, channels = profile.sample_rate, profile.channels
    # A lossless file is measured as written; its channels are the same samples, so one is.
    direct = StreamMeter(rate) if media.lossless else None
    monitor = None if direct else _Monitor(rate, channels, media)
    # libsoxr brings the program to the rendition's rate: several times cheaper than the
    # encoder's own resampler, whose thread competed with the encoder for the CPU.
    resampler = None
    if rate != program.rate:
        resampler = soxr.ResampleStream(program.rate, rate, 1, "float32", "HQ")
    written = 0
    with Encoder(media, rate, profile.encoding, out, listener=monitor) as encoder:
        first = 0
        for block, before, after in program.blocks(_BLOCK, margin):
            samples = block.astype(np.float32) / np.float32(32768)
            curve = _limiting(samples, first - before, analysis, gain, ceiling)
            core = slice(before, len(samples) - after)
            mastered = samples[core] * curve[core] * gain
            first += len(samples) - before - after
            if resampler is not None:
                mastered = resampler.resample_chunk(mastered, last=first >= program.frames)
            # Integer formats get the samples rounded here, once, as they are heard.
            frames = _rounded(mastered, media.input_format)
            if direct is not None:
                direct.add(frames.astype(np.float32) / np.float32(PCM24_SCALE))
            written += len(frames)
            encoder.write(np.repeat(frames, 2) if channels == 2 else frames)  # dual mono
            if progress:
                progress(first, program.frames)
    if direct is not None:
        return _dual_mono(direct.measured(), channels)
    assert monitor is not None
    measured = monitor.finish(media.trim(out), written)
    if measured is None:  # the file does not trim as expected: measure the file itself
        return measure_file(out, rate, channels)
    return measured


def _rounded(samples: Samples, input_format: str) -> npt.NDArray[Any]:
    if input_format == "s16le":
        return to_pcm16(samples)
    if input_format == "s32le":
        return to_pcm24(samples)
    return samples


def _dual_mono(measured: Measured, channels: int) -> Measured:
    """What one channel measured, as the same samples on `channels` channels measure:
    BS.1770 adds the channels' power (3.01 dB for two); peaks and the range stay."""
    more = 10 * math.log10(channels)
    return replace(
        measured,
        loudness=measured.loudness + more,
        max_momentary=measured.max_momentary + more,
        max_short_term=measured.max_short_term + more,
    )


class _Monitor:
    """Measures encoded frames as they are decoded, trimmed as a gapless player trims them:
    the codec's delay off the start, its padding off the end.

    A stereo rendition carries the mono program on both channels; where the codec decodes
    them to the same samples (MediaFormat.same_channels), one is measured while they are
    (as the WAV's is), half the work. Should they ever differ, the finished file is
    measured instead."""

    def __init__(self, rate: int, channels: int, media: MediaFormat) -> None:
        self._channels = channels
        self._one = channels > 1 and media.same_channels
        measured = 1 if self._one else channels
        self._meter = StreamMeter(rate, measured)
        self._differ = False  # the decoded channels were found to differ
        self._start = self._skip = media.delay
        self._hold = media.hold  # frames held back until the end's padding is known
        self._held = np.zeros((0, measured), dtype=np.float32)
        self._seen = 0  # frames after the start's delay

    def __call__(self, block: npt.NDArray[np.float32]) -> None:
        if self._one:
            first = block[:, 0]
            if self._differ or not all(
                np.array_equal(first, block[:, c]) for c in range(1, self._channels)
            ):
                self._differ = True
                return
            block = block[:, :1]
        skip = min(self._skip, len(block))
        self._skip -= skip
        self._seen += len(block) - skip
        held = np.concatenate([self._held, block[skip:]])
        ready = max(0, len(held) - self._hold)
        self._meter.add(held[:ready])
        self._held = held[ready:]

    def finish(self, trim: tuple[int, int | None] | None, written: int) -> Measured | None:
        """What was measured, or None if the file does not trim as assumed (another
        encoder delay, no LAME tag, more padding than held back). An end of None in `trim`
        keeps the `written` frames. None too where the decoded channels differed."""
        if self._differ or trim is None or trim[0] != self._start:
            return None
        end = self._seen - written if trim[1] is None else trim[1]
        if not 0 <= end <= len(self._held):
            return None
        self._meter.add(self._held[: len(self._held) - end])
        measured = self._meter.measured()
        return _dual_mono(measured, self._channels) if self._one else measured


def _digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
