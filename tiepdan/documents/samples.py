"""Sample contexts for every form: used to validate uploaded templates, to preview, and in tests.

They follow the context contract of `tiepdan.documents.services` and are full of diacritics on
purpose (ư, ơ, đ, ỹ, ặ …) so a font or encoding problem shows at once.
"""

import copy
import datetime as dt
from typing import Any

AGENCY = {
    "name": "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN",
    "parent_name": "ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
    "place": "Bắc Sơn",
}
SIGNER = {"title": "CHỦ TỊCH", "name": "Nguyễn Văn Trường"}
CITIZEN = {
    "full_name": "Lê Thị Hương Giang",
    "id_number": "038190012345",
    "address": "Số 12 ngõ 4, đường Nguyễn Trãi, khu phố Đông Hương, phường Bắc Sơn, tỉnh Thanh Hóa",
    "phone": "0912 345 678",
}
OFFICER = {"full_name": "Trần Thị Hoa", "position": "Công chức tiếp công dân"}
ISSUED_ON = dt.date(2025, 1, 27)

_COMMON: dict[str, Any] = {
    "agency": AGENCY,
    "number": "15/TB-UBND",
    "issued_on": ISSUED_ON,
    "signer": SIGNER,
    "recipients": [
        "Như trên",
        "Chủ tịch UBND tỉnh (để báo cáo)",
        "Thanh tra tỉnh (để phối hợp)",
        "Lưu: VT, hồ sơ",
    ],
}

_REGISTER_ROWS = [
    {
        "number": 1,
        "date": dt.date(2025, 1, 6),
        "name_address": "Lê Thị Hương Giang, khu phố Đông Hương, phường Bắc Sơn",
        "id_number": "038190012345",
        "content": "Khiếu nại việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất dự án mở rộng "
        "đường Nguyễn Trãi; đề nghị xem xét lại đơn giá đất ở.",
        "petition_type": "Khiếu nại",
        "people_count": 1,
        "resolved_by": "UBND phường Bắc Sơn (Quyết định số 12/QĐ-UBND ngày 05/11/2024)",
        "within_competence": True,
        "guidance": "",
        "accepted_by": "Phòng Kinh tế, Hạ tầng và Đô thị",
        "outcome": "accept",
        "follow_up": "Đang xác minh",
        "notes": "",
    },
    {
        "number": 2,
        "date": dt.date(2025, 1, 13),
        "name_address": "Đoàn 6 hộ dân thôn Yên Vực, do ông Phạm Đức Thắng đại diện",
        "id_number": "038085009876",
        "content": "Phản ánh cơ sở sản xuất gạch gây ô nhiễm bụi, tiếng ồn ảnh hưởng sức khỏe.",
        "petition_type": "Kiến nghị, phản ánh",
        "people_count": 6,
        "resolved_by": "",
        "within_competence": False,
        "guidance": "Hướng dẫn gửi đơn đến Sở Nông nghiệp và Môi trường (Phiếu số 03/PHD)",
        "accepted_by": "",
        "outcome": "guide",
        "follow_up": "",
        "notes": "Đoàn đông người",
    },
    {
        "number": 3,
        "date": dt.date(2025, 1, 20),
        "name_address": "Đỗ Quang Hưởng, tổ dân phố Tân Sơn, phường Bắc Sơn",
        "id_number": "038072004321",
        "content": "Tố cáo cán bộ địa chính có dấu hiệu nhũng nhiễu khi giải quyết hồ sơ "
        "cấp giấy chứng nhận quyền sử dụng đất.",
        "petition_type": "Tố cáo",
        "people_count": 1,
        "resolved_by": "",
        "within_competence": False,
        "guidance": "",
        "accepted_by": "Thanh tra tỉnh Thanh Hóa (Phiếu chuyển số 07/PC)",
        "outcome": "transfer",
        "follow_up": "Chờ kết quả",
        "notes": "Giữ bí mật người tố cáo",
    },
]

