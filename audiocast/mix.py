"""Mixing: segment speech, a generated sting, pauses and fades joined into one program."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from math import gcd

import numpy as np
from scipy.signal import resample_poly

from .config import MixSettings
from .engines import PCM
from .errors import AudioError
from .script import Role, Script

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; it never runs it here (ffmpeg.py does).
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.generators import Sine

PROGRAM_RATE = 44100
_STING_NOTES = (523.25, 659.25, 783.99, 1046.5)  # C major arpeggio: short and bright
_STING_NOTE_MS = 180
_STING_TAIL_MS = 700
_STING_VOLUME_DB = -20.0
_TAIL_SILENCE_MS = 600


@dataclass(frozen=True)
class Span:
    start: float
    end: float


@dataclass(frozen=True)
class Program:
    """The whole episode before mastering, with where each script segment is heard."""

    audio: AudioSegment
    spans: tuple[Span, ...]

    @property
    def duration(self) -> float:
        return len(self.audio.raw_data) / (2 * self.audio.frame_rate)


def make_sting(rate: int = PROGRAM_RATE) -> AudioSegment:
    """A short rising chime, generated so a show needs no audio file of its own."""
    length = _STING_NOTE_MS * len(_STING_NOTES) + _STING_TAIL_MS
    sting = AudioSegment.silent(duration=length, frame_rate=rate)
    for i, freq in enumerate(_STING_NOTES):
        ring = length - i * _STING_NOTE_MS
        note = Sine(freq, sample_rate=rate).to_audio_segment(ring, _STING_VOLUME_DB)
        note = note.fade_in(8).fade_out(ring - 20)
        sting = sting.overlay(note, position=i * _STING_NOTE_MS)
    return sting.set_channels(1).set_sample_width(2)


def to_segment(pcm: PCM, rate: int = PROGRAM_RATE) -> AudioSegment:
    """PCM at any rate as a 16-bit mono AudioSegment at the program rate."""
    samples = pcm.samples
    if pcm.sample_rate != rate:
        # Polyphase resampling: pydub's own (audioop.ratecv) aliases audibly.
        common = gcd(rate, pcm.sample_rate)
        resampled = resample_poly(
            samples.astype(np.float32), rate // common, pcm.sample_rate // common
        )
        samples = np.clip(np.round(resampled), -32768, 32767).astype(np.int16)
    return AudioSegment(
        samples.astype("<i2").tobytes(), sample_width=2, frame_rate=rate, channels=1
    )


def mix(script: Script, speech: Sequence[PCM], settings: MixSettings) -> Program:
    """Join the segments in order in time linear in their number (never pydub's `+`)."""
    if len(speech) != len(script):
        raise AudioError(f"{len(speech)} audio segments for a script of {len(script)}")
    rate = PROGRAM_RATE
    chunks: list[bytes] = []
    frames = 0
    spans: list[Span] = []

    def add(part: AudioSegment) -> None:
        nonlocal frames
        chunks.append(part.raw_data)
        frames += len(part.raw_data) // 2

    for segment, pcm in zip(script, speech, strict=True):
        if segment.role is Role.INTRO and settings.sting:
            add(make_sting(rate))
        voice = to_segment(pcm, rate)
        fade = min(settings.fade, len(voice) // 4)
        start = frames
        add(voice.fade_in(fade).fade_out(fade))
        spans.append(Span(start / rate, frames / rate))
        pause = segment.pause_after_ms or (
            _TAIL_SILENCE_MS if segment is script.segments[-1] else 0
        )
        if pause:
            add(AudioSegment.silent(duration=pause, frame_rate=rate))
    audio = AudioSegment(b"".join(chunks), sample_width=2, frame_rate=rate, channels=1)
    return Program(audio, tuple(spans))
