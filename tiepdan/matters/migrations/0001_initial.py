import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = [
    (("cases", "case"), ("matters", "matter")),
    (("cases", "subjectcategory"), ("matters", "subjectcategory")),
]


def _rename(apps, schema_editor, old: tuple[str, str], new: tuple[str, str]) -> None:  # noqa: ANN001
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    permissions = apps.get_model("auth", "Permission").objects.using(schema_editor.connection.alias)
    row = content_types.filter(app_label=old[0], model=old[1]).first()
    if row is None:  # a new database: post_migrate creates the content types afterwards
        return
    # A row of the new name can only be one post_migrate made for a model that had no rows
    # yet (the proxy `cases.Case`, or `Matter` after a migration back): nothing points to it
    # but its own permissions. The row that the clocks and alerts point to is `row`.
    content_types.filter(app_label=new[0], model=new[1]).delete()
    for action in ("add", "change", "delete", "view"):
        permissions.filter(content_type=row, codename=f"{action}_{old[1]}").update(
            codename=f"{action}_{new[1]}"
        )
    row.app_label, row.model = new
    row.save(update_fields=["app_label", "model"])


def content_types_forward(apps, schema_editor) -> None:  # noqa: ANN001
    for old, new in MOVED:
        _rename(apps, schema_editor, old, new)


def content_types_backward(apps, schema_editor) -> None:  # noqa: ANN001
    for old, new in MOVED:
        _rename(apps, schema_editor, new, old)


