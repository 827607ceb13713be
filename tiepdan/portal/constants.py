"""Audit codes, limits and public labels of the citizens' channel."""

from django.utils.translation import gettext_lazy as _

PUBLIC_SUBMITTED = "portal.submitted"
PUBLIC_RATED = "portal.rated"
NOTIFICATION_SENT = "portal.notified"

# The petition types a citizen chooses from (a mixed petition is the officer's finding).
PUBLIC_TYPE_CHOICES = [
    ("complaint", _("Khiếu nại")),
    ("denunciation", _("Tố cáo")),
    ("proposal", _("Kiến nghị, phản ánh")),
]

# Attachments a citizen may send with a petition: at most this many, each at most this size.
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Tracking codes: 12 characters from an alphabet without look-alikes (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12

# What the citizen is shown of a petition, derived from its real state (selectors.tracking).
STATUS_LABELS = {
    "received": _("Đã tiếp nhận đơn"),
    "processing": _("Đang xem xét, phân loại đơn"),
    "accepted": _("Đã thụ lý giải quyết"),
    "transferred": _("Đã chuyển đơn đến cơ quan có thẩm quyền"),
    "guided": _("Đã hướng dẫn người gửi đơn"),
    "returned": _("Đã trả lại đơn"),
    "filed": _("Đã lưu đơn, không xử lý tiếp"),
    "rejected": _("Không thụ lý giải quyết"),
    "resolved": _("Đã có kết quả giải quyết"),
}
CLOSED_STATUSES = frozenset({"guided", "returned", "filed", "rejected", "resolved"})
