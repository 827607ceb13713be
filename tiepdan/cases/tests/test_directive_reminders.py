"""Directive reminders: once when due soon, once when overdue (with an overdue alert), never
for a directive done, never naming what the case is about."""

import datetime as dt

import pytest
from django.core.management import call_command

from tiepdan.cases import reminders, services
from tiepdan.cases.models import Directive
from tiepdan.monitoring.models import Alert, AlertKind

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def directives(open_case, leader):
    leader.email = "chutich@bacson.example"
    leader.save(update_fields=["email"])
    case = open_case(
        petition_type="denunciation",
        received_on=D(2025, 3, 3),
        accepted_on=D(2025, 3, 5),
        summary="Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận",
    )

    def add(text: str, due_on: dt.date) -> Directive:
        return services.directive_add(
            case=case,
            source="superior",
            text=text,
            issued_on=D(2025, 3, 6),
            due_on=due_on,
            reference="Công văn 12/UBND",
            actor=leader,
        )

    # Scanned on Friday 14/3/2025: Monday 17/3 is 1 working day away, 21/3 is 5.
    return {
        "soon": add("Báo cáo tiến độ xác minh", D(2025, 3, 17)),
        "later": add("Báo cáo kết quả", D(2025, 3, 21)),
        "overdue": add("Gửi hồ sơ lên tỉnh", D(2025, 3, 12)),
        "case": case,
    }


def test_due_soon_and_overdue_are_reminded_once(directives, mailoutbox):
    result = reminders.directive_scan(on=D(2025, 3, 14))
    assert (result.due_soon, result.overdue, result.emails) == (1, 1, 2)
    assert {m.to[0] for m in mailoutbox} == {"chutich@bacson.example"}
    bodies = " ".join(m.body for m in mailoutbox)
    assert "Báo cáo tiến độ xác minh" in bodies
    assert "Gửi hồ sơ lên tỉnh" in bodies
    assert "Báo cáo kết quả" not in bodies  # 5 working days away
    assert "nhận tiền" not in bodies  # the case's content stays out of mail
    alert = Alert.objects.get(kind=AlertKind.OVERDUE)
    overdue, case = directives["overdue"], directives["case"]
    assert alert.subjects == [{"directive": overdue.pk, "case": case.pk}]

    again = reminders.directive_scan(on=D(2025, 3, 14))
    assert (again.due_soon, again.overdue, again.emails) == (0, 0, 0)
    assert len(mailoutbox) == 2
    assert Alert.objects.filter(kind=AlertKind.OVERDUE).count() == 1


def test_done_directives_are_not_reminded(directives, leader, mailoutbox):
    for key in ("soon", "overdue"):
        services.directive_done(
            directive=directives[key], on=D(2025, 3, 13), result="Đã báo cáo", actor=leader
        )
    result = reminders.directive_scan(on=D(2025, 3, 14))
    assert (result.due_soon, result.overdue) == (0, 0)
    assert mailoutbox == []


def test_the_command_reports_what_it_sent(directives, capsys):
    call_command("scan_directives", "--on", "2025-03-14")
    assert "1 due-soon, 1 overdue" in capsys.readouterr().out
