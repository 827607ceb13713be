"""The permission registry as a table an inspector can read: action × role."""

from tiepdan.organizations.constants import Role
from tiepdan.organizations.permissions import Scope, registry

SCOPE_LABELS = {
    Scope.UNIT: "đơn vị và cấp dưới",
    Scope.INSTALLATION: "toàn hệ thống (đơn vị cấp cao nhất)",
}


def matrix_markdown() -> str:
    """One row per declared action, grouped by app; ✓ where the role may act."""
    roles = list(Role)
    head = ["Ứng dụng", "Hành động", "Phạm vi", *(str(r.label) for r in roles), "Ghi chú"]
    lines = [
        "# Bảng phân quyền",
        "",
        "Sinh từ danh mục quyền (`manage.py permission_matrix`); không sửa tay.",
        "Quản trị hệ thống (superuser) có mọi quyền; tài khoản bị khóa không có quyền nào.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for rule in sorted(registry().values(), key=lambda r: (r.app, r.action)):
        marks = ["✓" if role in rule.roles else "" for role in roles]
        row = [rule.app, f"`{rule.action}`", SCOPE_LABELS[rule.scope], *marks, rule.why]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"
