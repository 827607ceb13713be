"""Partner situation notes (tin phối hợp): a note of a group on the move raises an alert at once
and feeds the hotspot scan."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.classification import Domain
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc, search_key
from tiepdan.monitoring import constants, selectors
from tiepdan.monitoring.models import (
    Alert,
    AlertKind,
    AlertLevel,
    NoteIntent,
    SituationNote,
    TargetLevel,
)
from tiepdan.monitoring.services.alerts import _create_alert, alert_partner_units
from tiepdan.organizations.models import Unit, User

RAISING_INTENTS = frozenset({NoteIntent.GO_HIGHER, NoteIntent.GATHER, NoteIntent.LEADER_HOME})


def _note_errors(
    *,
    unit: Unit,
    author_unit: Unit,
    observed_on: date,
    place: str,
    people: int,
    intent: str,
    text: str,
    target_level: str,
    domain: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not place:
        errors["place"] = [_("Nhập địa điểm, khu dân cư.")]
    if not text:
        errors["text"] = [_("Nhập nội dung tin.")]
    if people is None or people < 1:
        errors["people"] = [_("Số người phải từ 1 trở lên.")]
    if intent not in NoteIntent.values:
        errors["intent"] = [_("Chọn ý định.")]
    if target_level not in TargetLevel.values:
        errors["target_level"] = [_("Chọn nơi dự kiến đến.")]
    if domain and domain not in Domain.values:
        errors["domain"] = [_("Lĩnh vực không hợp lệ.")]
    if observed_on > timezone.localdate():
        errors["observed_on"] = [_("Ngày nắm tình hình không được sau hôm nay.")]
    if not unit.path.startswith(author_unit.path) and not author_unit.path.startswith(unit.path):
        errors["unit"] = [_("Chỉ báo tin cho đơn vị cấp trên hoặc cấp dưới của đơn vị mình.")]
    return errors


def _raises_alert(note: SituationNote) -> bool:
    """A group going higher, gathering or to a leader's home, a mass group, or one heading
    beyond the locality (S26)."""
    limits = selectors.limits_for(note.unit)
    return (
        note.intent in RAISING_INTENTS
        or note.people >= limits.mass_group_people
        or note.target_level != TargetLevel.LOCAL
    )


def _note_alert(note: SituationNote, actor: User | None) -> Alert:
    people, target_level = note.people, note.target_level
    critical = people > 10 or target_level in {TargetLevel.PROVINCE, TargetLevel.CENTRAL}
    return _create_alert(
        unit=note.unit,
        kind=AlertKind.PARTNER_NOTE,
        level=AlertLevel.CRITICAL if critical else AlertLevel.WARNING,
        summary=_("%(author)s báo: %(place)s, khoảng %(n)d người — %(intent)s (%(target)s)")
        % {
            "author": note.author_unit.name,
            "place": note.place,
            "n": people,
            "intent": NoteIntent(note.intent).label,
            "target": TargetLevel(target_level).label,
        },
        subjects=[{"note": note.pk, "people": people}],
        source=note,
        route_to=[*alert_partner_units(note.unit), note.author_unit],
        actor=actor,
    )


@transaction.atomic
def note_record(
    *,
    unit: Unit,
    author_unit: Unit,
    actor: User | None,
    observed_on: date,
    place: str,
    people: int,
    intent: str,
    text: str,
    target_level: str = TargetLevel.LOCAL,
    domain: str = "",
) -> SituationNote:
    """A partner's situation note (S13, S18). A group planning to go to a higher level, to the
    office or to a leader's home (S26), or a note of a mass group, raises an alert at once to
    the leader on duty and the police liaison; the note also feeds the hotspot scan."""
    place, text = nfc(place or ""), nfc(text or "")
    errors = _note_errors(
        unit=unit,
        author_unit=author_unit,
        observed_on=observed_on,
        place=place,
        people=people,
        intent=intent,
        text=text,
        target_level=target_level,
        domain=domain,
    )
    if errors:
        raise DomainError(next(iter(errors.values()))[0], code="invalid", fields=errors)
    note = SituationNote.objects.create(
        unit=unit,
        author_unit=author_unit,
        author=actor,
        observed_on=observed_on,
        place=place,
        place_key=search_key(place),
        people=people,
        intent=intent,
        target_level=target_level,
        domain=domain,
        text=text,
    )
    if _raises_alert(note):
        note.alert = _note_alert(note, actor)
        note.save(update_fields=["alert", "updated_at"])
    audit_services.audit_record(
        action=constants.NOTE_RECORDED,
        target=note,
        actor=actor,
        unit=unit,
        data={"people": people, "intent": intent, "alert": note.alert_id},
    )
    return note
