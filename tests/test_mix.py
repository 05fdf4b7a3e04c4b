"""Mixing: the sting, pauses, fades and segment timings of the program."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment

from audiocast.article import parse_article
from audiocast.config import MixSettings, Settings
from audiocast.engines import PCM
from audiocast.mix import PROGRAM_RATE, MixAssets, Program, make_sting, mix, to_segment
from audiocast.script import build_script

ARTICLE = {
    "title": "Habari",
    "date": "2024-06-18",
    "author": "Mwandishi",
    "summary": "Muhtasari.",
    "body": [{"paragraph": f"Aya {i}."} for i in range(6)],
}


def tone(seconds: float, rate: int, freq: float = 220.0) -> PCM:
    t = np.arange(int(seconds * rate)) / rate
    return PCM((12000 * np.sin(2 * np.pi * freq * t)).astype(np.int16), rate)


def samples(audio: AudioSegment | Program) -> np.ndarray:
    if isinstance(audio, Program):
        return audio.read()
    return np.frombuffer(audio.raw_data, dtype=np.int16)


def mix_in(folder: Path, *args, **kwargs) -> Program:  # type: ignore[no-untyped-def]
    """Mix into a program file in the test's folder."""
    return mix(*args, **kwargs, path=folder / "program.raw")


@pytest.fixture
def script():  # type: ignore[no-untyped-def]
    return build_script(parse_article(ARTICLE), Settings())


def speech_for(script, seconds: float = 0.5, rate: int = 22050):  # type: ignore[no-untyped-def]
    return [[tone(seconds, rate) for _ in segment.sentences] for segment in script]


