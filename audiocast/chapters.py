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
    section it interrupted resumes; the outro closes.
    """
    starts: list[tuple[float, str]] = []
    section = ""
    after_quote = False
    previous: Role | None = None
    for segment, span in zip(segments, spans, strict=True):
        role = segment.role
        if role is Role.HEADLINE:
            section = segment.text
            starts.append((0.0, section))
        elif role is Role.HEADING:
            section = segment.text
            starts.append((span.start, section))
        elif role is Role.QUOTE_INTRO or (role is Role.QUOTE and previous is not Role.QUOTE_INTRO):
            speaker = segment.speaker
            starts.append((span.start, f"{QUOTE_TITLE}: {speaker}" if speaker else QUOTE_TITLE))
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
