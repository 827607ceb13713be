"""Print the permission matrix, generated from the one registry (docs/permissions.md)."""

from django.core.management.base import BaseCommand

from tiepdan.organizations.permission_matrix import matrix_markdown


class Command(BaseCommand):
    help = "In bảng phân quyền (hành động × vai trò) từ danh mục quyền của các ứng dụng."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(matrix_markdown(), ending="")
