"""Analysis: the register turned into what the consultation report and the note say.

The result is plain data for templates (``consultation`` in a template's context) and the
charts as PNG bytes (pictures named ``chart:...``). Personal data never leaves the
register: e-mail addresses and phone numbers are not read at all, and a private
individual's name appears only when they consented to publication.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lexkit.consult.register import Register
from lexkit.consult.vocabulary import GENERAL, POSITIONS, STAKEHOLDER_TYPES
from lexkit.language import Lang

DECISIONS: dict[str, dict[Lang, str]] = {
    "accepted": {"ro": "Se acceptă", "en": "Accepted"},
    "partially-accepted": {"ro": "Se acceptă parțial", "en": "Partially accepted"},
    "not-accepted": {"ro": "Nu se acceptă", "en": "Not accepted"},
    "noted": {"ro": "Se ia act", "en": "Noted"},
}
PENDING: dict[Lang, str] = {"ro": "În examinare", "en": "Under examination"}
PRIVATE: dict[Lang, str] = {"ro": "Persoană fizică", "en": "Private individual"}


def _label(labels: dict[str, str], code: str, lang: Lang) -> str:
    """ "susțin / support" -> "susțin" (ro) or "support" (en)."""
    romanian, _, english = labels.get(code, code).partition(" / ")
    return romanian if lang == "ro" or not english else english


@dataclass
class _Comment:
    id: int
    who: str
    published: str
    consent: bool
    stakeholder_type: str
    document: str
    provision: str | None
    provision_raw: str
    position: str
    comment: str
    proposed_wording: str
    decision: str | None
    argument: str
    campaign: str | None
    submitted_on: str | None
    file_name: str


def _comments(register: Register, lang: Lang) -> list[_Comment]:
    rows = register.db.execute(
        "SELECT c.id, c.organisation, c.contact_name, c.consent, c.stakeholder_type, "
        "c.document, c.provision, c.provision_raw, c.position, c.comment, c.proposed_wording, "
        "c.campaign, c.submitted_on, d.decision, d.argument, f.name AS file_name "
        "FROM comments c JOIN files f ON f.id = c.file_id "
        "LEFT JOIN decisions d ON d.comment_id = c.id ORDER BY c.id"
    ).fetchall()
    out = []
    for row in rows:
        organisation, person = row["organisation"], row["contact_name"]
        consent = bool(row["consent"])
        published = organisation or (person if consent and person else PRIVATE[lang])
        out.append(
            _Comment(
                row["id"], (organisation or person or "").casefold(), published, consent,
                row["stakeholder_type"], row["document"], row["provision"],
                row["provision_raw"], row["position"], row["comment"] or "",
                row["proposed_wording"] or "", row["decision"], row["argument"] or "",
                row["campaign"], row["submitted_on"], row["file_name"],
            )
        )  # fmt: skip
    return out


def consultation_context(
    register: Register, lang: Lang, provision_order: list[tuple[str, str]]
) -> dict[str, Any]:
    """Everything a template may say about the consultation.

    ``provision_order``: (document, label) of the drafts in document order, so the synthesis
    follows the draft; general comments come first, unmatched provisions last.
    """
    comments = _comments(register, lang)
    participants: dict[str, _Comment] = {}
    for comment in comments:
        participants.setdefault(comment.who, comment)
    by_type = Counter(c.stakeholder_type for c in participants.values())
    rows = _synthesis(comments, lang, {key: i for i, key in enumerate(provision_order)})
    decided = Counter(c.decision for c in comments if c.decision)
    dates = sorted(c.submitted_on for c in comments if c.submitted_on)
    channels = Counter(_channel(c.file_name) for c in comments)
    return {
        "participants": len(participants),
        "comments": len(comments),
        "rows": rows,
        "campaigns": len({c.campaign for c in comments if c.campaign}),
        "by_type": [
            {"type": kind, "label": _label(STAKEHOLDER_TYPES, kind, lang), "count": n}
            for kind, n in sorted(by_type.items(), key=lambda item: (-item[1], item[0]))
        ],
        "accepted": decided.get("accepted", 0),
        "partially_accepted": decided.get("partially-accepted", 0),
        "rejected": decided.get("not-accepted", 0),
        "noted": decided.get("noted", 0),
        "pending": sum(1 for c in comments if not c.decision),
        "first_date": dates[0] if dates else "",
        "last_date": dates[-1] if dates else "",
        "channels": [{"channel": k, "count": n} for k, n in sorted(channels.items())],
        "consenting": sorted({c.published for c in participants.values() if c.consent}),
    }


def _channel(file_name: str) -> str:
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return {"xlsx": "XLSX", "xls": "XLS", "ods": "ODS", "csv": "CSV"}.get(suffix, suffix.upper())


def _synthesis(
    comments: list[_Comment], lang: Lang, order: dict[tuple[str, str], int]
) -> list[dict[str, Any]]:
    """One row per comment, a campaign once with its count, in the order of the draft."""
    groups: dict[str, list[_Comment]] = {}
    for comment in comments:
        groups.setdefault(comment.campaign or f"single-{comment.id}", []).append(comment)

    def place(group: list[_Comment]) -> tuple[int, int, str, int]:
        first = group[0]
        if first.provision == GENERAL:
            return (0, 0, "", first.id)
        if first.provision is None:
            return (2, 0, first.provision_raw, first.id)
        return (1, order.get((first.document, first.provision), len(order)), "", first.id)

    rows = []
    for number, group in enumerate(sorted(groups.values(), key=place), start=1):
        first = group[0]
        campaign = len(group) > 1
        rows.append({
            "number": number,
            "participant": first.published if not campaign else _campaign_name(group, lang),
            "campaign_count": len(group) if campaign else 0,
            "provision": first.provision or first.provision_raw,
            "matched": first.provision is not None,
            "position": _label(POSITIONS, first.position, lang),
            "comment": first.comment,
            "proposed_wording": first.proposed_wording,
            "decision": DECISIONS[first.decision][lang] if first.decision else PENDING[lang],
            "argument": first.argument,
        })  # fmt: skip
    return rows


def _campaign_name(group: list[_Comment], lang: Lang) -> str:
    named = sorted({c.published for c in group if c.consent or c.published != PRIVATE[lang]})
    count = len(group)
    head = (
        f"{count} participanți (campanie)" if lang == "ro" else f"{count} participants (campaign)"
    )
    return f"{head}: {', '.join(named)}" if named else head


# ---------------------------------------------------------------- charts

_TITLES: dict[str, dict[Lang, str]] = {
    "participants-by-type": {"ro": "Participanți pe tipuri", "en": "Participants by type"},
    "comments-by-provision": {"ro": "Comentarii pe prevederi", "en": "Comments by provision"},
    "positions-by-provision": {"ro": "Poziții pe prevederi", "en": "Positions by provision"},
}


def charts(context: dict[str, Any], lang: Lang) -> dict[str, bytes]:
    """The report's charts as PNG, by picture name ("chart:participants-by-type")."""
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw to memory
    from matplotlib import pyplot

    rows = context["rows"]
    by_provision = Counter(r["provision"] for r in rows)
    types = {t["label"]: t["count"] for t in context["by_type"]}
    positions: dict[str, Counter[str]] = {}
    for row in rows:
        positions.setdefault(row["provision"], Counter())[row["position"]] += 1
    return {
        "chart:participants-by-type": _bar_chart(
            pyplot, types, _TITLES["participants-by-type"][lang]
        ),
        "chart:comments-by-provision": _bar_chart(
            pyplot, dict(by_provision), _TITLES["comments-by-provision"][lang]
        ),
        "chart:positions-by-provision": _stacked_chart(
            pyplot, positions, _TITLES["positions-by-provision"][lang]
        ),
    }


