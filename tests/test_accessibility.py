"""The show's pages pass axe-core's accessibility check in headless Chromium.

Served by the preview server, the show's home page, the partners' page and an episode's
page have no serious or critical violation of axe-core's rules (WCAG 2 A and AA, and its best
practices) on a 360 px phone and a 1280 px desktop, in light and dark mode: contrast of
every text in both colour schemes, landmarks and heading order, names of links and of the
player, the page's language. The check is shown to catch a fault before it is trusted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chromium import axe_violations, browser, errors, open_page, pages, reset, site, url

__all__ = ["browser", "reset", "site", "url"]  # the fixtures, used by name


@pytest.mark.usefixtures("reset")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("page", ["show", "partners", "episode", "embed"])
def test_page_has_no_serious_accessibility_violation(
    browser: Any, site: Path, url: str, page: str, screen: str, scheme: str
) -> None:
    open_page(browser, url + pages(site)[page], screen, scheme)
    assert axe_violations(browser) == []
    assert errors(browser) == []  # axe ran in the page without tripping its policy


@pytest.mark.usefixtures("reset")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_check_catches_faint_text_and_a_missing_language(
    browser: Any, site: Path, url: str, scheme: str
) -> None:
    open_page(browser, url + pages(site)["episode"], "phone", scheme)
    # The muted text drawn in the faint colour of the rules between items, and the
    # language taken away: what a careless restyle or template change would do.
    browser.execute_script(
        "const root = document.documentElement, line = getComputedStyle(root)"
        ".getPropertyValue('--line'); root.style.setProperty('--muted', line);"
        "root.removeAttribute('lang');"
    )
    found = {v["id"]: v for v in axe_violations(browser)}
    assert set(found) == {"color-contrast", "html-has-lang"}, found
    assert any(".meta" in target for target in found["color-contrast"]["targets"]), found


def test_the_pages_policy_still_holds_with_axe_in_the_page(
    browser: Any, site: Path, url: str
) -> None:
    browser.get(url + pages(site)["episode"])
    assert axe_violations(browser) == []
    # A script the page itself adds is still refused: axe saw the page as its policy
    # makes it, not a page with the policy switched off.
    ran = browser.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        "document.body.append(s); return window.injected === 1"
    )
    assert ran is False
    refused = [e["message"] for e in errors(browser)]
    assert refused and all("Content Security Policy" in m for m in refused), refused
