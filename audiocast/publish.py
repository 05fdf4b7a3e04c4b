"""Publish a show to a folder or to S3-compatible storage: media first, feeds last.

Nothing published may link to a file not yet there, so files go out in link order: every
episode's media, transcripts and chapters; the cover; each episode's embed and page
(episodes/<slug>/embed.html and index.html, which play its media; the page shows the cover
and the embed's iframe snippet); the feeds (podcast.xml after the other feeds), whose items
link to those pages; then manifest.json, the old address feeds/index.html, the archive
pages, partners.html and, last, the home page (index.html), which link to all of those. An
interrupted publish leaves the old feeds
(whose files are all still there: nothing is deleted) or the new ones with all their files;
running it again finishes the job, skipping what is already there. (The feeds name
the home page as the show's website, their <link>, and each episode page links back to it;
only a first publish cut short can lack it, as the page, which links to every feed, has to
go last; so can an embed's link back to its episode's page, which goes right after it.)

A show whose settings still hold a placeholder (placeholders.py) is refused before anything
is written.

With `prune`, files of the show that the published feeds no longer name (the media of
earlier builds, feeds of renditions no longer built) are deleted, but only once every feed
at the destination has been there as long as feeds are cached (five minutes): an app that
read the previous feed a moment ago still finds the files it names.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import posixpath
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from .defaults import SETTINGS_FILE
from .errors import PublishError
from .home import ARCHIVE_DIR, archive_pages
from .placeholders import placeholders
from .public import (
    EMBED_PAGE,
    EPISODE_PAGE,
    FEED_LIFETIME,
    SITE_PAGES,
    cache_control,
    content_type,
    is_public,
    public_file,
    published_records,
)
from .show import Show

log = logging.getLogger(__name__)

S3_ENDPOINT_ENV = "AUDIOCAST_S3_ENDPOINT"
FEED_FILE = "feeds/podcast.xml"
# Rank in publishing order; a file not named here is an asset (cover art) and goes first,
# then the episode pages (which show it), then the feeds (which link to those pages).
_ORDER = {".xml": 1, FEED_FILE: 2, "feeds/manifest.json": 3, "feeds/index.html": 4,
          "partners.html": 6, "index.html": 7}  # fmt: skip
_ARCHIVE_RANK = 5  # kurasa/<n>/index.html: the home page links the newest of them
_EPISODE_PAGE_RANK = 0.5
_PAGES = (f"/{EPISODE_PAGE}", f"/{EMBED_PAGE}")  # an episode's pages, written by `feed`
_CHUNK = 1 << 20
CHECKS_AT_ONCE = 8  # concurrent "is it already there?" checks; uploads go one by one, in order


@dataclass(frozen=True)
class PublicFile:
    """One file to publish: its key under base_url and how it is to be served."""

    key: str
    path: Path
    content_type: str
    cache_control: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class PublishReport:
    destination: str
    dry_run: bool
    uploaded: tuple[str, ...]  # keys written (with dry_run: keys that would be)
    skipped: tuple[str, ...]  # keys already published with the same content
    bytes: int  # bytes uploaded (or that would be)
    left_out: tuple[str, ...] = ()  # slugs not published: their media are not as recorded
    removed: tuple[str, ...] = ()  # keys no feed names any more, deleted (with dry_run: to be)
    kept: tuple[str, ...] = ()  # such keys kept: a feed changed less than a cache time ago


class Target(Protocol):
    """Where a show is published."""

    def unchanged(self, item: PublicFile) -> bool:
        """Whether the destination already holds this file, byte for byte, same headers."""
        ...

    def put(self, item: PublicFile) -> None:
        """Write one file; a reader sees the old version or the new one, never half."""
        ...

    def listing(self) -> dict[str, float]:
        """Every key at the destination and its age in seconds (since it was written)."""
        ...

    def remove(self, key: str) -> None:
        """Delete one key."""
        ...


def publish(
    show: Show,
    dest: str,
    dry_run: bool = False,
    *,
    endpoint_url: str | None = None,
    progress: Callable[[PublicFile, bool], None] | None = None,
    prune: bool = False,
    grace: float = FEED_LIFETIME,
) -> PublishReport:
    """Publish feeds/ and episodes/ to a folder or `s3://bucket/prefix`.

    `endpoint_url` (else $AUDIOCAST_S3_ENDPOINT) points boto3 at any S3-compatible store;
    credentials come from boto3's usual chain. `progress(file, uploaded)` follows each file.
    `prune` deletes the show's files that no feed names, once every feed at the destination
    is `grace` seconds old (see the module docstring).

    Example: publish(Show.find(Path.cwd()), "s3://habari/podcast", dry_run=True)
    """
    _refuse_placeholders(show)
    items, left_out = _plan(show)
    target = open_target(show, dest, endpoint_url)
    # Decide everything before writing anything, so a dry run and a real run agree. The
    # checks are latency-bound (one HEAD or one hash per file): run several at once.
    with ThreadPoolExecutor(CHECKS_AT_ONCE) as pool:
        same = list(pool.map(target.unchanged, items))
    todo = [(item, not unchanged) for item, unchanged in zip(items, same, strict=True)]
    uploaded: list[str] = []
    skipped: list[str] = []
    size = 0
    for item, needed in todo:
        if needed:
            if not dry_run:
                try:
                    target.put(item)
                except PublishError as exc:
                    done = len(uploaded)
                    total = sum(1 for _, n in todo if n)
                    raise PublishError(
                        f"{exc} (stopped after {done} of {total} uploads; the feeds still name "
                        "only published files: publish again to finish)"
                    ) from None
                log.info("published %s", item.key)
            uploaded.append(item.key)
            size += item.size
        else:
            skipped.append(item.key)
        if progress is not None:
            progress(item, needed)
    removed: list[str] = []
    kept: list[str] = []
    if prune:
        removed, kept = _prune(target, items, dry_run, grace)
    return PublishReport(dest, dry_run, tuple(uploaded), tuple(skipped), size, tuple(left_out),
                         tuple(removed), tuple(kept))  # fmt: skip


def _refuse_placeholders(show: Show) -> None:
    """Nothing goes out while a setting the feeds carry is still a placeholder."""
    found = placeholders(show.settings)
    if found:
        raise PublishError(
            f"{show.root / SETTINGS_FILE}: "
            + "; ".join(map(str, found))
            + "; then run `audiocast feed` and publish again"
        )


def _prune(
    target: Target, items: list[PublicFile], dry_run: bool, grace: float
) -> tuple[list[str], list[str]]:
    """(removed, kept): the destination's show files that no published file names."""
    wanted = {item.key for item in items}
    ages = target.listing()
    stale = sorted(key for key in ages if is_public(key) and key not in wanted)
    feeds = [item.key for item in items if item.key.endswith(".xml")]
    # A feed written just now (or a while ago but within its cache time) may still be the
    # previous one in an app or a CDN: what it names must stay a little longer.
    fresh = any(ages.get(key, 0.0) < grace for key in feeds)
    if fresh:
        return [], stale
    for key in stale:
        if not dry_run:
            target.remove(key)
            log.info("removed %s", key)
    return stale, []


