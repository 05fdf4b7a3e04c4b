"""ffmpeg from the system or the imageio-ffmpeg wheel; never ffprobe, which the wheel lacks."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
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


def encode_mp3(
    pcm: npt.NDArray[np.int16],
    rate: int,
    channels: int,
    bitrate: str,
    out: Path,
    out_rate: int | None = None,
) -> None:
    """Encode interleaved 16-bit PCM at `rate` to a CBR MP3 at `out_rate` with a LAME header.

    The header (which tells players the encoder delay and exact length) is written by
    seeking back, so the output must be a file, not a pipe.
    """
    run_ffmpeg(
        [
            "-f",
            "s16le",
            "-ar",
            str(rate),
            "-ac",
            str(channels),
            "-i",
            "pipe:0",
            "-c:a",
            "libmp3lame",
            "-b:a",
            bitrate,
            "-ar",
            str(out_rate or rate),
            "-ac",
            str(channels),
            "-map_metadata",
            "-1",
            "-id3v2_version",
            "0",
            "-write_xing",
            "1",
            "-f",
            "mp3",
            "-y",
            str(out),
        ],
        stdin=pcm.astype("<i2").tobytes(),
    )


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
