"""The importer: real page layouts become the article a producer would have written by hand."""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from audiocast.article import (
    EAST_AFRICA,
    Article,
    Heading,
    Paragraph,
    Quote,
    load_article,
    parse_article,
)
from audiocast.errors import ArticleError
from audiocast.importer import Dropped, ImportResult, import_article, rules, to_yaml
from audiocast.importer.dates import find_date
from audiocast.importer.markup import html_lines
from audiocast.swahili.sentences import sentences

from articles import journalist_texts

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "import"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
SEED = DATA / "articles" / "dw-putin-pyongyang-2024-06-18.txt"
SAMPLE = Path(__file__).resolve().parent.parent / "episodes" / "2024-06-18-putin-pyongyang"
# The day the corpus's pages without a date are imported on: their articles assume it.
CORPUS_TODAY = datetime.date(2026, 12, 4)
# Cases whose story ran onto one line say so in their expected.yaml's header.
LOOSELY = "paragraph count loosely"
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
    return import_article(path.read_bytes(), kind, origin=str(path), today=CORPUS_TODAY)


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
    got = parse_article(imported(case).article, case)
    if LOOSELY in (CORPUS / case / "expected.yaml").read_text(encoding="utf-8"):
        # A story run onto one line: where a producer would start each paragraph is a
        # judgement, so the words, headings and speech are checked, not the cut points.
        assert replace(got, summary="", body=()) == replace(expected, summary="", body=())
        assert story_words(got) == story_words(expected)
        assert [b for b in got.body if not isinstance(b, Paragraph)] == [
            b for b in expected.body if not isinstance(b, Paragraph)
        ]
        assert speech(got) == speech(expected)
        paragraphs = [b.text for b in got.body if isinstance(b, Paragraph)]
        assert all(len(p.split()) <= 150 for p in [got.summary, *paragraphs])
        wanted = sum(isinstance(b, Paragraph) for b in expected.body)
        assert wanted / 2 <= len(paragraphs) <= wanted * 2
    else:
        assert got == expected


def story_words(article: Article) -> str:
    """The story's text in order, whatever its cut into paragraphs."""
    return squash(" ".join([article.summary, *(b.text for b in article.body)]))


def speech(article: Article) -> list[tuple[str, str | None]]:
    return [
        (squash(q.text), q.speaker)
        for b in article.body
        if isinstance(b, Paragraph)
        for q in b.quotes
    ]


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
    ("👍 Like · 💬 Comment · ↗ Share", rules.SHARE),  # a social post's reactions bar
    ("125 · 14 comments · 9 shares", rules.SHARE),
    ("Penda · Toa maoni · Shiriki", rules.SHARE),
    ("2 d ·", rules.TIMESTAMP),  # a social post's age
    ("Jana saa 10:00", rules.TIMESTAMP),
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
    ("Bundesliga: Bayern München gegen Borussia Dortmund", rules.FOREIGN),
    ("Fans celebrate after the match in Munich", rules.FOREIGN),
    ("Die Spieler feiern im Stadion nach dem Sieg.", rules.FOREIGN),
    ("Sikiliza Matangazo Yetu", rules.BROADCAST),
    ("Fuatilia BBC Swahili kwenye YouTube na Instagram", rules.BROADCAST),
    ("Sikiliza VOA Swahili kila siku kupitia redio washirika wetu.", rules.BROADCAST),
    ("Pakua programu ya Habari za UN kwenye simu yako", rules.BROADCAST),
    ("Tuandikie: habari@redio.or.tz", rules.BROADCAST),
    (
        "Kwa maoni na ushauri kuhusu vipindi wasiliana nasi kupitia barua pepe "
        "habari@redio.or.tz au kwa simu namba +255 22 211 0000 wakati wowote.",
        rules.CONTACT,
    ),
    ("Simu: 0754 123 456", rules.CONTACT),
    ("S.L.P 9033, Dar es Salaam", rules.CONTACT),
    (
        "Ofisi zetu ziko Mtaa wa Samora, jengo la Posta, ghorofa ya tatu, Dar es Salaam. "
        "S.L.P 1234. Simu +255 22 212 3456.",
        rules.CONTACT,
    ),
    (
        "Kwa matangazo na salamu piga 0282 500 956 au tuma ujumbe kwa barua pepe "
        "studio@redio.or.tz",
        rules.CONTACT,
    ),
    ("Share this:", rules.SHARE),
    ("Like this:", rules.SHARE),
    ("Loading...", rules.SHARE),
    ("\u2022 Yanga yapoteza mchezo wa kirafiki", rules.RELATED),
    ("- Azam yasajili kipa mpya kutoka Ghana", rules.RELATED),
    ("Idhaa ya Kiswahili, Uchumi, Michezo, Facebook, Twitter", rules.NAVIGATION),
    ("Habari Michezo Biashara Burudani Facebook", rules.NAVIGATION),
    ("Ruka sehemu inayofuata Habari zaidi", rules.NAVIGATION),
    ("Mhariri\uff1aLi Ming", rules.CREDIT),
    ("Soma Zaidi Bei ya pamba yapanda Simiyu", rules.READ_MORE),
    ("Tunatumia vidakuzi (cookies) kuboresha huduma zetu kwenye tovuti hii.", rules.COOKIES),
    ("We use cookies to improve your experience on our website.", rules.COOKIES),
    ("Jiunge na jarida letu", rules.NEWSLETTER),
    ("Pata habari za kilimo kila Ijumaa moja kwa moja kwenye barua pepe yako.", rules.NEWSLETTER),
    ("Jiandikishe kupokea jarida la kila wiki", rules.NEWSLETTER),
    ("2 Mbeya City 10 5 3 2 18", rules.TABLE),
    ("3", rules.LABEL),
    ("Shiriki habari hii: WhatsApp | Facebook | X", rules.SHARE),
]


@pytest.mark.parametrize(("furniture", "reason"), FURNITURE)
def test_furniture_is_dropped_with_its_reason(furniture: str, reason: str) -> None:
    result = import_article(STORY.format(furniture=furniture))
    assert Dropped(furniture, reason) in result.dropped
    body = " ".join(str(v) for block in result.article["body"] for v in block.values())
    assert furniture not in body and furniture not in result.article["summary"]


@pytest.mark.parametrize(("furniture", "reason"), FURNITURE)
def test_furniture_costs_no_sentence_of_the_story(furniture: str, reason: str) -> None:
    article = import_article(STORY.format(furniture=furniture)).article
    assert article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")
    assert article["body"] == [
        {"paragraph": "Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao "
         "kwa bodi wiki ijayo."}
    ]  # fmt: skip


STORY_LINES = [
    "Maoni ya wananchi yalikuwa mengi katika mkutano huo",  # "maoni" begins a sentence
    "Watu 5 wamefariki",
    # A sentence that gives an address is news, not a contact block.
    "Polisi wamewaomba wananchi wenye taarifa kuwasiliana nao kupitia barua pepe "
    "polisi@mkoa.go.tz au namba 0754 000 111 ili kusaidia uchunguzi.",
    # A long statement in English, quoted in a Swahili story, is the journalist's choice.
    "The ministry said in a statement that it would review the coffee prices together with "
    "the cooperative unions before the end of the current harvest season in the south.",
    # A heading with a German name in it is Swahili all the same.
    "Ursula von der Leyen awasili Mbinga",
    # A number to call inside a story sentence, however it is worded.
    "Wakulima wanaweza kutuma ujumbe mfupi au kupiga simu namba 0754 000 111 kuripoti "
    "wanunuzi wanaolipa chini ya bei elekezi, kwa matangazo ya bodi.",
    # A broadcaster named inside a story sentence.
    "Idhaa ya Kiswahili ya DW ilizungumza na wakulima kadhaa ambao walisema bei hiyo "
    "haiwezi kulipia gharama za mbolea.",
]


@pytest.mark.parametrize("line", STORY_LINES)
def test_story_lines_that_look_like_furniture_stay(line: str) -> None:
    result = import_article(STORY.format(furniture=line))
    body = [next(iter(block.values())) for block in result.article["body"]]
    assert line in body
    assert not result.dropped


def test_a_bulleted_list_of_sentences_stays_without_its_bullets() -> None:
    bullets = (
        "\u2022 Serikali itaongeza bei elekezi ya kahawa kwa asilimia kumi.\n"
        "\u2022 Vyama vya ushirika vitalipwa madeni yao kabla ya Juni."
    )
    body = import_article(STORY.format(furniture=bullets)).article["body"]
    assert body[:2] == [
        {"paragraph": "Serikali itaongeza bei elekezi ya kahawa kwa asilimia kumi."},
        {"paragraph": "Vyama vya ushirika vitalipwa madeni yao kabla ya Juni."},
    ]


@pytest.mark.parametrize(
    "block",
    [
        "Mkulima akianika kahawa katika kijiji cha Litembo.\nPicha: Maktaba/Mwangaza",
        "Picha: Maktaba/Mwangaza\nMkulima akianika kahawa katika kijiji cha Litembo.",
        "Kaffeebauern bei der Ernte in Mbinga\nMkulima akianika kahawa kijijini Litembo",
    ],
)
def test_a_caption_beside_its_credit_or_alt_text_is_not_story(block: str) -> None:
    result = import_article(STORY.format(furniture=block))
    body = result.article["body"]
    assert body == [
        {"paragraph": "Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao "
         "kwa bodi wiki ijayo."}
    ]  # fmt: skip
    caption = next(line for line in block.splitlines() if "Mkulima" in line)
    assert Dropped(caption, rules.PHOTO) in result.dropped


def test_a_caption_above_the_lead_does_not_become_the_summary() -> None:
    caption = "Mkulima akianika kahawa katika kijiji cha Litembo.\nPicha: Maktaba/Mwangaza"
    page = STORY.format(furniture="").replace("12 Machi 2024\n", f"12 Machi 2024\n\n{caption}\n")
    article = import_article(page).article
    assert article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")


