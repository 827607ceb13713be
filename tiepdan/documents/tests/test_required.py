"""Never print a blank where a document names someone or something."""

import datetime as dt

import pytest

from tiepdan.core.errors import DomainError
from tiepdan.documents import required
from tiepdan.documents.registry import form_codes
from tiepdan.documents.samples import sample_context
from tiepdan.documents.services import document_render


def test_every_document_of_the_registry_lists_what_it_needs() -> None:
    assert set(form_codes()) <= set(required.REQUIRED)


@pytest.mark.parametrize("code", sorted(required.REQUIRED))
def test_a_complete_sample_lacks_nothing(code: str) -> None:
    assert required.missing_fields(code, sample_context(code), advisory=True) == []


def test_a_guidance_slip_without_the_competent_body_is_refused() -> None:
    context = sample_context("reception.guidance_slip")
    context["competent_body"] = "  "
    with pytest.raises(DomainError) as refused:
        document_render(code="reception.guidance_slip", on=dt.date(2025, 1, 20), context=context)
    assert refused.value.code == "render_failed"  # the one code callers roll back on
    assert "cơ quan có thẩm quyền giải quyết" in refused.value.message


def test_an_administrative_document_names_its_empty_parts() -> None:
    context = sample_context("plan.document")
    context["sections"][0]["paragraphs"] = []
    context["sections"][0]["items"] = []
    heading = context["sections"][0]["heading"]
    assert required.missing_fields("plan.document", context) == []  # a skeleton may be wanted
    assert required.missing_fields("plan.document", context, advisory=True) == [
        f"nội dung phần «{heading}»"
    ]


def test_a_mixed_petition_names_its_bodies_in_the_guidance() -> None:
    context = sample_context("petition.guidance")
    assert context["competent_body"] == ""
    assert required.missing_fields("petition.guidance", context) == []
    context["guidance"] = ""
    assert required.missing_fields("petition.guidance", context) == [
        "cơ quan có thẩm quyền giải quyết"
    ]
