"""What listeners and producers find on disk: the files the written feeds name, whole episodes,
and nothing left over. Shared by the crash, concurrency and rebuild tests."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path
from typing import Any

import mutagen
from mutagen.id3 import ID3
from mutagen.mp4 import MP4

# Every file a feed item names, with the size an enclosure announces.
_LINK = re.compile(
    rb'<(enclosure|podcast:transcript|podcast:chapters) url="[^"]*?/(episodes/[^"]+)"'
    rb'(?: length="(\d+)")?'
)
_EPISODE_FILE = re.compile(rb"episodes/([a-z0-9-]+)/([A-Za-z0-9._-]+)")
_EPISODE_FOLDER = re.compile(rb"episodes/([a-z0-9-]+)/(?=[<\"])")  # its page, index.html


def feed_links(show: Path) -> list[tuple[str, int | None]]:
    """(path under the show, announced length) of every file the feeds on disk name."""
    return [
        (path.decode(), int(length) if length else None)
        for feed in sorted((show / "feeds").glob("*.xml"))
        for _, path, length in _LINK.findall(feed.read_bytes())
    ]


def broken_links(show: Path) -> list[str]:
    """What the feeds on disk name that a listener would not get whole: missing files and
    enclosures whose size is not the announced length."""
    broken = []
    for name, length in feed_links(show):
        path = show / name
        if not path.is_file():
            broken.append(f"{name} is missing")
        elif length is not None and path.stat().st_size != length:
            broken.append(f"{name} has {path.stat().st_size} bytes, the feed says {length}")
    return broken


def linked_names(show: Path) -> set[str]:
    """episodes/<slug>/<name> of every file that any file in feeds/ or an episode's page
    links to (a link to an episode's folder names its page, index.html, as a web host serves
    it; a page names its embed, embed.html, in the snippet it offers)."""
    found = set()
    for path in [*(show / "feeds").iterdir(), *(show / "episodes").glob("*/index.html")]:
        if path.is_file():
            data = path.read_bytes()
            found |= {f"episodes/{s.decode()}/{n.decode()}" for s, n in _EPISODE_FILE.findall(data)}
            found |= {f"episodes/{s.decode()}/index.html" for s in _EPISODE_FOLDER.findall(data)}
    return found


def stray_files(show: Path) -> list[str]:
    """Files in episode folders that neither their record nor any feed names, and temporary
    files anywhere."""
    linked = linked_names(show)
    stray = [str(p.relative_to(show)) for p in show.rglob(".*.tmp")]
    for folder in sorted((show / "episodes").iterdir()):
        record_path = folder / "episode.json"
        named = record_files(json.loads(record_path.read_text())) if record_path.exists() else set()
        for path in sorted(folder.iterdir()):
            key = f"episodes/{folder.name}/{path.name}"
            if path.name in {"article.yaml", "episode.json"} or path.name.startswith("."):
                continue
            if path.name not in named and key not in linked:
                stray.append(key)
    return stray


def record_files(record: dict[str, Any]) -> set[str]:
    names = {r["file"] for r in record["renditions"].values()}
    return names | set(record["transcripts"].values()) | {record["chapters_file"]}


def cue_texts(text: str) -> list[str]:
    """The text of each cue of a WebVTT or SubRip file (voice spans unwrapped)."""
    blocks = [b.strip().splitlines() for b in text.split("\n\n") if "-->" in b]
    texts = [" ".join(b[next(i for i, x in enumerate(b) if "-->" in x) + 1 :]) for b in blocks]
    return [re.sub(r"^<v [^>]*>(.*)</v>$", r"\1", t) for t in texts]


def summary_tag(path: Path) -> str:
    """The summary a media file's own tags carry, read as that container's readers do."""
    if path.suffix == ".wav":  # the LIST/INFO chunk's ICMT
        data = path.read_bytes()
        start = data.index(b"ICMT") + 8
        size = int.from_bytes(data[start - 4 : start], "little")
        return data[start : start + size].rstrip(b"\0").decode("utf-8")
    media = mutagen.File(path)
    assert media is not None and media.tags is not None, f"{path.name} has no tags"
    if isinstance(media.tags, ID3):
        return str(media.tags.getall("COMM")[0].text[0])
    if isinstance(media, MP4):
        return str(media.tags["\xa9cmt"][0])
    return str(media.tags["comment"][0])  # Vorbis comments


def whole_episode(folder: Path) -> dict[str, Any]:
    """The episode's record, after checking that every file it names is from the same build:
    renditions of the recorded size and hash whose tags carry its summary, transcripts that
    say its sentences, chapters that are its chapters."""
    record: dict[str, Any] = json.loads((folder / "episode.json").read_text())
    for rendition in record["renditions"].values():
        data = (folder / rendition["file"]).read_bytes()
        assert len(data) == rendition["bytes"], rendition["file"]
        assert hashlib.sha256(data).hexdigest() == rendition["sha256"], rendition["file"]
        comment = summary_tag(folder / rendition["file"])
        assert comment == record["summary"], f"{rendition['file']} is another build's"
    sentences = [s["text"] for seg in record["segments"] for s in seg["sentences"]]
    for kind in ("vtt", "srt"):
        text = (folder / record["transcripts"][kind]).read_text()
        assert cue_texts(text) == sentences, f"the {kind} transcript is another build's"
    chapters = json.loads((folder / record["chapters_file"]).read_text())["chapters"]
    assert [(c["startTime"], c["title"]) for c in chapters] == [
        (c["start"], c["title"]) for c in record["chapters"]
    ], "the chapters are another build's"
    return record


class FeedWatcher:
    """Checks, over and over while other processes run, that every file the feeds on disk
    name is there whole. A file missing while its feed is being replaced counts only if the
    feed still names it afterwards: a listener who fetches it then gets a 404."""

    def __init__(self, show: Path) -> None:
        self.show = show
        self.checks = 0
        self.broken: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> FeedWatcher:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            feeds = _snapshot(self.show)
            broken = broken_links(self.show)
            if broken and _snapshot(self.show) == feeds:
                self.broken += broken
            self.checks += 1


def _snapshot(show: Path) -> dict[str, bytes]:
    return {feed.name: feed.read_bytes() for feed in sorted((show / "feeds").glob("*.xml"))}
