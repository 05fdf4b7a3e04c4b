"""Checks of the episode records: episode.json, the folders that hold them, the transcripts
and chapters they name, and the files left that nothing names.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from ..article import load_article
from ..bulletin import BULLETIN_FILE
from ..chapters import CHAPTERS_VERSION
from ..drafts import is_draft
from ..episode import RECORD_FILE, EpisodeRecord, read_record
from ..errors import AudiocastError
from ..feed import (
    TRANSCRIPT_TYPES,
)
from ..site import feed_profiles
from ..tidy import built_files, left_temps, linked_files, record_files
from ..transcript import record_cues, subrip, webvtt
from .base import BUILD_FIX, _Chapter, _plain, _rebuild_fix
from .media import MediaChecks


class RecordChecks(MediaChecks):
    """Each episode folder: its record, its transcripts and chapters, its renditions."""

    # Episodes: episode.json and the files it names.

    def episodes(self) -> None:
        folder = self.show.episodes_dir
        folders = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        for episode in folders:
            record_path = episode / RECORD_FILE
            if record_path.is_file():
                with self.guard(self.rel(record_path), _rebuild_fix(episode.name)):
                    self.episode(episode, record_path)
            elif (episode / "article.yaml").is_file():
                self.unbuilt(episode)
                self.unbuilt_date(episode / "article.yaml")
            elif (episode / BULLETIN_FILE).is_file():
                bulletin = self.rel(episode / BULLETIN_FILE)
                fix = f"run `audiocast build {bulletin}`, then `audiocast feed`"
                self.warning(self.rel(episode), "bulletin not built yet: no feed lists it", fix)
        if not any((episode / RECORD_FILE).is_file() for episode in folders):
            self.error("episodes/", "no built episode: the feeds would be empty", BUILD_FIX)

    def episode(self, folder: Path, record_path: Path) -> None:
        where, fix = self.rel(record_path), _rebuild_fix(folder.name)
        try:
            record = read_record(record_path)
        except AudiocastError as exc:
            message = (
                str(exc).removeprefix(f"{record_path}: ").removesuffix("; rebuild the episode")
            )
            self.error(where, message, fix)
            return
        if record.slug != folder.name:
            self.error(where, f"slug {record.slug!r} is not its folder's name", fix)
            return
        (self.drafts if is_draft(folder) else self.records)[record.slug] = record
        if record.date_assumed:
            article = self.rel(folder / "article.yaml")
            self.warning(
                where,
                f"date {record.date.date().isoformat()} is assumed: the page stated none",
                f"confirm it in {article} (correct the date if needed, delete "
                "`date_assumed: true`), then rebuild and run `audiocast feed`",
            )
        chapters = self.episode_files(record, folder)
        for name in feed_profiles(self.show):
            rendition = record.renditions.get(name)
            if rendition is None or not _plain(rendition.file):
                self.error(f"{where}: renditions.{name}", f"no {name} rendition", fix)
                continue
            path = folder / rendition.file
            with self.guard(self.rel(path), fix):
                self.rendition(record, name, path, chapters)

    def leftovers(self) -> None:
        """Files that take disk space and that nothing names: temporary files of stopped
        processes, and files of builds that no record and no feed names."""
        for path in left_temps(self.show):
            try:
                size = f" ({path.stat().st_size / 1e6:.1f} MB)"
            except OSError:
                size = ""
            self.warning(
                self.rel(path),
                f"a temporary file{size} left by an audiocast that was stopped",
                "run `audiocast feed` or a build: each removes such files first",
            )
        linked = linked_files(self.show) or {}
        folder = self.show.episodes_dir
        for episode in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
            record = self.records.get(episode.name) or self.drafts.get(episode.name)
            if record is None and (episode / RECORD_FILE).exists():
                continue  # its record is unreadable, and reported
            named = record_files(record) if record else set()
            for name in built_files(episode, episode.name):
                if name not in named and name not in linked.get(episode.name, ()):
                    self.warning(
                        self.rel(episode / name),
                        "neither episode.json nor any feed names it: left by a stopped build",
                        "run `audiocast feed`: it removes files no feed names",
                    )

    def unbuilt(self, folder: Path) -> None:
        """A folder with an article and no episode: not built, or built into the folder its
        slug names (an episode's folder is named by the article's date and title)."""
        article_path = self.rel(folder / "article.yaml")
        try:
            slug = load_article(folder / "article.yaml").slug
        except AudiocastError:
            slug = folder.name  # the build reports what is wrong with the article
        if slug != folder.name and (self.show.episodes_dir / slug / RECORD_FILE).is_file():
            self.warning(
                self.rel(folder),
                f"its article is built in episodes/{slug}/, the folder its date and title name",
                f"move {article_path} into episodes/{slug}/ and delete {self.rel(folder)}/",
            )
            return
        into = f" (it builds into episodes/{slug}/)" if slug != folder.name else ""
        fix = f"run `audiocast build {article_path}`{into}, then `audiocast feed`"
        self.warning(self.rel(folder), "not built yet: no feed lists it", fix)

    def unbuilt_date(self, path: Path) -> None:
        """An article not built yet whose date the importer assumed."""
        try:
            article = load_article(path)
        except AudiocastError:
            return  # the build reports what is wrong with the article
        if article.date_assumed:
            self.warning(
                self.rel(path),
                f"date {article.date.date().isoformat()} is assumed: the page stated none",
                "correct the date if needed and delete `date_assumed: true`, then build it",
            )

    def episode_files(self, record: EpisodeRecord, folder: Path) -> list[_Chapter] | None:
        """Transcripts and chapters named by the record; the chapters for the tags' check."""
        where, fix = self.rel(folder / RECORD_FILE), _rebuild_fix(record.slug)
        for kind in TRANSCRIPT_TYPES:
            name = record.transcripts.get(kind)
            if name and _plain(name):
                self.transcript(folder / name, kind)
                self.transcript_text(record, folder / name, kind)
            else:
                self.error(f"{where}: transcripts.{kind}", f"no {kind} transcript", fix)
        if record.chapters_file and _plain(record.chapters_file):
            return self.chapters(folder / record.chapters_file)
        self.error(f"{where}: chapters_file", "no chapters file", fix)
        return None

    def transcript(self, path: Path, kind: str) -> None:
        where, fix = self.rel(path), _rebuild_fix(path.parent.name)
        if not path.is_file():
            self.error(where, "missing: apps show no transcript", fix)
            return
        with self.guard(where, fix):
            for problem in _cue_problems(path.read_text(encoding="utf-8"), kind):
                self.error(where, problem, fix)

    def transcript_text(self, record: EpisodeRecord, path: Path, kind: str) -> None:
        """The transcript says what the record says was spoken, when: not another build's."""
        if not path.is_file():
            return  # reported as missing
        with self.guard(self.rel(path), _rebuild_fix(record.slug)):
            cues = record_cues(record.segments)  # as the build made them
            expected = webvtt(cues) if kind == "vtt" else subrip(cues)
            mismatch = _cue_mismatch(path.read_text(encoding="utf-8"), expected, kind)
            if mismatch:
                problem = f"{mismatch}: the transcript is not this build's"
                self.error(self.rel(path), problem, _rebuild_fix(record.slug))

    def chapters(self, path: Path) -> list[_Chapter] | None:
        where, fix = self.rel(path), _rebuild_fix(path.parent.name)
        if not path.is_file():
            self.error(where, "missing: apps show no chapters", fix)
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.error(where, f"not JSON ({exc})", fix)
            return None
        chapters, problems = _parse_chapters(data)
        for element, problem in problems:
            self.error(f"{where}: {element}", problem, fix)
        return None if problems else chapters