# A petition as the processing forms receive it (labels as in tiepdan.core.classification).
PETITION = {
    "number": 37,
    "year": 2025,
    "received_on": dt.date(2025, 1, 20),
    "source": "Qua bưu chính",
    "petition_type": "Khiếu nại",
    "petition_type_code": "complaint",
    "domain": "Hành chính — đất đai, nhà cửa",
    "summary": "Khiếu nại Quyết định số 12/QĐ-UBND ngày 05/11/2024 của Chủ tịch UBND phường "
    "Bắc Sơn về việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất thực hiện dự án mở rộng "
    "đường Nguyễn Trãi; đề nghị xem xét lại đơn giá bồi thường đất ở.",
    "sender_body": "",
}
DENUNCIATION = {
    **PETITION,
    "number": 41,
    "received_on": dt.date(2025, 1, 22),
    "source": "Cơ quan khác chuyển đến",
    "petition_type": "Tố cáo",
    "petition_type_code": "denunciation",
    "domain": "Hành chính — công chức, công vụ",
    "summary": "Tố cáo ông Hoàng Văn Bình, viên chức Chi nhánh Văn phòng Đăng ký đất đai khu "
    "vực Bắc Sơn, có dấu hiệu nhũng nhiễu, gây khó khăn khi giải quyết hồ sơ cấp giấy chứng "
    "nhận quyền sử dụng đất.",
    "sender_body": "Ban Tiếp công dân tỉnh Thanh Hóa",
}
MIXED = {
    **PETITION,
    "number": 45,
    "received_on": dt.date(2025, 1, 23),
    "source": "Nộp trực tiếp",
    "petition_type": "Nhiều nội dung khác nhau",
    "petition_type_code": "mixed",
    "domain": "Lĩnh vực khác",
    "summary": "Đơn vừa khiếu nại việc cưỡng chế kê biên tài sản để thi hành án, vừa phản ánh "
    "cơ sở sản xuất gạch thôn Yên Vực gây ô nhiễm bụi, tiếng ồn.",
}
SENDER = {"full_name": CITIZEN["full_name"], "address": CITIZEN["address"]}
APPROVAL = {"title": "CHỦ TỊCH", "name": "Nguyễn Văn Trường"}

