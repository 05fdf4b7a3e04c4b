"""A second voice from one speaker: pitch and formants shifted, pace kept (ffmpeg filters).

Engines with a single voice (Google's Swahili, a single-speaker Piper model) read quotes
with the narrator's voice shifted by a few semitones; `@pitch-3` on a voice name asks for it.
"""

from __future__ import annotations

import re

from ..ffmpeg import run_ffmpeg
from . import PCM

_SUFFIX = re.compile(r"^(?P<name>.*?)(?:@pitch(?P<shift>[+-]\d+(?:\.\d+)?))?$")


def split_pitch(voice: str) -> tuple[str, float]:
    """A voice name and its `@pitch±N` shift in semitones (0 when absent).

    >>> split_pitch("sw@pitch-3")
    ('sw', -3.0)
    >>> split_pitch("default")
    ('default', 0.0)
    """
    match = _SUFFIX.match(voice)
    assert match is not None  # the pattern matches every string
    return match["name"], float(match["shift"] or 0)


def pitch_filter(semitones: float, rate: int) -> str | None:
    """The ffmpeg audio filter shifting pitch by `semitones` at `rate` Hz; None for no shift.

    >>> pitch_filter(12, 24000)
    'asetrate=48000,aresample=24000,atempo=0.500000'
    """
    if not semitones:
        return None
    factor = 2 ** (semitones / 12)
    # Play faster or slower (pitch and formants move, which is what makes it sound like
    # another person), then restore the tempo so the quote keeps the narrator's pace.
    return f"asetrate={rate * factor:.0f},aresample={rate},atempo={1 / factor:.6f}"


def shift_pitch(pcm: PCM, semitones: float) -> PCM:
    """`pcm` shifted by `semitones`, same rate and (within a few ms) the same duration."""
    graph = pitch_filter(semitones, pcm.sample_rate)
    if graph is None:
        return pcm
    rate = str(pcm.sample_rate)
    raw = run_ffmpeg(
        ["-f", "s16le", "-ar", rate, "-ac", "1", "-i", "pipe:0", "-af", graph,
         "-f", "s16le", "-ar", rate, "-ac", "1", "pipe:1"],
        stdin=pcm.samples.astype("<i2").tobytes(),
    )  # fmt: skip
    import numpy as np

    return PCM(np.frombuffer(raw, dtype="<i2").astype(np.int16), pcm.sample_rate)
