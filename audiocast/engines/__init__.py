"""Speech engines behind one protocol, a registry, and the choice of who speaks an episode."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..config import Settings
from ..errors import EngineError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PCM:
    """Mono 16-bit audio at `sample_rate`."""

    samples: npt.NDArray[np.int16]
    sample_rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    def load(self) -> PCM:
        """Speech already in memory (see mix.Speech)."""
        return self


@dataclass(frozen=True)
class EngineStatus:
    name: str
    available: bool
    detail: str  # version when available, else what is missing and what to do


class Engine(Protocol):
    """A speech engine. One that knows the rate it speaks at (a `sample_rate` attribute)
    lets a build mix each sentence as soon as it is spoken."""

    name: str
    version: str

    def voice_key(self, voice: str) -> str:
        """The voice and every parameter that changes its sound (part of the cache key)."""
        ...

    def synthesize(self, text: str, voice: str) -> PCM: ...


EngineFactory = Callable[[Settings], Engine]
ENDPOINT_ENV = "AUDIOCAST_GTTS_ENDPOINT"  # overrides [gtts] endpoint: a proxy, or a test's fake


def _espeak(settings: Settings) -> Engine:
    from .espeak import EspeakEngine

    return EspeakEngine(rate=settings.voices.espeak_rate)


def _gtts(settings: Settings) -> Engine:
    from .gtts import GttsEngine

    return GttsEngine(settings.gtts, endpoint=os.environ.get(ENDPOINT_ENV) or None)


def _piper(settings: Settings) -> Engine:
    from .piper import PiperEngine

    return PiperEngine(settings.piper)


# Engines the settings may name that this version cannot start yet say so instead of failing.
_REGISTRY: dict[str, EngineFactory] = {"gtts": _gtts, "espeak": _espeak, "piper": _piper}
KNOWN_ENGINES = ("gtts", "espeak", "piper")


def register(name: str, factory: EngineFactory) -> None:
    _REGISTRY[name] = factory


def start(name: str, settings: Settings) -> tuple[Engine | None, EngineStatus]:
    """An engine ready to speak, without touching the network yet; never raises for an
    unavailable engine."""
    factory = _REGISTRY.get(name)
    if factory is None:
        reason = "not included in this version of audiocast"
        if name not in KNOWN_ENGINES:
            reason = f"unknown engine; known engines: {', '.join(KNOWN_ENGINES)}"
        return None, EngineStatus(name, False, reason)
    try:
        engine = factory(settings)
    except EngineError as exc:
        return None, EngineStatus(name, False, str(exc))
    return engine, EngineStatus(name, True, engine.version)


def probe(name: str, settings: Settings) -> tuple[Engine | None, EngineStatus]:
    """Start an engine and, if it speaks over the network, check its service is reachable
    the way its requests go (through the environment's proxy, if any)."""
    engine, status = start(name, settings)
    if engine is None or not needs_network(engine):
        return engine, status
    return _reach(engine)


def _reach(engine: Engine) -> tuple[Engine | None, EngineStatus]:
    try:
        route = engine.probe()  # type: ignore[attr-defined]
    except EngineError as exc:
        return None, EngineStatus(engine.name, False, str(exc))
    return engine, EngineStatus(engine.name, True, f"{engine.version}; {route}")


def needs_network(engine: Engine) -> bool:
    return bool(getattr(engine, "needs_network", False))


def choose_engine(
    names: list[str], settings: Settings, cached: Callable[[Engine], bool] | None = None
) -> tuple[Engine, list[EngineStatus]]:
    """The first available engine in preference order, and why the ones before it were skipped.

    One engine speaks a whole episode, so voices never change engine mid-story. A network
    engine is probed only when `cached(engine)` says some of its speech is still to be
    fetched: an up-to-date rebuild makes no network call at all.
    """
    skipped: list[EngineStatus] = []
    for name in names:
        engine, status = start(name, settings)
        if engine is not None and needs_network(engine) and not (cached and cached(engine)):
            engine, status = _reach(engine)
        if engine is not None:
            for s in skipped:
                log.info("engine %s skipped: %s", s.name, s.detail)
            return engine, skipped
        skipped.append(status)
    reasons = "; ".join(f"{s.name}: {s.detail}" for s in skipped) or "no engine configured"
    raise EngineError(
        f"no speech engine is available ({reasons}); "
        "add 'espeak' to [voices] engine in audiocast.toml or run `audiocast doctor`"
    )
