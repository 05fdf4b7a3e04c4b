"""Numbers and dates as a Swahili newsreader says them (the project's house style)."""

from __future__ import annotations

from .words import (
    AND,
    HUNDRED,
    HUNDRED_THOUSAND,
    MINUS,
    ORDINALS,
    POINT,
    SCALES,
    TENS,
    THOUSAND,
    UNITS,
)

# Past trilioni a newsreader reads digits one by one (account numbers, IDs), not amounts.
MAX_DIGITS = 15
_DIGITS = "0123456789"


def say_number(n: int) -> str:
    """A whole number in words.

    >>> say_number(2024)
    'elfu mbili na ishirini na nne'
    >>> say_number(345)
    'mia tatu arobaini na tano'
    """
    if n < 0:
        return f"{MINUS} {say_number(-n)}"
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


def say_digits(digits: str) -> str:
    """ASCII digits one by one, as after `nukta` or in a number with a leading zero.

    >>> say_digits("088")
    'sifuri nane nane'
    """
    return " ".join(UNITS[_DIGITS.index(digit)] for digit in digits)


def say_numeral(written: str) -> str:
    """A number as written: comma-grouped thousands, a decimal point, leading zeros.

    >>> say_numeral("25,000")
    'elfu ishirini na tano'
    >>> say_numeral("34.88")
    'thelathini na nne nukta nane nane'
    >>> say_numeral("0754")
    'sifuri saba tano nne'
    """
    whole, _, fraction = written.replace(",", "").partition(".")
    whole = whole or "0"
    if (len(whole) > 1 and whole[0] == "0") or len(whole) > MAX_DIGITS:
        spoken = say_digits(whole)
    else:
        spoken = say_number(int(whole))
    return f"{spoken} {POINT} {say_digits(fraction)}" if fraction else spoken


def say_ordinal(n: int) -> str:
    """The word after an ordinal connective (wa, ya, la…): kwanza, pili, then the number.

    >>> say_ordinal(1), say_ordinal(2), say_ordinal(18)
    ('kwanza', 'pili', 'kumi na nane')
    """
    return ORDINALS.get(n) or say_number(n)
