"""Show settings (audiocast.toml) and a new show folder (init)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from audiocast import config
from audiocast.config import Settings, load_settings
from audiocast.errors import ConfigError
from audiocast.init import init_show

REPO = Path(__file__).resolve().parent.parent
SHOW = REPO / "audiocast.toml"


def write_toml(folder: Path, text: str) -> Path:
    path = folder / "audiocast.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_the_designed_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "audiocast.toml")
    assert settings.show.language == "sw"
    podcast = settings.profiles["podcast"]
    assert (podcast.loudness, podcast.true_peak, podcast.bitrate) == (-16.0, -1.0, "96k")
    assert (podcast.channels, podcast.sample_rate) == (1, 44100)
    radio = settings.profiles["radio"]
    assert (radio.loudness, radio.true_peak, radio.bitrate) == (-23.0, -1.0, "192k")
    assert settings.voices.engine == ["gtts", "espeak"]
    # Quotes must sound like someone other than the narrator.
    assert settings.voices.quote["espeak"] != settings.voices.narrator["espeak"]


def test_sample_show_settings_load() -> None:
    settings = load_settings(SHOW)
    assert settings.show.title == "Habari kwa Sauti"
    assert settings.show.base_url == "https://example.org/habari"
    assert settings.show.ident == "Hii ni Habari kwa Sauti."
    assert settings.show.owner.email == "habari@example.org"
    assert settings.voices.quote["espeak"] == "sw+f3"
    assert settings.profiles["podcast"].bitrate == "96k"


def test_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[show]\ntitle = "Habari kwa Sauti\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_settings_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "audiocast.toml"
    path.write_bytes(b'[show]\ntitle = "Habari kwa Sauti \xe9"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "key_path"),
    [
        ('[show]\ntitel = "Habari"\n', "show.titel"),
        ("[profiles.podcast]\nloudnes = -16.0\n", "profiles.podcast.loudnes"),
        ('[voices]\nengines = ["espeak"]\n', "voices.engines"),
        ("[sauti]\nengine = 1\n", "sauti"),
    ],
)
def test_unknown_key_is_named_by_its_path(tmp_path: Path, text: str, key_path: str) -> None:
    path = write_toml(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert key_path in str(caught.value)


@pytest.mark.parametrize("url", ["example.org/habari", "ftp://example.org/habari", ""])
def test_base_url_must_be_http(tmp_path: Path, url: str) -> None:
    path = write_toml(tmp_path, f'[show]\nbase_url = "{url}"\n')
    with pytest.raises(ConfigError, match="base_url"):
        load_settings(path)


@pytest.mark.parametrize("language", ["en", "sw-UG", "swa", "SW"])
def test_only_swahili_languages_are_accepted(tmp_path: Path, language: str) -> None:
    path = write_toml(tmp_path, f'[show]\nlanguage = "{language}"\n')
    with pytest.raises(ConfigError, match="language"):
        load_settings(path)


@pytest.mark.parametrize("language", ["sw", "sw-TZ", "sw-KE"])
def test_swahili_language_codes_are_accepted(tmp_path: Path, language: str) -> None:
    path = write_toml(tmp_path, f'[show]\nlanguage = "{language}"\n')
    assert load_settings(path).show.language == language


def test_partial_podcast_override_keeps_the_other_defaults(tmp_path: Path) -> None:
    path = write_toml(tmp_path, "[profiles.podcast]\nloudness = -14.0\n")
    profiles = load_settings(path).profiles
    assert profiles["podcast"].loudness == -14.0
    assert profiles["podcast"].bitrate == "96k"
    assert profiles["radio"].loudness == -23.0
    assert profiles["radio"].bitrate == "192k"


def test_partial_radio_override_keeps_the_radio_loudness(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[profiles.radio]\nbitrate = "128k"\n')
    radio = load_settings(path).profiles["radio"]
    assert radio.bitrate == "128k"
    assert radio.loudness == -23.0


def test_the_show_time_zone_defaults_to_east_africa(tmp_path: Path) -> None:
    show = load_settings(tmp_path / "audiocast.toml").show
    assert show.timezone == "Africa/Nairobi"
    assert show.today() == datetime.now(ZoneInfo("Africa/Nairobi")).date()


def test_today_is_the_date_in_the_shows_time_zone(tmp_path: Path) -> None:
    # Kiritimati is 14 hours ahead of UTC: for ten hours a day its date is not Nairobi's.
    path = write_toml(tmp_path, '[show]\ntimezone = "Pacific/Kiritimati"\n')
    show = load_settings(path).show
    assert show.today() == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()


@pytest.mark.parametrize("zone", ["Africa/Narobi", "EAT+3", "../../etc/passwd", ""])
def test_an_unknown_time_zone_is_a_config_error(tmp_path: Path, zone: str) -> None:
    path = write_toml(tmp_path, f'[show]\ntimezone = "{zone}"\n')
    with pytest.raises(ConfigError, match=r"show\.timezone.*Africa/Nairobi") as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_without_tzdata_east_african_zones_are_utc_plus_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_database(name: str) -> ZoneInfo:
        raise ZoneInfoNotFoundError(name)

    monkeypatch.setattr(config, "ZoneInfo", no_database)
    zone = config.time_zone("Africa/Dar_es_Salaam")
    assert datetime(2024, 6, 18, tzinfo=zone).utcoffset() == timedelta(hours=3)
    with pytest.raises(ValueError, match="tzdata"):
        config.time_zone("Europe/Berlin")


def test_bad_value_names_the_key_path(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[profiles.podcast]\nbitrate = "95k"\n')
    with pytest.raises(ConfigError, match=r"profiles\.podcast\.bitrate"):
        load_settings(path)


def test_a_rendition_title_longer_than_a_button_is_refused(tmp_path: Path) -> None:
    # Podcast apps show it on a button: the alternate enclosure's spec asks 32 characters.
    long = "Faili ndogo kwa wasikilizaji wa simu"  # 36 characters
    path = write_toml(tmp_path, f'[profiles.mobile]\ntitle = "{long}"\n')
    with pytest.raises(ConfigError, match=r"profiles\.mobile\.title.*32 characters"):
        load_settings(path)
    fits = write_toml(tmp_path, '[profiles.mobile]\ntitle = "Faili ndogo ya simu"\n')
    assert load_settings(fits).profiles["mobile"].title == "Faili ndogo ya simu"


# init ----------------------------------------------------------------------------------------


def test_init_creates_a_show_that_loads(tmp_path: Path) -> None:
    folder = tmp_path / "habari"
    init_show(folder, "Sauti ya Pwani", "https://radio.co.tz/pwani")
    assert (folder / "audiocast.toml").is_file()
    assert (folder / "episodes").is_dir()
    assert (folder / "feeds").is_dir()
    assert (folder / ".gitignore").is_file()
    settings = load_settings(folder / "audiocast.toml")
    assert settings.show.language == "sw"
    # Every setting is the default but those given and the feed identity, pinned at creation
    # (Podcasting 2.0's podcast:guid: UUIDv5 in the Podcast Index namespace over the feed URL
    # without its scheme).
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    expected = str(uuid.uuid5(namespace, "radio.co.tz/pwani/feeds/podcast.xml"))
    assert settings.show.podcast_guid == expected
    default = Settings().show
    given = {"podcast_guid": None, "title": default.title, "base_url": default.base_url}
    same = settings.show.model_copy(update=given | {"ident": "", "outro": ""})
    assert settings.model_copy(update={"show": same}) == Settings(
        show=Settings().show.model_copy(update={"ident": "", "outro": ""})
    )


def test_init_gitignore_ignores_built_files_not_articles(tmp_path: Path) -> None:
    init_show(tmp_path)
    rules = [
        line.strip()
        for line in (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert any(rule.endswith("*.mp3") for rule in rules)
    assert any("episode.json" in rule for rule in rules)
    assert "episodes/*/index.html" in rules  # the episode's page: `audiocast feed` writes it
    assert any(rule.rstrip("/") == "feeds" for rule in rules)
    assert not any("article.yaml" in rule or rule.endswith("*.yaml") for rule in rules)


def test_init_refuses_to_overwrite_an_existing_show(tmp_path: Path) -> None:
    settings = write_toml(tmp_path, '[show]\ntitle = "Habari za Jioni"\n')
    with pytest.raises(ConfigError) as caught:
        init_show(tmp_path)
    assert "audiocast.toml" in str(caught.value)
    assert settings.read_text(encoding="utf-8") == '[show]\ntitle = "Habari za Jioni"\n'


def test_init_keeps_an_existing_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.wav\n", encoding="utf-8")
    init_show(tmp_path)
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.wav\n"
    assert (tmp_path / "audiocast.toml").is_file()