def plan(show: Show) -> list[PublicFile]:
    """Every file to publish, in publishing order (see the module docstring)."""
    return _plan(show)[0]


def _plan(show: Show) -> tuple[list[PublicFile], list[str]]:
    """The files to publish, and the episodes left out because their media are not as built."""
    records, left_out = published_records(show.episodes_dir)
    media: list[PublicFile] = []
    pages: list[PublicFile] = []
    for record in reversed(records):  # oldest first
        names = [r.file for r in record.renditions.values()]
        names += sorted(record.transcripts.values())
        names += [record.chapters_file] if record.chapters_file else []
        media += [_file(show, f"episodes/{record.slug}/{name}") for name in names]
        # An episode built since the last `feed` has no page yet, and no feed lists it; a
        # feed that links a missing page is refused below. The embed goes before the page
        # that offers it.
        for name in (EMBED_PAGE, EPISODE_PAGE):
            page = f"episodes/{record.slug}/{name}"
            if public_file(show.root, page):
                pages.append(_file(show, page))
    if not (show.root / FEED_FILE).is_file():
        raise PublishError(f"{show.root / FEED_FILE} is missing; run `audiocast feed` first")
    site = [
        _file(show, f"feeds/{path.name}")
        for path in sorted(show.feeds_dir.iterdir())
        if is_public(f"feeds/{path.name}") and public_file(show.root, f"feeds/{path.name}")
    ]
    # The site's pages (home.py), those `audiocast feed` has written.
    keys = [*SITE_PAGES, *(p.relative_to(show.root).as_posix() for p in archive_pages(show.root))]
    site += [_file(show, key) for key in keys if public_file(show.root, key)]

    def rank(item: PublicFile) -> tuple[float, str]:
        if item.key.startswith("episodes/"):  # "…/embed.html" sorts before "…/index.html"
            return (_EPISODE_PAGE_RANK, item.key)
        if item.key.startswith(f"{ARCHIVE_DIR}/"):
            return (_ARCHIVE_RANK, item.key)
        suffix = posixpath.splitext(item.key)[1]
        return (_ORDER.get(item.key, _ORDER.get(suffix, 0)), item.key)

    items = media + sorted(site + pages, key=rank)
    _check_links(show, items)
    return items, left_out


