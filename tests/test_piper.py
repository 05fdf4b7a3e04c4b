"""The piper engine with a voice the tests generate: loading, speech, quotes, errors, the CLI."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("piper", reason="the piper extra is not installed")
pytest.importorskip("onnx", reason="the tests' voice is built with the onnx package")

from audiocast.cache import cache_key
from audiocast.config import PiperSettings, Settings
from audiocast.engines import choose_engine, probe
from audiocast.engines.piper import PiperEngine
from audiocast.errors import EngineError
from audiocast.voices import add_voice, voice_settings

from audio import decode, median_pitch
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli
from piper_voice import BASE_PITCH, SAMPLE_RATE, SAMPLES_PER_ID, write_voice

SENTENCE = "Rais wa Urusi Vladimir Putin anaelekea nchini Korea Kaskazini katika ziara yake."
ARTICLE = f"episodes/{SAMPLE_SLUG}/article.yaml"


@pytest.fixture(scope="module")
def voice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_voice(tmp_path_factory.mktemp("voice"))


@pytest.fixture(scope="module")
def engine(voice: Path) -> PiperEngine:
    return PiperEngine(PiperSettings(model=str(voice)))


def pitch(pcm_samples: np.ndarray, rate: int) -> float:
    return median_pitch(pcm_samples / 32768.0, rate)


def piper_show(folder: Path, model: str) -> Path:
    """The sample show set to speak with the piper voice at `model` (podcast rendition only)."""
    show = copy_sample_show(folder)
    settings = show / "audiocast.toml"
    text = settings.read_text(encoding="utf-8")
    # The sample names its voices per engine; piper's join them.
    for role, name in (("narrator", "default"), ("quote", "other")):
        text, found = re.subn(rf"^{role} = {{", f'{role} = {{piper = "{name}", ', text, flags=re.M)
        assert found == 1, f"the sample audiocast.toml has no [voices] {role} line"
    text += f'\n[piper]\nmodel = "{model}"\n\n[build]\nrenditions = ["podcast"]\n'
    settings.write_text(text, encoding="utf-8")
    return show


def test_voice_loads_with_its_rate_and_the_models_hash_in_its_version(
    engine: PiperEngine, voice: Path
) -> None:
    assert engine.sample_rate == SAMPLE_RATE
    assert engine.version.startswith("piper-1.")
    assert engine.version.endswith(hashlib.sha256(voice.read_bytes()).hexdigest()[:12])


def test_a_sentence_is_spoken_at_the_voices_rate_and_length(engine: PiperEngine) -> None:
    pcm = engine.synthesize(SENTENCE, "default")
    assert pcm.sample_rate == SAMPLE_RATE and pcm.samples.dtype == np.int16
    # The test voice speaks SAMPLES_PER_ID per phoneme id: ~2 ids per phoneme of the text.
    assert 1.0 * len(SENTENCE) < len(pcm.samples) / SAMPLES_PER_ID < 3.0 * len(SENTENCE)
    assert np.abs(pcm.samples).max() > 20000  # full voice, not near-silence
    assert abs(pitch(pcm.samples, pcm.sample_rate) - BASE_PITCH) < 5
    longer = engine.synthesize(f"{SENTENCE} {SENTENCE}", "default")
    assert longer.duration > 1.8 * pcm.duration


def test_length_scale_slows_speech_and_changes_the_cache_identity(voice: Path) -> None:
    normal = PiperEngine(PiperSettings(model=str(voice)))
    slow = PiperEngine(PiperSettings(model=str(voice), length_scale=1.5))
    ratio = (
        slow.synthesize(SENTENCE, "default").duration
        / normal.synthesize(SENTENCE, "default").duration
    )
    assert ratio == pytest.approx(1.5, rel=0.02)
    assert slow.voice_key("default") != normal.voice_key("default")


def test_quotes_of_a_single_speaker_voice_are_clearly_lower(engine: PiperEngine) -> None:
    narrator = engine.synthesize(SENTENCE, "default")
    quote = engine.synthesize(SENTENCE, "other")
    assert pitch(quote.samples, quote.sample_rate) < 0.9 * pitch(narrator.samples, SAMPLE_RATE)
    assert quote.duration == pytest.approx(narrator.duration, abs=0.05)  # same pace
    assert engine.voice_key("other") == engine.voice_key("default@pitch-3")


def test_quotes_of_a_multi_speaker_voice_use_another_speaker(tmp_path: Path) -> None:
    multi = PiperEngine(PiperSettings(model=str(write_voice(tmp_path, num_speakers=2))))
    narrator = multi.synthesize(SENTENCE, "default")
    quote = multi.synthesize(SENTENCE, "other")
    assert pitch(quote.samples, SAMPLE_RATE) > 1.1 * pitch(narrator.samples, SAMPLE_RATE)
    assert multi.speaker("other").semitones == 0  # a real second speaker, not a shift
    assert multi.voice_key("other") == multi.voice_key("amina") == multi.voice_key("1")


def test_an_unknown_speaker_is_a_clear_error(engine: PiperEngine) -> None:
    with pytest.raises(EngineError, match="'2': no such speaker"):
        engine.synthesize(SENTENCE, "2")


def test_the_cache_key_changes_when_the_model_file_changes(tmp_path: Path) -> None:
    model = write_voice(tmp_path)
    before = PiperEngine(PiperSettings(model=str(model)))
    write_voice(tmp_path, base_pitch=BASE_PITCH * 1.5)  # a retrained voice, same file name
    after = PiperEngine(PiperSettings(model=str(model)))
    assert before.version != after.version
    keys = [cache_key(e.name, e.version, e.voice_key("default"), SENTENCE) for e in (before, after)]
    assert keys[0] != keys[1]


def test_probe_without_a_voice_says_what_is_missing_and_the_chain_moves_on() -> None:
    engine, status = probe("piper", Settings())
    assert engine is None and not status.available
    assert "voice model" in status.detail and "audiocast voices add" in status.detail
    chosen, skipped = choose_engine(["piper", "espeak"], Settings())
    assert chosen.name == "espeak" and skipped[0].detail == status.detail


def test_probe_without_the_package_says_how_to_install_it(
    voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)  # as if piper-tts were not installed
    _, status = probe("piper", Settings(piper=PiperSettings(model=str(voice))))
    assert not status.available and "pip install piper-tts" in status.detail


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("missing model", "no such file"),
        ("corrupt model", "not a usable Piper voice model"),
        ("missing config", "the voice's config is missing"),
        ("corrupt config", "not a Piper voice config"),
        ("english config", "not Swahili"),
    ],
)
def test_a_broken_voice_is_unavailable_with_the_reason(
    tmp_path: Path, damage: str, expected: str
) -> None:
    model = write_voice(tmp_path, language="en-us" if damage == "english config" else "sw")
    config = Path(f"{model}.json")
    if damage == "missing model":
        model.unlink()
    elif damage == "corrupt model":
        model.write_bytes(b"<html>404 Not Found</html>")  # a failed download
    elif damage == "missing config":
        config.unlink()
    elif damage == "corrupt config":
        config.write_text('{"audio": {}}', encoding="utf-8")
    _, status = probe("piper", Settings(piper=PiperSettings(model=str(model))))
    assert not status.available and expected in status.detail


def test_add_voice_copies_both_files_into_the_show(tmp_path: Path, voice: Path) -> None:
    show = tmp_path / "show"
    show.mkdir()
    model = add_voice(show, voice)
    assert model == show / "voices" / voice.name
    assert model.read_bytes() == voice.read_bytes()
    assert Path(f"{model}.json").read_bytes() == Path(f"{voice}.json").read_bytes()
    assert add_voice(show, Path(f"{voice}.json")) == model  # the json names the voice too
    assert add_voice(show, model) == model  # adding it from the show again is harmless
    assert voice_settings(show, model) == f'[piper]\nmodel = "voices/{voice.name}"'
    assert not list((show / "voices").glob(".*"))  # no temporary files left


def test_add_voice_refuses_a_model_without_its_config(tmp_path: Path) -> None:
    lonely = tmp_path / "sw-lonely.onnx"
    lonely.write_bytes(b"\x08\x08")
    with pytest.raises(EngineError, match="config is missing"):
        add_voice(tmp_path / "show", lonely)
    assert not (tmp_path / "show" / "voices").exists()


def test_the_sample_article_builds_into_an_episode_with_piper(tmp_path: Path, voice: Path) -> None:
    show = piper_show(tmp_path / "show", "voices/" + voice.name)
    assert add_voice(show, voice).is_file()
    done = run_cli("build", "--engine", "piper", ARTICLE, cwd=show)
    assert done.returncode == 0, done.stderr
    folder = show / "episodes" / SAMPLE_SLUG
    record = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    assert record["engine"]["name"] == "piper"
    assert record["engine"]["version"].startswith("piper-")
    assert record["voices"] == {"narrator": "default", "quote": "other"}
    audio = decode(folder / record["renditions"]["podcast"]["file"])
    assert len(audio) / 44100 == pytest.approx(record["duration"], abs=0.2)
    assert record["duration"] > 30 and np.abs(audio).max() > 0.1
    again = run_cli("build", "--engine", "piper", ARTICLE, cwd=show)  # up to date: no work
    assert again.returncode == 0 and "Up to date" in again.stdout


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_build_with_a_broken_voice_fails_in_one_line_and_writes_nothing(
    tmp_path: Path, voice: Path, damage: str
) -> None:
    show = piper_show(tmp_path / "show", "voices/sw.onnx")
    if damage == "corrupt":
        (show / "voices").mkdir()
        (show / "voices" / "sw.onnx").write_bytes(b"\0" * 1000)
        Path(f"{show / 'voices' / 'sw.onnx'}.json").write_bytes(Path(f"{voice}.json").read_bytes())
    before = sorted(show.rglob("*"))
    done = run_cli("build", "--engine", "piper", ARTICLE, cwd=show)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    reason = "no such file" if damage == "missing" else "not a usable Piper voice model"
    assert reason in done.stderr and "piper" in done.stderr
    assert sorted(show.rglob("*")) == before


def test_doctor_says_what_piper_is_missing(tmp_path: Path) -> None:
    show = piper_show(tmp_path / "show", "voices/nowhere.onnx")
    done = run_cli("doctor", cwd=show)
    line = next(line for line in done.stdout.splitlines() if "engine piper" in line)
    assert "missing" in line and "voices/nowhere.onnx" in line


def test_only_config_changes_that_change_the_sound_change_the_voice_key(tmp_path: Path) -> None:
    model = write_voice(tmp_path)
    config_path = Path(f"{model}.json")
    original = PiperEngine(PiperSettings(model=str(model))).voice_key("default")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["language"]["name_native"] = "Kiswahili"  # piper-voices edits such notes
    config_path.write_text(json.dumps(config), encoding="utf-8")
    assert PiperEngine(PiperSettings(model=str(model))).voice_key("default") == original
    config["phoneme_id_map"]["a"] = [15]
    config_path.write_text(json.dumps(config), encoding="utf-8")
    assert PiperEngine(PiperSettings(model=str(model))).voice_key("default") != original


# Telemetry: official onnxruntime builds (1.29 on) send usage events to Microsoft from Linux
# too, through HTTPS_PROXY; measured with 1.32, the first go out 10-15 s after a process
# has run a few piper sessions. An offline engine must send nothing.
TELEMETRY_WAIT = 20.0

SPEAKS_A_WHILE = """
import sys, time
from audiocast.config import PiperSettings
from audiocast.engines import piper
for threads in range(5):  # as a batch build or `serve` loads voices and speaks
    piper._load.cache_clear()
    engine = piper.PiperEngine(PiperSettings(model=sys.argv[1], threads=threads % 3))
    for n in range(5):
        engine.synthesize(f"Habari za asubuhi {n}.", "default")
time.sleep(float(sys.argv[2]))
"""


def test_piper_sends_nothing_to_microsoft_even_through_a_proxy(voice: Path) -> None:
    import os
    import subprocess

    from proxy import Proxy

    quiet = ("CI", "ORT_RUNNING_UNIT_TESTS", "ORT_DISABLE_TELEMETRY")  # each would hide them
    env = {k: v for k, v in os.environ.items() if k not in quiet}
    with Proxy() as proxy:
        env.update(HTTPS_PROXY=proxy.url, https_proxy=proxy.url)
        done = subprocess.run(
            [sys.executable, "-c", SPEAKS_A_WHILE, str(voice), str(TELEMETRY_WAIT)],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert proxy.tunnels == [] and proxy.forwarded == []
