"""Transcripts: one cue per sentence, in the words as written, timed from the mix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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
