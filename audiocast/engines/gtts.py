"""Google's Swahili voice through gTTS: packed requests, bounded concurrency, polite retries.

gTTS alone sends one request per punctuation mark, splits "Dkt." and waits forever by
default. Here the text is packed into chunks of up to 100 characters (swahili/sentences.py), every
request has a timeout, at most `concurrency` requests are in flight, request starts are
spaced by a throttle, and 429/5xx/connection failures are retried with exponential backoff
and jitter until `retry_for` seconds have passed.
"""

from __future__ import annotations

import logging
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

from ..config import GttsSettings
from ..errors import EngineError, SynthesisError
from ..ffmpeg import run_ffmpeg
from ..swahili.sentences import chunk_text
from . import PCM
from .pitch import pitch_filter

log = logging.getLogger(__name__)

MAX_CHARS = 100  # what Google's endpoint takes in one request
GOOGLE_RATE = 24000  # Google's MP3 is 24 kHz mono
_VOICE = re.compile(
    r"^(?P<lang>[a-z]{2,3}(?:-[A-Za-z]{2,4})?)(?:@pitch(?P<shift>[+-]\d+(?:\.\d+)?))?$"
)
_RETRYABLE = {429, 500, 502, 503, 504}
_MAX_DELAY = 20.0


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
        self._request_class = _request_class(self.endpoint)

    def probe(self) -> None:
        """Fail within `probe_timeout` seconds if the endpoint cannot be reached at all.

        The socket timeout does not cover the DNS lookup, which can hang far longer on a
        machine without a network, so the whole probe runs in a thread that is waited for.
        """
        parts = urlsplit(self.endpoint)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        timeout = self.settings.probe_timeout
        failure: list[str] = ["timed out"]

        def connect() -> None:
            try:
                with socket.create_connection((host, port), timeout):
                    failure.clear()
            except Exception as exc:  # DNS, refusal, timeout, a sandbox that forbids sockets
                failure[:] = [type(exc).__name__]

        worker = threading.Thread(target=connect, daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive() or failure:
            raise EngineError(f"{host} is unreachable ({failure[0] if failure else 'timed out'})")

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
        from gtts import gTTSError

        deadline = time.monotonic() + self.settings.retry_for
        for attempt in range(1, 1000):
            self._throttle.wait()
            if stop.is_set():
                raise EngineError("stopped: another request failed")
            with self._slots:
                request = self._request_class(
                    text=text,
                    lang=lang,
                    lang_check=False,
                    pre_processor_funcs=[],
                    timeout=self.settings.timeout,
                )
                try:
                    return b"".join(request.stream())
                except gTTSError as exc:
                    status = exc.rsp.status_code if exc.rsp is not None else None
                    retry_after = _retry_after(exc.rsp)
                    cause = f"HTTP {status}" if status is not None else "no connection or timeout"
            if status is not None and status not in _RETRYABLE:
                hint = " (Google refused the request)" if status in (401, 403) else ""
                raise EngineError(f"Google answered {cause}{hint}; not retried")
            delay = retry_after or random.uniform(
                0, min(_MAX_DELAY, self.settings.backoff * 2**attempt)
            )
            if time.monotonic() + delay > deadline:
                raise EngineError(
                    f"Google still failing after {attempt} attempts "
                    f"in {self.settings.retry_for:g} s ({cause}); try again later"
                )
            log.info("gtts attempt %d failed (%s); retrying in %.2f s", attempt, cause, delay)
            if stop.wait(delay):
                raise EngineError("stopped: another request failed")
        raise EngineError("gtts retry loop ended")  # pragma: no cover - bounded by deadline


def _retry_after(response: object) -> float | None:
    value = getattr(response, "headers", {}).get("Retry-After") if response is not None else None
    try:
        return min(_MAX_DELAY, float(value)) if value else None
    except ValueError:
        return None


def _decode(mp3: bytes, voice: Voice) -> PCM:
    """Google's MP3 parts, joined, decoded by ffmpeg (never ffprobe), pitch-shifted if asked."""
    raw = run_ffmpeg(
        ["-f", "mp3", "-i", "pipe:0", *voice.filters(),
         "-f", "s16le", "-ac", "1", "-ar", str(GOOGLE_RATE), "pipe:1"],
        stdin=mp3,
    )  # fmt: skip
    return PCM(np.frombuffer(raw, dtype="<i2").copy(), GOOGLE_RATE)


def _request_class(endpoint: str) -> type:
    """gTTS with its endpoint replaceable, for proxies and for tests' local fake endpoint."""
    import requests
    from gtts import gTTS

    class _Request(gTTS):
        def _prepare_requests(self) -> list[requests.PreparedRequest]:
            # The text is already one packed chunk: no gTTS tokenizing or pre-processing.
            request = requests.Request(
                method="POST",
                url=endpoint,
                data=self._package_rpc(self.text),
                headers=self.GOOGLE_TTS_HEADERS,
            )
            return [request.prepare()]

    return _Request
