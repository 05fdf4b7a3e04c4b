"""What a show's writers leave behind, and when it may go.

An episode is one unit. A build writes every file of it (the renditions, the transcripts,
the chapters) as temporary files, each under a new name carrying the hash of its content
(`<slug>-<hash8>.mp3`, `<slug>-<hash8>.mobile.m4a`, `<slug>-<hash8>.vtt`, `.srt`,
`.chapters.json`), and commits them under the show lock in one step: if the article on disk
is still the one it read, the files are renamed into place and episode.json, which names
them, replaces the old record. A build whose article changed meanwhile (another build of
the new text is running or ran) commits nothing and deletes its temporary files.

A rebuild leaves the previous files in place: the feeds written before it still name them,
and listeners and web servers fetch what the feeds name. They go in a collection
(`collect`, always under the show lock) that deletes a build's file only when neither the
episode's current record nor any file in feeds/ (the feeds, the page, the manifest) names
it: after a build, for that episode; after `audiocast feed` has written the new feeds, for
every episode. So at every moment each file a written feed names is on disk, whole.

Temporary files are held by their writer (see fsutil.py); those of a killed process are
deleted at the start of every command that takes the show lock (`clean_temps`), and
`audiocast validate` reports any that are left (`left_temps`).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote

from .episode import RECORD_FILE, PublicRecord
from .fsutil import dead_temps
from .media import SUFFIX_PATTERN
from .show import Show

log = logging.getLogger(__name__)

# A build's file names after the slug: hashed media with their profile, and the transcripts
# and chapters, hashed (and unhashed, as builds before them wrote them).
_BUILT = re.compile(
    rf"(?:-[0-9a-f]{{8}}(?:\.[A-Za-z0-9_-]+)?(?:{SUFFIX_PATTERN})"
    r"|(?:-[0-9a-f]{8})?\.(?:vtt|srt|chapters\.json))"
)
# How the feeds, the page and the manifest name an episode's file: episodes/<slug>/<name>.
_LINKED = re.compile(rb"episodes/([a-z0-9][a-z0-9-]{0,99})/([A-Za-z0-9][A-Za-z0-9._%-]*)")
_NAME = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._%-]*")
_LINKING = (".xml", ".html", ".json")  # what in feeds/ can link to a file (not the artwork)


def temp_folders(show: Show) -> Iterator[Path]:
    """Every folder audiocast writes files in, so every place a temporary file can be left."""
    yield show.root
    yield show.feeds_dir
    yield show.root / "voices"
    yield show.root / ".cache"
    for parent in (show.episodes_dir, show.cache_dir, show.root / "kurasa"):  # home.py's pages
        try:
            with os.scandir(parent) as entries:
                folders = sorted(e.path for e in entries if e.is_dir(follow_symlinks=False))
        except (FileNotFoundError, NotADirectoryError):
            continue
        yield from map(Path, folders)


def clean_temps(show: Show) -> dict[Path, list[str]]:
    """Delete the temporary files killed processes left anywhere in the show; those being
    written by a running build stay. Returns each folder's listing without them, for a
    collection under the same hold of the lock to reuse."""
    listing = {}
    for folder in temp_folders(show):
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries]
        except (FileNotFoundError, NotADirectoryError):
            continue
        removed = {path.name for path in dead_temps(folder, remove=True, names=names)}
        for name in sorted(removed):
            log.info("removed %s, left by an audiocast that was stopped", folder / name)
        listing[folder] = [name for name in names if name not in removed]
    return listing


def left_temps(show: Show) -> list[Path]:
    """The temporary files killed processes left (what `clean_temps` would delete)."""
    return [path for folder in temp_folders(show) for path in dead_temps(folder)]


def built_files(folder: Path, slug: str, names: Iterable[str] | None = None) -> list[str]:
    """The names in an episode folder that builds write (never article.yaml or episode.json,
    nor anything a producer put there); `names` is its listing, if it was just read."""
    if names is None:
        try:
            with os.scandir(folder) as entries:
                names = [e.name for e in entries if e.is_file()]
        except (FileNotFoundError, NotADirectoryError):
            return []
    start = len(slug)
    return sorted(n for n in names if n.startswith(slug) and _BUILT.fullmatch(n, start))


def record_files(record: PublicRecord) -> set[str]:
    """The files a record names."""
    names = {rendition.file for rendition in record.renditions.values()}
    names.update(record.transcripts.values())
    if record.chapters_file:
        names.add(record.chapters_file)
    return names


def linked_files(
    show: Show, slugs: Collection[str] | None = None, skip: Collection[Path] = ()
) -> dict[str, set[str]] | None:
    """slug -> the names of its files that the feeds, pages and manifests in feeds/ link to
    (only for `slugs` if given; files in `skip` are not read). None if one of them cannot be
    read: then nothing may be collected."""
    try:
        with os.scandir(show.feeds_dir) as entries:
            paths = [
                Path(e.path)
                for e in entries
                if e.name.endswith(_LINKING) and not e.name.startswith(".") and e.is_file()
            ]
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("cannot read %s (%s): no old media removed", show.feeds_dir, exc.strerror)
        return None
    pairs: set[tuple[bytes, bytes]] = set()  # each file is named many times: decoded once
    for path in paths:
        if path in skip:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            log.warning("cannot read %s (%s): no old media removed", path, exc.strerror)
            return None
        if slugs is None:
            pairs.update(_LINKED.findall(data))
            continue
        for wanted in slugs:  # a few episodes of a large show: found without parsing it all
            needle = f"episodes/{wanted}/".encode()
            at = data.find(needle)
            while at >= 0:
                found = _NAME.match(data, at + len(needle))
                if found:
                    pairs.add((wanted.encode(), found.group()))
                at = data.find(needle, at + len(needle))
    linked: dict[str, set[str]] = {}
    for folder, name in pairs:
        linked.setdefault(folder.decode(), set()).add(unquote(name.decode()))
    return linked


def collect(
    show: Show,
    slugs: Collection[str],
    records: Mapping[str, PublicRecord] | None = None,
    written: Collection[Path] = (),
    listing: Mapping[Path, list[str]] | None = None,
) -> list[Path]:
    """Under the show lock: delete each episode's built files that neither its current
    record nor any file in feeds/ names. `records` are current records already read;
    `written` are files in feeds/ just written from them, which name nothing more;
    `listing` is what `clean_temps` found in the folders under the same hold of the lock."""
    linked = linked_files(show, None if records else slugs, skip=written)
    if linked is None:
        return []
    removed = []
    for slug in slugs:
        folder = show.episodes_dir / slug
        names = built_files(folder, slug, (listing or {}).get(folder))
        if not names:
            continue
        record = (records or {}).get(slug)
        current = record_files(record) if record else _current_files(folder / RECORD_FILE)
        if current is None:
            continue  # a record that cannot be read: what it names cannot be told
        for name in names:
            if name not in current and name not in linked.get(slug, ()):
                try:
                    (folder / name).unlink()
                except OSError:
                    continue  # gone already, or not a file
                removed.append(folder / name)
    for path in removed:
        log.info("removed %s: no record and no feed names it any more", path)
    return removed


def _current_files(path: Path) -> set[str] | None:
    """The files the record at `path` names; empty with no record, None if unreadable."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return set()
    except (OSError, ValueError):
        return None
    try:
        names = {r["file"] for r in data["renditions"].values()}
        names.update(data.get("transcripts", {}).values())
        if data.get("chapters_file"):
            names.add(data["chapters_file"])
    except (AttributeError, KeyError, TypeError):
        return None
    return {name for name in names if isinstance(name, str)}
