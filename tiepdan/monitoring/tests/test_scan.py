"""The acceptance scenarios of issue #8 and the scan's idempotency."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.management import call_command

from tiepdan.audit.models import AuditEvent
from tiepdan.monitoring import services
from tiepdan.monitoring.models import Alert, AlertStatus, Hotspot
from tiepdan.monitoring.tests.conftest import TODAY, at, visit

pytestmark = pytest.mark.django_db


def kinds_seen(client, unit_code: str | None = None) -> list[str]:
    url = "/api/v1/alerts/" + (f"?unit={unit_code}" if unit_code else "")
    return sorted(a["kind"] for a in client.get(url).json()["results"])


def _place_hotspot(ward, receptionist, residents, clearance) -> None:
    """Six people about one clearance subject in a week: one hotspot to raise."""
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=6 - i)),
            subject=clearance,
        )


def test_group_of_twelve_at_a_ward_is_seen_by_ward_province_and_police_only(
    client_for, ward, police, residents, receptionist, leader, unit_admin, partner, outsider
) -> None:
    visit(ward, receptionist, residents, people_count=12)
    for user in (leader, unit_admin, partner):
        assert kinds_seen(client_for(user)) == ["mass_group"], user.username
    assert kinds_seen(client_for(unit_admin), "38") == ["mass_group"]
    assert kinds_seen(client_for(outsider)) == []
    alert = Alert.objects.get()
    assert alert.level == "critical"
    assert list(alert.routed_to.all()) == [police]
    assert list(alert.notify_users.all()) == [leader]  # no roster: the ward's leader


def test_same_clearance_matter_by_six_citizens_in_a_week_becomes_a_hotspot(
    province, ward, police, residents, receptionist, clearance
) -> None:
    _place_hotspot(ward, receptionist, residents, clearance)
    result = services.hotspot_scan(root=province, today=TODAY)
    hotspot = Hotspot.objects.get(kind="place")
    assert hotspot.unit == ward
    assert hotspot.citizens == 6
    assert "Khu phố 3" in hotspot.title
    assert "Bồi thường" in hotspot.title
    text = " ".join(hotspot.explanation)
    assert "6 công dân khác nhau" in text
    assert "Nghỉ Tết Nguyên Đán" in text  # a week before the break: from the calendar
    assert hotspot.score >= 40
    alert = Alert.objects.get(kind="hotspot")
    assert alert.hotspot == hotspot
    assert alert.unit == ward
    assert list(alert.routed_to.all()) == [police]
    assert result.alerts_raised == 1


def test_same_matter_by_six_citizens_is_a_matter_hotspot(
    province, ward, residents, receptionist
) -> None:
    first = visit(ward, receptionist, [residents[0]], received_at=at(TODAY - dt.timedelta(days=6)))
    case = first.visit.case
    for i, person in enumerate(residents[1:6]):
        visit(
            ward,
            receptionist,
            [person],
            case=case,
            received_at=at(TODAY - dt.timedelta(days=5 - i)),
        )
    services.hotspot_scan(root=province, today=TODAY)
    hotspot = Hotspot.objects.get(key=f"case:{case.pk}")
    assert hotspot.citizens == 6
    assert any("Đến 6 lượt" in line for line in hotspot.explanation)
    assert not Hotspot.objects.filter(kind="place").exists()  # one matter is not two hotspots


def test_matter_of_the_ward_received_at_the_province_is_an_escalation_at_both_levels(
    client_for, province, ward, residents, receptionist, unit_admin, leader
) -> None:
    person = residents[0]
    visit(ward, receptionist, [person], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [person], received_at=at(TODAY - dt.timedelta(days=1)))
    services.hotspot_scan(root=province, today=TODAY)
    alert = Alert.objects.get(kind="escalation")
    assert alert.unit == ward
    assert province in alert.routed_to.all()
    assert "escalation" in kinds_seen(client_for(leader), "26734")
    assert "escalation" in kinds_seen(client_for(unit_admin), "38")


def test_a_visit_at_the_same_level_is_not_an_escalation(
    province, ward, residents, receptionist
) -> None:
    person = residents[0]
    visit(ward, receptionist, [person], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(ward, receptionist, [person], received_at=at(TODAY - dt.timedelta(days=1)))
    services.hotspot_scan(root=province, today=TODAY)
    assert not Alert.objects.filter(kind="escalation").exists()


def test_scan_twice_never_double_alerts(province, ward, residents, receptionist, clearance) -> None:
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i)),
            subject=clearance,
        )
    services.hotspot_scan(root=province, today=TODAY)
    count = Alert.objects.count()
    second = services.hotspot_scan(root=province, today=TODAY)
    assert Alert.objects.count() == count
    assert second.alerts_raised == 0
    assert Hotspot.objects.count() == second.hotspots


def test_closed_alert_comes_back_only_with_new_activity(
    province, ward, residents, receptionist, leader, clearance
) -> None:
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i + 1)),
            subject=clearance,
        )
    services.hotspot_scan(root=province, today=TODAY)
    alert = Alert.objects.get(kind="hotspot")
    with time_machine.travel(at(TODAY, 17)):
        services.alert_close(
            alert=alert, actor=leader, outcome="Đã đối thoại với các hộ dân, thống nhất phương án"
        )
    services.hotspot_scan(root=province, today=TODAY)
    assert Alert.objects.filter(kind="hotspot").count() == 1
    visit(
        ward,
        receptionist,
        [residents[6]],
        received_at=at(TODAY + dt.timedelta(days=1)),
        subject=clearance,
    )
    services.hotspot_scan(root=province, today=TODAY + dt.timedelta(days=1))
    assert Alert.objects.filter(kind="hotspot", status=AlertStatus.OPEN).count() == 1


def test_repeat_visits_on_one_matter_raise_repeat_visits(
    province, ward, residents, receptionist
) -> None:
    person = residents[0]
    case = visit(
        ward, receptionist, [person], received_at=at(TODAY - dt.timedelta(days=40))
    ).visit.case
    for days in (20, 5):
        visit(
            ward, receptionist, [person], case=case, received_at=at(TODAY - dt.timedelta(days=days))
        )
    services.hotspot_scan(root=province, today=TODAY)
    assert Alert.objects.get().kind == "repeat_visits"


def test_denunciation_hotspot_names_the_matter_not_the_person(
    province, ward, residents, receptionist
) -> None:
    case = visit(
        ward,
        receptionist,
        [residents[0]],
        petition_type="denunciation",
        content="Trần Văn Bình tố cáo cán bộ địa chính",
    ).visit.case
    for days in (10, 3):
        visit(
            ward,
            receptionist,
            [residents[0]],
            case=case,
            petition_type="denunciation",
            content="Trần Văn Bình tố cáo cán bộ địa chính",
            received_at=at(TODAY - dt.timedelta(days=days)),
        )
    services.hotspot_scan(root=province, today=TODAY)
    alert = Alert.objects.get()
    assert "Trần Văn Bình" not in alert.summary
    assert "tố cáo" in alert.summary
    assert "Trần Văn Bình" not in Hotspot.objects.get().title


def test_scan_command_is_idempotent_and_audited(
    province, ward, residents, receptionist, clearance
) -> None:
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i)),
            subject=clearance,
        )
    call_command("scan_hotspots", "--unit", "38", "--date", TODAY.isoformat())
    call_command("scan_hotspots", "--unit", "38", "--date", TODAY.isoformat())
    assert Alert.objects.filter(kind="hotspot").count() == 1
    assert AuditEvent.objects.filter(action="hotspot.scored").count() == 2


def test_mass_petition_raises_mass_group(province, ward, residents) -> None:
    from tiepdan.petitions import services as petition_services

    petition_services.petition_receive(
        unit=ward,
        received_on=TODAY - dt.timedelta(days=2),
        source="post",
        petition_type="proposal",
        domain="admin.land_housing",
        summary="Kiến nghị về tiến độ bồi thường",
        senders=residents[:7],
        signatory_count=7,
    )
    services.hotspot_scan(root=province, today=TODAY)
    alert = Alert.objects.get(kind="mass_group")
    assert alert.unit == ward
    assert "7 người" in alert.summary


def test_note_of_a_group_going_to_the_province_alerts_at_once(
    ward, police, partner, leader
) -> None:
    note = services.note_record(
        unit=ward,
        author_unit=police,
        actor=partner,
        observed_on=TODAY,
        place="Khu phố 3",
        people=15,
        intent="go_higher",
        target_level="province",
        text="Khoảng 15 hộ dân dự định lên Trụ sở tiếp công dân tỉnh sáng mai",
    )
    assert note.alert.kind == "partner_note"
    assert note.alert.level == "critical"
    assert leader in note.alert.notify_users.all()


def test_first_scan_raises_its_alerts_in_bulk_with_the_same_records(
    province, ward, police, residents, receptionist, unit_admin, leader, clearance
) -> None:
    """A place hotspot and an escalation raised by one scan: each alert has its routes, the
    leader told, and one 'raised' audit event, chained like any other (verify_audit)."""
    from tiepdan.audit import chain
    from tiepdan.monitoring import constants

    _place_hotspot(ward, receptionist, residents, clearance)
    visit(ward, receptionist, [residents[6]], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [residents[6]], received_at=at(TODAY - dt.timedelta(days=1)))
    result = services.hotspot_scan(root=province, today=TODAY)
    raised = Alert.objects.filter(kind__in=["hotspot", "escalation"]).order_by("pk")
    assert result.alerts_raised == raised.count() >= 2
    for alert in raised:
        event = AuditEvent.objects.get(
            action=constants.ALERT_RAISED, target_type="monitoring.alert", target_id=str(alert.pk)
        )
        routes = sorted(u.code for u in alert.routed_to.all())
        assert sorted(event.data["routed_to"]) == routes
        assert police.code in routes
        assert event.data["notify"] == [leader.username]
        assert list(alert.notify_users.all()) == [leader]
        assert event.data["key"] == alert.dedupe_key
        assert event.unit_id == alert.unit_id
    assert chain.verify(AuditEvent.objects.order_by("id")).broken is None
    assert services.hotspot_scan(root=province, today=TODAY).alerts_raised == 0


def test_a_scan_asks_about_its_matters_with_one_parameter_on_postgresql(
    province, ward, residents, receptionist
) -> None:
    """The details of tens of thousands of matters: one array parameter, not one placeholder
    each (seconds to build and parse at a province)."""
    from django.db import connection

    from tiepdan.monitoring import signals

    if connection.vendor != "postgresql":
        pytest.skip("an array parameter is PostgreSQL's")
    case_ids = set(range(1, 5001))
    params: list[int] = []

    def count(execute, sql, sql_params, many, context):
        params.append(len(sql_params or ()))
        return execute(sql, sql_params, many, context)

    first = TODAY - dt.timedelta(days=29)
    with connection.execute_wrapper(count):
        signals.matter_activity(province, first, TODAY, case_ids)
        signals.matter_daily(province, first, TODAY, case_ids)
        signals.cases_info(case_ids)
    assert params
    assert max(params) < 200


def test_alerts_raised_in_bulk_are_the_rows_a_claim_writes(
    province, ward, police, residents, receptionist, clearance
) -> None:
    """Written as plain rows (no model instance per field): open, timed, linked to their
    hotspot, with the candidate's subjects and score."""
    _place_hotspot(ward, receptionist, residents, clearance)
    services.hotspot_scan(root=province, today=TODAY)
    alerts = list(Alert.objects.filter(kind="hotspot").select_related("hotspot"))
    assert alerts
    for alert in alerts:
        assert alert.status == AlertStatus.OPEN
        assert alert.created_at is not None
        assert alert.updated_at is not None
        assert alert.hotspot is not None
        assert alert.hotspot.key == alert.dedupe_key
        assert alert.hotspot.unit_id == alert.unit_id
        assert alert.subjects == alert.hotspot.subjects
        assert alert.score == alert.hotspot.score
        assert alert.outcome == ""
        assert alert.source_id is None


