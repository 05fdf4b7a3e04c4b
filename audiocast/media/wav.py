"""Broadcast WAV (EBU Tech 3285 version 2): 24-bit PCM at 48 kHz for radio playout.

ffmpeg writes the samples; the tag writer then gives the file the header playout systems
read: a plain PCM `fmt ` chunk (not ffmpeg's WAVE_FORMAT_EXTENSIBLE, which some refuse), a
`bext` chunk with the episode's title, the show, the build's date and time and the five
loudness figures measured on the file, and a LIST/INFO chunk with the tags other software
shows, all before the `data` chunk.

bext's text fields are ASCII: Swahili is written in the Latin alphabet, so a title loses at
most its accents and typographic quotes there (see `ascii_text`); LIST/INFO keeps it whole,
in UTF-8.
"""

from __future__ import annotations

import math
import os
import re
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ..errors import AudioError
from . import (
    CHANNELS,
    Encoding,
    Expected,
    Measured,
    MediaFormat,
    Problem,
    Tags,
    differences,
    text_problems,
)

BEXT_VERSION = 2
# Description, Originator, OriginatorReference, OriginationDate, OriginationTime,
# TimeReference, Version, UMID, the five loudness fields (0.01 units), Reserved.
BEXT = struct.Struct("<256s32s32s10s8sQH64s5h180s")
NOT_MEASURED = 0x7FFF  # a loudness field whose value was not computed
BITS = 24
_PCM = 1  # WAVE_FORMAT_PCM
_EXTENSIBLE = 0xFFFE
_FMT = struct.Struct("<HHIIHH")  # format, channels, rate, bytes per second, block, bits
_LOUDNESS_TOLERANCE = 0.1  # LU (dB for the true peak) between the bext fields and the audio
_MOVE_BLOCK = 1 << 20
# Typographic marks a title may carry, as ASCII writes them.
_ASCII_MARKS = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"',
     "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2013": "-",
     "\u2014": "-", "\u2212": "-", "\u00a0": " "}
)  # fmt: skip
_LOUDNESS_FIELDS = (
    ("LoudnessValue", "integrated loudness", "LUFS"),
    ("LoudnessRange", "loudness range", "LU"),
    ("MaxTruePeakLevel", "true peak", "dBTP"),
    ("MaxMomentaryLoudness", "maximum momentary loudness", "LUFS"),
    ("MaxShortTermLoudness", "maximum short-term loudness", "LUFS"),
)


def ascii_text(text: str, size: int) -> bytes:
    """Text for a bext field: ASCII, at most `size` bytes. Accents come off their letters
    and typographic quotes and dashes become plain ones; what has no ASCII form is left out.

    >>> ascii_text("Rais wa C\u00f4te d\u2019Ivoire \u2013 \u201chabari\u201d", 256)
    b'Rais wa Cote d\\'Ivoire - "habari"'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_MARKS))
    plain = "".join(c for c in decomposed if (c.isascii() and c.isprintable()) or c.isspace())
    return " ".join(plain.split()).encode("ascii")[:size]


def loudness_field(value: float) -> int:
    """A loudness figure as bext holds it: a signed 16-bit count of hundredths."""
    if not math.isfinite(value):
        return NOT_MEASURED
    return max(-32768, min(32766, round(value * 100)))


@dataclass(frozen=True)
class Bext:
    """What a bext chunk says."""

    description: str
    originator: str
    reference: str
    date: str
    time: str
    time_reference: int
    version: int
    loudness: tuple[float | None, ...]  # LoudnessValue … MaxShortTermLoudness; None unset

    @classmethod
    def read(cls, data: bytes) -> Bext:
        if len(data) < BEXT.size:
            raise ValueError(f"a bext chunk of {len(data)} bytes, under {BEXT.size}")
        fields = BEXT.unpack_from(data)
        text = [field.split(b"\0", 1)[0].decode("ascii", "replace") for field in fields[:5]]
        loudness = tuple(None if v == NOT_MEASURED else v / 100 for v in fields[8:13])
        return cls(text[0], text[1], text[2], text[3], text[4], fields[5], fields[6], loudness)


@dataclass(frozen=True)
class _Chunk:
    id: bytes
    offset: int  # of its data
    size: int


@dataclass(frozen=True)
class _Layout:
    """Where a WAV file's chunks lie, and its `fmt ` fields."""

    chunks: tuple[_Chunk, ...]
    format: int
    channels: int
    rate: int
    bits: int

    def find(self, chunk_id: bytes) -> _Chunk | None:
        return next((c for c in self.chunks if c.id == chunk_id), None)

    @property
    def data(self) -> _Chunk:
        data = self.find(b"data")
        if data is None:
            raise ValueError("no data chunk: not a WAV file with audio")
        return data


