"""The narration script: an article and the show settings become ordered, voiced segments."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from .article import Article, Block, Heading, InlineQuote, Paragraph, clean_text
from .config import Settings
from .swahili.dates import say_date
from .swahili.lexicon import unmarked
from .swahili.sentences import spoken_pieces


class Role(StrEnum):
    INTRO = "intro"
    HEADLINE = "headline"
    BYLINE = "byline"
    LEAD = "lead"
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    STORY = "story"  # a bulletin's story begins: its title
    QUOTE_INTRO = "quote_intro"
    QUOTE = "quote"
    OUTRO = "outro"


NARRATOR = "narrator"
QUOTE_VOICE = "quote"
# Quotation marks that go with an inline quote's words into its part of the paragraph.
QUOTE_MARKS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019"
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Sentence:
    """The unit of speech: `text` as written (transcripts), `spoken` as sent to the engine.

    Each sentence is spoken on its own, so where it starts in the episode is known exactly.
    """

    text: str
    spoken: str
    # `spoken` with each lexicon respelling marked beside the word as written
    # (swahili/lexicon.py), for engines that send it as SSML <sub>; "" if none was made.
    subs: str = ""

    def said_by(self, subs: bool) -> str:
        """What an engine is given: with the marked respellings if it `subs`."""
        return (self.subs or self.spoken) if subs else self.spoken


@dataclass(frozen=True)
class Segment:
    """One block of the episode (a paragraph, the headline…) in one voice."""

    role: Role
    voice: str
    sentences: tuple[Sentence, ...]
    pause_after_ms: int
    speaker: str | None = None  # who is quoted, for quote and quote_intro segments
    # Continues the paragraph the segment before began: a voice change inside a paragraph
    # with direct speech, after a short pause.
    inline: bool = False
    link: str | None = None  # a bulletin's story: its own episode's page

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
    given (the Swahili normalizer, with the show's lexicon); respellings it marks
    (swahili/lexicon.py) are kept for the engines that take them, `spoken` is without.
    """
    write = ScriptWriter(settings, speak)
    pauses, show = settings.mix, settings.show
    byline = f"Na {article.author}, {say_date(article.date.date())}."
    segments = [
        write.segment(Role.INTRO, show.ident, pauses.pause_after_intro),
        write.segment(Role.HEADLINE, article.title, pauses.pause_after_headline),
        write.segment(Role.BYLINE, byline, pauses.pause_after_paragraph),
    ]
    segments += write.flowing(Role.LEAD, Paragraph(article.summary, article.summary_quotes))
    for block in article.body:
        segments += write.block(block)
    credit = f"Taarifa hii imeletwa kwenu na {article.source.name}. " if article.source else ""
    segments.append(write.segment(Role.OUTRO, credit + show.outro, 0))
    return Script(tuple(segments))


class ScriptWriter:
    """Turns written text into voiced segments as a show speaks them (see build_script)."""

    def __init__(self, settings: Settings, speak: Callable[[str], str] = clean_text) -> None:
        self.pauses = settings.mix
        self.speak = speak

    def segment(
        self, role: Role, text: str, pause: int, voice: str = NARRATOR, speaker: str | None = None
    ) -> Segment:
        marked: dict[str, str] = {}

        def said(written: str) -> str:
            marked[written] = self.speak(written)
            return unmarked(marked[written])

        # Run-on sentences come in pieces short enough for one breath and one transcript cue.
        parts = tuple(
            Sentence(written, spoken, marked[written] if marked[written] != spoken else "")
            for written, spoken in spoken_pieces(clean_text(text), said)
        )
        return Segment(role, voice, parts, pause, speaker)

    def flowing(self, role: Role, paragraph: Paragraph) -> list[Segment]:
        """A paragraph (or the lead) that flows narrator → quote voice → narrator."""
        parts = paragraph_parts(paragraph) if paragraph.quotes else [(paragraph.text, None)]
        said = []
        for number, (text, quote) in enumerate(parts):
            last = number == len(parts) - 1
            pause = self.pauses.pause_after_paragraph if last else self.pauses.pause_voice_change
            kind, voice = (Role.QUOTE, QUOTE_VOICE) if quote else (role, NARRATOR)
            part = self.segment(kind, text, pause, voice, quote.speaker if quote else None)
            said.append(replace(part, inline=number > 0))
        return said

    def block(self, block: Block) -> list[Segment]:
        """A block of an article's body: a paragraph, a heading or a quote."""
        pauses = self.pauses
        if isinstance(block, Paragraph):
            return self.flowing(Role.PARAGRAPH, block)
        if isinstance(block, Heading):
            return [self.segment(Role.HEADING, block.text, pauses.pause_after_heading)]
        segments = []
        attribution = block.attribution or (f"{block.speaker} alisema:" if block.speaker else None)
        if attribution:
            segments.append(
                self.segment(
                    Role.QUOTE_INTRO, attribution, pauses.pause_around_quote, speaker=block.speaker
                )
            )
        segments.append(
            self.segment(
                Role.QUOTE, block.text, pauses.pause_around_quote, QUOTE_VOICE, block.speaker
            )
        )
        return segments


