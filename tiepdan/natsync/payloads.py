"""What each stage tells the national database, with the field names of the national calls as
far as vendor systems' code shows them (national-db.md): `capNhatVuViec` (matter),
`capNhatKQXuLy` (processing), `capNhatQuyetDinhThuLy` (acceptance), `capNhatKQGiaiQuyet`
(resolution), `capNhatThiHanh` (execution).

A stored payload keeps the system's own codes as markers (`{"$code": list, "value": …}`),
translated by `mapping.translate` when the record is sent, so a mapping fixed later applies to
records already waiting. Files are references (`{"$file": …}`), read and base64-encoded only when
sent. A denunciation's sealed identity is never stored here: the payload says `GiuBiMat` and the
sender adds the people only when the unit's setting allows it (`send.expand`).

Names not in the evidence, chosen in the same style and to be checked when the Inspectorate
publishes its interface: the whole acceptance call (its setters were not in the source read),
`ThuHoiDat`/`TraLaiDat` (the system does not split residential and farm land), `SoDon`,
`NoiDungDon`, `ThuocThamQuyen`, `TenCoQuanXuLyTiep`, `DaThiHanhXong`, `GiuBiMat`.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tiepdan.cases.models import CaseKind
from tiepdan.citizens.models import Citizen
from tiepdan.matters.models import Matter
from tiepdan.natsync.constants import CodeList, Stage
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionVisit
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact

# Documents of a case that carry its decision or conclusion (the resolution call's file).
DECISION_DOCUMENTS = ("case.complaint_decision", "case.denunciation_conclusion")
ANONYMOUS_NAME = "Đơn nặc danh"  # what vendor systems send as the name of an anonymous letter


def code(code_list: CodeList, value: Any) -> dict[str, str] | None:
    """A local code, translated to the national list when sent; None when there is none."""
    if value in (None, ""):
        return None
    return {"$code": str(code_list), "value": str(value)}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def is_sealed(petition: Petition) -> bool:
    """A denunciation's senders are sealed (Luật TC Art 8.3; architecture rule 4)."""
    return petition.petition_type == "denunciation"


def read_senders(petitions: list[Petition]) -> None:
    """Read the senders of many petitions at once, the vault's copies in one query, for the
    payloads built next from these objects (the back-fill's chunks): not once per petition."""
    people = vault.people_by_petition([p for p in petitions if is_sealed(p)])
    for petition in petitions:
        if petition.pk in people:
            petition._natsync_senders = people[petition.pk]  # type: ignore[attr-defined]


def _senders(petition: Petition) -> list:
    """A sealed petition's senders: as `read_senders` left them, else read now."""
    people = getattr(petition, "_natsync_senders", None)
    return vault.petition_people(petition) if people is None else people


def person(citizen: Citizen) -> dict[str, Any]:
    """One complainant as `NguoiKNTC` lists them. The person registry has no ethnic group,
    nationality or coded address, so `MaDanToc`, `MaQuocTich`, `MaTinh/MaHuyen/MaXa` stay
    empty until it does; the address goes whole into `DiaChiChiTiet`."""
    return {
        "HoTen": citizen.full_name,
        "GioiTinh": citizen.gender or None,
        "MaDanToc": None,
        "MaQuocTich": None,
        "MaTinh": None,
        "MaHuyen": None,
        "MaXa": None,
        "DiaChiChiTiet": citizen.address,
        "SoDinhDanhCaNhan": citizen.id_number,
        "NgayCapSoDinhDanh": None,
        "NoiCapSoDinhDanh": None,
    }


def _file(kind: str, pk: int, title: str, name: str, file_kind: str) -> dict[str, Any]:
    return {
        "TenHoSo": title,
        "LoaiHoSo": file_kind,
        "NoiDungTomTat": "",
        "TenFileDinhKem": name.rsplit("/", 1)[-1],
        "FileDinhKem": {"$file": kind, "id": pk},
    }


def _earlier_decision(case: Matter | None) -> list[dict[str, Any]]:
    """`CoQuanDaGiaiQuyet`: the first-instance decision a second complaint (or the earlier
    conclusion a further denunciation) is about."""
    previous = case.previous if case is not None else None
    if previous is None:
        return []
    return [
        {
            "MaCoQuan": code(CodeList.UNIT, previous.unit.code),
            "LanGiaiQuyet": 1,
            "MaLoaiQuyetDinh": code(CodeList.DECISION_KIND, previous.kind),
            "KetQuaGiaiQuyet": code(CodeList.RESULT, previous.outcome),
            "NgayBanHanh": _date(previous.decided_on),
        }
    ]


