"""Amounts: money, percentages, units, fractions, ranges and every number left."""

from __future__ import annotations

import re

from . import symbols
from .numbers import say_numeral
from .patterns import (
    DASH,
    DOT_GROUPS,
    MONEY_NUM,
    NUM,
    SIGN,
    START,
    alternation,
    ends_with,
    pad,
    say,
    written_before,
)
from .words import BY, COUNTED_NOUNS, MINUS, PERCENT, POINT, RANGE_TO, RANGE_TO_WORDS

_SPACED_GROUPS = re.compile(r"(?<![0-9.,+])(?<![0-9+] )[0-9]{1,3}(?: [0-9]{3})+(?![0-9])")


def join_digit_groups(text: str) -> str:
    """Thousands grouped with spaces are one number: "100 000" = 100000.

    >>> join_digit_groups("watu 100 000 na 2 500")
    'watu 100000 na 2500'
    """
    return _SPACED_GROUPS.sub(lambda m: m[0].replace(" ", ""), text)


# A comma before one or two digits is a decimal comma, as pages written in the French or
# German way have it ("4,5%", "2,5 milioni"); a comma before three digits groups thousands,
# and a run of comma groups ("1,2,3") is a list.
_DECIMAL_COMMA = re.compile(r"(?<![0-9][.,])(?<![0-9])([0-9]+),([0-9]{1,2})(?![0-9]|[.,][0-9])")


def read_decimal_commas(text: str) -> str:
    """Decimal commas as decimal points: "4,5%" = 4.5%.

    >>> read_decimal_commas("mfumuko wa 4,5% na watu 1,500")
    'mfumuko wa 4.5% na watu 1,500'
    """
    return _DECIMAL_COMMA.sub(r"\1.\2", text)


_SCALE_BEFORE = alternation(symbols.SCALES_BEFORE)
_SCALE_AFTER = alternation(symbols.SCALE_WORDS)

_DOTTED = rf"[0-9]{{1,3}}\.[0-9]{{3}}(?![0-9]|[.,][0-9])(?!\s?(?:{_SCALE_AFTER})(?!\w))"
_COUNTED = alternation(n for nouns in COUNTED_NOUNS.values() for n in nouns)
_DOTTED_COUNT = re.compile(
    rf"(?<![\w'])(?i:{_COUNTED})"
    rf"\s{_DOTTED}(?:(?:{DASH}|\s(?:{'|'.join(RANGE_TO_WORDS)})\s){_DOTTED})?"
)


def join_dotted_counts(text: str) -> str:
    """One dot before three digits, after a counted noun, groups thousands: watu 1.500.

    People and things are not counted in fractions; elsewhere one dot is a decimal point
    (kiwango cha 1.500, km 1.500), as the page may use either.

    >>> join_dotted_counts("watu 1.500 na vijiji 12.000 hadi 13.500; uzito wa 1.500")
    'watu 1,500 na vijiji 12,000 hadi 13,500; uzito wa 1.500'
    """
    return _DOTTED_COUNT.sub(lambda m: m[0].replace(".", ","), text)


_SCALE_ABBREVIATION = alternation(symbols.SCALE_ABBREVIATIONS)
_SCALE_NAME = {**symbols.SCALE_WORDS, **symbols.SCALE_ABBREVIATIONS}


def _amount(i: int) -> str:
    """An amount: [scale] number [scale word | attached abbreviation], groups numbered `i`."""
    return (
        rf"(?:(?P<pre{i}>{_SCALE_BEFORE})\s)?(?P<num{i}>{MONEY_NUM})"
        rf"(?:\s?(?P<post{i}>{_SCALE_AFTER})|(?P<abbr{i}>{_SCALE_ABBREVIATION}))?(?![\w])"
    )


def _say_amount(m: re.Match[str], i: int) -> str:
    number = say(m[f"num{i}"], money=True)
    after = m[f"post{i}"] or m[f"abbr{i}"]
    scales = [_SCALE_NAME[after] if after else None, m[f"pre{i}"]]
    return " ".join([*(s for s in scales if s), number])


def _say_amounts(m: re.Match[str]) -> str:
    words = _say_amount(m, 1)
    return f"{words} {RANGE_TO} {_say_amount(m, 2)}" if m["num2"] else words


