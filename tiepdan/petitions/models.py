"""Petitions (đơn): written submissions, numbered per unit and year.

The intake from the reception desk lives here now; classification, processing outcomes,
transfers and follow-up are added by the petition-processing module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.models import TimeStampedModel


class PetitionSource(models.TextChoices):
    RECEPTION = "reception", _("Qua tiếp công dân")
    POST = "post", _("Qua bưu chính")
    DIRECT = "direct", _("Nộp trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    TRANSFERRED = "transferred", _("Cơ quan khác chuyển đến")
    FORWARDED = "forwarded", _("Đại biểu, MTTQ, báo chí chuyển đến")


class Petition(TimeStampedModel):
    """One written petition received by a unit."""

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(_("số đơn"), editable=False)
    received_on = models.DateField(_("ngày nhận"))
    source = models.CharField(_("nguồn đơn"), max_length=20, choices=PetitionSource.choices)
    petition_type = models.CharField(_("loại đơn"), max_length=20, choices=PetitionType.choices)
    domain = models.CharField(_("lĩnh vực"), max_length=30, choices=Domain.choices)
    summary = models.TextField(_("nội dung tóm tắt"))
    signatory_count = models.PositiveIntegerField(_("số người đứng tên"), default=1)
    anonymous = models.BooleanField(_("đơn nặc danh"), default=False)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="petitions"
    )
    visit = models.ForeignKey(
        "reception.ReceptionVisit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    senders = models.ManyToManyField("citizens.Citizen", related_name="petitions", blank=True)
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đơn")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="petitions_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Đơn số {self.number}/{self.year}"
