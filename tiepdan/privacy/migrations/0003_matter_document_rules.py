"""Retention periods of a matter's own data and of the documents issued (Luật Bảo vệ dữ liệu
cá nhân 91/2025/QH15), in force from 01/01/2026.

Like 0002, the durations are NOT verified against the archiving regulations: a default, to be
checked and changed in the administration by the unit's legal officer. The documents' period is
longer than the matter's: an issued decision, conclusion or notice is the agency's own record
(Luật Lưu trữ 2024), kept in the file for the archive's period."""

import datetime as dt

from django.db import migrations, models

IN_FORCE = dt.date(2026, 1, 1)
RULES = [
    (
        "matter",
        10,
        "Luật Khiếu nại 2011, Luật Tố cáo 2018; thời hạn bảo quản hồ sơ giải quyết vụ việc theo "
        "quy định về lưu trữ (chưa đối chiếu, cần cấu hình lại; tính từ ngày kết thúc vụ việc: "
        "ngày thi hành xong, ngày quyết định hoặc ngày mở).",
    ),
    (
        "document",
        20,
        "Luật Lưu trữ 2024; văn bản do cơ quan ban hành (quyết định, kết luận, thông báo) là hồ sơ "
        "của cơ quan, bảo quản theo thời hạn lưu trữ (chưa đối chiếu, cần cấu hình lại; tính từ "
        "ngày ban hành, vụ việc đã kết thúc).",
    ),
]
NOTE = "Thời hạn mặc định chưa được đối chiếu với văn bản về lưu trữ; cần kiểm tra, cấu hình."
KINDS = [
    ("citizen", "Hồ sơ công dân (họ tên, giấy tờ, điện thoại, địa chỉ)"),
    ("visit", "Nội dung lượt tiếp công dân"),
    ("petition", "Nội dung tóm tắt của đơn"),
    ("matter", "Nội dung tóm tắt của vụ việc"),
    ("document", "Văn bản đã ban hành (quyết định, kết luận, thông báo)"),
]


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for kind, years, basis in RULES:
        RetentionRule.objects.get_or_create(
            kind=kind,
            valid_from=IN_FORCE,
            defaults={"years": years, "legal_basis": basis, "note": NOTE},
        )


def unseed(apps, schema_editor):
    apps.get_model("privacy", "RetentionRule").objects.filter(
        kind__in=[kind for kind, _, _ in RULES], valid_from=IN_FORCE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_retention_rules")]

    operations = [
        migrations.AlterField(
            model_name="anonymisation",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=20),
        ),
        migrations.AlterField(
            model_name="retentionrule",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=20, verbose_name="loại hồ sơ"),
        ),
        migrations.RunPython(seed, unseed),
    ]
