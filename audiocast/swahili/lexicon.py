"""The producer's lexicon: respellings for what engines say wrong."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..inputs import read_input
from .patterns import capitalised

LEXICON_MAX_BYTES = 10_000_000  # tens of thousands of respellings; more is the wrong file

log = logging.getLogger(__name__)


class Lexicon:
    """Producer respellings (word → respelling) for what engines say wrong.

    Entries match whole words only, never inside a longer word, ignoring case
    ("Stoltenberg" also matches "STOLTENBERG"); the respelling's first letter takes the case
    of the word as written. Longer entries win, so "Rodong Sinmun" beats "Rodong".

    >>> lexicon = Lexicon({"Stoltenberg": "Stoltenbeg", "Rodong Sinmun": "Rodong Sinmuni"})
    >>> lexicon.apply("STOLTENBERG alisema kwa Rodong Sinmun.")
    'Stoltenbeg alisema kwa Rodong Sinmuni.'
    """

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        self._entries = _checked_entries(dict(entries or {}), "lexicon")
        self._by_key = {key.lower(): spoken for key, spoken in self._entries.items()}
        keys = sorted(self._entries, key=len, reverse=True)
        pattern = "|".join(_word_pattern(key).pattern for key in keys)
        self._pattern = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)

    @property
    def entries(self) -> dict[str, str]:
        """A copy of the entries, word → respelling."""
        return dict(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Lexicon({len(self)} entries)"

    def respelling(self, written: str) -> str:
        """The respelling for a word as written, its first letter in the written case."""
        spoken = self._by_key.get(" ".join(written.split()).lower())
        if spoken is None:  # a letter whose lower() and the regex's case folding disagree
            spoken = next(
                (v for k, v in self._entries.items() if _word_pattern(k).fullmatch(written)),
                written,
            )
        return capitalised(written, spoken)

    def apply(self, text: str) -> str:
        """`text` with every entry respelled."""
        return self._replace(text, lambda _written, spoken: spoken)

    def _replace(self, text: str, wrap: Callable[[str, str], str]) -> str:
        """`text` with each entry's match replaced by `wrap(written, respelling)`."""
        if not self._entries:
            return text
        return self._pattern.sub(lambda m: wrap(m[0], self.respelling(m[0])), text)


# A respelling handed on with the word as written, for engines that take SSML and send
# <sub alias="respelling">written</sub> (engines/microsoft.py). Unicode noncharacters, which
# text that is exchanged never holds, delimit it; normalize() drops any it is given.
SUB_OPEN, SUB_ALIAS, SUB_CLOSE = "\ufdd0", "\ufdd1", "\ufdd2"
SUB_CHARS = re.compile(f"[{SUB_OPEN}{SUB_ALIAS}{SUB_CLOSE}]")
_UNMARKED = f"([^{SUB_OPEN}-{SUB_CLOSE}]*)"
_SUB = re.compile(f"{SUB_OPEN}{_UNMARKED}{SUB_ALIAS}{_UNMARKED}{SUB_CLOSE}")


def mark_sub(written: str, spoken: str) -> str:
    """A respelling marked with the word as written (see `sub_parts`)."""
    return f"{SUB_OPEN}{written}{SUB_ALIAS}{spoken}{SUB_CLOSE}"


def unmarked(text: str) -> str:
    """What is said: each marked respelling without its written word.

    >>> unmarked(f"Katibu {mark_sub('Stoltenberg', 'Stoltenbeg')} alisema.")
    'Katibu Stoltenbeg alisema.'
    """
    return _SUB.sub(lambda m: m[2], text)


def sub_parts(text: str) -> list[tuple[str, str | None]]:
    """Plain text as (text, None) and each marked respelling as (written, respelling).

    >>> sub_parts(f"Katibu {mark_sub('Stoltenberg', 'Stoltenbeg')}.")
    [('Katibu ', None), ('Stoltenberg', 'Stoltenbeg'), ('.', None)]
    """
    parts: list[tuple[str, str | None]] = []
    at = 0
    for match in _SUB.finditer(text):
        if match.start() > at:
            parts.append((text[at : match.start()], None))
        parts.append((match[1], match[2]))
        at = match.end()
    if at < len(text) or not parts:
        parts.append((text[at:], None))
    return parts


def _word_pattern(word: str) -> re.Pattern[str]:
    """An entry as a case-insensitive pattern, any run of spaces between its words."""
    return re.compile(r"\s+".join(map(re.escape, word.split())), re.IGNORECASE)


def _checked_entries(data: Mapping[Any, object], origin: str) -> dict[str, str]:
    """Entries with clean keys, or a ConfigError naming `origin` and the bad entry."""
    entries: dict[str, str] = {}
    seen: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise ConfigError(
                f"{origin}: entry {key!r}: the word must be text; quote it in the YAML "
                "(numbers, yes/no, on/off and null are read as other types)"
            )
        word = " ".join(key.split())
        if not word:
            raise ConfigError(f"{origin}: entry {key!r}: the word is empty")
        if not isinstance(value, str):
            kind = "nothing" if value is None else f"a {type(value).__name__}"
            raise ConfigError(
                f"{origin}: entry {key!r}: expected the respelling as text, got {kind}"
            )
        if not value.strip():
            raise ConfigError(f"{origin}: entry {key!r}: the respelling is empty")
        if word.lower() in seen:
            raise ConfigError(
                f"{origin}: entries {seen[word.lower()]!r} and {key!r} differ only in case; "
                "keep one (matching ignores case)"
            )
        seen[word.lower()] = key
        entries[word] = " ".join(value.split())
    return entries


def load_lexicon(path: Path) -> Lexicon:
    """The producer's lexicon.yaml (word: respelling); an empty lexicon if there is none.

    >>> load_lexicon(Path("does-not-exist.yaml"))
    Lexicon(0 entries)
    """
    try:
        data = read_input(path, LEXICON_MAX_BYTES, ConfigError)
        if len(data) > LEXICON_MAX_BYTES:
            raise ConfigError(
                f"{path}: over {LEXICON_MAX_BYTES // 1_000_000} MB, too large for a lexicon; "
                "is it the right file?"
            )
        raw = data.decode("utf-8")
    except FileNotFoundError:
        return Lexicon()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the lexicon: {err}") from err
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "malformed"
        raise ConfigError(f"{path}:{where}: not valid YAML ({problem})") from err
    if data is None:
        return Lexicon()
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: expected a mapping of word: respelling, got a {type(data).__name__}"
        )
    entries = _checked_entries(data, str(path))
    log.debug("lexicon %s: %d entries", path, len(entries))
    return Lexicon(entries)
