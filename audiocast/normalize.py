"""Written Swahili news text as a newsreader says it, for any speech engine.

`normalize()` collapses whitespace, applies the producer's `Lexicon`, then runs the small
text-in/text-out rules of `RULES` in order: shapes holding several numbers (dates, fiscal
years, times, money, percentages, units, scores) before single numbers, and last a fallback
that reads every digit left. Only the text sent to the engine is normalized; transcripts
keep what was written. Data (abbreviations, currencies, units, acronyms, letter names) is in
`symbols.py`, number words in `swahili.py`.

>>> normalize("Bajeti ya Sh. trilioni 34.88 ilisomwa tarehe 18.06.2024.")
'Bajeti ya shilingi trilioni thelathini na nne nukta nane nane ilisomwa tarehe kumi na nane \
Juni, mwaka elfu mbili na ishirini na nne.'

House style where usage varies
------------------------------
- Counting forms throughout ("watu sabini", "watu 2 milioni" = watu milioni mbili); goals
  are the one agreement (below). A sentence that starts with a number starts in lower case.
- Scores: "3-1" in a sentence about a match (mabao, ushindi, sare, matokeo, kipigo,
  walishinda…, see symbols.SCORE_WORDS) = "mabao matatu kwa moja": "mabao" is added unless a
  goal noun is written just before, the first count agrees with it (mawili, matatu, manne,
  matano, manane), one goal is "bao moja", nil is "sifuri". Outside a match report an
  ascending pair is a range ("90-95" = tisini hadi tisini na tano), a descending or equal
  pair of small numbers a tally ("12-7" = kumi na mbili kwa saba).
- Money: the country follows the amount only when the symbol names one: TSh/TZS za
  Tanzania, KSh/KES za Kenya, USh/UGX za Uganda, US$/USD za Kimarekani; Sh., $, £, € and
  written nouns stay plain. Scale words go before the count ("Sh. 2 bilioni", "$5m").
- A dot before exactly three digits is a thousands separator after a currency symbol or
  noun ("Sh. 1.500"), and wherever there are two such groups ("1.500.000"); otherwise it is
  the decimal point, read "nukta" and then digit by digit. A comma before three digits
  always groups thousands; decimal commas are not read as decimals.
- Dates are day first (18/06/2024), as in East Africa. "tarehe" is added unless written just
  before; the year follows as ", mwaka …" (say_date); "Januari 6" = tarehe sita Januari; a
  month with a year only ("Juni 2024") = Juni mwaka elfu mbili na ishirini na nne.
- Times: after "saa" with a part of the day (asubuhi, jioni…) a time is Swahili clock time,
  ":30" and ":15" = "na nusu", "na robo". Any other "18:44" is read as written, hour then
  minutes ("saa kumi na nane na dakika arobaini na nne", ":00" silent), never converted
  to Swahili clock hours. "6:00-7:00" = kutoka saa sita hadi saa saba.
- Fiscal years "2020/21" (consecutive years only) = mwaka wa fedha elfu mbili na ishirini
  hadi ishirini na moja; nothing is added after "mwaka", "mwaka wa fedha" or "msimu" (a
  football season). Other "a/b" are read "a kwa b" (24/7), fractions as words (1/2 nusu),
  three or more dotted parts part by part (toleo 2.0.1 = mbili nukta sifuri nukta moja).
- Ordinals: only 1 and 2 have their own words, after wa, ya, la, cha, vya ("ya 1" = ya
  kwanza, "wa 2" = wa pili), but not after zaidi, kati, chini… (zaidi ya 2 = zaidi ya
  mbili); from 3 on the number word ("nafasi ya 18"). Roman numerals from II are
  ordinals after a name (Charles III = Charles wa tatu) or a connective (vya II = vya pili).
- Titles: with a stop always (Dkt. = Daktari); without it only before a capitalised name,
  and never "Bi" or "Mh", which are also said as written. "n.k." at a sentence end keeps
  its stop as the full stop.
- Acronyms: those in symbols.WORD_ACRONYMS are written as words ("NATO" = Nato) so that no
  engine spells them; other capitals of 2-5 letters are spelled with symbols.LETTER_NAMES
  ("CCM" = si si emu), except next to another word in capitals (a shouted headline).
  Letters with a number: "COVID-19" = Kovid kumi na tisa, "M23" = emu ishirini na tatu.
- Lexicon: see `Lexicon`. It runs first and its respellings are final: no later rule
  touches them, so a producer can override any rule ("BBC: bi bi si", "Dkt.: Dokta").

Known limits: a verse reference "Yohana 3:16" reads as a time; a date with a two-digit year
(18/06/24), a decimal comma (4,5%) and seconds (18:44:05) are not recognised, their numbers
are read one by one. The lexicon is the way out for a story that needs them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import symbols
from .errors import ConfigError
from .spoken import say_date, say_number, say_numeral, say_ordinal, say_time
from .swahili import (
    BY,
    DATE_WORD,
    FISCAL_YEAR,
    GOAL,
    GOALS,
    MA_CLASS,
    MINUS,
    MONTHS,
    PERCENT,
    POINT,
    RANGE_FROM,
    RANGE_TO,
    YEAR_WORD,
)

__all__ = ["RULES", "Lexicon", "load_lexicon", "normalize"]

log = logging.getLogger(__name__)

Rule = Callable[[str], str]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first, so "km²" wins over "km"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _written_before(*phrases: str) -> re.Pattern[str]:
    """A pattern for "the text just before ends with one of these phrases"."""
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s*$", re.IGNORECASE)


def _ends_with(pattern: re.Pattern[str], text: str, pos: int) -> bool:
    """Whether text[:pos] ends with what `pattern` (from _written_before) describes."""
    return pattern.search(text[max(0, pos - 40) : pos]) is not None


# Number shapes shared by the rules. Comma groups must be whole ("25,000", not "2,50");
# two or more dot groups are thousands too ("1.500.000"); a single dot is a decimal point.
_INT = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9]|\.[0-9])"
    r"|[0-9]+"
)
_NUM = rf"(?:{_INT})(?:\.[0-9]+)?"
# In money a single dot group is a separator as well ("Sh. 1.500").
_MONEY_NUM = rf"[0-9]{{1,3}}(?:\.[0-9]{{3}})+(?![0-9]|\.[0-9])|{_NUM}"
# A number starting here, not the tail of a longer one ("4.5", "25,000").
_START = r"(?<![0-9])(?<![0-9][.,])"
_DASH = r"\s?[-\u2013\u2014]\s?"
_SIGN = r"(?:(?<![\w.,)/-])(?P<sign>[-\u2212]))?"
_DOT_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


def _say(written: str, *, money: bool = False) -> str:
    """A number token in words, dots read as thousands separators when they are ones."""
    groups = written.count(".")
    if _DOT_GROUPS.fullmatch(written) and (money or groups > 1):
        written = written.replace(".", "")
    return say_numeral(written)


def _pad(match: re.Match[str], spoken: str) -> str:
    """`spoken` with spaces where the match touched letters ("2023Picha")."""
    text = match.string
    before = match.start() > 0 and text[match.start() - 1].isalnum()
    after = match.end() < len(text) and text[match.end()].isalnum()
    return (" " if before else "") + spoken + (" " if after else "")


def _capitalised(written: str, spoken: str) -> str:
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


_SPACED_GROUPS = re.compile(r"(?<![0-9.,+])(?<![0-9+] )[0-9]{1,3}(?: [0-9]{3})+(?![0-9])")


def join_digit_groups(text: str) -> str:
    """Thousands grouped with spaces are one number: "100 000" = 100000.

    >>> join_digit_groups("watu 100 000 na 2 500")
    'watu 100000 na 2500'
    """
    return _SPACED_GROUPS.sub(lambda m: m[0].replace(" ", ""), text)


_TITLE = re.compile(rf"(?<![\w.])({_alternation(symbols.TITLES)})\.(?=\s|[A-Z]|$)")
_DOTLESS_TITLE = re.compile(rf"(?<![\w.])({_alternation(symbols.DOTLESS_TITLES)}) (?=[A-Z])")


def expand_titles(text: str) -> str:
    """Titles before names in full: "Dkt. Mpango" = Daktari Mpango.

    >>> expand_titles("Mhe. Bashe na Dkt Mpango")
    'Mheshimiwa Bashe na Daktari Mpango'
    """
    text = _TITLE.sub(lambda m: _pad(m, symbols.TITLES[m[1]]), text)  # "Dkt.Mpango" too
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


_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update(symbols.MONTH_ABBREVIATIONS)
_MONTH = (
    "(?:"
    + "|".join(MONTHS)
    + "|"
    + "|".join(rf"{a}\.?" for a in sorted(symbols.MONTH_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w])"
)
_YEAR = r"(?P<year>[0-9]{4})(?![0-9]|[.,:/][0-9])"
_DATE_WORD_BEFORE = _written_before(DATE_WORD)


def _say_day(m: re.Match[str], day: int, month: int, until: int | None = None) -> str:
    """The day as "tarehe X[ hadi Y] Month", without "tarehe" when written just before."""
    days = say_number(day) + (f" {RANGE_TO} {say_number(until)}" if until else "")
    spoken = f"{DATE_WORD} {days} {MONTHS[month - 1]}"
    if _ends_with(_DATE_WORD_BEFORE, m.string, m.start()):
        spoken = spoken.split(" ", 1)[1]
    return spoken


_NUMERIC_DATE = re.compile(
    r"(?<![0-9.,/:-])(?:(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})"
    r"|(?P<d>[0-9]{1,2})(?P<sep>[./-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4}))"
    r"(?![0-9]|[.,/-][0-9])"
)


def read_numeric_dates(text: str) -> str:
    """Dates in figures, day first or ISO: 18.06.2024, 18/06/2024, 2024-06-18.

    >>> read_numeric_dates("Jumanne 18/06/2024")
    'Jumanne tarehe kumi na nane Juni, mwaka elfu mbili na ishirini na nne'
    """

    def spoken(m: re.Match[str]) -> str:
        parts = (m["iy"], m["im"], m["id"]) if m["iy"] else (m["y"], m["m"], m["d"])
        try:
            day = date(*map(int, parts))
        except ValueError:
            return m[0]  # not a date (31.02.2024): the fallback reads the numbers
        words = say_date(day)
        if _ends_with(_DATE_WORD_BEFORE, m.string, m.start()):
            words = words.split(" ", 1)[1]
        return words

    return _NUMERIC_DATE.sub(spoken, text)


_DAY_MONTH = re.compile(
    rf"(?<![0-9.,:/-])(?P<day>[0-9]{{1,2}})(?:{_DASH}(?P<until>[0-9]{{1,2}}))?"
    rf"\s(?P<month>{_MONTH})(?:,?\s{_YEAR})?"
)
_MONTH_DAY = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH})\s(?P<day>[0-9]{{1,2}})(?:{_DASH}(?P<until>[0-9]{{1,2}}))?"
    rf"(?![0-9]|[.,:/][0-9]|\s?%)(?:,?\s{_YEAR})?"
)
_MONTH_YEAR = re.compile(rf"(?<![\w])(?P<month>{_MONTH}),?\s{_YEAR}")


def read_written_dates(text: str) -> str:
    """Dates with a month name: 18 Juni 2024, Juni 18, 18-20 Juni, Juni 2024.

    >>> read_written_dates("Januari 6 na 18 Juni 2024")
    'tarehe sita Januari na tarehe kumi na nane Juni, mwaka elfu mbili na ishirini na nne'
    """

    def with_day(m: re.Match[str]) -> str:
        day, month = int(m["day"]), _MONTH_NUMBER[m["month"].rstrip(".")]
        until = int(m["until"]) if m.groupdict().get("until") else None
        if not 1 <= day <= 31 or (until is not None and not day < until <= 31):
            return m[0]
        words = _say_day(m, day, month, until)
        return f"{words}, {YEAR_WORD} {say_number(int(m['year']))}" if m["year"] else words

    def with_year(m: re.Match[str]) -> str:
        month = MONTHS[_MONTH_NUMBER[m["month"].rstrip(".")] - 1]
        return f"{month} {YEAR_WORD} {say_number(int(m['year']))}"

    text = _DAY_MONTH.sub(with_day, text)
    text = _MONTH_DAY.sub(with_day, text)
    return _MONTH_YEAR.sub(with_year, text)


_FISCAL = re.compile(
    r"(?<![0-9.,/-])(?P<first>[12][0-9]{3})/(?P<second>[12][0-9]{3}|[0-9]{2})(?![0-9]|/[0-9])"
)
_FISCAL_HEAD = _written_before(*symbols.FISCAL_YEAR_HEADS)


def read_fiscal_years(text: str) -> str:
    """Fiscal years and seasons: 2020/21 = mwaka wa fedha elfu mbili na ishirini hadi ….

    >>> read_fiscal_years("bajeti ya 2024/25")
    'bajeti ya mwaka wa fedha elfu mbili na ishirini na nne hadi ishirini na tano'
    """

    def spoken(m: re.Match[str]) -> str:
        first, second = int(m["first"]), int(m["second"])
        if (second != first + 1) and not (len(m["second"]) == 2 and second == (first + 1) % 100):
            return m[0]
        # "2000/01", "1999/00": "moja" or "sifuri" alone would puzzle, so say the whole year.
        if m["second"].startswith("0"):
            second = first + 1
        words = f"{say_number(first)} {RANGE_TO} {say_number(second)}"
        if _ends_with(_FISCAL_HEAD, m.string, m.start()):
            return words
        return f"{FISCAL_YEAR} {words}"

    return _FISCAL.sub(spoken, text)


_CLOCK = r"(?P<{h}>[0-9]{{1,2}}):(?P<{m}>[0-9]{{2}})"
_DAY_PART_AFTER = re.compile(rf"\s(?:{'|'.join(symbols.DAY_PARTS)})(?!\w)")
_TIME_RANGE = re.compile(
    r"(?:(?<![\w])(?P<from>[Kk]utoka|[Kk]uanzia)\s)?(?:(?<![\w])(?P<saa>[Ss]aa)\s)?(?<![0-9.,:])"
    + _CLOCK.format(h="h1", m="m1")
    + _DASH
    + r"(?:saa\s)?"
    + _CLOCK.format(h="h2", m="m2")
    + r"(?![0-9]|:[0-9])"
)
_TIME = re.compile(
    r"(?:(?<![\w])(?P<saa>[Ss]aa)\s(?P<h1>[0-9]{1,2})[.:](?P<m1>[0-9]{2})"
    r"|(?<![0-9.,:])(?P<h2>[0-9]{1,2}):(?P<m2>[0-9]{2}))(?![0-9]|[.:][0-9])"
)


def _valid_time(hour: str, minute: str) -> bool:
    return int(hour) <= 24 and int(minute) <= 59


def read_times(text: str) -> str:
    """Clock times: saa 2:30 asubuhi, 18:44, 6:00-7:00 = kutoka saa sita hadi saa saba.

    >>> read_times("Kikao ni 6:00-7:00, habari saa 18:44.")
    'Kikao ni kutoka saa sita hadi saa saba, habari saa kumi na nane na dakika arobaini na nne.'
    """

    def time_range(m: re.Match[str]) -> str:
        if not (_valid_time(m["h1"], m["m1"]) and _valid_time(m["h2"], m["m2"])):
            return m[0]
        clock = bool(_DAY_PART_AFTER.match(m.string, m.end()))
        start = say_time(int(m["h1"]), int(m["m1"]), swahili_clock=clock)
        end = say_time(int(m["h2"]), int(m["m2"]), swahili_clock=clock)
        return _capitalised(m[0], f"{m['from'] or RANGE_FROM} {start} {RANGE_TO} {end}")

    def time(m: re.Match[str]) -> str:
        hour, minute = (m["h1"], m["m1"]) if m["saa"] else (m["h2"], m["m2"])
        if not _valid_time(hour, minute):
            return m[0]
        clock = bool(m["saa"]) and bool(_DAY_PART_AFTER.match(m.string, m.end()))
        return _capitalised(m[0], say_time(int(hour), int(minute), swahili_clock=clock))

    return _TIME.sub(time, _TIME_RANGE.sub(time_range, text))


_SCALE_BEFORE = _alternation(symbols.SCALES_BEFORE)
_SCALE_AFTER = _alternation(symbols.SCALE_WORDS)
_SCALE_ABBREVIATION = _alternation(symbols.SCALE_ABBREVIATIONS)
_SCALE_NAME = {**symbols.SCALE_WORDS, **symbols.SCALE_ABBREVIATIONS}


def _amount(i: int) -> str:
    """An amount: [scale] number [scale word | attached abbreviation], groups numbered `i`."""
    return (
        rf"(?:(?P<pre{i}>{_SCALE_BEFORE})\s)?(?P<num{i}>{_MONEY_NUM})"
        rf"(?:\s?(?P<post{i}>{_SCALE_AFTER})|(?P<abbr{i}>{_SCALE_ABBREVIATION}))?(?![\w])"
    )


def _say_amount(m: re.Match[str], i: int) -> str:
    number = _say(m[f"num{i}"], money=True)
    after = m[f"post{i}"] or m[f"abbr{i}"]
    scales = [_SCALE_NAME[after] if after else None, m[f"pre{i}"]]
    return " ".join([*(s for s in scales if s), number])


def _say_amounts(m: re.Match[str]) -> str:
    words = _say_amount(m, 1)
    return f"{words} {RANGE_TO} {_say_amount(m, 2)}" if m["num2"] else words


_CURRENCY = _alternation(symbols.CURRENCIES)
_MONEY = re.compile(
    rf"(?<![\w$£€])(?P<cur>{_CURRENCY})\.?\s?{_amount(1)}"
    rf"(?:{_DASH}(?:(?:{_CURRENCY})\.?\s?)?{_amount(2)})?(?:\s?/[-=])?"
)
_MONEY_AFTER = re.compile(
    rf"{_START}{_amount(1)}(?:{_DASH}{_amount(2)})?\s?"
    rf"(?P<cur>{_alternation(symbols.CURRENCIES_AFTER)})(?![\w$£€])"
)
_MONEY_NOUN = re.compile(
    rf"(?<![\w])(?P<noun>(?i:{'|'.join(symbols.CURRENCY_WORDS)}))\s{_amount(1)}"
    rf"(?:{_DASH}{_amount(2)})?"
)


def read_money(text: str) -> str:
    """Amounts of money, currency first: Sh. 1,500, KSh 500,000, US$ 5, €20, 1,500/=.

    >>> read_money("Sh. 1,500 na KSh 500,000")
    'shilingi elfu moja na mia tano na shilingi laki tano za Kenya'
    >>> read_money("Sh. trilioni 34.88")
    'shilingi trilioni thelathini na nne nukta nane nane'
    """

    def before(m: re.Match[str]) -> str:
        noun, country = symbols.CURRENCIES[m["cur"]]
        return " ".join(w for w in (noun, _say_amounts(m), country) if w)

    def after(m: re.Match[str]) -> str:
        return f"{symbols.CURRENCIES_AFTER[m['cur']]} {_say_amounts(m)}"

    def noun(m: re.Match[str]) -> str:
        return f"{m['noun']} {_say_amounts(m)}"

    text = _MONEY.sub(before, text)
    text = _MONEY_AFTER.sub(after, text)
    return _MONEY_NOUN.sub(noun, text)


_CURRENCY_ABBREVIATION = re.compile(
    rf"(?<![\w])({_alternation(symbols.CURRENCY_ABBREVIATIONS)})\.?(?![\w])"
)


def expand_currency_abbreviations(text: str) -> str:
    """Currency abbreviations left without an amount: "Sh." = shilingi.

    >>> expand_currency_abbreviations("thamani ya Sh. ya Tanzania")
    'thamani ya shilingi ya Tanzania'
    """
    return _CURRENCY_ABBREVIATION.sub(lambda m: symbols.CURRENCY_ABBREVIATIONS[m[1]], text)


_PERCENT = re.compile(
    rf"(?P<lead>(?<![\w])[Aa]silimia\s)?{_SIGN}{_START}(?P<a>{_NUM})(?:\s?%?{_DASH}(?P<b>{_NUM}))?\s?%"
)


def read_percentages(text: str) -> str:
    """Percentages, noun first: 45% = asilimia arobaini na tano; 4.5% = asilimia nne nukta tano.

    >>> read_percentages("asilimia 45% na 4.5%")
    'asilimia arobaini na tano na asilimia nne nukta tano'
    """

    def spoken(m: re.Match[str]) -> str:
        words = (f"{MINUS} " if m["sign"] else "") + _say(m["a"])
        if m["b"]:
            words += f" {RANGE_TO} {_say(m['b'])}"
        # "asilimia 45%" says the noun once.
        return f"{m['lead'] or PERCENT + ' '}{words}"

    return _PERCENT.sub(spoken, text)


_UNIT_AFTER = re.compile(
    rf"{_SIGN}{_START}(?P<a>{_NUM})(?:{_DASH}(?P<b>{_NUM}))?"
    rf"(?:\s?(?P<unit>{_alternation(symbols.UNITS)})"
    rf"|(?P<attached>{_alternation(symbols.ATTACHED_UNITS)}))(?![\w/])"
)
_UNIT_BEFORE = re.compile(
    rf"(?<![\w])(?P<unit>{_alternation(u for u in symbols.UNITS if u.isalpha())})"
    rf"\s?(?P<a>{_NUM})(?:{_DASH}(?P<b>{_NUM}))?(?![0-9])"
)
_UNIT_ALONE = re.compile(rf"(?<![\w])({_alternation(symbols.STANDALONE_UNITS)})(?![\w/])")


def read_units(text: str) -> str:
    """Units, noun first: 10 km and km 10 = kilomita kumi; 50 kg = kilo hamsini.

    >>> read_units("km 10, 50 kg na 100m")
    'kilomita kumi, kilo hamsini na mita mia moja'
    """

    def spoken(m: re.Match[str]) -> str:
        unit = symbols.UNITS[m["unit"]] if m["unit"] else symbols.ATTACHED_UNITS[m["attached"]]
        sign = f"{MINUS} " if m.groupdict().get("sign") else ""
        words = sign + _say(m["a"]) + (f" {RANGE_TO} {_say(m['b'])}" if m["b"] else "")
        return _pad(m, unit.format(words) if "{}" in unit else f"{unit} {words}")

    text = _UNIT_AFTER.sub(spoken, text)
    text = _UNIT_BEFORE.sub(spoken, text)
    return _UNIT_ALONE.sub(lambda m: symbols.UNITS[m[1]].replace(" {}", ""), text)


_SCORE = re.compile(
    r"(?<![\w.,:/-])(?P<a>[0-9]{1,2})\s?[-\u2013]\s?(?P<b>[0-9]{1,2})"
    r"(?![0-9]|[.,:/][0-9]|\s?%|[-\u2013][0-9])"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_SCORE_CONTEXT = re.compile(
    rf"(?<!\w)(?:{'|'.join(symbols.SCORE_WORDS)})(?!\w)"
    rf"|\w*(?:{'|'.join(symbols.SCORE_STEMS)})\w*",
    re.IGNORECASE,
)
_GOAL_BEFORE = _written_before(*symbols.GOAL_NOUNS)


def _sentence_around(text: str, start: int, end: int, reach: int = 400) -> str:
    """The sentence holding text[start:end], at most `reach` characters either side."""
    first = max(0, start - reach)
    left = max((m.end() for m in _SENTENCE_END.finditer(text, first, start)), default=first)
    right = _SENTENCE_END.search(text, end, end + reach)
    return text[left : right.start() if right else min(len(text), end + reach)]


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
        if _SCORE_CONTEXT.search(_sentence_around(m.string, m.start(), m.end())):
            if _ends_with(_GOAL_BEFORE, m.string, m.start()):
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
    rf"\s(?P<roman>{_alternation(symbols.ROMAN_NUMERALS)})(?![\w])"
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


_WRITTEN_FRACTION = re.compile(
    rf"{_START}(?:(?P<whole>[0-9]+)\s)?"
    rf"(?P<part>{_alternation(f for f in symbols.FRACTIONS if '/' in f)})(?![0-9]|/[0-9])"
)
_FRACTION_CHARACTER = re.compile(
    rf"(?:{_START}(?P<whole>[0-9]+)\s?)?"
    rf"(?P<part>{_alternation(f for f in symbols.FRACTIONS if '/' not in f)})"
)


def read_fractions(text: str) -> str:
    """Common fractions as words: 1/2 = nusu, 3/4 = robo tatu, 2½ = mbili na nusu.

    >>> read_fractions("robo ya 3/4 na kilo 2½")
    'robo ya robo tatu na kilo mbili na nusu'
    """

    def spoken(m: re.Match[str]) -> str:
        part = symbols.FRACTIONS[m["part"]]
        return _pad(m, f"{say_numeral(m['whole'])} na {part}" if m["whole"] else part)

    return _FRACTION_CHARACTER.sub(spoken, _WRITTEN_FRACTION.sub(spoken, text))


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


_SCALE_WORD_AFTER = re.compile(rf"{_START}(?P<num>{_NUM})\s?(?P<scale>{_SCALE_AFTER})(?![\w])")


def read_scale_words(text: str) -> str:
    """A scale word written after the number goes first: 2 bilioni = bilioni mbili.

    >>> read_scale_words("watu 1.5 milioni")
    'watu milioni moja nukta tano'
    """
    return _SCALE_WORD_AFTER.sub(
        lambda m: f"{symbols.SCALE_WORDS[m['scale']]} {_say(m['num'])}", text
    )


_RANGE = re.compile(rf"{_START}(?P<a>{_NUM}){_DASH}(?P<b>{_NUM})(?![0-9])")


def read_ranges(text: str) -> str:
    """Ranges: 90-95 = tisini hadi tisini na tano.

    >>> read_ranges("miaka 90-95")
    'miaka tisini hadi tisini na tano'
    """
    return _RANGE.sub(lambda m: _pad(m, f"{_say(m['a'])} {RANGE_TO} {_say(m['b'])}"), text)


_NEGATIVE = re.compile(rf"(?<![\w.,)/-])[-\u2212](?P<num>{_NUM})")  # not a hyphen: "UVIKO-19"


def read_negatives(text: str) -> str:
    """Negative numbers: -5 = hasi tano.

    >>> read_negatives("nyuzi joto -5")
    'nyuzi joto hasi tano'
    """
    return _NEGATIVE.sub(lambda m: _pad(m, f"{MINUS} {_say(m['num'])}"), text)


_RATIO = re.compile(rf"{_START}(?P<a>{_NUM})/(?P<b>{_NUM})(?![0-9])")


def read_ratios(text: str) -> str:
    """Other numbers around a slash: 24/7 = ishirini na nne kwa saba.

    >>> read_ratios("huduma 24/7")
    'huduma ishirini na nne kwa saba'
    """
    return _RATIO.sub(lambda m: _pad(m, f"{_say(m['a'])} {BY} {_say(m['b'])}"), text)


_NUMBER = re.compile(rf"[0-9]+(?:\.[0-9]+){{2,}}|{_NUM}")


def read_numbers(text: str) -> str:
    """Every number left, in words: watu 70 = watu sabini; 2023Picha = … Picha.

    >>> read_numbers("watu 70 kati ya 25,000; 2023Picha; toleo 2.0.1")
    'watu sabini kati ya elfu ishirini na tano; elfu mbili na ishirini na tatu Picha; \
toleo mbili nukta sifuri nukta moja'
    """

    def spoken(m: re.Match[str]) -> str:
        if m[0].count(".") < 2 or _DOT_GROUPS.fullmatch(m[0]):
            return _pad(m, _say(m[0]))
        # A version or an address (2.0.1): each part, "nukta" between.
        return _pad(m, f" {POINT} ".join(say_numeral(part) for part in m[0].split(".")))

    return _NUMBER.sub(spoken, text)


# The order matters: each rule reads shapes a later, more general rule would misread.
RULES: tuple[Rule, ...] = (
    join_digit_groups,
    expand_titles,
    expand_phrases,
    read_numeric_dates,
    read_written_dates,
    read_fiscal_years,
    read_times,
    read_money,
    expand_currency_abbreviations,
    read_percentages,
    read_units,
    read_scores,
    read_ordinals,
    read_roman_ordinals,
    read_fractions,
    read_acronyms_with_numbers,
    read_acronyms,
    read_scale_words,
    read_ranges,
    read_negatives,
    read_ratios,
    read_numbers,
)


class Lexicon:
    """Producer respellings (word → respelling) for what engines say wrong.

    Entries match whole words only, never inside a longer word, ignoring case
    ("Stoltenberg" also matches "STOLTENBERG"); the respelling's first letter takes the case
    of the word as written. Longer entries win, so "Rodong Sinmun" beats "Rodong".

    >>> lexicon = Lexicon({"Stoltenberg": "Stoltenbeg", "Rodong Sinmun": "Rodong Sinmuni"})
    >>> lexicon.apply("STOLTENBERG alisema kwa Rodong Sinmun.")
    'Stoltenbeg alisema kwa Rodong Sinmuni.'
    """

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        self._entries = _checked_entries(dict(entries or {}), "lexicon")
        self._by_key = {key.lower(): spoken for key, spoken in self._entries.items()}
        keys = sorted(self._entries, key=len, reverse=True)
        pattern = "|".join(_word_pattern(key).pattern for key in keys)
        self._pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)

    @property
    def entries(self) -> dict[str, str]:
        """A copy of the entries, word → respelling."""
        return dict(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Lexicon({len(self)} entries)"

    def respelling(self, written: str) -> str:
        """The respelling for a word as written, its first letter in the written case."""
        spoken = self._by_key.get(" ".join(written.split()).lower())
        if spoken is None:  # a letter whose lower() and the regex's case folding disagree
            spoken = next(
                (v for k, v in self._entries.items() if _word_pattern(k).fullmatch(written)),
                written,
            )
        return _capitalised(written, spoken)

    def apply(self, text: str) -> str:
        """`text` with every entry respelled."""
        return self._replace(text, lambda spoken: spoken)

    def _replace(self, text: str, wrap: Callable[[str], str]) -> str:
        if not self._entries:
            return text
        return self._pattern.sub(lambda m: wrap(self.respelling(m[0])), text)


def _word_pattern(word: str) -> re.Pattern[str]:
    """An entry as a case-insensitive pattern, any run of spaces between its words."""
    return re.compile(r"\s+".join(map(re.escape, word.split())), re.IGNORECASE)


def _checked_entries(data: Mapping[Any, object], origin: str) -> dict[str, str]:
    """Entries with clean keys, or a ConfigError naming `origin` and the bad entry."""
    entries: dict[str, str] = {}
    seen: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise ConfigError(
                f"{origin}: entry {key!r}: the word must be text; quote it in the YAML "
                "(numbers, yes/no, on/off and null are read as other types)"
            )
        word = " ".join(key.split())
        if not word:
            raise ConfigError(f"{origin}: entry {key!r}: the word is empty")
        if not isinstance(value, str):
            kind = "nothing" if value is None else f"a {type(value).__name__}"
            raise ConfigError(
                f"{origin}: entry {key!r}: expected the respelling as text, got {kind}"
            )
        if not value.strip():
            raise ConfigError(f"{origin}: entry {key!r}: the respelling is empty")
        if word.lower() in seen:
            raise ConfigError(
                f"{origin}: entries {seen[word.lower()]!r} and {key!r} differ only in case; "
                "keep one (matching ignores case)"
            )
        seen[word.lower()] = key
        entries[word] = " ".join(value.split())
    return entries


def load_lexicon(path: Path) -> Lexicon:
    """The producer's lexicon.yaml (word: respelling); an empty lexicon if there is none.

    >>> load_lexicon(Path("does-not-exist.yaml"))
    Lexicon(0 entries)
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Lexicon()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the lexicon: {err}") from err
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "malformed"
        raise ConfigError(f"{path}:{where}: not valid YAML ({problem})") from err
    if data is None:
        return Lexicon()
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: expected a mapping of word: respelling, got a {type(data).__name__}"
        )
    entries = _checked_entries(data, str(path))
    log.debug("lexicon %s: %d entries", path, len(entries))
    return Lexicon(entries)


