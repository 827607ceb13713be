"""Units and users endpoints of api-contract.md."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.api import ErrorSerializer, JsonTypedSerializer, Pagination
from tiepdan.core.errors import DomainError
from tiepdan.organizations import permissions, selectors, services
from tiepdan.organizations.constants import Role, UnitKind
from tiepdan.organizations.http import AuthenticatedApiRequest
from tiepdan.organizations.models import Unit

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Dữ liệu không hợp lệ"),
    401: OpenApiResponse(ErrorSerializer, description="Chưa xác thực"),
    403: OpenApiResponse(ErrorSerializer, description="Không có quyền"),
    404: OpenApiResponse(ErrorSerializer, description="Không tìm thấy"),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The error responses an operation can actually return (the schema lists no others)."""
    return {code: ERRORS[code] for code in codes}


class UnitOutputSerializer(serializers.ModelSerializer):
    # Null for a top-level unit and for a unit not merged into another.
    # DRF's stubs type a field named `parent` as the serializer's parent: a field, not that.
    parent = serializers.SlugRelatedField[Unit](  # type: ignore[assignment]
        slug_field="code", read_only=True, allow_null=True
    )
    merged_into = serializers.SlugRelatedField[Unit](
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "valid_from", "valid_to", "merged_into"]


class UnitListCreateApi(APIView):
    # Read by the schema generator only: it documents the paginated envelope of the list.
    pagination_class = Pagination

    @extend_schema_serializer(component_name="UnitCreateInput")
    class InputSerializer(JsonTypedSerializer):
        code = serializers.CharField(max_length=32)
        name = serializers.CharField(max_length=255)
        kind = serializers.ChoiceField(choices=UnitKind.choices)
        parent = serializers.CharField(  # type: ignore[assignment]  # a field, see above
            allow_null=True, required=False, default=None
        )
        valid_from = serializers.DateField(required=False, allow_null=True, default=None)
        valid_to = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="units_list",
        responses={200: UnitOutputSerializer(many=True), 401: ERRORS[401]},
    )
    def get(self, request: AuthenticatedApiRequest) -> Response:
        units = selectors.visible_units(request.user).select_related("parent", "merged_into")
        paginator = Pagination()
        page = paginator.paginate_queryset(units.order_by("path"), request, view=self)
        return paginator.get_paginated_response(UnitOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="units_create",
        request=InputSerializer,
        responses={201: UnitOutputSerializer, **errors(400, 401, 403)},
    )
    def post(self, request: AuthenticatedApiRequest) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        parent = None
        if values["parent"]:
            parent = selectors.visible_units(request.user).filter(code=values["parent"]).first()
            if parent is None:
                raise DomainError(
                    _("Không tìm thấy đơn vị cấp trên %(code)s.") % {"code": values["parent"]},
                    code="unknown_parent",
                    fields={"parent": [_("Không tìm thấy đơn vị cấp trên.")]},
                )
            permissions.require(request.user, permissions.Action.UNIT_MANAGE, parent)
        elif not request.user.is_superuser:
            raise DomainError(
                _("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất; hãy chọn đơn vị cấp trên."),
                code="parent_required",
                fields={"parent": [_("Bắt buộc.")]},
            )
        values["parent"] = parent
        unit = services.unit_create(**values, actor=request.user)
        return Response(UnitOutputSerializer(unit).data, status=status.HTTP_201_CREATED)


class UnitDetailApi(APIView):
    @extend_schema(
        operation_id="units_retrieve", responses={200: UnitOutputSerializer, **errors(401, 404)}
    )
    def get(self, request: AuthenticatedApiRequest, code: str) -> Response:
        unit = selectors.unit_get(request.user, code)
        return Response(UnitOutputSerializer(unit).data)


class UserCreateApi(APIView):
    @extend_schema_serializer(component_name="UserCreateInput")
    class InputSerializer(JsonTypedSerializer):
        class MembershipSerializer(JsonTypedSerializer):
            unit = serializers.CharField()
            role = serializers.ChoiceField(choices=Role.choices)

        username = serializers.CharField(max_length=150)
        password = serializers.CharField(write_only=True)
        full_name = serializers.CharField(max_length=150, required=False, default="")
        email = serializers.EmailField(required=False, default="")
        memberships = MembershipSerializer(many=True, required=False, default=list)

    @extend_schema_serializer(component_name="UserCreated")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        username = serializers.CharField()
        full_name = serializers.CharField()
        memberships = serializers.SerializerMethodField()

        def get_memberships(self, user) -> list[dict[str, str]]:
            return [{"unit": m.unit.code, "role": m.role} for m in user.memberships.all()]

    @extend_schema(
        operation_id="users_create",
        request=InputSerializer,
        responses={201: OutputSerializer, **errors(400, 401, 403)},
    )
    def post(self, request: AuthenticatedApiRequest) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        is_admin = request.user.memberships.filter(role=Role.UNIT_ADMIN).exists()
        if not (request.user.is_superuser or is_admin):
            raise PermissionDenied()
        codes = [m["unit"] for m in values["memberships"]]
        units = {u.code: u for u in selectors.visible_units(request.user).filter(code__in=codes)}
        unknown = [c for c in codes if c not in units]
        if unknown:
            raise DomainError(
                _("Không tìm thấy đơn vị: %(codes)s.") % {"codes": ", ".join(unknown)},
                code="unknown_unit",
                fields={
                    "memberships": [_("Không tìm thấy đơn vị %(c)s.") % {"c": c} for c in unknown]
                },
            )
        for unit in units.values():
            permissions.require(request.user, permissions.Action.USER_MANAGE, unit)
        with transaction.atomic():
            user = services.user_create(
                username=values["username"],
                password=values["password"],
                full_name=values["full_name"],
                email=values["email"],
                memberships=[(units[m["unit"]], m["role"]) for m in values["memberships"]],
                actor=request.user,
            )
        user = type(user).objects.prefetch_related("memberships__unit").get(pk=user.pk)
        return Response(self.OutputSerializer(user).data, status=status.HTTP_201_CREATED)
