"""Fetching a source politely: a user agent naming the project, conditional GET, a timeout
and a size limit, and patience with a busy source (429, 5xx): its Retry-After honoured.
A plain `requests` session, as the engines' (engines/net.py, whose Retry-After reader it
shares): proxies, NO_PROXY and REQUESTS_CA_BUNDLE come from the environment, certificates
are verified. No engine is imported: they load numpy, which a pass with nothing new does
not need."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import requests

from .. import __version__
from ..engines.net import retry_after
from ..errors import SourceBusy, SourceError

log = logging.getLogger(__name__)


def user_agent() -> str:
    """ "audiocast/0.1.0", with the project's address when the installed package names one
    ([project.urls] in pyproject.toml: Homepage, else the first)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("audiocast").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    pairs = [url.split(", ", 1) for url in urls if ", " in url]
    home = next((u for label, u in pairs if label.lower() == "homepage"), None)
    home = home or (pairs[0][1] if pairs else None)
    return f"audiocast/{__version__}" + (f" (+{home})" if home else "")


USER_AGENT = user_agent()
_CHUNK = 64 * 1024
RETRY_AFTER_MAX = 24 * 3600.0  # a source asking to wait longer is asked again after a day


@dataclass(frozen=True)
class Patience:
    """How long a busy source (429, 5xx) is waited for within one pass: up to `tries`
    requests, each wait its Retry-After or 1 s, 2 s, 4 s…, none longer than `longest`
    seconds (a longer Retry-After is raised at once, for the next passes to honour). A set
    `stop` ends a wait at once."""

    tries: int = 1
    longest: float = 0.0
    stop: threading.Event | None = None


@dataclass(frozen=True)
class Fetched:
    """A source's answer: `body` is None when it said 304 Not Modified."""

    url: str
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    pages: int = 1  # a WordPress posts list's X-WP-TotalPages


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
    http: requests.Session | None = None,
    patience: Patience = Patience(),
) -> Fetched:
    """GET `url` (conditionally when validators are given); SourceError in one line when the
    source is down, slow, refuses, or sends more than `max_bytes`; SourceBusy when it still
    answers 429 or 5xx after `patience`.

    `timeout` bounds the connection and each wait for bytes, three times it the whole
    answer (a source that trickles a byte a second is as slow as one that never answers).
    """
    if http is None:
        with requests.Session() as own:
            return fetch(url, timeout=timeout, max_bytes=max_bytes, etag=etag,
                         last_modified=last_modified, http=own, patience=patience)  # fmt: skip
    tries = 1
    while True:
        try:
            return _fetch(url, timeout, max_bytes, etag, last_modified, http)
        except SourceBusy as exc:
            wait = exc.retry_after if exc.retry_after is not None else 2.0 ** (tries - 1)
            if wait > patience.longest and exc.retry_after is not None:
                raise  # a long wait asked for: the next passes honour it (ingest/polite.py)
            if tries >= patience.tries or wait > patience.longest:
                raise SourceBusy(f"{exc} ({tries} tries)" if tries > 1 else str(exc),
                                 exc.retry_after) from None  # fmt: skip
            log.info("%s; asking again in %g s", exc, wait)
            if patience.stop is None:
                time.sleep(wait)
            elif patience.stop.wait(wait):
                raise  # stopping: the source is asked again next pass
            tries += 1


def _fetch(
    url: str,
    timeout: float,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    http: requests.Session,
) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout * 3
    try:
        with http.get(url, headers=headers, timeout=timeout, stream=True) as response:
            if response.status_code == 304:
                return Fetched(url, None, etag, last_modified)
            if response.status_code >= 400:
                reason = response.reason or "error"
                status = f"{url}: the source answered {response.status_code} {reason}"
                if response.status_code == 429 or response.status_code >= 500:
                    after = retry_after(response, RETRY_AFTER_MAX)
                    raise SourceBusy(status, after)
                raise SourceError(status)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(_too_large(url, int(declared), max_bytes))
            body = bytearray()
            for chunk in response.iter_content(_CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise SourceError(_too_large(url, len(body), max_bytes))
                if time.monotonic() > deadline:
                    raise SourceError(f"{url}: the source is too slow (over {timeout * 3:g} s)")
            return Fetched(
                url,
                bytes(body),
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
                _pages(response.headers.get("X-WP-TotalPages", "")),
            )
    except requests.Timeout:
        raise SourceError(_slow(url, timeout)) from None
    except requests.ConnectionError as exc:
        if "timed out" in str(exc):  # a read timeout while the body streams
            raise SourceError(_slow(url, timeout)) from None
        raise SourceError(f"{url}: the source cannot be reached ({_cause(exc)})") from None
    except requests.RequestException as exc:
        raise SourceError(f"{url}: {_cause(exc)}") from None


def _pages(value: str) -> int:
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _slow(url: str, timeout: float) -> str:
    return f"{url}: no answer within {timeout:g} s; the source is slow or down"


def _too_large(url: str, size: int, limit: int) -> str:
    return (
        f"{url}: the answer is over {limit / 1e6:g} MB ({size / 1e6:.1f} MB so far), too large "
        "for a feed; raise [ingest] max_bytes if it is right"
    )


def _cause(exc: Exception) -> str:
    """The innermost reason of a requests error, without its object reprs."""
    while exc.__context__ is not None and exc.args and not isinstance(exc.args[0], str):
        exc = exc.__context__  # type: ignore[assignment]
    text = str(exc)
    return text.rsplit(": ", 1)[-1].rstrip("')\"") if "Max retries" in text else text
