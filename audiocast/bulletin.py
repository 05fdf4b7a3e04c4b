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

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
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
from .config import Settings, time_zone
from .drafts import is_draft
from .episode import RECORD_FILE
from .errors import ArticleError
from .fsutil import write_atomic
from .script import Role, Script, ScriptWriter
from .show import ARTICLE_FILES, Show
from .swahili.words import DAYS, MONTHS

BULLETIN_FILE = "bulletin.yaml"
STYLES = ("headline", "brief", "full")
DEFAULT_STYLE = "brief"
_FIELDS = {
    "title", "date", "author", "categories", "style", "opening", "closing", "stories", "length",
}  # fmt: skip
SHORTEST = 10.0  # seconds: a length under this is a typo (5 for 5:00)
LONGEST = 3 * 3600.0
# A bulletin with a length fills it by its pauses within these bounds (a share of the
# show's own), after choosing which stories and styles fit; the rest is silence at the end.
PAUSE_SCALES = (0.6, 1.6)
DEAD_AIR = 3.0  # seconds of silence at the end past which the producer is told how to fill it
_STORY_FIELDS = {"story", "style"}
_RULE_FIELDS = {"date", "categories", "most"}
MOST = 8  # stories a rule picks unless it says
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
    length: float | None = None  # seconds the bulletin fills exactly, if set


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
    if isinstance(items, dict):  # a rule: the day's stories, newest first
        items = _picked(show, origin, items, when, max_bytes)
        if not items:
            raise v.error("stories", "a rule that picks at least one story; none matches it")
    if not isinstance(items, list) or not items:
        raise v.error(
            "stories",
            "a list of the stories to read, by slug or article file, or a rule "
            "({date: 2024-06-18, categories: [Siasa], most: 6})",
        )
    if len(items) > MAX_STORIES:
        raise v.error("stories", f"at most {MAX_STORIES} stories, not {len(items)}")
    stories = tuple(
        _story(show, origin, number, item, style, max_bytes) for number, item in enumerate(items, 1)
    )
    seen: dict[str, int] = {}
    for number, story in enumerate(stories, 1):
        if story.article.slug in seen:
            raise ArticleError(
                f"{origin}: stories[{number}]: {story.article.slug} is already story "
                f"{seen[story.article.slug]}; list each story once"
            )
        seen[story.article.slug] = number
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
    length = _length(origin, data.get("length"))
    return Bulletin(article, stories, opening, closing, length)


def bulletin_script(
    bulletin: Bulletin, settings: Settings, speak: Callable[[str], str] = clean_text
) -> Script:
    """The bulletin's script: the ident, the opening, each story in its style (introduced
    by its title, a chapter of its own), the closing and the show's outro."""
    return bulletin_layout(bulletin, settings, speak)[0]


@dataclass(frozen=True)
class Part:
    """Which story a segment of the bulletin belongs to (None: the opening or the close),
    and the shortest style that reads it (an index into STYLES)."""

    story: int | None
    level: int


def bulletin_layout(
    bulletin: Bulletin, settings: Settings, speak: Callable[[str], str] = clean_text
) -> tuple[Script, tuple[Part, ...]]:
    """The script, and for each segment the Part it is: a shorter style of a story keeps
    the segments of its level and below (headline ⊂ brief ⊂ full)."""
    write = ScriptWriter(settings, speak)
    pauses = settings.mix
    segments = [
        write.segment(Role.INTRO, settings.show.ident, pauses.pause_after_intro),
        write.segment(Role.HEADLINE, bulletin.opening, pauses.pause_after_headline),
    ]
    parts = [Part(None, 0), Part(None, 0)]
    headline, brief, full = range(len(STYLES))
    for number, story in enumerate(bulletin.stories):
        article = story.article
        title = write.segment(Role.STORY, article.title, pauses.pause_after_headline)
        lead = write.flowing(Role.LEAD, Paragraph(article.summary, article.summary_quotes))
        said = [(replace(title, link=story.link), headline), *((s, headline) for s in lead)]
        style = STYLES.index(story.style)
        first = next((b for b in article.body if isinstance(b, Paragraph)), None)
        for block in article.body if style == full else [first] if first and style else []:
            level = brief if block is first else full
            said += [(segment, level) for segment in write.block(block)]
        segments += [segment for segment, _ in said]
        parts += [Part(number, level) for _, level in said]
    closing = f"{bulletin.closing} {settings.show.outro}" if bulletin.closing else ""
    segments.append(write.segment(Role.OUTRO, closing or settings.show.outro, 0))
    parts.append(Part(None, 0))
    return Script(tuple(segments)), tuple(parts)


@dataclass(frozen=True)
class Fit:
    """How a bulletin fills its length: the segments kept (indices into its layout), the
    factor on its pauses, the silence added at the end, and what was done, in words."""

    kept: tuple[int, ...]
    scale: float
    pad: float
    notes: tuple[str, ...]


