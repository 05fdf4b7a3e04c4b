"""The narration script: an article and the show settings become ordered, voiced segments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from .article import Article, Heading, Paragraph, Quote, clean_text
from .chunking import spoken_pieces
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
class Sentence:
    """The unit of speech: `text` as written (transcripts), `spoken` as sent to the engine.

    Each sentence is spoken on its own, so where it starts in the episode is known exactly.
    """

    text: str
    spoken: str


@dataclass(frozen=True)
class Segment:
    """One block of the episode (a paragraph, the headline…) in one voice."""

    role: Role
    voice: str
    sentences: tuple[Sentence, ...]
    pause_after_ms: int
    speaker: str | None = None  # who is quoted, for quote and quote_intro segments

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def spoken(self) -> str:
        return " ".join(s.spoken for s in self.sentences)


@dataclass(frozen=True)
class Script:
    segments: tuple[Segment, ...]

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self.segments)


def build_script(
    article: Article, settings: Settings, speak: Callable[[str], str] = clean_text
) -> Script:
    """Lay out an episode: intro, headline, byline, lead, body, outro.

    The narrator reads everything but quotes, which the quote voice reads right after the
    narrator's attribution. `speak` turns each written sentence into what the engine is
    given (the Swahili normalizer, with the show's lexicon).
    """
    pauses = settings.mix
    show = settings.show

    def seg(
        role: Role, text: str, pause: int, voice: str = NARRATOR, speaker: str | None = None
    ) -> Segment:
        # Run-on sentences come in pieces short enough for one breath and one transcript cue.
        parts = tuple(Sentence(*pair) for pair in spoken_pieces(clean_text(text), speak))
        return Segment(role, voice, parts, pause, speaker)

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
                segments.append(
                    seg(
                        Role.QUOTE_INTRO,
                        attribution,
                        pauses.pause_around_quote,
                        speaker=block.speaker,
                    )
                )
            segments.append(
                seg(Role.QUOTE, block.text, pauses.pause_around_quote, QUOTE_VOICE, block.speaker)
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
