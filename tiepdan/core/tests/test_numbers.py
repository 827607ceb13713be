import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from tiepdan.core.numbers import vn_money, vn_number
from tiepdan.monitoring.charts import trend_chart
from tiepdan.reports.outputs import number_text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("48.600"), None, "48,6"),
        (48.6, None, "48,6"),
        (48600000, None, "48.600.000"),
        (Decimal("1234567.500"), None, "1.234.567,5"),
        (0.75, None, "0,75"),
        (2.0, None, "2"),
        (Decimal("-1250.25"), None, "-1.250,25"),
        (1 / 3, 2, "0,33"),
        (Decimal("0.0004"), 3, "0"),
        (Decimal("120.5"), 0, "121"),
        (None, None, ""),
        ("", None, ""),
        ("—", None, "—"),
    ],
)
def test_vn_number(value, places, text) -> None:
    assert vn_number(value, places) == text


def test_money_in_millions() -> None:
    """A refund of 48.6 million: "48,6 triệu đồng", never "48,600 triệu đồng"."""
    assert vn_money(Decimal("48.600")) == "48,6 triệu đồng"
    assert vn_money(Decimal("1250.000")) == "1.250 triệu đồng"


def test_template_filters() -> None:
    template = Template("{% load numbers %}{{ a|vn_number }} {{ b|vn_number:2 }} {{ a|vn_money }}")
    text = template.render(Context({"a": Decimal("48.600"), "b": 12345.678}))
    assert text == "48,6 12.345,68 48,6 triệu đồng"


def test_chart_axes_use_vietnamese_separators() -> None:
    days = [dt.date(2025, 1, d) for d in range(1, 4)]
    svg = str(
        trend_chart(
            list(zip(days, [0, 1, 0], strict=True)),
            title="t",
            history_label="h",
            forecast_label="f",
        )
    )
    assert ">0,5</text>" in svg  # ticks 0; 0,5; 1; 1,5; 2
    assert ">1,5</text>" in svg
    assert ">0.5<" not in svg
    big = str(trend_chart([(days[0], 12000)], title="t", history_label="h", forecast_label="f"))
    assert ">10.000</text>" in big or ">20.000</text>" in big


def test_report_documents_print_decimals_the_vietnamese_way() -> None:
    assert number_text(Decimal("48.600")) == "48,6"
    assert number_text(1234567) == "1.234.567"
