import datetime as dt

import pytest
from django.test import Client

from tiepdan.audit.models import AuditEvent
from tiepdan.organizations.models import User
from tiepdan.vault.models import IdentityGrant

pytestmark = pytest.mark.django_db


def test_head_grants_then_revokes_an_officer_who_then_may_reveal(
    client: Client, open_case, leader: User, processor: User, receptionist: User
) -> None:
    case = open_case(
        petition_type="denunciation",
        received_on=dt.date(2025, 1, 20),
        accepted_on=dt.date(2025, 1, 22),
    )
    client.force_login(leader)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Cán bộ được giao quyền xem" in page
    client.post(
        f"/cases/{case.pk}/identity/grants/",
        {"user": receptionist.pk, "reason": "Tham gia tổ xác minh"},
    )
    grant = IdentityGrant.objects.get(case=case, user=receptionist)
    assert AuditEvent.objects.filter(target_type="matters.matter").exists()

    client.force_login(receptionist)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Xem (ghi nhật ký)" in page
    assert "Giao quyền (ghi nhật ký)" not in page  # only the resolver assigns

    client.force_login(leader)
    client.post(f"/cases/{case.pk}/identity/grants/{grant.pk}/revoke/")
    grant.refresh_from_db()
    assert grant.revoked


def test_only_the_resolver_may_grant(
    client: Client, open_case, processor: User, receptionist: User
) -> None:
    case = open_case(
        petition_type="denunciation",
        received_on=dt.date(2025, 1, 20),
        accepted_on=dt.date(2025, 1, 22),
    )
    client.force_login(processor)
    response = client.post(
        f"/cases/{case.pk}/identity/grants/", {"user": receptionist.pk, "reason": "x"}
    )
    assert response.status_code == 403
    assert not IdentityGrant.objects.exists()


def test_a_grant_needs_a_reason(
    client: Client, open_case, leader: User, receptionist: User
) -> None:
    case = open_case(
        petition_type="denunciation",
        received_on=dt.date(2025, 1, 20),
        accepted_on=dt.date(2025, 1, 22),
    )
    client.force_login(leader)
    response = client.post(
        f"/cases/{case.pk}/identity/grants/", {"user": receptionist.pk}, follow=True
    )
    assert "ghi rõ lý do" in response.content.decode()
    assert not IdentityGrant.objects.exists()
