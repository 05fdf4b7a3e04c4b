"""The narration script: an article and the show settings become ordered, voiced segments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from .article import Article, Heading, Paragraph, Quote, clean_text
from .config import Settings
from .spoken import say_date


class Role(StrEnum):
    INTRO = "intro"
    HEADLINE = "headline"
    BYLINE = "byline"
    LEAD = "lead"
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE_INTRO = "quote_intro"
    QUOTE = "quote"
    OUTRO = "outro"


NARRATOR = "narrator"
QUOTE_VOICE = "quote"


@dataclass(frozen=True)
class Segment:
    """One stretch of speech: `text` as written (for transcripts), `spoken` as sent to TTS."""

    role: Role
    voice: str
    text: str
    spoken: str
    pause_after_ms: int


@dataclass(frozen=True)
class Script:
    segments: tuple[Segment, ...]

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self.segments)


def build_script(article: Article, settings: Settings) -> Script:
    """Lay out an episode: intro, headline, byline, lead, body, outro.

    The narrator reads everything but quotes, which the quote voice reads right after the
    narrator's attribution.
    """
    pauses = settings.mix
    show = settings.show

    def seg(role: Role, text: str, pause: int, voice: str = NARRATOR) -> Segment:
        return Segment(role, voice, text, clean_text(text), pause)

    byline = f"Na {article.author}, {say_date(article.date.date())}."
    segments = [
        seg(Role.INTRO, show.ident, pauses.pause_after_intro),
        seg(Role.HEADLINE, article.title, pauses.pause_after_headline),
        seg(Role.BYLINE, byline, pauses.pause_after_paragraph),
        seg(Role.LEAD, article.summary, pauses.pause_after_paragraph),
    ]
    for block in article.body:
        if isinstance(block, Paragraph):
            segments.append(seg(Role.PARAGRAPH, block.text, pauses.pause_after_paragraph))
        elif isinstance(block, Heading):
            segments.append(seg(Role.HEADING, block.text, pauses.pause_after_heading))
        elif isinstance(block, Quote):
            attribution = block.attribution or (
                f"{block.speaker} alisema:" if block.speaker else None
            )
            if attribution:
                segments.append(seg(Role.QUOTE_INTRO, attribution, pauses.pause_around_quote))
            segments.append(
                seg(Role.QUOTE, block.text, pauses.pause_around_quote, voice=QUOTE_VOICE)
            )
    credit = f"Taarifa hii imeletwa kwenu na {article.source.name}. " if article.source else ""
    segments.append(seg(Role.OUTRO, credit + show.outro, 0))
    return Script(tuple(segments))


def render_script(script: Script, *, spoken: bool = False) -> str:
    """The script as a producer proof-reads it: one block per segment with role and voice."""
    lines = []
    for number, segment in enumerate(script.segments, 1):
        text = segment.spoken if spoken else segment.text
        lines.append(f"[{number:02d}] {segment.role.value} ({segment.voice})")
        lines.append(f"     {text}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
