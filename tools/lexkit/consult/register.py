"""The consultation register: every file received and every row read from it, in SQLite.

One register per dossier, under ``consultation_data/<dossier>/register.sqlite`` (never
committed: it holds personal data). The schema is versioned in ``meta``; foreign keys are
on; each file is stored in one transaction, so an interrupted ingest leaves the register
as it was before that file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lexkit.consult.fields import FIELDS

SCHEMA_VERSION = 3

# One row per comment accepted. "raw" keeps every cell exactly as sent (JSON); the other
# columns are the normalised form used for matching, grouping and the report. A wide file
# gives one comment per answered question of a row, hence the place is (file, sheet, row,
# question).
_COMMENTS_TABLE = """
CREATE TABLE {name} (
    id               INTEGER PRIMARY KEY,
    file_id          INTEGER NOT NULL REFERENCES files (id),
    sheet            TEXT NOT NULL,
    row              INTEGER NOT NULL,
    organisation     TEXT,
    stakeholder_type TEXT NOT NULL,
    contact_name     TEXT,
    email            TEXT,
    phone            TEXT,
    consent          INTEGER NOT NULL CHECK (consent IN (0, 1)),
    document         TEXT NOT NULL,
    provision_raw    TEXT NOT NULL,
    provision        TEXT,
    position         TEXT NOT NULL,
    comment          TEXT,
    proposed_wording TEXT,
    rationale        TEXT,
    submitted_on     TEXT,
    campaign         TEXT,
    raw              TEXT NOT NULL,
    fingerprint      TEXT,  -- what campaigns are grouped by (NULL until computed)
    question         TEXT,  -- a wide file's question this answer was given to
    flags            TEXT   -- one line per value kept as sent but not understood
);
"""
_COMMENTS_INDEXES = """
CREATE UNIQUE INDEX comments_place ON comments (file_id, sheet, row, coalesce(question, ''));
CREATE INDEX comments_campaign ON comments (campaign);
"""

# The closed answers of a wide file (scales, yes/no, choices): kept with the respondent's
# row and tallied in the report, never turned into comments.
_ANSWERS = """
CREATE TABLE answers (
    id       INTEGER PRIMARY KEY,
    file_id  INTEGER NOT NULL REFERENCES files (id),
    sheet    TEXT NOT NULL,
    row      INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer   TEXT NOT NULL
);
CREATE INDEX answers_question ON answers (question);
"""

# Campaigns (lexkit.consult.campaigns), kept so that a file joining the register is grouped
# without folding the others again: per file grouped, the lines and leading prefix most of
# its texts share, set aside before comparing (JSON; NULL when nothing is shared); each text
# of a group of near-identical texts, by fingerprint, with the group's leader (its earliest
# text) and the text's first comment; the keys that find near-identical texts, as sorted
# 64-bit entries (key, first comment with the text) split into shards by key.
_CAMPAIGNS = """
CREATE TABLE campaign_files (
    file_id   INTEGER PRIMARY KEY REFERENCES files (id),
    set_aside TEXT
);
CREATE TABLE campaign_links (
    fingerprint TEXT PRIMARY KEY,
    leader      TEXT NOT NULL,
    first       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE campaign_keys (
    shard   INTEGER PRIMARY KEY,
    entries BLOB NOT NULL
);
"""

_SCHEMA_2_COLUMNS = (
    "id, file_id, sheet, row, organisation, stakeholder_type, contact_name, email, phone, "
    "consent, document, provision_raw, provision, position, comment, proposed_wording, "
    "rationale, submitted_on, campaign, raw, fingerprint"
)

# What each version adds to the one before, applied in order to an older register.
_UPGRADES = {
    # 2: each comment keeps the fingerprint of its text, so an ingest folds only new texts
    2: "ALTER TABLE comments ADD COLUMN fingerprint TEXT;",
    # 3: wide files (the question an answer was given to, the closed answers of each
    # respondent), values kept and flagged instead of rows rejected, the profile a file
    # was read with. SQLite cannot change a table's UNIQUE constraint: the comments table
    # is copied into the new one.
    # (SQLite's own recipe: new table, copy, drop the old, rename; the decisions' foreign
    # key keeps naming "comments").
    3: (
        _COMMENTS_TABLE.format(name="comments_3") + f"INSERT INTO comments_3 ({_SCHEMA_2_COLUMNS}) "
        f"SELECT {_SCHEMA_2_COLUMNS} FROM comments; DROP TABLE comments;"
        "ALTER TABLE comments_3 RENAME TO comments;"
        + _COMMENTS_INDEXES
        + "ALTER TABLE files ADD COLUMN profile TEXT;"
        + _ANSWERS
        + _CAMPAIGNS
    ),
}

_SCHEMA = (
    """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE files (
    id        INTEGER PRIMARY KEY,
    sha256    TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    size      INTEGER NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('read', 'unreadable')),
    reason    TEXT,
    rows_read INTEGER NOT NULL DEFAULT 0,
    accepted  INTEGER NOT NULL DEFAULT 0,
    rejected  INTEGER NOT NULL DEFAULT 0,
    profile   TEXT  -- the built-in profile or saved mapping the file was read with
);
"""
    + _COMMENTS_TABLE.format(name="comments")
    + _COMMENTS_INDEXES
    + _ANSWERS
    + _CAMPAIGNS
    + """
