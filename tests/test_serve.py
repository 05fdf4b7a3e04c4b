"""`audiocast serve` as a podcast app meets it: real HTTP requests to a real uvicorn server."""

from __future__ import annotations

import http.client
import inspect
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from audiocast.page import write_site
from audiocast.serve import DEFAULT_HOST, ServeError, bind, running, serve
from audiocast.show import Show

from conftest import SAMPLE_SLUG

SECRET = "siri-ya-ndani: never served"


@pytest.fixture(scope="module")
def show_dir(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample show with its page, a secret outside, and planted symlinks."""
    root = tmp_path_factory.mktemp("serve") / "show"
    shutil.copytree(built_show, root, symlinks=True)
    write_site(Show.open(root))
    (root.parent / "secret.txt").write_text(SECRET)
    episode = root / "episodes" / SAMPLE_SLUG
    (episode / "leak.mp3").symlink_to(root.parent / "secret.txt")  # points out: refused
    (root / "feeds" / "leak.xml").symlink_to(root / "audiocast.toml")  # out of feeds/: refused
    (root / "feeds" / "alias.jpg").symlink_to(root / "feeds" / "cover.jpg")  # inside: served
    # Public names, private targets inside the show: refused on where the link leads.
    (episode / "record.mp3").symlink_to("episode.json")
    (episode / "article.vtt").symlink_to("article.yaml")
    (episode / "toml.srt").symlink_to(root / "audiocast.toml")
    (episode / "cache.chapters.json").symlink_to(next((root / ".cache").rglob("*.wav")))
    return root


@pytest.fixture(scope="module")
def server(show_dir: Path) -> Iterator[tuple[str, int]]:
    with running(Show.open(show_dir)) as url:
        parts = urlsplit(url)
        assert parts.hostname and parts.port
        yield parts.hostname, parts.port


def request(
    server: tuple[str, int], method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[http.client.HTTPResponse, bytes]:
    """One request, with the path sent exactly as written (http.client does not normalize)."""
    conn = http.client.HTTPConnection(*server, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def enclosure(show_dir: Path) -> tuple[str, int]:
    """The podcast feed's first enclosure as (path on the server, length the feed declares)."""
    tree = etree.parse(str(show_dir / "feeds" / "podcast.xml"))
    element = tree.find(".//item/enclosure")
    assert element is not None
    path = urlsplit(element.get("url", "")).path.removeprefix("/habari")
    return path, int(element.get("length", "0"))


def test_head_gives_enclosure_length_and_accepts_ranges(
    server: tuple[str, int], show_dir: Path
) -> None:
    path, length = enclosure(show_dir)
    response, body = request(server, "HEAD", path)
    assert response.status == 200
    assert response.getheader("Accept-Ranges") == "bytes"
    assert int(response.getheader("Content-Length", "-1")) == length
    assert response.getheader("Content-Type") == "audio/mpeg"
    assert body == b""


def test_first_two_bytes_as_apple_asks(server: tuple[str, int], show_dir: Path) -> None:
    path, length = enclosure(show_dir)
    response, body = request(server, "GET", path, {"Range": "bytes=0-1"})
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes 0-1/{length}"
    assert body == (show_dir / path.lstrip("/")).read_bytes()[:2]


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=-500", -500, None), ("bytes=100-", 100, None), ("bytes=1000-1999", 1000, 2000)],
)
def test_suffix_open_and_closed_ranges(
    server: tuple[str, int], show_dir: Path, header: str, first: int, last: int | None
) -> None:
    path, length = enclosure(show_dir)
    data = (show_dir / path.lstrip("/")).read_bytes()
    response, body = request(server, "GET", path, {"Range": header})
    start = first % length
    end = (last or length) - 1
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes {start}-{end}/{length}"
    assert body == data[first:last]


