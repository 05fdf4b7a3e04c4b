"""Mixing: segment speech, a generated sting, pauses and fades joined into one program."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from math import gcd

import numpy as np

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
_SILENCE_THRESHOLD = 180  # about -45 dBFS in 16-bit samples: below it, an engine's silence
_DUCK_RAMP_S = 0.3  # the bed dips this long before the voice starts
_TRIM_MARGIN_MS = 8  # kept around speech so consonant onsets are not clipped


@dataclass(frozen=True)
class Span:
    start: float
    end: float


@dataclass(frozen=True)
class MixAssets:
    """The show's own audio, already decoded at the program rate."""

    intro: PCM | None = None
    outro: PCM | None = None
    bed: PCM | None = None


@dataclass(frozen=True)
class Program:
    """The whole episode before mastering, with where each segment and sentence is heard."""

    audio: AudioSegment
    spans: tuple[Span, ...]
    sentence_spans: tuple[tuple[Span, ...], ...] = ()

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
        from scipy.signal import resample_poly  # scipy.signal takes a second to import

        # Polyphase resampling: pydub's own (audioop.ratecv) aliases audibly.
        common = gcd(rate, pcm.sample_rate)
        resampled = resample_poly(
            samples.astype(np.float32), rate // common, pcm.sample_rate // common
        )
        samples = np.clip(np.round(resampled), -32768, 32767).astype(np.int16)
    return AudioSegment(
        samples.astype("<i2").tobytes(), sample_width=2, frame_rate=rate, channels=1
    )


def trim_silence(segment: AudioSegment) -> AudioSegment:
    """Cut an engine's own leading and trailing silence, so pauses are ours and a sentence's
    start in the episode is where its speech starts."""
    data = np.frombuffer(segment.raw_data, dtype=np.int16)
    loud = np.flatnonzero(np.abs(data) > _SILENCE_THRESHOLD)
    if loud.size == 0:
        return segment
    margin = int(segment.frame_rate * _TRIM_MARGIN_MS / 1000)
    first, last = max(0, loud[0] - margin), min(len(data), loud[-1] + margin + 1)
    return segment._spawn(data[first:last].tobytes())


def program_rate(speech: Sequence[Sequence[PCM]], assets: MixAssets | None) -> int:
    """The engine's own rate: speech gains nothing above it, and mastering does half the
    work at 22.05 kHz; a show with music of its own keeps 44.1 kHz for it."""
    if assets and (assets.intro or assets.outro or assets.bed):
        return PROGRAM_RATE
    return max((pcm.sample_rate for sentences in speech for pcm in sentences), default=PROGRAM_RATE)


def mix(
    script: Script,
    speech: Sequence[Sequence[PCM]],
    settings: MixSettings,
    assets: MixAssets | None = None,
) -> Program:
    """Join the sentences in order in time linear in their number (never pydub's `+`)."""
    rate = program_rate(speech, assets)
    assets = assets or MixAssets()
    if len(speech) != len(script) or any(
        len(audio) != len(segment.sentences) for audio, segment in zip(speech, script, strict=False)
    ):
        raise AudioError("the speech does not match the script, sentence for sentence")
    chunks: list[bytes] = []
    frames = 0
    spans: list[Span] = []
    sentence_spans: list[tuple[Span, ...]] = []

    def add(part: AudioSegment) -> None:
        nonlocal frames
        chunks.append(part.raw_data)
        frames += len(part.raw_data) // 2

    def pause(ms: int) -> None:
        if ms > 0:
            add(AudioSegment.silent(duration=ms, frame_rate=rate))

    last = len(script) - 1
    for number, (segment, sentences) in enumerate(zip(script, speech, strict=True)):
        if segment.role is Role.INTRO and (assets.intro or settings.sting):
            add(to_segment(assets.intro, rate) if assets.intro else make_sting(rate))
            pause(settings.pause_after_sting)
        parts = []
        for index, pcm in enumerate(sentences):
            if index:
                pause(settings.pause_between_sentences)
            voice = trim_silence(to_segment(pcm, rate))
            fade = min(settings.fade, len(voice) // 4)
            start = frames
            add(voice.fade_in(fade).fade_out(fade))
            parts.append(Span(start / rate, frames / rate))
        sentence_spans.append(tuple(parts))
        spans.append(Span(parts[0].start, parts[-1].end))
        if number == last and assets.outro:
            pause(settings.pause_after_intro)
            add(to_segment(assets.outro, rate))
        pause(segment.pause_after_ms or (_TAIL_SILENCE_MS if number == last else 0))
    data = b"".join(chunks)
    intro = next((span for segment, span in zip(script, spans, strict=True)
                  if segment.role is Role.INTRO), None)  # fmt: skip
    if assets.bed and intro:
        data = _under(data, to_segment(assets.bed, rate), intro, settings, rate)
    audio = AudioSegment(data, sample_width=2, frame_rate=rate, channels=1)
    return Program(audio, tuple(spans), tuple(sentence_spans))


def _under(data: bytes, bed: AudioSegment, voice: Span, settings: MixSettings, rate: int) -> bytes:
    """Lay the music bed under the program's opening: full under the sting, ducked under the
    ident (dipping before the voice starts), then faded out."""
    program = np.frombuffer(data, dtype=np.int16)
    music = np.frombuffer(bed.raw_data, dtype=np.int16).astype(np.float32)
    ramp = int(_DUCK_RAMP_S * rate)
    start, end = int(voice.start * rate), int(voice.end * rate)
    length = min(len(music), len(program), end + int(settings.bed_fade / 1000 * rate))
    level = 10 ** (settings.bed_level / 20)
    ducked = level * 10 ** (settings.duck / 20)
    times = np.arange(length, dtype=np.float32)
    envelope = np.interp(
        times,
        [0, max(0, start - ramp), start, end, length],
        [level, level, ducked, ducked, 0.0],
    ).astype(np.float32)
    mixed = program[:length].astype(np.float32) + music[:length] * envelope
    head = np.clip(np.round(mixed), -32768, 32767).astype(np.int16).tobytes()
    return head + data[len(head) :]
