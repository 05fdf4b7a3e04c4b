"""A natural Swahili voice offline: a Piper neural model the producer supplies (piper-tts).

A Piper voice is two files: `NAME.onnx` (the network) and `NAME.onnx.json` (its sample rate,
speakers, phoneme table and espeak-ng language). piper-tts phonemizes with the espeak-ng it
bundles and runs the network through onnxruntime, so nothing is downloaded at build time.

Voices for roles (`[voices] narrator/quote`, key `piper`) are `SPEAKER[@pitch±N]`: SPEAKER is
`default` (the model's default speaker), `other` (another speaker when the model has several,
else the default speaker three semitones lower), a speaker number, or a name from the
model's speaker table; `@pitch-3` shifts any of them (engines/pitch.py).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import PiperSettings, Settings
from ..errors import EngineError
from . import PCM, EngineSpec, VoiceInfo
from .pitch import shift_pitch, split_pitch

log = logging.getLogger(__name__)

DEFAULT_VOICE = "default"
OTHER_VOICE = "other"
# A single-speaker model's second voice: like gtts, the one speaker three semitones lower.
OTHER_PITCH = -3.0
# Piper peaks every sentence at full scale; the pitch shift's resampling needs headroom.
_VOLUME = 0.9
_INSTALL = "the piper-tts package (run `pip install piper-tts`)"
_GET_VOICE = (
    "a voice model (download a Swahili Piper voice such as sw_CD-lanfrica-medium, .onnx and "
    ".onnx.json, then run `audiocast voices add PATH` or set piper.model in audiocast.toml)"
)
_INPUTS = {"input", "input_lengths", "scales"}  # what every Piper model takes, plus `sid`


@dataclass(frozen=True)
class VoiceConfig:
    """What audiocast reads from a voice's `.onnx.json`."""

    raw: dict[str, Any]
    digest: str  # of the keys that change the sound; names and notes may change freely
    sample_rate: int
    num_speakers: int
    speakers: dict[str, int]  # speaker name -> id, empty for single-speaker voices
    default_speaker: int
    language: str  # the espeak-ng voice that phonemizes the text


