"""Rendering official documents (DOCX, XLSX) and managing the templates units upload.

Callers build a context and call `document_render(code=..., on=..., context=..., unit=...)`;
the form version in force on `on` (registry.py) picks the template; a unit's uploaded override
(nearest unit up the tree, then system-wide) replaces the shipped default. Any failure raises
`DomainError(code="render_failed")`, so callers roll back the transaction that issues the
document.

Context contract
================

Common to every document:

- ``agency``: {"name": "ỦY BAN NHÂN DÂN PHƯỜNG BẮC SƠN", "parent_name": "ỦY BAN NHÂN DÂN TỈNH
  THANH HÓA" or "", "place": "Bắc Sơn"}; optional "display_name" (the name inside a sentence,
  "Ủy ban nhân dân phường Bắc Sơn"; derived from "name" when absent).
- ``number``: "15/TB-UBND", or "" to leave "Số:       /TB-…" for the clerk to fill by hand.
- ``issued_on``: date of issue (place and date line).
- ``signer``: {"title": "CHỦ TỊCH", "name": "Nguyễn Văn Trường"}; optional "authority"
  ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"…) printed above the title.
- ``recipients``: list of str, the "Nơi nhận" lines ("Như trên", "Lưu: VT, hồ sơ").

Per form code:

- ``reception.receipt``: ``citizen`` {full_name, id_number, address, phone}, ``received_at``
  (datetime), ``documents`` [{title, pages, kind ("bản chính"/"bản sao")}], ``officer``
  {full_name, position}, ``visit_number`` (line number in the register).
- ``reception.appointment_slip``: ``citizen``, ``appointment_at`` (datetime), ``place``,
  ``content``, ``officer``.
- ``reception.guidance_slip``: ``citizen``, ``content`` (summary of the matter),
  ``competent_body``, ``guidance`` (text), ``officer``.
- ``reception.refusal_notice``: ``citizen``, ``ground`` {"text", "legal_basis"}, ``details``.
- ``reception.conclusion_notice``: ``session`` {"date", "chair_name", "chair_title", "venue"},
  ``citizens`` [{full_name, address}], ``content``, ``directions`` [{text, assignee, due}].
- ``reception.register`` (DOCX) and `register_xlsx`: ``unit_name``, ``period`` {"from", "to"},
  ``rows`` [{number, date, name_address, id_number, content, petition_type, people_count,
  resolved_by, within_competence (bool), guidance, accepted_by,
  outcome ("accept"|"guide"|"transfer"|""), follow_up, notes}].
- Petition processing (xử lý đơn, TT 05/2021/TT-TTCP). ``petition`` is {number, year,
  received_on (date), source (label), petition_type (label), petition_type_code ("complaint" |
  "denunciation" | "proposal" | "mixed"; optional, derived from the label when absent), domain
  (label), summary, sender_body (who forwarded it, or "")}. ``senders`` is [{full_name, address}];
  for a denunciation pass ``senders=[]`` and ``identity_sealed=True``: the document then prints
  "Thông tin người tố cáo được giữ bí mật theo quy định" and no name (Luật TC Art 8.3, 47).
  Multi-line texts (guidance, reason, text, proposal_note) print one paragraph per line.

  - ``petition.acceptance_proposal``: ``petition``, ``senders``, ``identity_sealed``,
    ``proposed_outcome`` (label; "Thụ lý…" titles it "Phiếu đề xuất thụ lý đơn", anything else
    "Phiếu đề xuất xử lý đơn"), ``proposal_note``, ``proposer`` {full_name, position},
    ``approval`` {"title": "CHỦ TỊCH", "name"; optional "addressee" for "Kính gửi", default
    "<Title> <agency name>"}. No ``signer``/``recipients`` printed (internal slip).
  - ``petition.transfer_slip``: ``to_body``, ``petition``, ``senders``, ``identity_sealed``,
    ``reason`` (why not within competence), ``request_reply`` (bool: ask for the result).
  - ``petition.guidance``: ``citizen`` {full_name, address}, ``petition``, ``competent_body``
    ("" allowed for a mixed petition), ``guidance`` (text; for a mixed petition, one line per
    content and its competent body).
  - ``petition.acceptance_notice``: ``citizen``, ``petition``, ``accepted_on`` (date),
    ``resolver`` (who resolves, in running text), ``due`` (date). For a denunciation this is the
    copy sent to the denouncer, so ``citizen`` is the denouncer.
  - ``petition.rejection_notice``: ``citizen``, ``petition``, ``reason``, ``legal_basis``
    ("Điều 11 Luật Khiếu nại").
  - ``petition.return_notice`` (công văn): ``citizen``, ``petition``, ``reason``,
    ``competent_body`` ("" to return without guidance).
  - ``petition.reminder`` (công văn): ``to_unit``, ``petition``, ``text`` (what is asked),
    ``report_by`` (date). Prints no sender.
- ``plan.document`` (`administrative_docx`): ``title``, ``subtitle``, ``preamble``,
  ``sections`` [{heading, paragraphs: [str], items: [str]}].

Templates use the Jinja filters of `formatting.py` (long_date, dmy, hm, time_vi, doc_number,
or_dots, agency_name, position, petition_kind, petition_type_code, is_acceptance, lines).
Values are autoescaped; strings are normalised to NFC; "\\n" in a value becomes a line break.
"""

