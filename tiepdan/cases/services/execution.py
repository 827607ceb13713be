"""Execution of a decision or conclusion (Luật KN Arts 44-46; Luật TC Art 36; reports
01-04/KQGQ): money in triệu đồng, land in m²."""

import dataclasses
import datetime as dt
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.cases.models import Case
from tiepdan.cases.services.common import (
    Kind,
    check_date,
    invalid,
    lock,
    record_event,
    require_resolved,
)
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User

ZERO = Decimal(0)


@dataclass(frozen=True)
class ExecutionFigures:
    """One execution record's figures, named as the case's fields.

    What was executed (recovered, returned, persons disciplined, referred to investigators,
    prosecuted) adds up over the records; what the decision orders (`decision_*`,
    `proposed_*`) is set as stated, None leaving it as it was."""

    money_to_state: Decimal = ZERO
    money_returned: Decimal = ZERO
    money_returned_orgs: Decimal = ZERO
    land_to_state: Decimal = ZERO
    land_returned: Decimal = ZERO
    land_returned_orgs: Decimal = ZERO
    restored_orgs: int = 0
    restored_persons: int = 0
    persons_disciplined: int = 0
    disciplined_officials: int = 0
    orgs_disciplined: int = 0
    referred_cases: int = 0
    referred_persons: int = 0
    referred_officials: int = 0
    prosecuted_cases: int = 0
    prosecuted_persons: int = 0
    prosecuted_officials: int = 0
    decision_money_to_state: Decimal | None = None
    decision_land_to_state: Decimal | None = None
    decision_money_returned: Decimal | None = None
    decision_money_returned_orgs: Decimal | None = None
    decision_land_returned: Decimal | None = None
    decision_land_returned_orgs: Decimal | None = None
    decision_restored_orgs: int | None = None
    decision_restored_persons: int | None = None
    proposed_disciplined: int | None = None
    proposed_disciplined_officials: int | None = None
    proposed_disciplined_orgs: int | None = None

    @staticmethod
    def _ordered(name: str) -> bool:
        return name.startswith(("decision_", "proposed_"))

    def _typed(self, field: dataclasses.Field) -> Decimal | int:
        # Forms and the API may pass strings or floats: amounts become Decimal, counts int.
        value = getattr(self, field.name)
        amount = field.type is Decimal or Decimal in typing.get_args(field.type)
        return Decimal(value) if amount else int(value)

    def added(self) -> dict[str, Decimal | int]:
        """What this record adds to the executed figures."""
        return {
            f.name: self._typed(f) for f in dataclasses.fields(self) if not self._ordered(f.name)
        }

    def ordered(self) -> dict[str, Decimal | int]:
        """What the decision orders, as stated in this record (the figures given)."""
        return {
            f.name: self._typed(f)
            for f in dataclasses.fields(self)
            if self._ordered(f.name) and getattr(self, f.name) is not None
        }


# The "trong đó" figures of the report forms: a part never exceeds its whole.
PARTS = (
    ("money_returned_orgs", "money_returned"),
    ("land_returned_orgs", "land_returned"),
    ("disciplined_officials", "persons_disciplined"),
    ("referred_officials", "referred_persons"),
    ("prosecuted_officials", "prosecuted_persons"),
    ("decision_money_returned_orgs", "decision_money_returned"),
    ("decision_land_returned_orgs", "decision_land_returned"),
    ("proposed_disciplined_officials", "proposed_disciplined"),
)


def _label(name: str) -> str:
    return str(getattr(Case._meta.get_field(name), "verbose_name", name))


def _apply(case: Case, added: dict[str, Decimal | int], ordered: dict[str, Decimal | int]) -> None:
    for name, value in [*added.items(), *ordered.items()]:
        if value < 0:
            raise invalid(name, _("Số liệu không được âm."))
    for name, value in added.items():
        setattr(case, name, getattr(case, name) + value)
    for name, value in ordered.items():
        setattr(case, name, value)
    for part, whole in PARTS:
        if getattr(case, part) > getattr(case, whole):
            raise invalid(
                part,
                _("Lớn hơn tổng số «%(whole)s» (%(value)s).")
                % {
                    "whole": _label(whole),
                    "value": getattr(case, whole),
                },
            )


def _complete(case: Case, on: dt.date) -> None:
    if case.executed_on is not None:
        raise DomainError(
            _("Đã ghi nhận thi hành xong ngày %s.") % case.executed_on.strftime("%d/%m/%Y"),
            code="already_executed",
        )
    if case.decided_on and on < case.decided_on:
        raise invalid("on", _("Ngày thi hành xong trước ngày ban hành."))
    case.executed_on = on


@transaction.atomic
def case_execution_record(
    *,
    case: Case,
    on: dt.date,
    actor: User,
    completed: bool = False,
    note: str = "",
    figures: ExecutionFigures | None = None,
    **values: Any,
) -> Case:
    """Execution of a decision or conclusion: `figures` (or the same names as keywords, as the
    step form sends them) — see `ExecutionFigures`. `completed` marks the decision executed
    completely on `on` (số quyết định đã thực hiện xong)."""
    figures = figures or ExecutionFigures(**values)
    case = lock(case)
    require_resolved(case)
    check_date(case, on)
    added, ordered = figures.added(), figures.ordered()
    _apply(case, added, ordered)
    if completed:
        _complete(case, on)
    case.save()
    data: dict[str, Any] = {k: str(v) for k, v in [*added.items(), *ordered.items()] if v}
    if completed:
        data["completed"] = True
    record_event(case, Kind.EXECUTION, on, actor, nfc(note or ""), **data)
    return case
