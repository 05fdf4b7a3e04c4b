"""The edge of `audiocast import`: read a page (or a folder of pages), import it, write
article.yaml for review."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import parse_article
from ..errors import ArticleError, AudiocastError, system_error
from ..fsutil import write_atomic
from ..inputs import read_input
from ..show import Show
from . import Dropped, import_article, to_yaml

log = logging.getLogger(__name__)

_KINDS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a news page, not an archive


@dataclass(frozen=True)
class Imported:
    path: Path
    dropped: list[Dropped]
    notes: list[str]
    article: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageOutcome:
    """What became of one page of a folder; `error` is set when it failed."""

    page: Path
    imported: Imported | None = None
    error: str | None = None

    @property
    def date(self) -> str | None:
        value = self.imported.article.get("date") if self.imported else None
        return str(value) if value else None

    @property
    def date_assumed(self) -> bool:
        return bool(self.imported and self.imported.article.get("date_assumed") is True)

    @property
    def quotes(self) -> int:
        """Direct speech found: quote blocks, and quotes inside paragraphs."""
        return count_quotes(self.imported.article) if self.imported else 0

    @property
    def warnings(self) -> int:
        return len(self.imported.notes) if self.imported else 0


@dataclass(frozen=True)
class FolderImport:
    """Every page of a folder, in order, and the files that were not pages."""

    outcomes: list[PageOutcome]
    ignored: list[Path]

    @property
    def failed(self) -> list[PageOutcome]:
        return [o for o in self.outcomes if o.error]


def count_quotes(article: dict[str, Any]) -> int:
    """Pieces of direct speech in an article: quote blocks plus paragraphs' `quotes` entries.

    >>> count_quotes({"body": [{"quote": "Ndiyo."}, {"paragraph": "A.", "quotes": [{}, {}]}]})
    3
    """
    found = 0
    for block in article.get("body") or ():
        if isinstance(block, dict):
            found += "quote" in block
            found += len(block.get("quotes") or ())
    return found


def import_file(
    show: Show,
    source: Path,
    *,
    output: Path | None = None,
    kind: str = "auto",
    force: bool = False,
    keep: Collection[Path] = (),
    date: datetime.date | None = None,
) -> Imported:
    """Import `source` into `output` (default episodes/<slug>/article.yaml of the show).

    `keep` are files never replaced, even with `force`: those a folder import just wrote;
    `date` overrides the page's date; a page without one gets today's in the show's time zone.
    """
    try:
        size = source.stat().st_size
        if size <= MAX_SOURCE_BYTES:
            # Bounded by what is read, not by the size: a link to a device says 0 bytes.
            raw = read_input(source, MAX_SOURCE_BYTES, ArticleError)
            size = max(size, len(raw))
        if size > MAX_SOURCE_BYTES:
            raise ArticleError(
                f"{source}: {size // 1_000_000} MB is too large for a news "
                f"page (at most {MAX_SOURCE_BYTES // 1_000_000} MB)"
            )
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
    if target in keep:
        raise ArticleError(
            f"{target} was just written from another page of this folder (same title and "
            "date); import this page on its own with --output to keep both"
        )
    if target.exists() and not force:
        raise ArticleError(f"{target} already exists; review it, or use --force to replace it")
    write_atomic(target, to_yaml(result.article, origin=source.name, notes=result.notes))
    return Imported(target, result.dropped, result.notes, article=result.article)


def folder_pages(folder: Path) -> tuple[list[Path], list[Path]]:
    """The pages of a folder (.txt, .html, .htm, .json, by name), and its other files.

    Hidden files (an editor's or the system's) are neither; sub-folders are not entered.
    """
    pages: list[Path] = []
    ignored: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        (pages if path.suffix.lower() in _KINDS else ignored).append(path)
    return pages, ignored


def import_folder(
    show: Show,
    folder: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> FolderImport:
    """Import every page of `folder`; a page that fails is reported, the rest go on.

    `options` are import_file's (kind, force …), the same for every page; `progress` is
    told (done, total) after each page.
    """
    if not folder.is_dir():
        raise ArticleError(f"{folder}: no such folder")
    pages, ignored = folder_pages(folder)
    if not pages:
        raise ArticleError(
            f"{folder}: no pages to import; put copied pages (.txt), saved pages (.html, .htm) "
            "or CMS exports (.json) in it"
        )
    outcomes: list[PageOutcome] = []
    written: set[Path] = set()
    if progress:
        progress(0, len(pages))
    for done, page in enumerate(pages, 1):
        outcome = _import_page(show, page, written, options)
        if outcome.imported:
            written.add(outcome.imported.path)
        outcomes.append(outcome)
        if progress:
            progress(done, len(pages))
    return FolderImport(outcomes, ignored)


def _import_page(
    show: Show, page: Path, written: set[Path], options: dict[str, Any]
) -> PageOutcome:
    try:
        return PageOutcome(page, import_file(show, page, keep=written, **options))
    except AudiocastError as exc:
        return PageOutcome(page, error=str(exc))
    except OSError as exc:  # a full disk, a folder we may not write
        return PageOutcome(page, error=f"{page}: {system_error(exc)}")
    except Exception as exc:  # a page that trips a bug must not cost the producer the rest
        log.info("%s: unexpected error", page, exc_info=True)
        return PageOutcome(
            page,
            error=f"{page}: audiocast could not read this page ({type(exc).__name__}: {exc}); "
            "please report it with the page attached",
        )
