"""The azure engine against a local HTTPS stand-in that speaks Azure Speech's REST API
(tests/fake_azure.py): SSML in, real speech out, 401, 429 with Retry-After, 400, slow answers;
directly and through a CONNECT proxy."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import webvtt
from lxml import etree
from test_episode import speech_onset

from audiocast.config import AzureSettings, Settings, VoiceSettings
from audiocast.engines.azure import AzureEngine
from audiocast.errors import EngineError
from audiocast.swahili import Lexicon, normalize
from audiocast.swahili.lexicon import SUB_CHARS

from audio import decode
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli
from fake_azure import KEY, FakeAzure, Reply
from proxy import Proxy
from tls import authority

ARTICLE = f"episodes/{SAMPLE_SLUG}/article.yaml"
FAST = {"backoff": 0.01, "retry_for": 5.0, "timeout": 5.0}


@pytest.fixture(autouse=True)
def azure_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                 "all_proxy", "NO_PROXY", "no_proxy", "AZURE_SPEECH_REGION"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AZURE_SPEECH_KEY", KEY)


def engine_for(azure: FakeAzure, speed: float = 1.0, **settings: Any) -> AzureEngine:
    options = {**FAST, "endpoint": azure.url, "ca_bundle": str(authority().ca_file), **settings}
    return AzureEngine(AzureSettings(**options), VoiceSettings(speed=speed))


def test_ssml_is_escaped_and_names_the_voice_its_language_and_pace() -> None:
    text = 'Bei ya "mafuta" imepanda <5%> & zaidi, alisema O\'Neil.'
    with FakeAzure() as azure:
        pcm = engine_for(azure, speed=0.9).synthesize(text, "sw-TZ-DaudiNeural")
    (call,) = azure.calls
    assert (call.text, call.voice, call.lang, call.rate) == (
        text, "sw-TZ-DaudiNeural", "sw-TZ", "-10%"
    )  # fmt: skip
    assert call.output == "riff-24khz-16bit-mono-pcm"
    assert pcm.sample_rate == 24000 and pcm.duration > 1.0  # real speech came back


def _subs(ssml: bytes) -> list[tuple[str | None, str | None]]:
    """(alias, text) of each <sub> in the SSML, as an XML parser reads them."""
    root = etree.fromstring(ssml, etree.XMLParser(resolve_entities=False))
    return [(sub.get("alias"), sub.text) for sub in root.iter(f"{{{SSML_NS}}}sub")]


SSML_NS = "http://www.w3.org/2001/10/synthesis"


def test_lexicon_respellings_go_as_sub_alias_around_the_word_as_written() -> None:
    lexicon = Lexicon({"Stoltenberg": "Stoltenbeg", "AT&T": 'Ei-ti "na" ti\'s & <co>'})
    text = normalize("Jens Stoltenberg wa AT&T alisema 5.", lexicon, subs=True)
    with FakeAzure() as azure:
        engine_for(azure).synthesize(text, "sw-KE-ZuriNeural")
    (call,) = azure.calls
    assert _subs(call.ssml) == [
        ("Stoltenbeg", "Stoltenberg"),
        ('Ei-ti "na" ti\'s & <co>', "AT&T"),  # quotes, & and < escaped, read back whole
    ]
    # The service says the aliases; the rules still read what is outside them.
    assert call.text == 'Jens Stoltenbeg wa Ei-ti "na" ti\'s & <co> alisema tano.'
    assert not SUB_CHARS.search(call.ssml.decode())


def test_48_khz_is_asked_for_and_kept() -> None:
    with FakeAzure() as azure:
        pcm = engine_for(azure, sample_rate=48000).synthesize("Habari.", "sw-KE-ZuriNeural")
    assert azure.calls[0].output == "riff-48khz-16bit-mono-pcm" and pcm.sample_rate == 48000


def test_a_wrong_key_fails_at_once_in_one_line_without_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AZURE_SPEECH_KEY", "not-the-key-" + "x" * 20)
    with FakeAzure() as azure, pytest.raises(EngineError) as caught:
        engine_for(azure).synthesize("Habari.", "sw-KE-ZuriNeural")
    message = str(caught.value)
    assert "HTTP 401" in message and "AZURE_SPEECH_KEY" in message and "region" in message
    assert "not-the-key" not in message and "\n" not in message
    assert azure.refused == [401]  # not retried


def test_429_waits_as_long_as_retry_after_says() -> None:
    replies = {1: Reply(429, headers={"Retry-After": "0.4"}), 2: Reply(503)}
    with FakeAzure(lambda n, _t: replies.get(n, Reply())) as azure:
        engine_for(azure).synthesize("Habari za asubuhi.", "sw-KE-ZuriNeural")
    assert len(azure.calls) == 3
    assert azure.calls[1].started - azure.calls[0].started >= 0.39


def test_slow_answers_are_retried_then_given_up_within_the_limit() -> None:
    slow_first = lambda n, _t: Reply(delay=1.5) if n == 1 else Reply()  # noqa: E731
    with FakeAzure(slow_first) as azure:
        engine_for(azure, timeout=0.5).synthesize("Habari.", "sw-KE-ZuriNeural")
    assert len(azure.calls) == 2
    with FakeAzure(lambda _n, _t: Reply(delay=1.0)) as azure:
        start = time.monotonic()
        with pytest.raises(EngineError, match="timeout"):
            engine_for(azure, timeout=0.2, retry_for=1.0).synthesize("A.", "sw-KE-ZuriNeural")
        assert time.monotonic() - start < 3.0


@pytest.mark.parametrize("limit", [1, 3])
def test_requests_in_flight_never_exceed_the_limit(limit: int) -> None:
    jobs = [(f"Sentensi namba {i}.", "sw-KE-ZuriNeural") for i in range(8)]
    with FakeAzure(lambda _n, _t: Reply(delay=0.1)) as azure:
        engine_for(azure, concurrency=limit).synthesize_many(jobs, lambda *_: None)
    assert azure.max_in_flight == limit


def test_no_key_means_the_engine_is_skipped_saying_what_to_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from audiocast.engines import probe

    monkeypatch.delenv("AZURE_SPEECH_KEY")
    engine, status = probe("azure", Settings())
    assert engine is None and "AZURE_SPEECH_KEY" in status.detail


# Through the command line, as a producer meets it.


def azure_show(tmp_path: Path, azure: FakeAzure, extra: str = "") -> Path:
    show = copy_sample_show(tmp_path / "show")
    ca = authority().ca_file
    with (show / "audiocast.toml").open("a") as settings:
        settings.write(f'\n[azure]\nendpoint = "{azure.url}"\nca_bundle = "{ca}"\nbackoff = 0.01\n')
        settings.write(extra)
    text = (show / "audiocast.toml").read_text()
    (show / "audiocast.toml").write_text(text.replace('engine = ["gtts", "espeak"]',
                                                      'engine = ["azure", "espeak"]'))  # fmt: skip
    return show


def test_the_sample_builds_with_azure_two_voices_and_cues_on_the_speech(tmp_path: Path) -> None:
    with FakeAzure() as azure:
        show = azure_show(tmp_path, azure)
        done = run_cli("build", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
    folder = show / "episodes" / SAMPLE_SLUG
    record = json.loads((folder / "episode.json").read_text())
    assert record["engine"]["name"] == "azure"
    assert record["voices"] == {"narrator": "sw-KE-ZuriNeural", "quote": "sw-KE-RafikiNeural"}
    spoken_by = {call.text: call.voice for call in azure.calls}
    quotes = [s for s in record["segments"] if s["voice"] == "quote"]
    assert quotes and all(
        spoken_by[" ".join(sentence["spoken"].split())] == "sw-KE-RafikiNeural"
        for segment in quotes
        for sentence in segment["sentences"]
    )
    assert {c.voice for c in azure.calls} == {"sw-KE-ZuriNeural", "sw-KE-RafikiNeural"}
    assert {c.lang for c in azure.calls} == {"sw-KE"}
    samples = decode(folder / record["renditions"]["podcast"]["file"])
    for cue in webvtt.read(str(folder / record["transcripts"]["vtt"])):
        start = _at(cue)
        assert abs(speech_onset(samples, start) - start) <= 0.05, cue.text
    # The key is never written into the show.
    for path in show.rglob("*"):
        if path.is_file() and path.name != "audiocast.toml":
            assert KEY.encode() not in path.read_bytes(), path
    assert KEY not in done.stdout + done.stderr


def _at(cue: Any) -> float:
    hours, minutes, seconds = cue.start.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_a_show_lexicon_reaches_azure_as_sub_and_transcripts_stay_as_written(
    tmp_path: Path,
) -> None:
    with FakeAzure() as azure:
        show = azure_show(tmp_path, azure)
        (show / "lexicon.yaml").write_text("Stoltenberg: Stoltenbeg\nPyongyang: Piong'yang\n")
        done = run_cli("build", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
    subs = {pair for call in azure.calls for pair in _subs(call.ssml)}
    assert {("Stoltenbeg", "Stoltenberg"), ("Piong'yang", "Pyongyang")} <= subs
    folder = show / "episodes" / SAMPLE_SLUG
    record = json.loads((folder / "episode.json").read_text())
    transcript = (folder / record["transcripts"]["vtt"]).read_text()
    assert "Jens Stoltenberg" in transcript and "Stoltenbeg" not in transcript
    spoken = [s["spoken"] for seg in record["segments"] for s in seg["sentences"]]
    assert any("Jens Stoltenbeg" in s for s in spoken)
    assert not SUB_CHARS.search(json.dumps(record, ensure_ascii=False) + transcript)
    # Said as the record says: each request's speech is the respelled sentence.
    assert {" ".join(s.split()) for s in spoken} == {call.text for call in azure.calls}


def test_a_tanzanian_show_gets_tanzanian_voices(tmp_path: Path) -> None:
    with FakeAzure() as azure:
        show = azure_show(tmp_path, azure)
        text = (show / "audiocast.toml").read_text()
        (show / "audiocast.toml").write_text(
            text.replace("[voices]\n", '[voices]\naccent = "TZ"\n')
        )
        done = run_cli("build", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
    record = json.loads((show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
    assert record["voices"] == {"narrator": "sw-TZ-RehemaNeural", "quote": "sw-TZ-DaudiNeural"}
    assert {c.lang for c in azure.calls} == {"sw-TZ"}


def test_rejected_ssml_names_the_sentence_and_writes_nothing(tmp_path: Path) -> None:
    reject = lambda _n, text: Reply(400) if "Stoltenberg" in text else Reply()  # noqa: E731
    with FakeAzure(reject) as azure:
        show = azure_show(tmp_path, azure)
        done = run_cli("build", ARTICLE, cwd=show)
    assert done.returncode == 1
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and message.startswith("error: ")
    assert "HTTP 400" in message and "SSML" in message and "sentence" in message
    # The sentence the service refused (it names Stoltenberg), as the producer wrote it.
    assert "sentence 'Wasiwasi huo umegusiwa na katibu mkuu" in message
    assert not (show / "episodes" / SAMPLE_SLUG / "episode.json").exists()


def test_a_wrong_key_stops_the_build_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AZURE_SPEECH_KEY", "wrong" * 8)
    with FakeAzure() as azure:
        show = azure_show(tmp_path, azure)
        done = run_cli("build", "--engine", "azure", ARTICLE, cwd=show)
    assert done.returncode == 1
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and "HTTP 401" in message
    assert "AZURE_SPEECH_KEY" in message and "wrong" * 8 not in message
    assert len(azure.refused) <= 6  # only the requests already in flight (concurrency 6)


def test_azure_behind_a_proxy_and_doctor_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeAzure(host="speech.test") as azure, Proxy({"speech.test": azure.port}) as proxy:
        show = azure_show(tmp_path, azure)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        done = run_cli("build", "--engine", "azure", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
        assert f"speech.test:{azure.port}" in proxy.tunnels and azure.calls
        doctor = run_cli("doctor", cwd=show)
    line = next(line for line in doctor.stdout.splitlines() if "engine azure" in line)
    assert "ok" in line and f"reachable through proxy {proxy.url[7:]}" in line
