"""What this machine can do: speech engines, ffmpeg and the network."""

from __future__ import annotations

import os
import socket
import subprocess
from dataclasses import dataclass

from .config import Settings
from .engines import KNOWN_ENGINES, probe
from .errors import AudiocastError
from .ffmpeg import ffmpeg_path

_GOOGLE = ("translate.google.com", 443)
_NETWORK_TIMEOUT = 2.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in the order a producer reads them."""
    checks = []
    for name in dict.fromkeys([*settings.voices.engine, *KNOWN_ENGINES]):
        _, status = probe(name, settings)
        chosen = " (in this show's engine list)" if name in settings.voices.engine else ""
        checks.append(Check(f"engine {name}", status.available, status.detail + chosen))
    checks.append(_check_ffmpeg())
    checks.append(_check_network())
    return checks


def _check_ffmpeg() -> Check:
    try:
        path = ffmpeg_path()
        out = subprocess.run([path, "-version"], capture_output=True, text=True, check=True)
    except (AudiocastError, OSError, subprocess.CalledProcessError) as exc:
        return Check("ffmpeg", False, str(exc))
    version = out.stdout.split("\n", 1)[0].replace("ffmpeg version ", "").split(" ")[0]
    return Check("ffmpeg", True, f"{version} at {path}")


def _check_network() -> Check:
    # AUDIOCAST_NETWORK_PROBE=host:port checks another endpoint (a proxy, or a test's).
    host, _, port_text = os.environ.get("AUDIOCAST_NETWORK_PROBE", "").rpartition(":")
    host, port = (host, int(port_text)) if host else _GOOGLE
    try:
        with socket.create_connection((host, port), timeout=_NETWORK_TIMEOUT):
            pass
    except Exception as exc:  # DNS, refusal, timeout, or a sandbox that forbids sockets
        return Check("network", False, f"{host} unreachable ({type(exc).__name__}); gtts needs it")
    return Check("network", True, f"{host} reachable")
