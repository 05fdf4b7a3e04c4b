"""The structured article (article.yaml / .json): model, loader and strict validation."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from .config import LimitSettings
from .errors import ArticleError
from .inputs import read_input
from .swahili.sentences import sentences

EAST_AFRICA = timezone(timedelta(hours=3), "EAT")
SLUG_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80
_SLUG_WORDS = 4
MAX_ARTICLE_BYTES = LimitSettings().article_bytes  # the show's [limits] article_bytes
# Text that lost its full stops is spoken in pieces (chunking.SPOKEN_CHARS), so a long run-on
# paragraph builds; a run of this length (some 3,000 words, a whole long story) is no
# paragraph at all but a file gone wrong.
MAX_SENTENCE_CHARS = 20_000
EARLIEST_YEAR = 1900
MAX_DAYS_AHEAD = 366  # an episode may be dated for publication up to a year ahead
# C0 and C1 controls: they break XML and TTS. C1 ones appear when a Windows-1252 page's
# curly quotes are misread as Latin-1. U+FFFE and U+FFFF are not characters at all (a
# byte-order mark read backwards) and XML cannot carry them either.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Half of a UTF-16 pair, e.g. an emoji a CMS cut in two: no encoder can write it out.
_SURROGATE = re.compile(r"[\ud800-\udfff]")

_TOP_FIELDS = {
    "title",
    "slug",
    "date",
    "date_assumed",
    "author",
    "source",
    "categories",
    "language",
    "summary",
    "summary_quotes",
    "body",
}
_BLOCK_KEYS = {
    "paragraph": {"quotes"},
    "heading": set(),
    "quote": {"speaker", "attribution"},
}


@dataclass(frozen=True)
class InlineQuote:
    """Direct speech inside a paragraph: its words as written inside the marks, and who said
    them; the quote voice reads them."""

    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    quotes: tuple[InlineQuote, ...] = ()  # in the order they occur in the text


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
    # The page stated no date: the importer used --date or today's; a producer confirms it by
    # deleting date_assumed from the article.
    date_assumed: bool = False
    summary_quotes: tuple[InlineQuote, ...] = ()  # direct speech inside the lead


def load_article(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read and validate an article file (.yaml, .yml or .json) of at most `max_bytes`."""
    try:
        size = path.stat().st_size
        if size <= max_bytes:
            # The read is bounded too: the size can change, and a link to a device says 0.
            raw = read_input(path, max_bytes, ArticleError)
            size = max(size, len(raw))
        if size > max_bytes:
            # Checked before reading: a wrong file (a video, an archive) is refused at once.
            raise ArticleError(
                f"{path}: {_size(size)} is too large for an article (at most {_size(max_bytes)}, "
                "[limits] article_bytes in audiocast.toml); is it the right file?"
            )
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder; give the article.yaml inside it") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    try:
        data = (
            _parse_json(text, path) if path.suffix.lower() == ".json" else _parse_yaml(text, path)
        )
    except RecursionError:
        raise ArticleError(
            f"{path}: lists or mappings nested too deeply to be an article; check the file"
        ) from None
    return parse_article(data, str(path))


def _parse_json(text: str, path: Path) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:  # a number of thousands of digits
        raise ArticleError(f"{path}: a value cannot be read ({_reason(exc)})") from None