def read_voice_config(path: Path) -> VoiceConfig:
    """A voice's `.onnx.json`, checked for what Piper needs and for Swahili.

    Raises EngineError naming the file and the problem.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EngineError(
            f"{path}: the voice's config is missing; it comes with the model as "
            f"{path.name} (download it too)"
        ) from None
    except OSError as exc:
        raise EngineError(f"{path}: cannot read the voice's config ({exc.strerror})") from None
    try:
        raw = json.loads(data)
        config = VoiceConfig(
            raw=raw,
            digest=_sound_digest(raw),
            sample_rate=int(raw["audio"]["sample_rate"]),
            num_speakers=int(raw["num_speakers"]),
            speakers={str(k): int(v) for k, v in raw.get("speaker_id_map", {}).items()},
            default_speaker=int(raw.get("default_speaker_id", 0)),
            language=str(raw["espeak"]["voice"]),
        )
        if not raw["phoneme_id_map"] or config.sample_rate <= 0 or config.num_speakers < 1:
            raise ValueError("empty phoneme_id_map, or no sample rate or speakers")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        what = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise EngineError(
            f"{path}: not a Piper voice config ({what}); download the voice's .onnx.json again"
        ) from None
    # Swahili read through another language's phonemizer is unintelligible.
    if config.language.split("-")[0].lower() != "sw":
        raise EngineError(
            f"{path}: a voice for espeak language {config.language!r}, not Swahili ('sw'); "
            "use a Swahili voice such as sw_CD-lanfrica-medium"
        )
    return config


def voice_paths(settings: PiperSettings) -> tuple[Path, Path]:
    """The model and config files; relative paths not yet located are from the current folder."""
    if settings.model is None:
        raise EngineError(f"needs {_GET_VOICE}")
    model = Path(settings.model).expanduser().absolute()
    config = Path(settings.config).expanduser().absolute() if settings.config else None
    return model, config or Path(f"{model}.json")


@dataclass(frozen=True)
class Speaker:
    id: int | None  # None: a single-speaker model takes no speaker input
    semitones: float


@dataclass(frozen=True)
class _Loaded:
    voice: Any  # piper.PiperVoice
    config: VoiceConfig
    model_sha256: str


class PiperEngine:
    """Swahili speech from a Piper voice model, offline.

    >>> voice = PiperSettings(model="voices/sw_CD-lanfrica-medium.onnx")
    >>> PiperEngine(voice).synthesize("Habari za asubuhi.", "default").sample_rate  # doctest: +SKIP
    22050
    """

    name = "piper"

    def __init__(self, settings: PiperSettings) -> None:
        missing = [] if importlib.util.find_spec("piper") else [_INSTALL]
        if settings.model is None:
            missing.append(_GET_VOICE)
        if missing:
            raise EngineError(f"needs {' and '.join(missing)}")
        model, config = voice_paths(settings)
        if not model.is_file():
            raise EngineError(
                f"piper.model {settings.model!r}: no such file {model}; download the voice "
                "(.onnx and .onnx.json) or run `audiocast voices add PATH`"
            )
        loaded = _load(model, config, settings.threads, _stamp(model), _stamp(config))
        self._voice = loaded.voice
        self.config = loaded.config
        self.sample_rate = loaded.config.sample_rate
        self.version = f"piper-{_piper_version()}-{loaded.model_sha256[:12]}"
        inference = loaded.config.raw.get("inference", {})
        # The scales actually used; the voice's own defaults unless the show overrides them.
        self._scales = (
            _pick(settings.length_scale, inference.get("length_scale"), 1.0),
            _pick(settings.noise_scale, inference.get("noise_scale"), 0.667),
            _pick(settings.noise_w_scale, inference.get("noise_w"), 0.8),
        )

    def speaker(self, voice: str) -> Speaker:
        """The speaker and pitch shift a voice string names (see the module docstring)."""
        name, semitones = split_pitch(voice.strip())
        config = self.config
        several = config.num_speakers > 1
        if name in ("", DEFAULT_VOICE):
            sid = config.default_speaker
        elif name == OTHER_VOICE:
            sid = (config.default_speaker + 1) % config.num_speakers
            if not several:
                semitones = semitones or OTHER_PITCH
        elif name in config.speakers:  # names first: some models name speakers "12"
            sid = config.speakers[name]
        elif name.isdigit() and int(name) < config.num_speakers:
            sid = int(name)
        else:
            names = ", ".join(sorted(config.speakers)) or "none"
            raise EngineError(
                f"piper voice {voice!r}: no such speaker in this model ({config.num_speakers} "
                f"speaker(s), named: {names}); use 'default', 'other', a speaker number or name, "
                "optionally with a shift such as '@pitch-3'"
            )
        return Speaker(sid if several else None, semitones)

    def voice_key(self, voice: str) -> str:
        speaker = self.speaker(voice)
        length, noise, noise_w = self._scales
        return (
            f"speaker{speaker.id if speaker.id is not None else '-'}@pitch{speaker.semitones:+g}"
            f"@scales{length:g},{noise:g},{noise_w:g}@config{self.config.digest[:12]}"
        )

    def synthesize(self, text: str, voice: str) -> PCM:
        from piper import SynthesisConfig

        speaker = self.speaker(voice)
        length, noise, noise_w = self._scales
        options = SynthesisConfig(
            speaker_id=speaker.id,
            length_scale=length,
            noise_scale=noise,
            noise_w_scale=noise_w,
            volume=_VOLUME,
        )
        try:
            chunks = [chunk.audio_int16_array for chunk in self._voice.synthesize(text, options)]
        except Exception as exc:  # onnxruntime's errors share no base class but Exception
            raise EngineError(
                f"piper failed to speak {text[:40]!r} ({type(exc).__name__}: {exc})"
            ) from None
        import numpy as np

        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        pcm = PCM(samples.astype(np.int16), self.sample_rate)
        return shift_pitch(pcm, speaker.semitones) if len(samples) else pcm


def _sound_digest(raw: dict[str, Any]) -> str:
    """SHA-256 of the config keys the audio depends on (piper-voices edits the rest)."""
    keys = ("audio", "espeak", "phoneme_type", "phoneme_map", "phoneme_id_map", "num_speakers",
            "speaker_id_map", "default_speaker_id", "hop_length", "vowel_clusters")  # fmt: skip
    blob = json.dumps({k: raw.get(k) for k in keys}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _pick(setting: float | None, voice_value: object, default: float) -> float:
    """The show's setting, else the voice's own value from its config, else Piper's default."""
    if setting is not None:
        return setting
    return float(voice_value) if isinstance(voice_value, int | float) else default


