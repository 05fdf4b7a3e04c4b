"""`audiocast ingest`: new and corrected stories of the newsroom's feeds become episodes.

One pass reads every `[[sources]]` of audiocast.toml (sources.py says what a source is,
fetch.py fetches it politely), imports each new or changed item into
episodes/<slug>/article.yaml through the importer, builds those articles (batch.py) and
writes the feeds once at the end (site.py). state.py remembers what was done, so an
unchanged story is never imported or built again, and a corrected one (same GUID) is
rebuilt in its own episode, under its old GUID. A source that fails is reported in one line
and tried again next pass; the others go on.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..config import IngestSettings, SourceSettings
from ..errors import ArticleError, AudiocastError, ConfigError, SourceError, system_error
from ..fsutil import write_atomic
from ..show import Show
from . import polite
from .fetch import Fetched, fetch
from .review import RemovedStory, hold_if_new, removed_story
from .sources import Feed, Item, read_feed, wanted
from .state import STATE_FILE, State

log = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
FEEDS_DUE = "feeds_due"  # built episodes the feeds do not list yet (a pass killed before feed)


@dataclass
class PassResult:
    """What one pass did; `failures` are one line each (a source, or an item of one)."""

    sources: int = 0
    new: list[str] = field(default_factory=list)  # slugs
    updated: list[str] = field(default_factory=list)
    removed: int = 0
    filtered: int = 0
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)
    feeds_written: bool = False
    removed_stories: list[RemovedStory] = field(default_factory=list)  # those with episodes
    waiting: list[str] = field(default_factory=list)  # "URL until 21:40 UTC" (polite.py)
    published: str | None = None
    stopped: bool = False  # by a signal: the stories not begun are the next pass's

    def summary(self) -> str:
        """ "ingest: 2 sources, 3 new, 1 updated, 0 removed, 1 failed (…)" """
        failed = f"{len(self.failures)} failed"
        if self.failures:
            failed += f" ({'; '.join(self.failures)})"
        return (
            f"ingest: {self.sources} source{'' if self.sources == 1 else 's'}, "
            f"{len(self.new)} new, {len(self.updated)} updated, {self.removed} removed, {failed}"
        ) + self._after()

    def _after(self) -> str:
        """ ", 1 waiting (URL until 21:40 UTC); published 9 files to …; stopped early" """
        text = f", {len(self.waiting)} waiting ({'; '.join(self.waiting)})" if self.waiting else ""
        text += f"; {self.published}" if self.published else ""
        return text + ("; stopped early, the rest next pass" if self.stopped else "")


@dataclass(frozen=True)
class _Imported:
    source: SourceSettings
    item: Item
    slug: str
    article: Path
    new: bool


def run_pass(
    show: Show, *, engines: list[str] | None = None, stop: threading.Event | None = None
) -> PassResult:
    """One pass over every source of the show; `engines` (AUDIOCAST_ENGINE) overrides the
    show's engine list, a source's own `engine` overrides both. Once `stop` is set (a
    signal), the story being built is finished, the feeds written, and the pass ends."""
    from ..lock import file_lock

    # One pass at a time (cron may start the next while one still builds): no item is
    # imported and built by two passes at once. The kernel drops the lock of a killed pass.
    with file_lock(show.root / ".cache" / LOCK_FILE, 0, "audiocast ingest"):
        return _run_pass(show, engines, stop or threading.Event())


def _run_pass(show: Show, engines: list[str] | None, stop: threading.Event) -> PassResult:
    result = PassResult(sources=len(show.settings.sources))
    state = State(show.root / STATE_FILE)
    try:
        imported: list[_Imported] = []
        complete: dict[str, Fetched] = {}
        for source in show.settings.sources:
            if stop.is_set():
                break
            if wait := polite.waiting(state, source.url):
                result.waiting.append(wait)
                continue
            try:
                fetched, done = _read_source(show, state, source, result, stop)
            except SourceError as exc:
                log.info("%s", exc)
                if not stop.is_set():  # else a wait cut short: asked again next pass
                    wait = polite.failed(state, show.settings.ingest, source.url, exc)
                    (result.waiting if wait else result.failures).append(wait or str(exc))
                continue
            except Exception as exc:  # a feed that trips a bug must not cost the other sources
                log.info("%s: unexpected error", source.url, exc_info=True)
                polite.failed(state, show.settings.ingest, source.url, exc)
                result.failures.append(f"{source.url}: {_bug(exc)}")
                continue
            state.answered(source.url)
            imported += done
            if fetched is not None:
                complete[source.url] = fetched
        failed_sources = _build(show, state, imported, engines, result, stop)
        for url, fetched in complete.items():
            if url not in failed_sources:  # else the next pass fetches it whole and retries
                state.read(url, fetched.etag, fetched.last_modified)
        if state.flagged(FEEDS_DUE):
            from ..site import write_feeds

            write_feeds(show)
            state.flag(FEEDS_DUE, None)
            result.feeds_written = True
        result.stopped = stop.is_set()
        if not result.stopped:
            result.published, failure = polite.publish_due(show, state)
            result.failures += [failure] if failure else []
    finally:
        state.close()
    return result


def _read_source(
    show: Show, state: State, source: SourceSettings, result: PassResult, stop: threading.Event
) -> tuple[Fetched | None, list[_Imported]]:
    """Fetch and import one source; the answer is returned when it was read whole (None
    after a 304). A source-wide failure raises SourceError; an item's is recorded."""
    settings = show.settings.ingest
    etag, modified = state.validators(source.url)
    fetched = fetch(
        source.url,
        timeout=settings.timeout,
        max_bytes=settings.max_bytes,
        etag=etag,
        last_modified=modified,
        patience=polite.patience(settings, stop),
    )
    if fetched.body is None:
        log.info("%s: not modified", source.url)
        return None, []
    feed: Feed = read_feed(source.url, fetched.body, source.kind)
    if feed.kind == "wordpress":
        feed = _more_pages(source.url, feed, fetched.pages, settings, stop)
    number = state.next_pass(source.url)
    done: list[_Imported] = []
    item_failed = False
    for item in feed.items:  # a source begun is read to its end (only builds are long)
        row = state.item(source.url, item.identity)
        if row:
            state.seen(source.url, item.identity, number)
        if not wanted(item, source):
            result.filtered += 1
            continue
        digest = item.digest
        if row and row.digest == digest and row.outcome in ("built", "refused", "rejected"):
            result.unchanged += 1  # a refused story is reported once, in the pass that met it
            continue
        try:
            imported = _import(show, state, source, item, digest, number, feed.name)
            done.append(imported)
        except ArticleError as exc:  # the content itself: the same next pass, until corrected
            message = _about(item, str(exc))
            result.failures.append(message)
            state.refused(source.url, item.identity, digest, message, number)
        except (AudiocastError, OSError) as exc:  # its page unreachable, a full disk: retried
            item_failed = True
            cause = system_error(exc) if isinstance(exc, OSError) else str(exc)
            message = _about(item, cause)
            result.failures.append(message)
            if state.item(source.url, item.identity):
                state.outcome(source.url, item.identity, "failed", message)
        except Exception as exc:  # a story that trips a bug must not cost the others
            log.info("%s: unexpected error", item.identity, exc_info=True)
            item_failed = True
            result.failures.append(_about(item, _bug(exc)))
    _removed(show, state, source.url, feed, number, result)
    # An item failed: no validators are kept, so the next pass fetches it whole and retries.
    return (None if item_failed else fetched), done


