"""Checks of the media files: each rendition as its format, its tags and its measured
loudness against the profile that made it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..config import Profile
from ..episode import EpisodeRecord
from ..loudness import measure_file
from ..media import Expected, format_of, media_format
from .base import Checker, _Chapter, _rebuild_fix

LOUDNESS_TOLERANCE = 1.0  # LU either side of the profile's target (Apple, EBU R128)


class MediaChecks(Checker):
    """The renditions on disk, as episode.json records them."""

    def rendition(
        self, record: EpisodeRecord, name: str, path: Path, chapters: list[_Chapter] | None
    ) -> None:
        where, fix = self.rel(path), _rebuild_fix(record.slug)
        rendition, profile = record.renditions[name], self.show.settings.profiles[name]
        if not path.is_file():
            self.error(where, "missing: the feed's enclosure points at nothing", fix)
            return
        data = path.read_bytes()
        self.digests[path] = hashlib.sha256(data).hexdigest()
        if len(data) != rendition.bytes:
            self.error(
                f"{where}: size", f"{len(data)} bytes; episode.json says {rendition.bytes}", fix
            )
        if self.digests[path] != rendition.sha256:
            problem = "differs from episode.json: the file changed after the build"
            self.error(f"{where}: SHA-256", f"{problem} (partners verify downloads by it)", fix)
        if rendition.format != profile.format:
            problem = f"{rendition.format}; the {name} profile now asks for {profile.format}"
            self.error(f"{where}: format", problem, fix)
            return
        media = media_format(profile.format)
        stream = media.check(path, profile.encoding, name)
        for element, problem in stream:
            self.error(f"{where}: {element}" if element else where, problem, fix)
        if stream and not stream[0][0]:
            return  # not the format at all
        self.lengths[path] = media.length(path)
        expected = Expected(
            record.title,
            record.date.date().isoformat(),
            record.summary,
            None if chapters is None else tuple((c.start, c.end) for c in chapters),
            rendition.loudness,
            rendition.true_peak,
        )
        for element, problem in media.check_tags(path, expected):
            self.error(f"{where}: {element}", problem, fix)
        if self.measure_audio:
            self.loudness(path, profile, name, fix)

    def loudness(self, path: Path, profile: Profile, name: str, fix: str) -> None:
        where, rate = self.rel(path), profile.sample_rate
        # Decoded as the profile's listener hears it: dual mono counts twice in BS.1770.
        measured = measure_file(path, rate, profile.channels)
        self.lengths[path] = measured.duration
        loudness, peak = measured.loudness, measured.true_peak
        if not abs(loudness - profile.loudness) <= LOUDNESS_TOLERANCE:
            needed = f"{profile.loudness:g} ± {LOUDNESS_TOLERANCE:g} LU"
            self.error(f"{where}: loudness", f"{loudness:.1f} LUFS; {name} needs {needed}", fix)
        if peak > profile.true_peak:
            problem = f"{peak:.1f} dBTP, above {name}'s {profile.true_peak:g} dBTP: it distorts"
            self.error(f"{where}: true peak", problem, fix)
        for element, problem in media_format(profile.format).check_measured(path, measured):
            self.error(f"{where}: {element}", problem, fix)

    def length(self, path: Path) -> float | None:
        """Seconds a media file plays: decoded when measured, else from its headers."""
        media = format_of(path.name)
        if media is None or not path.is_file():
            return None
        if path not in self.lengths:
            try:
                self.lengths[path] = media.length(path)
            except Exception:  # the file's own problems are reported with the episode
                return None
        return self.lengths[path]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
