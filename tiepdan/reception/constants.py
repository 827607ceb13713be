"""Choices and audit codes of the reception desk (domain.md §2, glossary §12)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceptionMode(models.TextChoices):
    REGULAR = "regular", _("Tiếp thường xuyên")
    PERIODIC = "periodic", _("Tiếp định kỳ")
    ADHOC = "adhoc", _("Tiếp đột xuất")


class ChairedBy(models.TextChoices):
    OFFICER = "officer", _("Cán bộ tiếp công dân")
    HEAD = "head", _("Thủ trưởng tiếp")
    DELEGATE = "delegate", _("Ủy quyền tiếp")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")


class Body(models.TextChoices):
    """Bodies that receive citizens at one venue (S17): the People's Committee, the Party."""

    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    PARTY_SECRETARY = "party_secretary", _("Bí thư cấp ủy")
    PARTY_INSPECTION = "party_inspection", _("Ủy ban Kiểm tra Đảng ủy")
    PEOPLES_COUNCIL = "peoples_council", _("Thường trực Hội đồng nhân dân")
    FRONT = "front", _("Mặt trận Tổ quốc")
    OTHER = "other", _("Cơ quan khác")


class Handling(models.TextChoices):
    """What the desk did with the visit (Luật TCD Art 26); drives the register columns."""

    GUIDED = "guided", _("Giải thích, hướng dẫn")
    PETITION_RECEIVED = "petition_received", _("Nhận đơn để xử lý")
    TRANSFERRED = "transferred", _("Chuyển đơn, chuyển nội dung đến cơ quan có thẩm quyền")
    APPOINTMENT = "appointment", _("Hẹn tiếp, hẹn trả lời")
    ANSWERED = "answered", _("Lãnh đạo trả lời, chỉ đạo trực tiếp")
    REFUSED = "refused", _("Từ chối tiếp")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    HELD = "held", _("Đã tiếp")
    CANCELLED = "cancelled", _("Hoãn, hủy")


class DirectionStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


REGISTER_SEQUENCE = "reception.register"

VISIT_RECORDED = "visit.recorded"
VISIT_REFUSED = "visit.refused"
SESSION_CREATED = "reception_session.created"
SESSION_CONCLUDED = "reception_session.concluded"
DIRECTION_DONE = "direction.done"


class Identification(models.TextChoices):
    """How the visitor's identity was established at the visit (Luật 136/2025: visitors give
    identification information against impersonation; NĐ 154/2026 Art 12)."""

    CCCD_CHIP_QR = "cccd_chip_qr", _("Quét mã QR trên thẻ căn cước gắn chip")
    DOCUMENT = "document", _("Xuất trình giấy tờ tùy thân")
    ELECTRONIC_ID = "electronic_id", _("Tài khoản định danh điện tử")
    DECLARED = "declared", _("Công dân tự khai, không xuất trình giấy tờ")
    REPRESENTATIVE = "representative", _("Giấy tờ của người đại diện, người được ủy quyền")


class PointKind(models.TextChoices):
    CENTRAL = "central", _("Điểm cầu trung tâm")
    COMPONENT = "component", _("Điểm cầu thành phần")


class RecordingKind(models.TextChoices):
    ARCHIVE_REFERENCE = "reference", _("Tệp lưu tại kho lưu trữ của cơ quan")
    UPLOAD = "upload", _("Tệp tải lên, lưu trong hệ thống")


ONLINE_SCHEDULED = "reception_session.online_scheduled"
ONLINE_STEP_DONE = "reception_session.online_step"
ONLINE_POINT_ADDED = "reception_session.point_added"
ONLINE_MINUTES_FILED = "reception_session.minutes_filed"
ONLINE_RECORDING_FILED = "reception_session.recording_filed"
ONLINE_RECORDING_READ = "reception_session.recording_read"
