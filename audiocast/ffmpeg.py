"""ffmpeg from the system or the imageio-ffmpeg wheel; never ffprobe, which the wheel lacks."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from .errors import AudioError, system_error


@functools.cache
def ffmpeg_path() -> str:
    """AUDIOCAST_FFMPEG, else ffmpeg on PATH, else the binary inside imageio-ffmpeg."""
    configured = os.environ.get("AUDIOCAST_FFMPEG")
    if configured:
        if not Path(configured).is_file():
            raise AudioError(f"AUDIOCAST_FFMPEG points to {configured}, which does not exist")
        return configured
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        raise AudioError(
            "ffmpeg was not found; install it or run `pip install imageio-ffmpeg`"
        ) from None


def _command(*args: str) -> list[str]:
    return [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]


def _spawn(args: list[str], errors: IO[bytes], **pipes: Any) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(_command(*args), stderr=errors, **pipes)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start ({exc})") from None


# How ffmpeg says a write failed for want of space: strerror(ENOSPC), or AVERROR(ENOSPC).
_NO_SPACE = re.compile(r"No space left on device|Disk quota exceeded|(?:code|number) -(?:28|122)\b")


def _failure(code: int, stderr: bytes, out: Path | None = None) -> AudioError:
    """ffmpeg's last line of stderr as the error message; a full disk as the producer can
    act on it, naming the folder written to rather than ffmpeg's muxer ([out#0/tee @ 0x…])."""
    text = stderr.decode("utf-8", "replace")
    if _NO_SPACE.search(text):
        where = str(out.parent) if out is not None else None
        full = OSError(errno.ENOSPC, "No space left on device while encoding the audio", where)
        return AudioError(system_error(full))
    lines = text.strip().splitlines()
    return AudioError(f"ffmpeg failed: {lines[-1] if lines else f'exit {code}'}")


