"""Network engines behind a newsroom's proxy: the probe and `doctor` go the way the requests
go (HTTPS_PROXY, https_proxy, NO_PROXY as `requests` reads them), through a real CONNECT
proxy on 127.0.0.1; an up-to-date rebuild makes no network call at all."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from audiocast.config import GttsSettings
from audiocast.engines import net
from audiocast.engines.gtts import GttsEngine
from audiocast.errors import EngineError

from conftest import SAMPLE_SLUG, copy_sample_show, run_cli
from fake_google import FakeGoogle
from proxy import Proxy
from tls import authority

ARTICLE = f"episodes/{SAMPLE_SLUG}/article.yaml"
PROXY_VARS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
              "all_proxy", "NO_PROXY", "no_proxy")  # fmt: skip


@pytest.fixture(autouse=True)
def no_proxy_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(authority().ca_file))


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy"])
def test_the_probe_goes_through_the_proxy_requests_would_use(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    with (
        FakeGoogle(tls=True, host="translate.test") as google,
        Proxy({"translate.test": google.port}) as proxy,
    ):
        monkeypatch.setenv(variable, proxy.url)
        route = GttsEngine(GttsSettings(), endpoint=google.url).probe()
    assert route == f"translate.test reachable through proxy {proxy.url.removeprefix('http://')}"
    assert proxy.tunnels == [f"translate.test:{google.port}"]


def test_no_proxy_sends_the_probe_and_the_requests_straight_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with FakeGoogle(tls=True) as google, Proxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "example.org,127.0.0.1")
        engine = GttsEngine(GttsSettings(), endpoint=google.url)
        assert engine.probe() == "127.0.0.1 reachable"
        engine.synthesize("Habari za asubuhi.", "sw")
    # (Only the stand-in's tunnels count: a library elsewhere in this process may use the
    # proxy for its own reasons.)
    assert f"127.0.0.1:{google.port}" not in proxy.tunnels and not proxy.forwarded
    assert len(google.calls) == 1


def test_a_proxy_that_refuses_the_tunnel_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with Proxy(refuse=True) as proxy:
        monkeypatch.setenv("https_proxy", proxy.url)
        with pytest.raises(EngineError, match=r"unreachable through proxy 127\.0\.0\.1:\d+.*403"):
            net.probe("https://translate.google.com/x", 2.0)


def test_a_dead_proxy_is_reported_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    start = time.monotonic()
    with pytest.raises(EngineError, match=r"through proxy 127\.0\.0\.1:9 \(ConnectionRefused"):
        GttsEngine(GttsSettings(probe_timeout=1.0)).probe()
    assert time.monotonic() - start < 1.5


def test_proxy_passwords_are_sent_to_the_proxy_but_never_shown() -> None:
    assert net.shown_proxy("http://habari:siri%40@10.0.0.1:3128") == "10.0.0.1:3128"


# Through the command line: the only way out is the proxy.


def proxied_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, google: FakeGoogle) -> Path:
    show = copy_sample_show(tmp_path / "show")
    with (show / "audiocast.toml").open("a") as settings:
        settings.write("\n[gtts]\nrequests_per_second = 1000\nbackoff = 0.01\nretry_for = 3\n")
    # A name only the proxy can resolve: a direct connection fails as it does in the office.
    monkeypatch.setenv("AUDIOCAST_GTTS_ENDPOINT", google.url)
    return show


def test_build_with_google_behind_a_proxy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (
        FakeGoogle(tls=True, host="translate.test") as google,
        Proxy({"translate.test": google.port}) as proxy,
    ):
        show = proxied_show(tmp_path, monkeypatch, google)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        done = run_cli("build", "--engine", "gtts", ARTICLE, cwd=show)
        assert done.returncode == 0, done.stderr
        assert "not used" not in done.stderr
        record = json.loads((show / "episodes" / SAMPLE_SLUG / "episode.json").read_text())
        assert record["engine"]["name"] == "gtts"
        google_tunnels = lambda: proxy.tunnels.count(f"translate.test:{google.port}")  # noqa: E731
        assert google.calls and google_tunnels() >= 1

        # Unchanged: no probe, no request, not even a tunnel to Google.
        before = (len(google.calls), google_tunnels())
        again = run_cli("build", "--engine", "gtts", ARTICLE, cwd=show)
        assert again.returncode == 0, again.stderr
        assert "Up to date" in again.stdout
        # Forced: every sentence is in the cache, so still nothing goes out.
        forced = run_cli("build", "--force", "--engine", "gtts", ARTICLE, cwd=show)
        assert forced.returncode == 0, forced.stderr
        assert (len(google.calls), google_tunnels()) == before


def test_an_up_to_date_show_sends_nothing_when_built_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        FakeGoogle(tls=True, host="translate.test") as google,
        Proxy({"translate.test": google.port}) as proxy,
    ):
        show = proxied_show(tmp_path, monkeypatch, google)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        second = show / "episodes" / "2024-06-19-habari-fupi" / "article.yaml"
        second.parent.mkdir()
        second.write_text(
            "title: Mvua yanyesha Dodoma\ndate: 2024-06-19\nauthor: Asha Mrisho\n"
            "summary: Mvua kubwa imenyesha mjini Dodoma.\n"
            "body:\n- paragraph: Wakazi wamefurahia mvua hiyo baada ya ukame.\n",
            encoding="utf-8",
        )
        both = ["build", "--engine", "gtts", ARTICLE, str(second.relative_to(show))]
        done = run_cli(*both, cwd=show)
        assert done.returncode == 0, done.stderr
        tunnels = lambda: proxy.tunnels.count(f"translate.test:{google.port}")  # noqa: E731
        assert google.calls and tunnels() >= 1

        # Both up to date: the batch probes nothing and asks nothing.
        before = (len(google.calls), tunnels())
        again = run_cli(*both, cwd=show)
        assert again.returncode == 0, again.stderr
        assert (len(google.calls), tunnels()) == before


def test_doctor_says_google_is_reachable_through_the_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        FakeGoogle(tls=True, host="translate.test") as google,
        Proxy({"translate.test": google.port}) as proxy,
    ):
        show = proxied_show(tmp_path, monkeypatch, google)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        monkeypatch.setenv("AUDIOCAST_NETWORK_PROBE", f"translate.test:{google.port}")
        done = run_cli("doctor", cwd=show)
    lines = done.stdout.splitlines()
    gtts = next(line for line in lines if "engine gtts" in line)
    network = next(line for line in lines if line.startswith("network") or " network " in line)
    address = proxy.url.removeprefix("http://")
    assert "ok" in gtts and f"reachable through proxy {address}" in gtts
    assert "ok" in network and f"reachable through proxy {address}" in network


def test_google_certificate_is_checked_and_an_untrusted_one_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """gTTS on its own turns verification off; a proxy that inspects HTTPS without its CA in
    REQUESTS_CA_BUNDLE is told at once, not retried for a minute."""
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")  # the system's authorities: not the tests' CA
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with FakeGoogle(tls=True) as google:
        engine = GttsEngine(GttsSettings(retry_for=30.0), endpoint=google.url)
        start = time.monotonic()
        with pytest.raises(EngineError, match=r"certificate of 127\.0\.0\.1 is not trusted"):
            engine.synthesize("Habari.", "sw")
    assert google.calls == [] and time.monotonic() - start < 5
