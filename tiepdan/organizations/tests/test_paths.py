"""A unit's materialised path read as its chain of units."""

import pytest

from tiepdan.organizations import services
from tiepdan.organizations.constants import UnitKind
from tiepdan.organizations.paths import id_chain, path_chain


def test_a_path_names_its_chain_root_first() -> None:
    path = "0000000001/0000000007/0000000042/"
    assert path_chain(path) == ["0000000001/", "0000000001/0000000007/", path]
    assert id_chain(path) == [1, 7, 42]
    assert (path_chain("0000000001/"), id_chain("0000000001/")) == (["0000000001/"], [1])
    assert (path_chain(""), id_chain("")) == ([], [])


@pytest.mark.django_db
def test_the_chain_of_a_unit_made_below_others_is_its_ancestors() -> None:
    province = services.unit_create(code="T", name="Tỉnh", kind=UnitKind.PROVINCE)
    ward = services.unit_create(code="T-P", name="Phường", kind=UnitKind.WARD, parent=province)
    quarter = services.unit_create(code="T-P-K", name="Khu", kind=UnitKind.QUARTER, parent=ward)
    assert path_chain(quarter.path) == [province.path, ward.path, quarter.path]
    assert id_chain(quarter.path) == [province.pk, ward.pk, quarter.pk]
