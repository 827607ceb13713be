import datetime as dt
import itertools

import pytest

from tiepdan.core.errors import DomainError
from tiepdan.documents.registry import (
    FORM_VERSIONS,
    REGISTER_ND154,
    REGISTER_TT04,
    form_codes,
    form_version_for,
    form_versions,
)
from tiepdan.documents.services import TEMPLATES_DIR


def test_it_picks_tt04_on_the_last_day_before_nd154():
    version = form_version_for("reception.register", dt.date(2026, 6, 30))

    assert version.legal_basis == "Thông tư 04/2021/TT-TTCP, Mẫu số 03"
    assert version.layout == REGISTER_TT04


def test_it_picks_nd154_from_1_july_2026():
    version = form_version_for("reception.register", dt.date(2026, 7, 1))

    assert version.legal_basis == "Nghị định 154/2026/NĐ-CP, Mẫu số 03/TCD"
    assert version.layout == REGISTER_ND154


@pytest.mark.parametrize("code", form_codes())
def test_it_has_no_gaps_or_overlaps(code):
    versions = form_versions(code)
    for earlier, later in itertools.pairwise(versions):
        assert earlier.valid_to is not None
        assert later.valid_from == earlier.valid_to + dt.timedelta(days=1)
    assert versions[-1].valid_to is None


def test_it_raises_when_no_version_is_in_force():
    with pytest.raises(DomainError) as caught:
        form_version_for("reception.receipt", dt.date(2020, 1, 1))

    assert caught.value.code == "no_form_version"
    assert "Không có mẫu văn bản" in caught.value.message


def test_it_raises_for_an_unknown_code():
    with pytest.raises(DomainError) as caught:
        form_version_for("khong.co", dt.date(2025, 1, 1))

    assert caught.value.code == "no_form_version"


@pytest.mark.parametrize("version", [v for v in FORM_VERSIONS if v.kind == "docx"], ids=str)
def test_it_ships_every_docx_template(version):
    assert (TEMPLATES_DIR / version.template).is_file()


def test_it_flags_unverified_form_numbers():
    slip = form_version_for("reception.appointment_slip", dt.date(2025, 1, 1))

    assert "chưa được xác minh" in slip.notes