def paragraph_parts(paragraph: Paragraph) -> list[tuple[str, InlineQuote | None]]:
    """A paragraph cut where its voice changes: narrator text, and each quote with its marks.

    >>> paragraph_parts(Paragraph('"Ndiyo," alisema Juma. "Basi".', (
    ...     InlineQuote("Ndiyo,", "Juma"), InlineQuote("Basi", "Juma"))))
    ... # doctest: +NORMALIZE_WHITESPACE
    [('"Ndiyo,"', InlineQuote(text='Ndiyo,', speaker='Juma')), ('alisema Juma.', None),
     ('"Basi".', InlineQuote(text='Basi', speaker='Juma'))]
    """
    text = clean_text(paragraph.text)
    parts: list[tuple[str, InlineQuote | None]] = []
    at = 0
    for quote in paragraph.quotes:
        words = clean_text(quote.text)
        start = text.find(words, at)
        if start < 0:  # the article's validation makes sure each quote is found
            continue
        start, end = _with_marks(text, start, start + len(words), at)
        parts += [(text[at:start].strip(), None), (text[start:end].strip(), quote)]
        at = end
    parts.append((text[at:].strip(), None))
    joined: list[tuple[str, InlineQuote | None]] = []
    for piece, said in parts:
        if joined and said is None and (stop := _LEADING_STOP.match(piece)):
            # The full stop or comma after a quote's closing mark ends the quote, not the
            # narrator's next words: '"…hewa". Amebainisha' → '"…hewa".' + 'Amebainisha'.
            joined[-1] = (joined[-1][0] + stop.group().strip(), joined[-1][1])
            piece = piece[stop.end() :]
        if not piece:
            continue
        if joined and not _WORD.search(piece) and said is None:
            # A lone comma or full stop after a quote goes with it: nothing to speak alone.
            joined[-1] = (_join(joined[-1][0], piece), joined[-1][1])
        elif joined and not _WORD.search(joined[-1][0]):
            joined[-1] = (_join(joined[-1][0], piece), said)
        else:
            joined.append((piece, said))
    return joined


_LEADING_STOP = re.compile(r"\s*[.,;:!?\u2026]+\s*(?=\w)")


def _with_marks(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """A quote's span widened to take in its quotation marks (and spaces inside them)."""
    before = start
    while before > floor and text[before - 1] == " ":
        before -= 1
    if before > floor and text[before - 1] in QUOTE_MARKS:
        start = before - 1
    after = end
    while after < len(text) and text[after] == " ":
        after += 1
    if after < len(text) and text[after] in QUOTE_MARKS:
        end = after + 1
    return start, end


def _join(first: str, second: str) -> str:
    return first + second if second[:1] in ".,;:!?\u2026" or not second else f"{first} {second}"


def render_script(script: Script, *, spoken: bool = False) -> str:
    """The script as a producer proof-reads it: one block per segment with role and voice."""
    lines = []
    for number, segment in enumerate(script.segments, 1):
        text = segment.spoken if spoken else segment.text
        who = f" \u2014 {segment.speaker}" if segment.speaker else ""
        within = " (continues the paragraph)" if segment.inline else ""
        lines.append(f"[{number:02d}] {segment.role.value} ({segment.voice}){who}{within}")
        lines.append(f"     {text}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
