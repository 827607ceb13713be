"""The person registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    OTHER = "other", _("Khác")


class IdKindChoice(models.TextChoices):
    CCCD = "cccd", _("Căn cước (12 số)")
    CMND = "cmnd", _("CMND cũ (9 số)")
    PASSPORT = "passport", _("Hộ chiếu")
    NONE = "", _("Không có")


class Citizen(TimeStampedModel):
    """A person who came to, or wrote to, a unit. Registered by the unit that first met them.

    `name_key` and `address_key` are the accent-free search keys (core.text.search_key), so
    search works with and without diacritics on SQLite and PostgreSQL alike. A duplicate merged
    into another record keeps its row (and history) with `merged_into` set.
    """

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    id_number = models.CharField(_("số giấy tờ"), max_length=12, blank=True)
    id_kind = models.CharField(
        _("loại giấy tờ"), max_length=10, choices=IdKindChoice.choices, blank=True
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    address_key = models.CharField(max_length=255, editable=False, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=11, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã gộp vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
    )
    created_by = models.ForeignKey(
        "organizations.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set while a row that existed only for a sealed denunciation waits to be deleted (when the
    # sealing commits, vault.seal.drop_orphans): hidden from every list meanwhile.
    sealed = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("công dân")
        verbose_name_plural = _("công dân")
        ordering = ["name_key", "pk"]
        indexes = [
            # Desk search: by ID and phone prefix, by name key (trigram index on PostgreSQL too).
            models.Index(fields=["id_number"], name="citizens_id_number"),
            models.Index(fields=["phone"], name="citizens_phone"),
            models.Index(fields=["name_key"], name="citizens_name_key"),
            # Duplicate detection: same normalised name and birth date.
            models.Index(fields=["name_key", "date_of_birth"], name="citizens_name_dob"),
        ]
        constraints = [
            # One person per ID number in a unit's registry; merged records keep theirs.
            models.UniqueConstraint(
                fields=["unit", "id_number"],
                condition=models.Q(merged_into__isnull=True) & ~models.Q(id_number=""),
                name="citizens_one_person_per_id_number",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None
