"""ffmpeg from the system or the imageio-ffmpeg wheel; never ffprobe, which the wheel lacks."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from .errors import AudioError


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


def run_ffmpeg(args: list[str], stdin: bytes | None = None) -> bytes:
    """Run ffmpeg quietly; its last line of stderr becomes the error message."""
    command = [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start ({exc})") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AudioError(f"ffmpeg failed: {lines[-1] if lines else f'exit {done.returncode}'}")
    return done.stdout


class Mp3Encoder:
    """An ffmpeg process encoding interleaved 16-bit PCM, written to it in blocks, to a CBR
    MP3 at `out_rate` with a LAME header; a context manager that waits for the file.

    The header (which tells players the encoder delay and exact length) is written by
    seeking back, so the output must be a file, not a pipe.
    """

    def __init__(self, rate: int, channels: int, bitrate: str, out: Path,
                 out_rate: int | None = None) -> None:  # fmt: skip
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _finish/__exit__)
        command = [
            ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "s16le", "-ar", str(rate), "-ac", str(channels), "-i", "pipe:0",
            "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(out_rate or rate),
            "-ac", str(channels), "-map_metadata", "-1", "-id3v2_version", "0",
            "-write_xing", "1", "-f", "mp3", "-y", str(out),
        ]  # fmt: skip
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=self._errors)
        except OSError as exc:
            self._errors.close()
            raise AudioError(f"ffmpeg could not start ({exc})") from None

    def write(self, pcm: npt.NDArray[np.int16]) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(pcm.astype("<i2").tobytes())
        except BrokenPipeError:
            self._finish()  # it stopped reading: it failed, and says why

    def _finish(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            assert self._process.stdin is not None
            self._process.stdin.close()
        code = self._process.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        self._errors.close()
        if code != 0:
            raise AudioError(f"ffmpeg failed: {lines[-1] if lines else f'exit {code}'}")

    def __enter__(self) -> Mp3Encoder:
        return self

    def __exit__(self, kind: object, value: object, trace: object) -> None:
        if kind is not None:  # our side failed: stop the encoder, keep the first error
            self._process.kill()
            self._process.wait()
            self._errors.close()
            return
        self._finish()


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
    command = [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
               "-f", "f32le", "-ac", str(channels), "-ar", str(rate), "pipe:1"]  # fmt: skip
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        except OSError as exc:
            raise AudioError(f"ffmpeg could not start ({exc})") from None
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
            lines = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise AudioError(f"ffmpeg failed: {lines[-1] if lines else f'exit {code}'}")


def decode(path: Path, rate: int, channels: int = 1) -> npt.NDArray[np.float32]:
    """Decode any audio file to float samples in [-1, 1], shape (frames, channels)."""
    raw = run_ffmpeg(
        ["-i", str(path), "-f", "f32le", "-ac", str(channels), "-ar", str(rate), "pipe:1"]
    )
    return np.frombuffer(raw, dtype="<f4").reshape(-1, channels)


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