import copy
import datetime as dt
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, UndefinedError

from tiepdan.audit import services as audit_services
from tiepdan.core.errors import DomainError
from tiepdan.core.text import search_key
from tiepdan.documents import constants, formatting, required, selectors, xlsx
from tiepdan.documents.models import DocumentTemplate
from tiepdan.documents.registry import FormVersion, form_codes, form_version_for
from tiepdan.documents.samples import sample_context
from tiepdan.organizations.models import Unit, User

logger = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
_LEFTOVER_TAG = re.compile(r"\{\{|\{%|%\}|\}\}")


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    filename: str
    content_type: str
    version: FormVersion


# --------------------------------------------------------------------------- rendering


def _with_defaults(context: Mapping[str, Any]) -> dict[str, Any]:
    """NFC copy of `context` with the optional common keys present (templates test them)."""
    prepared = formatting.nfc_deep(copy.deepcopy(dict(context)))
    prepared.setdefault("number", "")
    prepared.setdefault("recipients", [])
    if isinstance(prepared.get("agency"), dict):
        prepared["agency"].setdefault("parent_name", "")
        prepared["agency"].setdefault("place", "")
    if isinstance(prepared.get("signer"), dict):
        prepared["signer"].setdefault("authority", "")
    return prepared


def _failure_reason(exc: Exception) -> str:
    if isinstance(exc, TemplateSyntaxError):
        return f"mẫu có lỗi cú pháp thẻ trường trộn ({exc.message})"
    if isinstance(exc, UndefinedError):
        return f"mẫu dùng trường dữ liệu không có ({exc.message})"
    if isinstance(exc, zipfile.BadZipFile | PackageNotFoundError | KeyError):
        return "tệp mẫu không phải là tệp Word .docx hợp lệ"
    return "lỗi khi điền dữ liệu vào mẫu"


