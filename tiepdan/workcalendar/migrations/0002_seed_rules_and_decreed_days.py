"""Seed the legal rule catalogue (domain.md §4) and the decreed calendar days (domain.md §8.2).

Changing a rule later is a new reviewed data migration (a new version row with its
valid_from, the old one closed with valid_to), never an edit of this one.
"""

import datetime

from django.db import migrations

D = datetime.date

LUAT_TCD = "Luật Tiếp công dân số 42/2013/QH13"
LUAT_KN = "Luật Khiếu nại số 02/2011/QH13"
LUAT_TC = "Luật Tố cáo số 25/2018/QH14"
NEW_LAW = D(2026, 7, 1)  # Luật 136/2025/QH15; NĐ 154, 155, 156/2026/NĐ-CP

CALENDAR_DAY_NOTE = (
    "Ngày (dương lịch) theo Bộ luật Dân sự Điều 147–148: không tính ngày bắt đầu; ngày cuối là "
    "ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo. Luật ghi “ngày”, chưa có hướng dẫn "
    "chính thức coi là ngày làm việc (domain.md §4.5, §13.7)."
)


def rule(code, name, day_type, days, basis, valid_from, **extra):
    row = {
        "code": code,
        "version": 1,
        "name": name,
        "day_type": day_type,
        "direction": "forward",
        "days": days,
        "max_extensions": 0,
        "extension_days": 0,
        "variants": [],
        "pausable": True,
        "legal_basis": basis,
        "notes": "",
        "confidence": "source",
        "valid_from": valid_from,
        "valid_to": None,
    }
    row.update(extra)
    return row


def variant(complexity, remote_area, days, max_extensions=0):
    return {
        "complexity": complexity,
        "remote_area": remote_area,
        "days": days,
        "max_extensions": max_extensions,
    }