def test_a_steady_scan_rewrites_no_hotspot(
    province, ward, residents, receptionist, clearance
) -> None:
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i)),
            subject=clearance,
        )
    services.hotspot_scan(root=province, today=TODAY)
    before = dict(Hotspot.objects.values_list("pk", "updated_at"))
    assert before
    services.hotspot_scan(root=province, today=TODAY)
    assert dict(Hotspot.objects.values_list("pk", "updated_at")) == before


def test_stored_lists_are_compared_as_their_text_or_decoded(
    province, ward, residents, receptionist, clearance
) -> None:
    """PostgreSQL gives a jsonb list back as the text `json.dumps` writes (the fast path); any
    other spelling is decoded, so a hotspot is never taken for unchanged when it changed."""
    from django.db import connection

    from tiepdan.monitoring.services import scan

    assert scan._holds('["Xu hướng \\"tăng\\"", "a\\\\b"]', ['Xu hướng "tăng"', "a\\b"])
    assert scan._holds('["Xu h\\u01b0\\u1edbng"]', ["Xu hướng"])  # decoded
    assert scan._holds("[0,1]", [0, 1])
    assert not scan._holds('["a"]', ["b"])
    assert not scan._holds("[0, 1]", [1, 0])
    for i, person in enumerate(residents[:6]):
        visit(
            ward,
            receptionist,
            [person],
            received_at=at(TODAY - dt.timedelta(days=i)),
            subject=clearance,
        )
    services.hotspot_scan(root=province, today=TODAY)
    kept = scan._kept_states(province)
    assert kept
    for hotspot in Hotspot.objects.filter(score__gt=0):
        *_, explanation, trend = kept[(hotspot.unit_id, hotspot.key)]
        assert scan._holds(explanation, hotspot.explanation)
        assert scan._holds(trend, hotspot.trend)
        if connection.vendor == "postgresql":
            assert explanation == json.dumps(hotspot.explanation, ensure_ascii=False)
            assert trend == json.dumps(hotspot.trend)