_CURRENCY = alternation(symbols.CURRENCIES)
_MONEY = re.compile(
    rf"(?<![\w$£€])(?P<cur>{_CURRENCY})\.?\s?{_amount(1)}"
    rf"(?:{DASH}(?:(?:{_CURRENCY})\.?\s?)?{_amount(2)})?(?:\s?/[-=])?"
)
_MONEY_AFTER = re.compile(
    rf"{START}{_amount(1)}(?:{DASH}{_amount(2)})?\s?"
    rf"(?P<cur>{alternation(symbols.CURRENCIES_AFTER)})(?![\w$£€])"
)
_MONEY_NOUN = re.compile(
    rf"(?<![\w])(?P<noun>(?i:{'|'.join(symbols.CURRENCY_WORDS)}))\s{_amount(1)}"
    rf"(?:{DASH}{_amount(2)})?"
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
    rf"(?<![\w])({alternation(symbols.CURRENCY_ABBREVIATIONS)})\.?(?![\w])"
)


def expand_currency_abbreviations(text: str) -> str:
    """Currency abbreviations left without an amount: "Sh." = shilingi.

    >>> expand_currency_abbreviations("thamani ya Sh. ya Tanzania")
    'thamani ya shilingi ya Tanzania'
    """
    return _CURRENCY_ABBREVIATION.sub(lambda m: symbols.CURRENCY_ABBREVIATIONS[m[1]], text)


_PERCENT = re.compile(
    rf"(?P<lead>(?<![\w])[Aa]silimia\s)?{SIGN}{START}(?P<a>{NUM})(?:\s?%?{DASH}(?P<b>{NUM}))?\s?%"
)


def read_percentages(text: str) -> str:
    """Percentages, noun first: 45% = asilimia arobaini na tano; 4.5% = asilimia nne nukta tano.

    >>> read_percentages("asilimia 45% na 4.5%")
    'asilimia arobaini na tano na asilimia nne nukta tano'
    """

    def spoken(m: re.Match[str]) -> str:
        words = (f"{MINUS} " if m["sign"] else "") + say(m["a"])
        if m["b"]:
            words += f" {RANGE_TO} {say(m['b'])}"
        # "asilimia 45%" says the noun once.
        return f"{m['lead'] or PERCENT + ' '}{words}"

    return _PERCENT.sub(spoken, text)


# "watoto 1.2m": after a counted noun an attached "m" or "bn" is a scale, not metres.
_COUNTED_SCALE = re.compile(
    rf"(?<![\w'])(?P<noun>(?i:{_COUNTED}))\s(?P<num>{NUM})(?P<abbr>{_SCALE_ABBREVIATION})(?![\w])"
)


def read_counted_scales(text: str) -> str:
    """A scale abbreviation after a count of people or things: watoto 1.2m = milioni ….

    >>> read_counted_scales("watoto 1.2m na mbio za 100m")
    'watoto milioni 1.2 na mbio za 100m'
    """
    return _COUNTED_SCALE.sub(
        lambda m: f"{m['noun']} {symbols.SCALE_ABBREVIATIONS[m['abbr']]} {m['num']}", text
    )


_UNIT_AFTER = re.compile(
    rf"{SIGN}{START}(?P<a>{NUM})(?:{DASH}(?P<b>{NUM}))?"
    rf"(?:\s?(?P<unit>{alternation(symbols.UNITS)})"
    rf"|(?P<attached>{alternation(symbols.ATTACHED_UNITS)}))(?![\w/])"
)
_UNIT_BEFORE = re.compile(
    rf"(?<![\w])(?P<unit>{alternation(u for u in symbols.UNITS if u.isalpha())})"
    rf"\s?(?P<a>{NUM})(?:{DASH}(?P<b>{NUM}))?(?![0-9])"
)
_UNIT_ALONE = re.compile(rf"(?<![\w])({alternation(symbols.STANDALONE_UNITS)})(?![\w/])")


def read_units(text: str) -> str:
    """Units, noun first: 10 km and km 10 = kilomita kumi; 50 kg = kilo hamsini.

    >>> read_units("km 10, 50 kg na 100m")
    'kilomita kumi, kilo hamsini na mita mia moja'
    """

    def spoken(m: re.Match[str]) -> str:
        unit = symbols.UNITS[m["unit"]] if m["unit"] else symbols.ATTACHED_UNITS[m["attached"]]
        sign = f"{MINUS} " if m.groupdict().get("sign") else ""
        words = sign + say(m["a"]) + (f" {RANGE_TO} {say(m['b'])}" if m["b"] else "")
        said = unit.format(words) if "{}" in unit else f"{unit} {words}"
        noun, _, rest = said.partition(" ")
        if ends_with(written_before(noun), m.string, m.start()):
            said = rest  # "nyuzi 35°C" says "nyuzi" once, "kilo 50kg" says "kilo" once
        return pad(m, said)

    text = _UNIT_AFTER.sub(spoken, text)
    text = _UNIT_BEFORE.sub(spoken, text)
    return _UNIT_ALONE.sub(lambda m: symbols.UNITS[m[1]].replace(" {}", ""), text)


