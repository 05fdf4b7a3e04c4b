"""The episode page's player plays each listener file it offers, in headless Chromium.

The page's download list offers exactly the listener renditions (the radio's MP3 and WAV
are for partners, not listeners); the page's own player, pointed at each of them in turn,
reads its length as the episode record gives it and plays: its clock moves. The MP3 and
the M4A both play.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from audiocast.episode import list_records
from audiocast.media import media_format
from audiocast.page import listener_renditions
from audiocast.serve import running
from audiocast.show import Show

from chromium import WAIT_FOR_MEDIA, browser, errors, site

__all__ = ["browser", "site"]  # the fixtures, used by name

OFFERED = """
return [...document.querySelectorAll("#downloads ~ ul a[download]")]
  .map((a) => ({href: a.href, type: a.type}));
"""
# The page's player, given this file instead of its own first choice: its length once
# the metadata is read, then its clock a little after play.
PLAY = """
const href = arguments[0], done = arguments[arguments.length - 1];
const player = document.getElementById("player");
player.pause();
player.addEventListener("error", () => done({error: player.error.code}), {once: true});
player.addEventListener("loadedmetadata", () => {
  const duration = player.duration;
  const tick = () => {
    if (player.currentTime < 0.3) return;
    player.removeEventListener("timeupdate", tick);
    player.pause();
    done({src: player.currentSrc, duration, time: player.currentTime});
  };
  player.addEventListener("timeupdate", tick);
  player.play().catch((e) => done({error: String(e)}));
}, {once: true});
player.src = href;  // an src attribute overrides the <source> list
player.load();
"""


def test_the_player_plays_each_listener_rendition(browser: Any, site: Path) -> None:
    show = Show.open(site)
    record = list_records(site / "episodes")[0]
    listening = listener_renditions(record, show.settings)
    radio = set(record.renditions) - {r.profile for r in listening}
    assert {"radio", "broadcast"} <= radio  # partners' files, on partners' feeds
    formats = {media_format(r.format).label for r in listening}
    assert {"MP3", "M4A"} <= formats, formats
    with running(show) as url:
        folder = f"{url}/episodes/{quote(record.slug)}/"
        browser.get(folder)
        browser.execute_async_script(WAIT_FOR_MEDIA)
        offered = browser.execute_script(OFFERED)
        expected = [
            {"href": folder + quote(r.file), "type": media_format(r.format).mime} for r in listening
        ]
        assert offered == expected  # the listener files, smallest first, and only those
        for rendition in listening:
            mime = media_format(rendition.format).mime
            assert browser.execute_script(
                "return document.createElement('audio').canPlayType(arguments[0])", mime
            ) in ("probably", "maybe"), mime
            played = browser.execute_async_script(PLAY, folder + quote(rendition.file))
            assert "error" not in played, (rendition.file, played)
            assert played["src"] == folder + quote(rendition.file)
            assert abs(played["duration"] - record.duration) <= 0.5, (rendition.file, played)
            assert abs(played["duration"] - rendition.duration) <= 0.5, (rendition.file, played)
            assert played["time"] >= 0.3, played  # the clock moved: it plays
    assert errors(browser) == []
