"""Abbreviations, symbols, units and acronyms a Swahili newsreader expands (data only).

The rules that read these tables are the other modules of this package; `ABBREVIATIONS`,
at the end, is the one list of stopped abbreviations that both the normalizer and the
sentence splitter read.
"""

from __future__ import annotations

# Titles before a name, written with a full stop ("Dkt. Mpango").
TITLES = {
    "Dkt": "Daktari",
    "Dk": "Daktari",
    "Dr": "Daktari",
    "Bw": "Bwana",
    "Bi": "Bibi",
    "Mhe": "Mheshimiwa",
    "Mh": "Mheshimiwa",
    "Prof": "Profesa",
    "Mwl": "Mwalimu",
    "Mch": "Mchungaji",
}
# Many papers drop the stop ("Dkt Mpango"); those forms are expanded before a capitalised
# name only. "Bi" and "Mh" are left out: both are also said as written ("Bi Amina", "Mh!").
DOTLESS_TITLES = frozenset({"Dkt", "Dk", "Dr", "Bw", "Mhe", "Prof", "Mwl", "Mch"})

# Abbreviations of phrases; inner full stops may be followed by a space ("n. k.").
PHRASES = {
    "n.k.": "na kadhalika",
    "k.m.": "kwa mfano",
    "S.L.P.": "Sanduku la Posta",
    "SLP": "Sanduku la Posta",
}
# Of those, the ones that can end a sentence: their stop is kept as the full stop.
SENTENCE_FINAL_PHRASES = frozenset({"n.k."})

# Currency written before the amount: (noun, what follows the amount when written).
CURRENCIES = {
    "Sh": ("shilingi", ""),
    "Shs": ("shilingi", ""),
    "sh": ("shilingi", ""),
    "shs": ("shilingi", ""),
    "TSh": ("shilingi", "za Tanzania"),
    "Tsh": ("shilingi", "za Tanzania"),
    "TSH": ("shilingi", "za Tanzania"),
    "TZS": ("shilingi", "za Tanzania"),
    "KSh": ("shilingi", "za Kenya"),
    "Ksh": ("shilingi", "za Kenya"),
    "KSH": ("shilingi", "za Kenya"),
    "KES": ("shilingi", "za Kenya"),
    "USh": ("shilingi", "za Uganda"),
    "UGX": ("shilingi", "za Uganda"),
    "$": ("dola", ""),
    "US$": ("dola", "za Kimarekani"),
    "USD": ("dola", "za Kimarekani"),
    "£": ("pauni", ""),
    "GBP": ("pauni", ""),
    "€": ("yuro", ""),
    "EUR": ("yuro", ""),
}
# Currency written after the amount: "20€", and Tanzanian "1,500/=" or "1,500/-".
CURRENCIES_AFTER = {
    "€": "yuro",
    "$": "dola",
    "£": "pauni",
    "/=": "shilingi",
    "/-": "shilingi",
}
# Currency abbreviations left without an amount ("thamani ya Sh. imeshuka").
CURRENCY_ABBREVIATIONS = {"Sh": "shilingi", "TSh": "shilingi", "KSh": "shilingi"}
# Written money nouns: after them a dot before three digits is a thousands separator.
CURRENCY_WORDS = ("shilingi", "dola", "pauni", "yuro", "euro")

# Scale words a page writes after the amount, to the Swahili word said before the count.
SCALE_WORDS = {
    "milioni": "milioni",
    "bilioni": "bilioni",
    "trilioni": "trilioni",
    "million": "milioni",
    "billion": "bilioni",
    "trillion": "trilioni",
}
# The same, abbreviated and attached to a money amount only ("$5m", "Sh2bn").
SCALE_ABBREVIATIONS = {"m": "milioni", "mn": "milioni", "bn": "bilioni", "tn": "trilioni"}
# Scale words written before the count, as Swahili says them ("Sh. trilioni 34.88").
SCALES_BEFORE = ("elfu", "laki", "milioni", "bilioni", "trilioni")

