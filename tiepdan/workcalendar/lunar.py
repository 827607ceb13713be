"""Lunar dates around Tết, for display on the calendar pages (pure).

The date of Tết (mùng 1 tháng Giêng) comes from the `holidays` package's Vietnamese lunisolar
table. The length of the last lunar month (tháng Chạp: 29 or 30 days, which decides whether
giao thừa is the 29th or the 30th) is not in that table, so the new moon that starts tháng Chạp
is computed with the standard mean-lunation series (Meeus, as used by Hồ Ngọc Đức's
Vietnamese calendar) at UTC+7. Only days within `TET_WINDOW` days of Tết are converted.
"""

import math
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

TET_WINDOW = 15
_VN_TIMEZONE = 7.0
_JD_ORDINAL_OFFSET = 1721425  # Julian day number of date.fromordinal(1) is 1721426
_lunisolar = _ChineseLunisolar(VIETNAMESE_CALENDAR)


@lru_cache(maxsize=256)
def lunar_new_year(year: int) -> date | None:
    """Mùng 1 Tết of the lunar year that starts in Gregorian `year`."""
    day, _estimated = _lunisolar.lunar_new_year_date(year)
    return day


def _new_moon_jdn(k: int) -> int:
    """Julian day number (local UTC+7 day) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) - 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) - 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) + 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return int(jd1 + c1 - delta_t + 0.5 + _VN_TIMEZONE / 24)


def new_moon_on_or_before(day: date) -> date:
    """The first day of the lunar month containing `day`."""
    jdn = day.toordinal() + _JD_ORDINAL_OFFSET
    k = int((jdn - 2415021.076998695) / 29.530588853)
    for candidate in (k + 1, k, k - 1, k - 2):
        start = _new_moon_jdn(candidate)
        if start <= jdn:
            return date.fromordinal(start - _JD_ORDINAL_OFFSET)
    raise ValueError(day)  # unreachable: lunations are < 30 days


def tet_lunar_date(day: date) -> tuple[int, int] | None:
    """(lunar day, lunar month) for a day within `TET_WINDOW` days of Tết, else None.

    Month 12 is tháng Chạp of the ending lunar year, month 1 tháng Giêng of the new one.
    """
    for year in (day.year, day.year + 1):
        tet = lunar_new_year(year)
        if tet is None or abs((day - tet).days) > TET_WINDOW:
            continue
        if day >= tet:
            return (day - tet).days + 1, 1
        month_start = new_moon_on_or_before(tet - timedelta(days=1))
        return (day - month_start).days + 1, 12
    return None


def lunar_label(day: date) -> str:
    """Label such as "30 tháng Chạp" or "Mùng 1 Tết"; empty outside the Tết window."""
    found = tet_lunar_date(day)
    if found is None:
        return ""
    lunar_day, month = found
    if month == 1:
        return f"Mùng {lunar_day} Tết" if lunar_day <= 10 else f"{lunar_day} tháng Giêng"
    return f"{lunar_day} tháng Chạp"


def tet_break(year: int, is_working_day: Callable[[date], bool]) -> tuple[date, date] | None:
    """The Tết break of `year`: the run of consecutive non-working days around mùng 1 Tết."""
    tet = lunar_new_year(year)
    if tet is None or is_working_day(tet):
        return None
    first = last = tet
    while not is_working_day(first - timedelta(days=1)) and (tet - first).days < TET_WINDOW:
        first -= timedelta(days=1)
    while not is_working_day(last + timedelta(days=1)) and (last - tet).days < TET_WINDOW:
        last += timedelta(days=1)
    return first, last
