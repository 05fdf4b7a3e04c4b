"""Chapters: where the headline, each section, the quote and the outro begin."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from .mix import Span
from .script import Role, Segment

QUOTE_TITLE = "Nukuu"  # "quotation"
OUTRO_TITLE = "Hitimisho"  # "conclusion"
CHAPTERS_VERSION = "1.2.0"


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str


def make_chapters(
    segments: Sequence[Segment], spans: Sequence[Span], duration: float
) -> list[Chapter]:
    """Chapters from the script and where each segment is heard.

    The first chapter is the headline's (it starts at 0, so the sting belongs to it); each
    heading opens a section; a quote with its attribution is a chapter, after which the
    section it interrupted resumes; so is a paragraph with direct speech, from its first
    quote to its end; the outro closes.
    """
    starts: list[tuple[float, str]] = []
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
                if after_quote and role is not Role.QUOTE:
                    starts.append((span.start, section))
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
        elif after_quote and role is not Role.QUOTE:
            starts.append((span.start, section))  # the interrupted section resumes
        if role not in (Role.QUOTE_INTRO, Role.QUOTE):
            after_quote = False
        previous = role
    ends = [start for start, _ in starts[1:]] + [duration]
    return [
        Chapter(round(start, 3), round(end, 3), title)
        for (start, title), end in zip(starts, ends, strict=True)
        if end > start
    ]


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
                {"startTime": c.start, "endTime": c.end, "title": c.title} for c in chapters
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
