"""The public channel's writes: a citizen's online petition enters the unit's intake through
the petitions services (source `online`, its clocks, its audit), and a rating of the handling.

Everything a citizen sends is checked before anything is written, and written in one
transaction: a refused submission leaves nothing behind.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.citizens import services as citizen_services
from tiepdan.citizens.validation import normalise_phone, parse_id_number
from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.core.limits import text_max_length
from tiepdan.core.text import digits, nfc
from tiepdan.core.uploads import SIGNATURES
from tiepdan.organizations.models import Unit
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment, PetitionSource
from tiepdan.portal import constants
from tiepdan.portal.models import PublicSubmission, Rating
from tiepdan.vault import vault

# The types a citizen chooses from (a mixed petition is the officer's finding, not theirs).
PUBLIC_TYPES = (PetitionType.COMPLAINT, PetitionType.DENUNCIATION, PetitionType.PROPOSAL)
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


def digest(value: str) -> str:
    """A keyed digest of a CCCD or phone number: enough to match a look-up, useless to read."""
    key = f"portal:{settings.TIEPDAN_FIELD_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def new_tracking_code() -> str:
    return "".join(secrets.choice(constants.CODE_ALPHABET) for _ in range(constants.CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What the citizen typed (lower case, spaces, dashes) as a stored code."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """`ABCDEFGHJKMN` → `ABCD-EFGH-JKMN`, easier to read out and copy."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _text(errors: dict, name: str, value: Any, label: str, *, required: bool, limit: int) -> str:
    text = nfc(str(value or ""))
    if required and not text:
        errors[name] = [_("Vui lòng nhập %(f)s.") % {"f": label}]
    elif _MARKUP.search(text):
        errors[name] = [
            _("%(f)s không được chứa mã HTML (thẻ bắt đầu bằng dấu <).") % {"f": label.capitalize()}
        ]
    elif len(text) > limit:
        errors[name] = [
            _("%(f)s dài quá %(n)s ký tự.") % {"f": label.capitalize(), "n": f"{limit:,}"}
        ]
    return text


def check_attachment(upload: UploadedFile) -> str:
    """Why an attachment is refused ("" when accepted): its type by name and first bytes, and
    its size."""
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in SIGNATURES:
        return _("Tệp %(n)s: chỉ nhận tệp PDF, JPG, PNG hoặc TIFF.") % {"n": upload.name}
    if (upload.size or 0) > constants.MAX_ATTACHMENT_BYTES:
        return _("Tệp %(n)s lớn hơn %(m)s MB.") % {
            "n": upload.name,
            "m": constants.MAX_ATTACHMENT_BYTES // (1024 * 1024),
        }
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        return _("Tệp %(n)s: nội dung không đúng định dạng %(e)s.") % {
            "n": upload.name,
            "e": extension[1:].upper(),
        }
    return ""


@dataclass(frozen=True)
class Submitted:
    submission: PublicSubmission
    petition: Petition


def _receiving_unit(errors: dict[str, list[str]], unit_code: str) -> Unit | None:
    unit = Unit.objects.filter(code=str(unit_code or "")).first()
    today = timezone.localdate()
    if unit is None or unit.merged_into_id is not None or not unit.in_force_on(today):
        errors["unit"] = [_("Không tìm thấy cơ quan nhận đơn; vui lòng chọn lại cơ quan.")]
    return unit


def _sender_identity(errors: dict[str, list[str]], person: dict[str, str], sender: dict) -> None:
    """The CCCD and phone as the desk checks them; one of the two is needed to track."""
    raw_id, raw_phone = str(sender.get("id_number") or ""), str(sender.get("phone") or "")
    try:
        ident = parse_id_number(raw_id, None)
        person["id_number"] = ident.number if ident else ""
    except DomainError as exc:
        errors["sender.id_number"] = list(exc.fields.get("id_number", [exc.message]))
    try:
        person["phone"] = normalise_phone(raw_phone)
    except DomainError as exc:
        errors["sender.phone"] = list(exc.fields.get("phone", [exc.message]))
    if not digits(raw_id) and not digits(raw_phone):
        errors.setdefault(
            "sender.id_number",
            [_("Nhập số CCCD hoặc số điện thoại: cần một trong hai để tra cứu đơn.")],
        )