def _layout(file: BinaryIO) -> _Layout:
    """The chunks of a RIFF WAVE file, read from their headers only."""
    file.seek(0, os.SEEK_END)
    end = file.tell()
    file.seek(0)
    head = file.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise ValueError("not a RIFF WAVE file")
    chunks = []
    offset = 12
    while offset + 8 <= end:
        file.seek(offset)
        chunk_id, size = struct.unpack("<4sI", file.read(8))
        chunks.append(_Chunk(chunk_id, offset + 8, min(size, end - offset - 8)))
        offset += 8 + size + (size & 1)
    fmt = next((c for c in chunks if c.id == b"fmt "), None)
    if fmt is None or fmt.size < _FMT.size:
        raise ValueError("no fmt chunk: not a WAV file")
    file.seek(fmt.offset)
    raw = file.read(fmt.size)
    kind, channels, rate, _, _, bits = _FMT.unpack_from(raw)
    if kind == _EXTENSIBLE and len(raw) >= 26:
        bits = struct.unpack_from("<H", raw, 18)[0] or bits  # the valid bits per sample
        kind = struct.unpack_from("<H", raw, 24)[0]  # the sub-format GUID's first two bytes
    return _Layout(tuple(chunks), kind, channels, rate, bits)


def _read(path: Path, chunk: _Chunk) -> bytes:
    with path.open("rb") as file:
        file.seek(chunk.offset)
        return file.read(chunk.size)


def _info(path: Path, layout: _Layout) -> dict[str, str]:
    """The LIST/INFO chunk's texts by their ids (INAM, ICRD, …)."""
    for chunk in layout.chunks:
        if chunk.id != b"LIST":
            continue
        data = _read(path, chunk)
        if data[:4] != b"INFO":
            continue
        texts, offset = {}, 4
        while offset + 8 <= len(data):
            key, size = struct.unpack_from("<4sI", data, offset)
            value = data[offset + 8 : offset + 8 + size].split(b"\0", 1)[0]
            texts[key.decode("ascii", "replace")] = value.decode("utf-8", "replace")
            offset += 8 + size + (size & 1)
        return texts
    return {}


def _chunk(chunk_id: bytes, data: bytes) -> bytes:
    return struct.pack("<4sI", chunk_id, len(data)) + data + b"\0" * (len(data) & 1)


def _info_chunk(tags: Tags) -> bytes:
    texts = {
        b"INAM": tags.title,
        b"IART": tags.artist,
        b"IPRD": tags.album,
        b"ICRD": tags.date,
        b"ICMT": tags.comment,
        b"ISFT": "audiocast",
    }
    body = b"".join(
        _chunk(key, value.encode("utf-8") + b"\0") for key, value in texts.items() if value
    )
    return _chunk(b"LIST", b"INFO" + body)


def _bext_chunk(tags: Tags, measured: Measured, channels: int, rate: int) -> bytes:
    created = tags.created or datetime.now().astimezone()
    loudness = (measured.loudness, measured.loudness_range, measured.true_peak,
                measured.max_momentary, measured.max_short_term)  # fmt: skip
    fields = BEXT.pack(
        ascii_text(tags.title, 256),
        ascii_text(tags.album, 32),
        ascii_text(tags.reference, 32),
        created.strftime("%Y-%m-%d").encode("ascii"),
        created.strftime("%H:%M:%S").encode("ascii"),
        0,  # TimeReference: the programme starts at its first sample
        BEXT_VERSION,
        b"",  # UMID: none (all zeros)
        *(loudness_field(value) for value in loudness),
        b"",
    )
    # EBU R98's coding history: how the audio came to be, one line per step.
    history = f"A=PCM,F={rate},W={BITS},M={CHANNELS[channels]},T=audiocast\r\n"
    return _chunk(b"bext", fields + history.encode("ascii"))


