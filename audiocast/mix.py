"""Mixing: segment speech, a generated sting, pauses and fades joined into one program.

The program is written to a file sentence by sentence and read back in blocks, so an
hour-long bulletin costs the memory of one sentence, not of the hour.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np
import numpy.typing as npt
import soxr

from .assets import Asset, AudioFile, MixAssets
from .config import MixSettings
from .engines import PCM, Word
from .errors import AudioError
from .script import Role, Script

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; it never runs it here (ffmpeg.py does).
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

PROGRAM_RATE = 44100
Frames = npt.NDArray[np.int16]
_STING_NOTES = (523.25, 659.25, 783.99, 1046.5)  # C major arpeggio: short and bright
_STING_NOTE_MS = 180
_STING_TAIL_MS = 700
_STING_VOLUME_DB = -20.0
_TRANSITION_NOTES = (1046.5, 783.99)
_TRANSITION_NOTE_MS, _TRANSITION_TAIL_MS = 130, 400
_TAIL_SILENCE_MS = 600
_SILENCE_THRESHOLD = 180  # about -45 dBFS in 16-bit samples: below it, an engine's silence
_DUCK_RAMP_S = 0.3  # the bed dips this long before the voice starts
_TRIM_MARGIN_MS = 8  # kept around speech so consonant onsets are not clipped


@dataclass(frozen=True)
class Span:
    start: float
    end: float
    # A sentence's words where they are heard in the program, if its engine said (PCM.words).
    words: tuple[Word, ...] = ()


def asset_frames(asset: Asset, rate: int) -> Iterator[Frames]:
    """An asset's samples at `rate` in blocks: a file as ffmpeg decodes it, PCM at once."""
    if isinstance(asset, AudioFile):
        yield from asset.frames(rate)
    else:
        yield np.frombuffer(to_segment(asset, rate).raw_data, dtype="<i2")


class Speech(Protocol):
    """A sentence's audio: in memory (PCM) or read when needed (from the speech cache)."""

    @property
    def sample_rate(self) -> int: ...

    def load(self) -> PCM: ...


@dataclass(frozen=True)
class Program:
    """The whole episode before mastering, as 16-bit mono frames in a file of its own, with
    where each segment and sentence is heard."""

    path: Path
    rate: int
    frames: int
    spans: tuple[Span, ...]
    sentence_spans: tuple[tuple[Span, ...], ...] = ()

    @property
    def duration(self) -> float:
        return self.frames / self.rate

    @classmethod
    def write(cls, path: Path, samples: npt.NDArray[np.int16], rate: int,
              spans: tuple[Span, ...] = ()) -> Program:  # fmt: skip
        """A program of samples already in memory (short pieces, tests)."""
        path.write_bytes(samples.astype("<i2").tobytes())
        return cls(path, rate, len(samples), spans)

    def read(self, start: int = 0, stop: int | None = None) -> Frames:
        """Frames [start, stop) of the program."""
        with self.path.open("rb") as file:
            return self._read(file, start, self.frames if stop is None else stop)

    def _read(self, file: BinaryIO, start: int, stop: int) -> Frames:
        start, stop = max(0, start), min(stop, self.frames)
        file.seek(2 * start)
        return np.frombuffer(file.read(2 * max(0, stop - start)), dtype="<i2")

    def blocks(self, size: int, margin: int = 0) -> Iterator[tuple[Frames, int, int]]:
        """Consecutive blocks of `size` frames, each with up to `margin` frames of context on
        either side: yields (frames, context before, context after)."""
        with self.path.open("rb") as file:
            for start in range(0, self.frames, size):
                stop = min(self.frames, start + size)
                lo, hi = max(0, start - margin), min(self.frames, stop + margin)
                yield self._read(file, lo, hi), start - lo, hi - stop


