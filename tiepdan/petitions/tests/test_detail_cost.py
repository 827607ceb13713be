"""The petition page's cost: a fixed number of queries, and a closed petition, whose page
shows no duplicate suggestions, does not look for them."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition
from tiepdan.petitions.tests.test_views import INTAKE

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_petition_page_queries(client: Client, processor: User, ward: Unit) -> None:
    client.force_login(processor)
    for i in range(6):
        client.post(
            "/petitions/new/",
            {**INTAKE, "summary": f"Khiếu nại quyết định thu hồi đất số {i}", "id_number": ""},
        )
    petition = Petition.objects.order_by("pk").first()
    url = f"/petitions/{petition.pk}/"
    page = client.get(url).content.decode()
    assert "Đơn có thể trùng" in page
    assert ">2/2025</a>" in page  # the same sender, a similar summary
    assert _queries(client, url) <= 17
    Petition.objects.filter(pk=petition.pk).update(status="closed")
    assert "Đơn có thể trùng" not in client.get(url).content.decode()
    assert _queries(client, url) <= 15


def test_scan_download_reads_the_petition_without_its_other_relations(
    client: Client, processor: User, ward: Unit, settings, tmp_path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(processor)
    scan = SimpleUploadedFile("don.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    client.post("/petitions/new/", {**INTAKE, "scan": scan})
    attachment = Petition.objects.get().attachments.get()
    url = f"/petitions/attachments/{attachment.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert b"".join(response.streaming_content) == b"%PDF-1.4 scan"
    petition_reads = [
        q["sql"] for q in ctx.captured_queries if 'FROM "petitions_petition"' in q["sql"]
    ]
    assert len(petition_reads) == 1
    assert "organizations_user" not in petition_reads[0]  # no assignee joined


def test_api_reads_the_petition_without_the_relations_its_body_does_not_show(
    processor: User, ward: Unit
) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(processor)
    web = Client()
    web.force_login(processor)
    web.post("/petitions/new/", INTAKE)
    petition = Petition.objects.get()
    url = f"/api/v1/petitions/{petition.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).json()
    assert body["number"] == petition.number
    assert body["unit"] == ward.code
    reads = [q["sql"] for q in ctx.captured_queries if 'FROM "petitions_petition"' in q["sql"]]
    assert "organizations_user" not in reads[0]  # no assignee joined
