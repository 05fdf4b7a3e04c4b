"""Web and e-mail addresses, social media handles, hashtags and phone numbers, read aloud.

An engine reads "habari@dw.com" or "+255 754 …" in English or as one large number; a
newsreader spells what is not a word, says the marks in Swahili and gives a phone number
digit by digit, group by group. The choices are in docs/swahili.md.
"""

from __future__ import annotations

import re

from . import symbols
from .patterns import alternation, ends_with, pad, written_before
from .words import UNITS

# A word run (a capital may open it: "UchaguziMkuu" is two), capitals, or digits.
_PIECE = re.compile(r"[0-9]+|[A-Z]+(?![^\W\dA-Z_])|[A-Z]?[^\W\dA-Z_]+")
_MARKS = re.compile(f"([{re.escape(''.join(symbols.ADDRESS_MARKS))}])")
_VOWEL = re.compile("[aeiouAEIOU]")


def _say_digits(digits: str) -> str:
    return " ".join(UNITS[int(d)] for d in digits)


def _spell(letters: str) -> str:
    return " ".join(symbols.LETTER_NAMES.get(c, c) for c in letters.upper())


def _say_piece(piece: str, *, host: bool) -> str:
    """One run of an address: a word as written, else digits or letters one by one."""
    if piece.isdigit():
        return _say_digits(piece)
    if piece.lower() in symbols.ADDRESS_WORDS:
        return symbols.ADDRESS_WORDS[piece.lower()]
    if piece.isupper():
        return symbols.WORD_ACRONYMS.get(piece) or _spell(piece)
    # "dw", "tz", and in a host name two letters ("co", "go"), are not words.
    if len(piece) == 1 or not _VOWEL.search(piece) or (host and len(piece) <= 2):
        return _spell(piece)
    return piece


def _say_parts(written: str, *, host: bool = False) -> str:
    """An address or a part of one: its runs and the marks between them, in Swahili."""
    said = []
    for part in _MARKS.split(written):
        if part in symbols.ADDRESS_MARKS:
            said.append(symbols.ADDRESS_MARKS[part])
        elif part:
            said += [_say_piece(p, host=host) for p in _PIECE.findall(part)]
    return " ".join(said)


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = rf"{_LABEL}(?:\.{_LABEL})+"
_BARE_HOST = rf"{_LABEL}(?:\.{_LABEL})*\.(?:{alternation(symbols.ADDRESS_ENDINGS)})(?![\w-])"
# A path ends before a sentence's full stop: a dot in it is followed by more of it.
_PATH = r"(?:/(?:[\w~%-]|\.(?=\w))*)*"
# A query ("?id=5&p=2") is part of the address, but not said.
_QUERY = r"(?:\?[\w=&%.-]*[\w=])?"
_EMAIL = re.compile(rf"(?<![\w.%+-])(?P<name>\w(?:[\w.%+-]*\w)?)@(?P<host>{_HOST})")
_URL = re.compile(
    rf"(?<![\w@./-])(?:https?://|(?=www\.)|(?={_BARE_HOST}))(?P<host>{_HOST})(?P<path>{_PATH}){_QUERY}"
)
_HANDLE = re.compile(r"(?<![\w@.])@(?P<name>[A-Za-z_]\w*)")  # not a price: "@500"
_HASHTAG = re.compile(r"(?<![\w&#])#(?P<tag>[^\W\d_]\w*)")


def read_addresses(text: str) -> str:
    """E-mail and web addresses, handles and hashtags, the Swahili way.

    >>> read_addresses("Andika habari@dw.com au tembelea https://www.mwananchi.co.tz.")
    'Andika habari et di dabliyu nukta kom au tembelea dabliyu dabliyu dabliyu nukta \
mwananchi nukta si o nukta ti zedi.'
    >>> read_addresses("@WizaraAfyaTZ: #UchaguziMkuu")
    'et Wizara Afya ti zedi: alama ya reli Uchaguzi Mkuu'
    """

    def email(m: re.Match[str]) -> str:
        name, at, host = _say_parts(m["name"]), symbols.ADDRESS_MARKS["@"], m["host"]
        return pad(m, f"{name} {at} {_say_parts(host, host=True)}")

    def url(m: re.Match[str]) -> str:
        path = m["path"].rstrip("/")  # a closing slash is not said
        return pad(m, " ".join(filter(None, [_say_parts(m["host"], host=True), _say_parts(path)])))

    text = _EMAIL.sub(email, text)
    text = _URL.sub(url, text)
    text = _HANDLE.sub(lambda m: f"{symbols.ADDRESS_MARKS['@']} {_say_parts(m['name'])}", text)
    return _HASHTAG.sub(lambda m: f"{symbols.HASHTAG} {_say_parts(m['tag'])}", text)


