"""A show's own cover art: used when podcast directories would accept it, refused with why."""

from __future__ import annotations

import io
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from audiocast.cover import check_cover
from audiocast.errors import ConfigError
from audiocast.show import Show
from audiocast.site import write_feeds

from conftest import SAMPLE_BASE_URL, copy_sample_show


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
    href = f'itunes:image href="{SAMPLE_BASE_URL}/feeds/cover.png"'
    assert href.encode() in (show_dir / "feeds" / "podcast.xml").read_bytes()


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


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature and header with a token of pixel data: its size, and nothing to
    decode at that size (12000 x 12000 decoded is 432 MB of RGB)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
        )

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(bytes(1 + 3 * width))  # the first row only
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("side", "reason"), [(12000, "12000 px"), (40000, "far over 3000 px")])
def test_a_huge_cover_is_refused_by_its_header_in_one_line(side: int, reason: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ConfigError) as info:
            check_cover(png_header(side, side), "art.png")
    assert reason in str(info.value) and "podcast apps refuse this cover" in str(info.value)
    assert "\n" not in str(info.value)
    assert not caught, [str(w.message) for w in caught]  # no library warning before it
