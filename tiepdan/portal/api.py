"""The citizens' public channel of api-contract.md: submit a petition, follow it by its code.

No authentication; every answer in Vietnamese; throttled per client address with the limits
`TIEPDAN_PUBLIC_SUBMIT_RATE` and `TIEPDAN_PUBLIC_LOOKUP_RATE` (429 in the error format).
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from tiepdan.core.api import JsonTypedSerializer
from tiepdan.core.throttling import ApiAnonThrottle, _RateFromSetting, client_address
from tiepdan.organizations.api import errors
from tiepdan.portal import constants, notifications, selectors, services


class _PerAddressThrottle(_RateFromSetting, SimpleRateThrottle):
    def get_cache_key(self, request, view) -> str:
        return f"throttle_{self.scope}_{client_address(request)}"


class PublicSubmitThrottle(_PerAddressThrottle):
    scope = "public-submit"
    rate_setting = "TIEPDAN_PUBLIC_SUBMIT_RATE"


class PublicLookupThrottle(_PerAddressThrottle):
    scope = "public-lookup"
    rate_setting = "TIEPDAN_PUBLIC_LOOKUP_RATE"


@extend_schema_serializer(component_name="PublicSender")
class PublicSenderSerializer(JsonTypedSerializer):
    full_name = serializers.CharField(required=False, default="", allow_blank=True)
    id_number = serializers.CharField(required=False, default="", allow_blank=True)
    phone = serializers.CharField(required=False, default="", allow_blank=True)
    address = serializers.CharField(required=False, default="", allow_blank=True)
    email = serializers.CharField(required=False, default="", allow_blank=True)


@extend_schema_serializer(component_name="PublicPetitionEvent")
class EventSerializer(serializers.Serializer):
    date = serializers.DateField()
    # Named by the API contract; it shadows the Field.label of the declaration.
    label = serializers.CharField()  # type: ignore[assignment]


@extend_schema_serializer(component_name="PublicPetitionStatus")
class TrackingSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    unit = serializers.CharField(help_text="Mã cơ quan nhận đơn.")
    received_on = serializers.DateField()
    status = serializers.ChoiceField(
        choices=[
            "received",
            "processing",
            "accepted",
            "transferred",
            "guided",
            "returned",
            "filed",
            "rejected",
            "resolved",
        ]
    )
    status_label = serializers.CharField()
    events = EventSerializer(many=True)
    next_due = serializers.DateField(allow_null=True, help_text="Thời hạn theo luật sắp tới.")


class PublicPetitionCreateApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ApiAnonThrottle, PublicSubmitThrottle]

    @extend_schema_serializer(component_name="PublicPetitionInput")
    class InputSerializer(JsonTypedSerializer):
        unit = serializers.CharField(help_text="Mã cơ quan nhận đơn.")
        petition_type = serializers.ChoiceField(choices=constants.PUBLIC_TYPE_CHOICES)
        content = serializers.CharField(allow_blank=True)
        request = serializers.CharField(required=False, default="", allow_blank=True)
        sender = PublicSenderSerializer(required=False, allow_null=True, default=None)
        anonymous = serializers.BooleanField(required=False, default=False)

    @extend_schema_serializer(component_name="PublicPetitionCreated")
    class OutputSerializer(serializers.Serializer):
        tracking_code = serializers.CharField()
        received_at = serializers.DateTimeField()
        unit = serializers.CharField()

    @extend_schema(
        operation_id="public_petitions_create",
        request=InputSerializer,
        responses={201: OutputSerializer, **errors(400)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        submitted = services.public_petition_submit(
            unit_code=values["unit"],
            petition_type=values["petition_type"],
            content=values["content"],
            request=values["request"],
            sender=dict(values["sender"]) if values["sender"] else None,
            anonymous=values["anonymous"],
            client=client_address(request),
        )
        if values["sender"] and not values["anonymous"]:
            notifications.email_remember(
                submitted.submission,
                values["sender"].get("email", ""),
                date=submitted.petition.received_on.strftime("%d/%m/%Y"),
            )
        return Response(
            {
                "tracking_code": submitted.submission.tracking_code,
                "received_at": submitted.submission.received_at,
                "unit": submitted.petition.unit.code,
            },
            status=status.HTTP_201_CREATED,
        )


class PublicPetitionStatusApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ApiAnonThrottle, PublicLookupThrottle]

    @extend_schema(
        operation_id="public_petitions_retrieve",
        parameters=[
            OpenApiParameter("id_number", str, description="Số CCCD đã khai khi gửi đơn."),
            OpenApiParameter("phone", str, description="Hoặc số điện thoại đã khai."),
        ],
        responses={200: TrackingSerializer, **errors(404)},
    )
    def get(self, request: Request, tracking_code: str) -> Response:
        submission = selectors.submission_find(
            tracking_code,
            id_number=request.query_params.get("id_number", ""),
            phone=request.query_params.get("phone", ""),
        )
        if submission is None:
            raise NotFound()
        return Response(TrackingSerializer(selectors.tracking(submission)).data)
