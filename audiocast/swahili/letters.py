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


_CODE = re.compile(r"(?<![\w.,-])(?:[A-Z]+|[0-9]+)(?:-?(?:[A-Z]+|[0-9]+))+(?![\w]|[.,][0-9])")
_CODE_PART = re.compile(r"[A-Z]+|[0-9]+")
_LISTED_CODE = re.compile(
    rf"(?<![\w-])(?P<word>(?i:{alternation(symbols.WORD_ACRONYMS)}))-?(?P<num>[0-9]+)"
    r"(?![\w]|[.,][0-9])"
)
_WORD_HYPHEN_NUMBER = re.compile(r"(?<=[^\W\d_])-(?=[0-9])")


def read_codes(text: str) -> str:
    """Codes of letters and numbers, part by part, no hyphen said: H1N1 = eichi moja eni moja.

    A listed acronym is said as listed in any case (Covid-19 = Kovid kumi na tisa); a word
    joined to a number by a hyphen is parted from it (Euro-2024 = Euro 2024).

    >>> read_codes("UVIKO-19, covid-19, M23, F-16, 4G na Mi-8")
    'Uviko kumi na tisa, Kovid kumi na tisa, emu ishirini na tatu, efu kumi na sita, \
nne ji na Mi 8'
    """

    def code(m: re.Match[str]) -> str:
        parts = _CODE_PART.findall(m[0])
        if all(p.isdigit() for p in parts) or not any(p.isdigit() for p in parts):
            return m[0]  # digits alone (a date, a range) or capitals alone: not a code
        return " ".join(say_numeral(p) if p.isdigit() else _say_capitals(p) for p in parts)

    text = _LISTED_CODE.sub(
        lambda m: f"{symbols.WORD_ACRONYMS[m['word'].upper()]} {say_numeral(m['num'])}", text
    )
    return _WORD_HYPHEN_NUMBER.sub(" ", _CODE.sub(code, text))


_CAPITALS_HYPHEN = re.compile(r"(?<!\w)(?P<capitals>[A-Z]+)-(?=[A-Za-z])")


def part_hyphened_capitals(text: str) -> str:
    """Capitals joined to a word by a hyphen are said apart: HEPS-Uganda = HEPS Uganda.

    One capital is said by its letter name (A-level = ei level); longer ones are read later
    as acronyms.

    >>> part_hyphened_capitals("HEPS-Uganda, A-level, DAR-ES-SALAAM na Dar-es-Salaam")
    'HEPS Uganda, ei level, DAR ES SALAAM na Dar-es-Salaam'
    """

    def spoken(m: re.Match[str]) -> str:
        capitals = m["capitals"]
        return (symbols.LETTER_NAMES[capitals] if len(capitals) == 1 else capitals) + " "

    return _CAPITALS_HYPHEN.sub(spoken, text)


_BRACKETED_NUMBER = re.compile(r"\([^()]*[0-9][^()]*\)")


def space_brackets(text: str) -> str:
    """A bracket holding a number and glued to a word gets a space, so the number is read.

    >>> space_brackets("kw(£1.65)na; chama(CCM)")
    'kw (£1.65) na; chama(CCM)'
    """
    return _BRACKETED_NUMBER.sub(lambda m: pad(m, m[0]), text)


_NUMBER_SIGN = re.compile(
    rf"(?<![\w.])((?i:{alternation(symbols.NUMBER_ABBREVIATIONS)}))\.\s?(?=[0-9])"
)


def expand_number_signs(text: str) -> str:
    """Na., Nam. and No. before a number are "namba": barabara Na. 5 = barabara namba 5.

    >>> expand_number_signs("barabara Na. 5, Nyumba No.12; alisema na. Kisha")
    'barabara namba 5, Nyumba namba 12; alisema na. Kisha'
    """
    return _NUMBER_SIGN.sub(lambda m: symbols.NUMBER_ABBREVIATIONS[m[1].capitalize()] + " ", text)


_CAPITALS = re.compile(r"(?<![\w])[A-Z]{2,}(?![\w])")
# A word built of Swahili syllables only (ma-o-ni, m-twa-ra, pe-mba): a label or a place
# written in capitals, said as a word; an acronym almost never has that shape (CCM, WHO).
_SWAHILI_WORD = re.compile(
    rf"(?:(?:{'|'.join(symbols.SWAHILI_ONSETS)})?[wy]?[aeiou]|m(?![aeiouwy])|n(?=[dgjz]))+"
)
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
        if len(word) >= symbols.SHORTEST_CAPITAL_WORD and _SWAHILI_WORD.fullmatch(word.lower()):
            return word[0] + word[1:].lower()  # "MAONI:", "PEMBA:" are words, not acronyms
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


def _before_number(m: re.Match[str]) -> str:
    """A sign before a number as its word, apart from what precedes it ("50%+1")."""
    before = m.string[m.start() - 1 : m.start()]
    lead = " " if before and not before.isspace() and before != "(" else ""
    return f"{lead}{symbols.SYMBOLS_BEFORE_NUMBER[m[1]]} "


def read_symbols(text: str) -> str:
    """Symbols in Swahili words: A&B = A na B, 2+2 = 2 jumlisha 2, 30° = nyuzi 30.

    >>> read_symbols("Tanga Cement & Co; 18+; ~500; 2+2=4; 30°; Habari • Michezo™")
    'Tanga Cement na Co; 18 na zaidi; takriban 500; 2 jumlisha 2 ni sawa na 4; nyuzi 30; \
Habari, Michezo'
    """
    text = _PLUS_BETWEEN.sub(f" {symbols.PLUS} ", text)
    text = _PLUS_AFTER.sub(f" {symbols.AND_MORE}", text)
    text = _BEFORE_NUMBER.sub(_before_number, text)
    text = _DEGREES.sub(lambda m: pad(m, f"{symbols.SYMBOL_WORDS['°']} {m['num']}"), text)
    return _LONE.sub(_lone_symbol, _PAUSE.sub(_pause, text)).strip()