def _sender(errors: dict[str, list[str]], sender: dict) -> dict[str, str]:
    """The named sender's fields, each checked; an anonymous petition has none."""
    person: dict[str, str] = {}
    person["full_name"] = _text(
        errors,
        "sender.full_name",
        sender.get("full_name"),
        _("họ và tên"),
        required=True,
        limit=150,
    )
    person["address"] = _text(
        errors,
        "sender.address",
        sender.get("address"),
        _("địa chỉ"),
        required=False,
        limit=255,
    )
    email = _text(
        errors,
        "sender.email",
        sender.get("email"),
        _("thư điện tử"),
        required=False,
        limit=254,
    )
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        errors["sender.email"] = [_("Địa chỉ thư điện tử không hợp lệ.")]
    _sender_identity(errors, person, sender)
    if "sender.full_name" not in errors and any(ch.isdigit() for ch in person["full_name"]):
        errors["sender.full_name"] = [_("Họ và tên không được chứa chữ số.")]
    return person


def _attachment_errors(errors: dict[str, list[str]], attachments: list[UploadedFile]) -> None:
    if len(attachments) > constants.MAX_ATTACHMENTS:
        errors["attachments"] = [
            _("Gửi tối đa %(n)d tệp đính kèm.") % {"n": constants.MAX_ATTACHMENTS}
        ]
        return
    refused = [m for m in (check_attachment(a) for a in attachments) if m]
    if refused:
        errors["attachments"] = refused


def _clean(
    *,
    unit_code: str,
    petition_type: str,
    content: str,
    request: str,
    sender: dict | None,
    anonymous: bool,
    attachments: list[UploadedFile],
) -> tuple[Unit | None, dict[str, Any], dict[str, list[str]]]:
    """Every check of a public submission at once, so the form shows all its errors together."""
    errors: dict[str, list[str]] = {}
    limit = text_max_length()
    unit = _receiving_unit(errors, unit_code)
    if petition_type not in PUBLIC_TYPES:
        errors["petition_type"] = [_("Chọn loại đơn: khiếu nại, tố cáo hoặc kiến nghị, phản ánh.")]
    values: dict[str, Any] = {
        "content": _text(errors, "content", content, _("nội dung đơn"), required=True, limit=limit),
        "request": _text(errors, "request", request, _("yêu cầu"), required=False, limit=limit),
    }
    values["person"] = {} if anonymous else _sender(errors, sender or {})
    _attachment_errors(errors, attachments)
    return unit, values, errors


def public_petition_check(
    *,
    unit_code: str,
    petition_type: str,
    content: str,
    request: str = "",
    sender: dict | None = None,
    anonymous: bool = False,
) -> None:
    """Check a petition before the citizen confirms it (the same rules as the submission)."""
    _unit, _values, errors = _clean(
        unit_code=unit_code,
        petition_type=petition_type,
        content=content,
        request=request,
        sender=sender,
        anonymous=anonymous,
        attachments=[],
    )
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)


