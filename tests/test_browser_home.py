"""The home page, its archive pages and the partners' corner in headless Chromium, served by
the preview server: they fit a 360 px phone and a desktop without sideways scrolling, the
newest episode's player is in view without scrolling, the page links lead through the
archive and back, every player loads its small file, and nothing is logged as an error.

The show: the sample and 64 episodes made from it (test_home.py), three pages.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_home import add_episodes

from audiocast.episode import list_records
from audiocast.serve import running
from audiocast.show import Show
from audiocast.site import write_feeds

from chromium import WAIT_FOR_MEDIA, browser, errors

__all__ = ["browser"]  # the fixture, used by name

LAYOUT = """
const player = document.querySelector("audio").getBoundingClientRect();
return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
  height: window.innerHeight, top: player.top, bottom: player.bottom,
  left: player.left, right: player.right};
"""
TITLES = "return [...document.querySelectorAll('main article h2')].map((h) => h.textContent)"


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-home") / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    add_episodes(root, 64)
    write_feeds(Show.open(root))
    return root


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with running(Show.open(site)) as address:
        yield address


@pytest.mark.parametrize("size", [(360, 740), (1280, 900)], ids=["phone", "desktop"])
def test_home_page_fits_and_the_newest_player_is_in_view(
    browser: Any, site: Path, url: str, size: tuple[int, int]
) -> None:
    browser.set_window_size(*size)
    try:
        browser.get(f"{url}/")
        layout = browser.execute_script(LAYOUT)
        first = browser.execute_script(TITLES)[0]
    finally:
        browser.set_window_size(1280, 900)
    assert layout["scroll"] <= layout["width"], layout  # nothing scrolls sideways
    # The newest episode's player is on the first screen, whole.
    assert layout["top"] >= 0 and layout["bottom"] <= layout["height"], layout
    assert layout["left"] >= 0 and layout["right"] <= layout["width"], layout
    assert first == list_records(site / "episodes")[0].title
    assert errors(browser) == []


@pytest.mark.parametrize("path", ["/kurasa/1/", "/partners.html"])
def test_other_pages_fit_a_phone(browser: Any, url: str, path: str) -> None:
    browser.set_window_size(360, 740)
    try:
        browser.get(f"{url}{path}")
        width = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
    finally:
        browser.set_window_size(1280, 900)
    assert width[0] <= width[1]  # not even the SHA-256 sums or the feed addresses
    assert errors(browser) == []


def click(browser: Any, text: str) -> None:
    (link,) = [a for a in browser.find_elements("css selector", "nav.pages a") if text in a.text]
    link.click()


def test_the_page_links_lead_through_the_archive_and_back(
    browser: Any, site: Path, url: str
) -> None:
    titles = [r.title for r in list_records(site / "episodes")]  # newest first
    browser.get(f"{url}/")
    assert browser.execute_script(TITLES) == titles[:25]
    click(browser, "Vipindi vya zamani")
    assert browser.current_url == f"{url}/kurasa/2/index.html"
    assert browser.execute_script(TITLES) == titles[25:45]
    click(browser, "Vipindi vya zamani")
    assert browser.current_url == f"{url}/kurasa/1/index.html"
    assert browser.execute_script(TITLES) == titles[45:]
    assert not [a for a in browser.find_elements("css selector", "nav.pages a")
                if "zamani" in a.text]  # fmt: skip
    click(browser, "Vipya zaidi")
    click(browser, "Vipya zaidi")
    assert browser.current_url == f"{url}/index.html"
    browser.find_element("css selector", "footer a").click()
    assert browser.current_url == f"{url}/partners.html"
    browser.find_element("css selector", "header a.show").click()
    assert browser.current_url == f"{url}/index.html"
    assert errors(browser) == []


@pytest.mark.parametrize("path", ["/", "/kurasa/2/", "/kurasa/1/"])
def test_every_player_loads_its_small_file(browser: Any, site: Path, url: str, path: str) -> None:
    by_title = {r.title: r for r in list_records(site / "episodes")}
    browser.get(f"{url}{path}")
    players = browser.execute_async_script(WAIT_FOR_MEDIA)
    titles = browser.execute_script(TITLES)
    assert len(players) == len(titles) >= 20
    for player, title in zip(players, titles, strict=True):
        record = by_title[title]
        small = record.renditions["mobile"]
        assert player["error"] is None and player["ready"] >= 1, player
        assert player["src"] == f"{url}/episodes/{record.slug}/{small.file}"
        assert abs(player["duration"] - small.duration) <= 1.0, player
    assert errors(browser) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_home_page_and_its_buttons_follow_the_colour_scheme(
    browser: Any, url: str, scheme: str
) -> None:
    feature = {"name": "prefers-color-scheme", "value": scheme}
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [feature]})
    try:
        browser.get(f"{url}/")
        colours = browser.execute_script(
            "const b = getComputedStyle(document.body);"
            "const a = getComputedStyle(document.querySelector('.apps a'));"
            "return [b.backgroundColor, b.color, a.color]"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def brightness(rgb: str) -> int:
        return sum(int(part) for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3])

    background, text, button = map(brightness, colours)
    if scheme == "dark":
        assert background < 150 < text and background < 150 < button, colours
    else:
        assert background > 600 > text and background > 600 > button, colours
    assert errors(browser) == []
