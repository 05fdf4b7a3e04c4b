"""Bulletins: one episode read from several stories (episodes/<slug>/bulletin.yaml).

A bulletin names its stories in order, each an article of the show (by its episode's slug or
its file) read in a style: `headline` (its title and lead), `brief` (and its first
paragraph) or `full` (the whole article, quotes included). It opens with the hour and the
day, which the listener hears on the Swahili clock ("saa mbili asubuhi"), and closes with the
show's outro, after a closing line of its own if it has one. Each story starts a chapter
that names it and links to the story's own episode page once that is built.

A story is spoken sentence by sentence as in its own episode, so what its episode already
said comes from the speech cache, and a rebuild after one story changed speaks only that
story's changed sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .article import (
    MAX_ARTICLE_BYTES,
    Article,
    Paragraph,
    _parse_yaml,
    _Validator,
    clean_text,
    load_article,
)
from .config import Settings
from .episode import RECORD_FILE
from .errors import ArticleError
from .script import Role, Script, ScriptWriter
from .show import ARTICLE_FILES, Show
from .swahili.words import DAYS, MONTHS

BULLETIN_FILE = "bulletin.yaml"
STYLES = ("headline", "brief", "full")
DEFAULT_STYLE = "brief"
_FIELDS = {"title", "date", "author", "categories", "style", "opening", "closing", "stories"}
_STORY_FIELDS = {"story", "style"}
MAX_STORIES = 30


@dataclass(frozen=True)
class Story:
    article: Article
    style: str
    link: str | None  # the story's own episode page, when it has been built


@dataclass(frozen=True)
class Bulletin:
    """The bulletin as the build sees an episode (`article`: its title, date and summary),
    and what it reads."""

    article: Article
    stories: tuple[Story, ...]
    opening: str
    closing: str  # "" if none: the show's outro closes


def is_bulletin(path: Path) -> bool:
    return path.name == BULLETIN_FILE


def load_bulletin(show: Show, path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Bulletin:
    """Read and check a bulletin file and every story it names; one clear error for the
    first thing wrong."""
    folder = path.resolve().parent
    if folder.parent != show.episodes_dir.resolve():
        raise ArticleError(
            f"{path}: a bulletin lives in its episode's folder, episodes/<slug>/{BULLETIN_FILE}; "
            "move it there"
        )
    try:
        raw = path.read_bytes()[: max_bytes + 1]
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise ArticleError(f"{path}: larger than {max_bytes} bytes; is it the right file?")
    data = _parse_yaml(raw.decode("utf-8", errors="replace"), path)
    origin = str(path)
    v = _Validator(origin)
    if not isinstance(data, dict):
        raise v.error("", "a mapping with date and stories")
    unknown = sorted(set(map(str, data)) - _FIELDS)
    if unknown:
        raise ArticleError(
            f"{origin}: field {unknown[0]!r} is not a bulletin field; expected one of "
            f"{', '.join(sorted(_FIELDS))}"
        )
    when = v.date(data, "date")
    style = _style(origin, "style", data.get("style", DEFAULT_STYLE))
    items = data.get("stories")
    if not isinstance(items, list) or not items:
        raise v.error("stories", "a list of the stories to read, by slug or article file")
    if len(items) > MAX_STORIES:
        raise v.error("stories", f"at most {MAX_STORIES} stories, not {len(items)}")
    stories = tuple(
        _story(show, origin, number, item, style, max_bytes) for number, item in enumerate(items, 1)
    )
    settings = show.settings
    hour = when.strftime("%H:%M")
    title = v.text(data, "title", default=f"Habari za saa {hour}, {_day(when, weekday=False)}")
    opening = v.text(
        data, "opening", default=f"Hizi ndizo habari za saa {hour}, {_day(when, weekday=True)}."
    )
    closing = v.optional_text(data, "closing", "closing") or ""
    titles = "; ".join(clean_text(story.article.title) for story in stories)
    article = Article(
        title=title,
        slug=folder.name,
        date=when,
        author=v.text(data, "author", default=settings.show.author),
        summary=f"Katika taarifa hii: {titles}.",
        body=(),
        categories=v.text_list(data, "categories"),
    )
    return Bulletin(article, stories, opening, closing)


def bulletin_script(
    bulletin: Bulletin, settings: Settings, speak: Callable[[str], str] = clean_text
) -> Script:
    """The bulletin's script: the ident, the opening, each story in its style (introduced
    by its title, a chapter of its own), the closing and the show's outro."""
    write = ScriptWriter(settings, speak)
    pauses = settings.mix
    segments = [
        write.segment(Role.INTRO, settings.show.ident, pauses.pause_after_intro),
        write.segment(Role.HEADLINE, bulletin.opening, pauses.pause_after_headline),
    ]
    for story in bulletin.stories:
        article = story.article
        title = write.segment(Role.STORY, article.title, pauses.pause_after_headline)
        segments.append(replace(title, link=story.link))
        segments += write.flowing(Role.LEAD, Paragraph(article.summary, article.summary_quotes))
        if story.style == "brief":
            first = next((b for b in article.body if isinstance(b, Paragraph)), None)
            segments += write.flowing(Role.PARAGRAPH, first) if first else []
        elif story.style == "full":
            for block in article.body:
                segments += write.block(block)
    closing = f"{bulletin.closing} {settings.show.outro}" if bulletin.closing else ""
    segments.append(write.segment(Role.OUTRO, closing or settings.show.outro, 0))
    return Script(tuple(segments))


