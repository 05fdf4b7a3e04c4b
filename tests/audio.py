"""Independent measurements of audio files for tests: ffmpeg's own meters and a pitch tracker.

Nothing here uses audiocast's code, so a bug there cannot hide itself here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np


def ffmpeg() -> str:
    return shutil.which("ffmpeg") or imageio_ffmpeg.get_ffmpeg_exe()


def decode(path: Path, rate: int = 44100, channels: int = 1) -> np.ndarray:
    """Float samples of any audio file, as a podcast player would decode it: mono, or
    (frames, channels) for more than one channel."""
    raw = subprocess.run(
        [
            ffmpeg(),
            "-v",
            "error",
            "-i",
            str(path),
            "-f",
            "f32le",
            "-ac",
            str(channels),
            "-ar",
            str(rate),
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    samples = np.frombuffer(raw, dtype="<f4")
    return samples if channels == 1 else samples.reshape(-1, channels)


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP
    loudness_range: float  # LU (EBU Tech 3342)
    max_momentary: float  # LUFS, the loudest 400 ms
    max_short_term: float  # LUFS, the loudest 3 s (windows of the whole 3 s only)


def ebur128(path: Path) -> Loudness:
    """Integrated loudness and true peak from ffmpeg's EBU R128 meter."""
    log = subprocess.run(
        [ffmpeg(), "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = log[log.rindex("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    lra = float(re.search(r"LRA:\s+(-?[\d.]+) LU", summary).group(1))
    # The meter's log of every 100 ms: momentary and short-term loudness, -120.7 while its
    # window has not filled yet.
    frames = re.findall(r"M:\s*(-?[\d.]+) S:\s*(-?[\d.]+)", log)
    momentary = max(float(m) for m, _ in frames)
    short_term = max(float(s) for _, s in frames)
    return Loudness(integrated, peak, lra, momentary, short_term)


def median_pitch(samples: np.ndarray, rate: int) -> float:
    """Median fundamental frequency (Hz) of the voiced frames, by autocorrelation."""
    frame, hop = int(0.04 * rate), int(0.01 * rate)
    low, high = int(rate / 400), int(rate / 60)  # 60-400 Hz covers adult voices
    loud = np.sqrt(np.mean(samples**2)) * 0.5
    pitches = []
    for start in range(0, len(samples) - frame, hop):
        chunk = samples[start : start + frame] - samples[start : start + frame].mean()
        if np.sqrt(np.mean(chunk**2)) < loud:
            continue
        corr = np.correlate(chunk, chunk, "full")[frame - 1 :]
        lag = low + int(np.argmax(corr[low:high]))
        if corr[lag] > 0.3 * corr[0]:
            pitches.append(rate / lag)
    assert len(pitches) > 20, "too few voiced frames to measure pitch"
    return float(np.median(pitches))