_USSD = re.compile(r"(?<![\w*#])\*[0-9]+(?:\*[0-9]+)*#")


def _say_ussd(m: re.Match[str]) -> str:
    keys = re.findall(r"[0-9]+|[*#]", m[0])
    return pad(m, " ".join(symbols.USSD_KEYS.get(k) or _say_digits(k) for k in keys))


# Digit groups apart by a space or a hyphen; "(022)" may open them, "+" before a code.
_PHONE = re.compile(
    r"(?<![\w+.,-])(?P<plus>\+)?(?P<groups>\(?[0-9]+\)?(?:[ -]\(?[0-9]+\)?)*)(?![\w]|[.,][0-9])"
)
_DIAL = written_before(*symbols.DIAL_WORDS)
_NUMBER_WORD = written_before(*symbols.NUMBER_WORDS)
_COUNTRY = re.compile(f"(?:{alternation(symbols.COUNTRY_CODES)}|[0-9]{{3}})")


def _is_phone(m: re.Match[str], digits: str) -> bool:
    """A leading + or 0 and a phone's length, or a number to dial by the words before it."""
    if m["plus"]:
        return 8 <= len(digits) <= 15
    if digits.startswith("0") and 9 <= len(digits) <= 11:
        return True
    if ends_with(_DIAL, m.string, m.start()):
        return 3 <= len(digits) <= 13
    return ends_with(_NUMBER_WORD, m.string, m.start()) and 9 <= len(digits) <= 13


def _threes(digits: str) -> list[str]:
    """A long group in threes, a last lone digit kept with the group before: 3 4, not 3 3 1."""
    groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    if len(groups) > 1 and len(groups[-1]) == 1:
        groups[-2:] = [groups[-2] + groups[-1]]
    return groups


def _phone_groups(plus: bool, written: list[str]) -> list[str]:
    """The groups said: as written, a long one split (+255 first, 0754 first, then threes)."""
    groups = []
    for i, group in enumerate(written):
        head = ""
        if i == 0 and plus and len(group) > 4:
            head = _COUNTRY.match(group)[0]  # type: ignore[index]
        elif i == 0 and group.startswith("0") and len(group) > 6:
            head = group[:4]
        rest = group[len(head) :]
        groups += ([head] if head else []) + (_threes(rest) if len(rest) > 5 else [rest])
    return [g for g in groups if g]


# A slash between two numbers read above (dates and fractions still have their digits).
_PHONE_OR = re.compile(rf"\b({'|'.join(UNITS)})\s?/\s?(?=(?:{UNITS[0]}|{symbols.PHONE_PLUS})\b)")


def read_phone_numbers(text: str) -> str:
    """Phone numbers and USSD codes, digit by digit, a pause between the groups.

    >>> read_phone_numbers("Piga +255 754 123 456 au *150*00#")
    'Piga jumlisha mbili tano tano, saba tano nne, moja mbili tatu, nne tano sita au \
nyota moja tano sifuri nyota sifuri sifuri reli'
    """

    def spoken(m: re.Match[str]) -> str:
        # "+255 (0) 754 …": the (0) is not dialled from abroad, nor said.
        dialled = m["groups"].replace("(0)", "") if m["plus"] else m["groups"]
        written = re.findall("[0-9]+", dialled)
        if not _is_phone(m, "".join(written)):
            return m[0]
        said = ", ".join(_say_digits(g) for g in _phone_groups(bool(m["plus"]), written))
        return pad(m, f"{symbols.PHONE_PLUS} {said}" if m["plus"] else said)

    text = _PHONE.sub(spoken, _USSD.sub(_say_ussd, text))
    return _PHONE_OR.sub(rf"\1 {symbols.PHONE_OR} ", text)
