"""Number shapes and small helpers the Swahili rules share."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .numbers import say_numeral


def alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first, so "km²" wins over "km"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def written_before(*phrases: str) -> re.Pattern[str]:
    """A pattern for "the text just before ends with one of these phrases"."""
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s*$", re.IGNORECASE)


def ends_with(pattern: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether text[:pos] ends with what `pattern` (from written_before) describes."""
    return pattern.search(text[max(0, pos - 40) : pos]) is not None


# Number shapes shared by the rules. Comma groups must be whole ("25,000", not "2,50");
# two or more dot groups are thousands too ("1.500.000"); a single dot is a decimal point.
INT = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9]|\.[0-9])"
    r"|[0-9]+"
)
NUM = rf"(?:{INT})(?:\.[0-9]+)?"
# In money a single dot group is a separator as well ("Sh. 1.500").
MONEY_NUM = rf"[0-9]{{1,3}}(?:\.[0-9]{{3}})+(?![0-9]|\.[0-9])|{NUM}"
# A number starting here, not the tail of a longer one ("4.5", "25,000").
START = r"(?<![0-9])(?<![0-9][.,])"
DASH = r"\s?[-\u2013\u2014]\s?"
SIGN = r"(?:(?<![\w.,)/-])(?P<sign>[-\u2212]))?"
DOT_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


def say(written: str, *, money: bool = False) -> str:
    """A number token in words, dots read as thousands separators when they are ones."""
    groups = written.count(".")
    if DOT_GROUPS.fullmatch(written) and (money or groups > 1):
        written = written.replace(".", "")
    return say_numeral(written)


def pad(match: re.Match[str], spoken: str) -> str:
    """`spoken` with spaces where the match touched letters ("2023Picha")."""
    text = match.string
    before = match.start() > 0 and text[match.start() - 1].isalnum()
    after = match.end() < len(text) and text[match.end()].isalnum()
    return (" " if before else "") + spoken + (" " if after else "")


def capitalised(written: str, spoken: str) -> str:
    """`spoken` with its first letter in the case of `written`'s first letter."""
    if not written or not spoken:
        return spoken
    if written[0].isupper():
        return spoken[0].upper() + spoken[1:]
    if written[0].islower():
        return spoken[0].lower() + spoken[1:]
    return spoken


def collapse_whitespace(text: str) -> str:
    """Runs of any whitespace (also no-break and thin spaces) become one space.

    >>> collapse_whitespace(" watu\\u00a0 70\\n")
    'watu 70'
    """
    return " ".join(text.split())


SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def sentence_around(text: str, start: int, end: int, reach: int = 400) -> str:
    """The sentence holding text[start:end], at most `reach` characters either side."""
    first = max(0, start - reach)
    left = max((m.end() for m in SENTENCE_END.finditer(text, first, start)), default=first)
    right = SENTENCE_END.search(text, end, end + reach)
    return text[left : right.start() if right else min(len(text), end + reach)]
