"""The one statement per source agrees with one statement per column: sharing the predicates'
flags between columns, and the two ways of counting distinct keys (combinations of up to six
flags on PostgreSQL, one maximum per column otherwise), change no number."""

import pytest

from tiepdan.organizations.models import Unit
from tiepdan.reports import forms_tt2025, rollup, selectors
from tiepdan.reports.forms_registry import MATTERS, PETITIONS, Column, form_version_for
from tiepdan.reports.selectors import BASES, Window
from tiepdan.reports.tests.conftest import PERIOD
from tiepdan.reports.tests.factories import DataSet

pytestmark = pytest.mark.django_db
WINDOW = Window(PERIOD.start, PERIOD.end)
TT2025_COLUMNS = {"03-GQKN": forms_tt2025.gqkn03, "04-GQTC": forms_tt2025.gqtc04}


def _by_bucket(province: Unit, columns: list[Column]) -> dict[str, dict[str, int]]:
    """Each child's bucket and the province's own: every column, 0 when nothing counts."""
    subtree = list(Unit.objects.filter(path__startswith=province.path).values_list("pk", flat=True))
    children = list(province.children.all())
    prefix = len(children[0].path)
    rows = selectors._rolled_up(columns[0].source, columns, WINDOW, subtree, prefix)
    found = {r["bucket"]: r for r in rows}
    return {
        bucket: {
            f"c{c.number}": int(found.get(bucket, {}).get(f"c{c.number}") or 0) for c in columns
        }
        for bucket in [province.path, *(child.path for child in children)]
    }


def _one_by_one(province: Unit, columns: list[Column]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for column in columns:
        for bucket, values in _by_bucket(province, [column]).items():
            out.setdefault(bucket, {}).update(values)
    return out


@pytest.mark.parametrize("form", ["01-TCD", "01-XLD", "02-XLD"])
def test_columns_together_equal_columns_alone(form: str, province: Unit, dataset: DataSet) -> None:
    version = form_version_for(form, PERIOD.end)
    for source in BASES:
        columns = [c for c in version.columns.values() if c.source == source]
        if columns:
            assert _by_bucket(province, columns) == _one_by_one(province, columns), source


def test_distinct_columns_with_more_than_six_predicates(province: Unit, dataset: DataSet) -> None:
    """Seven predicates among the matter columns: the per-column maximum on every database."""
    names = [
        ("open", "processed", "eligible"),
        ("received", "type:complaint"),
        ("carried", "!processed"),
        ("received", "prior:first", "type:proposal"),
    ]
    columns = [Column(n, PETITIONS, MATTERS, where) for n, where in enumerate(names, start=1)]
    assert len({name for c in columns for name in c.where}) > 6
    assert _by_bucket(province, columns) == _one_by_one(province, columns)


@pytest.mark.parametrize("form", ["03-GQKN", "04-GQTC"])
def test_predicates_of_every_column_filter_the_records_first(
    form: str, province: Unit, dataset: DataSet
) -> None:
    """03/GQKN, 04/GQTC: every petition column is of the type's petitions within competence, so
    only those are read; each column alone (all its predicates a filter) agrees with the columns
    together (the shared ones a filter, the others flags), and some count."""
    columns = [c for c in TT2025_COLUMNS[form]().values() if c.source == PETITIONS]
    shared = rollup._shared(columns)
    assert {"open", "processed", "eligible", "within"} < set(shared)
    assert all(name not in c.where for c in rollup._without(columns, shared) for name in shared)
    together = _by_bucket(province, columns)
    assert together == _one_by_one(province, columns)
    assert sum(values["c1"] for values in together.values()) > 0
