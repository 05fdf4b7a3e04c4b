"""Dates as pages write them: on a dateline, beside a byline, in a header or footer."""

from __future__ import annotations

import re
from datetime import date

from . import rules
from .model import Line, word_count
from .names import byline_name

_MONTH = "|".join(sorted(rules.MONTH_NUMBERS, key=len, reverse=True))

_DATE_FORMS = (
    # ISO, optionally with a time: 2024-06-18, 2024-06-18T10:00:00+03:00
    ("ymd", r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?"
     r"(?:Z|[+-]\d{2}:?\d{2})?)?\b"),
    ("dmy", rf"\b(\d{{1,2}})\.?\s+({_MONTH})\.?,?\s+(\d{{4}})\b"),  # 18 Juni 2024
    ("mdy", rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),  # Juni 18, 2024
    ("num", r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"),  # 18.06.2024, 18/06/2024 (day first)
)  # fmt: skip

_DATES = [(form, re.compile(p, re.IGNORECASE)) for form, p in _DATE_FORMS]

_DATE_NOISE = re.compile(rf"\b{rules.DATE_NOISE}\b|[\s,|·•:\-\u2013\u2014/()]+", re.IGNORECASE)

_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(sorted(rules.WEEKDAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def dateline_date(text: str) -> str | None:
    """The ISO date of a line that is a dateline ("Jumanne, 18 Juni 2024", "Na X | 18.06.2024")."""
    if word_count(text) > 14:
        return None
    found = find_date(text)
    if found is None:
        return None
    rest = date_rest(text)
    return found[0] if not rest or byline_name(rest) else None


def date_rest(text: str) -> str:
    found = find_date(text)
    if found is None:
        return text
    rest = text[: found[1]] + " " + text[found[2] :]
    rest = _WEEKDAY.sub(" ", rest)
    rest = _DATE_NOISE.sub(" ", rest)
    return " ".join(rest.split())


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first calendar date written in `text`: (ISO date, start, end)."""
    hits: list[tuple[int, int, date]] = []
    for form, pattern in _DATES:
        for m in pattern.finditer(text):
            if form == "ymd":
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            elif form == "dmy":
                d, mo, y = int(m[1]), rules.MONTH_NUMBERS[m[2].lower()], int(m[3])
            elif form == "mdy":
                mo, d, y = rules.MONTH_NUMBERS[m[1].lower()], int(m[2]), int(m[3])
            else:
                d, mo, y = int(m[1]), int(m[2]), int(m[3])
            try:
                hits.append((m.start(), m.end(), date(y, mo, d)))
            except ValueError:
                continue
    if not hits:
        return None
    start, end, day = min(hits)
    return day.isoformat(), start, end


def first_date(lines: list[Line], stamped: bool = False) -> str | None:
    """A date on its own line elsewhere (DW puts it after the story), or else a timestamp's."""
    for line in lines:
        if not stamped and line.date and line.role is None and line.reason is None:
            line.role = "date"
            return line.date
        if stamped and line.reason == rules.TIMESTAMP and (found := find_date(line.text)):
            return found[0]
    return None
