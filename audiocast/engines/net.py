"""How the network engines reach their services: one `requests` session per engine, and a
quick probe that goes the way those requests go (a newsroom's proxy, or straight out).

Proxies come from the environment exactly as `requests` reads them (HTTPS_PROXY or
https_proxy, HTTP_PROXY, ALL_PROXY, NO_PROXY): the probe asks `requests` itself which proxy,
if any, a request to the endpoint would use, and then opens a tunnel (CONNECT) through it.
A proxy that opens the tunnel counts as the service being reachable.
"""

from __future__ import annotations

import base64
import os
import random
import socket
import threading
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..errors import EngineError

if TYPE_CHECKING:  # requests is imported when an engine speaks, not when one is named
    import requests

# Answers worth asking again, and the longest wait between two attempts.
RETRYABLE = frozenset({429, 500, 502, 503, 504})
MAX_DELAY = 20.0


def retry_after(response: object, longest: float = MAX_DELAY) -> float | None:
    """A service's Retry-After in seconds, at most `longest`; None when it gives none."""
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After") if response is not None else None
    seconds = retry_after_seconds(value or "")
    return None if seconds is None else min(seconds, longest)


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """A Retry-After header's wait in seconds: a number, or an HTTP date (RFC 9110 allows
    both); None when absent or unreadable.

    >>> retry_after_seconds("120"), retry_after_seconds("0.5"), retry_after_seconds("soon")
    (120.0, 0.5, None)
    >>> noon = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    >>> retry_after_seconds("Fri, 04 Dec 2026 12:01:30 GMT", noon)
    90.0
    """
    value = value.strip()
    try:
        return max(0.0, float(value)) if value else None  # seconds (some send fractions)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def next_delay(
    service: str, attempt: int, cause: str, asked: float | None, backoff: float,
    retry_for: float, deadline: float,
) -> float:  # fmt: skip
    """How long to wait before attempt `attempt + 1`: what the service asked, else a jittered
    exponential backoff; one EngineError line when that would pass the deadline."""
    delay = asked or random.uniform(0, min(MAX_DELAY, backoff * 2**attempt))
    if time.monotonic() + delay > deadline:
        raise EngineError(
            f"{service} still failing after {attempt} attempts in {retry_for:g} s ({cause}); "
            "try again later"
        )
    return delay


def session() -> requests.Session:
    """A session that takes proxies, NO_PROXY and REQUESTS_CA_BUNDLE from the environment
    and always verifies certificates."""
    import requests

    return requests.Session()


def proxy_for(url: str) -> str | None:
    """The proxy `requests` sends a request for `url` through (its own reading of
    HTTPS_PROXY, https_proxy, NO_PROXY...), or None for a direct route."""
    import requests.utils

    proxy = requests.utils.select_proxy(url, requests.utils.get_environ_proxies(url))
    return requests.utils.prepend_scheme_if_needed(proxy, "http") if proxy else None


def shown_proxy(proxy: str) -> str:
    """A proxy's address without its password, for messages.

    >>> shown_proxy("http://ana:siri@10.0.0.1:3128")
    '10.0.0.1:3128'
    """
    parts = urlsplit(proxy)
    return f"{parts.hostname}:{parts.port or _default_port(parts.scheme)}"


def probe(url: str, timeout: float) -> str:
    """Within `timeout` seconds, say how `url`'s host is reached ("reachable", "reachable
    through proxy H:P"); raise EngineError saying why it is not.

    The socket timeout does not cover the DNS lookup, which can hang far longer on a machine
    without a network, so the whole probe runs in a thread that is waited for.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or _default_port(parts.scheme)
    proxy = proxy_for(url)
    outcome: list[str] = []
    failure: list[str] = ["timed out"]

    def attempt() -> None:
        try:
            if proxy is None:
                with socket.create_connection((host, port), timeout):
                    outcome.append(f"{host} reachable")
            else:
                _tunnel(proxy, host, port, timeout)
                outcome.append(f"{host} reachable through proxy {shown_proxy(proxy)}")
        except EngineError as exc:
            failure[:] = [str(exc)]
        except Exception as exc:  # DNS, refusal, timeout, a sandbox that forbids sockets
            failure[:] = [type(exc).__name__]

    worker = threading.Thread(target=attempt, daemon=True, name="probe")
    worker.start()
    worker.join(timeout)
    if outcome:
        return outcome[0]
    reason = "timed out" if worker.is_alive() else failure[0]
    if proxy is None:
        raise EngineError(f"{host} is unreachable ({reason})")
    raise EngineError(
        f"{host} is unreachable through proxy {shown_proxy(proxy)} ({reason}); "
        "check HTTPS_PROXY and NO_PROXY"
    )


def _tunnel(proxy: str, host: str, port: int, timeout: float) -> None:
    """Ask `proxy` for a tunnel to host:port, as `requests` does before its TLS handshake."""
    parts = urlsplit(proxy)
    scheme = parts.scheme.lower()
    proxy_host, proxy_port = parts.hostname or "", parts.port or _default_port(scheme)
    if scheme.startswith("socks"):
        _socks(parts.geturl(), host, port, timeout)
        return
    headers = [f"CONNECT {host}:{port} HTTP/1.1", f"Host: {host}:{port}"]
    if parts.username is not None:
        user, password = unquote(parts.username), unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers.append(f"Proxy-Authorization: Basic {token}")
    request = ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1")
    with socket.create_connection((proxy_host, proxy_port), timeout) as raw:
        sock: socket.socket = raw
        if scheme == "https":  # a TLS connection to the proxy itself
            import ssl

            import certifi

            cafile = os.environ.get("REQUESTS_CA_BUNDLE") or certifi.where()
            context = ssl.create_default_context(cafile=cafile)
            sock = context.wrap_socket(raw, server_hostname=proxy_host)
        sock.sendall(request)
        status = _status_line(sock)
    if not status.startswith("HTTP/") or len(status.split()) < 2:
        raise EngineError(f"the proxy answered {status[:40]!r}, not HTTP")
    code = status.split()[1]
    if code == "407":
        raise EngineError("the proxy wants a user name and password: put them in HTTPS_PROXY")
    if not code.startswith("2"):
        raise EngineError(f"the proxy refused the tunnel: {status.strip()}")


def _socks(proxy: str, host: str, port: int, timeout: float) -> None:
    try:
        import socks  # PySocks, which requests uses for socks:// proxies
    except ImportError:
        raise EngineError("a SOCKS proxy needs PySocks: run `pip install pysocks`") from None
    parts = urlsplit(proxy)
    kind = socks.SOCKS4 if parts.scheme.startswith("socks4") else socks.SOCKS5
    with socks.create_connection(
        (host, port),
        timeout,
        proxy_type=kind,
        proxy_addr=parts.hostname,
        proxy_port=parts.port or 1080,
        proxy_username=unquote(parts.username) if parts.username else None,
        proxy_password=unquote(parts.password) if parts.password else None,
        proxy_rdns=parts.scheme in ("socks5h", "socks4a"),
    ):
        pass


def _status_line(sock: socket.socket) -> str:
    """The proxy's status line (the rest of its answer is not needed)."""
    data = b""
    while b"\r\n" not in data and len(data) < 1024:
        chunk = sock.recv(1024)
        if not chunk:
            break
        data += chunk
    return data.split(b"\r\n", 1)[0].decode("latin-1")


def _default_port(scheme: str) -> int:
    return {"https": 443, "http": 80}.get(scheme.lower(), 1080)