def _render_docx(source: bytes, context: Mapping[str, Any], title: str) -> bytes:
    try:
        template = DocxTemplate(io.BytesIO(source))
        template.render(_with_defaults(context), jinja_env=formatting.jinja_env(), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
    except DomainError:
        raise
    except Exception as exc:  # docxtpl surfaces Jinja, lxml, zip and python-docx errors alike
        logger.warning("Rendering %r failed", title, exc_info=True)
        raise DomainError(
            f"Không tạo được văn bản «{title}»: {_failure_reason(exc)}.", code="render_failed"
        ) from exc
    return buffer.getvalue()


def _template_source(version: FormVersion, on: dt.date, unit: Unit | None) -> bytes:
    override = selectors.document_template_override(version=version, on=on, unit=unit)
    try:
        if override is not None:
            with override.file.open("rb") as handle:
                return handle.read()
        return (TEMPLATES_DIR / version.template).read_bytes()
    except OSError as exc:
        logger.exception("Template file of %s missing", version.code)
        raise DomainError(
            f"Không tạo được văn bản «{version.title}»: không đọc được tệp mẫu.",
            code="render_failed",
        ) from exc


def _require(version: FormVersion, context: Mapping[str, Any]) -> None:
    """Refuse to print a blank where the document names someone or something."""
    missing = required.missing_fields(version.code, context)
    if missing:
        message = f"Không tạo được văn bản «{version.title}»: còn thiếu {'; '.join(missing)}."
        raise DomainError(message, code="render_failed", fields={"document": missing})


def document_filename(version: FormVersion, on: dt.date, extension: str) -> str:
    """`<title-slug>-<yyyymmdd>.<extension>`: the same name whatever the output format."""
    slug = re.sub(r"[^a-z0-9]+", "-", search_key(version.title)).strip("-")
    return f"{slug}-{on:%Y%m%d}.{extension}"


def document_render(
    *, code: str, on: dt.date, context: dict, unit: Unit | None = None
) -> RenderedDocument:
    """Render form `code` as in force on `on`, with `unit`'s override if any."""
    version = form_version_for(code, on)
    if version.kind != "docx":
        raise DomainError(
            f"Biểu mẫu «{version.title}» không xuất ra được dạng Word.", code="render_failed"
        )
    _require(version, context)
    content = _render_docx(_template_source(version, on, unit), context, version.title)
    return RenderedDocument(content, document_filename(version, on, "docx"), DOCX_TYPE, version)


def administrative_docx(
    *, on: dt.date, context: dict, unit: Unit | None = None, code: str = "plan.document"
) -> RenderedDocument:
    """A generic NĐ 30 administrative document (kế hoạch, báo cáo…) with sections."""
    return document_render(code=code, on=on, context=context, unit=unit)


def register_xlsx(*, on: dt.date, context: dict) -> RenderedDocument:
    """The Sổ tiếp công dân as XLSX in the layout of the version in force on `on`."""
    version = form_version_for("reception.register_xlsx", on)
    _require(version, context)
    try:
        content = xlsx.register_workbook(version.layout, _with_defaults(context))
    except Exception as exc:  # a malformed row or missing key: same contract as DOCX
        logger.warning("Rendering the register failed", exc_info=True)
        raise DomainError(
            f"Không tạo được văn bản «{version.title}»: thiếu hoặc sai dữ liệu.",
            code="render_failed",
        ) from exc
    return RenderedDocument(content, document_filename(version, on, "xlsx"), XLSX_TYPE, version)


# --------------------------------------------------------------------------- uploaded templates


def _invalid(message: str) -> DomainError:
    return DomainError(message, code="invalid_template", fields={"file": [message]})


def document_template_validate(*, code: str, file: File, valid_from: dt.date) -> bytes:
    """Check an uploaded DOCX renders with a sample context; return its bytes.

    Raises DomainError with a Vietnamese message naming the problem.
    """
    if code not in form_codes("docx"):
        raise DomainError(
            f"Không có biểu mẫu Word «{code}».", code="invalid", fields={"code": ["Không có."]}
        )
    version = form_version_for(code, valid_from)
    name = getattr(file, "name", "") or ""
    if not name.lower().endswith(".docx"):
        raise _invalid("Tệp mẫu phải là tệp Word định dạng .docx.")
    if file.size is not None and file.size > MAX_TEMPLATE_BYTES:
        raise _invalid("Tệp mẫu vượt quá dung lượng cho phép (5 MB).")
    file.seek(0)
    source = file.read()
    try:
        rendered = _render_docx(source, sample_context(code), version.title)
    except DomainError as exc:
        raise _invalid(f"Mẫu văn bản tải lên không dùng được. {exc.message}") from exc
    text = "\n".join(p.text for p in Document(io.BytesIO(rendered)).paragraphs)
    if _LEFTOVER_TAG.search(text):
        raise _invalid(
            "Mẫu văn bản tải lên còn thẻ trường trộn viết sai (dấu {{ hoặc {% còn lại sau khi "
            "điền dữ liệu mẫu)."
        )
    return source


@transaction.atomic
def document_template_upload(
    *,
    code: str,
    file: File,
    valid_from: dt.date,
    unit: Unit | None = None,
    uploaded_by: User | None = None,
    is_active: bool = True,
) -> DocumentTemplate:
    """Validate and store a unit's (or the system-wide) edited template for form `code`."""
    source = document_template_validate(code=code, file=file, valid_from=valid_from)
    original_name = Path(getattr(file, "name", "") or "mau.docx").name
    template = DocumentTemplate(
        unit=unit,
        code=code,
        valid_from=valid_from,
        original_name=formatting.nfc_deep(original_name)[:255],
        uploaded_by=uploaded_by,
        is_active=is_active,
    )
    template.file.save(original_name, ContentFile(source), save=False)
    try:
        template.save()
        audit_services.audit_record(
            action=constants.TEMPLATE_UPLOADED,
            target=template,
            actor=uploaded_by,
            unit=unit,
            data={
                "code": code,
                "valid_from": valid_from.isoformat(),
                "file_name": template.original_name,
                "size": len(source),
                "sha256": hashlib.sha256(source).hexdigest(),
                "is_active": is_active,
            },
        )
    except Exception:
        # The file is not covered by the transaction: remove it when the row is rolled back.
        template.file.delete(save=False)
        raise
    return template


@transaction.atomic
def document_template_set_active(
    *, template: DocumentTemplate, is_active: bool, actor: User | None = None
) -> DocumentTemplate:
    """Switch an uploaded template on or off (uploads are never edited in place)."""
    if template.is_active == is_active:
        return template
    template.is_active = is_active
    template.save(update_fields=["is_active"])
    audit_services.audit_record(
        action=constants.TEMPLATE_ACTIVATED if is_active else constants.TEMPLATE_DEACTIVATED,
        target=template,
        actor=actor,
        unit=template.unit,
        data={"code": template.code},
    )
    return template
