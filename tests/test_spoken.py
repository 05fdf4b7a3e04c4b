"""Numbers and dates as a Swahili newsreader says them; expectations from the house style."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from audiocast.swahili import say_date, say_number

NUMBERS_TSV = Path(__file__).parent / "data" / "numbers.tsv"

# Every word the house style uses for whole numbers, typed from its tables (not from the code).
NUMBER_WORDS = {
    *["sifuri", "moja", "mbili", "tatu", "nne", "tano", "sita", "saba", "nane", "tisa", "kumi"],
    *["ishirini", "thelathini", "arobaini", "hamsini", "sitini", "sabini", "themanini", "tisini"],
    *["mia", "elfu", "laki", "milioni", "bilioni", "trilioni"],
    "na",
}
MONTHS = [
    *["Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti"],
    *["Septemba", "Oktoba", "Novemba", "Desemba"],
]


# The examples the house style spells out, one row each.
@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "sifuri"),
        (7, "saba"),
        (10, "kumi"),
        (11, "kumi na moja"),
        (19, "kumi na tisa"),
        (20, "ishirini"),
        (21, "ishirini na moja"),
        (90, "tisini"),
        (100, "mia moja"),
        (900, "mia tisa"),
        (345, "mia tatu arobaini na tano"),
        (1_500, "elfu moja na mia tano"),
        (2_024, "elfu mbili na ishirini na nne"),
        (1_963, "elfu moja na mia tisa sitini na tatu"),
        (25_000, "elfu ishirini na tano"),
        (100_000, "laki moja"),
        (500_000, "laki tano"),
        (46_000_000, "milioni arobaini na sita"),
        (-5, "hasi tano"),
    ],
    ids=str,
)
def test_swahili_md_examples(number: int, words: str) -> None:
    assert say_number(number) == words


def test_numbers_golden_file() -> None:
    rows = [
        line.split("\t")
        for line in NUMBERS_TSV.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) > 50
    wrong = [
        (number, words, say_number(int(number)))
        for number, words in rows
        if say_number(int(number)) != words
    ]
    assert wrong == [], "number, expected, said"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2024, 6, 18), "tarehe kumi na nane Juni, mwaka elfu mbili na ishirini na nne"),
        (date(2025, 1, 6), "tarehe sita Januari, mwaka elfu mbili na ishirini na tano"),
        (date(1963, 12, 1), "tarehe moja Desemba, mwaka elfu moja na mia tisa sitini na tatu"),
        (date(2023, 9, 30), "tarehe thelathini Septemba, mwaka elfu mbili na ishirini na tatu"),
    ],
    ids=str,
)
def test_dates_are_read_as_on_air(day: date, words: str) -> None:
    assert say_date(day) == words


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_swahili_name(month: int) -> None:
    spoken = say_date(date(2024, month, 1))
    assert f" {MONTHS[month - 1]}, " in spoken
    assert not any(ch.isdigit() for ch in spoken)


def test_every_number_below_3000_uses_only_swahili_number_words() -> None:
    for n in range(3000):
        words = say_number(n).split()
        assert set(words) <= NUMBER_WORDS, (n, words)
        assert words[0] != "na" and words[-1] != "na", n
        assert ("sifuri" in words) == (n == 0), n


def test_no_two_numbers_below_3000_sound_the_same() -> None:
    # A listener cannot tell 1,500 from 1,005 if both come out as the same words.
    said: dict[str, int] = {}
    for n in range(3000):
        words = say_number(n)
        assert words not in said, (said[words], n, words)
        said[words] = n
