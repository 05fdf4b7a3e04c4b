"""Media formats: all that differs between an MP3, an M4A or a WAV, one object per format.

A rendition profile names its format (`format = "aac"`); the build, the episode record, the
feeds, the public files, the page, the manifest, publishing, serving and `validate` ask that
object for its suffix, MIME type, encoder, tag writer, gapless trimming and checks. Nothing
outside this package names a codec: a new format is one new module here and its tests.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..errors import ConfigError

if TYPE_CHECKING:  # settings read the formats' facts: loading them loads no audio code
    from collections.abc import Callable, Iterator
    from typing import IO

    import numpy as np
    import numpy.typing as npt

    from ..chapters import Chapter
    from ..cover import Cover

    StreamDecoder = Callable[[IO[bytes], int, int], Iterator[npt.NDArray[np.float32]]]

LANGUAGE = "swa"  # ISO 639-2, as tags carry it; the RSS says "sw"


@dataclass(frozen=True)
class Tags:
    """What a rendition's tags say, whatever the container."""

    title: str
    artist: str
    album: str
    date: str  # ISO 8601
    comment: str
    cover: Cover | None = None
    chapters: tuple[Chapter, ...] = ()
    created: datetime | None = None  # when the build made it, in the show's time zone
    reference: str = ""  # what identifies the episode to a partner: its slug


@dataclass(frozen=True)
class Encoding:
    """The stream a profile asks of its format."""

    bitrate: str | None  # "96k"; None for uncompressed audio
    channels: int
    sample_rate: int


@dataclass(frozen=True)
class Measured:
    """What was measured on a rendition as decoded; the loudness statistics of EBU Tech
    3285's bext chunk besides the integrated loudness and true peak every format needs."""

    duration: float
    loudness: float
    true_peak: float
    loudness_range: float = float("nan")
    max_momentary: float = float("nan")
    max_short_term: float = float("nan")


@dataclass(frozen=True)
class Expected:
    """What an episode's record and chapters file say its renditions' tags hold."""

    title: str
    date: str  # ISO 8601 day
    comment: str
    # (start, end) in seconds as the chapters file gives them (an end may be left out);
    # None when the chapters file is unreadable (reported on its own).
    chapters: tuple[tuple[float, float | None], ...] | None
    # The rendition's loudness (LUFS) and true peak (dBTP) as the record gives them.
    loudness: float | None = None
    true_peak: float | None = None


CHANNELS = {1: "mono", 2: "stereo"}


# (element, problem): what `validate` reports of one file, e.g. ("bitrate", "64 kbit/s;
# the profile needs 96 kbit/s").
Problem = tuple[str, str]


class MediaFormat(ABC):
    """One container and codec: how to encode, trim, tag, read and check it."""

    name: ClassVar[str]  # as a profile names it: `format = "mp3"`
    label: ClassVar[str]  # as people read it: "MP3"
    suffix: ClassVar[str]  # ".mp3"
    mime: ClassVar[str]  # the enclosure's and the server's Content-Type
    codecs: ClassVar[str]  # RFC 6381, for podcast:alternateEnclosure
    bitrates: ClassVar[tuple[str, ...]]  # what a profile may ask; () when uncompressed
    default_bitrate: ClassVar[str | None]
    sample_rates: ClassVar[tuple[int, ...]]
    # Frames the decoded stream (see stream_options) has before the first frame written.
    delay: ClassVar[int] = 0
    # Frames of silence the encoder is given after the last frame: a codec that does not
    # flush its filters itself would otherwise drop the program's last moments.
    flush: ClassVar[int] = 0
    # Frames of decoded stream held back until the end's trimming is known.
    hold: ClassVar[int] = 8192
    # What the encoder is fed: 16-bit integers, 24-bit ones in 32 bits, or floats.
    input_format: ClassVar[str] = "s16le"
    # The same samples on every channel decode to the same samples on every channel (LAME's
    # joint stereo sends their difference as silence; AAC, Opus and MP2 do not keep them
    # equal): the build then measures one channel of the decoded stream.
    same_channels: ClassVar[bool] = False
    # PCM: a player decodes exactly the samples written, so the build measures them as it
    # writes them, and not a decoded copy (an ffmpeg and a pipe fewer per rendition).
    lossless: ClassVar[bool] = False
    # Lossy coding adds inter-sample overshoot above the limiter's ceiling (dB kept free)…
    codec_margin: ClassVar[float] = 1.0
    # … and drops quiet high-frequency detail that K-weighting counts (LU aimed above).
    loudness_allowance: ClassVar[float] = 0.25

    @abstractmethod
    def codec_args(self, encoding: Encoding) -> list[str]:
        """ffmpeg's output options for the codec (after `-i`), without the muxer."""

    @abstractmethod
    def file_options(self) -> dict[str, str]:
        """The muxer writing the file: {"f": muxer, option: value}."""

    @abstractmethod
    def stream_options(self) -> dict[str, str]:
        """The muxer of the copy decoded while encoding (a pipe: no seeking back)."""

    def stream_decoder(self) -> StreamDecoder | None:
        """What decodes that copy in this process (the stream, channels and sample rate in;
        float blocks of (frames, channels) out), where something can; else None, and an
        ffmpeg decodes it (stream_input)."""
        return None

    def stream_input(self) -> list[str]:
        """ffmpeg's input options to decode that copy, where stream_decoder gives none."""
        raise NotImplementedError

    def trim(self, path: Path) -> tuple[int, int | None] | None:
        """What a player trims from the decoded stream (start, end), where the file says so;
        an end of None keeps exactly the frames written. None when the file does not trim
        as the encoder was expected to (the file is then measured on its own)."""
        return self.delay, None

    @abstractmethod
    def tag(self, path: Path, tags: Tags, measured: Measured) -> None:
        """Write the tags into the encoded file at `path`."""

    @abstractmethod
    def length(self, path: Path) -> float:
        """Seconds the file plays, from its headers (no decoding)."""

    @abstractmethod
    def check(self, path: Path, encoding: Encoding, profile: str) -> list[Problem]:
        """How the file's stream differs from what the profile (named `profile`) asks."""

    @abstractmethod
    def check_tags(self, path: Path, expected: Expected) -> list[Problem]:
        """How the file's tags differ from what the episode says."""

    def check_measured(self, path: Path, measured: Measured) -> list[Problem]:
        """How what the file's tags say of its loudness differs from what its audio
        measures (formats whose tags carry loudness)."""
        return []

    def bitrate_bits(self, encoding: Encoding) -> int:
        """Bits per second of the stream, as podcast:alternateEnclosure gives it."""
        if encoding.bitrate is None:
            raise NotImplementedError
        return int(encoding.bitrate.removesuffix("k")) * 1000


