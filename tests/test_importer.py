"""The importer: real page layouts become the article a producer would have written by hand."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from audiocast.article import Heading, Quote, load_article, parse_article
from audiocast.chunking import sentences
from audiocast.errors import ArticleError
from audiocast.importer import Dropped, ImportResult, import_article, rules, to_yaml

from articles import journalist_texts

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "import"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
SEED = DATA / "articles" / "dw-putin-pyongyang-2024-06-18.txt"
SAMPLE = Path(__file__).resolve().parent.parent / "episodes" / "2024-06-18-putin-pyongyang"
KIND_OF = {".txt": "text", ".html": "html", ".json": "json"}

# A story the furniture tests put one piece of furniture into.
STORY = """Wakulima walalamikia bei ya kahawa

Na Juma Mussa
12 Machi 2024

Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.

{furniture}

Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi wiki ijayo.
"""


def case_input(case: str) -> Path:
    return next((CORPUS / case).glob("input.*"))


def imported(case: str, kind: str = "auto") -> ImportResult:
    path = case_input(case)
    return import_article(path.read_bytes(), kind, origin=str(path))


def squash(text: str) -> str:
    """Layout whitespace (runs, non-breaking spaces) is not part of the journalist's text."""
    return " ".join(text.split())


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def json_strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for value in values for s in json_strings(value)]


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_imports_as_written_by_hand(case: str) -> None:
    expected = load_article(CORPUS / case / "expected.yaml")
    result = imported(case)
    assert parse_article(result.article, case) == expected


@pytest.mark.parametrize("case", CASES)
def test_the_input_kind_is_sniffed_from_the_content(case: str) -> None:
    path = case_input(case)
    assert imported(case).kind == KIND_OF[path.suffix]
    assert imported(case, KIND_OF[path.suffix]).article == imported(case).article


@pytest.mark.parametrize("case", [*CASES, "seed"])
def test_the_importer_never_invents_words(case: str) -> None:
    path = SEED if case == "seed" else case_input(case)
    raw = path.read_bytes()
    source = raw.decode("utf-8") if case != "windows-1252-text" else raw.decode("cp1252")
    if path.suffix == ".json":
        source = " ".join(json_strings(json.loads(source)))
    known = words(html.unescape(source))
    article = parse_article(import_article(path.read_bytes()).article)
    invented = set().union(*(words(t) for t in journalist_texts(article))) - known
    assert not invented


@pytest.mark.parametrize("case", [*CASES, "seed"])
def test_to_yaml_round_trips_through_parse_article(case: str) -> None:
    path = SEED if case == "seed" else case_input(case)
    result = import_article(path.read_bytes(), origin=path.name)
    written = to_yaml(result.article, origin=path.name, notes=["a check"])
    assert written.startswith(f"# Imported by audiocast from {path.name}: review")
    assert "# Check: a check" in written
    assert parse_article(yaml.safe_load(written)) == parse_article(result.article)


def test_to_yaml_is_what_a_producer_edits() -> None:
    written = to_yaml(import_article(SEED.read_bytes()).article)
    lines = written.splitlines()
    keys = [line.split(":")[0] for line in lines if re.match(r"^[a-z]+:", line)]
    assert keys == [
        "title",
        "date",
        "author",
        "source",
        "categories",
        "language",
        "summary",
        "body",
    ]
    assert "date: 2024-06-18" in lines and "categories: [Siasa, Asia]" in lines
    assert "- heading: Kim ausifu uhusiano unaotanuka wa Korea Kaskazini na Urusi" in lines
    assert max(len(line) for line in lines) > 300  # paragraphs are not wrapped
    assert "\\u" not in written  # Swahili text stays readable


# --- The seed page --------------------------------------------------------------------------


