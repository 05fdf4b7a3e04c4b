"""A local stand-in for Google's batchexecute TTS endpoint, answering in its exact format.

The reply is what translate.google.com sends: `)]}'`, then length-prefixed JSON frames, the
first a `wrb.fr` / `jQ1olc` frame carrying the base64 MP3 (24 kHz mono). The audio is a
buzzy tone whose length follows the text, so pitch and duration can be measured.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from audio import ffmpeg
from tls import authority

PATH = "/_/TranslateWebserverUi/data/batchexecute"
TONE_HZ = 180.0
SECONDS_PER_CHAR = 0.03


@dataclass(frozen=True)
class Call:
    text: str
    lang: str
    started: float


@dataclass
class Reply:
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


Behaviour = Callable[[int, str], Reply]  # (request number from 1, text) -> reply


def answer_ok(_number: int, _text: str) -> Reply:
    return Reply()


def batchexecute_body(mp3: bytes) -> bytes:
    payload = json.dumps([base64.b64encode(mp3).decode("ascii")])
    frame = json.dumps(
        [["wrb.fr", "jQ1olc", payload, None, None, None, "generic"],
         ["di", 100], ["af.httprm", 100, "1", 1]],
        separators=(",", ":"),
    )  # fmt: skip
    tail = '[["e",4,null,null,141]]'
    return f")]}}'\n\n{len(frame)}\n{frame}\n{len(tail)}\n{tail}\n".encode()


class FakeGoogle:
    """Start with `with FakeGoogle() as google:`; `google.url` is the endpoint to use."""

    def __init__(
        self, behaviour: Behaviour = answer_ok, tls: bool = False, host: str = "127.0.0.1"
    ) -> None:
        self.behaviour = behaviour
        self.calls: list[Call] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._audio: dict[int, bytes] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        if tls:  # HTTPS, as Google speaks, with a certificate of the tests' own CA (tls.py)
            context = authority().server_context()
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self.url = f"{'https' if tls else 'http'}://{host}:{self.port}{PATH}"

    def __enter__(self) -> FakeGoogle:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def mp3_for(self, text: str) -> bytes:
        length = len(text)
        with self._lock:
            cached = self._audio.get(length)
        if cached is None:
            seconds = max(0.3, SECONDS_PER_CHAR * length)
            cached = subprocess.run(
                [ffmpeg(), "-v", "error", "-f", "lavfi", "-i",
                 f"aevalsrc='0.4*sgn(sin(2*PI*{TONE_HZ}*t))*(0.6+0.4*sin(2*PI*3*t))':"
                 f"s=24000:d={seconds}", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k",
                 "-f", "mp3", "-"],
                capture_output=True, check=True,
            ).stdout  # fmt: skip
            with self._lock:
                self._audio[length] = cached
        return cached

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:  # quiet test output
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                rpc = json.loads(parse_qs(body.decode())["f.req"][0])
                text, lang, _speed, _ = json.loads(rpc[0][0][1])
                with fake._lock:
                    fake.calls.append(Call(text, lang, time.monotonic()))
                    number = len(fake.calls)
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                reply = fake.behaviour(number, text)
                try:
                    if reply.delay:
                        time.sleep(reply.delay)
                    data = batchexecute_body(fake.mp3_for(text)) if reply.status == 200 else b""
                finally:
                    # Counted out before the answer is sent: a client can only reuse its
                    # slot after reading it, so the count never overlaps the next request.
                    with fake._lock:
                        fake.in_flight -= 1
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        return Handler
