import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tiepdan.conftest import PASSWORD
from tiepdan.organizations.models import Unit, User

pytestmark = pytest.mark.django_db


def test_login_then_home_shows_the_unit(client: Client, receptionist: User, ward: Unit) -> None:
    response = client.post("/login/", {"username": "tiepdan", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Phường Bắc Sơn" in response.content.decode()


def test_wrong_password_gets_a_vietnamese_message(client: Client, receptionist: User) -> None:
    response = client.post("/login/", {"username": "tiepdan", "password": "sai"})
    assert "không đúng" in response.content.decode()


def test_lockout_after_repeated_failures(client: Client, receptionist: User) -> None:
    for _ in range(5):
        client.post("/login/", {"username": "tiepdan", "password": "sai"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(
        "/login/", {"username": "tiepdan", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def _device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="t", confirmed=True)


def test_account_with_totp_needs_a_valid_code(client: Client, leader: User) -> None:
    device = _device(leader)
    response = client.post("/login/", {"username": "chutich", "password": PASSWORD})
    assert "cần mã xác thực" in response.content.decode()
    assert "_auth_user_id" not in client.session
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    client.post("/login/", {"username": "chutich", "password": PASSWORD, "otp_token": code})
    assert client.session["_auth_user_id"] == str(leader.pk)


def test_security_page_confirms_a_new_totp_device(client: Client, leader: User) -> None:
    client.force_login(leader)
    page = client.get("/security/")
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    client.post("/security/", {"token": code})
    device.refresh_from_db()
    assert device.confirmed


def test_unit_switch_only_to_visible_units(
    client: Client, unit_admin: User, ward: Unit, other_ward: Unit
) -> None:
    client.force_login(unit_admin)
    client.post("/units/switch/", {"unit": ward.pk})
    assert client.session["current_unit_id"] == ward.pk
    client.post("/units/switch/", {"unit": other_ward.pk})
    assert client.session["current_unit_id"] == ward.pk


def test_unit_page_of_another_tree_is_404(client: Client, outsider: User, ward: Unit) -> None:
    client.force_login(outsider)
    assert client.get("/units/26734/").status_code == 404


def test_unit_import_page_reports_rejected_lines(client: Client, unit_admin: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(unit_admin)
    data = "code,name,kind,parent_code\nX1,Xã Một,commune,38\nX2,Xã Hai,huyen,38\n".encode()
    response = client.post(
        "/units/import/", {"file": SimpleUploadedFile("u.csv", data, "text/csv")}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Loại đơn vị không hợp lệ" in html
    assert Unit.objects.filter(code="X1").exists()