def make_sting(
    rate: int = PROGRAM_RATE,
    notes: tuple[float, ...] = _STING_NOTES,
    note_ms: int = _STING_NOTE_MS,
    tail_ms: int = _STING_TAIL_MS,
) -> AudioSegment:
    """A short rising chime, generated so a show needs no audio file of its own: each note
    rings from its entry to the end, rising in 8 ms and dying away linearly after 20 ms."""
    seconds = (note_ms * len(notes) + tail_ms) / 1000
    frames = int(rate * seconds)
    chime = np.zeros(frames)
    amplitude = 32767 * 10 ** (_STING_VOLUME_DB / 20)
    for i, freq in enumerate(notes):
        start = int(rate * i * note_ms / 1000)
        t = np.arange(frames - start) / rate
        ring = (frames - start) / rate
        envelope = np.minimum(1.0, t / 0.008) * np.clip((ring - t) / (ring - 0.020), 0.0, 1.0)
        chime[start:] += amplitude * envelope * np.sin(2 * np.pi * freq * t)
    data = np.clip(np.round(chime), -32768, 32767).astype("<i2")
    return AudioSegment(data.tobytes(), sample_width=2, frame_rate=rate, channels=1)


def make_transition(rate: int = PROGRAM_RATE) -> AudioSegment:
    """The short falling chime between a bulletin's stories: two notes of the sting's, so the
    listener hears the station, not a new programme."""
    return make_sting(rate, _TRANSITION_NOTES, _TRANSITION_NOTE_MS, _TRANSITION_TAIL_MS)


def to_segment(pcm: PCM, rate: int = PROGRAM_RATE) -> AudioSegment:
    """PCM at any rate as a 16-bit mono AudioSegment at the program rate."""
    samples = pcm.samples
    if pcm.sample_rate != rate:
        # libsoxr: pydub's own resampling (audioop.ratecv) aliases audibly.
        resampled = soxr.resample(samples.astype(np.float32), pcm.sample_rate, rate, "HQ")
        samples = np.clip(np.round(resampled), -32768, 32767).astype(np.int16)
    return AudioSegment(
        samples.astype("<i2").tobytes(), sample_width=2, frame_rate=rate, channels=1
    )


def trim_silence(segment: AudioSegment) -> AudioSegment:
    """Cut an engine's own leading and trailing silence, so pauses are ours and a sentence's
    start in the episode is where its speech starts."""
    return _trimmed(segment)[0]


def _trimmed(segment: AudioSegment) -> tuple[AudioSegment, float]:
    """`trim_silence`, and the seconds cut from the start."""
    data = np.frombuffer(segment.raw_data, dtype=np.int16)
    loud = np.flatnonzero(np.abs(data) > _SILENCE_THRESHOLD)
    if loud.size == 0:
        return segment, 0.0
    margin = int(segment.frame_rate * _TRIM_MARGIN_MS / 1000)
    first, last = max(0, loud[0] - margin), min(len(data), loud[-1] + margin + 1)
    return segment._spawn(data[first:last].tobytes()), first / segment.frame_rate


def _placed(words: tuple[Word, ...], at: float, start: float, end: float) -> tuple[Word, ...]:
    """Words moved by `at` seconds into the program, kept within their sentence's span."""
    inside = lambda t: min(max(t + at, start), end)  # noqa: E731
    return tuple(Word(inside(w.start), inside(w.end), w.text) for w in words)


def program_rate(speech: Sequence[Sequence[Speech]], assets: MixAssets | None) -> int:
    """The engine's own rate: speech gains nothing above it, and mastering does half the
    work at 22.05 kHz; a show with music of its own keeps 44.1 kHz for it."""
    if assets and (assets.intro or assets.outro or assets.bed):
        return PROGRAM_RATE
    return max((pcm.sample_rate for sentences in speech for pcm in sentences), default=PROGRAM_RATE)


