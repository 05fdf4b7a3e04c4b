"""Written Swahili news text as a newsreader says it, for any speech engine.

`normalize()` collapses whitespace, applies the producer's `Lexicon`, then runs the small
text-in/text-out rules of `RULES` in order: shapes holding several numbers (dates, fiscal
years, times, money, percentages, units, scores) before single numbers, and last a fallback
that reads every digit left. Only the text sent to the engine is normalized; transcripts
keep what was written. Every rule, and the choice made where Swahili usage varies, is in
docs/swahili.md.

>>> normalize("Bajeti ya Sh. trilioni 34.88 ilisomwa tarehe 18.06.2024.")
'Bajeti ya shilingi trilioni thelathini na nne nukta nane nane ilisomwa tarehe kumi na nane \
Juni, mwaka elfu mbili na ishirini na nne.'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .addresses import read_addresses, read_phone_numbers
from .amounts import (
    expand_currency_abbreviations,
    join_digit_groups,
    join_dotted_counts,
    read_counted_scales,
    read_decimal_commas,
    read_fractions,
    read_money,
    read_negatives,
    read_numbers,
    read_percentages,
    read_ranges,
    read_ratios,
    read_scale_words,
    read_units,
)
from .counts import read_added_time, read_counts, read_ordinals, read_roman_ordinals, read_scores
from .dates import read_fiscal_years, read_numeric_dates, read_times, read_written_dates
from .letters import (
    expand_number_signs,
    expand_phrases,
    expand_titles,
    part_hyphened_capitals,
    read_acronyms,
    read_codes,
    read_symbols,
    space_brackets,
)
from .lexicon import SUB_CHARS, Lexicon, mark_sub
from .patterns import collapse_whitespace

__all__ = ["RULES", "normalize"]

Rule = Callable[[str], str]


# The order matters: each rule reads shapes a later, more general rule would misread.
RULES: tuple[Rule, ...] = (
    read_addresses,  # whole first: no number, abbreviation or acronym rule reads inside one
    read_phone_numbers,
    space_brackets,
    join_digit_groups,
    read_decimal_commas,
    join_dotted_counts,
    expand_titles,
    expand_number_signs,
    expand_phrases,
    read_numeric_dates,
    read_written_dates,
    read_fiscal_years,
    read_times,
    read_added_time,  # before "+" is read as a symbol
    read_money,
    expand_currency_abbreviations,
    read_symbols,  # after money ("1,500/="), before "<5%" and "2+2" lose their digits
    read_percentages,
    read_counted_scales,  # before "1.2m" is read as metres
    read_units,
    read_scores,
    read_ordinals,
    read_roman_ordinals,
    read_fractions,
    read_codes,
    part_hyphened_capitals,
    read_acronyms,
    read_scale_words,
    read_counts,
    read_ranges,
    read_negatives,
    read_ratios,
    read_numbers,
)


# Respellings are held out of the rules behind one private-use character each, so no rule
# rewrites them; the characters never occur in news text (checked, else not held).
_HOLD_FIRST = 0xF0000
_HOLD_LAST = 0xFFFFD
_HOLD_CHARS = re.compile(f"[{chr(_HOLD_FIRST)}-{chr(_HOLD_LAST)}]")


def normalize(text: str, lexicon: Lexicon | None = None, *, subs: bool = False) -> str:
    """Written Swahili news text as a newsreader says it; never raises, never drops a word.

    With `subs`, each respelling from the lexicon keeps the word as written beside it
    (lexicon.mark_sub), for engines that send it as SSML <sub>; lexicon.unmarked() gives
    back exactly what `normalize` says without it.

    >>> normalize("Mhe. Bashe alisema asilimia 45 ya wakulima 2,500 wana mbolea n.k.")
    'Mheshimiwa Bashe alisema asilimia arobaini na tano ya wakulima elfu mbili na mia tano \
wana mbolea na kadhalika.'
    """
    if subs:  # noncharacters say nothing, and would be read as marks
        text = SUB_CHARS.sub("", text)
    text = collapse_whitespace(text)
    held: list[str] = []
    if lexicon:
        if _HOLD_CHARS.search(text):
            text = lexicon.apply(text)
        else:

            def hold(written: str, spoken: str) -> str:
                if _HOLD_FIRST + len(held) > _HOLD_LAST:
                    return spoken
                held.append(mark_sub(written, spoken) if subs else spoken)
                return chr(_HOLD_FIRST + len(held) - 1)

            text = lexicon._replace(text, hold)
    for rule in RULES:
        text = rule(text)
    if held:
        text = _HOLD_CHARS.sub(lambda m: held[ord(m[0]) - _HOLD_FIRST], text)
    return collapse_whitespace(text)
