"""Matters (vụ việc): what citizens come and write about, counted apart from visits and petitions.

A matter is opened at the desk or at petition intake and is resolved as a complaint,
denunciation or proposal. Resolution steps (acceptance, verification, decisions) are added by the
case-resolution module.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.models import TimeStampedModel
from tiepdan.workcalendar.models import Complexity


class CaseKind(models.TextChoices):
    COMPLAINT_FIRST = "complaint_first", _("Khiếu nại lần đầu")
    COMPLAINT_SECOND = "complaint_second", _("Khiếu nại lần hai")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PROPOSAL = "proposal", _("Kiến nghị, phản ánh")
    MIXED = "mixed", _("Nhiều nội dung (cần tách)")


KIND_FOR_TYPE = {
    PetitionType.COMPLAINT: CaseKind.COMPLAINT_FIRST,
    PetitionType.DENUNCIATION: CaseKind.DENUNCIATION,
    PetitionType.PROPOSAL: CaseKind.PROPOSAL,
    PetitionType.MIXED: CaseKind.MIXED,
}


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã thụ lý")
    RESOLVED = "resolved", _("Đã giải quyết")
    CLOSED = "closed", _("Đã kết thúc")
    SUSPENDED = "suspended", _("Tạm đình chỉ")


class SubjectCategory(models.Model):
    """A local, admin-editable sub-domain (e.g. "bồi thường, tái định cư") mapped to a bucket."""

    unit = models.ForeignKey(
        "organizations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên"), max_length=200)
    bucket = models.CharField(_("nhóm báo cáo"), max_length=30, choices=Domain.choices)

    class Meta:
        verbose_name = _("lĩnh vực chi tiết")
        verbose_name_plural = _("danh mục lĩnh vực chi tiết")
        ordering = ["bucket", "name"]

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    """Decision or conclusion outcome (domain.md §11.2; Luật KN Arts 31, 40; Luật TC Art 35)."""

    # First-instance complaint decision (Luật KN Art 31).
    COMPLAINT_RIGHT = "right", _("Khiếu nại đúng")
    COMPLAINT_WRONG = "wrong", _("Khiếu nại sai")
    COMPLAINT_PARTLY = "partly", _("Khiếu nại đúng một phần")
    # Second-instance decision (Luật KN Art 40): upholds or cancels/amends the first decision.
    UPHOLD = "uphold", _("Công nhận quyết định giải quyết lần đầu")
    AMEND = "amend", _("Hủy bỏ, sửa đổi quyết định giải quyết lần đầu")
    # Denunciation conclusion (Luật TC Art 35).
    DENUNCIATION_RIGHT = "den_right", _("Tố cáo đúng")
    DENUNCIATION_WRONG = "den_wrong", _("Tố cáo sai")
    DENUNCIATION_PARTLY = "den_partly", _("Tố cáo có đúng, có sai")
    # Proposals and feedback (Luật TCD Art 28): answered.
    ANSWERED = "answered", _("Đã trả lời kiến nghị, phản ánh")
    # Ways a matter ends without a decision on the merits.
    WITHDRAWN = "withdrawn", _("Rút toàn bộ")
    TERMINATED = "terminated", _("Đình chỉ giải quyết")


class Withdrawal(models.TextChoices):
    NONE = "", _("Không")
    PARTIAL = "partial", _("Rút một phần")
    FULL = "full", _("Rút toàn bộ")


class Case(TimeStampedModel):
    """A matter of one unit; a citizen who comes back about it is a repeat visit of the matter."""

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại vụ việc"), max_length=20, choices=CaseKind.choices)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    domain = models.CharField(_("lĩnh vực"), max_length=30, choices=Domain.choices)
    subject = models.ForeignKey(
        SubjectCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("tóm tắt"))
    summary_key = models.TextField(editable=False, blank=True)
    opened_on = models.DateField(_("ngày mở"))
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    first_visit_at = models.DateTimeField(_("lần tiếp đầu tiên"), null=True, blank=True)
    citizens = models.ManyToManyField("citizens.Citizen", related_name="cases", blank=True)
    # Resolution (issue #6).
    resolver = models.ForeignKey(
        "organizations.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người giải quyết"),
    )
    complexity = models.CharField(
        _("mức độ phức tạp"), max_length=16, choices=Complexity.choices, default=Complexity.NORMAL
    )
    remote_area = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    disciplinary = models.BooleanField(_("khiếu nại quyết định kỷ luật"), default=False)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("vụ việc trước (lần đầu, tố cáo trước)"),
    )
    verification_assigned_on = models.DateField(_("ngày giao xác minh"), null=True, blank=True)
    verification_team = models.TextField(_("tổ xác minh"), blank=True)
    verification_reported_on = models.DateField(
        _("ngày báo cáo kết quả xác minh"), null=True, blank=True
    )
    verification_findings = models.TextField(_("kết quả xác minh"), blank=True)
    verification_differs = models.BooleanField(
        _("yêu cầu khác kết quả xác minh"), null=True, blank=True
    )
    suspended_on = models.DateField(_("ngày tạm đình chỉ"), null=True, blank=True)
    withdrawal = models.CharField(
        _("rút đơn"), max_length=10, choices=Withdrawal.choices, blank=True, default=""
    )
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("ngày quyết định, kết luận"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định, kết luận"), max_length=40, blank=True)
    decision_text = models.TextField(_("nội dung quyết định, kết luận"), blank=True)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    handled_on = models.DateField(_("ngày xử lý kết luận"), null=True, blank=True)
    published_on = models.DateField(_("ngày công khai"), null=True, blank=True)
    # Execution of the decision (Luật KN Arts 44–46; report form 02/KQGQ, domain.md §11.2).
    money_to_state = models.DecimalField(
        _("tiền thu hồi về Nhà nước (triệu đồng)"), max_digits=14, decimal_places=3, default=0
    )
    money_returned = models.DecimalField(
        _("tiền trả lại tổ chức, cá nhân (triệu đồng)"), max_digits=14, decimal_places=3, default=0
    )
    land_to_state = models.DecimalField(
        _("đất thu hồi về Nhà nước (m²)"), max_digits=14, decimal_places=2, default=0
    )
    land_returned = models.DecimalField(
        _("đất trả lại tổ chức, cá nhân (m²)"), max_digits=14, decimal_places=2, default=0
    )
    persons_disciplined = models.PositiveIntegerField(_("số người bị xử lý kỷ luật"), default=0)
    referred_cases = models.PositiveIntegerField(_("số vụ chuyển cơ quan điều tra"), default=0)
    referred_persons = models.PositiveIntegerField(_("số người chuyển cơ quan điều tra"), default=0)
    # What the decision or conclusion orders (report forms 01/KQGQ "kiến nghị", 02/KQGQ "phải
    # thu, phải trả"); set as stated, unlike the executed amounts above, which add up.
    decision_money_to_state = models.DecimalField(
        _("tiền kiến nghị thu hồi về Nhà nước (triệu đồng)"),
        max_digits=14,
        decimal_places=3,
        default=0,
    )
    decision_land_to_state = models.DecimalField(
        _("đất kiến nghị thu hồi về Nhà nước (m²)"), max_digits=14, decimal_places=2, default=0
    )
    decision_money_returned = models.DecimalField(
        _("tiền phải trả lại tổ chức, cá nhân (triệu đồng)"),
        max_digits=14,
        decimal_places=3,
        default=0,
    )
    decision_money_returned_orgs = models.DecimalField(
        _("trong đó tiền phải trả lại tổ chức (triệu đồng)"),
        max_digits=14,
        decimal_places=3,
        default=0,
    )
    decision_land_returned = models.DecimalField(
        _("đất phải trả lại tổ chức, cá nhân (m²)"), max_digits=14, decimal_places=2, default=0
    )
    decision_land_returned_orgs = models.DecimalField(
        _("trong đó đất phải trả lại tổ chức (m²)"), max_digits=14, decimal_places=2, default=0
    )
    decision_restored_orgs = models.PositiveIntegerField(
        _("số tổ chức được trả lại quyền lợi"), default=0
    )
    decision_restored_persons = models.PositiveIntegerField(
        _("số cá nhân được trả lại quyền lợi"), default=0
    )
    proposed_disciplined = models.PositiveIntegerField(
        _("số người bị kiến nghị xử lý hành chính"), default=0
    )
    proposed_disciplined_officials = models.PositiveIntegerField(
        _("trong đó cán bộ, công chức, viên chức bị kiến nghị xử lý"), default=0
    )
    # TT 06/2025 04/GQTC (20): organisations proposed for administrative sanctions.
    proposed_disciplined_orgs = models.PositiveIntegerField(
        _("số tổ chức bị kiến nghị xử lý hành chính"), default=0
    )
    # Execution, added up like the amounts above: the part of the returns that went to
    # organisations (the rest went to individuals), officials among the persons, prosecutions.
    money_returned_orgs = models.DecimalField(
        _("trong đó tiền đã trả lại tổ chức (triệu đồng)"),
        max_digits=14,
        decimal_places=3,
        default=0,
    )
    land_returned_orgs = models.DecimalField(
        _("trong đó đất đã trả lại tổ chức (m²)"), max_digits=14, decimal_places=2, default=0
    )
    restored_orgs = models.PositiveIntegerField(
        _("số tổ chức đã được trả lại quyền lợi"), default=0
    )
    restored_persons = models.PositiveIntegerField(
        _("số cá nhân đã được trả lại quyền lợi"), default=0
    )
    orgs_disciplined = models.PositiveIntegerField(_("số tổ chức bị xử lý"), default=0)
    disciplined_officials = models.PositiveIntegerField(
        _("trong đó cán bộ, công chức, viên chức bị xử lý"), default=0
    )
    referred_officials = models.PositiveIntegerField(
        _("trong đó cán bộ, công chức, viên chức chuyển cơ quan điều tra"), default=0
    )
    prosecuted_cases = models.PositiveIntegerField(_("số vụ đã khởi tố"), default=0)
    prosecuted_persons = models.PositiveIntegerField(_("số người đã khởi tố"), default=0)
    prosecuted_officials = models.PositiveIntegerField(
        _("trong đó cán bộ, công chức, viên chức đã khởi tố"), default=0
    )
    executed_on = models.DateField(_("ngày thi hành xong"), null=True, blank=True)
    # The earliest due date of the case's open legal clocks and its rule, kept by the clock
    # services in the same transaction (workcalendar.services), so that the case list sorts
    # on an index instead of looking up the clocks of every case in scope.
    next_due = models.DateField(_("hạn gần nhất"), null=True, blank=True, editable=False)
    next_rule = models.CharField(
        _("thời hạn gần nhất"), max_length=80, blank=True, default="", editable=False
    )

    # Tells the clock services to keep next_due/next_rule up to date.
    tracks_next_clock = True

    class Meta:
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        ordering = ["-opened_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "opened_on"], name="cases_unit_opened"),
            # The case list's order: earliest due first, read in index order.
            models.Index(fields=["next_due", "-accepted_on", "-id"], name="cases_next_due"),
            # The public register of a unit's decisions, newest first.
            models.Index(fields=["unit", "-decided_on", "-id"], name="cases_unit_decided"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.summary[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk})

    @property
    def is_denunciation(self) -> bool:
        return self.kind == CaseKind.DENUNCIATION

    @property
    def is_open(self) -> bool:
        return self.status in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED)


# --------------------------------------------------------------------------- resolution
# Added by the case-resolution module (issue #6). The legal rules live in `rules.py`, every
# write in `services.py`, every read in `selectors.py`; the denouncer vault in `vault.py`.


class CaseEvent(models.Model):
    """One step on a case's timeline, written by every resolution service.

    `summary` and `data` never carry a denouncer's identity (architecture rule 4).
    """

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Thụ lý")
        RESOLVER_SET = "resolver_set", _("Giao người giải quyết")
        VERIFICATION_ASSIGNED = "verification_assigned", _("Quyết định giao nhiệm vụ xác minh")
        VERIFICATION_MINUTES = "verification_minutes", _("Biên bản làm việc, xác minh")
        VERIFICATION_REPORTED = "verification_reported", _("Báo cáo kết quả xác minh")
        DIALOGUE_SCHEDULED = "dialogue_scheduled", _("Thông báo đối thoại")
        DIALOGUE_HELD = "dialogue_held", _("Biên bản đối thoại")
        EXTENDED = "extended", _("Gia hạn giải quyết")
        SUSPENDED = "suspended", _("Tạm đình chỉ")
        RESUMED = "resumed", _("Tiếp tục giải quyết")
        TERMINATED = "terminated", _("Đình chỉ giải quyết")
        WITHDRAWN = "withdrawn", _("Rút đơn")
        DECIDED = "decided", _("Quyết định giải quyết")
        CONCLUDED = "concluded", _("Kết luận nội dung tố cáo")
        ANSWERED = "answered", _("Trả lời kiến nghị, phản ánh")
        SENT = "sent", _("Gửi quyết định, kết luận")
        HANDLED = "handled", _("Xử lý kết luận")
        PUBLISHED = "published", _("Công khai")
        EFFECTIVE = "effective", _("Có hiệu lực pháp luật")
        EXECUTION = "execution", _("Tổ chức thi hành")
        DIRECTIVE = "directive", _("Văn bản chỉ đạo")
        DIRECTIVE_DONE = "directive_done", _("Hoàn thành chỉ đạo")
        IDENTITY_SEALED = "identity_sealed", _("Niêm phong thông tin người tố cáo")
        IDENTITY_GRANTED = "identity_granted", _("Giao quyền xem thông tin người tố cáo")
        IDENTITY_REVOKED = "identity_revoked", _("Thu hồi quyền xem thông tin người tố cáo")
        IDENTITY_WAIVED = "identity_waived", _("Người tố cáo từ chối biện pháp giữ bí mật")
        FOLLOW_UP = "follow_up", _("Khiếu nại lần hai, tố cáo tiếp")
        RECLASSIFIED = "reclassified", _("Xác định lại mức độ phức tạp")
        WORKING_COPY = "working_copy", _("Bản sao che thông tin người tố cáo")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("bước"), max_length=30, choices=Kind.choices)
    on = models.DateField(_("ngày"))
    actor = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("nội dung"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    document = models.ForeignKey(
        "cases.CaseDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diễn biến vụ việc")
        verbose_name_plural = _("diễn biến vụ việc")
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["case", "on"], name="cases_event_timeline")]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.get_kind_display()}"


class RenderStatus(models.TextChoices):
    """Where a generated document stands: the step that issues it commits first and the file is
    rendered after, by a task that retries; a failure stays visible until a retry succeeds."""

    PENDING = "pending", _("đang tạo")
    READY = "ready", _("đã tạo")
    FAILED = "failed", _("lỗi khi tạo")


class CaseDocument(TimeStampedModel):
    """A document generated for a case (decision, conclusion, notice); never names a denouncer."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    code = models.CharField(_("mẫu"), max_length=60)
    title = models.CharField(_("tên văn bản"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    file = models.FileField(_("tệp"), upload_to="cases/%Y/%m/")
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.READY
    )
    # What the step put in the document, kept to render it (again) after the step commits.
    context = models.JSONField(_("dữ liệu văn bản"), default=dict, blank=True)
    error = models.CharField(_("lỗi khi tạo"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("văn bản của vụ việc")
        verbose_name_plural = _("văn bản của vụ việc")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Dialogue(TimeStampedModel):
    """A dialogue (đối thoại) of a complaint: invitation, then minutes with attendance
    (Luật KN Arts 30, 39; NĐ 124/2020 Art 28, Mẫu 14)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dialogues")
    scheduled_on = models.DateField(_("ngày đối thoại"))
    place = models.CharField(_("địa điểm"), max_length=255)
    invited_on = models.DateField(_("ngày gửi thông báo đối thoại"))
    content = models.TextField(_("nội dung đối thoại"), blank=True)
    held_on = models.DateField(_("ngày đã đối thoại"), null=True, blank=True)
    # [{"name", "role", "present": bool, "reason"}]: complainant, complained party, others.
    attendance = models.JSONField(_("thành phần tham dự"), default=list, blank=True)
    agreed = models.TextField(_("nội dung thống nhất"), blank=True)
    disagreed = models.TextField(_("nội dung còn ý kiến khác nhau"), blank=True)

    class Meta:
        verbose_name = _("đối thoại")
        verbose_name_plural = _("đối thoại")
        ordering = ["scheduled_on", "pk"]

    def __str__(self) -> str:
        return f"Đối thoại {self.scheduled_on:%d/%m/%Y}"


class Directive(TimeStampedModel):
    """A superior's directive (văn bản chỉ đạo) or a leader's reception direction linked to the
    case, with its own due date, tracked to completion (S12)."""

    class Source(models.TextChoices):
        SUPERIOR = "superior", _("Văn bản chỉ đạo của cấp trên")
        RECEPTION = "reception", _("Kết luận tiếp công dân của lãnh đạo")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="directives")
    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    reference = models.CharField(_("số, ký hiệu văn bản"), max_length=255, blank=True)
    issuer = models.CharField(_("cơ quan, người chỉ đạo"), max_length=255, blank=True)
    direction = models.ForeignKey(
        "reception.Direction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung chỉ đạo"))
    issued_on = models.DateField(_("ngày chỉ đạo"))
    due_on = models.DateField(_("hạn báo cáo, hoàn thành"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set once each by `reminders.directive_scan`, so that a reminder is never sent twice.
    reminded_soon_on = models.DateField(null=True, blank=True, editable=False)
    reminded_overdue_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("chỉ đạo")
        verbose_name_plural = _("chỉ đạo")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_on"], name="cases_directive_due")]

    def __str__(self) -> str:
        return self.text[:80]


class IdentityRecord(TimeStampedModel):
    """The sealed identity of one denouncer of a case, encrypted at rest (vault.py).

    Luật TC Arts 8.3, 9.1.b, 47, 56: name, address, ID, phone, handwriting are kept secret. The
    values are Fernet tokens; nothing here is readable without `settings.TIEPDAN_FIELD_KEY`.
    """

    # Empty while a denunciation sent online waits for its matter (sealed from the first write,
    # vault.vault_seal_intake); the sealing of the matter adopts it.
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="identities"
    )
    petition = models.ForeignKey(
        "petitions.Petition", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Before sealing at rest (issue #18) the record pointed to the registry; now always empty.
    citizen = models.ForeignKey(
        "citizens.Citizen", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A denouncer who came to the desk: the visit they attended (its attendee row is deleted).
    visit = models.ForeignKey(
        "reception.ReceptionVisit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_representative = models.BooleanField(default=False)
    full_name_enc = models.BinaryField()
    address_enc = models.BinaryField()
    id_number_enc = models.BinaryField()
    phone_enc = models.BinaryField()
    waived_on = models.DateField(_("ngày từ chối giữ bí mật"), null=True, blank=True)
    waiver_note = models.TextField(_("căn cứ từ chối giữ bí mật"), blank=True)

    class Meta:
        verbose_name = _("thông tin người tố cáo (niêm phong)")
        verbose_name_plural = _("thông tin người tố cáo (niêm phong)")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "citizen"], name="cases_identity_unique_citizen"
            ),
        ]

    def __str__(self) -> str:
        return f"Người tố cáo #{self.pk} (vụ việc {self.case_id})"


class SealedFile(TimeStampedModel):
    """A scan carrying handwriting or personal data, encrypted at rest (Luật TC Art 56.2)."""

    identity = models.ForeignKey(IdentityRecord, on_delete=models.PROTECT, related_name="files")
    title_enc = models.BinaryField()
    content_enc = models.BinaryField()
    source_attachment_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("tài liệu niêm phong")
        verbose_name_plural = _("tài liệu niêm phong")

    def __str__(self) -> str:
        return f"Tài liệu niêm phong #{self.pk}"


class SealedText(TimeStampedModel):
    """Free text that quotes a denouncer (a petition's or a matter's summary, a visit's content)
    as it was written, encrypted at rest; the plain column keeps the redacted copy (vault.py)."""

    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="sealed_texts"
    )
    target = models.CharField(max_length=40)  # app_label.model of the row
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)
    text_enc = models.BinaryField()

    class Meta:
        verbose_name = _("nội dung niêm phong")
        verbose_name_plural = _("nội dung niêm phong")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "object_id", "field"], name="cases_sealed_text_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Nội dung niêm phong #{self.pk}"


class IdentityGrant(models.Model):
    """An officer expressly assigned to see a case's denouncer (Luật TC Art 56; domain.md §5)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identity_grants")
    user = models.ForeignKey("organizations.User", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey("organizations.User", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do giao quyền"))
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("quyền xem thông tin người tố cáo")
        verbose_name_plural = _("quyền xem thông tin người tố cáo")
        indexes = [models.Index(fields=["user", "revoked"], name="cases_grant_user")]

    def __str__(self) -> str:
        return f"Vụ việc {self.case_id} → {self.user_id}"
