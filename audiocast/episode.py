"""The episode record (episode.json): everything the feed, the page and publishing read."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import uuid
from collections.abc import Iterable
from datetime import UTC
from pathlib import Path
from typing import Any, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
)

from .errors import EpisodeError
from .fsutil import write_atomic

RECORD_FILE = "episode.json"
RECORD_VERSION = 2


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EngineInfo(_Record):
    name: str
    version: str


class RenditionRecord(_Record):
    """One encoded file of the episode, as measured after encoding."""

    profile: str
    format: str = "mp3"  # a media format's name (audiocast/media/); older records: MP3
    file: str
    bytes: int
    sha256: str
    duration: float
    loudness: float
    true_peak: float
    bitrate: str | None  # None for uncompressed audio
    sample_rate: int
    channels: int


class SentenceRecord(_Record):
    text: str
    spoken: str
    start: float
    end: float
    # When each word of `spoken` starts in the episode, if the engine said (edge): a long
    # sentence's cues start at its words (transcript.py). Absent from the file otherwise.
    words: list[float | None] | None = None

    @model_serializer(mode="wrap")
    def _words_only_when_known(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.words is None:
            data.pop("words", None)
        return data


class SegmentRecord(_Record):
    role: str
    voice: str
    text: str
    spoken: str
    start: float
    end: float
    sentences: list[SentenceRecord]
    speaker: str | None = None
    # Continues the paragraph the segment before began (direct speech inside a paragraph):
    # the transcript shows them as one paragraph, as the article does.
    inline: bool = False


class ChapterRecord(_Record):
    start: float
    end: float
    title: str
    url: str | None = None  # a bulletin's story: its own episode's page


class SourceRecord(_Record):
    name: str
    url: str | None = None


class PublicRecord(_Record):
    """The part of episode.json that the feeds, the page, the manifest and publishing use.

    Read on its own (`published`), every field here is checked as strictly as in the whole
    record, and the whole file must be well-formed JSON (a record cut short is refused), but
    the rest is not turned into objects: the segments, with every sentence's text and timing,
    are most of the file and took most of the time to read a show of thousands of episodes.
    `audiocast validate` and the builds read the whole record.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    version: int = RECORD_VERSION
    slug: str
    guid: str
    title: str
    date: AwareDatetime
    date_assumed: bool = False  # the page stated none: a producer has yet to confirm it
    author: str
    summary: str
    categories: list[str]
    source: SourceRecord | None = None
    duration: float
    renditions: dict[str, RenditionRecord]
    transcripts: dict[str, str] = {}  # format (vtt, srt) -> file name
    chapters_file: str | None = None
    built_at: AwareDatetime


class ListedRecord(PublicRecord):
    """What `audiocast list` shows of an episode: the public part and the engine."""

    engine: EngineInfo


class EpisodeRecord(PublicRecord):
    """The whole record: the public part, then how the episode was spoken and built."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: EngineInfo
    voices: dict[str, str]
    build_hash: str
    segments: list[SegmentRecord]
    chapters: list[ChapterRecord] = []
    # What the build did to fit a bulletin's length ("story 6 dropped", "pauses -0.4 s").
    notes: list[str] = []


R = TypeVar("R", bound=PublicRecord)


def new_guid(base_url: str, slug: str) -> str:
    """The GUID an episode gets at its first build; stored, then never recomputed.

    A UUIDv5 of the episode's URL, so a record lost and rebuilt gets its GUID back.
    """
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}/episodes/{slug}"))


def read_record(path: Path) -> EpisodeRecord:
    """Load and validate an episode.json."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EpisodeError(f"{path}: no such episode record; run `audiocast build` first") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EpisodeError(f"{path}: not valid JSON ({exc}); rebuild the episode") from None
    try:
        return EpisodeRecord.model_validate(data)
    except ValidationError as exc:
        raise EpisodeError(f"{path}: {_first_error(exc)}; rebuild the episode") from None


def existing_guid(path: Path) -> str | None:
    """The GUID of an earlier build, even from a record of an older format: it never changes."""
    try:
        guid = json.loads(path.read_text(encoding="utf-8")).get("guid")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return None
    return guid if isinstance(guid, str) and guid.strip() else None


def write_record(path: Path, record: EpisodeRecord) -> None:
    # Written only when true, so records stay as older versions of audiocast read them.
    unassumed = None if record.date_assumed else {"date_assumed"}
    write_atomic(path, record.model_dump_json(indent=2, exclude=unassumed) + "\n")


def list_records(episodes_dir: Path) -> list[EpisodeRecord]:
    """Every built episode under episodes/, newest first (by date, then slug)."""
    return newest_first([read_record(p) for p in sorted(episodes_dir.glob(f"*/{RECORD_FILE}"))])


def newest_first(records: Iterable[R]) -> list[R]:
    """Records by date, newest first, then by slug: the order of the feeds and the page."""
    # Compared in UTC: dates with one tzinfo compare as plain values, where dates with
    # their own offsets each ask for them, which for 10,000 records took a tenth of a second.
    return sorted(records, key=lambda r: (r.date.astimezone(UTC), r.slug), reverse=True)


def published(episodes_dir: Path, model: type[R]) -> tuple[list[R], list[tuple[str, str]]]:
    """The part `model` reads (PublicRecord: the public part) of every built episode's
    record, newest first (by date, then slug), and (folder name, problem) for each record
    that cannot be read: those are left out.
    """
    try:
        folders = sorted(entry.name for entry in os.scandir(episodes_dir) if entry.is_dir())
    except FileNotFoundError:
        return [], []
    records, unreadable = [], []
    for folder in folders:
        path = os.path.join(episodes_dir, folder, RECORD_FILE)
        try:
            with open(path, "rb") as file:
                data = file.read()
        except FileNotFoundError:
            continue  # not built yet
        except OSError as exc:
            unreadable.append((folder, f"cannot read {RECORD_FILE} ({exc.strerror})"))
            continue
        try:
            records.append(model.model_validate_json(data))
        except ValidationError as exc:
            unreadable.append((folder, f"{RECORD_FILE}: {_first_error(exc)}"))
    return newest_first(records), unreadable


def _first_error(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    if err["type"] == "json_invalid":
        return f"not valid JSON ({err['msg'].removeprefix('Invalid JSON: ')})"
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def rendition_path(episodes_dir: Path, record: PublicRecord, profile: str) -> Path:
    return episodes_dir / record.slug / record.renditions[profile].file


def media_problems(episodes_dir: Path, record: PublicRecord, *, hashes: bool = False) -> list[str]:
    """What is wrong with the media a record names: missing files, wrong sizes (and, with
    `hashes`, wrong SHA-256); empty when every file is as the record says."""
    problems = []
    folder = os.path.join(episodes_dir, record.slug)
    for rendition in record.renditions.values():
        path = os.path.join(folder, rendition.file)
        name = os.path.basename(path)
        try:
            found = os.stat(path)
        except FileNotFoundError:
            problems.append(f"{name} is missing")
            continue
        size = found.st_size
        if not stat.S_ISREG(found.st_mode):
            problems.append(f"{name} is not a file")
        elif size != rendition.bytes:
            problems.append(f"{name} has {size} bytes, not {rendition.bytes}")
        elif hashes and _sha256(Path(path)) != rendition.sha256:
            problems.append(f"{name} does not match its SHA-256")
    return problems


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as media:
        for block in iter(lambda: media.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
