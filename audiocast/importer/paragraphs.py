"""A whole story on one line (a dataset dump, a scrape that lost its breaks) cut into paragraphs.

The cuts fall only at boundaries the text already has: a double space (the page's own
paragraph break), a sentence end, and in text that lost its full stops the capitalised word
that starts a sentence. Each paragraph is an exact piece of the line; nothing is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from ..swahili.sentences import CLAUSE_OPENERS, abbreviation_stop
from . import rules
from .model import CLOSERS, Line, word_count
from .quotes import QUOTE_PAIRS, quote_spans

_STOP = re.compile(rf"[.!?\u2026][{re.escape(CLOSERS)}]*([\s\u00a0]+)(?=[^\s\u00a0])")

_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")

_WORD = re.compile(r"\S+")

_OPENER = re.compile(rf"(?:{'|'.join(rules.PARAGRAPH_OPENERS)})\b", re.IGNORECASE)

_LOWER_OPENER = re.compile(rf"(?:{'|'.join(rules.LOWER_CASE_OPENERS)})\b")

_CLAUSE = re.compile(rf"(?<=\s)(?:{'|'.join(CLAUSE_OPENERS[0])})\b", re.IGNORECASE)

_NOT_SENTENCE_START = frozenset(rules.MONTH_NUMBERS) | rules.WEEKDAYS

_SENTENCE_KINDS = frozenset(
    {"double", "opener", "sentence", "quotation", "capital opener", "capital"}
)


@dataclass(frozen=True)
class _Boundary:
    end: int  # where the text before it ends
    start: int  # where the text after it starts
    kind: str  # a key of rules.BOUNDARY_COSTS


def long_line_paragraphs(line: Line, *, opens: bool = False, run_on: bool = False) -> list[Line]:
    """A line of more than a few paragraphs' length as several paragraph lines; others as is.

    `opens`: the line starts the story, so its first paragraph is the lead; `run_on`: the
    line is a piece of such a long line, cut out around a link run into it.
    """
    if line.reason or not (run_on or word_count(line.text) > rules.LONG_LINE_WORDS):
        return [line]
    pieces = paragraphs(line.text, lead=opens)
    return [Line(p, line.hint, gap=line.gap if i == 0 else True) for i, p in enumerate(pieces)]


def paragraphs(text: str, *, lead: bool = False) -> list[str]:
    """Cut `text` into paragraphs of a few sentences, preferring the page's own breaks.

    With `lead`, the first paragraph is the story's opening sentence, as news leads are,
    unless the page's own breaks say otherwise.

    >>> rain = "Mvua kubwa imenyesha usiku kucha katika vijiji vingi vya wilaya ya Kilosa. "
    >>> story = (rain * 3 + "Aidha wakazi wamehama. " + rain * 3).strip()
    >>> [word_count(p) for p in paragraphs(story)], paragraphs(story)[1][:12]
    ([36, 39], 'Aidha wakazi')
    >>> [word_count(p) for p in paragraphs(story, lead=True)]
    [12, 24, 39]
    """
    quoted = _quoted_spans(text)
    bounds = _outside(_sentence_bounds(text), quoted)
    # Stretches longer than a paragraph are searched for weaker boundaries, the best first.
    for finder in (unpunctuated_bounds, _clause_bounds, _word_bounds):
        bounds.extend(
            _outside(
                [
                    b
                    for start, end in _spans(text, bounds)
                    if word_count(text[start:end]) > rules.PARAGRAPH_MAX_WORDS
                    for b in finder(text, start, end)
                ],
                quoted,
            )
        )
        bounds.sort(key=lambda b: b.end)
    spans = _spans(text, bounds)
    counts = [word_count(text[s:e]) for s, e in spans]
    kinds = [b.kind for b in bounds]
    first = _lead_end(counts, kinds) if lead and "double" not in kinds else None
    if first is None:
        cuts = _best_cuts(counts, kinds)
    else:
        rest = _best_cuts(counts[first + 1 :], kinds[first + 1 :])
        cuts = [first + 1, *(first + 1 + c for c in rest)]
    return [
        text[spans[i][0] : spans[j - 1][1]]
        for i, j in zip([0, *cuts], [*cuts, len(spans)], strict=True)
    ]


def _lead_end(counts: list[int], kinds: list[str]) -> int | None:
    """The boundary after the story's first sentence long enough to lead it, if any.

    A short first "sentence" is a dateline ("Dar es Salaam.") and stays with the lead.
    """
    words = 0
    for k, kind in enumerate(kinds):
        words += counts[k]
        if words > rules.PARAGRAPH_MAX_WORDS:
            break
        if kind in _SENTENCE_KINDS and words >= rules.LEAD_MIN_WORDS:
            return k
    return None


def first_sentence(text: str) -> str | None:
    """The opening sentence of a paragraph without full stops, where a new one starts.

    >>> first_sentence("mvua imenyesha usiku wa jana Mkuu wa wilaya amesema hakuna aliyekufa")
    'mvua imenyesha usiku wa jana'
    """
    for finder in (unpunctuated_bounds, _clause_bounds):
        for b in finder(text, 0, len(text)):
            if word_count(text[: b.end]) >= 5 and word_count(text[b.start :]) >= 5:
                return text[: b.end]
    return None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where quotations run, from opening to closing mark; a mark never closed opens none,
    and marks paired across more than a paragraph's words are more likely a stray mark.

    >>> t = 'Alisema: "Tumechoka. Tunataka haki," kisha akaondoka.'
    >>> [t[s : e + 1] for s, e in _quoted_spans(t)]
    ['"Tumechoka. Tunataka haki,"']
    """
    return [
        (q.opening, q.closing)
        for q in quote_spans(text)
        if q.closing < len(text) and word_count(text[q.start : q.end]) <= rules.PARAGRAPH_MAX_WORDS
    ]


