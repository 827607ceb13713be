"""The retention periods in force from 01/01/2026 (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

The durations are NOT verified against the archiving regulations: a conservative default, to be
checked and changed in the administration by the unit's legal officer."""

import datetime as dt

from django.db import migrations

IN_FORCE = dt.date(2026, 1, 1)
RULES = [
    (
        "citizen",
        10,
        "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15: dữ liệu cá nhân chỉ được lưu trong thời "
        "gian cần thiết cho mục đích xử lý (tính từ lần liên hệ cuối).",
    ),
    (
        "visit",
        10,
        "Luật Tiếp công dân 2013; thời hạn bảo quản sổ, hồ sơ tiếp công dân theo quy định về "
        "lưu trữ (chưa đối chiếu, cần cấu hình lại).",
    ),
    (
        "petition",
        10,
        "Luật Khiếu nại 2011, Luật Tố cáo 2018; thời hạn bảo quản hồ sơ xử lý đơn theo quy định "
        "về lưu trữ (chưa đối chiếu, cần cấu hình lại; tính từ ngày nhận đơn, vụ việc đã kết "
        "thúc).",
    ),
]
NOTE = "Thời hạn mặc định chưa được đối chiếu với văn bản về lưu trữ; cần kiểm tra, cấu hình."


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for kind, years, basis in RULES:
        RetentionRule.objects.get_or_create(
            kind=kind,
            valid_from=IN_FORCE,
            defaults={"years": years, "legal_basis": basis, "note": NOTE},
        )


def unseed(apps, schema_editor):
    apps.get_model("privacy", "RetentionRule").objects.filter(valid_from=IN_FORCE).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
