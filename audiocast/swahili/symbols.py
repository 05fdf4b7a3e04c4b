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
    "Eng": "Mhandisi",
    "Mst": "Mstahiki",
    "Jen": "Jenerali",
    "Gen": "Jenerali",
    "Lt": "Luteni",
    "Kan": "Kanali",
    "Col": "Kanali",
    "Kapt": "Kapteni",
    "Capt": "Kapteni",
    "Sgt": "Sajini",
    "Insp": "Inspekta",
    "Rev": "Mchungaji",
    "Fr": "Padri",
    "Sr": "Sista",
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
    "elfu": "elfu",  # "Sh. 500 elfu" = shilingi elfu mia tano
    "laki": "laki",
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

# How a newsreader reads an address, a handle or a hashtag (docs/swahili.md, "Addresses
# and social media"): the marks between its parts, then the parts said as words.
ADDRESS_MARKS = {
    "@": "et",
    ".": "nukta",
    "/": "mkwaju",
    "-": "kistari",
    "_": "kistari cha chini",
    ":": "nukta mbili",
}
ADDRESS_WORDS = {"www": "dabliyu dabliyu dabliyu", "com": "kom", "gmail": "ji meli"}
HASHTAG = "alama ya reli"
# Endings that make a bare "name.ending" an address (after www, https:// or @ any ending
# does): generic ones and the country codes of the region.
ADDRESS_ENDINGS = (
    "com", "org", "net", "info", "edu", "gov", "int", "news", "africa",
    "tz", "ke", "ug", "rw", "bi", "cd", "ss", "za", "uk",
)  # fmt: skip

# Phone numbers: the "+" of a country code, and the keys of a USSD code ("*150*00#").
PHONE_PLUS = "jumlisha"
PHONE_OR = "au"  # "0754 123 456/0713 222 333": two numbers
USSD_KEYS = {"*": "nyota", "#": "reli"}
# Country codes of the region: "+255754123456" is read +255, then groups of three.
COUNTRY_CODES = ("255", "254", "256", "250", "257", "243", "211", "252", "251")
# Words just before a number that make it one to dial, digit by digit ("piga 15000").
DIAL_WORDS = (
    "piga", "kupiga", "pigia", "kupigia", "piga simu", "kupiga simu", "simu ya bure",
    "namba ya simu", "nambari ya simu", "simu namba", "simu nambari", "namba ya bure",
    "nambari ya bure", "WhatsApp", "SMS", "ujumbe kwenda", "ujumbe mfupi kwenda",
)  # fmt: skip
# After these only a number as long as a phone number is one: "namba 754 123 456", but
# "simu 500 zilikamatwa" counts phones.
NUMBER_WORDS = ("namba", "nambari", "simu")

# Lone symbols as said between words: a word, a pause (",") or silence ("").
SYMBOL_WORDS = {
    "&": "na",
    "+": "na",  # between words; between numbers it is PLUS
    "=": "ni sawa na",
    "\u00d7": "mara",  # the multiplication sign
    "±": "jumlisha au toa",
    "≈": "takriban",
    "№": "namba",
    "°": "nyuzi",
    "->": ",",
    "→": ",",
    "•": ",",
    "·": ",",
    "|": ",",
    "<": ",",
    ">": ",",
    "*": "",
    "~": "",
    "^": "",
    "_": "",
    "\\": "",
    "@": "",
    "#": "",
    "§": "",
    "©": "",
    "®": "",
    "™": "",
}
# Symbols said differently by a number: "2+2" mbili jumlisha mbili, "~500" takriban mia
# tano, "<5" chini ya tano, "#1" namba moja; and a "+" after one is "and more": "18+" kumi
# na nane na zaidi.
PLUS = "jumlisha"
SYMBOLS_BEFORE_NUMBER = {
    "+": PLUS,
    "~": "takriban",
    "≈": "takriban",
    "<": "chini ya",
    ">": "zaidi ya",
    "#": "namba",
}
AND_MORE = "na zaidi"

# Consonants and clusters that open a Swahili syllable, longest first; a word in capitals
# made only of such syllables and at least SHORTEST_CAPITAL_WORD letters long is read as a
# word ("MAONI", "WIZARA"), not spelled. Three letters are too few: FAO, UDA are spelled.
SWAHILI_ONSETS = ("ng'", "ch", "sh", "th", "dh", "gh", "kh", "ny", "ng", "mb", "nd", "nj", "nz",
                  "b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v",
                  "w", "y", "z")  # fmt: skip
