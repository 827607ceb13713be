"""Units see the citizens' ratings, rolled up the tree, in a league table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.organizations import services as org_services
from tiepdan.organizations.constants import UnitKind
from tiepdan.petitions.models import Petition
from tiepdan.portal import selectors, services
from tiepdan.portal.models import PublicSubmission, Rating

pytestmark = pytest.mark.django_db


def _rated(unit, score: int) -> None:
    submitted = services.public_petition_submit(
        unit_code=unit.code,
        petition_type="proposal",
        content="Kiến nghị sửa đường dân sinh.",
        anonymous=True,
    )
    Rating.objects.create(submission=submitted.submission, unit=unit, score=score)


def test_league_rolls_up_the_tree(province, ward, police, other_ward):
    second = org_services.unit_create(
        code="26735", name="Phường Hàm Rồng", kind=UnitKind.WARD, parent=province
    )
    _rated(ward, 5)
    _rated(police, 3)  # under the ward
    _rated(second, 2)
    _rated(other_ward, 1)  # another province: not counted
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.unit_league(province)
    assert len(queries) <= 3
    own, *league = rows
    assert (own.ratings, own.average) == (3, round(10 / 3, 2))
    assert [(r.unit.code, r.ratings, r.average) for r in league] == [
        ("26734", 2, 4.0),
        ("26735", 1, 2.0),
    ]


def test_scores_page_for_the_dashboard_roles(client, leader, ward):
    _rated(ward, 4)
    client.force_login(leader)
    page = client.get("/cong-dan/danh-gia-don-vi/")
    assert page.status_code == 200
    assert "Đánh giá của công dân" in page.content.decode()
    assert "/cong-dan/danh-gia-don-vi/" in client.get("/").content.decode()
    assert Petition.objects.count() == PublicSubmission.objects.count() == 1


def test_ratings_panel_on_the_monitoring_dashboard(client, leader, ward, police):
    _rated(ward, 4)
    _rated(police, 2)
    client.force_login(leader)
    client.get("/monitoring/")
    with CaptureQueriesContext(connection) as before:
        page = client.get("/monitoring/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="ratings-h"' in text
    assert "Đánh giá của công dân" in text
    assert police.name in text
    assert "/cong-dan/danh-gia-don-vi/" in text
    for n in range(5):  # more children and more ratings: not one query more
        child = org_services.unit_create(
            code=f"9{n}", name=f"Tổ dân phố {n}", kind=UnitKind.OTHER, parent=ward
        )
        _rated(child, 5)
    with CaptureQueriesContext(connection) as after:
        page = client.get("/monitoring/")
    assert "Tổ dân phố 4" in page.content.decode()
    assert len(after) == len(before)
