"""Intake of a petition: registration, classification, split, duplicates, the proposal."""

import datetime as dt
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.models import Citizen
from tiepdan.core.classification import MASS_GROUP_THRESHOLD, Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.sequences import next_number
from tiepdan.core.text import nfc, search_key
from tiepdan.matters.models import Matter
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import constants
from tiepdan.petitions.constants import (
    Eligibility,
    IneligibleReason,
    Outcome,
    PetitionStatus,
    PriorResolution,
)
from tiepdan.petitions.models import Petition, PetitionAttachment, PetitionSource
from tiepdan.petitions.services.common import (
    ALARM_FROM,
    ALARM_RULE,
    INTAKE_RULES,
    audit,
    open_clocks,
    stop_clocks,
    today,
)
from tiepdan.vault import vault
from tiepdan.workcalendar import selectors as calendar_selectors

Errors = dict[str, list[str]]


def _choice_errors(*checks: tuple[str, str, list[str], str]) -> Errors:
    """(field, value, allowed values, message) → the fields whose value is not allowed."""
    return {field: [message] for field, value, allowed, message in checks if value not in allowed}


def _required_errors(*checks: tuple[str, bool, str]) -> Errors:
    """(field, satisfied, message) → the fields whose condition fails."""
    return {field: [message] for field, ok, message in checks if not ok}


def _raise_first(errors: Errors) -> None:
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)


def _receive_errors(
    *,
    received_on: dt.date,
    source: str,
    petition_type: str,
    domain: str,
    summary: str,
    has_sender: bool,
    signatory_count: int,
    named_sender_body: bool,
) -> Errors:
    errors: Errors = {}
    if received_on > today():
        errors["received_on"] = [_("Ngày nhận đơn ở tương lai.")]
    errors |= _choice_errors(
        ("source", source, PetitionSource.values, _("Nguồn đơn không hợp lệ.")),
        ("petition_type", petition_type, PetitionType.values, _("Loại đơn không hợp lệ.")),
        ("domain", domain, Domain.values, _("Lĩnh vực không hợp lệ.")),
    )
    errors |= _required_errors(
        ("summary", bool(summary), _("Thiếu nội dung tóm tắt của đơn.")),
        ("senders", has_sender, _("Cần người gửi đơn, hoặc đánh dấu đơn nặc danh.")),
        ("signatory_count", signatory_count >= 1, _("Số người đứng tên phải từ 1 trở lên.")),
        (
            "sender_body",
            source not in (PetitionSource.TRANSFERRED, PetitionSource.FORWARDED)
            or named_sender_body,
            _("Ghi rõ cơ quan, người đã chuyển đơn đến."),
        ),
    )
    return errors


@transaction.atomic
def petition_receive(
    *,
    unit: Unit,
    received_on: dt.date,
    source: str,
    petition_type: str,
    domain: str,
    summary: str,
    senders: list[Citizen],
    signatory_count: int = 1,
    anonymous: bool = False,
    case: Matter | None = None,
    visit=None,
    actor: User | None = None,
    sender_body: str = "",
    origin: Petition | None = None,
    split_from: Petition | None = None,
    sender_in_vault: bool = False,
) -> Petition:
    """Register a petition with the next number of the unit's year and start its clocks.

    `sender_in_vault`: a denunciation whose sender the caller seals in the vault instead of
    linking a registry row (the public channel, vault.vault_seal_intake)."""
    summary = nfc(summary or "")
    _raise_first(
        _receive_errors(
            received_on=received_on,
            source=source,
            petition_type=petition_type,
            domain=domain,
            summary=summary,
            has_sender=bool(senders) or anonymous or sender_in_vault,
            signatory_count=signatory_count,
            named_sender_body=bool(sender_body or origin),
        )
    )
    petition = Petition.objects.create(
        unit=unit,
        year=received_on.year,
        number=next_number(
            sequence=constants.NUMBER_SEQUENCE, unit_id=unit.pk, year=received_on.year
        ),
        received_on=received_on,
        source=source,
        petition_type=petition_type,
        domain=domain,
        summary=summary,
        summary_key=search_key(summary),
        signatory_count=max(signatory_count, len(senders), 1),
        anonymous=anonymous,
        case=case,
        visit=visit,
        created_by=actor,
        sender_body=nfc(sender_body),
        origin=origin,
        split_from=split_from,
    )
    if senders:
        petition.senders.add(*senders)
    # Anonymous: nobody to notify, and an anonymous denunciation is not processed as a
    # denunciation (Luật TC Art 25): only the processing time limit runs.
    rules = ["petition.process"] if anonymous else list(INTAKE_RULES[petition_type])
    if received_on >= ALARM_FROM:
        rules.append(ALARM_RULE)
    open_clocks(petition, rules, received_on, actor)
    audit(
        constants.PETITION_RECEIVED,
        petition,
        actor,
        number=petition.number,
        source=source,
        type=petition_type,
        mass=petition.signatory_count >= MASS_GROUP_THRESHOLD,
    )
    return petition


