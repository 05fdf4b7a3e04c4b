"""The broadcast WAV as a radio partner's playout system meets it: 24-bit PCM at 48 kHz at
-23 LUFS by ffmpeg's meter, and a bext chunk (EBU Tech 3285 version 2) whose loudness
fields independent readers find equal to what the audio measures."""

from __future__ import annotations

import json
import shutil
import struct
import wave
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from audiocast.config import load_settings, time_zone
from audiocast.episode import read_record
from audiocast.errors import ConfigError
from audiocast.loudness import measure_file
from audiocast.media import Encoding, Expected, Measured, Tags, media_format
from audiocast.media.encoder import encode
from audiocast.media.wav import ascii_text, chunk_ids
from audiocast.show import Show
from audiocast.validate import validate_show

from audio import decode, ebur128
from conftest import SAMPLE_SLUG

WAV = media_format("wav")


def riff_chunks(path: Path) -> dict[str, bytes]:
    """Every chunk's data by its id, read here from the RIFF layout alone."""
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert struct.unpack_from("<I", data, 4)[0] == len(data) - 8  # the RIFF size is right
    chunks, offset = {}, 12
    while offset < len(data):
        chunk_id, size = struct.unpack_from("<4sI", data, offset)
        chunks[chunk_id.decode()] = data[offset + 8 : offset + 8 + size]
        offset += 8 + size + (size & 1)
    assert offset == len(data)  # no chunk runs past the end
    return chunks


def bext_fields(chunk: bytes) -> dict[str, object]:
    """The bext chunk as EBU Tech 3285 lays it out, byte offset by offset."""
    text = lambda a, b: chunk[a:b].split(b"\0")[0].decode("ascii")  # noqa: E731
    loudness = struct.unpack_from("<5h", chunk, 412)
    return {
        "description": text(0, 256),
        "originator": text(256, 288),
        "reference": text(288, 320),
        "date": text(320, 330),
        "time": text(330, 338),
        "time_reference": struct.unpack_from("<Q", chunk, 338)[0],
        "version": struct.unpack_from("<H", chunk, 346)[0],
        "umid": chunk[348:412],
        "loudness": [value / 100 for value in loudness],
        "history": chunk[602:].decode("ascii"),
    }


@pytest.fixture(scope="module")
def broadcast(built_show: Path) -> Path:
    record = read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")
    return built_show / "episodes" / SAMPLE_SLUG / record.renditions["broadcast"].file


def test_the_sample_builds_a_broadcast_wav_beside_the_mp3s_and_the_m4a(built_show: Path) -> None:
    record = read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")
    kinds = {name: (r.format, Path(r.file).suffix) for name, r in record.renditions.items()}
    assert kinds == {
        "podcast": ("mp3", ".mp3"),
        "mobile": ("aac", ".m4a"),
        "radio": ("mp3", ".mp3"),
        "broadcast": ("wav", ".wav"),
    }


