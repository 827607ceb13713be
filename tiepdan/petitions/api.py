"""Petitions and cases endpoints of api-contract.md."""

from typing import cast

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import JsonTypedSerializer
from tiepdan.core.classification import Domain, PetitionType
from tiepdan.core.errors import DomainError
from tiepdan.organizations import permissions
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.api import ERRORS, errors
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.organizations.models import Unit
from tiepdan.petitions import selectors, services
from tiepdan.petitions.constants import Outcome, OutsideBody
from tiepdan.petitions.models import Petition, PetitionSource
from tiepdan.petitions.permissions import PetitionAction
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact
from tiepdan.workcalendar import selectors as calendar_selectors
from tiepdan.workcalendar.clock_state import ClockStateFields, clock_state


def _visits() -> QuerySet:
    """The desk's visits, which a petition may cite: reached through the petition's own foreign
    key, as the desk sits above petitions (docs/architecture.md)."""
    model = cast(type[Model], Petition._meta.get_field("visit").related_model)
    return model._default_manager.all()


@extend_schema_serializer(component_name="PetitionSender")
class SenderSerializer(JsonTypedSerializer):
    full_name = serializers.CharField(max_length=150)
    id_number = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)


@extend_schema_serializer(component_name="ClockDue")
class DeadlineSerializer(ClockStateFields):
    rule = serializers.CharField()
    due = serializers.DateField()


@extend_schema_serializer(component_name="PetitionTransfer")
class TransferSerializer(serializers.Serializer):
    to_unit = serializers.CharField(allow_null=True)
    to_body = serializers.CharField()
    sent_on = serializers.DateField()
    status = serializers.CharField()
    acknowledged_on = serializers.DateField(allow_null=True)
    reply_received_on = serializers.DateField(allow_null=True)


