"""Google's Swahili voice through gTTS: packed requests, bounded concurrency, polite retries.

gTTS alone sends one request per punctuation mark, splits "Dkt." and waits forever by
default. Here the text is packed into chunks of up to 100 characters (swahili/sentences.py), every
request has a timeout, at most `concurrency` requests are in flight, request starts are
spaced by a throttle, and 429/5xx/connection failures are retried with exponential backoff
and jitter until `retry_for` seconds have passed.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..config import GttsSettings, Settings
from ..errors import EngineError, SynthesisError
from ..ffmpeg import run_ffmpeg
from ..swahili.sentences import chunk_text
from . import PCM, EngineSpec, VoiceInfo, net
from .pitch import pitch_filter

log = logging.getLogger(__name__)

MAX_CHARS = 100  # what Google's endpoint takes in one request
GOOGLE_RATE = 24000  # Google's MP3 is 24 kHz mono
_VOICE = re.compile(
    r"^(?P<lang>[a-z]{2,3}(?:-[A-Za-z]{2,4})?)(?:@pitch(?P<shift>[+-]\d+(?:\.\d+)?))?$"
)
_AUDIO = re.compile(r'jQ1olc","\[\\"(.*)\\"]')  # as gTTS finds the audio


@dataclass(frozen=True)
class Voice:
    """`sw` is Google's Swahili voice; `sw@pitch-3` the same voice three semitones lower.

    Google has one Swahili voice, so a quote voice is made by shifting its pitch (with its
    formants, which is what makes it sound like another person) while keeping its tempo.
    """

    lang: str
    semitones: float = 0.0

    @classmethod
    def parse(cls, text: str) -> Voice:
        match = _VOICE.match(text)
        if not match:
            raise EngineError(
                f"gtts voice {text!r} is not a language code with an optional pitch shift "
                "such as 'sw' or 'sw@pitch-3'"
            )
        return cls(match["lang"], float(match["shift"] or 0))

    def filters(self) -> list[str]:
        graph = pitch_filter(self.semitones, GOOGLE_RATE)
        return ["-af", graph] if graph else []


class _Throttle:
    """Spaces request starts by at least 1/rate seconds, across threads."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self._interval
        if start > now:
            time.sleep(start - now)


