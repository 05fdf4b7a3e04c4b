"""Limits a producer hears about before any speech is paid for ([limits] in audiocast.toml)."""

from __future__ import annotations

from .config import LimitSettings
from .errors import ArticleError
from .script import Script


def estimate_seconds(script: Script, chars_per_second: float) -> float:
    """How long the episode will run, from the length of what will be spoken and the pauses.

    >>> from audiocast import Settings, build_script, parse_article
    >>> article = parse_article({"title": "Habari", "date": "2024-06-18", "author": "A",
    ...     "summary": "Muhtasari.", "body": [{"paragraph": "Aya ya kwanza."}]})
    >>> 5 < estimate_seconds(build_script(article, Settings()), 15.0) < 60
    True
    """
    characters = sum(len(sentence.spoken) for segment in script for sentence in segment.sentences)
    pauses = sum(segment.pause_after_ms for segment in script) / 1000
    return characters / chars_per_second + pauses


def check_episode_length(script: Script, limits: LimitSettings, origin: str) -> float:
    """The estimated length in seconds; ArticleError if it is over [limits] episode_seconds."""
    seconds = estimate_seconds(script, limits.chars_per_second)
    if seconds > limits.episode_seconds:
        raise ArticleError(
            f"{origin}: about {_clock(seconds)} of speech, longer than the show's limit of "
            f"{_clock(limits.episode_seconds)} ([limits] episode_seconds in audiocast.toml); "
            "split the article into several episodes"
        )
    return seconds


def check_real_length(seconds: float, limits: LimitSettings, origin: str) -> None:
    """ArticleError if the episode as mixed runs over [limits] episode_seconds: the estimate
    checked before speech cannot know the show's intro and outro, nor how an engine paces
    thousands of short paragraphs, so the limit is checked again on the real length."""
    if seconds > limits.episode_seconds:
        raise ArticleError(
            f"{origin}: the episode runs {_clock(seconds)}, longer than the show's limit of "
            f"{_clock(limits.episode_seconds)} ([limits] episode_seconds in audiocast.toml); "
            "split the article into several episodes"
        )


def _clock(seconds: float) -> str:
    """
    >>> _clock(3 * 3600), _clock(95)
    ('3:00:00', '0:01:35')
    """
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
