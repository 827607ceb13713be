"""Unit tree, users and memberships."""

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import TimeStampedModel
from tiepdan.organizations.constants import Role, UnitKind

PATH_STEP = 10  # digits per level in Unit.path: zero-padded primary keys


class Unit(TimeStampedModel):
    """An agency or administrative unit: province, commune/ward, department, board, partner.

    `path` is a materialised path of zero-padded ids from the root ("0000000001/0000000007/"), so
    a subtree is one indexed prefix query. A unit merged into another keeps its records and
    history; `merged_into` points to its successor (the 1 July 2025 reform abolished districts).
    """

    code = models.CharField(
        _("mã đơn vị"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_.-]+$", _("Mã chỉ gồm chữ, số, dấu chấm, gạch."))],
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organizations_unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the unit exists on `day`: within its validity dates and not merged away.
        The same rule as selectors.in_force_q, for one unit in hand."""
        return (
            self.merged_into_id is None
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_to is None or self.valid_to >= day)
        )

    @property
    def is_partner(self) -> bool:
        from tiepdan.organizations.constants import PARTNER_KINDS

        return self.kind in PARTNER_KINDS


class User(AbstractUser):
    """A person who signs in: officer, leader, partner liaison, administrator."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Membership(TimeStampedModel):
    """A user's role in a unit; it covers the unit and its whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="organizations_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