RULES = [
    # --- Tiếp công dân, xử lý đơn -----------------------------------------------------------
    rule(
        "petition.notify",
        "Thông báo cho người gửi đơn về việc thụ lý, chuyển đơn hoặc không thụ lý",
        "working", 10, f"{LUAT_TCD}, Điều 28 khoản 1", D(2014, 7, 1),
    ),
    rule(
        "petition.process",
        "Xử lý đơn (phân loại, đề xuất hướng xử lý)",
        "working", 10, "Thông tư 05/2021/TT-TTCP", D(2021, 11, 15),
        confidence="unverified",
        notes="Chưa kiểm chứng: chưa đọc được điều khoản của TT 05/2021 (domain.md §3.2, §13.3).",
    ),
    rule(
        "petition.unprocessed_alarm",
        "Cảnh báo: đơn chưa được xử lý sau 45 ngày kể từ ngày tiếp nhận",
        "calendar", 45, "Nghị định 154/2026/NĐ-CP, Điều 41 khoản 3 điểm b", NEW_LAW,
        confidence="third_party",
        notes=(
            "Ngưỡng kỷ luật (cách chức) đối với người có chức vụ; dùng làm mốc cảnh báo. "
            "Văn bản mới đối chiếu qua bản sao, cần kiểm tra Công báo. " + CALENDAR_DAY_NOTE
        ),
    ),
    rule(
        "transfer.report_back",
        "Thông báo kết quả giải quyết cho cơ quan, người đã chuyển đơn",
        "working", 7, f"{LUAT_TCD}, Điều 27 khoản 2", D(2014, 7, 1),
        notes="Tính từ ngày giải quyết xong vụ việc.",
    ),
    rule(
        "transfer.relay_to_citizen",
        "Cơ quan của Quốc hội, đại biểu, Ban Tiếp công dân thông báo kết quả cho công dân",
        "working", 5, f"{LUAT_TCD}, Điều 28 khoản 2", D(2014, 7, 1),
    ),
    rule(
        "reception.schedule_notice",
        "Niêm yết, công bố lịch tiếp công dân định kỳ của lãnh đạo (chậm nhất trước buổi tiếp)",
        "working", 5, f"{LUAT_TCD}, Điều 24", D(2014, 7, 1),
        direction="backward", pausable=False,
        notes=(
            "Tính ngược: hạn là ngày làm việc thứ 5 trước ngày tiếp (không tính ngày tiếp). "
            "Cách hiểu “trước ít nhất 5 ngày làm việc” này là diễn giải, chưa có hướng dẫn."
        ),
    ),
    rule(
        "reception.refusal_notice",
        "Ban hành Thông báo từ chối tiếp công dân (Mẫu 01/TCD)",
        "working", 3, "Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3", NEW_LAW,
        confidence="third_party",
        notes="Tính từ khi có đủ căn cứ từ chối. Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo.",
    ),
    rule(
        "reception.online_notice",
        "Thông báo lịch tiếp công dân trực tuyến (chậm nhất trước buổi tiếp)",
        "working", 5, "Nghị định 154/2026/NĐ-CP, Điều 23", NEW_LAW,
        direction="backward", pausable=False, confidence="third_party",
        notes="Tính ngược từ ngày tiếp. Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo.",
    ),
    rule(
        "reception.online_test",
        "Kiểm tra kết nối tiếp công dân trực tuyến (chậm nhất trước buổi tiếp)",
        "working", 1, "Nghị định 154/2026/NĐ-CP, Điều 23", NEW_LAW,
        direction="backward", pausable=False, confidence="third_party",
        notes="Tính ngược từ ngày tiếp. Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo.",
    ),
    # --- Khiếu nại ----------------------------------------------------------------------------
    rule(
        "complaint.limitation",
        "Thời hiệu khiếu nại",
        "calendar", 90, f"{LUAT_KN}, Điều 9", D(2012, 7, 1),
        notes=(
            "Thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa hoặc trở ngại "
            "khách quan khác không tính vào thời hiệu (ghi nhận bằng khoảng tạm dừng). "
            + CALENDAR_DAY_NOTE
        ),
    ),
    rule(
        "complaint.disciplinary_limitation",
        "Thời hiệu khiếu nại quyết định kỷ luật cán bộ, công chức",
        "calendar", 15, f"{LUAT_KN}, Điều 48", D(2012, 7, 1),
        confidence="unverified",
        notes="Chưa kiểm chứng (ghi theo trí nhớ, domain.md §4.1). " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "complaint.accept",
        "Thụ lý giải quyết khiếu nại (lần đầu, lần hai)",
        "working", 10, "Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1; Thông tư 07/2013/TT-TTCP, Điều 5",
        D(2012, 7, 1), valid_to=D(2026, 6, 30),
        notes="Luật Khiếu nại Điều 27, 36 ghi “10 ngày”; nghị định quy định 10 ngày làm việc.",
    ),
    rule(
        "complaint.accept",
        "Thụ lý giải quyết khiếu nại (lần đầu, lần hai)",
        "working", 7, "Nghị định 124/2020/NĐ-CP, Điều 16 (sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
        NEW_LAW, version=2, confidence="third_party",
        notes=(
            "Rút từ 10 xuống 7 ngày làm việc từ 01/07/2026. Văn bản đối chiếu qua bản sao, cần "
            "kiểm tra Công báo; chưa rõ Luật sửa Điều 27, 36 hay không."
        ),
    ),
    rule(
        "complaint.resolve.first",
        "Giải quyết khiếu nại lần đầu",
        "calendar", 30, f"{LUAT_KN}, Điều 28", D(2012, 7, 1),
        variants=[
            variant("complex", False, 45),
            variant("normal", True, 45),
            variant("complex", True, 60),
        ],
        notes="Tính từ ngày thụ lý. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "complaint.send_decision",
        "Gửi quyết định giải quyết khiếu nại lần đầu",
        "working", 3, f"{LUAT_KN}, Điều 32", D(2012, 7, 1),
        notes="Tính từ ngày ban hành quyết định.",
    ),
    rule(
        "complaint.second_filing",
        "Thời hạn khiếu nại lần hai",
        "calendar", 30, f"{LUAT_KN}, Điều 33", D(2012, 7, 1),
        variants=[variant("normal", True, 45)],
        notes=(
            "Tính từ khi hết thời hạn giải quyết lần đầu mà không được giải quyết hoặc từ ngày "
            "nhận quyết định lần đầu. " + CALENDAR_DAY_NOTE
        ),
    ),
    rule(
        "complaint.resolve.second",
        "Giải quyết khiếu nại lần hai",
        "calendar", 45, f"{LUAT_KN}, Điều 37", D(2012, 7, 1),
        variants=[
            variant("complex", False, 60),
            variant("normal", True, 60),
            variant("complex", True, 70),
        ],
        notes="Tính từ ngày thụ lý. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "complaint.send_decision.second",
        "Gửi quyết định giải quyết khiếu nại lần hai",
        "calendar", 7, f"{LUAT_KN}, Điều 41 khoản 1", D(2012, 7, 1),
        notes="Tính từ ngày ban hành quyết định. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "complaint.decision_effective.first",
        "Quyết định giải quyết lần đầu có hiệu lực (nếu không khiếu nại lần hai)",
        "calendar", 30, f"{LUAT_KN}, Điều 44", D(2012, 7, 1),
        variants=[variant("normal", True, 45)],
        pausable=False,
        notes="Tính từ ngày ban hành. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "complaint.decision_effective.second",
        "Quyết định giải quyết lần hai có hiệu lực",
        "calendar", 30, f"{LUAT_KN}, Điều 44", D(2012, 7, 1),
        variants=[variant("normal", True, 45)],
        pausable=False,
        notes="Tính từ ngày ban hành. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "complaint.provide_information",
        "Cung cấp thông tin, tài liệu theo yêu cầu trong quá trình xác minh",
        "working", 7, "Thông tư 07/2013/TT-TTCP, Điều 10, 11", D(2013, 12, 31),
        notes=(
            "Nội dung được Nghị định 124/2020/NĐ-CP kế thừa (chưa kiểm chứng). "
            "Ngày hiệu lực của TT 07/2013 chưa kiểm chứng."
        ),
        confidence="unverified",
    ),
    rule(
        "complaint.dialogue_notice",
        "Thông báo bằng văn bản về việc đối thoại (chậm nhất trước ngày đối thoại)",
        "calendar", 5,
        "Nghị định 124/2020/NĐ-CP, Điều 28 khoản 1 (sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
        NEW_LAW, direction="backward", pausable=False, confidence="third_party",
        notes=(
            "Tính ngược từ ngày đối thoại; nếu rơi vào ngày nghỉ thì lùi về ngày làm việc liền "
            "trước (diễn giải). Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo."
        ),
    ),
    rule(
        "complaint.suspension_notice",
        "Gửi quyết định tạm đình chỉ, đình chỉ giải quyết khiếu nại",
        "working", 3,
        "Nghị định 124/2020/NĐ-CP, Điều 28a, 28b (bổ sung bởi Nghị định 155/2026/NĐ-CP); "
        "Luật Khiếu nại Điều 11a (Luật 136/2025/QH15)",
        NEW_LAW, confidence="third_party",
        notes="Tính từ ngày ban hành quyết định. Văn bản đối chiếu qua bản sao, cần kiểm tra Công báo.",
    ),
    # --- Tố cáo -------------------------------------------------------------------------------
    rule(
        "denunciation.intake",
        "Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo",
        "working", 7, f"{LUAT_TC}, Điều 24 khoản 1", D(2019, 1, 1),
        variants=[variant("complex", False, 10), variant("very_complex", False, 10)],
        notes=(
            "Trường hợp phải xác minh ở nhiều địa điểm hoặc ủy quyền xác minh: tối đa 10 ngày "
            "làm việc (ghi nhận bằng mức độ phức tạp)."
        ),
    ),
    rule(
        "denunciation.transfer",
        "Chuyển đơn tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo",
        "working", 5, f"{LUAT_TC}, Điều 24 khoản 2", D(2019, 1, 1),
    ),
    rule(
        "denunciation.transferred_result",
        "Thông báo kết quả phân loại tố cáo do cơ quan báo chí, cơ quan khác chuyển đến",
        "calendar", 20, f"{LUAT_TC}, Điều 26 khoản 2", D(2019, 1, 1),
        notes="Tính từ ngày nhận được tố cáo. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "denunciation.notify_acceptance",
        "Thông báo thụ lý cho người tố cáo và nội dung tố cáo cho người bị tố cáo",
        "working", 5, f"{LUAT_TC}, Điều 29 khoản 3; Nghị định 31/2019/NĐ-CP, Điều 9",
        D(2019, 1, 1),
    ),
    rule(
        "denunciation.resolve",
        "Giải quyết tố cáo",
        "calendar", 30, f"{LUAT_TC}, Điều 30", D(2019, 1, 1),
        extension_days=30,
        variants=[variant("complex", False, 30, 1), variant("very_complex", False, 30, 2)],
        notes=(
            "Vụ việc phức tạp gia hạn một lần, đặc biệt phức tạp gia hạn hai lần, mỗi lần không "
            "quá 30 ngày (Nghị định 31/2019/NĐ-CP Điều 3). Thời gian tạm đình chỉ không tính "
            "(Điều 34 khoản 2). " + CALENDAR_DAY_NOTE
        ),
    ),
    rule(
        "denunciation.suspension_notice",
        "Gửi quyết định tạm đình chỉ, đình chỉ giải quyết tố cáo",
        "working", 5, f"{LUAT_TC}, Điều 34", D(2019, 1, 1),
    ),
    rule(
        "denunciation.send_conclusion",
        "Gửi kết luận nội dung tố cáo",
        "working", 5, f"{LUAT_TC}, Điều 35 khoản 3", D(2019, 1, 1),
        notes="Tính từ ngày ban hành kết luận.",
    ),
    rule(
        "denunciation.handle_conclusion",
        "Xử lý kết luận nội dung tố cáo",
        "working", 7, f"{LUAT_TC}, Điều 36 khoản 1", D(2019, 1, 1),
        notes="Tính từ ngày nhận được kết luận.",
    ),
    rule(
        "denunciation.further_review",
        "Xem xét tố cáo tiếp (cơ quan cấp trên)",
        "calendar", 20, f"{LUAT_TC}, Điều 37", D(2019, 1, 1),
        notes="Tính từ ngày nhận được tố cáo tiếp. " + CALENDAR_DAY_NOTE,
    ),
    rule(
        "denunciation.overdue_report",
        "Báo cáo về việc tố cáo quá hạn chưa được giải quyết (theo yêu cầu của cấp trên)",
        "working", 5, f"{LUAT_TC}, Điều 38", D(2019, 1, 1),
    ),
    rule(
        "denunciation.publish",
        "Công khai kết luận nội dung tố cáo, quyết định xử lý",
        "working", 7, f"{LUAT_TC}, Điều 40", D(2019, 1, 1),
        notes="Không được tiết lộ thông tin về người tố cáo.",
    ),
]