class GttsEngine:
    name = "gtts"
    sample_rate = GOOGLE_RATE

    def __init__(self, settings: GttsSettings, endpoint: str | None = None) -> None:
        try:
            import gtts
        except ImportError:
            raise EngineError("the gtts package is not installed; run `pip install gtts`") from None
        self.settings = settings
        self.endpoint = endpoint or settings.endpoint
        self.version = f"gtts-{gtts.__version__}"
        self._slots = threading.BoundedSemaphore(settings.concurrency)
        self._throttle = _Throttle(settings.requests_per_second)
        self._session = net.session()
        import requests.adapters  # the client comes with the engine, not with its name

        adapter = requests.adapters.HTTPAdapter(pool_maxsize=settings.concurrency)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)

    needs_network = True

    def probe(self) -> str:
        """How Google is reached (directly or through the proxy the requests would use);
        EngineError within `probe_timeout` seconds when it cannot be."""
        return net.probe(self.endpoint, self.settings.probe_timeout)

    def voice_key(self, voice: str) -> str:
        parsed = Voice.parse(voice)
        return f"{parsed.lang}@pitch{parsed.semitones:+g}"

    def synthesize(self, text: str, voice: str) -> PCM:
        results: list[PCM] = []
        self.synthesize_many([(text, voice)], lambda _i, pcm: results.append(pcm))
        return results[0]

    def synthesize_many(
        self, jobs: Sequence[tuple[str, str]], on_done: Callable[[int, PCM], None]
    ) -> None:
        """Speak every job, fetching all their chunks through one bounded pool.

        `on_done(index, pcm)` runs as each job completes, so finished segments are kept
        (cached) even when a later one fails.
        """
        voices = [Voice.parse(voice) for _, voice in jobs]
        chunks = [chunk_text(text, MAX_CHARS) for text, _ in jobs]
        parts: list[list[bytes | None]] = [[None] * len(c) for c in chunks]
        remaining = [len(c) for c in chunks]
        lock = threading.Lock()
        stop = threading.Event()  # set on the first failure: the other requests give up

        def fetch(job: int, index: int) -> None:
            try:
                data = self._fetch(chunks[job][index], voices[job].lang, stop)
            except EngineError as exc:
                raise SynthesisError(job, str(exc)) from exc
            with lock:
                parts[job][index] = data
                remaining[job] -= 1
                done = remaining[job] == 0
            if done:
                audio = b"".join(p for p in parts[job] if p is not None)
                on_done(job, _decode(audio, voices[job]))

        for job, job_chunks in enumerate(chunks):
            if not job_chunks:
                raise SynthesisError(job, "nothing to say: the text is empty")
        # Twice as many workers as request slots: a worker decoding a finished segment
        # must not leave a slot idle. The semaphore still bounds requests in flight.
        with ThreadPoolExecutor(2 * self.settings.concurrency, "gtts") as pool:
            futures: list[Future[None]] = [
                pool.submit(fetch, job, index)
                for job, job_chunks in enumerate(chunks)
                for index in range(len(job_chunks))
            ]
            finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in finished if f.exception()), None)
            if failed is not None:
                stop.set()
                pool.shutdown(wait=True, cancel_futures=True)
                raise failed.exception()  # type: ignore[misc]

    def _fetch(self, text: str, lang: str, stop: threading.Event) -> bytes:
        """One request, retried on 429, 5xx, timeouts and connection errors."""
        deadline = time.monotonic() + self.settings.retry_for
        for attempt in range(1, 1000):
            self._throttle.wait()
            if stop.is_set():
                raise EngineError("stopped: another request failed")
            with self._slots:
                status, retry_after, audio = self._post(text, lang)
            if audio is not None:
                return audio
            cause = f"HTTP {status}" if status is not None else "no connection or timeout"
            if status is not None and status not in net.RETRYABLE:
                hint = " (Google refused the request)" if status in (401, 403) else ""
                raise EngineError(f"Google answered {cause}{hint}; not retried")
            delay = net.next_delay(
                "Google",
                attempt,
                cause,
                retry_after,
                self.settings.backoff,
                self.settings.retry_for,
                deadline,
            )
            log.info("gtts attempt %d failed (%s); retrying in %.2f s", attempt, cause, delay)
            if stop.wait(delay):
                raise EngineError("stopped: another request failed")
        raise EngineError("gtts retry loop ended")  # pragma: no cover - bounded by deadline

    def _post(self, text: str, lang: str) -> tuple[int | None, float | None, bytes | None]:
        """(status, Retry-After, MP3) of one request; no status when it never got an answer.

        gTTS packs the request; the session sends it, through the environment's proxy as
        the probe found it, with certificates verified (gTTS itself turns that off).
        """
        import requests
        from gtts import gTTS

        packer = gTTS(text=text, lang=lang, lang_check=False, pre_processor_funcs=[])
        try:
            response = self._session.post(
                self.endpoint,
                data=packer._package_rpc(text),
                headers=gTTS.GOOGLE_TTS_HEADERS,
                timeout=self.settings.timeout,
            )
            body = response.content
        except requests.exceptions.SSLError:
            host = urlsplit(self.endpoint).hostname
            raise EngineError(
                f"the certificate of {host} is not trusted; behind a proxy that inspects "
                "HTTPS, put its certificate authority in REQUESTS_CA_BUNDLE"
            ) from None
        except requests.RequestException as exc:
            log.debug("gtts request failed: %s", exc)
            return None, None, None
        if response.status_code != 200:
            return response.status_code, net.retry_after(response), None
        audio = _audio_in(body)
        if audio is None:  # an answer without speech: Google changed its format, or refused
            return 502, None, None
        return 200, None, audio


def _audio_in(body: bytes) -> bytes | None:
    """The MP3 in a batchexecute answer (its `jQ1olc` frame), as gTTS finds it."""
    audio = b""
    for line in body.splitlines():
        text = line.decode("utf-8", "replace")
        if "jQ1olc" in text:
            found = _AUDIO.search(text)
            if not found:
                return None
            audio += base64.b64decode(found.group(1).encode("ascii"))
    return audio or None


def _decode(mp3: bytes, voice: Voice) -> PCM:
    """Google's MP3 parts, joined, decoded by ffmpeg (never ffprobe), pitch-shifted if asked."""
    raw = run_ffmpeg(
        ["-f", "mp3", "-i", "pipe:0", *voice.filters(),
         "-f", "s16le", "-ac", "1", "-ar", str(GOOGLE_RATE), "pipe:1"],
        stdin=mp3,
    )  # fmt: skip
    import numpy as np

    return PCM(np.frombuffer(raw, dtype="<i2").copy(), GOOGLE_RATE)


ENDPOINT_ENV = "AUDIOCAST_GTTS_ENDPOINT"  # overrides [gtts] endpoint: the tests' stand-in


def _start(settings: Settings) -> GttsEngine:
    return GttsEngine(settings.gtts, endpoint=os.environ.get(ENDPOINT_ENV) or None)


SPEC = EngineSpec(
    name="gtts",
    factory=_start,
    summary="Google Translate's Swahili voice: natural; the internet, an unofficial endpoint",
    voices=lambda _settings: (
        VoiceInfo("sw", "", "woman", "Google's one Swahili voice"),
        VoiceInfo("sw@pitch-3", "", "", "the same voice three semitones lower"),
    ),
    section="gtts",
    needs_network=True,
)
