"""The edge engine (edge-tts) against a local WebSocket stand-in speaking the Read Aloud
service's protocol (tests/fake_edge.py): turn.start, audio frames, word boundaries,
turn.end; directly and through a CONNECT proxy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import webvtt
from test_episode import RATE, speech_onset

from audiocast.config import EdgeSettings, VoiceSettings
from audiocast.engines.edge import EdgeEngine
from audiocast.errors import EngineError
from audiocast.show import Show
from audiocast.transcript import CUE_CHARS
from audiocast.validate import validate_show

from audio import decode
from conftest import SAMPLE_SLUG, copy_sample_show, run_cli
from fake_edge import FakeEdge, Reply
from proxy import Proxy
from tls import authority

ARTICLE = f"episodes/{SAMPLE_SLUG}/article.yaml"


@pytest.fixture(autouse=True)
def edge_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                 "all_proxy", "NO_PROXY", "no_proxy", "AUDIOCAST_EDGE_ENDPOINT"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(authority().ca_file))


def engine_for(edge: FakeEdge, speed: float = 1.0, **settings: Any) -> EdgeEngine:
    options = {"backoff": 0.01, "retry_for": 5.0, "timeout": 5, "endpoint": edge.url, **settings}
    return EdgeEngine(EdgeSettings(**options), VoiceSettings(speed=speed))


def test_a_sentence_is_spoken_with_its_voice_pace_and_word_boundaries() -> None:
    text = 'Bei ya "mafuta" imepanda <5%> & zaidi.'
    with FakeEdge() as edge:
        pcm = engine_for(edge, speed=1.1).synthesize(text, "sw-TZ-DaudiNeural")
    (call,) = edge.calls
    assert (call.voice, call.rate, call.text) == ("sw-TZ-DaudiNeural", "+10%", text)
    assert call.word_boundaries
    assert pcm.sample_rate == 24000 and pcm.duration > 1.0


def test_a_dropped_connection_is_retried_and_a_dead_service_given_up() -> None:
    drop_first = lambda n, _t: Reply(0) if n == 1 else Reply()  # noqa: E731
    with FakeEdge(drop_first) as edge:
        engine_for(edge).synthesize("Habari.", "sw-KE-ZuriNeural")
    assert len(edge.calls) == 2
    with FakeEdge(lambda _n, _t: Reply(0)) as edge, pytest.raises(EngineError, match="edge"):
        engine_for(edge, retry_for=0.5).synthesize("Habari.", "sw-KE-ZuriNeural")


def test_connections_at_once_never_exceed_the_limit() -> None:
    jobs = [(f"Sentensi namba {i}.", "sw-KE-ZuriNeural") for i in range(6)]
    with FakeEdge(lambda _n, _t: Reply(delay=0.2)) as edge:
        engine_for(edge, concurrency=2).synthesize_many(jobs, lambda *_: None)
    assert edge.max_in_flight == 2 and len(edge.calls) == 6


def edge_show(tmp_path: Path, edge: FakeEdge) -> Path:
    show = copy_sample_show(tmp_path / "show")
    text = (show / "audiocast.toml").read_text()
    text = text.replace('engine = ["gtts", "espeak"]', 'engine = ["edge", "espeak"]')
    text += f'\n[edge]\nendpoint = "{edge.url}"\nbackoff = 0.01\n'
    (show / "audiocast.toml").write_text(text)
    return show


def _at(cue: Any) -> float:
    hours, minutes, seconds = cue.start.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_the_sample_builds_with_edge_two_voices_and_cues_on_the_speech(tmp_path: Path) -> None:
    with FakeEdge() as edge:
        show = edge_show(tmp_path, edge)
        done = run_cli("build", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
    folder = show / "episodes" / SAMPLE_SLUG
    record = json.loads((folder / "episode.json").read_text())
    assert record["engine"]["name"] == "edge"
    assert record["voices"] == {"narrator": "sw-KE-ZuriNeural", "quote": "sw-KE-RafikiNeural"}
    assert {c.voice for c in edge.calls} == {"sw-KE-ZuriNeural", "sw-KE-RafikiNeural"}
    samples = decode(folder / record["renditions"]["podcast"]["file"])
    # Each sentence's first cue (the cues inside a long one: see the test below).
    starts = {s["start"] for segment in record["segments"] for s in segment["sentences"]}
    opening = [c for c in webvtt.read(str(folder / record["transcripts"]["vtt"]))
               if round(_at(c), 3) in starts]  # fmt: skip
    assert len(opening) == len(starts)
    for cue in opening:
        assert abs(speech_onset(samples, _at(cue)) - _at(cue)) <= 0.05, cue.text


def test_edge_behind_a_proxy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeEdge(host="speech.test") as edge, Proxy({"speech.test": edge.port}) as proxy:
        show = edge_show(tmp_path, edge)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        done = run_cli("build", "--engine", "edge", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
        assert edge.calls and f"speech.test:{edge.port}" in proxy.tunnels
        doctor = run_cli("doctor", cwd=show)
    line = next(line for line in doctor.stdout.splitlines() if "engine edge" in line)
    assert "ok" in line and f"reachable through proxy {proxy.url[7:]}" in line


def _key(word: str) -> str:
    return "".join(c for c in word.casefold() if c.isalnum())


def test_long_sentences_get_cues_cut_at_words_timed_where_the_words_are_heard(
    tmp_path: Path,
) -> None:
    with FakeEdge() as edge:
        show = edge_show(tmp_path, edge)
        done = run_cli("build", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
        folder = show / "episodes" / SAMPLE_SLUG
        record = json.loads((folder / "episode.json").read_text())
        vtt = (folder / record["transcripts"]["vtt"]).read_text()
        # Built again from the speech cache, without asking the service: the same cues.
        asked = len(edge.calls)
        again = run_cli("build", "--force", ARTICLE, cwd=show)
        assert again.returncode == 0, again.stderr
        assert len(edge.calls) == asked
    rebuilt = json.loads((folder / "episode.json").read_text())
    assert (folder / rebuilt["transcripts"]["vtt"]).read_text() == vtt
    cues = list(webvtt.read(str(folder / rebuilt["transcripts"]["vtt"])))
    sentences = [s for segment in record["segments"] for s in segment["sentences"]]
    long = [s for s in sentences if len(s["text"]) > CUE_CHARS]
    assert len(long) >= 5
    # Every sentence said, in order; none on screen longer than two lines of 42.
    assert " ".join(c.text for c in cues) == " ".join(s["text"] for s in sentences)
    assert max(len(c.text) for c in cues) <= CUE_CHARS
    assert len(cues) >= len(sentences) + len(long)
    # A cue starting inside a sentence starts where the stand-in spoke its first word: the
    # sentence's speech found in the decoded episode, plus that word's known offset.
    samples = decode(folder / rebuilt["renditions"]["podcast"]["file"])
    heard = {call.text: call.words for call in edge.calls}
    checked = 0
    for sentence in long:
        words = heard[" ".join(sentence["spoken"].split())]
        onset = speech_onset(samples, sentence["start"], RATE)
        inside = [c for c in cues if sentence["start"] < _at(c) < sentence["end"]]
        assert inside, sentence["text"]
        for cue in inside:
            first = _key(cue.text.split()[0])
            truth = [onset + at - words[0][0] for at, word in words if _key(word) == first]
            # Within 25 ms: the MP3 codec's delay (46 ms) is not left in the cues.
            assert truth and min(abs(t - _at(cue)) for t in truth) <= 0.025, cue.text
            checked += 1
    assert checked >= len(long)
    # `validate` makes the same cues again from episode.json.
    assert run_cli("feed", cwd=show).returncode == 0
    problems = validate_show(Show.open(show), measure_audio=False)
    assert [p for p in problems if ".vtt" in p.where or ".srt" in p.where] == []
