"""Campaigns: identical or near-identical texts from several respondents, once the lines and
the prefix that most texts of a file share are set aside, found at any size and kept up to
date as files join the register."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from lexkit.consult.campaigns import (
    CAMPAIGN_MINIMUM,
    file_fingerprints,
    group_campaigns,
    how_counted,
)
from lexkit.consult.register import COMMENT_COLUMNS, INSERT_COMMENT, Register

SUBJECT = (
    "Comment on FR Doc # 2019-12345: Proposed rule on work requirements for able-bodied "
    "adults without dependents in the Supplemental Nutrition Assistance Program (SNAP)"
)
# What people wrote under the subject line: short messages and longer ones.
MESSAGES = (
    "DO YOUR JOB",
    "Please pass welfare reform.",
    "Stop this rule now, please!",
    "We need this rule, pass it.",
    "I oppose this rule because it will hurt families in rural counties with few jobs.",
    "This proposal ignores the reality of the labour market in small towns and villages.",
    "Thank you for the opportunity to comment; the rule should be withdrawn entirely.",
    "The states need flexibility to run their programmes, not more federal paperwork.",
    "Work requirements have not raised employment anywhere they were tried, see the data.",
)
CAMPAIGN = (
    "As a member of the Food Justice Network I urge the Department to withdraw this rule. "
    "It would take food assistance away from hundreds of thousands of people who want to "
    "work but cannot find steady hours."
)
VARIANTS = (
    CAMPAIGN,
    CAMPAIGN.replace("urge", "ask"),
    CAMPAIGN + " Thank you.",
    CAMPAIGN.replace("hundreds of thousands of people", "many people"),
    CAMPAIGN.replace("steady", "regular"),
)
RO_CAMPAIGN = (
    "Solicităm ca voluntarii din organizațiile mici să fie scutiți de obligația de a prezenta "
    "certificatul de cazier judiciar detaliat la fiecare reînnoire a contractului."
)


def _register(tmp_path: Path) -> Register:
    return Register(tmp_path / "r.sqlite")


def _record(
    file_id: int, row: int, who: str | None, text: str, fingerprint: str | None, field: str
) -> tuple:
    """A comment as intake stores it (INSERT_COMMENT), its text in ``field``."""
    values: dict[str, object] = dict.fromkeys(COMMENT_COLUMNS)
    values.update(
        organisation=who,
        stakeholder_type="ngo",
        consent_to_publish=0,
        document="draft-law",
        provision_raw="General",
        position="comment",
    )
    values[field] = text
    return (file_id, "", row, *values.values(), "{}", fingerprint)


def _add_file(
    register: Register,
    rows: Sequence[tuple[str, str]],
    *,
    fingerprints: bool = True,
    field: str = "comment",
) -> list[int]:
    """One file of (respondent, text) rows, stored with the fingerprints intake computes (or
    none, as an older register has them); returns the comments' ids."""
    texts = [text for _, text in rows]
    prints = file_fingerprints(texts) if fingerprints else [None] * len(rows)
    with register.transaction() as db:
        name = f"file-{db.execute('SELECT count(*) FROM files').fetchone()[0]}.csv"
        cursor = db.execute(
            "INSERT INTO files (sha256, name, size, status) VALUES (?, ?, 1, 'read')", (name, name)
        )
        assert cursor.lastrowid is not None
        file_id = cursor.lastrowid
        records = [
            _record(file_id, number, who, text, fingerprint, field)
            for number, ((who, text), fingerprint) in enumerate(
                zip(rows, prints, strict=True), start=2
            )
        ]
        db.executemany(INSERT_COMMENT, records)
        ids = db.execute("SELECT id FROM comments WHERE file_id = ? ORDER BY id", (file_id,))
        return [i for (i,) in ids]


def _tags(register: Register, ids: Sequence[int] | None = None) -> list[str | None]:
    rows = dict(register.db.execute("SELECT id, campaign FROM comments").fetchall())
    return [rows[i] for i in (ids if ids is not None else sorted(rows))]


