"""Preview a show over HTTP as podcast apps will see it once published.

The show's public files are served at the paths they have under base_url, with HEAD, byte
ranges (Apple's player asks for `bytes=0-1` first), conditional GET and the content types of
`audiocast.public`. Only public files answer; everything else is 404. An episode's folder
answers with its page, as a static web host does: `/` is the home page (index.html),
`/episodes/<slug>/` and `/kurasa/<n>/` their index.html, and `/episodes/<slug>` is sent
there (the page's links are relative to the folder).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import parsedate_to_datetime

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .defaults import DEFAULT_HOST, DEFAULT_PORT
from .errors import ServeError
from .public import EPISODE_PAGE, content_type, public_file
from .show import Show

log = logging.getLogger(__name__)

HOME = "/"  # the home page, index.html (home.py)
# A preview must show a rebuild at once: every response is revalidated (ETag, Last-Modified).
PREVIEW_CACHE = "no-cache"
STARTUP_TIMEOUT = 10.0  # seconds


def make_app(show: Show) -> Starlette:
    """The preview web app for a show.

    >>> from pathlib import Path
    >>> from audiocast.config import Settings
    >>> type(make_app(Show(Path("/tmp"), Settings()))).__name__
    'Starlette'
    """
    root = show.root

    async def public(request: Request) -> Response:
        # Published names never need escaping: a %-escape can only be a trick
        # (%2e%2e, %2f, %5c), so it never reaches the file system.
        raw = request.scope.get("raw_path") or request.url.path.encode()
        key = request.url.path.removeprefix("/")
        if key.endswith("/") or not key:
            key += EPISODE_PAGE  # a folder's page, as static hosts serve it
        path = None if b"%" in raw or "\\" in key else public_file(root, key)
        if path is None:
            folder = key.startswith(("episodes/", "kurasa/")) and b"%" not in raw
            if folder and public_file(root, f"{key}/{EPISODE_PAGE}"):
                return RedirectResponse(f"/{key}/", status_code=301)
            return PlainTextResponse("Not Found", status_code=404)
        _drop_invalid_range(request)
        stat = path.stat()
        response = FileResponse(
            path,
            media_type=content_type(key),
            stat_result=stat,
            headers={"Cache-Control": PREVIEW_CACHE, "X-Content-Type-Options": "nosniff"},
        )
        if _not_modified(request, response):
            kept = ("etag", "last-modified", "cache-control")
            return Response(
                status_code=304, headers={k: v for k, v in response.headers.items() if k in kept}
            )
        return response

    return Starlette(
        routes=[
            Route("/{key:path}", public, methods=["GET", "HEAD"]),
        ]
    )


_RANGE_SPEC = re.compile(r"(\d+)-(\d*)|-(\d+)")


def _drop_invalid_range(request: Request) -> None:
    """RFC 9110 §14.2: a Range of a unit we do not serve or with an invalid range-spec (such
    as bytes=5-1) is ignored, so the whole file answers; an unsatisfiable one stays (416)."""
    headers = request.scope["headers"]
    values = [value for name, value in headers if name == b"range"]
    if not values:
        return
    unit, equals, specs = values[0].decode("latin-1").partition("=")
    valid = bool(equals) and unit.strip().lower() == "bytes" and len(values) == 1
    for spec in specs.split(",") if valid else ():
        found = _RANGE_SPEC.fullmatch(spec.strip())
        if not found or (found[2] and int(found[2]) < int(found[1])):
            valid = False
    kept = [(name, value) for name, value in headers if name != b"range"]
    if valid:  # the unit's name is case-insensitive; Starlette reads only "bytes"
        kept.append((b"range", f"bytes={specs}".encode("latin-1")))
    request.scope["headers"] = kept


def _not_modified(request: Request, response: Response) -> bool:
    """RFC 9110 §13.1: If-None-Match wins; If-Modified-Since is read only without it."""
    etag = response.headers["etag"]
    if match := request.headers.get("if-none-match"):
        tags = [tag.strip().removeprefix("W/") for tag in match.split(",")]
        return "*" in tags or etag in tags
    if since := request.headers.get("if-modified-since"):
        try:
            return parsedate_to_datetime(response.headers["last-modified"]) <= (
                parsedate_to_datetime(since)
            )
        except (TypeError, ValueError):
            return False
    return False


def bind(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> socket.socket:
    """A listening socket on host:port (port 0: any free port)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ServeError(f"cannot serve on {host!r}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ServeError(
            f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port"
        ) from None
    return sock


def url_of(sock: socket.socket) -> str:
    """The server's root address on a bound socket, e.g. http://127.0.0.1:8000."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(
    show: Show,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    ready: Callable[[str], None] | None = None,
    log_level: str = "info",
) -> None:
    """Serve the show until interrupted; `ready` gets the page's URL once listening.

    Example: serve(Show.find(Path.cwd()), ready=print)
    """
    sock = bind(host, port)
    if not _loopback(host):
        # The producer asked for it (--host); say so, since the default is loopback only.
        log.warning("serving %s to every machine that can reach %s", show.root, url_of(sock))
    server = _server(show, log_level)
    if ready is not None:
        ready(url_of(sock) + HOME)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


@contextmanager
def running(
    show: Show, host: str = DEFAULT_HOST, port: int = 0, log_level: str = "warning"
) -> Iterator[str]:
    """Serve the show from a background thread while the block runs; yields the root URL.

    Example: with running(show) as url: urllib.request.urlopen(url + "/feeds/podcast.xml")
    """
    sock = bind(host, port)
    server = _server(show, log_level)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise ServeError(f"the preview server on {url_of(sock)} did not start")
        time.sleep(0.01)
    try:
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT)
        sock.close()


def _server(show: Show, log_level: str) -> uvicorn.Server:
    # No lifespan: the app has no startup work, and uvicorn's probe of it only adds noise.
    return uvicorn.Server(uvicorn.Config(make_app(show), log_level=log_level, lifespan="off"))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