def test_the_seed_page_imports_as_the_hand_made_sample() -> None:
    result = import_article(SEED.read_bytes(), origin=SEED.name)
    got = parse_article(result.article)
    sample = load_article(SAMPLE / "article.yaml")
    assert (got.title, got.author, got.date, got.categories) == (
        sample.title,
        sample.author,
        sample.date,
        sample.categories,
    )
    assert got.source == sample.source
    assert squash(got.summary) == squash(sample.summary)
    assert [(type(b), squash(b.text)) for b in got.body] == [
        (type(b), squash(b.text)) for b in sample.body
    ]
    heading = next(b for b in got.body if isinstance(b, Heading))
    assert heading.text == "Kim ausifu uhusiano unaotanuka wa Korea Kaskazini na Urusi"
    quote = next(b for b in got.body if isinstance(b, Quote))
    assert quote.speaker == "Jens Stoltenberg"
    assert quote.attribution == (
        "Wasiwasi huo umegusiwa na katibu mkuu wa jumuiya ya kujihami NATO Jens Stoltenberg."
    )
    assert got.slug == "2024-06-18-putin-kusaini-mikataba-ya"  # derived, not invented


def test_the_seed_keeps_the_journalists_bytes() -> None:
    article = import_article(SEED.read_bytes()).article
    assert "Putin\u00a0 ameimwagia" in article["body"][2]["paragraph"]  # spacing untouched
    reasons = {d.text[:20]: d.reason for d in import_article(SEED.read_bytes()).dropped}
    assert reasons == {
        "1. Nenda kwenye maud": rules.NAVIGATION,
        "2. Nenda kwenye orod": rules.NAVIGATION,
        "3. Nenda tovuti zaid": rules.NAVIGATION,
        "Putin-Moscow": rules.ALT_TEXT,
        "Rais wa Urusi Vladim": rules.PHOTO,
        "Soma:\u00a0Putin kufanya ": rules.READ_MORE,
    }


# --- Furniture ------------------------------------------------------------------------------

FURNITURE = [
    ("Nenda kwenye maudhui", rules.NAVIGATION),
    ("Skip to content", rules.NAVIGATION),
    ("Mtoto akipewa chanjo mjini DodomaPicha: Maktaba/Mwananchi", rules.PHOTO),
    ("Maelezo ya picha, Wakulima wakiwa shambani", rules.PHOTO),
    ("Soma pia: Bei ya pamba yapanda Simiyu", rules.READ_MORE),
    ("Soma zaidi: Serikali yatangaza bei elekezi", rules.READ_MORE),
    ("https://www.mwananchi.co.tz/mw/habari/kitaifa", rules.URL),
    ("Barua pepe: habari@redio.or.tz", rules.EMAIL),
    ("Shiriki", rules.SHARE),
    ("Facebook Twitter WhatsApp", rules.SHARE),
    ("Tuma", rules.SHARE),
    ("Matangazo", rules.ADVERT),
    ("06:00 - 06:30 UTC Habari za Asubuhi", rules.SCHEDULE),
    ("Matangazo ya Jioni", rules.SCHEDULE),
    ("© 2024 Mwananchi Communications Ltd.", rules.FOOTER),
    ("Haki zote zimehifadhiwa", rules.FOOTER),
    ("Terms of use | Privacy policy", rules.FOOTER),
    ("(AFP, Reuters)", rules.AGENCY),
    ("DW/AP", rules.AGENCY),
    ("Mhariri: Mohammed Khelef", rules.CREDIT),
    ("Chanzo: Reuters", rules.CREDIT),
    ("Saa 2 zilizopita", rules.TIMESTAMP),
]


@pytest.mark.parametrize(("furniture", "reason"), FURNITURE)
def test_furniture_is_dropped_with_its_reason(furniture: str, reason: str) -> None:
    result = import_article(STORY.format(furniture=furniture))
    assert Dropped(furniture, reason) in result.dropped
    body = " ".join(str(v) for block in result.article["body"] for v in block.values())
    assert furniture not in body and furniture not in result.article["summary"]


