import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["identityrecord", "sealedfile", "sealedtext", "identitygrant"]


def _rename(apps, schema_editor, old: str, new: str) -> None:  # noqa: ANN001
    """The content types of the moved models follow them, their permissions with them (the
    codenames, "add_sealedtext", name no app). Nothing else points to them."""
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    for model in MOVED:
        row = content_types.filter(app_label=old, model=model).first()
        if row is None:  # a new database: post_migrate creates the content types afterwards
            continue
        # A row of the new name can only be one post_migrate made meanwhile, with no rows.
        content_types.filter(app_label=new, model=model).delete()
        row.app_label = new
        row.save(update_fields=["app_label"])


def content_types_forward(apps, schema_editor) -> None:  # noqa: ANN001
    _rename(apps, schema_editor, "cases", "vault")


def content_types_backward(apps, schema_editor) -> None:  # noqa: ANN001
    _rename(apps, schema_editor, "vault", "cases")


class Migration(migrations.Migration):
    """The vault's rows move from `cases` into this app without a row copied: the four models
    take over their tables as they are (`db_table`, constraint and index names kept), state
    only; cases 0017 drops them from its state. The foreign keys to the matter name the
    concrete model (`matters.Matter`), whose table `cases.Case` is a proxy of: the same
    column. The content types follow. All of it reverses.
    """

    initial = True

    dependencies = [
        ("cases", "0016_document_render_state"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("citizens", "0006_citizen_sealed"),
        ("matters", "0001_initial"),
        ("petitions", "0009_document_render_state"),
        ("reception", "0008_visit_case_matter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdentityRecord",
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
                        ("is_representative", models.BooleanField(default=False)),
                        ("full_name_enc", models.BinaryField()),
                        ("address_enc", models.BinaryField()),
                        ("id_number_enc", models.BinaryField()),
                        ("phone_enc", models.BinaryField()),
                        (
                            "waived_on",
                            models.DateField(
                                blank=True, null=True, verbose_name="ngày từ chối giữ bí mật"
                            ),
                        ),
                        (
                            "waiver_note",
                            models.TextField(blank=True, verbose_name="căn cứ từ chối giữ bí mật"),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="identities",
                                to="matters.matter",
                            ),
                        ),
                        (
                            "citizen",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="citizens.citizen",
                            ),
                        ),
                        (
                            "petition",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="petitions.petition",
                            ),
                        ),
                        (
                            "visit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="reception.receptionvisit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "thông tin người tố cáo (niêm phong)",
                        "verbose_name_plural": "thông tin người tố cáo (niêm phong)",
                        "db_table": "cases_identityrecord",
                    },
                ),
                migrations.CreateModel(
                    name="SealedFile",
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
                        ("title_enc", models.BinaryField()),
                        ("content_enc", models.BinaryField()),
                        (
                            "source_attachment_id",
                            models.PositiveBigIntegerField(blank=True, null=True),
                        ),
                        (
                            "identity",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="files",
                                to="vault.identityrecord",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tài liệu niêm phong",
                        "verbose_name_plural": "tài liệu niêm phong",
                        "db_table": "cases_sealedfile",
                    },
                ),
                migrations.CreateModel(
                    name="SealedText",
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
                        ("target", models.CharField(max_length=40)),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("field", models.CharField(max_length=40)),
                        ("text_enc", models.BinaryField()),
                        (
                            "case",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="sealed_texts",
                                to="matters.matter",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "nội dung niêm phong",
                        "verbose_name_plural": "nội dung niêm phong",
                        "db_table": "cases_sealedtext",
                    },
                ),
                migrations.CreateModel(
                    name="IdentityGrant",
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
                        ("reason", models.TextField(verbose_name="lý do giao quyền")),
                        ("granted_at", models.DateTimeField(auto_now_add=True)),
                        ("revoked", models.BooleanField(default=False, verbose_name="đã thu hồi")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="identity_grants",
                                to="matters.matter",
                            ),
                        ),
                        (
                            "granted_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "revoked_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "quyền xem thông tin người tố cáo",
                        "verbose_name_plural": "quyền xem thông tin người tố cáo",
                        "db_table": "cases_identitygrant",
                        "indexes": [
                            models.Index(fields=["user", "revoked"], name="cases_grant_user")
                        ],
                    },
                ),
                migrations.AddConstraint(
                    model_name="identityrecord",
                    constraint=models.UniqueConstraint(
                        fields=("case", "citizen"), name="cases_identity_unique_citizen"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="sealedtext",
                    constraint=models.UniqueConstraint(
                        fields=("target", "object_id", "field"), name="cases_sealed_text_unique"
                    ),
                ),
            ],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
