"""A local stand-in for the WebSocket service behind Edge's Read Aloud, as edge-tts speaks to
it: over wss:// with a certificate of the tests' CA (tls.py).

The client sends `Path:speech.config` (output format, which boundaries it wants) and
`Path:ssml`; the service answers `Path:turn.start`, `Path:response`, binary `Path:audio`
frames (a 2-byte header length, headers, MP3 bytes), `Path:audio.metadata` with each word's
offset and duration in 100 ns ticks, and `Path:turn.end`. The audio is real speech: the
SSML's text spoken by espeak (a woman's variant for the women's voices) a word at a time,
each word's own silence cut and `WORD_GAP` between words, so where each word starts is known
exactly (`Call.words`); encoded as the service's 24 kHz, 48 kbit/s mono MP3.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from aiohttp import WSMsgType, web

from audiocast.engines.espeak import EspeakEngine
from audiocast.engines.microsoft import VOICES

from audio import ffmpeg
from tls import authority

PATH = "/consumer/speech/synthesize/readaloud/edge/v1"
TOKEN = "6A5AA1D4EAFF4E9FB37E23D68491D6F4"  # edge-tts's TrustedClientToken
_LONG_NAME = re.compile(r"^Microsoft Server Speech Text to Speech Voice \((\w+-\w+), (\w+)\)$")
_SSML = "{http://www.w3.org/2001/10/synthesis}"
SEX = {v.name: v.sex for v in VOICES}
TICKS = 10_000_000
LEAD = 0.1  # seconds of silence before the first word
WORD_GAP = 0.05  # seconds of silence between words
_QUIET = 180  # below it a sample is an engine's silence (as audiocast's mix counts it)
_PUNCTUATION = "\"'.,;:!?()[]\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026\u2013\u2014-"


@dataclass(frozen=True)
class Call:
    voice: str
    rate: str
    text: str
    word_boundaries: bool
    started: float
    # (seconds from the start of the audio, word) where each word's sound starts
    words: tuple[tuple[float, str], ...] = ()


@dataclass
class Reply:
    status: int = 200  # 200 speaks; 403 refuses the handshake; 0 drops the connection
    delay: float = 0.0


Behaviour = Callable[[int, str], Reply]


class FakeEdge:
    """`with FakeEdge() as edge:`; `edge.url` is the wss:// endpoint to give the engine."""

    def __init__(self, behaviour: Behaviour | None = None, host: str = "127.0.0.1") -> None:
        self.behaviour = behaviour or (lambda _n, _t: Reply())
        self.calls: list[Call] = []
        self.handshakes = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._espeak = EspeakEngine()
        self._made: dict[tuple[str, str], Speech] = {}
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"wss://{host}:{self.port}{PATH}?TrustedClientToken={TOKEN}"
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None

    def __enter__(self) -> FakeEdge:
        app = web.Application()
        app.router.add_get(PATH, self._session)
        self._runner = web.AppRunner(app, access_log=None)
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            assert self._runner is not None
            self._loop.run_until_complete(self._runner.setup())
            site = web.SockSite(self._runner, self._sock, ssl_context=authority().server_context())
            self._loop.run_until_complete(site.start())
            started.set()
            self._loop.run_forever()

        threading.Thread(target=serve, daemon=True).start()
        started.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self._runner is not None
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)

    def speech(self, text: str, voice: str) -> Speech:
        """`text` spoken by espeak as the service's MP3, and its words (made once)."""
        with self._lock:
            made = self._made.get((text, voice))
        if made is None:
            made = self._make(text, voice)
            with self._lock:
                self._made[text, voice] = made
        return made

    def _make(self, text: str, voice: str) -> Speech:
        espeak_voice = "sw+f3" if SEX.get(voice) == "woman" else "sw"
        rate = self._espeak.sample_rate
        pieces = [np.zeros(int(LEAD * rate), dtype=np.int16)]
        at = len(pieces[0])
        words: list[Word] = []
        for token in text.split():
            word = token.strip(_PUNCTUATION)
            sound = (
                _sounding(self._espeak.synthesize(token, espeak_voice).samples) if word else None
            )
            if sound is None:
                continue  # punctuation alone: nothing said, no boundary
            if words:
                pieces.append(np.zeros(int(WORD_GAP * rate), dtype=np.int16))
                at += len(pieces[-1])
            words.append(Word(at / rate, len(sound) / rate, word))
            pieces.append(sound)
            at += len(sound)
        pieces.append(np.zeros(int(LEAD * rate), dtype=np.int16))
        samples = np.concatenate(pieces)
        mp3 = subprocess.run(
            [ffmpeg(), "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1",
             "-i", "pipe:0", "-ar", "24000", "-ac", "1", "-b:a", "48k", "-f", "mp3", "pipe:1"],
            input=samples.tobytes(), capture_output=True, check=True,
        ).stdout  # fmt: skip
        return Speech(mp3, tuple(words))

    async def _session(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            self.handshakes += 1
        query = request.query
        if query.get("TrustedClientToken") != TOKEN or not query.get("Sec-MS-GEC"):
            raise web.HTTPForbidden()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        config: dict[str, Any] = {}
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            head, _, body = message.data.partition("\r\n\r\n")
            headers = dict(line.split(":", 1) for line in head.split("\r\n"))
            if headers.get("Path") == "speech.config":
                config = json.loads(body)
            elif headers.get("Path") == "ssml":
                await self._speak(ws, headers["X-RequestId"], body, config)
                break
        await ws.close()
        return ws

    async def _speak(
        self, ws: web.WebSocketResponse, request_id: str, ssml: str, config: dict[str, Any]
    ) -> None:
        root = ET.fromstring(ssml)
        voice_element = root.find(f"{_SSML}voice")
        assert voice_element is not None
        long_name = _LONG_NAME.match(voice_element.get("name", ""))
        voice = f"{long_name[1]}-{long_name[2]}" if long_name else voice_element.get("name", "")
        prosody = voice_element.find(f"{_SSML}prosody")
        text = " ".join("".join(voice_element.itertext()).split())
        options = config["context"]["synthesis"]["audio"]["metadataoptions"]
        words = options.get("wordBoundaryEnabled") == "true"
        rate = prosody.get("rate", "") if prosody is not None else ""
        with self._lock:
            self.calls.append(Call(voice, rate, text, words, time.monotonic()))
            number = len(self.calls)
            self.in_flight += 1
            self.max_in_flight = max(self.in_flight, self.max_in_flight)
        try:
            reply = self.behaviour(number, text)
            await asyncio.sleep(reply.delay)
            if reply.status != 200:
                return  # the connection drops mid-turn
            speech = await asyncio.to_thread(self.speech, text, voice)
            mp3 = speech.mp3
            with self._lock:
                call = self.calls[number - 1]
                heard = tuple((w.start, w.text) for w in speech.words)
                self.calls[number - 1] = replace(call, words=heard)
            await ws.send_str(_text(request_id, "turn.start", {"context": {"serviceTag": "x"}}))
            await ws.send_str(_text(request_id, "response", {"context": {"serviceTag": "x"}}))
            stream = uuid.uuid4().hex.upper()
            header = (f"X-RequestId:{request_id}\r\nContent-Type:audio/mpeg\r\n"
                      f"X-StreamId:{stream}\r\nPath:audio\r\n").encode()  # fmt: skip
            for start in range(0, len(mp3), 4096):
                frame = len(header).to_bytes(2, "big") + header + mp3[start : start + 4096]
                await ws.send_bytes(frame)
            for word in speech.words if words else ():
                data = {"Offset": round(word.start * TICKS), "Duration": round(word.length * TICKS),
                        "text": {"Text": word.text, "Length": len(word.text),
                                 "BoundaryType": "WordBoundary"}}  # fmt: skip
                meta = {"Metadata": [{"Type": "WordBoundary", "Data": data}]}
                await ws.send_str(_text(request_id, "audio.metadata", meta))
            await ws.send_str(_text(request_id, "turn.end", {}))
        finally:
            with self._lock:
                self.in_flight -= 1


@dataclass(frozen=True)
class Word:
    start: float  # seconds from the start of the audio
    length: float
    text: str


@dataclass(frozen=True)
class Speech:
    mp3: bytes
    words: tuple[Word, ...]


def _sounding(samples: np.ndarray) -> np.ndarray | None:
    """A word's audio without espeak's silence around it; None if it is all silence."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > _QUIET)
    return samples[loud[0] : loud[-1] + 1] if loud.size else None


def _text(request_id: str, path: str, body: object) -> str:
    return (f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\n"
            f"Path:{path}\r\n\r\n{json.dumps(body)}")  # fmt: skip
