"""Publishing to a folder and to S3 (moto's real S3 API on 127.0.0.1), as listeners then see it."""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import feedparser
import lxml.html
import podcastparser
import pytest

from audiocast.build import media_name
from audiocast.episode import RECORD_FILE, list_records, write_record
from audiocast.media import format_of
from audiocast.page import write_site
from audiocast.publish import FolderTarget, PublishError, S3Target, plan, publish
from audiocast.show import Show
from audiocast.site import write_feeds

from conftest import SAMPLE_BASE_URL, SAMPLE_EMAIL, SAMPLE_SLUG, run_cli

# The expected headers, written out rather than imported: a wrong table in audiocast.public
# must fail here.
HEADERS = {
    ".mp3": ("audio/mpeg", "public, max-age=31536000, immutable"),
    ".m4a": ("audio/mp4", "public, max-age=31536000, immutable"),
    ".wav": ("audio/wav", "public, max-age=31536000, immutable"),
    ".xml": ("application/rss+xml", "public, max-age=300"),
    ".vtt": ("text/vtt", "public, max-age=31536000, immutable"),
    ".srt": ("application/x-subrip", "public, max-age=31536000, immutable"),
    ".chapters.json": ("application/json+chapters", "public, max-age=31536000, immutable"),
    "manifest.json": ("application/json", "public, max-age=300"),
    ".html": ("text/html", "public, max-age=300"),
    ".jpg": ("image/jpeg", "public, max-age=300"),
}
ROOT = "habari"  # the prefix under which the show is published


def expected_headers(key: str) -> tuple[str, str]:
    return next(value for suffix, value in HEADERS.items() if key.endswith(suffix))


def make_show(built_show: Path, where: Path, base_url: str) -> Show:
    """A copy of the built sample show, published under base_url, feeds and page written."""
    root = where / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    settings = root / "audiocast.toml"
    text = re.sub(r"(?m)^base_url\s*=.*$", f'base_url = "{base_url}"', settings.read_text())
    settings.write_text(text)
    show = Show.open(root)
    write_feeds(show)
    write_site(show)
    return show


def rebuild(show: Show, tag: str, feeds: bool = True) -> None:
    """What a rebuild does to the show: new (small) media under new names, a new record."""
    for record in list_records(show.episodes_dir):
        renditions = {}
        for profile, rendition in record.renditions.items():
            data = f"{tag}:{profile};".encode() * 300
            digest = hashlib.sha256(data).hexdigest()
            name = media_name(record.slug, profile, digest, Path(rendition.file).suffix)
            (show.episodes_dir / record.slug / name).write_bytes(data)
            renditions[profile] = rendition.model_copy(
                update={"file": name, "bytes": len(data), "sha256": digest}
            )
        built = record.built_at + timedelta(minutes=len(tag))
        write_record(
            show.episodes_dir / record.slug / RECORD_FILE,
            record.model_copy(update={"renditions": renditions, "built_at": built}),
        )
    if feeds:
        write_feeds(show)
        write_site(show)


class Destination(Protocol):
    """A published show as the test reads it back, independently of audiocast."""

    url: str  # what publish() is given

    def listing(self) -> set[str]: ...
    def read(self, key: str) -> bytes: ...


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.url = str(root)

    def listing(self) -> set[str]:
        if not self.root.exists():
            return set()
        return {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()}

    def read(self, key: str) -> bytes:
        return (self.root / key).read_bytes()