def _classified_clocks(petition: Petition, old_type: str, actor: User | None) -> None:
    """The clocks a (re)classification starts, counted from receipt."""
    petition_type, within_jurisdiction = petition.petition_type, petition.within_jurisdiction
    if (
        old_type != petition_type
        and petition_type == PetitionType.DENUNCIATION
        and not petition.anonymous
    ):
        # A petition found to be a denunciation gets the 7-working-day intake check from receipt.
        open_clocks(petition, ["denunciation.intake"], petition.received_on, actor)
    transfer_clock_needed = (
        petition_type == PetitionType.DENUNCIATION
        and within_jurisdiction is False
        and not calendar_selectors.clock_list_for_target(petition)
        .filter(rule_code="denunciation.transfer")
        .exists()
    )
    if transfer_clock_needed:
        # Not competent: transfer within 5 working days and tell the denouncer (Luật TC Art 24.2).
        open_clocks(petition, ["denunciation.transfer"], petition.received_on, actor)


@transaction.atomic
def petition_classify(
    *,
    petition: Petition,
    actor: User | None,
    petition_type: str,
    domain: str,
    eligibility: str,
    within_jurisdiction: bool | None,
    prior_resolution: str = PriorResolution.UNRESOLVED,
    ineligible_reason: str = "",
) -> Petition:
    """Classify by content (not by title), eligibility with its statutory reason, jurisdiction."""
    errors: Errors = {}
    if petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        errors["status"] = [_("Đơn đã xử lý, không phân loại lại.")]
    errors |= _choice_errors(
        ("petition_type", petition_type, PetitionType.values, _("Loại đơn không hợp lệ.")),
        ("domain", domain, Domain.values, _("Lĩnh vực không hợp lệ.")),
        (
            "eligibility",
            eligibility,
            Eligibility.values,
            _("Chọn đủ hoặc không đủ điều kiện xử lý."),
        ),
    )
    if eligibility == Eligibility.INELIGIBLE and ineligible_reason not in IneligibleReason.values:
        errors["ineligible_reason"] = [_("Chọn lý do đơn không đủ điều kiện xử lý.")]
    errors |= _choice_errors(
        (
            "prior_resolution",
            prior_resolution,
            PriorResolution.values,
            _("Tình trạng giải quyết không hợp lệ."),
        )
    )
    _raise_first(errors)
    old_type = petition.petition_type
    petition.petition_type = petition_type
    petition.domain = domain
    petition.eligibility = eligibility
    petition.ineligible_reason = ineligible_reason if eligibility == Eligibility.INELIGIBLE else ""
    petition.within_jurisdiction = within_jurisdiction
    petition.prior_resolution = prior_resolution
    petition.save()
    _classified_clocks(petition, old_type, actor)
    audit(
        constants.PETITION_CLASSIFIED,
        petition,
        actor,
        type=petition_type,
        domain=domain,
        eligibility=eligibility,
        reason=ineligible_reason,
        within=within_jurisdiction,
    )
    return petition


def sender_citizens(petition: Petition) -> list[Citizen]:
    """The senders linked in plain of `petition`, for a new petition made from it (a part of
    it, a copy transferred in). A sealed denunciation has none: its copies carry the vault's
    records instead (`sealed_people`, `vault.vault_seal_copy`)."""
    return list(petition.senders.all())


def sealed_people(petition: Petition) -> list:
    """The senders the vault holds for `petition` (a sealed denunciation), [] otherwise."""
    return vault.sealed_senders([petition]).get(petition.pk, [])