def test_the_broadcast_wav_is_24_bit_pcm_at_48_khz(broadcast: Path) -> None:
    # Python's wave module reads only plain PCM (not WAVE_FORMAT_EXTENSIBLE), as older
    # playout systems do.
    with wave.open(str(broadcast)) as file:
        assert (file.getsampwidth(), file.getframerate(), file.getnchannels()) == (3, 48000, 2)
        frames = file.getnframes()
    fmt = riff_chunks(broadcast)["fmt "]
    assert struct.unpack_from("<HHIIHH", fmt) == (1, 2, 48000, 48000 * 6, 6, 24)
    record = read_record(broadcast.parent / "episode.json")
    assert frames / 48000 == pytest.approx(record.renditions["broadcast"].duration, abs=0.001)
    # 24 bits carry detail below 16 bits: the low byte of the samples is not all zero.
    raw = np.frombuffer(riff_chunks(broadcast)["data"][: 6 * 48000 * 10], dtype=np.uint8)
    assert np.count_nonzero(raw[0::3]) > 0.5 * (len(raw) // 3)


def test_the_broadcast_wav_meets_r128_by_ffmpegs_meter(broadcast: Path) -> None:
    meter = ebur128(broadcast)
    assert meter.integrated == pytest.approx(-23.0, abs=0.5)
    assert meter.true_peak <= -1.0


def test_the_bext_chunk_comes_before_the_audio_and_says_what_ffmpeg_measures(
    broadcast: Path,
) -> None:
    assert list(chunk_ids(broadcast)) == ["fmt ", "bext", "LIST", "data"]
    record = read_record(broadcast.parent / "episode.json")
    bext = bext_fields(riff_chunks(broadcast)["bext"])
    assert bext["version"] == 2
    assert bext["description"] == record.title
    assert bext["originator"] == "Habari kwa Sauti"
    assert bext["reference"] == SAMPLE_SLUG
    # The build's date and time where the newsroom is (the sample's Africa/Nairobi).
    made = datetime.strptime(f"{bext['date']} {bext['time']}", "%Y-%m-%d %H:%M:%S")
    made = made.replace(tzinfo=time_zone("Africa/Nairobi"))
    assert timedelta(0) <= record.built_at - made <= timedelta(minutes=5)
    assert bext["time_reference"] == 0 and bext["umid"] == bytes(64)
    assert str(bext["history"]).startswith("A=PCM,F=48000,W=24,M=stereo")
    meter = ebur128(broadcast)
    value, lra, peak, momentary, short_term = bext["loudness"]  # type: ignore[misc]
    assert value == pytest.approx(meter.integrated, abs=0.1)
    assert lra == pytest.approx(meter.loudness_range, abs=0.5)
    assert peak == pytest.approx(meter.true_peak, abs=0.1)
    assert momentary == pytest.approx(meter.max_momentary, abs=0.1)
    assert short_term == pytest.approx(meter.max_short_term, abs=0.1)
    assert value == pytest.approx(record.renditions["broadcast"].loudness, abs=0.005)


def test_wavinfo_reads_the_bext_loudness_as_ffmpeg_measures_it(broadcast: Path) -> None:
    """wavinfo, a reader of broadcast WAV written by others, finds the same figures."""
    wavinfo = pytest.importorskip("wavinfo")
    info = wavinfo.WavInfoReader(str(broadcast))
    assert info.fmt.bits_per_sample == 24 and info.fmt.sample_rate == 48000
    bext = info.bext
    assert bext is not None and bext.version == 2
    meter = ebur128(broadcast)
    assert bext.loudness_value == pytest.approx(meter.integrated, abs=0.1)
    assert bext.loudness_range == pytest.approx(meter.loudness_range, abs=0.5)
    assert bext.max_true_peak == pytest.approx(meter.true_peak, abs=0.1)
    assert bext.max_momentary_loudness == pytest.approx(meter.max_momentary, abs=0.1)
    assert bext.max_shortterm_loudness == pytest.approx(meter.max_short_term, abs=0.1)
    assert info.info.title == read_record(broadcast.parent / "episode.json").title


def _tagged(tmp_path: Path, title: str, seconds: float, channels: int) -> Path:
    """A tagged WAV of a tone, written by the format itself."""
    path = tmp_path / "tone.wav"
    t = np.arange(round(seconds * 48000)) / 48000
    tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    samples = np.repeat(tone, channels) if channels == 2 else tone
    encode(WAV, samples, 48000, Encoding(None, channels, 48000), path)
    tags = Tags(title, "Mwandishi", "Habari kwa Sauti", "2024-06-18", "Muhtasari wa habari")
    WAV.tag(path, tags, measure_file(path, 48000, channels))
    return path


def test_an_odd_sized_mono_wav_keeps_every_sample_and_a_right_riff_size(tmp_path: Path) -> None:
    path = _tagged(tmp_path, "Habari", 1.0 + 1 / 48000, 1)  # 48001 frames of 3 bytes: odd
    chunks = riff_chunks(path)  # checks the sizes and the pad byte
    assert len(chunks["data"]) == 48001 * 3
    assert len(decode(path, 48000)) == 48001
    assert WAV.length(path) == pytest.approx(48001 / 48000)


def test_a_swahili_title_is_ascii_in_bext_and_whole_in_info(tmp_path: Path) -> None:
    title = "Rais wa C\u00f4te d\u2019Ivoire azuru Dar es Salaam \u2013 \u201cKaribu\u201d"
    path = _tagged(tmp_path, title, 4.0, 2)
    bext = bext_fields(riff_chunks(path)["bext"])
    assert bext["description"] == 'Rais wa Cote d\'Ivoire azuru Dar es Salaam - "Karibu"'
    info = riff_chunks(path)["LIST"]
    assert info[:4] == b"INFO" and title.encode("utf-8") + b"\0" in info
    expected = Expected(title, "2024-06-18", "Muhtasari wa habari", None)
    assert WAV.check_tags(path, expected) == []
    assert len(ascii_text("x" * 300, 256)) == 256  # bext's Description holds 256 bytes


def test_a_bext_loudness_that_disagrees_with_the_audio_is_reported(tmp_path: Path) -> None:
    path = _tagged(tmp_path, "Habari", 5.0, 2)
    measured = measure_file(path, 48000, 2)
    assert WAV.check_measured(path, measured) == []
    tampered = Measured(measured.duration, measured.loudness + 3, measured.true_peak,
                        measured.loudness_range, measured.max_momentary,
                        measured.max_short_term)  # fmt: skip
    problems = WAV.check_measured(path, tampered)
    assert [element for element, _ in problems] == ["bext LoudnessValue"]


def test_validate_reports_a_wav_whose_bext_loudness_was_changed(
    built_show: Path, tmp_path: Path
) -> None:
    show_dir = tmp_path / "show"
    shutil.copytree(built_show, show_dir)
    folder = show_dir / "episodes" / SAMPLE_SLUG
    record_path = folder / "episode.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    path = folder / record["renditions"]["broadcast"]["file"]
    data = bytearray(path.read_bytes())
    bext = data.index(b"bext") + 8
    value = struct.unpack_from("<h", data, bext + 412)[0]
    struct.pack_into("<h", data, bext + 412, value + 300)  # 3 LU louder than it is
    path.write_bytes(bytes(data))
    problems = validate_show(Show.open(show_dir))
    wav = path.relative_to(show_dir).as_posix()
    said = [p for p in problems if p.where == f"{wav}: bext LoudnessValue"]
    # Against the audio as measured now, and against the build's record.
    assert any("-20.00 LUFS; the audio measures -23" in p.problem for p in said), problems
    assert any("-20.00 LUFS; episode.json says -23" in p.problem for p in said), said


def test_the_sample_validates_with_its_broadcast_wav(built_show: Path) -> None:
    problems = [p for p in validate_show(Show.open(built_show)) if "broadcast" in p.where]
    assert problems == []


def test_validate_reports_a_16_bit_wav_where_the_profile_needs_24(tmp_path: Path) -> None:
    path = tmp_path / "short.wav"
    with wave.open(str(path), "wb") as file:
        file.setnchannels(2)
        file.setsampwidth(2)
        file.setframerate(48000)
        file.writeframes(bytes(4 * 4800))
    problems = WAV.check(path, Encoding(None, 2, 48000), "broadcast")
    assert problems == [("bits", "16 bits; the broadcast profile needs 24 bits")]
    assert WAV.check(tmp_path / "short.wav", Encoding(None, 1, 48000), "broadcast")[1] == (
        "channels",
        "stereo; the broadcast profile needs mono",
    )
    path.write_bytes(b"ID3" + bytes(100))
    assert WAV.check(path, Encoding(None, 2, 48000), "broadcast") == [("", "not a RIFF WAVE file")]


def test_a_wav_or_mp2_profile_at_44_1_khz_is_refused_with_the_key(tmp_path: Path) -> None:
    for profile, fmt in (("broadcast", "wav"), ("playout", "mp2")):
        path = tmp_path / "audiocast.toml"
        path.write_text(f'[profiles.{profile}]\nformat = "{fmt}"\nsample_rate = 44100\n')
        with pytest.raises(ConfigError) as caught:
            load_settings(path)
        assert f"profiles.{profile}.sample_rate" in str(caught.value)
        assert "(48000)" in str(caught.value)
