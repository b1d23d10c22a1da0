"""Campaigns: the same comment sent by several respondents, found at any size.

A comment's text (its comment, or its proposed wording when there is no comment) is folded
(case, accents, punctuation and spacing) and stripped of what most texts of its file share:
a subject line that an export puts before every text, a salutation, a closing formula.
What is left, the *core*, gives the comment's fingerprint. Comments with the same
fingerprint, or with cores at least 90 % alike, sent by at least :data:`CAMPAIGN_MINIMUM`
respondents, form one campaign.

Near-identical cores are found without comparing every pair: each core gets a few keys
(sums of word-pair hashes taken at fixed points of the hash order, a MinHash-like sketch,
and for short cores the core less one word), and only cores sharing a key are compared.
The register keeps what is needed to add a file without going over the others again: what
each file's texts share (``campaign_files``), the keys (``campaign_keys``) and which texts
were found near-identical to an earlier one (``campaign_links``).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, and_, getitem, mul, not_, or_, rshift, sub, xor

from rapidfuzz import fuzz

from lexkit.consult.register import Register, RegisterError
from lexkit.runtime import no_cyclic_gc

CAMPAIGN_MINIMUM = 3  # respondents sending the same text before it counts as a campaign
NEAR_IDENTICAL = 0.9  # similarity (rapidfuzz ratio) at which two cores are the same message
_CAMPAIGN_CHARACTERS = 20  # a shorter core ("De acord.") is too common to be a campaign
_SIGNATURE_CHARACTERS = 500  # a core is compared on its first 500 folded characters

# Shared parts of a file. Under 5 different texts, "most texts" is too few to tell a
# heading from a message; a shared prefix shorter than 40 characters is a common opening
# ("Propunem modificarea articolului"), not a heading.
_SHARING_TEXTS = 5
_PREFIX_CHARACTERS = 40
_PREFIX_TRIES = 8  # shorter shared prefixes tried when the longest one is a campaign's text

# ---------------------------------------------------------------- folding

_ASCII_DROP = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c).isspace())) + b"_"
# Upper case to lower; the line breaks of str.splitlines() to "\n", other spaces to " ".
_ASCII_FOLD = bytes.maketrans(
    bytes(range(65, 91)) + b"\r\x0b\x0c\x1c\x1d\x1e\t\x1f",
    bytes(range(97, 123)) + b"\n\n\n\n\n\n  ",
)
# After NFKD, a text whose characters beyond ASCII are all accents or punctuation is folded
# in bytes; any other (Cyrillic, Greek, a no-break space) takes the general, slower way.
_DROPPED_BEYOND_ASCII = re.compile(
    "[^\x00-\x7f"
    "\u0300-\u036f"  # accents split off by NFKD
    "\u00a1-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf"  # Latin-1 punctuation
    "\u2010-\u2027\u2030-\u205e"  # dashes, quotes, ellipsis
    "\u20a0-\u20cf]"  # currency signs
)
_NOT_LETTERS = re.compile(r"[^\w\s]|_")


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, folded: lower case, without accents or punctuation, one
    space between words."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        if _DROPPED_BEYOND_ASCII.search(decomposed):
            folded = _NOT_LETTERS.sub("", unicodedata.normalize("NFKD", text.casefold()))
            return [" ".join(words) for line in folded.splitlines() if (words := line.split())]
        data = decomposed.encode("ascii", "ignore")  # the accents and punctuation dropped
    else:
        data = text.encode()
    # In bytes: splitting every text into words and joining them took a quarter of the time.
    data = data.translate(_ASCII_FOLD, _ASCII_DROP)
    while b"  " in data:
        data = data.replace(b"  ", b" ")
    return [line for part in data.decode().split("\n") if (line := part.strip(" "))]


# ---------------------------------------------------------------- what a file's texts share


@dataclass(frozen=True)
class _SetAside:
    """What the texts of one file share and campaigns leave out: whole (folded) lines, and
    a prefix that the rest of their first line starts with."""

    lines: frozenset[str] = frozenset()
    prefix: str = ""

    def to_json(self) -> str | None:
        if not self.lines and not self.prefix:
            return None
        return json.dumps({"lines": sorted(self.lines), "prefix": self.prefix}, ensure_ascii=False)

    @staticmethod
    def from_json(text: str | None) -> _SetAside:
        if not text:
            return _NOTHING
        data = json.loads(text)
        return _SetAside(frozenset(data["lines"]), data["prefix"])


_NOTHING = _SetAside()


def _set_aside(texts: Iterable[Sequence[str]]) -> _SetAside:
    """The lines, and the leading prefix, that more than half of a file's different texts
    share: a subject line, a salutation, a closing formula.

    Different texts are counted, so a campaign repeated by many respondents counts once and
    is not taken for a heading. A shared part is kept after all when most texts carrying it
    would be left with too little to be a message (the part is then the message: a campaign
    that respondents signed, each with a name).
    """
    # Built-in functions mapped over the texts: a file may hold 100,000 of them.
    different = set(map(tuple, texts))
    different.discard(())
    if len(different) < _SHARING_TEXTS:
        return _NOTHING
    distinct = list(different)
    majority = len(distinct) / 2
    counts = Counter(chain.from_iterable(map(set, distinct)))
    shared = sorted(
        (line for line, n in counts.items() if n > majority), key=lambda s: (-counts[s], s)
    )
    # The most common first: a subject line on every text goes before a campaign on most.
    lines: set[str] = set()
    for line in shared:
        carriers = [text for text in distinct if line in text]
        left = [_joined(text, lines | {line}) for text in carriers]
        if _mostly_long(len(rest) for rest in left):
            lines.add(line)
    cores = [_joined(text, lines) for text in distinct] if lines else list(map(" ".join, distinct))
    return _SetAside(frozenset(lines), _shared_prefix(cores))


def _joined(lines: Sequence[str], left_out: set[str] | frozenset[str]) -> str:
    return " ".join(line for line in lines if line not in left_out)


def _mostly_long(lengths: Iterable[int]) -> bool:
    """More than half of the texts keep enough characters to be a campaign's."""
    long = total = 0
    for length in lengths:
        total += 1
        long += length >= _CAMPAIGN_CHARACTERS
    return long > total / 2