def matter_payload(petition: Petition) -> dict[str, Any]:
    """capNhatVuViec: the petition as received and classified."""
    sealed = is_sealed(petition)
    senders = _senders(petition) if sealed else list(petition.senders.all())
    visit = petition.visit
    summary = redact(petition.summary, senders) if sealed else petition.summary
    origin_unit = petition.origin.unit.code if petition.origin else None
    return {
        "VuViec": {
            "NgayNhapDon": _date(petition.received_on),
            "SoDon": f"{petition.number}/{petition.year}",
            "GanVuViec": None,
            "LanhDaoTiep": visit is not None and visit.chaired_by in ("head", "delegate"),
            "TiepDinhKy": visit is not None and visit.mode == "periodic",
            "UyQuyen": visit is not None and visit.chaired_by == "delegate",
            "NoiDungDon": summary,
        },
        "donViNhap": code(CodeList.UNIT, petition.unit.code),
        "NguonDonDen": {
            "MaNguonDonDen": code(CodeList.SOURCE, petition.source),
            "MaCoQuanChuyenDon": code(CodeList.UNIT, origin_unit),
            "TenCoQuanChuyenDon": petition.sender_body,
            "SoVanBanDen": "",
            "NgayVanBan": None,
        },
        "NguoiKNTC": _complainants(petition, senders, sealed=sealed),
        # The system does not record the people complained about or authorised representatives.
        "NguoiBiKNTC": [],
        "NguoiUyQuyen": [],
        "CoQuanDaGiaiQuyet": _earlier_decision(petition.case),
        "PhanLoaiDon": {
            "MaLoaiDon": code(CodeList.PETITION_TYPE, petition.petition_type),
            "MaLoaiDon1": code(CodeList.DOMAIN, petition.domain),
            "MaLoaiDon2": None,
            "MaLoaiDon3": None,
        },
        # A denunciation's scans carry handwriting (Luật TC Art 56.2): sealed like the people.
        # Their titles and file names are redacted like the summary (the file itself may be in
        # the vault already: the sender reads it there).
        "Attachment": _petition_files(petition, senders, sealed=sealed),
    }


def _representatives(visit: ReceptionVisit | None) -> int:
    """The representatives the group named at the desk, the sealed ones included."""
    if visit is None:
        return 0
    plain = sum(1 for a in visit.attendees.all() if a.is_representative)
    vaulted = vault.sealed_attendees([visit]).get(visit.pk, [])
    return plain + sum(1 for a in vaulted if a.is_representative)


def _complainants(petition: Petition, senders: list[Any], *, sealed: bool) -> dict[str, Any]:
    """NguoiKNTC: who complains or denounces; a sealed sender's particulars are not sent."""
    if petition.anonymous:
        people: list[dict[str, Any]] = [{"HoTen": ANONYMOUS_NAME}]
    elif sealed:
        people = []  # added by the sender only where the unit's setting allows it
    else:
        people = [person(c) for c in senders]
    return {
        "LoaiNguoiKNTC": "nac_danh"
        if petition.anonymous
        else ("nhieu_nguoi" if petition.signatory_count > 1 else "ca_nhan"),
        "SoNguoiKNTC": petition.signatory_count,
        "SoNguoiDaiDien": _representatives(petition.visit),
        "GiuBiMat": sealed and not petition.anonymous,
        "DanhSach": people,
    }


def _petition_files(
    petition: Petition, senders: list[Any], *, sealed: bool
) -> list[dict[str, Any]]:
    """The petition's scans; a denunciation's titles and file names redacted like its summary."""
    return [
        {
            **_file(
                "petition",
                a.pk,
                redact(a.title, senders) if sealed else a.title,
                redact(a.file.name or f"tai-lieu-{a.pk}", senders) if sealed else a.file.name,
                "don",
            ),
            "GiuBiMat": sealed,
        }
        # In the order they were attached (the back-fill's order too): a table without an
        # order returns rows as stored, which changes when one is updated (sealing a scan).
        for a in petition.attachments.order_by("pk")
    ]


def _sealed_text(text: str, people: list[Citizen]) -> str:
    """Free text of a denunciation with the denouncers' names, ID and phone masked."""
    return redact(text, people) if people else text


def processing_payload(petition: Petition) -> dict[str, Any]:
    """capNhatKQXuLy: the processing outcome (hướng xử lý) decided by the head."""
    sealed = _senders(petition) if is_sealed(petition) else []
    transfer = next(iter(petition.transfers.all()), None)
    to_unit = transfer.to_unit.code if transfer and transfer.to_unit else None
    return {
        "NgayXuLy": _date(petition.decided_on),
        "CanBoXuLy": petition.proposed_by.display_name if petition.proposed_by else "",
        "CanBoDuyetKQXL": petition.decided_by.display_name if petition.decided_by else "",
        "DonDuDKXuLy": petition.eligibility == "eligible",
        "DonNacDanh": petition.anonymous,
        "ThuocThamQuyen": petition.within_jurisdiction,
        "MaHuongXuLy": code(CodeList.HANDLING, petition.outcome),
        "HuongXuLy": petition.get_outcome_display() if petition.outcome else "",
        "MaCoQuanXuLy": code(CodeList.UNIT, petition.unit.code),
        "MaCoQuanXuLyTiep": code(CodeList.UNIT, to_unit),
        "TenCoQuanXuLyTiep": transfer.to_body if transfer else "",
        "NoiDungXuLy": _sealed_text(petition.decision_reason, sealed),
        "TomTatNoiDungXuLy": _sealed_text(petition.summary, sealed),
    }