def _move(file: BinaryIO, source: int, target: int, size: int) -> None:
    """Move `size` bytes within a file from `source` to `target` (the ranges may overlap)."""
    step = _MOVE_BLOCK
    starts = range(0, size, step)
    for start in reversed(starts) if target > source else starts:
        length = min(step, size - start)
        file.seek(source + start)
        block = file.read(length)
        file.seek(target + start)
        file.write(block)


class Wav(MediaFormat):
    name = "wav"
    label = "WAV"
    suffix = ".wav"
    # What browsers, servers and most software send for WAV; RFC 2361's audio/vnd.wave is
    # rarely recognised.
    mime = "audio/wav"
    codecs = "1"  # the WAVE format tag of PCM, as RFC 2361 gives codecs for WAVE
    bitrates = ()
    default_bitrate = None
    sample_rates = (48000,)
    # Rounded to 24 bits before the encoder, which writes them as they are: the file holds
    # exactly the samples measured while writing it (see `lossless`).
    input_format = "s32le"
    lossless = True
    # PCM adds no overshoot; the margin covers resampling to 48 kHz after the limiter.
    codec_margin = 0.2
    loudness_allowance = 0.0

    def codec_args(self, encoding: Encoding) -> list[str]:
        return ["-c:a", "pcm_s24le"]

    def file_options(self) -> dict[str, str]:
        return {"f": "wav"}

    def stream_options(self) -> dict[str, str]:
        return {"f": "wav"}  # in a pipe the sizes stay unknown; the reader takes all

    def stream_input(self) -> list[str]:
        return ["-f", "wav"]

    def bitrate_bits(self, encoding: Encoding) -> int:
        return encoding.sample_rate * encoding.channels * BITS

    def tag(self, path: Path, tags: Tags, measured: Measured) -> None:
        """Rewrite the header in place: the samples move to make room for bext and INFO."""
        with path.open("r+b") as file:
            layout = _layout(file)
            data = layout.data
            channels, rate = layout.channels, layout.rate
            block = channels * BITS // 8
            fmt = _FMT.pack(_PCM, channels, rate, rate * block, block, BITS)
            head = b"".join(
                [
                    _chunk(b"fmt ", fmt),
                    _bext_chunk(tags, measured, channels, rate),
                    _info_chunk(tags),
                    struct.pack("<4sI", b"data", data.size),
                ]
            )
            padded = data.size + (data.size & 1)
            riff = 4 + len(head) + padded
            if riff > 0xFFFFFFFF:
                raise AudioError(
                    f"{path.name}: {data.size / 1e9:.1f} GB of audio is more than a WAV file "
                    "holds (4 GB): make the episode shorter"
                )
            start = 12 + len(head)
            _move(file, data.offset, start, data.size)
            file.seek(0)
            file.write(b"RIFF" + struct.pack("<I", riff) + b"WAVE" + head)
            file.seek(start + data.size)
            file.write(b"\0" * (padded - data.size))
            file.truncate()

    def length(self, path: Path) -> float:
        with path.open("rb") as file:
            layout = _layout(file)
        frame = layout.channels * layout.bits // 8
        if not frame or not layout.rate:
            raise ValueError("a fmt chunk without channels, bits or rate")
        return layout.data.size // frame / layout.rate

    def check(self, path: Path, encoding: Encoding, profile: str) -> list[Problem]:
        try:
            with path.open("rb") as file:
                layout = _layout(file)
                layout.data  # noqa: B018 (raises when there is no audio)
        except ValueError as exc:
            return [("", f"{exc}")]
        return differences(
            [
                ("format", "PCM" if layout.format == _PCM else f"{layout.format:#x}", "PCM"),
                ("bits", f"{layout.bits} bits", f"{BITS} bits"),
                ("sample rate", f"{layout.rate} Hz", f"{encoding.sample_rate} Hz"),
                ("channels", CHANNELS.get(layout.channels, "?"), CHANNELS[encoding.channels]),
            ],
            profile,
        )

    def bext(self, path: Path) -> Bext | None:
        """The file's bext chunk; None when it has none."""
        with path.open("rb") as file:
            chunk = _layout(file).find(b"bext")
        return None if chunk is None else Bext.read(_read(path, chunk))

    def check_tags(self, path: Path, expected: Expected) -> list[Problem]:
        with path.open("rb") as file:
            layout = _layout(file)
        problems: list[Problem] = []
        names = [chunk.id for chunk in layout.chunks]
        bext = self.bext(path)
        if bext is None:
            problems.append(("bext", "no bext chunk: playout systems see no title or loudness"))
        else:
            problems += _bext_problems(bext, expected)
            if names.index(b"bext") > names.index(b"data"):
                problems.append(("bext", "after the audio: playout systems read it first"))
        info = _info(path, layout)
        wanted: dict[str, tuple[str, str | None]] = {
            "INAM": ("episode title", expected.title),
            "IART": ("author or station", None),
            "IPRD": ("show", None),
            "ICRD": ("date", expected.date),
            "ICMT": ("summary", expected.comment),
        }
        return problems + text_problems(info, wanted, "INFO")

    def check_measured(self, path: Path, measured: Measured) -> list[Problem]:
        bext = self.bext(path)
        if bext is None or bext.version < BEXT_VERSION:
            return []  # reported by check_tags
        values = (measured.loudness, measured.loudness_range, measured.true_peak,
                  measured.max_momentary, measured.max_short_term)  # fmt: skip
        problems: list[Problem] = []
        for (field, meaning, unit), said, value in zip(
            _LOUDNESS_FIELDS, bext.loudness, values, strict=True
        ):
            if not math.isfinite(value):
                continue  # too short to measure: nothing to compare
            if said is None or abs(said - value) > _LOUDNESS_TOLERANCE:
                found = "not set" if said is None else f"{said:.2f} {unit}"
                problem = f"{found}; the audio measures {value:.2f} {unit} ({meaning})"
                problems.append((f"bext {field}", problem))
        return problems