def run_ffmpeg(args: list[str], stdin: bytes | None = None) -> bytes:
    """Run ffmpeg quietly; its last line of stderr becomes the error message."""
    try:
        done = subprocess.run(_command(*args), input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start ({exc})") from None
    if done.returncode != 0:
        raise _failure(done.returncode, done.stderr)
    return done.stdout


MP3_DECODER_DELAY = 529  # frames an MP3 decoder outputs before the first one encoded
# Decoded audio leaves ffmpeg in frames of 32768 samples rather than one per MP3 frame (1152):
# each frame crosses several of ffmpeg's threads, and at 1152 the hand-overs cost a third
# of a decoder's CPU. The last frame is not padded.
_DECODED_FRAMES = ["-af", "asetnsamples=n=32768:pad=0"]
Listener = Callable[[npt.NDArray[np.float32]], None]


class Mp3Encoder:
    """An ffmpeg process encoding interleaved 16-bit PCM, written to it in blocks, to a CBR
    MP3 at `out_rate` with a LAME header; a context manager that waits for the file.

    The header (which tells players the encoder delay and exact length) is written by
    seeking back, so the output must be a file, not a pipe. With a `listener`, the same MP3
    frames also stream to a second ffmpeg that decodes them as they come, and each decoded
    block (frames, channels) goes to the listener in a thread of its own: the encoded file
    is measured while it is being encoded. That stream is every frame as decoded, without
    the header's trimming (see `lame_trim`); a block is valid only during its call.
    """

    def __init__(
        self,
        rate: int,
        channels: int,
        bitrate: str,
        out: Path,
        out_rate: int | None = None,
        listener: Listener | None = None,
    ) -> None:
        out_rate = out_rate or rate
        self._out = out
        self._temps: list[IO[bytes]] = []
        command = [
            "-f", "s16le", "-ar", str(rate), "-ac", str(channels), "-i", "pipe:0",
            "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(out_rate), "-ac", str(channels),
            "-map_metadata", "-1",
        ]  # fmt: skip
        if listener is None:
            command += ["-id3v2_version", "0", "-write_xing", "1", "-f", "mp3", "-y", str(out)]
        else:  # the tee muxer writes the same packets to the file and to our pipe
            slave = "[f=mp3:id3v2_version=0:write_xing=1]"
            # A pipe is flushed after every packet unless told not to: 10,000 writes of 313
            # bytes for the sample instead of about a hundred of 32 KiB.
            piped = "[f=mp3:id3v2_version=0:write_xing=1:flush_packets=0]"
            tee = f"{slave}{_tee_escape(str(out))}|{piped}pipe:1"
            command += ["-map", "0:a", "-f", "tee", "-y", tee]
        self._processes: list[subprocess.Popen[bytes]] = []
        self._failure: BaseException | None = None
        self._reader: threading.Thread | None = None
        try:
            self._encoder = self._start(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE if listener else None)  # fmt: skip
            if listener is not None:
                decode = ["-f", "mp3", "-i", "pipe:0", *_DECODED_FRAMES, "-f", "s16le",
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
        process = _spawn(command, errors, **pipes)
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

    def write(self, pcm: npt.NDArray[np.int16]) -> None:
        assert self._encoder.stdin is not None
        try:
            self._encoder.stdin.write(pcm.astype("<i2").tobytes())
        except BrokenPipeError:
            self._finish()  # it stopped reading: it failed, and says why

    def _finish(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            assert self._encoder.stdin is not None
            self._encoder.stdin.close()
        codes = [process.wait() for process in self._processes]
        if self._reader is not None:
            self._reader.join()
        failures = []
        for code, errors in zip(codes, self._temps, strict=True):
            if code != 0:
                errors.seek(0)
                failures.append(_failure(code, errors.read(), self._out))
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

    def __enter__(self) -> Mp3Encoder:
        return self

    def __exit__(self, kind: object, value: object, trace: object) -> None:
        if kind is not None:  # our side failed: stop the encoder, keep the first error
            self._abort()
            return
        self._finish()


def _floats(buffer: bytearray, size: int, channels: int) -> npt.NDArray[np.float32]:
    """16-bit frames as floats. The decoder writes 16 bits, half the bytes of floats: what
    a player hears; its clipping at full scale cannot hide a peak above a limit that lies
    below full scale, which every profile's does."""
    pcm = np.frombuffer(buffer, dtype="<i2", count=size // 2).reshape(-1, channels)
    return pcm.astype(np.float32) / np.float32(32768)


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


def lame_trim(path: Path) -> tuple[int, int] | None:
    """What a gapless player trims from the decoded frames of an MP3 (start, end), from its
    LAME/Info tag: the encoder delay and padding, less/plus the decoder's own delay. None
    if the file has no such tag."""
    with path.open("rb") as file:
        head = file.read(4096)
    if head[:3] == b"ID3":  # tags come first: skip them (their size is syncsafe)
        size = 10 + sum((byte & 0x7F) << (7 * (3 - i)) for i, byte in enumerate(head[6:10]))
        with path.open("rb") as file:
            file.seek(size)
            head = file.read(4096)
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    mpeg1, mono = (head[1] >> 3) & 3 == 3, head[3] >> 6 == 3
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    tag = 4 + side
    if head[tag : tag + 4] not in (b"Xing", b"Info"):
        return None
    flags = int.from_bytes(head[tag + 4 : tag + 8], "big")
    lame = tag + 8 + sum(size for bit, size in ((1, 4), (2, 4), (4, 100), (8, 4)) if flags & bit)
    # After the encoder's name (9), revision, lowpass, replay gain (8), flags and bitrate:
    field = head[lame + 21 : lame + 24]
    if len(field) < 3:
        return None
    delay = (field[0] << 4) | (field[1] >> 4)
    padding = ((field[1] & 0x0F) << 8) | field[2]
    return delay + MP3_DECODER_DELAY, max(0, padding - MP3_DECODER_DELAY)


def encode_mp3(
    pcm: npt.NDArray[np.int16],
    rate: int,
    channels: int,
    bitrate: str,
    out: Path,
    out_rate: int | None = None,
) -> None:
    """Encode interleaved 16-bit PCM at `rate` to a CBR MP3 at `out_rate` (see Mp3Encoder)."""
    with Mp3Encoder(rate, channels, bitrate, out, out_rate) as encoder:
        encoder.write(pcm)


def decode_blocks(
    path: Path, rate: int, channels: int = 1, frames: int = 1 << 17
) -> Iterator[npt.NDArray[np.float32]]:
    """Decode any audio file as it streams from ffmpeg: float blocks (frames, channels)."""
    command = ["-i", str(path), *_DECODED_FRAMES, "-f", "f32le", "-ac", str(channels),
               "-ar", str(rate), "pipe:1"]  # fmt: skip
    with tempfile.TemporaryFile() as errors:
        process = _spawn(command, errors, stdout=subprocess.PIPE)
        assert process.stdout is not None
        try:
            while data := process.stdout.read(4 * channels * frames):
                usable = len(data) - len(data) % (4 * channels)
                yield np.frombuffer(data[:usable], dtype="<f4").reshape(-1, channels)
        finally:
            process.stdout.close()
            if process.poll() is None:
                process.kill()  # the caller stopped early
            code = process.wait()
        if code != 0:
            errors.seek(0)
            raise _failure(code, errors.read())


def stream_audio(path: Path, rate: int, frames: int = 1 << 16) -> Iterator[npt.NDArray[np.int16]]:
    """Any audio file ffmpeg reads, as blocks of mono 16-bit samples at `rate`, decoded as
    they are used: an hour of music costs the memory of one block. The samples are those
    `load_audio` gives, and a file ffmpeg cannot read is named in the AudioError."""
    if not path.is_file():
        raise AudioError(f"{path}: no such audio file")
    command = ["-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"]
    with tempfile.TemporaryFile() as errors:
        process = _spawn(command, errors, stdout=subprocess.PIPE)
        assert process.stdout is not None
        some = False
        try:
            while data := process.stdout.read(2 * frames):
                some = True
                yield np.frombuffer(data[: len(data) - len(data) % 2], dtype="<i2")
        finally:
            process.stdout.close()
            if process.poll() is None:
                process.kill()  # the caller stopped early
            code = process.wait()
        if code != 0:
            errors.seek(0)
            failure = _failure(code, errors.read())
            raise AudioError(f"{path}: not audio ffmpeg can read ({failure})") from None
    if not some:
        raise AudioError(f"{path}: the file holds no audio")


def load_audio(path: Path, rate: int) -> npt.NDArray[np.int16]:
    """Any audio file ffmpeg reads, as mono 16-bit samples; a clear error otherwise."""
    if not path.is_file():
        raise AudioError(f"{path}: no such audio file")
    try:
        raw = run_ffmpeg(["-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"])
    except AudioError as exc:
        raise AudioError(f"{path}: not audio ffmpeg can read ({exc})") from None
    if not raw:
        raise AudioError(f"{path}: the file holds no audio")
    return np.frombuffer(raw, dtype="<i2").copy()
