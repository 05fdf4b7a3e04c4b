"""Lines to an article: title, byline, date and categories above the lead; blocks below it."""

from __future__ import annotations

import datetime
import re
import unicodedata
from itertools import pairwise, takewhile
from typing import Any

from ..errors import ArticleError
from ..swahili.sentences import sentences
from . import rules
from .dates import (
    assumed_note,
    date_rest,
    dateline_date,
    find_date,
    first_date,
    labelled_date,
    opening_dateline,
    settle_date,
    trailing_stamp,
)
from .furniture import (
    SEPARATED,
    ends_story,
    furniture_reason,
    is_lead,
    mark_body_furniture,
    mark_boxes,
    mark_broadcast_blocks,
    mark_captions,
    mark_gallery,
    mark_key_points,
    mark_link_lists,
    mark_ticker,
    mark_trailing_matter,
    nav_run,
    repair,
    split_run_ins,
    unbullet,
)
from .model import CLOSERS, TERMINAL, Dropped, ImportResult, Line, Meta, same_text, word_count
from .names import (
    FALLBACK_AUTHOR,
    STATION_LINE,
    byline_name,
    credited_source,
    is_name,
    publisher_named,
    station_named,
    unshout,
    without_named_place,
)
from .paragraphs import first_sentence, long_line_paragraphs
from .quotes import (
    QUOTE_PAIRS,
    Speech,
    inline_speech,
    open_quote,
    people,
    quote_block,
    whole_quote,
)
from .titlebar import TitleBar, title_bar

_CATEGORY_SEPARATED = re.compile(rf"{rules.MENU_SEPARATORS}|\s*,\s*")

_TOPICS_HEADING = re.compile(rules.TOPICS_HEADING, re.IGNORECASE)

_NOT_TOPICS = (rules.NAVIGATION, rules.SHARE, rules.NEWSLETTER, rules.BROADCAST, rules.PROMO)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

_MEMBER_SINCE = re.compile(rules.MEMBER_SINCE, re.IGNORECASE)


_AUTHOR_LABEL = re.compile(rules.AUTHOR_LABEL, re.IGNORECASE)


