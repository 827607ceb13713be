"""Plans and duty rosters endpoints of api-contract.md."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import JsonTypedSerializer, Pagination
from tiepdan.core.errors import DomainError
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.api import ERRORS, errors
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.organizations.models import User
from tiepdan.plans import permissions, roster_services, selectors, services
from tiepdan.plans.constants import ShiftKind, Slot
from tiepdan.plans.models import Plan


class _PhaseFields(JsonTypedSerializer):
    """A phase {"name", "from", "to"}; `from` is a Python keyword, hence the renaming."""

    name = serializers.CharField(max_length=100)
    from_ = serializers.DateField()
    to = serializers.DateField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        fields["to"] = fields.pop("to")
        return fields


@extend_schema_serializer(component_name="PlanPhase")
class PhaseSerializer(_PhaseFields):
    """A phase of a plan as read back (the same fields as accepted on input)."""


@extend_schema_serializer(component_name="PlanTask")
class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assignee_label = serializers.CharField()
    content = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    units = serializers.ListField(child=serializers.DictField())


@extend_schema_serializer(component_name="Plan")
class PlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField()
    status = serializers.CharField()
    number = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    phases = PhaseSerializer(many=True)
    legal_basis = serializers.ListField(child=serializers.CharField())
    parent_plan = serializers.IntegerField(allow_null=True)
    purposes = serializers.ListField(child=serializers.CharField())
    requirements = serializers.ListField(child=serializers.CharField())
    contents = serializers.ListField(child=serializers.CharField())
    recipients = serializers.ListField(child=serializers.CharField())
    signer = serializers.DictField(child=serializers.CharField())
    tasks = TaskSerializer(many=True)


def plan_body(plan: Plan, tasks=None) -> dict:
    tasks = plan.tasks.prefetch_related("assignees__unit") if tasks is None else tasks
    return {
        "id": plan.pk,
        "unit": plan.unit.code,
        "status": plan.status,
        "number": plan.number_symbol.strip(),
        "issued_on": plan.issued_on,
        "title": plan.title,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "phases": [
            {"name": p.name, "from": p.starts_on, "to": p.ends_on} for p in plan.phases.all()
        ],
        "legal_basis": plan.legal_basis,
        "parent_plan": plan.parent_plan_id,
        "purposes": plan.purposes,
        "requirements": plan.requirements,
        "contents": plan.contents,
        "recipients": plan.recipients,
        "signer": {"title": plan.signer_title, "name": plan.signer_name},
        "tasks": [
            {
                "id": t.pk,
                "assignee_label": t.assignee_label,
                "content": t.content,
                "due_on": t.due_on,
                "status": t.status,
                "units": [{"unit": a.unit.code, "role": a.role} for a in t.assignees.all()],
            }
            for t in tasks
        ],
    }


class PlanListCreateApi(APIView):
    # Read by the schema generator only: it documents the paginated envelope of the list.
    pagination_class = Pagination

    @extend_schema_serializer(component_name="PlanCreateInput")
    class InputSerializer(JsonTypedSerializer):
        unit = serializers.CharField()
        title = serializers.CharField(max_length=300)
        starts_on = serializers.DateField()
        ends_on = serializers.DateField()
        phases = PhaseSerializer(many=True, required=False, default=list)
        legal_basis = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        parent_plan = serializers.IntegerField(required=False, allow_null=True, default=None)
        number = serializers.CharField(required=False, default="", allow_blank=True)
        symbol = serializers.CharField(required=False, default="", allow_blank=True)
        issued_on = serializers.DateField(required=False, allow_null=True, default=None)
        preamble = serializers.CharField(required=False, default="", allow_blank=True)
        purposes = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        requirements = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        contents = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        recipients = serializers.ListField(
            child=serializers.CharField(), required=False, default=list
        )
        signer_title = serializers.CharField(required=False, default="", allow_blank=True)
        signer_name = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(
        operation_id="plans_list",
        parameters=[OpenApiParameter("unit", str, description="Mã đơn vị (cả đơn vị cấp dưới)")],
        responses={200: PlanOutputSerializer(many=True), 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request: AuthenticatedApiRequest) -> Response:
        unit = None
        if request.query_params.get("unit"):
            unit = org_selectors.unit_get(request.user, request.query_params["unit"])
        plans = selectors.plan_list(request.user, unit).prefetch_related(
            "phases", "tasks__assignees__unit"
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(plans, request, view=self)
        body = [plan_body(p, p.tasks.all()) for p in page or []]
        return paginator.get_paginated_response(PlanOutputSerializer(body, many=True).data)

    @extend_schema(
        operation_id="plans_create",
        request=InputSerializer,
        responses={201: PlanOutputSerializer, **ERRORS},
    )
    def post(self, request: AuthenticatedApiRequest) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = org_selectors.unit_get(request.user, values.pop("unit"))
        if not permissions.can_edit_unit_plans(request.user, unit):
            raise PermissionDenied()
        parent_id = values.pop("parent_plan")
        parent = None
        if parent_id is not None:
            parent = (
                permissions.visible_plans(request.user)
                .select_related("unit")
                .filter(pk=parent_id)
                .first()
            )
            if parent is None:
                raise DomainError(
                    _("Không tìm thấy kế hoạch cấp trên %(id)s.") % {"id": parent_id},
                    code="unknown_parent_plan",
                    fields={"parent_plan": [_("Không tìm thấy kế hoạch.")]},
                )
        plan = services.plan_create(
            unit=unit,
            actor=request.user,
            parent_plan=parent,
            **{k: v for k, v in values.items() if v not in ("", None) or k == "phases"},
        )
        return Response(PlanOutputSerializer(plan_body(plan)).data, status=status.HTTP_201_CREATED)


class PlanDetailApi(APIView):
    @extend_schema(
        operation_id="plans_retrieve", responses={200: PlanOutputSerializer, **errors(401, 404)}
    )
    def get(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        plan = permissions.plan_get_or_404(request.user, pk, full=False)
        tasks = selectors.plan_tasks(request.user, plan)
        return Response(PlanOutputSerializer(plan_body(plan, tasks)).data)


@extend_schema_serializer(component_name="RosterShift")
class ShiftSerializer(serializers.Serializer):
    date = serializers.DateField()
    slot = serializers.ChoiceField(choices=Slot.choices)
    officers = serializers.ListField(child=serializers.CharField())
    leader = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=ShiftKind.choices)


@extend_schema_serializer(component_name="RosterComplianceRow")
class ComplianceSerializer(serializers.Serializer):
    rule = serializers.CharField()
    # Named by the API contract; it shadows the Field.required flag of the declaration.
    required = serializers.IntegerField()  # type: ignore[assignment]
    scheduled = serializers.IntegerField()
    ok = serializers.BooleanField()
    rule_code = serializers.CharField()
    legal_basis = serializers.CharField()
    note = serializers.CharField(allow_blank=True)

    def get_fields(self):
        # `from`/`to`: the calendar window judged, clipped to the rule version's validity
        # (Python keywords, hence added here).
        fields = super().get_fields()
        fields["from"] = serializers.DateField(allow_null=True)
        fields["to"] = serializers.DateField(allow_null=True)
        return fields


@extend_schema_serializer(component_name="Roster")
class RosterSerializer(serializers.Serializer):
    shifts = ShiftSerializer(many=True)
    compliance = ComplianceSerializer(many=True)
    fairness = serializers.DictField()
    notes = serializers.ListField(child=serializers.CharField())
    published_on = serializers.DateField(allow_null=True)


def roster_body(plan: Plan) -> dict:
    rows = selectors.roster_rows(plan)
    compliance = []
    for row in selectors.roster_compliance(plan, rows):
        item = row.as_dict()
        item["from"] = item["from"].isoformat() if item["from"] else None
        item["to"] = item["to"].isoformat() if item["to"] else None
        compliance.append(item)
    return {
        "shifts": [
            {
                "date": r.shift.date,
                "slot": r.shift.slot,
                "officers": [u.username for u in r.officers],
                "leader": r.leader.username if r.leader else None,
                "kind": r.shift.kind,
            }
            for r in rows
        ],
        "compliance": compliance,
        "fairness": selectors.roster_report(plan, rows),
        "notes": list(plan.roster_report.get("notes", [])),
        "published_on": plan.roster_published_on,
    }


def roster_response(plan: Plan) -> Response:
    body = roster_body(plan)
    data = RosterSerializer(body).data
    # Keep the window bounds the serializer does not declare (from/to are Python keywords).
    for out, row in zip(data["compliance"], body["compliance"], strict=True):
        out["from"], out["to"] = row["from"], row["to"]
    return Response(data)


class RosterApi(APIView):
    @extend_schema(
        operation_id="plans_roster_retrieve",
        responses={200: RosterSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        plan = permissions.plan_get_or_404(request.user, pk)
        return roster_response(plan)


class RosterGenerateApi(APIView):
    @extend_schema_serializer(component_name="RosterGenerateInput")
    class InputSerializer(JsonTypedSerializer):
        officers = serializers.ListField(child=serializers.CharField(), allow_empty=True)
        leaders = serializers.ListField(child=serializers.CharField(), allow_empty=True)
        publish_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="plans_roster_generate",
        request=InputSerializer,
        responses={200: RosterSerializer, **ERRORS},
    )
    def post(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        plan = permissions.plan_get_or_404(request.user, pk, edit=True)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        wanted = [*values["officers"], *values["leaders"]]
        users = {u.username: u for u in User.objects.filter(username__in=wanted)}
        unknown = [name for name in wanted if name not in users]
        if unknown:
            message = _("Không tìm thấy người dùng: %(u)s.") % {"u": ", ".join(unknown)}
            field = "officers" if unknown[0] in values["officers"] else "leaders"
            raise DomainError(message, code="unknown_user", fields={field: [message]})
        roster_services.roster_generate(
            plan=plan,
            officers=[users[n] for n in values["officers"]],
            leaders=[users[n] for n in values["leaders"]],
            actor=request.user,
            publish_on=values["publish_on"],
        )
        plan.refresh_from_db()
        return roster_response(plan)
