"""The offline engine: libespeak-ng and its Swahili voice from the espeakng-loader wheel."""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from ..errors import EngineError
from . import PCM, EngineSpec, VoiceInfo

# From espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_INITIALIZE_DONT_EXIT = 0x8000  # without it a failed init calls exit() and kills the process
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE = 1
_EE_OK = 0
# The audio is handed to our callback a second at a time, not in espeak's default 60 ms:
# each hand-off waits for the interpreter, which a build's mixing and metering hold in the
# meantime; the samples are the same.
_BUFFER_MS = 1000

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

DEFAULT_RATE = 160


class _Library:
    """The loaded libespeak-ng. Its state is global and not re-entrant: one per process."""

    _instance: _Library | None = None
    _instance_lock = threading.Lock()

    @classmethod
    def get(cls) -> _Library:
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError:
            raise EngineError(
                "the espeakng-loader package is not installed; run `pip install espeakng-loader`"
            ) from None
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data_path = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise EngineError(
                f"libespeak-ng could not be loaded ({exc}); reinstall espeakng-loader"
            ) from None
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        # The data path is passed explicitly: the wheel's data is not where the library looks.
        self.sample_rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS, data_path.encode(), _INITIALIZE_DONT_EXIT
        )
        if self.sample_rate <= 0:
            raise EngineError(f"libespeak-ng failed to start with its data at {data_path}")
        self.lib: Any = lib
        self.version: str = (lib.espeak_Info(None) or b"unknown").decode()
        self.lock = threading.Lock()
        self._chunks: list[bytes] = []
        # ctypes frees a callback whose Python object dies; keep it for the process's life.
        self._callback = _SynthCallback(self._collect)
        lib.espeak_SetSynthCallback(self._callback)

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def speak(self, text: str, voice: str, rate: int) -> bytes:
        payload = text.encode("utf-8") + b"\0"
        with self.lock:
            self._chunks = []
            if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise EngineError(
                    f"espeak has no voice {voice!r}; use a Swahili voice such as 'sw' or 'sw+f3'"
                )
            self.lib.espeak_SetParameter(_PARAM_RATE, rate, 0)
            status = self.lib.espeak_Synth(
                payload, len(payload), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            self.lib.espeak_Synchronize()
            data, self._chunks = b"".join(self._chunks), []
        if status != _EE_OK:
            raise EngineError(f"espeak failed to speak {text[:40]!r} (status {status})")
        return data


class EspeakEngine:
    """Swahili speech from libespeak-ng; voices are espeak names with variants ('sw+f3').

    >>> EspeakEngine().synthesize("Habari za asubuhi.", "sw").duration > 0.5
    True
    """

    name = "espeak"

    def __init__(self, rate: int = DEFAULT_RATE) -> None:
        self._library = _Library.get()
        self._rate = rate
        self.version = self._library.version

    @property
    def sample_rate(self) -> int:
        return int(self._library.sample_rate)

    def voice_key(self, voice: str) -> str:
        return f"{voice}@{self._rate}wpm"

    def synthesize(self, text: str, voice: str) -> PCM:
        import numpy as np  # only when speaking: an up-to-date build never loads it

        data = self._library.speak(text, voice, self._rate)
        return PCM(np.frombuffer(data, dtype=np.int16).copy(), self._library.sample_rate)


SPEC = EngineSpec(
    name="espeak",
    factory=lambda settings: EspeakEngine(rate=settings.voices.espeak_rate),
    summary="libespeak-ng, built in: robotic but clear; offline",
    voices=lambda _settings: (
        VoiceInfo("sw", "", "man", "espeak's Swahili voice"),
        VoiceInfo("sw+f3", "", "woman", "its female variant"),
    ),
)
