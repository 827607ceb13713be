"""The interface is Vietnamese only: no language is offered that has no translation."""

import pytest
from django.conf import settings
from django.test import Client


def test_only_vietnamese_is_offered() -> None:
    assert [code for code, _name in settings.LANGUAGES] == ["vi"]


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_vietnamese() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = client.post("/login/", {"username": "", "password": ""}).content.decode()
    assert "This field is required" not in page
    assert 'lang="vi"' in page
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 404