CREATE TABLE rejections (
    id      INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id),
    sheet   TEXT NOT NULL,
    row     INTEGER NOT NULL,
    reason  TEXT NOT NULL,
    raw     TEXT NOT NULL
);
CREATE TABLE decisions (
    comment_id INTEGER PRIMARY KEY REFERENCES comments (id),
    decision   TEXT NOT NULL
               CHECK (decision IN ('accepted', 'partially-accepted', 'not-accepted', 'noted')),
    argument   TEXT
);
"""
)


# The normalised values of a comment: its feedback fields (DESIGN.md, "Feedback fields"),
# the provision matched in the draft ("provision") and, beside it, the provision as written.
# A wide file's answer also keeps its question, and every comment the flags of the values
# that were kept as sent but not understood.
COMMENT_COLUMNS: tuple[str, ...] = (*FIELDS, "provision_raw", "question", "flags")
# Each is stored in the column of its name, but for this one.
_STORED_AS = {"consent_to_publish": "consent"}
_INSERTED = (
    "file_id",
    "sheet",
    "row",
    *(_STORED_AS.get(c, c) for c in COMMENT_COLUMNS),
    "raw",
    "fingerprint",
)
INSERT_COMMENT = (
    f"INSERT INTO comments ({', '.join(_INSERTED)}) VALUES ({', '.join('?' * len(_INSERTED))})"
)
"""One comment: its file id, sheet and row, the values of :data:`COMMENT_COLUMNS`, the
row as sent (JSON) and the fingerprint of its text."""


class RegisterError(Exception):
    """The register file cannot be used (newer schema, damaged database)."""


@dataclass(frozen=True)
class Counts:
    files: int
    unreadable: int
    rows_read: int
    accepted: int
    rejected: int
    campaigns: int
    decided: int
    comments: int = 0
    anonymous: int = 0
    flagged: int = 0
    answers: int = 0
    unreadable_files: tuple[tuple[str, str], ...] = ()  # (file name, reason)
    flags: tuple[tuple[str, int], ...] = ()  # (kind of flag, comments), most frequent first
    rejections: tuple[tuple[str, int], ...] = ()  # (reason, rows), most frequent first


def register_path(root: Path, dossier: str) -> Path:
    return root / "consultation_data" / dossier / "register.sqlite"


class Register:
    """An open register. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
        self.db.row_factory = sqlite3.Row
        problems = self.db.execute("PRAGMA foreign_key_check").fetchall()
        self.db.execute("PRAGMA foreign_keys = ON")
        if problems:
            raise RegisterError(f"{self.path}: damaged, {len(problems)} broken references")
        # Write-ahead log: each transaction is still all or nothing after a crash, without
        # waiting for the disk at every file's commit (1,000 files: 5 s -> 3.9 s).
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        has_meta = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not has_meta:
            # One script, one transaction: a half-created register is never left behind.
            self.db.executescript(
                f"BEGIN; {_SCHEMA} INSERT INTO meta (key, value) "
                f"VALUES ('schema_version', '{SCHEMA_VERSION}'); COMMIT;"
            )
            return
        version = int(
            self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        )
        if version > SCHEMA_VERSION:
            raise RegisterError(
                f"{self.path} was written by a newer lexkit (schema {version}); upgrade lexkit"
            )
        if version == SCHEMA_VERSION:
            return
        # Foreign keys are off while tables are copied (they cannot change inside a
        # transaction); each step runs in one transaction with its version number.
        self.db.execute("PRAGMA foreign_keys = OFF")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            self.db.executescript(
                f"BEGIN; {_UPGRADES[target]} UPDATE meta SET value = '{target}' "
                "WHERE key = 'schema_version'; COMMIT;"
            )
        problems = self.db.execute("PRAGMA foreign_key_check").fetchall()
        self.db.execute("PRAGMA foreign_keys = ON")
        if problems:
            raise RegisterError(f"{self.path}: damaged, {len(problems)} broken references")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a failure (or an interruption) rolls the whole block back."""
        self.db.execute("BEGIN")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def file_with_hash(self, sha256: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM files WHERE sha256 = ?", (sha256,)).fetchone()

    def counts(self) -> Counts:
        one = self.db.execute(
            "SELECT count(*), coalesce(sum(status = 'unreadable'), 0), "
            "coalesce(sum(rows_read), 0), coalesce(sum(accepted), 0), "
            "coalesce(sum(rejected), 0) FROM files"
        ).fetchone()
        campaigns = self.db.execute(
            "SELECT count(*) FROM (SELECT campaign FROM comments WHERE campaign IS NOT NULL "
            "GROUP BY campaign)"
        ).fetchone()[0]
        decided = self.db.execute("SELECT count(*) FROM decisions").fetchone()[0]
        comments = self.db.execute(
            "SELECT count(*), coalesce(sum(organisation IS NULL AND contact_name IS NULL), 0), "
            "count(flags) FROM comments"
        ).fetchone()
        answers = self.db.execute("SELECT count(*) FROM answers").fetchone()[0]
        unreadable = self.db.execute(
            "SELECT name, reason FROM files WHERE status = 'unreadable' ORDER BY name, id"
        ).fetchall()
        return Counts(
            one[0], one[1], one[2], one[3], one[4], campaigns, decided,
            comments[0], comments[1], comments[2], answers,
            tuple((name, reason or "") for name, reason in unreadable),
            self._flag_kinds(),
            tuple(
                (reason, count)
                for reason, count in self.db.execute(
                    "SELECT reason, count(*) AS n FROM rejections GROUP BY reason "
                    "ORDER BY n DESC, reason"
                )
            ),
        )  # fmt: skip

    def _flag_kinds(self) -> tuple[tuple[str, int], ...]:
        """How many comments carry each kind of flag ("position", "date", ...)."""
        kinds: dict[str, int] = {}
        for (flags,) in self.db.execute("SELECT flags FROM comments WHERE flags IS NOT NULL"):
            for kind in {line.split(":", 1)[0] for line in flags.split("\n") if line}:
                kinds[kind] = kinds.get(kind, 0) + 1
        return tuple(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))
