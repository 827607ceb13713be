"""GET /api/v1/sync/records/ of api-contract.md ("National database synchronisation")."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import Pagination
from tiepdan.natsync import permissions, selectors
from tiepdan.natsync.constants import ObjectKind, Stage, Status
from tiepdan.natsync.models import SyncRecord
from tiepdan.organizations import selectors as org_selectors
from tiepdan.organizations.api import errors
from tiepdan.organizations.http import AuthenticatedApiRequest


class SyncRecordOutputSerializer(serializers.ModelSerializer):
    object = serializers.ChoiceField(choices=ObjectKind.choices, source="object_kind")
    stage = serializers.ChoiceField(choices=Stage.choices)
    status = serializers.ChoiceField(choices=Status.choices)

    class Meta:
        model = SyncRecord
        fields = [
            "id",
            "object",
            "object_id",
            "stage",
            "status",
            "attempts",
            "last_error",
            "national_id",
            "sent_at",
        ]


class SyncRecordListApi(APIView):
    # Read by the schema generator only: it documents the paginated envelope of the list.
    pagination_class = Pagination

    class FilterSerializer(serializers.Serializer):
        unit = serializers.CharField(required=False)
        status = serializers.ChoiceField(choices=Status.choices, required=False)

    @extend_schema(
        operation_id="sync_records_list",
        parameters=[
            OpenApiParameter("unit", str, description="Mã đơn vị (mặc định: mọi đơn vị được xem)"),
            OpenApiParameter("status", str, enum=Status.values),
        ],
        responses={200: SyncRecordOutputSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request: AuthenticatedApiRequest) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        status = filters.validated_data.get("status", "")
        if "unit" in filters.validated_data:
            unit = org_selectors.unit_get(request.user, filters.validated_data["unit"])
            if not permissions.can_view_status(request.user, unit):
                raise PermissionDenied
            records = selectors.record_list(unit=unit, status=status)
        else:
            records = self._everywhere(request, status)
        paginator = Pagination()
        page = paginator.paginate_queryset(records, request, view=self)
        return paginator.get_paginated_response(SyncRecordOutputSerializer(page, many=True).data)

    @staticmethod
    def _everywhere(request: AuthenticatedApiRequest, status: str):
        """Records of every unit where the caller is a leader or an administrator."""
        user = request.user
        qs = SyncRecord.objects.all() if user.is_superuser else None
        if qs is None:
            paths = list(
                user.memberships.filter(role__in=permissions.status_roles()).values_list(
                    "unit__path", flat=True
                )
            )
            if not paths:
                raise PermissionDenied
            q = Q()
            for path in paths:
                q |= Q(unit__path__startswith=path)
            qs = SyncRecord.objects.filter(q)
        if status:
            qs = qs.filter(status=status)
        return qs.select_related("unit").order_by("-updated_at", "-pk")
