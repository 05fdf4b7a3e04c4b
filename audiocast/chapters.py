"""Chapters: where the headline, each section, the quote and the outro begin."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from .mix import Span
from .script import Role, Segment

QUOTE_TITLE = "Nukuu"  # "quotation"
OUTRO_TITLE = "Hitimisho"  # "conclusion"
OPENING_TITLE = "Utangulizi"  # "introduction": a bulletin's opening
CHAPTERS_VERSION = "1.2.0"
# A chapter longer than this is split where a paragraph starts, about every TARGET seconds
# and never leaving a piece under SHORTEST: a listener skips through a long story by them.
LONGEST, TARGET, SHORTEST = 60.0, 45.0, 15.0
_TITLE_WORDS = 6


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str
    url: str | None = None  # a bulletin's story: its own episode's page


def make_chapters(
    segments: Sequence[Segment], spans: Sequence[Span], duration: float
) -> list[Chapter]:
    """Chapters from the script and where each segment is heard.

    The first chapter is the headline's (it starts at 0, so the sting belongs to it); each
    heading opens a section; a quote with its attribution is a chapter, after which the
    story resumes in a chapter named by its next paragraph's first words (a heading's title
    is never repeated); so is a paragraph with direct speech, from its first quote to its
    end; the outro closes. A chapter over a minute is split where paragraphs start.

    A bulletin's chapters are its stories (bulletin_chapters).
    """
    if any(segment.role is Role.STORY for segment in segments):
        return bulletin_chapters(segments, spans, duration)
    starts: list[tuple[float, str]] = []
    paragraphs: list[tuple[float, str]] = []  # where a paragraph of narration starts
    section = ""
    after_quote = False
    previous: Role | None = None
    speakers: list[str | None] = []  # of the paragraph with direct speech being heard
    for index, (segment, span) in enumerate(zip(segments, spans, strict=True)):
        role = segment.role
        split = segment.inline or (index + 1 < len(segments) and segments[index + 1].inline)
        if split:
            # A paragraph with direct speech: one chapter from its first quote, naming its
            # speakers; the section resumes with the next paragraph, not between its parts.
            if not segment.inline:
                if role is not Role.QUOTE:
                    paragraphs.append((span.start, opening(segment.text)))
                if after_quote and role is not Role.QUOTE:
                    starts.append(paragraphs[-1])
                after_quote = False
                parts = [segment, *_continuing(segments, index + 1)]
                speakers = list(dict.fromkeys(p.speaker for p in parts if p.role is Role.QUOTE))
            if role is Role.QUOTE and not after_quote:
                starts.append((span.start, _quote_title(speakers)))
                after_quote = True
            previous = role
            continue
        if role is Role.HEADLINE:
            section = segment.text
            starts.append((0.0, section))
        elif role is Role.HEADING:
            section = segment.text
            starts.append((span.start, section))
        elif role is Role.QUOTE_INTRO or (role is Role.QUOTE and previous is not Role.QUOTE_INTRO):
            starts.append((span.start, _quote_title([segment.speaker])))
            after_quote = True
        elif role is Role.OUTRO:
            starts.append((span.start, OUTRO_TITLE))
        elif role in (Role.LEAD, Role.PARAGRAPH):
            paragraphs.append((span.start, opening(segment.text)))
            if after_quote:  # the story resumes after the quote
                starts.append(paragraphs[-1])
        if role not in (Role.QUOTE_INTRO, Role.QUOTE):
            after_quote = False
        previous = role
    ends = [start for start, _ in starts[1:]] + [duration]
    chapters = [
        Chapter(round(start, 3), round(end, 3), title)
        for (start, title), end in zip(starts, ends, strict=True)
        if end > start
    ]
    return [piece for chapter in chapters for piece in _split(chapter, paragraphs)]


def bulletin_chapters(
    segments: Sequence[Segment], spans: Sequence[Span], duration: float
) -> list[Chapter]:
    """A bulletin's chapters: its opening, one per story named by its title and linking to
    its episode, and the closing; a listener skips story by story."""
    starts: list[tuple[float, str, str | None]] = []
    for segment, span in zip(segments, spans, strict=True):
        if segment.role is Role.HEADLINE:
            starts.append((0.0, OPENING_TITLE, None))
        elif segment.role is Role.STORY:
            starts.append((span.start, segment.text, segment.link))
        elif segment.role is Role.OUTRO:
            starts.append((span.start, OUTRO_TITLE, None))
    ends = [start for start, _, _ in starts[1:]] + [duration]
    return [
        Chapter(round(start, 3), round(end, 3), title, url)
        for (start, title, url), end in zip(starts, ends, strict=True)
        if end > start
    ]


def _split(chapter: Chapter, paragraphs: Sequence[tuple[float, str]]) -> list[Chapter]:
    """A long chapter cut at paragraph starts, each piece named by its first words."""
    if chapter.end - chapter.start <= LONGEST:
        return [chapter]
    pieces = [chapter]
    for start, title in paragraphs:
        last = pieces[-1]
        if start - last.start >= TARGET and chapter.end - start >= SHORTEST:
            pieces[-1] = Chapter(last.start, round(start, 3), last.title)
            pieces.append(Chapter(round(start, 3), chapter.end, title))
    return pieces


def opening(text: str) -> str:
    """A chapter title from a paragraph's first words.

    >>> opening("Wizara imeahidi msaada.")
    'Wizara imeahidi msaada'
    >>> opening("Rais wa Tanzania amesema serikali itaongeza bajeti ya afya mwaka huu.")
    'Rais wa Tanzania amesema serikali itaongeza…'
    """
    words = text.split()
    head = " ".join(words[:_TITLE_WORDS]).rstrip(".,;:!?")
    return head + "…" if len(words) > _TITLE_WORDS else head


def _continuing(segments: Sequence[Segment], start: int) -> list[Segment]:
    """The parts of a paragraph after its first: the inline segments from `start` on."""
    parts = []
    for segment in segments[start:]:
        if not segment.inline:
            break
        parts.append(segment)
    return parts


def _quote_title(speakers: Sequence[str | None]) -> str:
    """
    >>> _quote_title(["Amina Juma"]), _quote_title(["Amina Juma", "Juma Ali"]), _quote_title([None])
    ('Nukuu: Amina Juma', 'Nukuu: Amina Juma na Juma Ali', 'Nukuu')
    """
    named = [s for s in speakers if s]
    if not named:
        return QUOTE_TITLE
    listed = ", ".join(named[:-1]) + f" na {named[-1]}" if len(named) > 1 else named[0]
    return f"{QUOTE_TITLE}: {listed}"


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0): start and end in seconds, ascending."""
    return json.dumps(
        {
            "version": CHAPTERS_VERSION,
            "chapters": [
                {"startTime": c.start, "endTime": c.end, "title": c.title}
                | ({"url": c.url} if c.url else {})
                for c in chapters
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
