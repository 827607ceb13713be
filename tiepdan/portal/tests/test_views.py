"""The public pages: choose the agency, write, confirm with attachments, receipt, track, rate."""

import re
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from tiepdan.audit.models import AuditEvent
from tiepdan.citizens.models import Citizen
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition, PetitionAttachment
from tiepdan.portal.forms import started_token
from tiepdan.portal.models import PublicSubmission, Rating
from tiepdan.portal.tests.conftest import CCCD, PHONE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ward")]

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
FORM = {
    "petition_type": "complaint",
    "content": "Khiếu nại việc thu hồi đất không bồi thường thỏa đáng.",
    "request": "Đề nghị xem xét lại mức bồi thường.",
    "full_name": "Nguyễn Văn An",
    "id_number": CCCD,
    "phone": PHONE,
    "address": "Khu phố 3",
    "email": "",
    "website": "",
}


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.TIEPDAN_PUBLIC_MIN_FORM_SECONDS = 0


def form(**change):
    return {**FORM, "started": started_token(), **change}


def test_unit_search_with_or_without_diacritics(client):
    for query in ("Bắc Sơn", "bac son", "BAC SON"):
        page = client.get("/cong-dan/gui-don/", {"q": query}).content.decode()
        assert "Phường Bắc Sơn" in page
        assert "/cong-dan/gui-don/26734/" in page
        assert "/plans/public/26734/" in page


def test_write_confirm_send_receipt(client):
    page = client.get("/cong-dan/gui-don/26734/")
    assert page.status_code == 200
    assert "Điều 25 Luật Tố cáo" in page.content.decode()
    confirm = client.post("/cong-dan/gui-don/26734/", form())
    assert confirm.status_code == 200
    assert 'name="attachments"' in confirm.content.decode()
    assert not Petition.objects.exists()  # nothing saved before the confirmation
    scan = SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf")
    sent = client.post("/cong-dan/gui-don/26734/xac-nhan/", {**form(), "attachments": [scan]})
    assert sent.status_code == 302
    petition = Petition.objects.get()
    assert petition.source == "online"
    assert PetitionAttachment.objects.get().petition == petition
    receipt = client.get(sent["Location"]).content.decode()
    code = PublicSubmission.objects.get().tracking_code
    assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in receipt
    assert 'src="data:image/svg+xml;base64,' in receipt
    assert "data-print" in receipt
    # Another browser does not get the receipt.
    from django.test import Client

    assert Client().get("/cong-dan/bien-nhan/").status_code == 404


def test_officer_sees_it_flagged_online(client, processor):
    client.post("/cong-dan/gui-don/26734/xac-nhan/", form())
    petition = Petition.objects.get()
    client.force_login(processor)
    page = client.get(f"/petitions/{petition.pk}/").content.decode()
    assert "Trực tuyến" in page
    intake = client.get("/petitions/").content.decode()
    assert '<span class="tag">trực tuyến</span>' in intake


def test_honeypot_and_time_check_refuse(client, settings):
    answer = client.post("/cong-dan/gui-don/26734/xac-nhan/", form(website="http://spam"))
    assert answer.status_code == 400
    assert "gửi sau ít giây" in answer.content.decode()
    settings.TIEPDAN_PUBLIC_MIN_FORM_SECONDS = 30
    answer = client.post("/cong-dan/gui-don/26734/xac-nhan/", form())
    assert answer.status_code == 400
    answer = client.post("/cong-dan/gui-don/26734/xac-nhan/", {**form(), "started": "forged"})
    assert answer.status_code == 400
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"content": ""}, "Vui lòng nhập nội dung đơn"),
        ({"id_number": "0380850123456"}, "12 chữ số"),
        ({"full_name": "<b>An</b>"}, "HTML"),
        ({"address": "<script>alert(1)</script>"}, "HTML"),
    ],
)
def test_bad_input_on_the_page(client, change, words):
    answer = client.post("/cong-dan/gui-don/26734/", form(**change))
    assert answer.status_code == 400
    page = answer.content.decode()
    assert words in page
    assert "<script>alert(1)</script>" not in page
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "không đúng định dạng"),
        ("trang.html", b"<html></html>", "chỉ nhận tệp"),
        ("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "lớn hơn 10 MB"),
    ],
)
def test_bad_attachment_refused_and_nothing_saved(client, name, content, words):
    upload = SimpleUploadedFile(name, content)
    answer = client.post("/cong-dan/gui-don/26734/xac-nhan/", {**form(), "attachments": [upload]})
    assert answer.status_code == 400
    assert words in answer.content.decode()
    assert not Petition.objects.exists()
    assert not Citizen.objects.exists()
    assert not PetitionAttachment.objects.exists()