SHORTEST_CAPITAL_WORD = 4

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
# Parts of the day, each with the Western hours it may be written for, from (inclusive) to
# (exclusive, wrapping past midnight): "saa 2 asubuhi" (8:00) is Swahili time, "saa 9
# asubuhi" (3:00 or 15:00 in Swahili time) can only be 9:00. The spans overlap: usage varies.
DAY_PART_HOURS = {
    "alfajiri": (3, 7),
    "asubuhi": (6, 12),
    "mchana": (11, 17),
    "adhuhuri": (12, 15),
    "alasiri": (14, 18),
    "jioni": (15, 20),
    "usiku": (19, 5),
}
DAY_PARTS = tuple(DAY_PART_HOURS)
# The part of the day a newsreader says for a time, from the Western hour it starts at.
DAY_PART_STARTS = (
    (0, "usiku"),
    (4, "alfajiri"),
    (7, "asubuhi"),
    (12, "mchana"),
    (15, "alasiri"),
    (17, "jioni"),
    (19, "usiku"),
)
# "18:44 leo jioni": a day between a time and its part of the day.
DAYS_BEFORE_PART = ("leo", "kesho", "jana", "juzi")
# After these an hour and a part of the day are a time even without "saa" ("kuanzia 10
# asubuhi"); elsewhere "watu 10 asubuhi" is a count.
TIME_HEADS = ("kuanzia", "kutoka", "hadi", "mpaka", "ifikapo", "kufikia", "majira ya", "mnamo")
# "9am", "3:30 p.m.", "10 PM": the Western twelve-hour clock, afternoon for "p".
MERIDIEMS = ("a.m.", "p.m.", "am", "pm", "AM", "PM", "a.m", "p.m")
# "1800hrs", "18:00 hrs": a 24-hour time.
HOURS_SUFFIXES = ("hrs", "hr", "HRS", "Hrs")
# After these "1:50" is a ratio (moja kwa hamsini), not a time.
RATIO_HEADS = ("uwiano wa", "kwa uwiano wa", "uwiano")
# Books of the Bible as Swahili papers name them before a chapter:verse ("Yohana 3:16").
# "Kutoka" (Exodus) is left out: it is also "from" before a time ("Kutoka 8:00-10:30").
BIBLE_BOOKS = (
    "Mwanzo",
    "Walawi",
    "Hesabu",
    "Kumbukumbu la Torati",
    "Yoshua",
    "Waamuzi",
    "Ruthu",
    "Samweli",
    "Wafalme",
    "Mambo ya Nyakati",
    "Ezra",
    "Nehemia",
    "Esta",
    "Ayubu",
    "Zaburi",
    "Mithali",
    "Mhubiri",
    "Wimbo Ulio Bora",
    "Isaya",
    "Yeremia",
    "Maombolezo",
    "Ezekieli",
    "Danieli",
    "Hosea",
    "Yoeli",
    "Amosi",
    "Yona",
    "Mika",
    "Habakuki",
    "Zekaria",
    "Malaki",
    "Mathayo",
    "Marko",
    "Luka",
    "Yohana",
    "Matendo",
    "Matendo ya Mitume",
    "Warumi",
    "Wakorintho",
    "Wagalatia",
    "Waefeso",
    "Wafilipi",
    "Wakolosai",
    "Wathesalonike",
    "Timotheo",
    "Tito",
    "Filemoni",
    "Waebrania",
    "Yakobo",
    "Petro",
    "Yuda",
    "Ufunuo",
)

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
# Written just before a pair in a match report, they make it a tally in counting forms, not
# goals: "kwa penalti 4-3" = penalti nne kwa tatu, "seti 3-1", "pointi 2-1".
TALLY_NOUNS = ("penalti", "mikwaju ya penalti", "seti", "pointi", "kura")

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


# "9 a.m. kesho": the stop of a.m. and p.m. ends a sentence only before a capital.
_STOPPED_MERIDIEMS = tuple(word for word in MERIDIEMS if word.endswith("."))

# Every abbreviation whose stop is not a sentence's end, in the splitter's form ("dkt",
# "n.k", "s.l.p"): titles, phrases, currencies, months, number signs and a.m./p.m., from
# the tables the normalizer reads, so that a name the normalizer expands is never cut in two.
ABBREVIATIONS = frozenset(
    _stopped(word)
    for table in (
        TITLES,
        PHRASES,
        CURRENCY_ABBREVIATIONS,
        MONTH_ABBREVIATIONS,
        NUMBER_ABBREVIATIONS,
        OTHER_ABBREVIATIONS,
        _STOPPED_MERIDIEMS,
    )
    for word in table
    if ("." in word or word.isalpha()) and word not in BEFORE_NUMBERS_ONLY
)
# Of those, the ones that also close a sentence when a capital follows ("… n.k. Bei …").
SENTENCE_FINAL = frozenset(
    _stopped(word) for word in (*SENTENCE_FINAL_PHRASES, *_STOPPED_MERIDIEMS)
)
# Kept out of them: abbreviations whose stop ends a sentence unless a number follows
# ("alisema na." but "barabara Na. 5").
BEFORE_NUMBERS = frozenset(_stopped(word) for word in BEFORE_NUMBERS_ONLY)
