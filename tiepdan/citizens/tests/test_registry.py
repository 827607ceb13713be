import datetime as dt
import unicodedata

import pytest
from django.db import connection

from tiepdan.audit.models import AuditEvent
from tiepdan.citizens import selectors, services
from tiepdan.citizens.models import Citizen
from tiepdan.core.errors import DomainError
from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(ward: Unit, other_ward: Unit) -> dict[str, Citizen]:
    def make(unit: Unit, name: str, **kw) -> Citizen:
        return services.citizen_create(unit=unit, actor=None, full_name=name, **kw)

    return {
        "a": make(
            ward,
            "Nguyễn Văn A",
            id_number="038085012345",
            date_of_birth=dt.date(1985, 3, 12),
            phone="0912345678",
        ),
        "duc": make(ward, "Lê Văn Đức", phone="0987654321"),
        "duc2": make(ward, "Đức Thị Hạnh"),
        "far": make(other_ward, "Nguyễn Văn A", id_number="091080005555"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van a", {"a"}),
        ("Nguyễn Văn A", {"a"}),
        ("NGUYEN", {"a"}),
        ("đức", {"duc", "duc2"}),
        ("duc", {"duc", "duc2"}),
        ("van duc", {"duc"}),
        ("038085", {"a"}),
        ("0912 345", {"a"}),
        ("+84 987 654 321", {"duc"}),
        ("khong co ai", set()),
    ],
)
def test_search_with_and_without_diacritics(
    people: dict[str, Citizen], receptionist: User, query: str, expected: set[str]
) -> None:
    found = {c.pk for c in selectors.citizen_search(receptionist, query)}
    assert found == {people[k].pk for k in expected}


def test_search_accepts_decomposed_unicode(people: dict[str, Citizen], receptionist: User) -> None:
    query = unicodedata.normalize("NFD", "Lê Văn Đức")
    assert [c.pk for c in selectors.citizen_search(receptionist, query)] == [people["duc"].pk]


def test_outsider_finds_nobody_of_the_ward(people: dict[str, Citizen], outsider: User) -> None:
    found = list(selectors.citizen_search(outsider, "nguyen van a"))
    assert found == [people["far"]]


def test_names_are_stored_in_nfc(ward: Unit) -> None:
    citizen = services.citizen_create(
        unit=ward, actor=None, full_name=unicodedata.normalize("NFD", "Phạm Thị Đào")
    )
    assert citizen.full_name == unicodedata.normalize("NFC", "Phạm Thị Đào")


def test_bad_input_lists_every_problem_and_saves_nothing(ward: Unit) -> None:
    with pytest.raises(DomainError) as exc:
        services.citizen_create(
            unit=ward,
            actor=None,
            full_name="",
            id_number="12AB",
            phone="123",
            date_of_birth=dt.date(2999, 1, 1),
        )
    assert set(exc.value.fields) == {"full_name", "id_number", "phone", "date_of_birth"}
    assert not Citizen.objects.exists()
    assert not AuditEvent.objects.filter(action="citizen.created").exists()


def test_create_audits_with_masked_personal_data(ward: Unit, receptionist: User) -> None:
    citizen = services.citizen_create(
        unit=ward, actor=receptionist, full_name="Nguyễn Văn A", id_number="038085012345"
    )
    event = AuditEvent.objects.get(action="citizen.created", target_id=str(citizen.pk))
    assert event.actor == receptionist
    assert "038085012345" not in str(event.data)
    assert "Nguyễn Văn A" not in str(event.data)


def test_duplicates_by_id_or_name_and_birth_date(ward: Unit, receptionist: User) -> None:
    first = services.citizen_create(
        unit=ward, actor=None, full_name="Trần Đức Thắng", date_of_birth=dt.date(1972, 11, 20)
    )
    same_name_dob = services.citizen_create(
        unit=ward, actor=None, full_name="TRAN DUC THANG", date_of_birth=dt.date(1972, 11, 20)
    )
    other_dob = services.citizen_create(
        unit=ward, actor=None, full_name="Trần Đức Thắng", date_of_birth=dt.date(1973, 1, 1)
    )
    dupes = set(selectors.citizen_duplicates(receptionist, first))
    assert dupes == {same_name_dob}
    assert other_dob not in dupes
    groups = selectors.citizen_duplicate_candidates(receptionist)
    assert any(g["by"] == "name_dob" and g["n"] == 2 for g in groups)


def test_merge_keeps_the_duplicate_row_and_fills_missing_fields(ward: Unit, leader: User) -> None:
    keep = services.citizen_create(unit=ward, actor=None, full_name="Võ Thành Long")
    dup = services.citizen_create(
        unit=ward, actor=None, full_name="Vo Thanh Long", phone="0918111222"
    )
    services.citizen_merge(keep=keep, duplicate=dup, actor=leader)
    dup.refresh_from_db()
    keep.refresh_from_db()
    assert dup.merged_into == keep
    assert keep.phone == "0918111222"
    assert list(selectors.citizen_search(leader, "vo thanh long")) == [keep]
    assert AuditEvent.objects.filter(action="citizen.merged", target_id=str(dup.pk)).exists()
    with pytest.raises(DomainError):
        services.citizen_merge(keep=keep, duplicate=dup, actor=leader)