def _removed(
    show: Show, state: State, url: str, feed: Feed, number: int, result: PassResult
) -> None:
    """Report the episodes of stories the source removed since its last full read (and,
    as the show says, take them out of the feeds)."""
    removed, _ = state.gone(url, number - 1, number)  # not those that slid off the feed's end
    state.listed(url, [item.identity for item in feed.items])
    result.removed += len(removed)
    unpublish = show.settings.ingest.unpublish_removed
    if removed and unpublish:
        state.flag(FEEDS_DUE, "1")  # first: a pass killed after a draft mark rewrites them
    for row in removed:
        story = removed_story(show, row, unpublish)
        if story:
            result.removed_stories.append(story)


def _bug(exc: Exception) -> str:
    return (
        f"audiocast could not read this ({type(exc).__name__}: {exc}); please report it with "
        "the feed attached"
    )


def _about(item: Item, message: str) -> str:
    """A failure's line, naming the story (its link, else its GUID) once."""
    where = item.link or item.identity
    return message if message.startswith(where) else f"{where}: {message}"


def _more_pages(
    url: str, feed: Feed, pages: int, settings: IngestSettings, stop: threading.Event
) -> Feed:
    """A WordPress posts list with its next pages, newest first, up to [ingest] pages.

    Only the first page is asked conditionally: when it is unchanged, no story is new.
    """
    items = list(feed.items)
    for page in range(2, min(pages, settings.pages) + 1):
        parts = urlsplit(url)
        query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("page="))
        address = urlunsplit(parts._replace(query=f"{query}&page={page}".lstrip("&")))
        more = fetch(address, timeout=settings.timeout, max_bytes=settings.max_bytes,
                     patience=polite.patience(settings, stop))  # fmt: skip
        items += read_feed(address, more.body or b"", "wordpress").items
    return Feed(feed.kind, items, feed.name)