def test_nfd_input_is_stored_nfc(client):
    nfd = unicodedata.normalize("NFD", "Trần Thị Ngọc Ánh")
    assert client.post("/cong-dan/gui-don/26734/xac-nhan/", form(full_name=nfd)).status_code == 302
    assert Citizen.objects.get().full_name == "Trần Thị Ngọc Ánh"


def test_anonymous_on_the_page(client):
    answer = client.post(
        "/cong-dan/gui-don/26734/xac-nhan/",
        form(anonymous="on", full_name="", id_number="", phone="", petition_type="denunciation"),
    )
    assert answer.status_code == 302
    petition = Petition.objects.get()
    assert petition.anonymous
    assert not petition.senders.exists()


def test_every_submission_is_audited(client):
    client.post("/cong-dan/gui-don/26734/xac-nhan/", form())
    assert AuditEvent.objects.filter(action="portal.submitted").count() == 1


def _close(petition, leader):
    petition_services.petition_decide(
        petition=petition,
        actor=leader,
        outcome="guide",
        decided_on=timezone.localdate(),
        to_body="Tòa án nhân dân khu vực 1",
    )


def test_track_and_rate_once_after_closure(client, leader):
    client.post("/cong-dan/gui-don/26734/xac-nhan/", form())
    code = PublicSubmission.objects.get().tracking_code
    page = client.post("/cong-dan/tra-cuu/", {"code": code.lower(), "proof": PHONE})
    assert page.status_code == 200
    assert "Đã tiếp nhận đơn" in page.content.decode()
    assert 'name="score"' not in page.content.decode()  # not before closure
    wrong = client.post("/cong-dan/tra-cuu/", {"code": code, "proof": "0987654321"})
    assert wrong.status_code == 404
    _close(Petition.objects.get(), leader)
    page = client.post("/cong-dan/tra-cuu/", {"code": code, "proof": CCCD}).content.decode()
    assert "Đã hướng dẫn" in page
    assert leader.full_name not in page
    assert 'name="score"' in page
    rated = client.post(
        "/cong-dan/tra-cuu/danh-gia/",
        {"code": code, "proof": CCCD, "score": "4", "comment": "Cán bộ hướng dẫn rõ ràng"},
    )
    assert rated.status_code == 200
    assert Rating.objects.get().score == 4
    again = client.post("/cong-dan/tra-cuu/danh-gia/", {"code": code, "proof": CCCD, "score": "1"})
    assert again.status_code == 400
    assert Rating.objects.count() == 1


def test_rating_needs_the_proof(client, leader):
    client.post("/cong-dan/gui-don/26734/xac-nhan/", form())
    code = PublicSubmission.objects.get().tracking_code
    _close(Petition.objects.get(), leader)
    answer = client.post(
        "/cong-dan/tra-cuu/danh-gia/", {"code": code, "proof": "0987654321", "score": "1"}
    )
    assert answer.status_code == 404
    assert not Rating.objects.exists()


@override_settings(TIEPDAN_PUBLIC_LOOKUP_RATE="2/m")
def test_lookups_on_the_page_are_throttled(client):
    answers = [
        client.post("/cong-dan/tra-cuu/", {"code": "A" * 12, "proof": CCCD}).status_code
        for _ in range(3)
    ]
    assert answers == [404, 404, 429]


def test_public_pages_need_no_login_and_no_inline_code(client):
    pages = ["/cong-dan/", "/cong-dan/gui-don/", "/cong-dan/gui-don/26734/"]
    for url in [*pages, "/cong-dan/tra-cuu/", "/cong-dan/huong-dan/"]:
        answer = client.get(url)
        assert answer.status_code == 200, url
        page = answer.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page, url
        assert "<style" not in page, url


def test_back_from_the_confirmation_keeps_what_was_written(client):
    answer = client.post("/cong-dan/gui-don/26734/", {**form(), "edit": "1"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Bước 2: viết đơn" in page
    assert "Khiếu nại việc thu hồi đất không bồi thường thỏa đáng." in page
    assert not Petition.objects.exists()
