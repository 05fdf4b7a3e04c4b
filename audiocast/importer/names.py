"""People and publishers: bylines, agency codes, names, and the publisher a page names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import rules
from .model import TERMINAL

FALLBACK_AUTHOR = "Mwandishi Wetu"  # "our correspondent": the newsroom's word for no byline

TRAILING_AUTHOR = re.compile(rules.TRAILING_AUTHOR, re.IGNORECASE)

BYLINE = re.compile(rules.BYLINE, re.IGNORECASE)

_LEAD_SYMBOLS = re.compile(r"^[^\w\"'\u201c\u00ab(\[]+")

_AGENCY = "|".join(re.escape(a) for a in rules.AGENCIES)

_AGENCY_LIST = rf"(?:{_AGENCY})(?:\s*[,/;&]\s*(?:{_AGENCY}))*"

AGENCY_LINE = re.compile(rf"[(\[]?\s*{_AGENCY_LIST}\s*[)\]]?", re.IGNORECASE)

# "Chanzo: MatukioTZ" under a repost: one to four capitalised words naming the outlet.
SOURCE_CREDIT = re.compile(rules.SOURCE_CREDIT)
AGENCY_TAIL = re.compile(
    rf"\s*(?:\(\s*{_AGENCY_LIST}\s*\)|\[\s*{_AGENCY_LIST}\s*\]|[/,]\s*{_AGENCY_LIST})\s*$",
    re.IGNORECASE,
)

PUBLISHERS = [(re.compile(p, re.IGNORECASE), name) for p, name in rules.PUBLISHERS]

STAFF_BYLINE = re.compile(rules.STAFF_BYLINE, re.IGNORECASE)
# "Mwandishi Wetu, VOA Nairobi": the newsroom's own byline, then its desk or town.
_STAFF_DESK = re.compile(rf"(?:na\s+)?({rules.STAFF_BYLINE})\s*[,|\u2013-]\s*[^,|]{{1,40}}", re.I)

_FREQUENCY = rf"(?:\s+{rules.STATION_FREQUENCY})?"

# A site header line that is the station's name, its frequency before or after it, and maybe
# its town ("Kibali FM 88.7 Kasulu", a Facebook page's name).
STATION_LINE = re.compile(
    rf"(?:{rules.STATION_FREQUENCY}\s+)?({rules.STATION_NAME}){_FREQUENCY}"
    r"(?:\s+[A-Z][\w'-]+)?\s*[.|]?"
)

# A copyright line naming the station: "© 2024 Kahama FM. Haki zote zimehifadhiwa."
STATION_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?({rules.STATION_NAME}){_FREQUENCY}"
    r"(?=\s*(?:$|[.,|\-\u2013]|haki\b|all\b))",
    re.IGNORECASE,
)


def not_a_name(word: str) -> bool:
    bare = word.rstrip(".").casefold()
    return bare in rules.NOT_NAME_WORDS or (len(word) >= 2 and word.isupper() and word.isalpha())


def byline_name(text: str, bare: bool = False) -> str | None:
    """The author's name in a byline ("Na Juma Mussa", "Muandishi, Ambia Hirsi").

    >>> byline_name("Mwandishi Wetu, VOA Nairobi"), byline_name("Na Mwandishi Wetu")
    ('Mwandishi Wetu', 'Mwandishi Wetu')

    A bare name ("Sylvia Mwehozi") counts only when `bare`: next to a date, it is a byline.
    """
    text = _LEAD_SYMBOLS.sub("", text.strip())  # "✍️ Imetumwa na: …"
    if staff := _STAFF_DESK.fullmatch(text):
        return staff.group(1)
    match = BYLINE.fullmatch(text)
    if match is None and not bare:
        return None
    name = without_place(strip_agencies(match.group(1) if match else text)[0].strip(" ,|-\u2013"))
    return name if is_name(name) or STAFF_BYLINE.fullmatch(name) else None


def without_place(name: str) -> str:
    """A byline without the town it was filed from.

    >>> without_place("Anna Mlay, Dodoma"), without_place("Zuberi Mnyampala Mbeya")
    ('Anna Mlay', 'Zuberi Mnyampala')
    """
    head, comma, tail = name.rpartition(",")
    if comma:
        place = tail.split()
        known = " ".join(place).casefold() in rules.BYLINE_PLACES
        if head.strip() and (known or (len(place) == 1 and place[0][:1].isupper())):
            return head.strip()
        return name
    words = name.split()
    for size in (3, 2, 1):
        # Unpunctuated: only a known town after a name of two words or more.
        if len(words) - size >= 2 and " ".join(words[-size:]).casefold() in rules.BYLINE_PLACES:
            return " ".join(words[:-size])
    return name


def without_named_place(name: str, texts: list[str]) -> str:
    """A byline without a last word the title or lead names as a place (no comma before it).

    >>> without_named_place("Neema Juma Kilosa", ["Mvua zaleta maafa wilayani Kilosa"])
    'Neema Juma'
    >>> without_named_place("Hamisi Juma Mussa", ["Waziri Mussa aeleza mipango yake"])
    'Hamisi Juma Mussa'
    """
    words = name.split()
    if len(words) < 3:
        return name
    place = rf"(?:{rules.PLACE_CUES})\s+{re.escape(words[-1])}\b"
    if any(re.search(place, text, re.IGNORECASE) for text in texts):
        return " ".join(words[:-1])
    return name


def strip_agencies(name: str) -> tuple[str, str]:
    """A byline without its agency codes, and the codes: ("Sylvia Mwehozi", " (AFP, Reuters)")."""
    match = AGENCY_TAIL.search(name)
    if match is None or match.start() == 0:
        return name.strip(), ""
    return name[: match.start()].strip(), name[match.start() :]


def is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= rules.NAME_MAX_WORDS or any(c.isdigit() for c in text):
        return False
    if text.rstrip()[-1:] in TERMINAL + ":;,":
        return False
    return all(w[:1].isupper() or w.lower() in rules.NAME_PARTICLES for w in words) and (
        (words[0][:1].isupper() and not not_a_name(words[0])) or words[0].isupper()
    )


def publisher_named(texts: Iterable[str]) -> str | None:
    """The publisher a page names in its furniture or header ("Nenda tovuti zaidi za DW")."""
    for text in texts:
        for pattern, name in PUBLISHERS:
            if pattern.search(text):
                return name
    return None


def station_named(header: Iterable[str], furniture: Iterable[str]) -> str | None:
    """The community radio station a page names as itself: its site header line ("Pangani FM
    97.9") above the story, or its copyright line ("© 2024 Kahama FM") among the furniture."""
    for text in header:
        if match := STATION_LINE.fullmatch(text.strip()):
            return match.group(1)
    for text in furniture:
        if match := STATION_COPYRIGHT.search(text):
            return match.group(1)
    return None


def credited_source(credits: Iterable[str]) -> str | None:
    """The outlet a repost credits as its source ("Chanzo: MatukioTZ"), if not a news agency.

    >>> credited_source(["Mhariri: Juma Ali", "Chanzo: MatukioTZ"])
    'MatukioTZ'
    >>> credited_source(["Chanzo: AFP"]) is None
    True
    """
    for text in credits:
        match = SOURCE_CREDIT.fullmatch(text.strip())
        if match and not AGENCY_LINE.fullmatch(match.group(1)):
            return match.group(1)
    return None


def unshout(label: str, acronyms: bool = False) -> str:
    """A byline or category in capitals as a name: TTS spells capitals out like acronyms.

    With `acronyms` (a category), a word of two to four capitals stays one ("DRC", "EAC").

    >>> unshout("KALUME KAZUNGU"), unshout("DW Kiswahili"), unshout("DRC", acronyms=True)
    ('Kalume Kazungu', 'DW Kiswahili', 'DRC')
    """
    if not label.isupper():
        return label
    words = label.split()
    return " ".join(
        w if acronyms and 2 <= len(w) <= 4 and w.casefold() not in rules.NAME_LINK_WORDS
        else w.capitalize() if i == 0 or w.casefold() not in rules.NAME_LINK_WORDS
        else w.casefold()
        for i, w in enumerate(words)
    )  # fmt: skip
