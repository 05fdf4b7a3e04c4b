"""Microsoft's neural Swahili voices through Azure Speech's REST text-to-speech API.

One POST per sentence: SSML in (engines/microsoft.py), 16-bit mono PCM in a RIFF file out,
at 24 or 48 kHz. At most `concurrency` requests are in flight; 429 (with its Retry-After),
5xx, timeouts and dropped connections are retried with backoff until `retry_for` seconds
have passed; a refused key (401/403) or rejected SSML (400) fails at once.

The key comes from AZURE_SPEECH_KEY (or [azure] key) and goes only into the request's
Ocp-Apim-Subscription-Key header: never into a message, a log line or the build record.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
import wave
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

from .. import __version__
from ..config import AzureSettings, Settings, VoiceSettings
from ..errors import EngineError, SynthesisError
from . import PCM, EngineSpec, net
from .microsoft import VOICES, locale_of, ssml

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

KEY_ENV, REGION_ENV = "AZURE_SPEECH_KEY", "AZURE_SPEECH_REGION"
_FORMATS = {24000: "riff-24khz-16bit-mono-pcm", 48000: "riff-48khz-16bit-mono-pcm"}
_SETUP = (
    f"set {KEY_ENV} and {REGION_ENV} (or [azure] key and region in audiocast.toml); "
    "README: 'Microsoft's voices through Azure'"
)


class _Stopped(EngineError):
    """A request given up because another one failed (that one is reported)."""


class AzureEngine:
    name = "azure"
    needs_network = True

    def __init__(self, settings: AzureSettings, voices: VoiceSettings) -> None:
        key = os.environ.get(KEY_ENV) or (settings.key.get_secret_value() if settings.key else "")
        region = os.environ.get(REGION_ENV) or settings.region
        if not key:
            raise EngineError(f"needs a Speech key: {_SETUP}")
        if not settings.endpoint and not region:
            raise EngineError(f"needs the Speech resource's region: {_SETUP}")
        self.settings = settings
        self.endpoint = (
            settings.endpoint or f"https://{region}.tts.speech.microsoft.com/cognitiveservices/v1"
        )
        self.sample_rate = settings.sample_rate
        self.version = "azure-tts-v1"
        self._speed = voices.speed
        self._key = key
        self._session = net.session()
        # Per request: requests lets REQUESTS_CA_BUNDLE override a session's own bundle.
        self._verify: str | bool = settings.ca_bundle or True
        import requests.adapters  # the client comes with the engine, not with its name

        adapter = requests.adapters.HTTPAdapter(pool_maxsize=settings.concurrency)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)

    def __repr__(self) -> str:  # never the key
        return f"AzureEngine({self.endpoint!r})"

    def probe(self) -> str:
        return net.probe(self.endpoint, self.settings.probe_timeout)

    def voice_key(self, voice: str) -> str:
        locale_of(voice)  # a bad name is refused before anything is sent
        return f"{voice}@speed{self._speed:g}@{self.sample_rate}Hz"

    def synthesize(self, text: str, voice: str) -> PCM:
        results: list[PCM] = []
        self.synthesize_many([(text, voice)], lambda _i, pcm: results.append(pcm))
        return results[0]

    def synthesize_many(
        self, jobs: Sequence[tuple[str, str]], on_done: Callable[[int, PCM], None]
    ) -> None:
        """Speak every job through one bounded pool; `on_done(index, pcm)` as each finishes,
        so what was spoken is kept (cached) even when a later one fails."""
        for job, (text, voice) in enumerate(jobs):
            if not text.strip():
                raise SynthesisError(job, "nothing to say: the text is empty")
            try:
                locale_of(voice)
            except EngineError as exc:
                raise SynthesisError(job, str(exc)) from None
        stop = threading.Event()  # set on the first failure: the other requests give up
        first: list[SynthesisError] = []  # that failure, which is the one reported
        lock = threading.Lock()

        def speak(job: int) -> None:
            text, voice = jobs[job]
            try:
                pcm = self._fetch(ssml(text, voice, self._speed), stop)
            except _Stopped:
                raise
            except EngineError as exc:
                error = SynthesisError(job, str(exc))
                with lock:
                    first.append(error)
                stop.set()  # at once: a refused key must not be tried by every waiting job
                raise error from exc
            on_done(job, pcm)

        with ThreadPoolExecutor(self.settings.concurrency, "azure") as pool:
            futures: list[Future[None]] = [pool.submit(speak, job) for job in range(len(jobs))]
            finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in finished if f.exception()), None)
            if failed is not None:
                stop.set()
                pool.shutdown(wait=True, cancel_futures=True)
                raise first[0] if first else failed.exception()  # type: ignore[misc]

    def _fetch(self, body: str, stop: threading.Event) -> PCM:
        """One sentence's speech, retried on 429, 5xx, timeouts and connection errors."""
        import requests

        deadline = time.monotonic() + self.settings.retry_for
        for attempt in range(1, 1000):
            if stop.is_set():
                raise _Stopped("stopped: another request failed")
            try:
                response = self._session.post(
                    self.endpoint,
                    data=body.encode("utf-8"),
                    headers={
                        "Ocp-Apim-Subscription-Key": self._key,
                        "Content-Type": "application/ssml+xml",
                        "X-Microsoft-OutputFormat": _FORMATS[self.sample_rate],
                        "User-Agent": f"audiocast/{__version__}",
                    },
                    timeout=self.settings.timeout,
                    verify=self._verify,
                )
                status, content = response.status_code, response.content
            except requests.exceptions.SSLError:
                raise EngineError(
                    f"the certificate of {self.endpoint.split('/')[2]} is not trusted; "
                    "behind an inspecting proxy set [azure] ca_bundle or REQUESTS_CA_BUNDLE"
                ) from None
            except requests.RequestException as exc:
                status, content, response = None, b"", None
                log.debug("azure request failed: %s", type(exc).__name__)
            if status == 200:
                return _decode(content, self.sample_rate)
            cause = f"HTTP {status}" if status is not None else "no connection or timeout"
            if status in (401, 403):
                raise EngineError(
                    f"Azure refused the key (HTTP {status}): check {KEY_ENV} and {REGION_ENV}; "
                    "a key works only in the region of its Speech resource"
                )
            if status == 400:
                raise EngineError(f"Azure rejected the SSML (HTTP 400: {_reason(response)})")
            if status is not None and status not in net.RETRYABLE:
                raise EngineError(f"Azure answered {cause} ({_reason(response)}); not retried")
            delay = net.next_delay(
                "Azure",
                attempt,
                cause,
                net.retry_after(response),
                self.settings.backoff,
                self.settings.retry_for,
                deadline,
            )
            log.info("azure attempt %d failed (%s); retrying in %.2f s", attempt, cause, delay)
            if stop.wait(delay):
                raise _Stopped("stopped: another request failed")
        raise EngineError("azure retry loop ended")  # pragma: no cover - bounded by deadline


