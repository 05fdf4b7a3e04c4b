"""audiocast: Swahili news articles to mastered podcast episodes and feeds.

>>> from pathlib import Path
>>> from audiocast import Settings, build_script, parse_article
>>> article = parse_article({"title": "Habari", "date": "2024-06-18", "author": "Mwandishi",
...     "summary": "Muhtasari.", "body": [{"paragraph": "Aya ya kwanza."}]})
>>> [s.role.value for s in build_script(article, Settings())][:3]
['intro', 'headline', 'byline']
"""

from .article import Article, load_article, parse_article
from .batch import BatchResult, build_many
from .build import BuildResult, build_episode
from .config import Profile, Settings, load_settings
from .episode import EpisodeRecord, list_records, read_record
from .errors import (
    ArticleError,
    AudiocastError,
    AudioError,
    ConfigError,
    EngineError,
    EpisodeError,
    FeedError,
    LockError,
)
from .feed import build_feed
from .importer import ImportResult, import_article, to_yaml
from .lock import show_lock
from .master import Rendition, Tags, master
from .mix import Program, mix
from .script import Role, Script, Segment, build_script, render_script
from .show import Show
from .site import write_feeds
from .swahili import Lexicon, load_lexicon, normalize
from .synthesize import synthesize
from .validate import Problem, validate_show

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleError",
    "AudioError",
    "AudiocastError",
    "BatchResult",
    "BuildResult",
    "ConfigError",
    "EngineError",
    "EpisodeError",
    "EpisodeRecord",
    "FeedError",
    "ImportResult",
    "Lexicon",
    "LockError",
    "Problem",
    "Profile",
    "Program",
    "Rendition",
    "Role",
    "Script",
    "Segment",
    "Settings",
    "Show",
    "Tags",
    "__version__",
    "build_episode",
    "build_feed",
    "build_many",
    "build_script",
    "import_article",
    "list_records",
    "load_article",
    "load_lexicon",
    "load_settings",
    "master",
    "mix",
    "normalize",
    "parse_article",
    "read_record",
    "render_script",
    "show_lock",
    "synthesize",
    "to_yaml",
    "validate_show",
    "write_feeds",
]
