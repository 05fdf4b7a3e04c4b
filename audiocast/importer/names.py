"""People and publishers: bylines, agency codes, names, and the publisher a page names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import rules
from .model import TERMINAL

FALLBACK_AUTHOR = "Mwandishi Wetu"  # "our correspondent": the newsroom's word for no byline

TRAILING_AUTHOR = re.compile(rules.TRAILING_AUTHOR, re.IGNORECASE)

BYLINE = re.compile(rules.BYLINE, re.IGNORECASE)

_AGENCY = "|".join(re.escape(a) for a in rules.AGENCIES)

_AGENCY_LIST = rf"(?:{_AGENCY})(?:\s*[,/;&]\s*(?:{_AGENCY}))*"

AGENCY_LINE = re.compile(rf"[(\[]?\s*{_AGENCY_LIST}\s*[)\]]?", re.IGNORECASE)

AGENCY_TAIL = re.compile(
    rf"\s*(?:\(\s*{_AGENCY_LIST}\s*\)|\[\s*{_AGENCY_LIST}\s*\]|[/,]\s*{_AGENCY_LIST})\s*$",
    re.IGNORECASE,
)

PUBLISHERS = [(re.compile(p, re.IGNORECASE), name) for p, name in rules.PUBLISHERS]


def not_a_name(word: str) -> bool:
    bare = word.rstrip(".").casefold()
    return bare in rules.NOT_NAME_WORDS or (len(word) >= 2 and word.isupper() and word.isalpha())


def byline_name(text: str, bare: bool = False) -> str | None:
    """The author's name in a byline ("Na Juma Mussa", "Muandishi, Ambia Hirsi").

    A bare name ("Sylvia Mwehozi") counts only when `bare`: next to a date, it is a byline.
    """
    match = BYLINE.fullmatch(text.strip())
    if match is None and not bare:
        return None
    name = strip_agencies(match.group(1) if match else text)[0].strip(" ,|-\u2013")
    return name if is_name(name) else None


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


def unshout(label: str) -> str:
    """A byline or category in capitals as a name: TTS spells capitals out like acronyms.

    >>> unshout("KALUME KAZUNGU"), unshout("DW Kiswahili")
    ('Kalume Kazungu', 'DW Kiswahili')
    """
    return " ".join(w.capitalize() for w in label.split()) if label.isupper() else label
