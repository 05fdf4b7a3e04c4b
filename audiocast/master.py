"""Mastering: loudness to target, true-peak limiting, MP3 encoding and ID3 tags."""

from __future__ import annotations

import hashlib
import logging
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, CTOCFlags

from .chapters import Chapter
from .config import Profile
from .cover import Cover
from .errors import AudioError
from .ffmpeg import decode, encode_mp3
from .loudness import (
    Samples,
    gated_loudness,
    integrated_loudness,
    k_power,
    limiter_gain,
    peak_envelope,
    true_peak,
)
from .mix import Program

log = logging.getLogger(__name__)

ID3_LANGUAGE = "swa"  # ISO 639-2; the RSS says "sw"
_LOUDNESS_TOLERANCE = 0.5  # tighter than the ±1 LU the standards allow, to leave margin
_CODEC_MARGIN_DB = 1.0  # MP3 encoding adds inter-sample overshoot above the limiter's ceiling
_ATTEMPTS = 4
_MAKEUP_ROUNDS = 3
# Lossy coding drops quiet high-frequency detail that K-weighting counts: measured on espeak
# speech, 0.45 LU lost at 96 kbit/s and 0.26 LU at 192 kbit/s. Aim a little above target.
_CODEC_LOUDNESS_ALLOWANCE = 0.25
_MAKEUP_PRECISION = 0.1


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str
    album: str
    date: str  # ISO 8601
    comment: str
    cover: Cover | None = None
    chapters: tuple[Chapter, ...] = ()


@dataclass(frozen=True)
class Rendition:
    """An encoded, tagged file and what was measured on it after decoding."""

    data: bytes
    duration: float
    loudness: float
    true_peak: float

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Analysis:
    """What mastering needs to know of a program, measured once for every rendition."""

    samples: Samples  # mono, float
    rate: int
    power: Samples  # K-weighted
    envelope: Samples  # true-peak envelope
    loudness: float


def analyse(program: Program) -> Analysis:
    """Measure a program at its own rate; ffmpeg resamples to each rendition's rate."""
    rate = program.audio.frame_rate
    samples = np.frombuffer(program.audio.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    power = k_power(samples, rate)
    return Analysis(samples, rate, power, peak_envelope(samples), gated_loudness(power, rate))


def _to_pcm16(samples: Samples) -> np.ndarray:
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype(np.int16).reshape(-1)


def _tag(path: Path, tags: Tags) -> None:
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TLAN(encoding=3, text=ID3_LANGUAGE))
    id3.add(COMM(encoding=3, lang=ID3_LANGUAGE, desc="", text=tags.comment))
    if tags.cover:
        id3.add(APIC(encoding=3, mime=tags.cover.mime, type=3, desc="Cover", data=tags.cover.data))
    if tags.chapters:
        ids = [f"chp{i}" for i in range(len(tags.chapters))]
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=tags.title)],
            )
        )
        for element_id, chapter in zip(ids, tags.chapters, strict=True):
            id3.add(
                CHAP(
                    element_id=element_id,
                    start_time=round(chapter.start * 1000),
                    end_time=round(chapter.end * 1000),
                    sub_frames=[TIT2(encoding=3, text=chapter.title)],
                )
            )
    id3.save(path, v2_version=4)


def master(
    program: Program, profile: Profile, tags: Tags, analysis: Analysis | None = None
) -> Rendition:
    """Bring a program to the profile's loudness and peak, encode it, and verify the file.

    Gain and limiting happen here, on the samples; ffmpeg only encodes (its `loudnorm`
    filter works at 192 kHz and is several times slower). The encoded file is decoded and
    measured; if the codec pushed it out of bounds it is redone with more margin. Stereo
    renditions carry the mono program on both channels.
    """
    if analysis is None:
        analysis = analyse(program)
    if not math.isfinite(analysis.loudness):
        raise AudioError("the program is silent: the speech engine produced no audible audio")
    # BS.1770 adds the channels' power: the same signal on two channels is 3 dB louder.
    channel_gain = 10 * math.log10(profile.channels)
    target = profile.loudness - channel_gain
    gain_db = target - analysis.loudness
    ceiling = profile.true_peak - _CODEC_MARGIN_DB
    rate = profile.sample_rate
    with tempfile.TemporaryDirectory(prefix="audiocast-master-") as tmp:
        out = Path(tmp) / "episode.mp3"
        for attempt in range(1, _ATTEMPTS + 1):
            curve, gain_db = _gain_curve(analysis, gain_db, ceiling, target)
            pcm = _to_pcm16(analysis.samples * curve)
            if profile.channels == 2:
                pcm = np.repeat(pcm, 2)  # interleaved L R: dual mono
            encode_mp3(pcm, analysis.rate, profile.channels, profile.bitrate, out, rate)
            decoded = decode(out, rate, profile.channels)
            loudness = integrated_loudness(decoded, rate)
            peak = true_peak(decoded)
            log.info(
                "master %s attempt %d: %.2f LUFS, %.2f dBTP (ceiling %.2f)",
                profile.bitrate, attempt, loudness, peak, ceiling,
            )  # fmt: skip
            loud_ok = abs(loudness - profile.loudness) <= _LOUDNESS_TOLERANCE
            if loud_ok and peak <= profile.true_peak:
                _tag(out, tags)
                return Rendition(out.read_bytes(), len(decoded) / rate, loudness, peak)
            if peak > profile.true_peak:
                ceiling -= peak - profile.true_peak + 0.2
            gain_db += profile.loudness - loudness
    raise AudioError(
        f"could not master to {profile.loudness} LUFS and {profile.true_peak} dBTP "
        f"(last: {loudness:.1f} LUFS, {peak:.1f} dBTP); the speech may be clipped or too sparse"
    )


def _gain_curve(
    analysis: Analysis, gain_db: float, ceiling: float, target: float
) -> tuple[Samples, float]:
    """Gain plus limiting at the target loudness; limiting takes some off, so make it up.

    The K-weighted power is reused under each trial gain: the limiter's gain moves slowly
    against the filters' response, so the loudness it predicts is the one measured.
    """
    curve = np.ones(1, dtype=np.float32)
    for _ in range(_MAKEUP_ROUNDS):
        gain = np.float32(10 ** (gain_db / 20))
        curve = limiter_gain(analysis.envelope * gain, analysis.rate, ceiling) * gain
        error = (
            target
            + _CODEC_LOUDNESS_ALLOWANCE
            - gated_loudness(analysis.power, analysis.rate, curve)
        )
        if abs(error) < _MAKEUP_PRECISION:
            break
        gain_db += error
    return curve, gain_db
