"""One ffmpeg encoding a rendition from blocks of samples, and decoding it as it goes."""

from __future__ import annotations

import contextlib
import fcntl
import io
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..ffmpeg import DECODED_FRAMES, failure, spawn
from . import Encoding, MediaFormat

if TYPE_CHECKING:
    from . import StreamDecoder

Listener = Callable[[npt.NDArray[np.float32]], None]


class Encoder:
    """An ffmpeg process encoding interleaved samples, written to it in blocks, to a file of
    the given format; a context manager that waits for the file.

    Some containers (an MP3's LAME header, an M4A's index) are finished by seeking back, so
    the output must be a file, not a pipe. With a `listener`, the same coded frames also
    stream, in a container a pipe can carry, to a decoder (in this process where the format
    has one, else a second ffmpeg) that decodes them as they come, and each decoded block
    (frames, channels) goes to the listener in a thread of its own: the encoded file is
    measured while it is being encoded. That stream is every frame as decoded, without a
    player's trimming (see MediaFormat.trim); a block is valid only during its call.
    """

    def __init__(
        self,
        media: MediaFormat,
        rate: int,
        encoding: Encoding,
        out: Path,
        listener: Listener | None = None,
    ) -> None:
        self._out = out
        self._input = media.input_format
        self._flush = np.zeros(media.flush * encoding.channels, dtype=np.float32)
        self._temps: list[IO[bytes]] = []
        channels, out_rate = encoding.channels, encoding.sample_rate
        command = [
            "-f", media.input_format, "-ar", str(rate), "-ac", str(channels), "-i", "pipe:0",
            *media.codec_args(encoding), "-ar", str(out_rate), "-ac", str(channels),
            "-map_metadata", "-1",
        ]  # fmt: skip
        if listener is None:
            command += [*_options(media.file_options()), "-y", str(out)]
        else:  # the tee muxer writes the same packets to the file and to our pipe
            # A pipe is flushed after every packet unless told not to: 10,000 writes of 313
            # bytes for an MP3 of four minutes instead of about a hundred of 32 KiB.
            piped = media.stream_options() | {"flush_packets": "0"}
            tee = f"{_slave(media.file_options())}{_tee_escape(str(out))}|{_slave(piped)}pipe:1"
            command += ["-map", "0:a", "-f", "tee", "-y", tee]
        self._processes: list[subprocess.Popen[bytes]] = []
        self._failure: BaseException | None = None
        self._reader: threading.Thread | None = None
        try:
            self._encoder = self._start(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE if listener else None)  # fmt: skip
            here = media.stream_decoder() if listener is not None else None
            if listener is not None and here is not None:
                self._reader = threading.Thread(
                    target=self._decode, args=(here, listener, channels, out_rate), daemon=True
                )
                self._reader.start()
            elif listener is not None:
                decode = [*media.stream_input(), "-i", "pipe:0", *DECODED_FRAMES, "-f", "s16le",
                          "-ac", str(channels), "-ar", str(out_rate), "pipe:1"]  # fmt: skip
                decoder = self._start(decode, stdin=self._encoder.stdout, stdout=subprocess.PIPE)
                assert self._encoder.stdout is not None
                self._encoder.stdout.close()  # the decoder holds it now
                self._reader = threading.Thread(
                    target=self._listen, args=(decoder, listener, channels), daemon=True
                )
                self._reader.start()
        except BaseException:
            self._abort()
            raise

    def _start(self, command: list[str], **pipes: Any) -> subprocess.Popen[bytes]:
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _finish/_abort)
        self._temps.append(errors)
        process = spawn(command, errors, **pipes)
        self._processes.append(process)
        for pipe in (process.stdin, process.stdout):
            _widen(pipe)
        return process

    def _listen(self, decoder: subprocess.Popen[bytes], listener: Listener, channels: int) -> None:
        stream = decoder.stdout
        assert isinstance(stream, io.BufferedReader)
        frame = 2 * channels
        buffer = bytearray(frame << 17)  # reused: fresh large buffers cost page faults
        view = memoryview(buffer)
        filled = 0
        try:
            while count := stream.readinto(view[filled:]):
                filled += count
                usable = filled - filled % frame
                if filled < len(buffer) // 2:
                    continue  # gather big blocks: fewer, cheaper calls
                listener(_floats(buffer, usable, channels))
                buffer[: filled - usable] = buffer[usable:filled]
                filled -= usable
            if filled >= frame:
                listener(_floats(buffer, filled - filled % frame, channels))
        except BaseException as exc:  # handed to the writer's thread in _finish
            self._failure = exc
            decoder.kill()

    def _decode(self, decoder: StreamDecoder, listener: Listener, channels: int, rate: int) -> None:
        stream = self._encoder.stdout
        assert stream is not None
        try:
            for block in decoder(stream, channels, rate):
                listener(block)
            while stream.read(1 << 16):
                pass  # what the decoder left unread: the encoder must not block on it
        except BaseException as exc:  # handed to the writer's thread in _finish
            self._failure = exc
            self._encoder.kill()
        finally:
            stream.close()

    def write(self, samples: npt.NDArray[Any]) -> None:
        """Interleaved samples: floats in [-1, 1], or integers (16-bit, or 24-bit in 32)
        written as they are."""
        assert self._encoder.stdin is not None
        try:
            self._encoder.stdin.write(_as_input(samples, self._input))
        except BrokenPipeError:
            self._finish()  # it stopped reading: it failed, and says why

    def _finish(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            assert self._encoder.stdin is not None
            if len(self._flush):
                self._encoder.stdin.write(_as_input(self._flush, self._input))
            self._encoder.stdin.close()
        codes = [process.wait() for process in self._processes]
        if self._reader is not None:
            self._reader.join()
        failures = []
        for code, errors in zip(codes, self._temps, strict=True):
            if code != 0:
                errors.seek(0)
                failures.append(failure(code, errors.read(), self._out))
        self._close()
        if self._failure is not None:
            raise self._failure
        if failures:
            raise failures[0]

    def _abort(self) -> None:
        for process in self._processes:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join()
        self._close()

    def _close(self) -> None:
        for errors in self._temps:
            errors.close()
        self._temps = []

    def __enter__(self) -> Encoder:
        return self

    def __exit__(self, kind: object, value: object, trace: object) -> None:
        if kind is not None:  # our side failed: stop the encoder, keep the first error
            self._abort()
            return
        self._finish()


def encode(
    media: MediaFormat,
    samples: npt.NDArray[np.float32] | npt.NDArray[np.int16],
    rate: int,
    encoding: Encoding,
    out: Path,
) -> None:
    """Encode interleaved samples at `rate` to a file (see Encoder)."""
    with Encoder(media, rate, encoding, out) as encoder:
        encoder.write(samples)


def to_pcm16(samples: npt.NDArray[np.float32]) -> npt.NDArray[np.int16]:
    scaled = samples * np.float32(32767)  # rounded and clipped in place: one copy, not three
    np.rint(scaled, out=scaled)
    np.clip(scaled, -32768, 32767, out=scaled)
    return scaled.astype(np.int16).reshape(-1)


PCM24_SCALE = 1 << 23  # full scale of 24-bit samples


def to_pcm24(samples: npt.NDArray[np.float32]) -> npt.NDArray[np.int32]:
    """Samples rounded to 24 bits, as integers of 24 significant bits."""
    scaled = np.round(samples * np.float32(PCM24_SCALE))
    return np.clip(scaled, -PCM24_SCALE, PCM24_SCALE - 1).astype(np.int32).reshape(-1)


def _as_input(samples: npt.NDArray[Any], input_format: str) -> bytes:
    if input_format == "f32le":
        if samples.dtype == np.int16:
            samples = samples.astype(np.float32) / np.float32(32768)
        return samples.astype("<f4").tobytes()
    if input_format == "s32le":  # 24-bit samples in the high bits, as the PCM encoder takes them
        if samples.dtype == np.int16:
            return (samples.astype("<i4") << 16).tobytes()
        if samples.dtype != np.int32:
            samples = to_pcm24(samples)
        return (samples.astype("<i4") << 8).tobytes()
    if samples.dtype != np.int16:
        samples = to_pcm16(samples)
    return samples.astype("<i2", copy=False).tobytes()


def _options(options: dict[str, str]) -> list[str]:
    """A muxer's options on ffmpeg's command line: -f mp3 -write_xing 1 …"""
    return [arg for key, value in options.items() for arg in (f"-{key}", value)]


def _slave(options: dict[str, str]) -> str:
    """A muxer's options as the tee muxer reads them: [f=mp3:write_xing=1]."""
    return "[" + ":".join(f"{key}={value}" for key, value in options.items()) + "]"


def _floats(buffer: bytearray, size: int, channels: int) -> npt.NDArray[np.float32]:
    """16-bit frames as floats. The decoder writes 16 bits, half the bytes of floats: what
    a player hears; its clipping at full scale cannot hide a peak above a limit that lies
    below full scale, which every profile's does."""
    pcm = np.frombuffer(buffer, dtype="<i2", count=size // 2).reshape(-1, channels)
    return np.multiply(pcm, np.float32(1 / 32768), dtype=np.float32)  # one pass, exact


def _widen(pipe: IO[bytes] | None) -> None:
    """A 1 MiB pipe instead of 64 KiB: the encoder consumes a 64 KiB pipe in milliseconds,
    so any pause on our side (the measuring thread holding the interpreter) starved it."""
    if pipe is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        with contextlib.suppress(OSError):  # above the system's limit: keep the default
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def _tee_escape(path: str) -> str:
    """A file name as the tee muxer's list reads it (its separators and brackets quoted)."""
    for char in "\\|[]:;=":
        path = path.replace(char, "\\" + char)
    return path
