"""Voices: `audiocast voices` lists every engine's voices as people (accent, sex) and marks the
show's; `audiocast voices add` copies a Piper voice into `voices/`.

The voice's two files are copied (not linked: a cleaned-up downloads folder must not take
the show's voice with it) under their own names, so the config stays where Piper looks for
it, next to the model. audiocast.toml is not rewritten, which would lose the producer's
comments and layout: `voice_settings` gives the lines to add.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .engines import registry
from .engines.piper import read_voice_config
from .errors import EngineError
from .fsutil import TempFile

log = logging.getLogger(__name__)

VOICES_DIR = "voices"
_MODEL_SUFFIX = ".onnx"


_ACCENTS = {"KE": "Kenyan", "TZ": "Tanzanian"}


@dataclass(frozen=True)
class VoiceRow:
    engine: str
    name: str
    accent: str  # "Kenyan", "Tanzanian" or ""
    sex: str
    note: str
    roles: tuple[str, ...]  # the show's roles this voice reads: narrator, quote


def voice_rows(settings: Settings) -> list[VoiceRow]:
    """Every engine's voices, with the ones the show uses marked by role.

    >>> rows = voice_rows(Settings())
    >>> [(r.name, r.accent, r.sex) for r in rows if r.engine == "azure" and r.roles]
    [('sw-KE-ZuriNeural', 'Kenyan', 'woman'), ('sw-KE-RafikiNeural', 'Kenyan', 'man')]
    """
    rows = []
    for name, spec in registry().items():
        roles = {
            role: table.get(name)
            for role, table in (("narrator", settings.voices.narrator),
                                ("quote", settings.voices.quote))
        }  # fmt: skip
        known = list(spec.voices(settings))
        for voice in known:
            used = tuple(role for role, chosen in roles.items() if chosen == voice.name)
            accent = _ACCENTS.get(voice.accent, voice.accent)
            rows.append(VoiceRow(name, voice.name, accent, voice.sex, voice.note, used))
        for role, chosen in roles.items():  # a voice the show names that the list lacks
            if chosen and chosen not in {v.name for v in known}:
                rows.append(VoiceRow(name, chosen, "", "", "named in audiocast.toml", (role,)))
    return rows


def add_voice(show_root: Path, path: Path) -> Path:
    """Copy a Piper voice (NAME.onnx and NAME.onnx.json) into `<show>/voices/`; the new model path.

    `path` names either file. Both are checked first (the config must be a Swahili Piper
    config), so a failed add leaves the show as it was. Adding the same voice again is
    harmless; a different file of the same name replaces the old one.

    >>> add_voice(Path("."), Path("sw_CD-lanfrica-medium.onnx"))  # doctest: +SKIP
    PosixPath('voices/sw_CD-lanfrica-medium.onnx')
    """
    model = Path(str(path).removesuffix(".json")).expanduser()
    config = Path(f"{model}.json")
    if model.suffix != _MODEL_SUFFIX:
        raise EngineError(
            f"{path}: not a Piper voice; give the .onnx model, with its .onnx.json next to it"
        )
    if not model.is_file():
        raise EngineError(f"{model}: no such voice model file")
    if model.stat().st_size == 0:
        raise EngineError(f"{model}: the file is empty; download the voice again")
    read_voice_config(config)
    folder = show_root / VOICES_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # The config last: a voice whose copy was interrupted lacks its config, and says so.
        for source in (model, config):
            _copy_atomic(source, folder / source.name)
    except OSError as exc:
        raise EngineError(f"could not copy the voice into {folder} ({exc.strerror})") from None
    log.info("added voice %s to %s", model.name, folder)
    return folder / model.name


def voice_settings(show_root: Path, model: Path) -> str:
    """The audiocast.toml lines that make the show speak with `model`.

    >>> print(voice_settings(Path("/show"), Path("/show/voices/v.onnx")))
    [piper]
    model = "voices/v.onnx"
    """
    shown = model.relative_to(show_root).as_posix() if model.is_relative_to(show_root) else model
    return f"[piper]\nmodel = {json.dumps(str(shown))}"


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy through a temporary file beside `target`, so a reader never sees half a model."""
    with contextlib.suppress(FileNotFoundError):
        if source.samefile(target):
            return  # the voice is already in the show's voices/ folder
    with TempFile(target) as tmp:
        shutil.copyfile(source, tmp.path)
        tmp.commit(target)