_CLOCK = {
    "vtt": re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$"),
    "srt": re.compile(r"^(\d+):(\d{2}):(\d{2}),(\d{3})$"),
}


def _cue_problems(text: str, kind: str) -> list[str]:
    """What keeps a WebVTT or SubRip transcript from being read, in order of the file.

    >>> _cue_problems("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHabari\\n", "vtt")
    []
    >>> _cue_problems("1\\n00:00:02,000 --> 00:00:01,000\\nHabari\\n", "srt")
    ['cue 1 ends before it starts']
    """
    blocks = _cue_blocks(text, kind)
    if blocks is None:
        return ["no WEBVTT header: players refuse the file"]
    problems: list[str] = []
    previous = -1.0
    for number, (begin, end, _) in enumerate((_cue(b, kind) for b in blocks), 1):
        if begin is None or end is None:
            problems.append(f"cue {number} has no valid timing line")
            continue
        if end < begin:
            problems.append(f"cue {number} ends before it starts")
        if begin < previous:
            problems.append(f"cue {number} starts before the cue above it")
        previous = begin
    if not blocks:
        problems.append("no cues: the transcript is empty")
    return problems


def _cue_blocks(text: str, kind: str) -> list[list[str]] | None:
    """The cues' blocks of lines; None for WebVTT without its header."""
    blocks = [b.strip("\n").split("\n") for b in re.split(r"\n\s*\n", text.replace("\r", ""))]
    blocks = [b for b in blocks if any(line.strip() for line in b)]
    if kind == "vtt":
        if not blocks or not re.match(r"^\ufeff?WEBVTT(?:[ \t].*)?$", blocks[0][0]):
            return None
        blocks = [b for b in blocks[1:] if not b[0].startswith(("NOTE", "STYLE", "REGION"))]
    return blocks