class Bucket:
    def __init__(self, client: Any, endpoint: str, name: str) -> None:
        self.client, self.endpoint, self.name = client, endpoint, name
        self.url = f"s3://{name}/{ROOT}"
        client.create_bucket(Bucket=name)
        # Listeners read anonymously, as through a CDN: the bucket's policy allows reading.
        statement = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{name}/*",
        }
        policy = {"Version": "2012-10-17", "Statement": [statement]}
        client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))

    @property
    def base_url(self) -> str:
        return f"{self.endpoint}/{self.name}/{ROOT}"

    def listing(self) -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        found = {o["Key"] for page in pages for o in page.get("Contents", [])}
        return {key.removeprefix(f"{ROOT}/") for key in found}

    def read(self, key: str) -> bytes:
        return fetch(f"{self.base_url}/{key}")[1]


def fetch(url: str) -> tuple[http.client.HTTPResponse, bytes]:
    """An anonymous GET, as a podcast app makes it."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        conn.request("GET", parts.path)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def linked_keys(key: str, data: bytes, base_url: str) -> set[str]:
    """The show's files a published feed, manifest or page links to; a link to a folder
    names its index.html, as a static web host serves it."""
    text = data.decode("utf-8")
    # (a URL in a page's text, as the embed snippet's, ends at its escaped quote: &quot;)
    absolute = re.findall(re.escape(base_url) + r"/([^\"'<>\s#&]+)", text)
    relative = (
        re.findall(r'(?:href|src)="(\.\./[^"#]+|[a-z0-9][\w.-]*)(?:#[^"]*)?"', text)
        if key.endswith(".html")
        else []
    )
    folder = posixpath.dirname(key)
    found = set(absolute) | {posixpath.normpath(f"{folder}/{link}") for link in relative}
    found = {f"{k}index.html" if k.endswith("/") else k for k in found}
    site = ("index.html", "partners.html")
    return {k for k in found if k.startswith(("feeds/", "episodes/", "kurasa/")) or k in site}


def assert_nothing_links_to_a_missing_file(dest: Destination, base_url: str) -> None:
    keys = dest.listing()
    # The home page links to every feed, and the feeds and episode pages to it as the
    # show's website: it goes last, and only a first publish cut short may lack it (or the
    # pages that go just before it and link to it and to each other).
    pages = {"feeds/index.html", "feeds/manifest.json", "index.html", "partners.html"}
    pages |= {key for key in keys if key.startswith("kurasa/")}
    for key in keys:
        if key.endswith((".xml", ".html")) or key == "feeds/manifest.json":
            for link in linked_keys(key, dest.read(key), base_url):
                back = key in pages or key.endswith((".xml", "/index.html"))
                if key.endswith("/embed.html") and link == posixpath.dirname(key) + "/index.html":
                    continue  # its link back: the page that offers it goes right after it
                if not back or link not in pages:
                    assert link in keys, f"published {key} links to missing {link}"


def assert_complete(dest: Destination, show: Show) -> None:
    for item in plan(show):
        assert dest.read(item.key) == item.path.read_bytes(), item.key


# --- S3 -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """moto's S3 server on a free loopback port, and a client of it with dummy credentials."""
    from moto.server import ThreadedMotoServer

    empty = tmp_path_factory.mktemp("aws") / "none"
    with pytest.MonkeyPatch.context() as env:
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AUDIOCAST_S3_ENDPOINT"):
            env.delenv(name, raising=False)
        env.setenv("AWS_ACCESS_KEY_ID", "testing")
        env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        env.setenv("AWS_DEFAULT_REGION", "us-east-1")
        env.setenv("AWS_CONFIG_FILE", str(empty))
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
        env.setenv("AWS_EC2_METADATA_DISABLED", "true")
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            endpoint = f"http://{host}:{port}"
            yield endpoint, S3Target("unused", endpoint_url=endpoint).client
        finally:
            server.stop()


def new_bucket(s3: tuple[str, Any]) -> Bucket:
    endpoint, client = s3
    return Bucket(client, endpoint, f"habari-{uuid.uuid4().hex[:12]}")


def test_s3_publish_serves_the_same_bytes_and_headers(
    s3: tuple[str, Any], built_show: Path, tmp_path: Path
) -> None:
    bucket = new_bucket(s3)
    show = make_show(built_show, tmp_path, bucket.base_url)
    report = publish(show, bucket.url, endpoint_url=s3[0])
    assert report.uploaded == tuple(item.key for item in plan(show)) and not report.skipped

    # A podcast app's view: the feed, then every file it names, over plain HTTP.
    response, body = fetch(f"{bucket.base_url}/feeds/podcast.xml")
    assert response.status == 200
    assert body == (show.feeds_dir / "podcast.xml").read_bytes()
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0 and parsed.entries
    urls = re.findall(r'(?:url|href)="(' + re.escape(bucket.base_url) + r'/[^"]+)"', body.decode())
    assert any(url.endswith(".mp3") for url in urls)
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        response, data = fetch(enclosure.href)
        assert int(response.getheader("Content-Length", "-1")) == int(enclosure.length)
    for url in urls:
        response, data = fetch(url)
        key = url.removeprefix(bucket.base_url + "/")
        assert response.status == 200, url
        assert data == (show.root / key).read_bytes(), key

    for key in bucket.listing():
        response, _ = fetch(f"{bucket.base_url}/{key}")
        kind, cache = expected_headers(key)
        assert response.getheader("Content-Type", "").split(";")[0] == kind, key
        assert response.getheader("Cache-Control") == cache, key
    assert_complete(bucket, show)

    again = publish(show, bucket.url, endpoint_url=s3[0])
    assert again.uploaded == () and len(again.skipped) == len(report.uploaded)


def test_s3_endpoint_from_environment_and_dry_run(
    s3: tuple[str, Any], built_show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = new_bucket(s3)
    show = make_show(built_show, tmp_path, bucket.base_url)
    monkeypatch.setenv("AUDIOCAST_S3_ENDPOINT", s3[0])
    report = publish(show, bucket.url, dry_run=True)
    assert report.dry_run and report.uploaded == tuple(item.key for item in plan(show))
    assert report.bytes == sum(item.size for item in plan(show))
    assert bucket.listing() == set()


def test_s3_errors_name_the_object(s3: tuple[str, Any], built_show: Path, tmp_path: Path) -> None:
    show = make_show(built_show, tmp_path, SAMPLE_BASE_URL)
    with pytest.raises(PublishError, match=r"s3://no-such-bucket/habari/episodes/.*\.mp3"):
        publish(show, "s3://no-such-bucket/habari", endpoint_url=s3[0])


# --- interrupted publishing, for both kinds of destination --------------------------------


@pytest.fixture(scope="module")
def small_show(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample show rebuilt with tiny media, so a publish can be interrupted many times."""
    root = tmp_path_factory.mktemp("small") / "show"
    shutil.copytree(built_show, root, ignore=lambda _, names: [
        name for name in names if name == ".cache" or format_of(name)
    ])  # fmt: skip
    show = Show.open(root)
    rebuild(show, "v1")
    return root


def fail_after(uploads: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every destination lose its connection after `uploads` files; returns their keys."""
    done: list[str] = []
    for target in (FolderTarget, S3Target):
        original = target.put

        def put(self: Any, item: Any, original: Any = original) -> None:
            if len(done) >= uploads:
                raise PublishError("injected fault: connection lost")
            original(self, item)
            done.append(item.key)

        monkeypatch.setattr(target, "put", put)
    return done


def destinations(kind: str, s3: tuple[str, Any] | None, where: Path) -> Destination:
    if kind == "folder":
        return Folder(where / "public")
    assert s3 is not None
    return new_bucket(s3)


@pytest.fixture(params=["folder", "s3"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("update", [False, True], ids=["first-publish", "after-a-rebuild"])
def test_an_interrupted_publish_never_exposes_a_missing_file(
    kind: str, update: bool, request: pytest.FixtureRequest, small_show: Path, tmp_path: Path
) -> None:
    s3 = request.getfixturevalue("s3") if kind == "s3" else None
    endpoint = s3[0] if s3 else None
    uploads = 0
    while True:
        case = tmp_path / f"case{uploads}"
        shutil.copytree(small_show, case / "show")
        show = Show.open(case / "show")
        dest = destinations(kind, s3, case)
        if isinstance(dest, Bucket):  # published under the endpoint, as a listener reads it
            text = (show.root / "audiocast.toml").read_text()
            text = re.sub(r"(?m)^base_url\s*=.*$", f'base_url = "{dest.base_url}"', text)
            (show.root / "audiocast.toml").write_text(text)
            show = Show.open(show.root)
            write_feeds(show)
            write_site(show)
        base_url = show.settings.show.base_url
        if update:
            publish(show, dest.url, endpoint_url=endpoint)
            rebuild(show, "v2")
        with pytest.MonkeyPatch.context() as patch:
            done = fail_after(uploads, patch)
            try:
                publish(show, dest.url, endpoint_url=endpoint)
                finished = True
            except PublishError as exc:
                assert "publish again" in str(exc)
                assert len(done) == uploads
                finished = False
        assert_nothing_links_to_a_missing_file(dest, base_url)
        rerun = publish(show, dest.url, endpoint_url=endpoint)
        assert_complete(dest, show)
        assert_nothing_links_to_a_missing_file(dest, base_url)
        assert set(rerun.uploaded).isdisjoint(done)  # what got through is not sent twice
        assert publish(show, dest.url, endpoint_url=endpoint).uploaded == ()
        if finished:
            break
        uploads += 1
    assert uploads >= 4  # the sweep went through media, feeds and pages


def test_publishing_order_follows_the_links(small_show: Path, tmp_path: Path) -> None:
    show = Show.open(small_show)
    keys = publish(show, str(tmp_path / "public"), dry_run=True).uploaded
    kinds = [
        "episode page" if k.endswith("/index.html") and k.startswith("episodes/")
        else "media" if k.startswith("episodes/")
        else "feed" if k.endswith(".xml")
        else "page"
        for k in keys
    ]  # fmt: skip
    assert kinds.index("feed") > max(i for i, kind in enumerate(kinds) if kind == "media")
    assert keys.index("feeds/cover.jpg") < keys.index("feeds/radio.xml")
    # An episode's page plays its media and shows the cover; the feeds' items link to it.
    pages = [i for i, kind in enumerate(kinds) if kind == "episode page"]
    assert pages
    assert min(pages) > max(i for i, kind in enumerate(kinds) if kind == "media")
    assert min(pages) > keys.index("feeds/cover.jpg")
    assert max(pages) < kinds.index("feed")
    assert keys[-5:] == (
        "feeds/podcast.xml",
        "feeds/manifest.json",
        "feeds/index.html",
        "partners.html",
        "index.html",
    )


# --- placeholders ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "old", "new"),
    [
        ("[show] base_url", SAMPLE_BASE_URL, "https://example.org/habari"),
        ("[show] owner.email", SAMPLE_EMAIL, "habari@example.org"),
        ("[show] title", "Habari kwa Sauti", "CHANGEME"),
    ],
    ids=["base-url", "email", "title"],
)
def test_a_show_with_a_placeholder_is_not_published(
    kind: str,
    request: pytest.FixtureRequest,
    small_show: Path,
    tmp_path: Path,
    setting: str,
    old: str,
    new: str,
) -> None:
    # example.org passed and went out: listeners' apps would fetch from nowhere, directories
    # would mail nobody.
    s3 = request.getfixturevalue("s3") if kind == "s3" else None
    root = Path(shutil.copytree(small_show, tmp_path / "show"))
    settings = root / "audiocast.toml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new), encoding="utf-8")
    assert run_cli("feed", cwd=root).returncode == 0
    dest = destinations(kind, s3, tmp_path)
    endpoint = ["--endpoint-url", s3[0]] if s3 else []
    for dry_run in ([], ["--dry-run"]):
        done = run_cli("publish", dest.url, *endpoint, *dry_run, cwd=root)
        assert done.returncode == 1 and done.stdout == ""
        (line,) = done.stderr.splitlines()
        assert line.startswith(f"error: {settings}: {setting} is a placeholder ({new}): ")
        assert "publish again" in line
    assert dest.listing() == set()


# --- folders ----------------------------------------------------------------------------


def test_folder_publish_copies_every_file_once(built_show: Path, tmp_path: Path) -> None:
    show = make_show(built_show, tmp_path, SAMPLE_BASE_URL)
    dest = Folder(tmp_path / "public")
    assert publish(show, dest.url, dry_run=True).uploaded
    assert not dest.root.exists()  # a dry run writes nothing
    report = publish(show, dest.url)
    assert dest.listing() == set(report.uploaded) == {item.key for item in plan(show)}
    assert_complete(dest, show)
    for key in dest.listing():
        assert (dest.root / key).stat().st_mode & 0o777 == 0o644, key
    assert not any(name.startswith(".") for name in dest.listing())  # no temporary files left
    again = publish(show, dest.url)
    assert again.uploaded == () and set(again.skipped) == dest.listing()


def test_every_feed_links_a_page_that_is_published(small_show: Path, tmp_path: Path) -> None:
    # The channel <link> was base_url/, where nothing is published: a 404 on a static host;
    # then each item's was only the episode's place on the show's page.
    show = Show.open(small_show)
    dest = Folder(tmp_path / "public")
    publish(show, dest.url)
    base = show.settings.show.base_url
    feeds = sorted(key for key in dest.listing() if key.endswith(".xml"))
    assert len(feeds) == len(show.settings.build.renditions)
    for key in feeds:
        xml = dest.read(key)
        channel = feedparser.parse(xml)
        items = podcastparser.parse(f"{base}/{key}", io.BytesIO(xml))
        assert channel.feed.link == items["link"] == f"{base}/"  # the home page
        assert "index.html" in dest.listing()
        assert channel.feed.rights.startswith("© 2024 ")
        for entry, episode in zip(channel.entries, items["episodes"], strict=True):
            slug = entry.enclosures[0].href.split("/")[-2]
            assert episode["link"] == entry.link == f"{base}/episodes/{slug}/"
            page = lxml.html.fromstring(dest.read(f"episodes/{slug}/index.html"))
            assert page.xpath("string(//h1)") == entry.title


def test_the_embed_goes_out_after_its_media_and_before_the_page_that_offers_it(
    small_show: Path,
) -> None:
    show = Show.open(small_show)
    keys = [item.key for item in plan(show)]
    folder = f"episodes/{SAMPLE_SLUG}/"
    embed, page = keys.index(f"{folder}embed.html"), keys.index(f"{folder}index.html")
    media = [i for i, key in enumerate(keys) if key.startswith(folder) and i not in (embed, page)]
    assert max(media) < embed < page < keys.index("feeds/podcast.xml")
    (item,) = [item for item in plan(show) if item.key == f"{folder}embed.html"]
    assert item.content_type == "text/html; charset=utf-8"


def test_a_feed_linking_a_missing_episode_page_is_refused(small_show: Path, tmp_path: Path) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    for page in ("index.html", "embed.html"):  # the embed would name its page missing first
        (show.episodes_dir / SAMPLE_SLUG / page).unlink()
    dest = Folder(tmp_path / "public")
    with pytest.raises(PublishError) as refused:
        publish(show, dest.url)
    message = str(refused.value)
    assert f"{SAMPLE_BASE_URL}/episodes/{SAMPLE_SLUG}/" in message
    assert "run `audiocast feed`" in message
    assert dest.listing() == set()  # nothing sent


def test_an_episode_built_since_the_last_feed_goes_out_without_a_page(
    small_show: Path, tmp_path: Path
) -> None:
    # Its media are published, as before; no feed lists it yet, and it has no page yet.
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    record = list_records(show.episodes_dir)[0]
    slug = "2024-06-19-habari-mpya"
    (show.episodes_dir / slug).mkdir()
    for rendition in record.renditions.values():
        shutil.copy(show.episodes_dir / record.slug / rendition.file, show.episodes_dir / slug)
    newer = record.model_copy(
        update={"slug": slug, "guid": "c0ffee00-0000-5000-8000-000000000003",
                "transcripts": {}, "chapters_file": None}
    )  # fmt: skip
    write_record(show.episodes_dir / slug / RECORD_FILE, newer)
    dest = Folder(tmp_path / "public")
    publish(show, dest.url)
    assert f"episodes/{slug}/{record.renditions['mobile'].file}" in dest.listing()
    assert f"episodes/{slug}/index.html" not in dest.listing()
    assert f"episodes/{SAMPLE_SLUG}/index.html" in dest.listing()
    assert_nothing_links_to_a_missing_file(dest, SAMPLE_BASE_URL)


def test_episode_links_resolve_on_a_plain_static_host(small_show: Path, tmp_path: Path) -> None:
    """The folder published, served as it is by Python's own static file server: each feed
    item's link (the folder's URL) answers with the episode's page, and so does index.html."""
    show = Show.open(small_show)
    public = tmp_path / "public"
    publish(show, str(public / "habari"))
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(public)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = server.stdout.readline() if server.stdout else ""
        port = int(re.search(r"port (\d+)", banner)[1])  # type: ignore[index]
        root = f"http://127.0.0.1:{port}/habari"
        feed = feedparser.parse(fetch(f"{root}/feeds/podcast.xml")[1])
        assert feed.entries
        for entry in feed.entries:
            path = urlsplit(entry.link).path.removeprefix("/habari")
            assert path.endswith("/")
            folder, page = fetch(f"{root}{path}"), fetch(f"{root}{path}index.html")
            assert folder[0].status == page[0].status == 200
            assert (
                folder[1] == page[1] == (public / "habari" / path[1:] / "index.html").read_bytes()
            )
            # Without its slash the folder is sent to it, so the page's relative links work.
            moved, _ = fetch(f"{root}{path.rstrip('/')}")
            assert moved.status == 301
            assert urlsplit(moved.getheader("Location") or "").path == f"/habari{path}"
    finally:
        server.terminate()
        server.wait(10)


def test_folder_publish_replaces_files_by_renaming(small_show: Path, tmp_path: Path) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    dest = Folder(tmp_path / "public")
    publish(show, dest.url)
    (old_mp3,) = [k for k in dest.listing() if k.endswith(".radio.mp3")]
    # A reader holding the old feed (here: a hard link to it) keeps the old bytes whole.
    reader = tmp_path / "reader.xml"
    os.link(dest.root / "feeds" / "podcast.xml", reader)
    before = reader.read_bytes()
    rebuild(show, "v2")
    publish(show, dest.url)
    assert reader.read_bytes() == before != dest.read("feeds/podcast.xml")
    assert old_mp3 in dest.listing()  # the old feed's enclosure stays: nothing is deleted
    assert_complete(dest, show)


def test_a_stale_feed_is_refused_before_anything_is_written(
    small_show: Path, tmp_path: Path
) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    rebuild(show, "v2", feeds=False)  # built, but `audiocast feed` not run
    with pytest.raises(PublishError, match="run `audiocast feed`"):
        publish(show, str(tmp_path / "public"))
    assert not (tmp_path / "public").exists()


def test_an_episode_with_missing_media_is_left_out(small_show: Path, tmp_path: Path) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    next(show.episodes_dir.rglob("*.radio.mp3")).unlink()
    # The feeds still list it: refused, nothing written.
    with pytest.raises(PublishError, match="run `audiocast feed`"):
        publish(show, str(tmp_path / "public"))
    assert not (tmp_path / "public").exists()
    # `audiocast feed` leaves it out of the feeds; publishing then leaves it out too.
    write_feeds(show)
    write_site(show)
    report = publish(show, str(tmp_path / "public"))
    assert report.left_out == (SAMPLE_SLUG,)
    assert not any(key.startswith("episodes/") for key in report.uploaded)
    assert_nothing_links_to_a_missing_file(Folder(tmp_path / "public"), SAMPLE_BASE_URL)


def test_an_episode_with_an_unreadable_record_is_reported_and_left_out(
    small_show: Path, tmp_path: Path
) -> None:
    root = shutil.copytree(small_show, tmp_path / "show")
    sample = root / "episodes" / SAMPLE_SLUG
    record = json.loads((sample / RECORD_FILE).read_text())
    slugs = [f"2024-06-{day:02d}-habari-{day}" for day in range(20, 25)]
    for day, slug in enumerate(slugs, 20):
        shutil.copytree(sample, root / "episodes" / slug)
        copy = {**record, "slug": slug, "guid": f"guid-{slug}", "date": f"2024-06-{day}T06:00:00Z"}
        (root / "episodes" / slug / RECORD_FILE).write_text(json.dumps(copy))
    cut, wrong = slugs[1], slugs[3]
    text = (root / "episodes" / cut / RECORD_FILE).read_text()
    (root / "episodes" / cut / RECORD_FILE).write_text(text[: len(text) // 2])  # a cut write
    bad = {**record, "slug": wrong, "renditions": {"podcast": {"file": "x.mp3"}}}
    (root / "episodes" / wrong / RECORD_FILE).write_text(json.dumps(bad))

    done = run_cli("feed", cwd=root)
    assert done.returncode == 0, done.stderr
    assert f"left {cut} out: episode.json: not valid JSON" in done.stderr
    assert f"left {wrong} out: episode.json: renditions.podcast.profile: Field required" in (
        done.stderr
    )
    kept = [SAMPLE_SLUG] + [s for s in slugs if s not in (cut, wrong)]
    feed = feedparser.parse((root / "feeds" / "podcast.xml").read_bytes())
    assert sorted(entry.enclosures[0].href.split("/")[-2] for entry in feed.entries) == kept
    manifest = json.loads((root / "feeds" / "manifest.json").read_text())
    assert sorted(episode["slug"] for episode in manifest["episodes"]) == kept
    page = (root / "index.html").read_text()
    assert cut not in page and wrong not in page and all(slug in page for slug in kept)

    report = publish(Show.open(root), str(tmp_path / "public"))
    assert sorted(report.left_out) == [cut, wrong]
    assert not any(
        key.startswith((f"episodes/{cut}/", f"episodes/{wrong}/")) for key in report.uploaded
    )
    assert_nothing_links_to_a_missing_file(Folder(tmp_path / "public"), SAMPLE_BASE_URL)


def test_a_missing_transcript_is_refused(small_show: Path, tmp_path: Path) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    next(show.episodes_dir.rglob("*.vtt")).unlink()
    with pytest.raises(PublishError, match="rebuild the episode"):
        publish(show, str(tmp_path / "public"))
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("private", ["article.yaml", RECORD_FILE])
def test_a_transcript_that_links_to_a_private_file_is_not_published(
    small_show: Path, tmp_path: Path, private: str
) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show", symlinks=True))
    vtt = next(show.episodes_dir.rglob("*.vtt"))
    assert (vtt.parent / private).is_file()
    vtt.unlink()
    vtt.symlink_to(private)  # a public name; the file behind it is the producer's own
    with pytest.raises(PublishError, match="not publishable; rebuild the episode"):
        publish(show, str(tmp_path / "public"))
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("dest", ["{show}", "{show}/feeds", "{show}/episodes/x", "ftp://host/x"])
def test_bad_destinations_are_refused(small_show: Path, dest: str) -> None:
    with pytest.raises(PublishError):
        publish(Show.open(small_show), dest.format(show=small_show), dry_run=True)


def test_prune_removes_old_builds_once_the_feeds_have_aged(
    small_show: Path, tmp_path: Path
) -> None:
    # Without --prune every rebuild's old media stayed at the destination for ever.
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    dest = Folder(tmp_path / "public")
    publish(show, dest.url)
    first = dest.listing()
    (dest.root / "robots.txt").write_text("User-agent: *\n")  # not the show's: never touched
    rebuild(show, "v2")
    current = {item.key for item in plan(show)}
    old = {key for key in first if key.startswith("episodes/")} - current
    assert old  # the first build's media, named by no feed now

    # The new feeds went out this very run: an app may still hold the old ones.
    report = publish(show, dest.url, prune=True)
    assert report.removed == () and set(report.kept) == old
    assert old <= dest.listing()

    # Five minutes on (the feeds' cache lifetime), the old files go and nothing else.
    for key in dest.listing():
        os.utime(dest.root / key, (os.path.getatime(dest.root / key), time.time() - 301))
    dry = publish(show, dest.url, prune=True, dry_run=True)
    assert set(dry.removed) == old and old <= dest.listing()  # a dry run deletes nothing
    report = publish(show, dest.url, prune=True)
    assert set(report.removed) == old
    assert dest.listing() == current | {"robots.txt"}
    assert_complete(dest, show)


def test_prune_on_s3_deletes_only_what_no_feed_names(
    s3: tuple[str, Any], small_show: Path, tmp_path: Path
) -> None:
    show = Show.open(shutil.copytree(small_show, tmp_path / "show"))
    bucket = Bucket(s3[1], s3[0], f"prune-{uuid.uuid4().hex[:8]}")
    publish(show, bucket.url, endpoint_url=s3[0])
    s3[1].put_object(Bucket=bucket.name, Key="other/keep.txt", Body=b"not the show's")
    first = bucket.listing()
    rebuild(show, "v2")
    current = {item.key for item in plan(show)}
    report = publish(show, bucket.url, endpoint_url=s3[0], prune=True, grace=0.0)
    assert set(report.removed) == {key for key in first if key.startswith("episodes/")} - current
    assert bucket.listing() == current | {"other/keep.txt"}
    assert s3[1].get_object(Bucket=bucket.name, Key="other/keep.txt")["Body"].read()
    assert_complete(bucket, show)