# Respellings are held out of the rules behind one private-use character each, so no rule
# rewrites them; the characters never occur in news text (checked, else not held).
_HOLD_FIRST = 0xF0000
_HOLD_LAST = 0xFFFFD
_HOLD_CHARS = re.compile(f"[{chr(_HOLD_FIRST)}-{chr(_HOLD_LAST)}]")


def normalize(text: str, lexicon: Lexicon | None = None) -> str:
    """Written Swahili news text as a newsreader says it; never raises, never drops a word.

    >>> normalize("Mhe. Bashe alisema asilimia 45 ya wakulima 2,500 wana mbolea n.k.")
    'Mheshimiwa Bashe alisema asilimia arobaini na tano ya wakulima elfu mbili na mia tano \
wana mbolea na kadhalika.'
    """
    text = collapse_whitespace(text)
    held: list[str] = []
    if lexicon:
        if _HOLD_CHARS.search(text):
            text = lexicon.apply(text)
        else:

            def hold(spoken: str) -> str:
                if _HOLD_FIRST + len(held) > _HOLD_LAST:
                    return spoken
                held.append(spoken)
                return chr(_HOLD_FIRST + len(held) - 1)

            text = lexicon._replace(text, hold)
    for rule in RULES:
        text = rule(text)
    if held:
        text = _HOLD_CHARS.sub(lambda m: held[ord(m[0]) - _HOLD_FIRST], text)
    return collapse_whitespace(text)
