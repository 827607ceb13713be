"""Online reception (tiếp công dân trực tuyến) as law: who may be received online, the lead
times before a session, the denunciation condition, and whether an online session counts toward
a leader's periodic minimum. Pure data and functions; the caller passes the calendar results.

Sources (domain.md §2.1, §4.4, §9.3): Luật Tiếp công dân as amended by Luật 136/2025/QH15 (new
Art 3a: reception in person or online) and NĐ 154/2026/NĐ-CP Arts 16–24, both in force from
1 July 2026. The decree is known only from a third-party transcription: check the Công báo text
before relying on article numbers or wording. The day counts of the schedule notice and the
connection test are the catalogue rules `reception.online_notice` and `reception.online_test`
(working days, counted backwards from the session day, the session day not counted).
"""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tiepdan.core.errors import DomainError

NEW_LAW = dt.date(2026, 7, 1)
DECREE = "Nghị định 154/2026/NĐ-CP"

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class OnlineRule:
    """One version of the online reception rules."""

    valid_from: dt.date
    valid_to: dt.date | None
    legal_basis: str
    notice_rule: str  # catalogue code: schedule notified ≥ N working days before
    test_rule: str  # catalogue code: connection tested ≥ N working days before
    connect_lead: dt.timedelta  # points connected at least this long before the start
    connect_basis: str
    denunciation_needs_waiver: bool
    denunciation_basis: str
    # Whether an online session chaired by the head counts as one of the head's periodic
    # reception days (Luật TCD Arts 12, 15, 18). Reading: Art 3a makes online a way of holding
    # reception, not a different kind of reception, and the decree nowhere excludes it from the
    # periodic minimum; so a periodic session held online is a periodic reception day. This is a
    # reading, not a text: the setting TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM overrides it.
    counts_toward_leader_minimum: bool
    confidence: str = "third_party"

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


RULES: tuple[OnlineRule, ...] = (
    OnlineRule(
        valid_from=NEW_LAW,
        valid_to=None,
        legal_basis=f"Luật Tiếp công dân, Điều 3a (Luật 136/2025/QH15); {DECREE}, Điều 16–24",
        notice_rule="reception.online_notice",
        test_rule="reception.online_test",
        connect_lead=dt.timedelta(hours=1),
        connect_basis=f"{DECREE}, Điều 23",
        denunciation_needs_waiver=True,
        denunciation_basis=f"{DECREE}, Điều 20 khoản 4",
        counts_toward_leader_minimum=True,
    ),
)


def rule_for(day: dt.date) -> OnlineRule:
    """The online rules in force on `day`; before 1 July 2026 there is no online reception."""
    for rule in RULES:
        if rule.in_force(day):
            return rule
    message = str(_("Tiếp công dân trực tuyến chỉ áp dụng từ ngày 01/07/2026."))
    raise DomainError(message, code="invalid", fields={"channel": [message]})


def online_allowed(day: dt.date) -> bool:
    return any(rule.in_force(day) for rule in RULES)


def counts_toward_leader_minimum(day: dt.date) -> bool:
    """Whether an online periodic session held on `day` counts toward the head's minimum: the
    rule's reading, unless the deployment's setting says otherwise; never before the law."""
    if not online_allowed(day):
        return False
    configured = getattr(settings, "TIEPDAN_ONLINE_COUNTS_FOR_LEADER_MINIMUM", None)
    if configured is not None:
        return bool(configured)
    return rule_for(day).counts_toward_leader_minimum


@dataclass(frozen=True)
class EligibilityGround:
    """Who may be received online (NĐ 154/2026, Art 17 as transcribed)."""

    code: str
    text: "StrOrPromise"  # translated when shown
    legal_basis: str
    valid_from: dt.date = NEW_LAW
    valid_to: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


_GROUND_BASIS = f"{DECREE}, Điều 17"

