"""Shared fixtures: the repository's sample show, and one real build of it per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Nothing in the test run talks to Google, including the `audiocast` processes tests start
# (pytest-socket guards only this process): gtts and doctor probe a closed loopback port.
CLOSED_PORT = "http://127.0.0.1:9/_/TranslateWebserverUi/data/batchexecute"
os.environ["AUDIOCAST_GTTS_ENDPOINT"] = CLOSED_PORT
os.environ["AUDIOCAST_NETWORK_PROBE"] = "127.0.0.1:9"
# Nor to Microsoft: edge probes a closed port too, and azure has no key unless a test gives
# its stand-in's.
os.environ["AUDIOCAST_EDGE_ENDPOINT"] = (
    "wss://127.0.0.1:9/consumer/speech/synthesize/readaloud/edge/v1"
)
for _name in ("AZURE_SPEECH_KEY", "AZURE_SPEECH_REGION"):
    os.environ.pop(_name, None)
# Nor onnxruntime's usage events: the tests import piper, and with it onnxruntime, before
# audiocast turns them off (test_piper.py checks that audiocast does, without this).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SLUG = "2024-06-18-putin-pyongyang"
SAMPLE_ARTICLE = ROOT / "episodes" / SAMPLE_SLUG / "article.yaml"
# The sample show is a demo at example.org, which validate and publish refuse as a
# placeholder: the tests' copies are published at a real-looking address instead.
SAMPLE_BASE_URL = "https://sauti.co.tz/habari"
SAMPLE_EMAIL = "habari@sauti.co.tz"


def copy_sample_show(dest: Path, *, placeholders: bool = False) -> Path:
    """A fresh show folder holding the sample settings and article, nothing built; its
    base URL and owner e-mail real-looking unless `placeholders` keeps the sample's own."""
    dest.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "audiocast.toml").read_text(encoding="utf-8")
    if not placeholders:
        text = text.replace("https://example.org/habari", SAMPLE_BASE_URL)
        text = text.replace("habari@example.org", SAMPLE_EMAIL)
    (dest / "audiocast.toml").write_text(text, encoding="utf-8")
    (dest / "episodes" / SAMPLE_SLUG).mkdir(parents=True)
    shutil.copy(SAMPLE_ARTICLE, dest / "episodes" / SAMPLE_SLUG / "article.yaml")
    return dest


def run_cli(*args: str, cwd: Path, columns: str = "200") -> subprocess.CompletedProcess[str]:
    """The `audiocast` command as a producer runs it, in its own process."""
    command = [sys.executable, "-c", "from audiocast.cli import app; app()", *args]
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def built_show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample show built once with the real espeak engine and its feed written."""
    show = copy_sample_show(tmp_path_factory.mktemp("show"))
    article = f"episodes/{SAMPLE_SLUG}/article.yaml"
    for args in (("build", "--engine", "espeak", article), ("feed",)):
        done = run_cli(*args, cwd=show)
        assert done.returncode == 0, done.stderr
    return show