def _import(
    show: Show,
    state: State,
    source: SourceSettings,
    item: Item,
    digest: str,
    number: int,
    feed_name: str | None,
) -> _Imported:
    """Write the item's article.yaml (the same file again when a killed pass is redone)."""
    from ..article import parse_article
    from ..importer import import_article, to_yaml

    today = show.settings.show.today()
    origin = item.link or item.identity
    if item.full_text or not item.link:
        result = import_article(_json(item), "json", origin=origin, today=today)
    else:  # a teaser: the story is on its page
        page = fetch(
            item.link,
            timeout=show.settings.ingest.timeout,
            max_bytes=show.settings.ingest.max_bytes,
        )
        result = import_article(page.body or b"", "html", origin=origin, today=today)
    article = dict(result.article)
    source_info = dict(article.get("source") or {})
    if item.link:
        source_info["url"] = item.link
    if not source_info.get("name"):  # the feed's title, else the site's address
        source_info["name"] = feed_name or urlsplit(item.link or source.url).hostname or "Habari"
    if source_info:
        article["source"] = source_info
    row = state.item(source.url, item.identity)
    slug = (row and row.slug) or _free_slug(show, state, parse_article(article, origin).slug)
    article["slug"] = slug
    parse_article(article, origin)  # refuse here what the build would refuse
    state.importing(source.url, item.identity, digest, slug, number)
    hold_if_new(show, source, slug)  # before the article: no pass leaves it listed unreviewed
    path = show.episode_dir(slug) / "article.yaml"
    write_atomic(path, to_yaml(article, origin=origin, notes=result.notes))
    return _Imported(source, item, slug, path, new=row is None or not row.built)


def _json(item: Item) -> bytes:
    import json

    return json.dumps(item.record, ensure_ascii=False).encode("utf-8")


def _free_slug(show: Show, state: State, slug: str) -> str:
    """`slug`, or slug-2, slug-3 … when another story or the producer's own folder has it."""
    from ..article import SLUG_MAX

    candidate, number = slug, 1
    while state.slug_taken(candidate) or show.episode_dir(candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = re.sub(r"-+$", "", slug[: SLUG_MAX - len(suffix)]) + suffix
    return candidate


def _build(
    show: Show,
    state: State,
    imported: list[_Imported],
    engines: list[str] | None,
    result: PassResult,
    stop: threading.Event,
) -> set[str]:
    """Build the imported articles, grouped by their sources' engines; the URLs of sources
    with an item that failed to build."""
    if not imported:
        return set()  # nothing new: the build machinery (numpy, the engines) stays unloaded
    from ..batch import build_many

    failed: set[str] = set()
    groups: dict[tuple[str, ...] | None, list[_Imported]] = defaultdict(list)
    for entry in imported:
        groups[tuple(entry.source.engine) if entry.source.engine else None].append(entry)
    for engine, entries in groups.items():
        by_path = {entry.article.absolute(): entry for entry in entries}
        if stop.is_set():  # built next pass, from the source fetched whole
            failed |= {entry.source.url for entry in entries}
            continue
        try:
            batch = build_many(show, list(by_path), engines=list(engine) if engine else engines,
                               stop=stop.is_set)  # fmt: skip
        except AudiocastError as exc:  # no engine at all: every item of the group fails
            for entry in entries:
                state.outcome(entry.source.url, entry.item.identity, "failed", str(exc))
                failed.add(entry.source.url)
            result.failures.append(str(exc))
            continue
        for outcome in batch.outcomes:
            entry = by_path[outcome.article]
            if outcome.error:
                state.outcome(entry.source.url, entry.item.identity, "failed", outcome.error)
                result.failures.append(outcome.error)
                failed.add(entry.source.url)
                continue
            state.flag(FEEDS_DUE, "1")
            state.outcome(entry.source.url, entry.item.identity, "built")
            (result.new if entry.new else result.updated).append(entry.slug)
        # Not begun (stopped by a signal): built next pass, from the source fetched whole.
        begun = {outcome.article for outcome in batch.outcomes}
        failed |= {e.source.url for path, e in by_path.items() if path not in begun}
    return failed


def add_source(
    show: Show, url: str, *, categories: tuple[str, ...] = (), title_pattern: str | None = None
) -> Feed:
    """Fetch `url` once, say what it is, and append it to audiocast.toml as a [[sources]]
    table: the producer's file is kept as written (comments and all), the table added at its
    end, in one atomic write. SourceError when it is no feed; ConfigError when it is there."""
    import tomllib

    from pydantic import ValidationError

    from ..config import Settings
    from ..defaults import SETTINGS_FILE

    if any(source.url == url for source in show.settings.sources):
        raise SourceError(f"{url} is already a source of this show (audiocast sources)")
    try:
        asked = SourceSettings(url=url, categories=list(categories), title_pattern=title_pattern)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise ConfigError(f"{where}: {problem['msg'].removeprefix('Value error, ')}") from None
    settings = show.settings.ingest
    fetched = fetch(url, timeout=settings.timeout, max_bytes=settings.max_bytes)
    feed = read_feed(url, fetched.body or b"")
    lines = ["", "[[sources]]", f"url = {_toml(url)}", f"kind = {_toml(feed.kind)}"]
    if asked.categories:
        lines.append(f"categories = [{', '.join(_toml(c) for c in categories)}]")
    if title_pattern is not None:
        lines.append(f"title_pattern = {_toml(title_pattern)}")
    path = show.root / SETTINGS_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text and not text.endswith("\n"):
        text += "\n"
    text += "\n".join(lines) + "\n"
    Settings.model_validate(tomllib.loads(text))  # what is written reads back
    write_atomic(path, text)
    return feed


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's).

    >>> _toml('Siasa "na" uchumi')
    '"Siasa \\\\"na\\\\" uchumi"'
    """
    import json

    return json.dumps(value, ensure_ascii=False)