def _people(count: int, start: int = 0) -> list[str]:
    return [f"Person {i}" for i in range(start, start + count)]


# ---------------------------------------------------------------- shared lines and prefixes


@pytest.mark.parametrize("joint", ["\n", " "], ids=["own line", "same line"])
def test_a_subject_line_on_every_text_does_not_make_a_campaign(tmp_path, joint):
    # Twelve more respondents sent "DO YOUR JOB": a text counts once in what a file shares.
    messages = [*MESSAGES, *[MESSAGES[0]] * 12]
    texts = [SUBJECT + joint + text for text in (*messages, *VARIANTS)]
    # Kept, the subject line makes the short messages alike: the defect this guards against.
    assert fuzz.ratio(texts[0].casefold(), texts[1].casefold()) >= 90
    with _register(tmp_path) as register:
        ids = _add_file(register, list(zip(_people(len(texts)), texts, strict=True)))
        group_campaigns(register)
        tags = _tags(register, ids)
    assert tags[: len(messages)] == [None] * len(messages)
    campaign = tags[len(messages) :]
    assert campaign[0] is not None
    assert campaign == [campaign[0]] * len(VARIANTS)


def test_the_subject_line_is_what_the_fingerprints_leave_out(tmp_path):
    with_subject = file_fingerprints([f"{SUBJECT}\n{text}" for text in MESSAGES])
    glued = file_fingerprints([f"{SUBJECT} {text}" for text in MESSAGES])
    alone = [file_fingerprints([text])[0] for text in MESSAGES]
    assert with_subject == glued == alone
    assert alone[0] == ""  # "DO YOUR JOB": too short to be a campaign's text


def test_a_salutation_and_a_closing_line_shared_by_a_file_are_set_aside():
    bodies = [
        "Propunem ca termenul de notificare să fie de 10 zile lucrătoare, nu de 5.",
        "Articolul 3 trebuie să definească noțiunea de voluntar ocazional.",
        "Costurile verificării cazierului nu sunt estimate în nota informativă.",
        "Recomandăm consultarea consiliilor raionale înainte de adoptare.",
        "Sancțiunea amenzii este disproporționată pentru asociațiile mici.",
        "Datele cu caracter personal trebuie prelucrate doar în scopul legii.",
    ]
    letters = [
        f"Stimate domnule ministru,\n{body}\nCu stimă,\nAsociația {i}"
        for i, body in enumerate(bodies)
    ]
    letters[2] = letters[2].replace("Stimate domnule ministru", "STIMATE DOMNULE MINISTRU!")
    signed = [f"{body} Asociația {i}" for i, body in enumerate(bodies)]
    assert file_fingerprints(letters) == [file_fingerprints([text])[0] for text in signed]
    # Each text alone keeps its salutation: nothing is shared within a file of one text.
    assert file_fingerprints(letters[:1]) != file_fingerprints(signed[:1])


def test_lines_shared_by_a_file_of_few_different_texts_are_kept():
    letters = [f"Stimate domnule ministru,\n{RO_CAMPAIGN} Varianta {i}." for i in range(4)]
    assert file_fingerprints(letters) == [file_fingerprints([text])[0] for text in letters]


def test_a_file_whose_texts_are_all_the_same_is_a_campaign(tmp_path):
    letter = f"Stimate domnule ministru,\n{RO_CAMPAIGN}\nCu stimă,"
    fingerprints = file_fingerprints([letter] * 8)
    assert fingerprints[0] != ""
    assert fingerprints == [fingerprints[0]] * 8
    with _register(tmp_path) as register:
        ids = _add_file(register, list(zip(_people(8), [letter] * 8, strict=True)))
        group_campaigns(register)
        tags = _tags(register, ids)
    assert tags[0] == fingerprints[0][:12]
    assert tags == [tags[0]] * 8