def test_a_short_paragraph_beside_a_caption_block_stays() -> None:
    # Blank lines part the credit from the story: the paragraph is the journalist's.
    page = STORY.format(furniture="Picha: Maktaba/Mwangaza").replace(
        "\n\nMwenyekiti", "\n\nKahawa ni zao kuu.\n\nMwenyekiti"
    )
    body = import_article(page).article["body"]
    assert body[0] == {"paragraph": "Kahawa ni zao kuu."}


def test_a_caption_run_onto_a_paragraph_leaves_the_paragraph() -> None:
    paragraph = (
        "Wakulima hao walisema wamekuwa wakiuza kahawa yao kwa walanguzi kwa sababu vyama vya "
        "ushirika vimechelewa kuwalipa fedha za msimu uliopita."
    )
    caption = "Wakulima sokoni MbingaPicha: Juma Mussa/Mwangaza"
    result = import_article(STORY.format(furniture=paragraph + caption))
    assert result.article["body"][0] == {"paragraph": paragraph}
    assert Dropped(caption, rules.PHOTO) in result.dropped


def test_a_lead_a_copy_left_against_a_photo_credit_stays() -> None:
    page = (
        STORY.format(furniture="")
        .replace("\nWakulima wa kahawa", "\nPicha: Maktaba/Mwangaza\nWakulima wa kahawa")
        .replace("msimu huu.", "msimu huu, wakisema haiwezi kulipia gharama za mbolea na vibarua.")
    )
    article = import_article(page).article
    assert article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")


def test_a_box_of_related_links_inside_the_story_is_dropped() -> None:
    box = "Kuhusu mada hiyo\nBei ya pamba yapanda Simiyu\nWakulima wa chai walalamika"
    result = import_article(STORY.format(furniture=box))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert {d.text for d in result.dropped if d.reason == rules.RELATED} == set(box.splitlines())


def test_a_box_closed_by_mwisho_wa_is_dropped_without_its_skip_link() -> None:
    box = "Zilizosomwa zaidi\n1\nBei ya pamba yapanda Simiyu\n2\nWakulima wa chai walalamika"
    result = import_article(STORY.format(furniture=box + "\nMwisho wa Zilizosomwa zaidi"))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert "Bei ya pamba yapanda Simiyu" in {d.text for d in result.dropped}


def test_a_skip_link_box_after_the_story_is_dropped_with_its_links() -> None:
    box = (
        "Ruka sehemu inayofuata Zaidi kutoka Tanzania\nZaidi kutoka Tanzania\n"
        "Wakulima wa chai walalamika\n14.03.2024\nBei ya pamba yapanda Simiyu"
    )
    page = STORY.format(furniture="") + box + "\n"
    body = import_article(page).article["body"]
    assert [b["paragraph"][:10] for b in body] == ["Mwenyekiti"]


def test_a_bare_read_also_line_takes_the_headline_under_it() -> None:
    result = import_article(STORY.format(furniture="Soma pia\nBei ya pamba yapanda Simiyu"))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("Bei ya pamba yapanda Simiyu", rules.READ_MORE) in result.dropped


def test_a_cookie_notice_above_the_page_is_not_the_lead() -> None:
    notice = (
        "Tovuti hii inatumia vidakuzi (cookies) ili kuboresha huduma zetu. Kwa kuendelea "
        "kuitumia, unakubali sera yetu ya vidakuzi.\nKubali\n\n"
    )
    result = import_article(notice + STORY.format(furniture=""))
    assert result.article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")
    assert result.article["title"] == "Wakulima walalamikia bei ya kahawa"
    assert Dropped("Kubali", rules.COOKIES) in result.dropped


def test_a_cookie_box_takes_only_its_buttons_not_the_site_header_under_it() -> None:
    notice = (
        "Tovuti hii inatumia vidakuzi (cookies) ili kukupa huduma bora zaidi.\n"
        "Kubali zote\nMipangilio ya vidakuzi\nGazeti Letu\nJumanne, Machi 12, 2024\nIngia\n\n"
    )
    result = import_article(notice + STORY.format(furniture=""))
    cookies = [d.text for d in result.dropped if d.reason == rules.COOKIES]
    assert cookies[1:] == ["Kubali zote", "Mipangilio ya vidakuzi"]
    assert result.article["title"] == "Wakulima walalamikia bei ya kahawa"
    assert str(result.article["date"]).startswith("2024-03-12")


def test_a_newsletter_box_title_and_consent_line_are_not_story() -> None:
    box = (
        "JARIDA LA GAZETI\nPata habari kuu kwenye barua pepe yako kila asubuhi.\n"
        "Jisajili\nKwa kujisajili unakubali Masharti na Sera ya Faragha."
    )
    result = import_article(STORY.format(furniture=box))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("JARIDA LA GAZETI", rules.NEWSLETTER) in result.dropped


def test_reader_comments_under_the_story_are_not_read() -> None:
    comments = (
        "Maoni (2)\nAsha M. · saa 3 zilizopita\nBei hii inatuumiza sana wakulima.\n"
        "Jibu · Penda (4)\nJuma K. · jana\nSerikali iingilie kati.\n"
    )
    result = import_article(STORY.format(furniture="") + "\n" + comments)
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("Bei hii inatuumiza sana wakulima.", rules.COMMENTS) in result.dropped
    assert Dropped("Serikali iingilie kati.", rules.COMMENTS) in result.dropped


DW_PAGE = """Mvua kubwa yaleta mafuriko Kigoma
Mvua kubwa iliyonyesha usiku kucha imesababisha mafuriko katika mitaa kadhaa ya mji wa Kigoma.
Marie-Claire Niyonzima Bukuru
12.03.2024
Flooded street in Kigoma town
Wakaazi wakivuka barabara iliyofurika, Machi 11, 2024.
Picha: Juma Ali/DW
Watu kumi wamepoteza makaazi yao, kwa mujibu wa serikali ya mkoa, na uokoaji unaendelea.
Wakaazi wameiomba serikali kusafisha mifereji kabla ya msimu ujao wa mvua kuanza tena.
"""


def test_a_hyphenated_name_under_the_lead_beside_the_date_is_the_byline() -> None:
    result = import_article(DW_PAGE)
    assert result.article["author"] == "Marie-Claire Niyonzima Bukuru"
    assert all("Marie-Claire" not in str(b) for b in result.article["body"])


def test_a_dated_caption_between_alt_text_and_credit_is_not_story() -> None:
    result = import_article(DW_PAGE)
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Watu kumi ", "Wakaazi wa"]
    assert Dropped("Wakaazi wakivuka barabara iliyofurika, Machi 11, 2024.", rules.PHOTO) in (
        result.dropped
    )


def test_an_audio_box_with_a_titled_clip_between_paragraphs_is_not_read() -> None:
    box = "Sikiliza\nWakulima wa Mbinga wasimulia msimu mgumu\nSauti\n4'05\"\nPakua"
    result = import_article(STORY.format(furniture=box))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("Wakulima wa Mbinga wasimulia msimu mgumu", rules.MEDIA) in result.dropped


def test_an_archive_caption_under_its_credit_is_not_story() -> None:
    photo = "\u00a9 UNICEF/Asha Juma\nMkulima akichuma kahawa shambani kwake Mbinga. (Maktaba)"
    result = import_article(STORY.format(furniture=photo))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert any(d.text.endswith("(Maktaba)") and d.reason == rules.PHOTO for d in result.dropped)


FORWARD = """Imesambazwa mara nyingi
\U0001f6a8 TAHADHARI: MVUA KUBWA YATARAJIWA MBINGA \U0001f327\ufe0f

\u270d\ufe0f Imetumwa na: Asha Juma Mussa, Songea

Mamlaka ya hali ya hewa imetoa tahadhari ya mvua kubwa wilayani Mbinga kwa siku tatu zijazo.

Wakulima wameshauriwa kuvuna kahawa iliyoiva mapema kabla mvua hazijaanza kunyesha.

#Mbinga #HaliYaHewa

\U0001f64f SAMBAZA ujumbe huu kwa wakulima wote unaowajua. Unaweza kuokoa mavuno! \U0001f64f
"""


def test_a_forwarded_post_gives_byline_hashtag_categories_and_a_bare_headline() -> None:
    result = import_article(FORWARD)
    assert result.article["title"] == "TAHADHARI: MVUA KUBWA YATARAJIWA MBINGA"
    assert result.article["author"] == "Asha Juma Mussa"
    assert result.article["categories"] == ["Mbinga", "HaliYaHewa"]


def test_a_forwarded_post_s_label_hashtags_and_plea_to_share_are_not_read() -> None:
    result = import_article(FORWARD)
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Wakulima w"]
    assert Dropped("Imesambazwa mara nyingi", rules.LABEL) in result.dropped
    assert any(d.text.startswith("\U0001f64f SAMBAZA") for d in result.dropped)


def test_a_long_french_consent_box_with_its_title_is_a_cookie_notice() -> None:
    notice = (
        "Nous respectons votre vie privée\n"
        + "Avec votre accord, nous et nos partenaires utilisons des cookies pour stocker et "
        "consulter des données personnelles telles que votre visite sur ce site internet, "
        "les adresses IP et les identifiants de cookie, et vous pouvez retirer votre "
        "consentement à tout moment en allant sur notre politique de confidentialité sur "
        "ce site internet.\nAccepter et fermer\nParamétrer les cookies\nContinuer sans accepter\n\n"
    )
    result = import_article(notice + STORY.format(furniture=""))
    assert result.article["title"] == "Wakulima walalamikia bei ya kahawa"
    assert result.article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")
    assert Dropped("Continuer sans accepter", rules.COOKIES) in result.dropped


def test_a_byline_under_the_dates_after_the_lead_is_the_author() -> None:
    page = STORY.format(furniture="").replace("Na Juma Mussa\n12 Machi 2024\n", "")
    lead = "Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.\n"
    stamps = "Imechapishwa : 12/03/2024 - 16:05\nImehaririwa : 12/03/2024 - 17:20\nDakika 3\n"
    result = import_article(page.replace(lead, lead + stamps + "Na : Asha Juma\n"))
    assert result.article["author"] == "Asha Juma"
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("Dakika 3", rules.LABEL) in result.dropped


