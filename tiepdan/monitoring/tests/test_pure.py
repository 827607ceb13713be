"""Scoring, forecast and charts: pure functions."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tiepdan.monitoring import charts, forecast, scoring
from tiepdan.monitoring.signals import quarter_of

D = dt.date(2025, 1, 20)
NAMES = {dt.date(2025, 1, 27) + dt.timedelta(days=i): "Nghỉ Tết Nguyên Đán Ất Tỵ" for i in range(5)}
NAMES[dt.date(2025, 4, 30)] = "Ngày Chiến thắng"


def off(day: dt.date) -> bool:
    return day.weekday() >= 5 or day in NAMES


CAL = forecast.CalendarInfo(is_working_day=lambda d: not off(d), names=NAMES)


def test_quarter_is_found_in_the_address_key() -> None:
    assert quarter_of("so 12, to 5, khu pho 3, phuong bac son") == "khu pho 3"
    assert quarter_of("thon dong son, xa quang tien") == "thon dong"
    assert quarter_of("kp 4 phuong an hoa") == "kp 4"
    assert quarter_of("duong le loi") == ""


def test_six_citizens_score_above_the_alert_threshold_with_an_explanation() -> None:
    daily = {D - dt.timedelta(days=i): 1 for i in range(6)}
    result = scoring.score(
        scoring.Evidence(citizens=6, visits=6, daily=daily), scoring.Limits(), D, None
    )
    assert result.level == "warning"
    assert result.explanation[0].startswith("6 công dân khác nhau")
    assert any("Xu hướng tăng" in line for line in result.explanation)


def test_tet_proximity_raises_the_score_from_the_calendar_names() -> None:
    ev = scoring.Evidence(citizens=5)
    sensitive = scoring.next_sensitive(D, NAMES, off, 14)
    assert sensitive is not None
    assert sensitive.is_tet
    assert sensitive.days_until == 7
    plain = scoring.score(ev, scoring.Limits(), D, None).score
    near_tet = scoring.score(ev, scoring.Limits(), D, sensitive)
    assert near_tet.score > plain
    assert "còn 7 ngày đến Nghỉ Tết Nguyên Đán Ất Tỵ" in near_tet.explanation[-1]


def test_nothing_scores_nothing_even_before_tet() -> None:
    sensitive = scoring.next_sensitive(D, NAMES, off, 14)
    assert scoring.score(scoring.Evidence(), scoring.Limits(), D, sensitive).score == 0


@given(
    citizens=st.integers(0, 500),
    largest=st.integers(0, 500),
    repeats=st.integers(0, 50),
    escalations=st.integers(0, 50),
    agencies=st.integers(0, 50),
    notes=st.integers(0, 20),
)
def test_score_is_bounded_and_monotone_in_citizens(
    citizens, largest, repeats, escalations, agencies, notes
) -> None:
    limits = scoring.Limits()
    ev = scoring.Evidence(
        citizens=citizens,
        largest_group=largest,
        repeat_visits=repeats,
        escalations=escalations,
        agencies=agencies,
        notes=notes,
    )
    more = scoring.Evidence(
        citizens=citizens + 1,
        largest_group=largest,
        repeat_visits=repeats,
        escalations=escalations,
        agencies=agencies,
        notes=notes,
    )
    a, b = scoring.score(ev, limits, D, None), scoring.score(more, limits, D, None)
    assert 0 <= a.score <= 100
    assert b.score >= a.score


def history(days: int = 500, base: int = 20) -> dict[dt.date, int]:
    out = {}
    for i in range(days):
        d = D - dt.timedelta(days=days - i)
        out[d] = 0 if off(d) else base + (5 if d.weekday() == 0 else 0)
    return out


def test_forecast_follows_weekdays_and_days_off() -> None:
    first, last = dt.date(2025, 3, 3), dt.date(2025, 3, 9)
    rows = forecast.predict(forecast.fit(history(), D, CAL), first, last, CAL)
    by_day = {d: e for d, e, _, _ in rows}
    monday, saturday = first, dt.date(2025, 3, 8)
    assert by_day[monday] > by_day[dt.date(2025, 3, 4)]
    assert by_day[saturday] < 5
    for _, e, lo, hi in rows:
        assert lo <= e <= hi


def test_forecast_without_history_is_zero_and_needs_one_officer() -> None:
    rows = forecast.predict(forecast.fit({}, D, CAL), D, D, CAL)
    assert rows == [(D, 0.0, 0.0, 0.0)]
    assert forecast.officers_needed(rows[0][3]) == 1
    assert forecast.officers_needed(25.0, per_officer=12) == 3


def test_backtest_of_a_steady_history_has_a_small_error() -> None:
    rows = forecast.backtest(history(), D, CAL, weeks=4)
    assert len(rows) == 4
    assert forecast.mean_error(rows) < 0.15


def test_charts_escape_text_and_draw_every_point() -> None:
    svg = charts.trend_chart(
        [(D, 3), (D + dt.timedelta(days=1), 5)],
        [(D + dt.timedelta(days=2), 4.0, 2.0, 6.0)],
        title="<b>Lượt tiếp</b>",
        history_label="a",
        forecast_label="b",
    )
    assert "<b>" not in svg
    assert "&lt;b&gt;Lượt tiếp" in svg
    assert svg.count("<rect") == 3  # two bars and the legend
    assert charts.heat_class(0, 10) == "heat0"
    assert charts.heat_class(10, 10) == "heat4"


@given(
    st.dictionaries(
        st.dates(min_value=D - dt.timedelta(days=30), max_value=D + dt.timedelta(days=2)),
        st.integers(min_value=0, max_value=50),
    ),
    st.integers(min_value=1, max_value=30),
)
def test_trend_series_counts_each_of_the_last_days_oldest_first(daily, days) -> None:
    expected = [daily.get(D - dt.timedelta(days=days - 1 - i), 0) for i in range(days)]
    assert scoring.trend_series(daily, D, days) == expected
