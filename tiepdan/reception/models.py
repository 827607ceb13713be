"""Reception venues and sessions, visits (lượt tiếp) and refusals; the register is the visits."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.models import TimeStampedModel
from tiepdan.reception.constants import (
    Body,
    ChairedBy,
    Channel,
    DirectionStatus,
    Handling,
    Identification,
    PointKind,
    ReceptionMode,
    RecordingKind,
    SessionStatus,
)

if TYPE_CHECKING:
    from tiepdan.citizens.models import Citizen


class ReceptionVenue(TimeStampedModel):
    """A reception office or place announced to the public, with its facilities (S31)."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("tên"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=255)
    facilities = models.TextField(_("cơ sở vật chất"), blank=True)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("địa điểm tiếp công dân")
        verbose_name_plural = _("địa điểm tiếp công dân")

    def __str__(self) -> str:
        return self.name


class ReceptionSession(TimeStampedModel):
    """A reception period: a leader's periodic or ad-hoc session, or a regular desk day."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    venue = models.ForeignKey(
        ReceptionVenue, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("ngày tiếp"))
    mode = models.CharField(_("hình thức"), max_length=10, choices=ReceptionMode.choices)
    chaired_by = models.CharField(_("người chủ trì"), max_length=10, choices=ChairedBy.choices)
    chair = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(
        _("cơ quan tiếp"), max_length=20, choices=Body.choices, default=Body.PEOPLES_COMMITTEE
    )
    channel = models.CharField(
        _("phương thức"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.HELD
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    # Online reception (Luật TCD Art 3a; NĐ 154/2026 Arts 16–24), empty for a session in person.
    start_time = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    video_link = models.URLField(_("đường dẫn phòng họp trực tuyến"), max_length=500, blank=True)
    online_ground = models.CharField(_("căn cứ tiếp trực tuyến"), max_length=30, blank=True)
    online_reason = models.TextField(_("lý do tiếp trực tuyến"), blank=True)
    notified_on = models.DateField(_("ngày thông báo lịch"), null=True, blank=True)
    tested_on = models.DateField(_("ngày kiểm tra kết nối"), null=True, blank=True)
    connected_at = models.DateTimeField(_("thời điểm kết nối"), null=True, blank=True)
    minutes = models.TextField(_("biên bản tiếp công dân trực tuyến"), blank=True)

    class Meta:
        verbose_name = _("kỳ tiếp công dân")
        verbose_name_plural = _("kỳ tiếp công dân")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["unit", "date"], name="reception_session_unit_date")]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.date:%d/%m/%Y}"


class OnlinePoint(TimeStampedModel):
    """A connection point (điểm cầu) of an online session: the central one and the components,
    each with its unit, room and the officers present. The citizens present at a point are the
    attendees of the visits received there."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.PROTECT, related_name="points")
    kind = models.CharField(_("loại điểm cầu"), max_length=10, choices=PointKind.choices)
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    room = models.CharField(_("phòng, địa điểm"), max_length=255)
    officers = models.TextField(_("cán bộ có mặt"), blank=True)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["session", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(kind="central"),
                name="reception_one_central_point",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.room}"


