"""The state every check shares: the show, what has been read and measured, the problems
found; and how a problem says where it is and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from ..episode import EpisodeRecord
from ..show import Show

Severity = Literal["error", "warning"]

FEED_FIX = "run `audiocast feed`"
BUILD_FIX = "run `audiocast build episodes/<slug>/article.yaml`, then `audiocast feed`"


def _rebuild_fix(slug: str) -> str:
    return f"rebuild with `audiocast build episodes/{slug}/article.yaml`, then run `audiocast feed`"


@dataclass(frozen=True)
class Problem:
    """One defect: how bad, which file and element, what is wrong, what the producer does."""

    severity: Severity
    where: str
    problem: str
    fix: str


@dataclass
class Checker:
    """The show being checked and all that checking it has found so far."""

    show: Show
    measure_audio: bool
    records: dict[str, EpisodeRecord] = field(default_factory=dict)
    # Drafts (drafts.py): their records are checked, but no feed or page is to list them.
    drafts: dict[str, EpisodeRecord] = field(default_factory=dict)
    lengths: dict[Path, float] = field(default_factory=dict)  # seconds each media file plays
    digests: dict[Path, str] = field(default_factory=dict)  # SHA-256 of each media file, hex
    problems: list[Problem] = field(default_factory=list)

    def error(self, where: str, problem: str, fix: str) -> None:
        self.problems.append(Problem("error", where, problem, fix))

    def warning(self, where: str, problem: str, fix: str) -> None:
        self.problems.append(Problem("warning", where, problem, fix))

    @contextmanager
    def guard(self, where: str, fix: str) -> Iterator[None]:
        try:
            yield
        except Exception as exc:  # a damaged file can break any parser: report it, never crash
            self.error(where, f"cannot be read ({type(exc).__name__}: {exc})", fix)

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.show.root).as_posix()
        except ValueError:
            return str(path)

    def local(self, url: str) -> Path | None:
        """The file in the show folder a published URL names; None when it is elsewhere."""
        base = self.show.settings.show.base_url + "/"
        if not url.startswith(base):
            return None
        path = (self.show.root / unquote(url[len(base) :])).resolve()
        return path if path.is_relative_to(self.show.root) else None


@dataclass(frozen=True)
class _Chapter:
    start: float
    end: float | None


def _plain(name: str) -> bool:
    """A file name that stays in its folder (episode.json is input too)."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name
