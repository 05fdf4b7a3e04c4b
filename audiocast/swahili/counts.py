"""Scores and ordinals: the numbers whose words agree with what they count."""

from __future__ import annotations

import re

from . import symbols
from .numbers import say_number, say_ordinal
from .patterns import alternation, ends_with, sentence_around, written_before
from .words import BY, GOAL, GOALS, MA_CLASS

_SCORE = re.compile(
    r"(?<![\w.,:/-])(?P<a>[0-9]{1,2})\s?[-\u2013]\s?(?P<b>[0-9]{1,2})"
    r"(?![0-9]|[.,:/][0-9]|\s?%|[-\u2013][0-9])"
)


_SCORE_CONTEXT = re.compile(
    rf"(?<!\w)(?:{'|'.join(symbols.SCORE_WORDS)})(?!\w)"
    rf"|\w*(?:{'|'.join(symbols.SCORE_STEMS)})\w*",
    re.IGNORECASE,
)
_GOAL_BEFORE = written_before(*symbols.GOAL_NOUNS)


def _agreeing(n: int) -> str:
    """A count agreeing with "mabao": 3 = matatu, 12 = kumi na mawili, 6 = sita."""
    words = say_number(n).split()
    words[-1] = MA_CLASS.get(words[-1], words[-1])
    return " ".join(words)


def read_scores(text: str) -> str:
    """Scores in a match report: "ilishinda 3-1" = ilishinda mabao matatu kwa moja.

    >>> read_scores("Simba ilishinda 3-1 na sare ya 1-1.")
    'Simba ilishinda mabao matatu kwa moja na sare ya bao moja kwa moja.'
    """

    def spoken(m: re.Match[str]) -> str:
        a, b = int(m["a"]), int(m["b"])
        if _SCORE_CONTEXT.search(sentence_around(m.string, m.start(), m.end())):
            if ends_with(_GOAL_BEFORE, m.string, m.start()):
                return f"{_agreeing(a)} {BY} {say_number(b)}"
            goals = f"{GOAL} {say_number(a)}" if a == 1 else f"{GOALS} {_agreeing(a)}"
            return f"{goals} {BY} {say_number(b)}"
        if a >= b:  # a tally, not a range: "kura 12-7"
            return f"{say_number(a)} {BY} {say_number(b)}"
        return m[0]  # ascending: a range, read by read_ranges

    return _SCORE.sub(spoken, text)


_CONNECTIVE = "|".join(symbols.ORDINAL_CONNECTIVES)
_ORDINAL = re.compile(
    rf"(?<![\w])(?P<head>\w+\s)?(?P<of>{_CONNECTIVE})\s(?P<n>[12])"
    r"(?![0-9]|[.,:/][0-9]|\s?%|\s?[-\u2013][0-9])"
)


def read_ordinals(text: str) -> str:
    """1 and 2 after wa, ya, la…: "ya 1" = ya kwanza, "wa 2" = wa pili; not "zaidi ya 2".

    >>> read_ordinals("mara ya 1, zaidi ya 2")
    'mara ya kwanza, zaidi ya 2'
    """

    def spoken(m: re.Match[str]) -> str:
        head = m["head"] or ""
        if head.strip().lower() in symbols.CARDINAL_HEADS:
            return m[0]  # counted, not ordered: read later as a number
        return f"{head}{m['of']} {say_ordinal(int(m['n']))}"

    return _ORDINAL.sub(spoken, text)


_ROMAN = re.compile(
    rf"(?<![\w])(?:(?P<of>{_CONNECTIVE})|(?P<name>[A-Z][a-z]+))"
    rf"\s(?P<roman>{alternation(symbols.ROMAN_NUMERALS)})(?![\w])"
)


def read_roman_ordinals(text: str) -> str:
    """Roman numerals after a name or a connective: Charles III = Charles wa tatu.

    >>> read_roman_ordinals("Mfalme Charles III na Vita vya II")
    'Mfalme Charles wa tatu na Vita vya pili'
    """

    def spoken(m: re.Match[str]) -> str:
        ordinal = say_ordinal(symbols.ROMAN_NUMERALS[m["roman"]])
        return f"{m['of']} {ordinal}" if m["of"] else f"{m['name']} wa {ordinal}"

    return _ROMAN.sub(spoken, text)