def _bext_problems(bext: Bext, expected: Expected) -> list[Problem]:
    problems: list[Problem] = []
    if bext.version != BEXT_VERSION:
        problem = f"version {bext.version}: only version 2 carries the loudness"
        problems.append(("bext Version", problem))
    description = ascii_text(expected.title, 256).decode("ascii")
    if bext.description != description:
        problem = f"{bext.description!r}, not {description!r} (episode title)"
        problems.append(("bext Description", problem))
    if not bext.originator.strip():
        problems.append(("bext Originator", "empty (the show)"))
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", bext.date):
        problems.append(("bext OriginationDate", f"{bext.date!r}, not yyyy-mm-dd"))
    if not re.fullmatch(r"\d\d:\d\d:\d\d", bext.time):
        problems.append(("bext OriginationTime", f"{bext.time!r}, not hh:mm:ss"))
    # The record's figures, rounded as bext rounds them.
    for (field, meaning, unit), said, recorded in zip(
        (_LOUDNESS_FIELDS[0], _LOUDNESS_FIELDS[2]),
        (bext.loudness[0], bext.loudness[2]),
        (expected.loudness, expected.true_peak),
        strict=True,
    ):
        if recorded is None:
            continue
        if said is None or abs(said - recorded) > _LOUDNESS_TOLERANCE:
            found = "not set" if said is None else f"{said:.2f} {unit}"
            problem = f"{found}; episode.json says {recorded:.2f} {unit} ({meaning})"
            problems.append((f"bext {field}", problem))
    return problems


def chunk_ids(path: Path) -> Iterator[str]:
    """The file's chunks in order ("fmt ", "bext", …), for tests and diagnostics."""
    with path.open("rb") as file:
        for chunk in _layout(file).chunks:
            yield chunk.id.decode("ascii", "replace")