POST = """Redio Mbinga 90.1
12 Machi 2024 saa 4:30 asubuhi \u00b7 \U0001f30d

BEI YA KAHAWA YASHUKA MBINGA \u2615

Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.

Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi wiki ijayo.

\u270d\ufe0f Asha Juma, Redio Mbinga Habari
\U0001f4fb Redio Mbinga 90.1! Usisahau ku-like na ku-share ukurasa huu \U0001f64f
See less
All reactions:
Mama Neema
Pole sana wakulima wetu, Mungu awasaidie.
2h
"""


def test_a_social_post_s_dated_page_line_sign_off_and_comments() -> None:
    result = import_article(POST)
    assert result.article["title"] == "BEI YA KAHAWA YASHUKA MBINGA"
    assert str(result.article["date"]).startswith("2024-03-12")
    assert result.article["author"] == "Asha Juma"
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]


def test_a_station_page_named_with_its_town_is_the_publisher() -> None:
    result = import_article(POST.replace("Redio Mbinga 90.1\n", "Redio Mbinga 90.1 Mbinga\n", 1))
    assert result.article["source"] == {"name": "Redio Mbinga"}


def test_a_topic_list_after_the_story_gives_categories_when_none_above() -> None:
    topics = "\nMada zinazohusiana\nKilimo\nKahawa\nShiriki Facebook WhatsApp X\n"
    result = import_article(STORY.format(furniture="") + topics)
    assert result.article["categories"] == ["Kilimo", "Kahawa"]
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]


def test_emoji_around_a_post_s_paragraphs_are_not_kept_but_every_word_is() -> None:
    page = FORWARD.replace("kunyesha.", "kunyesha. \U0001f327\ufe0f").replace(
        "Mamlaka ya hali", "\U0001f4e2 Mamlaka ya hali"
    )
    result = import_article(page)
    assert result.article["summary"].startswith("Mamlaka ya hali ya hewa")
    assert result.article["body"][0]["paragraph"].endswith("hazijaanza kunyesha.")


def test_a_key_points_box_above_the_lead_is_not_read() -> None:
    box = (
        "Mambo muhimu\n\u2022 Bei ya kahawa imeshuka kwa asilimia kumi msimu huu.\n"
        "\u2022 Wakulima watawasilisha malalamiko kwa bodi.\n"
    )
    page = STORY.format(furniture="").replace("12 Machi 2024\n", f"12 Machi 2024\n{box}")
    result = import_article(page)
    assert result.article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")
    assert all("Bei ya kahawa imeshuka" not in str(b) for b in result.article["body"])
    assert Dropped("Mambo muhimu", rules.KEY_POINTS) in result.dropped


def test_a_table_inside_the_story_is_not_read_as_paragraphs() -> None:
    table = "MSIMAMO WA LIGI\nTimu P W D L Pts\n1 Mbeya City 10 7 2 1 23\n2 Prisons 10 6 2 2 20"
    result = import_article(STORY.format(furniture=table))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("MSIMAMO WA LIGI", rules.TABLE) in result.dropped


@pytest.mark.parametrize(
    "caption",
    [
        "Wakulima wakianika kahawa kijijini Litembo jana. Picha na Maktaba",
        "Wakulima wakianika kahawa kijijini Litembo jana PICHA JUMA MUSSA",
        "Wakulima wakianika kahawa kijijini Litembo jana.\n\u00a9 FAO/Juma Mussa",
    ],
)
def test_a_caption_with_its_credit_at_the_end_or_under_it_is_not_story(caption: str) -> None:
    result = import_article(STORY.format(furniture=caption))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]


def test_an_audio_box_inside_the_story_is_not_read() -> None:
    box = "Sauti\nPakua\nMwenyekiti akizungumza na redio yetu\nDakika 3 sekunde 12"
    result = import_article(STORY.format(furniture=box))
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]
    assert Dropped("Dakika 3 sekunde 12", rules.MEDIA) in result.dropped


def test_an_english_byline_is_the_byline() -> None:
    page = STORY.format(furniture="").replace("Na Juma Mussa", "By Juma Mussa")
    result = import_article(page)
    assert result.article["author"] == "Juma Mussa"
    assert all(d.reason != rules.FOREIGN for d in result.dropped)


def test_a_reporter_named_alone_under_the_lead_is_the_byline() -> None:
    page = (
        "Wakulima walalamikia bei ya kahawa | Afrika | DW | 12.03.2024\n"
        "Wakulima walalamikia bei ya kahawa\n"
        "Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.\n"
        "Kaffeebauern bei der Ernte in MbingaPicha: Juma Mussa/DW\n"
        "Amina Saidi\nhttps://p.dw.com/p/4AbCd\n"
        "Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi.\n"
    )
    result = import_article(page)
    assert result.article["author"] == "Amina Saidi"
    assert all("Amina" not in str(b) for b in result.article["body"])


def test_a_reporter_above_the_town_and_date_is_the_byline() -> None:
    page = STORY.format(furniture="").replace(
        "Na Juma Mussa\n12 Machi 2024", "Amina Saidi\nMwanza\n12.03.2024 10:15"
    )
    assert import_article(page).article["author"] == "Amina Saidi"


def test_a_town_run_into_an_unpunctuated_byline_is_not_the_name() -> None:
    page = STORY.format(furniture="").replace("Na Juma Mussa", "Na Juma Mussa Litembo")
    page = page.replace("wilayani Mbinga", "kijijini Litembo wilaya ya Mbinga")
    assert import_article(page).article["author"] == "Juma Mussa"


def test_a_json_site_domain_names_its_publisher() -> None:
    record = {
        "headline": "Wakulima walalamikia bei ya kahawa",
        "site": "thecitizen.co.tz",
        "published_at": "2024-03-12T06:00:00+03:00",
        "body_html": "<p>Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo msimu huu.</p>"
        "<p>Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi.</p>",
    }
    article = import_article(json.dumps(record)).article
    assert article["source"] == {"name": "The Citizen"}


def test_a_posted_line_after_the_story_dates_it() -> None:
    page = STORY.format(furniture="").replace("12 Machi 2024\n", "")
    result = import_article(page + "Imewekwa tarehe 14/03/2024 saa 4:00 asubuhi\n")
    assert str(result.article["date"])[:10] == "2024-03-14"
    assert "date_assumed" not in result.article


def test_section_links_side_by_side_are_separate_categories() -> None:
    page = "Kilimo Biashara\n" + STORY.format(furniture="")
    assert import_article(page).article["categories"] == ["Kilimo", "Biashara"]


def test_forum_replies_after_the_first_post_are_not_story() -> None:
    replies = (
        "Reactions: Mkulima_Halisi and 12 others\n#2\n"
        "Poleni sana wakulima. Serikali iingilie kati haraka sana.\n"
    )
    result = import_article(STORY.format(furniture="") + replies)
    assert [b["paragraph"][:10] for b in result.article["body"]] == ["Mwenyekiti"]


def test_a_german_caption_is_not_a_heading() -> None:
    caption = "Kaffeebauern bei der Ernte in Mbinga"
    result = import_article(STORY.format(furniture=caption))
    assert not any("heading" in block for block in result.article["body"])
    assert Dropped(caption, rules.FOREIGN) in result.dropped


# A DW-shaped page: the broadcaster's block after the story, a box of it inside the story.
BROADCASTER_PAGE = """Wakulima walalamikia bei ya kahawa
Na Juma Mussa
12 Machi 2024

Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.

Sikiliza Matangazo Yetu
Bonyeza hapa

Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi wiki ijayo.

Mwandishi: Juma Mussa
Mhariri: Amina Saidi

Sikiliza Matangazo Yetu
Matangazo ya redio ya idhaa hii hupatikana kila siku kupitia redio washirika barani Afrika; \
ili kuyasikiliza bonyeza alama ya spika iliyoko juu ya ukurasa huu.
Asubuhi: 06:00 - 06:30 UTC
Masafa ya FM na mawimbi mafupi
Tuandikie: habari@redio.or.tz
Tufuate kwenye Facebook, Twitter na Instagram ili kupata habari zetu kila siku.
Vipindi vyetu
"""


def test_a_broadcasters_block_is_dropped_and_no_story_sentence_with_it() -> None:
    result = import_article(BROADCASTER_PAGE)
    article = result.article
    assert article["summary"] == (
        "Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu."
    )
    assert article["body"] == [
        {"paragraph": "Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao "
         "kwa bodi wiki ijayo."}
    ]  # fmt: skip
    assert article["author"] == "Juma Mussa"
    footer = {d.text for d in result.dropped if d.reason == rules.BROADCAST}
    assert "Vipindi vyetu" in footer and "Bonyeza hapa" in footer
    assert any(text.startswith("Tufuate kwenye Facebook") for text in footer)


def test_a_story_in_one_paragraph_above_the_footer_keeps_its_body() -> None:
    story = (
        "Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu. "
        "Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi."
    )
    footer = BROADCASTER_PAGE.split("Mhariri: Amina Saidi\n\n")[1]
    page = f"Wakulima walalamikia bei ya kahawa | Kilimo | DW | 12.03.2024\n\n{story}\n\n{footer}"
    article = import_article(page).article
    assert article["summary"] == story.split(". ")[0] + "."
    assert article["body"] == [{"paragraph": story.split(". ")[1]}]


def test_a_footer_paragraph_is_never_the_lead() -> None:
    footer = BROADCASTER_PAGE.split("Mhariri: Amina Saidi\n\n")[1]
    page = footer + "\n" + STORY.format(furniture="")
    article = import_article(page).article
    assert article["title"] == "Wakulima walalamikia bei ya kahawa"
    assert article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")


