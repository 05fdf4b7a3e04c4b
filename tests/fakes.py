"""Stand-ins shared by tests that need an engine but not its sound."""

from __future__ import annotations

import numpy as np

from audiocast.engines import PCM


class CountingEngine:
    """A deterministic tone per text, counting what it is asked to speak."""

    name = "espeak"  # borrows espeak's voice table in the settings
    version = "test-1"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def voice_key(self, voice: str) -> str:
        return voice

    def synthesize(self, text: str, voice: str) -> PCM:
        self.calls.append(text)
        t = np.arange(int(0.05 * len(text) * 8000)) / 8000
        tone = 8000 * np.sin(2 * np.pi * (200 + len(text)) * t)
        return PCM(tone.astype(np.int16), 8000)
