"""Microsoft's neural Swahili voices, which both `azure` (the paid Speech service) and `edge`
(the free endpoint behind Edge's Read Aloud) speak, and the SSML that asks for them."""

from __future__ import annotations

import re

from ..errors import EngineError
from ..swahili.lexicon import sub_parts
from . import VoiceInfo

VOICES = (
    VoiceInfo("sw-KE-ZuriNeural", "KE", "woman"),
    VoiceInfo("sw-KE-RafikiNeural", "KE", "man"),
    VoiceInfo("sw-TZ-RehemaNeural", "TZ", "woman"),
    VoiceInfo("sw-TZ-DaudiNeural", "TZ", "man"),
)
_NAME = re.compile(r"^(?P<locale>[a-z]{2,3}-[A-Z]{2})-[A-Za-z]+Neural$")


def locale_of(voice: str) -> str:
    """The xml:lang a voice speaks, from its name; EngineError for a name that is no voice.

    >>> locale_of("sw-TZ-DaudiNeural")
    'sw-TZ'
    """
    match = _NAME.match(voice)
    if not match:
        names = ", ".join(v.name for v in VOICES)
        raise EngineError(f"{voice!r} is not a Microsoft neural voice name; Swahili: {names}")
    return match["locale"]


def prosody_rate(speed: float) -> str:
    """SSML's relative rate for a speed factor.

    >>> prosody_rate(0.9), prosody_rate(1.0), prosody_rate(1.25)
    ('-10%', '+0%', '+25%')
    """
    return f"{round((speed - 1) * 100):+d}%"


def ssml(text: str, voice: str, speed: float = 1.0) -> str:
    """One sentence as SSML: the text escaped, the voice's language, its pace, and each
    respelling the lexicon marked (swahili/lexicon.py) as `<sub alias>` around the word as
    written, so the service says the respelling.

    >>> body = ssml('Bei ya "mafuta" <5%> & zaidi.', "sw-TZ-DaudiNeural", 0.9)
    >>> 'xml:lang="sw-TZ"><voice name="sw-TZ-DaudiNeural"><prosody rate="-10%">' in body
    True
    >>> body[body.index('-10%">') + 6 :]
    'Bei ya "mafuta" &lt;5%&gt; &amp; zaidi.</prosody></voice></speak>'
    """
    from xml.sax.saxutils import escape, quoteattr  # when speaking: start-up skips it

    lang = locale_of(voice)
    said = "".join(
        escape(part) if alias is None else f"<sub alias={quoteattr(alias)}>{escape(part)}</sub>"
        for part, alias in sub_parts(text)
    )
    return (
        f'<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="{lang}">'
        f"<voice name={quoteattr(voice)}><prosody rate={quoteattr(prosody_rate(speed))}>"
        f"{said}</prosody></voice></speak>"
    )