def test_a_campaign_sent_by_most_of_a_file_is_not_taken_for_a_heading(tmp_path):
    # Most different texts carry the campaign's lines: 6 respondents signed it, each with a
    # name, beside 4 comments of their own.
    signed = [f"{RO_CAMPAIGN}\nCu stimă,\n{who}" for who in _people(6)]
    own = [f"{body}\nCu stimă,\nPerson {i}" for i, body in enumerate(MESSAGES[4:8], start=6)]
    with _register(tmp_path) as register:
        ids = _add_file(register, list(zip(_people(10), signed + own, strict=True)))
        group_campaigns(register)
        tags = _tags(register, ids)
    assert tags[0] is not None
    assert tags[:6] == [tags[0]] * 6
    assert tags[6:] == [None] * 4
    # Only the closing line is set aside: the campaign's text is kept whole, name and all.
    whole = [file_fingerprints([f"{RO_CAMPAIGN}\n{who}"])[0] for who in _people(6)]
    assert file_fingerprints(signed + own)[:6] == whole


def test_fewer_than_three_respondents_are_not_a_campaign(tmp_path):
    rows = [("Org A", RO_CAMPAIGN), ("Org A", RO_CAMPAIGN.upper()), ("Org B", RO_CAMPAIGN)]
    with _register(tmp_path) as register:
        ids = _add_file(register, rows)
        group_campaigns(register)
        assert _tags(register, ids) == [None] * 3
        (third,) = _add_file(register, [("Org C", RO_CAMPAIGN.replace("mici", "mai mici"))])
        group_campaigns(register)
        tags = _tags(register, [*ids, third])
    assert CAMPAIGN_MINIMUM == 3
    assert tags[0] is not None
    assert tags == [tags[0]] * 4


def test_texts_too_short_or_different_are_never_a_campaign(tmp_path):
    rows = [(who, "De acord.") for who in _people(5)]
    rows += [
        (who, f"{RO_CAMPAIGN[:60]} {word}") for who, word in zip(_people(3, 5), "abc", strict=True)
    ]
    with _register(tmp_path) as register:
        ids = _add_file(register, rows)
        group_campaigns(register)
        tags = _tags(register, ids)
    assert tags[:5] == [None] * 5
    assert tags[5] is not None  # 60 characters and a letter changed: near-identical
    assert tags[5:] == [tags[5]] * 3


def test_a_word_added_to_a_short_text_keeps_it_the_same_text(tmp_path):
    short = "Susținem proiectul de lege în forma propusă."
    rows = [("A", short), ("B", short), ("C", short.replace("lege", "lege nouă"))]
    rows += [(who, text) for who, text in zip(_people(4), MESSAGES[5:], strict=True)]
    with _register(tmp_path) as register:
        ids = _add_file(register, rows)
        group_campaigns(register)
        tags = _tags(register, ids)
    assert tags[0] is not None
    assert tags[:3] == [tags[0]] * 3
    assert tags[3:] == [None] * 4


# ---------------------------------------------------------------- at any size


def _distinct_texts(count: int, seed: int) -> list[str]:
    """Texts of 200-600 characters, each its own, in the words of a consultation."""
    rng = random.Random(seed)
    words = RO_CAMPAIGN.split() + MESSAGES[5].split() + CAMPAIGN.split()
    texts = []
    for _ in range(count):
        text = " ".join(rng.choices(words, k=rng.randint(30, 90)))
        texts.append(text[: rng.randint(200, 600)])
    return texts


