"""An MP3 stream decoded in this process as the encoder writes it (miniaudio's dr_mp3).

A second ffmpeg decoding the stream handed every MP3 frame from thread to thread inside it
and every block through one more pipe: about twice the CPU of decoding it here, on the core
the encoder shares. dr_mp3 decodes the same samples as ffmpeg, delay included (tested).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

import miniaudio
import numpy as np
import numpy.typing as npt

from ..errors import AudioError

BLOCK = 1 << 16  # frames per decoded block: few calls, and about 1.5 s of sound


class _Pipe(miniaudio.StreamableSource):
    """A pipe as the decoder reads it. Opening a stream, the decoder reads its first bytes
    and seeks back to the start: what it reads is kept until it has opened the stream."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._kept = bytearray()
        self._at = 0  # the decoder's position in what is kept
        self.opened = False

    def read(self, num_bytes: int) -> bytes:
        if self.opened and self._at == len(self._kept):
            return self._stream.read(num_bytes)
        if (short := self._at + num_bytes - len(self._kept)) > 0:
            self._kept += self._stream.read(short)
        data = bytes(self._kept[self._at : self._at + num_bytes])
        self._at += len(data)
        if self.opened and self._at == len(self._kept):
            self._kept, self._at = bytearray(), 0
        return data

    def seek(self, offset: int, origin: miniaudio.SeekOrigin) -> bool:
        if origin == miniaudio.SeekOrigin.END:
            return False  # the length is unknown: the decoder asks, and reads on
        position = offset if origin == miniaudio.SeekOrigin.START else self._at + offset
        if self.opened or not 0 <= position <= len(self._kept):
            # Answering False would be taken for success (miniaudio's stream_any): raise,
            # and the decoder fails with an error instead of reading from the wrong place.
            raise ValueError(f"cannot seek in a pipe to byte {position}")
        self._at = position
        return True


def mp3_blocks(stream: IO[bytes], channels: int, rate: int) -> Iterator[npt.NDArray[np.float32]]:
    """Blocks (frames, channels) of float samples decoded from an MP3 stream read from
    `stream` to its end, every frame as a decoder outputs it (no gapless trimming)."""
    source = _Pipe(stream)
    try:
        decoded = miniaudio.stream_any(
            source, miniaudio.FileFormat.MP3, miniaudio.SampleFormat.FLOAT32, channels, rate, BLOCK
        )
        source.opened = True
        for block in decoded:
            yield np.frombuffer(block, dtype=np.float32).reshape(-1, channels)
    except miniaudio.MiniaudioError as exc:
        problem = f"the MP3 being written could not be decoded to measure it: {exc}"
        raise AudioError(problem) from exc
