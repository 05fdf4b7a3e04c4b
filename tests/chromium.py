"""Headless Chromium for the tests that open the show's pages (Debian's chromium and
chromium-driver): the `browser` fixture, and what those tests read from it.

A test module uses it with `from chromium import browser` (the fixture) and the helpers;
`site` is a fixture too: a copy of the built sample show with its pages written.

`axe_violations` runs axe-core (from npm, pinned in tests/browser/package-lock.json, which
`make axe` installs) in the loaded page.
"""

from __future__ import annotations

import http.client
import os
import shutil
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from audiocast.page import write_site
from audiocast.show import Show

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Without the network flags Chromium calls Google at start, which this machine refuses.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--autoplay-policy=no-user-gesture-required",
)
WAIT_FOR_MEDIA = """
const done = arguments[arguments.length - 1];
const players = [...document.querySelectorAll("audio")];
Promise.all(players.map((a) => a.readyState >= 1 ? null : new Promise((ok) => {
  a.addEventListener("loadedmetadata", ok, {once: true});
  a.addEventListener("error", ok, {once: true});
}))).then(() => done(players.map((a) => ({
  src: a.currentSrc, duration: a.duration, ready: a.readyState, error: a.error && a.error.code,
}))));
"""


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)  # CI installs it: a skip there would hide a broken step
    pytest.skip(message)


@pytest.fixture(scope="module")
def site(built_show: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built sample show with its pages written, for one test module."""
    root = tmp_path_factory.mktemp("site") / "show"
    shutil.copytree(built_show, root, ignore=shutil.ignore_patterns(".cache"))
    write_site(Show.open(root))
    return root


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        _missing("needs Debian's chromium and chromium-driver (apt-get install them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager (which downloads drivers) never runs.
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def get(url: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """A GET of `path` on the server at `url`: status, headers and body."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def head(url: str) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        conn.request("HEAD", parts.path)
        return conn.getresponse()
    finally:
        conn.close()


# Only the violations, as short facts a failing assertion prints readably.
AXE_RUN = """
const impacts = arguments[0], done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then((results) => done(results.violations
  .filter((v) => impacts.includes(v.impact))
  .map((v) => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
    why: v.nodes.map((n) => n.failureSummary)}))),
  (error) => done({error: String(error)}));
"""


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(
    driver: Any, impacts: Sequence[str] = ("serious", "critical")
) -> list[dict[str, Any]]:
    """axe-core's violations of these impacts in the page the driver has loaded, with the
    rule's id, its help text, the elements (CSS selectors) and what is wrong with each.

    axe's source goes in through webdriver's execute_script, which Chromium evaluates over
    DevTools in the page's own world: the page's Content-Security-Policy, which refuses
    every script but the page's own, governs what the page loads and runs, not what the
    browser's automation evaluates, so the page is checked under its real policy, with
    nothing bypassed (test_accessibility.py shows the policy still holds after).
    """
    if not AXE.is_file():
        _missing("needs axe-core from npm: `make axe` installs it")
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(_axe_source())
    found = driver.execute_async_script(AXE_RUN, list(impacts))
    if isinstance(found, dict):
        raise AssertionError(f"axe-core did not run in the page: {found['error']}")
    return list(found)


SCREENS = {"phone": (360, 740), "desktop": (1280, 900)}


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    """The shared show, served by the preview server."""
    from audiocast.serve import running
    from audiocast.show import Show

    with running(Show.open(site)) as root:
        yield root


@pytest.fixture
def reset(browser: Any) -> Iterator[None]:
    """The browser back to a light desktop after a test that changed them."""
    yield
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.set_window_size(1280, 900)


def pages(site: Path) -> dict[str, str]:
    """The show's pages by name: their paths on the served show."""
    from audiocast.episode import list_records

    slug = list_records(site / "episodes")[0].slug
    return {
        "show": "/",
        "partners": "/partners.html",
        "episode": f"/episodes/{slug}/",
        "embed": f"/episodes/{slug}/embed.html",
    }


def open_page(driver: Any, address: str, screen: str, scheme: str = "light") -> None:
    """Load the page at this screen size in this colour scheme (the phone's setting), its
    players drawn at their final size."""
    driver.set_window_size(*SCREENS[screen])
    feature = {"name": "prefers-color-scheme", "value": scheme}
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [feature]})
    driver.get(address)
    driver.execute_async_script(WAIT_FOR_MEDIA)
    width = driver.execute_script("return window.innerWidth")
    assert width == SCREENS[screen][0], width  # the page is laid out for that screen
