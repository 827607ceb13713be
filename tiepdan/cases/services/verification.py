"""The resolver and the verification of a case: the decision assigning it to a team, the
minutes, the report of the result (Luật KN Arts 29-30; Luật TC Art 31; NĐ 31/2019 Mẫu 07)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.cases.models import (
    Case,
    CaseEvent,
)
from tiepdan.cases.services.common import (
    Kind,
    check_date,
    invalid,
    lock,
    record_event,
    require_open,
    require_running,
    resolution_clock,
    seal_matter_texts,
    sync_case,
    today,
)
from tiepdan.cases.services.documents import issue_document
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User


@transaction.atomic
def case_resolver_set(*, case: Case, resolver: User, actor: User) -> Case:
    """Name the person who resolves (người giải quyết); he or she sees a denouncer."""
    case = lock(case)
    require_open(case)
    sync_case(case, actor)
    case.resolver = resolver
    case.save(update_fields=["resolver", "updated_at"])
    record_event(
        case,
        Kind.RESOLVER_SET,
        today(),
        actor,
        _("Người giải quyết: %(n)s.") % {"n": resolver.display_name},
        resolver=resolver.pk,
    )
    return case


@transaction.atomic
def verification_assign(
    *,
    case: Case,
    on: dt.date,
    team: list[str],
    content: str,
    actor: User,
    number: str = "",
    days: int = 0,
) -> Case:
    """Decision assigning verification to a team of ≥ 2 (Luật KN Art 29; Luật TC Art 31;
    NĐ 31/2019 Mẫu 07)."""
    case = lock(case)
    require_running(case)
    check_date(case, on)
    team = [nfc(t).strip() for t in team if t and t.strip()]
    content = nfc(content or "").strip()
    if len(team) < 2:
        raise invalid("team", _("Tổ xác minh phải có ít nhất 2 người."))
    if not content:
        raise invalid("content", _("Ghi rõ nội dung cần xác minh."))
    sync_case(case, actor)
    case.verification_assigned_on = on
    case.verification_team = "\n".join(team)
    case.save(update_fields=["verification_assigned_on", "verification_team", "updated_at"])
    clock = resolution_clock(case)
    document = issue_document(
        case,
        "case.verification_assignment",
        on,
        {
            "number": number,
            "team": [
                {"name": t.split(",")[0].strip(), "role": ", ".join(t.split(",")[1:]).strip()}
                for t in team
            ],
            "content": content,
            "days": days or "",
            "due": clock.due if clock else None,
        },
        actor,
    )
    record_event(
        case,
        Kind.VERIFICATION_ASSIGNED,
        on,
        actor,
        _("Giao xác minh cho tổ %(n)s người.") % {"n": len(team)},
        document=document,
        team_size=len(team),
    )
    return case


@transaction.atomic
def verification_minutes_add(*, case: Case, on: dt.date, summary: str, actor: User) -> CaseEvent:
    """A working/verification minutes (biên bản làm việc) entered in the file."""
    case = lock(case)
    require_running(case)
    check_date(case, on)
    summary = nfc(summary or "").strip()
    if not summary:
        raise invalid("summary", _("Ghi nội dung biên bản."))
    return record_event(case, Kind.VERIFICATION_MINUTES, on, actor, summary)


@transaction.atomic
def verification_report(
    *, case: Case, on: dt.date, findings: str, differs: bool, actor: User
) -> Case:
    """Report of the verification result; records whether the request and the result differ,
    which makes a first-instance dialogue mandatory (Luật KN Art 30.1)."""
    case = lock(case)
    require_running(case)
    check_date(case, on)
    findings = nfc(findings or "").strip()
    if case.verification_assigned_on is None:
        raise DomainError(_("Chưa có quyết định giao nhiệm vụ xác minh."), code="no_verification")
    if on < case.verification_assigned_on:
        raise invalid("on", _("Ngày báo cáo trước ngày giao xác minh."))
    if not findings:
        raise invalid("findings", _("Ghi kết quả xác minh."))
    case.verification_reported_on = on
    case.verification_findings = findings
    case.verification_differs = differs
    case.save(
        update_fields=[
            "verification_reported_on",
            "verification_findings",
            "verification_differs",
            "updated_at",
        ]
    )
    seal_matter_texts(case, actor)
    record_event(case, Kind.VERIFICATION_REPORTED, on, actor, findings[:500], differs=differs)
    return case