def assemble(
    lines: list[Line],
    meta: Meta,
    origin: str,
    kind: str,
    *,
    date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> ImportResult:
    """The article the lines make; `date` (--date) overrides the page's, `today` fills it in."""
    lines = _cut(lines)
    _mark_furniture(lines)
    prose = next((i for i, line in enumerate(lines) if is_lead(line)), len(lines) - 1)
    bar = _split_title_bar(lines, prose + 1, meta)  # a long title bar looks like prose
    lead = next((i for i, line in enumerate(lines) if is_lead(line)), None)
    if lead is None:
        raise ArticleError(
            f"{origin}: no article text found, only page furniture (menus, captions, links); "
            "copy the story's paragraphs too"
        )
    header, body = lines[:lead], lines[lead + 1 :]
    lines[lead].role = "lead"
    later = [line.text for line in body if word_count(line.text) <= rules.SECTION_MAX_WORDS]
    site_dated = _resolve_header(header, meta, bar, later)
    if not meta.categories:
        meta.categories = _hashtags(lines) or _topics(body)
    _byline_under_label(header, meta)
    _mark_page_tops(header, body)
    mark_trailing_matter(body, meta)
    if meta.author is None:
        _byline_under_lead(body, meta)
    if meta.author:
        meta.author = without_named_place(meta.author, [meta.title or "", lines[lead].text])
    own = opening_dateline(lines[lead].text)
    if site_dated is not None and (own := own or first_date(body)):
        # A site header's today-date above the title loses to the story's own date.
        site_dated.role, site_dated.reason = None, rules.TIMESTAMP
        meta.date = own
    meta.date = (
        meta.date
        or own
        or first_date(body)
        or first_date(lines, stamped=True)
        or labelled_date(header)
    )
    if meta.title is None:
        raise ArticleError(
            f"{origin}: no title found; put the headline on its own line above the first "
            "paragraph (or give the JSON a title field)"
        )
    mark_body_furniture(body)
    summary, blocks = _lead_and_blocks(lines[lead].text, body, meta, origin)
    notes: list[str] = []
    day, assumed = settle_date(meta.date, date, today)
    if assumed:
        notes.append(assumed_note(day))
    publisher = meta.source_name or _publisher(lines, header)
    author = meta.author
    if author is None:
        author = publisher or FALLBACK_AUTHOR
        notes.append(f"no byline found; author set to {author!r}")
    article: dict[str, Any] = {"title": without_emoji_ends(meta.title), "date": day}
    if assumed:
        article["date_assumed"] = True
    article["author"] = unshout(author)
    if publisher:
        article["source"] = {"name": publisher}
        if meta.source_url:
            article["source"]["url"] = meta.source_url
    if meta.categories:
        article["categories"] = [unshout(c, acronyms=True) for c in meta.categories]
    article["language"] = "sw"
    article["summary"] = summary
    if lead_speech := _paragraph(summary, [meta.title]).get("quotes"):
        article["summary_quotes"] = lead_speech  # a story may open with direct speech
    article["body"] = blocks
    dropped = [Dropped(line.text, line.reason) for line in lines if line.reason]
    return ImportResult(article=article, dropped=dropped, notes=notes, kind=kind)


def without_emoji_ends(text: str) -> str:
    """A headline without the emoji around it, which are no words of it.

    >>> without_emoji_ends("\U0001f6a8\U0001f6a8 TAHADHARI: UPEPO MKALI \U0001f30a\u26f4\ufe0f")
    'TAHADHARI: UPEPO MKALI'
    >>> without_emoji_ends("Bei yapanda 10%")
    'Bei yapanda 10%'
    """

    def symbol(c: str) -> bool:  # pictographs, dingbats, arrows and their joiners; not ©, °
        kind = unicodedata.category(c)
        return c.isspace() or (kind == "So" and ord(c) >= 0x2190) or c in "\ufe0f\u200d\u20e3"

    start, end = 0, len(text)
    while start < end and symbol(text[start]):
        start += 1
    while end > start and symbol(text[end - 1]):
        end -= 1
    return text[start:end] or text


def _topics(body: list[Line]) -> list[str]:
    """The topic list under a "Mada zinazohusiana" heading after the story."""
    for i, line in enumerate(body):
        if line.role is None and _TOPICS_HEADING.fullmatch(line.text.strip()):
            topics = []
            for x in body[i + 1 : i + 1 + rules.TOPICS_MAX + 1]:
                text = x.text.strip()
                if word_count(text) > rules.TOPIC_MAX_WORDS or text[-1:] in TERMINAL:
                    break
                if any(c.isdigit() for c in text) or x.reason in _NOT_TOPICS or ends_story(text):
                    break
                topics.append(text)
            if 0 < len(topics) <= rules.TOPICS_MAX:
                return topics
    return []


def _hashtags(lines: list[Line]) -> list[str]:
    """A post's hashtag line ("#Zanzibar #HaliYaHewa") names its categories; a longer run of
    tags is the post's reach, not its sections, as a longer run of labels is a menu."""
    for line in lines:
        if line.reason == rules.HASHTAG_LINE:
            tags = list(dict.fromkeys(re.findall(r"#(\w+)", line.text)))
            return tags if len(tags) <= rules.HASHTAG_CATEGORIES_MAX else []
    return []


def _lead_and_blocks(
    lead_text: str, body: list[Line], meta: Meta, origin: str
) -> tuple[str, list[dict[str, Any]]]:
    """The summary and the body's blocks; a one-paragraph story gives its first sentence."""
    title = meta.title or ""
    _mark_pull_quotes([lead_text], body)
    kept = _rejoined(body)
    for line in kept:  # a post's "📞 …" or "… 🌬️": the emoji are no words to read
        line.text = without_emoji_ends(line.text)
    lead_text = without_emoji_ends(lead_text)
    blocks = _blocks(kept, [title, meta.summary or "", lead_text])
    if meta.summary and not same_text(meta.summary, lead_text):
        # A separate teaser: the lead stays in, as a paragraph.
        blocks.insert(0, _paragraph(lead_text, [title, meta.summary]))
    summary = meta.summary or lead_text
    if not any("paragraph" in b for b in blocks):
        # A one-paragraph story: its first sentence leads, the rest is the body.
        first, *rest = sentences(lead_text)
        if not rest and (unstopped := first_sentence(lead_text)):
            first, rest = unstopped, [lead_text[len(unstopped) :]]
        if not rest:
            raise ArticleError(
                f"{origin}: the story is a single sentence; an article needs a summary and "
                "at least one paragraph"
            )
        summary = first
        blocks.insert(0, _paragraph(lead_text[len(first) :].strip(), [title, first]))
    return summary, blocks


def _byline_under_label(header: list[Line], meta: Meta) -> None:
    """A byline under its own label (BBC: "Author," then the name on the next line)."""
    for label, line in pairwise(header):
        if _AUTHOR_LABEL.fullmatch(label.text.strip()) and is_name(line.text.strip()):
            for other in header:  # a labelled name wins over a guess (the role line under it)
                if other.role == "author":
                    other.role, other.reason = None, rules.LABEL
            meta.author, line.role, line.reason = line.text.strip(), "author", None
            label.reason = label.reason or rules.LABEL
            return


def _mark_page_tops(header: list[Line], body: list[Line]) -> None:
    """The headline, byline and date a paginated story repeats at the top of each page."""
    top = {
        line.text.strip()
        for line in header
        if line.role in ("title", "author", "date") or line.reason == rules.TIMESTAMP
    }
    for line in body:
        if line.reason is None and line.role is None and line.text.strip() in top:
            line.reason = rules.REPEATED


def _mark_pull_quotes(above: list[str], body: list[Line]) -> None:
    """A line that repeats a sentence of the story word for word (a pull quote) is read once."""
    texts = [*above, *(line.text for line in body if line.reason is None and line.role is None)]
    for line in body:
        if line.reason or line.role:
            continue
        words = _bare_words(line.text)
        if len(words) < rules.PULL_QUOTE_MIN_WORDS:
            continue
        bare = f" {' '.join(words)} "
        if any(text != line.text and bare in f" {' '.join(_bare_words(text))} " for text in texts):
            line.reason = rules.PULL_QUOTE


def _bare_words(text: str) -> list[str]:
    """The words of a text without case or punctuation, to compare a repeat with its original.

    >>> _bare_words('"Watoto hawa, wanajua!"')
    ['watoto', 'hawa', 'wanajua']
    """
    return re.findall(r"\w+", text.casefold())


def _rejoined(body: list[Line]) -> list[Line]:
    """The story's lines, with a sentence an ad or a page break cut in two joined again."""
    kept: list[Line] = []
    broken = False  # furniture stands between the last kept line and this one
    for line in body:
        if line.reason is not None or line.role is not None:
            broken = bool(kept)
            continue
        last = kept[-1].text.rstrip() if kept else ""
        joins = broken and kept[-1].hint != "heading" and line.text[:1].islower()
        if joins and last and last[-1] not in TERMINAL + CLOSERS:
            kept[-1].text = f"{last} {line.text.lstrip()}"
        else:
            kept.append(line)
        broken = False
    return kept


def _publisher(lines: list[Line], header: list[Line]) -> str | None:
    """The publisher the page names: in its furniture, as a station, or as a repost's source."""
    return (
        publisher_named(
            line.text for line in lines if line.reason or line.role in ("author", "categories")
        )
        or station_named(
            (line.text for line in header if line.role != "title"),
            (line.text for line in lines if line.reason),
        )
        or credited_source(line.text for line in lines if line.reason == rules.CREDIT)
    )


def _cut(lines: list[Line]) -> list[Line]:
    """Lines cut where the page ran things together: a caption or heading run onto a
    paragraph, a story run onto one line (a dataset dump, a stripped scrape) and the links or
    buttons run into it, a headline with its timestamp."""
    cut: list[Line] = []
    opened = False  # whether the story's first paragraph has gone by
    for whole in lines:
        run_on = whole.reason is None and word_count(whole.text) > rules.LONG_LINE_WORDS
        for line in split_run_ins(whole):
            if line.reason is None:
                line.text = repair(line.text)
            cut.extend(long_line_paragraphs(line, opens=not opened, run_on=run_on))
            opened = opened or is_lead(line)
    return [piece for line in cut for piece in _split_stamp(line)]


def _mark_furniture(lines: list[Line]) -> None:
    """Give each line of furniture its reason: alone, then by the blocks it stands in."""
    mark_key_points(lines)  # before the bullets lose their glyphs
    mark_ticker(lines)
    for before, line in zip([None, *lines], lines, strict=False):
        if line.reason is None and _member_since(line, before):
            line.reason = rules.LABEL
        elif line.reason is None:
            text = line.text
            line.date = dateline_date(text)
            if line.date is None:
                line.reason = furniture_reason(text)
                unbullet(line)
                if line.reason is None and line.text != text:
                    line.reason = furniture_reason(line.text)
    mark_boxes(lines)
    mark_link_lists(lines)
    mark_broadcast_blocks(lines)
    mark_gallery(lines)
    mark_captions(lines, prose_only=True)  # a caption sentence is not the lead


def _member_since(line: Line, before: Line | None) -> bool:
    """A forum member's join date ("Joined: Mar 12, 2016", or under a "Joined" line)."""
    if _MEMBER_SINCE.match(line.text) and find_date(line.text):
        return True
    under = before is not None and _MEMBER_SINCE.fullmatch(before.text.strip())
    return bool(under) and dateline_date(line.text) is not None


def _split_stamp(line: Line) -> list[Line]:
    """A headline with its timestamp on the same line (CRI) as two lines: headline, date."""
    found = trailing_stamp(line.text) if line.reason is None and line.hint is None else None
    if found is None:
        return [line]
    head, stamp = found
    return [Line(head, gap=line.gap), Line(stamp, gap=False)]


def _split_title_bar(lines: list[Line], lead: int, meta: Meta) -> tuple[Line, TitleBar] | None:
    """Cut the first title bar above the lead into its headline and the parts around it."""
    for i, line in enumerate(lines[:lead]):
        if line.reason not in (None, rules.URL) or line.date:
            continue  # a bar naming its site by domain looked like a bare URL
        if (bar := title_bar(line.text, meta.source_name)) is None:
            continue
        at = line.text.find(bar.headline)
        head = Line(bar.headline, "heading", line.gap)
        rest = Line(bar.rest, gap=False, reason=rules.TITLE_BAR)
        lines[i : i + 1] = [rest, head] if at > 0 else [head, rest]
        meta.source_name = meta.source_name or bar.publisher
        return head, bar
    return None


def _page_headline(candidates: list[Line], bar: TitleBar) -> Line | None:
    """The page's own headline line, preferred to the title bar's copy of it."""
    alike = [line for line in candidates if _starts_alike(line.text, bar.headline)]
    # The one nearest the byline and lead, unless that one is a copy in capitals.
    alike = [line for line in alike if not line.text.isupper()] or alike
    if alike:
        return alike[-1]
    wanted = max(rules.TITLE_BAR_MIN_WORDS, word_count(bar.headline))
    longer = [
        line
        for line in candidates
        if word_count(line.text) >= wanted and line.text.count(",") < 2 and not nav_run(line.text)
    ]
    return max(longer, key=lambda c: word_count(c.text), default=None)


def _starts_alike(a: str, b: str) -> bool:
    """Whether one headline starts the other (a title bar cuts long headlines short)."""
    x, y = (" ".join(re.findall(r"\w+", t.casefold())) for t in (a, b))
    short, long = sorted((x, y), key=len)
    return word_count(short) >= 2 and long.startswith(short)


def _resolve_header(
    header: list[Line], meta: Meta, found: tuple[Line, TitleBar] | None, later: list[str]
) -> Line | None:
    """Find byline, title, date and categories among the lines above the first paragraph.

    `later` are the short lines below the lead: a topic list there confirms a kicker above.

    Returns the line above the title the date was taken from, if any: a site header's date,
    which a date of the story's own should replace.
    """
    bar_line, bar = found if found else (None, None)
    free = [line for line in header if line.reason is None]
    _title_and_byline(header, free, meta, bar_line, bar)
    title_at = next((i for i, line in enumerate(header) if line.role == "title"), len(header))
    site_dated = _header_date(header, free, meta, bar, title_at)
    _byline_near_date(header, free, meta, title_at)
    _header_categories(header, free, meta, bar, title_at, later)
    for i, line in enumerate(header):
        if line.role is None and line.reason is None:
            following = header[i + 1] if i + 1 < len(header) else None
            if following is not None and following.reason == rules.PHOTO and not following.gap:
                line.reason = rules.ALT_TEXT
            else:
                line.reason = rules.NAVIGATION if i < title_at else rules.LABEL
    return site_dated


def _title_and_byline(
    header: list[Line], free: list[Line], meta: Meta, bar_line: Line | None, bar: TitleBar | None
) -> None:
    """The byline lines ("Na …"), then the headline: the page's own, else the title bar's."""
    for line in free:
        if not line.date and line is not bar_line and (name := byline_name(line.text)):
            meta.author = meta.author or name
            line.role = "author"
    undated = [line for line in free if line.role is None and not line.date]
    if bar_line is not None and bar is not None:
        below = [x for x in undated if header.index(x) > header.index(bar_line)]
        own = _page_headline(below, bar) if meta.title is None else None
        if meta.title is None and own is None:
            bar_line.role, meta.title = "title", bar_line.text
        else:
            bar_line.reason = rules.TITLE_BAR
        undated.remove(bar_line)
        if own is not None:
            own.role, meta.title = "title", own.text
    named = [line for line in undated if not site_name(line)]  # a logo's text is no headline
    if meta.title is None and named:
        best = max(named, key=lambda c: (word_count(c.text), -named.index(c)))
        best.role, meta.title = "title", best.text
    elif meta.title is not None:
        for line in undated:
            if line.role is None and same_text(line.text, meta.title):
                line.reason = rules.REPEATED


def _header_date(
    header: list[Line], free: list[Line], meta: Meta, bar: TitleBar | None, title_at: int
) -> Line | None:
    """The date among the header's dated lines; the others are timestamps. Returns the line
    the date came from when it stands above the title (a site header's today-date)."""
    # Site headers show today's date: the story's own date is the first one below its title.
    dated = [line for line in free if line.date]
    dated.sort(key=lambda line: header.index(line) < title_at)
    if bar and bar.date and meta.date is None and not (dated and header.index(dated[0]) > title_at):
        meta.date = bar.date  # the bar's date beats a site header's date above the title
    for line in dated:
        if line.date == (meta.date or "")[:10]:
            line.role = "date"  # the metadata's date, written on the page
    site_dated = None
    if dated and meta.date is None:
        meta.date, dated[0].role = dated[0].date, "date"
        if header.index(dated[0]) < title_at:
            site_dated = dated[0]
        rest = date_rest(dated[0].text)
        if rest and meta.author is None:
            meta.author = byline_name(rest, bare=True)
    for line in dated:
        if line.role is None:
            line.reason = rules.TIMESTAMP
    return site_dated


def _byline_near_date(header: list[Line], free: list[Line], meta: Meta, title_at: int) -> None:
    """A bare name beside the date, or alone under the headline (DW), is the byline."""
    anchor = next((line for line in free if line.role == "date"), None)
    if meta.author is None and anchor is not None:
        at = free.index(anchor)
        nearby = free[max(at - 1, 0) : at + 2]
        if at >= 2 and _place_word(free[at - 1].text):
            nearby.insert(1, free[at - 2])  # DW: the reporter, the town, then the date
        for near in nearby:
            if near.role is None and (name := byline_name(near.text, bare=True)):
                meta.author, near.role = name, "author"
                break
    if meta.author is None and title_at + 1 < len(header):
        # DW writes the reporter's bare name on its own line right under the headline.
        near = header[title_at + 1]
        if near.role is None and near.reason is None and is_name(near.text):
            meta.author, near.role = near.text, "author"


def _header_categories(
    header: list[Line],
    free: list[Line],
    meta: Meta,
    bar: TitleBar | None,
    title_at: int,
    later: list[str],
) -> None:
    """The story's sections: a label under the date, labels or a breadcrumb above the title,
    a kicker the topic list confirms, a saved page's breadcrumb, else the title bar's."""
    # A breadcrumb stands above the headline's first copy (a forum's thread title).
    first_copy = next(
        (i for i, line in enumerate(header[:title_at]) if line.reason == rules.REPEATED), title_at
    )
    leftovers = [
        line for line in free if line.role is None and line.reason is None and not site_name(line)
    ]
    before = [line for line in leftovers if header.index(line) < title_at]
    for line in leftovers:
        if any(same_text(line.text, known) for known in meta.categories):
            line.role = "categories"  # the page's section label, already in the metadata
    if not meta.categories:
        meta.categories = _topic_under_date(header, title_at)
    if not meta.categories:
        meta.categories = _labels_above(header, title_at)
    if not meta.categories and (kicker := _crumb_under_menu(header, first_copy, later)):
        # A kicker adds to the title bar's section ("… | Afrika | DW"), a breadcrumb says it.
        section = list(bar.sections) if bar else []
        meta.categories = list(dict.fromkeys([*section, *kicker]))
    if not meta.categories:
        for line in leftovers:
            listed = _category_list(line.text)
            # "Afrika | Siasa" anywhere; a bare label ("SiasaAsia", "Habari za Kitaifa") only
            # alone in its block right above the title, not at the end of a menu or a logo.
            separated = bool(SEPARATED.search(line.text)) and len(listed) <= 3
            alone = bool(before) and line is before[-1] and _starts_block(header, line)
            if listed and len(listed) <= 3 and (separated or alone):
                meta.categories.extend(x for x in listed if x not in meta.categories)
                line.role = "categories"
    for line in header:
        # A saved page's breadcrumb or kicker of one to three sections names the story's
        # categories, or adds to the one section its metadata gave ("TanzaniaUchumi").
        crumb = line.reason == rules.BREADCRUMB or (
            line.reason == rules.OUTSIDE and header.index(line) < title_at
        )
        listed = _category_list(line.text) if crumb else []
        known = meta.categories and all(c in listed for c in meta.categories)
        if (not meta.categories or known) and 1 <= len(listed) <= 3:
            meta.categories, line.role, line.reason = listed, "categories", None
    if not meta.categories:
        meta.categories = meta.sections or list(bar.sections if bar else ())


def _place_word(text: str) -> bool:
    """A line that is only a town bylines name ("Kigali"); not a label such as "Joined"."""
    return text.strip().casefold() in rules.BYLINE_PLACES


def _byline_under_lead(body: list[Line], meta: Meta) -> None:
    """DW's reporter named alone on the line after the lead (and its photo): the byline."""
    first = next((line for line in body if line.reason is None and line.role is None), None)
    # A "Na …" byline may stand under the dates that follow the lead (RFI).
    signed = next((x for x in body if x.reason is None and x.role is None and not x.date), None)
    if signed is not None and (name := byline_name(signed.text)):
        meta.author, signed.role = name, "author"  # RFI: "Na : Claudine Irakoze" under dates
        return
    if first is None or not is_name(first.text) or word_count(first.text) > 4:
        return
    at = body.index(first)
    beside = [body[j] for j in (at - 1, at + 1) if 0 <= j < len(body)]
    # Only beside furniture (a caption, the short link) or the date line: a heading of two
    # capitalised words between paragraphs is not a byline.
    if any(x.reason or x.date for x in beside):
        meta.author, first.role = first.text, "author"


def _topic_under_date(header: list[Line], title_at: int) -> list[str]:
    """A topic label right under the date below the title (UN News: "Tabianchi na mazingira"),
    which says more than the section label above the title ("Sauti")."""
    for i in range(title_at + 1, len(header) - 1):
        date, label = header[i], header[i + 1]
        if date.role != "date" or label.gap or label.role or label.reason:
            continue
        listed = _category_list(label.text)
        if len(listed) == 1 and word_count(label.text) <= rules.SECTION_MAX_WORDS + 1:
            label.role = "categories"
            return listed
    return []


def _labels_above(header: list[Line], title_at: int) -> list[str]:
    """Section labels stacked right above the title ("Habari" / "Kitaifa"), one per line.

    Only the block the title closes counts: its lines up to a blank line or furniture, at most
    three, every one a label; a site name opening the block is not one.
    """
    block: list[Line] = []
    for line in reversed(header[:title_at]):
        if line.reason or line.role:
            break
        block.insert(0, line)
        if line.gap:
            break
    while block and site_name(block[0]):
        block.pop(0)
    if not 1 <= len(block) <= rules.LABELS_ABOVE_MAX_LINES:
        return []
    names: list[str] = []
    for line in block:
        listed = _category_list(line.text)
        if not listed or word_count(line.text) > rules.SECTION_MAX_WORDS or nav_run(line.text):
            return []
        names.extend(listed)
    if len(names) > rules.LABELS_ABOVE_MAX_LINES:
        return []
    for line in block:
        line.role = "categories"
    return names


def _crumb_under_menu(header: list[Line], title_at: int, later: list[str]) -> list[str]:
    """A breadcrumb or kicker between a menu and the title, with no blank line to set it off.

    It is the last one or two labels above the title, from the first that repeats a menu
    item above ("Habari" / "Kitaifa" after "Habari … Kitaifa … Makala"), or else each one
    listed again among the topics below the story (DW: "Afya" / "Tanzania").
    """
    tail: list[Line] = []
    for line in reversed(header[:title_at]):
        if (
            line.reason
            or line.role
            or not _label(line.text)
            or len(tail) == rules.LABELS_ABOVE_MAX_LINES
        ):
            break
        tail.insert(0, line)
        if line.gap:
            break
    above = [x.text.casefold() for x in header[: title_at - len(tail)]]
    while above and above[-1] in rules.HOME_WORDS:
        above.pop()  # "Home / Forums / Habari na Hoja": the crumb's own first steps
    if not tail or tail[0].gap or len(above) < rules.MENU_MIN_ITEMS:
        return []
    topics = {t.casefold() for t in later}
    words = {w for t in topics for w in t.split()}
    if above[-1] in above[:-1] or above[-1] in words:
        return []  # a menu shown twice, or one the topics repeat: no edge to the crumb
    repeats = [x.text.casefold() in above for x in tail]
    if any(repeats):
        crumb = tail[repeats.index(True) :]
    else:
        crumb = list(takewhile(lambda x: x.text.casefold() in words, reversed(tail)))[::-1]
    for line in crumb:
        line.role = "categories"
    return [name for line in crumb for name in _category_list(line.text)]


def _label(text: str) -> bool:
    """Whether a line is one section label ("Kitaifa", "Afrika Mashariki")."""
    listed = _category_list(text)
    short = word_count(text) <= rules.SECTION_MAX_WORDS + 1  # "Habari na Hoja mchanganyiko"
    return len(listed) == 1 and short and not nav_run(text)


def site_name(line: Line) -> bool:
    """Whether a line is only a site's name ("HabariLeo", "CRI Kiswahili"): never a category."""
    text = line.text.strip()
    return (
        text.casefold() in rules.SITE_NAMES
        or publisher_named([text]) is not None
        or STATION_LINE.fullmatch(text) is not None
    )


def _starts_block(lines: list[Line], line: Line) -> bool:
    """Whether only furniture stands between `line` and the blank line above it."""
    at = lines.index(line)
    return line.gap or at == 0 or lines[at - 1].reason is not None


def _blocks(lines: list[Line], above: list[str]) -> list[dict[str, Any]]:
    """Body lines → paragraph, heading and quote blocks, with quote attributions and the
    direct speech inside paragraphs; `above` is the title and lead, naming people too."""
    blocks: list[dict[str, Any]] = []
    carried: str | None = None  # who is speaking when a quotation runs on into the next line
    # Everyone named so far, nearest first: "alisema Kibwana" means the lead's Selemani Kibwana.
    cast = [person for text in reversed(above) for person in reversed(people(text))]
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        quote = whole_quote(line.text)
        # Speech over several paragraphs: each opens with a mark, only the last one closes.
        running = open_quote(line.text) if quote is None else None
        if line.hint == "heading":
            blocks.append({"heading": line.text})
            carried = None
        elif quote is not None or running is not None or line.hint == "quote":
            block = quote_block(quote or running or line.text, blocks, cast)
            if carried and "speaker" not in block and "attribution" not in block:
                block["speaker"] = carried
            _keep_found_quotes(blocks)
            blocks.append(block)
            carried = block.get("speaker") if running is not None else None
        elif (
            following is not None and _heading_like(line.text) and not _heading_like(following.text)
        ):
            blocks.append({"heading": line.text})
            carried = None
        else:
            before = blocks[-1].get("paragraph", "") if blocks else ""
            speech = inline_speech(line.text, before, carried, cast)
            blocks.append(_listed(line.text, speech))
            carried = speech[-1].speaker if speech and not speech[-1].closed else None
        cast = list(dict.fromkeys([*reversed(people(line.text)), *cast]))  # each one, nearest
    return [b for b in blocks if any(b.values())]


def _paragraph(text: str, above: list[str]) -> dict[str, Any]:
    """A paragraph block with the direct speech in it; `above` names people before it."""
    cast = [person for part in reversed(above) for person in reversed(people(part))]
    return _listed(text, inline_speech(text, cast=cast))


def _listed(text: str, speech: list[Speech]) -> dict[str, Any]:
    block: dict[str, Any] = {"paragraph": text}
    if speech:
        block["quotes"] = [
            {"text": s.text, **({"speaker": s.speaker} if s.speaker else {})} for s in speech
        ]
    return block


def _keep_found_quotes(blocks: list[dict[str, Any]]) -> None:
    """Drop the speech of a paragraph whose last sentence became a quote's attribution."""
    if blocks and "quotes" in blocks[-1]:
        text = blocks[-1]["paragraph"]
        kept = [q for q in blocks[-1]["quotes"] if q["text"] in text]
        if kept:
            blocks[-1]["quotes"] = kept
        else:
            del blocks[-1]["quotes"]


def _heading_like(text: str) -> bool:
    return (
        word_count(text) <= 12
        and len(text) <= 100
        # 'alikuwa na maneno machache: “Tumeumia, tutarudi.”' ends a sentence inside its marks
        and text.rstrip("\"'\u201d\u2019\u00bb\u201c")[-1:] not in tuple(TERMINAL + ":;,")
        and text[0] not in QUOTE_PAIRS
        and (text[0].isupper() or text[0].isdigit())
    )


def _category_list(text: str) -> list[str]:
    """Categories from a label line: "SiasaAsia" → [Siasa, Asia]; "Habari | Kitaifa" → two."""
    if (
        word_count(text) > 8
        or any(c in text for c in TERMINAL + ":;")
        or any(c.isdigit() for c in text)
    ):
        return []
    parts = [p.strip() for p in _CATEGORY_SEPARATED.split(text) if p.strip()]
    words = text.split()
    sections = [w.casefold() in rules.SECTION_WORDS for w in words]
    if len(parts) == 1 and 2 <= len(words) <= 3 and all(sections):
        # section links side by side ("Kilimo Uchumi"), unless one section ("Afrika Mashariki")
        parts = words if text.casefold() not in rules.SECTION_WORDS else parts
    if len(parts) == 1 and word_count(text) > 4 and not _CAMEL.search(text):
        return []
    names = [piece.strip() for p in parts for piece in _CAMEL.split(p) if piece.strip()]
    return [n for n in names if n.casefold() not in rules.HOME_WORDS]