def acceptance_payload(case: Matter) -> dict[str, Any]:
    """capNhatQuyetDinhThuLy: acceptance and the resolution under way (status, resolver)."""
    return {
        "NgayThuLy": _date(case.accepted_on),
        "MaCoQuanThuLy": code(CodeList.UNIT, case.unit.code),
        "MaLoaiDon": code(CodeList.PETITION_TYPE, _petition_type(case)),
        "MaLoaiDon1": code(CodeList.DOMAIN, case.domain),
        "MaLoaiQuyetDinh": code(CodeList.DECISION_KIND, case.kind),
        "NguoiGiaiQuyet": case.resolver.display_name if case.resolver else "",
        "DoPhucTap": case.complexity,
        "TrangThai": case.status,
        "NgayTamDinhChi": _date(case.suspended_on),
        "CoQuanDaGiaiQuyet": _earlier_decision(case),
    }


# The petition type a case of each kind reports (`MaLoaiDon`); any other kind is "mixed".
PETITION_TYPE_OF_KIND: dict[str, str] = {
    CaseKind.COMPLAINT_FIRST: "complaint",
    CaseKind.COMPLAINT_SECOND: "complaint",
    CaseKind.DENUNCIATION: "denunciation",
    CaseKind.PROPOSAL: "proposal",
}


def _petition_type(case: Matter) -> str:
    return PETITION_TYPE_OF_KIND.get(case.kind, "mixed")


def resolution_payload(case: Matter) -> dict[str, Any]:
    """capNhatKQGiaiQuyet: the decision or conclusion, what it orders, its document."""
    documents = [d for d in case.documents.all() if d.code in DECISION_DOCUMENTS]
    sealed = (
        [c for p in case.petitions.all() for c in vault.petition_people(p)]
        if case.kind == CaseKind.DENUNCIATION
        else []
    )
    return {
        "NgayBanHanh": _date(case.decided_on),
        "SoQuyetDinh": case.decision_number,
        "MaLoaiQuyetDinh": code(CodeList.DECISION_KIND, case.kind),
        "KetQuaGiaiQuyet": code(CodeList.RESULT, case.outcome),
        "NoiDungQuyetDinh": _sealed_text(case.decision_text, sealed),
        "ThuHoiTien": _number(case.decision_money_to_state),
        "ThuHoiDat": _number(case.decision_land_to_state),
        "TraLaiTien": _number(case.decision_money_returned),
        "TraLaiDat": _number(case.decision_land_returned),
        "SoNguoiDuocTraQuyenLoi": case.decision_restored_persons,
        "SoToChucDuocTraQuyenLoi": case.decision_restored_orgs,
        "SoNguoiChuyenDieuTra": case.referred_persons,
        "XuPhatHanhChinh": case.proposed_disciplined,
        "HinhThucXuLy": "",
        # Names of the people disciplined are not recorded, only their number.
        "NguoiBiXuLy": [],
        "Attachment": [
            _file("case_document", d.pk, d.title, d.file.name, "quyet_dinh") for d in documents
        ],
    }


def execution_payload(case: Matter) -> dict[str, Any]:
    """capNhatThiHanh: what the execution has achieved so far (adds up over records)."""
    return {
        "MaCoQuanThiHanh": code(CodeList.UNIT, case.unit.code),
        "NgayCapNhat": _date(case.executed_on or case.updated_at.date()),
        "DaThiHanhXong": case.executed_on is not None,
        "ThuHoiTien": _number(case.money_to_state),
        "ThuHoiDat": _number(case.land_to_state),
        "TraLaiTien": _number(case.money_returned),
        "TraLaiDat": _number(case.land_returned),
        "SoNguoiDuocTraQuyenLoi": case.restored_persons,
        "SoNguoiBiXuLy": case.persons_disciplined,
        "SoTapTheBiXuLy": case.orgs_disciplined,
        "SoDoiTuongDaKhoiTo": case.prosecuted_persons,
        "SoVuDaKhoiTo": case.prosecuted_cases,
        # Fines paid and assets valued in money are not recorded by the system.
        "SoTienNopPhat": None,
        "TaiSanQuyRaTien": None,
    }


BUILDERS: dict[Stage, Callable[[Any], dict[str, Any]]] = {
    Stage.MATTER: matter_payload,
    Stage.PROCESSING: processing_payload,
    Stage.ACCEPTANCE: acceptance_payload,
    Stage.RESOLUTION: resolution_payload,
    Stage.EXECUTION: execution_payload,
}


def canonical(payload: dict[str, Any]) -> str:
    """The payload as one JSON text, keys sorted: what its hash is taken of (and what the
    back-fill writes, PostgreSQL's jsonb keeping the same value)."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def payload_hash(payload: dict[str, Any]) -> str:
    return text_hash(canonical(payload))