DAYS = [
    # (year, date, kind, name, source)
    *[
        (2025, D(2025, 1, 25) + datetime.timedelta(days=i), "day_off",
         "Nghỉ Tết Nguyên Đán Ất Tỵ", "Thông báo 6150/TB-LĐTBXH (2024), cán bộ, công chức")
        for i in range(9)
    ],
    (2025, D(2025, 4, 26), "working_day", "Làm bù cho ngày nghỉ thứ Sáu 02/05/2025",
     "Thông báo 6150/TB-LĐTBXH (2024), cán bộ, công chức"),
    (2025, D(2025, 5, 2), "day_off", "Ngày nghỉ (hoán đổi với thứ Bảy 26/04/2025)",
     "Thông báo 6150/TB-LĐTBXH (2024), cán bộ, công chức"),
    (2025, D(2025, 8, 30), "day_off", "Nghỉ lễ Quốc khánh", "Lịch nghỉ Quốc khánh 2025 (30/8–02/9)"),
    (2025, D(2025, 8, 31), "day_off", "Nghỉ lễ Quốc khánh", "Lịch nghỉ Quốc khánh 2025 (30/8–02/9)"),
    *[
        (2026, D(2026, 2, 14) + datetime.timedelta(days=i), "day_off",
         "Nghỉ Tết Nguyên Đán Bính Ngọ",
         "Lịch nghỉ Tết 2026 của cán bộ, công chức (14/02–22/02/2026); chưa đối chiếu Công báo")
        for i in range(9)
    ],
    (2026, D(2026, 8, 22), "working_day", "Làm bù cho ngày nghỉ thứ Hai 31/08/2026",
     "Lịch nghỉ Quốc khánh 2026 của cán bộ, công chức; chưa đối chiếu Công báo"),
    (2026, D(2026, 8, 29), "day_off", "Nghỉ lễ Quốc khánh",
     "Lịch nghỉ Quốc khánh 2026 (29/8–02/9); chưa đối chiếu Công báo"),
    (2026, D(2026, 8, 30), "day_off", "Nghỉ lễ Quốc khánh",
     "Lịch nghỉ Quốc khánh 2026 (29/8–02/9); chưa đối chiếu Công báo"),
    (2026, D(2026, 8, 31), "day_off", "Ngày nghỉ (hoán đổi với thứ Bảy 22/08/2026)",
     "Lịch nghỉ Quốc khánh 2026 của cán bộ, công chức; chưa đối chiếu Công báo"),
]


def seed(apps, schema_editor):
    LegalRule = apps.get_model("workcalendar", "LegalRule")
    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    LegalRule.objects.bulk_create(LegalRule(**row) for row in RULES)
    years = {}
    for year in sorted({y for y, *_ in DAYS}):
        years[year] = CalendarYear.objects.create(
            year=year,
            revision=1,
            note="Ngày nghỉ, ngày làm bù đã công bố (dữ liệu ban đầu, domain.md §8.2).",
        )
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=years[y], date=d, kind=kind, name=name, source=source)
        for y, d, kind, name, source in DAYS
    )


def unseed(apps, schema_editor):
    apps.get_model("workcalendar", "LegalRule").objects.all().delete()
    apps.get_model("workcalendar", "CalendarYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workcalendar", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
