"""Matters (vụ việc): what citizens come and write about, counted apart from visits and petitions.

A matter is opened at the desk or at petition intake and is resolved as a complaint,
denunciation or proposal. The desk (`reception`) and petition intake (`petitions`) create it
here; its resolution (acceptance, verification, decisions, the denouncer's seal) is `cases`,
which reads and writes the same rows as `cases.Case`.
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
        db_table = "cases_subjectcategory"
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


class Matter(TimeStampedModel):
    """A matter of one unit; a citizen who comes back about it is a repeat visit of the matter.

    One row from intake to the end of its resolution: the resolution's columns are here, their
    rules and writes in `cases` (whose `Case` is this model under the name the API uses).
    """

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
        # The table and its index names are those it had as `cases.Case`: the move into this
        # app changed no table (migration matters 0001).
        db_table = "cases_case"
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        ordering = ["-opened_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "opened_on"], name="cases_unit_opened"),
            # The case list's order: earliest due first, read in index order.
            models.Index(fields=["next_due", "-accepted_on", "-id"], name="cases_next_due"),
            # The same order within one status (`cases.selectors.case_list` filtered by status:
            # the decided and closed cases have no due date and would otherwise be found at
            # the end of the whole index).
            models.Index(
                fields=["status", "next_due", "-accepted_on", "-id"], name="cases_status_next_due"
            ),
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
