"""Dates, fiscal years and clock times, as a Swahili newsreader says them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import symbols
from .numbers import say_digits, say_number, say_ordinal
from .patterns import DASH, alternation, capitalised, ends_with, written_before
from .words import (
    AND,
    BY,
    CHAPTER,
    CLOCK_FRACTIONS,
    DATE_WORD,
    FISCAL_YEAR,
    HOUR,
    MINUTE,
    MONTHS,
    POINT,
    QUARTER_SHORT,
    RANGE_FROM,
    RANGE_FROM_WORDS,
    RANGE_TO,
    RANGE_TO_WORDS,
    SECOND,
    SHORT_OF,
    SWAHILI_CLOCK_SHIFT,
    VERSE,
    YEAR_WORD,
)


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


# Clock times ------------------------------------------------------------------------------
# The rules and the choices where a time could be on either clock are in docs/swahili.md,
# "Clock times".


def _swahili_hour(hour: int) -> int:
    """The Swahili hour of a Western one: 7 and 19 are saa moja, 0 and 12 saa sita."""
    return (hour - SWAHILI_CLOCK_SHIFT) % 12 or 12


def day_part(hour: int) -> str:
    """The part of the day a newsreader says after a Western hour (0-23).

    >>> day_part(6), day_part(19)
    ('alfajiri', 'usiku')
    """
    return [word for start, word in symbols.DAY_PART_STARTS if start <= hour][-1]


def _fits(hour: int, part: str) -> bool:
    """Whether a Western hour may be written with this part of the day."""
    first, last = symbols.DAY_PART_HOURS[part]
    return first <= hour < last if first < last else (hour >= first or hour < last)


def say_clock(hour: int, minute: int, second: int = 0) -> str:
    """A time on the Swahili clock (hour 1-12), quarters and halves as a newsreader says them.

    >>> say_clock(3, 45), say_clock(12, 44, 5)
    ('saa nne kasoro robo', 'saa kumi na mbili na dakika arobaini na nne na sekunde tano')
    """
    head = f"{HOUR} {say_number(hour)}"
    if second:
        minutes = f" {AND} {MINUTE} {say_number(minute)}" if minute else ""
        return f"{head}{minutes} {AND} {SECOND} {say_number(second)}"
    if minute == 0:
        return head
    if minute in CLOCK_FRACTIONS:
        return f"{head} {AND} {CLOCK_FRACTIONS[minute]}"
    if minute == QUARTER_SHORT:
        return f"{HOUR} {say_number(hour % 12 + 1)} {SHORT_OF} {CLOCK_FRACTIONS[15]}"
    return f"{head} {AND} {MINUTE} {say_number(minute)}"


def say_time(hour: int, minute: int, second: int = 0) -> str:
    """A Western 24-hour time in Swahili time, with the part of the day.

    >>> say_time(18, 44)
    'saa kumi na mbili na dakika arobaini na nne jioni'
    >>> say_time(0, 0)
    'saa sita usiku'
    """
    return f"{say_clock(_swahili_hour(hour), minute, second)} {day_part(hour)}"


def say_duration(hours: int, minutes: int, seconds: int, fraction: str = "") -> str:
    """An elapsed time written 2:01:09 or 30:41.07, as in a race result.

    >>> say_duration(2, 1, 9)
    'saa mbili, dakika moja na sekunde tisa'
    >>> say_duration(0, 30, 41, "07")
    'dakika thelathini na sekunde arobaini na moja nukta sifuri saba'
    """
    units = ((hours, HOUR), (minutes, MINUTE), (seconds, SECOND))
    said = [f"{word} {say_number(count)}" for count, word in units if count or word == SECOND]
    if fraction:
        said[-1] += f" {POINT} {say_digits(fraction)}"
    elif not seconds and len(said) > 1:
        said.pop()  # "2:01:00": no "sekunde sifuri"
    if len(said) < 2:
        return said[0]
    return f"{', '.join(said[:-1])} {AND} {said[-1]}"


@dataclass(frozen=True)
class _Written:
    """One written time: its figures and the words written around them."""

    hour: int
    minute: int
    second: int | None
    saa: bool
    fixed: bool  # a 24-hour figure: 13-24, 0, or written with a leading zero ("06:30")
    meridiem: str | None  # "a" or "p"
    part: str | None  # the part of the day written after it
    part_written: str  # as written, with "za"/"ya" if any: "za usiku"

    def candidates(self, swahili: bool) -> tuple[int, ...]:
        """The Western hours it may stand for on the Swahili or the Western clock."""
        if self.meridiem:
            return (self.hour % 12 + (12 if self.meridiem == "p" else 0),)
        if self.fixed:
            return (self.hour % 24,)
        base = (self.hour + SWAHILI_CLOCK_SHIFT) % 12 if swahili else self.hour % 12
        return (base, base + 12)


def _pick(hours: tuple[int, ...], part: str | None) -> int | None:
    """The hour that fits the written part of the day; a figure alone is kept as written."""
    if len(hours) == 1:
        return hours[0]
    return next((hour for hour in hours if part and _fits(hour, part)), None)


def _on_clock(ends: list[_Written], swahili: bool) -> list[int] | None:
    """Western hours for the ends on one clock, or None if a written part rules it out."""
    last = _pick(ends[-1].candidates(swahili), ends[-1].part)
    if last is None:
        return None
    if len(ends) == 1:
        return [last]
    start = ends[0]
    options = start.candidates(swahili)
    if start.part:
        first = _pick(options, start.part)
        return None if first is None else [first, last]
    # A range's first end shares the last one's part of the day: the hour just before it.
    return [min(options, key=lambda hour: (last - hour) % 24), last]


def _western_hours(ends: list[_Written]) -> list[int] | None:
    """The Western hours the ends stand for, or None when they are Swahili time as written."""
    saa = any(end.saa for end in ends)
    if not any(end.part or end.meridiem for end in ends):
        if saa and not any(end.fixed for end in ends):
            return None  # "saa 8:00": a Swahili reader's own figure
        return [end.hour % 24 for end in ends]  # "8:00", "18:44": the 24-hour clock
    for swahili in (True, False) if saa else (False, True):
        hours = _on_clock(ends, swahili)
        if hours is not None:
            return hours
    return None


def _said_parts(ends: list[_Written], hours: list[int]) -> list[str]:
    """The part of the day said after each end: as written when it fits, else the hour's.

    A range's first end without its own is given the part of its hour ("6:00-7:00
    asubuhi": saa kumi na mbili alfajiri), so a listener never hears it in the wrong one.
    """
    return [
        end.part_written if end.part and _fits(hour, end.part) else day_part(hour)
        for end, hour in zip(ends, hours, strict=True)
    ]


def _say_ends(ends: list[_Written], later: str | None = None) -> list[str]:
    """Each end as said, the part of the day once when both ends share it.

    `later` is a part of the day written after the time and a day ("18:44 leo jioni"):
    when it fits, it is not said twice.
    """
    hours = _western_hours(ends)
    if hours is None:
        clocks = [say_clock(e.hour, e.minute, e.second or 0) for e in ends]
        parts = [end.part_written for end in ends]
    else:
        swahili = [_swahili_hour(hour) for hour in hours]
        clocks = [say_clock(h, e.minute, e.second or 0) for h, e in zip(swahili, ends, strict=True)]
        parts = _said_parts(ends, hours)
        if later and not ends[-1].part and _fits(hours[-1], later):
            parts[-1] = later
    last = parts[-1].lower().split()[-1:]
    if len(parts) == 2 and parts[0].lower().split()[-1:] == last:
        parts[0] = ""
    if later and last == [later]:
        parts[-1] = ""
    return [f"{clock} {part}".strip() for clock, part in zip(clocks, parts, strict=True)]


def _later_part(m: re.Match[str]) -> str | None:
    """A part of the day written after the time and a day: "18:44 leo jioni"."""
    later = _PART_LATER.match(m.string, m.end())
    return later["part"] if later else None


def _point(n: int) -> str:
    """One written time: [saa] 9[:30[:05]] [a.m.] [[za] asubuhi], its groups numbered n."""
    return (
        rf"(?:(?<!\w)(?P<saa{n}>[Ss]aa)\s)?(?<![\w.,:])(?P<h{n}>[0-9]{{1,2}})"
        rf"(?:(?P<sep{n}>[:.])(?P<m{n}>[0-9]{{2}})(?::(?P<s{n}>[0-9]{{2}}))?)?(?![0-9]|[.:][0-9]|,[0-9]{{3}})"
        rf"(?:\s?(?P<mer{n}>{alternation(symbols.MERIDIEMS)})(?!\w))?"
        rf"(?:(?P<part{n}>\s(?:za\s|ya\s)?(?:{alternation(symbols.DAY_PARTS)}))(?!\w))?"
    )


_ONE_TIME = re.compile(_point(1))
_TIME_RANGE = re.compile(
    rf"(?:(?<!\w)(?P<from>{alternation(RANGE_FROM_WORDS)})\s)?{_point(1)}"
    rf"(?:{DASH}|\s(?P<to>{alternation(RANGE_TO_WORDS)})\s){_point(2)}",
    re.IGNORECASE,
)
_HOURS_SUFFIX = re.compile(
    r"(?<![\w.,:])(?:(?P<h>[01]?[0-9]|2[0-3])h(?P<m>[0-5][0-9])"
    r"|(?P<hh>[01][0-9]|2[0-3]):?(?P<mm>[0-5][0-9])\s?(?:"
    + alternation(symbols.HOURS_SUFFIXES)
    + r"))(?!\w)"
)
_VERSE = re.compile(
    rf"(?<!\w)(?P<book>{alternation(symbols.BIBLE_BOOKS)})\s(?P<chapter>[1-9][0-9]{{0,2}}):"
    rf"(?P<verse>[1-9][0-9]{{0,2}})(?:{DASH}(?P<until>[1-9][0-9]{{0,2}}))?(?![0-9]|[.:][0-9])"
)
_PART_LATER = re.compile(
    rf"\s+(?:{alternation(symbols.DAYS_BEFORE_PART)})\s+"
    rf"(?P<part>{alternation(symbols.DAY_PARTS)})(?!\w)"
)
_SENTENCE_GOES_ON = re.compile(r"\s*[^\sA-Z]")
_TIME_HEAD = written_before(*symbols.TIME_HEADS)
_RATIO_HEAD = written_before(*symbols.RATIO_HEADS)
_RATIO = re.compile(r"(?<![\w.,:])(?P<a>[0-9]+):(?P<b>[0-9]+)(?![0-9]|[.:][0-9])")


def _written(m: re.Match[str], n: int) -> _Written | None:
    """The time of point n, or None when the figures are no time (18.44 alone, 25:10)."""
    hour, minute, second = (m[f"{g}{n}"] for g in "hms")
    meridiem, part, saa = m[f"mer{n}"], m[f"part{n}"], bool(m[f"saa{n}"])
    if m[f"sep{n}"] == "." and not saa:
        return None  # a decimal: 18.44
    if int(hour) > (12 if meridiem else 24) or int(minute or 0) > 59 or int(second or 0) > 59:
        return None
    if int(hour) == 24 and (minute or "00") != "00":
        return None
    if meridiem and meridiem[0] in "AP":
        meridiem = meridiem.lower()
    return _Written(
        hour=int(hour),
        minute=int(minute or 0),
        second=int(second) if second else None,
        saa=saa,
        fixed=int(hour) > 12 or int(hour) == 0 or hour.startswith("0"),
        meridiem=meridiem[0] if meridiem else None,
        part=part.split()[-1].lower() if part else None,
        part_written=part.strip() if part else "",
    )


def _is_clock(end: _Written, m: re.Match[str], n: int, *, loose: bool = False) -> bool:
    """Whether the figures are a clock time: minutes, a.m./p.m., or saa and a part of day."""
    if m[f"m{n}"] or end.meridiem or loose:
        return True
    head = end.saa or ends_with(_TIME_HEAD, m.string, m.start(f"h{n}"))
    return bool(end.part and head)


def _kept_stop(m: re.Match[str], n: int) -> str:
    """The full stop of a final "p.m." that also ends the sentence."""
    ends_sentence = _SENTENCE_GOES_ON.match(m.string, m.end()) is None
    return "." if (m[f"mer{n}"] or "").endswith(".") and ends_sentence else ""


def read_verses(text: str) -> str:
    """A chapter and verse after a book of the Bible, not a time.

    >>> read_verses("Yohana 3:16")
    'Yohana sura ya tatu mstari wa kumi na sita'
    """

    def spoken(m: re.Match[str]) -> str:
        # Ordinals: sura ya pili, mstari wa kwanza hadi wa nne.
        of = VERSE.split()[-1]
        until = f" {RANGE_TO} {of} {say_ordinal(int(m['until']))}" if m["until"] else ""
        chapter, verse = say_ordinal(int(m["chapter"])), say_ordinal(int(m["verse"]))
        return f"{m['book']} {CHAPTER} {chapter} {VERSE} {verse}{until}"

    return _VERSE.sub(spoken, text)


# An elapsed time with hundredths, as in a race result: 30:41.07, 2:08:37.5. No clock time
# is written with a fraction of a second, so the shape alone says what it is.
_RACE_TIME = re.compile(
    r"(?<![\w.,:])(?:(?P<h>[0-9]{1,2}):)?(?P<m>[0-9]{1,2}):(?P<s>[0-5][0-9])\.(?P<frac>[0-9]{1,3})"
    r"(?![0-9]|[.,:][0-9])"
)


_UNIT_BEFORE = {word: written_before(word) for word in (HOUR, MINUTE, SECOND)}


def read_race_times(text: str) -> str:
    """Race times with fractions of a second: 30:41.07 = dakika thelathini na sekunde ….

    >>> read_race_times("alimaliza kwa 13:05.22")
    'alimaliza kwa dakika kumi na tatu na sekunde tano nukta mbili mbili'
    """

    def spoken(m: re.Match[str]) -> str:
        if m["h"] and int(m["m"]) > 59:
            return m[0]
        said = say_duration(int(m["h"] or 0), int(m["m"]), int(m["s"]), m["frac"])
        unit = said.split(" ", 1)[0]
        if ends_with(_UNIT_BEFORE[unit], m.string, m.start()):  # "kwa dakika 13:05.22"
            said = said.split(" ", 1)[1]
        return said

    return _RACE_TIME.sub(spoken, text)


def read_times(text: str) -> str:
    """Clock times in Swahili time: 18:44, 9:00 asubuhi, saa 2:30 usiku, 6:00-7:00.

    >>> read_times("Kikao ni 6:00-7:00 asubuhi, habari saa 18:44.")
    'Kikao ni kutoka saa kumi na mbili alfajiri hadi saa moja asubuhi, habari saa kumi na \
mbili na dakika arobaini na nne jioni.'
    """

    def time_range(m: re.Match[str]) -> str:
        first, last = _written(m, 1), _written(m, 2)
        if first is None or last is None or first.second or last.second:
            return m[0]
        # "saa 8-10 usiku", "9-11am": the hours alone are times too.
        loose = bool((first.saa and last.part) or last.meridiem)
        if not (_is_clock(first, m, 1, loose=loose) and _is_clock(last, m, 2, loose=loose)):
            return m[0]
        if last.saa and not first.saa:
            return m[0]  # "2:30 - saa 3": read each on its own
        start, end = _say_ends([first, last], _later_part(m))
        said = f"{m['from'] or RANGE_FROM} {start} {m['to'] or RANGE_TO} {end}"
        return capitalised(m[0], said) + _kept_stop(m, 2)

    def one_time(m: re.Match[str]) -> str:
        end = _written(m, 1)
        if end is None or not (_is_clock(end, m, 1) or end.second is not None):
            return m[0]
        if end.second is not None and len(m["h1"]) == 1 and not (end.part or end.meridiem):
            said = say_duration(end.hour, end.minute, end.second)  # a race result: 2:08:37
        else:
            said = _say_ends([end], _later_part(m))[0]
        return capitalised(m[0], said) + _kept_stop(m, 1)

    def ratio(m: re.Match[str]) -> str:
        if not ends_with(_RATIO_HEAD, m.string, m.start()):
            return m[0]
        return f"{say_number(int(m['a']))} {BY} {say_number(int(m['b']))}"

    def hours_suffix(m: re.Match[str]) -> str:
        return f"{m['h'] or m['hh']}:{m['m'] or m['mm']}"

    text = _RATIO.sub(ratio, read_verses(read_race_times(text)))
    text = _HOURS_SUFFIX.sub(hours_suffix, text)
    return _ONE_TIME.sub(one_time, _TIME_RANGE.sub(time_range, text))
