"""Swahili words a newsreader says: number words, months and days (data only)."""

from __future__ import annotations

UNITS = ("sifuri", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa")
TENS = {
    10: "kumi",
    20: "ishirini",
    30: "thelathini",
    40: "arobaini",
    50: "hamsini",
    60: "sitini",
    70: "sabini",
    80: "themanini",
    90: "tisini",
}
HUNDRED = "mia"
THOUSAND = "elfu"
HUNDRED_THOUSAND = "laki"
# Each large scale word stands before its count: milioni arobaini na sita.
SCALES = ((10**12, "trilioni"), (10**9, "bilioni"), (10**6, "milioni"))
AND = "na"

MONTHS = (
    "Januari",
    "Februari",
    "Machi",
    "Aprili",
    "Mei",
    "Juni",
    "Julai",
    "Agosti",
    "Septemba",
    "Oktoba",
    "Novemba",
    "Desemba",
)
DAYS = ("Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili")
DATE_WORD = "tarehe"
YEAR_WORD = "mwaka"

# Words around numbers: 34.88 = thelathini na nne nukta nane nane; hasi tano.
POINT = "nukta"
MINUS = "hasi"
RANGE_FROM = "kutoka"
RANGE_TO = "hadi"
# Written around a range of times and kept: "kuanzia 14:00 mpaka 16:30".
RANGE_FROM_WORDS = (RANGE_FROM, "kuanzia")
RANGE_TO_WORDS = (RANGE_TO, "mpaka")
BY = "kwa"  # scores and rates: tatu kwa moja, saa ishirini na nne kwa siku saba
PERCENT = "asilimia"
FISCAL_YEAR = "mwaka wa fedha"
# Only 1 and 2 have ordinal words (wa kwanza, wa pili); then the number: wa tatu, wa nne.
ORDINALS = {1: "kwanza", 2: "pili"}
HOUR = "saa"
MINUTE = "dakika"
SECOND = "sekunde"
# Swahili clock fractions: saa mbili na nusu, saa tatu na robo; :45 is a quarter short of
# the next hour (saa nne kasoro robo).
CLOCK_FRACTIONS = {15: "robo", 30: "nusu"}
SHORT_OF = "kasoro"
QUARTER_SHORT = 45
# Swahili time counts the hours from sunrise and sunset: 7:00 and 19:00 are saa moja.
SWAHILI_CLOCK_SHIFT = 6
# A verse reference (Yohana 3:16): sura ya tatu mstari wa kumi na sita.
CHAPTER = "sura ya"
VERSE = "mstari wa"
# Goals (ji-/ma- class): the count agrees after "mabao" (mabao matatu), "bao moja" for one.
GOALS = "mabao"
GOAL = "bao"
MA_CLASS = {"mbili": "mawili", "tatu": "matatu", "nne": "manne", "tano": "matano", "nane": "manane"}
