"""The show's own audio (intro, outro, music bed) as a build takes it: named and hashed
before anything is decoded, so deciding that an episode is up to date loads no audio code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .engines import PCM

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True)
class AudioFile:
    """A show's own audio file (intro, outro, bed), decoded block by block as it is mixed:
    memory stays that of a block whatever its length. `sha256` identifies its content."""

    path: Path
    sha256: str

    def frames(self, rate: int) -> Iterator[npt.NDArray[np.int16]]:
        from .ffmpeg import stream_audio

        return stream_audio(self.path, rate)


Asset = PCM | AudioFile


@dataclass(frozen=True)
class MixAssets:
    """The show's own audio: files streamed as they are mixed, or samples in memory."""

    intro: Asset | None = None
    outro: Asset | None = None
    bed: Asset | None = None
