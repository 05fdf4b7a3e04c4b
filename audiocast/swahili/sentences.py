"""Text cut into request-sized chunks at sentence, then clause, then word boundaries.

Online engines take a limited number of characters per request. Cutting at the largest
boundary that fits keeps the intonation of whole sentences, and never cuts inside a number
("34.88", "25,000") or after an abbreviation ("Dkt. Mpango").

A sentence is also the unit of speech and of the transcript (one cue each), so a sentence
that runs on (a scrape that lost its full stops) is cut into spoken pieces of at most
`SPOKEN_CHARS` characters, at a clause, then a Swahili conjunction, then a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .symbols import ABBREVIATIONS, BEFORE_NUMBERS, SENTENCE_FINAL

_CLOSERS = "\"'\u201d\u2019\u00bb)"
# Closing quotes (right double and single quotes, guillemet) may follow the stop.
_SENTENCE_END = re.compile("(?<=[.!?\u2026])([\"'\u201d\u2019\u00bb)]*)\\s+")
_CLAUSE_END = re.compile("(?<=[,;:\u2013\u2014])\\s+")  # also after en and em dashes

# The longest piece spoken (and shown as one transcript cue), in characters of what the
# engine is given. espeak at 160 words a minute speaks unpunctuated Swahili news at 12.6-12.8
# characters (1.9 words) a second (three 36-40-word sentences: 20.7, 19.2, 19.0 s), so 300
# characters last at most about 24 s: under the 25 s a listener can follow as one cue.
SPOKEN_CHARS = 300
# Words that open a clause, where a sentence with no comma left is cut: the strong ones
# first ("lakini", "ambapo"), then the plain "and" and "that" ("na", "kuwa").
CLAUSE_OPENERS = (
    ("lakini", "ambapo", "ambao", "ambaye", "ambayo", "ambalo", "ambazo", "ambacho", "ambavyo",
     "ambako", "kwamba", "huku", "ili", "kwa sababu", "kwa kuwa", "ingawa", "ingawaje",
     "hata hivyo", "hivyo", "bali", "isipokuwa", "iwapo", "endapo", "wakati", "baada ya",
     "kabla ya", "kutokana na", "licha ya", "tangu"),
    ("na", "kuwa", "au", "pia", "kama", "hadi"),
)  # fmt: skip
_OPENER_TIERS = tuple(
    re.compile(rf"(?:{'|'.join(tier)})\b", re.IGNORECASE) for tier in CLAUSE_OPENERS
)


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
    >>> sentences("Basi. \u200b\u200b")
    ['Basi.']
    """
    result: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        final = before in SENTENCE_FINAL and text[match.end() : match.end() + 1].isupper()
        if not final and abbreviation_stop(before, text[match.end() : match.end() + 1]):
            continue
        result.append(text[start : match.end(1)])
        start = match.end()
    rest = text[start:]
    if not result or any(unicodedata.category(char)[0] in "LNPS" for char in rest):
        result.append(rest)  # a tail of only zero-width or format characters says nothing
    return [s for s in result if s]


def abbreviation_stop(word: str, following: str) -> bool:
    """Whether a stop after `word` (lower case, stop removed) is not a sentence's end.

    An abbreviation in symbols.ABBREVIATIONS or a one-letter initial; one of
    symbols.BEFORE_NUMBERS only before a number ("Na. 5"), for "na" (and) may close a sentence.

    >>> abbreviation_stop("dkt", "M"), abbreviation_stop("na", "5"), abbreviation_stop("na", "K")
    (True, True, False)
    """
    if word in BEFORE_NUMBERS:
        return following[:1].isdigit()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def spoken_pieces(
    text: str, speak: Callable[[str], str], limit: int = SPOKEN_CHARS
) -> list[tuple[str, str]]:
    """Sentences of `text` as (written, spoken) pairs, none spoken longer than `limit`.

    A sentence whose spoken form is too long is cut at its best boundaries; what the engine
    says of a piece can be longer than the piece (numbers become words), so it is measured.

    >>> [w for w, _ in spoken_pieces("Mvua ilinyesha, watu wakahama. Basi.", str.upper, 20)]
    ['Mvua ilinyesha,', 'watu wakahama.', 'Basi.']
    """
    pairs: list[tuple[str, str]] = []
    for sentence in sentences(text):
        pairs.extend(_spoken_fit(sentence, speak, limit, limit))
    return pairs


def _spoken_fit(
    text: str, speak: Callable[[str], str], limit: int, written: int
) -> list[tuple[str, str]]:
    spoken = speak(text)
    if len(spoken) <= limit or " " not in text:
        return [(text, spoken)]
    # Aim the written cut at the share of the limit the spoken text leaves, and lower it
    # each time round so that the pieces always get shorter.
    aim = max(min(written, len(text) * limit // len(spoken)), 1)
    pieces = split_sentence(text, aim)
    if len(pieces) == 1:
        pieces = split_sentence(text, max(len(text) // 2, 1))
    if len(pieces) == 1:
        return [(text, spoken)]
    return [pair for piece in pieces for pair in _spoken_fit(piece, speak, limit, aim)]


def split_sentence(sentence: str, limit: int = SPOKEN_CHARS) -> list[str]:
    """Cut an over-long sentence into pieces of at most `limit` characters, text kept exact.

    The cut falls at a clause mark (; : and the dashes), then a comma, then before a
    conjunction, then between words; the pieces joined by a space give back the sentence.
    Only a word longer than the limit is left longer.

    >>> split_sentence("wakulima walilalamika kwamba bei imeshuka sana mwaka huu", 35)
    ['wakulima walilalamika', 'kwamba bei imeshuka sana mwaka huu']
    """
    if len(sentence) <= limit:
        return [sentence]
    count = -(-len(sentence) // limit)  # pieces needed, rounding up
    aim = len(sentence) / count
    shortest = limit // 4  # no piece of a few words cut off the end
    spaces = [i for i, c in enumerate(sentence) if c == " "]
    for tier in range(3 + len(_OPENER_TIERS)):
        cuts = [
            i
            for i in spaces
            if min(i, len(sentence) - i - 1) >= shortest and _boundary(sentence, i) <= tier
        ]
        if cuts:
            break
    else:  # a few very long words: any space will do
        cuts = spaces
    if not cuts:
        return [sentence]
    cut = min(cuts, key=lambda i: abs(i - aim))
    return [*split_sentence(sentence[:cut], limit), *split_sentence(sentence[cut + 1 :], limit)]


def _boundary(sentence: str, space: int) -> int:
    """How strong a boundary the space at `space` is: 0 after ; : or a dash, 1 after a comma, …"""
    before = sentence[:space].rstrip(_CLOSERS)[-1:]
    if before in ";:\u2013\u2014":
        return 0
    if before == ",":
        return 1
    for tier, opener in enumerate(_OPENER_TIERS, 2):
        if opener.match(sentence, space + 1):
            return tier
    return 2 + len(_OPENER_TIERS)


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