def _stamp(path: Path) -> tuple[int, int]:
    """Size and modification time: a replaced file is loaded (and hashed) again."""
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return stat.st_size, stat.st_mtime_ns


def _piper_version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("piper-tts")
    except PackageNotFoundError:
        return "unknown"


@functools.cache
def _onnxruntime() -> Any:
    """onnxruntime with its telemetry off. Its official builds send usage events to
    Microsoft (mobile.events.data.microsoft.com), since 1.29 from Linux and macOS too and
    through HTTPS_PROXY: an offline engine sends nothing. ORT_DISABLE_TELEMETRY, set before
    onnxruntime is first imported (nothing else in audiocast imports it), stops them;
    disable_telemetry_events() alone, once it runs, did not (1.32, tests/test_piper.py) but
    is called too for what it covers. A producer's own ORT_DISABLE_TELEMETRY is kept."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()
    return onnxruntime


@functools.lru_cache(maxsize=2)
def _load(
    model: Path, config_path: Path, threads: int, _model: tuple[int, int], _config: tuple[int, int]
) -> _Loaded:
    """Load a voice once per process (doctor, choose_engine and builds all probe it).

    The model's bytes are hashed and handed to onnxruntime from one read, so the SHA-256 in
    the cache key is the network that speaks.
    """
    config = read_voice_config(config_path)
    try:
        onnxruntime = _onnxruntime()
        from piper import PiperConfig, PiperVoice
    except ImportError as exc:
        raise EngineError(
            f"piper-tts is installed but cannot start ({exc}); reinstall it"
        ) from None
    try:
        data = model.read_bytes()
    except OSError as exc:
        raise EngineError(f"{model}: cannot read the voice model ({exc.strerror})") from None
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: its warnings would break the CLI's one line
    if threads:
        options.intra_op_num_threads = threads
    try:
        session = onnxruntime.InferenceSession(
            data, sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime's errors share no base class but Exception
        reason = str(exc).rsplit(" : ", 1)[-1].strip()
        raise EngineError(
            f"{model}: not a usable Piper voice model ({reason}); download the .onnx again"
        ) from None
    inputs = {i.name for i in session.get_inputs()}
    expected = _INPUTS | ({"sid"} if config.num_speakers > 1 else set())
    if inputs != expected:
        raise EngineError(
            f"{model}: takes inputs {sorted(inputs)}, but a Piper voice with "
            f"{config.num_speakers} speaker(s) takes {sorted(expected)}; "
            f"check that {config_path.name} belongs to this model"
        )
    try:
        piper_config = PiperConfig.from_dict(config.raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise EngineError(f"{config_path}: piper-tts cannot read it ({exc})") from None
    voice = PiperVoice(session=session, config=piper_config)
    log.info("loaded piper voice %s (%d Hz, %d speaker(s))",
             model.name, config.sample_rate, config.num_speakers)  # fmt: skip
    return _Loaded(voice, config, hashlib.sha256(data).hexdigest())


def _voices(settings: Settings) -> tuple[VoiceInfo, ...]:
    """The speakers of the show's model, if it has one and its config reads."""
    voices = [VoiceInfo(DEFAULT_VOICE, "", "", "the model's default speaker")]
    voices.append(VoiceInfo(OTHER_VOICE, "", "", "another speaker, or the default one lower"))
    try:
        config = read_voice_config(voice_paths(settings.piper)[1])
    except EngineError:
        missing = "no voice model yet: `audiocast voices add PATH`"
        return tuple(VoiceInfo(v.name, "", "", missing) for v in voices)
    voices += [VoiceInfo(name, "", "", f"speaker {sid}") for name, sid in config.speakers.items()]
    return tuple(voices)


SPEC = EngineSpec(
    name="piper",
    factory=lambda settings: PiperEngine(settings.piper),
    summary="a Piper neural voice from a model file: natural; offline, pip install piper-tts",
    voices=_voices,
    section="piper",
    sound=frozenset({"length_scale", "noise_scale", "noise_w_scale"}),
)