# Units, after the number ("10 km") or before it ("km 10"); said noun first, or with the
# number where "{}" stands (kilomita 120 kwa saa).
UNITS = {
    "km": "kilomita",
    "kg": "kilo",
    "km²": "kilomita za mraba",
    "m²": "mita za mraba",
    "km/h": "kilomita {} kwa saa",
    "cm": "sentimita",
    "mm": "milimita",
    "MW": "megawati",
    "kW": "kilowati",
    "°C": "nyuzi joto",
}
# Units too short to stand apart from the number: "100m" is mita, "100 m" is left alone.
ATTACHED_UNITS = {"m": "mita"}
# Units expanded even without a number ("bei kwa kg").
STANDALONE_UNITS = frozenset({"km", "kg", "km/h"})

# Fractions said as words: 1/2 = nusu, 3/4 = robo tatu.
FRACTIONS = {
    "1/2": "nusu",
    "1/4": "robo",
    "3/4": "robo tatu",
    "1/3": "theluthi moja",
    "2/3": "theluthi mbili",
    "½": "nusu",
    "¼": "robo",
    "¾": "robo tatu",
    "⅓": "theluthi moja",
    "⅔": "theluthi mbili",
}

# Swahili names of the Latin letters, as acronyms are spelled on air: CCM = si si emu.
# Close to the English names in Swahili spelling, a closing vowel after a final consonant.
LETTER_NAMES = {
    "A": "ei",
    "B": "bi",
    "C": "si",
    "D": "di",
    "E": "i",
    "F": "efu",
    "G": "ji",
    "H": "eichi",
    "I": "ai",
    "J": "jei",
    "K": "kei",
    "L": "eli",
    "M": "emu",
    "N": "eni",
    "O": "o",
    "P": "pi",
    "Q": "kyu",
    "R": "aa",
    "S": "esi",
    "T": "ti",
    "U": "yu",
    "V": "vi",
    "W": "dabliyu",
    "X": "eksi",
    "Y": "wai",
    "Z": "zedi",
}

# Acronyms said as words on air, written as a Swahili reader says them so that no engine
# spells them out. Everything else in capitals (2-5 letters) is spelled with LETTER_NAMES;
# lexicon.yaml overrides both.
WORD_ACRONYMS = {
    "NATO": "Nato",
    "UKIMWI": "Ukimwi",
    "CHADEMA": "Chadema",
    "UNESCO": "Yunesko",
    "UNICEF": "Yunisef",
    "FIFA": "Fifa",
    "UEFA": "Yuefa",
    "CAF": "Kaf",
    "CECAFA": "Sekafa",
    "AFCON": "Afkon",
    "TANESCO": "Tanesko",
    "TANAPA": "Tanapa",
    "TAZARA": "Tazara",
    "TAKUKURU": "Takukuru",
    "TAMISEMI": "Tamisemi",
    "TEHAMA": "Tehama",
    "BAKWATA": "Bakwata",
    "DAWASA": "Dawasa",
    "EWURA": "Ewura",
    "NIDA": "Nida",
    "TASAF": "Tasaf",
    "LATRA": "Latra",
    "TARURA": "Tarura",
    "KANU": "Kanu",
    "UVIKO": "Uviko",
    "COVID": "Kovid",
    "OPEC": "Opek",
    "NASA": "Nasa",
    "ECOWAS": "Ekowas",
    "AMISOM": "Amisom",
    "ATMIS": "Atmis",
    "MONUSCO": "Monusko",
    "UNEP": "Yunep",
}

# Roman numerals after a name are regnal ordinals: Charles III = Charles wa tatu.
ROMAN_NUMERALS = {
    "II": 2,
    "III": 3,
    "IV": 4,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
    "XVI": 16,
}

