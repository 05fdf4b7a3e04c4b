"""A show on disk: its settings, episodes, feeds and cache, and the paths between them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Settings, load_settings
from .defaults import SETTINGS_FILE
from .errors import ArticleError, AudiocastError, ConfigError, EpisodeError
from .inputs import read_input

_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
ARTICLE_FILES = ("article.yaml", "article.yml", "article.json")


@dataclass(frozen=True)
class Show:
    root: Path
    settings: Settings

    @classmethod
    def open(cls, root: Path) -> Show:
        """The show whose audiocast.toml is in `root` (every default when there is none)."""
        if not root.is_dir():
            raise ConfigError(f"{root}: no such show folder")
        root = root.resolve()
        settings = load_settings(root / SETTINGS_FILE)
        # Paths in audiocast.toml are from the show folder, wherever audiocast runs from.
        located = {name: section.located(root) for name, section in settings
                   if hasattr(section, "located")}  # fmt: skip
        settings = settings.model_copy(update=located)
        return cls(root, settings)

    @classmethod
    def find(cls, start: Path) -> Show:
        """The nearest show at or above `start`, else `start` itself as a show of defaults."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / SETTINGS_FILE).is_file():
                return cls.open(folder)
        return cls.open(start)

    @property
    def episodes_dir(self) -> Path:
        return self.root / "episodes"

    @property
    def feeds_dir(self) -> Path:
        return self.root / "feeds"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "segments"

    def inside(self, name: str) -> Path:
        """A file the settings name, which must be inside the show folder."""
        path = (self.root / name).resolve()
        if not path.is_relative_to(self.root):
            raise ConfigError(f"{name!r} is outside the show folder {self.root}; move it inside")
        return path

    def episode_dir(self, slug: str) -> Path:
        """The folder of an episode; a slug can never name a path outside episodes/."""
        if not _SAFE_NAME.match(slug):
            raise EpisodeError(f"{slug!r} is not a safe episode name (a-z, 0-9 and '-' only)")
        return self.episodes_dir / slug

    def check_slug(self, slug: str, article: Path) -> None:
        """Refuse to build `article` when another article of the show has the same slug,
        whatever its folder is called.

        Both would write episodes/<slug>/ and the second build would silently replace the
        first story. An identical copy of the episode folder's own article (a file built from
        the inbox) is no conflict.
        """
        for other in self._articles_claiming(slug, article):
            raise ArticleError(
                f"{article}: slug {slug!r} already belongs to {other}; give one of the two "
                "articles its own slug: line"
            )

    def _articles_claiming(self, slug: str, article: Path) -> Iterator[Path]:
        from .article import load_article  # the Swahili rules: only a build needs them

        limit = self.settings.limits.article_bytes
        inside = article.resolve().is_relative_to(self.episodes_dir)
        own = self.episode_dir(slug)
        try:
            data = _read(article, limit)
        except (OSError, AudiocastError):
            data = b""
        for name in ARTICLE_FILES:
            for other in sorted(self.episodes_dir.glob(f"*/{name}")):
                try:
                    if other.samefile(article):
                        continue
                    if other.parent == own:
                        if inside or _read(other, len(data) + 1) != data:
                            yield other
                        continue
                    # A slug is the date and words of the title, or written out: an article
                    # that holds neither this slug nor its date cannot claim it (a cheap test
                    # that spares parsing the whole show for every build).
                    raw = _read(other, limit)
                    day = slug[:10].encode()
                    if (
                        slug.encode() not in raw
                        and day not in raw
                        and day.replace(b"-", b"") not in raw
                    ):
                        continue
                    if load_article(other, limit).slug == slug:
                        yield other
                except (OSError, AudiocastError):
                    continue  # its own build reports what is wrong with it


def _read(path: Path, limit: int) -> bytes:
    return read_input(path, limit, ArticleError)