def _file(show: Show, key: str) -> PublicFile:
    path = public_file(show.root, key)
    if path is None:
        built = key.startswith("episodes/") and not key.endswith(_PAGES)
        hint = "rebuild the episode" if built else "run `audiocast feed`"
        raise PublishError(f"{show.root / key}: missing or not publishable; {hint}")
    return PublicFile(key, path, content_type(key), cache_control(key))


def _check_links(show: Show, items: list[PublicFile]) -> None:
    """Refuse stale feeds or pages: every file they link under base_url must be published
    (a link to a folder, an episode's permanent link, names the folder's index.html)."""
    base = show.settings.show.base_url + "/"
    keys = {item.key for item in items}
    for item in items:
        linking = not item.key.startswith("episodes/") or item.key.endswith(_PAGES)
        if not linking or item.path.suffix not in (".xml", ".json", ".html"):
            continue
        for url in _links(item.path, base):
            if url.startswith(base):
                key = unquote(urlsplit(url[len(base) :]).path)
            else:  # a page's links are relative to its folder
                folder = posixpath.dirname(item.key)
                key = posixpath.normpath(posixpath.join(folder, unquote(urlsplit(url).path)))
            if key.endswith("/") or not key:  # a folder's page; base_url/: the home page
                key += EPISODE_PAGE
            if key != "." and key not in keys:
                raise PublishError(
                    f"{item.path} links {url}, which is not among the built files; "
                    "run `audiocast feed` to rewrite the feeds and page, then publish"
                )


def _links(path: Path, base: str) -> Iterator[str]:
    """Links to the show in a feed (absolute), manifest (absolute) or page (relative)."""
    if path.suffix == ".html":
        try:
            page = lxml.html.fromstring(path.read_bytes())
        except etree.LxmlError as exc:
            raise PublishError(f"{path}: not a page ({exc}); run `audiocast feed`") from None
        for link in page.xpath("//@href | //@src"):
            if not urlsplit(link).scheme and not link.startswith(("/", "#")):
                yield str(link)
        return
    if path.suffix == ".xml":
        try:
            tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise PublishError(f"{path}: not valid XML ({exc}); run `audiocast feed`") from None
        for element in tree.iter():
            for name in ("url", "href"):
                value = element.get(name)
                if value and value.startswith(base):
                    yield value
            # RSS <link>: the show's page for the channel, the episode's page for an item.
            if element.tag == "link" and (element.text or "").strip().startswith(base):
                yield element.text.strip()
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PublishError(f"{path}: not valid JSON ({exc}); run `audiocast feed`") from None
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and value.startswith(base):
            yield value


def open_target(show: Show, dest: str, endpoint_url: str | None = None) -> Target:
    """The destination named by `dest`: `s3://bucket[/prefix]` or a folder."""
    if dest.startswith("s3://"):
        bucket, _, prefix = dest.removeprefix("s3://").partition("/")
        if not bucket:
            raise PublishError(f"{dest!r}: no bucket; write s3://BUCKET/PREFIX")
        endpoint = endpoint_url or os.environ.get(S3_ENDPOINT_ENV) or None
        return S3Target(bucket, prefix.strip("/"), endpoint)
    if "://" in dest:
        raise PublishError(f"{dest!r}: publish to a folder or to s3://BUCKET/PREFIX")
    folder = Path(dest).expanduser().resolve()
    if folder == show.root or any(
        folder.is_relative_to(inner) for inner in (show.feeds_dir, show.episodes_dir)
    ):
        raise PublishError(f"{dest!r} is inside the show itself; publish to another folder")
    return FolderTarget(folder)


class FolderTarget:
    """A folder laid out as base_url: DEST/index.html, DEST/feeds/…, DEST/episodes/<slug>/…"""

    def __init__(self, root: Path) -> None:
        self.root = root

    def unchanged(self, item: PublicFile) -> bool:
        there = self.root / item.key
        try:
            if not there.is_file() or there.stat().st_size != item.size:
                return False
            return _digest(there, "sha256") == _digest(item.path, "sha256")
        except OSError as exc:
            raise PublishError(f"{there}: cannot read ({exc.strerror})") from None

    def put(self, item: PublicFile) -> None:
        there = self.root / item.key
        try:
            there.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=there.parent, prefix=f".{there.name}.", suffix=".tmp")
        except OSError as exc:
            raise PublishError(f"{there.parent}: cannot write ({exc.strerror})") from None
        try:
            os.fchmod(fd, 0o644)  # published files are read by a web server
            with os.fdopen(fd, "wb") as out, item.path.open("rb") as source:
                while chunk := source.read(_CHUNK):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            # A rename: a published file is never rewritten in place.
            os.replace(tmp, there)
        except OSError as exc:
            raise PublishError(f"{there}: cannot write ({exc.strerror})") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def listing(self) -> dict[str, float]:
        now = time.time()
        found: dict[str, float] = {}
        for name in SITE_PAGES:
            with contextlib.suppress(OSError):
                found[name] = now - (self.root / name).stat().st_mtime
        for top in ("feeds", "episodes", ARCHIVE_DIR):
            for folder, _, names in os.walk(self.root / top):
                for name in names:
                    path = Path(folder) / name
                    with contextlib.suppress(OSError):
                        key = path.relative_to(self.root).as_posix()
                        found[key] = now - path.stat().st_mtime
        return found

    def remove(self, key: str) -> None:
        there = self.root / key
        try:
            there.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # an episode folder left empty goes too
                there.parent.rmdir()
        except OSError as exc:
            raise PublishError(f"{there}: cannot delete ({exc.strerror})") from None