def public_petition_submit(
    *,
    unit_code: str,
    petition_type: str,
    content: str,
    request: str = "",
    sender: dict | None = None,
    anonymous: bool = False,
    attachments: list[UploadedFile] | None = None,
    client: str = "",
) -> Submitted:
    """Receive a petition a citizen sent online into the unit's intake, with a tracking code.

    A denunciation's sender is sealed before anything is written in plain (Luật TC Art 47):
    no registry row and no sender link are created for it; the sender, the content as written
    and the attachments go to the vault (`vault.vault_seal_intake`) and the petition keeps
    redacted copies, read back by the officers the sealing rule allows as for any sealed
    denunciation. Nothing of the sender is kept here but keyed digests to match a later look-up
    and the contact details given for notices, encrypted.

    Duplicates of a sealed online denunciation are suggested by its sender only to the officers
    the sealing rule lets see the sender (the vault's copy matched against the registry's
    senders, petitions.selectors.duplicate_suggestions); anyone else gets the suggestions by
    content alone, on the redacted text, since a "same sender" flag would name the denouncer
    through the other petition. Another sealed denunciation of the same person is not matched
    by sender at all: the vault keeps identities encrypted with no searchable digest, so a
    match would decrypt every sealed identity in scope at each page view, and a digest kept
    beside the seal would link a person's denunciations for anyone reading the database.
    """
    attachments = list(attachments or [])
    unit, values, errors = _clean(
        unit_code=unit_code,
        petition_type=petition_type,
        content=content,
        request=request,
        sender=sender,
        anonymous=anonymous,
        attachments=attachments,
    )
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    assert unit is not None
    person = values["person"]
    summary = values["content"]
    if values["request"]:
        summary = f"{summary}\n{_('Yêu cầu:')} {values['request']}"
    sealed = petition_type == PetitionType.DENUNCIATION and not anonymous
    with transaction.atomic():
        if sealed:
            submitted = _receive_sealed(unit, petition_type, summary, values, person, attachments)
        else:
            submitted = _receive_plain(unit, petition_type, summary, values, person, anonymous)
            _attach(submitted.petition, attachments)
        submission, petition = submitted.submission, submitted.petition
        audit_services.audit_record(
            action=constants.PUBLIC_SUBMITTED,
            target=submission,
            actor=None,
            unit=unit,
            data={
                "petition": petition.pk,
                "type": petition_type,
                "anonymous": anonymous,
                "attachments": len(attachments),
                "client": digest(client)[:16] if client else "",
            },
        )
    return Submitted(submission=submission, petition=petition)


def _receive_plain(
    unit: Unit,
    petition_type: str,
    summary: str,
    values: dict[str, Any],
    person: dict[str, str],
    anonymous: bool,
) -> Submitted:
    senders = []
    if not anonymous:
        try:
            senders = [citizen_services.citizen_find_or_create(unit=unit, actor=None, **person)]
        except DomainError as exc:
            raise DomainError(
                exc.message,
                code=exc.code,
                fields={f"sender.{k}": v for k, v in exc.fields.items()},
            ) from exc
    petition = petition_services.petition_receive(
        unit=unit,
        received_on=timezone.localdate(),
        source=PetitionSource.ONLINE,
        petition_type=petition_type,
        domain=Domain.OTHER,
        summary=summary,
        senders=senders,
        anonymous=anonymous,
        actor=None,
    )
    submission = _create_submission(petition, values["request"], person, anonymous)
    return Submitted(submission=submission, petition=petition)


def _scans(attachments: list[UploadedFile]) -> list[tuple[str, bytes]]:
    scans = []
    for upload in attachments:
        upload.seek(0)
        scans.append((nfc(upload.name or "")[:255], upload.read()))
    return scans


def _attach(petition: Petition, attachments: list[UploadedFile]) -> None:
    """The attachments of a petition received in plain; an anonymous denunciation's go to the
    vault encrypted (no plain file ever lands in storage), readable by the officers the
    sealing rule allows and adopted by its matter, if it meets one."""
    if not attachments:
        return
    if petition.petition_type == PetitionType.DENUNCIATION:
        vault.vault_seal_intake(petition=petition, people=[], texts={}, scans=_scans(attachments))
        return
    for upload in attachments:
        PetitionAttachment.objects.create(
            petition=petition, title=nfc(upload.name or "")[:255], file=upload
        )