@pytest.mark.parametrize(
    ("label", "categories"),
    [
        ("Idhaa ya Kiswahili, Uchumi, Michezo, Facebook, Twitter", None),
        ("Habari | Uchumi | Michezo | Afya | Video", None),
        ("Uchumi | Kilimo", ["Uchumi", "Kilimo"]),
        ("Kilimo", ["Kilimo"]),
    ],
)
def test_navigation_runs_are_not_categories(label: str, categories: list[str] | None) -> None:
    article = import_article(label + "\n\n" + STORY.format(furniture="")).article
    assert article.get("categories") == categories


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


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Na Juma Mussa, Dodoma", "Juma Mussa"),  # the town it was filed from
        ("Na Juma Mussa, Dar es Salaam", "Juma Mussa"),
        ("Na Juma Mussa Mbeya", "Juma Mussa"),  # unpunctuated: a known town ends it
        ("Na Juma Mussa Kibwana", "Juma Mussa Kibwana"),  # a third name stays
        ("Na Mwandishi Wetu", "Mwandishi Wetu"),  # the newsroom's own byline
        ("Na Mwandishi Wetu, Arusha", "Mwandishi Wetu"),
    ],
)
def test_a_byline_gives_the_reporters_name_alone(byline: str, author: str) -> None:
    page = STORY.replace("Na Juma Mussa", byline).format(furniture="")
    assert import_article(page).article["author"] == author


@pytest.mark.parametrize(
    ("top", "foot", "station"),
    [
        ("Kahama FM 88.1\nSauti ya Wananchi", "", "Kahama FM"),  # the site header
        ("Redio Sauti ya Ziwa 95.6 FM", "", "Redio Sauti ya Ziwa"),
        ("", "\u00a9 2024 Pangani FM. Haki zote zimehifadhiwa.", "Pangani FM"),  # the footer
        ("", "", None),  # the station the story mentions is not the page's
    ],
)
def test_a_community_station_that_names_itself_is_the_source(
    top: str, foot: str, station: str | None
) -> None:
    mention = "Wakulima walisikiliza matangazo ya Mbinga FM kuhusu bei mpya ya kahawa jana."
    page = top + "\n\n" + STORY.format(furniture=mention) + "\n" + foot + "\n"
    article = import_article(page).article
    assert article.get("source") == ({"name": station} if station else None)
    assert article["author"] == "Juma Mussa"


def test_a_station_in_the_title_bar_is_source_and_author_when_there_is_no_byline() -> None:
    page = STORY.replace("Na Juma Mussa\n", "").format(furniture="")
    page = f"{HEADLINE} \u2013 Redio Sauti ya Ziwa\n\nHabari za Kanda\n\n" + page
    article = import_article(page).article
    assert (article["title"], article["categories"]) == (HEADLINE, ["Habari za Kanda"])
    assert article["source"] == {"name": "Redio Sauti ya Ziwa"}
    assert article["author"] == "Redio Sauti ya Ziwa"


def test_a_bare_name_under_the_headline_is_the_byline() -> None:
    page = STORY.replace("Na Juma Mussa\n12 Machi 2024\n", "Zainabu Mwakalinga\n").format(
        furniture="Wakulima sokoni mjini MbingaPicha: Juma Ali/DW"
    )
    assert import_article(page).article["author"] == "Zainabu Mwakalinga"


@pytest.mark.parametrize(
    ("above", "categories"),
    [
        ("Habari\nKitaifa", ["Habari", "Kitaifa"]),  # a breadcrumb, one section a line
        ("Mwananchi\nHabari\nKitaifa", ["Habari", "Kitaifa"]),  # the site's name is not one
        ("Vipindi\nMazingira Leo", ["Vipindi", "Mazingira Leo"]),
        ("Habari\nMichezo\nBiashara", None),  # three sibling sections: a menu
        ("HabariLeo", None),
        ("CRI Kiswahili", None),
        ("DRC", ["DRC"]),  # an acronym stays in capitals
        ("HABARI ZA KITAIFA", ["Habari za Kitaifa"]),
    ],
)
def test_labels_right_above_the_headline_are_its_categories(
    above: str, categories: list[str] | None
) -> None:
    page = "Nyumbani | Habari | Michezo | Biashara | Afya\n\n" + above + "\n" + STORY
    assert import_article(page.format(furniture="")).article.get("categories") == categories


def test_a_topic_under_the_date_beats_the_page_kind_above_the_title() -> None:
    page = STORY.replace("12 Machi 2024", "12 Machi 2024\nKilimo na chakula")
    article = import_article("Sauti\n\n" + page.format(furniture="")).article
    assert article["categories"] == ["Kilimo na chakula"]


# --- Title bars -----------------------------------------------------------------------------

HEADLINE = "Wakulima walalamikia bei ya kahawa"

# A page whose only headline is the browser's title bar; {dateline} when the bar has no date.
BAR_PAGE = """{bar}

Na Juma Mussa
{dateline}

Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu.

Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi wiki ijayo.
"""