def test_spans_match_each_segment_and_its_pause(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    speech = [
        [tone(1.0 + 0.1 * i + 0.05 * j, 22050) for j, _ in enumerate(segment.sentences)]
        for i, segment in enumerate(script)
    ]
    settings = MixSettings()
    program = mix_in(tmp_path, script, speech, settings)
    sting = len(make_sting()) / 1000 + settings.pause_after_sting / 1000
    assert program.spans[0].start == pytest.approx(sting, abs=0.001)
    for span, sentences, pcms, segment, nxt in zip(
        program.spans, program.sentence_spans, speech, script, [*program.spans[1:], None],
        strict=True,
    ):  # fmt: skip
        assert (sentences[0].start, sentences[-1].end) == (span.start, span.end)
        for sentence, pcm in zip(sentences, pcms, strict=True):
            assert sentence.end - sentence.start == pytest.approx(pcm.duration, abs=0.001)
        for before, after in pairwise(sentences):
            gap = after.start - before.end
            assert gap == pytest.approx(settings.pause_between_sentences / 1000, abs=0.001)
        if nxt is not None:
            gap = nxt.start - span.end
            assert gap == pytest.approx(segment.pause_after_ms / 1000, abs=0.001)
    assert program.duration > program.spans[-1].end  # a breath of silence at the end


def test_engine_silence_is_trimmed_so_sentences_start_with_speech(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    rate = 22050
    padded = PCM(np.concatenate([np.zeros(rate // 2, np.int16), tone(1.0, rate).samples,
                                 np.zeros(rate // 2, np.int16)]), rate)  # fmt: skip
    speech = [[padded for _ in segment.sentences] for segment in script]
    program = mix_in(tmp_path, script, speech, MixSettings(sting=False))
    data = samples(program)
    for spans in program.sentence_spans:
        for span in spans:
            assert span.end - span.start == pytest.approx(1.0, abs=0.03)
            rate = program.rate
            onset = data[int(span.start * rate) : int((span.start + 0.03) * rate)]
            assert np.abs(onset).max() > 3000  # speech within 30 ms of the span's start


def test_speech_at_any_engine_rate_keeps_its_length_and_pitch() -> None:
    for rate in (16000, 22050, 24000, 48000):
        segment = to_segment(tone(2.0, rate, freq=300.0))
        assert segment.frame_rate == PROGRAM_RATE
        assert len(segment) == pytest.approx(2000, abs=1)
        spectrum = np.abs(np.fft.rfft(samples(segment)))
        peak_hz = np.argmax(spectrum) * PROGRAM_RATE / len(samples(segment))
        assert peak_hz == pytest.approx(300.0, abs=2.0)


def test_the_program_keeps_the_engines_rate_unless_the_show_brings_music(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    assert mix_in(tmp_path, script, speech_for(script, rate=24000), MixSettings()).rate == 24000
    with_music = MixAssets(bed=tone(5.0, 44100, freq=1000.0))
    assert mix_in(tmp_path, script, speech_for(script), MixSettings(), with_music).rate == 44100


def test_segments_fade_in_and_out_without_clicks(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    speech = [
        [PCM(np.full(22050, 20000, dtype=np.int16), 22050) for _ in segment.sentences]
        for segment in script
    ]
    program = mix_in(tmp_path, script, speech, MixSettings(sting=False))
    data = samples(program)
    first = program.spans[1]
    rate = program.rate
    start, end = int(first.start * rate), int(first.end * rate)
    assert abs(int(data[start])) < 2000  # starts near silence, not with a jump to full level
    assert abs(int(data[end - 1])) < 2000
    assert int(data[(start + end) // 2]) > 15000


def test_sting_is_a_short_audible_chime() -> None:
    sting = make_sting()
    assert 0.8 <= len(sting) / 1000 <= 3.0
    data = samples(sting).astype(float)
    assert np.sqrt(np.mean(data**2)) > 300
    assert np.abs(data).max() < 32767  # not clipped


def test_mix_never_joins_by_repeated_addition(tmp_path, script, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # pydub's + copies the whole program each time: quadratic in the number of segments.
    def refuse(*_args: object) -> None:
        raise AssertionError("AudioSegment + used to join segments")

    monkeypatch.setattr(AudioSegment, "__add__", refuse)
    monkeypatch.setattr(AudioSegment, "append", refuse)
    program = mix_in(tmp_path, script, speech_for(script), MixSettings())
    assert len(program.spans) == len(script)


def test_mix_refuses_a_mismatched_segment_count(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    from audiocast.errors import AudioError

    with pytest.raises(AudioError):
        mix_in(tmp_path, script, [[tone(0.5, 22050)]], MixSettings())


def level_at(
    data: np.ndarray, freq: float, start: float, seconds: float = 0.2, rate: int = PROGRAM_RATE
) -> float:
    """Amplitude of one frequency in a window (a single-bin Fourier transform)."""
    window = data[int(start * rate) : int((start + seconds) * rate)].astype(float)
    t = np.arange(len(window)) / rate
    return float(2 * np.abs(np.mean(window * np.exp(-2j * np.pi * freq * t))))


def test_the_shows_own_intro_and_outro_frame_the_episode(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    intro, outro = tone(2.0, 44100, freq=660.0), tone(1.5, 44100, freq=880.0)
    settings = MixSettings()
    program = mix_in(
        tmp_path, script, speech_for(script), settings, MixAssets(intro=intro, outro=outro)
    )
    data = samples(program)
    assert level_at(data, 660.0, 0.5) > 5000  # the show's intro, not the generated chime
    assert level_at(data, 523.25, 0.1) < 500
    assert program.spans[0].start == pytest.approx(
        2.0 + settings.pause_after_sting / 1000, abs=0.01
    )
    after_outro = program.spans[-1].end + settings.pause_after_intro / 1000
    assert level_at(data, 880.0, after_outro + 0.3) > 5000


def test_the_bed_ducks_under_the_ident_then_fades(tmp_path, script) -> None:  # type: ignore[no-untyped-def]
    bed = tone(30.0, 44100, freq=1000.0)
    settings = MixSettings(bed_level=-6.0, duck=-14.0, bed_fade=1000)
    program = mix_in(
        tmp_path, script, speech_for(script, seconds=2.0), settings, MixAssets(bed=bed)
    )
    data = samples(program)
    ident = program.spans[0]
    under_sting = level_at(data, 1000.0, 0.2)
    under_voice = level_at(data, 1000.0, ident.start + 0.5)
    assert under_sting == pytest.approx(12000 * 10 ** (-6 / 20), rel=0.1)
    assert 20 * np.log10(under_sting / under_voice) == pytest.approx(14.0, abs=1.0)
    assert level_at(data, 1000.0, ident.end + 1.2) < 50  # faded out
    assert level_at(data, 220.0, ident.start + 0.5) > 5000  # the voice is untouched


def test_a_program_read_in_blocks_with_context_is_the_program(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Mastering reads the program block by block: no frame may be lost, repeated or shifted.
    frames = np.random.default_rng(5).integers(-32768, 32767, 100_003).astype(np.int16)
    program = Program.write(tmp_path / "program.raw", frames, 22050)
    cores = []
    for block, before, after in program.blocks(4096, margin=300):
        core = block[before : len(block) - after]
        start = sum(len(c) for c in cores)
        assert np.array_equal(block, frames[start - before : start + len(core) + after])
        cores.append(core)
    assert np.array_equal(np.concatenate(cores), frames)


def test_a_bulletin_has_a_chime_between_its_stories_and_the_sting_to_close(
    tmp_path: Path,
) -> None:
    from audiocast.script import Role, Script, Segment, Sentence

    def said(role: Role, text: str) -> Segment:
        return Segment(role, "narrator", (Sentence(text, text),), 500)

    roles = [Role.INTRO, Role.HEADLINE, Role.STORY, Role.LEAD, Role.STORY, Role.LEAD]
    segments = [said(role, f"Sehemu {n}.") for n, role in enumerate(roles)]
    script = Script((*segments, Segment(Role.OUTRO, "narrator", (Sentence("Kwaheri.", "x"),), 0)))
    settings = MixSettings()
    rate = 22050
    program = mix_in(tmp_path, script, speech_for(script, rate=rate), settings)
    audio = samples(program).astype(np.float64)

    def pitch(start: float, end: float) -> float:
        """The strongest frequency heard between two times."""
        part = audio[int(start * rate) : int(end * rate)]
        spectrum = np.abs(np.fft.rfft(part * np.hanning(len(part))))
        return float(np.fft.rfftfreq(len(part), 1 / rate)[np.argmax(spectrum)])

    spans = program.spans
    pause = lambda n: script.segments[n].pause_after_ms / 1000  # noqa: E731
    # Between the stories (not before the first): the chime, then the voice.
    assert spans[2].start == pytest.approx(spans[1].end + pause(1), abs=0.001)
    gap = spans[4].start - (spans[3].end + pause(3))
    assert gap == pytest.approx(0.66 + settings.pause_after_sting / 1000, abs=0.01)
    assert pitch(spans[3].end + pause(3), spans[3].end + pause(3) + 0.13) == pytest.approx(
        1046.5, abs=5
    )
    # After the outro, the station's sting: its last note, high C, rings to the end.
    sting = len(make_sting(rate)) / 1000
    assert program.duration - spans[-1].end >= sting
    assert pitch(program.duration - 0.9, program.duration - 0.5) == pytest.approx(1046.5, abs=5)
    # A show that turns the sting off gets neither.
    quiet = mix_in(tmp_path, script, speech_for(script, rate=rate), MixSettings(sting=False))
    assert quiet.spans[4].start - quiet.spans[3].end == pytest.approx(pause(3), abs=0.001)
    assert quiet.duration - quiet.spans[-1].end < sting
