"""The matter's move from `cases` into `matters` (matters 0001, cases 0015) keeps every row, and
migrating back restores the database it started from."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tiepdan.cases.models import Case
from tiepdan.citizens.models import Citizen
from tiepdan.matters.models import Matter
from tiepdan.organizations.models import Unit
from tiepdan.vault.models import SealedText

BEFORE = [("matters", None)]  # and what depends on it: cases 0015, reception/petitions 0008


def _migrate(executor: MigrationExecutor, targets):
    state = executor.migrate(targets)
    executor.loader.build_graph()
    ContentType.objects.clear_cache()
    return state.apps


def _link_column() -> str:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "cases_case_citizens")
    return next(c.name for c in columns if c.name in ("case_id", "matter_id"))


def _old_rows(apps, ward: Unit, citizen: Citizen) -> int:
    """A matter, its citizen and its sealed summary as written before the move."""
    case = apps.get_model("cases", "Case").objects.create(
        unit_id=ward.pk,
        kind="denunciation",
        domain="corruption",
        summary="Tố cáo việc thu tiền sai quy định",
        opened_on=date(2026, 3, 2),
        first_visit_at=None,
    )
    case.citizens.add(citizen.pk)
    apps.get_model("cases", "SealedText").objects.create(
        case_id=case.pk, target="cases.case", object_id=case.pk, field="summary", text_enc=b"x"
    )
    return case.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_matter_moves_into_its_app_and_back_without_a_row_copied(ward: Unit) -> None:
    citizen = Citizen.objects.create(unit=ward, full_name="Trần Văn Bình")
    executor = MigrationExecutor(connection)
    forward = executor.loader.graph.leaf_nodes()
    try:
        old = _migrate(executor, BEFORE)
        assert _link_column() == "case_id"
        pk = _old_rows(old, ward, citizen)
        old_type = old.get_model("contenttypes", "ContentType")
        type_id = old_type.objects.get_or_create(app_label="cases", model="case")[0].pk

        _migrate(executor, forward)
        assert _link_column() == "matter_id"
        matter = Matter.objects.get(pk=pk)
        assert (matter.summary, list(matter.citizens.all())) == (
            "Tố cáo việc thu tiền sai quy định",
            [citizen],
        )
        assert Case.objects.get(pk=pk).citizens.get() == citizen
        assert list(citizen.cases.values_list("pk", flat=True)) == [pk]
        # The content type the legal clocks point to is the matter's now, under the same id.
        assert ContentType.objects.get_for_model(Case).pk == type_id
        assert ContentType.objects.get_for_model(Matter).pk == type_id
        assert SealedText.objects.get(object_id=pk).target == "matters.matter"

        old = _migrate(executor, BEFORE)
        assert _link_column() == "case_id"
        case = old.get_model("cases", "Case").objects.get(pk=pk)
        assert list(case.citizens.values_list("pk", flat=True)) == [citizen.pk]
        old_type = old.get_model("contenttypes", "ContentType")
        assert old_type.objects.get(pk=type_id).app_label == "cases"
        assert not old_type.objects.filter(app_label="matters").exists()
        assert old.get_model("cases", "SealedText").objects.get(object_id=pk).target == "cases.case"
    finally:
        _migrate(MigrationExecutor(connection), forward)