class S3Target:
    """An S3 bucket (AWS or any S3-compatible store), keys under an optional prefix."""

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None) -> None:
        try:  # only S3 publishing pays for importing boto3 (and needs it installed)
            import boto3
            from botocore.config import Config
        except ImportError:
            raise PublishError(
                "publishing to S3 needs boto3: pip install 'audiocast[s3]'"
            ) from None

        self.bucket = bucket
        self.prefix = prefix
        config = Config(
            connect_timeout=10,
            read_timeout=60,
            retries={"max_attempts": 5, "mode": "standard"},
            # Other stores than AWS reject botocore's newer default checksums; ContentMD5
            # below is the integrity check every S3-compatible store understands.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            # Self-hosted stores are usually reached by address, not bucket subdomains.
            s3={"addressing_style": "path"} if endpoint_url else None,
        )
        self.client = boto3.client("s3", endpoint_url=endpoint_url, config=config)

    def _key(self, item: PublicFile) -> str:
        return f"{self.prefix}/{item.key}" if self.prefix else item.key

    def _error(self, item: PublicFile, exc: Exception) -> PublishError:
        from botocore.exceptions import EndpointConnectionError, NoCredentialsError

        where = f"s3://{self.bucket}/{self._key(item)}"
        if isinstance(exc, NoCredentialsError):
            return PublishError(
                f"{where}: no S3 credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                "(or AWS_PROFILE)"
            )
        if isinstance(exc, EndpointConnectionError):
            return PublishError(f"{where}: {exc}; check {S3_ENDPOINT_ENV} or --endpoint-url")
        return PublishError(f"{where}: {exc}")

    def unchanged(self, item: PublicFile) -> bool:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self._key(item))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise self._error(item, exc) from None
        except BotoCoreError as exc:
            raise self._error(item, exc) from None
        # A single-part upload's ETag is the MD5 of its bytes (put() never uses multipart).
        return (
            head.get("ContentLength") == item.size
            and head.get("ETag", "").strip('"') == _digest(item.path, "md5")
            and head.get("ContentType") == item.content_type
            and head.get("CacheControl") == item.cache_control
        )

    def put(self, item: PublicFile) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        md5 = base64.b64encode(bytes.fromhex(_digest(item.path, "md5"))).decode()
        try:
            with item.path.open("rb") as body:
                self.client.put_object(
                    Bucket=self.bucket,
                    Key=self._key(item),
                    Body=body,
                    ContentType=item.content_type,
                    CacheControl=item.cache_control,
                    ContentMD5=md5,  # the store refuses a body damaged on the way
                )
        except (BotoCoreError, ClientError, OSError) as exc:
            raise self._error(item, exc) from None

    def listing(self) -> dict[str, float]:
        from botocore.exceptions import BotoCoreError, ClientError

        prefix = f"{self.prefix}/" if self.prefix else ""
        found: dict[str, float] = {}
        try:
            pages = self.client.get_paginator("list_objects_v2")
            for page in pages.paginate(Bucket=self.bucket, Prefix=prefix):
                for entry in page.get("Contents", []):
                    age = (datetime.now(UTC) - entry["LastModified"]).total_seconds()
                    found[entry["Key"][len(prefix) :]] = age
        except (BotoCoreError, ClientError) as exc:
            raise PublishError(f"s3://{self.bucket}/{prefix}: cannot list ({exc})") from None
        return found

    def remove(self, key: str) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        full = f"{self.prefix}/{key}" if self.prefix else key
        try:
            self.client.delete_object(Bucket=self.bucket, Key=full)
        except (BotoCoreError, ClientError) as exc:
            raise PublishError(f"s3://{self.bucket}/{full}: cannot delete ({exc})") from None


def _digest(path: Path, algorithm: str) -> str:
    hasher = hashlib.new(algorithm, usedforsecurity=False)
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()