def test_alerts_raised_in_bulk_are_given_as_read_back(
    province, ward, police, residents, receptionist, clearance, monkeypatch
) -> None:
    """The alerts the scan hands to the mail (and any other subscriber) hold what is stored."""
    from tiepdan.monitoring.services import alerts as alert_services

    given: list[Alert] = []
    original = alert_services._insert_alerts

    def keep(fresh):
        given.extend(original(fresh))
        return given[-len(fresh) :]

    _place_hotspot(ward, receptionist, residents, clearance)
    monkeypatch.setattr(alert_services, "_insert_alerts", keep)
    services.hotspot_scan(root=province, today=TODAY)
    assert given
    names = [f.attname for f in Alert._meta.concrete_fields]
    for alert in given:
        stored = Alert.objects.get(pk=alert.pk)
        assert not alert._state.adding
        for name in names:
            if name in ("created_at", "updated_at"):  # SQLite's bulk_create sets its own now
                assert abs(getattr(alert, name) - getattr(stored, name)) < dt.timedelta(seconds=5)
            else:
                assert getattr(alert, name) == getattr(stored, name), name


@pytest.mark.parametrize(("threshold", "expected"), [(1, [True]), (1_000, [])])
def test_a_large_bulk_raise_refreshes_the_statistics_once_committed(
    province,
    ward,
    residents,
    receptionist,
    clearance,
    monkeypatch,
    threshold,
    expected,
    django_capture_on_commit_callbacks,
) -> None:
    """The planner learns of many raised alerts from the scan itself, not from autovacuum;
    a few are left to autovacuum."""
    from tiepdan.monitoring.services import alerts as alert_services

    analysed: list[bool] = []
    monkeypatch.setattr(alert_services, "_analyse_alert_tables", lambda: analysed.append(True))
    monkeypatch.setattr(alert_services, "ANALYSE_AFTER_RAISING", threshold)
    _place_hotspot(ward, receptionist, residents, clearance)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.hotspot_scan(root=province, today=TODAY).alerts_raised >= 1
        assert analysed == []  # not before the alerts are committed
    assert analysed == expected


