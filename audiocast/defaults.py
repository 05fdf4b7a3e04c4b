"""Names and defaults the command line shows before any part of the pipeline is loaded."""

SETTINGS_FILE = "audiocast.toml"  # a show's settings: the folder holding it is the show
LEXICON_FILE = "lexicon.yaml"  # the producer's respellings, beside the settings
# `audiocast serve` listens here: this machine only, unless the producer says otherwise.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
