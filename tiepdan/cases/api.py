"""`GET /api/v1/cases/{id}/` (api-contract.md): the case, its clocks, timeline and documents.

Replaces `tiepdan.petitions.api.CaseDetailApi` (same path, same fields, more of them). It never
returns a denouncer: a denunciation's summary is the vault-redacted copy and timeline entries
carry no identity (architecture rule 4).
"""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.cases import selectors
from tiepdan.cases.permissions import CaseAction
from tiepdan.organizations import permissions
from tiepdan.organizations.api import errors
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.workcalendar.clock_state import ClockStateFields, clock_state


@extend_schema_serializer(component_name="CaseResolutionClock")
class ClockSerializer(ClockStateFields):
    rule = serializers.CharField()
    start = serializers.DateField()
    due = serializers.DateField()
    extensions = serializers.IntegerField()


@extend_schema_serializer(component_name="CaseResolutionEvent")
class EventSerializer(serializers.Serializer):
    on = serializers.DateField()
    kind = serializers.CharField()
    summary = serializers.CharField()


class CaseDetailApi(APIView):
    @extend_schema_serializer(component_name="CaseResolution")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        unit = serializers.CharField()
        kind = serializers.CharField()
        status = serializers.CharField()
        domain = serializers.CharField()
        opened_on = serializers.DateField()
        accepted_on = serializers.DateField(allow_null=True)
        complexity = serializers.CharField()
        outcome = serializers.CharField()
        decided_on = serializers.DateField(allow_null=True)
        previous = serializers.IntegerField(allow_null=True)
        identity_sealed = serializers.BooleanField()
        clocks = ClockSerializer(many=True)
        events = EventSerializer(many=True)

    @extend_schema(
        operation_id="cases_retrieve", responses={200: OutputSerializer, **errors(401, 403, 404)}
    )
    def get(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        case = selectors.case_get(request.user, pk)
        permissions.require(request.user, CaseAction.VIEW, case.unit)
        page = selectors.case_page(request.user, case)
        body = {
            "id": case.pk,
            "unit": case.unit.code,
            "kind": case.kind,
            "status": case.status,
            "domain": case.domain,
            "opened_on": case.opened_on,
            "accepted_on": case.accepted_on,
            "complexity": case.complexity,
            "outcome": case.outcome,
            "decided_on": case.decided_on,
            "previous": case.previous_id,
            "identity_sealed": case.kind == "denunciation",
            "clocks": [
                {
                    "rule": c.rule_code,
                    "start": c.start,
                    "due": c.due,
                    **clock_state(c),
                    "extensions": c.extensions,
                }
                for c in page.clocks
            ],
            "events": [{"on": e.on, "kind": e.kind, "summary": e.summary} for e in page.events],
        }
        return Response(self.OutputSerializer(body).data)
