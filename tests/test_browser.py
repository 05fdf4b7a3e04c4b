"""The pages in a real browser: headless Chromium (Debian's chromium + chromium-driver).

Served by the preview server, the home page loads without console errors, every player loads
the episode's smallest listener file (the mobile M4A) through the server with the episode's
duration and plays it to its end, and every download (the episode page's and the partners')
answers with the right length; opened from disk, it still shows every episode. (The home
page's layout and pages: test_browser_home.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from audiocast.episode import list_records
from audiocast.page import write_site
from audiocast.serve import running
from audiocast.show import Show

from chromium import WAIT_FOR_MEDIA, browser, errors, head

__all__ = ["browser"]  # the fixture, used by name


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser") / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    write_site(Show.open(root))
    return root


def test_served_page_plays_every_episode(browser: Any, site: Path) -> None:
    records = list_records(site / "episodes")
    with running(Show.open(site)) as url:
        browser.get(f"{url}/feeds/index.html")  # the old address leads to the home page
        players = browser.execute_async_script(WAIT_FOR_MEDIA)
        assert browser.current_url == f"{url}/index.html"
        assert browser.title == "Habari kwa Sauti"
        assert len(players) == len(records)
        for player, record in zip(players, records, strict=True):
            # Listeners on mobile data get the small file first.
            rendition = record.renditions["mobile"]
            assert rendition.bytes < record.renditions["podcast"].bytes
            assert player["error"] is None and player["ready"] >= 1, player
            assert player["src"] == f"{url}/episodes/{record.slug}/{rendition.file}"
            assert abs(player["duration"] - rendition.duration) <= 1.0, player
        links = []
        for record in records:  # the listeners' files on its page, the radio's for partners
            for where in (f"episodes/{record.slug}/", "partners.html"):
                browser.get(f"{url}/{where}")
                links += browser.execute_script(
                    "return [...document.querySelectorAll('a[download]')].map((a) => a.href)"
                )
        expected = {
            f"{url}/episodes/{r.slug}/{rendition.file}": rendition.bytes
            for r in records
            for rendition in r.renditions.values()
        }
        assert set(links) == set(expected)
        for link in links:
            response = head(link)
            assert response.status == 200, link
            assert int(response.getheader("Content-Length", "-1")) == expected[link]
        assert errors(browser) == []


PLAY_TO_END = """
const done = arguments[arguments.length - 1];
const player = document.querySelector("audio");
player.playbackRate = 16;
player.addEventListener("ended", () => done({ended: true, time: player.currentTime,
  duration: player.duration, src: player.currentSrc}), {once: true});
player.addEventListener("error", () => done({error: player.error.code}), {once: true});
player.play().catch((e) => done({error: String(e)}));
"""


def test_the_small_file_plays_to_its_end_at_the_recorded_duration(browser: Any, site: Path) -> None:
    record = list_records(site / "episodes")[0]
    mobile = record.renditions["mobile"]
    with running(Show.open(site)) as url:
        browser.get(f"{url}/")
        browser.set_script_timeout(120)
        try:
            played = browser.execute_async_script(PLAY_TO_END)
        finally:
            browser.set_script_timeout(30)
    assert played.get("ended"), played
    assert played["src"].endswith(mobile.file)
    # Decoded to the last frame, the priming trimmed: as long as the build measured it.
    assert abs(played["time"] - mobile.duration) <= 0.05, played
    assert errors(browser) == []


def test_page_fits_a_phone_screen(browser: Any, site: Path) -> None:
    with running(Show.open(site)) as url:
        browser.set_window_size(360, 740)
        try:
            browser.get(f"{url}/")
            width = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
        finally:
            browser.set_window_size(1280, 900)
    assert width[0] <= width[1]  # nothing scrolls sideways, not even the feed addresses
    assert errors(browser) == []


def test_page_opened_from_disk_shows_every_episode(browser: Any, site: Path) -> None:
    records = list_records(site / "episodes")
    browser.get((site / "index.html").as_uri())
    titles = browser.execute_script(
        "return [...document.querySelectorAll('article h2')].map((h) => h.textContent)"
    )
    assert titles == [record.title for record in records]
    # Relative links: the players find the MP3s on disk too.
    players = browser.execute_async_script(WAIT_FOR_MEDIA)
    assert all(p["error"] is None and p["ready"] >= 1 for p in players), players
    assert errors(browser) == []


# --- the episode page ---------------------------------------------------------------------

EPISODE_LAYOUT = """
const player = document.getElementById("player").getBoundingClientRect();
return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
  height: window.innerHeight, top: player.top, bottom: player.bottom,
  left: player.left, right: player.right};
