"""Metadata values as CMSes and page metadata give them: text, bylines, categories, URLs, dates."""

from __future__ import annotations

import email.utils
import html
import re
from datetime import datetime
from typing import Any

from ..article import EAST_AFRICA
from .dates import find_date
from .markup import html_lines
from .names import BYLINE, strip_agencies


def http_url(url: str | None) -> str | None:
    return url.strip() if url and url.strip().startswith(("http://", "https://")) else None


def plain_text(value: Any) -> str | None:
    """Text of a metadata value: tags and entities removed, whitespace collapsed."""
    if isinstance(value, dict):
        value = next(
            (value[k] for k in ("rendered", "name", "title", "text", "value", "label", "@id")
             if isinstance(value.get(k), str)),
            None,
        )  # fmt: skip
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = " ".join(line.text for line in html_lines(value))
    value = " ".join(html.unescape(value).split())
    return value or None


def author_value(value: Any) -> str | None:
    """One byline from an author value: "A", ["A", "B"] → "A na B", "A; B" → "A na B"."""
    if isinstance(value, str):
        value = [v for v in re.split(r"\s*;\s*", value) if v]
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        text = plain_text(item)
        if text:
            match = BYLINE.fullmatch(text)
            names.append(strip_agencies(match.group(1) if match else text)[0])
    names = [n for n in dict.fromkeys(names) if n]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " na " + names[-1]


def category_values(value: Any) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"\s*[;,|]\s*", value)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    flat: list[Any] = []
    for item in value:
        flat.extend(item if isinstance(item, list) else [item])
    names = []
    for item in flat:
        if isinstance(item, dict) and item.get("taxonomy") not in (None, "category"):
            continue  # WordPress terms: tags sit next to categories
        text = plain_text(item)
        if text and text not in names:
            names.append(text)
    return names


def date_value(value: Any) -> str | None:
    """An ISO date (and time, when the source gives one) from a metadata value."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # JavaScript timestamps are in ms
        try:
            return datetime.fromtimestamp(seconds, EAST_AFRICA).isoformat(timespec="seconds")
        except (ValueError, OverflowError, OSError):  # NaN, or a year past 9999: no date
            return None
    text = plain_text(value)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return parsed.date().isoformat() if len(text) == 10 else parsed.isoformat()
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(text)
    return found[0] if found else None