def test_every_furniture_reason_appears_in_the_corpus() -> None:
    reasons = {d.reason for case in CASES for d in imported(case).dropped}
    wanted = {
        rules.NAVIGATION, rules.PHOTO, rules.ALT_TEXT, rules.READ_MORE, rules.URL, rules.EMAIL,
        rules.SHARE, rules.ADVERT, rules.SCHEDULE, rules.FOOTER, rules.AGENCY, rules.CREDIT,
    }  # fmt: skip
    assert wanted <= reasons


def test_a_numbered_menu_inside_the_page_is_navigation() -> None:
    result = import_article(STORY.format(furniture="1. Habari\n2. Michezo\n3. Biashara"))
    assert [d.reason for d in result.dropped] == [rules.NAVIGATION] * 3


def test_a_copy_that_lost_its_blank_lines_imports_the_same() -> None:
    squeezed = re.sub(r"\n\s*\n", "\n", SEED.read_text(encoding="utf-8"))
    assert import_article(squeezed).article == import_article(SEED.read_bytes()).article


def test_a_sentence_that_mentions_furniture_words_stays() -> None:
    sentence = (
        "Matangazo ya biashara kwenye Facebook na WhatsApp yameongezeka kwa asilimia 20 "
        "mwaka huu, kwa mujibu wa ripoti ya mamlaka ya mawasiliano."
    )
    result = import_article(STORY.format(furniture=sentence))
    assert {"paragraph": sentence} in result.article["body"]
    assert not result.dropped


def test_agency_codes_leave_the_byline() -> None:
    page = STORY.replace("Na Juma Mussa", "Daniel Gakuba/dpa").format(furniture="Shiriki")
    result = import_article(page)
    assert result.article["author"] == "Daniel Gakuba"
    assert Dropped("/dpa", rules.AGENCY) in result.dropped


# --- Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "12 Machi 2024",
        "Machi 12, 2024",
        "12.03.2024",
        "12/03/2024",
        "2024-03-12",
        "Jumanne, 12 Machi 2024",
        "Jumanne, Machi 12, 2024",
        "Imechapishwa: 12 Machi 2024 saa 10:30",
        "Tuesday, March 12, 2024",
    ],
)
def test_dates_as_pages_write_them(written: str) -> None:
    page = STORY.replace("12 Machi 2024", written).format(furniture="Shiriki")
    assert import_article(page).article["date"] == "2024-03-12"


def test_a_site_header_date_is_not_the_story_date() -> None:
    page = "Jumatano, 19 Juni 2024\n\n" + STORY.format(furniture="Shiriki")
    result = import_article(page)
    assert result.article["date"] == "2024-03-12"
    assert Dropped("Jumatano, 19 Juni 2024", rules.TIMESTAMP) in result.dropped


# --- Errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "empty"),
        (b"  \n\n", "empty"),
        ("Na Juma Mussa\n12 Machi 2024\n\nShiriki\nFacebook\n", "no article text"),
        (STORY.split("\n", 2)[2].format(furniture=""), "no title"),
        (STORY.replace("12 Machi 2024\n", "").format(furniture=""), "no publication date"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not UTF-8"),
        ('{"title": "Habari", "body": ', "not valid"),
        ('[{"title": "A"}, {"title": "B"}]', "2 articles"),
        ('{"title": "Habari", "date": "2024-03-12"}', "no article text"),
    ],
)
def test_what_cannot_be_imported_is_a_clear_article_error(
    source: str | bytes, message: str
) -> None:
    with pytest.raises(ArticleError, match=message) as caught:
        import_article(source, origin="ukurasa.txt")
    assert str(caught.value).startswith("ukurasa.txt: ")


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ArticleError, match="unknown input kind 'pdf'"):
        import_article("Habari", kind="pdf")


def test_windows_1252_text_is_read_leniently() -> None:
    page = STORY.format(furniture="\u201cTutashinda,\u201d alisema Bi. Am\u00e9lie.")
    result = import_article(page.encode("cp1252"))
    assert "\u201cTutashinda,\u201d alisema Bi. Am\u00e9lie." in str(result.article["body"])


