"""The edge of `audiocast import`: read a page, import it, write article.yaml for review."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..article import parse_article
from ..errors import ArticleError
from ..fsutil import write_atomic
from ..show import Show
from . import Dropped, import_article, to_yaml

_KINDS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a news page, not an archive


@dataclass(frozen=True)
class Imported:
    path: Path
    dropped: list[Dropped]
    notes: list[str]
    date_assumed: bool = False  # the page stated no date: today's was used


def import_file(
    show: Show,
    source: Path,
    *,
    output: Path | None = None,
    kind: str = "auto",
    force: bool = False,
    date: datetime.date | None = None,
) -> Imported:
    """Import `source` into `output` (default episodes/<slug>/article.yaml of the show).

    `date` overrides the page's date; a page without one gets today's in the show's time zone.
    """
    try:
        if source.stat().st_size > MAX_SOURCE_BYTES:
            raise ArticleError(
                f"{source}: {source.stat().st_size // 1_000_000} MB is too large for a news "
                f"page (at most {MAX_SOURCE_BYTES // 1_000_000} MB)"
            )
        raw = source.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{source}: is a folder; give the page file") from None
    if kind == "auto":
        kind = _KINDS.get(source.suffix.lower(), "auto")
    result = import_article(
        raw, kind, origin=str(source), date=date, today=show.settings.show.today()
    )
    slug = parse_article(result.article, str(source)).slug
    target = output or show.episode_dir(slug) / "article.yaml"
    if target.exists() and not force:
        raise ArticleError(f"{target} already exists; review it, or use --force to replace it")
    write_atomic(target, to_yaml(result.article, origin=source.name, notes=result.notes))
    assumed = result.article.get("date_assumed") is True
    return Imported(target, result.dropped, result.notes, assumed)