def test_the_alert_tables_can_be_analysed() -> None:
    from tiepdan.monitoring.services import alerts as alert_services

    alert_services._analyse_alert_tables()  # every table named exists, on either database


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_hotspots_are_kept_beside_and_named_by_their_alerts(
    monkeypatch, province, ward, police, residents, receptionist, unit_admin, leader, clearance
) -> None:
    """On PostgreSQL the hotspots are kept on a second connection while the alerts are planned;
    the alerts raised then name them, as when both run in one thread."""
    import threading

    from django.db import connection

    from tiepdan.audit import chain
    from tiepdan.monitoring import constants
    from tiepdan.monitoring.services import scan

    threads: list[int] = []
    keep = scan._keep_hotspots

    def keeping(*args):
        threads.append(threading.get_ident())
        return keep(*args)

    monkeypatch.setattr(scan, "_keep_hotspots", keeping)
    _place_hotspot(ward, receptionist, residents, clearance)
    visit(ward, receptionist, [residents[6]], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [residents[6]], received_at=at(TODAY - dt.timedelta(days=1)))
    result = services.hotspot_scan(root=province, today=TODAY)

    beside = connection.vendor == "postgresql"
    assert (threads[0] != threading.get_ident()) is beside
    assert result.hotspots == Hotspot.objects.count() > 0
    raised = list(Alert.objects.order_by("pk"))
    assert result.alerts_raised == len(raised) >= 2
    for alert in raised:
        hotspot = Hotspot.objects.get(unit=alert.unit, key=alert.dedupe_key)
        assert alert.hotspot_id == hotspot.pk
    assert AuditEvent.objects.filter(action=constants.HOTSPOT_SCORED).count() == 1
    assert chain.verify(AuditEvent.objects.order_by("id")).broken is None
    again = services.hotspot_scan(root=province, today=TODAY)
    assert (again.alerts_raised, again.alerts_kept) == (0, len(raised))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_alerts_are_written_before_the_new_hotspots_are_committed(
    monkeypatch, province, ward, residents, receptionist, unit_admin, clearance
) -> None:
    """On PostgreSQL the copied hotspots' ids are handed over before their transaction ends:
    the alerts are written meanwhile, and their keys checked once it has ended."""
    import threading

    from django.db import connection

    from tiepdan.audit import chain
    from tiepdan.audit import services as audit_services
    from tiepdan.monitoring import constants
    from tiepdan.monitoring.services import scan

    if connection.vendor != "postgresql":
        pytest.skip("one connection: the hotspots are kept in the scan's thread")
    monkeypatch.setattr(scan, "COPY_NEW_FROM", 1)
    alerts_written = threading.Event()
    hotspots_waited: list[bool] = []
    record, raise_many = audit_services.audit_record, scan._alerts_raise_many

    def scan_recorded(**kwargs):
        if kwargs["action"] == constants.HOTSPOT_SCORED:  # the hotspots' last write
            hotspots_waited.append(alerts_written.wait(timeout=10))
        return record(**kwargs)

    def raising(fresh, *, before_checks):
        def ready():
            alerts_written.set()  # the alerts, routes, people told and mails are written
            before_checks()

        return raise_many(fresh, before_checks=ready)

    monkeypatch.setattr(audit_services, "audit_record", scan_recorded)
    monkeypatch.setattr(scan, "_alerts_raise_many", raising)
    _place_hotspot(ward, receptionist, residents, clearance)
    visit(ward, receptionist, [residents[6]], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [residents[6]], received_at=at(TODAY - dt.timedelta(days=1)))
    result = services.hotspot_scan(root=province, today=TODAY)

    assert hotspots_waited == [True]
    assert result.alerts_raised == Alert.objects.count() >= 2
    for alert in Alert.objects.all():
        assert alert.hotspot_id == Hotspot.objects.get(unit=alert.unit, key=alert.dedupe_key).pk
    assert chain.verify(AuditEvent.objects.order_by("id")).broken is None


