"""Unit kinds, roles and audit action codes of the organizations app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    DEPARTMENT = "department", _("Sở, cơ quan chuyên môn")
    RECEPTION_BOARD = "reception_board", _("Ban Tiếp công dân")
    INSPECTORATE = "inspectorate", _("Thanh tra")
    POLICE = "police", _("Công an")
    MILITARY = "military", _("Quân sự")
    FRONT = "front", _("Mặt trận Tổ quốc")
    QUARTER = "quarter", _("Khu phố, thôn")
    OTHER = "other", _("Khác")


# Partner kinds receive alerts and plan tasks but see no petition content unless granted.
PARTNER_KINDS = frozenset({UnitKind.POLICE, UnitKind.MILITARY, UnitKind.FRONT, UnitKind.QUARTER})


class Role(models.TextChoices):
    RECEPTIONIST = "receptionist", _("Cán bộ tiếp công dân")
    PROCESSOR = "processor", _("Chuyên viên xử lý đơn")
    RESOLVER = "resolver", _("Người giải quyết, tổ xác minh")
    LEADER = "leader", _("Lãnh đạo")
    PARTNER = "partner", _("Cán bộ phối hợp")
    UNIT_ADMIN = "unit_admin", _("Quản trị đơn vị")
    VIEWER = "viewer", _("Xem, thống kê")


UNIT_CREATED = "unit.created"
UNIT_UPDATED = "unit.updated"
UNIT_MERGED = "unit.merged"
UNITS_IMPORTED = "unit.imported"
USER_CREATED = "user.created"
MEMBERSHIP_ADDED = "membership.added"
OTP_DEVICE_CONFIRMED = "user.otp_confirmed"
