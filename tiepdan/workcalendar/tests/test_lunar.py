"""Lunar dates around Tết, checked against the holidays package's Tết table."""

from datetime import date, timedelta

import pytest

from tiepdan.workcalendar import lunar


def test_lunar_new_moon_matches_package_tet_dates_2000_2099() -> None:
    for year in range(2000, 2100):
        tet = lunar.lunar_new_year(year)
        assert lunar.new_moon_on_or_before(tet) == tet, year


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 1, 28), "29 tháng Chạp"),  # giao thừa 2025: tháng Chạp Giáp Thìn has 29 days
        (date(2025, 1, 29), "Mùng 1 Tết"),
        (date(2026, 2, 14), "27 tháng Chạp"),
        (date(2026, 2, 16), "29 tháng Chạp"),
        (date(2026, 2, 22), "Mùng 6 Tết"),
        (date(2025, 6, 1), ""),
    ],
)
def test_lunar_label(day: date, label: str) -> None:
    assert lunar.lunar_label(day) == label


def test_lunar_label_is_consecutive_across_tet() -> None:
    tet = date(2027, 2, 6)
    assert lunar.lunar_label(tet) == "Mùng 1 Tết"
    assert lunar.tet_lunar_date(tet - timedelta(days=1))[1] == 12


def test_tet_break_is_the_run_of_days_off_around_mung_1() -> None:
    from tiepdan.workcalendar.tests.conftest import SEED_CALENDAR

    assert lunar.tet_break(2025, SEED_CALENDAR.is_working_day) == (
        date(2025, 1, 25),
        date(2025, 2, 2),
    )
    assert lunar.tet_break(2026, SEED_CALENDAR.is_working_day) == (
        date(2026, 2, 14),
        date(2026, 2, 22),
    )


@pytest.mark.parametrize(
    ("day", "name"),
    [
        # Tháng Chạp of Bính Ngọ has 29 days: giao thừa is the 29th, the day before the 28th.
        (date(2027, 2, 4), "28 Tết"),
        (date(2025, 1, 27), "28 Tết"),
    ],
)
def test_the_day_before_giao_thua_is_named_by_its_lunar_day(day: date, name: str) -> None:
    from tiepdan.workcalendar.defaults import package_holidays

    assert package_holidays(day.year)[day] == name
    assert lunar.lunar_label(day) == f"{name.split()[0]} tháng Chạp"
    assert package_holidays(day.year)[day + timedelta(days=1)] == "Giao thừa Tết Nguyên Đán"