def _hotspots() -> list[tuple]:
    fields = ["unit_id", "key", "kind", "title", "domain", "place", "score", "level", "people"]
    fields += ["citizens", "explanation", "signals", "trend", "subjects", "last_activity_on"]
    return sorted(Hotspot.objects.values_list(*fields))


def test_many_new_hotspots_are_copied_and_read_as_the_upsert_writes_them(
    monkeypatch, province, ward, residents, receptionist, unit_admin, clearance
) -> None:
    """From COPY_NEW_FROM new hotspots on they are copied into the table; the same rows as the
    upsert writes, and the alerts name them."""
    from tiepdan.monitoring.services import scan

    _place_hotspot(ward, receptionist, residents, clearance)
    visit(ward, receptionist, [residents[6]], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [residents[6]], received_at=at(TODAY - dt.timedelta(days=1)))
    copied: list[int] = []
    insert = scan.insert_rows
    monkeypatch.setattr(scan, "insert_rows", lambda *a, **kw: copied.append(1) or insert(*a, **kw))

    monkeypatch.setattr(scan, "COPY_NEW_FROM", 10**6)  # by the upsert
    services.hotspot_scan(root=province, today=TODAY)
    upserted = _hotspots()
    assert upserted
    assert copied == []
    Alert.objects.all().delete()
    Hotspot.objects.all().delete()

    monkeypatch.setattr(scan, "COPY_NEW_FROM", 1)  # copied
    result = services.hotspot_scan(root=province, today=TODAY)
    assert copied == [1]
    assert _hotspots() == upserted
    assert result.alerts_raised == Alert.objects.count() >= 2
    for alert in Alert.objects.all():
        assert alert.hotspot_id == Hotspot.objects.get(unit=alert.unit, key=alert.dedupe_key).pk


