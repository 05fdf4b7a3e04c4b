"""Show settings: typed models with every default in one place, overridden by audiocast.toml."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .errors import ConfigError
from .inputs import read_input

if TYPE_CHECKING:
    from .media import Encoding

SETTINGS_MAX_BYTES = 1_000_000  # show settings are a page of text

# East Africa Time has no summer time: where the system has no time zone database (tzdata),
# these zones are still known, at UTC+3.
EAT_ZONES = frozenset(
    {"Africa/Nairobi", "Africa/Dar_es_Salaam", "Africa/Kampala", "Africa/Addis_Ababa",
     "Africa/Mogadishu", "Africa/Djibouti", "Africa/Asmara", "Indian/Comoro", "Indian/Mayotte",
     "Indian/Antananarivo", "EAT"}
)  # fmt: skip
EAST_AFRICA_TIME = timezone(timedelta(hours=3), "EAT")


def time_zone(name: str) -> tzinfo:
    """The time zone an IANA name gives ("Africa/Nairobi"); ValueError when it is unknown.

    >>> datetime(2024, 6, 18, 12, tzinfo=time_zone("Africa/Dar_es_Salaam")).utcoffset()
    datetime.timedelta(seconds=10800)
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in EAT_ZONES:
            return EAST_AFRICA_TIME
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name such as Africa/Nairobi or "
            "Africa/Dar_es_Salaam (if the name is right, install the tzdata package)"
        ) from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Owner(_Strict):
    name: str = "Dawati la Habari"
    email: str = "habari@example.org"