@pytest.mark.parametrize("header", ["bytes={n}-", "bytes={n}-{m}"])
def test_range_past_the_end_is_416(server: tuple[str, int], show_dir: Path, header: str) -> None:
    path, length = enclosure(show_dir)
    response, _ = request(server, "GET", path, {"Range": header.format(n=length, m=length + 10)})
    assert response.status == 416
    assert response.getheader("Content-Range") == f"bytes */{length}"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("feeds/podcast.xml", "application/rss+xml"),
        ("feeds/radio.xml", "application/rss+xml"),
        ("feeds/cover.jpg", "image/jpeg"),
        ("feeds/index.html", "text/html"),
        ("feeds/manifest.json", "application/json"),
        (f"episodes/{SAMPLE_SLUG}/{{vtt}}", "text/vtt"),
        (f"episodes/{SAMPLE_SLUG}/{{srt}}", "application/x-subrip"),
        (f"episodes/{SAMPLE_SLUG}/{{chapters}}", "application/json+chapters"),
    ],
)
def test_content_types(server: tuple[str, int], show_dir: Path, name: str, kind: str) -> None:
    record = json.loads((show_dir / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
    name = name.format(**record["transcripts"], chapters=record["chapters_file"])
    response, body = request(server, "GET", f"/{name}")
    assert response.status == 200
    assert response.getheader("Content-Type", "").split(";")[0] == kind
    assert body == (show_dir / name).read_bytes()


def test_feed_revalidates_with_etag_and_last_modified(
    server: tuple[str, int], show_dir: Path
) -> None:
    response, _ = request(server, "GET", "/feeds/podcast.xml")
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    assert etag and modified
    again, body = request(server, "GET", "/feeds/podcast.xml", {"If-None-Match": etag})
    assert (again.status, body) == (304, b"")
    assert again.getheader("ETag") == etag
    since, _ = request(server, "GET", "/feeds/podcast.xml", {"If-Modified-Since": modified})
    assert since.status == 304
    other, _ = request(server, "GET", "/feeds/podcast.xml", {"If-None-Match": '"stale"'})
    assert other.status == 200


def test_rewritten_feed_gets_a_new_etag(server: tuple[str, int], show_dir: Path) -> None:
    feed = show_dir / "feeds" / "radio.xml"
    response, _ = request(server, "GET", "/feeds/radio.xml")
    old = response.getheader("ETag", "")
    stat = feed.stat()
    os.utime(feed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    fresh, _ = request(server, "GET", "/feeds/radio.xml", {"If-None-Match": old})
    assert fresh.status == 200
    assert fresh.getheader("ETag") != old


def test_the_root_answers_with_the_home_page(server: tuple[str, int], show_dir: Path) -> None:
    response, body = request(server, "GET", "/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert body == (show_dir / "index.html").read_bytes()
    # The page's old address still answers, and sends browsers on to the home page.
    response, body = request(server, "GET", "/feeds/")
    assert response.status == 200 and body == (show_dir / "feeds" / "index.html").read_bytes()


def test_a_symlink_that_stays_inside_is_served(server: tuple[str, int], show_dir: Path) -> None:
    response, body = request(server, "GET", "/feeds/alias.jpg")
    assert response.status == 200
    assert body == (show_dir / "feeds" / "cover.jpg").read_bytes()


def test_a_public_name_that_links_to_a_private_file_is_not_found(
    server: tuple[str, int], show_dir: Path
) -> None:
    episode = show_dir / "episodes" / SAMPLE_SLUG
    assert (episode / "article.yaml").is_file() and (episode / "episode.json").is_file()
    for name in ("record.mp3", "article.vtt", "toml.srt", "cache.chapters.json"):
        for method in ("GET", "HEAD"):
            response, body = request(server, method, f"/episodes/{SAMPLE_SLUG}/{name}")
            assert response.status == 404, f"{method} {name}: {response.status}"
            assert b"guid" not in body and b"title" not in body


@pytest.mark.parametrize(
    "header", ["bytes=5-1", "items=0-1", "bytes=abc", "bytes 0-1", "bytes=0-1,x", "=0-1"]
)
def test_an_invalid_range_is_ignored_and_the_whole_file_answers(
    server: tuple[str, int], show_dir: Path, header: str
) -> None:
    # RFC 9110 §14.2: a range unit not understood, or an invalid range-spec, is ignored.
    path, length = enclosure(show_dir)
    response, body = request(server, "GET", path, {"Range": header})
    assert response.status == 200, header
    assert response.getheader("Content-Range") is None
    assert body == (show_dir / path.lstrip("/")).read_bytes() and len(body) == length


def test_the_range_unit_is_case_insensitive(server: tuple[str, int], show_dir: Path) -> None:
    path, length = enclosure(show_dir)
    response, body = request(server, "GET", path, {"Range": "Bytes=0-1"})
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes 0-1/{length}" and len(body) == 2


def outside_paths(show_dir: Path) -> list[str]:
    cache = next((show_dir / ".cache").rglob("*.wav")).relative_to(show_dir)
    episode = f"/episodes/{SAMPLE_SLUG}"
    return [
        "/audiocast.toml",
        "/feeds/../audiocast.toml",
        "/feeds/%2e%2e/audiocast.toml",
        "/feeds/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/feeds/..%2faudiocast.toml",
        "/feeds/..%5caudiocast.toml",
        "/feeds/..\\audiocast.toml",
        "/feeds\\..\\audiocast.toml",
        "/feeds/....//audiocast.toml",
        f"{episode}/../../audiocast.toml",
        f"{episode}/%2e%2e/%2e%2e/audiocast.toml",
        "/episodes/..%2f..%2faudiocast.toml",
        "//etc/passwd",
        "/feeds//etc/passwd",
        "/feeds/%2fetc%2fpasswd",
        "/etc/passwd",
        f"{episode}/episode.json",
        f"{episode}/article.yaml",
        f"{episode}/leak.mp3",
        "/feeds/leak.xml",
        "/feeds/.gitkeep",
        f"/{cache}",
        f"/feeds/../{cache}",
        f"/episodes/../{cache}",
        "/.cache/show.lock",
        "/episodes/",
        "/episodes",
        "/feeds",
    ]


def test_nothing_outside_feeds_and_episodes_is_reachable(
    server: tuple[str, int], show_dir: Path
) -> None:
    private = [SECRET.encode(), (show_dir / "audiocast.toml").read_bytes()[:40]]
    for path in outside_paths(show_dir):
        for method in ("GET", "HEAD"):
            response, body = request(server, method, path)
            assert response.status in (404, 400), f"{method} {path}: {response.status}"
            assert not any(secret in body for secret in private), path


def test_only_get_and_head(server: tuple[str, int]) -> None:
    for method in ("POST", "PUT", "DELETE"):
        response, _ = request(server, method, "/feeds/podcast.xml")
        assert response.status == 405


def test_binds_loopback_by_default() -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    sock = bind(port=0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


def test_a_port_in_use_is_a_clear_error() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(ServeError, match="choose another --port"):
            bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


def test_serve_in_its_own_process(show_dir: Path) -> None:
    # serve() as `audiocast serve` calls it: it says where it listens, then serves until stopped.
    code = (
        "import sys; from pathlib import Path; from audiocast.serve import serve; "
        "from audiocast.show import Show; "
        "serve(Show.open(Path(sys.argv[1])), port=0, ready=lambda u: print(u, flush=True))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(show_dir)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = urlsplit(process.stdout.readline().strip())
        assert (url.hostname, url.path) == ("127.0.0.1", "/")
        response, body = request((url.hostname, url.port or 0), "GET", url.path)
        assert response.status == 200
        assert b"Sikiliza" in body
    finally:
        process.terminate()
        process.wait(10)
