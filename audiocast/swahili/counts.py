"""Scores and ordinals: the numbers whose words agree with what they count."""

from __future__ import annotations

import re

from . import symbols
from .numbers import MAX_DIGITS, say_number, say_ordinal
from .patterns import DASH, INT, alternation, ends_with, say, sentence_around, written_before
from .words import (
    ADDED_TIME,
    AGREEMENT,
    AND,
    BY,
    COUNTED_NOUNS,
    GOAL,
    GOALS,
    MINUTE,
    RANGE_TO,
    RANGE_TO_WORDS,
)

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
_TALLY_BEFORE = written_before(*symbols.TALLY_NOUNS)


# Added time in a match: "dakika ya 45+2", "dakika 90 + 4".
_ADDED_TIME = re.compile(
    rf"(?<![\w])(?P<head>(?i:{MINUTE})(?:\s(?:{'|'.join(symbols.ORDINAL_CONNECTIVES)}))?\s)"
    r"(?P<played>[0-9]{2,3})\s?\+\s?(?P<added>[0-9]{1,2})(?![0-9])"
)


def read_added_time(text: str) -> str:
    """Minutes of added time: "dakika ya 45+2" = dakika ya arobaini na tano na mbili za nyongeza.

    >>> read_added_time("bao la dakika ya 90+3")
    'bao la dakika ya tisini na tatu za nyongeza'
    """

    def spoken(m: re.Match[str]) -> str:
        played, added = say_number(int(m["played"])), say_number(int(m["added"]))
        return f"{m['head']}{played} {AND} {added} {ADDED_TIME}"

    return _ADDED_TIME.sub(spoken, text)


def agreeing(n: int, noun_class: str) -> str:
    """`n` in words, its unit agreeing with a noun class (words.AGREEMENT); 100 = mia moja.

    >>> agreeing(3, "ma"), agreeing(12, "wa"), agreeing(21, "mi"), agreeing(100, "wa")
    ('matatu', 'kumi na wawili', 'ishirini na mmoja', 'mia moja')
    """
    words = say_number(n).split()
    if n % 10:  # the last word is the unit, not the count of a hundred or a thousand
        forms = AGREEMENT.get(noun_class, {})
        words[-1] = forms.get(words[-1], words[-1])
    return " ".join(words)


def read_scores(text: str) -> str:
    """Scores in a match report, both counts agreeing: "ilishinda 3-2" = mabao matatu kwa mawili.

    >>> read_scores("Simba ilishinda 3-2 na sare ya 1-1.")
    'Simba ilishinda mabao matatu kwa mawili na sare ya bao moja kwa moja.'
    """

    def spoken(m: re.Match[str]) -> str:
        a, b = int(m["a"]), int(m["b"])
        if ends_with(_TALLY_BEFORE, m.string, m.start()):  # "kwa penalti 4-3": not goals
            return f"{say_number(a)} {BY} {say_number(b)}"
        if _SCORE_CONTEXT.search(sentence_around(m.string, m.start(), m.end())):
            score = f"{agreeing(a, 'ma')} {BY} {agreeing(b, 'ma')}"
            if ends_with(_GOAL_BEFORE, m.string, m.start()):
                return score
            return f"{GOAL if a == 1 else GOALS} {score}"
        if a >= b:  # a tally, not a range: "kura 12-7"
            return f"{say_number(a)} {BY} {say_number(b)}"
        return m[0]  # ascending: a range, read by read_ranges

    return _SCORE.sub(spoken, text)


_CLASS_OF = {noun: c for c, nouns in COUNTED_NOUNS.items() if c in AGREEMENT for noun in nouns}
_RANGE_WORD = "|".join(RANGE_TO_WORDS)
_COUNT = re.compile(
    rf"(?<![\w'])(?P<noun>(?i:{alternation(_CLASS_OF)}))\s(?P<a>{INT})"
    rf"(?:(?:{DASH}|\s(?P<to>{_RANGE_WORD})\s)(?P<b>{INT}))?(?![\w]|[.,:/-][0-9]|\s?%)"
    rf"(?!(?:{DASH}|\s(?:{_RANGE_WORD})\s)(?:{alternation(symbols.SCALES_BEFORE)})(?!\w))"
)
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")  # "Watoto Wakimbizi 2024": a name and its year


def _count(written: str, noun_class: str) -> str:
    digits = written.replace(",", "").replace(".", "")  # INT: dots only as thousands
    if (len(digits) > 1 and digits[0] == "0") or len(digits) > MAX_DIGITS:
        return say(written)  # read digit by digit, nothing to agree
    if _YEAR.fullmatch(written):
        return say(written)  # a count this large is written grouped: 1,950
    return agreeing(int(digits), noun_class)


def read_counts(text: str) -> str:
    """A count right after a listed plural noun agrees with it: watu 12 = watu kumi na wawili.

    Not the low end of a range of millions ("watu 2-3 milioni"): it counts millions.

    >>> read_counts("watu 2, miaka 3-5, vitabu 21 na siku 2")
    'watu wawili, miaka mitatu hadi mitano, vitabu ishirini na kimoja na siku 2'
    """

    def spoken(m: re.Match[str]) -> str:
        noun_class = _CLASS_OF[m["noun"].lower()]
        words = f"{m['noun']} {_count(m['a'], noun_class)}"
        if m["b"]:
            words += f" {m['to'] or RANGE_TO} {_count(m['b'], noun_class)}"
        return words

    return _COUNT.sub(spoken, text)


_CONNECTIVE = "|".join(symbols.ORDINAL_CONNECTIVES)
_ORDINAL = re.compile(
    rf"(?<![\w])(?P<head>\w+\s)?(?P<of>{_CONNECTIVE})\s(?P<n>[12])"
    r"(?![0-9]|[.,:/][0-9]|\s?%|\s?[-\u2013][0-9]|[^\W\d_])"  # not "ya 2G"
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


# After a connective "I" is one as well ("Daraja la I"); after a name it stays a pronoun.
_ROMAN_AFTER_OF = {"I": 1, **symbols.ROMAN_NUMERALS}
_ROMAN = re.compile(
    rf"(?<![\w])(?:(?P<of>{_CONNECTIVE})\s(?P<after_of>{alternation(_ROMAN_AFTER_OF)})"
    rf"(?:(?:{DASH}|\s(?:{'|'.join(RANGE_TO_WORDS)})\s)(?P<last>{alternation(_ROMAN_AFTER_OF)}))?"
    rf"|(?P<name>[A-Z][a-z]+)\s(?P<roman>{alternation(symbols.ROMAN_NUMERALS)}))(?![\w])"
)


def read_roman_ordinals(text: str) -> str:
    """Roman numerals after a name or a connective: Charles III = Charles wa tatu.

    >>> read_roman_ordinals("Mfalme Charles III, Vita vya II na Daraja la I hadi III")
    'Mfalme Charles wa tatu, Vita vya pili na Daraja la kwanza hadi la tatu'
    """

    def spoken(m: re.Match[str]) -> str:
        if m["name"]:
            return f"{m['name']} wa {say_ordinal(symbols.ROMAN_NUMERALS[m['roman']])}"
        said = f"{m['of']} {say_ordinal(_ROMAN_AFTER_OF[m['after_of']])}"
        if m["last"]:
            said += f" {RANGE_TO} {m['of'].lower()} {say_ordinal(_ROMAN_AFTER_OF[m['last']])}"
        return said

    return _ROMAN.sub(spoken, text)
