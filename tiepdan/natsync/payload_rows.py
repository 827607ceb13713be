"""The back-fill's payloads, built for a whole chunk of petitions at once from plain `values()`
rows: one query per related table per chunk, no model instance and no query per petition.

They are the payloads of `payloads`' per-matter builders (which the hooks use on a single
change), byte for byte: `tests/test_payload_rows.py` builds both on the same varied data and
compares them. A change to one builder is made to the other.

A denunciation's senders are read as `payloads.read_senders` reads them (the registry's rows,
then the vault's copies, one query for the chunk) and serve only to redact its texts: the
payload keeps `GiuBiMat` and an empty list, as the per-matter builder does.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, NamedTuple

from django.db.models import Count
from django.utils.encoding import force_str

from tiepdan.cases.models import CaseDocument, CaseKind
from tiepdan.matters.models import Matter
from tiepdan.natsync.constants import CodeList, Stage
from tiepdan.natsync.payloads import (
    ANONYMOUS_NAME,
    DECISION_DOCUMENTS,
    PETITION_TYPE_OF_KIND,
    _date,
    _file,
    _number,
    person,
)
from tiepdan.organizations.models import Unit, User
from tiepdan.petitions.models import Petition, PetitionAttachment, Transfer
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault import vault
from tiepdan.vault.redaction import patterns_for, redact_with

DENUNCIATION = "denunciation"

# The petition's own columns its payloads read. Nothing joined: on a chunk picked by an
# anti-join, joins make the planner's guesses (one row) nested loops over the whole range;
# units, users, visits and origins are read apart, by id, one query each.
PETITION_FIELDS = (
    "pk",
    "unit_id",
    "number",
    "year",
    "received_on",
    "source",
    "petition_type",
    "domain",
    "summary",
    "sender_body",
    "anonymous",
    "signatory_count",
    "visit_id",
    "origin_id",
    "case_id",
    "outcome",
    "decided_on",
    "eligibility",
    "within_jurisdiction",
    "decision_reason",
    "proposed_by_id",
    "decided_by_id",
)
CASE_FIELDS = (
    "pk",
    "unit_id",
    "unit__code",
    "kind",
    "domain",
    "status",
    "complexity",
    "accepted_on",
    "suspended_on",
    "decided_on",
    "outcome",
    "executed_on",
    "updated_at",
    "resolver__full_name",
    "resolver__username",
    "previous_id",
    "previous__unit__code",
    "previous__kind",
    "previous__outcome",
    "previous__decided_on",
    "decision_number",
    "decision_text",
    "decision_money_to_state",
    "decision_land_to_state",
    "decision_money_returned",
    "decision_land_returned",
    "decision_restored_persons",
    "decision_restored_orgs",
    "referred_persons",
    "proposed_disciplined",
    "money_to_state",
    "money_returned",
    "land_to_state",
    "land_returned",
    "restored_persons",
    "persons_disciplined",
    "orgs_disciplined",
    "prosecuted_persons",
    "prosecuted_cases",
)
EXECUTION_AMOUNTS = ("money_to_state", "money_returned", "land_to_state", "land_returned")
VISIT_LEADERS = ("head", "delegate")
# The code lists as the markers name them (`payloads.code`), spelled out once.
UNIT, SOURCE, PETITION_TYPE, DOMAIN, HANDLING, DECISION_KIND, RESULT = (
    str(CodeList.UNIT),
    str(CodeList.SOURCE),
    str(CodeList.PETITION_TYPE),
    str(CodeList.DOMAIN),
    str(CodeList.HANDLING),
    str(CodeList.DECISION_KIND),
    str(CodeList.RESULT),
)


def _code(code_list: str, value: Any) -> dict[str, str] | None:
    """`payloads.code` with the list's name given as text."""
    if value in (None, ""):
        return None
    return {"$code": code_list, "value": str(value)}


class Sender(NamedTuple):
    """A registry citizen's particulars, as `payloads.person` and the redaction read them."""

    full_name: str
    gender: str
    address: str
    id_number: str
    phone: str


SENDER_COLUMNS = tuple(f"citizen__{name}" for name in Sender._fields)


