"""Matters (vụ việc): what citizens come and write about, counted apart from visits and petitions.

A matter is opened at the desk or at petition intake and is resolved as a complaint,
denunciation or proposal. Resolution steps (acceptance, verification, decisions) are added by the
case-resolution module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.models import TimeStampedModel


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

    class Meta:
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["unit", "opened_on"], name="cases_unit_opened")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.summary[:60]}"
