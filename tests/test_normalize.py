"""Text for the ear: golden cases worked out by hand from the house style, the lexicon, and fuzz."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from audiocast.errors import ConfigError
from audiocast.swahili import Lexicon, load_lexicon, normalize, sentences, symbols
from audiocast.swahili.lexicon import sub_parts, unmarked

GOLDEN = Path(__file__).parent / "data" / "normalize"
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "episodes" / "2024-06-18-putin-pyongyang" / "article.yaml"


def golden_cases() -> list[pytest.ParameterSet]:
    """Every written<TAB>spoken line of tests/data/normalize/*.tsv, with id file:line."""
    cases = []
    for path in sorted(GOLDEN.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            written, spoken = line.split("\t")
            cases.append(pytest.param(written, spoken, id=f"{path.name}:{number}"))
    return cases


CASES = golden_cases()


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_golden(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_golden_files_cover_every_topic() -> None:
    topics = {path.stem for path in GOLDEN.glob("*.tsv")}
    assert topics >= {
        *["numbers", "money", "percent", "dates", "times", "ordinals", "scores"],
        *["abbreviations", "acronyms", "units", "mixed", "addresses", "symbols", "phones"],
        *["codes", "agreement"],
    }
    assert len(CASES) >= 150


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_spoken_text_is_left_alone(written: str, spoken: str) -> None:
    # A segment normalized twice (a rebuild, a proof-read script) must not change again.
    assert normalize(spoken) == spoken


_PLAIN_WORD = re.compile(r"[a-z']+")
_REPLACED = {*symbols.UNITS, *symbols.STANDALONE_UNITS, *symbols.CURRENCIES}


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_no_word_is_dropped(written: str, spoken: str) -> None:
    words = [w for w in written.split() if _PLAIN_WORD.fullmatch(w) and w not in _REPLACED]
    said = iter(spoken.split())
    missing = [word for word in words if word not in said]  # in order, as a subsequence
    assert missing == []


# What an engine would say in English, or as a sign: never in the spoken column.
_UNSPOKEN = re.compile(r"[0-9@#/&+=*|\\<>~^_§©®™•\u00d7±°№]")


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_spoken_text_has_no_digit_or_symbol(written: str, spoken: str) -> None:
    assert _UNSPOKEN.findall(spoken) == []


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u2009", "\u202f", " "], ids=["nbsp", "thin", "narrow-nbsp", "space"]
)
def test_thousands_grouped_with_any_space(space: str) -> None:
    assert normalize(f"wakazi 100{space}000") == "wakazi laki moja"


def test_whitespace_is_collapsed() -> None:
    assert normalize("  watu\n\n70\t walifika ") == "watu sabini walifika"


def test_sample_article_is_read_without_digits() -> None:
    article = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    texts = [article["title"], article["summary"]]
    texts += [text for block in article["body"] for text in block.values()]
    for text in texts:
        spoken = normalize(text)
        assert not re.search("[0-9]", spoken), spoken
    assert "miaka ishirini na minne" in normalize(article["summary"])


# The lexicon ------------------------------------------------------------------------------


def test_lexicon_matches_whole_words_only() -> None:
    lexicon = Lexicon({"Kim": "Kimu"})
    assert lexicon.apply("Kim na Kimberly akimbia kwa Kim.") == "Kimu na Kimberly akimbia kwa Kimu."


def test_lexicon_ignores_case_and_keeps_the_first_letter_as_written() -> None:
    lexicon = Lexicon({"Stoltenberg": "Stoltenbegi"})
    assert lexicon.apply("STOLTENBERG") == "Stoltenbegi"
    assert lexicon.apply("stoltenberg") == "stoltenbegi"
    assert lexicon.apply("Jens Stoltenberg") == "Jens Stoltenbegi"


def test_lexicon_prefers_the_longest_entry() -> None:
    lexicon = Lexicon({"Rodong": "Rodongi", "Rodong Sinmun": "Rodong Sinmuni"})
    text = "gazeti la Rodong Sinmun, si Rodong"
    assert lexicon.apply(text) == "gazeti la Rodong Sinmuni, si Rodongi"


def test_multi_word_entries_match_across_any_whitespace() -> None:
    lexicon = Lexicon({"Rodong Sinmun": "Rodong Sinmuni"})
    assert normalize("la Rodong\u00a0\n Sinmun.", lexicon) == "la Rodong Sinmuni."


def test_lexicon_runs_before_the_rules_and_overrides_them() -> None:
    assert normalize("BBC na NATO") == "bi bi si na Nato"
    lexicon = Lexicon({"BBC": "bi bi si", "NATO": "Naito", "Dkt.": "Dokta"})
    assert normalize("BBC na NATO; Dkt. Mpango", lexicon) == "Bi bi si na Naito; Dokta Mpango"


def test_respellings_are_final() -> None:
    # No later rule reads a respelling: capitals and digits in it stay as the producer wrote.
    lexicon = Lexicon({"Yakutsk": "YAKUTSK", "G7": "G 7"})
    assert normalize("Yakutsk na G7", lexicon) == "YAKUTSK na G 7"


def test_lexicon_entries_with_digits_win_over_number_rules() -> None:
    lexicon = Lexicon({"COVID-19": "korona"})
    assert normalize("wagonjwa wa COVID-19 ni 20", lexicon) == "wagonjwa wa Korona ni ishirini"


def test_lexicon_works_on_text_with_private_use_characters() -> None:
    text = "\U000f0000 Stoltenberg 5"
    assert normalize(text, Lexicon({"Stoltenberg": "Stoltenbegi"})) == "\U000f0000 Stoltenbegi tano"


def test_marked_respellings_keep_the_word_as_written_and_say_the_same() -> None:
    lexicon = Lexicon({"Stoltenberg": "Stoltenbegi", "COVID-19": "korona"})
    text = "STOLTENBERG na COVID-19 ni 20"
    marked = normalize(text, lexicon, subs=True)
    assert sub_parts(marked) == [
        ("STOLTENBERG", "Stoltenbegi"), (" na ", None), ("COVID-19", "Korona"),
        (" ni ishirini", None),
    ]  # fmt: skip
    assert unmarked(marked) == normalize(text, lexicon) == "Stoltenbegi na Korona ni ishirini"


def test_marks_in_the_text_itself_are_dropped_not_read_as_respellings() -> None:
    forged = "\ufdd0Kim\ufdd1Kimu\ufdd2 na Kim"
    marked = normalize(forged, Lexicon({"Kim": "Kimu"}), subs=True)
    # Only the lexicon's own match is a respelling: the forged one is plain text.
    assert sub_parts(marked) == [("KimKimu na ", None), ("Kim", "Kimu")]


def test_empty_lexicon_changes_nothing() -> None:
    assert len(Lexicon()) == 0
    assert normalize("Pyongyang 5", Lexicon()) == "Pyongyang tano"


def test_repository_lexicon_covers_the_sample_article() -> None:
    lexicon = load_lexicon(REPO / "lexicon.yaml")
    article = SAMPLE.read_text(encoding="utf-8")
    names = ["Stoltenberg", "Pyongyang", "Yakutsk", "Rodong Sinmun", "Vladimir", "Kremlin"]
    assert set(names) <= set(lexicon.entries)
    spoken = normalize(article, lexicon)
    assert "Pyongyang" not in spoken and "Stoltenberg" not in spoken


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_lexicon_reads_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "# names\nPyongyang: Piongyang\n'Rodong  Sinmun': Rodong Sinmuni\n")
    assert load_lexicon(path).entries == {
        "Pyongyang": "Piongyang",
        "Rodong Sinmun": "Rodong Sinmuni",
    }


def test_missing_or_empty_lexicon_is_empty(tmp_path: Path) -> None:
    assert len(load_lexicon(tmp_path / "lexicon.yaml")) == 0
    assert len(load_lexicon(write(tmp_path, "# nothing yet\n"))) == 0


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Pyongyang: [Piong, yang]\n", r"entry 'Pyongyang': expected the respelling as text"),
        ("Pyongyang: 5\n", "entry 'Pyongyang': expected the respelling as text, got a int"),
        ("Pyongyang:\n", "entry 'Pyongyang': expected the respelling as text, got nothing"),
        ("Pyongyang: {a: b}\n", "got a dict"),
        ("Pyongyang: ' '\n", "entry 'Pyongyang': the respelling is empty"),
        ("'': Piongyang\n", "entry '': the word is empty"),
        ("2024: elfu mbili\n", "entry 2024: the word must be text; quote it"),
        ("NO: namba\n", "entry False: the word must be text"),
        ("Kim: Kimu\nKIM: Kimu\n", "entries 'Kim' and 'KIM' differ only in case"),
        ("- Pyongyang\n", "expected a mapping of word: respelling, got a list"),
        ("just text\n", "expected a mapping of word: respelling, got a str"),
        ("Pyongyang: [Piong\n", r"line \d+: not valid YAML"),
        ("a: b\n  c: d\n", "not valid YAML"),
    ],
    ids=[
        *["list-value", "number-value", "null-value", "mapping-value", "blank-value"],
        *["empty-key", "number-key", "bool-key", "case-duplicate", "list", "scalar"],
        *["unclosed", "bad-indent"],
    ],
)
def test_malformed_lexicon_names_file_and_entry(tmp_path: Path, text: str, says: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=re.escape(str(path)) + ".*" + says):
        load_lexicon(path)


def test_unreadable_lexicon_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_bytes(b"Pyongyang: \xff\xfe\n")
    with pytest.raises(ConfigError, match="cannot read the lexicon"):
        load_lexicon(path)


# Fuzz (hypothesis is not a dependency: a seeded loop instead) ------------------------------

SWAHILI_WORDS = [
    *["habari", "za", "leo", "watu", "wa", "mji", "huu", "walisema", "ng'ombe", "kwa"],
    *["ajili", "ya", "ziara", "rais", "na", "saa", "tarehe", "asilimia", "mabao", "sare"],
]
# Characters that ask for normalizing: digits, capitals (acronyms, titles), stops
# (abbreviations), symbols and fractions, the degree and squared signs of units, and the
# signs of addresses and the lone symbols said as words, a pause or silence.
TRIGGERS = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.%$£€/°²½¼¾⅓⅔") | set(symbols.SYMBOL_WORDS)
STANDALONE_UNIT = re.compile(
    r"(?<!\w)(?:" + "|".join(map(re.escape, symbols.STANDALONE_UNITS)) + r")(?!\w)"
)
SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2009", "\u202f", "\u3000"]


def random_char(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.4:
        return chr(rng.randrange(0x20, 0x7F))
    if pick < 0.5:
        return rng.choice("0123456789%$£€.,-\u2013/:½°²")
    plane = rng.choice([0x80, 0x100, 0x600, 0x4E00, 0x1F600, 0xF0000, 0xE000])
    code = rng.randrange(plane, plane + 0x100)
    return chr(code) if not 0xD800 <= code <= 0xDFFF else "?"


def random_text(rng: random.Random, *, triggers: bool) -> str:
    parts = []
    for _ in range(rng.randrange(0, 25)):
        if rng.random() < 0.4:
            parts.append(rng.choice(SWAHILI_WORDS))
        else:
            parts.append("".join(random_char(rng) for _ in range(rng.randrange(1, 8))))
        parts.append(rng.choice(SPACES))
    text = "".join(parts)
    if not triggers:
        text = "".join(c for c in text if c not in TRIGGERS)
        # The units said even without a number ("kwa kg") are abbreviations too.
        text = STANDALONE_UNIT.sub("", text)
    return text


def test_fuzz_never_raises_and_reads_every_digit() -> None:
    rng = random.Random(20240618)
    lexicon = Lexicon({"Stoltenberg": "Stoltenbegi", "habari za": "habari 2"})
    for _ in range(3000):
        text = random_text(rng, triggers=True)
        spoken = normalize(text)
        assert isinstance(spoken, str)
        assert not re.search("[0-9]", spoken), (text, spoken)
        assert isinstance(normalize(text, lexicon), str)


def test_fuzz_text_without_anything_to_read_is_unchanged() -> None:
    rng = random.Random(1961)
    for _ in range(3000):
        text = random_text(rng, triggers=False)
        assert normalize(text) == " ".join(text.split()), text


# The project's reference ------------------------------------------------------------------

DOCS = REPO / "docs" / "swahili.md"
# "`written` → *spoken*": every example the reference gives as a pair.
_DOC_EXAMPLE = re.compile(r"`([^`]+)` → \*([^*]+)\*")


def doc_examples() -> list[pytest.ParameterSet]:
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    return [pytest.param(w, s, id=w) for w, s in _DOC_EXAMPLE.findall(text)]


@pytest.mark.parametrize(("written", "spoken"), doc_examples())
def test_every_example_in_the_reference_is_read_as_it_says(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_the_reference_gives_examples_for_every_section() -> None:
    sections = re.split(r"\n## ", DOCS.read_text(encoding="utf-8"))[1:]
    ruled = [
        s
        for s in sections
        if not s.startswith(("The order", "The producer", "Known limits", "Sentences"))
    ]
    bare = [s.splitlines()[0] for s in ruled if not _DOC_EXAMPLE.search(" ".join(s.split()))]
    assert bare == [], "sections without a tested example"


# One abbreviation table for the normalizer and the sentence splitter ------------------------

WRITTEN_ABBREVIATIONS = sorted(
    {
        *symbols.TITLES,
        *symbols.PHRASES,
        *symbols.CURRENCY_ABBREVIATIONS,
        *symbols.MONTH_ABBREVIATIONS,
        *symbols.OTHER_ABBREVIATIONS,
        *(a for a in symbols.NUMBER_ABBREVIATIONS if a not in symbols.BEFORE_NUMBERS_ONLY),
    }
)


@pytest.mark.parametrize("abbreviation", WRITTEN_ABBREVIATIONS)
def test_no_sentence_ends_after_an_abbreviation(abbreviation: str) -> None:
    written = abbreviation if abbreviation.endswith(".") else abbreviation + "."
    text = f"Barua ilitumwa kwa {written} Nyerere jana. Kisha ikafika."
    if abbreviation in symbols.SENTENCE_FINAL_PHRASES:  # "… n.k. Kisha" may end a sentence
        text = f"Barua ilitumwa kwa {written} wakulima jana. Kisha ikafika."
    assert len(sentences(text)) == 2, sentences(text)


@pytest.mark.parametrize("abbreviation", sorted(symbols.NUMBER_ABBREVIATIONS))
def test_a_number_sign_is_one_sentence_with_its_number(abbreviation: str) -> None:
    first = f"Ajali ilitokea barabara {abbreviation}. 5 jana."
    assert sentences(f"{first} Kisha polisi walifika.") == [first, "Kisha polisi walifika."]
    assert normalize(first) == "Ajali ilitokea barabara namba tano jana."


def test_na_ends_a_sentence_when_no_number_follows() -> None:
    assert sentences("Walikuja wao na. Kisha wengine.") == ["Walikuja wao na.", "Kisha wengine."]
    assert normalize("Walikuja wao na. Kisha wengine.") == "Walikuja wao na. Kisha wengine."


def test_a_title_is_one_sentence_with_its_name() -> None:
    assert sentences("Mwl. Nyerere alisema haya. Mch. Mtikila alijibu.") == [
        "Mwl. Nyerere alisema haya.",
        "Mch. Mtikila alijibu.",
    ]
    assert normalize("Mwl. Nyerere alisema haya.") == "Mwalimu Nyerere alisema haya."


def test_a_time_in_a_m_or_p_m_ends_a_sentence_only_before_a_capital() -> None:
    text = "Tutakutana saa 9 a.m. kesho. Alifika 8 p.m. Baadaye aliondoka."
    said = ["Tutakutana saa 9 a.m. kesho.", "Alifika 8 p.m.", "Baadaye aliondoka."]
    assert sentences(text) == said
    assert [normalize(s) for s in sentences(text)][:2] == [
        "Tutakutana saa tatu asubuhi kesho.",
        "Alifika saa mbili usiku.",
    ]


def test_a_phrase_that_ends_a_sentence_still_ends_it() -> None:
    assert sentences("Walileta mahindi, mpunga n.k. Bei zimepanda.") == [
        "Walileta mahindi, mpunga n.k.",
        "Bei zimepanda.",
    ]