# bar → title, categories, source, date (None: the page's own dateline, 12 Machi 2024)
TITLE_BARS = [
    (f"{HEADLINE} | Kilimo | DW | 23.11.2015", HEADLINE, ["Kilimo"], "DW Kiswahili", "2015-11-23"),
    (f"{HEADLINE} | Mwananchi", HEADLINE, None, "Mwananchi", None),
    (f"{HEADLINE} - BBC News Swahili", HEADLINE, None, "BBC News Swahili", None),
    (f"VOA Swahili - {HEADLINE}", HEADLINE, None, "VOA Swahili", None),
    (f"{HEADLINE} \u2013 Uchumi \u2013 Taifa Leo", HEADLINE, ["Uchumi"], "Taifa Leo", None),
    (f"{HEADLINE} \u2014 HabariLeo", HEADLINE, None, "HabariLeo", None),
    (f"{HEADLINE} : Habari za UN", HEADLINE, None, "Habari za UN", None),
    (f"{HEADLINE} \u00b7 www.ippmedia.com", HEADLINE, None, "Nipashe", None),
    (f"CRI Kiswahili | {HEADLINE}", HEADLINE, None, "CRI Kiswahili", None),
    (
        f"{HEADLINE} | Habari za Kitaifa | Nipashe | 5 Juni 2019",
        HEADLINE, ["Habari za Kitaifa"], "Nipashe", "2019-06-05",
    ),
    (f"{HEADLINE} | Kilimo | 23.11.2015", HEADLINE, ["Kilimo"], None, "2015-11-23"),
    # A community station naming itself in the bar is the source.
    (f"{HEADLINE} - Redio Jamii FM", HEADLINE, None, "Redio Jamii FM", None),
    ("Simba - Yanga zatoka sare | Mwanaspoti", "Simba - Yanga zatoka sare", None, "Mwanaspoti",
     None),
    (
        f"{HEADLINE} wilayani Mbinga msimu huu, wakisema haiwezi kulipia gharama za mbolea na "
        "usafiri | Kilimo | Taifa Leo",
        f"{HEADLINE} wilayani Mbinga msimu huu, wakisema haiwezi kulipia gharama za mbolea na "
        "usafiri", ["Kilimo"], "Taifa Leo", None,
    ),
    # Not title bars: a headline with a dash or a colon of its own stays whole.
    ("Simba - Yanga zatoka sare Kirumba", "Simba - Yanga zatoka sare Kirumba", None, None, None),
    ("Kahawa: bei yashuka tena Mbinga", "Kahawa: bei yashuka tena Mbinga", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("bar", "title", "categories", "source", "date"), TITLE_BARS)
def test_a_title_bar_gives_the_headline_alone(
    bar: str, title: str, categories: list[str] | None, source: str | None, date: str | None
) -> None:
    page = BAR_PAGE.format(bar=bar, dateline="" if date else "12 Machi 2024")
    article = import_article(page).article
    assert article["title"] == title
    assert article.get("categories") == categories
    assert article.get("source", {}).get("name") == source
    assert article["date"] == (date or "2024-03-12")
    assert article["summary"].startswith("Wakulima wa kahawa wilayani Mbinga")


@pytest.mark.parametrize(
    "own",
    [
        HEADLINE,  # the same words on the page, below the bar
        f"{HEADLINE} msimu huu wa mavuno",  # the bar cut the page's headline short
        "Bei ndogo ya kahawa yawakera wakulima wa Mbinga",  # the page words it its own way
    ],
)
def test_the_pages_own_headline_beats_the_title_bar(own: str) -> None:
    bar = f"{HEADLINE} | Kilimo | DW | 23.11.2015"
    page = BAR_PAGE.format(bar=bar + "\n\n" + own, dateline="")
    result = import_article(page)
    assert result.article["title"] == own
    assert result.article["categories"] == ["Kilimo"]
    assert result.article["date"] == "2015-11-23"
    bar_parts = [d.text for d in result.dropped if d.reason == rules.TITLE_BAR]
    assert bar_parts == [HEADLINE, "Kilimo | DW | 23.11.2015"]


def test_a_saved_pages_title_tag_is_read_as_a_title_bar() -> None:
    page = f"""<html><head><title>{HEADLINE} | Kilimo | DW | 23.11.2015</title></head>
<body><nav><a href="/">Nyumbani</a></nav><article><h1>{HEADLINE}</h1>
<p>Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu, wakisema
gharama za pembejeo zimepanda mara mbili tangu mwaka jana.</p>
<p>Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi ya kahawa
wiki ijayo, na kwamba wanachama wake wapatao elfu tatu wanasubiri majibu.</p>
<p>Bodi ya kahawa haijasema lolote kuhusu malalamiko hayo hadi sasa.</p>
</article></body></html>"""
    article = import_article(page).article
    assert (article["title"], article["date"]) == (HEADLINE, "2015-11-23")
    assert article["categories"] == ["Kilimo"]
    assert article["source"]["name"] == "DW Kiswahili"


SAVED_PAGE = """<html><head><title>{bar}</title></head><body>
<div class="breadcrumb">{crumbs}</div>
<article><h1>Wakulima walalamikia bei ya kahawa</h1><p>12 Machi 2024</p>
<p>Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo msimu huu, wakisema
gharama za pembejeo zimepanda mara mbili tangu mwaka jana.</p>
<p>Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi ya kahawa
wiki ijayo, na kwamba wanachama wake wapatao elfu tatu wanasubiri majibu.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("crumbs", "categories"),
    [
        ("<a>Nyumbani</a> \u203a <a>Habari</a> \u203a <a>Kilimo</a>", ["Habari", "Kilimo"]),
        ("<a>Kilimo</a>", ["Kilimo"]),
        # A whole menu in the breadcrumb's place: the title bar's section instead.
        ("<a>Habari</a> | <a>Uchumi</a> | <a>Michezo</a> | <a>Afya</a> | <a>Video</a>", ["Uchumi"]),
    ],
)
def test_a_breadcrumb_of_a_few_sections_gives_the_categories(
    crumbs: str, categories: list[str]
) -> None:
    page = SAVED_PAGE.format(bar=f"{HEADLINE} | Uchumi | Mwananchi", crumbs=crumbs)
    article = import_article(page).article
    assert article["categories"] == categories
    assert (article["title"], article["source"]["name"]) == (HEADLINE, "Mwananchi")


def test_a_saved_pages_byline_list_gives_the_reporter_alone() -> None:
    byline = (
        '<ul class="byline"><li>Muandishi, Amina Juma</li>'
        "<li>Nafasi, BBC News Swahili, Dodoma</li></ul>"
    )
    page = SAVED_PAGE.format(bar=f"{HEADLINE} - BBC News Swahili", crumbs="").replace(
        "</h1>", "</h1>" + byline
    )
    assert import_article(page).article["author"] == "Amina Juma"


def test_an_arc_export_maps_its_nested_fields() -> None:
    export = {
        "type": "story",
        "headlines": {"basic": HEADLINE},
        "subheadlines": {"basic": ""},
        "display_date": "2024-03-12T09:30:00+03:00",
        "credits": {"by": [{"type": "author", "name": "Asha Said", "org": "Mwananchi"}]},
        "taxonomy": {"primary_section": {"name": "Kilimo"}, "tags": [{"text": "kahawa"}]},
        "website_url": "https://www.mwananchi.co.tz/mw/kilimo/wakulima-walalamikia-4651234",
        "content_elements": [
            {"type": "text", "content": "Wakulima wa kahawa wamelalamikia bei ndogo ya zao."},
            {"type": "text", "content": "Chama cha ushirika kitapeleka malalamiko yao bodini."},
        ],
    }
    article = import_article(json.dumps(export)).article
    assert article["title"] == HEADLINE
    assert (article["date"], article["author"]) == ("2024-03-12T09:30:00+03:00", "Asha Said")
    assert article["categories"] == ["Kilimo"]  # the section, not the tags
    assert article["source"] == {"name": "Mwananchi", "url": export["website_url"]}


def test_a_dataset_record_on_a_publishers_address_names_its_source() -> None:
    record = {
        "headline": HEADLINE,
        "text": "Wakulima wa kahawa wamelalamikia bei ndogo ya zao hilo msimu huu.  "
        "Chama cha ushirika kitapeleka malalamiko yao kwa bodi wiki ijayo.",
        "url": "https://www.mwananchi.co.tz/mw/habari/wakulima-walalamikia-4710021",
    }
    article = import_article(json.dumps(record)).article
    assert article["source"] == {"name": "Mwananchi", "url": record["url"]}
    assert article["author"] == "Mwananchi"  # no byline: the publisher


def test_a_datasets_title_bar_loses_its_site() -> None:
    export = {
        "title": f"{HEADLINE} - BBC News Swahili",
        "date": "2024-03-12",
        "body": "Wakulima wa kahawa wilayani Mbinga wamelalamikia bei ndogo ya zao hilo.\n\n"
        "Mwenyekiti wa chama cha ushirika alisema watawasilisha malalamiko yao kwa bodi.",
    }
    article = import_article(json.dumps(export)).article
    assert article["title"] == HEADLINE
    assert article["source"]["name"] == "BBC News Swahili"


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
        "(GMT+03:00) 2024-03-12 18:44:17",
        "(GMT+08:00) 2024-03-12 18:44:17",
        "12.03.2024 16:05",
        "12-03-2024",
        "2024-03-12T16:05:00+03:00",
        "Mar 12, 2024",
        "12 Mac 2024",
        "12th March 2024",
        "Ilichapishwa 12 Machi 2024",
        "Imechapishwa: Jumanne, 12 Machi 2024 saa 4 asubuhi",
        "Published: March 12, 2024 10:30 AM",
        "Updated 12 March 2024",
        "12 Machi 2024 saa 10:30 jioni",
        "Machi 12, 2024 | 16:05 EAT",
        "2024/03/12 18:44",
        "12Mar 2024",
        "Saa 2 zilizopita | 12 Machi 2024",
    ],
)
def test_dates_as_pages_write_them(written: str) -> None:
    page = STORY.replace("12 Machi 2024", written).format(furniture="Shiriki")
    result = import_article(page)
    assert result.article["date"] == "2024-03-12"
    assert "date_assumed" not in result.article
    assert not any(written in d.text for d in result.dropped if d.reason != rules.TIMESTAMP)


def test_a_short_month_at_the_end_of_the_year() -> None:
    page = STORY.replace("12 Machi 2024", "18 Des 2024").format(furniture="Shiriki")
    assert import_article(page).article["date"] == "2024-12-18"


@pytest.mark.parametrize(
    "stamps",
    [
        "Imechapishwa: 12 Machi 2024\nImesasishwa: 14 Machi 2024",
        "Imesasishwa: 14 Machi 2024\nImechapishwa: 12 Machi 2024",
        "Updated: March 14, 2024\nPublished: March 12, 2024",
        "Imesasishwa: 14 Machi 2024 | Imechapishwa: 12 Machi 2024",
    ],
)
def test_the_published_date_wins_over_the_updated_one(stamps: str) -> None:
    page = STORY.replace("12 Machi 2024", stamps).format(furniture="Shiriki")
    assert import_article(page).article["date"] == "2024-03-12"


def test_an_updated_date_is_used_when_it_is_the_only_one() -> None:
    page = STORY.replace("12 Machi 2024\n", "").format(furniture="Shiriki")
    page += "\nImesasishwa: 12 Machi 2024 saa 10:30 jioni\n"
    assert import_article(page).article["date"] == "2024-03-12"


@pytest.mark.parametrize(
    "stamp",
    [
        "(GMT+08:00) 2020-03-12 18:44:17",
        "2020-03-12 18:44:17 | Chanzo: CRI",  # more than a date: used when nothing else is
        "(GMT+08:00) 2020-03-12 18:44:17 CRI Online",
    ],
)
def test_a_cri_timestamp_under_the_title_is_the_date(stamp: str) -> None:
    page = (
        "Habari\nChina yazindua treni mpya ya mizigo kwenda Afrika\n"
        f"{stamp}\n"
        "Treni mpya ya mizigo imeanza safari yake ya kwanza kutoka mjini Chongqing leo.\n"
        "Maafisa walisema itabeba bidhaa za kilimo na mashine kwa wateja wa Afrika.\n"
    )
    result = import_article(page)
    assert result.article["date"] == "2020-03-12"
    assert result.article["title"] == "China yazindua treni mpya ya mizigo kwenda Afrika"
    assert all(d.reason == rules.TIMESTAMP for d in result.dropped if "2020" in d.text)


@pytest.mark.parametrize("gap", ["  (GMT+03:00) ", "  ", " (GMT+03:00) "])
def test_a_timestamp_after_the_headline_on_its_line_is_the_date(gap: str) -> None:
    page = (
        f"Habari\n\nChina yazindua treni mpya ya mizigo kwenda Afrika{gap}2020-03-12 18:44:17\n\n"
        "Treni mpya ya mizigo imeanza safari yake ya kwanza kutoka mjini Chongqing leo.\n\n"
        "Maafisa walisema itabeba bidhaa za kilimo na mashine kwa wateja wa Afrika.\n"
    )
    article = import_article(page).article
    assert article["title"] == "China yazindua treni mpya ya mizigo kwenda Afrika"
    assert (article["date"], article.get("date_assumed")) == ("2020-03-12", None)


def test_a_date_inside_a_sentence_stays_in_it() -> None:
    line = (
        "Mkutano mkuu wa wakulima wa kahawa wa wilaya nzima utafanyika mjini Mbinga "
        "tarehe 18 Juni 2024"
    )
    article = import_article(STORY.format(furniture=line)).article
    assert {"paragraph": line} in article["body"]


def test_a_dateline_opening_the_story_gives_the_date_and_stays_in_it() -> None:
    lead = (
        "DODOMA, 18 Juni 2024 \u2014 Bunge limepitisha bajeti ya wizara ya maji kwa kura "
        "nyingi jioni hii."
    )
    page = f"Bunge lapitisha bajeti ya maji\n\nNa Asha Said\n\n{lead}\n\n" + (
        "Wabunge walisema miradi mipya itaanza mwezi ujao katika mikoa kumi.\n"
    )
    result = import_article(page)
    assert result.article["date"] == "2024-06-18"
    assert result.article["summary"] == lead


@pytest.mark.parametrize(
    "dateline",
    ["Dar es Salaam, Jumanne, Juni 18, 2024 (Xinhua) - ", "NAIROBI, Juni 18, 2024: "],
)
def test_datelines_with_weekdays_agencies_and_places_of_several_words(dateline: str) -> None:
    page = "Bunge lapitisha bajeti ya maji\n\n" + (
        f"{dateline}Bunge limepitisha bajeti ya wizara ya maji kwa kura nyingi jioni hii.\n\n"
        "Wabunge walisema miradi mipya itaanza mwezi ujao katika mikoa kumi.\n"
    )
    assert import_article(page).article["date"] == "2024-06-18"


def test_a_site_header_date_is_not_the_story_date() -> None:
    page = "Jumatano, 19 Juni 2024\n\n" + STORY.format(furniture="Shiriki")
    result = import_article(page)
    assert result.article["date"] == "2024-03-12"
    assert Dropped("Jumatano, 19 Juni 2024", rules.TIMESTAMP) in result.dropped


@pytest.mark.parametrize(
    "own",
    [
        "\n\nMBINGA, 12 Machi 2024 - Wakulima",  # a dateline opening the story
        "\n\nWakulima",  # a date after the story, where DW puts it
    ],
)
def test_a_site_header_date_above_the_title_loses_to_the_storys_own(own: str) -> None:
    page = "Jumatano, 19 Juni 2024\n\n" + STORY.replace("Na Juma Mussa\n12 Machi 2024", "")
    page = page.replace("\n\n\nWakulima", own, 1).format(furniture="Shiriki")
    if "MBINGA" not in own:
        page += "\n12.03.2024\n"
    result = import_article(page)
    assert result.article["date"] == "2024-03-12"
    assert Dropped("Jumatano, 19 Juni 2024", rules.TIMESTAMP) in result.dropped


def test_a_title_bar_date_is_found() -> None:
    title_bar = "Bayern bado yashikilia usukani | Michezo | DW | 23.11.2015"
    assert find_date(title_bar) == ("2015-11-23", 48, 58)


# --- Pages without a date -------------------------------------------------------------------

UNDATED = STORY.replace("12 Machi 2024\n", "")


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(UNDATED.format(furniture="Shiriki"), id="no date at all"),
        pytest.param(
            UNDATED.replace("Na Juma Mussa", "Na Juma Mussa\nSaa 2 zilizopita").format(
                furniture="Shiriki"
            ),
            id="relative timestamp",
        ),
        pytest.param(
            UNDATED.format(furniture="Mkutano mkuu wa chama utafanyika tarehe 12 Machi 2024."),
            id="a date in a sentence of the story",
        ),
        pytest.param('{"title": "Bei ya kahawa", "body": "<p>Wakulima wa kahawa wamelalamikia '
                     'bei ndogo.</p><p>Chama chao kitawasilisha malalamiko kwa bodi.</p>"}',
                     id="JSON without a date"),
    ],
)  # fmt: skip
def test_a_page_without_a_date_gets_today_marked_as_assumed(page: str) -> None:
    result = import_article(page, today=datetime.date(2026, 12, 4))
    article = result.article
    assert (article["date"], article["date_assumed"]) == ("2026-12-04", True)
    assert "no date on the page; date set to 2026-12-04 (today)" in result.notes[0]
    assert "delete date_assumed" in result.notes[0]
    assert parse_article(article).date_assumed


def test_an_assumed_date_is_written_for_review() -> None:
    result = import_article(UNDATED.format(furniture="Shiriki"), today=datetime.date(2026, 12, 4))
    lines = to_yaml(result.article, notes=result.notes).splitlines()
    assert lines.index("date: 2026-12-04") + 1 == lines.index("date_assumed: true")
    assert any(line.startswith("# Check: no date on the page") for line in lines)
    assert yaml.safe_load("\n".join(lines))["date_assumed"] is True


def test_without_a_given_today_the_date_is_today_in_east_africa() -> None:
    before = datetime.datetime.now(EAST_AFRICA).date()
    article = import_article(UNDATED.format(furniture="Shiriki")).article
    after = datetime.datetime.now(EAST_AFRICA).date()
    assert article["date"] in {before.isoformat(), after.isoformat()}


@pytest.mark.parametrize("page", [STORY, UNDATED])
def test_a_given_date_wins_and_is_not_assumed(page: str) -> None:
    result = import_article(
        page.format(furniture="Shiriki"),
        date=datetime.date(2024, 6, 18),
        today=datetime.date(2026, 12, 4),
    )
    assert result.article["date"] == "2024-06-18"
    assert "date_assumed" not in result.article
    assert not any("date" in note for note in result.notes)


# --- Errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "empty"),
        (b"  \n\n", "empty"),
        ("Na Juma Mussa\n12 Machi 2024\n\nShiriki\nFacebook\n", "no article text"),
        (STORY.split("\n", 2)[2].format(furniture=""), "no title"),
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


def test_speech_of_several_sentences_in_a_story_on_one_line_is_never_cut() -> None:
    speech = (
        "Hili si tatizo la mwaka mmoja tu. Tusipobadilisha namna tunavyolima na kuhifadhi "
        "maji ya mvua, njaa itarudi kila baada ya misimu miwili,"
    )
    story = (
        "Wakulima wa Same wameiomba serikali iwasaidie mbegu zinazostahimili ukame kabla ya "
        "msimu ujao wa kupanda unaotarajiwa kuanza mwezi Oktoba mwaka huu. Ukame umeathiri "
        "zaidi ya kaya elfu tatu katika wilaya ya Same mkoani Kilimanjaro tangu mwezi Januari "
        "mwaka huu. Mifugo mingi imekufa kwa kukosa malisho na maji, na wafugaji wameanza "
        "kuhamia wilaya jirani. Mtaalamu wa hali ya hewa kutoka chuo cha kilimo, Dkt. Yusufu "
        "Mrema, alionya kuwa bila mabadiliko katika sera ya kilimo, hali hiyo itajirudia. "
        f'"{speech}" alionya Dkt. Mrema. Serikali ya wilaya imetangaza kuwa chakula cha '
        "msaada kitagawiwa kwanza kwa wazee, wajane na kaya zenye watoto wadogo hadi hali "
        "itakapotengemaa."
    )
    result = import_article(f"Ukame waathiri kaya elfu tatu Same\n3 Aprili 2024\n{story}\n")
    paragraphs = story_paragraphs(result.article)
    assert len(paragraphs) >= 3 and " ".join(paragraphs) == story
    assert any(speech in p for p in paragraphs)  # the speech stays in one paragraph
    quotes = [q for b in result.article["body"] for q in b.get("quotes", ())]
    assert quotes == [{"text": speech, "speaker": "Yusufu Mrema"}]


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


# A story a dataset ran onto one line with single spaces (my own story): its sentences.
RUN_ON = [
    "Dar es Salaam.",
    "Wavuvi wa mwalo wa Kunduchi wamesitisha shughuli zao kwa siku tatu baada ya upepo mkali "
    "kuzamisha mitumbwi sita katika bahari ya Hindi.",
    "Mamlaka ya Hali ya Hewa ilikuwa imetoa tahadhari ya upepo huo tangu Jumatatu.",
    "Hata hivyo, wavuvi wengi walisema hawakupata taarifa hiyo kwa wakati.",
    "Mwenyekiti wa wavuvi wa Kunduchi, Bw. Salim Mzee, alisema hakuna mvuvi aliyepoteza maisha "
    "lakini nyavu na injini zenye thamani ya mamilioni zimepotea.",
    "\u201cTunaomba tahadhari zitumwe kwa ujumbe mfupi wa simu, kwa sababu wengi wetu hatuna "
    "redio baharini,\u201d alisema Mzee.",
    "Aidha, aliomba serikali iwasaidie wavuvi walioathirika kupata mikopo ya kununua zana mpya.",
    "Afisa uvuvi wa manispaa ya Kinondoni alisema timu ya wataalamu imeanza kutathmini hasara "
    "iliyotokea katika mialo yote ya wilaya hiyo.",
    "Alisema taarifa ya tathmini hiyo itawasilishwa kwa mkuu wa mkoa ndani ya wiki moja.",
    "Kwa upande wao, wafanyabiashara wa samaki katika soko la Feri walisema bei ya samaki "
    "imepanda kwa sababu ya uhaba uliosababishwa na hali hiyo.",
    "Kilo moja ya sato sasa inauzwa kwa shilingi elfu kumi na mbili kutoka elfu tisa.",
]


def test_a_run_on_story_leads_with_its_first_sentence_and_is_cut_like_a_newspaper() -> None:
    story = " ".join(RUN_ON)
    article = import_article(f"Upepo mkali wazamisha mitumbwi Kunduchi\n{story}\n").article
    paragraphs = story_paragraphs(article)
    assert " ".join(paragraphs) == story
    # The lead is the opening sentence, with the dateline the copy puts before it.
    assert article["summary"] == " ".join(RUN_ON[:2])
    # Paragraphs of one to three sentences, as Swahili papers print them.
    assert len(paragraphs) >= 5
    assert all(word_count(p) <= 60 for p in paragraphs)
    # A quotation stays with the sentence that names its speaker, inside a paragraph.
    assert not any(p.startswith("\u201c") for p in paragraphs)
    assert all("paragraph" in block for block in article["body"])


def test_a_short_quotation_stays_with_the_sentence_that_names_its_speaker() -> None:
    story = " ".join(
        [
            "Wafugaji wa ng'ombe wa maziwa mkoani Njombe wamepata soko jipya la uhakika.",
            "Kiwanda kipya cha kusindika maziwa kilichofunguliwa mjini Makambako kimeanza "
            "kununua lita elfu ishirini kwa siku kutoka kwa vikundi vya wafugaji wa wilaya nne "
            "za mkoa huo.",
            "Mmoja wa wafugaji hao, Bi. Rehema Mlowe wa kijiji cha Lyamkena, alisema kabla ya "
            "kiwanda hicho alikuwa akimwaga maziwa mara kwa mara kwa kukosa mnunuzi, hasa katika "
            "msimu wa mvua ambapo ng'ombe hutoa maziwa mengi.",
            "\u201cSasa kila tone lina bei,\u201d alisema Bi. Mlowe.",
            "Meneja wa kiwanda hicho alisema wanalipa shilingi mia nane kwa lita moja, na malipo "
            "hufanywa kila wiki kupitia simu ili wafugaji wasilazimike kusafiri hadi mjini "
            "kufuata fedha zao kwenye benki.",
            "Aidha, alisema kiwanda kinapanga kuongeza uwezo wake hadi lita elfu hamsini kwa siku "
            "ifikapo mwakani, iwapo wafugaji wataongeza idadi ya ng'ombe wa kisasa na kuboresha "
            "malisho yao.",
        ]
    )
    article = import_article(f"Wafugaji wa Njombe wapata soko la maziwa\n{story}\n").article
    quoted = next(b for b in article["body"] if "\u201cSasa" in b.get("paragraph", ""))
    assert quoted["paragraph"].startswith("Mmoja wa wafugaji hao")
    assert " ".join(story_paragraphs(article)) == story


def test_a_run_on_story_that_lost_its_full_stops_leads_with_its_first_sentence() -> None:
    lead = (
        "wakazi wa kijiji cha Mwembeni wilayani Kisarawe sasa wanapata maji safi baada ya "
        "kukamilika kwa mradi wa kisima uliogharimu shilingi milioni 320"
    )
    rest = (
        "Mradi huo umejengwa na wakala wa maji vijijini kwa kushirikiana na wananchi ambao "
        "walichimba mitaro ya mabomba bila malipo "
        "Akizungumza katika uzinduzi wa mradi huo mkuu wa wilaya alisema visima vingine vitano "
        "vitachimbwa katika vijiji jirani kabla ya mwisho wa mwaka "
        "Mkazi wa kijiji hicho Mwajuma Ali alisema wanawake walikuwa wakitembea kilomita nane "
        "kila siku kufuata maji mtoni na sasa watapata muda wa kufanya shughuli nyingine "
        "Aidha wazazi walisema watoto wao hawatachelewa tena shuleni kwa sababu ya kutafuta maji"
    )
    story = f"{lead} {rest}"
    article = import_article(f"Wakazi wa Mwembeni wapata maji safi\n{story}\n").article
    assert article["summary"] == lead  # the sentence ends after the amount, not inside it
    assert " ".join(story_paragraphs(article)) == story


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


# A run-on story with a long speech in straight marks (my own story).
SPEECH_RUN_ON = [
    "Wakulima wa mpunga katika bonde la Kilombero wamepata hasara kubwa baada ya mvua za masika "
    "kuchelewa kwa zaidi ya mwezi mmoja msimu huu.",
    "Mwenyekiti wa chama cha wakulima wa bonde hilo, Bw. Musa Kibiriti, alisema hali ni mbaya "
    "kuliko miaka yote aliyokumbuka.",
    '"Tulipanda mapema kama tulivyoshauriwa na maafisa ugani. Mvua iliponyesha mara moja tu, '
    "miche yote ilikauka shambani. Sasa hatuna mbegu za kupanda tena na mikopo ya benki "
    "inatudai kila mwezi. Tunaomba serikali itusaidie kabla ya msimu ujao kuanza. Bila msaada "
    'huo, familia nyingi zitashindwa kupeleka watoto shuleni mwaka huu," alisema Kibiriti.',
    "Afisa kilimo wa wilaya alisema timu yake imeanza kuhesabu mashamba yaliyoathirika ili "
    "kupata takwimu sahihi za hasara hiyo.",
    "Aliongeza kuwa mbegu za muda mfupi zitagawiwa kwa wakulima waliopoteza mazao yao yote "
    "kabla ya mwisho wa mwezi ujao.",
]


def test_a_run_on_story_is_never_cut_inside_a_quotation() -> None:
    story = " ".join(SPEECH_RUN_ON)
    article = import_article(f"Mvua zachelewa, wakulima wa Kilombero walia\n{story}\n").article
    paragraphs = story_paragraphs(article)
    assert " ".join(paragraphs) == story and len(paragraphs) >= 2
    # The speech reaches a listener whole, in the quote voice, with the man who said it.
    assert all(p.count('"') % 2 == 0 for p in paragraphs)
    speech = [q for b in article["body"] for q in b.get("quotes", [])]
    assert speech[0]["text"].startswith("Tulipanda mapema") and speech[0]["text"].endswith(
        "mwaka huu,"
    )


def test_a_link_and_share_buttons_run_into_a_one_line_story_are_dropped() -> None:
    link = "SOMA ZAIDI: Bandari ya Tanga yapokea meli kubwa ya mbolea"
    share = "Shiriki habari hii: Facebook Twitter WhatsApp"
    story = [*SPEECH_RUN_ON[:2], link, *SPEECH_RUN_ON[2:], share]
    article = import_article(f"Mvua zachelewa Kilombero\n{' '.join(story)}\n")
    paragraphs = story_paragraphs(article.article)
    # Every sentence of the story stays, the link and the buttons do not.
    assert " ".join(paragraphs) == " ".join(SPEECH_RUN_ON)
    assert Dropped(link, rules.READ_MORE) in article.dropped
    assert Dropped(share, rules.SHARE) in article.dropped


# --- Labels between a menu and the headline -----------------------------------------------

MENU_PAGE = """Wavuvi wa Kilwa wapata boti mpya | Mwananchi
Mwananchi
Habari
Kitaifa
Kimataifa
Biashara
Michezo
Makala
{labels}
Wavuvi wa Kilwa wapata boti mpya
Na Salma Hamisi
Jumanne, Machi 12, 2024
Wavuvi wa kijiji cha Kilwa Masoko wamepokea boti kumi mpya kutoka kwa halmashauri ya wilaya.
Mwenyekiti wa wavuvi alisema boti hizo zitasaidia kuongeza samaki wanaovuliwa kila siku.
{topics}
"""


def test_a_breadcrumb_under_the_menu_repeating_its_sections_names_the_categories() -> None:
    page = MENU_PAGE.format(labels="Habari\nKitaifa", topics="")
    assert import_article(page).article["categories"] == ["Habari", "Kitaifa"]


def test_a_kicker_under_the_menu_that_the_topics_below_repeat_names_the_categories() -> None:
    topics = "Mada zinazohusiana\nUvuvi\nTanzania"
    page = MENU_PAGE.format(labels="Uvuvi\nTanzania", topics=topics)
    assert import_article(page).article["categories"] == ["Uvuvi", "Tanzania"]


def test_a_menu_right_above_the_headline_names_no_categories() -> None:
    article = import_article(MENU_PAGE.format(labels="Burudani", topics="")).article
    assert "categories" not in article


# --- A news story reposted on a forum -------------------------------------------------------

FORUM_PAGE = """Moto wateketeza soko la Mwanjelwa | MbeyaForums | Sauti ya Wananchi Wote
Forums
Habari mpya
Jukwaa la Michezo
Habari za Mikoani
Log in
Home
Forums
Habari za Mikoani
Moto wateketeza soko la Mwanjelwa
Thread starter Mbeya_Yetu
Mbeya_Yetu
Member
Joined
Jan 5, 2015
Messages
812
Apr 9, 2024
#1
Moto mkubwa umeteketeza vibanda zaidi ya hamsini katika soko la Mwanjelwa usiku wa kuamkia leo.
Kamanda wa zimamoto wa mkoa alisema chanzo cha moto huo bado kinachunguzwa na hakuna aliyejeruhiwa.
BOFYA HAPA KUTAZAMA VIDEO YA MOTO HUO ⬇️
Wafanyabiashara wameiomba halmashauri kuwasaidia kujenga upya vibanda kabla ya msimu wa sikukuu.
"""


def test_a_forum_repost_reads_as_the_story_without_the_forums_furniture() -> None:
    result = import_article(FORUM_PAGE)
    article = result.article
    # The headline alone: not the forum's name and slogan from the title bar.
    assert article["title"] == "Moto wateketeza soko la Mwanjelwa"
    # The post's own day, not the day the member joined the forum.
    assert article["date"] == "2024-04-09"
    # The forum's section, not a label of the member's card.
    assert article["categories"] == ["Habari za Mikoani"]
    spoken = " ".join(story_paragraphs(article))
    assert "BOFYA" not in spoken and "heading" not in str(article["body"])
    assert spoken.endswith("kabla ya msimu wa sikukuu.")


def test_a_repost_credits_the_outlet_it_names_as_its_source() -> None:
    page = STORY.replace("Na Juma Mussa\n", "").format(furniture="Chanzo: Sauti ya Kahawa Blog")
    article = import_article(page).article
    assert article["source"] == {"name": "Sauti ya Kahawa Blog"}
    assert article["author"] == "Sauti ya Kahawa Blog"  # no byline: the credited outlet
    agency = STORY.replace("Na Juma Mussa\n", "").format(furniture="Chanzo: Reuters")
    assert "source" not in import_article(agency).article  # a news agency is not the outlet


PAGED_STORY = """Habari za Mikoa
Wafugaji wa nyuki wapata mizinga mipya
Imewekwa: 12/03/2024
Na Asha Selemani, Tabora
Wafugaji wa nyuki wa Ulyankulu wamepokea mizinga mia moja ya kisasa kutoka halmashauri.
Afisa nyuki wa wilaya alisema mizinga hiyo itaongeza mavuno ya asali kwa zaidi ya
Tangazo
Endelea kusoma
mara mbili, na kwamba wafugaji watafundishwa kuitunza.
Continue reading below
Mwenyekiti wa kikundi cha wafugaji alishukuru kwa msaada huo na kuahidi kuilinda mizinga
Ukurasa 1 2
Inayofuata »
Wafugaji wa nyuki wapata mizinga mipya
Imewekwa: 12/03/2024
Na Asha Selemani, Tabora
dhidi ya wezi na moto wa msituni.
App Store
Sikiliza habari hii · 2:10
Wafugaji wanatarajia kuuza asali yao katika soko la Tabora mwezi ujao.
« Iliyotangulia
Ukurasa 1 2
"""


def test_a_sentence_cut_by_an_ad_or_a_page_break_is_one_paragraph_again() -> None:
    result = import_article(PAGED_STORY)
    body = [b.get("paragraph") or b.get("heading") for b in result.article["body"]]
    # Each sentence is read whole, once, with no ad line, page link or repeated byline in it.
    assert body == [
        "Afisa nyuki wa wilaya alisema mizinga hiyo itaongeza mavuno ya asali kwa zaidi ya "
        "mara mbili, na kwamba wafugaji watafundishwa kuitunza.",
        "Mwenyekiti wa kikundi cha wafugaji alishukuru kwa msaada huo na kuahidi kuilinda "
        "mizinga dhidi ya wezi na moto wa msituni.",
        "Wafugaji wanatarajia kuuza asali yao katika soko la Tabora mwezi ujao.",
    ]
    dropped = {d.text for d in result.dropped}
    assert {"Continue reading below", "Inayofuata »", "« Iliyotangulia", "Ukurasa 1 2"} <= dropped
    assert {"App Store", "Sikiliza habari hii · 2:10"} <= dropped
    assert result.article["author"] == "Asha Selemani"


RELEASE = """OFISI YA MKUU WA MKOA WA LINDI
TAARIFA KWA VYOMBO VYA HABARI

UFUNGAJI WA SOKO KUU LA LINDI KWA AJILI YA UKARABATI

Ofisi ya Mkuu wa Mkoa inawatangazia wafanyabiashara kuwa Soko Kuu la Lindi litafungwa\
kwa wiki mbili kuanzia tarehe 3 Julai, 2024.

Wafanyabiashara watahamishiwa kwa muda katika uwanja wa shule ya msingi Mitandi.

"LINDI NI YETU"

Imetolewa na:
Kitengo cha Mawasiliano
OFISI YA MKUU WA MKOA
28 Juni, 2024

Rehema Nassoro
AFISA HABARI WA MKOA

S.L.P 1054,
LINDI.
Viungo Muhimu
Tovuti Kuu ya Serikali
"""


def test_a_press_release_ends_at_its_signature_and_names_its_issuer() -> None:
    article = import_article(RELEASE).article
    assert article["date"] == "2024-06-28"  # the day it was issued, not the closing day
    assert article["author"] == "Kitengo cha Mawasiliano, Ofisi ya Mkuu wa Mkoa"
    # The motto, signature, office and address are not read as the story.
    assert [b.get("paragraph") for b in article["body"]] == [
        "Wafanyabiashara watahamishiwa kwa muda katika uwanja wa shule ya msingi Mitandi."
    ]


MATCH_REPORT = """Michezo
Mabingwa wa Pwani waanza ligi kwa ushindi
Jumamosi, Agosti 10, 2024
Summary
Timu ya Pwani Stars imeanza msimu kwa ushindi wa mabao mawili kwa bila dhidi ya Kivu United.
Na Said Mnyampala
Zaidi na mwandishi huyu

MATUKIO YA MCHEZO
FT: Pwani Stars 2-0 Kivu United
Dakika ya 12: Bao! Omari anafunga kwa kichwa.
Dakika ya 80+1: Kadi nyekundu kwa beki wa Kivu

Mabao ya Omari Kitwana na Idd Mwinyi yaliwapa wenyeji pointi tatu mbele ya mashabiki wao.

Nahodha wa Kivu, Petro Mushi, alisema kwa ufupi: “Tutajipanga.”

Pwani Stars watacheza mechi yao ijayo ugenini wiki ijayo.
"""


def test_a_match_ticker_and_a_page_summary_label_are_not_read() -> None:
    result = import_article(MATCH_REPORT)
    article = result.article
    assert article["author"] == "Said Mnyampala"
    assert article["categories"] == ["Michezo"]  # "Summary" is the box's label
    body = article["body"]
    # Only the report: the ticker's score and minute lines are left out, and a short
    # paragraph ending in a quotation after its full stop is a paragraph, not a heading.
    assert [next(iter(b)) for b in body] == ["paragraph"] * 3
    assert body[0]["paragraph"].startswith("Mabao ya Omari Kitwana")
    assert body[1]["paragraph"].endswith("“Tutajipanga.”")
    dropped = {d.text for d in result.dropped}
    assert {"MATUKIO YA MCHEZO", "FT: Pwani Stars 2-0 Kivu United", "Summary"} <= dropped
    assert "Zaidi na mwandishi huyu" in dropped


GALLERY_FEATURE = """Habari za Dunia
Picha: WFP/Asha Mrema
Wavuvi wakishusha samaki ufukweni mwa Ziwa Tanganyika.
3 Machi 2024
Wavuvi wa Kigoma wapata masoko mapya
Wavuvi wa mkoa wa Kigoma wameanza kuuza samaki wao kwa wanunuzi wa nchi jirani kupitia chama.
1 ya 2
Wavuvi wakipima dagaa kwenye mizani.
Picha: WFP/Asha Mrema
2 ya 2
Soko la samaki la Kibirizi.
Picha: WFP/Asha Mrema
Wanachama wa chama hicho sasa hupata bei moja iliyokubaliwa kabla ya msimu kuanza.
Tazama pia
Bei ya dagaa yapanda Kigoma
Wakulima wa michikichi wapata mbegu bora
Changamoto za usafiri
Barabara mbovu bado zinachelewesha malori yanayobeba samaki kwenda mipakani.
"""


def test_a_gallery_and_a_caption_under_a_credit_are_not_read() -> None:
    article = import_article(GALLERY_FEATURE).article
    # The headline and first paragraph, not the top photo's caption.
    assert article["title"] == "Wavuvi wa Kigoma wapata masoko mapya"
    assert article["summary"].startswith("Wavuvi wa mkoa wa Kigoma")
    assert article["body"] == [
        {
            "paragraph": "Wanachama wa chama hicho sasa hupata bei moja iliyokubaliwa kabla ya "
            "msimu kuanza."
        },
        {"heading": "Changamoto za usafiri"},  # the link box ends at the next subheading
        {
            "paragraph": "Barabara mbovu bado zinachelewesha malori yanayobeba samaki kwenda "
            "mipakani."
        },
    ]


COLUMN = """MAONI
Tuwape watoto vitabu vya hadithi
NA ZAWADI KERUBO
Mei 4, 2024
Wiki hii nilitembelea maktaba ya kaunti na kukuta rafu za vitabu vya watoto zikiwa tupu kabisa.
Mkutubi mmoja aliniambia, "Vitabu vya watoto huazimwa vyote ndani ya siku mbili tu," kwa masikitiko.
"Vitabu vya watoto huazimwa vyote ndani ya siku mbili tu"
Serikali za kaunti zinapaswa kununua vitabu zaidi vya hadithi kwa lugha zetu.
Mwandishi ni mwalimu wa Kiswahili katika shule ya upili ya Kisii.
zkerubo@mfano.ac.ke
"""


def test_a_pull_quote_and_the_columnists_note_are_not_read() -> None:
    result = import_article(COLUMN)
    body = [b.get("paragraph") or b.get("quote") for b in result.article["body"]]
    # The quotation is heard once, in its paragraph; the writer's note is no story.
    assert len(body) == 2
    assert body[0].startswith("Mkutubi mmoja") and body[1].startswith("Serikali za kaunti")
    dropped = {d.text: d.reason for d in result.dropped}
    assert "Mwandishi ni mwalimu wa Kiswahili katika shule ya upili ya Kisii." in dropped
    assert dropped['"Vitabu vya watoto huazimwa vyote ndani ya siku mbili tu"'] == "pull quote"


EMBEDDED_POST = """Citizen Digital
Habari
Wavuvi wa Shimoni wapokea injini mpya
Imechapishwa Jul 2, 2024
Wavuvi wa Shimoni wamepokea injini ishirini za boti kutoka kwa serikali ya kaunti ya Kwale jana.
Gavana wa kaunti aliandika kwenye mtandao wa X:
Injini zimewasili salama Shimoni leo. Tutawasaidia wavuvi wote. #Kwale pic.twitter.com/Ab12Cd34
— Gavana Amina Said (@GavanaAmina) July 2, 2024
Wavuvi wanasema injini hizo zitawawezesha kuvua katika bahari kuu.
"""


def test_an_embedded_posts_credit_and_picture_link_are_not_read() -> None:
    result = import_article(EMBEDDED_POST)
    article = result.article
    assert article["source"] == {"name": "Citizen Digital"}
    paragraphs = [b["paragraph"] for b in article["body"]]
    # The post's words stay; its hashtag, picture link and credit line are not read.
    assert paragraphs[1] == ("Injini zimewasili salama Shimoni leo. Tutawasaidia wavuvi wote.")
    assert not any("@" in p or p.startswith("—") for p in paragraphs)
    assert "#Kwale pic.twitter.com/Ab12Cd34" in {d.text for d in result.dropped}


def test_an_audio_reports_label_under_the_story_is_not_read() -> None:
    page = STORY.format(
        furniture="Sikiliza ripoti\nSikiliza ripoti kamili ya Juma Mussa hapa chini."
    )
    spoken = " ".join(story_paragraphs(import_article(page).article))
    assert "Sikiliza" not in spoken and spoken.endswith("kwa bodi wiki ijayo.")


def test_a_byline_under_its_own_label_names_the_author() -> None:
    page = STORY.replace("Na Juma Mussa\n", "Author,\nNeema Mollel\nNafasi,\nBBC Swahili, Arusha\n")
    article = import_article(page.format(furniture="")).article
    assert article["author"] == "Neema Mollel"  # not the role line under it


@pytest.mark.parametrize(
    ("markup", "lines"),
    [
        # A row of spans a page lays out as lines: one line each, not run into one word.
        (
            "<div><span>Mwandishi, Salma Khamis</span><span>Nafasi, BBC Swahili</span></div>",
            ["Mwandishi, Salma Khamis", "Nafasi, BBC Swahili"],
        ),
        ("<p>Wa<b>bunge</b> wamekutana</p>", ["Wabunge wamekutana"]),  # markup inside a word
        ("<p><b>Dodoma.</b><span> Wabunge wamekutana</span></p>", ["Dodoma. Wabunge wamekutana"]),
        ("<div><span>Tanzania</span><span>Uchumi</span></div>", ["TanzaniaUchumi"]),  # labels
    ],
)
def test_html_inline_rows_are_lines_and_words_stay_whole(markup: str, lines: list[str]) -> None:
    assert [line.text for line in html_lines(markup)] == lines
