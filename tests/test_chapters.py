"""Chapters: a listener can skip to each section, each quote, and back to the story."""

from __future__ import annotations

from audiocast.article import parse_article
from audiocast.chapters import make_chapters
from audiocast.config import Settings
from audiocast.mix import Span
from audiocast.script import build_script


def chapter_titles(*body: dict[str, object]) -> tuple[list[tuple[float, str]], list[str]]:
    """Chapters of a script where segment n is heard from n to n + 1 seconds."""
    article = parse_article(
        {"title": "Wagonjwa waongezeka", "date": "2024-06-18", "author": "Juma Mussa",
         "summary": "Idadi ya wagonjwa imeongezeka.", "body": list(body)}
    )  # fmt: skip
    script = build_script(article, Settings())
    spans = [Span(float(n), n + 1.0) for n in range(len(script))]
    chapters = make_chapters(script.segments, spans, float(len(script)))
    texts = [segment.text for segment in script]
    # Each start as the text of the segment it starts at, so the test reads as the script.
    starts = [(c.start, texts[int(c.start)] if c.start else "") for c in chapters]
    return starts, [c.title for c in chapters]


SPEECH = {
    "paragraph": "Dkt. Neema Kiwelu anaeleza hali ilivyo. \u201cWagonjwa wanaongezeka,\u201d "
    "anasema. \u201cTunahitaji dawa.\u201d",
    "quotes": [{"text": "Wagonjwa wanaongezeka,", "speaker": "Neema Kiwelu"},
               {"text": "Tunahitaji dawa."}],
}  # fmt: skip


def test_a_paragraph_with_speech_is_one_quote_chapter_then_the_section_resumes() -> None:
    starts, titles = chapter_titles(
        {"paragraph": "Hospitali ya wilaya imejaa."},
        SPEECH,
        {"paragraph": "Wizara imeahidi msaada."},
    )
    assert titles == [
        "Wagonjwa waongezeka",
        "Nukuu: Neema Kiwelu",  # from the first quote, not from each part
        "Wagonjwa waongezeka",  # the next paragraph
        "Hitimisho",
    ]
    assert [text for _, text in starts[1:3]] == [
        "\u201cWagonjwa wanaongezeka,\u201d",
        "Wizara imeahidi msaada.",
    ]


def test_two_speakers_in_one_paragraph_share_its_chapter() -> None:
    both = {
        "paragraph": "Juma Bakari alisema: \u201cBei iko juu.\u201d Naye Mariam Said akajibu: "
        "\u201cSi kweli.\u201d",
        "quotes": [{"text": "Bei iko juu.", "speaker": "Juma Bakari"},
                   {"text": "Si kweli.", "speaker": "Mariam Said"}],
    }  # fmt: skip
    _, titles = chapter_titles({"heading": "Soko"}, both, {"paragraph": "Bei zitapitiwa."})
    assert "Nukuu: Juma Bakari na Mariam Said" in titles
    assert titles[titles.index("Nukuu: Juma Bakari na Mariam Said") + 1] == "Soko"


def test_consecutive_paragraphs_with_speech_each_get_a_chapter() -> None:
    _, titles = chapter_titles(SPEECH, SPEECH, {"paragraph": "Wizara imeahidi msaada."})
    assert titles == [
        "Wagonjwa waongezeka",
        "Nukuu: Neema Kiwelu",
        "Wagonjwa waongezeka",  # the second paragraph opens with the narrator
        "Nukuu: Neema Kiwelu",
        "Wagonjwa waongezeka",
        "Hitimisho",
    ]


def test_a_quote_block_is_still_its_own_chapter() -> None:
    _, titles = chapter_titles(
        {"paragraph": "Hospitali ya wilaya imejaa."},
        {"quote": "Tunahitaji dawa.", "speaker": "Neema Kiwelu", "attribution": "Daktari alisema:"},
        {"paragraph": "Wizara imeahidi msaada."},
    )
    assert titles == ["Wagonjwa waongezeka", "Nukuu: Neema Kiwelu", "Wagonjwa waongezeka",
                      "Hitimisho"]  # fmt: skip
