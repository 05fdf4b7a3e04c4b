"""The structured article (article.yaml / .json): model, loader and strict validation."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from .errors import ArticleError

EAST_AFRICA = timezone(timedelta(hours=3), "EAT")
SLUG_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80
_SLUG_WORDS = 4
# C0 and C1 controls: they break XML and TTS. C1 ones appear when a Windows-1252 page's
# curly quotes are misread as Latin-1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_TOP_FIELDS = {
    "title",
    "slug",
    "date",
    "author",
    "source",
    "categories",
    "language",
    "summary",
    "body",
}
_BLOCK_KEYS = {
    "paragraph": set(),
    "heading": set(),
    "quote": {"speaker", "attribution"},
}


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None
    attribution: str | None = None  # spoken by the narrator before the quote


Block = Paragraph | Heading | Quote


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Article:
    title: str
    slug: str
    date: datetime
    author: str
    summary: str
    body: tuple[Block, ...]
    categories: tuple[str, ...] = ()
    language: str = "sw"
    source: Source | None = None


def load_article(path: Path) -> Article:
    """Read and validate an article file (.yaml, .yml or .json)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder; give the article.yaml inside it") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ArticleError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            raise ArticleError(
                f"{path}: not valid YAML{where}; check quoting and indentation"
            ) from None
        except ValueError as exc:  # PyYAML builds dates itself: 2024-13-45 fails here
            raise ArticleError(f"{path}: a value is not a real date ({exc})") from None
    return parse_article(data, str(path))


def parse_article(data: object, origin: str = "<article>") -> Article:
    """Validate already-parsed article data; `origin` names the file in error messages."""
    v = _Validator(origin)
    if not isinstance(data, dict):
        raise v.error("", "a mapping with title, date, author, summary and body")
    unknown = sorted(set(map(str, data)) - _TOP_FIELDS)
    if unknown:
        known = ", ".join(sorted(_TOP_FIELDS))
        raise v.error(unknown[0], f"no such field; expected one of {known}")
    title = v.text(data, "title")
    author = v.text(data, "author")
    summary = v.text(data, "summary")
    when = v.date(data, "date")
    language = v.text(data, "language", default="sw")
    if language != "sw" and not language.startswith("sw-"):
        raise v.error("language", f"a Swahili language code such as sw (got {language!r})")
    categories = v.text_list(data, "categories")
    source = v.source(data)
    body = v.body(data)
    slug = v.slug(data, when, title)
    return Article(
        title=title,
        slug=slug,
        date=when,
        author=author,
        summary=summary,
        body=body,
        categories=categories,
        language=language,
        source=source,
    )


def make_slug(day: date, title: str) -> str:
    """An ASCII slug: the date and the first words of the title.

    >>> make_slug(date(2024, 6, 18), "Putin kusaini mikataba ya ushirikiano mjini Pyongyang")
    '2024-06-18-putin-kusaini-mikataba-ya'
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())[:_SLUG_WORDS] or ["habari"]
    return f"{day.isoformat()}-{'-'.join(words)}"[:SLUG_MAX].rstrip("-")


def clean_text(value: str) -> str:
    """Drop control characters (they break XML and TTS) and collapse runs of spaces."""
    return re.sub(r"\s+", " ", _CONTROL.sub("", value)).strip()


class _Validator:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def error(self, field_name: str, expected: str) -> ArticleError:
        where = f" field '{field_name}'" if field_name else ""
        return ArticleError(f"{self.origin}:{where}: expected {expected}")

    def text(
        self,
        data: dict[str, Any],
        key: str,
        *,
        default: str | None = None,
        where: str | None = None,
    ) -> str:
        name = where or key
        value = data.get(key, default)
        if value is None:
            raise self.error(name, "a text value; it is missing")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.error(name, f"text, not {type(value).__name__}")
        cleaned = clean_text(value)
        if not cleaned:
            raise self.error(name, "non-empty text")
        return _CONTROL.sub("", value).strip()

    def optional_text(self, data: dict[str, Any], key: str, where: str) -> str | None:
        if data.get(key) is None:
            return None
        return self.text(data, key, where=where)

    def text_list(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.error(key, "a list of words, e.g. [Siasa, Asia]")
        return tuple(self.text({key: v}, key, where=f"{key}[{i}]") for i, v in enumerate(value))

    def date(self, data: dict[str, Any], key: str) -> datetime:
        value = data.get(key)
        expected = "an ISO date such as 2024-06-18 (time and zone optional)"
        if value is None:
            raise self.error(key, f"{expected}; it is missing")
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, date):
            parsed = datetime.combine(value, time(0, 0))
        elif isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                raise self.error(key, f"{expected}, not {value!r}") from None
        else:
            raise self.error(key, f"{expected}, not {type(value).__name__}")
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=EAST_AFRICA)
        return parsed

    def source(self, data: dict[str, Any]) -> Source | None:
        value = data.get("source")
        if value is None:
            return None
        if isinstance(value, str):
            return Source(name=self.text(data, "source"))
        if not isinstance(value, dict):
            raise self.error("source", "a mapping such as {name: DW Kiswahili, url: https://…}")
        url = self.optional_text(value, "url", "source.url")
        if url is not None and not url.startswith(("http://", "https://")):
            raise self.error("source.url", f"an http(s) address, not {url!r}")
        return Source(name=self.text(value, "name", where="source.name"), url=url)

    def body(self, data: dict[str, Any]) -> tuple[Block, ...]:
        value = data.get("body")
        if not isinstance(value, list) or not value:
            raise self.error("body", "a non-empty list of blocks (paragraph, heading, quote)")
        blocks = tuple(self.block(item, f"body[{i}]") for i, item in enumerate(value))
        if not any(isinstance(b, Paragraph) for b in blocks):
            raise self.error("body", "at least one paragraph")
        return blocks

    def block(self, item: object, where: str) -> Block:
        kinds = ", ".join(_BLOCK_KEYS)
        if not isinstance(item, dict):
            raise self.error(where, f"a block such as '- paragraph: …' ({kinds})")
        kind = next((k for k in item if k in _BLOCK_KEYS), None)
        if kind is None:
            found = ", ".join(map(str, item)) or "nothing"
            raise self.error(where, f"one of the block types {kinds}; found {found}")
        extra = set(map(str, item)) - {kind} - _BLOCK_KEYS[kind]
        if extra:
            allowed = ", ".join(sorted(_BLOCK_KEYS[kind])) or "no other keys"
            raise self.error(where, f"a {kind} block with {allowed}; unexpected {sorted(extra)[0]}")
        text = self.text(item, kind, where=f"{where}.{kind}")
        if kind == "paragraph":
            return Paragraph(text)
        if kind == "heading":
            return Heading(text)
        return Quote(
            text=text,
            speaker=self.optional_text(item, "speaker", f"{where}.speaker"),
            attribution=self.optional_text(item, "attribution", f"{where}.attribution"),
        )

    def slug(self, data: dict[str, Any], when: datetime, title: str) -> str:
        value = data.get("slug")
        if value is None:
            return make_slug(when.date(), title)
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value) or len(value) > SLUG_MAX:
            raise self.error(
                "slug",
                "YYYY-MM-DD-words in lowercase ASCII letters, digits and hyphens "
                f"(at most {SLUG_MAX} characters), not {value!r}",
            )
        return value
