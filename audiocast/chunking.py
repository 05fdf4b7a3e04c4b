"""Text cut into request-sized chunks at sentence, then clause, then word boundaries.

Online engines take a limited number of characters per request. Cutting at the largest
boundary that fits keeps the intonation of whole sentences, and never cuts inside a number
("34.88", "25,000") or after an abbreviation ("Dkt. Mpango").
"""

from __future__ import annotations

import re

# Abbreviations whose full stop does not end a sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset(
    {"dkt", "dk", "dr", "bw", "bi", "mhe", "mh", "prof", "n.k", "k.m", "s.l.p", "sh", "tsh",
     "ksh", "mt", "st", "no", "nam", "kny", "jan", "feb", "ago", "sept", "okt", "nov", "des"}
)  # fmt: skip
# Closing quotes (right double and single quotes, guillemet) may follow the stop.
_SENTENCE_END = re.compile("(?<=[.!?\u2026])([\"'\u201d\u2019\u00bb)]*)\\s+")
_CLAUSE_END = re.compile("(?<=[,;:\u2013\u2014])\\s+")  # also after en and em dashes


def chunk_text(text: str, limit: int = 100) -> list[str]:
    """Pack text into chunks of at most `limit` characters, cutting as high up as possible.

    >>> chunk_text("Dkt. Mpango alisema. Bajeti ni Sh. trilioni 34.88 mwaka huu.", 40)
    ['Dkt. Mpango alisema.', 'Bajeti ni Sh. trilioni 34.88 mwaka huu.']
    """
    text = " ".join(text.split())
    if not text:
        return []
    pieces: list[str] = []
    for sentence in sentences(text):
        if len(sentence) <= limit:
            pieces.append(sentence)
            continue
        for clause in _CLAUSE_END.split(sentence):
            pieces.extend([clause] if len(clause) <= limit else _words(clause, limit))
    return _pack(pieces, limit)


def sentences(text: str) -> list[str]:
    """Split at sentence ends, but not after an abbreviation or a one-letter initial.

    >>> sentences("Alikutana na Bi. Amina. J. Stoltenberg alisema \u201cndiyo.\u201d Basi.")
    ['Alikutana na Bi. Amina.', 'J. Stoltenberg alisema “ndiyo.”', 'Basi.']
    """
    result: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        result.append(text[start : match.end(1)])
        start = match.end()
    result.append(text[start:])
    return [s for s in result if s]


def _words(text: str, limit: int) -> list[str]:
    words: list[str] = []
    for word in text.split(" "):
        # A single word longer than the limit (a URL, a run-together scrape) is cut hard.
        words.extend(word[i : i + limit] for i in range(0, len(word), limit))
    return words


def _pack(pieces: list[str], limit: int) -> list[str]:
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 1 + len(piece) <= limit:
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return chunks