def _parse_yaml(text: str, path: Path) -> object:
    try:
        return yaml.load(text, Loader=_ArticleLoader)  # a SafeLoader without aliases
    except yaml.reader.ReaderError as exc:
        raise ArticleError(
            f"{path}: character U+{exc.character:04X} at position {exc.position} is not allowed "
            "in YAML; delete it (it is invisible in most editors)"
            if isinstance(exc.character, int)
            else f"{path}: not readable as YAML text ({exc.reason})"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        ended = str(getattr(exc, "problem", ""))
        if getattr(exc, "context_mark", None) is not None and (
            "end of stream" in ended or "<stream end>" in ended
        ):
            # A quote or bracket never closed: the file ends looking for it, so the place
            # to look is where it was opened.
            mark = exc.context_mark  # type: ignore[attr-defined]
            opened = next((what for key, what in _OPENED.items() if key in str(exc)), "what")
            raise ArticleError(
                f"{path}: not valid YAML (line {mark.line + 1}): {opened} opened on that line "
                "is never closed; close it"
            ) from None
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        if problem == _NO_ALIASES:
            raise ArticleError(f"{path}{where}: {_NO_ALIASES}") from None
        raise ArticleError(
            f"{path}: not valid YAML{where}; check quoting and indentation"
        ) from None
    except ValueError as exc:  # PyYAML builds dates and numbers itself: 2024-13-45 fails here
        raise ArticleError(
            f"{path}: a value is not a real date or number ({_reason(exc)})"
        ) from None


_OPENED = {"quoted scalar": "the quotation mark", "flow sequence": "the [",
           "flow mapping": "the {"}  # fmt: skip
_NO_ALIASES = "YAML aliases (*name) are not allowed in an article; write the text out in full"


class _ArticleLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases.

    An article never needs them, and nested aliases ("billion laughs") make a few hundred
    bytes stand for billions of values that any later walk over the data would expand.
    """

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date YAML reads as one (2024-02-30), or its text when it is no real date: the
        validator then names the field and says what is wrong with it."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, _NO_ALIASES, event.start_mark)
        return super().compose_node(parent, index)


_ArticleLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _ArticleLoader.construct_yaml_timestamp
)


def _reason(exc: Exception) -> str:
    """Python's message without its advice to programmers (sys.set_int_max_str_digits…)."""
    return str(exc).split(":")[0].strip()


def _size(count: int) -> str:
    """
    >>> _size(52_428_800), _size(1_000_000), _size(900)
    ('52.4 MB', '1.0 MB', '900 bytes')
    """
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count} bytes"


def _brief(value: object, limit: int = 60) -> str:
    """A value as an error message shows it: short, on one line.

    >>> len(_brief("x" * 100)), _brief([1, 2])
    (61, 'list')
    """
    if not isinstance(value, str):
        return type(value).__name__
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}…"


_REQUIRED = ("title", "author", "date", "summary", "body")