_SPECIFIC: dict[str, dict[str, Any]] = {
    "reception.receipt": {
        "number": "",
        "citizen": CITIZEN,
        "received_at": dt.datetime(2025, 1, 27, 9, 5),  # noqa: DTZ001 — local wall-clock time
        "documents": [
            {"title": "Đơn khiếu nại đề ngày 20/01/2025", "pages": 3, "kind": "bản chính"},
            {
                "title": "Quyết định số 12/QĐ-UBND ngày 05/11/2024 về bồi thường, hỗ trợ",
                "pages": 4,
                "kind": "bản sao",
            },
            {"title": "Ảnh chụp hiện trạng thửa đất số 215", "pages": 6, "kind": "bản sao"},
        ],
        "officer": OFFICER,
        "visit_number": 27,
    },
    "reception.appointment_slip": {
        "number": "",
        "citizen": CITIZEN,
        "appointment_at": dt.datetime(2025, 2, 10, 14, 30),  # noqa: DTZ001
        "place": "Phòng tiếp công dân, Trụ sở UBND phường Bắc Sơn, số 1 đường Lê Lợi",
        "content": "Tiếp tục làm việc về khiếu nại việc bồi thường, hỗ trợ khi thu hồi đất.",
        "officer": OFFICER,
    },
    "reception.guidance_slip": {
        "number": "",
        "citizen": CITIZEN,
        "content": "Phản ánh việc doanh nghiệp chậm trả lương, không đóng bảo hiểm xã hội "
        "cho người lao động.",
        "competent_body": "Sở Nội vụ tỉnh Thanh Hóa",
        "guidance": "Công dân gửi đơn kèm hợp đồng lao động, bảng lương đến Sở Nội vụ "
        "tỉnh Thanh Hóa (số 25 đại lộ Lê Lợi, phường Hạc Thành) để được xem xét, "
        "giải quyết theo thẩm quyền.",
        "officer": OFFICER,
    },
    "reception.refusal_notice": {
        "citizen": CITIZEN,
        "ground": {
            "text": "Vụ việc đã được giải quyết đúng chính sách, pháp luật, được cơ quan nhà "
            "nước có thẩm quyền kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, "
            "giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại kéo dài",
            "legal_basis": "khoản 3 Điều 9 Luật Tiếp công dân",
        },
        "details": "Khiếu nại về việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất tại thửa đất "
        "số 215, tờ bản đồ số 08 đã được Chủ tịch UBND tỉnh giải quyết lần hai tại Quyết định "
        "số 4567/QĐ-UBND ngày 15/8/2023.",
    },
    "reception.conclusion_notice": {
        "number": "21/TB-UBND",
        "session": {
            "date": dt.date(2025, 1, 23),
            "chair_name": "Nguyễn Văn Trường",
            "chair_title": "Chủ tịch UBND phường",
            "venue": "Trụ sở tiếp công dân phường Bắc Sơn",
        },
        "citizens": [
            {"full_name": "Lê Thị Hương Giang", "address": "khu phố Đông Hương, phường Bắc Sơn"},
            {"full_name": "Phạm Đức Thắng", "address": "thôn Yên Vực, phường Bắc Sơn"},
        ],
        "content": "Đề nghị xem xét lại đơn giá bồi thường đất ở và hỗ trợ tái định cư khi "
        "thực hiện dự án mở rộng đường Nguyễn Trãi.",
        "directions": [
            {
                "text": "Rà soát hồ sơ thu hồi đất, đối chiếu đơn giá bồi thường đã áp dụng, "
                "báo cáo đề xuất hướng giải quyết",
                "assignee": "Phòng Kinh tế, Hạ tầng và Đô thị",
                "due": dt.date(2025, 2, 14),
            },
            {
                "text": "Phối hợp mời công dân đối thoại, giải thích chính sách hỗ trợ tái định cư",
                "assignee": "Văn phòng HĐND và UBND phường",
                "due": dt.date(2025, 2, 21),
            },
        ],
    },
    "reception.register": {
        "number": "",
        "unit_name": "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN",
        "period": {"from": dt.date(2025, 1, 1), "to": dt.date(2025, 1, 31)},
        "rows": _REGISTER_ROWS,
    },
    "plan.document": {
        "number": "05/KH-UBND",
        "signer": {**SIGNER, "authority": "TM. ỦY BAN NHÂN DÂN"},
        "title": "KẾ HOẠCH",
        "subtitle": "Tiếp công dân, giải quyết khiếu nại, tố cáo "
        "trong dịp Tết Nguyên đán Ất Tỵ 2025",
        "preamble": "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013; Căn cứ Nghị định số "
        "64/2014/NĐ-CP ngày 26 tháng 6 năm 2014 của Chính phủ quy định chi tiết một số điều "
        "của Luật Tiếp công dân; Ủy ban nhân dân phường Bắc Sơn ban hành Kế hoạch tiếp công "
        "dân dịp Tết Nguyên đán Ất Tỵ 2025 như sau:",
        "sections": [
            {
                "heading": "I. MỤC ĐÍCH, YÊU CẦU",
                "paragraphs": [
                    "Bảo đảm tiếp công dân thường xuyên, kịp thời, đúng quy định; không để "
                    "xảy ra điểm nóng, khiếu kiện đông người trong dịp Tết.",
                ],
                "items": [
                    "Phân công cán bộ trực tiếp công dân các ngày nghỉ Tết",
                    "Phối hợp chặt chẽ với Công an phường, Mặt trận Tổ quốc phường",
                ],
            },
            {
                "heading": "II. NỘI DUNG THỰC HIỆN",
                "paragraphs": [
                    "Từ ngày 25/01/2025 đến hết ngày 02/02/2025, bố trí lịch trực tiếp công "
                    "dân tại Trụ sở UBND phường; số điện thoại trực: 0237 3852 xxx.",
                ],
                "items": [],
            },
        ],
    },
}
_SPECIFIC.update(
    {
        "petition.acceptance_proposal": {
            "number": "",
            "petition": PETITION,
            "senders": [SENDER],
            "identity_sealed": False,
            "proposed_outcome": "Thụ lý giải quyết",
            "proposal_note": "Đơn khiếu nại lần đầu, đủ điều kiện thụ lý theo Điều 11 Luật Khiếu "
            "nại; người có thẩm quyền giải quyết là Chủ tịch Ủy ban nhân dân phường Bắc Sơn, "
            "người đã ban hành quyết định bị khiếu nại.",
            "proposer": OFFICER,
            "approval": APPROVAL,
        },
        "petition.transfer_slip": {
            "number": "07/PC-UBND",
            "to_body": "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa",
            "petition": DENUNCIATION,
            "senders": [],
            "identity_sealed": True,
            "reason": "người bị tố cáo là viên chức thuộc quyền quản lý của Sở Nông nghiệp và "
            "Môi trường tỉnh Thanh Hóa, việc giải quyết tố cáo không thuộc thẩm quyền của Ủy ban "
            "nhân dân phường Bắc Sơn",
            "request_reply": True,
            "recipients": ["Như trên", "Ban Tiếp công dân tỉnh (để biết)", "Lưu: VT, hồ sơ"],
        },
        "petition.guidance": {
            "number": "03/HD-UBND",
            "citizen": CITIZEN,
            "petition": MIXED,
            "competent_body": "",
            "guidance": "- Nội dung khiếu nại việc cưỡng chế kê biên tài sản thuộc thẩm quyền "
            "giải quyết của cơ quan thi hành án dân sự đã ra quyết định cưỡng chế;\n"
            "- Nội dung phản ánh ô nhiễm môi trường của cơ sở sản xuất gạch thôn Yên Vực thuộc "
            "thẩm quyền xem xét của Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa.",
            "recipients": ["Như trên", "Lưu: VT, hồ sơ"],
        },
        "petition.acceptance_notice": {
            "number": "18/TB-UBND",
            "citizen": CITIZEN,
            "petition": PETITION,
            "accepted_on": dt.date(2025, 1, 27),
            "resolver": "Chủ tịch Ủy ban nhân dân phường Bắc Sơn",
            "due": dt.date(2025, 2, 26),
            "recipients": ["Như trên", "Thanh tra tỉnh (để biết)", "Lưu: VT, hồ sơ"],
        },
        "petition.rejection_notice": {
            "number": "19/TB-UBND",
            "citizen": CITIZEN,
            "petition": PETITION,
            "reason": "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại. Ông (bà) "
            "có thể ký hoặc điểm chỉ vào đơn và gửi lại để được xem xét theo quy định.",
            "legal_basis": "Điều 11 Luật Khiếu nại",
            "recipients": ["Như trên", "Thanh tra tỉnh (để biết)", "Lưu: VT, hồ sơ"],
        },
        "petition.return_notice": {
            "number": "",
            "citizen": CITIZEN,
            "petition": {
                **PETITION,
                "summary": "Khiếu nại Quyết định cưỡng chế kê biên tài sản để thi hành án dân "
                "sự; đơn kèm bản gốc biên bản kê biên và giấy chứng nhận quyền sử dụng đất.",
            },
            "reason": "nội dung khiếu nại về thi hành án dân sự không thuộc thẩm quyền giải quyết "
            "của Ủy ban nhân dân phường Bắc Sơn, đơn có kèm theo bản gốc giấy tờ, tài liệu",
            "competent_body": "Thi hành án dân sự tỉnh Thanh Hóa",
            "recipients": ["Như trên", "Lưu: VT, hồ sơ"],
        },
        "petition.reminder": {
            "number": "",
            "to_unit": "Phòng Kinh tế, Hạ tầng và Đô thị phường Bắc Sơn",
            "petition": PETITION,
            "text": "Khẩn trương hoàn thành việc xác minh nội dung khiếu nại được giao; báo cáo "
            "quá trình giải quyết, lý do chậm giải quyết, trách nhiệm của tổ chức, cá nhân có "
            "liên quan và đề xuất hướng giải quyết.",
            "report_by": dt.date(2025, 2, 7),
            "recipients": ["Như trên", "Lưu: VT, hồ sơ"],
        },
    }
)
_SPECIFIC["reception.register_xlsx"] = _SPECIFIC["reception.register"]