def fit_length(
    bulletin: Bulletin,
    parts: Sequence[Part],
    costs: Sequence[float],
    pauses: Sequence[float],
    fixed: float,
) -> Fit:
    """Choose what the bulletin reads to fill `bulletin.length` seconds, in this order:
    the stories and their styles (the last stories shortened first, then the last dropped),
    then the pauses within PAUSE_SCALES, then silence at the end.

    `costs[i]` is how long segment i takes with its pauses, `pauses[i]` how much of that is
    pauses, `fixed` the rest of the programme (the sting, the silence at the very end).

    >>> b = Bulletin(None, (), "", "", 57.0)  # type: ignore[arg-type]
    >>> parts = [Part(None, 0), Part(0, 0), Part(0, 1), Part(1, 0), Part(None, 0)]
    >>> fit = fit_length(b, parts, [5, 20, 20, 20, 5], [1, 2, 2, 2, 1], 2.0)
    >>> fit.kept, round(fit.scale, 2)
    ((0, 1, 3, 4), 1.6)
    >>> fit.notes
    ('story 1 read as its headline', 'pauses +3.6 s', '1.4 s of silence at the end')
    """
    target = bulletin.length
    assert target is not None
    stories = sorted({p.story for p in parts if p.story is not None})
    styles = {n: max(p.level for p in parts if p.story == n) for n in stories}
    asked = dict(styles)
    dropped: list[int] = []

    def kept() -> list[int]:
        return [
            i
            for i, p in enumerate(parts)
            if p.story is None or (p.story in styles and p.level <= styles[p.story])
        ]

    def shortest(indices: list[int]) -> float:
        low = PAUSE_SCALES[0]
        return fixed + sum(costs[i] - (1 - low) * pauses[i] for i in indices)

    while shortest(kept()) > target:
        longer = [n for n in reversed(list(styles)) if styles[n] > 0]
        if longer:
            styles[longer[0]] -= 1
        elif len(styles) > 1:
            last = max(styles)
            del styles[last]
            dropped.insert(0, last)
        else:
            raise ArticleError(
                f"the bulletin cannot fit {clock(target)}: its opening, first story as a "
                f"headline and close, with the shortest pauses, take {clock(shortest(kept()))}; "
                "make `length` longer or choose other stories"
            )
    indices = kept()
    spoken = fixed + sum(costs[i] - pauses[i] for i in indices)
    paused = sum(pauses[i] for i in indices)
    scale = (target - spoken) / paused if paused else 1.0
    scale = min(max(scale, PAUSE_SCALES[0]), PAUSE_SCALES[1])
    pad = max(0.0, target - spoken - scale * paused)
    notes = [f"story {n + 1} dropped" for n in dropped]
    notes += [
        f"story {n + 1} read as its {STYLES[styles[n]]}" for n in styles if styles[n] < asked[n]
    ]
    change = (scale - 1) * paused
    if abs(change) >= 0.05:
        notes.append(f"pauses {change:+.1f} s".replace("-", "\u2212"))
    if pad >= 0.05:
        hint = " (add a story, or read one longer, to fill it)" if pad > DEAD_AIR else ""
        notes.append(f"{pad:.1f} s of silence at the end{hint}")
    return Fit(tuple(indices), scale, pad, tuple(notes))


def clock(seconds: float) -> str:
    """
    >>> clock(300), clock(61.25)
    ('5:00', '1:01.2')
    """
    whole, rest = divmod(round(seconds, 1), 60)
    text = f"{int(whole)}:{rest:04.1f}"
    return text.removesuffix(".0")


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

    folder = show.episodes_dir / article.slug
    built = (folder / RECORD_FILE).is_file() and not is_draft(folder)  # a page to link to
    return Story(article, style, episode_url(show.settings, article.slug) if built else None)


def _picked(
    show: Show, origin: str, rule: dict[str, Any], when: datetime, max_bytes: int
) -> list[str]:
    """The slugs a rule picks: the stories of its day (the bulletin's own by default) in any
    of its categories (any, if it names none), newest first, at most `most`."""
    unknown = sorted(set(map(str, rule)) - _RULE_FIELDS)
    if unknown:
        raise ArticleError(
            f"{origin}: stories: field {unknown[0]!r} is not a rule field; expected one of "
            f"{', '.join(sorted(_RULE_FIELDS))}"
        )
    v = _Validator(f"{origin}: stories")
    day = v.date(rule, "date").date() if "date" in rule else when.date()
    wanted = {c.casefold() for c in v.text_list(rule, "categories")}
    most = rule.get("most", MOST)
    if isinstance(most, bool) or not isinstance(most, int) or not 1 <= most <= MAX_STORIES:
        raise v.error("most", f"a number of stories from 1 to {MAX_STORIES}, not {most!r}")
    return [a.slug for a in stories_of(show, day, wanted, max_bytes)[:most]]


