"""Rule and calendar notes in an officer's words.

The first catalogue carried maintainers' remarks in its notes (references to design notes, how a
text was transcribed, open questions of interpretation). Officers read these notes beside every
deadline, so they now say only what matters for counting; the confidence of each rule stays in
its own field and is shown as "cần đối chiếu".
"""

from django.db import migrations

CIVIL_CODE_OLD = (
    "Ngày (dương lịch) theo Bộ luật Dân sự Điều 147–148: không tính ngày bắt đầu; ngày cuối là "
    "ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo. Luật ghi “ngày”, chưa có hướng dẫn "
    "chính thức coi là ngày làm việc (domain.md §4.5, §13.7)."
)
CIVIL_CODE_NEW = (
    "Tính theo ngày dương lịch: không tính ngày bắt đầu; nếu ngày cuối là ngày nghỉ thì hạn là "
    "ngày làm việc tiếp theo (Bộ luật Dân sự, Điều 147–148)."
)

# (old, new), applied in this order to every note.
REWRITES = [
    (CIVIL_CODE_OLD, CIVIL_CODE_NEW),
    ("Chưa kiểm chứng (ghi theo trí nhớ, domain.md §4.1). ", ""),
    (
        "Chưa kiểm chứng: chưa đọc được điều khoản của TT 05/2021 (domain.md §3.2, §13.3).",
        "Cần đối chiếu Thông tư 05/2021/TT-TTCP trước khi áp dụng.",
    ),
    (
        "Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo; chưa rõ Luật sửa Điều 27, 36 "
        "hay không.",
        "",
    ),
    ("Văn bản mới đối chiếu qua bản sao, cần kiểm tra Công báo.", ""),
    ("Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo.", ""),
    (" (chưa kiểm chứng). Ngày hiệu lực của TT 07/2013 chưa kiểm chứng.", "."),
    (" Cách hiểu “trước ít nhất 5 ngày làm việc” này là diễn giải, chưa có hướng dẫn.", ""),
    (" (diễn giải)", ""),
    (" (dữ liệu ban đầu, domain.md §8.2)", ""),
]


def _rewrite(text: str) -> str:
    for old, new in REWRITES:
        text = text.replace(old, new)
    return " ".join(text.split())


def forwards(apps, schema_editor):
    LegalRule = apps.get_model("workcalendar", "LegalRule")
    for rule in LegalRule.objects.exclude(notes=""):
        notes = _rewrite(rule.notes)
        if notes != rule.notes:
            LegalRule.objects.filter(pk=rule.pk).update(notes=notes)
    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    for year in CalendarYear.objects.exclude(note=""):
        note = _rewrite(year.note)
        if note != year.note:
            CalendarYear.objects.filter(pk=year.pk).update(note=note)


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0003_deadline_notices")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
