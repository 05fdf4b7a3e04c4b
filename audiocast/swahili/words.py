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
BY = "kwa"  # scores and rates: tatu kwa moja, saa ishirini na nne kwa siku saba
PERCENT = "asilimia"
FISCAL_YEAR = "mwaka wa fedha"
# Only 1 and 2 have ordinal words (wa kwanza, wa pili); then the number: wa tatu, wa nne.
ORDINALS = {1: "kwanza", 2: "pili"}
HOUR = "saa"
MINUTE = "dakika"
# Swahili clock fractions after "saa … asubuhi": saa mbili na nusu, saa tatu na robo.
CLOCK_FRACTIONS = {15: "robo", 30: "nusu"}
# Goals (ji-/ma- class): the count agrees after "mabao" (mabao matatu), "bao moja" for one.
GOALS = "mabao"
GOAL = "bao"
MA_CLASS = {"mbili": "mawili", "tatu": "matatu", "nne": "manne", "tano": "matano", "nane": "manane"}
