"""Code lists: the system's own values → the national list codes (national-db.md, GoSol's
`CapNhatDuLieuMapping`). Administrators edit them (admin, CSV import and export); nothing is
sent while a value it carries has no mapping."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from tiepdan.cases.models import CaseKind
from tiepdan.cases.models import Outcome as CaseOutcome
from tiepdan.core.classification import Domain, PetitionType
from tiepdan.natsync.constants import NATIONAL_LIST_NUMBER, CodeList
from tiepdan.natsync.models import CodeMapping
from tiepdan.organizations.constants import PARTNER_KINDS
from tiepdan.organizations.models import Unit
from tiepdan.petitions.constants import Outcome as Handling
from tiepdan.petitions.models import PetitionSource

Table = dict[tuple[str, str], str]
CSV_HEADER = ["danh_muc", "so_danh_muc_quoc_gia", "gia_tri", "ten", "ma_quoc_gia", "ghi_chu"]

# The lists whose every value may appear in a payload, with their labels.
ENUMERATED: dict[CodeList, list[tuple[str, Any]]] = {
    CodeList.PETITION_TYPE: PetitionType.choices,
    CodeList.DOMAIN: Domain.choices,
    CodeList.HANDLING: Handling.choices,
    CodeList.DECISION_KIND: [(k, str(v)) for k, v in CaseKind.choices if k != CaseKind.MIXED],
    CodeList.RESULT: CaseOutcome.choices,
    CodeList.SOURCE: PetitionSource.choices,
}


def mapping_table() -> Table:
    return {
        (row.code_list, row.local_value): row.national_code for row in CodeMapping.objects.all()
    }


def translate(payload: Any, table: Table, missing: set[tuple[str, str]]) -> Any:
    """The payload with each `{"$code": list, "value": v}` replaced by its national code; the
    (list, value) pairs without one are added to `missing`."""
    if isinstance(payload, dict):
        if "$code" in payload:
            key = (payload["$code"], payload["value"])
            if key not in table:
                missing.add(key)
                return None
            return table[key]
        return {k: translate(v, table, missing) for k, v in payload.items()}
    if isinstance(payload, list):
        return [translate(v, table, missing) for v in payload]
    return payload


def describe(missing: Iterable[tuple[str, str]]) -> str:
    """Vietnamese list of unmapped values for an error message."""
    labels = dict(CodeList.choices)
    return "; ".join(f"{labels.get(lst, lst)} «{value}»" for lst, value in sorted(missing))


def required_values() -> list[tuple[str, str, str]]:
    """(list, value, label) of every value a payload may carry: the enumerated lists and the
    units that hold matters (partners hold none)."""
    rows = [(str(lst), v, str(label)) for lst, values in ENUMERATED.items() for v, label in values]
    rows += [
        (str(CodeList.UNIT), c, n)
        for c, n in Unit.objects.exclude(kind__in=list(PARTNER_KINDS))
        .order_by("path")
        .values_list("code", "name")
    ]
    return rows


def gaps(table: Table | None = None) -> list[tuple[str, str, str]]:
    """(list, value, label) of every required value that has no national code."""
    table = mapping_table() if table is None else table
    return [row for row in required_values() if (row[0], row[1]) not in table]


def export_csv() -> str:
    """Every mapping, then every unmapped required value with an empty code to fill in."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    labels = {(lst, v): label for lst, v, label in required_values()}
    for row in CodeMapping.objects.order_by("code_list", "local_value"):
        writer.writerow(
            [
                row.code_list,
                NATIONAL_LIST_NUMBER[CodeList(row.code_list)],
                row.local_value,
                labels.get((row.code_list, row.local_value), ""),
                row.national_code,
                row.note,
            ]
        )
    for lst, value, label in gaps():
        writer.writerow([lst, NATIONAL_LIST_NUMBER[CodeList(lst)], value, label, "", ""])
    return out.getvalue()