def _outside(bounds: list[_Boundary], quoted: list[tuple[int, int]]) -> list[_Boundary]:
    """The boundaries that fall where no quotation is open: a cut never splits speech."""
    return [b for b in bounds if not any(s < b.end and b.start <= e for s, e in quoted)]


def _spans(text: str, bounds: list[_Boundary]) -> list[tuple[int, int]]:
    """The stretches of text between the boundaries."""
    starts = [0, *(b.start for b in bounds)]
    ends = [*(b.end for b in bounds), len(text)]
    return list(zip(starts, ends, strict=True))


def _sentence_bounds(text: str) -> list[_Boundary]:
    """Sentence ends (not after "Dkt." or an initial) and double spaces, with their kind."""
    found: dict[int, _Boundary] = {}
    for m in _STOP.finditer(text):
        word = (text[max(m.start() - 40, 0) : m.start()].rsplit(maxsplit=1) or [""])[-1].lower()
        if abbreviation_stop(word, text[m.end() :]):
            continue
        if text[m.end()].islower():
            continue  # "n.k. na …": a stop inside the sentence
        found[m.start(1)] = _Boundary(m.start(1), m.end(1), "sentence")
    double = {
        m.start(): _Boundary(m.start(), m.end(), "double") for m in _DOUBLE_SPACE.finditer(text)
    }
    ends = list(found.values())
    # Double spaces after every full stop are a typist's habit, not paragraph breaks.
    typed = len(ends) >= 3 and sum(b.end in double for b in ends) >= len(ends) - 1
    for at, b in double.items():
        if not typed or at not in found:
            found[at] = b
    bounds = []
    for b in found.values():
        if b.kind == "sentence" and _OPENER.match(text, b.start) and text[b.start].isupper():
            b = _Boundary(b.end, b.start, "opener")
        elif b.kind == "sentence" and text[b.start] in QUOTE_PAIRS:
            b = _Boundary(b.end, b.start, "quotation")
        bounds.append(b)
    return sorted(bounds, key=lambda b: b.end)