def _cue(lines: list[str], kind: str) -> tuple[float | None, float | None, str]:
    """A cue's start, end and text (lines joined; a WebVTT voice span unwrapped)."""
    at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
    if at is None:
        return None, None, ""
    start, _, rest = lines[at].partition("-->")
    text = " ".join(lines[at + 1 :])
    voiced = re.fullmatch(r"<v[ .][^>]*>(.*)</v>", text)
    return (
        _seconds(start.strip(), kind),
        _seconds(rest.strip().split(" ")[0], kind),
        voiced.group(1) if voiced else text,
    )


def _cue_mismatch(found: str, expected: str, kind: str) -> str | None:
    """How a transcript differs from the one its record gives (text, or times beyond 1 ms);
    None when it is the same.

    >>> vtt = lambda text: f"WEBVTT\\n\\n1\\n00:00:01.000 --> 00:00:02.000\\n{text}\\n"
    >>> _cue_mismatch(vtt("Habari."), vtt("Habari."), "vtt") is None
    True
    >>> _cue_mismatch(vtt("Habari za zamani."), vtt("Habari."), "vtt")
    "cue 1 reads 'Habari za zamani.'; episode.json 'Habari.'"
    """
    have = [_cue(b, kind) for b in _cue_blocks(found, kind) or []]
    want = [_cue(b, kind) for b in _cue_blocks(expected, kind) or []]
    for number, (got, wanted) in enumerate(zip(have, want, strict=False), 1):
        if got[2] != wanted[2]:
            return f"cue {number} reads {_brief(got[2])}; episode.json {_brief(wanted[2])}"
        times = zip(got[:2], wanted[:2], strict=True)
        if any(a is None or b is None or abs(a - b) > 0.0015 for a, b in times):
            return f"cue {number} at {got[0]}-{got[1]} s; episode.json {wanted[0]}-{wanted[1]} s"
    if len(have) != len(want):
        return f"{len(have)} cues; episode.json has {len(want)} sentences"
    return None


def _brief(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _seconds(clock: str, kind: str) -> float | None:
    match = _CLOCK[kind].match(clock)
    if not match:
        return None
    hours, minutes, seconds, millis = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _parse_chapters(data: object) -> tuple[list[_Chapter], list[tuple[str, str]]]:
    """Podcasting 2.0 chapters: the chapters, and (element, problem) pairs for what is wrong."""
    if not isinstance(data, dict):
        return [], [("version", "not a JSON object with version and chapters")]
    problems: list[tuple[str, str]] = []
    if data.get("version") != CHAPTERS_VERSION:
        problems.append(("version", f"{data.get('version')!r}, not {CHAPTERS_VERSION!r}"))
    entries = data.get("chapters")
    if not isinstance(entries, list) or not entries:
        return [], [*problems, ("chapters", "no list of chapters")]
    chapters: list[_Chapter] = []
    for index, entry in enumerate(entries):
        at = f"chapters[{index}]"
        fields = entry if isinstance(entry, dict) else {}
        start, end = _seconds_field(fields.get("startTime")), _seconds_field(fields.get("endTime"))
        if start is None:
            problems.append((f"{at}.startTime", f"{fields.get('startTime')!r} is not seconds"))
            continue
        if "endTime" in fields and (end is None or end <= start):
            problems.append((f"{at}.endTime", f"{fields['endTime']!r} is not after {start}"))
        if not isinstance(fields.get("title", ""), str):
            problems.append((f"{at}.title", "not a string"))
        if chapters and start <= chapters[-1].start:
            before = chapters[-1].start
            problem = f"{start} s is not after the chapter before ({before} s): apps need ascending"
            problems.append((f"{at}.startTime", problem))
        chapters.append(_Chapter(start, end))
    return chapters, problems


def _seconds_field(value: object) -> float | None:
    """A JSON number of seconds (not a string, not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None
