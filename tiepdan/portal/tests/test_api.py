"""The fixed public API: submit, then follow by code with the CCCD or phone."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.citizens.models import Citizen
from tiepdan.petitions import selectors as petition_selectors
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
from tiepdan.portal.models import PublicSubmission
from tiepdan.portal.tests.conftest import CCCD, PHONE, body
from tiepdan.vault import vault
from tiepdan.workcalendar import selectors as calendar_selectors

pytestmark = pytest.mark.django_db


def test_submission_enters_intake_online_with_its_clocks(submit, ward):
    response = submit()
    assert response.status_code == 201, response.json()
    data = response.json()
    assert set(data) == {"tracking_code", "received_at", "unit"}
    assert data["unit"] == "26734"
    assert re.fullmatch(r"[A-Z2-9]{12}", data["tracking_code"])
    petition = Petition.objects.get()
    assert petition.unit == ward
    assert petition.source == "online"
    assert petition.received_on == timezone.localdate()
    assert petition.number == 1
    rules = {c.rule_code for c in calendar_selectors.clock_list_for_target(petition)}
    assert "petition.notify" in rules
    sender = petition.senders.get()
    assert (sender.full_name, sender.id_number, sender.phone) == ("Nguyễn Văn An", CCCD, PHONE)
    assert AuditEvent.objects.filter(action="portal.submitted").count() == 1
    # The submission keeps no readable identity.
    submission = PublicSubmission.objects.get()
    assert CCCD not in (submission.id_digest + submission.phone_digest)


def test_codes_are_random_and_distinct(submit):
    codes = {submit().json()["tracking_code"] for _ in range(5)}
    assert len(codes) == 5


def test_tracking_by_cccd_or_phone(submit, public):
    code = submit().json()["tracking_code"]
    for query in (f"id_number={CCCD}", f"phone={PHONE}", "phone=+84 912 345 678"):
        response = public.get(f"/api/v1/public/petitions/{code}/?{query}")
        assert response.status_code == 200, query
        data = response.json()
        assert set(data) == {
            "tracking_code",
            "unit",
            "received_on",
            "status",
            "status_label",
            "events",
            "next_due",
        }
        assert data["status"] == "received"
        assert data["events"][0]["label"] == "Đã nhận đơn gửi trực tuyến"
        assert data["next_due"] is not None
    # Lower case and dashes are the same code.
    spaced = "-".join([code[:4], code[4:8], code[8:]]).lower()
    assert public.get(f"/api/v1/public/petitions/{spaced}/?id_number={CCCD}").status_code == 200


def test_every_mismatch_is_the_same_404(submit, public):
    code = submit().json()["tracking_code"]
    other = "A" * 12 if code != "A" * 12 else "B" * 12
    answers = [
        public.get(f"/api/v1/public/petitions/{code}/"),
        public.get(f"/api/v1/public/petitions/{code}/?id_number=038085012346"),
        public.get(f"/api/v1/public/petitions/{code}/?phone=0987654321"),
        public.get(f"/api/v1/public/petitions/{code}/?id_number=abc"),
        public.get(f"/api/v1/public/petitions/{other}/?id_number={CCCD}"),
        public.get(f"/api/v1/public/petitions/{code[:-1]}/?id_number={CCCD}"),
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.content for r in answers}) == 1
    assert answers[0].json()["code"] == "not_found"


def test_anonymous_code_alone(submit, public):
    response = submit(anonymous=True, sender=None)
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    assert public.get(f"/api/v1/public/petitions/{code}/").status_code == 200
    petition = Petition.objects.get()
    assert petition.anonymous
    assert not petition.senders.exists()


def test_sender_required_unless_anonymous(submit):
    response = submit(sender=None)
    assert response.status_code == 400
    assert "sender.full_name" in response.json()["fields"]
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"content": ""}, "content", "nội dung"),
        ({"content": "   "}, "content", "nội dung"),
        ({"unit": "khong-co"}, "unit", "cơ quan"),
        ({"petition_type": "mixed"}, "petition_type", None),
        ({"content": "<script>alert(1)</script>"}, "content", "HTML"),
        ({"request": "<b>gấp</b>"}, "request", "HTML"),
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_saved(submit, change, field, words):
    response = submit(**change)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert field in data["fields"]
    if words:
        assert words in data["fields"][field][0]
    assert not Petition.objects.exists()
    assert not Citizen.objects.exists()
    assert not PublicSubmission.objects.exists()


@pytest.mark.parametrize(
    ("sender", "field", "words"),
    [
        ({"id_number": "0380850123456"}, "sender.id_number", "12 chữ số"),
        ({"phone": "12345"}, "sender.phone", "điện thoại"),
        ({"full_name": "<img src=x onerror=alert(1)>"}, "sender.full_name", "HTML"),
        ({"address": "<a href='x'>nhà</a>"}, "sender.address", "HTML"),
        ({"email": "<x@y.z>"}, "sender.email", "HTML"),
        ({"id_number": "", "phone": ""}, "sender.id_number", "CCCD"),
    ],
)
def test_bad_sender_is_a_clear_400_and_nothing_saved(submit, sender, field, words):
    person = {**body()["sender"], **sender}
    response = submit(sender=person)
    assert response.status_code == 400
    assert words in response.json()["fields"][field][0]
    assert not Petition.objects.exists()
    assert not Citizen.objects.exists()


def test_nfd_text_is_stored_nfc(submit):
    import unicodedata

    name = unicodedata.normalize("NFD", "Nguyễn Thị Bích")
    content = unicodedata.normalize("NFD", "Khiếu nại về việc cấp giấy chứng nhận đất")
    person = {**body()["sender"], "full_name": name}
    assert submit(sender=person, content=content).status_code == 201
    petition = Petition.objects.get()
    assert petition.summary.startswith(unicodedata.normalize("NFC", content))
    assert petition.senders.get().full_name == "Nguyễn Thị Bích"


def test_duplicates_are_suggested_as_for_any_petition(submit, processor):
    submit()
    submit(content="Tiếp tục khiếu nại việc thu hồi đất không bồi thường thỏa đáng.")
    first, second = Petition.objects.order_by("pk")
    # The same person (by CCCD) is one registry record, and the officer is offered the match.
    assert first.senders.get() == second.senders.get()
    suggested = petition_selectors.duplicate_suggestions(processor, second)
    assert any(s.petition == first and s.same_sender for s in suggested)


def test_a_sealed_sender_is_matched_only_for_whom_may_see_them(submit, processor, receptionist):
    submit(content="Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ bên cạnh.")
    submit(petition_type="denunciation", content="Tố cáo cán bộ địa chính nhận tiền làm thủ tục.")
    complaint, denunciation = Petition.objects.order_by("pk")
    assert not denunciation.senders.exists()  # the sender is only in the vault
    assert vault.can_see_senders(processor, denunciation)
    seen = petition_selectors.duplicate_suggestions(processor, denunciation)
    assert any(s.petition == complaint and s.same_sender for s in seen)
    # The desk may not see who denounced: a "same sender" match would name them.
    assert not vault.can_see_senders(receptionist, denunciation)
    hidden = petition_selectors.duplicate_suggestions(receptionist, denunciation)
    assert not any(s.same_sender for s in hidden)


def test_online_denunciation_is_sealed_from_the_first_moment(
    submit, receptionist, unit_admin, resolver, client_for
):
    response = submit(petition_type="denunciation", content="Tố cáo cán bộ địa chính nhận tiền.")
    assert response.status_code == 201
    petition = Petition.objects.get()
    # Neither the desk nor the province's administrator sees who sent it.
    for user in (receptionist, unit_admin):
        answer = client_for(user).get(f"/api/v1/petitions/{petition.pk}/")
        assert answer.status_code == 200
        seen = answer.json()
        assert seen["senders"] is None
        assert seen["identity_sealed"] is True
        for secret in ("Nguyễn Văn An", CCCD, PHONE):
            assert secret not in answer.content.decode()
        assert not vault.can_see_senders(user, petition)
    visible = client_for(resolver).get(f"/api/v1/petitions/{petition.pk}/").json()
    assert visible["identity_sealed"] is False
    assert visible["senders"][0]["full_name"] == "Nguyễn Văn An"
    assert "denunciation.intake" in {d["rule"] for d in visible["deadlines"]}


def test_status_follows_the_real_state_and_names_no_officer(submit, public, leader, ward):
    code = submit().json()["tracking_code"]
    petition = Petition.objects.get()
    petition_services.petition_classify(
        petition=petition,
        actor=leader,
        petition_type="complaint",
        domain="admin.land_housing",
        eligibility="eligible",
        within_jurisdiction=True,
    )
    url = f"/api/v1/public/petitions/{code}/?id_number={CCCD}"
    assert public.get(url).json()["status"] == "processing"
    petition_services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="accept",
        decided_on=timezone.localdate(),
        reason="Ghi chú nội bộ: cần xác minh hộ bên cạnh",
    )
    data = public.get(url).json()
    assert data["status"] == "accepted"
    assert data["status_label"] == "Đã thụ lý giải quyết"
    assert [e["label"] for e in data["events"]][-1] == "Đã thụ lý giải quyết"
    text = str(data)
    assert leader.full_name not in text
    assert "nội bộ" not in text
    assert dt.date.fromisoformat(data["next_due"]) > timezone.localdate()


def test_transfer_names_the_receiving_agency(submit, public, leader, police):
    code = submit().json()["tracking_code"]
    petition = Petition.objects.get()
    petition_services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="transfer",
        decided_on=timezone.localdate(),
        to_unit=police,
    )
    data = public.get(f"/api/v1/public/petitions/{code}/?phone={PHONE}").json()
    assert data["status"] == "transferred"
    assert "Công an phường Bắc Sơn" in data["events"][-1]["label"]


@override_settings(TIEPDAN_PUBLIC_LOOKUP_RATE="3/m")
def test_code_guessing_gets_404_then_429(public, ward):
    answers = [public.get(f"/api/v1/public/petitions/{'A' * 12}/").status_code for _ in range(5)]
    assert answers == [404, 404, 404, 429, 429]
    response = public.get(f"/api/v1/public/petitions/{'A' * 12}/")
    assert response.json()["code"] == "throttled"
    assert "Retry-After" in response


@override_settings(TIEPDAN_PUBLIC_SUBMIT_RATE="2/h")
def test_submissions_are_throttled_per_address(submit):
    assert [submit().status_code for _ in range(3)] == [201, 201, 429]
    assert Petition.objects.count() == 2
