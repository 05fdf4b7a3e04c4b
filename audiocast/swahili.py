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
