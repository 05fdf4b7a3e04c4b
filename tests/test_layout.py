"""The pages' layout in headless Chromium, on a 360 px phone and a 1280 px desktop.

On both screens nothing scrolls sideways and no text, image or player overlaps another; on
the desktop the reading column stays narrow (no line longer than 48rem); the episode page's
player is on the first screen. Screenshots of each page on each screen, decoded with
Pillow, show a drawn page (not blank) on the background of the reader's colour scheme.
The screenshots stay in the test's temporary folder, out of the repository.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from chromium import SCREENS, browser, errors, open_page, pages, reset, site, url

__all__ = ["browser", "reset", "site", "url"]  # the fixtures, used by name

COLUMN_REM = 48

# Every visible piece of text (each line of it), image and player, as rectangles, and the
# widest block of running text; text hidden for screen readers only (.sr) is not drawn.
LAYOUT = """
const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
const boxes = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!node.textContent.trim() || parent.closest(".sr, script, style, audio")) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  for (const r of range.getClientRects()) {
    boxes.push({what: parent.tagName.toLowerCase() + ": " + node.textContent.trim().slice(0, 40),
      left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY});
  }
}
for (const el of document.querySelectorAll("body img, body audio")) {
  const r = el.getBoundingClientRect();
  if (r.width && r.height) boxes.push({what: el.tagName.toLowerCase(), left: r.left,
    right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY});
}
const blocks = [...document.querySelectorAll("p, li, h1, h2, h3, blockquote, audio")];
const widest = Math.max(...blocks.map((el) => el.getBoundingClientRect().width));
// The width inside the scroll bar, where a desktop browser draws one.
const page = document.documentElement;
return {rem, boxes, widest, scroll: page.scrollWidth, width: page.clientWidth,
  height: page.clientHeight};
"""
PLAYER = """
const r = document.getElementById("player").getBoundingClientRect();
return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
"""


def overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of boxes that share more than a pixel each way (touching is fine)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
            high = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if wide > 1 and high > 1:
                found.append((a["what"], b["what"]))
    return found


@pytest.mark.usefixtures("reset")
@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("page", ["show", "partners", "episode"])
def test_layout_rules(browser: Any, site: Path, url: str, page: str, screen: str) -> None:
    open_page(browser, url + pages(site)[page], screen)
    layout = browser.execute_script(LAYOUT)
    assert layout["scroll"] <= layout["width"]  # nothing scrolls sideways
    assert len(layout["boxes"]) > 20  # the page's text was found and measured
    assert overlaps(layout["boxes"]) == []
    for box in layout["boxes"]:  # everything inside the screen's width
        assert 0 <= box["left"] < box["right"] <= layout["width"] + 0.5, box
    # A readable column: on a desktop, lines as long as on a page of a book, not the screen.
    assert layout["widest"] <= COLUMN_REM * layout["rem"], layout["widest"]
    if page == "episode":
        player = browser.execute_script(PLAYER)
        # The player on the first screen, whole: play needs no scrolling.
        assert 0 <= player["top"] < player["bottom"] <= layout["height"], player
        assert 0 <= player["left"] < player["right"] <= layout["width"], player
    assert errors(browser) == []


def test_desktop_column_is_centred_and_bounded(browser: Any, site: Path, url: str) -> None:
    browser.set_window_size(*SCREENS["desktop"])
    try:
        browser.get(url + pages(site)["episode"])
        main = browser.execute_script(
            "const r = document.querySelector('main').getBoundingClientRect();"
            "return [r.left, r.right, document.documentElement.clientWidth]"
        )
    finally:
        browser.set_window_size(1280, 900)
    left, right, width = main
    assert right - left <= COLUMN_REM * 16  # not stretched over a wide screen
    assert abs(left - (width - right)) <= 1  # with even margins either side


def colour_of(css: str) -> tuple[int, int, int]:
    """rgb(21, 21, 21) -> (21, 21, 21)."""
    r, g, b = (int(part) for part in css[css.index("(") + 1 : -1].split(",")[:3])
    return r, g, b


@pytest.mark.usefixtures("reset")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("page", ["show", "partners", "episode"])
def test_screenshot_shows_the_page_on_the_schemes_background(
    browser: Any, site: Path, url: str, page: str, screen: str, scheme: str, tmp_path: Path
) -> None:
    open_page(browser, url + pages(site)[page], screen, scheme)
    background = colour_of(
        browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    )
    ratio = browser.execute_script("return window.devicePixelRatio")
    png = browser.get_screenshot_as_png()
    shot = tmp_path / f"{page}-{screen}-{scheme}.png"
    shot.write_bytes(png)  # to look at when this fails; outside the repository
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == round(SCREENS[screen][0] * ratio), (image.size, shot)
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    assert len(colours) > 50, shot  # text, cover and player drawn: not a blank page
    count, commonest = max(colours)
    # The body's colour, give or take a colour-management rounding.
    assert all(abs(a - b) <= 2 for a, b in zip(commonest, background, strict=True)), (
        commonest,
        background,
        shot,
    )
    assert count > 0.4 * image.width * image.height, shot  # the page's own background
    light = sum(commonest) / 3 > 128
    assert light == (scheme == "light"), (commonest, shot)