def test_registry_refuses_a_second_person_with_the_same_id_number(ward: Unit) -> None:
    first = services.citizen_create(
        unit=ward, actor=None, full_name="Nguyễn Văn An", id_number="038085012345"
    )
    with pytest.raises(DomainError) as exc:
        services.citizen_create(
            unit=ward, actor=None, full_name="Nguyễn Văn Ân", id_number="038 085 012 345"
        )
    assert exc.value.code == "duplicate_citizen"
    assert "gộp" in exc.value.fields["id_number"][0]
    other = services.citizen_create(unit=ward, actor=None, full_name="Nguyễn Văn Ân")
    with pytest.raises(DomainError):
        services.citizen_update(
            citizen=other, actor=None, full_name=other.full_name, id_number="038085012345"
        )
    assert Citizen.objects.filter(id_number="038085012345").count() == 1
    # Once merged, the record's ID number no longer counts as a second person.
    services.citizen_merge(keep=other, duplicate=first, actor=None)
    assert Citizen.objects.get(pk=other.pk).id_number == "038085012345"


def test_database_refuses_a_second_person_with_the_same_id_number(ward: Unit) -> None:
    from django.db import IntegrityError, transaction

    services.citizen_create(
        unit=ward, actor=None, full_name="Lê Thị Bích", id_number="038190004567"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Citizen.objects.create(
            unit=ward, full_name="Lê Thị Bích", name_key="le thi bich", id_number="038190004567"
        )


def test_find_or_create_matches_as_the_desk_does(ward: Unit, receptionist: User) -> None:
    known = services.citizen_create(
        unit=ward, actor=None, full_name="Trần Đức Thắng", phone="0345678901"
    )
    found = services.citizen_find_or_create(
        unit=ward,
        actor=receptionist,
        full_name="Tran Duc Thang",
        phone="+84 345 678 901",
        id_number="038072009876",
    )
    assert found.pk == known.pk
    assert Citizen.objects.get(pk=known.pk).id_number == "038072009876"  # learnt for next time
    again = services.citizen_find_or_create(
        unit=ward, actor=receptionist, full_name="Trần Đức Thắng", id_number="038072009876"
    )
    assert again.pk == known.pk
    stranger = services.citizen_find_or_create(
        unit=ward, actor=receptionist, full_name="Trần Đức Thắng", phone="0999999999"
    )
    assert stranger.pk != known.pk


def test_migration_merges_existing_duplicates(ward: Unit) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("tiepdan.citizens.migrations.0004_merge_same_id_number")
    from django.db import connection

    # Data from before the constraint: the same person registered twice.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX citizens_one_person_per_id_number")
    values = {"unit": ward, "full_name": "Phạm Văn Cường", "name_key": "pham van cuong"}
    first = Citizen.objects.create(**values, id_number="038080001111")
    second = Citizen.objects.create(**values, id_number="038080001111", phone="0911111111")
    migration.merge_same_id_number(apps, None)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.merged_into_id == first.pk
    assert first.merged_into_id is None
    assert first.phone == "0911111111"


def test_search_reads_past_hidden_denouncers_to_fill_the_page(
    ward: Unit, receptionist: User, processor: User
) -> None:
    """The visibility rule is checked on the first candidates in the result's order, batch
    after batch: hidden persons ahead in the order neither show nor shorten the page."""
    from tiepdan.petitions import services as petition_services

    def person(name: str) -> Citizen:
        return services.citizen_create(unit=ward, actor=processor, full_name=name)

    words = ["Ba", "Bốn", "Chín", "Hai", "Một", "Năm", "Sáu"]  # in the order of their keys
    denouncers = [person(f"Hà Văn An {word}") for word in words]
    for sender in denouncers:
        petition_services.petition_receive(
            unit=ward,
            received_on=dt.date(2025, 1, 20),
            source="post",
            petition_type="denunciation",
            domain="admin.land_housing",
            summary="Tố cáo cán bộ địa chính nhận tiền",
            senders=[sender],
            actor=processor,
        )
    others = [person(f"Hà Văn Bình {word}") for word in words[:4]]

    found = selectors.citizen_search(receptionist, "ha van", limit=3)
    assert [c.pk for c in found] == [c.pk for c in others[:3]]
    assert [c.pk for c in selectors.citizen_search(receptionist, "ha van")] == [
        c.pk for c in others
    ]
    # The officer who checks the denouncers sees them, first in the order.
    assert [c.pk for c in selectors.citizen_search(processor, "ha van", limit=8)] == [
        c.pk for c in [*denouncers, others[0]]
    ]


def test_a_registration_racing_another_with_the_same_id_number_is_refused_as_a_duplicate(
    ward: Unit,
) -> None:
    from django.db import transaction

    values = services.citizen_clean(full_name="Lê Thị Bích", id_number="038190004567")
    # Registered by another desk after this one looked the ID number up.
    Citizen.objects.create(unit=ward, **values)
    with pytest.raises(DomainError) as refused, transaction.atomic():
        services._create(ward, None, values, id_number_free=True)
    assert refused.value.code == "duplicate_citizen"
    assert "038190004567" in refused.value.fields["id_number"][0]


def test_finding_people_for_a_write_looks_the_id_number_up_once(
    ward: Unit, receptionist: User, django_assert_num_queries
) -> None:
    from django.db import transaction

    people = [{"full_name": "Trần Văn Minh", "id_number": "038085099999"}]
    with transaction.atomic():
        services._match_covers_unit(receptionist, ward)  # the memberships, read once
        # The look-up, the new citizen, its audit row's chain tail and the row.
        with django_assert_num_queries(4 if connection.vendor != "postgresql" else 5):
            found = services.citizens_find_or_create(unit=ward, actor=receptionist, people=people)
    assert found[0].id_number == "038085099999"
