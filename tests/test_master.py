"""Mastering: loudness, true peak, encoding and tags, measured on the decoded file."""

from __future__ import annotations

import os
from pathlib import Path

import mutagen.mp3
import numpy as np
import pytest
from mutagen.id3 import ID3

from audiocast.config import Profile
from audiocast.cover import Cover
from audiocast.errors import AudioError
from audiocast.loudness import (
    StreamMeter,
    integrated_loudness,
    limiter_gain,
    peak_envelope,
    true_peak,
)
from audiocast.master import Analyser, Rendition, _limiting, _Monitor, analyse, master
from audiocast.media import Encoding, Tags
from audiocast.media.decoding import mp3_blocks
from audiocast.media.encoder import Encoder
from audiocast.media.mp3 import Mp3, lame_trim
from audiocast.mix import Program, Span

from audio import decode, ebur128

RATE = 44100
MP3 = Mp3()
TAGS = Tags(
    title="Kichwa cha habari",
    artist="Mwandishi",
    album="Habari kwa Sauti",
    date="2024-06-18",
    comment="Muhtasari wa habari.",
)


def speechlike(seconds: float, level: float, seed: int = 1) -> np.ndarray:
    """Syllable-rate bursts of a buzzy tone: speech's crest factor without a speech engine."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    buzz = np.sign(np.sin(2 * np.pi * 120 * t)) * 0.3 + rng.normal(0, 0.1, t.size)
    bursts = (np.sin(2 * np.pi * 4 * t) > 0.2).astype(float)
    return np.clip(buzz * bursts * level, -1, 1)


def program_of(signal: np.ndarray, folder: Path) -> Program:
    pcm = np.round(signal * 32767).astype(np.int16)
    return Program.write(folder / "program.raw", pcm, RATE, (Span(0.0, len(signal) / RATE),))


def mastered(folder: Path, signal: np.ndarray, profile: Profile, tags: Tags = TAGS) -> Rendition:
    return master(program_of(signal, folder), profile, tags, folder / "out.mp3")


@pytest.mark.parametrize("level", [0.02, 0.3, 1.0], ids=["quiet", "normal", "hot"])
def test_podcast_profile_meets_loudness_and_true_peak(tmp_path: Path, level: float) -> None:
    rendition = mastered(tmp_path, speechlike(20, level), Profile(), TAGS)
    meter = ebur128(rendition.path)
    assert meter.integrated == pytest.approx(-16.0, abs=1.0)
    assert meter.true_peak <= -1.0
    # What the record says was measured agrees with an independent meter.
    assert rendition.loudness == pytest.approx(meter.integrated, abs=0.3)


def test_radio_profile_reaches_ebu_r128(tmp_path: Path) -> None:
    profile = Profile(loudness=-23.0, bitrate="192k")
    rendition = mastered(tmp_path, speechlike(20, 0.3), profile, TAGS)
    path = rendition.path
    meter = ebur128(path)
    assert meter.integrated == pytest.approx(-23.0, abs=1.0)
    assert meter.true_peak <= -1.0
    assert mutagen.mp3.MP3(path).info.bitrate == 192000


def test_file_is_cbr_mono_with_swahili_id3_tags(tmp_path: Path) -> None:
    cover = b"\xff\xd8\xff\xe0fake-jpeg"
    tags = Tags(**{**TAGS.__dict__, "cover": Cover(cover, "image/jpeg", ".jpg")})
    path = mastered(tmp_path, speechlike(8, 0.3), Profile(), tags).path
    info = mutagen.mp3.MP3(path).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 96000)
    assert info.bitrate_mode == mutagen.mp3.BitrateMode.CBR
    id3 = ID3(path)
    assert str(id3["TIT2"]) == TAGS.title
    assert str(id3["TPE1"]) == TAGS.artist
    assert str(id3["TALB"]) == TAGS.album
    assert str(id3["TDRC"]) == TAGS.date
    assert str(id3["TLAN"]) == "swa"
    comment = id3.getall("COMM")[0]
    assert comment.lang == "swa" and str(comment) == TAGS.comment
    picture = id3.getall("APIC")[0]
    assert picture.type == 3 and picture.data == cover


def test_duration_is_kept(tmp_path: Path) -> None:
    rendition = mastered(tmp_path, speechlike(12.5, 0.3), Profile(), TAGS)
    assert rendition.duration == pytest.approx(12.5, abs=0.06)
    assert mutagen.mp3.MP3(rendition.path).info.length == pytest.approx(12.5, abs=0.1)


def test_silence_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="silent"):
        mastered(tmp_path, np.zeros(RATE * 3), Profile(), TAGS)


def test_limiter_holds_true_peak_with_inter_sample_overs() -> None:
    # A tone at a quarter of the sample rate, phased so samples miss its crests by 3 dB.
    t = np.arange(RATE) / RATE
    signal = (0.99 * np.sin(2 * np.pi * RATE / 4 * t + np.pi / 4)).astype(np.float32)
    assert true_peak(signal) > np.max(20 * np.log10(np.abs(signal) + 1e-12)) + 2.0
    limited = signal * limiter_gain(peak_envelope(signal), RATE, -3.0)
    assert true_peak(limited) <= -3.0 + 0.05
    # Quiet passages are left alone.
    quiet = signal * 0.1
    assert np.allclose(quiet * limiter_gain(peak_envelope(quiet), RATE, -3.0), quiet)


def test_what_is_measured_while_encoding_is_what_a_player_decodes(tmp_path: Path) -> None:
    # The frames are measured as they leave the encoder, before the file is finished: the
    # figures must still be those of the finished file, to the frame, over many blocks.
    rate = 22050
    signal = speechlike(40, 0.3)[::2]  # 40 s at 22.05 kHz
    folder = tmp_path / "a show [2024]; news: sw=1 | x"  # the tee muxer's special characters
    folder.mkdir()
    program = Program.write(folder / "program.raw", np.round(signal * 32767).astype(np.int16),
                            rate)  # fmt: skip
    rendition = master(program, Profile(), TAGS, folder / "out.mp3")
    decoded = decode(rendition.path)
    assert round(rendition.duration * 44100) == len(decoded) == 2 * program.frames
    meter = ebur128(rendition.path)
    assert rendition.loudness == pytest.approx(meter.integrated, abs=0.1)
    assert rendition.true_peak == pytest.approx(meter.true_peak, abs=0.2)
    assert not [p for p in folder.iterdir() if p.name not in {"program.raw", "out.mp3"}]


def test_limiting_only_near_peaks_equals_limiting_everywhere(tmp_path: Path) -> None:
    # The encoding pass works the limiter out only around the chunks the analysis found hot;
    # every frame must get the gain the limiter run over the whole program gives it.
    rate = 22050
    signal = speechlike(30, 1.0, seed=3)[::2]
    program = Program.write(tmp_path / "p.raw", np.round(signal * 32767).astype(np.int16), rate)
    analysis = analyse(program)
    samples = program.read().astype(np.float32) / np.float32(32768)
    for gain_db, ceiling, works in [(3.0, -2.0, True), (6.0, -3.0, True), (-30.0, -2.0, False)]:
        gain = np.float32(10 ** (gain_db / 20))
        whole = limiter_gain(peak_envelope(samples) * gain, rate, ceiling)
        assert bool(whole.min() < 0.99) == works
        sparse = _limiting(samples, 0, analysis, gain, ceiling)
        assert np.allclose(sparse, whole, atol=1e-5)
        block = _limiting(samples[100_000:300_000], 100_000, analysis, gain, ceiling)
        margin = 2000
        assert np.allclose(block[margin:-margin], whole[100_000 + margin : 300_000 - margin],
                           atol=1e-5)  # fmt: skip


def test_a_program_measured_as_it_is_mixed_equals_it_measured_whole(tmp_path: Path) -> None:
    # The mix hands the analysis its frames in pieces of every size (a pause, a sentence).
    rate = 22050
    frames = np.round(speechlike(40, 0.5, seed=7)[::2] * 32767).astype(np.int16)
    analyser = Analyser(rate)
    cuts = np.sort(np.random.default_rng(7).integers(0, len(frames), 40))
    for piece in np.split(frames, cuts):
        analyser.add(piece)
    streamed = analyser.finish()
    samples = frames.astype(np.float32) / 32768
    chunk = streamed.chunk
    envelope = peak_envelope(samples)
    whole_peaks = [envelope[i : i + chunk].max() for i in range(0, len(samples), chunk)]
    assert streamed.loudness == pytest.approx(integrated_loudness(samples, rate), abs=1e-6)
    assert np.allclose(streamed.chunk_peak, whole_peaks, atol=1e-6)
    assert len(streamed.chunk_energy) == len(whole_peaks)
    assert streamed.chunk_energy.sum() > 0


def test_a_file_without_the_expected_lame_header_is_measured_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another encoder build may write another delay (or no tag): the stream's trimming is
    # then unknown, and the finished file is decoded and measured instead.
    monkeypatch.setattr(Mp3, "trim", lambda self, path: None)
    rendition = mastered(tmp_path, speechlike(10, 0.3), Profile())
    meter = ebur128(rendition.path)
    assert round(rendition.duration * 44100) == len(decode(rendition.path))
    assert rendition.loudness == pytest.approx(meter.integrated, abs=0.1)


def test_a_full_disk_while_encoding_is_one_clear_line(tmp_path: Path) -> None:
    # /dev/full is a real file system's answer to every write: no space left (ENOSPC).
    program = program_of(speechlike(3.0, 0.3), tmp_path)
    with pytest.raises(AudioError) as caught:
        master(program, Profile(), TAGS, Path("/dev/full"))
    message = str(caught.value)
    assert "No space left on device" in message and "free some space" in message, message
    assert "\n" not in message and "@ 0x" not in message and "[out#" not in message


@pytest.mark.parametrize(("channels", "rate"), [(1, 44100), (2, 48000), (1, 22050)])
def test_the_mp3_decoded_while_it_is_written_is_the_file_ffmpeg_decodes(
    tmp_path: Path, channels: int, rate: int
) -> None:
    # The stream the build measures is decoded in this process as the encoder writes it;
    # trimmed as the file's LAME header says, it must be, frame for frame, the file that
    # ffmpeg (an independent decoder) makes of it: none lost at the start, the end or
    # between blocks.
    signal = speechlike(95, 0.4)[: 95 * rate].astype(np.float32)
    blocks: list[np.ndarray] = []
    encoding = Encoding("128k", channels, rate)
    out = tmp_path / "out.mp3"
    with Encoder(MP3, rate, encoding, out, listener=lambda b: blocks.append(b.copy())) as enc:
        for piece in np.array_split(np.repeat(signal, channels), 7):
            enc.write(piece)
    heard = np.concatenate(blocks)
    assert heard.shape[1] == channels and len(blocks) > 20
    start, end = lame_trim(out) or (0, 0)
    assert start == MP3.delay and end is not None
    trimmed = heard[start : len(heard) - end]
    decoded = decode(out, rate, channels).reshape(-1, channels)
    assert len(trimmed) == len(decoded) == len(signal)
    assert np.abs(trimmed - decoded).max() < 1e-4  # -80 dBFS: the same samples


def test_an_mp3_stream_that_cannot_be_decoded_is_one_clear_line() -> None:
    read, write = os.pipe()
    os.write(write, bytes(range(256)) * 64)  # no MPEG frame header anywhere
    os.close(write)
    with os.fdopen(read, "rb") as stream, pytest.raises(AudioError) as caught:
        list(mp3_blocks(stream, 1, 44100))
    message = str(caught.value)
    assert "could not be decoded" in message and "\n" not in message


def test_a_stereo_mp3_decoded_to_the_same_channels_is_measured_as_both() -> None:
    # One channel is measured while the decoded channels are the same samples: the figures
    # must be those of both channels measured (BS.1770 adds their power); and a stream
    # whose channels part is left to the finished file's own measurement.
    rate = 48000
    mono = speechlike(20, 0.4)[: 20 * rate].astype(np.float32)
    stereo = np.repeat(mono[:, None], 2, axis=1)
    monitor = _Monitor(rate, 2, MP3)
    for piece in np.array_split(stereo, 9):
        monitor(piece)
    measured = monitor.finish((MP3.delay, 0), len(stereo) - MP3.delay)
    reference = StreamMeter(rate, 2)
    reference.add(stereo[MP3.delay :])
    both = reference.measured()
    assert measured is not None
    assert measured.duration == pytest.approx(both.duration, abs=1e-9)
    assert measured.loudness == pytest.approx(both.loudness, abs=1e-4)
    assert measured.true_peak == pytest.approx(both.true_peak, abs=1e-4)
    assert measured.max_momentary == pytest.approx(both.max_momentary, abs=1e-4)

    parted = stereo.copy()
    parted[15 * rate, 1] += 0.01
    monitor = _Monitor(rate, 2, MP3)
    for piece in np.array_split(parted, 9):
        monitor(piece)
    assert monitor.finish((MP3.delay, 0), len(parted) - MP3.delay) is None
