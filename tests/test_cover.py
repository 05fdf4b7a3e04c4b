"""A show's own cover art: used when podcast directories would accept it, refused with why."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from audiocast.cover import check_cover
from audiocast.errors import ConfigError
from audiocast.show import Show
from audiocast.site import write_feeds

from conftest import copy_sample_show


def image_bytes(size: tuple[int, int], mode: str = "RGB", kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "#1d6b3a" if mode == "RGB" else 0).save(buffer, format=kind)
    return buffer.getvalue()


def test_the_shows_own_png_is_published_as_png(tmp_path: Path) -> None:
    show_dir = copy_sample_show(tmp_path / "show")
    (show_dir / "art.png").write_bytes(image_bytes((1500, 1500)))
    with (show_dir / "audiocast.toml").open("a") as settings:
        settings.write("\n")
    text = (
        (show_dir / "audiocast.toml")
        .read_text()
        .replace("[show]\n", '[show]\ncover = "art.png"\n', 1)
    )
    (show_dir / "audiocast.toml").write_text(text)
    write_feeds(Show.open(show_dir))
    assert (show_dir / "feeds" / "cover.png").read_bytes() == (show_dir / "art.png").read_bytes()
    assert not (show_dir / "feeds" / "cover.jpg").exists()
    assert (
        b'itunes:image href="https://example.org/habari/feeds/cover.png"'
        in (show_dir / "feeds" / "podcast.xml").read_bytes()
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("art.png", image_bytes((1600, 1400)), "not square"),
        ("art.png", image_bytes((1000, 1000)), "1000 px"),
        ("art.png", image_bytes((3500, 3500)), "3500 px"),
        ("art.png", image_bytes((1400, 1400), "RGBA"), "not RGB"),
        ("art.jpg", image_bytes((1400, 1400), "CMYK", "JPEG"), "not RGB"),
        ("art.jpg", image_bytes((1400, 1400)), "name it with .png"),
        ("art.jpeg", image_bytes((1400, 1400), kind="JPEG"), "name it with .jpg"),
        ("art.gif", image_bytes((1400, 1400), "P", "GIF"), "not JPEG or PNG"),
        ("art.jpg", b"this is not a picture", "not an image"),
    ],
)
def test_covers_apps_refuse_are_refused_with_the_reason(
    name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(ConfigError) as info:
        check_cover(data, name)
    assert reason in str(info.value) and name in str(info.value)


def test_an_oversized_file_is_refused() -> None:
    noisy = Image.effect_noise((3000, 3000), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=95)
    with pytest.raises(ConfigError, match="KB"):
        check_cover(buffer.getvalue(), "art.jpg")