# Case resolution (tiepdan.cases): ``case`` {id, kind (label), kind_code, domain, summary,
# accepted_on, identity_sealed}; a denunciation's summary is already redacted by the vault.
CASE = {
    "id": 12,
    "kind": "Khiếu nại lần đầu",
    "kind_code": "complaint_first",
    "domain": "Hành chính — đất đai, nhà cửa",
    "summary": PETITION["summary"],
    "accepted_on": dt.date(2025, 1, 24),
    "identity_sealed": False,
}
DENUNCIATION_CASE = {
    **CASE,
    "kind": "Tố cáo",
    "kind_code": "denunciation",
    "domain": "Hành chính — công chức, công vụ",
    "summary": DENUNCIATION["summary"],
    "identity_sealed": True,
}
_SPECIFIC["case.verification_assignment"] = {
    "case": CASE,
    "team": [
        {"name": "Đỗ Thị Thủy", "role": "Phó Chánh Thanh tra, Tổ trưởng"},
        {"name": "Lương Văn Hải", "role": "Thanh tra viên, thành viên"},
    ],
    "content": "Việc xác định giá đất ở tính bồi thường.\nViệc áp dụng chính sách hỗ trợ.",
    "days": 20,
    "due": dt.date(2025, 3, 10),
}
_SPECIFIC["case.complaint_decision"] = {
    "case": CASE,
    "second": False,
    "outcome": "Khiếu nại đúng một phần",
    "findings": "Giá đất ở áp dụng chưa đúng vị trí thửa đất.\nChính sách hỗ trợ đã đúng.",
    "dialogue": "Ngày 20/02/2025 đã tổ chức đối thoại; các bên thống nhất về vị trí thửa đất.",
    "text": "Giao Phòng Kinh tế, Hạ tầng và Đô thị tính lại giá bồi thường đất ở.",
}
_SPECIFIC["case.denunciation_conclusion"] = {
    "case": DENUNCIATION_CASE,
    "outcome": "Tố cáo có đúng, có sai",
    "findings": "Ông Hoàng Văn Bình chậm giải quyết 3 hồ sơ, không có căn cứ nhận tiền.",
    "text": "Kiểm điểm, rút kinh nghiệm đối với ông Hoàng Văn Bình.",
}

