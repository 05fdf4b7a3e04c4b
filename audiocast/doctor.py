"""What this machine can do: speech engines, ffmpeg and the network."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from .config import Settings
from .engines import net, probe, registry
from .errors import AudiocastError, EngineError
from .ffmpeg import ffmpeg_path

_GOOGLE = "https://translate.google.com/"
_NETWORK_TIMEOUT = 2.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in the order a producer reads them."""
    checks = []
    for name in dict.fromkeys([*settings.voices.engine, *registry()]):
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
    # AUDIOCAST_NETWORK_PROBE=host:port checks another endpoint (a test's closed port).
    given = os.environ.get("AUDIOCAST_NETWORK_PROBE", "")
    url = f"https://{given}/" if given and "://" not in given else given or _GOOGLE
    try:
        route = net.probe(url, _NETWORK_TIMEOUT)
    except EngineError as exc:
        return Check("network", False, f"{exc}; gtts needs it")
    return Check("network", True, route)
