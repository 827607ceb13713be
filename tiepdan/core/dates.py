"""The dates a period may span (reports, registers): far enough for any real record, near
enough that the period's arithmetic (previous period, weeks, quarters) never leaves the
calendar (`date.max` plus one day is an OverflowError)."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)

PERIOD_DATE_VALIDATORS = [
    MinValueValidator(EARLIEST, message=_("Ngày phải từ 01/01/1990 trở đi.")),
    MaxValueValidator(LATEST, message=_("Ngày phải trước 31/12/2100.")),
]