def test_a_bom_is_not_part_of_the_title() -> None:
    page = STORY.format(furniture="Shiriki").encode("utf-8-sig")
    assert import_article(page).article["title"] == "Wakulima walalamikia bei ya kahawa"


def test_no_byline_is_flagged_for_review() -> None:
    page = STORY.replace("Na Juma Mussa\n", "").format(furniture="Shiriki")
    result = import_article(page)
    assert result.article["author"] == "Mwandishi Wetu"
    assert result.notes == ["no byline found; author set to 'Mwandishi Wetu'"]


def test_json_field_names_of_other_cmses() -> None:
    export: dict[str, Any] = {
        "data": {
            "Headline": "Bunge lapitisha bajeti ya maji",
            "publishedAt": 1718694000000,
            "byline": "NA ASHA SAID",
            "teaser": "Bunge limepitisha bajeti ya wizara ya maji.",
            "tags": "Bunge, Maji",
            "content_elements": [
                {"type": "text", "content": "Bunge limepitisha bajeti ya wizara ya maji."},
                {"type": "image", "caption": "Wabunge wakipiga kura. Picha: Maktaba"},
                {"type": "header", "content": "Miradi mipya"},
                {"type": "text", "content": "Miradi kumi itaanza mwezi ujao mikoani."},
            ],
        }
    }
    result = import_article(json.dumps(export))
    article = result.article
    assert (article["title"], article["author"], article["categories"]) == (
        "Bunge lapitisha bajeti ya maji",
        "Asha Said",
        ["Bunge", "Maji"],
    )
    assert article["date"] == "2024-06-18T10:00:00+03:00"
    assert article["body"] == [
        {"heading": "Miradi mipya"},
        {"paragraph": "Miradi kumi itaanza mwezi ujao mikoani."},
    ]
    assert Dropped("Wabunge wakipiga kura. Picha: Maktaba", rules.MEDIA) in result.dropped
    parse_article(article)


# --- Whole stories on one line ----------------------------------------------------------------

SCRAPE = DATA / "scrapes" / "unpunctuated-story.txt"


def story_paragraphs(article: dict[str, Any]) -> list[str]:
    return [article["summary"], *(b["paragraph"] for b in article["body"] if "paragraph" in b)]


def test_a_story_that_lost_its_full_stops_imports_as_paragraphs_of_the_text() -> None:
    title, story = SCRAPE.read_text(encoding="utf-8").splitlines()
    assert word_count(story) == 437 and not re.search(r"[.,;:!?]", story)
    result = import_article(f"{title}\n3 Aprili 2024\n{story}\n")
    parsed = parse_article(result.article)  # what `build` reads: no refusal
    paragraphs = story_paragraphs(result.article)
    assert parsed.title == title and len(paragraphs) >= 4
    for paragraph in paragraphs:
        assert paragraph in story  # cut, never rewritten
        assert word_count(paragraph) <= 120
    assert " ".join(paragraphs) == story  # nothing lost, nothing repeated, in order
    # New paragraphs open where the journalist's sentences did, never inside a name.
    starts = [p.split()[0] for p in paragraphs[1:]]
    assert "Akizungumza" in starts and "Aidha" in starts
    assert not {"Dodoma", "Mwanaisha", "Kassim", "Joseph", "Rehema", "Juma"} & set(starts)


def test_names_after_speech_verbs_places_and_titles_do_not_start_a_paragraph() -> None:
    sentence = (
        "wananchi wa kijiji walisema Rais Samia Suluhu Hassan ametimiza ahadi aliyotoa mkoani "
        "Dar es Salaam mwaka jana pamoja na Waziri wa Maji Jumaa Aweso ambapo mradi wa maji "
        "umekamilika kwa wakati"
    )
    story = " ".join([sentence] * 8)
    result = import_article(f"Ahadi ya maji yatimizwa\n3 Aprili 2024\n{story}\n")
    paragraphs = story_paragraphs(result.article)
    assert len(paragraphs) >= 3 and " ".join(paragraphs) == story
    assert all(word_count(p) <= 120 for p in paragraphs)
    names = {"Rais", "Samia", "Suluhu", "Hassan", "Dar", "Salaam", "Waziri", "Maji", "Jumaa"}
    assert not names & {p.split()[0] for p in paragraphs}