def _receive_sealed(
    unit: Unit,
    petition_type: str,
    summary: str,
    values: dict[str, Any],
    person: dict[str, str],
    attachments: list[UploadedFile],
) -> Submitted:
    """A named denunciation: the sender only in the vault, the texts stored redacted."""
    sender = vault.SealedPerson(
        full_name=person.get("full_name", ""),
        address=person.get("address", ""),
        id_number=person.get("id_number", ""),
        phone=person.get("phone", ""),
    )
    people = [sender]
    summary = nfc(summary)  # as petition_receive stores it
    petition = petition_services.petition_receive(
        unit=unit,
        received_on=timezone.localdate(),
        source=PetitionSource.ONLINE,
        petition_type=petition_type,
        domain=Domain.OTHER,
        summary=vault.intake_redact(summary, people),
        senders=[],
        anonymous=False,
        actor=None,
        sender_in_vault=True,
    )
    vault.vault_seal_intake(
        petition=petition, people=people, texts={"summary": summary}, scans=_scans(attachments)
    )
    request = vault.intake_redact(values["request"], people)
    submission = _create_submission(petition, request, person, False)
    return Submitted(submission=submission, petition=petition)


def _create_submission(
    petition: Petition, request: str, person: dict[str, str], anonymous: bool
) -> PublicSubmission:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return PublicSubmission.objects.create(
                    petition=petition,
                    tracking_code=new_tracking_code(),
                    request=request,
                    id_digest=digest(person["id_number"]) if person.get("id_number") else "",
                    phone_digest=digest(person["phone"]) if person.get("phone") else "",
                    # The number to message: the one typed here, whoever the CCCD names.
                    phone_enc=vault.encrypt(person["phone"]) if person.get("phone") else None,
                    received_at=timezone.now(),
                )
        except IntegrityError:  # a code already taken: draw another
            continue
    raise DomainError(_("Không tạo được mã tra cứu; vui lòng gửi lại."), code="unavailable")


def submissions_anonymise(petition_ids: list[int]) -> int:
    """The personal data of the online submissions of `petition_ids`, at the end of the
    petition's retention period (privacy.erasure): the request, the contact details, the
    look-up digests and the rating's comment go; the tracking code, the dates and the score
    stay for the statistics. The caller holds the transaction. Returns how many."""
    from tiepdan.privacy import constants as privacy_constants

    submissions = PublicSubmission.objects.filter(petition_id__in=petition_ids)
    Rating.objects.filter(submission__in=submissions).exclude(comment="").update(
        comment="", updated_at=timezone.now()
    )
    return submissions.update(
        request=privacy_constants.ANONYMISED_TEXT,
        id_digest="",
        phone_digest="",
        email_enc=None,
        phone_enc=None,
        updated_at=timezone.now(),
    )


@transaction.atomic
def rating_submit(*, submission: PublicSubmission, score: Any, comment: str = "") -> Rating:
    """The citizen's rating (1–5 and a comment), once, after the matter closed."""
    from tiepdan.portal.selectors import tracking

    errors: dict[str, list[str]] = {}
    submission = PublicSubmission.objects.select_for_update().get(pk=submission.pk)
    if Rating.objects.filter(submission=submission).exists():
        raise DomainError(_("Đơn này đã được đánh giá; mỗi đơn chỉ đánh giá một lần."))
    if tracking(submission)["status"] not in constants.CLOSED_STATUSES:
        raise DomainError(_("Chỉ đánh giá được khi việc giải quyết đơn đã kết thúc."))
    try:
        value = int(str(score))
    except ValueError:
        value = 0
    if not 1 <= value <= 5:
        errors["score"] = [_("Chọn mức hài lòng từ 1 đến 5.")]
    text = _text(errors, "comment", comment, _("nhận xét"), required=False, limit=2000)
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    rating = Rating.objects.create(
        submission=submission, unit=submission.petition.unit, score=value, comment=text
    )
    audit_services.audit_record(
        action=constants.PUBLIC_RATED,
        target=rating,
        actor=None,
        unit=submission.petition.unit,
        data={"score": value},
    )
    return rating
