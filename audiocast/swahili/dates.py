"""Dates, fiscal years and clock times, as a Swahili newsreader says them."""

from __future__ import annotations

import re
from datetime import date

from . import symbols
from .numbers import say_number
from .patterns import DASH, capitalised, ends_with, written_before
from .words import (
    AND,
    CLOCK_FRACTIONS,
    DATE_WORD,
    FISCAL_YEAR,
    HOUR,
    MINUTE,
    MONTHS,
    RANGE_FROM,
    RANGE_TO,
    YEAR_WORD,
)


def say_time(hour: int, minute: int, *, swahili_clock: bool = False) -> str:
    """A clock time read as written, hour then minutes; `swahili_clock` allows nusu, robo.

    >>> say_time(18, 44)
    'saa kumi na nane na dakika arobaini na nne'
    >>> say_time(2, 30, swahili_clock=True)
    'saa mbili na nusu'
    """
    head = f"{HOUR} {say_number(hour)}"
    if minute == 0:
        return head
    if swahili_clock and minute in CLOCK_FRACTIONS:
        return f"{head} {AND} {CLOCK_FRACTIONS[minute]}"
    return f"{head} {AND} {MINUTE} {say_number(minute)}"


def say_day(day: int, month: int) -> str:
    """A day of a month, without the year.

    >>> say_day(18, 6)
    'tarehe kumi na nane Juni'
    """
    return f"{DATE_WORD} {say_number(day)} {MONTHS[month - 1]}"


def say_date(day: date) -> str:
    """A calendar date as read on air.

    >>> say_date(date(2024, 6, 18))
    'tarehe kumi na nane Juni, mwaka elfu mbili na ishirini na nne'
    """
    return f"{say_day(day.day, day.month)}, {YEAR_WORD} {say_number(day.year)}"


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
_DATE_WORD_BEFORE = written_before(DATE_WORD)


def _say_day(m: re.Match[str], day: int, month: int, until: int | None = None) -> str:
    """The day as "tarehe X[ hadi Y] Month", without "tarehe" when written just before."""
    days = say_number(day) + (f" {RANGE_TO} {say_number(until)}" if until else "")
    spoken = f"{DATE_WORD} {days} {MONTHS[month - 1]}"
    if ends_with(_DATE_WORD_BEFORE, m.string, m.start()):
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
        if ends_with(_DATE_WORD_BEFORE, m.string, m.start()):
            words = words.split(" ", 1)[1]
        return words

    return _NUMERIC_DATE.sub(spoken, text)


_DAY_MONTH = re.compile(
    rf"(?<![0-9.,:/-])(?P<day>[0-9]{{1,2}})(?:{DASH}(?P<until>[0-9]{{1,2}}))?"
    rf"\s(?P<month>{_MONTH})(?:,?\s{_YEAR})?"
)
_MONTH_DAY = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH})\s(?P<day>[0-9]{{1,2}})(?:{DASH}(?P<until>[0-9]{{1,2}}))?"
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
_FISCAL_HEAD = written_before(*symbols.FISCAL_YEAR_HEADS)


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
        if ends_with(_FISCAL_HEAD, m.string, m.start()):
            return words
        return f"{FISCAL_YEAR} {words}"

    return _FISCAL.sub(spoken, text)


_CLOCK = r"(?P<{h}>[0-9]{{1,2}}):(?P<{m}>[0-9]{{2}})"
_DAY_PART_AFTER = re.compile(rf"\s(?:{'|'.join(symbols.DAY_PARTS)})(?!\w)")
_TIME_RANGE = re.compile(
    r"(?:(?<![\w])(?P<from>[Kk]utoka|[Kk]uanzia)\s)?(?:(?<![\w])(?P<saa>[Ss]aa)\s)?(?<![0-9.,:])"
    + _CLOCK.format(h="h1", m="m1")
    + DASH
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
        return capitalised(m[0], f"{m['from'] or RANGE_FROM} {start} {RANGE_TO} {end}")

    def time(m: re.Match[str]) -> str:
        hour, minute = (m["h1"], m["m1"]) if m["saa"] else (m["h2"], m["m2"])
        if not _valid_time(hour, minute):
            return m[0]
        clock = bool(m["saa"]) and bool(_DAY_PART_AFTER.match(m.string, m.end()))
        return capitalised(m[0], say_time(int(hour), int(minute), swahili_clock=clock))

    return _TIME.sub(time, _TIME_RANGE.sub(time_range, text))