def _variants(text: str, count: int, seed: int) -> list[str]:
    """The text with a word changed, a word added or a sentence added: a campaign's copies."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        words = text.split()
        place = rng.randrange(len(words))
        if i % 3 == 0:
            words[place] = "neapărat"
        elif i % 3 == 1:
            words.insert(place, "totuși")
        else:
            words.append(f"Vă mulțumim, nr. {i}.")
        out.append(" ".join(words))
    return out


def test_near_identical_texts_are_grouped_among_thousands(tmp_path):
    texts = _distinct_texts(5000, seed=1)
    campaign = _variants(RO_CAMPAIGN + " " + texts[0], 10, seed=2)
    assert len({*texts, *campaign}) == 5010
    rows = list(zip(_people(5010), texts[:2500] + campaign + texts[2500:], strict=True))
    with _register(tmp_path) as register:
        ids = _add_file(register, rows)
        group_campaigns(register)
        tags = _tags(register, ids)
    grouped = tags[2500:2510]
    assert grouped[0] is not None
    assert grouped == [grouped[0]] * 10
    assert tags[:2500] + tags[2510:] == [None] * 5000


def test_a_new_file_joins_the_campaign_of_earlier_ones(tmp_path):
    variants = _variants(RO_CAMPAIGN, 6, seed=3)
    others = _distinct_texts(40, seed=4)
    with _register(tmp_path) as register:
        first = _add_file(register, list(zip(_people(20), others[:18] + variants[:2], strict=True)))
        group_campaigns(register)
        assert set(_tags(register)) == {None}  # two respondents so far
        second = _add_file(
            register, list(zip(_people(21, 20), others[18:38] + variants[2:3], strict=True))
        )
        group_campaigns(register)
        tag = _tags(register, [first[-1]])[0]
        assert tag is not None
        third = _add_file(register, list(zip(_people(3, 41), variants[3:], strict=True)))
        group_campaigns(register)
        tags = _tags(register)
        keys = register.db.execute("SELECT count(*) FROM campaign_keys").fetchone()[0]
    campaign = [first[-2], first[-1], second[-1], *third]
    by_id = dict(zip(sorted([*first, *second, *third]), tags, strict=True))
    assert [by_id[i] for i in campaign] == [tag] * 6  # the tag stays as the campaign grows
    assert [t for i, t in by_id.items() if i not in campaign] == [None] * 38
    assert keys > 0


def test_grouping_file_by_file_finds_what_grouping_once_finds(tmp_path):
    files = [
        list(zip(_people(len(chunk), 30 * n), chunk, strict=True))
        for n, chunk in enumerate(
            _chunks(
                _distinct_texts(60, seed=5)
                + _variants(RO_CAMPAIGN, 12, seed=6)
                + _variants(CAMPAIGN, 8, seed=7),
                30,
                seed=8,
            )
        )
    ]
    with Register(tmp_path / "once.sqlite") as register:
        for rows in files:
            _add_file(register, rows)
        group_campaigns(register)
        once = _tags(register)
    with Register(tmp_path / "by-file.sqlite") as register:
        for rows in files:
            _add_file(register, rows)
            group_campaigns(register)
        by_file = _tags(register)
    assert len({t for t in once if t}) == 2
    assert by_file == once


def _chunks(texts: list[str], size: int, seed: int) -> list[list[str]]:
    random.Random(seed).shuffle(texts)
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def test_the_same_text_file_after_file_is_one_campaign_keyed_once(tmp_path):
    def entries(register: Register) -> int:
        return sum(
            len(blob) // 8 for (blob,) in register.db.execute("SELECT entries FROM campaign_keys")
        )

    ids: list[int] = []
    tags: list[list[str | None]] = []
    sizes: list[int] = []
    with _register(tmp_path) as register:
        for n, who in enumerate(_people(4)):
            text = RO_CAMPAIGN.upper() if n % 2 else RO_CAMPAIGN
            # The last respondent wrote it as the proposed wording, with no comment.
            ids += _add_file(
                register, [(who, text)], field="proposed_wording" if n == 3 else "comment"
            )
            group_campaigns(register)
            tags.append(_tags(register, ids))
            sizes.append(entries(register))
    (fingerprint,) = file_fingerprints([RO_CAMPAIGN])
    assert tags[1] == [None, None]
    assert tags[2] == [fingerprint[:12]] * 3
    assert tags[3] == [fingerprint[:12]] * 4
    assert sizes[0] > 0
    assert sizes == [sizes[0]] * 4  # the text's keys are stored once, with its first comment


def test_a_text_near_two_groups_merges_them_under_the_earliest(tmp_path):
    left = RO_CAMPAIGN
    middle = left.replace("organizațiile mici", "asociațiile obștești")
    right = middle.replace("detaliat la fiecare reînnoire", "complet la fiecare prelungire")
    assert fuzz.ratio(left, right) < 90 <= min(fuzz.ratio(middle, left), fuzz.ratio(middle, right))
    with _register(tmp_path) as register:
        before = _add_file(
            register, [("A", left), ("B", left.upper()), ("C", right), ("D", right + " ")]
        )
        group_campaigns(register)
        assert _tags(register, before) == [None] * 4  # two respondents each
        (bridge,) = _add_file(register, [("E", middle)])
        group_campaigns(register)
        tags = _tags(register, [*before, bridge])
        leaders = register.db.execute("SELECT DISTINCT leader FROM campaign_links").fetchall()
    (fingerprint,) = file_fingerprints([left])
    assert tags == [fingerprint[:12]] * 5
    assert [tuple(r) for r in leaders] == [(fingerprint,)]


# ---------------------------------------------------------------- older registers


def test_comments_without_fingerprints_get_them(tmp_path):
    letters = [f"Stimate domnule ministru,\n{text}" for text in (*MESSAGES[4:], RO_CAMPAIGN)]
    letters += [f"Stimate domnule ministru,\n{RO_CAMPAIGN}"] * 2
    with _register(tmp_path) as register:
        ids = _add_file(
            register, list(zip(_people(len(letters)), letters, strict=True)), fingerprints=False
        )
        group_campaigns(register)
        stored = [
            fingerprint
            for (fingerprint,) in register.db.execute(
                "SELECT fingerprint FROM comments ORDER BY id"
            )
        ]
        tags = _tags(register, ids)
        group_campaigns(register)  # nothing new: nothing changes
        assert _tags(register, ids) == tags
        # A file added later without fingerprints: its comment gets one, and the campaign.
        (late,) = _add_file(register, [("Late", RO_CAMPAIGN)], fingerprints=False)
        group_campaigns(register)
        late_tag = _tags(register, [late])[0]
    assert stored == file_fingerprints(letters)
    assert stored[-1] == file_fingerprints([RO_CAMPAIGN])[0]  # without the salutation
    assert tags[-3:] == [stored[-1][:12]] * 3
    assert tags[:-3] == [None] * (len(letters) - 3)
    assert late_tag == tags[-1]


# ---------------------------------------------------------------- folding and wording


def test_case_accents_punctuation_and_cedillas_fold_alike_and_cyrillic_stays():
    plain = "Solicitam excluderea voluntarilor din domeniul de aplicare al legii"
    spelled = "SOLICITĂM — excluderea «voluntarilor» din domeniul de aplicare al legii!!!"
    cedilla = "Solicităm excluderea voluntarilor şi a angajaţilor din domeniul legii."
    comma = "Solicităm excluderea voluntarilor și a angajaților din domeniul legii."
    assert len(set(file_fingerprints([plain]) + file_fingerprints([spelled]))) == 1
    assert file_fingerprints([cedilla]) == file_fingerprints([comma])
    russian = file_fingerprints(["Просим исключить волонтёров из сферы применения закона."])
    other = file_fingerprints(["Просим включить волонтёров в сферу применения закона."])
    assert russian[0]
    assert other[0]
    assert russian != other


def test_how_campaigns_were_counted_is_said_in_both_languages():
    ro, en = how_counted("ro"), how_counted("en")
    for words in ("cel puțin 90 %", "cel puțin 3 respondenți", "„", "”", "formulele de adresare"):
        assert words in ro
    assert not {"ş", "ţ"} & set(ro)  # the comma below, never the cedilla
    for words in ("at least 90 % alike", "at least 3 respondents", "salutations", "subject lines"):
        assert words in en
    with pytest.raises(ValueError, match="fr"):
        how_counted("fr")