@transaction.atomic
def petition_split(
    *, petition: Petition, actor: User | None, parts: list[dict[str, str]]
) -> list[Petition]:
    """Split a mixed petition into one record per content (TT 05/2021; Luật TCD Art 25.3).

    The parts of a sealed denunciation are denunciations sealed from their first write: their
    texts stored redacted, their senders the vault's records copied (`vault.vault_seal_copy`),
    no registry link."""
    if petition.parts.exists():
        raise DomainError(_("Đơn này đã được tách."))
    if len(parts) < 2:
        raise DomainError(_("Tách đơn cần ít nhất hai nội dung."), fields={"parts": [_("≥ 2")]})
    senders, sealed = sender_citizens(petition), sealed_people(petition)
    created = []
    for part in parts:
        if part.get("petition_type") == PetitionType.MIXED:
            raise DomainError(_("Mỗi phần sau khi tách phải là một loại đơn cụ thể."))
        if sealed and part.get("petition_type") != PetitionType.DENUNCIATION:
            # Its sender linked in plain to a part split from the denunciation: the denouncer,
            # named through the link.
            message = _(
                "Đơn tố cáo đã niêm phong thông tin người tố cáo chỉ tách được thành các đơn tố "
                "cáo; nội dung khác được tiếp nhận thành đơn riêng."
            )
            raise DomainError(message, fields={"parts": [message]})
        summary = nfc(part["summary"] or "")
        created.append(
            petition_receive(
                unit=petition.unit,
                received_on=petition.received_on,
                source=petition.source,
                petition_type=part["petition_type"],
                domain=part.get("domain", petition.domain),
                summary=vault.intake_redact(summary, sealed) if sealed else summary,
                senders=senders,
                signatory_count=petition.signatory_count,
                anonymous=petition.anonymous,
                actor=actor,
                sender_body=petition.sender_body,
                split_from=petition,
                visit=petition.visit,
                origin=petition.origin,
                sender_in_vault=bool(sealed),
            )
        )
        if sealed:
            vault.vault_seal_copy(source=petition, copy=created[-1], texts={"summary": summary})
    petition.status = PetitionStatus.CLOSED
    petition.outcome = Outcome.FILE
    petition.decided_on = today()
    petition.decision_reason = _("Đã tách thành %(n)d đơn theo từng nội dung.") % {"n": len(parts)}
    petition.save()
    stop_clocks(
        petition,
        [c for r in INTAKE_RULES.values() for c in r] + [ALARM_RULE],
        petition.decided_on,
        actor,
    )
    audit(constants.PETITION_SPLIT, petition, actor, parts=[p.pk for p in created])
    return created


@transaction.atomic
def petition_mark_duplicate(*, petition: Petition, of: Petition, actor: User | None) -> Petition:
    """Link a duplicate (đơn trùng): counted as ineligible, filed after its original."""
    if petition.pk == of.pk:
        raise DomainError(_("Không thể đánh dấu đơn trùng với chính nó."))
    if of.duplicate_of_id == petition.pk:
        raise DomainError(_("Đơn kia đang được đánh dấu trùng với đơn này."))
    petition.duplicate_of = of.duplicate_of or of
    petition.eligibility = Eligibility.INELIGIBLE
    petition.ineligible_reason = IneligibleReason.DUPLICATE
    petition.save()
    audit(constants.PETITION_DUPLICATE_MARKED, petition, actor, of=of.pk)
    return petition


@transaction.atomic
def petition_propose(*, petition: Petition, actor: User, outcome: str, note: str) -> Petition:
    """Phiếu đề xuất: the processing officer proposes an outcome to the head."""
    if petition.status not in (PetitionStatus.RECEIVED, PetitionStatus.PROPOSED):
        raise DomainError(_("Đơn đã được xử lý."))
    if outcome not in Outcome.values:
        raise DomainError(_("Hướng xử lý không hợp lệ."), fields={"outcome": [_("Không hợp lệ.")]})
    if petition.eligibility == Eligibility.PENDING:
        raise DomainError(_("Phân loại đơn (đủ/không đủ điều kiện) trước khi đề xuất."))
    petition.proposed_outcome = outcome
    petition.proposal_note = nfc(note)
    petition.proposed_by = actor
    petition.status = PetitionStatus.PROPOSED
    petition.save()
    audit(constants.PETITION_PROPOSED, petition, actor, outcome=outcome)
    return petition


@transaction.atomic
def petition_register(
    *,
    unit: Unit,
    actor: User,
    people: list[dict[str, Any]],
    scan: File | None = None,
    **values: Any,
) -> Petition:
    """A petition entered at the desk or through the API, all or nothing: its senders found in
    (or added to) the registry, the petition received (`petition_receive`'s keywords in
    `values`), its scan attached. A sender's invalid field is reported as
    `citizens[i].<field>`."""
    senders = citizen_services.citizens_find_or_create(unit=unit, actor=actor, people=people)
    petition = petition_receive(unit=unit, actor=actor, senders=senders, **values)
    if scan:
        PetitionAttachment.objects.create(
            petition=petition, title=_("Bản quét đơn"), file=scan, uploaded_by=actor
        )
    return petition