# Month abbreviations pages use in dates (full names are swahili.MONTHS).
MONTH_ABBREVIATIONS = {
    "Jan": 1,
    "Feb": 2,
    "Mac": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Ago": 8,
    "Agu": 8,
    "Sep": 9,
    "Sept": 9,
    "Okt": 10,
    "Nov": 11,
    "Des": 12,
}
# Parts of the day after which "saa 2:30" is Swahili clock time (saa mbili na nusu).
DAY_PARTS = ("alfajiri", "asubuhi", "mchana", "adhuhuri", "alasiri", "jioni", "usiku")

# A sentence with one of these words is about a match, so "3-1" in it is a score.
SCORE_WORDS = (
    "mabao",
    "bao",
    "magoli",
    "goli",
    "ushindi",
    "sare",
    "matokeo",
    "kipigo",
    "kichapo",
    "mechi",
    "mchezo",
    "fainali",
    "ligi",
    "kombe",
)
# Verb stems that make a sentence a match report: walishinda, ilishinda, kuishinda.
SCORE_STEMS = ("shind",)
# Goal nouns already written before a score, so none is added ("mabao 3-1").
GOAL_NOUNS = ("mabao", "magoli", "bao", "goli")

# Words after which "ya 1", "wa 2" count rather than order: zaidi ya 2 = zaidi ya mbili.
CARDINAL_HEADS = frozenset(
    {"zaidi", "kati", "chini", "juu", "karibu", "takriban", "jumla", "wastani", "kiasi",
     "idadi", "kiwango", "hadi"}
)  # fmt: skip
# Connectives that make the following 1 or 2 an ordinal: nafasi ya 1 = nafasi ya kwanza.
ORDINAL_CONNECTIVES = ("wa", "ya", "la", "cha", "vya")
# Words after which a fiscal year "2020/21" needs no "mwaka wa fedha" (msimu: sports seasons).
FISCAL_YEAR_HEADS = (
    "mwaka wa fedha",
    "mwaka wa fedha wa",
    "mwaka",
    "mwaka wa",
    "msimu",
    "msimu wa",
)

# "Number" before a number: barabara Na. 5 = barabara namba tano; Nyumba No. 12.
NUMBER_ABBREVIATIONS = {"Na": "namba", "Nam": "namba", "No": "namba"}
# Of those, "Na." is also the word "na" closing a sentence: a stop only when a number follows.
BEFORE_NUMBERS_ONLY = ("Na",)

# Abbreviations written with a stop that no rule above expands, but which never end a
# sentence: "Mt. Kilimanjaro", "kny. Mkurugenzi", "St. Joseph".
OTHER_ABBREVIATIONS = ("Mt", "St", "kny")


def _stopped(written: str) -> str:
    """An abbreviation as the sentence splitter sees it: lower case, no final stop."""
    return written.rstrip(".").lower()


# Every abbreviation whose stop is not a sentence's end, in the splitter's form ("dkt",
# "n.k", "s.l.p"): titles, phrases, currencies, months and number signs, from the tables the
# normalizer reads, so that a name the normalizer expands is never cut in two.
ABBREVIATIONS = frozenset(
    _stopped(word)
    for table in (
        TITLES,
        PHRASES,
        CURRENCY_ABBREVIATIONS,
        MONTH_ABBREVIATIONS,
        NUMBER_ABBREVIATIONS,
        OTHER_ABBREVIATIONS,
    )
    for word in table
    if ("." in word or word.isalpha()) and word not in BEFORE_NUMBERS_ONLY
)
# Of those, the ones that also close a sentence when a capital follows ("… n.k. Bei …").
SENTENCE_FINAL = frozenset(_stopped(word) for word in SENTENCE_FINAL_PHRASES)
# Kept out of them: abbreviations whose stop ends a sentence unless a number follows
# ("alisema na." but "barabara Na. 5").
BEFORE_NUMBERS = frozenset(_stopped(word) for word in BEFORE_NUMBERS_ONLY)
