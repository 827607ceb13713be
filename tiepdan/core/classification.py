"""Classifications shared by reception, petitions, cases and reports (domain.md §1.2, §11)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PetitionType(models.TextChoices):
    """By content, judged by the content and the request, not the title (TT 05/2021 Art 6.1)."""

    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PROPOSAL = "proposal", _("Kiến nghị, phản ánh")
    MIXED = "mixed", _("Nhiều nội dung khác nhau")


class Domain(models.TextChoices):
    """Reporting buckets of the statutory forms (domain.md §11.1); local catalogues map here."""

    ADMIN_POLICY = "admin.policy", _("Hành chính — chế độ, chính sách")
    ADMIN_LAND_HOUSING = "admin.land_housing", _("Hành chính — đất đai, nhà cửa")
    ADMIN_CIVIL_SERVICE = "admin.civil_service", _("Hành chính — công chức, công vụ")
    ADMIN_OTHER = "admin.other", _("Hành chính — khác")
    JUDICIAL = "judicial", _("Tư pháp")
    PARTY_MASS_ORG = "party_mass_org", _("Đảng, đoàn thể")
    CORRUPTION = "corruption", _("Tham nhũng")
    OTHER = "other", _("Lĩnh vực khác")


# A visit or petition of this many people or more is a mass group (đoàn đông người): Luật TCD
# Art 29 and TT 07/2014's "từ 05 người trở lên". Not an explicit statistical definition in
# TT 01/2024 (domain.md §2.4, unverified), hence a named constant rather than a literal.
MASS_GROUP_THRESHOLD = 5
