"""Checking a built show against the standards its outputs promise: every defect a listener's
app or a radio partner would trip over, as a list of problems that say where and what to do.

The checks are split by what they read: the feeds (feeds.py), the episode records and the
files they name (records.py), the media files themselves (media.py) and the episode pages
(pages.py); base.py holds the state they share.
"""

from __future__ import annotations

from dataclasses import replace

from ..defaults import SETTINGS_FILE
from ..placeholders import placeholders
from ..show import Show
from ..site import feed_profiles
from .base import Problem, Severity
from .feeds import FeedChecks
from .pages import PageChecks

__all__ = ["Problem", "Severity", "validate_show"]


def validate_show(show: Show, *, measure_audio: bool = True) -> list[Problem]:
    """Every way the show's feeds and built episodes miss their standards; empty when all is well.

    `measure_audio` decodes each rendition to measure its loudness and true peak (the slow part).

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(validate_show(Show.open(Path(folder)))[0].problem)
    [show] base_url is a placeholder (https://example.org/habari): publish refuses it
    """
    # One resolved root, so that paths from URLs and from folders compare equal.
    check = _Check(replace(show, root=show.root.resolve()), measure_audio)
    check.placeholders()
    check.episodes()
    check.episode_pages()
    check.site_pages()
    for profile in feed_profiles(show):
        check.feed(profile)
    check.leftovers()
    return list(dict.fromkeys(check.problems))  # the feeds share cover and transcript files


class _Check(FeedChecks, PageChecks):
    """Every check, and the settings' own."""

    # Settings: nothing a listener or a directory sees may still be a placeholder.

    def placeholders(self) -> None:
        for found in placeholders(self.show.settings):
            self.error(
                SETTINGS_FILE,
                f"{found.setting} is a placeholder ({found.value}): publish refuses it",
                f"{found.fix}, then run `audiocast feed`",
            )
