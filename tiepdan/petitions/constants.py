"""Choices and audit codes of petition processing (domain.md §1.2–1.3, §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PETITION_RECEIVED = "petition.received"
PETITION_CLASSIFIED = "petition.classified"
PETITION_SPLIT = "petition.split"
PETITION_DUPLICATE_MARKED = "petition.duplicate_marked"
PETITION_PROPOSED = "petition.proposed"
PETITION_DECIDED = "petition.decided"
TRANSFER_ACKNOWLEDGED = "transfer.acknowledged"
TRANSFER_REPLIED = "transfer.replied"
PETITION_URGED = "petition.urged"
BACKLOG_REVIEWED = "petition.backlog_reviewed"
NUMBER_SEQUENCE = "petition"


class Eligibility(models.TextChoices):
    PENDING = "pending", _("Chưa phân loại")
    ELIGIBLE = "eligible", _("Đủ điều kiện xử lý")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện xử lý")


class IneligibleReason(models.TextChoices):
    """Statutory reasons a petition is not processed (TT 05/2021 Art 6.2.b; TT 07/2014 Art 6)."""

    FORM = "form", _("Không đúng hình thức (thiếu họ tên, địa chỉ, chữ ký/điểm chỉ…)")
    FOREIGN_LANGUAGE = "foreign_language", _("Viết bằng tiếng nước ngoài không kèm bản dịch")
    SENT_TO_COMPETENT = "sent_to_competent", _("Gửi nhiều nơi, trong đó có cơ quan có thẩm quyền")
    ALREADY_GUIDED = "already_guided", _("Đã được hướng dẫn một lần về cùng nội dung")
    DUPLICATE = "duplicate", _("Đơn trùng nội dung đã xử lý")
    FINALLY_RESOLVED = "finally_resolved", _("Đã giải quyết dứt điểm, không có tình tiết mới")
    HOSTILE_CONTENT = "hostile_content", _("Nội dung chống đối, xúc phạm, vu khống (TT 05/2021)")
    ILLEGIBLE = "illegible", _("Đơn rách nát, tẩy xóa, không đọc được (TT 05/2021)")
    ANONYMOUS = "anonymous", _("Đơn nặc danh không có thông tin cụ thể để kiểm tra")


class Outcome(models.TextChoices):
    """Hướng xử lý (domain.md §3.3); names are the API's `outcome` values."""

    ACCEPT = "accept", _("Thụ lý (đề xuất thụ lý)")
    GUIDE = "guide", _("Hướng dẫn")
    TRANSFER = "transfer", _("Chuyển đơn")
    RETURN = "return", _("Trả lại đơn")
    FILE = "file", _("Lưu đơn")
    URGE = "urge", _("Đôn đốc giải quyết")
    REJECT = "reject", _("Không thụ lý")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    PROPOSED = "proposed", _("Chờ lãnh đạo duyệt")
    DECIDED = "decided", _("Đã xử lý")
    TRANSFERRED = "transferred", _("Đã chuyển, chờ tiếp nhận")
    CLOSED = "closed", _("Đã có kết quả")


class TransferStatus(models.TextChoices):
    SENT = "sent", _("Đã chuyển")
    ACKNOWLEDGED = "acknowledged", _("Đơn vị nhận đã tiếp nhận")
    REPLIED = "replied", _("Đã có văn bản phúc đáp")


class OutsideBody(models.TextChoices):
    """Where a petition goes outside the system (NĐ 55/2022 transfer destinations)."""

    ELECTED = "elected", _("Quốc hội, Hội đồng nhân dân và các cơ quan của Quốc hội, HĐND")
    ADMINISTRATIVE = "administrative", _("Cơ quan hành chính nhà nước")
    JUDICIAL = "judicial", _("Cơ quan tiến hành tố tụng, thi hành án")
    STATE_AUDIT = "state_audit", _("Kiểm toán nhà nước")
    PARTY_MASS = "party_mass", _("Tổ chức chính trị, chính trị - xã hội, tôn giáo")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập, doanh nghiệp nhà nước")
    OTHER = "other", _("Cơ quan, tổ chức khác")


class PriorResolution(models.TextChoices):
    """Where the matter stood before this petition (reporting dimension, domain.md §11.2)."""

    UNRESOLVED = "unresolved", _("Chưa được giải quyết")
    RESOLVING = "resolving", _("Đang được giải quyết")
    FIRST = "first", _("Đã giải quyết lần đầu")
    REPEATED = "repeated", _("Đã giải quyết nhiều lần (lần 2)")
    COURT = "court", _("Đã có bản án của Tòa án")
    DENUNCIATION_OVERDUE = "denunciation_overdue", _("Tố cáo tiếp: quá hạn chưa giải quyết")
    DENUNCIATION_CONCLUDED = "denunciation_concluded", _("Tố cáo tiếp: đã có kết luận")
