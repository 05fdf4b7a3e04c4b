"""The embeddable player in a real browser, where newsrooms use it: inside an iframe of an
article page served by another web server (another origin, as a newsroom's site is), the
iframe pasted from the snippet the episode page shows.

The show is served by `audiocast serve`; the newsroom by Python's own http.server on another
port of 127.0.0.1. In the frame the player loads the small file from the show's server and
plays, the title and the link back to the episode page are there, and neither page logs an
error; in a 320 px column the player fits its iframe without scrolling.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from audiocast.episode import list_records
from audiocast.page import write_site
from audiocast.serve import running
from audiocast.show import Show

from chromium import WAIT_FOR_MEDIA, browser, errors, head
from conftest import SAMPLE_BASE_URL

__all__ = ["browser"]  # the fixture, used by name

ARTICLE = """<!DOCTYPE html>
<html lang="sw"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Gazeti la Leo</title></head>
<body><main style="max-width:{width};margin:0 auto;padding:0 {padding}">
<h1>Putin azuru Pyongyang</h1>
<p>Rais wa Urusi amewasili Korea Kaskazini kwa ziara ya siku mbili.</p>
{snippet}
<p>Habari zaidi zitafuata.</p>
</main></body></html>
"""
PLAY_A_MOMENT = """
const done = arguments[arguments.length - 1];
const player = document.querySelector("audio");
const start = player.currentTime;
const report = () => { player.pause(); done({start: start, time: player.currentTime,
  src: player.currentSrc}); };
player.addEventListener("timeupdate", () => { if (player.currentTime >= start + 0.5) report(); });
setTimeout(report, 20000);  // a busy machine may take a while to start; it must still play
player.play().catch((e) => done({error: String(e)}));
"""
FITS = """
const root = document.documentElement;
return {scrollWidth: root.scrollWidth, width: innerWidth,
  scrollHeight: root.scrollHeight, height: innerHeight};
"""


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser-embed") / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    write_site(Show.open(root))
    return root


@pytest.fixture(scope="module")
def show_url(site: Path) -> Iterator[str]:
    with running(Show.open(site)) as url:
        yield url


@pytest.fixture(scope="module")
def newsroom(show_url: str, site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Another origin: article pages with the snippet as an editor copies it from the served
    episode page, its addresses pointing at the show's server instead of base_url."""
    slug = list_records(site / "episodes")[0].slug
    with urllib.request.urlopen(f"{show_url}/episodes/{slug}/", timeout=10) as response:
        page = html.fromstring(response.read())
    (snippet,) = page.xpath("//section[@aria-labelledby='embed']//textarea/text()")
    snippet = snippet.replace(SAMPLE_BASE_URL, show_url)
    folder = tmp_path_factory.mktemp("newsroom")
    (folder / "article.html").write_text(
        ARTICLE.format(width="48rem", padding="1rem", snippet=snippet)
    )
    # A narrow column, as on a phone: the iframe as pasted, 100% of 320 px.
    (folder / "narrow.html").write_text(ARTICLE.format(width="320px", padding="0", snippet=snippet))
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_the_embed_plays_in_another_sites_article(
    browser: Any, site: Path, show_url: str, newsroom: str
) -> None:
    record = list_records(site / "episodes")[0]
    mobile = record.renditions["mobile"]
    assert newsroom != show_url  # another port: another origin
    browser.get(f"{newsroom}/article.html")
    frame = browser.find_element("css selector", "iframe")
    assert frame.get_attribute("src") == f"{show_url}/episodes/{record.slug}/embed.html"
    served = head(f"{show_url}/episodes/{record.slug}/embed.html")
    assert served.status == 200 and served.getheader("X-Frame-Options") is None
    assert "frame-ancestors" not in (served.getheader("Content-Security-Policy") or "")
    # The newsroom's page cannot reach into the frame: the browser keeps the origins apart.
    assert browser.execute_script("return document.querySelector('iframe').contentDocument") is None
    browser.switch_to.frame(frame)
    try:
        (player,) = browser.execute_async_script(WAIT_FOR_MEDIA)
        assert player["error"] is None and player["ready"] >= 1, player
        assert player["src"] == f"{show_url}/episodes/{record.slug}/{mobile.file}"
        assert abs(player["duration"] - mobile.duration) <= 1.0, player
        played = browser.execute_async_script(PLAY_A_MOMENT)
        assert "error" not in played, played
        assert played["time"] >= played["start"] + 0.5, played  # it played, not just loaded
        assert browser.find_element("css selector", "h1").text == record.title
        assert "Sikiliza habari hii" in browser.find_element("css selector", "body").text
        back = browser.find_element("css selector", "a[target]")
        assert back.get_attribute("href") == f"{show_url}/episodes/{record.slug}/index.html"
        assert back.get_attribute("target") == "_blank"
    finally:
        browser.switch_to.default_content()
    assert errors(browser) == []  # neither the article nor the embed logged an error


def test_the_embed_opens_the_episode_page_in_a_new_tab(
    browser: Any, site: Path, show_url: str, newsroom: str
) -> None:
    record = list_records(site / "episodes")[0]
    browser.get(f"{newsroom}/article.html")
    article = browser.current_window_handle
    browser.switch_to.frame(browser.find_element("css selector", "iframe"))
    browser.find_element("css selector", "a[target]").click()
    browser.switch_to.default_content()
    try:
        (opened,) = set(browser.window_handles) - {article}
        browser.switch_to.window(opened)
        assert browser.execute_script("return window.opener") is None  # rel=noopener
        assert browser.current_url == f"{show_url}/episodes/{record.slug}/index.html"
        assert browser.title.startswith(record.title)
        browser.close()
    finally:
        browser.switch_to.window(article)
    assert browser.current_url == f"{newsroom}/article.html"  # the reader's article stays
    assert errors(browser) == []


def test_the_embed_fits_a_320_px_column(browser: Any, newsroom: str) -> None:
    browser.get(f"{newsroom}/narrow.html")
    frame = browser.find_element("css selector", "iframe")
    assert frame.size["width"] == 320 and 150 <= frame.size["height"] <= 200, frame.size
    browser.switch_to.frame(frame)
    try:
        browser.execute_async_script(WAIT_FOR_MEDIA)
        fits = browser.execute_script(FITS)
        player = browser.execute_script(
            "const r = document.querySelector('audio').getBoundingClientRect();"
            "return [r.left, r.right, r.top, r.bottom]"
        )
    finally:
        browser.switch_to.default_content()
    assert fits["scrollWidth"] <= fits["width"] == 320, fits  # nothing scrolls sideways
    assert fits["scrollHeight"] <= fits["height"], fits  # nor up and down: all of it shows
    left, right, top, bottom = player
    assert 0 <= left < right <= 320 and 0 <= top < bottom <= fits["height"], player
    assert errors(browser) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_embed_follows_the_readers_colour_scheme(
    browser: Any, newsroom: str, scheme: str
) -> None:
    feature = {"name": "prefers-color-scheme", "value": scheme}
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [feature]})
    try:
        browser.get(f"{newsroom}/article.html")
        browser.switch_to.frame(browser.find_element("css selector", "iframe"))
        colours = browser.execute_script(
            "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]"
        )
    finally:
        browser.switch_to.default_content()
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def brightness(rgb: str) -> int:
        return sum(int(part) for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3])

    background, text = map(brightness, colours)
    assert (background < text) if scheme == "dark" else (background > text), colours