def stories_of(
    show: Show,
    day: date,
    categories: set[str] | frozenset[str] = frozenset(),
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> list[Article]:
    """The show's articles of a day, in any of `categories` (casefolded; all if empty),
    newest first; bulletins, drafts waiting for review (drafts.py) and articles that do
    not read are left out."""
    found = []
    for name in ARTICLE_FILES:
        for path in sorted(show.episodes_dir.glob(f"*/{name}")):
            if is_draft(path.parent):
                continue
            try:
                # Only an article that mentions the day can be of it: most are never parsed.
                if day.isoformat().encode() not in path.read_bytes()[: max_bytes + 1]:
                    continue
                article = load_article(path, max_bytes)
            except (OSError, ArticleError):
                continue
            if article.date.date() != day:
                continue
            if categories and not categories & {c.casefold() for c in article.categories}:
                continue
            found.append(article)
    return sorted(found, key=lambda a: (a.date, a.slug), reverse=True)


def new_bulletin(
    show: Show,
    when: datetime,
    *,
    length: str | None = None,
    most: int = MOST,
    categories: tuple[str, ...] = (),
    style: str = DEFAULT_STYLE,
) -> tuple[Path, list[Article]]:
    """Write episodes/<date>-taarifa-<HHMM>/bulletin.yaml naming the day's built stories,
    newest first, for a producer to reorder and trim; never over an existing one."""
    origin = "bulletin new"
    _style(origin, "--style", style)
    if length is not None:
        _length(origin, length)
    wanted = {c.casefold() for c in categories}
    built = [
        a
        for a in stories_of(show, when.date(), wanted, show.settings.limits.article_bytes)
        if (show.episodes_dir / a.slug / RECORD_FILE).is_file()
    ][:most]
    if not built:
        among = f" in {', '.join(categories)}" if categories else ""
        raise ArticleError(
            f"no story of {when.date().isoformat()}{among} is built yet; build the day's "
            "articles first (audiocast build), or give another --date"
        )
    slug = f"{when.date().isoformat()}-taarifa-{when:%H%M}"
    folder = show.episodes_dir / slug
    path = folder / BULLETIN_FILE
    if folder.exists():
        raise ArticleError(
            f"episodes/{slug}/ already exists; edit its {BULLETIN_FILE}, or give another --at"
        )
    lines = [
        "# A bulletin: the stories in the order they are read. Reorder, remove or add",
        "# (a story is its episode's folder name); then: audiocast build "
        + f"episodes/{slug}/{BULLETIN_FILE}",
        f"date: {when.isoformat(timespec='seconds')}",
        f"style: {style}  # headline | brief | full; a story may have its own",
    ]
    if length:
        lines.append(f'length: "{length}"  # the slot to fill exactly')
    lines.append("stories:")
    lines += [f"  - {a.slug}  # {_comment(a.title)}" for a in built]
    folder.mkdir(parents=True)
    write_atomic(path, "\n".join(lines) + "\n")
    return path, built


def on_air(settings: Settings, day: str | None, at: str | None) -> datetime:
    """When a new bulletin goes on air, in the show's time zone: `day` (YYYY-MM-DD, default
    today) at `at` (HH:MM, default the next full hour)."""
    zone = time_zone(settings.show.timezone)
    now = datetime.now(zone)
    try:
        when = date.fromisoformat(day) if day else now.date()
    except ValueError:
        raise ArticleError(f"--date {day!r}: expected a day such as 2024-06-18") from None
    if at is None:
        hour = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        return datetime.combine(when, hour.time(), zone)
    matched = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", at.strip())
    if not matched:
        raise ArticleError(f"--at {at!r}: expected the hour on air as HH:MM, such as 08:00")
    return datetime.combine(when, time(int(matched[1]), int(matched[2])), zone)


def _comment(text: str) -> str:
    return " ".join(text.split())


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


def _length(origin: str, value: object) -> float | None:
    """A bulletin's length: "5:00", "4:59.5", "1:00:00" or seconds.

    >>> _length("b", "5:00"), _length("b", "1:02:03"), _length("b", 90), _length("b", None)
    (300.0, 3723.0, 90.0, None)
    """
    if value is None:
        return None
    expected = 'a length such as "5:00" (minutes:seconds) or seconds'
    seconds: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\d+(:\d{1,2}){0,2}(\.\d+)?", value.strip()):
        seconds = 0.0
        for piece in value.strip().split(":"):
            seconds = seconds * 60 + float(piece)
    if seconds is None or not math.isfinite(seconds):
        raise ArticleError(f"{origin}: field 'length': {expected}, not {value!r}")
    if not SHORTEST <= seconds <= LONGEST:
        raise ArticleError(
            f"{origin}: field 'length': {clock(seconds)} is not a bulletin's length; give one "
            f'from {clock(SHORTEST)} to {clock(LONGEST)}, such as "5:00"'
        )
    return seconds
