"""Versions of the leaders' statutory periodic reception minimum (domain.md §2.2)."""

import datetime as dt

from django.db import migrations

LAW_2014 = dt.date(2014, 7, 1)  # Luật Tiếp công dân 42/2013/QH13 takes effect
LAW_2026 = dt.date(2026, 7, 1)  # Luật 136/2025/QH15 takes effect

COMMUNE = ["commune", "ward", "special_zone"]

RULES = [
    (
        "commune_chair.2014",
        "Chủ tịch UBND cấp xã tiếp công dân định kỳ ít nhất 1 ngày trong tuần",
        COMMUNE, "week", 1, LAW_2014, LAW_2026 - dt.timedelta(days=1),
        "Luật Tiếp công dân số 42/2013/QH13, điểm d khoản 2 Điều 15",
    ),
    (
        "commune_chair.2026",
        "Chủ tịch UBND cấp xã tiếp công dân định kỳ ít nhất 2 ngày trong tháng",
        COMMUNE, "month", 2, LAW_2026, None,
        "Luật Tiếp công dân 2013, Điều 15 (sửa đổi bởi Luật số 136/2025/QH15)",
    ),
    (
        "province_chair.2014",
        "Chủ tịch UBND cấp tỉnh tiếp công dân định kỳ ít nhất 1 ngày trong tháng",
        ["province"], "month", 1, LAW_2014, None,
        "Luật Tiếp công dân số 42/2013/QH13, khoản 5 Điều 12",
    ),
    (
        "agency_head.2014",
        "Thủ trưởng cơ quan, đơn vị tiếp công dân định kỳ ít nhất 1 ngày trong tháng",
        ["department", "inspectorate"], "month", 1, LAW_2014, None,
        "Luật Tiếp công dân số 42/2013/QH13, khoản 2 Điều 18",
    ),
]


def seed(apps, schema_editor):
    PeriodicRule = apps.get_model("plans", "PeriodicRule")
    for code, title, kinds, period, days, valid_from, valid_to, basis in RULES:
        PeriodicRule.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "unit_kinds": kinds,
                "period": period,
                "min_days": days,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "legal_basis": basis,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("plans", "PeriodicRule").objects.filter(
        code__in=[r[0] for r in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_plans_rosters_rules")]

    operations = [migrations.RunPython(seed, unseed)]