class ShowSettings(_Strict):
    title: str = "Habari kwa Sauti"
    description: str = "Habari za kila siku kwa Kiswahili."
    base_url: str = "https://example.org/habari"
    author: str = "Dawati la Habari"
    owner: Owner = Owner()
    language: str = "sw"
    category: list[str] = Field(default_factory=lambda: ["News", "Daily News"])
    explicit: bool = False
    locked: bool = False  # podcast:locked: "yes" stops other platforms importing the feed
    # podcast:guid of the podcast feed, pinned so a change of base_url keeps the identity;
    # `audiocast init` writes it. Without it, it is derived from the feed's URL.
    podcast_guid: str | None = None
    cover: str | None = None
    # The feeds' <copyright>; None: "© <the episodes' years> <owner name>" (feed.py).
    copyright: str | None = None
    # Spoken after the sting and at the end; left out, they name the show's own title.
    ident: str = ""
    outro: str = ""
    # The newsroom's time zone: "today" for an imported page that states no date.
    timezone: str = "Africa/Nairobi"
    # The show's own pages in Apple's and Spotify's directories, once listed there: the
    # home page's "Jiunge" buttons open them (home.py). Without them Apple's button opens
    # the feed by its address, and Spotify, which cannot, has no button.
    apple_podcasts_url: str | None = None
    spotify_url: str | None = None

    def today(self) -> date:
        """Today's date in the show's time zone."""
        return datetime.now(time_zone(self.timezone)).date()

    @model_validator(mode="before")
    @classmethod
    def _own_name(cls, data: object) -> object:
        """The ident and outro say this show's title unless the producer wrote their own."""
        if not isinstance(data, dict):
            return data
        title = data.get("title") or cls.model_fields["title"].default
        own = {"ident": f"Hii ni {title}.", "outro": f"Asante kwa kusikiliza {title}. Kwaheri."}
        return data | {key: text for key, text in own.items() if not data.get(key)}

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        time_zone(value)
        return value

    @field_validator("apple_podcasts_url")
    @classmethod
    def _apple_page(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(
            r"https://podcasts\.apple\.com/[^\s\"<>]*/id[0-9]+(\?[^\s\"<>]*)?", value
        ):
            raise ValueError(
                "must be the show's page in Apple Podcasts, "
                "e.g. https://podcasts.apple.com/tz/podcast/habari/id1234567890"
            )
        return value

    @field_validator("spotify_url")
    @classmethod
    def _spotify_page(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(
            r"https://open\.spotify\.com/show/[A-Za-z0-9]+(\?[^\s\"<>]*)?", value
        ):
            raise ValueError(
                "must be the show's page in Spotify, "
                "e.g. https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk"
            )
        return value

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("language")
    @classmethod
    def _swahili(cls, value: str) -> str:
        if value not in ("sw", "sw-TZ", "sw-KE"):
            raise ValueError("must be sw, sw-TZ or sw-KE")
        return value


# Microsoft's neural Swahili voices (engines/microsoft.py) by accent: narrator and quote are
# a woman and a man, so a listener hears a second person.
NEURAL_DEFAULTS = {
    "KE": ("sw-KE-ZuriNeural", "sw-KE-RafikiNeural"),
    "TZ": ("sw-TZ-RehemaNeural", "sw-TZ-DaudiNeural"),
}


class VoiceSettings(_Strict):
    """Which engines may speak, in order of preference, and each role's voice per engine."""

    engine: list[str] = Field(default_factory=lambda: ["gtts", "espeak"])
    # The accent of the neural voices a show does not name itself: Kenyan or Tanzanian.
    accent: Literal["KE", "TZ"] = "KE"
    narrator: dict[str, str] = Field(
        default_factory=lambda: {"espeak": "sw", "gtts": "sw", "piper": "default"}
    )
    # Google has one Swahili voice: quotes take it three semitones lower (engines/gtts.py);
    # piper's "other" is another speaker, or the one speaker lower (engines/piper.py).
    quote: dict[str, str] = Field(
        default_factory=lambda: {"espeak": "sw+f3", "gtts": "sw@pitch-3", "piper": "other"}
    )
    # Words per minute for espeak; a newsreader's pace is slower than espeak's default 175.
    espeak_rate: int = Field(default=160, ge=80, le=450)
    # The neural voices' pace (azure, edge): 1.0 is the voice's own, 0.9 ten per cent slower.
    speed: float = Field(default=1.0, ge=0.5, le=2.0)

    @field_validator("narrator", "quote", mode="before")
    @classmethod
    def _over_defaults(cls, value: object, info: ValidationInfo) -> object:
        """A show naming some engines' voices keeps the default voices of the others."""
        if not isinstance(value, dict) or info.field_name is None:
            return value
        default = cls.model_fields[info.field_name].get_default(call_default_factory=True)
        return {**default, **value}

    @model_validator(mode="after")
    def _neural_defaults(self) -> VoiceSettings:
        """The Microsoft voices (azure and edge) of the show's accent, unless it names its own."""
        narrator, quote = NEURAL_DEFAULTS[self.accent]
        for table, voice in ((self.narrator, narrator), (self.quote, quote)):
            for engine in ("azure", "edge"):
                table.setdefault(engine, voice)
        return self


class GttsSettings(_Strict):
    """Google's voice: how hard and how politely to ask (see engines/gtts.py)."""

    endpoint: str = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"
    concurrency: int = Field(default=4, ge=1, le=16)  # requests in flight at once
    requests_per_second: float = Field(default=20.0, gt=0)  # the polite throttle
    timeout: float = Field(default=10.0, gt=0)  # per request, connect and read
    retry_for: float = Field(default=60.0, ge=0)  # give up on a request after this long
    backoff: float = Field(default=0.5, gt=0)  # first retry delay; doubles, with jitter
    probe_timeout: float = Field(default=2.0, gt=0)  # is Google reachable at all?

    @field_validator("endpoint")
    @classmethod
    def _http_endpoint(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) address")
        return value


class AzureSettings(_Strict):
    """Microsoft's Azure Speech service (engines/azure.py), a paid subscription.

    The key is best left in the AZURE_SPEECH_KEY environment variable; a key written here
    is never logged, recorded nor published, but audiocast.toml may be shared.
    """

    region: str | None = None  # e.g. "westeurope"; AZURE_SPEECH_REGION overrides it
    key: SecretStr | None = None  # AZURE_SPEECH_KEY overrides it
    # Default: https://REGION.tts.speech.microsoft.com/cognitiveservices/v1
    endpoint: str | None = None
    ca_bundle: str | None = None  # a certificate authority to trust (an inspecting proxy's)
    sample_rate: Literal[24000, 48000] = 24000
    concurrency: int = Field(default=6, ge=1, le=16)  # requests in flight at once
    timeout: float = Field(default=15.0, gt=0)  # per request, connect and read
    retry_for: float = Field(default=60.0, ge=0)  # give up on a request after this long
    backoff: float = Field(default=0.5, gt=0)  # first retry delay; doubles, with jitter
    probe_timeout: float = Field(default=2.0, gt=0)

    @field_validator("endpoint")
    @classmethod
    def _https_endpoint(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) address")
        return value

    def located(self, root: Path) -> AzureSettings:
        """The CA bundle's path made absolute from the show folder."""
        if self.ca_bundle is None:
            return self
        return self.model_copy(update={"ca_bundle": str(root / self.ca_bundle)})


class EdgeSettings(_Strict):
    """The free endpoint behind Microsoft Edge's Read Aloud (engines/edge.py), unofficial."""

    endpoint: str | None = None  # default: edge-tts's own (wss://speech.platform.bing.com/...)
    ca_bundle: str | None = None  # a certificate authority to trust (an inspecting proxy's)
    concurrency: int = Field(default=5, ge=1, le=8)  # connections at once
    timeout: int = Field(default=20, ge=1)  # seconds to connect, and between messages
    retry_for: float = Field(default=60.0, ge=0)  # give up on a sentence after this long
    backoff: float = Field(default=0.5, gt=0)  # first retry delay; doubles, with jitter
    probe_timeout: float = Field(default=2.0, gt=0)

    @field_validator("endpoint")
    @classmethod
    def _websocket(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("ws://", "wss://")):
            raise ValueError("must be a ws:// or wss:// address")
        return value

    def located(self, root: Path) -> EdgeSettings:
        """The CA bundle's path made absolute from the show folder."""
        if self.ca_bundle is None:
            return self
        return self.model_copy(update={"ca_bundle": str(root / self.ca_bundle)})


class PiperSettings(_Strict):
    """A Piper neural voice the producer supplies (engines/piper.py); no model, no engine.

    Relative paths are from the show folder. Which speaker reads narration and quotes is a
    voice string in [voices] narrator/quote, like every engine's voices.
    """

    model: str | None = None  # e.g. "voices/sw_CD-lanfrica-medium.onnx"
    config: str | None = None  # default: the model's path + ".json", as Piper names them
    # None keeps the voice's own value from its .onnx.json; > 1 speaks slower.
    length_scale: float | None = Field(default=None, gt=0, le=4)
    noise_scale: float | None = Field(default=None, ge=0, le=2)  # variation of delivery
    noise_w_scale: float | None = Field(default=None, ge=0, le=2)  # variation of timing
    threads: int = Field(default=0, ge=0, le=64)  # onnxruntime threads; 0 = one per core

    def located(self, root: Path) -> PiperSettings:
        """The same settings with the model and config paths made absolute from `root`.

        >>> PiperSettings(model="voices/v.onnx").located(Path("/show")).config
        '/show/voices/v.onnx.json'
        """
        if self.model is None:
            return self
        model = root / self.model
        config = root / self.config if self.config else Path(f"{model}.json")
        return self.model_copy(update={"model": str(model), "config": str(config)})


class Profile(_Strict):
    """A rendition: its media format, loudness and encoding targets (validate/media.py checks
    them), and how listeners see it."""

    format: str = "mp3"  # a media format: mp3, aac (M4A), … (audiocast/media/)
    loudness: float = Field(default=-16.0, ge=-40.0, le=-5.0)
    # Below full scale: a file is verified as decoded to 16 bits, which clip at 0 dBFS.
    true_peak: float = Field(default=-1.0, ge=-10.0, le=-0.1)
    # None: the format's own default ("96k" for MP3); uncompressed formats have none.
    bitrate: str | None = Field(default=None, validate_default=True)
    channels: Literal[1, 2] = 1
    # None: the format's own first rate (44100 for MP3; Opus has only 48000).
    sample_rate: Literal[44100, 48000] = Field(default=None, validate_default=True)
    # Its name on the page and in podcast:alternateEnclosure ("Data kidogo"), whose spec
    # asks at most 32 characters: a podcast app shows it on a button.
    title: str | None = Field(default=None, min_length=1, max_length=32)
    # Whose feeds list it beside their own files: podcast apps', or radio partners'.
    audience: Literal["listeners", "radio"] = "listeners"

    @field_validator("format")
    @classmethod
    def _known_format(cls, name: str) -> str:
        from .media import FORMATS  # media reads these settings: imported late

        if name not in FORMATS:
            raise ValueError(f"{name!r} is not a media format ({', '.join(sorted(FORMATS))})")
        return name

    @field_validator("sample_rate", mode="before")
    @classmethod
    def _format_rate(cls, value: object, info: ValidationInfo) -> object:
        from .media import FORMATS

        media = FORMATS.get(info.data.get("format", ""))
        if value is None:
            return media.sample_rates[0] if media else 44100
        return value

    @field_validator("bitrate", "sample_rate")
    @classmethod
    def _format_takes_it(cls, value: str | int | None, info: ValidationInfo) -> str | int | None:
        from .media import FORMATS

        media = FORMATS.get(info.data.get("format", ""))
        if media is None:
            return value  # reported for the format
        if info.field_name == "sample_rate":
            if value not in media.sample_rates:
                rates = ", ".join(map(str, media.sample_rates))
                raise ValueError(f"{value} is not a rate {media.label} takes ({rates})")
            return value
        if value is None:
            return media.default_bitrate
        if value not in media.bitrates:
            takes = f"takes {', '.join(media.bitrates)}" if media.bitrates else "has none"
            raise ValueError(f"{value!r} is not a bitrate {media.label} {takes}")
        return value

    @property
    def encoding(self) -> Encoding:
        from .media import Encoding

        return Encoding(self.bitrate, self.channels, self.sample_rate)


def _default_profiles() -> dict[str, Profile]:
    return {
        "podcast": Profile(title="Podikasti"),
        # The small file for listeners who pay for data by the megabyte.
        # ffmpeg's AAC at 40k makes about 46 kbit/s of speech: under half the podcast MP3.
        "mobile": Profile(format="aac", bitrate="40k", title="Data kidogo"),
        # EBU R128 for broadcast; stereo because playout systems expect two channels.
        "radio": Profile(
            loudness=-23.0, bitrate="192k", channels=2, title="Redio", audience="radio"
        ),
        # Broadcast WAV for playout systems: 24-bit PCM at 48 kHz with its loudness in bext.
        "broadcast": Profile(
            format="wav",
            loudness=-23.0,
            channels=2,
            sample_rate=48000,
            title="Redio (WAV)",
            audience="radio",
        ),
    }


class MixSettings(_Strict):
    """Pauses and fades between segments, in milliseconds."""

    sting: bool = True  # the generated chime, when the show brings no intro of its own
    pause_after_sting: int = 250
    # The show's own audio files (paths relative to the show folder; any format ffmpeg reads).
    intro: str | None = None  # plays instead of the generated sting
    outro: str | None = None  # plays after the spoken outro
    bed: str | None = None  # music under the sting and the ident, ducked under the voice
    bed_level: float = -8.0  # dB applied to the bed file
    duck: float = -14.0  # dB more under speech
    bed_fade: int = 1500  # the bed fades out over this long after the ident
    pause_after_headline: int = 700
    pause_after_paragraph: int = 550
    pause_after_heading: int = 600
    pause_around_quote: int = 400
    # Between the narrator and the quote voice inside one paragraph: the listener hears a
    # change of voice, not the end of a paragraph.
    pause_voice_change: int = 150
    pause_after_intro: int = 500
    pause_between_sentences: int = 280
    fade: int = 15


class BuildSettings(_Strict):
    renditions: list[str] = Field(
        default_factory=lambda: ["podcast", "mobile", "radio", "broadcast"]
    )


class LimitSettings(_Strict):
    """Sizes past which a producer is told at once, before any speech is paid for."""

    article_bytes: int = Field(default=1_000_000, ge=1)  # a news story, not an archive
    episode_seconds: float = Field(default=3 * 3600, gt=0)  # 3 hours of speech
    # Speech rate used to estimate an episode's length from its text before synthesis.
    # espeak at 160 words a minute reads Swahili news at 12-13 characters a second (the
    # sample: 264 s measured, 219 s estimated); the faster figure errs towards building.
    chars_per_second: float = Field(default=15.0, gt=0)
    # How long to wait for another audiocast that is writing the same show.
    lock_timeout: float = Field(default=60.0, ge=0)


class SourceSettings(_Strict):
    """A newsroom feed or CMS that `audiocast ingest` turns into episodes (ingest/)."""

    url: str
    # None: detected from what the source answers (ingest/sources.py).
    kind: Literal["rss", "atom", "jsonfeed", "wordpress"] | None = None
    # Only items in any of these categories (compared without case); none: every item.
    categories: list[str] = Field(default_factory=list)
    # Only items whose title matches this regular expression (Python syntax, searched).
    title_pattern: str | None = None
    # The engines for this source's episodes, in order; None: the show's [voices] engine.
    engine: list[str] | None = Field(default=None, min_length=1)
    # None: as [ingest] auto_publish says; false: this source's stories wait as drafts.
    auto_publish: bool | None = None

    @field_validator("url")
    @classmethod
    def _http_source(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("title_pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"{value!r} is not a regular expression ({exc})") from None
        return value


class IngestSettings(_Strict):
    """How `audiocast ingest` fetches its sources: politely, and never forever."""

    timeout: float = Field(default=20.0, gt=0)  # seconds to connect, and between bytes
    max_bytes: int = Field(default=10_000_000, ge=1000)  # a feed larger than this is refused
    # Pages of a WordPress posts list read per pass (10 posts each unless the address asks
    # per_page): the newest stories, not the site's whole archive on the first pass.
    pages: int = Field(default=3, ge=1, le=100)
    # A source answering 429 or 5xx is asked again within the pass up to `tries` times in
    # all, after its Retry-After or 1 s, 2 s, 4 s…, when that wait is at most `retry_wait`
    # seconds; a longer one skips it this pass ("waiting"), as does a source whose passes keep
    # failing: after its second failure in a row it waits 1 min, then 2, 4… up to `backoff_max`.
    tries: int = Field(default=3, ge=1, le=10)
    retry_wait: float = Field(default=30.0, ge=0)
    backoff_max: float = Field(default=3600.0, ge=60)
    # Publish to `publish_to` (a folder or s3://BUCKET/PREFIX, as `audiocast publish` takes)
    # after each pass that changed the feeds; one that failed is tried again next pass.
    publish: bool = False
    publish_to: str | None = None
    # False: new stories are built as drafts, out of the feeds and pages until a producer
    # runs `audiocast approve SLUG` (drafts.py); a source's own auto_publish overrides it.
    auto_publish: bool = True
    # True: an episode whose story the source no longer lists goes back to being a draft
    # (its files kept); false: it is only reported.
    unpublish_removed: bool = False

    @model_validator(mode="after")
    def _publish_somewhere(self) -> IngestSettings:
        if self.publish and not self.publish_to:
            raise ValueError(
                "publish = true needs publish_to, the folder or s3://BUCKET/PREFIX to publish "
                'to, e.g. publish_to = "s3://habari-media/podcast"'
            )
        return self


class Settings(_Strict):
    show: ShowSettings = ShowSettings()
    voices: VoiceSettings = VoiceSettings()
    profiles: dict[str, Profile] = Field(default_factory=_default_profiles)
    mix: MixSettings = MixSettings()
    gtts: GttsSettings = GttsSettings()
    azure: AzureSettings = AzureSettings()
    edge: EdgeSettings = EdgeSettings()
    piper: PiperSettings = PiperSettings()
    build: BuildSettings = BuildSettings()
    limits: LimitSettings = LimitSettings()
    ingest: IngestSettings = IngestSettings()
    sources: list[SourceSettings] = Field(default_factory=list)

    @model_validator(mode="after")
    def _renditions_have_profiles(self) -> Settings:
        unknown = [name for name in self.build.renditions if name not in self.profiles]
        if unknown or "podcast" not in self.build.renditions:
            raise ValueError(
                f"build.renditions must include podcast and name only profiles "
                f"({', '.join(sorted(self.profiles))}); got {self.build.renditions}"
            )
        return self

    @field_validator("profiles", mode="before")
    @classmethod
    def _over_defaults(cls, value: object) -> object:
        """A partial [profiles.radio] changes only the keys it names, not the whole profile."""
        if not isinstance(value, dict):
            return value
        merged: dict[str, object] = dict(_default_profiles())
        for name, given in value.items():
            default = merged.get(name)
            if isinstance(given, dict) and isinstance(default, Profile):
                given = default.model_dump() | given
            merged[name] = given
        return merged


def load_settings(path: Path) -> Settings:
    """Read a show's audiocast.toml; a missing file means every default.

    >>> load_settings(Path("/nonexistent/audiocast.toml")).show.language
    'sw'
    """
    if not path.exists():
        return Settings()
    raw = read_input(path, SETTINGS_MAX_BYTES, ConfigError)
    if len(raw) > SETTINGS_MAX_BYTES:
        raise ConfigError(
            f"{path}: over {SETTINGS_MAX_BYTES // 1_000_000} MB, too large for show settings; "
            "is it the right file?"
        )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax") from None
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{path}: {where}: {message}") from None
