"""Stages, statuses and code lists of the national database link (national-db.md;
NĐ 55/2022 Arts 6, 8; NĐ 154/2026 Art 27; NĐ 155/2026 Art 30a; NĐ 156/2026 Art 19a)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SETTING_UPDATED = "natsync.setting_updated"
MAPPING_IMPORTED = "natsync.mapping_imported"
RECORD_RETRIED = "natsync.record_retried"


class Stage(models.TextChoices):
    """The five national calls, in the order a matter moves (national-db.md)."""

    MATTER = "matter", _("Vụ việc (tiếp nhận đơn)")
    PROCESSING = "processing", _("Kết quả xử lý đơn")
    ACCEPTANCE = "acceptance", _("Quyết định thụ lý")
    RESOLUTION = "resolution", _("Kết quả giải quyết")
    EXECUTION = "execution", _("Thi hành quyết định")


STAGE_ORDER = {stage: i for i, stage in enumerate(Stage.values, start=1)}


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


UNSENT = (Status.PENDING, Status.FAILED)


class ObjectKind(models.TextChoices):
    PETITION = "petition", _("Đơn")
    CASE = "case", _("Vụ việc")


class CodeList(models.TextChoices):
    """The system's own lists that the national database knows by its own numbers."""

    UNIT = "unit", _("Đơn vị, cơ quan")
    PETITION_TYPE = "petition_type", _("Loại đơn")
    DOMAIN = "domain", _("Lĩnh vực")
    HANDLING = "handling", _("Hướng xử lý")
    DECISION_KIND = "decision_kind", _("Loại quyết định")
    RESULT = "result", _("Kết quả giải quyết")
    SOURCE = "source", _("Nguồn đơn")
    AREA = "area", _("Địa giới hành chính")
    ETHNICITY = "ethnicity", _("Dân tộc")
    COUNTRY = "country", _("Quốc tịch")


# National list numbers as GoSol's mapping (DongBoDuLieuBUS.InitDataApi) shows them
# (national-db.md); units of a ministry use list 7 instead of 2. Unverified against a published
# specification, which does not exist: shown to administrators, never used to decide anything.
NATIONAL_LIST_NUMBER = {
    CodeList.UNIT: 2,
    CodeList.PETITION_TYPE: 6,
    CodeList.DOMAIN: 6,
    CodeList.HANDLING: 13,
    CodeList.DECISION_KIND: 8,
    CodeList.RESULT: 10,
    CodeList.SOURCE: 5,
    CodeList.AREA: 1,
    CodeList.ETHNICITY: 4,
    CodeList.COUNTRY: 3,
}
