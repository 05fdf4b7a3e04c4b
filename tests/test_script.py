"""The narration script a producer proof-reads: order, voices, byline, quotes, outro."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from audiocast.article import (
    Article,
    Heading,
    InlineQuote,
    Paragraph,
    Quote,
    load_article,
    parse_article,
)
from audiocast.config import Settings, load_settings
from audiocast.script import Role, Script, build_script, render_script
from audiocast.swahili import load_lexicon, normalize
from audiocast.swahili.lexicon import SUB_CHARS, sub_parts
from audiocast.swahili.sentences import SPOKEN_CHARS

from conftest import SAMPLE_SLUG, copy_sample_show, run_cli

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "episodes" / "2024-06-18-putin-pyongyang" / "article.yaml"
SHOW = REPO / "audiocast.toml"


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(SAMPLE)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(SHOW)


@pytest.fixture(scope="module")
def script(article: Article, settings: Settings) -> Script:
    return build_script(article, settings)


def roles(script: Script) -> list[str]:
    return [segment.role.value for segment in script]


def small_article(*body: dict[str, str]) -> Article:
    return parse_article(
        {
            "title": "Putin kusaini mikataba",
            "date": "2024-06-18",
            "author": "Sylvia Mwehozi",
            "summary": "Rais Putin anaelekea Korea Kaskazini.",
            "body": [{"paragraph": "Kiongozi huyo wa Urusi."}, *body],
        }
    )


def test_episode_plan_opens_with_intro_headline_byline_lead_and_ends_with_outro(
    script: Script,
) -> None:
    # Worked out from the sample article.yaml: five paragraphs, the heading, two paragraphs,
    # Stoltenberg's quote with its attribution, a closing paragraph.
    body = [
        *["paragraph"] * 5,
        "heading",
        *["paragraph"] * 2,
        "quote_intro",
        "quote",
        "paragraph",
    ]
    assert roles(script) == ["intro", "headline", "byline", "lead", *body, "outro"]


def test_intro_speaks_the_show_ident(script: Script) -> None:
    assert "Hii ni Habari kwa Sauti." in script.segments[0].text


def test_headline_and_lead_are_the_articles_title_and_summary(
    script: Script, article: Article
) -> None:
    assert script.segments[1].text == "Putin kusaini mikataba ya ushirikiano mjini Pyongyang"
    assert script.segments[3].text == article.summary


def test_byline_names_the_author_and_says_the_date_in_swahili(script: Script) -> None:
    byline = script.segments[2]
    assert byline.role is Role.BYLINE
    assert "Sylvia Mwehozi" in byline.spoken
    assert "tarehe kumi na nane Juni, mwaka elfu mbili na ishirini na nne" in byline.spoken
    assert not any(ch.isdigit() for ch in byline.spoken)


def test_quote_is_in_the_quote_voice_right_after_the_narrators_attribution(
    script: Script,
) -> None:
    quotes = [i for i, s in enumerate(script.segments) if s.role is Role.QUOTE]
    assert len(quotes) == 1
    quote = script.segments[quotes[0]]
    intro = script.segments[quotes[0] - 1]
    assert quote.voice == "quote"
    assert quote.text.startswith("Urusi sasa inashirikiana zaidi na zaidi")
    assert intro.role is Role.QUOTE_INTRO
    assert intro.voice == "narrator"
    assert intro.text == (
        "Wasiwasi huo umegusiwa na katibu mkuu wa jumuiya ya kujihami NATO Jens Stoltenberg."
    )


def test_the_narrator_reads_everything_but_the_quote(script: Script) -> None:
    for segment in script:
        if segment.role is not Role.QUOTE:
            assert segment.voice == "narrator", segment


def test_heading_is_its_own_segment(script: Script) -> None:
    headings = [s for s in script if s.role is Role.HEADING]
    assert [s.text for s in headings] == [
        "Kim ausifu uhusiano unaotanuka wa Korea Kaskazini na Urusi"
    ]


def test_outro_credits_the_source_and_closes_the_show(script: Script) -> None:
    outro = script.segments[-1]
    assert outro.role is Role.OUTRO
    assert "DW Kiswahili" in outro.text
    assert outro.text.endswith(
        "Hizo ndizo habari kwa sasa. Asante kwa kusikiliza Habari kwa Sauti."
    )


def test_no_text_of_the_article_is_lost(script: Script, article: Article) -> None:
    texts = [segment.text for segment in script]
    wanted = [article.title, article.summary, *(block.text for block in article.body)]
    for block in article.body:
        if isinstance(block, Quote) and block.attribution:
            wanted.append(block.attribution)
    for text in wanted:
        # Runs of spaces are page layout, not words: the script collapses them.
        text = " ".join(text.split())
        assert any(text in said for said in texts), text[:60]


def test_every_segment_has_something_to_say(script: Script) -> None:
    assert all(segment.spoken.strip() for segment in script)


def test_quote_with_only_a_speaker_gets_a_narrator_intro_naming_them() -> None:
    article = small_article({"quote": "Tutashinda.", "speaker": "Jens Stoltenberg"})
    script = build_script(article, Settings())
    i = roles(script).index("quote")
    intro = script.segments[i - 1]
    assert intro.role is Role.QUOTE_INTRO
    assert intro.voice == "narrator"
    assert "Jens Stoltenberg" in intro.text
    assert script.segments[i].voice == "quote"


def test_quote_with_neither_speaker_nor_attribution_gets_no_intro() -> None:
    script = build_script(small_article({"quote": "Tutashinda."}), Settings())
    assert "quote_intro" not in roles(script)
    i = roles(script).index("quote")
    assert script.segments[i - 1].role is Role.PARAGRAPH
    assert script.segments[i].text == "Tutashinda."


def test_article_without_source_has_no_credit_but_still_an_outro() -> None:
    script = build_script(small_article(), Settings())
    assert script.segments[-1].role is Role.OUTRO
    assert "imeletwa kwenu na" not in script.segments[-1].text


def test_body_blocks_keep_their_order() -> None:
    article = small_article({"heading": "Sehemu ya pili"}, {"paragraph": "Aya ya mwisho."})
    texts = [s.text for s in build_script(article, Settings())]
    assert texts.index("Kiongozi huyo wa Urusi.") < texts.index("Sehemu ya pili")
    assert texts.index("Sehemu ya pili") < texts.index("Aya ya mwisho.")
    assert isinstance(article.body[1], Heading) and isinstance(article.body[2], Paragraph)


def test_render_lists_every_segment_with_role_and_voice(script: Script) -> None:
    blocks = render_script(script).strip().split("\n\n")
    assert len(blocks) == len(script)
    for block, segment in zip(blocks, script, strict=True):
        header, _, body = block.partition("\n")
        assert segment.role.value in header
        assert segment.voice in header
        assert segment.text in body


def test_render_spoken_shows_what_the_engine_will_say(script: Script) -> None:
    spoken = render_script(script, spoken=True)
    for segment in script:
        assert segment.spoken in spoken
    # The page's double space ("Putin  ameimwagia") is not something the engine should see.
    assert "Putin ameimwagia sifa" in spoken
    assert "Putin  ameimwagia" not in spoken


# A paragraph that lost its full stops and commas (a stripped scrape), 150 words.
RUN_ON = (
    "wakulima wa mpunga katika bonde la mto rufiji wameiomba serikali kuwasaidia kupata mbegu "
    "bora na mbolea kwa bei nafuu kwa kuwa msimu uliopita mavuno yalishuka kwa kiasi kikubwa "
    "kutokana na mafuriko yaliyoharibu mashamba mengi katika vijiji vya ikwiriri na mkongo "
    "Mkuu wa wilaya ya Kibiti amesema serikali imeanza kugawa mbegu kwa wakulima walioathirika "
    "na kwamba maafisa ugani watapita kijiji kwa kijiji kuwafundisha wakulima namna ya kutumia "
    "mbolea na kuhifadhi mazao yao baada ya mavuno ili kupunguza hasara Hata hivyo baadhi ya "
    "wakulima wamelalamika kuwa mbegu hizo zinachelewa kufika na kwamba msimu wa kupanda "
    "umeshaanza hivyo wanahofia kuwa huenda wasipate mavuno ya kutosha mwaka huu iwapo hali "
    "hiyo itaendelea bila hatua za haraka kuchukuliwa"
)


def test_a_run_on_paragraph_is_spoken_in_pieces_no_longer_than_one_cue() -> None:
    script = build_script(small_article({"paragraph": RUN_ON}), Settings())
    said = [s for segment in script for s in segment.sentences]
    assert all(len(s.text) <= SPOKEN_CHARS and len(s.spoken) <= SPOKEN_CHARS for s in said)
    (paragraph,) = [seg for seg in script if RUN_ON.startswith(seg.sentences[0].text)]
    assert len(paragraph.sentences) >= 3
    assert paragraph.text == RUN_ON  # the pieces give back the words as written


def test_a_long_sentence_is_cut_at_its_commas_before_anywhere_else() -> None:
    clauses = [
        "Serikali imesema itajenga barabara ya lami kutoka Ifakara hadi Mahenge yenye urefu "
        "wa kilomita sabini na tano,",
        "itajenga madaraja mawili makubwa juu ya mito inayofurika kila msimu wa mvua,",
        "na itaweka taa za barabarani katika miji midogo yote iliyo kando ya barabara hiyo,",
        "ili wananchi wasafiri usiku bila hofu na wafanyabiashara wafikishe mazao sokoni mapema.",
    ]
    sentence = " ".join(clauses)
    assert len(sentence) > SPOKEN_CHARS
    script = build_script(small_article({"paragraph": sentence}), Settings())
    (paragraph,) = [segment for segment in script if segment.text == sentence]
    assert len(paragraph.sentences) >= 2
    assert all(s.text.endswith((",", ".")) for s in paragraph.sentences)


def test_numbers_said_in_words_count_towards_the_length_of_a_piece() -> None:
    money = " ".join(f"mradi wa {n} ulipata shilingi {n * 1_234_567:,} na" for n in range(11, 19))
    script = build_script(small_article({"paragraph": money}), Settings(), normalize)
    said = [s for segment in script for s in segment.sentences]
    assert all(len(s.spoken) <= SPOKEN_CHARS for s in said)
    assert " ".join(s.text for s in said).count(money) == 1


# --- Direct speech inside a paragraph ---------------------------------------------------------

SPEECH = (
    "Dkt. Neema Kiwelu anaeleza hali ilivyo. \u201cWagonjwa wanaongezeka kila wiki,\u201d "
    "anasema, akionyesha wodi iliyojaa. \u201cTunahitaji dawa zaidi\u201d."
)


def speech_script(paragraph: str = SPEECH, *quotes: dict[str, str]) -> Script:
    quotes = quotes or (
        {"text": "Wagonjwa wanaongezeka kila wiki,", "speaker": "Neema Kiwelu"},
        {"text": "Tunahitaji dawa zaidi", "speaker": "Neema Kiwelu"},
    )
    article = small_article({"paragraph": paragraph, "quotes": list(quotes)})
    return build_script(article, Settings())


def test_a_paragraph_with_speech_flows_narrator_quote_narrator() -> None:
    script = speech_script()
    first = next(i for i, s in enumerate(script) if s.text.startswith("Dkt. Neema"))
    parts = script.segments[first : first + 4]
    assert [(p.role, p.voice, p.speaker, p.inline) for p in parts] == [
        (Role.PARAGRAPH, "narrator", None, False),
        (Role.QUOTE, "quote", "Neema Kiwelu", True),
        (Role.PARAGRAPH, "narrator", None, True),
        (Role.QUOTE, "quote", "Neema Kiwelu", True),
    ]
    # The words as written, marks and all; the lone full stop goes with the last quote.
    assert [p.text for p in parts] == [
        "Dkt. Neema Kiwelu anaeleza hali ilivyo.",
        "\u201cWagonjwa wanaongezeka kila wiki,\u201d",
        "anasema, akionyesha wodi iliyojaa.",
        "\u201cTunahitaji dawa zaidi\u201d.",
    ]
    assert " ".join(p.text for p in parts) == SPEECH
    # One paragraph: short voice changes inside it, the paragraph's pause only at its end.
    mix = Settings().mix
    assert [p.pause_after_ms for p in parts] == [mix.pause_voice_change] * 3 + [
        mix.pause_after_paragraph
    ]
    assert mix.pause_voice_change < mix.pause_around_quote < mix.pause_after_paragraph
    assert script.segments[first + 4].role is not Role.QUOTE  # nothing left over


def test_no_part_of_a_paragraph_is_punctuation_alone() -> None:
    paragraph = (
        "Alisema Amina Juma: \u201cTutaanza kesho\u201d. \u201cNa tutamaliza\u201d, "
        "\u201cmapema\u201d."
    )
    script = speech_script(
        paragraph,
        {"text": "Tutaanza kesho", "speaker": "Amina Juma"},
        {"text": "Na tutamaliza", "speaker": "Amina Juma"},
        {"text": "mapema", "speaker": "Amina Juma"},
    )
    parts = [s for s in script if s.inline or s.text.startswith("Alisema")]
    assert [p.text for p in parts] == [
        "Alisema Amina Juma:",
        "\u201cTutaanza kesho\u201d.",
        "\u201cNa tutamaliza\u201d,",
        "\u201cmapema\u201d.",
    ]
    assert all(p.spoken.strip(" .,") for p in parts)


def test_a_paragraph_that_is_all_speech_is_one_quote_part() -> None:
    script = speech_script("\u201cTutaanza kesho.\u201d", {"text": "Tutaanza kesho."})
    quote = next(s for s in script if s.role is Role.QUOTE)
    assert (quote.text, quote.voice, quote.inline, quote.speaker) == (
        "\u201cTutaanza kesho.\u201d", "quote", False, None,
    )  # fmt: skip


def test_a_paragraph_without_quotes_is_one_narrator_segment() -> None:
    script = build_script(small_article({"paragraph": SPEECH}), Settings())
    assert [s.role for s in script if "Neema" in s.text] == [Role.PARAGRAPH]
    assert not any(s.inline for s in script)


def test_render_shows_who_speaks_each_quote_part() -> None:
    rendered = render_script(speech_script())
    assert (
        "quote (quote) \u2014 Neema Kiwelu (continues the paragraph)\n"
        "     \u201cWagonjwa wanaongezeka kila wiki,\u201d"
    ) in rendered


def test_speech_in_the_lead_is_read_by_the_quote_voice() -> None:
    lead = "\u201cTutaanza kesho,\u201d alisema Amina Juma, mkuu wa shule hiyo."
    article = replace(
        small_article(),
        summary=lead,
        summary_quotes=(InlineQuote("Tutaanza kesho,", "Amina Juma"),),
    )
    script = build_script(article, Settings())
    start = next(i for i, s in enumerate(script) if s.role is Role.BYLINE) + 1
    quote, rest, after = script.segments[start : start + 3]
    assert (quote.role, quote.voice, quote.speaker, quote.text) == (
        Role.QUOTE, "quote", "Amina Juma", "\u201cTutaanza kesho,\u201d",
    )  # fmt: skip
    assert (rest.role, rest.voice, rest.inline, rest.text) == (
        Role.LEAD, "narrator", True, "alisema Amina Juma, mkuu wa shule hiyo.",
    )  # fmt: skip
    mix = Settings().mix
    assert (quote.pause_after_ms, rest.pause_after_ms) == (
        mix.pause_voice_change,
        mix.pause_after_paragraph,
    )
    assert after.role is Role.PARAGRAPH and not after.inline


def test_a_full_stop_after_a_closing_mark_ends_the_quote_not_the_next_words() -> None:
    paragraph = (
        "Alisema: \u201cTaarifa hizi ni za kila mkulima\u201d. Ameongeza kuwa mpango huo "
        "utaanza mwezi ujao."
    )
    script = speech_script(paragraph, {"text": "Taarifa hizi ni za kila mkulima"})
    parts = [s for s in script if s.inline or s.text.startswith("Alisema")]
    assert [p.text for p in parts] == [
        "Alisema:",
        "\u201cTaarifa hizi ni za kila mkulima\u201d.",
        "Ameongeza kuwa mpango huo utaanza mwezi ujao.",
    ]
    assert " ".join(p.text for p in parts) == paragraph  # a cue never opens with the stop


# The lexicon's respellings, marked for the engines that send SSML <sub>.

LEXICON = REPO / "lexicon.yaml"


def test_engines_without_sub_are_given_exactly_the_respelled_text_as_before(
    article: Article, settings: Settings
) -> None:
    lexicon = load_lexicon(LEXICON)
    plain = build_script(article, settings, partial(normalize, lexicon=lexicon))
    marked = build_script(article, settings, partial(normalize, lexicon=lexicon, subs=True))
    pairs = [
        (p, m)
        for a, b in zip(plain, marked, strict=True)
        for p, m in zip(a.sentences, b.sentences, strict=True)
    ]
    # espeak, gTTS and piper say (and cache under) the same text; transcripts are as written.
    assert all(m.said_by(False) == p.spoken == m.spoken for p, m in pairs)
    assert all(p.text == m.text for p, m in pairs)
    assert [s.spoken for s in plain] == [s.spoken for s in marked]  # the build hash's input
    with_subs = [m for _, m in pairs if m.subs]
    assert with_subs and all(m.said_by(True) == m.subs for m in with_subs)
    assert any(sub_parts(m.subs) != [(m.spoken, None)] for m in with_subs)


def test_the_script_a_producer_proof_reads_shows_no_marks(tmp_path: Path) -> None:
    show = copy_sample_show(tmp_path / "show")
    (show / "lexicon.yaml").write_text("Stoltenberg: Stoltenbeg\n")
    article = f"episodes/{SAMPLE_SLUG}/article.yaml"
    spoken = run_cli("script", "--spoken", article, cwd=show)
    written = run_cli("script", article, cwd=show)
    assert spoken.returncode == written.returncode == 0, spoken.stderr + written.stderr
    assert "kujihami Nato Jens Stoltenbeg." in spoken.stdout
    assert "kujihami NATO Jens Stoltenberg." in written.stdout
    assert "Stoltenbeg" not in written.stdout
    for output in (spoken.stdout, written.stdout):
        assert not SUB_CHARS.search(output)
