"""A real HTTP proxy on 127.0.0.1, as a newsroom's office has: CONNECT tunnels (what clients
use for https://) and plain forwarding of absolute-URI requests (http://).

`hosts` maps made-up names to loopback addresses, so a service reachable only through the
proxy can be tested: the client cannot resolve the name itself, the proxy can.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from urllib.parse import urlsplit

BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
FORBIDDEN = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"


class Proxy:
    """`with Proxy({"speech.test": 4430}) as proxy:`; `proxy.url` goes in HTTPS_PROXY."""

    def __init__(self, hosts: dict[str, int] | None = None, refuse: bool = False) -> None:
        self.hosts = dict(hosts or {})
        self.refuse = refuse  # answer 403 to every tunnel, as a locked-down proxy does
        self.tunnels: list[str] = []  # "host:port" of every CONNECT
        self.forwarded: list[str] = []  # URLs of plain requests
        self._lock = threading.Lock()
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Proxy:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def connections(self) -> int:
        return len(self.tunnels) + len(self.forwarded)

    def _target(self, host: str, port: int) -> tuple[str, int]:
        if host in self.hosts:
            return "127.0.0.1", self.hosts[host]
        if host in ("127.0.0.1", "localhost"):
            return "127.0.0.1", port
        raise OSError(f"{host} is not a host this test proxy reaches")

    def _handler(self) -> type[socketserver.BaseRequestHandler]:
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = self.connection.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                header, _, rest = head.partition(b"\r\n\r\n")
                method, target, _version = header.split(b"\r\n", 1)[0].decode().split(" ")
                if method == "CONNECT":
                    self._connect(target)
                else:
                    self._forward(method, target, header, rest)

            def _connect(self, target: str) -> None:
                host, _, port = target.rpartition(":")
                with proxy._lock:
                    proxy.tunnels.append(target)
                if proxy.refuse:
                    self.connection.sendall(FORBIDDEN)
                    return
                try:
                    upstream = socket.create_connection(proxy._target(host, int(port)), 5)
                except OSError:
                    self.connection.sendall(BAD_GATEWAY)
                    return
                self.connection.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                _pipe(self.connection, upstream)

            def _forward(self, method: str, url: str, header: bytes, rest: bytes) -> None:
                with proxy._lock:
                    proxy.forwarded.append(url)
                parts = urlsplit(url)
                lines = header.split(b"\r\n")[1:]
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                request = f"{method} {path} HTTP/1.1\r\n".encode()
                kept = [line for line in lines if not line.lower().startswith(b"proxy-")]
                kept = [line for line in kept if not line.lower().startswith(b"connection:")]
                request += b"\r\n".join([*kept, b"Connection: close"]) + b"\r\n\r\n" + rest
                try:
                    address = proxy._target(parts.hostname or "", parts.port or 80)
                    upstream = socket.create_connection(address, 5)
                except OSError:
                    self.connection.sendall(BAD_GATEWAY)
                    return
                upstream.sendall(request)
                _pipe(self.connection, upstream)

        return Handler


def _pipe(client: socket.socket, upstream: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    with upstream:
        sockets = [client, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                return
            for sock in readable:
                try:
                    data = sock.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                (upstream if sock is client else client).sendall(data)
