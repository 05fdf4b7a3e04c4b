"""What ingest remembers between passes: a small SQLite database in the show (WAL mode).

Per source its validators (ETag, Last-Modified), stored only once every item of a full
answer was dealt with, so a pass killed half-way fetches everything again next time. Per item
its identity, the digest of its content, its episode's slug and the outcome (a story the
importer refused is not tried again until its content changes); `built` is the
digest of the content its episode was last built from. A row is written before the article
(reserving the slug) and marked built after the build: a pass killed in between redoes the
item, and the article write and the build are both harmless to repeat. A story a producer
rejected (drafts.py) is `rejected` with the digest it had: skipped until its content changes.
Each item also keeps its place in the source's last full read, so that a story the source no
longer lists can be told from one that only slid off the end of the feed.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

STATE_FILE = "ingest.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, pass INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    source TEXT NOT NULL, identity TEXT NOT NULL, digest TEXT NOT NULL, built TEXT,
    slug TEXT UNIQUE, outcome TEXT NOT NULL, error TEXT,
    first_seen REAL NOT NULL, last_seen REAL NOT NULL, pass INTEGER NOT NULL DEFAULT 0,
    position INTEGER,
    PRIMARY KEY (source, identity)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
# A source that failed: how many passes in a row, and no request before `until` (epoch s).
_WAITS = """
CREATE TABLE IF NOT EXISTS waits (
    url TEXT PRIMARY KEY, failures INTEGER NOT NULL, until REAL NOT NULL, reason TEXT
);
"""


@dataclass(frozen=True)
class ItemRow:
    identity: str
    digest: str
    built: str | None
    slug: str | None  # None: refused before it had an episode
    outcome: str


class State:
    """The ingest database of a show; each change is committed at once."""

    def __init__(self, path: Path) -> None:
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA + _WAITS)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(items)")}
            if "position" not in columns:  # a state written before positions were kept
                self.db.execute("ALTER TABLE items ADD COLUMN position INTEGER")
        except sqlite3.DatabaseError as exc:
            raise ConfigError(
                f"{path}: the ingest state cannot be read ({exc}); move it aside to start "
                "afresh (every story is then imported again, and built only if it changed)"
            ) from None

    def close(self) -> None:
        self.db.close()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute(
            "SELECT etag, last_modified FROM sources WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def next_pass(self, url: str) -> int:
        """The number of this full read of `url` (items seen in it carry it)."""
        self.db.execute("INSERT OR IGNORE INTO sources (url) VALUES (?)", (url,))
        self.db.execute("UPDATE sources SET pass = pass + 1 WHERE url = ?", (url,))
        return int(self.db.execute("SELECT pass FROM sources WHERE url = ?", (url,)).fetchone()[0])

    def read(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Every item of the answer with these validators is dealt with."""
        self.db.execute(
            "UPDATE sources SET etag = ?, last_modified = ? WHERE url = ?",
            (etag, last_modified, url),
        )

    def item(self, source: str, identity: str) -> ItemRow | None:
        row = self.db.execute(
            "SELECT identity, digest, built, slug, outcome FROM items "
            "WHERE source = ? AND identity = ?",
            (source, identity),
        ).fetchone()
        return ItemRow(*row) if row else None

    def seen(self, source: str, identity: str, number: int) -> None:
        self.db.execute(
            "UPDATE items SET last_seen = ?, pass = ? WHERE source = ? AND identity = ?",
            (time.time(), number, source, identity),
        )

    def slug_taken(self, slug: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM items WHERE slug = ?", (slug,)).fetchone())

    def importing(self, source: str, identity: str, digest: str, slug: str, number: int) -> None:
        """The item is being imported into episodes/<slug>/ (the slug is now reserved)."""
        now = time.time()
        self.db.execute(
            "INSERT INTO items (source, identity, digest, slug, outcome, first_seen, last_seen,"
            " pass) VALUES (?, ?, ?, ?, 'importing', ?, ?, ?) ON CONFLICT (source, identity) "
            "DO UPDATE SET digest = excluded.digest, slug = excluded.slug, outcome = 'importing', "
            "error = NULL, "
            "last_seen = excluded.last_seen, pass = excluded.pass",
            (source, identity, digest, slug, now, now, number),
        )

    def refused(self, source: str, identity: str, digest: str, error: str, number: int) -> None:
        """The importer refused this content (no story text …): not tried again until the
        source changes the item. An earlier episode of the item keeps its slug."""
        now = time.time()
        self.db.execute(
            "INSERT INTO items (source, identity, digest, outcome, error, first_seen, last_seen,"
            " pass) VALUES (?, ?, ?, 'refused', ?, ?, ?, ?) ON CONFLICT (source, identity) "
            "DO UPDATE SET digest = excluded.digest, outcome = 'refused', error = excluded.error,"
            " last_seen = excluded.last_seen, pass = excluded.pass",
            (source, identity, digest, error, now, now, number),
        )

    def outcome(self, source: str, identity: str, outcome: str, error: str | None = None) -> None:
        """`built` also records the digest the episode now stands for."""
        built = ", built = digest" if outcome == "built" else ""
        self.db.execute(
            f"UPDATE items SET outcome = ?, error = ?{built} WHERE source = ? AND identity = ?",
            (outcome, error, source, identity),
        )

    def gone(self, source: str, previous: int, current: int) -> tuple[list[ItemRow], int]:
        """Items the previous full read listed and this one does not: those the source
        removed (an item it listed after them is still listed), and how many only slid off
        the end of the feed as newer ones came. Call before `listed`."""
        if previous < 1:
            return [], 0
        missing = self.db.execute(
            "SELECT identity, digest, built, slug, outcome, position FROM items "
            "WHERE source = ? AND pass = ? AND pass != ? ORDER BY position",
            (source, previous, current),
        ).fetchall()
        if not missing:
            return [], 0
        # The still-listed items' positions are still those of the previous read.
        (last,) = self.db.execute(
            "SELECT max(position) FROM items WHERE source = ? AND pass = ?", (source, current)
        ).fetchone()
        removed = [
            ItemRow(*row[:5]) for row in missing if last is not None and row[5] is not None
            and row[5] < last
        ]  # fmt: skip
        return removed, len(missing) - len(removed)

    def listed(self, source: str, identities: list[str]) -> None:
        """The order of the items in this full read of `source` (those not in it have none)."""
        self.db.execute("UPDATE items SET position = NULL WHERE source = ?", (source,))
        self.db.executemany(
            "UPDATE items SET position = ? WHERE source = ? AND identity = ?",
            [(number, source, identity) for number, identity in enumerate(identities)],
        )

    def rejected(self, slug: str) -> bool:
        """A producer rejected the episode of `slug`: its story is skipped until its content
        changes, and then comes back as a new episode. False: no source's story has it."""
        cursor = self.db.execute(
            "UPDATE items SET outcome = 'rejected', built = NULL, error = NULL WHERE slug = ?",
            (slug,),
        )
        return cursor.rowcount > 0

    def flag(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def flagged(self, key: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM meta WHERE key = ?", (key,)).fetchone())

    def value(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def waiting(self, url: str, now: float) -> float | None:
        """Until when `url` is not to be asked (epoch seconds), if that is still to come."""
        row = self.db.execute("SELECT until FROM waits WHERE url = ?", (url,)).fetchone()
        return float(row[0]) if row and row[0] > now else None

    def failed(
        self, url: str, now: float, reason: str, *, retry_after: float | None, longest: float
    ) -> float:
        """The source failed this pass: until when it waits (epoch seconds). The first
        failure in a row costs nothing (the next pass asks again); then 1 min, 2, 4… up to
        `longest`, or the source's own Retry-After when later."""
        row = self.db.execute("SELECT failures FROM waits WHERE url = ?", (url,)).fetchone()
        failures = (int(row[0]) if row else 0) + 1
        pause = 0.0 if failures == 1 else min(longest, 60.0 * 2 ** (failures - 2))
        until = now + max(pause, retry_after or 0.0)
        self.db.execute(
            "INSERT OR REPLACE INTO waits (url, failures, until, reason) VALUES (?, ?, ?, ?)",
            (url, failures, until, reason),
        )
        return until

    def answered(self, url: str) -> None:
        """The source answered: its failures are forgotten."""
        self.db.execute("DELETE FROM waits WHERE url = ?", (url,))
