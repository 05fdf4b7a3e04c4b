"""MP2 for playout systems that take MPEG Layer II: a profile asks for it, the build makes
it at its loudness, and a click lands where the decoder delay says."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audiocast.episode import read_record
from audiocast.media import Encoding, media_format
from audiocast.media.encoder import encode
from audiocast.media.mp2 import MP2_DELAY
from audiocast.show import Show
from audiocast.validate import validate_show

from audio import decode, ebur128
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli

MP2 = media_format("mp2")


@pytest.mark.parametrize("frames", [48000, 47000, 46500])
def test_a_click_comes_out_of_the_decoder_mp2_delay_frames_late(
    tmp_path: Path, frames: int
) -> None:
    """The delay is what ffmpeg's decoder shows, and a click in the last moments of the
    input, which the encoder keeps only when given more after it, is still there."""
    path = tmp_path / "click.mp2"
    clicks = (1000, frames - 10)
    samples = np.zeros((frames, 2), dtype=np.float32)
    for at in clicks:
        samples[at] = 0.9
    encode(MP2, samples.reshape(-1), 48000, Encoding("384k", 2, 48000), path)
    decoded = decode(path, 48000)
    loudest = sorted(np.argsort(-np.abs(decoded))[:2].tolist())
    assert loudest == [at + MP2_DELAY for at in clicks]
    assert np.abs(decoded[loudest[-1]]) > 0.5


@pytest.fixture(scope="module")
def playout_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a playout profile in MP2, built with espeak and its feeds written."""
    show = copy_sample_show(tmp_path_factory.mktemp("mp2"))
    settings = show / "audiocast.toml"
    extra = (
        '\n[profiles.playout]\nformat = "mp2"\nloudness = -23.0\nchannels = 2\n'
        'sample_rate = 48000\naudience = "radio"\n\n[build]\nrenditions = ["podcast", "playout"]\n'
    )
    settings.write_text(settings.read_text(encoding="utf-8") + extra, encoding="utf-8")
    article = f"episodes/{SAMPLE_SLUG}/article.yaml"
    for args in (("build", "--engine", "espeak", article), ("feed",)):
        done = run_cli(*args, cwd=show)
        assert done.returncode == 0, done.stderr
    return show


def test_an_mp2_profile_builds_384_kbits_stereo_at_48_khz_at_its_loudness(
    playout_show: Path,
) -> None:
    folder = playout_show / "episodes" / SAMPLE_SLUG
    record = read_record(folder / "episode.json")
    playout = record.renditions["playout"]
    path = folder / playout.file
    assert playout.format == "mp2" and path.suffix == ".mp2"
    info = MP3(path).info
    assert info is not None
    assert (info.layer, info.bitrate, info.sample_rate, info.channels) == (2, 384000, 48000, 2)
    meter = ebur128(path)
    assert meter.integrated == pytest.approx(-23.0, abs=0.5)
    assert meter.true_peak <= -1.0
    assert playout.loudness == pytest.approx(meter.integrated, abs=0.3)
    # All of the program is there: as long as the podcast's, plus the decoder's delay.
    seconds = len(decode(path, 48000)) / 48000
    assert seconds - MP2_DELAY / 48000 == pytest.approx(playout.duration, abs=1152 / 48000)
    assert playout.duration == pytest.approx(record.renditions["podcast"].duration, abs=0.001)
    assert str(ID3(path)["TIT2"]) == record.title


def test_an_mp2_profile_validates(playout_show: Path) -> None:
    assert validate_show(Show.open(playout_show)) == []
