"""MP2 (MPEG-1 Audio Layer II) at 384 kbit/s: what many radio playout systems take.

ffmpeg's `mp2` encoder writes plain frames: no gapless header, so a player hears the
filter banks' delay (MP2_DELAY, 10 ms) as silence at the start. The tags are ID3v2.4,
as on the MP3s.
"""

from __future__ import annotations

from pathlib import Path

from . import CHANNELS, Encoding, Expected, Measured, MediaFormat, Problem, Tags, differences
from .mp3 import Mp3

# Frames a decoder's output lags the encoder's input: the analysis and synthesis filter
# banks' delay (found with a click: tests/test_mp2.py).
MP2_DELAY = 481
_MUXER = {"f": "mp2"}
_ID3 = Mp3()  # the tags, their checks and the length from headers are the MP3's


class Mp2(MediaFormat):
    name = "mp2"
    label = "MP2"
    suffix = ".mp2"
    mime = "audio/mpeg"
    codecs = "mp2"
    bitrates = ("192k", "256k", "320k", "384k")
    default_bitrate = "384k"
    sample_rates = (48000,)
    delay = MP2_DELAY
    # The encoder codes whole frames of what it was given and stops: the frames still in
    # its filter bank when input ends come out only if more follows.
    flush = MP2_DELAY
    hold = 4096  # the end's padding: at most a frame (1152) after the flushed delay
    codec_margin = 0.5

    def codec_args(self, encoding: Encoding) -> list[str]:
        assert encoding.bitrate is not None
        return ["-c:a", "mp2", "-b:a", encoding.bitrate]

    def file_options(self) -> dict[str, str]:
        return dict(_MUXER)

    def stream_options(self) -> dict[str, str]:
        return dict(_MUXER)

    def stream_input(self) -> list[str]:
        return ["-f", "mp3"]  # ffmpeg's demuxer of MPEG audio of every layer

    def tag(self, path: Path, tags: Tags, measured: Measured) -> None:
        _ID3.tag(path, tags, measured)

    def length(self, path: Path) -> float:
        return _ID3.length(path)

    def check_tags(self, path: Path, expected: Expected) -> list[Problem]:
        return _ID3.check_tags(path, expected)

    def check(self, path: Path, encoding: Encoding, profile: str) -> list[Problem]:
        from mutagen.mp3 import MP3  # here: naming the format loads no mutagen

        info = MP3(path).info
        if info is None or info.layer != 2:
            return [("", "no MPEG audio layer II frames: not an MP2")]
        wanted = self.bitrate_bits(encoding) // 1000
        return differences(
            [
                ("bitrate", f"{info.bitrate / 1000:g} kbit/s", f"{wanted} kbit/s"),
                ("sample rate", f"{info.sample_rate} Hz", f"{encoding.sample_rate} Hz"),
                ("channels", CHANNELS.get(info.channels, "?"), CHANNELS[encoding.channels]),
            ],
            profile,
        )
