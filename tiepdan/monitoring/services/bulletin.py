"""The daily bulletin (bản tin tình hình): issued once per unit and day to the leaders on duty,
rendered as an administrative DOCX."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tiepdan.audit import services as audit_services
from tiepdan.documents import services as document_services
from tiepdan.documents.agency import agency_context
from tiepdan.monitoring import constants, selectors
from tiepdan.monitoring.models import Bulletin
from tiepdan.organizations.models import Unit, User


def bulletin_context(unit: Unit, content: dict) -> dict:
    """The context of the administrative DOCX (documents.administrative_docx) from the figures."""
    f = content["figures"]
    day = date.fromisoformat(content["day"])
    yesterday = date.fromisoformat(content["yesterday"])
    leaders = content.get("leaders") or []
    sections = [
        {
            "heading": _("1. Tình hình tiếp công dân ngày %(d)s")
            % {"d": yesterday.strftime("%d/%m/%Y")},
            "paragraphs": [
                _(
                    "Tiếp %(v)d lượt, %(p)d người; %(g)d đoàn đông người; %(r)d lượt tiếp nhiều "
                    "lần; nhận %(pe)d đơn."
                )
                % {
                    "v": f["visits"],
                    "p": f["people"],
                    "g": f["groups"],
                    "r": f["repeat"],
                    "pe": f["petitions"],
                }
            ],
            "items": [],
        },
        {
            "heading": _("2. Cảnh báo mới"),
            "paragraphs": [] if content["new_alerts"] else [_("Không phát sinh cảnh báo mới.")],
            "items": [
                f"[{a['level']}] {a['kind']} — {a['unit']}: {a['summary']}"
                for a in content["new_alerts"]
            ],
        },
        {
            "heading": _("3. Điểm nóng tiềm ẩn cần theo dõi"),
            "paragraphs": [] if content["hotspots"] else [_("Chưa phát hiện điểm nóng tiềm ẩn.")],
            "items": [
                f"{h['title']} ({h['unit']}), điểm rủi ro {h['score']}/100"
                for h in content["hotspots"]
            ],
        },
        {
            "heading": _("4. Việc đến hạn"),
            "paragraphs": [
                _(
                    "%(d)d thời hạn đến hạn trong 3 ngày tới; %(o)d thời hạn đã quá hạn; %(a)d "
                    "cảnh báo đang xử lý."
                )
                % {"d": content["due"], "o": content["overdue"], "a": content["active_alerts"]}
            ],
            "items": [],
        },
    ]
    return {
        "agency": agency_context(unit),
        "number": "",
        "issued_on": day,
        "signer": {"title": _("NGƯỜI TỔNG HỢP"), "name": ""},
        "recipients": [*(f"{name};" for name in leaders), _("Lưu: VT.")],
        "title": _("BẢN TIN TÌNH HÌNH TIẾP CÔNG DÂN"),
        "subtitle": _("Ngày %(d)s") % {"d": day.strftime("%d/%m/%Y")},
        "preamble": _(
            "Phục vụ lãnh đạo nắm tình hình, chủ động xử lý, không để phát sinh điểm nóng "
            "(Kế hoạch tiếp công dân dịp Tết, mục III.1)."
        ),
        "sections": sections,
    }


def bulletin_render(bulletin: Bulletin) -> document_services.RenderedDocument:
    return document_services.administrative_docx(
        on=bulletin.day,
        context=bulletin_context(bulletin.unit, bulletin.content),
        unit=bulletin.unit,
    )


def bulletin_issue(*, unit: Unit, day: date, actor: User | None = None) -> tuple[Bulletin, bool]:
    """The bulletin of `unit` for `day`, made once (idempotent per unit and day) and given to
    the leaders on duty: (bulletin, created)."""
    existing = Bulletin.objects.filter(unit=unit, day=day).first()
    if existing is not None:
        return existing, False
    leaders = selectors.leaders_on_duty(unit, day)
    content = selectors.bulletin_content(unit, day)
    content["leaders"] = [u.display_name for u in leaders]
    try:
        with transaction.atomic():
            bulletin = Bulletin.objects.create(unit=unit, day=day, content=content)
            if leaders:
                bulletin.sent_to.add(*leaders)
            audit_services.audit_record(
                action=constants.BULLETIN_ISSUED,
                target=bulletin,
                actor=actor,
                unit=unit,
                data={"day": day.isoformat(), "sent_to": [u.username for u in leaders]},
            )
    except IntegrityError:  # made meanwhile by another run
        return Bulletin.objects.get(unit=unit, day=day), False
    return bulletin, True
