"""The one error hierarchy: every failure a producer can act on is an AudiocastError."""

from __future__ import annotations

import errno


class AudiocastError(Exception):
    """Base for every error the CLI reports as one line (exit code 1)."""


class ConfigError(AudiocastError):
    """The show settings (audiocast.toml) are missing, malformed or invalid."""


class ArticleError(AudiocastError):
    """An article file is unreadable or does not match the article format."""


class EngineError(AudiocastError):
    """A speech engine is unavailable or failed to speak a segment."""


class AudioError(AudiocastError):
    """Mixing, mastering, encoding or decoding audio failed."""


class FeedError(AudiocastError):
    """A feed could not be written from the episode records."""


class EpisodeError(AudiocastError):
    """An episode record (episode.json) or its media is missing or inconsistent."""


class SynthesisError(EngineError):
    """One segment of a batch could not be spoken; `index` says which."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


class LockError(AudiocastError):
    """Another audiocast process is writing the same show and did not finish in time."""


class ServeError(AudiocastError):
    """The preview server could not start (address in use, unknown host)."""


class SourceError(AudiocastError):
    """A news source (feed or CMS) could not be fetched or is not a feed audiocast reads."""


class SourceBusy(SourceError):
    """A source answered 429 or 5xx; `retry_after`: the seconds its Retry-After asked for."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PublishError(AudiocastError):
    """The show could not be published: missing or stale files, or the storage refused."""


def system_error(exc: OSError) -> str:
    """An operating-system error as a producer can act on it: what happened, where, and the
    step that fits it (space for a full disk, permission for a refused folder).

    >>> system_error(OSError(28, "No space left on device", "/shows/a/x.tmp"))
    '/shows/a/x.tmp: No space left on device; free some space, then run the command again'
    >>> system_error(PermissionError(13, "Permission denied", "/shows/a")).split("; ")[1]
    'check that you may write to that folder, then run the command again'
    """
    where = f"{exc.filename}: " if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        step = "free some space"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        step = "check that you may write to that folder"
    else:
        step = "check the disk and the folder"
    return f"{where}{exc.strerror or exc}; {step}, then run the command again"