@extend_schema_serializer(component_name="PetitionPathStep")
class PathStepSerializer(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    year = serializers.IntegerField()
    received_on = serializers.DateField()
    status = serializers.CharField()
    outcome = serializers.CharField()


@extend_schema_serializer(component_name="Petition")
class PetitionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    year = serializers.IntegerField()
    unit = serializers.CharField()
    received_on = serializers.DateField()
    # Named like DRF's Field.source, which the stubs type as a string.
    source = serializers.CharField()  # type: ignore[assignment]
    petition_type = serializers.CharField()
    domain = serializers.CharField()
    summary = serializers.CharField()
    signatory_count = serializers.IntegerField()
    anonymous = serializers.BooleanField()
    senders = SenderSerializer(many=True, allow_null=True)
    identity_sealed = serializers.BooleanField()
    status = serializers.CharField()
    eligibility = serializers.CharField()
    within_jurisdiction = serializers.BooleanField(allow_null=True)
    outcome = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    case = serializers.IntegerField(allow_null=True)
    visit = serializers.IntegerField(allow_null=True)
    origin = serializers.IntegerField(allow_null=True)
    deadlines = DeadlineSerializer(many=True)
    transfers = TransferSerializer(many=True)
    path = PathStepSerializer(
        many=True,
        help_text="Đường đi của đơn qua các đơn vị, từ nơi nhận đầu tiên; "
        "giống nhau khi đọc từ bất kỳ bản nào trên đường đi.",
    )


def petition_body(user, petition: Petition) -> dict:
    """The API view of a petition; a denunciation's senders are sealed unless allowed."""
    visible = vault.can_see_senders(user, petition)
    if visible:
        # Once sealed, the senders and the summary as written are read from the vault.
        senders = vault.petition_people(petition)
        summary = vault.original_text(petition, "summary")
    else:
        senders = list(petition.senders.all())
        summary = redact(petition.summary, senders)
    if visible and senders:
        vault.identity_viewed(user=user, petitions=[petition], where="api")
    return {
        "id": petition.pk,
        "number": petition.number,
        "year": petition.year,
        "unit": petition.unit.code,
        "received_on": petition.received_on,
        "source": petition.source,
        "petition_type": petition.petition_type,
        "domain": petition.domain,
        "summary": summary,
        "signatory_count": petition.signatory_count,
        "anonymous": petition.anonymous,
        "senders": [
            {
                "full_name": c.full_name,
                "id_number": c.id_number,
                "address": c.address,
                "phone": c.phone,
            }
            for c in senders
        ]
        if visible
        else None,
        "identity_sealed": not visible,
        "status": petition.status,
        "eligibility": petition.eligibility,
        "within_jurisdiction": petition.within_jurisdiction,
        "outcome": petition.outcome,
        "decided_on": petition.decided_on,
        "case": petition.case_id,
        "visit": petition.visit_id,
        "origin": petition.origin_id,
        "deadlines": [
            {
                "rule": c.rule_code,
                "due": c.due,
                **clock_state(c),
            }
            for c in calendar_selectors.clock_list_for_target(petition)
        ],
        "transfers": [
            {
                "to_unit": t.to_unit.code if t.to_unit else None,
                "to_body": t.to_body,
                "sent_on": t.sent_on,
                "status": t.status,
                "acknowledged_on": t.acknowledged_on,
                "reply_received_on": t.reply_received_on,
            }
            for t in selectors.transfers_of(petition)
        ],
        "path": [
            {
                "unit": step.unit.code,
                "unit_name": step.unit.name,
                "id": step.petition.pk,
                "number": step.petition.number,
                "year": step.petition.year,
                "received_on": step.petition.received_on,
                "status": step.petition.status,
                "outcome": step.petition.outcome,
            }
            for step in selectors.petition_path(user, petition)
        ],
    }


def require_view(user, petition: Petition) -> None:
    """The petition's unit, or a unit it was transferred to, must let the user view it."""
    if not selectors.petition_viewable(user, petition):
        raise PermissionDenied()


class PetitionCreateApi(APIView):
    @extend_schema_serializer(component_name="PetitionCreateInput")
    class InputSerializer(JsonTypedSerializer):
        unit = serializers.CharField()
        received_on = serializers.DateField()
        # Named like DRF's Field.source, which the stubs type as a string.
        source = serializers.ChoiceField(choices=PetitionSource.choices)  # type: ignore[assignment]
        petition_type = serializers.ChoiceField(choices=PetitionType.choices)
        domain = serializers.ChoiceField(choices=Domain.choices)
        senders = SenderSerializer(many=True, required=False, default=list)
        signatory_count = serializers.IntegerField(min_value=1, required=False, default=1)
        anonymous = serializers.BooleanField(required=False, default=False)
        summary = serializers.CharField()
        visit = serializers.IntegerField(required=False, allow_null=True, default=None)
        sender_body = serializers.CharField(required=False, default="", allow_blank=True)

    @extend_schema(
        operation_id="petitions_create",
        request=InputSerializer,
        responses={201: PetitionOutputSerializer, **ERRORS},
    )
    def post(self, request: AuthenticatedApiRequest) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = org_selectors.unit_get(request.user, values.pop("unit"))
        permissions.require(request.user, PetitionAction.RECEIVE, unit)
        visit = None
        if values["visit"] is not None:
            visit = (
                org_selectors.scope_filter(request.user, _visits())
                .filter(pk=values["visit"], unit=unit)
                .first()
            )
            if visit is None:
                raise DomainError(
                    _("Không tìm thấy lượt tiếp %(id)s của đơn vị.") % {"id": values["visit"]},
                    code="unknown_visit",
                    fields={"visit": [_("Không tìm thấy lượt tiếp.")]},
                )
        values["visit"] = visit
        people = [dict(s) for s in values.pop("senders")]
        petition = services.petition_register(
            unit=unit,
            actor=request.user,
            people=people,
            case=visit.case if visit else None,
            **values,
        )
        petition = selectors.petition_get(request.user, petition.pk)
        return Response(petition_body(request.user, petition), status=status.HTTP_201_CREATED)


class PetitionDetailApi(APIView):
    @extend_schema(
        operation_id="petitions_retrieve",
        responses={200: PetitionOutputSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        # The body reads the unit and, for the sealing rule, the matter; other relations by id.
        petition = selectors.petition_get(request.user, pk, related=("unit", "case"))
        require_view(request.user, petition)
        return Response(petition_body(request.user, petition))


class PetitionAcknowledgeApi(APIView):
    """The receiving unit takes a petition transferred to it into its own register."""

    @extend_schema_serializer(component_name="PetitionAcknowledgeInput")
    class InputSerializer(JsonTypedSerializer):
        received_on = serializers.DateField(
            required=False, help_text="Ngày đơn vị nhận vào sổ (mặc định hôm nay)."
        )

    @extend_schema_serializer(component_name="PetitionAcknowledged")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(help_text="Mã của đơn trong sổ của đơn vị nhận.")
        number = serializers.IntegerField(help_text="Số đơn trong sổ của đơn vị nhận.")

    @extend_schema(
        operation_id="petitions_acknowledge",
        request=InputSerializer,
        responses={200: OutputSerializer, **ERRORS},
    )
    def post(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        petition = selectors.petition_get(request.user, pk)
        receivers = [
            unit
            for unit in selectors.petition_units(petition)[1:]
            if permissions.has_permission(request.user, PetitionAction.PROCESS, unit)
        ]
        transfer = selectors.transfer_to(petition, receivers) if receivers else None
        if transfer is None:
            raise PermissionDenied(_("Chỉ cán bộ xử lý, lãnh đạo của đơn vị nhận đơn chuyển."))
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        copy = services.transfer_acknowledge(
            transfer=transfer,
            actor=request.user,
            received_on=data.validated_data.get("received_on"),
        )
        return Response({"id": copy.pk, "number": copy.number})


class PetitionProcessApi(APIView):
    @extend_schema_serializer(component_name="PetitionProcessInput")
    class InputSerializer(JsonTypedSerializer):
        outcome = serializers.ChoiceField(choices=Outcome.choices)
        decided_on = serializers.DateField()
        to_unit = serializers.CharField(required=False, allow_null=True, default=None)
        to_body = serializers.CharField(required=False, default="", allow_blank=True)
        to_body_kind = serializers.ChoiceField(
            choices=OutsideBody.choices, required=False, default="", allow_blank=True
        )
        reason = serializers.CharField(required=False, default="", allow_blank=True)
        complexity = serializers.ChoiceField(
            choices=["normal", "complex", "very_complex"], required=False, default="normal"
        )
        remote_area = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="petitions_process",
        request=InputSerializer,
        responses={200: PetitionOutputSerializer, **ERRORS},
    )
    def post(self, request: AuthenticatedApiRequest, pk: int) -> Response:
        petition = selectors.petition_get(request.user, pk)
        permissions.require(request.user, PetitionAction.DECIDE, petition.unit)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        to_unit = None
        if values["to_unit"]:
            # Transfers may go to any unit of the system, not only the sender's subtree.
            to_unit = Unit.objects.filter(code=values["to_unit"]).first()
            if to_unit is None:
                raise DomainError(
                    _("Không tìm thấy đơn vị %(code)s.") % {"code": values["to_unit"]},
                    code="unknown_unit",
                    fields={"to_unit": [_("Không tìm thấy đơn vị.")]},
                )
        values["to_unit"] = to_unit
        services.petition_decide(petition=petition, actor=request.user, **values)
        petition = selectors.petition_get(request.user, pk)
        return Response(petition_body(request.user, petition))
