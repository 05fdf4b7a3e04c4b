"""Input bytes to text, the kind of input sniffed from it, and plain text cut into lines."""

from __future__ import annotations

import codecs
import json
import logging
import re

from ..errors import ArticleError
from .model import Line

log = logging.getLogger(__name__)

KINDS = ("auto", "text", "html", "json")


def decode(source: str | bytes, origin: str) -> str:
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    raw = source.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _clearly_cp1252(raw):
            log.warning("%s: not UTF-8; read as Windows-1252 (Latin-1) text", origin)
            return raw.decode("cp1252")
        raise ArticleError(
            f"{origin}: not UTF-8 text (byte {exc.start}) and not clearly Windows-1252 or "
            "Latin-1 either; is it a text, HTML or JSON file? Save the page as UTF-8"
        ) from None


def _clearly_cp1252(raw: bytes) -> bool:
    """Western text misses a few accented letters and curly quotes; binary data does not."""
    if any((b < 32 and b not in (9, 10, 12, 13)) or b == 127 for b in raw):
        return False
    high = sum(b >= 128 for b in raw)
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return high <= len(raw) * 0.1


def sniff(text: str, origin: str) -> str:
    head = text.lstrip()
    if head[:1] in ("{", "["):
        try:
            json.loads(head)
            return "json"
        except json.JSONDecodeError as exc:
            if head.startswith("{"):
                raise ArticleError(
                    f"{origin}: looks like JSON but is not valid (line {exc.lineno}: {exc.msg})"
                ) from None
        except (ValueError, RecursionError) as exc:  # 5,000-digit numbers, arrays 3,000 deep
            raise ArticleError(f"{origin}: {json_trouble(exc)}") from None
    if re.search(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1)\b", head[:4096], re.I):
        return "html"
    return "text"


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    gap = True
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        lines.append(Line(stripped, gap=gap))
        gap = False
    return lines


def json_trouble(exc: ValueError | RecursionError) -> str:
    if isinstance(exc, RecursionError):
        return "the JSON is nested too deeply to be an article"
    return f"the JSON holds a value Python cannot read ({str(exc).split(':')[0]})"