"""
SEEKED = """
const done = arguments[arguments.length - 1];
const player = document.getElementById("player");
const report = () => { player.pause(); done({time: player.currentTime, src: player.currentSrc}); };
if (!player.seeking && player.currentTime > 0) { report(); }
else { player.addEventListener("seeked", report, {once: true}); }
"""


def test_episode_page_fits_a_phone_with_the_player_in_view(browser: Any, site: Path) -> None:
    record = list_records(site / "episodes")[0]
    with running(Show.open(site)) as url:
        browser.set_window_size(360, 740)
        try:
            browser.get(f"{url}/episodes/{record.slug}/")
            browser.execute_async_script(WAIT_FOR_MEDIA)
            layout = browser.execute_script(EPISODE_LAYOUT)
            title = browser.title
        finally:
            browser.set_window_size(1280, 900)
    assert title.startswith(record.title)
    assert layout["scroll"] <= layout["width"], layout  # nothing scrolls sideways
    # The player is on the first screen, whole: a listener presses play without scrolling.
    assert 0 <= layout["top"] < layout["bottom"] <= layout["height"], layout
    assert 0 <= layout["left"] < layout["right"] <= layout["width"], layout
    assert errors(browser) == []  # the policy let its own style and script run, and no more


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_episode_page_follows_the_phones_colour_scheme(
    browser: Any, site: Path, scheme: str
) -> None:
    record = list_records(site / "episodes")[0]
    feature = {"name": "prefers-color-scheme", "value": scheme}
    with running(Show.open(site)) as url:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [feature]})
        try:
            browser.get(f"{url}/episodes/{record.slug}/")
            colours = browser.execute_script(
                "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]"
            )
        finally:
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def brightness(rgb: str) -> int:
        return sum(int(part) for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3])

    background, text = map(brightness, colours)
    assert (background < text) if scheme == "dark" else (background > text), colours


def test_a_chapter_link_moves_the_player_to_its_start(browser: Any, site: Path) -> None:
    record = list_records(site / "episodes")[0]
    assert len(record.chapters) >= 3
    with running(Show.open(site)) as url:
        browser.get(f"{url}/episodes/{record.slug}/")
        browser.execute_async_script(WAIT_FOR_MEDIA)
        links = browser.find_elements("css selector", "nav[aria-labelledby=chapters] a")
        assert len(links) == len(record.chapters)
        for index in (3, 1):
            links[index].click()
            player = browser.execute_async_script(SEEKED)
            assert abs(player["time"] - record.chapters[index].start) <= 0.5, player
            assert player["src"].endswith(record.renditions["mobile"].file)
        # The page stays: the link seeks the player rather than opening the file.
        assert browser.current_url == f"{url}/episodes/{record.slug}/"
    assert errors(browser) == []


def test_episode_page_opened_from_disk_plays_and_shows_the_cover(browser: Any, site: Path) -> None:
    record = list_records(site / "episodes")[0]
    browser.get((site / "episodes" / record.slug / "index.html").as_uri())
    (player,) = browser.execute_async_script(WAIT_FOR_MEDIA)
    assert player["error"] is None and player["ready"] >= 1, player
    assert player["src"].endswith(record.renditions["mobile"].file)
    cover = browser.execute_script("return document.querySelector('header img').naturalWidth")
    assert cover > 0  # ../../feeds/cover.jpg, relative: found on disk as on the web
    assert errors(browser) == []
