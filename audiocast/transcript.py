"""Transcripts: one cue per sentence, in the words as written, timed from the mix.

A sentence longer than a player shows at once (`CUE_CHARS`) is cut into several cues at
words, when its engine said where it spoke each word (edge): each cue starts where its
first word is heard. The record keeps those times (SentenceRecord.words), so the cues are
made from the record alone, by the build and by `validate` alike.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .script import QUOTE_VOICE

if TYPE_CHECKING:
    from .engines import Word
    from .episode import SegmentRecord

CUE_CHARS = 84  # two lines of 42 characters: what a player shows at once
_NOT_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    speaker: str | None = None  # who the quote voice speaks for; WebVTT names them


def _clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line ends a cue and "-->" starts one: neither may appear inside the text.
    return " ".join(text.split()).replace("-->", "->")


def _voice_name(speaker: str) -> str:
    # The name ends at ">" and may not break the line or start an entity or a tag.
    return " ".join(speaker.translate({ord(c): " " for c in "<>&"}).split())


def webvtt(cues: Sequence[Cue]) -> str:
    """WebVTT, the transcript format podcast apps read (`podcast:transcript`).

    >>> print(webvtt([Cue(1.5, 3.25, "Habari.")]), end="")
    WEBVTT
    <BLANKLINE>
    1
    00:00:01.500 --> 00:00:03.250
    Habari.
    >>> print(webvtt([Cue(4.0, 5.0, "\u201cNdiyo,\u201d", "Amina Juma")]).splitlines()[-1])
    <v Amina Juma>\u201cNdiyo,\u201d</v>
    """
    blocks = ["WEBVTT\n"]
    for number, cue in enumerate(cues, 1):
        timing = f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}"
        text = _one_line(cue.text)
        if cue.speaker and (name := _voice_name(cue.speaker)):
            text = f"<v {name}>{text}</v>"  # a voice span: players show who speaks
        blocks.append(f"{number}\n{timing}\n{text}\n")
    return "\n".join(blocks)


def subrip(cues: Sequence[Cue]) -> str:
    """SubRip (.srt), for players and editors that read no WebVTT.

    >>> print(subrip([Cue(61.0, 62.5, "Asante.")]), end="")
    1
    00:01:01,000 --> 00:01:02,500
    Asante.
    """
    return "\n".join(
        f"{n}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n{_one_line(c.text)}\n"
        for n, c in enumerate(cues, 1)
    )


def word_starts(spoken: str, words: Sequence[Word]) -> list[float | None] | None:
    """When each word of `spoken` (split at spaces) starts, rounded to the millisecond: the
    engine's words found in order in the text; None for a word it did not mark, and None in
    all when the engine marked none.

    >>> from audiocast.engines import Word
    >>> word_starts("Bei ya mafuta.", [Word(0.1, 0.3, "Bei"), Word(0.55, 0.9, "mafuta")])
    [0.1, None, 0.55]
    """
    if not words:
        return None
    tokens = spoken.split()
    offsets: list[int] = []
    at = 0
    for token in tokens:
        at = spoken.index(token, at)
        offsets.append(at)
        at += len(token)
    starts: list[float | None] = [None] * len(tokens)
    cursor = 0
    for word in words:
        needle = word.text.strip()
        found = needle and re.compile(re.escape(needle), re.IGNORECASE).search(spoken, cursor)
        if not found:
            continue
        index = bisect_right(offsets, found.start()) - 1
        if index >= 0 and starts[index] is None:
            starts[index] = round(word.start, 3)
        cursor = found.end()
    return starts


def sentence_cues(
    text: str,
    start: float,
    end: float,
    spoken: str = "",
    starts: Sequence[float | None] | None = None,
    speaker: str | None = None,
) -> list[Cue]:
    """A sentence's cues: one, or for a sentence over `CUE_CHARS` with its words' `starts`
    (see `word_starts`), pieces of at most that many characters cut between words, each
    starting where its first word is heard.

    A written word is timed by the spoken word it stands for, which is certain only where
    the written and the spoken text agree (not inside a number read out, or a respelling):
    cuts fall between two words that both agree.

    >>> text = ("Wakulima wa kahawa wamelalamikia bei ndogo, na chama chao "
    ...         "kitawasilisha malalamiko bodi.")
    >>> heard = [1.0, 1.4, 1.6, 2.0, 2.6, 2.8, 3.3, 3.4, 3.9, 4.3, 5.0, 5.6]
    >>> for cue in sentence_cues(text, 1.0, 6.0, text, heard):
    ...     print(cue.start, cue.end, cue.text)
    1.0 3.3 Wakulima wa kahawa wamelalamikia bei ndogo,
    3.3 6.0 na chama chao kitawasilisha malalamiko bodi.
    """
    one = [Cue(start, end, text, speaker)]
    said = spoken.split()
    if len(text) <= CUE_CHARS or not starts or len(starts) != len(said):
        return one
    written = text.split(" ")
    offsets = [0]
    for word in written[:-1]:
        offsets.append(offsets[-1] + len(word) + 1)
    keys = [_NOT_WORD.sub("", w.casefold()) for w in written]
    matcher = SequenceMatcher(None, keys, [_NOT_WORD.sub("", w.casefold()) for w in said], False)
    timed: dict[int, float] = {}  # a written word a cue can start at: when it is heard
    for block in matcher.get_matching_blocks():
        for k in range(1, block.size):
            i, heard = block.a + k, starts[block.b + k]
            if heard is not None and keys[i] and keys[i - 1] and start < heard < end:
                timed[i] = heard
    cuts: list[int] = []
    begin, since = 0, start
    while len(text) - offsets[begin] > CUE_CHARS:
        rest = len(text) - offsets[begin]
        aim = offsets[begin] + rest / math.ceil(rest / CUE_CHARS)
        later = [i for i in sorted(timed) if i > begin and timed[i] > since]
        fitting = [i for i in later if offsets[i] - 1 - offsets[begin] <= CUE_CHARS]
        if not later:
            break
        if fitting:  # nearest the even share, a clause's end a little nearer
            clause = lambda i: 8 * written[i - 1].endswith((",", ";", ":"))  # noqa: E731
            cut = min(fitting, key=lambda i: abs(offsets[i] - aim) - clause(i))
        else:  # no agreeing words close enough: the shortest piece there can be
            cut = later[0]
        cuts.append(cut)
        begin, since = cut, timed[cut]
    if not cuts:
        return one
    bounds = [0, *cuts, len(written)]
    times = [start, *(timed[c] for c in cuts), end]
    return [
        Cue(times[n], times[n + 1], " ".join(written[bounds[n] : bounds[n + 1]]), speaker)
        for n in range(len(bounds) - 1)
    ]


def record_cues(segments: Sequence[SegmentRecord]) -> list[Cue]:
    """Every cue of an episode, from its record: what the build writes, what validate expects."""
    return [
        cue
        for segment in segments
        for s in segment.sentences
        for cue in sentence_cues(
            s.text, s.start, s.end, s.spoken, s.words,
            segment.speaker if segment.voice == QUOTE_VOICE else None,
        )
    ]  # fmt: skip
