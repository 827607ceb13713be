"""What a citizen should know before sending each kind of petition: the procedure guide shown on
the public pages. Law is data: each step names its legal basis."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Guide:
    petition_type: str
    title: "StrOrPromise"
    what: "StrOrPromise"
    steps: "tuple[StrOrPromise, ...]"
    basis: "StrOrPromise"


GUIDES = (
    Guide(
        "complaint",
        _("Khiếu nại"),
        _(
            "Đề nghị cơ quan, người có thẩm quyền xem xét lại quyết định hành chính, hành vi "
            "hành chính khi có căn cứ cho rằng quyết định, hành vi đó trái pháp luật, xâm phạm "
            "quyền, lợi ích hợp pháp của mình."
        ),
        (
            _(
                "Khiếu nại trong thời hạn 90 ngày kể từ ngày nhận được hoặc biết được quyết định, "
                "hành vi hành chính."
            ),
            _(
                "Ghi rõ họ tên, địa chỉ, số CCCD hoặc số điện thoại; tên cơ quan, người bị khiếu "
                "nại; nội dung, lý do và yêu cầu giải quyết; kèm tài liệu liên quan."
            ),
            _(
                "Cơ quan nhận đơn phải thông báo cho người gửi đơn về việc xử lý đơn trong 10 ngày "
                "làm việc."
            ),
            _(
                "Thời hạn giải quyết lần đầu không quá 30 ngày kể từ ngày thụ lý (vụ việc phức "
                "tạp không quá 45 ngày)."
            ),
        ),
        _("Luật Khiếu nại 2011, Điều 8, 9, 28; Luật Tiếp công dân 2013, Điều 28"),
    ),
    Guide(
        "denunciation",
        _("Tố cáo"),
        _(
            "Báo cho cơ quan, người có thẩm quyền biết về hành vi vi phạm pháp luật của cơ quan, "
            "tổ chức, cá nhân gây thiệt hại hoặc đe dọa gây thiệt hại lợi ích của Nhà nước, "
            "quyền, lợi ích hợp pháp của cơ quan, tổ chức, cá nhân."
        ),
        (
            _(
                "Ghi rõ họ tên, địa chỉ của người tố cáo, cách liên hệ; hành vi vi phạm; người bị "
                "tố cáo và các thông tin khác có liên quan."
            ),
            _(
                "Danh tính người tố cáo được giữ bí mật; chỉ người có thẩm quyền giải quyết được "
                "biết."
            ),
            _(
                "Đơn tố cáo không rõ họ tên, địa chỉ (nặc danh) không được thụ lý giải quyết như "
                "tố cáo; nếu có thông tin cụ thể về hành vi vi phạm, cơ quan có thẩm quyền "
                "tiến hành thanh tra, kiểm tra theo thẩm quyền."
            ),
            _(
                "Trong 7 ngày làm việc kể từ ngày nhận đơn, cơ quan vào sổ, kiểm tra điều kiện và "
                "quyết định thụ lý hoặc chuyển đơn."
            ),
            _(
                "Thời hạn giải quyết tố cáo không quá 30 ngày kể từ ngày thụ lý; có thể gia hạn "
                "với vụ việc phức tạp."
            ),
        ),
        _("Luật Tố cáo 2018, Điều 23, 24, 25, 30, 47"),
    ),
    Guide(
        "proposal",
        _("Kiến nghị, phản ánh"),
        _(
            "Đề xuất ý kiến về chính sách, pháp luật, công tác quản lý; hoặc cung cấp thông tin, "
            "trình bày ý kiến về những vấn đề liên quan đến việc thực hiện chính sách, pháp luật."
        ),
        (
            _("Ghi rõ họ tên, địa chỉ, cách liên hệ và nội dung kiến nghị, phản ánh."),
            _(
                "Cơ quan nhận đơn thông báo cho người gửi về việc xử lý đơn trong 10 ngày làm "
                "việc; nếu không thuộc thẩm quyền thì chuyển hoặc hướng dẫn đến cơ quan có thẩm "
                "quyền."
            ),
        ),
        _("Luật Tiếp công dân 2013, Điều 2, 28; Nghị định 64/2014/NĐ-CP"),
    ),
)
