"""Statutory grounds for refusing to receive a citizen, by the version of the law in force.

Luật TCD 42/2013 Art 9 (verified); from 1 July 2026 NĐ 154/2026/NĐ-CP Art 4 adds grounds and a
written notice within 3 working days for Art 9.3 and point h (verified only in a third-party
transcription: domain.md §2.3 — check the Công báo text before relying on the wording).
"""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from tiepdan.core.errors import DomainError

NEW_LAW = dt.date(2026, 7, 1)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class RefusalGround:
    code: str
    text: "StrOrPromise"  # translated when shown
    legal_basis: str
    notice_required: bool  # a written "Thông báo từ chối tiếp công dân" by the head
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or on >= self.valid_from) and (
            self.valid_to is None or on <= self.valid_to
        )


_LAW = "Luật Tiếp công dân 2013, Điều 9"
_DECREE = "Nghị định 154/2026/NĐ-CP, Điều 4 khoản 1"

GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "art9.1",
        _(
            "Người trong tình trạng say do dùng chất kích thích, mắc bệnh tâm "
            "thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi"
        ),
        f"{_LAW} khoản 1",
        notice_required=False,
    ),
    RefusalGround(
        "art9.2",
        _(
            "Có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân, người thi "
            "hành công vụ hoặc vi phạm nội quy nơi tiếp công dân"
        ),
        f"{_LAW} khoản 2",
        notice_required=False,
    ),
    RefusalGround(
        "art9.3",
        _(
            "Khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp "
            "luật, đã được kiểm tra, rà soát, thông báo bằng văn bản và đã được "
            "tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo "
            "kéo dài"
        ),
        f"{_LAW} khoản 3",
        notice_required=True,
    ),
    RefusalGround(
        "art9.4",
        _("Trường hợp khác theo quy định của pháp luật"),
        f"{_LAW} khoản 4",
        notice_required=False,
        valid_to=NEW_LAW - dt.timedelta(1),
    ),
    RefusalGround(
        "nd154.a",
        _("Mang vũ khí, chất nổ, vật dụng nguy hiểm và không chấp hành việc gửi lại"),
        f"{_DECREE} điểm a",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.b",
        _("Không chấp hành việc kiểm tra an ninh"),
        f"{_DECREE} điểm b",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.c",
        _(
            "Ghi âm, ghi hình, phát trực tiếp trái phép khi người chủ trì đã "
            "không cho phép, hoặc gây mất trật tự"
        ),
        f"{_DECREE} điểm c",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.d",
        _("Kích động, gây rối trật tự nơi tiếp công dân"),
        f"{_DECREE} điểm d",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.dd",
        _("Không có đủ năng lực hành vi dân sự mà không có người đại diện hợp pháp"),
        f"{_DECREE} điểm đ",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.e",
        _(
            "Người đại diện, người được ủy quyền không có giấy tờ chứng minh "
            "việc đại diện, ủy quyền"
        ),
        f"{_DECREE} điểm e",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.g",
        _("Nội dung không thuộc phạm vi khiếu nại, tố cáo, kiến nghị, phản ánh"),
        f"{_DECREE} điểm g",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.h",
        _(
            "Kiến nghị, phản ánh về vụ việc đã được tiếp nhận, hướng dẫn hoặc "
            "trả lời bằng văn bản mà không có tình tiết mới"
        ),
        f"{_DECREE} điểm h",
        True,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.i",
        _(
            "Vụ việc đã có bản án, quyết định của Tòa án có hiệu lực pháp luật "
            "không thuộc trường hợp xem xét lại"
        ),
        f"{_DECREE} điểm i",
        False,
        valid_from=NEW_LAW,
    ),
    RefusalGround(
        "nd154.k",
        _("Vụ việc đang được cơ quan có thẩm quyền khác xem xét, giải quyết"),
        f"{_DECREE} điểm k",
        False,
        valid_from=NEW_LAW,
    ),
)


def grounds_in_force(on: dt.date) -> list[RefusalGround]:
    """Grounds a desk may cite on date `on`."""
    return [g for g in GROUNDS if g.in_force(on)]


def ground_get(code: str, on: dt.date) -> RefusalGround:
    for ground in grounds_in_force(on):
        if ground.code == code:
            return ground
    message = _("Căn cứ từ chối “%(code)s” không áp dụng vào ngày %(day)s.") % {
        "code": code,
        "day": on.strftime("%d/%m/%Y"),
    }
    raise DomainError(
        str(message), code="invalid_refusal_ground", fields={"refusal_ground": [str(message)]}
    )
