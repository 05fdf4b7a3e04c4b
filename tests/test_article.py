"""The structured article: the sample loads intact, and every bad input is a clear ArticleError."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from audiocast.article import (
    Article,
    Heading,
    InlineQuote,
    Paragraph,
    Quote,
    load_article,
    parse_article,
)
from audiocast.config import Settings
from audiocast.errors import ArticleError
from audiocast.script import build_script, render_script

from articles import journalist_texts

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "episodes" / "2024-06-18-putin-pyongyang" / "article.yaml"
# A byte-for-byte copy of shared/seed/, so the test runs on a clean clone too.
SEED = Path(__file__).parent / "data" / "articles" / "dw-putin-pyongyang-2024-06-18.txt"

# C0 controls except tab/newline/carriage return, and DEL: they break XML and TTS engines.
C0_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What the page carries around the story: menus, photo alt text and credits, "read also" links.
FURNITURE = [
    "Nenda kwenye",
    "Picha:",
    "Soma:",
    "AP Photo",
    "AFP",
    "picture alliance",
    "Sputnik",
    "Putin-Moscow",
    "tovuti zaidi za DW",
]


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(SAMPLE)


def squash(text: str) -> str:
    """The page's layout whitespace (runs, NBSP) is not part of the journalist's text."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def valid_article(**changes: Any) -> dict[str, Any]:
    """A minimal valid article; `changes` replace fields, a value of None removes one."""
    data: dict[str, Any] = {
        "title": "Putin kusaini mikataba ya ushirikiano mjini Pyongyang",
        "date": "2024-06-18",
        "author": "Sylvia Mwehozi",
        "source": {"name": "DW Kiswahili", "url": "https://www.dw.com/sw/"},
        "summary": "Rais wa Urusi Vladimir Putin anaelekea nchini Korea Kaskazini.",
        "body": [{"paragraph": "Kiongozi huyo wa Urusi na mwenzake wa Korea Kaskazini."}],
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_yaml(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "article.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# The sample article ------------------------------------------------------------------------


def test_sample_article_has_the_pages_title_byline_and_sections(article: Article) -> None:
    assert article.title == "Putin kusaini mikataba ya ushirikiano mjini Pyongyang"
    assert article.author == "Sylvia Mwehozi"
    assert article.categories == ("Siasa", "Asia")
    assert article.source is not None and article.source.name == "DW Kiswahili"
    assert article.language == "sw"
    assert article.slug == "2024-06-18-putin-pyongyang"


def test_sample_date_is_18_june_2024_in_east_africa_time(article: Article) -> None:
    assert article.date.date() == date(2024, 6, 18)
    assert article.date.tzinfo is not None
    assert article.date.utcoffset() == timedelta(hours=3)


def test_the_heading_the_page_ran_into_a_paragraph_is_its_own_block(article: Article) -> None:
    heading = "Kim ausifu uhusiano unaotanuka wa Korea Kaskazini na Urusi"
    assert Heading(heading) in article.body
    assert not any(heading in b.text for b in article.body if isinstance(b, Paragraph))


def test_stoltenberg_is_quoted_with_speaker_and_attribution(article: Article) -> None:
    quotes = [b for b in article.body if isinstance(b, Quote)]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text.startswith("Urusi sasa inashirikiana zaidi na zaidi")
    assert quote.text.endswith("programu zao za makombora na nyuklia.")
    assert quote.speaker == "Jens Stoltenberg"
    assert quote.attribution is not None and "Jens Stoltenberg" in quote.attribution


def test_the_journalists_words_are_unchanged(article: Article) -> None:
    page = squash(SEED.read_text(encoding="utf-8"))
    for text in journalist_texts(article):
        assert squash(text) in page, f"not on the page word for word: {text[:60]!r}"


@pytest.mark.parametrize("furniture", FURNITURE)
def test_page_furniture_does_not_reach_the_article(article: Article, furniture: str) -> None:
    assert furniture in SEED.read_text(encoding="utf-8")  # it was there to drop
    for text in [*journalist_texts(article), *article.categories]:
        assert furniture not in text


def test_json_and_yaml_forms_load_to_the_same_article(tmp_path: Path, article: Article) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["date"] = data["date"].isoformat()
    as_json = tmp_path / "article.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert load_article(as_json) == article


def test_yaml_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    # Windows Notepad writes UTF-8 with a BOM; producers should not have to know that.
    path = tmp_path / "article.yaml"
    text = yaml.safe_dump(valid_article(), allow_unicode=True)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_article(path).title == "Putin kusaini mikataba ya ushirikiano mjini Pyongyang"


# Clear errors ------------------------------------------------------------------------------

BAD_ARTICLES = [
    pytest.param({"title": None}, "title", ["missing"], id="missing title"),
    pytest.param({"title": "   "}, "title", ["empty"], id="empty title"),
    pytest.param({"body": []}, "body", ["list"], id="empty body"),
    pytest.param({"body": "Aya moja tu."}, "body", ["list"], id="body not a list"),
    pytest.param(
        {"body": [{"heading": "Kim ausifu uhusiano"}]},
        "body",
        ["paragraph"],
        id="only headings",
    ),
    pytest.param(
        {"body": [{"paragraph": "Aya."}, {"picha": "putin.jpg"}]},
        "body[1]",
        ["paragraph", "heading", "quote"],
        id="unknown block type",
    ),
    pytest.param({"mwandishi": "Sylvia Mwehozi"}, "mwandishi", [], id="unknown field"),
    pytest.param({"date": "18 Juni 2024"}, "date", ["iso", "2024-06-18"], id="date in words"),
    pytest.param({"date": "2024-13-45"}, "date", ["iso"], id="impossible date string"),
    pytest.param({"date": None}, "date", ["missing"], id="missing date"),
    pytest.param({"date_assumed": "ndiyo"}, "date_assumed", ["true or false"], id="flag as word"),
    pytest.param({"date_assumed": 1}, "date_assumed", ["true or false"], id="flag as number"),
    pytest.param({"slug": "../../etc"}, "slug", ["yyyy-mm-dd"], id="slug climbs out"),
    pytest.param(
        {"slug": "2024-06-18-Putin/../x"}, "slug", ["yyyy-mm-dd"], id="slug with separator"
    ),
    pytest.param({"slug": "/etc/passwd"}, "slug", ["yyyy-mm-dd"], id="absolute slug"),
    pytest.param(
        {"source": {"name": "DW Kiswahili", "url": "ftp://dw.com/sw"}},
        "source.url",
        ["http"],
        id="ftp source url",
    ),
    pytest.param(
        {"source": {"name": "DW Kiswahili", "url": "www.dw.com/sw"}},
        "source.url",
        ["http"],
        id="source url without scheme",
    ),
]


@pytest.mark.parametrize(("changes", "field", "expected"), BAD_ARTICLES)
def test_bad_article_names_the_file_the_field_and_what_was_expected(
    tmp_path: Path, changes: dict[str, Any], field: str, expected: list[str]
) -> None:
    path = write_yaml(tmp_path, valid_article(**changes))
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    message = str(caught.value)
    assert str(path) in message
    rest = message.replace(str(path), "").lower()
    assert field.lower() in rest
    for word in expected:
        assert word in rest


def test_impossible_unquoted_yaml_date_is_an_article_error(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    path.write_text(
        "title: Putin kusaini mikataba\n"
        "date: 2024-13-45\n"
        "author: Sylvia Mwehozi\n"
        "summary: Rais Putin anaelekea Korea Kaskazini.\n"
        "body:\n"
        "  - paragraph: Kiongozi huyo wa Urusi.\n",
        encoding="utf-8",
    )
    with pytest.raises(ArticleError, match="date") as caught:
        load_article(path)
    assert str(path) in str(caught.value)


def test_slug_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, valid_article(slug="2024-06-18-putin\n"))
    with pytest.raises(ArticleError, match="slug"):
        load_article(path)


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    # An unquoted colon inside a plain value: the commonest slip when pasting a summary.
    path.write_text(
        "title: Putin kusaini mikataba\n"
        "date: 2024-06-18\n"
        "author: Sylvia Mwehozi\n"
        "source: {name: DW Kiswahili}\n"
        "summary: Rais Putin: ziara ya kwanza tangu miaka 24\n"
        "body:\n"
        "  - paragraph: Kiongozi huyo wa Urusi.\n",
        encoding="utf-8",
    )
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(path) in str(caught.value)
    assert "line 5" in str(caught.value)


def test_file_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    path.write_bytes(b"\xff\xfe" + "title: Putin kusaini mikataba\n".encode("utf-16-le"))
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(path) in str(caught.value)
    assert "UTF-8" in str(caught.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "2024-06-18-putin" / "article.yaml"
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(path) in str(caught.value)


def test_folder_instead_of_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ArticleError) as caught:
        load_article(tmp_path)
    assert str(tmp_path) in str(caught.value)
    assert "folder" in str(caught.value)


def test_raw_control_character_in_yaml_is_an_article_error(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    path.write_text(
        yaml.safe_dump(valid_article()).replace("Kiongozi", "Kiongozi\x07"), encoding="utf-8"
    )
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(path) in str(caught.value)


# Slugs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Rais Ruto azindua mradi wa São Tomé",
        "São Tomé yapata rais mpya",
        "Ng'ombe 1,500 wafa kwa ukame Kenya",
        "Путин в Пхеньяне",
        "!!!",
    ],
)
def test_derived_slug_is_safe_ascii_starting_with_the_date(title: str) -> None:
    slug = parse_article(valid_article(slug=None, title=title)).slug
    assert slug.isascii()
    assert re.fullmatch(r"[a-z0-9-]+", slug)
    assert slug.startswith("2024-06-18-")
    assert ".." not in slug and "/" not in slug and not slug.endswith("-")
    assert len(slug) <= 80


def test_derived_slug_keeps_accented_words_readable() -> None:
    slug = parse_article(valid_article(slug=None, title="São Tomé yapata rais mpya")).slug
    assert slug.startswith("2024-06-18-sao-tome")


def test_given_valid_slug_is_kept() -> None:
    assert parse_article(valid_article(slug="2024-06-18-putin-pyongyang")).slug == (
        "2024-06-18-putin-pyongyang"
    )


def test_date_with_time_and_zone_is_kept_and_a_bare_date_gets_east_africa_time() -> None:
    with_zone = parse_article(valid_article(date="2024-06-18T10:30:00+00:00")).date
    assert with_zone.utcoffset() == timedelta(0)
    assert (with_zone.hour, with_zone.minute) == (10, 30)
    bare = parse_article(valid_article(date="2024-06-18")).date
    assert bare == datetime.fromisoformat("2024-06-18T00:00:00+03:00")


# Control characters ------------------------------------------------------------------------


def article_with_controls(controls: str) -> Article:
    """An article as a careless copy from a CMS might give it (JSON escapes allow anything)."""
    return parse_article(
        valid_article(
            title=f"Putin{controls[0]} kusaini mikataba",
            summary=f"Rais wa Urusi{controls[1 % len(controls)]} anaelekea Korea Kaskazini.",
            body=[
                {"paragraph": f"Kiongozi{controls} huyo wa Urusi."},
                {"heading": f"Kim{controls[-1]} ausifu uhusiano"},
                {
                    "quote": f"Urusi{controls} sasa inashirikiana.",
                    "speaker": f"Jens{controls[0]} Stoltenberg",
                },
            ],
        )
    )


C0 = "\x00\x07\x08\x0b\x0c\x1b\x1f\x7f"


def test_control_characters_never_reach_the_spoken_script() -> None:
    script = build_script(article_with_controls(C0), Settings())
    for segment in script:
        assert not C0_CONTROLS.search(segment.spoken), segment
    spoken = render_script(script, spoken=True)
    assert not C0_CONTROLS.search(spoken)
    assert "Kiongozi huyo wa Urusi." in spoken


def test_control_characters_never_reach_the_script_text() -> None:
    script = build_script(article_with_controls(C0), Settings())
    for segment in script:
        assert not C0_CONTROLS.search(segment.text), segment
    assert not C0_CONTROLS.search(render_script(script))


def test_c1_control_characters_never_reach_the_spoken_script() -> None:
    script = build_script(article_with_controls("\x92\x93\x94\x9b"), Settings())
    for segment in script:
        assert not re.search(r"[\x80-\x9f]", segment.spoken), segment


def test_an_assumed_date_is_carried_until_the_producer_deletes_the_flag(tmp_path: Path) -> None:
    assumed = load_article(write_yaml(tmp_path, valid_article(date_assumed=True)))
    assert assumed.date_assumed and assumed.date.date().isoformat() == "2024-06-18"
    confirmed = load_article(write_yaml(tmp_path, valid_article()))
    assert not confirmed.date_assumed
    assert not parse_article(valid_article(date_assumed=False)).date_assumed


# --- Direct speech inside a paragraph ---------------------------------------------------------

SPOKEN = '"Nafanya uandishi wa kitaaluma," anasema Amina Juma. "Ni kazi ngumu," aliongeza.'


def test_inline_quotes_load_with_their_speakers() -> None:
    quotes = [{"text": "Nafanya uandishi wa kitaaluma,", "speaker": "Amina Juma"},
              {"text": "Ni kazi ngumu,"}]  # fmt: skip
    article = parse_article(valid_article(body=[{"paragraph": SPOKEN, "quotes": quotes}]))
    assert article.body[0] == Paragraph(
        SPOKEN,
        (
            InlineQuote("Nafanya uandishi wa kitaaluma,", "Amina Juma"),
            InlineQuote("Ni kazi ngumu,"),
        ),
    )


@pytest.mark.parametrize(
    ("quotes", "field", "problem"),
    [
        ([{"text": "Nafanya uandishi wa habari,"}], "body[0].quotes[0].text", "was not found"),
        # In order, not overlapping: the second entry must follow the first.
        ([{"text": "Ni kazi ngumu,"}, {"text": "Nafanya uandishi"}], "body[0].quotes[1].text",
         "after the quote before it"),
        ([{"text": "Ni kazi ngumu,"}, {"text": "Ni kazi"}], "body[0].quotes[1].text",
         "after the quote before it"),
        ([{"speaker": "Amina Juma"}], "body[0].quotes[0].text", "missing"),
        ("Ni kazi ngumu,", "body[0].quotes", "a list of quotes"),
        ([{"text": "Ni kazi ngumu,", "voice": "quote"}], "body[0].quotes[0]", "unexpected voice"),
    ],
)  # fmt: skip
def test_a_wrong_inline_quote_names_its_field(quotes: object, field: str, problem: str) -> None:
    body = [{"paragraph": SPOKEN, "quotes": quotes}]
    with pytest.raises(ArticleError, match=re.escape(field)) as caught:
        parse_article(valid_article(body=body), "article.yaml")
    assert problem in str(caught.value)


def test_quotes_belong_to_paragraphs_only() -> None:
    body = [{"paragraph": SPOKEN}, {"heading": "Kazi", "quotes": [{"text": "Kazi"}]}]
    with pytest.raises(ArticleError, match=r"body\[1\]"):
        parse_article(valid_article(body=body))


LEAD = '"Tutaanza kesho," alisema Amina Juma, mkuu wa shule hiyo.'


def test_speech_in_the_lead_is_listed_under_summary_quotes() -> None:
    quotes = [{"text": "Tutaanza kesho,", "speaker": "Amina Juma"}]
    article = parse_article(valid_article(summary=LEAD, summary_quotes=quotes))
    assert article.summary == LEAD
    assert article.summary_quotes == (InlineQuote("Tutaanza kesho,", "Amina Juma"),)


def test_a_lead_quote_not_in_the_lead_names_its_field() -> None:
    quotes = [{"text": "Tutamaliza kesho,"}]
    with pytest.raises(ArticleError, match=re.escape("summary_quotes[0].text")) as caught:
        parse_article(valid_article(summary=LEAD, summary_quotes=quotes), "article.yaml")
    assert "was not found in the summary" in str(caught.value)


# Text that says nothing, numbers that are no numbers, and where an error is -------------------

ZERO_WIDTH = "\u200b\u200b"  # zero-width spaces: an editor shows nothing at all


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ZERO_WIDTH}, "title"),
        ({"summary": "\u200b \u2060\ufeff"}, "summary"),
        ({"author": "\u200d"}, "author"),
        ({"body": [{"paragraph": "Aya."}, {"paragraph": ZERO_WIDTH}]}, "body[1].paragraph"),
        ({"body": [{"heading": ZERO_WIDTH}, {"paragraph": "Aya."}]}, "body[0].heading"),
        ({"body": [{"paragraph": "Aya."}, {"quote": "Ndiyo.", "speaker": ZERO_WIDTH}]},
         "body[1].speaker"),
    ],
)  # fmt: skip
def test_invisible_only_text_is_refused_naming_its_field(
    tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    path = write_yaml(tmp_path, valid_article(**changes))
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert f"field '{field}'" in str(caught.value) and "invisible" in str(caught.value)


def test_an_invisible_tail_of_a_paragraph_is_no_sentence_and_no_cue() -> None:
    # Before, "\u200b\u200b" after the full stop became a sentence: 8 ms of silence, empty cue.
    article = parse_article(valid_article(body=[{"paragraph": f"Aya ya kwanza. {ZERO_WIDTH}"}]))
    script = build_script(article, Settings())
    texts = [sentence.text for segment in script for sentence in segment.sentences]
    assert "Aya ya kwanza." in texts
    assert all(any(char.isalnum() for char in text) for text in texts), texts


@pytest.mark.parametrize(
    ("source", "field"),
    [
        ("title: .nan\n", "title"),
        ("title: .inf\n", "title"),
        ("title: T\nauthor: -.Inf\n", "author"),
        ("title: T\nsummary: .NaN\n", "summary"),
        ("title: T\nbody:\n  - paragraph: .nan\n", "body[0].paragraph"),
        ("title: T\ncategories: [Siasa, .inf]\n", "categories[1]"),
    ],
)
def test_yaml_nan_and_infinity_in_text_are_refused_naming_the_field(
    tmp_path: Path, source: str, field: str
) -> None:
    data = valid_article()
    fields = yaml.safe_load(source)
    text = yaml.safe_dump({k: v for k, v in data.items() if k not in fields}, sort_keys=False)
    path = tmp_path / "article.yaml"
    path.write_text(text + source, encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert f"field '{field}'" in str(caught.value), caught.value


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_in_text_are_refused_naming_the_field(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "article.json"
    text = json.dumps(valid_article(summary="PLACEHOLDER")).replace('"PLACEHOLDER"', value)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError, match="field 'summary': expected text, not"):
        load_article(path)


@pytest.mark.parametrize(
    ("date", "reason"),
    [("2024-02-30", "day is out of range for month"), ("2024-13-45", "month must be in 1..12")],
)
def test_an_impossible_unquoted_date_names_the_field_date(
    tmp_path: Path, date: str, reason: str
) -> None:
    path = tmp_path / "article.yaml"
    text = yaml.safe_dump(valid_article(date=None), sort_keys=False)
    path.write_text(f"{text}date: {date}\n", encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert "field 'date'" in str(caught.value) and reason in str(caught.value)


def test_an_unclosed_quote_on_line_1_is_reported_at_line_1(tmp_path: Path) -> None:
    path = tmp_path / "article.yaml"
    rest = yaml.safe_dump(valid_article(title=None), sort_keys=False)
    path.write_text('title: "Putin kusaini mikataba\n' + rest, encoding="utf-8")
    assert len(rest.splitlines()) > 4  # the scanner gives up at the end, lines further down
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert "(line 1)" in str(caught.value) and "quotation mark" in str(caught.value)


def test_every_missing_field_is_named_in_one_run(tmp_path: Path) -> None:
    # A producer who wrote only the title and the story learns of author, date and summary
    # at once, not in three runs.
    path = tmp_path / "article.yaml"
    path.write_text("title: Bei ya mahindi yapanda\nbody:\n  - paragraph: Wakulima wafurahi.\n")
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    message = str(caught.value)
    assert "author, date, summary" in message and "\n" not in message