def differences(found: list[tuple[str, str, str]], profile: str) -> list[Problem]:
    """(what, found, wanted) triples as problems where they differ."""
    return [
        (label, f"{have}; the {profile} profile needs {wanted}")
        for label, have, wanted in found
        if have != wanted
    ]


def text_problems(
    found: dict[str, str], wanted: dict[str, tuple[str, str | None]], kind: str, noun: str = ""
) -> list[Problem]:
    """Tag texts against what the episode says: each key's text (as `found` gives it) must
    be there and, where `wanted` gives a value, equal it. `kind` names the tag system ("ID3"),
    `noun` what one entry is called in it (" atom")."""
    problems: list[Problem] = []
    for key, (meaning, value) in wanted.items():
        text = found.get(key, "")
        if not text.strip():
            problems.append((f"{kind} {key}", f"no {key}{noun} ({meaning})"))
        elif value is not None and text != value:
            problems.append((f"{kind} {key}", f"{text!r}, not {value!r} ({meaning})"))
    return problems


def average_bitrate_problems(
    bits: float, asked: int, profile: str, under: float, over: float
) -> list[Problem]:
    """An encoder that keeps only an average (AAC, Opus) may stray from the asked bitrate by
    `under` or `over` (fractions) before the file counts as made for another profile."""
    if asked * (1 - under) <= bits <= asked * (1 + over):
        return []
    problem = f"{bits / 1000:.0f} kbit/s; the {profile} profile asks {asked // 1000} kbit/s"
    return [("bitrate", problem)]


def chapter_problems(
    found: list[tuple[int, int]], expected: Expected, element: str
) -> list[Problem]:
    """Chapters in a file, (start, end) in ms, against the chapters file's (±1 ms: the JSON
    keeps three decimals, tags whole milliseconds)."""
    if expected.chapters is None:
        return []
    wanted = [
        (round(start * 1000), None if end is None else round(end * 1000))
        for start, end in expected.chapters
    ]
    if len(found) != len(wanted) or any(
        abs(fs - ws) > 1 or (we is not None and abs(fe - we) > 1)
        for (fs, fe), (ws, we) in zip(found, wanted, strict=False)
    ):
        return [(element, f"chapters at {found} ms; the chapters JSON says {wanted} ms")]
    return []


def _formats() -> dict[str, MediaFormat]:
    from .m4a import M4a
    from .mp2 import Mp2
    from .mp3 import Mp3
    from .opus import Opus
    from .wav import Wav

    return {f.name: f for f in (Mp3(), M4a(), Opus(), Wav(), Mp2())}


FORMATS: dict[str, MediaFormat] = _formats()


def media_format(name: str) -> MediaFormat:
    """The format a profile or a rendition record names.

    >>> media_format("mp3").mime
    'audio/mpeg'
    """
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ConfigError(f"no media format {name!r} (known: {known})") from None


# The media suffixes as a regular expression's alternatives: \.mp3|\.m4a|…
SUFFIX_PATTERN = "|".join(re.escape(media.suffix) for media in FORMATS.values())


def format_of(name: str) -> MediaFormat | None:
    """The format of a media file by its name, None for any other file.

    >>> format_of("2024-06-18-x-68dab05a.mobile.m4a").label
    'M4A'
    """
    return next((f for f in FORMATS.values() if name.endswith(f.suffix)), None)


def suffixes() -> tuple[str, ...]:
    """Every media file suffix a show may publish."""
    return tuple(f.suffix for f in FORMATS.values())