def _reason(response: requests.Response | None) -> str:
    if response is None:
        return "no answer"
    text = response.text.strip().replace("\n", " ")[:120]
    return text or response.reason or "no reason given"


def _decode(riff: bytes, rate: int) -> PCM:
    """The 16-bit mono PCM in Azure's RIFF answer."""
    try:
        with wave.open(io.BytesIO(riff), "rb") as wav:
            if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
                raise EngineError("Azure sent audio that is not 16-bit mono")
            rate = wav.getframerate()
            # Streamed answers may leave the data size unset: read what is there.
            data = wav.readframes(wav.getnframes() or 1 << 30)
    except (wave.Error, EOFError) as exc:
        raise EngineError(f"Azure's answer is not a WAV file ({exc})") from None
    if not data:
        raise EngineError("Azure sent no audio")
    import numpy as np

    return PCM(np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").copy(), rate)


def _start(settings: Settings) -> AzureEngine:
    return AzureEngine(settings.azure, settings.voices)


SPEC = EngineSpec(
    name="azure",
    factory=_start,
    summary="Microsoft's neural voices through Azure Speech: natural; the internet, a paid key",
    voices=lambda _settings: VOICES,
    section="azure",
    sound=frozenset({"sample_rate"}),
    needs_network=True,
    subs=True,
)
