"""Show artwork: the show's own cover, checked as podcast apps check it, or a square JPEG
with the show title for shows that bring none."""

from __future__ import annotations

import functools
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import ConfigError, FeedError
from .inputs import read_input

if TYPE_CHECKING:  # Pillow is loaded when a cover is drawn or checked, not at start-up
    from PIL import Image, ImageDraw, ImageFont

    from .show import Show

    Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

MIN_SIZE = 1400  # Apple's smallest accepted artwork
MAX_SIZE = 3000  # and its largest
MAX_BYTES = 512 * 1024  # Apple's limit for the artwork file
# Drawn artwork inside each episode's files: apps show it no larger than a screen, and every
# listener downloads it with every episode (70 KB at 1400 px, 175 KB at 3000 px); the
# feed's own artwork is drawn at MAX_SIZE.
TAG_SIZE = MIN_SIZE
COVER_READ_BYTES = 50_000_000  # a cover is read up to this; one over MAX_BYTES is refused

BACKGROUND = (11, 37, 69)  # deep blue
BAND = (179, 18, 46)  # deep red behind the title
RULE = (245, 196, 0)  # thin gold rules framing the band
TEXT = (255, 255, 255)

_TEXT_WIDTH = 0.84  # of the side: leaves a margin apps do not crop
_MAX_LINES = 4
_LINE_SPACING = 1.15
_QUALITIES = (90, 80, 70, 60, 50)


@functools.lru_cache(maxsize=8)  # a batch of builds draws its show's cover once
def make_cover(title: str, size: int = MAX_SIZE) -> bytes:
    """Draw the show title large and centred on a blue background with a red band; JPEG bytes.

    >>> make_cover("Habari kwa Sauti", size=1400)[:3]
    b'\\xff\\xd8\\xff'
    """
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"cover size {size} px: podcast apps accept {MIN_SIZE}-{MAX_SIZE} px")
    from PIL import Image, ImageDraw

    words = " ".join(title.split()).split(" ")
    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font, lines = _fit(draw, words, size)
    # Height of tall accented capitals down to descenders, so lines never touch.
    left_top_right_bottom = font.getbbox("ÁÉgjy")
    line_height = round((left_top_right_bottom[3] - left_top_right_bottom[1]) * _LINE_SPACING)
    block = line_height * len(lines)
    pad = size // 14
    top = (size - block) // 2
    draw.rectangle((0, top - pad, size, top + block + pad), fill=BAND)
    rule = max(size // 150, 4)
    draw.rectangle((0, top - pad - 2 * rule, size, top - pad - rule), fill=RULE)
    draw.rectangle((0, top + block + pad + rule, size, top + block + pad + 2 * rule), fill=RULE)
    for i, line in enumerate(lines):
        # "mm" anchors each line at its visual middle, so accents and descenders stay centred.
        y = top + line_height * i + line_height // 2
        draw.text((size // 2, y), line, font=font, fill=TEXT, anchor="mm")
    return _encode(image)


def _fit(draw: ImageDraw.ImageDraw, words: list[str], size: int) -> tuple[Font, list[str]]:
    """The largest font whose wrapped title fits the text width in at most _MAX_LINES lines."""
    from PIL import ImageFont

    width = size * _TEXT_WIDTH
    font_size = size // 7
    while True:
        font = ImageFont.load_default(size=font_size)
        lines = _wrap(draw, words, font, width)
        if len(lines) <= _MAX_LINES:
            return font, lines
        if font_size <= size // 20:
            break
        font_size = int(font_size * 0.9)
    # Smaller text would be unreadable in an app's thumbnail: cut the title instead.
    last = lines[_MAX_LINES - 1]
    while last and draw.textlength(last + "…", font=font) > width:
        last = last[:-1]
    return font, [*lines[: _MAX_LINES - 1], last.rstrip() + "…"]


def _wrap(draw: ImageDraw.ImageDraw, words: list[str], font: Font, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is split between characters."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and draw.textlength(current + char, font=font) > width:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines


def _encode(image: Image.Image) -> bytes:
    """JPEG at the best quality that stays under Apple's size limit."""
    for quality in _QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality, optimize=True)
        if buffer.tell() <= MAX_BYTES:
            return buffer.getvalue()
    raise FeedError(
        f"cover artwork stays above {MAX_BYTES // 1024} KB even at JPEG quality "
        f"{_QUALITIES[-1]}; use a smaller size"
    )


@dataclass(frozen=True)
class Cover:
    """Artwork ready to publish: its bytes, MIME type and the file suffix that matches it."""

    data: bytes
    mime: str
    suffix: str


_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}


def check_cover(data: bytes, origin: str) -> Cover:
    """A show's own artwork, refused with the reason when podcast directories would refuse it."""
    from PIL import Image

    unreadable = ConfigError(f"{origin}: not an image Pillow can read; use a JPEG or PNG file")
    try:
        with warnings.catch_warnings():
            # The size is checked below from the header; Pillow's own warning about huge
            # images would only add two lines before that one.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                kind, mode, (width, height) = image.format, image.mode, image.size
                if MIN_SIZE <= width <= MAX_SIZE and MIN_SIZE <= height <= MAX_SIZE:
                    image.load()  # decoded only at a size apps accept: a few MB at most
    except Image.DecompressionBombError:
        # Above twice Pillow's limit it refuses even the header: far too large in any case.
        raise ConfigError(
            f"{origin}: podcast apps refuse this cover: its sides are far over {MAX_SIZE} px; "
            f"use a square image of {MIN_SIZE}-{MAX_SIZE} px"
        ) from None
    except (OSError, ValueError):
        # Pillow's message names an in-memory buffer, not the producer's file: say it plainly.
        raise unreadable from None
    problems = []
    if kind not in _FORMATS:
        problems.append(f"it is {kind}, not JPEG or PNG")
    if width != height:
        problems.append(f"it is {width}x{height}, not square")
    if not MIN_SIZE <= width <= MAX_SIZE:
        problems.append(f"its side is {width} px, not {MIN_SIZE}-{MAX_SIZE}")
    if mode != "RGB":
        problems.append(f"its colours are {mode}, not RGB (remove transparency or CMYK)")
    if len(data) > MAX_BYTES:
        problems.append(f"it is {len(data) // 1024} KB, over {MAX_BYTES // 1024} KB")
    if problems:
        raise ConfigError(f"{origin}: podcast apps refuse this cover: {'; '.join(problems)}")
    mime, suffix = _FORMATS[str(kind)]
    if not origin.lower().endswith(suffix):
        raise ConfigError(f"{origin}: the file is {kind}; name it with {suffix} to match")
    return Cover(data, mime, suffix)


def show_cover(show: Show) -> Cover:
    """The show's own cover, checked, if it has one; else one generated from its title."""
    return own_cover(show) or drawn_cover(show.settings.show.title)


def drawn_cover(title: str, size: int = MAX_SIZE) -> Cover:
    """Artwork for a show that brings none: its title, drawn `size` pixels square."""
    return Cover(make_cover(title, size), "image/jpeg", ".jpg")


def own_cover(show: Show) -> Cover | None:
    """The show's own cover, checked; None if the show has none (one is drawn from its
    title)."""
    name = show.settings.show.cover
    if not name:
        return None
    path = show.inside(name)
    try:
        data = read_input(path, COVER_READ_BYTES, ConfigError)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the show's cover ({exc.strerror})") from None
    return check_cover(data, str(path))