# Case steps. The decisions' samples are a denunciation (valid under both versions; never names
# the denouncer); the dialogue samples are the complaint (dialogue is a complaint step).
_SPECIFIC["case.extension_decision"] = {
    "number": "25/QĐ-UBND",
    "case": DENUNCIATION_CASE,
    "extension": 1,
    "reason": "Vụ việc phức tạp: nội dung tố cáo phải xác minh tại 02 địa điểm (Chi nhánh Văn "
    "phòng Đăng ký đất đai khu vực Bắc Sơn và Trung tâm Phục vụ hành chính công phường).",
    "previous_due": dt.date(2025, 2, 24),
    "due": dt.date(2025, 3, 26),
}
_SPECIFIC["case.suspension_decision"] = {
    "number": "30/QĐ-UBND",
    "case": DENUNCIATION_CASE,
    "reason": "Cần đợi kết quả giám định lại chữ ký trên hồ sơ đề nghị cấp giấy chứng nhận "
    "quyền sử dụng đất (điểm b khoản 1 Điều 34 Luật Tố cáo).",
    "suspended_on": dt.date(2025, 2, 10),
}
_SPECIFIC["case.resumption_decision"] = {
    "number": "41/QĐ-UBND",
    "case": DENUNCIATION_CASE,
    "reason": "Đã có Kết luận giám định số 112/KLGĐ ngày 28/02/2025 của Phòng Kỹ thuật hình sự.",
    "resumed_on": dt.date(2025, 3, 3),
    # Optional: cite the suspension decision.
    "suspended_on": dt.date(2025, 2, 10),
    "suspension_number": "30/QĐ-UBND",
}
_SPECIFIC["case.dialogue_invitation"] = {
    "number": "22/TB-UBND",
    "case": CASE,
    "dialogue": {
        "scheduled_on": dt.datetime(2025, 2, 20, 8, 30),  # noqa: DTZ001 — local wall-clock time
        "place": "Phòng họp số 2, Trụ sở Ủy ban nhân dân phường Bắc Sơn, số 1 đường Lê Lợi",
        "content": "Kết quả xác minh vị trí thửa đất số 215, tờ bản đồ số 08.\n"
        "Đơn giá bồi thường đất ở và chính sách hỗ trợ tái định cư.",
    },
    "invitees": [
        {"name": "Bà Lê Thị Hương Giang", "role": "người khiếu nại"},
        {"name": "Phòng Kinh tế, Hạ tầng và Đô thị", "role": "cơ quan tham mưu"},
        "Ông Đặng Quốc Việt, người có quyền, nghĩa vụ liên quan",
    ],
    "recipients": ["Như trên", "Thanh tra tỉnh (để biết)", "Lưu: VT, hồ sơ"],
}
_SPECIFIC["case.dialogue_minutes"] = {
    "number": "",
    "case": CASE,
    "dialogue": {
        "held_on": dt.date(2025, 2, 20),
        "place": "Phòng họp số 2, Trụ sở Ủy ban nhân dân phường Bắc Sơn",
        "content": "Kết quả xác minh: thửa đất số 215 ở vị trí 2 đường Nguyễn Trãi, không phải "
        "vị trí 3 như đã áp dụng.\nChính sách hỗ trợ tái định cư đã áp dụng đúng quy định.",
    },
    "attendance": [
        {"name": "Nguyễn Văn Trường", "role": "Chủ tịch UBND phường, chủ trì", "present": True},
        {"name": "Trần Thị Hoa", "role": "người ghi biên bản", "present": True},
        {"name": "Lê Thị Hương Giang", "role": "người khiếu nại", "present": True},
        {"name": "Vũ Minh Đức", "role": "đại diện người bị khiếu nại", "present": True},
        {
            "name": "Đặng Quốc Việt",
            "role": "người có quyền, nghĩa vụ liên quan",
            "present": False,
            "reason": "ốm đau, có giấy xác nhận của cơ sở y tế",
        },
    ],
    "agreed": "Thửa đất số 215 được xác định ở vị trí 2 đường Nguyễn Trãi.",
    "disagreed": "Người khiếu nại đề nghị hỗ trợ thêm chi phí thuê nhà trong 12 tháng.",
    "result": "Chủ trì đối thoại giao Phòng Kinh tế, Hạ tầng và Đô thị tính lại giá bồi thường.",
    "copies": 4,
}


def sample_context(code: str) -> dict[str, Any]:
    """A full, independent sample context for form `code` (common keys included)."""
    context = copy.deepcopy(_COMMON)
    context.update(copy.deepcopy(_SPECIFIC[code]))
    return context