def _shared_prefix(cores: Sequence[str]) -> str:
    """The longest prefix (whole words, 40 characters or more) that more than half of the
    ``cores`` start with and after which most of them still say something."""
    majority = len(cores) / 2
    heads: Counter[str] = Counter(map(getitem, cores, repeat(slice(_PREFIX_CHARACTERS))))
    head, count = heads.most_common(1)[0]
    if count <= majority or len(head) < _PREFIX_CHARACTERS:
        return ""  # most texts do not even start alike: no need to sort them
    starting = sorted(core for core in cores if core.startswith(head))
    # The texts sharing a prefix are a run of the sorted ones longer than half of them all:
    # it holds the middle one, so the prefix is one of the middle text's.
    middle = starting[len(starting) // 2]
    ends = [i for i, c in enumerate(middle) if c == " " and i >= _PREFIX_CHARACTERS]
    ends.append(len(middle))

    def carriers(end: int) -> tuple[int, int]:
        # The prefix itself, then the texts going on after it with a space: "!" follows " ".
        prefix = middle[:end]
        return bisect_left(starting, prefix), bisect_left(starting, prefix + "!")

    # The carriers only grow as the prefix shortens: the longest with a majority, by halves.
    low, high = 0, len(ends)
    while low < high:
        mid = (low + high) // 2
        first, last = carriers(ends[mid])
        if last - first > majority:
            low = mid + 1
        else:
            high = mid
    tried = 0
    seen = -1
    for end in reversed(ends[:low]):
        first, last = carriers(end)
        if last - first == seen:
            continue  # the same texts as a longer prefix that was a campaign's text
        seen = last - first
        if _mostly_long(len(core) - end - 1 for core in starting[first:last]):
            return middle[:end]
        tried += 1
        if tried == _PREFIX_TRIES:
            break
    return ""


def _core(lines: Sequence[str], aside: _SetAside) -> str:
    """The folded text campaigns compare: the lines less what the file shares."""
    core = _joined(lines, aside.lines) if aside.lines else " ".join(lines)
    prefix = aside.prefix
    if (
        prefix
        and core.startswith(prefix)
        and (len(core) == len(prefix) or core[len(prefix)] == " ")
    ):
        core = core[len(prefix) + 1 :]
    return core[:_SIGNATURE_CHARACTERS]


def _fingerprint(core: str) -> str:
    """The digest of a core; "" for a core too short to be a campaign's."""
    if len(core) < _CAMPAIGN_CHARACTERS:
        return ""
    return hashlib.sha256(core.encode()).hexdigest()[:16]


def file_fingerprints(texts: Sequence[str]) -> list[str]:
    """The fingerprint of each text of one file (all its comments' texts, in order): the
    digest of its folded core, what is left once the lines and the leading prefix shared by
    most texts of the file are set aside; "" when the core is too short to be a campaign's."""
    folded = [_lines(text) for text in texts]
    aside = _set_aside(folded)
    return [_fingerprint(_core(lines, aside)) for lines in folded]


# ---------------------------------------------------------------- keys of near-identical cores

# A core's features are its word pairs (the sum of two 29-bit word hashes). A key is the sum
# of the 3 features that follow one of 10 fixed points in hash order: near-identical cores
# share most features, so most of their keys, while unrelated cores share a key only if
# they share all its features. A core of 3 to 16 words also gets the sum of its words, less
# each word in turn: in a short text a word changed or added is a large share of it.
_WINDOW = 3
_WINDOWS = 10
_STARTS = tuple((j << 30) // _WINDOWS for j in range(_WINDOWS))
_SHORT_WORDS = 16
# An entry of the register's key index: the key (under 2**36), then the first comment with
# that core; shards by the top 12 bits, so adding a file rewrites only the shards it touches.
_KEY_MASK = (1 << 36) - 1
_SPREAD = 0x9E3779B97F4A7C15 & _KEY_MASK | 1
_ID_BITS = 27
_ID_MASK = (1 << _ID_BITS) - 1
_SHARD_SHIFT = _ID_BITS + 24
_BUCKET_CLUSTERS = 8  # groups met through one key, past which the key is a common phrase
_TRIES = 3  # cores of one group tried before a core is taken for a different message
_CUTOFF = NEAR_IDENTICAL * 100


class _WordHashes(dict[str, int]):
    """Each word's CRC-32, worked out once (stable from one run to the next), in 29 bits: the
    sum of two stays a one-digit Python int, which sorts and adds faster."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode()) >> 3
        return value


def _keys(core: str, hashes: _WordHashes) -> set[int]:
    # Built-in functions mapped over the words: this runs for every text of the register.
    words = core.split()
    values = list(map(hashes.__getitem__, words))
    features = sorted(set(map(add, values, islice(values, 1, None))))
    keys: set[int] = set()
    if len(features) >= _WINDOW:
        sums = list(accumulate(features + features[:_WINDOW], initial=0))
        starts = set(map(bisect_left, repeat(features), _STARTS))
        ends = map(add, starts, repeat(_WINDOW))
        keys.update(map(sub, map(sums.__getitem__, ends), map(sums.__getitem__, starts)))
    if 3 <= len(words) <= _SHORT_WORDS:
        total = sum(values)
        keys.add(total)
        keys.update(map(sub, repeat(total), values))
    return keys


def _alike(a: str, b: str) -> bool:
    return fuzz.ratio(a, b, score_cutoff=_CUTOFF) >= _CUTOFF


# ---------------------------------------------------------------- the register

_Link = tuple[str, int]  # a text's group in campaign_links: its leader, its own first comment
_TEXT = "coalesce(nullif(comment, ''), proposed_wording, '')"  # the comment, else the wording


@dataclass
class _New:
    """What grouping read in the files not grouped before."""

    fingerprints: dict[int, str] = field(default_factory=dict)  # comment id -> fingerprint
    changed: list[tuple[str, int]] = field(default_factory=list)  # (fingerprint, id) to store
    files: list[tuple[int, str | None]] = field(default_factory=list)  # (file, set aside)
    asides: dict[int, _SetAside] = field(default_factory=dict)
    texts: dict[str, int] = field(default_factory=dict)  # fingerprint -> its first comment
    entries: array[int] = field(default_factory=lambda: array("q"))  # the texts' keys


def group_campaigns(register: Register) -> None:
    """Tag every comment's ``campaign``: the leading fingerprint's first 12 characters when
    its text, or a near-identical one, was sent by :data:`CAMPAIGN_MINIMUM` respondents or
    more; None otherwise.

    Only the files not grouped before are read and folded (all of them in a register never
    grouped, whose missing fingerprints are computed); their new cores are compared with the
    cores sharing a key with them, old and new; the groups they join are tagged again.
    """
    # The cyclic collector would rescan the folded texts of a big file again and again (1 s
    # of 7.5 at 100,000 comments); they hold no cycles, reference counting frees them.
    with no_cyclic_gc():
        _group(register)


def _group(register: Register) -> None:
    read = register.db.cursor()
    read.row_factory = None  # plain tuples: a sqlite3.Row per comment costs a third more
    files = [
        file_id
        for (file_id,) in read.execute(
            "SELECT id FROM files WHERE id NOT IN (SELECT file_id FROM campaign_files) ORDER BY id"
        )
    ]
    if not files:
        return
    everything = read.execute("SELECT count(*) FROM campaign_files").fetchone()[0] == 0
    links: dict[str, _Link] = {
        fingerprint: (leader, first)
        for fingerprint, leader, first in read.execute(
            "SELECT fingerprint, leader, first FROM campaign_links"
        )
    }
    new = _read_new_files(read, files)
    buckets, shards = _buckets(read, new.entries, set(new.texts.values()))
    moved, repeated = _near_identical(read, buckets, new, links)
    if repeated:  # texts an earlier file had: their keys are there already
        for index, (shard, entries) in enumerate(shards):
            shards[index] = (shard, [e for e in entries if e & _ID_MASK not in repeated])
    changes = _tags(read, new, links, None if everything else _touched(new, links))
    with register.transaction() as write:
        write.executemany("UPDATE comments SET fingerprint = ? WHERE id = ?", new.changed)
        write.executemany(
            "INSERT INTO campaign_files (file_id, set_aside) VALUES (?, ?)", new.files
        )
        write.executemany(
            "INSERT OR REPLACE INTO campaign_links (fingerprint, leader, first) VALUES (?, ?, ?)",
            [(fingerprint, *links[fingerprint]) for fingerprint in sorted(moved)],
        )
        write.executemany(
            "INSERT OR REPLACE INTO campaign_keys (shard, entries) VALUES (?, ?)",
            [(shard, array("q", entries).tobytes()) for shard, entries in shards],
        )
        write.executemany("UPDATE comments SET campaign = ? WHERE id = ?", changes)


def _read_new_files(read: sqlite3.Cursor, files: list[int]) -> _New:
    """Fold the texts of the files not grouped before, one file at a time (a file's texts are
    held once, folded), and key each core once."""
    new = _New()
    hashes = _WordHashes()
    for file_id in files:
        rows = sorted(
            (comment_id, stored, _lines(text))
            for comment_id, stored, text in read.execute(
                f"SELECT id, fingerprint, {_TEXT} FROM comments WHERE file_id = ?",
                (file_id,),
            )
        )
        aside = _set_aside(lines for _, _, lines in rows)
        new.files.append((file_id, aside.to_json()))
        new.asides[file_id] = aside
        for comment_id, stored, lines in rows:
            core = _core(lines, aside)
            fingerprint = _fingerprint(core)
            new.fingerprints[comment_id] = fingerprint
            if fingerprint != stored:
                new.changed.append((fingerprint, comment_id))
            if fingerprint and fingerprint not in new.texts:
                if comment_id > _ID_MASK:
                    raise RegisterError(f"comment {comment_id}: too many comments to group")
                new.texts[fingerprint] = comment_id
                # Sums crowd the middle of their range: an odd multiplier (mod 2**36) spreads
                # them over the shards. Then the comment, in the low bits.
                keys = map(mul, _keys(core, hashes), repeat(_SPREAD << _ID_BITS))
                keys = map(and_, keys, repeat(_KEY_MASK << _ID_BITS))
                new.entries.extend(map(or_, keys, repeat(comment_id)))
        del rows
    return new


def _buckets(
    read: sqlite3.Cursor, entries: array[int], is_new: set[int]
) -> tuple[list[list[int]], list[tuple[int, list[int]]]]:
    """The texts (first comments) sharing a key with a new text, each list in order; and each
    shard the new entries fall in, whole (its stored entries with the new ones), sorted."""
    ordered = sorted(entries)
    del entries[:]
    spans: list[tuple[int, int, int]] = []  # shard, and where its new entries start and end
    start = 0
    while start < len(ordered):
        shard = ordered[start] >> _SHARD_SHIFT
        end = bisect_left(ordered, (shard + 1) << _SHARD_SHIFT, start)
        spans.append((shard, start, end))
        start = end
    stored: dict[int, bytes] = {}
    for begin in range(0, len(spans), 500):
        chunk = [shard for shard, _, _ in spans[begin : begin + 500]]
        stored.update(
            read.execute(
                "SELECT shard, entries FROM campaign_keys "
                f"WHERE shard IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    buckets: list[list[int]] = []
    shards: list[tuple[int, list[int]]] = []
    for shard, start, end in spans:
        merged = ordered[start:end]
        if shard in stored:
            old = array("q")
            old.frombytes(stored.pop(shard))
            merged = sorted(chain(old, merged))
        shards.append((shard, merged))
        # Entries side by side with the same key (they differ below the comment bits).
        same = map(not_, map(rshift, map(xor, merged, islice(merged, 1, None)), repeat(_ID_BITS)))
        run: list[int] = []
        for i in compress(range(len(merged) - 1), same):
            if run and run[-1] != i - 1:
                _bucket(buckets, merged, run, is_new)
                run = []
            run.append(i)
        _bucket(buckets, merged, run, is_new)
    return buckets, shards


def _bucket(buckets: list[list[int]], merged: list[int], run: list[int], is_new: set[int]) -> None:
    if run:
        texts = list(map(and_, merged[run[0] : run[-1] + 2], repeat(_ID_MASK)))
        if not is_new.isdisjoint(texts):
            buckets.append(texts)


def _near_identical(
    read: sqlite3.Cursor, buckets: list[list[int]], new: _New, links: dict[str, _Link]
) -> tuple[set[str], set[int]]:
    """Join each new text to the groups of near-identical texts it matches, going through the
    texts it shares a key with, in order; a group is led by its earliest text. Updates
    ``links``; returns the fingerprints whose link changed, and the new texts that an
    earlier file already had."""
    is_new = set(new.texts.values())
    involved = {text for bucket in buckets for text in bucket}
    fingerprint_of = {text: fingerprint for fingerprint, text in new.texts.items()}
    fingerprint_of.update(_stored_fingerprints(read, involved - is_new))
    old_texts = {fingerprint_of[text] for text in involved - is_new}
    repeated = {text for text in is_new & involved if fingerprint_of[text] in old_texts}
    is_new -= repeated
    # Union-find over first comments; an old text starts in its group, under its leader.
    parent: dict[int, int] = {}
    for text in involved:
        if text in is_new:
            parent[text] = text
        elif text not in repeated:
            fingerprint = fingerprint_of[text]
            leader = links.get(fingerprint, (fingerprint, text))[0]
            first = links[leader][1] if leader in links else text
            parent[text] = first
            parent.setdefault(first, first)
            fingerprint_of[first] = leader
    old_leaders = {parent[text] for text in involved - is_new - repeated}

    def find(text: int) -> int:
        while parent[text] != text:
            parent[text] = parent[parent[text]]
            text = parent[text]
        return text

    cores = _cores(read, involved - repeated, new.asides)
    # Per key, one text of each group met so far: through a campaign's key, one comparison.
    met: list[dict[int, int]] = []
    keys_of: dict[int, list[int]] = {}
    for index, bucket in enumerate(buckets):
        groups: dict[int, int] = {}
        for text in bucket:
            if text in is_new:
                keys_of.setdefault(text, []).append(index)
            elif text not in repeated and len(groups) <= _BUCKET_CLUSTERS:
                groups.setdefault(find(text), text)
        met.append(groups)
    for text in sorted(keys_of):
        candidates: dict[int, Counter[int]] = {}
        for index in keys_of[text]:
            if len(met[index]) > _BUCKET_CLUSTERS:
                continue  # a phrase that many different texts use: it tells nothing
            for group, other in met[index].items():
                candidates.setdefault(find(group), Counter())[other] += 1
        for group, shared in candidates.items():
            if find(group) == find(text):
                continue
            ranked = sorted(shared, key=lambda other: (-shared[other], other))[:_TRIES]
            if any(_alike(cores[text], cores[other]) for other in ranked):
                low, high = sorted((find(group), find(text)))
                parent[high] = low
        own = find(text)
        for index in keys_of[text]:
            groups = met[index]
            if len(groups) <= _BUCKET_CLUSTERS and all(find(g) != own for g in groups):
                groups[own] = text
    moved: set[str] = set()

    def link(fingerprint: str, leader: str, first: int) -> None:
        links[fingerprint] = (leader, first)
        moved.add(fingerprint)
        if leader not in links:
            links[leader] = (leader, parent_first[leader])
            moved.add(leader)

    parent_first = {fingerprint_of[text]: text for text in parent if find(text) == text}
    for text in sorted(is_new):
        if text in parent and find(text) != text:
            link(fingerprint_of[text], fingerprint_of[find(text)], text)
    for old in sorted(old_leaders):
        if find(old) != old:  # two groups a new text joined: the later follows the earlier
            before, after = fingerprint_of[old], fingerprint_of[find(old)]
            for fingerprint, (leader, first) in list(links.items()):
                if leader == before:
                    link(fingerprint, after, first)
            if before not in links or links[before][0] != after:  # it was alone in its group
                link(before, after, old)
    return moved, repeated


def _stored_fingerprints(read: sqlite3.Cursor, ids: Iterable[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        found.update(
            read.execute(
                f"SELECT id, fingerprint FROM comments WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    return found


def _cores(read: sqlite3.Cursor, texts: set[int], asides: dict[int, _SetAside]) -> dict[int, str]:
    """The cores of these comments, folded again from their texts (holding every core until
    the keys are sorted took a third more memory at 100,000 comments)."""
    cores: dict[int, str] = {}
    ids = sorted(texts)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for comment_id, file_id, text in read.execute(
            f"SELECT id, file_id, {_TEXT} FROM comments "
            f"WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall():
            aside = asides.get(file_id)
            if aside is None:
                row = read.execute(
                    "SELECT set_aside FROM campaign_files WHERE file_id = ?", (file_id,)
                ).fetchone()
                aside = asides[file_id] = _SetAside.from_json(row[0] if row else None)
            cores[comment_id] = _core(_lines(text), aside)
    return cores


def _touched(new: _New, links: dict[str, _Link]) -> set[str]:
    """The fingerprints of every text in a group that a new comment joined."""
    fingerprints = set(new.fingerprints.values())
    fingerprints.discard("")
    leaders = {links[fingerprint][0] for fingerprint in fingerprints if fingerprint in links}
    fingerprints.update(f for f, (leader, _) in links.items() if leader in leaders)
    return fingerprints


def _tags(
    read: sqlite3.Cursor, new: _New, links: dict[str, _Link], touched: set[str] | None
) -> list[tuple[str | None, int]]:
    """(campaign, comment id) for each comment whose campaign changes: among all comments
    (``touched`` None), or the new ones and those of the ``touched`` texts."""
    query = (
        "SELECT id, fingerprint, coalesce(organisation, contact_name, ''), campaign FROM comments"
    )
    if touched is not None:
        # What to read, in tables of this connection only: one pass over the comments.
        read.execute("CREATE TEMP TABLE IF NOT EXISTS campaign_read (file_id, fingerprint)")
        read.execute("DELETE FROM temp.campaign_read")
        read.executemany(
            "INSERT INTO temp.campaign_read VALUES (?, ?)",
            chain(((f, None) for f, _ in new.files), ((None, f) for f in touched)),
        )
        query += (
            " WHERE file_id IN (SELECT file_id FROM temp.campaign_read)"
            " OR fingerprint IN (SELECT fingerprint FROM temp.campaign_read)"
        )
    comments = read.execute(query).fetchall()
    first_who: dict[str, str] = {}
    respondents: dict[str, set[str]] = {}  # only groups with two respondents or more
    groups: list[str | None] = []
    for comment_id, stored, who, _ in comments:
        fingerprint = new.fingerprints.get(comment_id, stored)
        if not fingerprint:
            groups.append(None)
            continue
        group = links[fingerprint][0] if fingerprint in links else fingerprint
        groups.append(group)
        other = first_who.setdefault(group, who)
        if other != who:
            respondents.setdefault(group, {other}).add(who)
    tags = {key: key[:12] for key, names in respondents.items() if len(names) >= CAMPAIGN_MINIMUM}
    changes: list[tuple[str | None, int]] = []
    for (comment_id, _, _, campaign), of in zip(comments, groups, strict=True):
        tag = tags.get(of) if of else None
        if tag != campaign:
            changes.append((tag, comment_id))
    return changes


# ---------------------------------------------------------------- the report


def how_counted(lang: str) -> str:
    """How campaigns were counted, for the consultation report (``lang``: "ro" or "en")."""
    percent = round(NEAR_IDENTICAL * 100)
    if lang == "ro":
        return (
            f"Campaniile sunt comentariile identice sau aproape identice (asemănătoare în "
            f"proporție de cel puțin {percent} %) trimise de cel puțin {CAMPAIGN_MINIMUM} "
            "respondenți. Textele au fost comparate după ce s-au lăsat deoparte rândurile "
            "comune majorității textelor din același fișier, precum formulele de adresare "
            "(„Stimate domnule ministru”) și rândurile de titlu."
        )
    if lang == "en":
        return (
            f"Campaigns are identical or near-identical comments (at least {percent} % alike) "
            f"sent by at least {CAMPAIGN_MINIMUM} respondents. Texts were compared after the "
            "lines shared by most texts of the same file, such as salutations (“Dear "
            "Minister”) and subject lines, were set aside."
        )
    raise ValueError(f"no wording for language {lang!r}")
