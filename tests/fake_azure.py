"""A local stand-in for Azure Speech's REST text-to-speech API, over HTTPS as the service is.

POST /cognitiveservices/v1 with `Ocp-Apim-Subscription-Key`, `Content-Type:
application/ssml+xml` and `X-Microsoft-OutputFormat`; the SSML is parsed as the service
does (malformed XML, an unknown voice or a voice whose language differs from xml:lang is a
400; a <sub> is said as its alias), a wrong key is a 401. The answer is real speech: the
SSML's text spoken by espeak (a woman's variant for the women's voices), in the RIFF PCM or
MP3 format asked for.
"""

from __future__ import annotations

import io
import ssl
import subprocess
import threading
import time
import wave
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from audiocast.engines.espeak import EspeakEngine
from audiocast.engines.microsoft import VOICES

from audio import ffmpeg
from tls import authority

PATH = "/cognitiveservices/v1"
KEY = "0123456789abcdef0123456789abcdef"
_SSML = "{http://www.w3.org/2001/10/synthesis}"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORMATS = {
    "riff-24khz-16bit-mono-pcm": ("wav", 24000),
    "riff-48khz-16bit-mono-pcm": ("wav", 48000),
    "audio-24khz-48kbitrate-mono-mp3": ("mp3", 24000),
}
SEX = {v.name: v.sex for v in VOICES}


@dataclass(frozen=True)
class Call:
    voice: str
    lang: str
    rate: str
    text: str
    output: str
    started: float
    ssml: bytes = b""  # the request body as sent


@dataclass
class Reply:
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


Behaviour = Callable[[int, str], Reply]  # (request number from 1, spoken text) -> reply


class FakeAzure:
    """`with FakeAzure() as azure:`; `azure.url` is the endpoint, `KEY` the key it takes."""

    def __init__(self, behaviour: Behaviour | None = None, host: str = "127.0.0.1") -> None:
        self.behaviour = behaviour or (lambda _n, _t: Reply())
        self.calls: list[Call] = []
        self.refused: list[int] = []  # statuses of requests refused before speaking
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._espeak = EspeakEngine()
        self._made: dict[tuple[str, str, str, int], bytes] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        context = authority().server_context()
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self.url = f"https://{host}:{self.port}{PATH}"

    def __enter__(self) -> FakeAzure:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def speech(self, text: str, voice: str, kind: str, rate: int) -> bytes:
        """`text` spoken by espeak, as a WAV or MP3 file at `rate` (made once)."""
        key = (text, voice, kind, rate)
        with self._lock:
            if key in self._made:
                return self._made[key]
        data = self._make(text, voice, kind, rate)
        with self._lock:
            self._made[key] = data
        return data

    def _make(self, text: str, voice: str, kind: str, rate: int) -> bytes:
        pcm = self._espeak.synthesize(text, "sw+f3" if SEX.get(voice) == "woman" else "sw")
        out = ["-f", "wav", "-c:a", "pcm_s16le"] if kind == "wav" else ["-f", "mp3", "-b:a", "48k"]
        return subprocess.run(
            [ffmpeg(), "-v", "error", "-f", "s16le", "-ar", str(pcm.sample_rate), "-ac", "1",
             "-i", "pipe:0", "-ar", str(rate), "-ac", "1", *out, "pipe:1"],
            input=pcm.samples.tobytes(), capture_output=True, check=True,
        ).stdout  # fmt: skip

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def answer(self, status: int, data: bytes = b"", kind: str = "text/plain",
                       headers: dict[str, str] | None = None) -> None:  # fmt: skip
                try:
                    self.send_response(status)
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass  # the client gave up (a timeout test)

            def refuse(self, status: int, reason: str) -> None:
                with fake._lock:
                    fake.refused.append(status)
                self.answer(status, reason.encode())

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path != PATH:
                    return self.refuse(404, "Not Found")
                if self.headers.get("Ocp-Apim-Subscription-Key") != KEY:
                    return self.refuse(401, "Access denied due to invalid subscription key.")
                if self.headers.get("Content-Type", "").split(";")[0] != "application/ssml+xml":
                    return self.refuse(415, "Unsupported Media Type")
                output = self.headers.get("X-Microsoft-OutputFormat", "")
                if output not in FORMATS:
                    return self.refuse(400, f"Unsupported output format {output}")
                try:
                    voice, lang, rate, text = _read_ssml(body)
                except ValueError as exc:
                    return self.refuse(400, f"Bad SSML: {exc}")
                with fake._lock:
                    fake.calls.append(Call(voice, lang, rate, text, output, time.monotonic(), body))
                    number = len(fake.calls)
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                reply = fake.behaviour(number, text)
                try:
                    time.sleep(reply.delay)
                    kind, sample_rate = FORMATS[output]
                    ok = reply.status == 200
                    data = fake.speech(text, voice, kind, sample_rate) if ok else b""
                finally:
                    with fake._lock:
                        fake.in_flight -= 1
                self.answer(reply.status, data, "audio/wav" if kind == "wav" else "audio/mpeg",
                            reply.headers)  # fmt: skip

        return Handler


def _read_ssml(body: bytes) -> tuple[str, str, str, str]:
    """(voice, xml:lang, prosody rate, text) of an SSML request, as the service reads it."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML ({exc})") from None
    if root.tag != f"{_SSML}speak" or root.get("version") != "1.0":
        raise ValueError("the root must be <speak version='1.0'> in the SSML namespace")
    lang = root.get(_LANG) or ""
    voice = root.find(f"{_SSML}voice")
    if voice is None or voice.get("name") not in SEX:
        raise ValueError("no <voice> with a known name")
    name = voice.get("name") or ""
    if not name.startswith(lang + "-"):
        raise ValueError(f"voice {name} does not speak xml:lang {lang!r}")
    prosody = voice.find(f"{_SSML}prosody")
    rate = prosody.get("rate", "") if prosody is not None else ""
    text = " ".join(_said(voice).split())
    if not text:
        raise ValueError("nothing to speak")
    return name, lang, rate, text


def _said(element: ET.Element) -> str:
    """An element's text as the service says it: a <sub> by its alias."""
    if element.tag == f"{_SSML}sub":
        if element.get("alias") is None or len(element):
            raise ValueError("<sub> needs an alias and holds text only")
        return element.get("alias") or ""
    inner = "".join(_said(child) + (child.tail or "") for child in element)
    return (element.text or "") + inner


def riff_rate(data: bytes) -> int:
    with wave.open(io.BytesIO(data)) as wav:
        return wav.getframerate()