def mix(
    script: Script,
    speech: Sequence[Sequence[Speech]],
    settings: MixSettings,
    assets: MixAssets | None = None,
    *,
    path: Path,
    sink: Callable[[Frames], None] | None = None,
) -> Program:
    """Join the sentences in order into the program file at `path`, one at a time, in time
    linear in their number (never pydub's `+`). `sink` is given the program's frames in
    order as they are made (to measure them meanwhile)."""
    rate = program_rate(speech, assets)
    assets = assets or MixAssets()
    if len(speech) != len(script) or any(
        len(audio) != len(segment.sentences) for audio, segment in zip(speech, script, strict=False)
    ):
        raise AudioError("the speech does not match the script, sentence for sentence")
    frames = 0
    spans: list[Span] = []
    sentence_spans: list[tuple[Span, ...]] = []
    # A music bed rewrites the opening once the ident's timing is known: its sink waits.
    live = sink if not assets.bed else None
    with path.open("wb") as out:

        def write(data: bytes) -> None:
            nonlocal frames
            out.write(data)
            frames += len(data) // 2
            if live:
                live(np.frombuffer(data, dtype="<i2"))

        def add(part: AudioSegment) -> None:
            write(part.raw_data)

        def pause(ms: int) -> None:
            silence = int(rate * ms / 1000)  # as pydub's AudioSegment.silent counts
            if silence > 0:
                write(bytes(2 * silence))

        last = len(script) - 1
        # A bulletin (bulletin.py): a chime between its stories, and the sting closes it.
        stories = [n for n, segment in enumerate(script) if segment.role is Role.STORY]
        for number, (segment, sentences) in enumerate(zip(script, speech, strict=True)):
            if settings.sting and stories and number in stories[1:]:
                add(make_transition(rate))
                pause(settings.pause_after_sting)
            if segment.role is Role.INTRO and (assets.intro or settings.sting):
                if assets.intro:
                    for block in asset_frames(assets.intro, rate):
                        write(block.astype("<i2").tobytes())
                else:
                    add(make_sting(rate))
                pause(settings.pause_after_sting)
            parts = []
            for index, source in enumerate(sentences):
                if index:
                    pause(settings.pause_between_sentences)
                pcm = source.load()
                voice, lead = _trimmed(to_segment(pcm, rate))
                fade = min(settings.fade, len(voice) // 4)
                start = frames
                add(voice.fade_in(fade).fade_out(fade))
                heard = _placed(pcm.words, start / rate - lead, start / rate, frames / rate)
                parts.append(Span(start / rate, frames / rate, heard))
            sentence_spans.append(tuple(parts))
            spans.append(Span(parts[0].start, parts[-1].end))
            if number == last and assets.outro:
                pause(settings.pause_after_intro)
                for block in asset_frames(assets.outro, rate):
                    write(block.astype("<i2").tobytes())
            elif number == last and stories and settings.sting:
                pause(settings.pause_after_intro)
                add(make_sting(rate))
            pause(segment.pause_after_ms or (_TAIL_SILENCE_MS if number == last else 0))
    program = Program(path, rate, frames, tuple(spans), tuple(sentence_spans))
    intro = next((span for segment, span in zip(script, spans, strict=True)
                  if segment.role is Role.INTRO), None)  # fmt: skip
    if assets.bed and intro:
        _under(program, assets.bed, intro, settings)
    if sink and not live:
        for block, _, _ in program.blocks(1 << 17):
            sink(block)
    return program


def _under(program: Program, bed: Asset, voice: Span, settings: MixSettings) -> None:
    """Lay the music bed under the program's opening: full under the sting, ducked under the
    ident (dipping before the voice starts), then faded out by the end of the bed or of the
    fade, whichever comes first. Only the opening is rewritten, a block at a time."""
    rate = program.rate
    ramp = int(_DUCK_RAMP_S * rate)
    start, end = int(voice.start * rate), int(voice.end * rate)
    wanted = min(program.frames, end + int(settings.bed_fade / 1000 * rate))
    # The fade ends where the music does when the bed is shorter: count it first (decoding
    # no further than needed), so that neither pass holds more than a block.
    length = 0
    for block in asset_frames(bed, rate):
        length = min(wanted, length + len(block))
        if length >= wanted:
            break
    level = 10 ** (settings.bed_level / 20)
    ducked = level * 10 ** (settings.duck / 20)
    points = [0, max(0, start - ramp), start, end, length]
    gains = [level, level, ducked, ducked, 0.0]
    at = 0
    with program.path.open("r+b") as out:
        for block in asset_frames(bed, rate):
            music = block[: length - at].astype(np.float32)
            if not len(music):
                break
            head = program.read(at, at + len(music)).astype(np.float32)
            times = np.arange(at, at + len(music), dtype=np.float64)
            envelope = np.interp(times, points, gains).astype(np.float32)
            mixed = head + music * envelope
            out.seek(2 * at)
            out.write(np.clip(np.round(mixed), -32768, 32767).astype("<i2").tobytes())
            at += len(music)
