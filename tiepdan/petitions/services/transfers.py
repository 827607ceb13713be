"""Transfers between units, their replies, urging and the review of backlog petitions."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions import constants
from tiepdan.petitions.constants import (
    PetitionStatus,
    TransferStatus,
)
from tiepdan.petitions.models import BacklogReview, Petition, PetitionSource, Reminder, Transfer
from tiepdan.petitions.services.common import (
    audit,
    today,
)
from tiepdan.petitions.services.intake import (
    petition_receive,
    sealed_people,
    sender_citizens,
)
from tiepdan.vault import vault


def _received_copy(original: Petition, unit: Unit, received_on: dt.date, actor: User | None):
    """The receiving unit's copy. A sealed denunciation's copy is sealed from its first write:
    the redacted summary stored, the text as written and the senders copied in the vault
    (`vault.vault_seal_copy`), no registry link; it is adopted with the rest when the copy
    meets its matter."""
    sealed = sealed_people(original)
    copy = petition_receive(
        unit=unit,
        received_on=received_on,
        source=PetitionSource.TRANSFERRED,
        petition_type=original.petition_type,
        domain=original.domain,
        summary=original.summary if sealed else vault.original_text(original, "summary"),
        senders=sender_citizens(original),
        signatory_count=original.signatory_count,
        anonymous=original.anonymous,
        actor=actor,
        sender_body=original.unit.name,
        origin=original,
        sender_in_vault=bool(sealed),
    )
    if sealed:
        texts = {"summary": vault.original_text(original, "summary")}
        vault.vault_seal_copy(source=original, copy=copy, texts=texts)
    return copy


@transaction.atomic
def transfer_acknowledge(
    *, transfer: Transfer, actor: User | None, received_on: dt.date | None = None
) -> Petition:
    """The receiving unit takes the transferred petition into its own register: a copy with
    its own number, linked to the original so both units see one path."""
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("petition", "to_unit")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.SENT or transfer.to_unit is None:
        raise DomainError(_("Đơn chuyển này đã được tiếp nhận."))
    received_on = received_on or today()
    if received_on < transfer.sent_on:
        message = _("Ngày tiếp nhận trước ngày chuyển.")
        raise DomainError(message, fields={"received_on": [message]})
    if received_on > today():
        message = _("Ngày tiếp nhận ở tương lai.")
        raise DomainError(message, fields={"received_on": [message]})

    original = transfer.petition
    copy = _received_copy(original, transfer.to_unit, received_on, actor)
    transfer.status = TransferStatus.ACKNOWLEDGED
    transfer.acknowledged_on = received_on
    transfer.acknowledged_by = actor
    transfer.received_copy = copy
    transfer.save()
    if original.status == PetitionStatus.TRANSFERRED:
        original.status = PetitionStatus.DECIDED
        original.save(update_fields=["status", "updated_at"])
    audit_services.audit_record(
        action=constants.TRANSFER_ACKNOWLEDGED,
        target=transfer,
        actor=actor,
        unit=transfer.to_unit,
        data={"petition": original.pk, "copy": copy.pk},
    )
    return copy


@transaction.atomic
def transfer_record_reply(
    *, transfer: Transfer, actor: User | None, received_on: dt.date, summary: str
) -> Transfer:
    """Record the văn bản phúc đáp (the receiver's report of the result, Luật TCD Art 27.2)."""
    if transfer.reply_received_on:
        raise DomainError(_("Đã ghi nhận văn bản phúc đáp cho lần chuyển đơn này."))
    if received_on < transfer.sent_on or received_on > today():
        raise DomainError(
            _("Ngày nhận phúc đáp không hợp lệ."), fields={"received_on": [_("Không hợp lệ.")]}
        )
    if not nfc(summary):
        raise DomainError(_("Ghi tóm tắt nội dung phúc đáp."), fields={"summary": [_("Bắt buộc.")]})
    transfer.reply_received_on = received_on
    transfer.reply_summary = nfc(summary)
    transfer.status = TransferStatus.REPLIED
    transfer.save()
    petition = transfer.petition
    petition.status = PetitionStatus.CLOSED
    petition.save(update_fields=["status", "updated_at"])
    audit_services.audit_record(
        action=constants.TRANSFER_REPLIED,
        target=transfer,
        actor=actor,
        unit=transfer.from_unit,
        data={"petition": petition.pk},
    )
    return transfer


@transaction.atomic
def petition_urge(
    *, petition: Petition, actor: User | None, text: str, to_unit: Unit | None = None
) -> Reminder:
    """Đôn đốc: remind the unit holding the petition (a transferee or a subordinate)."""
    if not nfc(text):
        raise DomainError(_("Nhập nội dung đôn đốc."), fields={"text": [_("Bắt buộc.")]})
    reminder = Reminder.objects.create(
        petition=petition, to_unit=to_unit, sent_on=today(), text=nfc(text), sent_by=actor
    )
    audit(constants.PETITION_URGED, petition, actor, to_unit=to_unit.code if to_unit else None)
    return reminder


@transaction.atomic
def backlog_review(*, petition: Petition, actor: User | None, decision: str) -> BacklogReview:
    """Record the review of a backlog petition (rà soát đơn tồn đọng, S24)."""
    if not nfc(decision):
        raise DomainError(_("Ghi kết luận rà soát."), fields={"decision": [_("Bắt buộc.")]})
    review = BacklogReview.objects.create(
        petition=petition, reviewed_on=today(), decision=nfc(decision), reviewed_by=actor
    )
    audit(constants.BACKLOG_REVIEWED, petition, actor)
    return review
