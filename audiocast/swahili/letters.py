"""Titles, abbreviated phrases, acronyms and symbols, as a Swahili newsreader says them."""

from __future__ import annotations

import re

from . import symbols
from .numbers import say_numeral
from .patterns import NUM, alternation, pad

_TITLE = re.compile(rf"(?<![\w.])({alternation(symbols.TITLES)})\.(?=\s|[A-Z]|$)")
_DOTLESS_TITLE = re.compile(rf"(?<![\w.])({alternation(symbols.DOTLESS_TITLES)}) (?=[A-Z])")


def expand_titles(text: str) -> str:
    """Titles before names in full: "Dkt. Mpango" = Daktari Mpango.

    >>> expand_titles("Mhe. Bashe na Dkt Mpango")
    'Mheshimiwa Bashe na Daktari Mpango'
    """
    text = _TITLE.sub(lambda m: pad(m, symbols.TITLES[m[1]]), text)  # "Dkt.Mpango" too
    return _DOTLESS_TITLE.sub(lambda m: symbols.TITLES[m[1]] + " ", text)


def _phrase_pattern(written: str) -> str:
    pieces = written.rstrip(".").split(".")
    return r"\.\s?".join(map(re.escape, pieces)) + (r"\.?" if written.endswith(".") else "")


_PHRASE_OF = {p.rstrip(".").replace(".", "").lower(): p for p in symbols.PHRASES}
_PHRASE = re.compile(
    r"(?<![\w.])(?:" + "|".join(map(_phrase_pattern, symbols.PHRASES)) + r")(?!\w)"
)
_NEXT_SENTENCE = re.compile(r"\s*(?:$|[A-Z])")


def expand_phrases(text: str) -> str:
    """Abbreviated phrases in full: n.k. = na kadhalika, S.L.P. = Sanduku la Posta.

    >>> expand_phrases("mahindi, mpunga n.k. Bei zimepanda.")
    'mahindi, mpunga na kadhalika. Bei zimepanda.'
    """

    def spoken(m: re.Match[str]) -> str:
        key = _PHRASE_OF[re.sub(r"[.\s]", "", m[0]).lower()]
        words = symbols.PHRASES[key]
        ends = m[0].endswith(".") and key in symbols.SENTENCE_FINAL_PHRASES
        # "n.k." closing a sentence: its stop is also the full stop.
        if ends and _NEXT_SENTENCE.match(text, m.end()):
            return words + "."
        return words

    return _PHRASE.sub(spoken, text)


def _say_capitals(word: str) -> str:
    """An acronym as said: a listed word, or letter by letter when short enough."""
    if word in symbols.WORD_ACRONYMS:
        return symbols.WORD_ACRONYMS[word]
    if len(word) <= 5:
        return " ".join(symbols.LETTER_NAMES[letter] for letter in word)
    return word


_ACRONYM_NUMBER = re.compile(r"(?<![\w])(?P<letters>[A-Z]{1,8})-?(?P<num>[0-9]{1,4})(?![\w])")


def read_acronyms_with_numbers(text: str) -> str:
    """Letters with a number: COVID-19 = Kovid kumi na tisa, G20 = ji ishirini.

    >>> read_acronyms_with_numbers("UVIKO-19 na M23")
    'Uviko kumi na tisa na emu ishirini na tatu'
    """
    return _ACRONYM_NUMBER.sub(
        lambda m: f"{_say_capitals(m['letters'])} {say_numeral(m['num'])}", text
    )


_CAPITALS = re.compile(r"(?<![\w])[A-Z]{2,}(?![\w])")
_CAPITALS_BEFORE = re.compile(r"(?<![\w])[A-Z]{2,} $")
_CAPITALS_AFTER = re.compile(r" [A-Z]{2,}(?![\w])")


def read_acronyms(text: str) -> str:
    """Acronyms: listed ones as words (NATO = Nato), others spelled (CCM = si si emu).

    >>> read_acronyms("NATO, CCM na BBC; RAIS AZINDUA")
    'Nato, si si emu na bi bi si; RAIS AZINDUA'
    """

    def spoken(m: re.Match[str]) -> str:
        word = m[0]
        if word in symbols.WORD_ACRONYMS:
            return symbols.WORD_ACRONYMS[word]
        # Next to another word in capitals it is a shouted headline, not an acronym.
        shouted = _CAPITALS_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
        if shouted or _CAPITALS_AFTER.match(m.string, m.end()):
            return word
        return _say_capitals(word)

    return _CAPITALS.sub(spoken, text)


_PLUS_BETWEEN = re.compile(r"(?<=[0-9])\s?\+\s?(?=[0-9])")
_PLUS_AFTER = re.compile(r"(?<=\w)\++(?!\w)")  # "18+", "Form Four+": and more
_BEFORE_NUMBER = re.compile(rf"(?<![\w])({alternation(symbols.SYMBOLS_BEFORE_NUMBER)})\s?(?=[0-9])")
_DEGREES = re.compile(rf"(?<![\w.,])(?P<num>{NUM})\s?°(?![\w])")
_PAUSES = [symbol for symbol, word in symbols.SYMBOL_WORDS.items() if word == ","]
_PAUSE = re.compile(rf"\s*(?:(?:{alternation(_PAUSES)})\s*)+")  # "Habari >> Siasa": one
# "°C" is a unit (read_units), not a lone degree sign.
_LONE = re.compile(
    rf"\s*(?!°[CF])({alternation(s for s in symbols.SYMBOL_WORDS if s not in _PAUSES)})\s*"
)
_PUNCTUATION = ",.;:!?()"


def _pause(m: re.Match[str]) -> str:
    """Symbols between parts (a bullet, a pipe, an arrow) as a comma, unless one is there."""
    before, after = m.string[: m.start()], m.string[m.end() :]
    if not before or not after or before[-1] in _PUNCTUATION or after[0] in _PUNCTUATION:
        return " "
    return ", "


def _lone_symbol(m: re.Match[str]) -> str:
    """A lone symbol as its word or as silence, never its English name."""
    word = symbols.SYMBOL_WORDS[m[1]]
    before, after = m.string[: m.start()], m.string[m.end() :]
    if not word:
        if not before or not after or after[0] in _PUNCTUATION:
            return ""
        return " " if m[0] != m[1] or (before[-1].isalnum() and after[0].isalnum()) else ""
    lead = "" if not before or before[-1] == "(" else " "
    return lead + word + ("" if not after or after[0] in _PUNCTUATION else " ")


def read_symbols(text: str) -> str:
    """Symbols in Swahili words: A&B = A na B, 2+2 = 2 jumlisha 2, 30° = nyuzi 30.

    >>> read_symbols("Tanga Cement & Co; 18+; ~500; 2+2=4; 30°; Habari • Michezo™")
    'Tanga Cement na Co; 18 na zaidi; takriban 500; 2 jumlisha 2 ni sawa na 4; nyuzi 30; \
Habari, Michezo'
    """
    text = _PLUS_BETWEEN.sub(f" {symbols.PLUS} ", text)
    text = _PLUS_AFTER.sub(f" {symbols.AND_MORE}", text)
    text = _BEFORE_NUMBER.sub(lambda m: f"{symbols.SYMBOLS_BEFORE_NUMBER[m[1]]} ", text)
    text = _DEGREES.sub(lambda m: pad(m, f"{symbols.SYMBOL_WORDS['°']} {m['num']}"), text)
    return _LONE.sub(_lone_symbol, _PAUSE.sub(_pause, text)).strip()