_WRITTEN_FRACTION = re.compile(
    rf"{START}(?:(?P<whole>[0-9]+)\s)?"
    rf"(?P<part>{alternation(f for f in symbols.FRACTIONS if '/' in f)})(?![0-9]|/[0-9])"
)
_FRACTION_CHARACTER = re.compile(
    rf"(?:{START}(?P<whole>[0-9]+)\s?)?"
    rf"(?P<part>{alternation(f for f in symbols.FRACTIONS if '/' not in f)})"
)


def read_fractions(text: str) -> str:
    """Common fractions as words: 1/2 = nusu, 3/4 = robo tatu, 2½ = mbili na nusu.

    >>> read_fractions("robo ya 3/4 na kilo 2½")
    'robo ya robo tatu na kilo mbili na nusu'
    """

    def spoken(m: re.Match[str]) -> str:
        part = symbols.FRACTIONS[m["part"]]
        return pad(m, f"{say_numeral(m['whole'])} na {part}" if m["whole"] else part)

    return _FRACTION_CHARACTER.sub(spoken, _WRITTEN_FRACTION.sub(spoken, text))


_SCALE_WORD_AFTER = re.compile(rf"{START}(?P<num>{NUM})\s?(?P<scale>{_SCALE_AFTER})(?![\w])")


def read_scale_words(text: str) -> str:
    """A scale word written after the number goes first: 2 bilioni = bilioni mbili.

    >>> read_scale_words("watu 1.5 milioni")
    'watu milioni moja nukta tano'
    """
    return _SCALE_WORD_AFTER.sub(
        lambda m: f"{symbols.SCALE_WORDS[m['scale']]} {say(m['num'])}", text
    )


_RANGE = re.compile(rf"{START}(?P<a>{NUM}){DASH}(?P<b>{NUM})(?![0-9])")


def read_ranges(text: str) -> str:
    """Ranges: 90-95 = tisini hadi tisini na tano.

    >>> read_ranges("miaka 90-95")
    'miaka tisini hadi tisini na tano'
    """
    return _RANGE.sub(lambda m: pad(m, f"{say(m['a'])} {RANGE_TO} {say(m['b'])}"), text)


_NEGATIVE = re.compile(rf"(?<![\w.,)/-])[-\u2212](?P<num>{NUM})")  # not a hyphen: "UVIKO-19"


def read_negatives(text: str) -> str:
    """Negative numbers: -5 = hasi tano.

    >>> read_negatives("nyuzi joto -5")
    'nyuzi joto hasi tano'
    """
    return _NEGATIVE.sub(lambda m: pad(m, f"{MINUS} {say(m['num'])}"), text)


# Numbers around a slash, or around a colon that no time rule took ("1:1000").
_RATIO = re.compile(rf"{START}(?P<a>{NUM})[/:](?P<b>{NUM})(?![0-9])")


def read_ratios(text: str) -> str:
    """Other numbers around a slash or a colon: 24/7 = ishirini na nne kwa saba.

    >>> read_ratios("huduma 24/7, wastani wa 1:1000")
    'huduma ishirini na nne kwa saba, wastani wa moja kwa elfu moja'
    """
    return _RATIO.sub(lambda m: pad(m, f"{say(m['a'])} {BY} {say(m['b'])}"), text)


_NUMBER = re.compile(rf"[0-9]+(?:\.[0-9]+){{2,}}|{NUM}")


def read_numbers(text: str) -> str:
    """Every number left, in words: watu 70 = watu sabini; 2023Picha = … Picha.

    >>> read_numbers("watu 70 kati ya 25,000; 2023Picha; toleo 2.0.1")
    'watu sabini kati ya elfu ishirini na tano; elfu mbili na ishirini na tatu Picha; \
toleo mbili nukta sifuri nukta moja'
    """

    def spoken(m: re.Match[str]) -> str:
        if m[0].count(".") < 2 or DOT_GROUPS.fullmatch(m[0]):
            return pad(m, say(m[0]))
        # A version or an address (2.0.1): each part, "nukta" between.
        return pad(m, f" {POINT} ".join(say_numeral(part) for part in m[0].split(".")))

    return _NUMBER.sub(spoken, text)
