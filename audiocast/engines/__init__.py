"""Speech engines behind one protocol, a registry, and the choice of who speaks an episode."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..config import Settings
from ..errors import EngineError

if TYPE_CHECKING:  # the registry names engines without loading numpy or their clients
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Word:
    """Where an engine says it spoke a word: seconds from the start of its audio."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class PCM:
    """Mono 16-bit audio at `sample_rate`, and where each word is heard in it if the engine
    says so (edge's word boundaries); most engines do not."""

    samples: npt.NDArray[np.int16]
    sample_rate: int
    words: tuple[Word, ...] = ()

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
    lets a build mix each sentence as soon as it is spoken; one that needs the network
    has a `probe()` saying how its service is reached (see EngineSpec)."""

    name: str
    version: str

    def voice_key(self, voice: str) -> str:
        """The voice and every parameter that changes its sound (part of the cache key)."""
        ...

    def synthesize(self, text: str, voice: str) -> PCM: ...


EngineFactory = Callable[[Settings], Engine]


@dataclass(frozen=True)
class VoiceInfo:
    """A voice as a producer chooses it: who it sounds like."""

    name: str
    accent: str  # "KE" Kenyan, "TZ" Tanzanian, "" none in particular
    sex: str  # "woman", "man", or "" when the engine does not say
    note: str = ""


@dataclass(frozen=True)
class EngineSpec:
    """What audiocast knows of an engine before starting it. Each engine module declares
    its own; adding an engine is its module, a line in `_SPECS` and its settings."""

    name: str
    factory: EngineFactory
    summary: str  # what it sounds like and what it needs, for `audiocast voices`
    voices: Callable[[Settings], Sequence[VoiceInfo]]
    section: str | None = None  # its table in audiocast.toml, if it has one
    # The keys of that table that change the audio: the rest (addresses, keys, timeouts)
    # do not make a build stale.
    sound: frozenset[str] = frozenset()
    needs_network: bool = False
    # Takes the lexicon's respellings marked beside the words as written (SSML <sub alias>);
    # every other engine is given the respellings alone.
    subs: bool = False


def _specs() -> dict[str, EngineSpec]:
    from . import azure, edge, espeak, gtts, piper

    return {spec.name: spec for spec in (gtts.SPEC, azure.SPEC, edge.SPEC, piper.SPEC, espeak.SPEC)}


_REGISTRY: dict[str, EngineSpec] = {}


def registry() -> dict[str, EngineSpec]:
    """Every engine this version knows, in the order `doctor` and `voices` list them."""
    if not _REGISTRY:
        _REGISTRY.update(_specs())
    return _REGISTRY


def register(spec: EngineSpec) -> None:
    registry()[spec.name] = spec


def hash_exclusions() -> dict[str, Any]:
    """The engines' settings that do not change the audio, as `model_dump(exclude=...)`."""
    excluded: dict[str, Any] = {}
    for spec in registry().values():
        if spec.section is None:
            continue
        fields = Settings.model_fields[spec.section].annotation
        names = set(getattr(fields, "model_fields", {})) - spec.sound
        excluded[spec.section] = True if not spec.sound else names
    return excluded


def start(name: str, settings: Settings) -> tuple[Engine | None, EngineStatus]:
    """An engine ready to speak, without touching the network yet; never raises for an
    unavailable engine."""
    spec = registry().get(name)
    if spec is None:
        known = ", ".join(registry())
        return None, EngineStatus(name, False, f"unknown engine; known engines: {known}")
    try:
        engine = spec.factory(settings)
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
    spec = registry().get(engine.name)
    return spec.needs_network if spec else hasattr(engine, "probe")


def takes_subs(engine: Engine) -> bool:
    """Whether `engine` is given the lexicon's respellings with the words as written."""
    spec = registry().get(engine.name)
    return spec.subs if spec else False


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
