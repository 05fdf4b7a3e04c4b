"""The gtts engine against a local endpoint that answers exactly as Google's does."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest
from gtts import gTTS

from audiocast.article import load_article
from audiocast.cache import SegmentCache
from audiocast.config import GttsSettings, Settings
from audiocast.engines.gtts import GttsEngine
from audiocast.errors import EngineError
from audiocast.script import build_script
from audiocast.swahili.sentences import chunk_text
from audiocast.synthesize import synthesize

from audio import median_pitch
from conftest import SAMPLE_ARTICLE, SAMPLE_SLUG, copy_sample_show, run_cli
from fake_google import TONE_HZ, FakeGoogle, Reply

FAST = {"requests_per_second": 1000.0, "backoff": 0.01, "retry_for": 5.0, "timeout": 2.0}


def engine_for(google: FakeGoogle, **settings: float) -> GttsEngine:
    return GttsEngine(GttsSettings(**{**FAST, **settings}), endpoint=google.url)


@pytest.fixture(scope="module")
def sample_script():  # type: ignore[no-untyped-def]
    return build_script(load_article(SAMPLE_ARTICLE), Settings())


def speak(engine: GttsEngine, script, cache: SegmentCache | None = None):  # type: ignore[no-untyped-def]
    return synthesize(script, engine, Settings().voices, cache)


def test_sample_is_sent_in_few_packed_requests(sample_script) -> None:  # type: ignore[no-untyped-def]
    with FakeGoogle() as google:
        speak(engine_for(google), sample_script)
    texts = [call.text for call in google.calls]
    # gTTS on its own cuts at every punctuation mark: count what it would have sent.
    unpacked = sum(
        len(gTTS(s.spoken, lang="sw", lang_check=False)._tokenize(s.spoken)) for s in sample_script
    )
    total_chars = sum(len(s.spoken) for s in sample_script)
    assert len(texts) < unpacked
    assert len(texts) <= total_chars / 100 * 1.6 + len(sample_script)
    assert all(len(t) <= 100 for t in texts)
    assert {call.lang for call in google.calls} == {"sw"}
    # Nothing is lost or sent twice: every word of every segment arrives exactly once.
    assert Counter(" ".join(texts).split()) == Counter(
        " ".join(s.spoken for s in sample_script).split()
    )


def test_numbers_and_abbreviations_are_never_split() -> None:
    text = (
        "Waziri wa Fedha Dkt. Mwigulu Nchemba aliwasilisha bajeti ya Sh. trilioni 34.88 kwa "
        "mwaka wa fedha 2020/21, yenye ongezeko la asilimia 4.5 n.k. kwa mujibu wa Prof. "
        "Mkenda na Bi. Amina wa S.L.P. 9120 Dar es Salaam, pamoja na watu 25,000 mjini."
    )
    chunks = chunk_text(text, 100)
    assert " ".join(chunks) == " ".join(text.split())
    assert all(len(c) <= 100 for c in chunks)
    for token in ["Dkt. Mwigulu", "Sh. trilioni", "34.88", "2020/21", "4.5", "Prof. Mkenda",
                  "Bi. Amina", "S.L.P. 9120", "25,000"]:  # fmt: skip
        assert any(token in c for c in chunks), token


def test_sentences_stay_whole_when_they_fit() -> None:
    first = "Rais Putin ameidhinisha rasimu ya mkataba ulioandaliwa na wizara ya mambo ya nje."
    second = "Mkataba huo utasainiwa na Putin mwenyewe na Kim."
    assert chunk_text(f"{first} {second}", 100) == [first, second]


def test_a_storm_of_429_is_ridden_out(sample_script) -> None:  # type: ignore[no-untyped-def]
    storm = lambda n, _t: Reply(429) if n <= 8 else Reply()  # noqa: E731
    with FakeGoogle(storm) as google:
        speech = speak(engine_for(google), sample_script)
    assert len(speech) == len(sample_script)
    assert sum(1 for _ in google.calls) >= 8 + len(sample_script)


def test_retry_after_and_5xx_are_retried() -> None:
    replies = {1: Reply(503), 2: Reply(429, headers={"Retry-After": "0.2"})}
    with FakeGoogle(lambda n, _t: replies.get(n, Reply())) as google:
        start = time.monotonic()
        engine_for(google, concurrency=1).synthesize("Habari za asubuhi.", "sw")
    assert len(google.calls) == 3
    assert google.calls[2].started - google.calls[1].started >= 0.19
    assert time.monotonic() - start < 5


def test_a_permanent_403_fails_at_once_naming_the_cause() -> None:
    with FakeGoogle(lambda _n, _t: Reply(403)) as google, pytest.raises(EngineError, match="403"):
        engine_for(google, concurrency=1).synthesize("Habari.", "sw")
    assert len(google.calls) == 1  # not retried


def test_timeouts_are_retried_then_given_up_with_a_clear_error() -> None:
    slow_first = lambda n, _t: Reply(delay=1.0) if n == 1 else Reply()  # noqa: E731
    with FakeGoogle(slow_first) as google:
        engine_for(google, timeout=0.3, concurrency=1).synthesize("Habari.", "sw")
    assert len(google.calls) == 2

    with FakeGoogle(lambda _n, _t: Reply(delay=1.0)) as google:
        start = time.monotonic()
        with pytest.raises(EngineError, match="timeout"):
            engine_for(google, timeout=0.2, retry_for=1.0, concurrency=1).synthesize("A.", "sw")
        assert time.monotonic() - start < 3.0  # the cap on total time holds


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_requests_in_flight_never_exceed_the_limit(sample_script, limit: int) -> None:  # type: ignore[no-untyped-def]
    with FakeGoogle(lambda _n, _t: Reply(delay=0.05)) as google:
        speak(engine_for(google, concurrency=limit), sample_script)
    assert google.max_in_flight <= limit
    assert google.max_in_flight == limit  # and the limit is used, not just respected


def test_throttle_spaces_request_starts() -> None:
    with FakeGoogle() as google:
        engine = engine_for(google, requests_per_second=20.0, concurrency=4)
        engine.synthesize_many([(f"Sentensi namba {i}.", "sw") for i in range(6)], lambda *_: None)
    starts = sorted(call.started for call in google.calls)
    assert starts[-1] - starts[0] >= 5 * (1 / 20) * 0.9


def test_warm_rebuild_sends_nothing_and_an_edit_only_its_chunks(
    tmp_path: Path, sample_script
) -> None:  # type: ignore[no-untyped-def]
    cache = SegmentCache(tmp_path)
    with FakeGoogle() as google:
        engine = engine_for(google)
        speak(engine, sample_script, cache)
        cold = len(google.calls)
        speak(engine, sample_script, cache)
        assert len(google.calls) == cold  # zero requests

        article = load_article(SAMPLE_ARTICLE)
        body = list(article.body)
        body[1] = type(body[1])("Rais Putin ameidhinisha rasimu ya mkataba mpya.")
        edited = build_script(article.__class__(**{**article.__dict__, "body": tuple(body)}),
                              Settings())  # fmt: skip
        speak(engine, edited, cache)
    assert [c.text for c in google.calls[cold:]] == [
        "Rais Putin ameidhinisha rasimu ya mkataba mpya."
    ]


def test_quotes_sound_like_another_voice() -> None:
    with FakeGoogle() as google:
        engine = engine_for(google)
        text = "Urusi sasa inashirikiana zaidi na zaidi na viongozi wa kimabavu."
        narrator = engine.synthesize(text, Settings().voices.narrator["gtts"])
        quote = engine.synthesize(text, Settings().voices.quote["gtts"])
    rate = narrator.sample_rate
    pitch_n = median_pitch(narrator.samples / 32768.0, rate)
    pitch_q = median_pitch(quote.samples / 32768.0, rate)
    assert pitch_n == pytest.approx(TONE_HZ, rel=0.05)
    assert abs(pitch_q - pitch_n) / pitch_n >= 0.10
    assert quote.duration == pytest.approx(narrator.duration, rel=0.05)  # same pace


def test_bad_voice_names_are_refused() -> None:
    with FakeGoogle() as google, pytest.raises(EngineError, match="sw@pitch-3"):
        engine_for(google).synthesize("Habari.", "swahili please")


# Through the command line, as a producer meets it.


def google_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, google: FakeGoogle) -> Path:
    show = copy_sample_show(tmp_path / "show")
    with (show / "audiocast.toml").open("a") as settings:
        settings.write("\n[gtts]\nrequests_per_second = 1000\nbackoff = 0.01\nretry_for = 3\n")
    monkeypatch.setenv("AUDIOCAST_GTTS_ENDPOINT", google.url)
    return show


def test_build_with_google_records_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeGoogle() as google:
        show = google_show(tmp_path, monkeypatch, google)
        done = run_cli("build", f"episodes/{SAMPLE_SLUG}/article.yaml", cwd=show)
        assert done.returncode == 0, done.stderr
    record = json.loads((show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
    assert record["engine"]["name"] == "gtts"
    assert record["voices"] == {"narrator": "sw", "quote": "sw@pitch-3"}
    assert "with gtts" in done.stdout


def test_a_403_mid_build_writes_nothing_but_keeps_fetched_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse = lambda _n, text: Reply(403) if "Stoltenberg" in text else Reply()  # noqa: E731
    with FakeGoogle(refuse) as google:
        show = google_show(tmp_path, monkeypatch, google)
        done = run_cli("build", f"episodes/{SAMPLE_SLUG}/article.yaml", cwd=show)
    assert done.returncode == 1
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1 and message.startswith("error: ")
    assert "article.yaml" in message and "segment" in message and "HTTP 403" in message
    assert "Traceback" not in done.stderr
    folder = show / "episodes" / SAMPLE_SLUG
    assert not (folder / "episode.json").exists() and not list(folder.glob("*.mp3"))
    assert list((show / ".cache").rglob("*.wav"))  # what was fetched is not paid for twice


def test_unreachable_google_falls_back_to_espeak_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = copy_sample_show(tmp_path / "show")  # conftest points gtts at a closed port
    start = time.monotonic()
    done = run_cli("build", f"episodes/{SAMPLE_SLUG}/article.yaml", cwd=show)
    assert done.returncode == 0, done.stderr
    assert "engine gtts not used" in done.stderr and "unreachable" in done.stderr
    record = json.loads((show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
    assert record["engine"]["name"] == "espeak"
    assert time.monotonic() - start < 60


def test_engine_can_be_chosen_by_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeGoogle() as google:
        show = google_show(tmp_path, monkeypatch, google)
        monkeypatch.setenv("AUDIOCAST_ENGINE", "espeak")
        done = run_cli("build", f"episodes/{SAMPLE_SLUG}/article.yaml", cwd=show)
    assert done.returncode == 0, done.stderr
    assert google.calls == []
    record = json.loads((show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
    assert record["engine"]["name"] == "espeak"


def test_doctor_says_when_google_is_reachable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeGoogle() as google:
        show = google_show(tmp_path, monkeypatch, google)
        done = run_cli("doctor", cwd=show)
    line = next(line for line in done.stdout.splitlines() if "engine gtts" in line)
    assert "ok" in line and "gtts-" in line


def test_probe_of_a_dead_endpoint_is_quick() -> None:
    engine = GttsEngine(GttsSettings(), endpoint="http://127.0.0.1:9/x")
    start = time.monotonic()
    with pytest.raises(EngineError, match="unreachable"):
        engine.probe()
    assert time.monotonic() - start <= 2.0
