"""ffmpeg from the system or the imageio-ffmpeg wheel; never ffprobe, which the wheel lacks."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import AudioError, system_error

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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

        with _interrupt_held():  # it runs the binary once to check it
            return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        raise AudioError(
            "ffmpeg was not found; install it or run `pip install imageio-ffmpeg`"
        ) from None


def look_for_ffmpeg() -> None:
    """Find ffmpeg now, leaving a failure for its first real use to report (imageio-ffmpeg
    runs the binary once to check it). A build asks while its speech thread speaks, from
    the thread that imports the audio stack and after it has: numpy sets and unsets an
    environment variable as it loads, and a process started by another thread meanwhile
    can be handed a half-rewritten environment and fail to start, which imageio-ffmpeg
    then remembers as "no ffmpeg" for the rest of the process."""
    with contextlib.suppress(AudioError):
        ffmpeg_path()


def _command(*args: str) -> list[str]:
    return [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]


@contextmanager
def _interrupt_held() -> Iterator[None]:
    """SIGINT held back in this thread while a child starts, and so in the child for good
    (a signal mask outlives exec; ffmpeg keeps it): Ctrl-C in a terminal, which signals the
    whole process group, reaches audiocast alone, which stops as it chooses (`ingest`
    finishes the episode being built; an interrupted build kills its ffmpeg itself, here
    and in media/encoder.py) rather than with a half-encoded file. SIGTERM and SIGKILL
    still reach the group."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def spawn(args: list[str], errors: IO[bytes], **pipes: Any) -> subprocess.Popen[bytes]:
    try:
        with _interrupt_held():
            return subprocess.Popen(_command(*args), stderr=errors, **pipes)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start ({exc})") from None


# How ffmpeg says a write failed for want of space: strerror(ENOSPC), or AVERROR(ENOSPC).
_NO_SPACE = re.compile(r"No space left on device|Disk quota exceeded|(?:code|number) -(?:28|122)\b")


def failure(code: int, stderr: bytes, out: Path | None = None) -> AudioError:
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
        with _interrupt_held():
            process = subprocess.Popen(_command(*args), stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        with process:
            try:
                out, errors = process.communicate(stdin)
            except BaseException:
                process.kill()
                raise
        done = subprocess.CompletedProcess(process.args, process.returncode, out, errors)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not start ({exc})") from None
    if done.returncode != 0:
        raise failure(done.returncode, done.stderr)
    return done.stdout


# Decoded audio leaves ffmpeg in frames of 32768 samples rather than one per codec frame
# (1152 in an MP3): each frame crosses several of ffmpeg's threads, and at 1152 the
# hand-overs cost a third of a decoder's CPU. The last frame is not padded.
DECODED_FRAMES = ["-af", "asetnsamples=n=32768:pad=0"]


def decode_blocks(
    path: Path, rate: int, channels: int = 1, frames: int = 1 << 17
) -> Iterator[npt.NDArray[np.float32]]:
    """Decode any audio file as it streams from ffmpeg: float blocks (frames, channels)."""
    import numpy as np  # here, not at the top: start-up without numpy (see cli.py)

    command = ["-i", str(path), *DECODED_FRAMES, "-f", "f32le", "-ac", str(channels),
               "-ar", str(rate), "pipe:1"]  # fmt: skip
    with tempfile.TemporaryFile() as errors:
        process = spawn(command, errors, stdout=subprocess.PIPE)
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
            raise failure(code, errors.read())


def stream_audio(path: Path, rate: int, frames: int = 1 << 16) -> Iterator[npt.NDArray[np.int16]]:
    """Any audio file ffmpeg reads, as blocks of mono 16-bit samples at `rate`, decoded as
    they are used: an hour of music costs the memory of one block. The samples are those
    `load_audio` gives, and a file ffmpeg cannot read is named in the AudioError."""
    import numpy as np  # here, not at the top: start-up without numpy (see cli.py)

    if not path.is_file():
        raise AudioError(f"{path}: no such audio file")
    command = ["-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"]
    with tempfile.TemporaryFile() as errors:
        process = spawn(command, errors, stdout=subprocess.PIPE)
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
            cause = failure(code, errors.read())
            raise AudioError(f"{path}: not audio ffmpeg can read ({cause})") from None
    if not some:
        raise AudioError(f"{path}: the file holds no audio")


def load_audio(path: Path, rate: int) -> npt.NDArray[np.int16]:
    """Any audio file ffmpeg reads, as mono 16-bit samples; a clear error otherwise."""
    import numpy as np  # here, not at the top: start-up without numpy (see cli.py)

    if not path.is_file():
        raise AudioError(f"{path}: no such audio file")
    try:
        raw = run_ffmpeg(["-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"])
    except AudioError as exc:
        raise AudioError(f"{path}: not audio ffmpeg can read ({exc})") from None
    if not raw:
        raise AudioError(f"{path}: the file holds no audio")
    return np.frombuffer(raw, dtype="<i2").copy()
