"""Many citizens at once: every submission lands, with its own code and register number."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tiepdan.petitions.models import Petition
from tiepdan.portal import services
from tiepdan.portal.models import PublicSubmission


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_submissions(ward) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is checked on PostgreSQL (SQLite serialises writers)")

    def submit(n: int) -> str:
        try:
            submitted = services.public_petition_submit(
                unit_code=ward.code,
                petition_type="complaint",
                content=f"Khiếu nại số {n} về việc cấp giấy chứng nhận quyền sử dụng đất.",
                sender={"full_name": "Nguyễn Văn An", "id_number": f"038085{n:06d}"},
            )
            return submitted.submission.tracking_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(submit, range(50)))
    assert len(set(codes)) == 50
    assert PublicSubmission.objects.count() == 50
    numbers = sorted(Petition.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 51))
