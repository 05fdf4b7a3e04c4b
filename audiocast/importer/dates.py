"""Dates as pages write them: on a dateline, beside a byline, in a header or footer."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from ..article import EAST_AFRICA
from . import rules
from .model import Line, word_count
from .names import byline_name

_MONTH = "|".join(sorted(rules.MONTH_NUMBERS, key=len, reverse=True))

_DATE_FORMS = (
    # ISO, optionally with a time: 2024-06-18, 2024-06-18T10:00:00+03:00; also 2024/06/18
    ("ymd", r"\b(\d{4})([-/.])(\d{2})\2(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?"
     r"(?:Z|[+-]\d{2}:?\d{2})?)?\b"),
    # 18 Juni 2024, 18th June 2024, 18Jun 2024
    ("dmy", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s*({_MONTH})\.?,?\s+(\d{{4}})\b"),
    ("mdy", rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),  # Juni 18, 2024
    # 18.06.2024, 18/06/2024, 18-06-2024 (day first, as East African and German pages write)
    ("num", r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b"),
)  # fmt: skip

_DATES = [(form, re.compile(p, re.IGNORECASE)) for form, p in _DATE_FORMS]

_DATE_NOISE = re.compile(rf"\b{rules.DATE_NOISE}\b|[\s,|·•:\-\u2013\u2014/()]+", re.IGNORECASE)

_WEEKDAY_WORD = "(?:" + "|".join(sorted(rules.WEEKDAYS, key=len, reverse=True)) + ")"

_WEEKDAY = re.compile(rf"\b{_WEEKDAY_WORD}\b", re.IGNORECASE)

_UPDATED = re.compile(rules.UPDATED, re.IGNORECASE)

_PUBLISHED = re.compile(r"\b(?:imechapishwa|ilichapishwa|published|posted)\b", re.IGNORECASE)

# Case matters for the place (a capitalised name), not for the weekday after it.
_DATELINE_HEAD = re.compile(rf"{rules.DATELINE_PLACE}\s*,\s*(?:(?i:{_WEEKDAY_WORD})\s*,?\s*)?")

_DATELINE_TAIL = re.compile(rules.DATELINE_END)

# Where a timestamp written after a headline on its line begins.
_STAMP_CUT = re.compile(r"\s{2,}|\s+(?=\((?:GMT|UTC))", re.IGNORECASE)


def dateline_date(text: str) -> str | None:
    """The ISO date of a line that is a dateline ("Jumanne, 18 Juni 2024", "Na X | 18.06.2024").

    >>> dateline_date("Alhamisi, Desemba 03, 2026 — imesasishwa saa 3:15 usiku")
    '2026-12-03'
    >>> dateline_date("Imesasishwa: 19 Juni 2024") is None  # a last resort (stamped_date)
    True
    """
    if word_count(text) > 14:
        return None
    found = find_date(text)
    if found is None:
        return None
    rest = date_rest(text)
    if rest and _UPDATED.fullmatch(rest) and _UPDATED.search(text, found[2]):
        return found[0]  # "4 Desemba 2026 — imesasishwa saa 3:15": changed later that day
    return found[0] if not rest or byline_name(rest) else None


def date_rest(text: str) -> str:
    """What a line says besides its date, weekday, clock time and zone.

    >>> date_rest("(GMT+08:00) 2020-03-12 18:44:17"), date_rest("Na Juma Mussa | 18.06.2024")
    ('', 'Na Juma Mussa')
    """
    found = find_date(text)
    if found is None:
        return text
    rest = text[: found[1]] + " " + text[found[2] :]
    rest = _WEEKDAY.sub(" ", rest)
    rest = _DATE_NOISE.sub(" ", rest)
    # A post's audience icon ("· 🌍") is no word of a dateline.
    rest = "".join(c for c in rest if unicodedata.category(c) not in ("So", "Sk", "Cf", "Mn"))
    return " ".join(rest.split())


def trailing_stamp(text: str) -> tuple[str, str] | None:
    """A headline and the timestamp written after it on its line, set apart by a double
    space or a time zone (CRI); None when the line is not one. Title bars are titlebar.py's.

    >>> trailing_stamp("Reli mpya kuanza kujengwa mwakani  (GMT+03:00) 2024-06-18 18:44:17")
    ('Reli mpya kuanza kujengwa mwakani', '(GMT+03:00) 2024-06-18 18:44:17')
    >>> trailing_stamp("Mkutano utafanyika tarehe 18 Juni 2024") is None
    True
    """
    if word_count(text) > rules.STAMPED_TITLE_MAX_WORDS:
        return None
    for cut in _STAMP_CUT.finditer(text):
        head, stamp = text[: cut.start()].strip(), text[cut.end() :].strip()
        if find_date(stamp) is None or date_rest(stamp) or find_date(head) is not None:
            continue
        if word_count(head) >= 3 and head[-1] not in ".!?:;,":
            return head, stamp
    return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first calendar date written in `text`: (ISO date, start, end).

    >>> find_date("Bayern bado yashikilia usukani | Michezo | DW | 23.11.2015")[0]
    '2015-11-23'
    """
    hits = _dates(text)
    return hits[0] if hits else None