GROUNDS: tuple[EligibilityGround, ...] = (
    EligibilityGround(
        "complex",
        _("Vụ việc phức tạp, kéo dài, liên quan nhiều cơ quan, nhiều cấp"),
        _GROUND_BASIS,
    ),
    EligibilityGround(
        "remote",
        _("Công dân ở vùng sâu, vùng xa, vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn"),
        _GROUND_BASIS,
    ),
    EligibilityGround(
        "elderly_disabled",
        _("Công dân là người cao tuổi, người khuyết tật, người bệnh khó đi lại"),
        _GROUND_BASIS,
    ),
    EligibilityGround(
        "disaster",
        _("Thiên tai, dịch bệnh hoặc sự kiện bất khả kháng khác"),
        _GROUND_BASIS,
    ),
    EligibilityGround(
        "denunciation_waived",
        _("Tố cáo phức tạp, người tố cáo đã có văn bản từ bỏ quyền được giữ bí mật"),
        f"{DECREE}, Điều 20 khoản 4",
    ),
)


def grounds_in_force(day: dt.date) -> list[EligibilityGround]:
    return [g for g in GROUNDS if g.in_force(day)]


def ground_get(code: str, day: dt.date) -> EligibilityGround:
    for ground in GROUNDS:
        if ground.code == code and ground.in_force(day):
            return ground
    message = str(_("Căn cứ tiếp trực tuyến không hợp lệ."))
    raise DomainError(message, code="invalid", fields={"online_ground": [message]})


def denunciation_refusal(day: dt.date, *, waiver_reference: str) -> str:
    """The reason an online denunciation is refused on `day`, or "" when it may be received:
    received online only when the denouncer waived identity protection in writing."""
    rule = rule_for(day)
    if not rule.denunciation_needs_waiver or waiver_reference.strip():
        return ""
    return str(
        _(
            "Không tiếp nhận tố cáo trực tuyến: người tố cáo chưa có văn bản từ bỏ quyền được "
            "giữ bí mật họ tên, địa chỉ, bút tích (%(basis)s). Hướng dẫn công dân tố cáo trực "
            "tiếp tại nơi tiếp công dân hoặc gửi đơn."
        )
    ) % {"basis": rule.denunciation_basis}


@dataclass(frozen=True)
class LeadTime:
    """One statutory lead time before an online session, as a clock with its due moment."""

    code: str
    label: str
    legal_basis: str
    due: dt.datetime | dt.date  # a date for working-day rules, a moment for the connection
    done: dt.datetime | dt.date | None
    state: str  # "met", "missed", "open", "overdue"

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


STATE_LABELS = {
    "met": _("Đã thực hiện đúng hạn"),
    "missed": _("Thực hiện muộn"),
    "open": _("Chưa đến hạn"),
    "overdue": _("Quá hạn, chưa thực hiện"),
}


def _state(due, done, now) -> str:
    if done is not None:
        return "met" if done <= due else "missed"
    return "overdue" if now > due else "open"


def lead_times(
    *,
    notice_due: dt.date,
    test_due: dt.date,
    start_at: dt.datetime | None,
    rule: OnlineRule,
    notice_basis: str,
    test_basis: str,
    notified_on: dt.date | None,
    tested_on: dt.date | None,
    connected_at: dt.datetime | None,
    now: dt.datetime,
) -> list[LeadTime]:
    """The three clocks: notice by `notice_due`, test by `test_due` (both computed on the
    working calendar by the caller), connection `connect_lead` before `start_at`."""
    today = now.date()
    clocks = [
        LeadTime(
            "notice",
            str(_("Thông báo lịch tiếp trực tuyến")),
            notice_basis,
            notice_due,
            notified_on,
            _state(notice_due, notified_on, today),
        ),
        LeadTime(
            "test",
            str(_("Kiểm tra kết nối các điểm cầu")),
            test_basis,
            test_due,
            tested_on,
            _state(test_due, tested_on, today),
        ),
    ]
    if start_at is not None:
        connect_due = start_at - rule.connect_lead
        clocks.append(
            LeadTime(
                "connect",
                str(_("Kết nối các điểm cầu")),
                rule.connect_basis,
                connect_due,
                connected_at,
                _state(connect_due, connected_at, now),
            )
        )
    return clocks
