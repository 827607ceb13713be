"""HTML pages: the working calendar of a year (view, edit), the rule catalogue, the calculator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.core.errors import DomainError
from tiepdan.organizations.http import AuthenticatedHttpRequest
from tiepdan.organizations.permissions import has_permission
from tiepdan.workcalendar import engine, forms, lunar, selectors, services
from tiepdan.workcalendar.permissions import CalendarAction
from tiepdan.workcalendar.rules import COMPLEXITY_LABELS, rule_catalogue

MONTH_NAMES = [f"Tháng {m}" for m in range(1, 13)]
WEEKDAY_HEADERS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
REASON_LABELS = {
    "counted": "Tính",
    "weekend": "Cuối tuần",
    "day_off": "Ngày nghỉ",
    "paused": "Tạm dừng",
    "rolled_forward": "Lùi sang ngày làm việc",
}


def _check_year(year: int) -> None:
    if not selectors.FIRST_YEAR <= year <= selectors.LAST_YEAR:
        raise Http404


@login_required
def calendar_current(request: AuthenticatedHttpRequest) -> HttpResponse:
    return redirect("workcalendar:calendar_year", year=timezone.localdate().year)


@login_required
def calendar_year(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """A year as twelve month grids: days off, make-up days, Tết with its lunar dates."""
    _check_year(year)
    lists = selectors.calendar_year_lists(year)
    context = {
        "year": year,
        "months": list(zip(MONTH_NAMES, selectors.calendar_year_page(year), strict=True)),
        "weekday_headers": WEEKDAY_HEADERS,
        "days_off": list(lists.days_off.items()),
        "working_days": list(lists.working_days.items()),
        "sources": list(selectors.calendar_day_source_list(year)),
        "tet": lunar.lunar_new_year(year),
        "can_edit": has_permission(request.user, CalendarAction.EDIT, None),
    }
    return render(request, "workcalendar/calendar_year.html", context)


@login_required
def calendar_edit(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Admins replace a year's lists; open clocks are recomputed by the service."""
    _check_year(year)
    if not has_permission(request.user, CalendarAction.EDIT, None):
        return render(request, "403.html", status=403)
    if request.method == "POST":
        form = forms.CalendarYearForm(request.POST)
        if form.is_valid():
            try:
                services.calendar_year_update(
                    year=year,
                    days_off=form.cleaned_data["days_off"],
                    working_days=form.cleaned_data["working_days"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                for field, msgs in exc.fields.items():
                    for msg in msgs:
                        form.add_error(field if field in form.fields else None, msg)
                if not exc.fields:
                    form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã cập nhật lịch làm việc năm %(y)s.") % {"y": year})
                return redirect("workcalendar:calendar_year", year=year)
    else:
        lists = selectors.calendar_year_lists(year)
        form = forms.CalendarYearForm(
            initial={
                "days_off": "\n".join(f"{d.isoformat()} {n}" for d, n in lists.days_off.items()),
                "working_days": "\n".join(
                    f"{d.isoformat()} {n}" for d, n in lists.working_days.items()
                ),
            }
        )
    return render(request, "workcalendar/calendar_edit.html", {"year": year, "form": form})


@login_required
def rule_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The legal rule catalogue, every version, with its legal basis and confidence."""
    return render(
        request,
        "workcalendar/rule_list.html",
        {"rules": rule_catalogue().all(), "complexity_labels": COMPLEXITY_LABELS},
    )


@login_required
def deadline_calculator(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Compute a deadline; with htmx only the result panel is returned."""
    result = None
    if request.method == "POST":
        form = forms.DeadlineForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                deadline = selectors.deadline_compute(
                    rule_code=data["rule"],
                    start=data["start"],
                    complexity=data["complexity"],
                    remote_area=data["remote_area"],
                    extensions=data["extensions"],
                    paused=data["paused"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                calendar = selectors.working_calendar()
                days = []
                breaks = [
                    b
                    for year in range(deadline.start.year, deadline.due.year + 1)
                    if (b := lunar.tet_break(year, calendar.is_working_day))
                ]
                for item in engine.explain_deadline(deadline, calendar, data["paused"]):
                    tet = any(first <= item.day <= last for first, last in breaks)
                    days.append(
                        {
                            "day": item.day,
                            "counted": item.counted,
                            "reason": REASON_LABELS[item.reason],
                            "number": item.ordinal_in_period,
                            "name": calendar.names.get(item.day, ""),
                            "lunar": lunar.lunar_label(item.day) if tet else "",
                            "tet": tet,
                        }
                    )
                result = {
                    "deadline": deadline,
                    "days": days,
                    "tet_days": sum(1 for d in days if d["tet"]),
                }
    else:
        form = forms.DeadlineForm(initial={"start": timezone.localdate()})
    context = {"form": form, "result": result}
    if request.htmx:
        return render(request, "workcalendar/deadline_calculator.html#result", context)
    return render(request, "workcalendar/deadline_calculator.html", context)
