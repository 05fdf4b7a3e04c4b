"""audiocast: Swahili news articles to mastered podcast episodes and feeds.

>>> from pathlib import Path
>>> from audiocast import Settings, build_script, parse_article
>>> article = parse_article({"title": "Habari", "date": "2024-06-18", "author": "Mwandishi",
...     "summary": "Muhtasari.", "body": [{"paragraph": "Aya ya kwanza."}]})
>>> [s.role.value for s in build_script(article, Settings())][:3]
['intro', 'headline', 'byline']
"""

import importlib
from typing import TYPE_CHECKING, Any

# Each public name and the module that defines it, imported on first use: `audiocast --help`
# and `import audiocast` load none of the pipeline (numpy, pydantic, mutagen, the engines).
_WHERE = {
    "Article": "article",
    "ArticleError": "errors",
    "AudioError": "errors",
    "AudiocastError": "errors",
    "BatchResult": "batch",
    "BuildResult": "build",
    "ConfigError": "errors",
    "EngineError": "errors",
    "EpisodeError": "errors",
    "EpisodeRecord": "episode",
    "FeedError": "errors",
    "ImportResult": "importer",
    "Lexicon": "swahili",
    "LockError": "errors",
    "Problem": "validate",
    "Profile": "config",
    "Program": "mix",
    "Rendition": "master",
    "Role": "script",
    "Script": "script",
    "Segment": "script",
    "Settings": "config",
    "Show": "show",
    "Tags": "media",
    "build_episode": "build",
    "build_feed": "feed",
    "build_many": "batch",
    "build_script": "script",
    "import_article": "importer",
    "list_records": "episode",
    "load_article": "article",
    "load_lexicon": "swahili",
    "load_settings": "config",
    "master": "master",
    "mix": "mix",
    "normalize": "swahili",
    "parse_article": "article",
    "read_record": "episode",
    "render_script": "script",
    "show_lock": "lock",
    "synthesize": "synthesize",
    "to_yaml": "importer",
    "validate_show": "validate",
    "write_feeds": "site",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'audiocast' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
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
    from .master import Rendition, master
    from .media import Tags
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
