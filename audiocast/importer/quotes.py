"""Quotations: a paragraph that is wholly a quote, its attribution and its speaker."""

from __future__ import annotations

import re

from ..chunking import sentences
from . import rules
from .model import word_count
from .names import not_a_name

QUOTE_PAIRS = {
    "\u201c": "\u201d\u201c",  # “…” and German-style closing “ after „ is listed below
    '"': '"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "'": "'",
    "\u2018": "\u2019",
    "\u201e": "\u201c\u201d",  # „…“ and „…”
    "\u201d": "\u201d",
}

_SPEECH = re.compile("|".join(rules.SPEECH_STEMS), re.IGNORECASE)


def whole_quote(text: str) -> str | None:
    """The words inside quotation marks, if the quotation is the whole paragraph.

    >>> whole_quote("\u201c Tutaendelea kupambana na rushwa. \u201d")
    'Tutaendelea kupambana na rushwa.'
    >>> whole_quote('"Ndiyo," alisema. "Basi."') is None
    True
    """
    closers = QUOTE_PAIRS.get(text[:1])
    if closers is None:
        return None
    body = text.rstrip(".").rstrip() if text.rstrip(".")[-1:] in closers else text
    if len(body) < 3 or body[-1] not in closers:
        return None
    inner = body[1:-1]
    if text[0] in "'\u2018":
        inner_marks = re.sub(r"(?<=\w)['\u2019](?=\w)", "", inner)  # ng'ombe is not a quote end
        if any(c in inner_marks for c in closers):
            return None
    elif any(c in inner for c in closers):
        return None
    inner = inner.strip()
    return inner if word_count(inner) >= 1 else None


def quote_block(text: str, blocks: list[dict[str, str]]) -> dict[str, str]:
    """A quote, taking its attribution from the end of the paragraph before it."""
    block = {"quote": text}
    previous = blocks[-1].get("paragraph") if blocks else None
    if previous:
        last = sentences(previous)[-1]
        if _introduces_quote(last):
            block["speaker"] = _speaker(last) or ""
            block["attribution"] = last
            rest = previous[: len(previous) - len(last)].rstrip()
            if rest:
                blocks[-1]["paragraph"] = rest
            else:
                blocks.pop()
    if not block.get("speaker"):
        block.pop("speaker", None)
    return block


def _introduces_quote(sentence: str) -> bool:
    if sentence.rstrip().endswith(":"):
        return True
    name = _speaker(sentence)
    if not name:
        return False
    ends_with_name = re.search(re.escape(name) + r"[.!]?\s*$", sentence) is not None
    return ends_with_name or bool(_SPEECH.search(sentence))


def _speaker(sentence: str) -> str | None:
    """The person a sentence names: the last run of two or more capitalised name words.

    >>> _speaker("Wasiwasi huo umegusiwa na katibu mkuu wa NATO Jens Stoltenberg.")
    'Jens Stoltenberg'
    >>> _speaker("Akizungumza jana, Waziri Mkuu Kassim Majaliwa alisema:")
    'Kassim Majaliwa'
    """
    runs: list[list[str]] = [[]]
    starts: list[str] = [""]  # the word before each run
    speaking = -1  # the run just before a speech verb ("Amina Diallo aliwaambia")
    previous = ""
    for token in sentence.split():
        word = token.strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]:;,.!?")
        named = word[:1].isupper() and not not_a_name(word)
        if named:
            if not runs[-1]:
                starts[-1] = previous
            runs[-1].append(word)
        elif _SPEECH.search(word) and speaking < 0 and runs[-1]:
            speaking = len(runs) - 1
        if not named or token[-1:] in ",;:.!?)":
            runs.append([])  # a lower-case word, a title, an office or a comma ends a name
            starts.append("")
        previous = word.casefold()
    names: list[tuple[int, list[str]]] = []
    for i, (run, before) in enumerate(zip(runs, starts, strict=True)):
        if before in rules.LOCATIVES:
            continue  # "mjini Addis Ababa" is a place
        # "wilaya ya Pangani Salum Mbwana", "wa Twiga Stars Bakari Shime": after "ya" or "wa"
        # come the place or team the title belongs to, then the name.
        run = run[-2:] if before in rules.CONNECTORS else run
        if len(run) >= 2:
            names.append((i, run))
    if not names:
        return None
    chosen = next((run for i, run in names if i == speaking), names[-1][1])
    return " ".join(chosen[-rules.NAME_MAX_WORDS :])