class Migration(migrations.Migration):
    """The matter moves from `cases` into this app without a row copied.

    `Matter` and `SubjectCategory` take over the tables `cases_case` and
    `cases_subjectcategory` as they are (state only); `cases.Case` becomes a proxy of `Matter`
    (cases 0015) and the desk's and petitions' foreign keys point here (reception 0008,
    petitions 0008), also state only. In the database: the citizens link table's column takes
    the name Django gives it for `Matter` (`matter_id`), and the content types and permissions
    of the two models are renamed, so that the legal clocks and alerts that point to a matter
    by content type keep pointing to it. All of it reverses.

    The first-visit triggers stay in reception 0004: they copy the matter's first visit onto
    the desk's visits and are created on `reception_receptionvisit`, a table of the app above
    this one, which this app's migrations cannot depend on.
    """

    initial = True

    dependencies = [
        # The tables exist: they were created as `cases.Case` and `cases.SubjectCategory`.
        ("cases", "0014_intake_vault"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("citizens", "0006_citizen_sealed"),
        ("organizations", "0002_path_pattern_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SubjectCategory",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="tên")),
                        (
                            "bucket",
                            models.CharField(
                                choices=[
                                    ("admin.policy", "Hành chính — chế độ, chính sách"),
                                    ("admin.land_housing", "Hành chính — đất đai, nhà cửa"),
                                    ("admin.civil_service", "Hành chính — công chức, công vụ"),
                                    ("admin.other", "Hành chính — khác"),
                                    ("judicial", "Tư pháp"),
                                    ("party_mass_org", "Đảng, đoàn thể"),
                                    ("corruption", "Tham nhũng"),
                                    ("other", "Lĩnh vực khác"),
                                ],
                                max_length=30,
                                verbose_name="nhóm báo cáo",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organizations.unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "lĩnh vực chi tiết",
                        "verbose_name_plural": "danh mục lĩnh vực chi tiết",
                        "db_table": "cases_subjectcategory",
                        "ordering": ["bucket", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Matter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("complaint_first", "Khiếu nại lần đầu"),
                                    ("complaint_second", "Khiếu nại lần hai"),
                                    ("denunciation", "Tố cáo"),
                                    ("proposal", "Kiến nghị, phản ánh"),
                                    ("mixed", "Nhiều nội dung (cần tách)"),
                                ],
                                max_length=20,
                                verbose_name="loại vụ việc",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("received", "Đã tiếp nhận"),
                                    ("accepted", "Đã thụ lý"),
                                    ("resolved", "Đã giải quyết"),
                                    ("closed", "Đã kết thúc"),
                                    ("suspended", "Tạm đình chỉ"),
                                ],
                                default="received",
                                max_length=20,
                                verbose_name="tình trạng",
                            ),
                        ),
                        (
                            "domain",
                            models.CharField(
                                choices=[
                                    ("admin.policy", "Hành chính — chế độ, chính sách"),
                                    ("admin.land_housing", "Hành chính — đất đai, nhà cửa"),
                                    ("admin.civil_service", "Hành chính — công chức, công vụ"),
                                    ("admin.other", "Hành chính — khác"),
                                    ("judicial", "Tư pháp"),
                                    ("party_mass_org", "Đảng, đoàn thể"),
                                    ("corruption", "Tham nhũng"),
                                    ("other", "Lĩnh vực khác"),
                                ],
                                max_length=30,
                                verbose_name="lĩnh vực",
                            ),
                        ),
                        ("summary", models.TextField(verbose_name="tóm tắt")),
                        ("summary_key", models.TextField(blank=True, editable=False)),
                        ("opened_on", models.DateField(verbose_name="ngày mở")),
                        (
                            "accepted_on",
                            models.DateField(blank=True, null=True, verbose_name="ngày thụ lý"),
                        ),
                        (
                            "first_visit_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="lần tiếp đầu tiên"
                            ),
                        ),
                        (
                            "complexity",
                            models.CharField(
                                choices=[
                                    ("normal", "Bình thường"),
                                    ("complex", "Phức tạp"),
                                    ("very_complex", "Đặc biệt phức tạp"),
                                ],
                                default="normal",
                                max_length=16,
                                verbose_name="mức độ phức tạp",
                            ),
                        ),
                        (
                            "remote_area",
                            models.BooleanField(default=False, verbose_name="vùng sâu, vùng xa"),
                        ),
                        (
                            "disciplinary",
                            models.BooleanField(
                                default=False, verbose_name="khiếu nại quyết định kỷ luật"
                            ),
                        ),
                        (
                            "verification_assigned_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày giao xác minh"
                            ),
                        ),
                        (
                            "verification_team",
                            models.TextField(blank=True, verbose_name="tổ xác minh"),
                        ),
                        (
                            "verification_reported_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày báo cáo kết quả xác minh"
                            ),
                        ),
                        (
                            "verification_findings",
                            models.TextField(blank=True, verbose_name="kết quả xác minh"),
                        ),
                        (
                            "verification_differs",
                            models.BooleanField(
                                blank=True, null=True, verbose_name="yêu cầu khác kết quả xác minh"
                            ),
                        ),
                        (
                            "suspended_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày tạm đình chỉ"
                            ),
                        ),
                        (
                            "withdrawal",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Không"),
                                    ("partial", "Rút một phần"),
                                    ("full", "Rút toàn bộ"),
                                ],
                                default="",
                                max_length=10,
                                verbose_name="rút đơn",
                            ),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("right", "Khiếu nại đúng"),
                                    ("wrong", "Khiếu nại sai"),
                                    ("partly", "Khiếu nại đúng một phần"),
                                    ("uphold", "Công nhận quyết định giải quyết lần đầu"),
                                    ("amend", "Hủy bỏ, sửa đổi quyết định giải quyết lần đầu"),
                                    ("den_right", "Tố cáo đúng"),
                                    ("den_wrong", "Tố cáo sai"),
                                    ("den_partly", "Tố cáo có đúng, có sai"),
                                    ("answered", "Đã trả lời kiến nghị, phản ánh"),
                                    ("withdrawn", "Rút toàn bộ"),
                                    ("terminated", "Đình chỉ giải quyết"),
                                ],
                                max_length=12,
                                verbose_name="kết quả",
                            ),
                        ),
                        (
                            "decided_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày quyết định, kết luận"
                            ),
                        ),
                        (
                            "decision_number",
                            models.CharField(
                                blank=True, max_length=40, verbose_name="số quyết định, kết luận"
                            ),
                        ),
                        (
                            "decision_text",
                            models.TextField(
                                blank=True, verbose_name="nội dung quyết định, kết luận"
                            ),
                        ),
                        (
                            "sent_on",
                            models.DateField(blank=True, null=True, verbose_name="ngày gửi"),
                        ),
                        (
                            "effective_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày có hiệu lực"
                            ),
                        ),
                        (
                            "handled_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày xử lý kết luận"
                            ),
                        ),
                        (
                            "published_on",
                            models.DateField(blank=True, null=True, verbose_name="ngày công khai"),
                        ),
                        (
                            "money_to_state",
                            models.DecimalField(
                                decimal_places=3,
                                default=0,
                                max_digits=14,
                                verbose_name="tiền thu hồi về Nhà nước (triệu đồng)",
                            ),
                        ),
                        (
                            "money_returned",
                            models.DecimalField(
                                decimal_places=3,
                                default=0,
                                max_digits=14,
                                verbose_name="tiền trả lại tổ chức, cá nhân (triệu đồng)",
                            ),
                        ),
                        (
                            "land_to_state",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=14,
                                verbose_name="đất thu hồi về Nhà nước (m²)",
                            ),
                        ),
                        (
                            "land_returned",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=14,
                                verbose_name="đất trả lại tổ chức, cá nhân (m²)",
                            ),
                        ),
                        (
                            "persons_disciplined",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số người bị xử lý kỷ luật"
                            ),
                        ),
                        (
                            "referred_cases",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số vụ chuyển cơ quan điều tra"
                            ),
                        ),
                        (
                            "referred_persons",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số người chuyển cơ quan điều tra"
                            ),
                        ),
                        (
                            "decision_money_to_state",
                            models.DecimalField(
                                decimal_places=3,
                                default=0,
                                max_digits=14,
                                verbose_name="tiền kiến nghị thu hồi về Nhà nước (triệu đồng)",
                            ),
                        ),
                        (
                            "decision_land_to_state",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=14,
                                verbose_name="đất kiến nghị thu hồi về Nhà nước (m²)",
                            ),
                        ),
                        (
                            "decision_money_returned",
                            models.DecimalField(
                                decimal_places=3,
                                default=0,
                                max_digits=14,
                                verbose_name="tiền phải trả lại tổ chức, cá nhân (triệu đồng)",
                            ),
                        ),
                        (
                            "decision_money_returned_orgs",
                            models.DecimalField(
                                decimal_places=3,
                                default=0,
                                max_digits=14,
                                verbose_name="trong đó tiền phải trả lại tổ chức (triệu đồng)",
                            ),
                        ),
                        (
                            "decision_land_returned",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=14,
                                verbose_name="đất phải trả lại tổ chức, cá nhân (m²)",
                            ),
                        ),
                        (
                            "decision_land_returned_orgs",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=14,
                                verbose_name="trong đó đất phải trả lại tổ chức (m²)",
                            ),
                        ),
                        (
                            "decision_restored_orgs",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số tổ chức được trả lại quyền lợi"
                            ),
                        ),
                        (
                            "decision_restored_persons",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số cá nhân được trả lại quyền lợi"
                            ),
                        ),
                        (
                            "proposed_disciplined",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số người bị kiến nghị xử lý hành chính"
                            ),
                        ),
                        (
                            "proposed_disciplined_officials",
                            models.PositiveIntegerField(
                                default=0,
                                verbose_name="trong đó cán bộ, công chức, viên chức bị kiến nghị xử lý",
                            ),
                        ),
                        (
                            "proposed_disciplined_orgs",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số tổ chức bị kiến nghị xử lý hành chính"
                            ),
                        ),
                        (
                            "money_returned_orgs",
                            models.DecimalField(
                                decimal_places=3,
                                default=0,
                                max_digits=14,
                                verbose_name="trong đó tiền đã trả lại tổ chức (triệu đồng)",
                            ),
                        ),
                        (
                            "land_returned_orgs",
                            models.DecimalField(
                                decimal_places=2,
                                default=0,
                                max_digits=14,
                                verbose_name="trong đó đất đã trả lại tổ chức (m²)",
                            ),
                        ),
                        (
                            "restored_orgs",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số tổ chức đã được trả lại quyền lợi"
                            ),
                        ),
                        (
                            "restored_persons",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số cá nhân đã được trả lại quyền lợi"
                            ),
                        ),
                        (
                            "orgs_disciplined",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số tổ chức bị xử lý"
                            ),
                        ),
                        (
                            "disciplined_officials",
                            models.PositiveIntegerField(
                                default=0,
                                verbose_name="trong đó cán bộ, công chức, viên chức bị xử lý",
                            ),
                        ),
                        (
                            "referred_officials",
                            models.PositiveIntegerField(
                                default=0,
                                verbose_name="trong đó cán bộ, công chức, viên chức chuyển cơ quan điều tra",
                            ),
                        ),
                        (
                            "prosecuted_cases",
                            models.PositiveIntegerField(default=0, verbose_name="số vụ đã khởi tố"),
                        ),
                        (
                            "prosecuted_persons",
                            models.PositiveIntegerField(
                                default=0, verbose_name="số người đã khởi tố"
                            ),
                        ),
                        (
                            "prosecuted_officials",
                            models.PositiveIntegerField(
                                default=0,
                                verbose_name="trong đó cán bộ, công chức, viên chức đã khởi tố",
                            ),
                        ),
                        (
                            "executed_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày thi hành xong"
                            ),
                        ),
                        (
                            "next_due",
                            models.DateField(
                                blank=True, editable=False, null=True, verbose_name="hạn gần nhất"
                            ),
                        ),
                        (
                            "next_rule",
                            models.CharField(
                                blank=True,
                                default="",
                                editable=False,
                                max_length=80,
                                verbose_name="thời hạn gần nhất",
                            ),
                        ),
                        (
                            "citizens",
                            models.ManyToManyField(
                                blank=True, related_name="cases", to="citizens.citizen"
                            ),
                        ),
                        (
                            "previous",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="follow_ups",
                                to="matters.matter",
                                verbose_name="vụ việc trước (lần đầu, tố cáo trước)",
                            ),
                        ),
                        (
                            "resolver",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người giải quyết",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organizations.unit",
                                verbose_name="đơn vị",
                            ),
                        ),
                        (
                            "subject",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="matters.subjectcategory",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "vụ việc",
                        "verbose_name_plural": "vụ việc",
                        "db_table": "cases_case",
                        "ordering": ["-opened_on", "-pk"],
                        "indexes": [
                            models.Index(fields=["unit", "opened_on"], name="cases_unit_opened"),
                            models.Index(
                                fields=["next_due", "-accepted_on", "-id"], name="cases_next_due"
                            ),
                            models.Index(
                                fields=["unit", "-decided_on", "-id"], name="cases_unit_decided"
                            ),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunSQL(
            "ALTER TABLE cases_case_citizens RENAME COLUMN case_id TO matter_id",
            "ALTER TABLE cases_case_citizens RENAME COLUMN matter_id TO case_id",
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