@dataclass
class Related:
    """What a chunk's payloads read besides the petitions themselves, keyed by petition, visit
    or case id."""

    senders: dict[int, list[Any]] = field(default_factory=dict)
    attachments: dict[int, list[dict]] = field(default_factory=dict)
    transfers: dict[int, Any] = field(default_factory=dict)
    representatives: dict[int, int] = field(default_factory=dict)
    cases: dict[int, dict] = field(default_factory=dict)
    documents: dict[int, list[dict]] = field(default_factory=dict)
    case_people: dict[int, list[Any]] = field(default_factory=dict)
    patterns: dict[tuple, list] = field(default_factory=dict)
    outcome_labels: dict[str, str] = field(default_factory=dict)

    def redactor(self, people: list[Any]) -> list:
        """The compiled patterns of `people`, once per chunk for the same people."""
        key = tuple(people)
        if key not in self.patterns:
            self.patterns[key] = patterns_for(people)
        return self.patterns[key]


def petition_rows(queryset) -> list[dict]:
    return list(queryset.values(*PETITION_FIELDS))


def _senders_of(petition_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Registry senders in the order of `Petition.senders.all()` (the citizen's ordering)."""
    out: dict[int, list[Any]] = defaultdict(list)
    rows = (
        Petition.senders.through.objects.filter(petition_id__in=list(petition_ids))
        .order_by("citizen__name_key", "citizen_id")
        .values_list("petition_id", *SENDER_COLUMNS)
    )
    for petition_id, *particulars in rows:
        out[petition_id].append(Sender(*particulars))
    return out


def _with_vault(petitions: list[Any], senders: dict[int, list[Any]]) -> dict[int, list[Any]]:
    """`vault.people_by_petition` for rows: the registry's senders, then the vault's copies of
    the denunciations' (one query)."""
    sealed = vault.sealed_senders(
        [
            SimpleNamespace(pk=p["pk"], petition_type=p["petition_type"])
            for p in petitions
            if p["petition_type"] == DENUNCIATION
        ]
    )
    return {p["pk"]: [*senders.get(p["pk"], []), *sealed.get(p["pk"], [])] for p in petitions}


def _grouped(rows: Iterable[Any], key: str) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def _representatives(petitions: list[dict]) -> dict[int, int]:
    """Per visit, the representatives the group named, the vault's included."""
    visits = {p["visit_id"]: p["visit__petition_type"] for p in petitions if p["visit_id"]}
    if not visits:
        return {}
    counts = dict(
        VisitCitizen.objects.filter(visit_id__in=list(visits), is_representative=True)
        .values("visit_id")
        .annotate(n=Count("pk"))
        .values_list("visit_id", "n")
    )
    vaulted = vault.sealed_attendees(
        [SimpleNamespace(pk=pk, petition_type=kind) for pk, kind in visits.items()]
    )
    return {
        pk: counts.get(pk, 0) + sum(1 for a in vaulted.get(pk, []) if a.is_representative)
        for pk in visits
    }


def _case_people(cases: dict[int, dict]) -> dict[int, list[Any]]:
    """The people of each denunciation case's petitions, as `resolution_payload` reads them
    (its petitions in their default order, each one's senders then the vault's)."""
    ids = [pk for pk, c in cases.items() if c["kind"] == CaseKind.DENUNCIATION]
    if not ids:
        return {}
    petitions = list(
        Petition.objects.filter(case_id__in=ids)
        .order_by("-received_on", "-pk")
        .values("pk", "case_id", "petition_type")
    )
    people = _with_vault(petitions, _senders_of(p["pk"] for p in petitions))
    out: dict[int, list[Any]] = {pk: [] for pk in ids}
    for p in petitions:
        out[p["case_id"]].extend(people[p["pk"]])
    return out


def _ids(rows: Iterable[dict], *fields: str) -> set[Any]:
    """The non-empty values of `fields` in `rows`."""
    return {row[f] for row in rows for f in fields if row[f]}


def _officer_names(petitions: list[dict]) -> dict[int, str]:
    officers = _ids(petitions, "proposed_by_id", "decided_by_id")
    return {
        pk: full_name or username
        for pk, full_name, username in User.objects.filter(pk__in=officers).values_list(
            "pk", "full_name", "username"
        )
    }


def _enrich(petitions: list[dict], transfers: Iterable[dict]) -> None:
    """Add to the rows what the payloads read of their unit, visit, origin, officers and
    first transfer (its unit), each table read once by id."""
    visits = {
        v["pk"]: v
        for v in ReceptionVisit.objects.filter(pk__in=_ids(petitions, "visit_id")).values(
            "pk", "chaired_by", "mode", "petition_type"
        )
    }
    origins = dict(
        Petition.objects.filter(pk__in=_ids(petitions, "origin_id")).values_list("pk", "unit_id")
    )
    names = _officer_names(petitions)
    transfers = list(transfers)
    wanted = _ids(petitions, "unit_id") | set(origins.values()) | _ids(transfers, "to_unit_id")
    codes = dict(Unit.objects.filter(pk__in=wanted).values_list("pk", "code"))
    for t in transfers:
        t["to_unit__code"] = codes.get(t["to_unit_id"])
    none: dict[str, Any] = {"chaired_by": None, "mode": None, "petition_type": None}
    for p in petitions:
        visit = visits.get(p["visit_id"], none)
        origin = origins.get(p["origin_id"])
        p.update(
            {
                "unit__code": codes[p["unit_id"]],
                "visit__chaired_by": visit["chaired_by"],
                "visit__mode": visit["mode"],
                "visit__petition_type": visit["petition_type"],
                "origin__unit__code": codes[origin] if origin else None,
                "proposed_by__name": names.get(p["proposed_by_id"], ""),
                "decided_by__name": names.get(p["decided_by_id"], ""),
            }
        )


def related(petitions: list[dict], case_ids: Iterable[int]) -> Related:
    """Everything the chunk's payloads read, one query per table; `case_ids` are the cases
    whose own stages are built with this chunk (the petitions' cases are read anyway)."""
    ids = [p["pk"] for p in petitions]
    out = Related()
    out.senders = _with_vault(petitions, _senders_of(ids))
    out.attachments = _grouped(
        PetitionAttachment.objects.filter(petition_id__in=ids)
        .order_by("pk")
        .values("pk", "petition_id", "title", "file"),
        "petition_id",
    )
    for row in (
        Transfer.objects.filter(petition_id__in=ids)
        .order_by("sent_on", "pk")
        .values("petition_id", "to_unit_id", "to_body")
    ):
        out.transfers.setdefault(row["petition_id"], row)
    _enrich(petitions, out.transfers.values())
    out.representatives = _representatives(petitions)
    wanted = {p["case_id"] for p in petitions if p["case_id"]} | set(case_ids)
    out.cases = {c["pk"]: c for c in Matter.objects.filter(pk__in=wanted).values(*CASE_FIELDS)}
    out.documents = _grouped(
        CaseDocument.objects.filter(case_id__in=list(case_ids), code__in=DECISION_DOCUMENTS)
        .order_by("issued_on", "pk")
        .values("pk", "case_id", "title", "file"),
        "case_id",
    )
    out.case_people = _case_people({pk: out.cases[pk] for pk in case_ids if pk in out.cases})
    outcome = Petition._meta.get_field("outcome")
    out.outcome_labels = {k: force_str(v) for k, v in outcome.flatchoices}
    return out


def _display(row: dict, user: str) -> str:
    """`User.display_name` of a joined user, "" when there is none."""
    return row[f"{user}__full_name"] or row[f"{user}__username"] or ""


def _earlier_decision(case: dict | None) -> list[dict[str, Any]]:
    if case is None or case["previous_id"] is None:
        return []
    return [
        {
            "MaCoQuan": _code(UNIT, case["previous__unit__code"]),
            "LanGiaiQuyet": 1,
            "MaLoaiQuyetDinh": _code(DECISION_KIND, case["previous__kind"]),
            "KetQuaGiaiQuyet": _code(RESULT, case["previous__outcome"]),
            "NgayBanHanh": _date(case["previous__decided_on"]),
        }
    ]


def _complainants(p: dict, people: list[Any], visit_reps: int, sealed: bool) -> dict[str, Any]:
    if p["anonymous"]:
        listed: list[dict[str, Any]] = [{"HoTen": ANONYMOUS_NAME}]
    elif sealed:
        listed = []
    else:
        listed = [person(c) for c in people]
    return {
        "LoaiNguoiKNTC": "nac_danh"
        if p["anonymous"]
        else ("nhieu_nguoi" if p["signatory_count"] > 1 else "ca_nhan"),
        "SoNguoiKNTC": p["signatory_count"],
        "SoNguoiDaiDien": visit_reps,
        "GiuBiMat": sealed and not p["anonymous"],
        "DanhSach": listed,
    }


def _files(p: dict, rel: Related, patterns: list | None) -> list[dict[str, Any]]:
    sealed = patterns is not None
    return [
        {
            **_file(
                "petition",
                a["pk"],
                redact_with(a["title"], patterns) if patterns is not None else a["title"],
                redact_with(a["file"] or f"tai-lieu-{a['pk']}", patterns)
                if patterns is not None
                else a["file"],
                "don",
            ),
            "GiuBiMat": sealed,
        }
        for a in rel.attachments.get(p["pk"], [])
    ]


def matter_payload(p: dict, rel: Related) -> dict[str, Any]:
    """`payloads.matter_payload` of a petition row."""
    sealed = p["petition_type"] == DENUNCIATION
    people = rel.senders.get(p["pk"], [])
    patterns = rel.redactor(people) if sealed else None
    visit = p["visit_id"] is not None
    return {
        "VuViec": {
            "NgayNhapDon": _date(p["received_on"]),
            "SoDon": f"{p['number']}/{p['year']}",
            "GanVuViec": None,
            "LanhDaoTiep": visit and p["visit__chaired_by"] in VISIT_LEADERS,
            "TiepDinhKy": visit and p["visit__mode"] == "periodic",
            "UyQuyen": visit and p["visit__chaired_by"] == "delegate",
            "NoiDungDon": redact_with(p["summary"], patterns)
            if patterns is not None
            else p["summary"],
        },
        "donViNhap": _code(UNIT, p["unit__code"]),
        "NguonDonDen": {
            "MaNguonDonDen": _code(SOURCE, p["source"]),
            "MaCoQuanChuyenDon": _code(UNIT, p["origin__unit__code"] if p["origin_id"] else None),
            "TenCoQuanChuyenDon": p["sender_body"],
            "SoVanBanDen": "",
            "NgayVanBan": None,
        },
        "NguoiKNTC": _complainants(
            p, people, rel.representatives.get(p["visit_id"], 0) if visit else 0, sealed
        ),
        "NguoiBiKNTC": [],
        "NguoiUyQuyen": [],
        "CoQuanDaGiaiQuyet": _earlier_decision(rel.cases.get(p["case_id"])),
        "PhanLoaiDon": {
            "MaLoaiDon": _code(PETITION_TYPE, p["petition_type"]),
            "MaLoaiDon1": _code(DOMAIN, p["domain"]),
            "MaLoaiDon2": None,
            "MaLoaiDon3": None,
        },
        "Attachment": _files(p, rel, patterns),
    }


def _sealed_text(text: str, rel: Related, people: list[Any]) -> str:
    return redact_with(text, rel.redactor(people)) if people else text


def processing_payload(p: dict, rel: Related) -> dict[str, Any]:
    """`payloads.processing_payload` of a petition row."""
    people = rel.senders.get(p["pk"], []) if p["petition_type"] == DENUNCIATION else []
    transfer = rel.transfers.get(p["pk"])
    return {
        "NgayXuLy": _date(p["decided_on"]),
        "CanBoXuLy": p["proposed_by__name"],
        "CanBoDuyetKQXL": p["decided_by__name"],
        "DonDuDKXuLy": p["eligibility"] == "eligible",
        "DonNacDanh": p["anonymous"],
        "ThuocThamQuyen": p["within_jurisdiction"],
        "MaHuongXuLy": _code(HANDLING, p["outcome"]),
        "HuongXuLy": rel.outcome_labels.get(p["outcome"], p["outcome"]) if p["outcome"] else "",
        "MaCoQuanXuLy": _code(UNIT, p["unit__code"]),
        "MaCoQuanXuLyTiep": _code(UNIT, transfer["to_unit__code"] if transfer else None),
        "TenCoQuanXuLyTiep": transfer["to_body"] if transfer else "",
        "NoiDungXuLy": _sealed_text(p["decision_reason"], rel, people),
        "TomTatNoiDungXuLy": _sealed_text(p["summary"], rel, people),
    }


def acceptance_payload(c: dict, rel: Related) -> dict[str, Any]:
    """`payloads.acceptance_payload` of a case row."""
    return {
        "NgayThuLy": _date(c["accepted_on"]),
        "MaCoQuanThuLy": _code(UNIT, c["unit__code"]),
        "MaLoaiDon": _code(PETITION_TYPE, PETITION_TYPE_OF_KIND.get(c["kind"], "mixed")),
        "MaLoaiDon1": _code(DOMAIN, c["domain"]),
        "MaLoaiQuyetDinh": _code(DECISION_KIND, c["kind"]),
        "NguoiGiaiQuyet": _display(c, "resolver"),
        "DoPhucTap": c["complexity"],
        "TrangThai": c["status"],
        "NgayTamDinhChi": _date(c["suspended_on"]),
        "CoQuanDaGiaiQuyet": _earlier_decision(c),
    }


def resolution_payload(c: dict, rel: Related) -> dict[str, Any]:
    """`payloads.resolution_payload` of a case row."""
    people = rel.case_people.get(c["pk"], [])
    return {
        "NgayBanHanh": _date(c["decided_on"]),
        "SoQuyetDinh": c["decision_number"],
        "MaLoaiQuyetDinh": _code(DECISION_KIND, c["kind"]),
        "KetQuaGiaiQuyet": _code(RESULT, c["outcome"]),
        "NoiDungQuyetDinh": _sealed_text(c["decision_text"], rel, people),
        "ThuHoiTien": _number(c["decision_money_to_state"]),
        "ThuHoiDat": _number(c["decision_land_to_state"]),
        "TraLaiTien": _number(c["decision_money_returned"]),
        "TraLaiDat": _number(c["decision_land_returned"]),
        "SoNguoiDuocTraQuyenLoi": c["decision_restored_persons"],
        "SoToChucDuocTraQuyenLoi": c["decision_restored_orgs"],
        "SoNguoiChuyenDieuTra": c["referred_persons"],
        "XuPhatHanhChinh": c["proposed_disciplined"],
        "HinhThucXuLy": "",
        "NguoiBiXuLy": [],
        "Attachment": [
            _file("case_document", d["pk"], d["title"], d["file"], "quyet_dinh")
            for d in rel.documents.get(c["pk"], [])
        ],
    }


def execution_payload(c: dict, rel: Related) -> dict[str, Any]:
    """`payloads.execution_payload` of a case row."""
    return {
        "MaCoQuanThiHanh": _code(UNIT, c["unit__code"]),
        "NgayCapNhat": _date(c["executed_on"] or c["updated_at"].date()),
        "DaThiHanhXong": c["executed_on"] is not None,
        "ThuHoiTien": _number(c["money_to_state"]),
        "ThuHoiDat": _number(c["land_to_state"]),
        "TraLaiTien": _number(c["money_returned"]),
        "TraLaiDat": _number(c["land_returned"]),
        "SoNguoiDuocTraQuyenLoi": c["restored_persons"],
        "SoNguoiBiXuLy": c["persons_disciplined"],
        "SoTapTheBiXuLy": c["orgs_disciplined"],
        "SoDoiTuongDaKhoiTo": c["prosecuted_persons"],
        "SoVuDaKhoiTo": c["prosecuted_cases"],
        "SoTienNopPhat": None,
        "TaiSanQuyRaTien": None,
    }


def case_stages(c: dict) -> list[Stage]:
    """The stages a case row has reached (`backfill._case_stages` of a case)."""
    if not c["accepted_on"]:
        return []
    stages = [Stage.ACCEPTANCE]
    if c["decided_on"] and c["outcome"]:
        stages.append(Stage.RESOLUTION)
        if c["executed_on"] or any(c[f] for f in EXECUTION_AMOUNTS):
            stages.append(Stage.EXECUTION)
    return stages


CASE_BUILDERS = {
    Stage.ACCEPTANCE: acceptance_payload,
    Stage.RESOLUTION: resolution_payload,
    Stage.EXECUTION: execution_payload,
}
