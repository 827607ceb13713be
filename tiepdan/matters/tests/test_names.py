"""A matter is one row whether the desk reads it as `Matter` or the resolution as `Case`: the
audit log, the content types and the sealed texts name it the same way."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from tiepdan.audit.services import audit_record
from tiepdan.cases.models import Case
from tiepdan.matters.models import CaseKind, Matter
from tiepdan.organizations.models import Unit
from tiepdan.vault.models import SealedText
from tiepdan.vault.vault import encrypt, original_texts


@pytest.mark.django_db
def test_a_matter_is_named_alike_as_matter_and_as_case(ward: Unit) -> None:
    matter = Matter.objects.create(
        unit=ward,
        kind=CaseKind.COMPLAINT_FIRST,
        domain="admin.land_housing",
        summary="Khiếu nại quyết định thu hồi đất của ông X",
        opened_on=date(2026, 4, 1),
    )
    case = Case.objects.get(pk=matter.pk)

    assert {
        audit_record(action="test.desk", target=matter).target_type,
        audit_record(action="test.resolution", target=case).target_type,
    } == {"matters.matter"}
    assert ContentType.objects.get_for_model(case) == ContentType.objects.get_for_model(matter)

    SealedText.objects.create(
        case=case,
        target="matters.matter",
        object_id=matter.pk,
        field="summary",
        text_enc=encrypt("Khiếu nại quyết định thu hồi đất của ông Nguyễn Văn A"),
    )
    written = {matter.pk: "Khiếu nại quyết định thu hồi đất của ông Nguyễn Văn A"}
    assert original_texts([matter], "summary") == original_texts([case], "summary") == written