def _story(show: Show, origin: str, number: int, item: Any, style: str, max_bytes: int) -> Story:
    where = f"stories[{number}]"
    if isinstance(item, dict):
        unknown = sorted(set(map(str, item)) - _STORY_FIELDS)
        if unknown:
            raise ArticleError(
                f"{origin}: {where}: field {unknown[0]!r} is not a story field; expected story "
                "and style"
            )
        style = _style(origin, f"{where}.style", item.get("style", style))
        item = item.get("story")
    if not isinstance(item, str) or not item.strip():
        raise ArticleError(
            f"{origin}: {where}: expected a story's slug (as its episodes/ folder is named) or "
            "its article file"
        )
    path = _article_path(show, item.strip())
    if path is None:
        raise ArticleError(
            f"{origin}: {where}: no story {item.strip()!r}: neither episodes/{item.strip()}/ "
            "with an article nor an article file of that name; check the slug"
        )
    try:
        article = load_article(path, max_bytes)
    except ArticleError as exc:
        raise ArticleError(f"{origin}: {where}: {exc}") from None
    from .feed import episode_url  # the feeds' writer: only a bulletin needs its links

    built = (show.episodes_dir / article.slug / RECORD_FILE).is_file()
    return Story(article, style, episode_url(show.settings, article.slug) if built else None)


def _article_path(show: Show, name: str) -> Path | None:
    """The article a story names: an episode's slug, or a file (relative to the show)."""
    if "/" not in name and not name.endswith((".yaml", ".yml", ".json")):
        for file in ARTICLE_FILES:
            candidate = show.episodes_dir / name / file
            if candidate.is_file():
                return candidate
        return None
    candidate = show.root / name
    return candidate if candidate.is_file() else None


def _style(origin: str, where: str, value: object) -> str:
    if value not in STYLES:
        raise ArticleError(
            f"{origin}: {where}: {value!r} is not a style; use one of {', '.join(STYLES)} "
            "(headline: title and lead; brief: and the first paragraph; full: all of it)"
        )
    return str(value)


def _day(moment: Any, *, weekday: bool) -> str:
    """The day as a Swahili reader writes it: "Ijumaa tarehe 4 Desemba 2026"."""
    date = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"{DAYS[moment.weekday()]} tarehe {date}" if weekday else date
