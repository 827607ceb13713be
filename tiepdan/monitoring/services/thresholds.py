"""The thresholds of a unit's alerts, set by its administrator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.monitoring import constants, selectors
from tiepdan.monitoring.models import Thresholds
from tiepdan.organizations.models import Unit, User


@transaction.atomic
def thresholds_update(*, unit: Unit, actor: User, **values: int) -> Thresholds:
    """Set the thresholds of `unit` (and of its subtree unless a lower unit sets its own)."""
    row = Thresholds.objects.select_for_update().filter(unit=unit).first()
    before = {}
    if row is None:
        row = Thresholds(
            unit=unit,
            **{f: getattr(selectors.limits_for(unit), f) for f in selectors.LIMIT_FIELDS},
        )
    else:
        before = {f: getattr(row, f) for f in values}
    for name, value in values.items():
        if name not in selectors.LIMIT_FIELDS:
            raise DomainError(_("Không có ngưỡng «%(n)s».") % {"n": name}, code="invalid")
        setattr(row, name, value)
    row.updated_by = actor
    try:
        row.full_clean(exclude=["unit"])
    except ValidationError as exc:
        fields = exc.message_dict
        if "__all__" in fields:
            fields["critical_score"] = fields.pop("__all__")
        raise DomainError(
            _("Ngưỡng không hợp lệ: %(m)s") % {"m": next(iter(fields.values()))[0]},
            code="invalid",
            fields=fields,
        ) from exc
    if row.critical_score < row.alert_score:
        msg = _("Điểm «khẩn» phải không nhỏ hơn điểm «cảnh báo».")
        raise DomainError(msg, code="invalid", fields={"critical_score": [msg]})
    row.save()
    audit_services.audit_record(
        action=constants.THRESHOLDS_UPDATED,
        target=row,
        actor=actor,
        unit=unit,
        data={"before": before, "after": dict(values)},
    )
    return row
