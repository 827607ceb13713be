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
_SPECIFIC["reception.register_xlsx"] = _SPECIFIC["reception.register"]


def sample_context(code: str) -> dict[str, Any]:
    """A full, independent sample context for form `code` (common keys included)."""
    context = copy.deepcopy(_COMMON)
    context.update(copy.deepcopy(_SPECIFIC[code]))
    return context
