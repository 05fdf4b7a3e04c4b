"""Chapters: a listener can skip to each section, each quote, and back to the story."""

from __future__ import annotations

from pathlib import Path

from audiocast.article import parse_article
from audiocast.chapters import LONGEST, SHORTEST, make_chapters
from audiocast.config import Settings
from audiocast.episode import read_record
from audiocast.mix import Span
from audiocast.script import build_script

from conftest import SAMPLE_SLUG


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


def test_a_paragraph_with_speech_is_one_quote_chapter_then_the_story_resumes() -> None:
    starts, titles = chapter_titles(
        {"paragraph": "Hospitali ya wilaya imejaa."},
        SPEECH,
        {"paragraph": "Wizara imeahidi msaada."},
    )
    assert titles == [
        "Wagonjwa waongezeka",
        "Nukuu: Neema Kiwelu",  # from the first quote, not from each part
        "Wizara imeahidi msaada",  # the next paragraph, by its first words: no title twice
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
    assert titles[titles.index("Nukuu: Juma Bakari na Mariam Said") + 1] == "Bei zitapitiwa"
    assert titles.count("Soko") == 1


def test_consecutive_paragraphs_with_speech_each_get_a_chapter() -> None:
    _, titles = chapter_titles(SPEECH, SPEECH, {"paragraph": "Wizara imeahidi msaada."})
    assert titles == [
        "Wagonjwa waongezeka",
        "Nukuu: Neema Kiwelu",
        "Dkt. Neema Kiwelu anaeleza hali ilivyo",  # the second paragraph opens with narration
        "Nukuu: Neema Kiwelu",
        "Wizara imeahidi msaada",
        "Hitimisho",
    ]


def test_a_quote_block_is_still_its_own_chapter() -> None:
    _, titles = chapter_titles(
        {"paragraph": "Hospitali ya wilaya imejaa."},
        {"quote": "Tunahitaji dawa.", "speaker": "Neema Kiwelu", "attribution": "Daktari alisema:"},
        {"paragraph": "Wizara imeahidi msaada."},
    )
    assert titles == ["Wagonjwa waongezeka", "Nukuu: Neema Kiwelu", "Wizara imeahidi msaada",
                      "Hitimisho"]  # fmt: skip


def test_a_long_stretch_without_headings_is_cut_where_paragraphs_start() -> None:
    # Ten paragraphs of 12 s after the headline: one chapter of two minutes before.
    article = parse_article(
        {"title": "Mvua kubwa yanyesha", "date": "2024-06-18", "author": "Juma Mussa",
         "summary": "Mvua kubwa imenyesha.",
         "body": [{"paragraph": f"Aya ya {n} inaeleza mvua ilivyonyesha mjini."}
                  for n in ("kwanza", "pili", "tatu", "nne", "tano", "sita", "saba", "nane",
                            "tisa", "kumi")]}
    )  # fmt: skip
    script = build_script(article, Settings())
    spans, clock = [], 0.0
    for segment in script:
        length = 12.0 if segment.role.value == "paragraph" else 3.0
        spans.append(Span(clock, clock + length))
        clock += length
    chapters = make_chapters(script.segments, spans, clock)
    body = chapters[:-1]  # the outro aside
    assert all(c.end - c.start <= LONGEST for c in body), body
    assert all(c.end - c.start >= SHORTEST for c in chapters[1:-1]), chapters
    titles = [c.title for c in chapters]
    assert len(set(titles)) == len(titles)  # every chapter says where it is
    assert titles[0] == "Mvua kubwa yanyesha" and titles[1].startswith("Aya ya ")


def test_the_sample_never_repeats_a_chapter_title(built_show: Path) -> None:
    record = read_record(built_show / "episodes" / SAMPLE_SLUG / "episode.json")
    titles = [chapter.title for chapter in record.chapters]
    assert len(set(titles)) == len(titles), titles
    assert all(c.end - c.start <= LONGEST for c in record.chapters), record.chapters
