"""The issuing agency of a unit as the documents' `agency` context (NĐ 30/2020 header)."""

from typing import Any

from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.models import Unit, User

# Administrative units issue documents as their People's Committee.
_COMMITTEE_KINDS = {UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE}
_PLACE_PREFIXES = ("Tỉnh ", "Thành phố ", "Phường ", "Xã ", "Đặc khu ", "Thị xã ")


def _issuer(unit: Unit) -> tuple[str, str]:
    """(name in capitals for the header, name inside a sentence)."""
    if unit.kind in _COMMITTEE_KINDS:
        inner = unit.name[0].lower() + unit.name[1:]
        return f"ỦY BAN NHÂN DÂN {unit.name.upper()}", f"Ủy ban nhân dân {inner}"
    return unit.name.upper(), unit.name


def place_name(unit: Unit) -> str:
    """The place written before the date ("Bắc Sơn, ngày …"): the administrative unit's name
    without its kind, taken from the nearest administrative ancestor."""
    current: Unit | None = unit
    while current is not None and current.kind not in _COMMITTEE_KINDS:
        current = current.parent
    name = (current or unit).name
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def agency_context(unit: Unit) -> dict[str, Any]:
    """`agency` for document_render: the unit, its parent agency, and the place."""
    name, display = _issuer(unit)
    parent_name = _issuer(unit.parent)[0] if unit.parent is not None else ""
    return {
        "name": name,
        "display_name": display,
        "parent_name": parent_name,
        "place": place_name(unit),
    }


HEAD_TITLES: dict[str, str] = {
    UnitKind.PROVINCE: "CHỦ TỊCH",
    UnitKind.COMMUNE: "CHỦ TỊCH",
    UnitKind.WARD: "CHỦ TỊCH",
    UnitKind.SPECIAL_ZONE: "CHỦ TỊCH",
    UnitKind.DEPARTMENT: "GIÁM ĐỐC",
    UnitKind.RECEPTION_BOARD: "TRƯỞNG BAN",
    UnitKind.INSPECTORATE: "CHÁNH THANH TRA",
}


def head_signer(unit: Unit, leader=None) -> dict[str, str]:
    """`signer` for documents the head signs: the title of the unit's head and a leader's name
    (the given one, else the first leader of the unit)."""
    if leader is None:
        leader = (
            User.objects.filter(memberships__unit=unit, memberships__role=Role.LEADER)
            .order_by("pk")
            .first()
        )
    signer = {
        "title": HEAD_TITLES.get(unit.kind, "THỦ TRƯỞNG CƠ QUAN"),
        "name": leader.display_name if leader else "",
    }
    if unit.kind in _COMMITTEE_KINDS:
        signer["authority"] = "TM. ỦY BAN NHÂN DÂN"
    return signer