def test_a_calmed_hotspot_found_again_fails_the_copy_and_is_upserted(
    monkeypatch, province, ward, residents, receptionist, unit_admin, clearance
) -> None:
    """A hotspot calmed before is not among those kept active: found again, it makes the COPY
    fail, and the upsert writes every changed hotspot instead."""
    from tiepdan.monitoring.services import scan

    _place_hotspot(ward, receptionist, residents, clearance)
    visit(ward, receptionist, [residents[6]], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [residents[6]], received_at=at(TODAY - dt.timedelta(days=1)))
    services.hotspot_scan(root=province, today=TODAY)
    expected = _hotspots()
    calmed = Hotspot.objects.filter(score__gt=0).first()
    Hotspot.objects.filter(pk=calmed.pk).update(score=0, level="info")
    Hotspot.objects.exclude(pk=calmed.pk).delete()  # the others new again

    monkeypatch.setattr(scan, "COPY_NEW_FROM", 1)
    services.hotspot_scan(root=province, today=TODAY)
    assert _hotspots() == expected
    assert Hotspot.objects.filter(pk=calmed.pk, score__gt=0).exists()


def test_a_bulk_raise_meeting_an_alert_claimed_meanwhile_claims_each_instead(
    monkeypatch, province, ward, residents, receptionist, unit_admin, clearance
) -> None:
    """Another scan claimed one of the keys between the plan and the raise: the bulk write
    fails on the one-active-per-key constraint (as Django's IntegrityError, COPY included) and
    each alert is claimed one by one: that one kept, the others raised."""
    from tiepdan.monitoring.services import scan

    _place_hotspot(ward, receptionist, residents, clearance)
    visit(ward, receptionist, [residents[6]], received_at=at(TODAY - dt.timedelta(days=20)))
    visit(province, unit_admin, [residents[6]], received_at=at(TODAY - dt.timedelta(days=1)))
    raise_many = scan._alerts_raise_many
    planned: list[int] = []

    def claimed_meanwhile(fresh, **kw):
        planned.append(len(fresh))
        first = fresh[0]
        Alert.objects.create(
            unit=first.unit,
            kind=first.kind,
            level=first.level,
            summary="Đã có",
            dedupe_key=first.key,
        )
        return raise_many(fresh, **kw)

    monkeypatch.setattr(scan, "_alerts_raise_many", claimed_meanwhile)
    result = services.hotspot_scan(root=province, today=TODAY)
    assert planned[0] >= 2
    assert (result.alerts_raised, result.alerts_kept) == (planned[0] - 1, 1)
    assert Alert.objects.count() == planned[0]
