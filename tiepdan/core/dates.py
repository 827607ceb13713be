"""Plausible dates: what a form accepts as a date a person meant.

A date typed as year 1 or 9999 is a slip of the keyboard, and PostgreSQL stores year 1 as a BC
timestamp that cannot be read back: one such visit took the whole register of its unit down.
Every date and date-time field of every form (the project's and the admin's) therefore checks a
range: dates of events from 1945 (the first legal acts on citizens' petitions) and dates of
birth from 1900, up to ten years ahead (appointments, plan periods, deadlines). The checks are
installed once, as default validators of Django's form fields (`install`), so that no form can
forget them; a test walks every form to prove it.

Periods of reports and registers have their own, narrower bounds (`PERIOD_DATE_VALIDATORS`):
far enough for any real record, near enough that a period's arithmetic (previous period, weeks,
quarters) never leaves the calendar (`date.max` plus one day is an OverflowError).
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EARLIEST_EVENT = dt.date(1945, 1, 1)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
YEARS_AHEAD = 10


def latest() -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    # A form's date-time is already in the current time zone; converting year 1 would overflow.
    return value.date() if isinstance(value, dt.datetime) else value


def plausible_date(value: dt.date | None) -> None:
    """A date (birth dates included) between 1900 and ten years ahead."""
    if value is None:
        return
    day = _as_date(value)
    if day < EARLIEST_BIRTH or day > latest():
        raise ValidationError(
            _("Ngày không hợp lệ: chỉ nhận từ năm %(first)d đến năm %(last)d.")
            % {"first": EARLIEST_BIRTH.year, "last": latest().year},
            code="implausible_date",
        )


def plausible_datetime(value: dt.datetime | None) -> None:
    """A moment of an event (a visit, an appointment) between 1945 and ten years ahead."""
    if value is None:
        return
    day = _as_date(value)
    if day < EARLIEST_EVENT or day > latest():
        raise ValidationError(
            _("Thời điểm không hợp lệ: chỉ nhận từ năm %(first)d đến năm %(last)d.")
            % {"first": EARLIEST_EVENT.year, "last": latest().year},
            code="implausible_date",
        )


def install() -> None:
    """Make the checks default validators of every form date and date-time field."""
    if plausible_date not in forms.DateField.default_validators:
        forms.DateField.default_validators = [
            *forms.DateField.default_validators,
            plausible_date,
        ]
    if plausible_datetime not in forms.DateTimeField.default_validators:
        forms.DateTimeField.default_validators = [
            *forms.DateTimeField.default_validators,
            plausible_datetime,
        ]


EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)

PERIOD_DATE_VALIDATORS = [
    MinValueValidator(EARLIEST, message=gettext_lazy("Ngày phải từ 01/01/1990 trở đi.")),
    MaxValueValidator(LATEST, message=gettext_lazy("Ngày phải trước 31/12/2100.")),
]
