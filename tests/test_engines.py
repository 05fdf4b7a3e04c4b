"""The espeak engine and the choice of engine."""

from __future__ import annotations

import numpy as np
import pytest

from audiocast.article import load_article
from audiocast.build import build_hash
from audiocast.config import AzureSettings, EdgeSettings, PiperSettings, Settings, VoiceSettings
from audiocast.engines import choose_engine, probe
from audiocast.engines.espeak import EspeakEngine
from audiocast.errors import EngineError
from audiocast.script import build_script

from audio import median_pitch
from conftest import SAMPLE_ARTICLE

SENTENCE = "Rais wa Urusi Vladimir Putin anaelekea nchini Korea Kaskazini katika ziara yake."


def test_espeak_speaks_swahili_audibly() -> None:
    pcm = EspeakEngine().synthesize(SENTENCE, "sw")
    assert pcm.sample_rate == 22050
    assert 2.0 < pcm.duration < 15.0
    assert np.abs(pcm.samples).max() > 3000  # speech, not near-silence


def test_quote_voice_is_clearly_higher_than_the_narrator() -> None:
    engine = EspeakEngine()
    narrator = engine.synthesize(SENTENCE, "sw")
    quote = engine.synthesize(SENTENCE, "sw+f3")
    pitch_n = median_pitch(narrator.samples / 32768.0, narrator.sample_rate)
    pitch_q = median_pitch(quote.samples / 32768.0, quote.sample_rate)
    assert pitch_q > pitch_n * 1.1


def test_speaking_rate_changes_duration_and_cache_identity() -> None:
    slow, fast = EspeakEngine(rate=120), EspeakEngine(rate=240)
    assert slow.synthesize(SENTENCE, "sw").duration > 1.5 * fast.synthesize(SENTENCE, "sw").duration
    assert slow.voice_key("sw") != fast.voice_key("sw")


def test_unknown_voice_is_a_clear_engine_error() -> None:
    with pytest.raises(EngineError, match="no voice 'xx-nope'"):
        EspeakEngine().synthesize(SENTENCE, "xx-nope")


def test_first_available_engine_speaks_and_skipped_ones_say_why() -> None:
    engine, skipped = choose_engine(["piper", "espeak"], Settings())
    assert engine.name == "espeak"
    assert [s.name for s in skipped] == ["piper"]
    assert skipped[0].detail


def test_no_available_engine_is_an_error_naming_each_reason() -> None:
    with pytest.raises(EngineError) as info:
        choose_engine(["piper", "nonsense"], Settings())
    message = str(info.value)
    assert "piper" in message and "nonsense" in message and "unknown engine" in message


def test_probe_reports_espeak_version() -> None:
    engine, status = probe("espeak", Settings())
    assert engine is not None and status.available
    assert status.detail.count(".") >= 1  # a version such as 1.52.0


def test_only_engine_settings_that_change_the_sound_make_a_build_stale() -> None:
    article = load_article(SAMPLE_ARTICLE)
    script = build_script(article, Settings())

    def digest(settings: Settings) -> str:
        return build_hash(article, script, settings, "azure", "azure-tts-v1", [])

    plain = digest(Settings())
    reached_otherwise = Settings(
        azure=AzureSettings(region="westeurope", endpoint="https://x.test/v1", concurrency=2),
        edge=EdgeSettings(concurrency=1, endpoint="wss://x.test/v1"),
        piper=PiperSettings(threads=2),
    )
    assert digest(reached_otherwise) == plain
    assert digest(Settings(azure=AzureSettings(sample_rate=48000))) != plain
    assert digest(Settings(voices=VoiceSettings(speed=0.9))) != plain
    assert digest(Settings(piper=PiperSettings(length_scale=1.2))) != plain
