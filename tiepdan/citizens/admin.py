from django.contrib import admin

from tiepdan.citizens.models import Citizen
from tiepdan.citizens.visibility import hidden_q


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the desk pages so they are validated and audited."""

    list_display = ["full_name", "id_number", "date_of_birth", "phone", "unit", "merged_into"]
    list_select_related = ["unit", "merged_into"]
    search_fields = ["name_key", "id_number", "phone"]

    def get_queryset(self, request):
        """Denouncers stay sealed here too: a superuser is not their resolver (Luật TC Art 8.3)."""
        return super().get_queryset(request).filter(sealed=False).exclude(hidden_q(request.user))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
