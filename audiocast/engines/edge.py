"""Microsoft's neural Swahili voices through edge-tts: the free, unofficial endpoint behind
Microsoft Edge's Read Aloud, a WebSocket that answers SSML with MP3 and timing events.

Each sentence is one connection (edge-tts's `Communicate`); at most `concurrency` are open
at once, and a failed one is retried with backoff until `retry_for` seconds have passed.
The text goes as edge-tts escapes it, lexicon respellings in place of the words: the
endpoint refuses SSML that Edge itself would not send, so no <sub> (see engines/azure.py).
The service marks each word (WordBoundary, asked for instead of edge-tts's sentence marks):
the words come back with the speech (PCM.words), and a sentence too long for one transcript
cue is cut into cues that start where its words are heard (transcript.py).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..config import EdgeSettings, Settings, VoiceSettings
from ..errors import EngineError, SynthesisError
from ..ffmpeg import run_ffmpeg
from . import PCM, EngineSpec, Word, net
from .microsoft import VOICES, locale_of, prosody_rate

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

ENDPOINT_ENV = "AUDIOCAST_EDGE_ENDPOINT"  # overrides [edge] endpoint: the tests' stand-in
RATE = 24000  # edge-tts asks for audio-24khz-48kbitrate-mono-mp3
_TICKS = 10_000_000  # the service's offsets are in 100 ns ticks
_QUIET = 180  # about -45 dBFS: below it, silence (as mix.py counts it)
_MAX_DELAY = 0.15  # more than any MP3 codec's delay: the first word was quiet, not late


class EdgeEngine:
    name = "edge"
    needs_network = True
    sample_rate = RATE

    def __init__(self, settings: EdgeSettings, voices: VoiceSettings) -> None:
        try:
            import edge_tts
            import edge_tts.communicate
        except ImportError:
            raise EngineError(
                "the edge-tts package is not installed; run `pip install 'audiocast[edge]'`"
            ) from None
        self.settings = settings
        self.version = f"edge-tts-{edge_tts.__version__}"
        self._speed = voices.speed
        endpoint = os.environ.get(ENDPOINT_ENV) or settings.endpoint or edge_tts.constants.WSS_URL
        if "?" not in endpoint:  # edge-tts appends its own &-parameters
            endpoint += f"?TrustedClientToken={edge_tts.constants.TRUSTED_CLIENT_TOKEN}"
        self.endpoint: str = endpoint
        # edge-tts trusts only certifi's authorities; a newsroom's own CA is added as for
        # requests (REQUESTS_CA_BUNDLE) or by [edge] ca_bundle.
        import ssl

        import certifi  # with the engine, not with its name in the registry

        cafile = settings.ca_bundle or os.environ.get("REQUESTS_CA_BUNDLE") or certifi.where()
        self._ssl = ssl.create_default_context(cafile=cafile)
        self._communicate = edge_tts.Communicate

    @property
    def _http_url(self) -> str:
        """The address as requests and the proxy settings see it (wss is https)."""
        scheme, rest = self.endpoint.split("://", 1)
        return f"{'https' if scheme == 'wss' else 'http'}://{rest}"

    def probe(self) -> str:
        return net.probe(self._http_url, self.settings.probe_timeout)

    def voice_key(self, voice: str) -> str:
        locale_of(voice)
        return f"{voice}@speed{self._speed:g}"

    def synthesize(self, text: str, voice: str) -> PCM:
        results: list[PCM] = []
        self.synthesize_many([(text, voice)], lambda _i, pcm: results.append(pcm))
        return results[0]

    def synthesize_many(
        self, jobs: Sequence[tuple[str, str]], on_done: Callable[[int, PCM], None]
    ) -> None:
        """Speak every job, `concurrency` at a time; `on_done(index, pcm)` as each finishes."""
        for job, (text, voice) in enumerate(jobs):
            if not text.strip():
                raise SynthesisError(job, "nothing to say: the text is empty")
            try:
                locale_of(voice)
            except EngineError as exc:
                raise SynthesisError(job, str(exc)) from None
        import asyncio  # with speech, not with the engine's name in the registry

        asyncio.run(self._speak_all(jobs, on_done))

    async def _speak_all(
        self, jobs: Sequence[tuple[str, str]], on_done: Callable[[int, PCM], None]
    ) -> None:
        import asyncio

        slots = asyncio.Semaphore(self.settings.concurrency)

        async def speak(job: int) -> None:
            text, voice = jobs[job]
            async with slots:
                try:
                    mp3, words = await self._fetch(text, voice)
                except EngineError as exc:
                    raise SynthesisError(job, str(exc)) from exc
            pcm = await asyncio.to_thread(_decode, mp3, words)
            await asyncio.to_thread(on_done, job, pcm)

        tasks = [asyncio.ensure_future(speak(job)) for job in range(len(jobs))]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _fetch(self, text: str, voice: str) -> tuple[bytes, tuple[Word, ...]]:
        """One sentence's MP3 and its words, retried on any failure of the connection or
        the service."""
        import asyncio

        deadline = time.monotonic() + self.settings.retry_for
        proxy = net.proxy_for(self._http_url)
        for attempt in range(1, 1000):
            try:
                return await self._once(text, voice, proxy)
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as exc:  # aiohttp's, edge-tts's and timeouts: all worth a retry
                cause = f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:120]
            delay = net.next_delay(
                "edge",
                attempt,
                cause,
                None,
                self.settings.backoff,
                self.settings.retry_for,
                deadline,
            )
            log.info("edge attempt %d failed (%s); retrying in %.2f s", attempt, cause, delay)
            await asyncio.sleep(delay)
        raise EngineError("edge retry loop ended")  # pragma: no cover - bounded by deadline

    async def _once(
        self, text: str, voice: str, proxy: str | None
    ) -> tuple[bytes, tuple[Word, ...]]:
        import edge_tts.communicate

        # edge-tts reads its address and TLS context from module globals: set for each
        # connection from this engine's own settings.
        module: Any = edge_tts.communicate
        module.WSS_URL, module._SSL_CTX = self.endpoint, self._ssl
        communicate = self._communicate(
            text,
            voice,
            rate=prosody_rate(self._speed),
            boundary="WordBoundary",
            proxy=proxy,
            connect_timeout=self.settings.timeout,
            receive_timeout=self.settings.timeout,
        )
        audio = bytearray()
        words: list[Word] = []
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                audio += chunk["data"]
            elif chunk["type"] == "WordBoundary":
                start = chunk["offset"] / _TICKS
                words.append(Word(start, start + chunk["duration"] / _TICKS, chunk["text"]))
        return bytes(audio), tuple(words)


def _decode(mp3: bytes, words: tuple[Word, ...] = ()) -> PCM:
    import numpy as np

    raw = run_ffmpeg(
        ["-f", "mp3", "-i", "pipe:0", "-f", "s16le", "-ac", "1", "-ar", str(RATE), "pipe:1"],
        stdin=mp3,
    )
    samples = np.frombuffer(raw, dtype="<i2").copy()
    return PCM(samples, RATE, _delayed(words, samples))


def _delayed(words: tuple[Word, ...], samples: np.ndarray) -> tuple[Word, ...]:
    """The words where they are in the decoded audio. The service times them in the audio it
    encoded; its MP3 stream says nothing of the codec's delay (about 46 ms at 24 kHz), so
    the decoded speech starts that much later: measured as where the decoded speech starts
    less where the first word does, if that is a plausible delay."""
    import numpy as np

    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > _QUIET)
    if not words or not loud.size:
        return words
    delay = loud[0] / RATE - words[0].start
    if not 0 < delay <= _MAX_DELAY:
        return words
    return tuple(Word(w.start + delay, w.end + delay, w.text) for w in words)


def _start(settings: Settings) -> EdgeEngine:
    return EdgeEngine(settings.edge, settings.voices)


SPEC = EngineSpec(
    name="edge",
    factory=_start,
    summary="Microsoft's neural voices through Edge's Read Aloud: natural; the internet, "
    "an unofficial endpoint",
    voices=lambda _settings: VOICES,
    section="edge",
    needs_network=True,
)