class SessionRecording(TimeStampedModel):
    """The audio-video recording of an online session: a reference to the file archived by the
    agency (with its SHA-256, size, duration) or the file itself kept in TiếpDân's storage,
    which is never served publicly (downloads go through a checked, audited view) and is
    encrypted there (a recording may show the people received)."""

    session = models.OneToOneField(
        ReceptionSession, on_delete=models.PROTECT, related_name="recording"
    )
    kind = models.CharField(_("cách lưu"), max_length=10, choices=RecordingKind.choices)
    archive_reference = models.CharField(_("nơi lưu, số hiệu lưu trữ"), max_length=500, blank=True)
    file = models.FileField(_("tệp ghi hình"), upload_to="reception/recordings/%Y/", blank=True)
    # The uploaded file is sealed in storage (vault.sealed_files); this is its data key, wrapped
    # by the field key.
    file_key = models.BinaryField(blank=True, default=b"", editable=False)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size_bytes = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    duration_seconds = models.PositiveIntegerField(_("thời lượng (giây)"))
    retain_until = models.DateField(_("lưu trữ đến ngày"))
    filed_by = models.ForeignKey(
        "organizations.User", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bản ghi hình kỳ tiếp trực tuyến")
        verbose_name_plural = _("bản ghi hình kỳ tiếp trực tuyến")

    def __str__(self) -> str:
        return self.archive_reference or self.sha256[:12]


class SessionConclusion(TimeStampedModel):
    """Thông báo kết luận việc tiếp công dân of a leader's session (NĐ 154/2026 Art 25.2)."""

    session = models.OneToOneField(
        ReceptionSession, on_delete=models.PROTECT, related_name="conclusion"
    )
    number = models.CharField(_("số thông báo"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    content = models.TextField(_("nội dung kết luận"))

    class Meta:
        verbose_name = _("thông báo kết luận")
        verbose_name_plural = _("thông báo kết luận")

    def __str__(self) -> str:
        return self.number or str(self.session)


class Direction(TimeStampedModel):
    """A direction given at a leader's session: a tracked task with an assignee and a due date."""

    conclusion = models.ForeignKey(
        SessionConclusion, on_delete=models.PROTECT, related_name="directions"
    )
    text = models.TextField(_("nội dung chỉ đạo"))
    assignee = models.ForeignKey(
        "organizations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("giao")
    )
    due_on = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        max_length=10, choices=DirectionStatus.choices, default=DirectionStatus.OPEN
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    class Meta:
        verbose_name = _("nội dung chỉ đạo")
        verbose_name_plural = _("nội dung chỉ đạo")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["assignee", "status"], name="reception_direction_todo")]

    def __str__(self) -> str:
        return self.text[:80]


class ReceptionVisit(TimeStampedModel):
    """One visit (lượt tiếp) and its line in the unit's reception register for the year."""

    unit = models.ForeignKey("organizations.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(editable=False)
    register_number = models.PositiveIntegerField(_("số thứ tự trong sổ"), editable=False)
    session = models.ForeignKey(
        ReceptionSession, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    received_at = models.DateTimeField(_("thời gian tiếp"))
    mode = models.CharField(_("hình thức"), max_length=10, choices=ReceptionMode.choices)
    chaired_by = models.CharField(_("người chủ trì"), max_length=10, choices=ChairedBy.choices)
    channel = models.CharField(_("phương thức"), max_length=10, choices=Channel.choices)
    officer = models.ForeignKey(
        "organizations.User",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tiếp"),
    )
    people_count = models.PositiveIntegerField(_("số người"))
    is_mass_group = models.BooleanField(_("đoàn đông người"), default=False)
    case = models.ForeignKey("matters.Matter", on_delete=models.PROTECT, related_name="visits")
    # A copy of the matter's first visit ever (`Matter.first_visit_at`), so that the reports tell
    # "tiếp lần đầu" without joining the matters. Database triggers (migration 0004) keep it
    # equal to the matter's on every write, whoever writes: the desk, imports, bulk loads.
    matter_first_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_repeat = models.BooleanField(_("tiếp nhiều lần"), default=False)
    petition_type = models.CharField(_("loại đơn"), max_length=20, choices=PetitionType.choices)
    domain = models.CharField(_("lĩnh vực"), max_length=30, choices=Domain.choices)
    subject = models.ForeignKey(
        "matters.SubjectCategory", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(_("nội dung vụ việc"))
    request = models.TextField(_("yêu cầu, đề nghị"), blank=True)
    resolution_history = models.TextField(_("cơ quan đã giải quyết"), blank=True)
    documents = models.JSONField(_("tài liệu nhận"), default=list, blank=True)
    handling = models.CharField(_("kết quả tiếp"), max_length=20, choices=Handling.choices)
    within_competence = models.BooleanField(_("thuộc thẩm quyền"), null=True, blank=True)
    competent_body = models.CharField(_("cơ quan có thẩm quyền"), max_length=255, blank=True)
    guidance = models.TextField(_("nội dung hướng dẫn"), blank=True)
    appointment_at = models.DateTimeField(_("hẹn lúc"), null=True, blank=True)
    appointment_place = models.CharField(_("nơi hẹn"), max_length=255, blank=True)
    follow_up = models.TextField(_("theo dõi kết quả"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    warnings = models.JSONField(default=list, blank=True, editable=False)
    identification = models.CharField(
        _("cách xác định danh tính"), max_length=20, choices=Identification.choices, blank=True
    )
    citizens: "models.ManyToManyField[Citizen, VisitCitizen]" = models.ManyToManyField(
        "citizens.Citizen", through="VisitCitizen", related_name="visits"
    )

    class Meta:
        verbose_name = _("lượt tiếp")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "register_number"], name="reception_register_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(people_count__gte=1), name="reception_visit_people_positive"
            ),
        ]
        indexes = [
            # The register of a unit for a period, and the reports' date ranges.
            models.Index(fields=["unit", "received_at"], name="reception_visit_unit_time"),
            models.Index(fields=["case", "received_at"], name="reception_visit_case_time"),
        ]

    def __str__(self) -> str:
        return f"{self.register_number}/{self.year}"


class VisitCitizen(models.Model):
    """A citizen at a visit; for a group, the representatives are marked."""

    visit = models.ForeignKey(ReceptionVisit, on_delete=models.CASCADE, related_name="attendees")
    citizen = models.ForeignKey("citizens.Citizen", on_delete=models.PROTECT, related_name="+")
    is_representative = models.BooleanField(_("người đại diện"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "citizen"], name="reception_visit_citizen"),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}:{self.citizen_id}"


class OnlineVisit(models.Model):
    """What a visit received online adds: the point the citizen attended, why the citizen may be
    received online, and for a denunciation the written waiver of identity protection."""

    visit = models.OneToOneField(ReceptionVisit, on_delete=models.CASCADE, related_name="online")
    point = models.ForeignKey(OnlinePoint, on_delete=models.PROTECT, related_name="visits")
    ground = models.CharField(_("căn cứ tiếp trực tuyến"), max_length=30)
    reason = models.TextField(_("lý do"))
    waiver_reference = models.CharField(
        _("văn bản từ bỏ quyền được giữ bí mật"), max_length=255, blank=True
    )

    class Meta:
        verbose_name = _("lượt tiếp trực tuyến")
        verbose_name_plural = _("lượt tiếp trực tuyến")

    def __str__(self) -> str:
        return f"{self.visit_id}@{self.point_id}"


class ReceptionRefusal(TimeStampedModel):
    """A refusal to receive (Luật TCD Art 9; NĐ 154/2026 Art 4), with its notice if required."""

    visit = models.OneToOneField(ReceptionVisit, on_delete=models.PROTECT, related_name="refusal")
    ground = models.CharField(_("căn cứ từ chối"), max_length=40)
    ground_text = models.TextField(_("lý do"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    details = models.TextField(_("chi tiết"), blank=True)
    notice_required = models.BooleanField(_("phải ra thông báo"), default=False)
    notice_due = models.DateField(_("hạn ra thông báo"), null=True, blank=True)

    class Meta:
        verbose_name = _("từ chối tiếp")
        verbose_name_plural = _("từ chối tiếp")

    def __str__(self) -> str:
        return self.ground