def _dates(text: str) -> list[tuple[str, int, int]]:
    """Every calendar date written in `text`, in order: (ISO date, start, end)."""
    hits: list[tuple[int, int, date]] = []
    for form, pattern in _DATES:
        for m in pattern.finditer(text):
            if form == "ymd":
                y, mo, d = int(m[1]), int(m[3]), int(m[4])
            elif form == "dmy":
                d, mo, y = int(m[1]), rules.MONTH_NUMBERS[m[2].lower()], int(m[3])
            elif form == "mdy":
                mo, d, y = rules.MONTH_NUMBERS[m[1].lower()], int(m[2]), int(m[3])
            else:
                d, mo, y = int(m[1]), int(m[3]), int(m[4])
            try:
                hits.append((m.start(), m.end(), date(y, mo, d)))
            except ValueError:
                continue
    return [(day.isoformat(), start, end) for start, end, day in sorted(hits)]


def opening_dateline(text: str) -> str | None:
    """The date of a dateline a paragraph opens with: "DODOMA, 18 Juni 2024 — Bunge …".

    >>> opening_dateline("DAR ES SALAAM, Jumanne, 18 Juni 2024 (Xinhua) - Bunge limekutana.")
    '2024-06-18'
    >>> opening_dateline("Bunge, tarehe 18 Juni 2024 - limekutana.") is None
    True
    """
    found = find_date(text[:80])
    if found is None:
        return None
    day, start, end = found
    if _DATELINE_HEAD.fullmatch(text[:start]) and _DATELINE_TAIL.match(text, end):
        return day
    return None


def stamped_date(text: str) -> tuple[str, bool] | None:
    """A timestamp line's date, and whether it is when the story was updated.

    Where a line gives both, the published date wins over the updated one.

    >>> stamped_date("Imesasishwa: 19 Juni 2024 | Imechapishwa: 18 Juni 2024")
    ('2024-06-18', False)
    """
    found = [(day, _updated_at(text, start)) for day, start, _ in _dates(text)]
    return min(found, key=lambda hit: hit[1]) if found else None


def _updated_at(text: str, at: int) -> bool:
    """Whether the word nearest before position `at` says "updated" rather than "published"."""
    marks = [(m.end(), False) for m in _PUBLISHED.finditer(text, 0, at)]
    marks += [(m.end(), True) for m in _UPDATED.finditer(text, 0, at)]
    return max(marks)[1] if marks else False


def first_date(lines: list[Line], stamped: bool = False) -> str | None:
    """A date on its own line elsewhere (DW puts it after the story), or else a timestamp's.

    Among timestamps, a published date wins over an updated one wherever it stands.
    """
    stamps: list[tuple[str, bool]] = []
    for line in lines:
        if not stamped and line.date and line.role is None and line.reason is None:
            line.role = "date"
            return line.date
        if stamped and line.reason == rules.TIMESTAMP and (found := stamped_date(line.text)):
            stamps.append(found)
    return min(stamps, key=lambda stamp: stamp[1])[0] if stamps else None


def labelled_date(header: list[Line]) -> str | None:
    """A date in a short label under the title ("2020-03-12 18:44:17 | Chanzo: CRI").

    A last resort: such a line says more than its date, so it was not taken as a dateline.
    """
    title_at = next((i for i, line in enumerate(header) if line.role == "title"), len(header))
    for line in header[title_at + 1 :]:
        if (
            line.reason in (rules.LABEL, rules.NAVIGATION)
            and word_count(line.text) <= rules.DATE_LABEL_MAX_WORDS
            and (found := find_date(line.text))
        ):
            line.reason = rules.TIMESTAMP
            return found[0]
    return None


def settle_date(found: str | None, given: date | None, today: date | None) -> tuple[str, bool]:
    """The article's date and whether it is assumed: `given` (--date), the page's, or today's.

    >>> settle_date(None, None, date(2026, 12, 4)), settle_date("2024-06-18", None, None)
    (('2026-12-04', True), ('2024-06-18', False))
    """
    if given is not None:
        return given.isoformat(), False
    if found is not None:
        return found, False
    return (today or datetime.now(EAST_AFRICA).date()).isoformat(), True


def assumed_note(day: str) -> str:
    """What the producer is asked to check when the page stated no date."""
    return (
        f"no date on the page; date set to {day} (today): correct it if needed and delete "
        "date_assumed"
    )