def _figure(pyplot: Any, title: str, bars: int) -> Any:
    figure, axes = pyplot.subplots(figsize=(8, max(2.0, 0.35 * bars + 1.2)), dpi=120)
    axes.set_title(title, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _png(pyplot: Any, figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    # No software or date in the file, so the same data gives the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    pyplot.close(figure)
    return buffer.getvalue()


def _bar_chart(pyplot: Any, values: dict[str, int], title: str) -> bytes:
    labels = list(values) or ["—"]
    counts = [values.get(label, 0) for label in labels]
    figure, axes = _figure(pyplot, title, len(labels))
    axes.barh(labels[::-1], counts[::-1], color="#4a6fa5")
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(pyplot, figure)


def _stacked_chart(pyplot: Any, values: dict[str, Counter[str]], title: str) -> bytes:
    provisions = list(values) or ["—"]
    kinds = sorted({kind for counter in values.values() for kind in counter})
    figure, axes = _figure(pyplot, title, len(provisions))
    left = [0] * len(provisions)
    colours = ["#2e7d32", "#9ccc65", "#c62828", "#90a4ae"]
    for index, kind in enumerate(kinds):
        counts = [values[p][kind] for p in provisions]
        axes.barh(provisions[::-1], counts[::-1], left=left[::-1], label=kind,
                  color=colours[index % len(colours)])  # fmt: skip
        left = [a + b for a, b in zip(left, counts, strict=True)]
    if kinds:
        axes.legend(fontsize=8, loc="lower right")
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(pyplot, figure)
