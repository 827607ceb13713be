"""Pure legal rules of case resolution (no ORM): which dialogue is mandatory, which outcomes
exist per kind and instance, how many extensions a complexity allows, which clocks a step starts.
"""

import datetime as dt

from tiepdan.cases.models import CaseKind, Outcome

COMPLAINT_KINDS = frozenset({CaseKind.COMPLAINT_FIRST, CaseKind.COMPLAINT_SECOND})

# From 1 July 2026 (Luật 136/2025/QH15; NĐ 155/2026) suspension/termination decisions of a
# complaint must be sent within 3 working days; before that date there was no such rule.
NEW_LAW = dt.date(2026, 7, 1)


def outcomes_for(kind: str) -> list[Outcome]:
    """Outcomes a resolution may state, by case kind.

    First instance: đúng / sai / đúng một phần (Luật KN Art 31; report 02/KQGQ). Second
    instance: công nhận / hủy, sửa the first decision (Luật KN Art 40). Denunciation
    conclusion: đúng / sai / có đúng có sai (Luật TC Art 35). Proposal: answered (Luật TCD
    Art 28).
    """
    by_kind: dict[str, list[Outcome]] = {
        CaseKind.COMPLAINT_FIRST: [
            Outcome.COMPLAINT_RIGHT,
            Outcome.COMPLAINT_WRONG,
            Outcome.COMPLAINT_PARTLY,
        ],
        CaseKind.COMPLAINT_SECOND: [Outcome.UPHOLD, Outcome.AMEND],
        CaseKind.DENUNCIATION: [
            Outcome.DENUNCIATION_RIGHT,
            Outcome.DENUNCIATION_WRONG,
            Outcome.DENUNCIATION_PARTLY,
        ],
        CaseKind.PROPOSAL: [Outcome.ANSWERED],
    }
    return by_kind.get(kind, [])


def dialogue_required(*, kind: str, disciplinary: bool, verification_differs: bool | None) -> bool:
    """Whether a dialogue must be held before the decision.

    Second instance: always (Luật KN Art 39; NĐ 124/2020 Art 28.2). Complaints against a
    disciplinary decision: always, at both levels (TT 07/2013 Art 21.1.c; Luật KN Art 53).
    First instance: only when the complainant's request and the verification result still
    differ (Luật KN Art 30.1). Denunciations and proposals have no dialogue.
    """
    if kind not in COMPLAINT_KINDS:
        return False
    if kind == CaseKind.COMPLAINT_SECOND or disciplinary:
        return True
    return bool(verification_differs)


def extensions_allowed(*, kind: str, complexity: str) -> int:
    """Extensions of the resolution period: denunciations only — none when normal, one when
    complex, two when especially complex, each ≤ 30 days (Luật TC Art 30; NĐ 31/2019 Art 3).
    A complex complaint has a longer period from acceptance instead (Luật KN Arts 28, 37)."""
    if kind != CaseKind.DENUNCIATION:
        return 0
    return {"normal": 0, "complex": 1, "very_complex": 2}.get(complexity, 0)


def resolution_rule(kind: str) -> str | None:
    """The clock of the resolution period by kind (Luật KN Arts 28, 37; Luật TC Art 30)."""
    by_kind: dict[str, str] = {
        CaseKind.COMPLAINT_FIRST: "complaint.resolve.first",
        CaseKind.COMPLAINT_SECOND: "complaint.resolve.second",
        CaseKind.DENUNCIATION: "denunciation.resolve",
    }
    return by_kind.get(kind)


def send_rule(kind: str) -> str | None:
    """Sending the decision: 3 working days at first instance (Luật KN Art 32), 7 days at
    second (Art 41.1); the conclusion of a denunciation 5 working days (Luật TC Art 35.3)."""
    by_kind: dict[str, str] = {
        CaseKind.COMPLAINT_FIRST: "complaint.send_decision",
        CaseKind.COMPLAINT_SECOND: "complaint.send_decision.second",
        CaseKind.DENUNCIATION: "denunciation.send_conclusion",
    }
    return by_kind.get(kind)


def effect_rule(kind: str) -> str | None:
    """Legal effect of a complaint decision (Luật KN Art 44)."""
    by_kind: dict[str, str] = {
        CaseKind.COMPLAINT_FIRST: "complaint.decision_effective.first",
        CaseKind.COMPLAINT_SECOND: "complaint.decision_effective.second",
    }
    return by_kind.get(kind)


def suspension_allowed(kind: str, on: dt.date) -> bool:
    """Tạm đình chỉ of a denunciation: Luật TC Art 34. Of a complaint: only since Luật KN Art 11a
    (Luật 136/2025, from 1 July 2026); before, the law provided none (its Art 35 suspends the
    contested decision, not the resolution)."""
    if kind == CaseKind.DENUNCIATION:
        return True
    return kind in COMPLAINT_KINDS and on >= NEW_LAW


def suspension_notice_rule(kind: str, on: dt.date) -> str | None:
    """Sending a suspension/termination decision: denunciation 5 working days (Luật TC
    Art 34); complaint 3 working days from 1 July 2026 (NĐ 155/2026 Arts 28a–28b)."""
    if kind == CaseKind.DENUNCIATION:
        return "denunciation.suspension_notice"
    if kind in COMPLAINT_KINDS and on >= NEW_LAW:
        return "complaint.suspension_notice"
    return None


def dialogue_notice_applies(on: dt.date) -> bool:
    """The written invitation ≥ 5 days before the dialogue applies from 1 July 2026
    (NĐ 124/2020 Art 28.1 as amended by NĐ 155/2026)."""
    return on >= NEW_LAW


def withdrawal_must_continue(*, kind: str, signs_of_violation: bool, coerced: bool) -> bool:
    """A fully withdrawn denunciation must still be resolved when there are signs of a
    violation or the denouncer was coerced (Luật TC Art 33.3); a complaint ends (Luật KN
    Art 10 as amended, Art 11a.2.a) unless the withdrawal was coerced (NĐ 124/2020 Art 7a)."""
    if kind == CaseKind.DENUNCIATION:
        return signs_of_violation or coerced
    return coerced