def parse_article(data: object, origin: str = "<article>") -> Article:
    """Validate already-parsed article data; `origin` names the file in error messages."""
    v = _Validator(origin)
    if not isinstance(data, dict):
        raise v.error("", "a mapping with title, date, author, summary and body")
    unknown = sorted(set(map(str, data)) - _TOP_FIELDS)
    if unknown:
        known = ", ".join(sorted(_TOP_FIELDS))
        raise ArticleError(
            f"{origin}: field {_brief(unknown[0])} is not an article field; expected one of {known}"
        )
    missing = [name for name in _REQUIRED if data.get(name) is None]
    if len(missing) > 1:  # all at once: a producer fixes them in one go, not one per run
        raise ArticleError(f"{origin}: fields {', '.join(missing)} are missing; add them")
    title = v.text(data, "title")
    author = v.text(data, "author")
    summary = v.text(data, "summary")
    summary_quotes = v.quotes(data.get("summary_quotes"), summary, "summary_quotes", "summary")
    when = v.date(data, "date")
    date_assumed = v.flag(data, "date_assumed")
    language = v.text(data, "language", default="sw")
    if language != "sw" and not language.startswith("sw-"):
        raise v.error("language", f"a Swahili language code such as sw (got {_brief(language)})")
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
        summary_quotes=summary_quotes,
        body=body,
        categories=categories,
        language=language,
        source=source,
        date_assumed=date_assumed,
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
        where = f"{self.origin}: field '{field_name}'" if field_name else self.origin
        return ArticleError(f"{where}: expected {expected}")

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
        if isinstance(value, float) and not math.isfinite(value):
            # YAML .nan/.inf and JSON NaN/Infinity are numbers, and would be read out as "nan".
            raise self.error(
                name,
                f"text, not {value} (YAML reads .nan and .inf, JSON NaN and Infinity, as "
                "numbers); put the text in quotes",
            )
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.error(name, f"text, not {type(value).__name__}")
        surrogate = _SURROGATE.search(value)
        if surrogate:
            raise self.error(
                name,
                f"Unicode text; position {surrogate.start()} holds half a character "
                f"(lone surrogate U+{ord(surrogate[0]):04X}), as when an emoji is cut in two: "
                "fix the text where it came from",
            )
        cleaned = clean_text(value)
        if not cleaned:
            raise self.error(name, "non-empty text")
        if not any(unicodedata.category(char)[0] in "LNPS" for char in cleaned):
            # Zero-width spaces and joiners alone: nothing to read, nothing to show.
            raise self.error(
                name,
                "text that can be read; it holds only invisible characters "
                f"(such as U+{ord(cleaned[0]):04X}); write the text or delete the field",
            )
        longest = max(map(len, sentences(cleaned)), default=0)
        if longest > MAX_SENTENCE_CHARS:
            raise self.error(
                name,
                f"sentences of at most {MAX_SENTENCE_CHARS} characters; one runs {longest} "
                "characters without a full stop (has the text lost its punctuation?)",
            )
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
            except ValueError as exc:
                # "day is out of range for month" says why a date that looks right is not.
                why = "" if "isoformat" in str(exc) else f" ({_reason(exc)})"
                raise self.error(key, f"{expected}, not {_brief(value)}{why}") from None
        else:
            raise self.error(key, f"{expected}, not {type(value).__name__}")
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=EAST_AFRICA)
        latest = datetime.now(EAST_AFRICA) + timedelta(days=MAX_DAYS_AHEAD)
        if parsed.year < EARLIEST_YEAR or parsed > latest:
            # Feeds sort and date by it; year 9999 or 0001 is a typo, and overflows in UTC.
            raise self.error(
                key,
                f"a publication date from {EARLIEST_YEAR} to a year from today "
                f"({latest.date().isoformat()}), not {parsed.date().isoformat()}",
            )
        return parsed

    def flag(self, data: dict[str, Any], key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, f"true or false, not {_brief(value)}")
        return value

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
            raise self.error("source.url", f"an http(s) address, not {_brief(url)}")
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
            return Paragraph(text, self.quotes(item.get("quotes"), text, f"{where}.quotes"))
        if kind == "heading":
            return Heading(text)
        return Quote(
            text=text,
            speaker=self.optional_text(item, "speaker", f"{where}.speaker"),
            attribution=self.optional_text(item, "attribution", f"{where}.attribution"),
        )

    def quotes(
        self, value: object, paragraph: str, where: str, within: str = "paragraph"
    ) -> tuple[InlineQuote, ...]:
        """Direct speech listed under `where`, each found in order in `paragraph`."""
        if value is None:
            return ()
        example = "a list of quotes such as '- text: …' with an optional 'speaker: …'"
        if not isinstance(value, list):
            raise self.error(where, example)
        spoken = clean_text(paragraph)
        at = 0  # each quote is looked for after the one before: in order, not overlapping
        quotes = []
        for i, entry in enumerate(value):
            name = f"{where}[{i}]"
            if not isinstance(entry, dict):
                raise self.error(name, example)
            extra = set(map(str, entry)) - {"text", "speaker"}
            if extra:
                raise self.error(name, f"text and speaker only; unexpected {sorted(extra)[0]}")
            text = self.text(entry, "text", where=f"{name}.text")
            found = spoken.find(clean_text(text), at)
            if found < 0:
                later = "" if spoken.find(clean_text(text)) < 0 else " after the quote before it"
                raise ArticleError(
                    f"{self.origin}: field '{name}.text': {_brief(text)} was not found in the "
                    f"{within}{later}; copy the words exactly as the {within} has them, or "
                    "delete the entry to leave them to the narrator"
                )
            at = found + len(clean_text(text))
            speaker = self.optional_text(entry, "speaker", f"{name}.speaker")
            quotes.append(InlineQuote(text, speaker))
        return tuple(quotes)

    def slug(self, data: dict[str, Any], when: datetime, title: str) -> str:
        value = data.get("slug")
        if value is None:
            return make_slug(when.date(), title)
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value) or len(value) > SLUG_MAX:
            raise self.error(
                "slug",
                "YYYY-MM-DD-words in lowercase ASCII letters, digits and hyphens "
                f"(at most {SLUG_MAX} characters), not {_brief(value)}",
            )
        return value
