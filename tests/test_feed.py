"""The feed as podcast apps read it (podcastparser, feedparser) and the generated cover art."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from typing import Any

import feedparser
import lxml.html
import podcastparser
import pytest
from lxml import etree
from PIL import Image

from audiocast.config import Owner, Settings, ShowSettings
from audiocast.cover import make_cover
from audiocast.episode import (
    EngineInfo,
    EpisodeRecord,
    RenditionRecord,
    new_guid,
)
from audiocast.errors import FeedError
from audiocast.feed import build_feed, feed_url

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
EAT = timezone(timedelta(hours=3))
SETTINGS = Settings(
    show=ShowSettings(
        title="Habari kwa Sauti",
        description="Habari za kila siku kwa Kiswahili.",
        base_url="https://media.example.org/habari",
        owner=Owner(name="Dawati la Habari", email="dawati@example.org"),
    )
)
BASE = SETTINGS.show.base_url


def rendition(profile: str, file: str, size: int, duration: float) -> RenditionRecord:
    return RenditionRecord(
        profile=profile,
        file=file,
        bytes=size,
        sha256="0" * 64,
        duration=duration,
        loudness=-16.0 if profile == "podcast" else -23.0,
        true_peak=-1.5,
        bitrate="96k" if profile == "podcast" else "192k",
        sample_rate=44100,
        channels=1,
    )


def record(
    slug: str,
    date: datetime,
    *,
    title: str = "Putin kusaini mikataba ya ushirikiano mjini Pyongyang",
    summary: str = "Rais wa Urusi Vladimir Putin anaelekea Korea Kaskazini.",
    duration: float = 187.6,
    size: int = 2_251_234,
    file_hash: str = "a1b2c3d4",
    profiles: tuple[str, ...] = ("podcast", "radio"),
) -> EpisodeRecord:
    """An episode record as `audiocast build` would write it, with the given renditions."""
    renditions = {
        "podcast": rendition("podcast", f"{slug}-{file_hash}.mp3", size, duration),
        "radio": rendition("radio", f"{slug}-{file_hash}.radio.mp3", size * 2, duration),
    }
    return EpisodeRecord(
        slug=slug,
        guid=new_guid(BASE, slug),
        title=title,
        date=date,
        author="Sylvia Mwehozi",
        summary=summary,
        categories=["Siasa"],
        engine=EngineInfo(name="espeak", version="1.52"),
        voices={"narrator": "sw"},
        build_hash="f" * 16,
        duration=duration,
        renditions={p: renditions[p] for p in profiles},
        segments=[],
        built_at=date + timedelta(hours=1),
    )


def parse(xml: bytes, profile: str = "podcast") -> dict[str, Any]:
    result: dict[str, Any] = podcastparser.parse(feed_url(SETTINGS, profile), io.BytesIO(xml))
    return result


def channel(xml: bytes) -> Any:
    return etree.fromstring(xml).find("channel")


def with_show(**changes: Any) -> Settings:
    return SETTINGS.model_copy(update={"show": SETTINGS.show.model_copy(update=changes)})


THREE = [
    record("2024-06-17-bunge-bajeti", datetime(2024, 6, 17, 18, 0, tzinfo=EAT), title="Bajeti"),
    record("2024-06-19-mvua-pwani", datetime(2024, 6, 19, 6, 0, tzinfo=EAT), title="Mvua"),
    record("2024-06-18-putin-pyongyang", datetime(2024, 6, 18, 7, 30, tzinfo=EAT)),
]


def test_channel_has_what_apple_requires() -> None:
    xml = build_feed([THREE[0]], SETTINGS)
    show = SETTINGS.show
    podcast = parse(xml)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert feedparser.parse(xml).bozo == 0
    assert podcast["title"] == show.title
    assert podcast["link"].startswith(BASE + "/")
    assert podcast["description"] == show.description
    assert podcast["language"] == "sw"
    assert podcast["itunes_categories"] == [show.category]
    assert podcast["explicit"] is False
    assert podcast["itunes_author"] == show.author
    assert podcast["itunes_owner"] == {"name": show.owner.name, "email": show.owner.email}
    assert podcast["type"] == "episodic"

    root = etree.fromstring(xml)
    assert root.nsmap["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    image = root.find(f"channel/{{{ITUNES}}}image")
    assert image is not None
    assert image.get("href") == f"{BASE}/feeds/cover.jpg"
    assert podcast["cover_url"] == image.get("href")
    assert root.findtext(f"channel/{{{ITUNES}}}explicit") == "false"
    category = root.find(f"channel/{{{ITUNES}}}category")
    assert category is not None
    assert category.get("text") == "News"
    assert [c.get("text") for c in category] == ["Daily News"]
    self_link = root.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link is not None
    assert self_link.get("href") == f"{BASE}/feeds/podcast.xml"


def test_items_point_at_the_published_mp3() -> None:
    xml = build_feed(THREE, SETTINGS)
    episodes = {e["guid"]: e for e in parse(xml)["episodes"]}
    assert len(episodes) == len(THREE)
    for rec in THREE:
        episode = episodes[rec.guid]
        podcast = rec.renditions["podcast"]
        [enclosure] = episode["enclosures"]
        assert enclosure["file_size"] == podcast.bytes
        assert enclosure["mime_type"] == "audio/mpeg"
        assert enclosure["url"].startswith(f"{BASE}/episodes/{rec.slug}/")
        assert enclosure["url"].endswith(".mp3")
        assert enclosure["url"].rsplit("/", 1)[1] == podcast.file
        assert episode["title"] == rec.title != SETTINGS.show.title
        assert episode["description"] == rec.summary
        assert episode["total_time"] == round(podcast.duration)
        assert episode["published"] > 0
        assert episode["published"] == rec.date.timestamp()
        assert episode["type"] == "full"
        assert episode["explicit"] is False
    items = channel(xml).findall("item")
    assert all(item.find("guid").get("isPermaLink") == "false" for item in items)
    assert all(item.findtext(f"{{{ITUNES}}}duration").isdigit() for item in items)


def test_newest_episode_comes_first_whatever_the_input_order() -> None:
    newest_first = sorted(THREE, key=lambda r: r.date, reverse=True)
    xml = build_feed(THREE, SETTINGS)
    in_file = [entry.id for entry in feedparser.parse(xml).entries]
    assert in_file == [r.guid for r in newest_first]
    # The same episodes in any order give the same bytes: no spurious feed updates.
    assert build_feed(list(reversed(THREE)), SETTINGS) == xml


def test_control_characters_are_stripped_and_the_feed_still_parses() -> None:
    dirty = record(
        "2024-06-20-habari",
        datetime(2024, 6, 20, 8, 0, tzinfo=EAT),
        title="Habari\x00 za\x07 leo\x1f",
        summary="Muhtasari\x0b wa habari\x1b.",
    )
    xml = build_feed([dirty], with_show(title="Habari\x08 kwa Sauti"))
    assert feedparser.parse(xml).bozo == 0
    podcast = parse(xml)
    assert podcast["title"] == "Habari kwa Sauti"
    [episode] = podcast["episodes"]
    assert episode["title"] == "Habari za leo"
    assert episode["description"] == "Muhtasari wa habari."


def test_markup_written_in_a_summary_is_shown_as_text_not_rendered() -> None:
    summary = 'Rais <img src="x" onerror="alert(1)"> & <b>Putin</b> amefika.'
    xml = build_feed([record("2024-06-20-habari", datetime(2024, 6, 20, 8, tzinfo=EAT),
                             summary=summary)], SETTINGS)  # fmt: skip
    # Apps render <description> as HTML: parsed as HTML, it must hold no element, only the text.
    description = channel(xml).find("item").findtext("description")
    page = lxml.html.fragment_fromstring(description, create_parent="div")
    assert [element.tag for element in page.iter()] == ["div"]
    assert page.text_content() == summary
    [entry] = feedparser.parse(xml).entries
    assert "<img" not in entry.summary and "<b>" not in entry.summary
    assert lxml.html.fragment_fromstring(entry.summary, create_parent="div").text_content() == (
        summary
    )
    [episode] = parse(xml)["episodes"]
    assert "<img" not in episode.get("description_html", "")


def test_explicit_show_is_marked_true() -> None:
    xml = build_feed([THREE[0]], with_show(explicit=True))
    assert channel(xml).findtext(f"{{{ITUNES}}}explicit") == "true"
    assert channel(xml).find("item").findtext(f"{{{ITUNES}}}explicit") == "true"
    podcast = parse(xml)
    assert podcast["explicit"] is True
    assert podcast["episodes"][0]["explicit"] is True


def test_episode_without_the_profiles_rendition_is_left_out() -> None:
    podcast_only = record(
        "2024-06-21-podcast-pekee", datetime(2024, 6, 21, 9, 0, tzinfo=EAT), profiles=("podcast",)
    )
    radio = parse(build_feed([podcast_only, THREE[0]], SETTINGS, "radio"), "radio")
    assert [e["guid"] for e in radio["episodes"]] == [THREE[0].guid]
    assert radio["episodes"][0]["enclosures"][0]["file_size"] == THREE[0].renditions["radio"].bytes
    podcast = parse(build_feed([podcast_only, THREE[0]], SETTINGS, "podcast"))
    assert {e["guid"] for e in podcast["episodes"]} == {podcast_only.guid, THREE[0].guid}


def test_rebuilt_episode_keeps_its_guid_but_gets_a_new_url() -> None:
    date = datetime(2024, 6, 18, 7, 30, tzinfo=EAT)
    first = record("2024-06-18-putin-pyongyang", date, file_hash="a1b2c3d4", size=2_000_000)
    rebuilt = record("2024-06-18-putin-pyongyang", date, file_hash="99ff00ee", size=2_100_000)
    [before] = parse(build_feed([first], SETTINGS))["episodes"]
    [after] = parse(build_feed([rebuilt], SETTINGS))["episodes"]
    assert after["guid"] == before["guid"]
    assert after["enclosures"][0]["url"] != before["enclosures"][0]["url"]
    assert after["enclosures"][0]["file_size"] == 2_100_000


def test_cover_url_can_be_overridden() -> None:
    xml = build_feed([THREE[0]], SETTINGS, cover_url="https://cdn.example.org/sanaa/jalada.png")
    assert parse(xml)["cover_url"] == "https://cdn.example.org/sanaa/jalada.png"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cover_url": "https://cdn.example.org/cover.jpeg"}, ".jpg or .png"),
        ({"profile": "video"}, "video"),
        ({"settings": with_show(description="Habari " * 600)}, "4000"),
        ({"settings": with_show(title="  \x07 ")}, "show.title"),
        ({"settings": with_show(category=[])}, "show.category"),
    ],
)
def test_unwritable_feed_is_a_clear_feed_error(kwargs: dict[str, Any], message: str) -> None:
    args: dict[str, Any] = {"records": [THREE[0]], "settings": SETTINGS} | kwargs
    with pytest.raises(FeedError, match=message.replace(".", r"\.")):
        build_feed(**args)


def test_two_episodes_with_one_guid_are_refused() -> None:
    twin = THREE[1].model_copy(update={"guid": THREE[0].guid})
    with pytest.raises(FeedError, match=THREE[0].guid):
        build_feed([THREE[0], twin], SETTINGS)


@pytest.mark.parametrize(
    ("title", "size"),
    [
        ("Habari kwa Sauti", 3000),
        ("Habari kwa Sauti", 1400),
        ("Taarifa ya Habari za Asubuhi kutoka Dar es Salaam na Nairobi " * 4, 3000),
    ],
)
def test_cover_is_artwork_apple_accepts(title: str, size: int) -> None:
    data = make_cover(title, size)
    assert data[:3] == b"\xff\xd8\xff"
    assert len(data) <= 512 * 1024
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.width == image.height
    assert 1400 <= image.width <= 3000
    # The title is drawn in white across the middle of the picture.
    middle = image.convert("L").crop((0, size * 2 // 5, size, size * 3 // 5))
    assert sum(middle.histogram()[231:]) > 0  # near-white pixels


def test_cover_is_the_same_for_the_same_title() -> None:
    assert make_cover("Habari kwa Sauti", 1400) == make_cover("Habari kwa Sauti", 1400)
    assert make_cover("Habari kwa Sauti", 1400) != make_cover("Sauti ya Pwani", 1400)


def test_cover_refuses_sizes_apple_rejects() -> None:
    with pytest.raises(ValueError, match="1400"):
        make_cover("Habari kwa Sauti", 1000)


def test_the_feed_carries_its_copyright_and_each_episodes_own_page() -> None:
    # There was no <copyright> and no item <link>; then each item's was only its place on
    # the show's page. The channel's is the home page, base_url/ (home.py writes it).
    xml = build_feed(THREE, SETTINGS)
    page = f"{BASE}/"
    podcast, read = parse(xml), feedparser.parse(xml)
    assert podcast["link"] == read.feed.link == page
    assert read.feed.rights == "© 2024 Dawati la Habari"
    for episode, entry in zip(podcast["episodes"], read.entries, strict=True):
        slug = entry.enclosures[0].href.split("/")[-2]
        assert episode["link"] == entry.link == f"{BASE}/episodes/{slug}/"


def test_copyright_spans_the_episodes_years_unless_the_show_sets_its_own() -> None:
    older = record("2023-12-31-mwaka", datetime(2023, 12, 31, 20, 0, tzinfo=EAT), title="Mwaka")
    assert feedparser.parse(build_feed([*THREE, older], SETTINGS)).feed.rights == (
        "© 2023-2024 Dawati la Habari"
    )
    own = with_show(copyright="© Redio Pwani. Haki zote zimehifadhiwa.")
    assert feedparser.parse(build_feed(THREE, own)).feed.rights == (
        "© Redio Pwani. Haki zote zimehifadhiwa."
    )
