"""Swahili text as a newsreader says it: numbers, dates and times, symbols, sentences.

`normalize` turns written news text into what a speech engine should say; `sentences` and
`spoken_pieces` cut it where a reader breathes. Every rule, with examples and the choices
made where Swahili usage varies, is described in docs/swahili.md.
"""

from __future__ import annotations

from .dates import say_date, say_day, say_time
from .lexicon import Lexicon, load_lexicon
from .normalize import RULES, normalize
from .numbers import say_number, say_numeral, say_ordinal
from .sentences import SPOKEN_CHARS, chunk_text, sentences, split_sentence, spoken_pieces

__all__ = [
    "RULES",
    "SPOKEN_CHARS",
    "Lexicon",
    "chunk_text",
    "load_lexicon",
    "normalize",
    "say_date",
    "say_day",
    "say_number",
    "say_numeral",
    "say_ordinal",
    "say_time",
    "sentences",
    "split_sentence",
    "spoken_pieces",
]