# A news dataset's story: each paragraph as the journalist wrote it (my own story).
DATASET_PARAGRAPHS = [
    "Bodi ya Chai Tanzania imetangaza bei mpya ya majani mabichi ya chai kwa msimu wa mwaka "
    "huu. Bei hiyo imepanda kutoka shilingi 314 hadi shilingi 360 kwa kilo moja, ongezeko "
    "ambalo wakulima wa Mufindi na Rungwe wamesema wamelisubiri kwa muda mrefu.",
    "Akizungumza na waandishi wa habari mjini Iringa, Mkurugenzi wa bodi hiyo alisema bei "
    "mpya itaanza kutumika mwanzoni mwa mwezi ujao. Alisema viwanda vyote vimekubali kulipa "
    "bei hiyo bila kukata makato mapya.",
    "Hata hivyo, baadhi ya wakulima wadogo wamesema gharama za mbolea bado ziko juu. Bw. "
    "Daudi Mgaya, mkulima wa kijiji cha Kibao, alisema mfuko mmoja wa mbolea sasa unauzwa "
    "kwa shilingi 85,000. Aliomba serikali iongeze ruzuku ya mbolea kwa wakulima wa chai.",
    "Kwa upande wake, Chama cha Wakulima wa Chai kimesema kitafuatilia kuhakikisha viwanda "
    "vinalipa kwa wakati. Mwenyekiti wa chama hicho alisema malipo yaliyochelewa msimu "
    "uliopita yaliwaumiza wakulima wengi, hasa wale wanaotegemea chai pekee.",
    "Tanzania huzalisha wastani wa tani 27,000 za chai iliyosindikwa kila mwaka. Sehemu "
    "kubwa ya chai hiyo huuzwa katika mnada wa Mombasa nchini Kenya.",
]
DATASET_TITLE = "Wakulima wa chai wapata bei mpya"


def test_a_dataset_dump_title_line_then_the_story_on_one_line_imports() -> None:
    story = "  ".join(DATASET_PARAGRAPHS)  # paragraphs run together, two spaces between
    result = import_article(f"{DATASET_TITLE}\n17 Machi 2025\n{story}\n")
    article = parse_article(result.article)
    assert article.title == DATASET_TITLE
    assert story_paragraphs(result.article) == DATASET_PARAGRAPHS  # the page's own breaks


def test_a_dump_with_no_paragraph_breaks_is_cut_between_sentences() -> None:
    story = " ".join(DATASET_PARAGRAPHS)
    paragraphs = story_paragraphs(import_article(f"{DATASET_TITLE}\n{story}\n17.03.2025").article)
    assert len(paragraphs) >= 2 and " ".join(paragraphs) == story
    for paragraph in paragraphs:
        assert paragraph.endswith(".") and word_count(paragraph) <= 120
        assert len(sentences(paragraph)) <= 5
    # Where the story turns, a new paragraph begins.
    assert any(p.startswith(("Hata hivyo,", "Akizungumza", "Kwa upande wake,")) for p in paragraphs)


def test_a_dataset_json_record_imports_with_its_paragraphs() -> None:
    record = {
        "headline": DATASET_TITLE,
        "text": "  ".join(DATASET_PARAGRAPHS),
        "category": "Kilimo",
        "url": "https://habari.example/kilimo/wakulima-wa-chai-wapata-bei-mpya",
        "date": "2025-03-17",
    }
    result = import_article(json.dumps(record, ensure_ascii=False))
    article = parse_article(result.article)
    assert (article.title, article.categories) == (DATASET_TITLE, ("Kilimo",))
    assert story_paragraphs(result.article) == DATASET_PARAGRAPHS


def word_count(text: str) -> int:
    return len(text.split())
