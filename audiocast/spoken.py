"""Numbers and dates as a Swahili newsreader says them (house style of SWAHILI.md)."""

from __future__ import annotations

from datetime import date

from .swahili import (
    AND,
    DATE_WORD,
    HUNDRED,
    HUNDRED_THOUSAND,
    MONTHS,
    SCALES,
    TENS,
    THOUSAND,
    UNITS,
    YEAR_WORD,
)


def say_number(n: int) -> str:
    """A whole number in words.

    >>> say_number(2024)
    'elfu mbili na ishirini na nne'
    >>> say_number(345)
    'mia tatu arobaini na tano'
    """
    if n < 0:
        return f"hasi {say_number(-n)}"
    if n < 10:
        return UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        word = TENS[tens * 10]
        return f"{word} {AND} {UNITS[unit]}" if unit else word
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{HUNDRED} {UNITS[hundreds]}"
        if not rest:
            return head
        # House style: no "na" after mia unless only units follow (305 = mia tatu na tano).
        joiner = f" {AND} " if rest < 10 else " "
        return head + joiner + say_number(rest)
    for scale, word in SCALES:
        if n >= scale:
            count, rest = divmod(n, scale)
            return _join(f"{word} {say_number(count)}", rest)
    if n >= 100_000:
        count, rest = divmod(n, 100_000)
        return _join(f"{HUNDRED_THOUSAND} {say_number(count)}", rest)
    count, rest = divmod(n, 1000)
    return _join(f"{THOUSAND} {say_number(count)}", rest)


def _join(head: str, rest: int) -> str:
    return f"{head} {AND} {say_number(rest)}" if rest else head


def say_date(day: date) -> str:
    """A calendar date as read on air.

    >>> say_date(date(2024, 6, 18))
    'tarehe kumi na nane Juni, mwaka elfu mbili na ishirini na nne'
    """
    month = MONTHS[day.month - 1]
    return f"{DATE_WORD} {say_number(day.day)} {month}, {YEAR_WORD} {say_number(day.year)}"