def unpunctuated_bounds(text: str, start: int, end: int) -> list[_Boundary]:
    """Where sentences start in a stretch without full stops: a capital after a lower case word.

    A capital after a speech verb, a place word, a title or a connector ("alisema Rais
    Samia", "mkoani Dar es Salaam", "Mkuu wa Wilaya") continues a name instead.
    """
    words = list(_WORD.finditer(text, start, end))
    bounds: list[_Boundary] = []
    for before, word, after in zip(words, words[1:], [*words[2:], None], strict=False):
        prev, this = before.group(), word.group()
        low, bare = prev.rstrip(",;:").casefold(), this.rstrip(",;:")
        number = low.replace(",", "").isdigit()  # "… milioni 450 Maabara hiyo …"
        if not (low.isalpha() or number):
            continue
        if this[0].isupper() and _OPENER.match(text, word.start()):
            if low in rules.CONNECTORS or low in rules.TITLE_WORDS:
                continue  # "Mkuu wa Pia …" is a name, however rare
            kind = "capital opener"
        elif not (prev[0].islower() or number):
            # "… ya Morogoro Mkuu wa wilaya …": a title and its "of" after a place's name
            if (
                bare.casefold() in rules.TITLE_WORDS
                and after is not None
                and after.group() in rules.CONNECTORS
                and not _joins(low)
            ):
                kind = "capital"
            else:
                continue
        elif this[0].isupper() and bare.isalpha() and bare[1:].islower():
            if _joins(low) or bare.casefold() in _NOT_SENTENCE_START:
                continue
            follows_lower = after is not None and after.group()[0].islower()
            if not (follows_lower or bare.casefold() in rules.TITLE_WORDS):
                continue  # "… kwa muda Juma Mussa …": a name starts here, not a sentence
            kind = "capital"
        elif _LOWER_OPENER.match(text, word.start()):
            kind = "lower opener"
        else:
            continue
        bounds.append(_Boundary(before.end(), word.start(), kind))
    return bounds


def _clause_bounds(text: str, start: int, end: int) -> list[_Boundary]:
    """Before a conjunction that opens a clause ("lakini", "ambapo", "kwamba"), in any case."""
    return [
        _Boundary(m.start() - 1, m.start(), "clause")
        for m in _CLAUSE.finditer(text, start, end)
        if text[m.start() - 1] == " "
    ]


def _word_bounds(text: str, start: int, end: int) -> list[_Boundary]:
    """Even cuts between words, where a stretch has no boundary of its own at all."""
    words = list(_WORD.finditer(text, start, end))
    count = -(-len(words) // rules.PARAGRAPH_TARGET_WORDS)
    step = len(words) / count
    cuts = sorted({round(step * k) for k in range(1, count)})
    return [_Boundary(words[i - 1].end(), words[i].start(), "word") for i in cuts]


def _joins(word: str) -> bool:
    """Whether a capital after `word` continues a name or title rather than starting anew."""
    return word in rules.NAME_JOINERS or any(stem in word for stem in rules.SPEECH_STEMS)


def _best_cuts(counts: list[int], kinds: list[str]) -> list[int]:
    """The units after which to cut, as the cheapest set of paragraphs (dynamic programming).

    `counts` are the words of each unit; `kinds[k]` is the boundary between units k and k+1.
    """
    total = [0, *accumulate(counts)]
    most = rules.PARAGRAPH_MAX_SENTENCES
    best: list[tuple[float, int]] = [(0.0, 0)]
    for j in range(1, len(counts) + 1):
        options = []
        sentences = doubles = 0  # boundaries inside the paragraph of units i … j-1
        for i in range(j - 1, -1, -1):
            words = total[j] - total[i]
            if i < j - 1:
                sentences += kinds[i] in _SENTENCE_KINDS
                # Past the maximum, a cut inside is always cheaper: look no further back.
                if words > rules.PARAGRAPH_MAX_WORDS or sentences > 3 * most:
                    break
                doubles += kinds[i] == "double"
            cost = best[i][0] + _paragraph_cost(words, sentences + 1, doubles)
            if i:
                cost += rules.BOUNDARY_COSTS[kinds[i - 1]]
            options.append((cost, i))
        best.append(min(options))
    cuts: list[int] = []
    j = len(counts)
    while j:
        j = best[j][1]
        if j:
            cuts.append(j)
    return cuts[::-1]


def _paragraph_cost(words: int, sentences: int, doubles: int) -> float:
    """How far a paragraph is from a few sentences of about 40 words."""
    target = rules.PARAGRAPH_TARGET_WORDS
    cost = 0.3 * ((words - target) / target) ** 2
    if words < rules.PARAGRAPH_MIN_WORDS:
        cost += 2 * (rules.PARAGRAPH_MIN_WORDS - words) / rules.PARAGRAPH_MIN_WORDS
    cost += 0.5 * max(sentences - rules.PARAGRAPH_MAX_SENTENCES, 0)
    return cost + rules.DOUBLE_SPACE_KEPT_COST * doubles
