"""The two commands of the README as a newcomer meets them: what `make run` and `make test`
install, read from make's own plan of the commands (`make -n`, nothing run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT


def planned(target: str, venv: Path) -> list[str]:
    done = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def test_make_run_installs_only_the_main_job_and_says_so(tmp_path: Path) -> None:
    lines = planned("run", tmp_path / "venv")
    installs = [line for line in lines if "pip install" in line]
    assert installs and all("[" not in line for line in installs), installs  # no extras
    assert not any(" -q" in line or "--quiet" in line for line in installs)
    first = lines.index(installs[0])
    assert any(line.startswith("echo") for line in lines[:first])  # said before it starts


def test_make_test_adds_the_test_tools_and_optional_engines(tmp_path: Path) -> None:
    lines = planned("test", tmp_path / "venv")
    assert any("pip install" in line and "[dev," in line for line in lines)


def test_make_test_installs_axe_core_at_the_locked_version(tmp_path: Path) -> None:
    done = subprocess.run(
        ["make", "-n", "-p", "test", f"VENV={tmp_path / 'venv'}"], cwd=ROOT,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert any(line.startswith("test:") and " axe" in line for line in done.stdout.splitlines())
    # The recipe, planned as if the lock file were new: `npm ci` installs exactly what the
    # lock pins (`npm install` could move to a newer axe-core, with other rules).
    forced = subprocess.run(
        ["make", "-n", "-W", "tests/browser/package-lock.json", "axe"], cwd=ROOT,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "npm ci --prefix tests/browser" in forced.stdout, forced.stdout
