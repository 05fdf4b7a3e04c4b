"""The README's licence table against what is really installed: every copyleft component
of the main job must be named there, so a newsroom that redistributes audiocast knows."""

from __future__ import annotations

import re
from importlib import metadata

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def licences_section() -> str:
    match = re.search(r"^## Licences\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, "the README has no Licences section"
    return match.group(1)


def required_packages() -> list[str]:
    """The main job's packages, as the installed audiocast requires them (no extras)."""
    requires = metadata.requires("audiocast") or []
    return [
        re.split(r"[<>=!~; \[]", line, maxsplit=1)[0]
        for line in requires
        if "extra ==" not in line and "python_version" not in line
    ]


def licence_of(name: str) -> str:
    meta = metadata.metadata(name)
    texts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    texts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " ".join(texts)


@pytest.mark.parametrize("name", required_packages())
def test_every_copyleft_component_is_named(name: str) -> None:
    if not re.search(r"GPL|General Public", licence_of(name)):
        return
    section = licences_section().lower()
    assert name.lower().replace("_", "-") in section or name.lower() in section, (
        f"{name} is {licence_of(name)!r} and the README's Licences section does not name it"
    )


def test_the_offline_voice_and_ffmpeg_are_named_with_their_licences() -> None:
    section = licences_section()
    assert "libespeak-ng" in section and "GPL-3.0-or-later" in section
    assert "imageio-ffmpeg" in section and "--enable-gpl" in section
    assert "unofficial" in section  # gtts and edge: terms, not licences
